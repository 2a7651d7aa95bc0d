"""One worksheet part (xl/worksheets/sheetN.xml) → cached values, style ids and formulas.

A single expat pass over <sheetData>; everything after it (validations, print settings,
extensions) is not parsed. Cells are placed the way openpyxl's read-only mode places them:
by the column of their `r` attribute (or one after the previous cell when there is none),
rows by the row's `r` (or one after the previous row); a row number that goes backwards is
dropped. Values are typed as openpyxl types them: numbers int or float, shared and inline
strings str, booleans bool, error cells their text (#DIV/0!), numbers in a date format
datetime (time below 1, timedelta for [h]:mm), ISO dates (t="d") datetime.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from xml.parsers import expat

from drafter.model.findings import column_letter, column_number
from drafter.workbook.numfmt import from_serial

ROW, CELL, VALUE, FORMULA, INLINE, TEXT, PHONETIC, DATA = range(1, 9)
_LOCAL = {"row": ROW, "c": CELL, "v": VALUE, "f": FORMULA, "is": INLINE, "t": TEXT,
          "rPh": PHONETIC}
_DIGITS = "0123456789"


class SheetError(ValueError):
    """The part cannot be read as a worksheet (the message is Chinese)."""


class _Done(Exception):
    """Raised at </sheetData>: the rest of the part holds no cells."""


@dataclass
class Cells:
    rows: list[list[Any]] = field(default_factory=list)  # row 1 first, column A first
    styles: list[list[int]] = field(default_factory=list)  # cell style index; -1 in a gap
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) from 0


def parse(data: bytes, strings: list[str], dates: dict[int, bool], epoch: datetime) -> Cells:
    """`strings`: the shared strings; `dates`: style index → is a duration, for the cell
    styles whose number format is a date; `epoch`: the workbook's day 0 (1900 or 1904)."""
    out = Cells()
    rows, styles, formulas = out.rows, out.styles, out.formulas
    shared: dict[str, tuple[str, int, int]] = {}  # shared formula id → (text, row, col)
    codes: dict[str, int] = {}
    columns: dict[str, int] = {}
    chunks: list[str] = []
    collecting = in_phonetic = skip_row = False
    vals: list[Any] = []
    stys: list[int] = []
    row_no = col_no = 0
    ref: str | None = None
    kind: str | None = None
    style = 0
    v_text: str | None = None
    f_attrs: dict[str, str] | None = None
    f_text = ""
    inline: list[str] | None = None
    inline_text: str | None = None

    def root(name: str, attrs: dict[str, str]) -> None:
        prefix = name[: name.index(":") + 1] if ":" in name else ""
        codes.update({prefix + local: code for local, code in _LOCAL.items()})
        codes[prefix + "sheetData"] = DATA
        parser.StartElementHandler = outside

    def outside(name: str, attrs: dict[str, str]) -> None:
        if codes.get(name) == DATA:
            parser.StartElementHandler = start

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal collecting, in_phonetic, skip_row, vals, stys, row_no, col_no
        nonlocal ref, kind, style, v_text, f_attrs, f_text, inline, inline_text
        code = codes.get(name)
        if code == CELL:
            ref, kind = attrs.get("r"), attrs.get("t")
            s = attrs.get("s")
            style = int(s) if s else 0
            if ref:
                letters = ref.rstrip(_DIGITS)
                col_no = columns.get(letters) or _column(letters, columns, ref)
            else:
                col_no += 1
            v_text = f_attrs = inline = inline_text = None
        elif code == VALUE or (code == TEXT and inline is not None and not in_phonetic):
            chunks.clear()
            collecting = True
        elif code == ROW:
            r = attrs.get("r")
            row_no = _number(r) if r else row_no + 1
            col_no = 0
            skip_row = row_no <= len(rows)
            if not skip_row:
                while len(rows) < row_no - 1:
                    rows.append([])
                    styles.append([])
                vals, stys = [], []
                rows.append(vals)
                styles.append(stys)
        elif code == FORMULA:
            f_attrs = attrs
            chunks.clear()
            collecting = True
        elif code == INLINE:
            inline = []
        elif code == PHONETIC:
            in_phonetic = True

    def end(name: str) -> None:
        nonlocal collecting, in_phonetic, v_text, f_text, inline, inline_text
        code = codes.get(name)
        if code == CELL:
            if skip_row:
                return
            if kind == "s" and v_text:  # the common cases inline: text, a plain number
                try:
                    value = strings[int(v_text)]
                except (ValueError, IndexError):
                    raise SheetError(f"单元格 {ref or ''} 引用的共享文字不存在") from None
            elif kind == "inlineStr":
                value = inline_text
            elif kind is None and v_text and style not in dates:
                value = _plain_number(v_text)
            else:
                value = _value()
            if col_no == len(vals) + 1:
                vals.append(value)
                stys.append(style)
            else:
                _place(vals, stys, col_no, value, style)
            if f_attrs is not None:
                _formula()
        elif code == VALUE:
            v_text = "".join(chunks)
            collecting = False
        elif code == TEXT:
            if collecting and inline is not None:
                inline.append("".join(chunks))
            collecting = False
        elif code == FORMULA:
            f_text = "".join(chunks)
            collecting = False
        elif code == INLINE:
            inline_text = "".join(inline or ())
            inline = None
        elif code == PHONETIC:
            in_phonetic = False
        elif code == DATA:
            raise _Done

    def chars(text: str) -> None:
        if collecting:
            chunks.append(text)

    def _value() -> Any:
        if kind == "inlineStr":
            return inline_text
        if not v_text:
            return None
        if kind is None or kind == "n":
            return _number_value(v_text, style, dates, epoch)
        if kind == "s":
            raise SheetError(f"单元格 {ref or ''} 引用的共享文字不存在")  # see end()
        if kind == "b":
            return v_text.strip() in ("1", "true")
        if kind == "d":
            return _iso(v_text)
        return v_text  # "str" (a formula's text), "e" (#DIV/0!)

    def _formula() -> None:
        assert f_attrs is not None
        how = f_attrs.get("t")
        text: str | None = "=" + f_text
        if how == "shared":
            si = f_attrs.get("si", "")
            if si in shared:
                origin, r0, c0 = shared[si]
                text = shift(origin, row_no - r0, col_no - c0)
            elif f_text:
                shared[si] = (text, row_no, col_no)
        elif how == "dataTable":
            text = None  # a what-if table, not a formula of its own
        if text:
            formulas[(row_no - 1, col_no - 1)] = text

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.StartElementHandler = root
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with contextlib.suppress(_Done):
        parser.Parse(data, True)
    return out


