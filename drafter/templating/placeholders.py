"""The 【待补充：…】 a template writes for a value the workbook lacks: a warning for each that
a rendered report still holds, so that a report made without --draft never goes out with a gap
nobody was told about. It names the 基本信息 item the value stands for when it is one. The
words a clerk typed into a cell (sample 001's 大纲 keeps the part its source report lacked so)
are the check's to tell (checks/narrative.py, placeholder-typed): they are left out here, so
that a render, which shows the check's findings too, tells each gap once (a title or a
point's phrase holding one too: the check tells it). In paragraphs, headings and table
cells the writer highlights both alike (outline_text marks the typed ones, word.writer the
table's); a point's phrase is one run, and its gap is told all the same."""

from __future__ import annotations

from drafter.model.document import Document, Heading, Mark, Paragraph, Table
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Finding, finding
from drafter.model.quantity import MISSING
from drafter.templating.codes import PLACEHOLDER_LEFT


def findings(doc: Document, data: WorkbookData) -> list[Finding]:
    """A warning for each distinct placeholder of `doc`, in document order."""
    found: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph | Heading):
            found += [s.text for s in block.spans if s.mark is Mark.PLACEHOLDER]
        elif isinstance(block, Table):
            found += [m.group() for row in block.rows for cell in row
                      for m in MISSING.finditer(cell)]
    return [finding(PLACEHOLDER_LEFT, f"报告中留有{text},请在数据表中填写后重新生成,或在 Word 中补写",
                    _item(text, data))
            for text in dict.fromkeys(found) if not _typed(text, data)]


def _typed(text: str, data: WorkbookData) -> bool:
    """Whether `text` is written into a cell the report prints: 大纲 and 要点 rows (their
    titles and phrases too), 基本信息 items (the check told it)."""
    return (any(text in row.body or text in row.title for row in data.outline)
            or any(text in p.body or text in p.lead for p in data.points)
            or any(text in v for v in data.facts.values()))


def _item(text: str, data: WorkbookData) -> list[CellRef]:
    """The 基本信息 cell of the item a missing value stands for, if it is one."""
    m = MISSING.fullmatch(text)
    cell = data.fact_cells.get(m.group(1)) if m else None
    return [cell] if cell else []
