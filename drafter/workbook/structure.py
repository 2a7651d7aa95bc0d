"""Merged and hidden cells over the cells the reader takes values from.

Merging keeps only the top-left cell's content: a range merged over 本期 figures, or over a
point's 内容, leaves the other cells blank, and a blank figure silently drops its sentence from
the report. So each merged range that covers a value cell other than its own top-left is a
warning naming the range. Hidden rows and columns are read like any other (what is typed in
them counts), and an info finding says so, since the clerk may not see them.
"""

from __future__ import annotations

from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Severity, column_letter, define, finding
from drafter.workbook.worksheet import Sheet

MERGED = define(
    "merged-cells",
    Severity.WARNING,
    "合并单元格盖住了数据",
    "合并单元格只保留左上角一格的内容,被盖住的格子按空白读取:盖住数字,报告中相应的句子就会略去。"
    "请取消合并,逐格填写。",
    "指标!E12:E13:合并单元格盖住了“本期”列的 E13,只读取左上角 E12 的内容,E13 按空白处理",
)
HIDDEN = define(
    "hidden-cells",
    Severity.INFO,
    "隐藏的行或列照常读取",
    "工作表中有隐藏的行或列,其中填写的内容和其他格子一样读取、写进报告。核对隐藏处的内容是否要用。",
    "指标:第 12、15 行是隐藏行,其中的内容照常读取",
)
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
            MERGED,
            f"合并单元格 {span} 盖住了“{by_col[c]}”列的 {_addr(r, c)},只读取左上角 "
            f"{_addr(r1, c1)} 的内容,{_addr(r, c)} 按空白处理",
            [CellRef(sheet.title, span)],
        ))
    rows = [r for r in sheet.hidden_rows if r > head
            and any(sheet.value(r, c) is not None for c in by_col)]
    if rows:
        rows.sort()
        listed = "、".join(str(r + 1) for r in rows[:_LISTED]) + ("等" if len(rows) > _LISTED else "")
        data.findings.append(finding(HIDDEN, f"第 {listed} 行是隐藏行,其中的内容照常读取",
                                     [CellRef(sheet.title, f"A{rows[0] + 1}")]))
    hidden = [c for c in sorted(by_col) if c in sheet.hidden_columns]
    if hidden:
        names = "、".join(f"{column_letter(c + 1)} 列(“{by_col[c]}”)" for c in hidden)
        data.findings.append(finding(HIDDEN, f"{names}是隐藏列,其中的内容照常读取",
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
