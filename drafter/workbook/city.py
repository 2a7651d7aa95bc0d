"""The city workbook that `drafter rollup` writes.

It is the usual workbook of the kind (drafter init's), filled with the city's figures: the
说明 column of each figure says how it was made (8 个区县相加; 重新计算), and the cells the
city must fill itself are orange with the reason. Two more sheets follow: 区县数据, every
district's figures beside the city's (checked by `drafter check` and the source of 附表), and
汇总来源, which workbooks went in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, OutlineRow
from drafter.model.findings import column_letter
from drafter.model.quantity import as_typed
from drafter.model.rollup import Rollup
from drafter.workbook import blank, layout
from drafter.workbook.styling import header_row, put, text_as_text
from drafter.workbook.text import visible

LEFT_FILL = PatternFill("solid", fgColor="FCD5B4")  # orange: for the city to fill in
CITY_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Source:
    district: str
    path: Path
    verdict: str  # 通过 / 警告 2 项


def make_city(rollup: Rollup, catalog: Catalog, title: str, sources: list[Source],
              unit: str = "",
              outline: tuple[list[OutlineRow], list[str]] = ([], []),
              parts: tuple[str, ...] = ()) -> Workbook:
    """`outline`: the 大纲 rows the city report starts from (the pack's defaults); `parts`:
    the parts its report must have, named on 填写说明 as init names them."""
    wb = blank.make_blank(catalog, rollup.kind, title, outline=outline, parts=parts)
    facts = dict(rollup.facts)
    if unit:  # the city's office signs the city's report (a clerk may change it)
        facts["单位名称"] = facts["署名"] = unit
    known = {f.key for f in catalog.facts}
    values = {i: typed(f, "value") for i, f in rollup.figures.items()}
    previous = {i: typed(f, "previous") for i, f in rollup.figures.items()}
    blank.fill(wb, {k: v for k, v in facts.items() if k in known},
               {k: v for k, v in values.items() if v is not None},
               {k: v for k, v in previous.items() if v is not None})
    _notes(wb[layout.FIGURES], rollup)
    _districts(wb.create_sheet(layout.DISTRICTS), rollup, catalog)
    _sources(wb.create_sheet(layout.SOURCES), sources)
    return wb


def typed(fig: Figure, column: str) -> object:
    """A figure as a clerk would type it: 34334, 0.975 (shown 97.5%), 180余, 约300."""
    value: Decimal | None = getattr(fig, column)
    if value is None:
        return None
    if fig.kind == "rate":
        return float(value / 100)
    number = int(value) if value == value.to_integral_value() else float(value)
    if column == "value" and fig.qualifier:
        return as_typed(value, fig.qualifier)
    return number


def _notes(ws: Worksheet, rollup: Rollup) -> None:
    head = [c.value for c in ws[1]]
    now, before, note = (head.index(h) for h in ("本期", "上年同期", "说明"))
    for row in ws.iter_rows(min_row=2):
        ind_id = str(row[0].value or "")
        fig = rollup.figures.get(ind_id)
        if fig is None:
            continue
        if fig.kind == "rate":
            row[now].number_format = row[before].number_format = blank.percent_format(fig.digits)
        if ind_id in rollup.left:
            text_as_text(row[note], f"需市局填写：{rollup.left[ind_id]}")
            row[now].fill = LEFT_FILL
        elif ind_id in rollup.how:
            text_as_text(row[note], f"汇总：{rollup.how[ind_id]}")


def _districts(ws: Worksheet, rollup: Rollup, catalog: Catalog) -> None:
    headers = (*layout.DISTRICT_HEADERS, *(d.name for d in rollup.districts))
    widths = (26, 12, 34, 8, 13, *(12 for _ in rollup.districts))
    header_row(ws, headers, widths)
    for r, ind in enumerate(catalog.indicators.values(), start=2):
        section = catalog.section_title(ind.section)
        for c, value in enumerate((ind.id, section, ind.name, ind.unit), start=1):
            put(ws, r, c, value)
        figs = [rollup.figures.get(ind.id),
                *(d.data.figures.get(ind.id) for d in rollup.districts)]
        for c, fig in enumerate(figs, start=5):
            if fig is None:
                continue
            value = typed(fig, "value") if fig.text == "" else fig.text
            if value is None and fig.kind != "rate":
                continue  # a blank without a format is not written: no cell (3,000 districts)
            cell = put(ws, r, c, value)
            if fig.kind == "rate":
                cell.number_format = blank.percent_format(fig.digits)
        ws.cell(row=r, column=5).fill = CITY_FILL
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{column_letter(len(headers))}{len(catalog.indicators) + 1}"


def _sources(ws: Worksheet, sources: list[Source]) -> None:
    header_row(ws, layout.SOURCE_HEADERS, (6, 16, 70, 24))
    for r, s in enumerate(sources, start=2):
        for c, value in enumerate((r - 1, s.district, visible(str(s.path)), s.verdict),
                                  start=1):
            put(ws, r, c, value)
    note = put(ws, len(sources) + 3, 1,
               f"由 drafter rollup 于 {datetime.now():%Y-%m-%d %H:%M} 汇总。"
               "区县数据改动后,请重新汇总。")
    note.font = Font(italic=True, color="7F7F7F")
    note.alignment = Alignment(wrap_text=False)
