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
from drafter.workbook.annotate import MAX_INFLATED
from drafter.workbook.blank import text_as_text
from drafter.workbook.sniff import ensure_small
from drafter.workbook.worksheet import Sheet

HEADER_ROWS = 5  # the reader looks for a header row within the first five rows


def open_book(path: Path, sheets: Mapping[str, Sheet], why: str) -> Workbook:
    """openpyxl's workbook of `path` (formulas kept), refused when too big for it. `sheets`
    is the workbook as reader.load opened it: every worksheet is read through drafter's
    bounded reader first (a hostile part is refused there, naming file and sheet), then the
    whole file's inflated size is checked, and only then does openpyxl open it."""
    for name in sheets:
        sheets[name]  # parsed (and vetted) on first look-up
    ensure_small(path, MAX_INFLATED, why)
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
            warnings.simplefilter("ignore", UserWarning)
            return load_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputFileError(f"无法打开工作簿:{exc}", file=str(path)) from exc


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
    """Type `value` into `cell`, text always as text (blank.text_as_text); `number_format`,
    where given, goes with it (0.3043 means 30.43% only under a percent format)."""
    text_as_text(cell, value)
    if value is not None and number_format:
        cell.number_format = number_format


def is_formula(cell: Cell) -> bool:
    return cell.data_type == "f"
