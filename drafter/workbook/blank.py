"""Make a blank workbook from a catalog: what `drafter init` writes.

The workbook is the user's contract, so it is made to be pleasant in Excel and WPS: a guide
sheet, the report's facts, one row per indicator grouped by 板块 with protected ids, data
validation that warns (and still lets a clerk type 130余), a frozen header, sensible widths;
the 填写说明 guide (guide_sheet.py), the 大纲 sheet of the report body and the 规则 sheet of
the clerk's own rules (body_sheets.py), all in the look of styling.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import KIND_NAMES, Catalog, Indicator
from drafter.model.figures import OutlineRow, is_preamble
from drafter.model.levels import Level
from drafter.workbook import body_sheets, fit, guide_sheet, layout, origin
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

BAND_FILLS = (PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFFFFF"))
SECTION_BORDER = Border(top=Side(style="thin", color="7F7F7F"))
CATALOG_KIND_FONT = Font(color="808080")
_WRAPPED = {2: FIGURE_WIDTHS[1], 3: FIGURE_WIDTHS[2], 8: FIGURE_WIDTHS[7]}  # 板块, 指标, 说明


def make_blank(catalog: Catalog, kind: str, title: str = "", office: str = "",
               outline: tuple[list[OutlineRow], list[str]] = ([], []),
               omitted: tuple[str, ...] = (), parts: tuple[str, ...] = ()) -> Workbook:
    """`office`: the office folder's name, recorded on 基本信息 (see origin.py); `outline`:
    the body rows and their hints (config.default_outline.as_rows), written to 大纲; `omitted`:
    sections of `catalog` whose indicators are left out (drafter init --omit); `parts`: the
    parts a report of the kind must have (config.default_outline.RequiredPart), named on 填写说明."""
    wb = Workbook()
    guide = wb.active
    guide.title = layout.GUIDE
    _facts(wb.create_sheet(layout.FACTS), catalog, kind, office, omitted)
    catalog = origin.without(catalog, frozenset(omitted))
    guide_sheet.write(guide, catalog, title or kind, parts)
    body_sheets.outline_sheet(wb.create_sheet(layout.OUTLINE), *outline)
    body_sheets.spare_figure_rows(figures := wb.create_sheet(layout.FIGURES),
                                  _figures(figures, catalog))
    body_sheets.rules_sheet(wb.create_sheet(layout.RULES), catalog)
    wb.active = 0
    return wb


def save(wb: Workbook, out: Path, *, replace: bool = True) -> None:
    """Every workbook drafter writes is saved here. `replace=False`: only if `out` does not
    exist yet (files.atomic_write)."""
    from drafter.files import atomic_write

    atomic_write(out, lambda tmp: write(wb, tmp), replace=replace)


_PRESERVE = re.compile(rb'<t xml:space="preserve">')


def write(wb: Workbook, path: str) -> None:
    """`wb.save(path)`, held to the ECMA-376 schema: openpyxl marks a text that begins or
    ends with a space `<t xml:space="preserve">`, an attribute the schema does not allow on
    a cell's or a comment's text (CT_Rst), so Word-strict validators and some readers refuse
    the part. Excel, WPS, LibreOffice and drafter's own reader keep the spaces without it."""
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as made:
        infos = made.infolist()
        parts = {i.filename: made.read(i) for i in infos}
    fixed = {name: _PRESERVE.sub(b"<t>", data) for name, data in parts.items()
             if name.startswith("xl/") and name.endswith(".xml") and _PRESERVE.search(data)}
    if not fixed:
        Path(path).write_bytes(buffer.getvalue())
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            out.writestr(info, fixed.get(info.filename, parts[info.filename]))


