"""How drafter's sheets look, and the one way a value is written into a cell: the header
row, the fills of cells to fill in, printing on A4, text kept as text. Shared by the blank
workbook (blank.py) and every sheet written beside it (guide_sheet, body_sheets, city,
imported, edit)."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from drafter.model.findings import column_letter
from drafter.workbook import text

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # a short cell beside a wrapped one: on the same first line
FIGURE_WIDTHS = (26, 22, 36, 8, 8, 13, 13, 48)


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text is always text. openpyxl turns a str starting with "=" into a live
    formula (catalog text "= 家事类 + …" showed #NAME?, a district's 单位名称
    "=HYPERLINK(…)" became a link), so every writer of drafter goes through here."""
    cell = ws.cell(row=row, column=column)
    text_as_text(cell, value)
    return cell


def text_as_text(cell: Cell, value: object) -> None:
    """Assign `value`; a str is stored as a string whatever it starts with (=, +, -, @)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


zh = text.fullwidth


def header_row(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = put(ws, 1, col, header)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[column_letter(col)].width = width
    ws.row_dimensions[1].height = 22


def printable(ws: Worksheet) -> None:
    """Print on A4 landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
