"""The 基本信息 sheet: each 项目's 内容, checked for the kind the catalog gives it.

A fact the templates use as a date (成文日期 → `cn_date`) or a year (年度 → `年度 | int`) is
checked here, at reading, so that `check` names the cell: a render must never fail later on
a template line for a fact `check` let through. A date may be typed as a date, as text
(2025-01-16, 2025/1/16, 2025年1月16日, 20250116) or as Excel's day number (45673, what a date
becomes when its cell is formatted as text or as a number); a year as 2024 or 2024年. What
cannot be read is an error, and the fact is left out (a draft shows 【待补充】 there).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from drafter import phrasing
from drafter.config.catalog import Catalog
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, column_letter, finding
from drafter.workbook import layout, limits, numfmt, origin, structure, text
from drafter.workbook.codes import BAD_FACT, FACT_NORMALIZED
from drafter.workbook.worksheet import Sheet

SHORT_FACTS = frozenset({"单位名称", "单位简称", "署名", "年度", "报告期间", "成文日期", "辖区",
                         "报告标题", layout.KIND_FACT})
_SERIALS = range(1, 2958466)  # Excel's days: 1900-01-01 … 9999-12-31


def read(sheet: Sheet | None, catalog: Catalog, data: WorkbookData,
         columns: tuple[int, dict[str, int]] | None) -> None:
    """Fill data.facts, data.fact_cells and data.kind from 基本信息 (None: no such sheet)."""
    if sheet is None or columns is None:
        return
    head, cols = columns
    kinds = {f.key: f.kind for f in catalog.facts}
    headings = {h.fact_key for h in catalog.headings.values()}
    key_col, value_col = cols["项目"], cols["内容"]
    for r in sheet.row_numbers(head + 1):
        key = text.take(sheet, r, key_col, limits.MAX_LINE, data)
        if not key:
            continue
        data.fact_cells[key] = ref = CellRef(sheet.title, f"{column_letter(value_col + 1)}{r + 1}")
        limit = (limits.MAX_SHORT if key in SHORT_FACTS or kinds.get(key) in ("date", "year")
                 else limits.MAX_LINE if key in headings else limits.MAX_PARAGRAPH)
        raw = sheet.value(r, value_col)
        value = text.take(sheet, r, value_col, limit, data)
        if key == layout.KIND_FACT:
            data.kind = value
        elif key in origin.KEYS:
            data.origin[key] = value
            continue
        elif value and kinds.get(key) == "date":
            value = _date(key, raw, value, ref, data)
        elif value and kinds.get(key) == "year":
            value = _year(key, value, ref, data)
        if value and key != layout.KIND_FACT:
            data.facts[key] = value
    structure.report(sheet, head, {"内容": value_col}, data)


def _date(key: str, raw: object, value: str, ref: CellRef, data: WorkbookData) -> str:
    """The date as 2025-01-16, or "" (with an error) when it cannot be read."""
    if isinstance(raw, datetime | date):
        return value
    digits = unicodedata.normalize("NFKC", value)
    serial = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else (
        int(digits) if digits.isdigit() and len(digits) == 5 else None)
    if serial is not None and int(serial) in _SERIALS:
        day = numfmt.from_serial(int(serial), numfmt.WINDOWS_EPOCH)
        assert isinstance(day, datetime)
        data.findings.append(finding(
            FACT_NORMALIZED, f"{key}填的是 Excel 日期序号 {value},按 {phrasing.cn_date(day)} 读取", [ref]))
        return day.date().isoformat()
    try:
        phrasing.parse_date(digits)
    except phrasing.NoSuchDay:
        data.findings.append(finding(
            BAD_FACT, f"{key}“{text.shown(value)}”这一天不存在,请核对月份和日期", [ref]))
        return ""
    except ValueError:
        data.findings.append(finding(
            BAD_FACT, f"{key}“{text.shown(value)}”无法识别,请写成 2025-01-16 或 2025年1月16日",
            [ref]))
        return ""
    return digits


def _year(key: str, value: str, ref: CellRef, data: WorkbookData) -> str:
    """The year as 2024, or "" (with an error) when it is not a four-digit year."""
    year = unicodedata.normalize("NFKC", value).strip().removesuffix("年").strip()
    if not (year.isascii() and year.isdigit() and len(year) == 4 and 1900 <= int(year) <= 2199):
        data.findings.append(finding(
            BAD_FACT, f"{key}“{text.shown(value)}”不是四位数年份,请写成 2024 这样的年份", [ref]))
        return ""
    if year != value:
        data.findings.append(finding(FACT_NORMALIZED, f"{key}“{value}”按“{year}”读取", [ref]))
    return year