def refuse_doctype(*_: object) -> None:
    """Expat handler: an .xlsx part never declares a DTD (entity tricks live there)."""
    raise SheetError("含有 XML 文档类型声明(DTD),不是 Excel 或 WPS 保存的文件")


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        try:
            return int(float(text))
        except ValueError:
            raise SheetError(f"行号“{text}”无效") from None


def _column(letters: str, memo: dict[str, int], ref: str) -> int:
    up = letters.upper()
    if not up.isascii() or not up.isalpha() or len(up) > 3:
        raise SheetError(f"单元格地址“{ref}”无效")
    n = memo[letters] = column_number(up)
    return n


def _place(vals: list[Any], stys: list[int], col: int, value: Any, style: int) -> None:
    n = len(vals)
    if col == n + 1:
        vals.append(value)
        stys.append(style)
        return
    if col > n:
        vals.extend([None] * (col - n))
        stys.extend([-1] * (col - n))
    vals[col - 1] = value
    stys[col - 1] = style


def _plain_number(text: str) -> int | float | str:
    """A number cell's text as openpyxl types it: int unless it has a point or exponent."""
    try:
        return float(text) if ("." in text or "e" in text or "E" in text) else int(text)
    except ValueError:
        return text  # not a number after all: the reader will say so, naming the cell


def _number_value(text: str, style: int, dates: dict[int, bool], epoch: datetime) -> Any:
    number = _plain_number(text)
    if isinstance(number, str):
        return number
    if style in dates:
        try:
            return from_serial(number, epoch, dates[style])
        except (OverflowError, ValueError):
            return "#VALUE!"  # a date beyond the calendar: an error cell, as Excel shows it
    return number


_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})?T?(\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$")


def _iso(text: str) -> datetime | date | time | str:
    """A t="d" cell: 2025-01-16, 2025-01-16T09:30:00, 09:30."""
    m = _ISO.match(text.strip())
    if not m or not (m.group(1) or m.group(2)):
        return text
    try:
        if not m.group(2):
            return date.fromisoformat(m.group(1))
        if not m.group(1):
            return time.fromisoformat(m.group(2))
        return datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
    except ValueError:
        return text


# -- shared formulas ------------------------------------------------------------------------

_REF = re.compile(
    r'(?P<text>"(?:[^"]|"")*")'  # a text literal
    r"|(?P<sheet>'(?:[^']|'')*'!)"  # a quoted sheet name
    r"|(?<![\w.$:])(?P<cols>\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3})(?![\w(!:])"  # A:C
    r"|(?<![\w.$:])(?P<rowrange>\$?\d{1,7}:\$?\d{1,7})(?![\w(!.:])"  # 3:5
    r"|(?<![\w.$])(?P<cell>\$?[A-Za-z]{1,3}\$?\d{1,7})(?![\w(!])"  # $A$1, B7
)
_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)$")


class _OutOfRange(Exception):
    pass


def shift(formula: str, rows: int, cols: int) -> str:
    """A shared formula as it reads `rows` down and `cols` right of the cell that holds it:
    relative references move, $-anchored ones stay; one pushed off the sheet is #REF!."""

    def move(m: re.Match[str]) -> str:
        try:
            if m.group("cell"):
                cm = _CELL.match(m.group("cell"))
                assert cm is not None
                return _col(cm[1] + cm[2], cols) + _row(cm[3] + cm[4], rows)
            if m.group("cols"):
                return ":".join(_col(part, cols) for part in m.group("cols").split(":"))
            if m.group("rowrange"):
                return ":".join(_row(part, rows) for part in m.group("rowrange").split(":"))
        except _OutOfRange:
            return "#REF!"
        return m.group(0)

    return _REF.sub(move, formula)


def _row(text: str, delta: int) -> str:
    if text.startswith("$"):
        return text
    n = int(text) + delta
    if n < 1:
        raise _OutOfRange
    return str(n)


def _col(text: str, delta: int) -> str:
    if text.startswith("$"):
        return text
    n = column_number(text) + delta
    if not 1 <= n <= 16384:
        raise _OutOfRange
    return column_letter(n)