def _facts(ws: Worksheet, catalog: Catalog, kind: str, office: str = "",
           omitted: tuple[str, ...] = ()) -> None:
    header_row(ws, layout.FACT_HEADERS, (16, 44, 60))
    rows = [(layout.KIND_FACT, kind, "由 drafter init 填写，请勿改动", False)]
    rows += [(f.key, "", f.hint + ("（必填）" if f.required else "")
              + ("；写“无”则报告不写这一段" if is_preamble(f.key) else ""), True)
             for f in catalog.facts]
    # Headings are rows of 大纲 now; a 标题:… fact is read only by an office template that
    # still calls 标题(…), which then gets the pack's wording.
    rows += [(key, value, hint, False)
             for key, value, hint in origin.rows(catalog, office, omitted)]
    for r, (key, value, hint, editable) in enumerate(rows, start=2):
        label = put(ws, r, 1, key)
        label.font, label.alignment = Font(bold=True), WRAP
        cell = put(ws, r, 2, value or None)
        cell.alignment = WRAP
        put(ws, r, 3, zh(hint)).alignment = WRAP
        if editable:
            cell.protection = UNLOCKED
            cell.fill = INPUT_FILL
            cell.number_format = "@"  # dates stay as typed: 2025年1月16日
        fit.fit_row(ws, r)
    ws.freeze_panes = "B2"
    printable(ws)
    _protect(ws)


def _figures(ws: Worksheet, catalog: Catalog) -> int:
    """The catalog's rows; returns the first row below them."""
    header_row(ws, layout.FIGURE_HEADERS, FIGURE_WIDTHS)
    counts = _warning_validation("greaterThanOrEqual", "0", None,
                                 "这里应填非负数。若要写“130余”“约300”，点“是”保留。")
    rates = _warning_validation("between", "0", "1", "比率应在 0%～100% 之间。")
    ws.add_data_validation(counts)
    ws.add_data_validation(rates)
    rows: dict[str, list[int]] = {"rate": [], "count": []}
    past_100 = _rates_past_100(catalog)
    row, band, last_section = 2, 0, None
    for section in catalog.sections:
        for ind in catalog.in_section(section.id):
            if ind.section != last_section:
                band = 1 - band
                border = SECTION_BORDER if last_section is not None else None
                last_section = ind.section
            else:
                border = None
            _figure_row(ws, row, ind, section.title, BAND_FILLS[band], border)
            if ind.kind == "rate" and ind.id not in past_100:
                rows["rate"].append(row)
            elif ind.kind == "rate":
                rows["count"].append(row)  # only not negative, as the check holds it
            elif ind.kind in ("count", "amount"):
                rows["count"].append(row)
            row += 1
    rates.sqref = _spans(rows["rate"])
    counts.sqref = _spans(rows["count"])
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:H{max(row - 1, 1)}"
    printable(ws)
    _protect(ws)
    return row


def _rates_past_100(catalog: Catalog) -> set[str]:
    """Rates whose range rule lets them past 100% (a 完成率 of 151.8%): Excel's warning
    must not say otherwise than the check (checks.rules: a rule's max replaces 100)."""
    out: set[str] = set()
    for rule in catalog.rules:
        high = rule.get("max") if rule.kind == "range" else None
        if isinstance(high, int | float) and high > 100:
            out.update(i for i in rule.get("indicators") or () if isinstance(i, str))
    return out


def percent_format(digits: int | None) -> str:
    """Excel's number format for a rate stated with `digits` decimals (2 if unstated)."""
    digits = 2 if digits is None else digits
    return "0." + "0" * digits + "%" if digits else "0%"


def _spans(rows: list[int]) -> MultiCellRange:
    """E5:F9 E12:F12 …: runs of consecutive rows as one range each. (DataValidation.add
    compares each new range with all before it: 12 s for a 10,000-indicator catalog.)"""
    spans: list[tuple[int, int]] = []
    for row in rows:
        if spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
        else:
            spans.append((row, row))
    return MultiCellRange(" ".join(f"F{a}:G{b}" for a, b in spans))


