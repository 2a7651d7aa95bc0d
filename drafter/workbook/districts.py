"""The 区县数据 sheet of a city workbook (made by drafter rollup), read back.

Each district's figures become `WorkbookData.districts`, the source of 附表 各县(市、区)主要
指标. The sheet is also checked: where a clerk has changed a district's figure, or the city's,
after the roll-up, the city's figure no longer equals the districts' sum, and that is said
with both cells.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import CellRef, finding
from drafter.model.quantity import plain_text
from drafter.workbook import cells, layout, limits, text
from drafter.workbook.codes import DISTRICT_NOT_A_NUMBER, ROLLUP_MISMATCH
from drafter.workbook.reader import Loaded


def read(loaded: Loaded, catalog: Catalog, data: WorkbookData) -> None:
    """Fill `data.districts` from the 区县数据 sheet, if the workbook has one."""
    titles = set(loaded.sheets)  # the titles only: no sheet is parsed for this
    data.city = layout.DISTRICTS in titles or layout.SOURCES in titles
    sheet = loaded.sheets.get(layout.DISTRICTS)
    if sheet is None or not sheet.cells:
        return
    header = {c: text.take(sheet, 0, c, limits.MAX_SHORT, data) for c in sorted(sheet.row(0))}
    if tuple(header.get(c, "") for c in range(len(layout.DISTRICT_HEADERS))) != layout.DISTRICT_HEADERS:
        return
    first = len(layout.DISTRICT_HEADERS)
    names = [(c, name) for c, name in header.items() if c >= first and name]
    figures: list[dict[str, Figure]] = [{} for _ in names]
    for r in sheet.row_numbers(1):
        ind = catalog.indicators.get(text.as_text(sheet.value(r, 0)))
        if ind is None:
            continue
        parts = []
        for n, (c, name) in enumerate(names):
            raw = sheet.value(r, c)
            if raw is None:
                continue  # blank: no figure (the 附表 shows —, the sum leaves it out)
            typed = ""
            if ind.kind == "text":
                typed, raw = text.take(sheet, r, c, limits.MAX_LINE, data), None
            elif isinstance(raw, str):
                raw = text.clean(raw, limits.MAX_LINE).text
            parsed = cells.parse(raw, ind.kind, ind.unit, sheet.number_format(r, c))
            ref = CellRef.at(sheet.title, r + 1, c + 1)
            if parsed.error:
                data.findings.append(finding(DISTRICT_NOT_A_NUMBER, f"{name}:{parsed.error}",
                                             [ref], section=ind.section, indicators=[ind.id]))
            fig = Figure(id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind,
                         value=parsed.value, qualifier=parsed.qualifier, digits=parsed.digits,
                         scale=parsed.scale, cell=ref, text=typed)
            figures[n][ind.id] = fig
            parts.append(fig)
        row = [CellRef.at(sheet.title, r + 1, c + 1) for c in (names[0][0], names[-1][0])] \
            if names else []
        _compare(data, ind.sums, data.figures.get(ind.id), parts,
                 lambda r=r: [CellRef.at(sheet.title, r + 1, c + 1) for c, _ in names], row)
    data.districts = [(name, figs) for (_, name), figs in zip(names, figures, strict=True)]


def _compare(data: WorkbookData, sums: bool, city: Figure | None, parts: list[Figure],
             every: Callable[[], list[CellRef]], ends: list[CellRef]) -> None:
    """`parts`: the districts' figures that are filled; `every`: each district's cell of the
    row (made only for a finding); `ends`: the first and the last of them."""
    values = [p.value for p in parts if p.value is not None]
    if not sums or city is None or city.value is None or not values or city.qualifier:
        return
    if any(p.qualifier for p in parts):
        return
    total = sum(values, Decimal(0))
    if total == city.value:
        return
    span = f"{ends[0]}:{ends[-1].cell}"
    data.findings.append(finding(
        ROLLUP_MISMATCH,
        f"{city.name} {plain_text(city.value)} ≠ 区县数据之和 {plain_text(total)}({span})",
        [c for c in (city.cell, *every()) if c is not None],
        section=city.section, indicators=[city.id],
    ))

