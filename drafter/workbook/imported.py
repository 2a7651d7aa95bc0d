"""Write the workbook `drafter import` planned: the pack's blank workbook (blank.make_blank)
with 基本信息, 大纲, 指标 and 规则 filled from last year's report, every cell found by its
header's name. Only this module of the import knows openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import Catalog
from drafter.workbook import blank, layout, origin, styling

NOTE = "由 drafter import 从去年的报告填写,请核对"
NOT_REQUIRED = origin.NOT_REQUIRED_FACT


@dataclass
class OutlineLine:
    level: str  # 一级标题 … 要点 段落
    title: str
    body: str


@dataclass
class OwnIndicator:
    id: str  # 导入.受理法律援助案件
    section: str
    key: str
    name: str
    unit: str
    kind: str  # 计数 金额 比率 数值
    previous: str  # 上年同期 as typed: 130余, 1.42万, 30.43%
    note: str = ""
    context: str = ""  # the words of the report it was named from (not written)


@dataclass
class RuleLine:
    word: str  # 合计 比率 包含: the 规则 sheet's word (layout.RULE_WORDS)
    target: str
    parts: tuple[str, ...]
    digits: int | None = None
    note: str = ""


@dataclass
class Plan:
    facts: dict[str, str] = field(default_factory=dict)
    outline: list[OutlineLine] = field(default_factory=list)
    own: list[OwnIndicator] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)  # catalog id → 上年同期
    rules: list[RuleLine] = field(default_factory=list)
    office: str = ""
    not_required: list[str] = field(default_factory=list)  # required ids the report never had


def write(plan: Plan, catalog: Catalog, kind: str, title: str, out: Path, *,
          replace: bool = False, parts: tuple[str, ...] = ()) -> None:
    """`parts`: the parts a report of `kind` must have, named on 填写说明 as init names them."""
    blank.save(make(plan, catalog, kind, title, parts), out, replace=replace)


def make(plan: Plan, catalog: Catalog, kind: str, title: str,
         parts: tuple[str, ...] = ()) -> Workbook:
    wb = blank.make_blank(catalog, kind, title, office=plan.office, parts=parts)
    _facts(wb[layout.FACTS], plan.facts)
    if plan.not_required:
        names = "、".join(catalog.indicators[i].name for i in plan.not_required
                         if i in catalog.indicators)
        _facts(wb[layout.FACTS], {NOT_REQUIRED: "、".join(plan.not_required)},
               note=f"模板包要求填写的 {names} 去年的报告没有写到,检查时本表不再要求;"
                    "填上数也照常写进报告。删去这里的编号即恢复必填")
    _figures(wb[layout.FIGURES], plan)
    _outline(_sheet(wb, layout.OUTLINE, layout.OUTLINE_HEADERS, (10, 30, 90, 30)), plan.outline)
    _rules(_sheet(wb, layout.RULES, layout.RULE_HEADERS, (8, 30, 50, 8, 8, 50)), plan.rules)
    return wb


def _columns(ws: Worksheet) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def _column(ws: Worksheet, header: str) -> int:
    """The column of `header`; added after the last one when the blank has none yet."""
    cols = _columns(ws)
    if header not in cols:
        col = ws.max_column + 1
        cell = styling.put(ws, 1, col, header)
        cell.fill, cell.font = styling.HEADER_FILL, styling.HEADER_FONT
        return col
    return cols[header]


def _sheet(wb: Workbook, name: str, headers: tuple[str, ...], widths: tuple[int, ...]) -> Worksheet:
    """The blank's sheet emptied of its default rows, or a new one."""
    if name in wb.sheetnames:
        ws = wb[name]
        if ws.max_row > 1:
            ws.delete_rows(2, ws.max_row - 1)
        return ws
    ws = wb.create_sheet(name)
    styling.header_row(ws, headers, widths)
    ws.freeze_panes = "A2"
    return ws


def _facts(ws: Worksheet, facts: dict[str, str], note: str = NOTE) -> None:
    key_col, value_col = _column(ws, "项目"), _column(ws, "内容")
    note_col = _columns(ws).get("说明")
    rows = {str(ws.cell(r, key_col).value or "").strip(): r for r in range(2, ws.max_row + 1)}
    for key, value in facts.items():
        row = rows.get(key)
        if row is None:
            row = ws.max_row + 1
            styling.put(ws, row, key_col, key).font = Font(bold=True)
            if note_col:
                styling.put(ws, row, note_col, note).alignment = styling.WRAP
        cell = styling.put(ws, row, value_col, value)
        cell.protection = styling.UNLOCKED
        cell.fill = styling.INPUT_FILL
        cell.number_format = "@"


def _figures(ws: Worksheet, plan: Plan) -> None:
    cols = {h: _column(ws, h) for h in layout.FIGURE_HEADERS}
    rows = {str(ws.cell(r, cols["编号"]).value or "").strip(): r
            for r in range(2, ws.max_row + 1)}
    for ind_id, typed in plan.previous.items():
        if ind_id in rows:
            _value(ws, rows[ind_id], cols["上年同期"], typed)
    row = ws.max_row
    for own in plan.own:
        row += 1
        values = {"编号": own.id, "板块": own.section, "指标": own.name, "单位": own.unit,
                  "类型": own.kind, "说明": own.note}
        for header, value in values.items():
            styling.put(ws, row, cols[header], value or None)
        for header in ("本期", "上年同期", "说明"):
            ws.cell(row, cols[header]).protection = styling.UNLOCKED
            ws.cell(row, cols[header]).fill = styling.INPUT_FILL
        _value(ws, row, cols["上年同期"], own.previous)
    if ws.auto_filter.ref:
        last = ws.cell(1, ws.max_column).column_letter
        ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"


def _value(ws: Worksheet, row: int, col: int, typed: str) -> None:
    """A plain integer as a number; 130余, 1.42万, 30.43% as the text typed."""
    value: object = int(typed) if typed.isdigit() and len(typed) < 15 else typed
    cell = styling.put(ws, row, col, value)
    cell.protection = styling.UNLOCKED


def _outline(ws: Worksheet, lines: list[OutlineLine]) -> None:
    cols = {h: _column(ws, h) for h in ("层级", "标题", "内容")}
    for r, line in enumerate(lines, start=2):
        for header, value in (("层级", line.level), ("标题", line.title), ("内容", line.body)):
            cell = styling.put(ws, r, cols[header], value or None)
            cell.alignment = styling.WRAP
            cell.protection = styling.UNLOCKED


def _rules(ws: Worksheet, lines: list[RuleLine]) -> None:
    cols = {h: _column(ws, h) for h in ("类型", "指标", "组成", "小数位", "说明")}
    row = ws.max_row
    while row > 1 and all(c.value in (None, "") for c in ws[row]):
        row -= 1
    joiner = {"比率": "／", "合计": "＋"}
    for line in lines:
        row += 1
        values = {"类型": line.word, "指标": line.target,
                  "组成": joiner.get(line.word, "、").join(line.parts),
                  "小数位": line.digits, "说明": line.note}
        for header, value in values.items():
            styling.put(ws, row, cols[header], value).protection = styling.UNLOCKED