def _warning_validation(operator: str, low: str, high: str | None, message: str) -> DataValidation:
    """A number check that warns and still lets the clerk keep what was typed (130余)."""
    return DataValidation(type="decimal", operator=operator, formula1=low, formula2=high,
                          allow_blank=True, errorStyle="warning", showErrorMessage=True,
                          errorTitle="请核对", error=message)


def _figure_row(
    ws: Worksheet,
    row: int,
    ind: Indicator,
    section_title: str,
    fill: PatternFill,
    border: Border | None,
) -> None:
    name = zh(ind.name) + ("（必填）" if ind.required else "")
    values = (ind.id, zh(section_title), name, ind.unit, KIND_NAMES.get(ind.kind),
              None, None, zh(ind.definition) or None)
    for col, value in enumerate(values, start=1):
        cell = put(ws, row, col, value)
        cell.fill = fill
        if col in _WRAPPED:  # each style set costs openpyxl a hash: only where text wraps
            cell.alignment = WRAP
        if border is not None:
            cell.border = border
    kind = ws.cell(row=row, column=5)
    kind.font = CATALOG_KIND_FONT
    # The catalog's kind, shown, and marked as the catalog's by its text format: a filled
    # 类型 in a cell without it is what makes a row the clerk's own indicator, so an office's
    # row read without --office is still an unknown row (workbook/own.py).
    kind.number_format = layout.CATALOG_KIND_FORMAT
    for col in (6, 7):
        cell = ws.cell(row=row, column=col)
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        if ind.kind == "rate":
            cell.number_format = percent_format(ind.digits)
    note = ws.cell(row=row, column=8)
    note.protection = UNLOCKED
    if ind.kind == "text":
        ws.cell(row=row, column=6).comment = Comment(f"{KIND_NAMES['text']}：填写文字", "drafter")
    if fit.fit_row(ws, row, _WRAPPED, minimum=None) > 1:  # taller only where a text wraps
        for col in range(1, len(values) + 1):  # the row's other cells at its top too
            if col not in _WRAPPED:
                ws.cell(row=row, column=col).alignment = TOP


def _protect(ws: Worksheet) -> None:
    """Lock ids and names against accidental edits; no password, so an office can unlock."""
    p = ws.protection
    p.sheet = True
    p.autoFilter = False
    p.sort = False
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False


def fill(wb: Workbook, facts: dict[str, object], figures: dict[str, object],
         previous: dict[str, object] | None = None,
         points: dict[str, tuple[str, str] | list[str]] | None = None) -> None:
    """Type values into a blank workbook as a clerk would: facts by 项目, figures by 编号;
    `points` ({anything: (lead, body)}) are added as 要点 rows at the end of 大纲."""
    facts_ws = wb[layout.FACTS]
    rows = {str(r[0].value): r[0].row for r in facts_ws.iter_rows(min_row=2) if r[0].value}
    for key, value in facts.items():
        if key not in rows:
            raise KeyError(f"基本信息中没有“{key}”这一行")
        put(facts_ws, rows[key], 2, value)
    figures_ws = wb[layout.FIGURES]
    head = [c.value for c in figures_ws[1]]
    ids = {str(r[0].value): r[0].row for r in figures_ws.iter_rows(min_row=2) if r[0].value}
    for header, values in (("本期", figures), ("上年同期", previous or {})):
        column = head.index(header) + 1
        for ind_id, value in values.items():
            if ind_id not in ids:
                raise KeyError(f"指标表中没有“{ind_id}”")
            put(figures_ws, ids[ind_id], column, value)
    if points:
        outline_ws = wb[layout.OUTLINE]
        row = last_filled(outline_ws) + 1
        for lead, body in points.values():
            put(outline_ws, row, 1, Level.POINT.written)
            put(outline_ws, row, 2, lead or None)
            put(outline_ws, row, 3, body or None)
            row += 1


def last_filled(ws: Worksheet) -> int:
    """The last row with anything in columns A–C (1 when only the header)."""
    return max((c.row for row in ws.iter_rows(min_row=2, max_col=3) for c in row
                if c.value not in (None, "")), default=1)
