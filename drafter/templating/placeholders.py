"""The 【待补充：…】 a rendered report still holds: a warning for each, so that a report made
without --draft never goes out with a gap nobody was told about. Both kinds are found: a
value the template wanted and the workbook lacks (a marked span: the 基本信息 item is named),
and the words typed into a cell (a report imported without a part the rules require gets
【待补充：…】 in its 大纲: that cell is named, since filling the item would not replace it)."""

from __future__ import annotations

import re

from drafter.model.document import Document, Heading, Mark, Paragraph, Table
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Finding, finding
from drafter.model.quantity import missing_text
from drafter.templating.codes import PLACEHOLDER_LEFT

_OPEN, _CLOSE = missing_text("\x00").split("\x00")
_PLACEHOLDER = re.compile(re.escape(_OPEN) + "(.+?)" + re.escape(_CLOSE))


def findings(doc: Document, data: WorkbookData) -> list[Finding]:
    """A warning for each distinct placeholder of `doc`, in document order."""
    found: dict[str, bool] = {}  # placeholder text → typed into a cell (not a missing value)
    for block in doc.blocks:
        if isinstance(block, Paragraph | Heading):
            for span in block.spans:
                if span.mark is Mark.PLACEHOLDER:
                    found.setdefault(span.text, False)
                else:
                    found.update((m.group(), True) for m in _PLACEHOLDER.finditer(span.text)
                                 if m.group() not in found)
        elif isinstance(block, Table):
            found.update((m.group(), True) for row in block.rows for cell in row
                         for m in _PLACEHOLDER.finditer(cell) if m.group() not in found)
    return [finding(PLACEHOLDER_LEFT, f"报告中留有{text},请在数据表中填写后重新生成,或在 Word 中补写",
                    _typed_in(text, data) if typed else _item(text, data))
            for text, typed in found.items()]


def _item(text: str, data: WorkbookData) -> list[CellRef]:
    """The 基本信息 cell of the item a missing value stands for, if it is one."""
    m = _PLACEHOLDER.fullmatch(text)
    cell = data.fact_cells.get(m.group(1)) if m else None
    return [cell] if cell else []


def _typed_in(text: str, data: WorkbookData) -> list[CellRef]:
    """The cells whose text holds `text`: 大纲 and 要点 rows, 基本信息 items."""
    cells = [row.cell for row in data.outline if row.cell and text in row.body]
    cells += [p.cell for p in data.points if p.cell and text in p.body]
    cells += [data.fact_cells[k] for k, v in data.facts.items()
              if text in v and k in data.fact_cells]
    return cells
