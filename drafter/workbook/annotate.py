"""A copy of a workbook with the findings shown on their cells (`drafter check --annotate`).

Each cell a finding names is filled red (an error) or yellow (a warning; a cell with both is
red) and carries one comment by "drafter" holding every finding on it, worst first, else in the
order given. A note (提示) comments only its first cell (the figure it is about), unfilled. A comment the cell already had is
kept below drafter's. Findings without cells, or naming a sheet or cell the workbook lacks, are
left out. The input is never modified: the copy is written beside `out` and renamed into place.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from drafter.errors import OutputError
from drafter.files import exists, same_file
from drafter.model.findings import Finding, Severity, cell_position
from drafter.workbook import blank, edit, xlsx
from drafter.workbook.sniff import ensure_xlsx
from drafter.workbook.text import fullwidth

AUTHOR = "drafter"
FILLS = {  # Excel's own "bad" and "neutral" cell colours
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}


def annotate(src: Path, out: Path, findings: list[Finding], *, replace: bool = False) -> None:
    """Write a copy of `src` to `out` with each finding's cells filled and commented;
    an existing `out` is overwritten only with `replace` (--force)."""
    src, out = Path(src), Path(out)
    if same_file(src, out):
        raise OutputError("标注副本不能覆盖原工作簿,请另指定输出文件名", file=str(out))
    if exists(out) and not replace:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(out))
    ensure_xlsx(src)
    # through drafter's own reader first, as init --from and merge (edit.open_book); not
    # data_only: formulas survive in the copy; a number Excel cannot hold stays as its digits
    wb = edit.open_book(src, xlsx.read(src), "无法生成标注副本;请不加 --annotate 检查,"
                        "按结果中的单元格位置核对", huge_as_text=True)
    for (sheet, coord), items in _by_cell(findings).items():
        if sheet not in wb.sheetnames:
            continue
        cell = _locate(wb[sheet], coord)
        if cell is None:
            continue
        items.sort(key=lambda f: -f.severity.rank)  # stable: the given order within a severity
        if items[0].severity in FILLS:
            cell.fill = FILLS[items[0].severity]
        text = "\n".join(f"【{f.severity.value}】{fullwidth(f.message)}（{f.code}）" for f in items)
        if cell.comment is not None and cell.comment.author != AUTHOR:
            text += f"\n——原批注——\n{cell.comment.text}"
        lines = sum(len(line) // 24 + 1 for line in text.splitlines())
        cell.comment = Comment(text, AUTHOR, width=320, height=min(60 + 18 * lines, 600))
    blank.save(wb, out, replace=replace)


def _by_cell(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    cells: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        refs = f.cells if f.severity is not Severity.INFO else f.cells[:1]  # a note: its own cell
        for ref in dict.fromkeys(refs):
            coord = ref.cell.replace("$", "").upper().partition(":")[0]  # a range: its first cell
            cells.setdefault((ref.sheet, coord), []).append(f)
    return cells


def _locate(ws: Worksheet, coord: str):
    """The cell at `coord` ("E12"); a merged range's top-left cell; None if not a cell."""
    at = cell_position(coord)
    if at is None or at[1] > 16384 or at[0] > 1048576:
        return None
    row, col = at
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
            row, col = merged.min_row, merged.min_col
    return ws.cell(row=row, column=col)
