"""The 【待补充：…】 a rendered report still holds: a warning for each, so that a report made
without --draft never goes out with a gap nobody was told about. Both kinds are found: a
value the template wanted and the workbook lacks, and the words typed into a cell (sample 001's
大纲 keeps the part its source report lacked so); in paragraphs and headings the writer
highlights both alike (outline_text marks the typed ones), a table cell is plain text and its
gap is told all the same. The cells whose text holds the words are named, since
filling an item would not replace them; else the 基本信息 item a missing value stands for."""

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
                    _typed_in(text, data) or _item(text, data))
            for text in dict.fromkeys(found)]


def _typed_in(text: str, data: WorkbookData) -> list[CellRef]:
    """The cells whose text holds `text`: 大纲 and 要点 rows, 基本信息 items."""
    cells = [row.cell for row in data.outline if row.cell and text in row.body]
    cells += [p.cell for p in data.points if p.cell and text in p.body]
    cells += [data.fact_cells[k] for k, v in data.facts.items()
              if text in v and k in data.fact_cells]
    return cells


def _item(text: str, data: WorkbookData) -> list[CellRef]:
    """The 基本信息 cell of the item a missing value stands for, if it is one."""
    m = MISSING.fullmatch(text)
    cell = data.fact_cells.get(m.group(1)) if m else None
    return [cell] if cell else []
