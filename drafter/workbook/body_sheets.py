"""The 大纲 and 规则 sheets of a blank workbook, and the rows a clerk adds to 指标.

大纲 holds the pack's default report body as editable rows (drafter init writes
outline.toml's rows), so a clerk starts from a complete report and rewords, reorders, adds and
deletes rows. 规则 starts empty with a dropdown for 类型. Neither sheet is protected: a clerk
must be able to insert and move rows freely.
"""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import KIND_NAMES
from drafter.model.figures import LEVEL_NAMES, OutlineRow
from drafter.workbook import layout
from drafter.workbook.blank import INPUT_FILL, UNLOCKED, WRAP, header_row, printable, put

SPARE_ROWS = 200  # rows below the defaults that carry the dropdown, ready to be filled
_HEADING_FILLS = (PatternFill("solid", fgColor="DDEBF7"), PatternFill("solid", fgColor="EEF5FB"))



def _dropdown(ws: Worksheet, choices: tuple[str, ...], cells: str, error: str) -> None:
    choice = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True,
                            errorStyle="stop", showErrorMessage=True, errorTitle="请从列表中选择",
                            error=error)
    ws.add_data_validation(choice)
    choice.add(cells)


def outline_sheet(ws: Worksheet, rows: list[OutlineRow], hints: list[str]) -> None:
    header_row(ws, layout.OUTLINE_HEADERS, (12, 44, 90, 40))
    ws.cell(row=1, column=1).comment = Comment(
        "从下拉列表选:一级标题…四级标题、要点(一是……)、段落。序号由程序编排,不要手写。", "drafter")
    ws.cell(row=1, column=3).comment = Comment(
        "可引用指标表中的数:【法律援助.受理案件】、【受理法律援助案件｜同比】,见“填写说明”。",
        "drafter")
    for n, row in enumerate(rows, start=2):
        put(ws, n, 1, LEVEL_NAMES[row.level - 1])
        put(ws, n, 2, row.title or None)
        put(ws, n, 3, row.body or None)
        hint = hints[n - 2] if n - 2 < len(hints) else ""
        put(ws, n, 4, hint or None)
        if row.heading:
            fill = _HEADING_FILLS[min(row.level, 2) - 1]
            for col in (1, 2):
                ws.cell(row=n, column=col).fill = fill
                ws.cell(row=n, column=col).font = Font(bold=row.level == 1)
    last = len(rows) + 1 + SPARE_ROWS
    for r in range(2, last + 1):
        for col in (2, 3, 4):
            ws.cell(row=r, column=col).alignment = WRAP
        ws.cell(row=r, column=3).fill = INPUT_FILL
    _dropdown(ws, layout.OUTLINE_LEVELS, f"A2:A{last}",
              "层级应为:一级标题、二级标题、三级标题、四级标题、要点、段落")
    ws.freeze_panes = "B2"
    printable(ws)


def rules_sheet(ws: Worksheet) -> None:
    header_row(ws, layout.RULE_HEADERS, (10, 30, 60, 8, 40))
    examples = (
        ("合计", "“指标”等于“组成”各项之和。组成用 ＋ 或 、 分开,如:调解婚姻家庭纠纷＋调解邻里纠纷"),
        ("比率", "“指标”等于 分子／分母,按“小数位”取舍。如:指标 调解成功率,组成 调解成功／调处纠纷,"
                 "小数位 1"),
        ("包含", "“组成”中每一项都不大于“指标”,如:指标 受理法律援助案件,组成 刑事法律援助案件"),
    )
    ws.cell(row=1, column=1).comment = Comment(
        "\n".join(f"{k}:{v}" for k, v in examples), "drafter", width=400, height=200)
    for r in range(2, 2 + SPARE_ROWS):
        for col in (1, 2, 3, 4):
            ws.cell(row=r, column=col).fill = INPUT_FILL
        ws.cell(row=r, column=5).alignment = WRAP
    _dropdown(ws, tuple(layout.RULE_KINDS), f"A2:A{1 + SPARE_ROWS}", "类型应为:合计、比率、包含")
    ws.freeze_panes = "B2"
    printable(ws)


def spare_figure_rows(ws: Worksheet, first: int) -> None:
    """Rows below the catalog's where a clerk adds the office's own indicators: unlocked,
    with a dropdown for 类型 (filling it is what makes the row a new indicator)."""
    last = first + SPARE_ROWS - 1
    for r in range(first, last + 1):
        for col in range(1, len(layout.FIGURE_HEADERS) + 1):
            cell = ws.cell(row=r, column=col)
            cell.protection = UNLOCKED
            if col in (1, 3, 5, 6, 7):
                cell.fill = INPUT_FILL
    put(ws, first, 8, "↑ 以上为目录中的指标。新增本单位的指标:在此行起填写编号、指标名称、单位,"
        "并在“类型”中选择").alignment = WRAP
    _dropdown(ws, tuple(KIND_NAMES.values()), f"E{first}:E{last}",
              "类型应为:计数、金额、比率、数值、文字")
