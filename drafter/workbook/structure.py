"""Merged and hidden cells over the cells the reader takes values from.

Merging keeps only the top-left cell's content: a range merged over 本期 figures, or over a
point's 内容, leaves the other cells blank, and a blank figure silently drops its sentence from
the report. So each merged range that covers a value cell other than its own top-left is a
warning naming the range. Hidden rows and columns are read like any other (what is typed in
them counts), and an info finding says so, since the clerk may not see them.
"""

from __future__ import annotations

from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, column_letter, finding
from drafter.workbook.codes import HIDDEN_CELLS, MERGED_CELLS
from drafter.workbook.worksheet import Sheet

_LISTED = 10  # rows named in one finding


def report(sheet: Sheet, head: int, columns: dict[str, int], data: WorkbookData) -> None:
    """Findings for `sheet`, whose data starts below row `head` (0-based) and whose values
    are read from `columns` (header text → column index)."""
    by_col = {c: name for name, c in columns.items()}
    for r1, c1, r2, c2 in sheet.merged:
        if r2 <= head or (r1 == r2 and c1 == c2):
            continue
        covered = _first_covered(r1, c1, r2, c2, head, by_col)
        if covered is None:
            continue
        r, c = covered
        span = f"{_addr(r1, c1)}:{_addr(r2, c2)}"
        data.findings.append(finding(
            MERGED_CELLS,
            f"合并单元格 {span} 盖住了“{by_col[c]}”列的 {_addr(r, c)},只读取左上角 "
            f"{_addr(r1, c1)} 的内容,{_addr(r, c)} 按空白处理",
            [CellRef(sheet.title, span)],
        ))
    rows = [r for r in sheet.hidden_rows if r > head
            and any(sheet.value(r, c) is not None for c in by_col)]
    if rows:
        rows.sort()
        listed = "、".join(str(r + 1) for r in rows[:_LISTED]) + ("等" if len(rows) > _LISTED else "")
        data.findings.append(finding(HIDDEN_CELLS, f"第 {listed} 行是隐藏行,其中的内容照常读取",
                                     [CellRef(sheet.title, f"A{rows[0] + 1}")]))
    hidden = [c for c in sorted(by_col) if c in sheet.hidden_columns]
    if hidden:
        names = "、".join(f"{column_letter(c + 1)} 列(“{by_col[c]}”)" for c in hidden)
        data.findings.append(finding(HIDDEN_CELLS, f"{names}是隐藏列,其中的内容照常读取",
                                     [CellRef(sheet.title, f"{column_letter(hidden[0] + 1)}1")]))


def _first_covered(r1: int, c1: int, r2: int, c2: int, head: int,
                   by_col: dict[int, str]) -> tuple[int, int] | None:
    """The first value cell in the range other than its top-left one, if any."""
    for c in sorted(by_col):
        if not c1 <= c <= c2:
            continue
        r = max(r1, head + 1)
        if (r, c) == (r1, c1):
            r += 1
        if r <= r2:
            return r, c
    return None


def _addr(r: int, c: int) -> str:
    return f"{column_letter(c + 1)}{r + 1}"
