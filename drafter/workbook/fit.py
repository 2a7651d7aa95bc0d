"""Row heights for wrapped text, so a clerk reads a whole cell in Excel, WPS and on paper.

Excel and WPS do not fit a row to wrapped text when they open a file (LibreOffice does): a row
without a height shows one line of a 200-character 内容. So the writer estimates the lines
each cell takes — a Chinese character is about two column units wide at 11 pt, a Latin one
about one — and sets the row's height to the tallest cell. The estimate errs on the tall side:
a line too many reads fine, a line too few hides text (tests/workbook/test_print.py prints
every sheet through LibreOffice and looks for each text in the PDF).
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.worksheet.worksheet import Worksheet

from drafter.model.findings import column_number

LINE_POINTS = 15.6  # one line of 11 pt text, Chinese fonts included (their line is taller)
PADDING_POINTS = 4.0
_MIN_HEIGHT = 18.0  # a row a clerk types into: a little above Excel's 15 pt


def display_width(text: str) -> float:
    """Column units the text takes on one line at 11 pt: 2.1 for a Chinese character or a
    full-width mark, 1.1 for the rest (an 11 pt digit is one unit; capitals run wider)."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def lines(text: str, width: float, size: float = 11) -> int:
    """Lines `text` wraps to in a column `width` units wide (each paragraph on its own)."""
    usable = max(width - 1.5, 1.0) * 11 / size  # the cell's margins; larger type, fewer units
    if len(text) * 2.1 <= usable and "\n" not in text:
        return 1  # short enough whatever its characters: the common case, 10,000 rows a go
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def height(text_lines: int, size: float = 11) -> float:
    return round(text_lines * LINE_POINTS * size / 11 + PADDING_POINTS, 1)


def fit_row(ws: Worksheet, row: int, columns: dict[int, float] | None = None,
            size: float = 11, minimum: float | None = _MIN_HEIGHT) -> int:
    """Set `row`'s height for its tallest text among `columns` ({column: width}; by default
    every column with a width set). A row of short texts keeps at least `minimum`; with
    `minimum=None` a row of one line is left alone (Excel's default height). Returns the
    lines of that tallest text."""
    if columns is None:
        columns = widths(ws)
    most = 1
    for col, width in columns.items():
        value = ws.cell(row=row, column=col).value
        if isinstance(value, str) and value:
            most = max(most, lines(value, width, size))
    if minimum is None:
        if most > 1:
            ws.row_dimensions[row].height = height(most, size)
        return most
    ws.row_dimensions[row].height = max(height(most, size), minimum)
    return most


def widths(ws: Worksheet) -> dict[int, float]:
    """{column number: width} of the columns whose width the writer set."""
    return {column_number(letter): dim.width
            for letter, dim in ws.column_dimensions.items() if dim.width}
