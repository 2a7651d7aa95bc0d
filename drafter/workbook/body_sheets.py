"""The 大纲 and 规则 sheets of a blank workbook, and the rows a clerk adds to 指标.

大纲 holds the pack's default report body as editable rows (drafter init writes
outline.toml's rows), so a clerk starts from a complete report and rewords, reorders, adds and
deletes rows; each row is as tall as its text, headings indented by level. 规则 starts with
example rows (marked 示例, skipped by the reader: workbook/own.py) and input messages on each
column. Neither sheet is protected: a clerk must be able to insert and move rows freely.
"""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import KIND_NAMES, Catalog
from drafter.model import levels
from drafter.model.figures import OutlineRow
from drafter.model.levels import Level
from drafter.workbook import fit, layout, rule_sheet
from drafter.workbook.styling import (
    FIGURE_WIDTHS,
    INPUT_FILL,
    TOP,
    UNLOCKED,
    WRAP,
    header_row,
    printable,
    put,
    zh,
)

SPARE_ROWS = 200  # rows below the defaults that carry the dropdown, ready to be filled
_HEADING_FILLS = (PatternFill("solid", fgColor="BDD7EE"), PatternFill("solid", fgColor="DDEBF7"),
                  PatternFill("solid", fgColor="EEF5FB"), PatternFill("solid", fgColor="F5F9FD"))
OUTLINE_WIDTHS = (12, 44, 90, 40)
RULE_WIDTHS = (14, 30, 44, 8, 8, 56)
_EXAMPLE_FONT = Font(italic=True, color="808080")
_INDENT = {Level.H1: 0, Level.H2: 1, Level.H3: 2, Level.H4: 3, Level.POINT: 2}  # 标题 column indent by level
_INDENT_UNITS = 1.4


def _dropdown(ws: Worksheet, choices: tuple[str, ...], cells: str, error: str,
              prompt: str = "") -> None:
    choice = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True,
                            errorStyle="stop", showErrorMessage=True, errorTitle="请从列表中选择",
                            error=error)
    if prompt:
        choice.showInputMessage, choice.promptTitle, choice.prompt = True, "怎么填", prompt
    ws.add_data_validation(choice)
    choice.add(cells)


def _prompt(ws: Worksheet, cells: str, text: str) -> None:
    """An input message shown when the clerk selects one of `cells` (no check)."""
    tip = DataValidation(type=None, allow_blank=True, showInputMessage=True,
                         promptTitle="怎么填", prompt=text)
    ws.add_data_validation(tip)
    tip.add(cells)


def outline_sheet(ws: Worksheet, rows: list[OutlineRow], hints: list[str]) -> None:
    header_row(ws, layout.OUTLINE_HEADERS, OUTLINE_WIDTHS)
    ws.cell(row=1, column=1).comment = Comment(
        "从下拉列表选：一级标题…四级标题、要点（一是……）、段落。序号由程序编排，不要手写。",
        "drafter")
    ws.cell(row=1, column=3).comment = Comment(
        "可引用指标表中的数：【法律援助.受理案件】、【受理法律援助案件｜同比】，见“填写说明”。",
        "drafter")
    for n, row in enumerate(rows, start=2):
        put(ws, n, 1, Level(row.level).written)
        put(ws, n, 2, zh(row.title) or None)
        put(ws, n, 3, zh(row.body) or None)
        hint = hints[n - 2] if n - 2 < len(hints) else ""
        put(ws, n, 4, zh(hint) or None)
        indent = _INDENT.get(row.level, 0)
        ws.cell(row=n, column=2).alignment = Alignment(horizontal="left", vertical="top",
                                                       wrap_text=True, indent=indent)
        if row.heading:
            fill = _HEADING_FILLS[row.level - 1]
            for col in (1, 2):
                ws.cell(row=n, column=col).fill = fill
                ws.cell(row=n, column=col).font = Font(bold=row.level <= 2)
        fit.fit_row(ws, n, {2: OUTLINE_WIDTHS[1] - indent * _INDENT_UNITS,
                            3: OUTLINE_WIDTHS[2], 4: OUTLINE_WIDTHS[3]})
    last = len(rows) + 1 + SPARE_ROWS
    for r in range(2, last + 1):
        for col in (1, 3, 4):
            ws.cell(row=r, column=col).alignment = WRAP
        if r > len(rows) + 1:
            ws.cell(row=r, column=2).alignment = WRAP
        ws.cell(row=r, column=3).fill = INPUT_FILL
    _dropdown(ws, levels.NAMES, f"A2:A{last}",
              "层级应为：一级标题、二级标题、三级标题、四级标题、要点、段落")
    ws.freeze_panes = "B2"
    printable(ws)


def rules_sheet(ws: Worksheet, catalog: Catalog | None = None) -> None:
    header_row(ws, layout.RULE_HEADERS, RULE_WIDTHS)
    examples = rule_sheet.rule_examples(catalog) if catalog is not None else []
    for r, example in enumerate(examples, start=2):
        for c, value in enumerate(example, start=1):
            cell = put(ws, r, c, value)
            cell.font, cell.alignment = _EXAMPLE_FONT, WRAP
        fit.fit_row(ws, r, dict(enumerate(RULE_WIDTHS, start=1)))
    first = 2 + len(examples)
    last = first + SPARE_ROWS - 1
    for r in range(first, last + 1):
        for col in (1, 2, 3, 4, 5):
            ws.cell(row=r, column=col).fill = INPUT_FILL
        for col in (2, 3, 6):
            ws.cell(row=r, column=col).alignment = WRAP
    kinds = "、".join(layout.RULE_WORDS)
    _dropdown(ws, tuple(layout.RULE_WORDS), f"A{first}:A{last}", f"类型应为：{kinds}",
              "合计：指标等于组成各项之和。比率：指标等于 分子／分母。包含：组成各项都不大于指标。"
              "不超过：“指标”一栏（可写几项之和）不大于“组成”。")
    _prompt(ws, f"B{first}:B{last}", "一个指标的编号或名称；类型为“不超过”时可写几项之和，"
            "如 废止＋拟修改。")
    _prompt(ws, f"C{first}:C{last}", "合计：用“＋”连接各项，要减去的写“－”，如 编制－划转。"
            "比率：分子／分母。包含：“、”分开的各项分别比较，“＋”连起来的按其和比较。")
    _prompt(ws, f"D{first}:D{last}", "只用于比率：保留几位小数，0 到 6。")
    _dropdown(ws, tuple(layout.RULE_LEVELS), f"E{first}:E{last}",
              f"级别应为：{'、'.join(layout.RULE_LEVELS)}",
              "空着或选“错误”：不符时检查不通过。选“警告”：不符时只提醒，仍可生成报告。")
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
            cell.alignment = WRAP if col in (2, 3, 8) else TOP  # a row's cells on one line
    note = put(ws, first, 8, "↑ 以上为目录中的指标。新增本单位的指标：在此行起填写编号、"
               "指标名称、单位，并在“类型”中选择")
    note.alignment = WRAP
    fit.fit_row(ws, first, {8: FIGURE_WIDTHS[7]})
    _dropdown(ws, tuple(KIND_NAMES.values()), f"E{first}:E{last}",
              "类型应为：计数、金额、比率、数值、文字")
