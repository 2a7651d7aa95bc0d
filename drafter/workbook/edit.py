"""Editing a clerk's workbook in place, shared by `drafter init --from` (forward.py) and
`drafter merge` (merge.py): the file is read by drafter's own bounded reader first (reader.py
vets it as `check` does), and only then opened with openpyxl, within the same size limit as
`check --annotate`; cells are found by header name, never by column letter.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from drafter.errors import InputFileError, WorkbookLayoutError
from drafter.model.findings import column_letter
from drafter.workbook.sniff import ensure_small
from drafter.workbook.styling import text_as_text
from drafter.workbook.worksheet import Sheet

HEADER_ROWS = 5  # the reader looks for a header row within the first five rows
# openpyxl reads a whole workbook into memory, ~10 s for a 10,000-row sheet's 5 MB of XML:
# beyond this, a copy would take minutes and gigabytes (the check itself is not limited so).
MAX_INFLATED = 24 << 20
# Merged ranges openpyxl is given, per sheet: each costs it ~0.1 ms and 1.7 KB, 500,000 (a
# 2.4 MB file) take 50 s and 840 MB. A report's sheets have a few dozen.
MAX_MERGES = 10_000


def open_book(path: Path, sheets: Mapping[str, Sheet], why: str, *,
              huge_as_text: bool = False) -> Workbook:
    """openpyxl's workbook of `path` (formulas kept), refused when too big for it. `sheets`
    is the workbook as reader.load opened it: every worksheet is read through drafter's
    bounded reader first (a hostile part is refused there, naming file and sheet), its merged
    ranges counted, then the whole file's inflated size is checked, and only then does
    openpyxl open it. A number too large for Excel (a 400-digit integer, which openpyxl
    cannot write back) is refused naming its cell, or with `huge_as_text` kept as its digits
    in text (a marked-up copy)."""
    file = str(path)
    for name in sheets:
        sheet = sheets[name]  # parsed (and vetted) on first look-up
        if len(sheet.merged) > MAX_MERGES:
            raise InputFileError(f"有 {len(sheet.merged):,} 个以上的合并区域,超过 {MAX_MERGES:,} 个,"
                                 f"不像一份报告的数据表;{why}", file=file, where=sheet.title)
    huge = huge_numbers(sheets)
    if not huge_as_text:
        vet_numbers(sheets, path)
    ensure_small(path, MAX_INFLATED, why)
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputFileError(f"无法打开工作簿:{exc}", file=file) from exc
    for title, r, c, value in huge:
        ws = worksheet(wb, title.strip())
        if ws is not None:
            ws.cell(row=r + 1, column=c + 1).value = str(value)
    return wb


def vet_numbers(sheets: Mapping[str, Sheet], path: Path) -> None:
    """InputFileError naming the first cell whose number openpyxl could not write back."""
    huge = huge_numbers(sheets)
    if huge:
        title, r, c, value = huge[0]
        raise InputFileError(f"单元格中的数有 {len(str(abs(value))):,} 位,超出 Excel 能保存的范围"
                             "(约 15 位有效数字、10 的 308 次方以内),请改正后再试",
                             file=str(path), where=f"{title}!{column_letter(c + 1)}{r + 1}")


def huge_numbers(sheets: Mapping[str, Sheet]) -> list[tuple[str, int, int, int]]:
    """Integers no float holds (openpyxl writes numbers as floats): (sheet, row, column,
    value), 0-based."""
    return [(sheet.title, r, c, v) for sheet in sheets.values()
            for r, row in sheet.cells.items() for c, v in row.items()
            if type(v) is int and v.bit_length() > 1000]


def worksheet(wb: Workbook, title: str) -> Worksheet | None:
    """The worksheet whose title, stripped, is `title` (the reader strips titles too)."""
    for ws in wb.worksheets:
        if ws.title.strip() == title:
            return ws
    return None


def header(sheet: Sheet, required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    """(header row, header text → column), 0-based, as the reader finds them: the first of
    the first five rows holding every `required` header; every header of that row is mapped."""
    for r in range(HEADER_ROWS):
        found: dict[str, int] = {}
        for c, v in sorted(sheet.row(r).items()):
            if v is not None and str(v).strip():
                found.setdefault(str(v).strip(), c)
        if all(h in found for h in required):
            return r, found
    return None


def need_header(sheet: Sheet, required: tuple[str, ...], file: str) -> tuple[int, dict[str, int]]:
    found = header(sheet, required)
    if found is None:
        need = "、".join(f"“{h}”" for h in required)
        raise WorkbookLayoutError(f"前 5 行中找不到表头 {need}", file=file, where=sheet.title)
    return found


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def comparable(value: Any) -> Any:
    """What two cells are compared by: numbers by value (236, 236.0 and "236" are one),
    text stripped, dates as dates."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return _decimal(str(value))
    if isinstance(value, datetime | date | time):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    number = _decimal(text.replace(",", ""))
    return text if number is None else number


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number.normalize() if number.is_finite() else None


def shown(value: Any) -> str:
    """A cell's value as a clerk would recognise it in a message."""
    if is_empty(value):
        return "(空)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    text = str(value).replace("\n", " ")
    return text if len(text) <= 40 else text[:39] + "…"


def writable(ws: Worksheet, row: int, column: int) -> Cell | None:
    """The cell at 1-based `row`, `column`; None where it lies inside a merged range (only
    the range's top-left cell holds a value)."""
    cell = ws.cell(row=row, column=column)
    return None if isinstance(cell, MergedCell) else cell


def put_value(cell: Cell, value: Any, number_format: str = "") -> None:
    """Type `value` into `cell`, text always as text (styling.text_as_text); `number_format`,
    where given, goes with it (0.3043 means 30.43% only under a percent format)."""
    text_as_text(cell, value)
    if value is not None and number_format:
        cell.number_format = number_format


def is_formula(cell: Cell) -> bool:
    return cell.data_type == "f"
