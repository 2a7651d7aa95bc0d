"""One worksheet part (xl/worksheets/sheetN.xml) → a Sheet: cached values, cell styles,
formulas, merged ranges and hidden rows and columns, kept sparsely by row and column number.

See xlsx.py for what is read and the limits; this module is the worksheet's half.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from xml.parsers import expat

from drafter.model.findings import column_letter, column_number
from drafter.workbook import numfmt

MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's grid: A1:XFD1048576
MAX_CELLS = 1_000_000  # per worksheet: 200,000 rows of 5 columns
MAX_MERGES = 100_000
MAX_ELEMENTS = 3_000_000  # XML elements per worksheet: 200,000 rows of 2 cells take 1.2 million
TOO_BIG = "不像一份报告的数据表。请删去多余的行、列或内容后另存再试"


class PartError(ValueError):
    """A part cannot be read (the message is Chinese)."""


_MISSING = object()  # not read on the fast path (see SheetReader._apply)


class Done(Exception):
    """Raised where the rest of a part holds nothing drafter reads."""


@dataclass
class Sheet:
    """One worksheet's cells, 0-based: `cells[r][c]` is the cached value of row r+1, column
    c+1; rows and cells that are absent are blank."""

    title: str
    cells: dict[int, dict[int, Any]] = field(default_factory=dict)
    styles: dict[int, dict[int, int]] = field(default_factory=dict)  # cell style index
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # "=SUM(E48:E52)"
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    style_formats: list[str] = field(default_factory=lambda: ["General"], repr=False)

    def row_numbers(self, start: int = 0) -> list[int]:
        """The rows that hold cells, from `start` on, in order."""
        return [r for r in self.cells if r >= start]  # rows are kept in ascending order

    def value(self, r: int, c: int | None) -> Any:
        row = self.cells.get(r)
        return None if row is None or c is None else row.get(c)

    def row(self, r: int) -> dict[int, Any]:
        return self.cells.get(r, {})

    def number_format(self, r: int, c: int) -> str:
        """The cell's number format code ("General" by default, "" where no cell)."""
        s = self.styles.get(r, {}).get(c)
        if s is None:
            return ""
        return self.style_formats[s] if 0 <= s < len(self.style_formats) else "General"

    def dense(self) -> list[list[Any]]:
        """Rows as lists, row 1 first, as openpyxl's read-only mode gives them (for tests:
        a far-away cell makes this as large as the grid up to it)."""
        last = max(self.cells, default=-1)
        out: list[list[Any]] = []
        for r in range(last + 1):
            row = self.cells.get(r, {})
            width = max(row, default=-1) + 1
            out.append([row.get(c) for c in range(width)])
        return out


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel's escapes in text (ECMA-376 ST_Xstring): `_x000D_` → a carriage return,
    `_x005F_` → "_" (so `_x005F_x000D_` is the literal text `_x000D_`)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: _char(int(m.group(1), 16)), text)


def _char(code: int) -> str:
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


# -- a worksheet ----------------------------------------------------------------------------

_DIGITS = "0123456789"
_AFTER_MERGES = frozenset({  # elements after <mergeCells>: nothing drafter reads
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
    "pageMargins", "pageSetup", "headerFooter", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
    "legacyDrawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
    "extLst"})


# What `SheetReader.feed` cuts out of the bytes before expat sees them: a blank cell (an
# address, at most a style and a type, nothing inside) followed by another addressed cell or by
# the end of its row, then a row left empty by that followed by another numbered row or by the
# end of the data. The reader would drop each of them anyway (see the class), so cutting them
# only saves expat's two Python calls per element: drafter's own workbooks are mostly these
# (the rows left ready for the clerk: ~80 % of sample 001's cells). Only double-quoted
# attributes in Excel's and openpyxl's order match; anything else is left to the reader.
_BLANK_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,6}")?(?: t="[a-zA-Z]{1,9}")?'
                         rb'(?:/>|></c>)(?=\s*(?:<c r="[A-Za-z]|</row>))')
_EMPTY_ROW = re.compile(rb'<row r="[0-9]{1,7}"(?: [A-Za-z][A-Za-z0-9:]{0,30}="[^"<>?]{0,40}")*'
                        rb'\s*(?:/>|></row>)(?=\s*(?:<row r="[0-9]|</sheetData>))')
_HOLD = 4096  # longer than an empty row and what must follow it
_SAMPLE = 8192  # bytes of a chunk looked at to tell whether its blank cells are common
_BOM = b"\xef\xbb\xbf"

# What `SheetReader.feed` reads without expat: a row in the plain shape Excel, WPS, LibreOffice
# and openpyxl write (a numbered <row>, its attributes double-quoted without references, and
# nothing inside but cells of the shape below), one regular-expression match per row and per
# cell instead of expat's Python calls for each element and text (about 7 per text cell). Any
# other row (a formula, rich text, another attribute order, a cell without an address, a
# character the XML rules refuse) is handed to expat as it stands, in its place: the sheet read
# is the same either way (tests/workbook/test_blank_cells.py holds that).
_ROW_ATTR = re.compile(r' (?:([A-Za-z][A-Za-z0-9]*):)?([A-Za-z][A-Za-z0-9]*)="([^"]*)"')
# a cell; groups: its address, the address's letters, s, t, "<v>text", "<t …>text</t>"
_ONE_CELL = (r'<c r="(([A-Z]{1,3})[0-9]{1,7})"(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?'
             r'(?:/>|>(?:(<v>[^<]*)</v>|<is>(<t(?: xml:space="preserve")?(?:/>|>[^<]*</t>))'
             r'</is>)?</c>)')
# A run of rows in one pass: a row's start tag (groups 2–4: r, its other attributes, "/" when
# it closes itself), a cell (groups 5–10 as _ONE_CELL's), or a row's end tag; group 1 the whole.
_TOKEN = re.compile(r'(<row r="([0-9]{1,7})"((?: [A-Za-z][A-Za-z0-9]{0,30}(?::[A-Za-z]'
                    r'[A-Za-z0-9]{0,30})?="[^"<&]{0,60}")*)(/?)>|</row>|' + _ONE_CELL + ")")
# Text without references that expat would refuse or rewrite (a control character, a carriage
# return it normalises, a non-character, "]]>"): such a row is left to expat.
_ODD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# Decoded texts remembered, short ones only (a batch repeats the catalog's names in every
# workbook; a long text is seldom repeated and would make the memory depend on the input).
_TEXTS_KEPT, _TEXT_KEPT_LENGTH = 50_000, 200
_texts: dict[str, str] = {}


def _row_attributes(attrs: str) -> tuple[str | None, frozenset[str]]:
    """A plain row's attributes after r="…": its `hidden` ("" when absent) and the namespace
    prefixes they use; hidden None when an attribute is repeated (expat refuses the part)."""
    seen, prefixes, hidden = {"r"}, set(), ""
    for prefix, name, value in _ROW_ATTR.findall(attrs):
        key = f"{prefix}:{name}" if prefix else name
        if key in seen:
            return None, frozenset()
        seen.add(key)
        if prefix:
            prefixes.add(prefix)
        elif name == "hidden":
            hidden = value
    return hidden, frozenset(prefixes)


def parser(start: Callable[[str, dict[str, str]], None], end: Callable[[str], None],
           chars: Callable[[str], None],
           declared: Callable[[str, str | None, int], None]) -> expat.XMLParserType:
    """A namespace-aware expat parser for a part read in 64 KB chunks, its text buffered
    (one call for a cell's text, not one per chunk of it), calling these handlers."""
    p = expat.ParserCreate(namespace_separator=" ")
    p.buffer_text = True
    p.buffer_size = 1 << 16
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.XmlDeclHandler = declared
    return p


def markup(first: bytes, final: bool) -> bool | None:
    """Whether a part beginning with the bytes `first` is markup in UTF-8 or another
    ASCII-compatible encoding, which the byte passes may read (not UTF-16); None when there
    are too few bytes to tell yet and more will come."""
    head = first.lstrip(b" \t\r\n")
    head = head[len(_BOM):] if head.startswith(_BOM) else head
    if len(head) < 2 and not final:
        return None
    return head[:1] == b"<" and head[1:2] not in (b"\x00", b"")


def _cut(data: bytes, plain: bool) -> bytes:
    """`data` without the blank cells and empty rows _BLANK_CELL and _EMPTY_ROW find; when
    its rows may be read without expat (`plain`), blank cells only where they are common.

    Cutting costs a try of _BLANK_CELL at every cell; a blank cell left in a plain row costs
    one more token of _TOKEN. Measured (instructions; sample 001 and the benchmark's 10,000-row
    sheet), cutting pays from about one blank cell in four: so where the markup's two ways of
    ending a blank cell are fewer than a third of its cells (in the first _SAMPLE bytes), they
    are left to _TOKEN."""
    if b'"/>' in data or b'"></' in data:  # a blank cell or an empty row ends so
        n = _SAMPLE  # counted in the chunk's first bytes: enough to tell, and cheap
        if not plain or 3 * (data.count(b'"/>', 0, n) + data.count(b'"></c>', 0, n)) >= \
                data.count(b"<c ", 0, n):
            data = _BLANK_CELL.sub(b"", data)
        return _EMPTY_ROW.sub(b"", data)
    return data


class _Unusual(Exception):
    """A row the regular expressions do not read exactly as expat would: expat reads it."""


def _text(raw: str) -> str:
    """A cell's text as expat gives it (XML's five entities and character references decoded),
    or _Unusual for text expat refuses or rewrites."""
    found = _texts.get(raw)
    if found is None:
        if "&" in raw:
            found = _decoded(raw)
        elif _ODD_CHARACTER.search(raw) or "]]>" in raw:
            raise _Unusual
        else:
            found = raw
        if len(_texts) < _TEXTS_KEPT and len(raw) <= _TEXT_KEPT_LENGTH:
            _texts[raw] = found
    return found


def _decoded(raw: str) -> str:
    """A text with references decoded by expat itself, or _Unusual where expat refuses it.
    openpyxl writes every Chinese character as one (&#27861;): decoding them here, in C, is
    3–10 times quicker than a regular expression's call back into Python for each."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parts: list[str] = []
    parser.CharacterDataHandler = parts.append
    try:
        parser.Parse(f"<t>{raw}</t>", True)
    except expat.ExpatError:
        raise _Unusual from None
    return "".join(parts)


class SheetReader:
    """One pass over a worksheet part: <cols> (hidden columns), <sheetData> (cells), then
    <mergeCells>; everything after is not parsed.

    Cells are placed as openpyxl's read-only mode places them: by the column of their `r`
    attribute (or one after the previous cell when there is none), rows by the row's `r` (or
    one after the previous row). A blank cell (no value, no formula) is not kept, whatever its
    style: it reads as no cell at all, and a row without other cells as no row. A row whose
    number is not after the last row holding a cell (it repeats or goes backwards) is dropped.

    `feed` takes the part in chunks and cuts the blank cells and empty rows out of the bytes
    in one regular-expression pass (C, no Python call per element) before expat sees them,
    then reads the rows of the plain shape with one regular expression (_TOKEN) and hands
    the rest to expat in its place; with or without those passes the same cells are read."""

    def __init__(self, sheet: Sheet, strings: list[str], dates: dict[int, bool],
                 epoch: datetime):
        self.sheet, self.strings, self.dates, self.epoch = sheet, strings, dates, epoch
        self.count = 0  # cells kept
        self.elements = 0  # elements met, kept or not (a row repeated 30 million times)
        self.skipped = 0  # rows dropped: their number repeats or goes back
        self.in_data = self.skip_row = self.collecting = self.phonetic = self.hidden_row = False
        self.in_row = False  # between a row's start and end tags (expat's reading)
        self.row_no = self.col_no = self.last_row = 0  # 1-based, as in the file
        self.vals: dict[int, Any] = {}
        self.stys: dict[int, int] = {}
        self.ref: str | None = None
        self.kind: str | None = None
        self.style = 0
        self.v_text: str | None = None
        self.f_text: str | None = None
        self.f_kind: str | None = None
        self.f_si = ""
        self.shared: dict[str, str] = {}  # shared formula id → the cell holding its text
        self.columns: dict[str, int] = {}  # "AB" → 28, as met
        self.tags: dict[str, str] = {}  # namespaced element name → local name
        self.inline: list[str] | None = None
        self.inline_text: str | None = None
        self.chunks: list[str] = []
        self.tail = b""  # the bytes after the last "<" of the chunk fed last
        self.squeeze: bool | None = None  # None until the part's first bytes are seen
        self.plain_rows = True  # rows may be read without expat (see _rows); False for good
        self.seen = 0  # bytes passed on so far (after the cuts)
        self.plain = 0  # rows read without expat
        self.prefixes = {"xml"}  # namespace prefixes in scope, as expat would check them
        self.row_attributes: dict[bytes, tuple[str | None, frozenset[str]]] = {}  # _row_attributes
        self.parser = p = parser(self.start, self.end, self.chars, self._declared)
        p.StartNamespaceDeclHandler = self._bound
        p.EndNamespaceDeclHandler = self.prefixes.discard

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Parse the next `chunk` of the part (`final`: the last one, possibly empty), first
        cutting out the blank cells and empty rows the handlers would drop (see _BLANK_CELL).

        Only while the bytes are plain markup in an ASCII-compatible encoding: the pass stops
        for good at a comment, CDATA or DTD (`<!`: text there is not markup) and never starts
        on a UTF-16 part. The tail of a chunk after its last complete row waits for the next
        chunk, so no cell or row is cut in half."""
        if self.tail:
            chunk, self.tail = self.tail + chunk, b""
        if self.squeeze is None:
            self.squeeze = markup(chunk, final)
            if self.squeeze is None:
                self.tail = chunk  # too little to tell yet
                return
        if self.squeeze and b"<!" in chunk:
            self.squeeze = False
        if self.squeeze:
            if not final:
                start = max(len(chunk) - _HOLD, 0)
                cut = chunk.rfind(b"</row>", start)
                cut = cut + 6 if cut >= 0 else chunk.rfind(b"<", start)
                if cut > 0:
                    chunk, self.tail = chunk[:cut], chunk[cut:]
            chunk = _cut(chunk, self.plain_rows)
            if self.plain_rows and chunk.find(b"<?", max(0, 4 - self.seen)) >= 0:
                self.plain_rows = False  # an instruction (past <?xml …?>): its text is no row
            self.seen += len(chunk)
            if self.plain_rows and b"<row " in chunk:
                self._rows(chunk, final)
                return
        self.parser.Parse(chunk, final)

    def _declared(self, version: str, encoding: str | None, standalone: int) -> None:
        """Expat's handler for <?xml …?>: rows are read without expat only from UTF-8."""
        if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
            self.plain_rows = False

    def _bound(self, prefix: str | None, uri: str) -> None:
        self.prefixes.add(prefix or "")

    def _rows(self, data: bytes, final: bool) -> None:
        """`data` (whole rows, but for the part's start and end) in order: each row of the
        plain shape read here when expat stands between two rows of sheetData, everything
        else parsed by expat in its place."""
        parse, find, at = self.parser.Parse, data.find, 0
        start, last = find(b"<row "), data.rfind(b"</row>")
        whole = True  # first all the rows at once, the common case; then row by row
        while 0 <= start < last and self.plain_rows:
            end = last if whole else find(b"</row>", start)
            gap = data[at:start]
            if gap and not gap.isspace():
                parse(gap, False)
            at = start
            if self.in_data and not self.in_row and self._plain_run(data[start:end + 6]):
                at = end + 6
                start = find(b"<row ", at)
            else:
                start = find(b"<row ", start + (0 if whole else 5))
            whole = False
        parse(data[at:], final)

    def _plain_run(self, data: bytes) -> bool:
        """`data`, rows from a start tag to an end tag, read as expat's handlers would read
        them when each is of the plain shape; False, with nothing read, otherwise.

        One pass checks each token and reads it: at the first that is not of the plain shape
        the rows read so far are taken back (_undo) and the caller hands the run to expat
        row by row. A run's text without a reference, a character expat refuses or "]]>"
        (a sheet Excel or WPS saved: shared strings, text as UTF-8) is sliced, not decoded."""
        try:
            text = data.decode()
        except UnicodeDecodeError:
            return False
        tokens = _TOKEN.findall(text)
        if sum(len(t[0]) for t in tokens) != len(text):
            return False  # something else than rows and cells of this shape
        verbatim = "&" not in text and "]]>" not in text and not _ODD_CHARACTER.search(text)
        mark = self._mark()
        try:
            if self._apply(tokens, verbatim):
                return True
        except _Unusual:
            pass
        self._undo(mark)
        return False

    def _mark(self) -> tuple[Any, ...]:
        """What reading a run changes, as it was before (see _undo)."""
        return (len(self.sheet.cells), self.count, self.last_row, self.row_no, self.col_no,
                self.skip_row, self.skipped, self.hidden_row, self.vals, self.stys, self.ref,
                self.plain)

    def _undo(self, mark: tuple[Any, ...]) -> None:
        """Take back the rows read since `mark`: the run turned out not to be plain."""
        (rows, self.count, self.last_row, self.row_no, self.col_no, self.skip_row,
         self.skipped, self.hidden_row, self.vals, self.stys, self.ref, self.plain) = mark
        cells, styles, hidden = self.sheet.cells, self.sheet.styles, self.sheet.hidden_rows
        while len(cells) > rows:  # rows are only ever added, in order
            r, _ = cells.popitem()
            styles.pop(r, None)
            hidden.discard(r)
        self.in_row = False

    def _apply(self, tokens: list[tuple[str, ...]], verbatim: bool) -> bool:
        """The tokens of a run read, each checked as it comes: what expat's handlers would do
        with them; False at the first that is not plain (the caller takes the run back). The
        common cells (a shared string, a number not in a date format, inline text) are kept
        here, a row's first opening it; any other goes through `_keep`, as expat's would."""
        columns, keep, strings, dates = self.columns, self._keep, self.strings, self.dates
        known_rows, prefixes = self.row_attributes, self.prefixes
        n_strings = len(strings)
        vals, stys, skip, elements, ref_seen = self.vals, self.stys, self.skip_row, 0, None
        inside = False
        for _, r, attrs, closed, ref, letters, style, kind, v, t in tokens:
            if ref:
                if not inside:
                    return False  # a cell outside a row
                if not (v or t):
                    elements += 1  # blank: no cell, and the next cell has its address
                    continue
                if verbatim:
                    value = v[3:] if v else None
                    inline = None if not t else "" if t[-2:] == "/>" else t[t.index(">") + 1:-4]
                else:
                    value = _text(v[3:]) if v else None
                    inline = (None if not t else "" if t[-2:] == "/>"
                              else _text(t[t.index(">") + 1:-4]))
                elements += 2 if inline is None else 3
                ref_seen = ref
                c = (columns.get(letters) or self._column(ref)) - 1
                st = int(style) if style else 0
                if not skip and c not in vals and self.count < MAX_CELLS:
                    got: Any = _MISSING
                    if kind == "s":
                        if value and value.isdecimal() and int(value) < n_strings:
                            got = strings[int(value)]
                    elif not kind or kind == "n":
                        if value and st not in dates:
                            got = _plain_number(value)
                    elif kind == "inlineStr" and inline is not None:
                        got = unescape(inline)
                    if got is not _MISSING:
                        if not vals:
                            self._open_row()
                        vals[c], stys[c] = got, st
                        self.count += 1
                        continue
                self.ref = ref
                keep(c, kind or None, st, value, None if inline is None else unescape(inline))
            elif r:
                if inside:
                    return False  # a row inside a row
                found = known_rows.get(attrs)
                if found is None:
                    found = _row_attributes(attrs)
                    if len(known_rows) < 256:
                        known_rows[attrs] = found
                if found[0] is None or not found[1] <= prefixes:
                    return False  # an attribute twice, a prefix never declared
                elements += 1
                self._row(r, found[0])
                vals, stys, skip = self.vals, self.stys, self.skip_row
                inside = not closed
                if closed:
                    self.in_row = False
                    self.plain += 1
            else:
                if not inside:
                    return False  # an end tag without its start
                inside = False
                self.in_row = False
                self.plain += 1
        if inside:
            return False
        if ref_seen is not None:
            self.ref = ref_seen
        self.elements += elements
        if self.elements > MAX_ELEMENTS:
            raise PartError(f"XML 元素超过 {MAX_ELEMENTS:,} 个,{TOO_BIG}")
        return True

    def chars(self, text: str) -> None:
        if self.collecting:
            self.chunks.append(text)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.tags.get(name) or self._tag(name)
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise PartError(f"XML 元素超过 {MAX_ELEMENTS:,} 个,{TOO_BIG}")
        if tag == "c":
            self.ref, self.kind = attrs.get("r"), attrs.get("t")
            s = attrs.get("s")
            self.style = int(s) if s else 0
            if self.ref:
                letters = self.ref.rstrip(_DIGITS)
                self.col_no = self.columns.get(letters) or self._column(self.ref)
            else:
                self.col_no += 1
            self.v_text = self.f_text = self.f_kind = self.inline = self.inline_text = None
        elif tag == "v" or (tag == "t" and self.inline is not None and not self.phonetic):
            self.chunks.clear()
            self.collecting = True
        elif tag == "row":
            self._row(attrs.get("r"), attrs.get("hidden", ""))
        elif tag == "f":
            self.f_kind = attrs.get("t") or ""
            self.f_si = attrs.get("si", "")
            self.chunks.clear()
            self.collecting = True
        elif tag == "is":
            self.inline = []
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "sheetData":
            self.in_data = True
        elif tag == "col" and attrs.get("hidden", "").lower() in ("1", "true"):
            low, high = _int(attrs.get("min")), _int(attrs.get("max"))
            self.sheet.hidden_columns.update(range(max(low, 1) - 1, min(high, MAX_COLUMNS)))
        elif tag == "mergeCell":
            self._merge(attrs.get("ref", ""))
        elif tag in _AFTER_MERGES:
            raise Done

    def _tag(self, name: str) -> str:
        """An element's local name ("c" for "{main namespace} c"), remembered."""
        tag = name[name.rfind(" ") + 1:]
        if len(self.tags) < 256:
            self.tags[name] = tag
        return tag

    def end(self, name: str) -> None:
        tag = self.tags.get(name) or self._tag(name)
        if tag == "c":
            self._end_cell()
        elif tag == "v":
            self.v_text = "".join(self.chunks)
            self.collecting = False
        elif tag == "t":
            if self.collecting and self.inline is not None:
                self.inline.append("".join(self.chunks))
            self.collecting = False
        elif tag == "f":
            self.f_text = "".join(self.chunks)
            self.collecting = False
        elif tag == "is":
            self.inline_text = unescape("".join(self.inline or ()))
            self.inline = None
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "row":
            self.in_row = False
        elif tag == "sheetData":
            self.in_data = False
        elif tag == "mergeCells":
            raise Done

    def _end_cell(self) -> None:
        """A cell's end tag: its value kept in the row, unless blank (or its row dropped)."""
        if self.f_kind is None:
            self._keep(self.col_no - 1, self.kind, self.style, self.v_text, self.inline_text)
        elif not self.skip_row and self.in_data:
            self._cell()

    def _keep(self, c: int, kind: str | None, style: int, v_text: str | None,
              inline_text: str | None) -> None:
        """A cell without a formula, column `c` (0-based), kept in the row unless blank."""
        if self.skip_row or not self.in_data:
            return
        if inline_text is None if kind == "inlineStr" else not v_text:
            return  # blank, whatever its style: no cell (most of drafter's own workbooks)
        vals = self.vals
        if vals and c not in vals and self.count < MAX_CELLS:
            # the common cases inline: a shared string, a plain number, inline text
            if kind == "s" and v_text:
                vals[c] = self._shared(v_text)
            elif (kind is None or kind == "n") and v_text:  # openpyxl and WPS write t="n"
                vals[c] = (_number_value(v_text, style, self.dates, self.epoch)
                           if style in self.dates else _plain_number(v_text))
            elif kind == "inlineStr":  # as openpyxl writes it
                vals[c] = inline_text
            else:
                vals = None
            if vals is not None:
                self.count += 1
                self.stys[c] = style
                return
        self.col_no, self.kind, self.style = c + 1, kind, style
        self.v_text, self.inline_text, self.f_text = v_text, inline_text, None
        self._cell()

    def _row(self, r: str | None, hidden: str) -> None:
        self.in_row = True
        self.row_no = _number(r) if r else self.row_no + 1
        self.col_no = 0
        if self.row_no > MAX_ROWS:
            raise PartError(f"行号 {self.row_no} 超出 Excel 的范围(最多 {MAX_ROWS:,} 行),{TOO_BIG}")
        self.skip_row = self.row_no <= self.last_row
        if self.skip_row:
            self.skipped += 1
            if self.skipped > 10_000:  # Excel never writes a row twice or backwards
                raise PartError(f"行号重复或倒退的行超过 10,000 个,{TOO_BIG}")
        else:
            self.vals, self.stys = {}, {}
            self.hidden_row = hidden.lower() in ("1", "true")

    def _column(self, ref: str) -> int:
        letters = ref.rstrip(_DIGITS)
        if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
            raise PartError(f"单元格地址“{ref[:20]}”无效")
        n = column_number(letters)
        if n > MAX_COLUMNS:
            raise PartError(f"单元格地址“{ref[:20]}”超出 Excel 的范围(最后一列是 XFD)")
        if len(self.columns) < 1024:
            self.columns[letters] = n
        return n

    def _open_row(self) -> None:
        """Before the row's first cell is kept: the row now exists."""
        r = self.row_no - 1
        self.last_row = self.row_no
        if self.hidden_row:  # kept only for a row holding a cell, as the row itself
            self.sheet.hidden_rows.add(r)
        self.sheet.cells[r] = self.vals
        self.sheet.styles[r] = self.stys

    def _cell(self) -> None:
        r, c = self.row_no - 1, self.col_no - 1
        if not self.vals:
            self._open_row()
        if c not in self.vals:
            self.count += 1
            if self.count > MAX_CELLS:
                raise PartError(f"单元格超过 {MAX_CELLS:,} 个,{TOO_BIG}")
        self.vals[c] = self._value()
        self.stys[c] = self.style
        if self.f_kind is not None or self.f_text is not None:
            self._formula(r, c)
        self.f_text = self.f_kind = None

    def _formula(self, r: int, c: int) -> None:
        """Keep the formula's text; a cell sharing another's formula (t="shared" without
        text) names the cell that holds it."""
        where = f"{column_letter(c + 1)}{r + 1}"
        if self.f_kind == "dataTable":
            return  # a what-if table, not a formula of its own
        if self.f_text:
            if self.f_kind == "shared":
                self.shared[self.f_si] = where
            self.sheet.formulas[(r, c)] = "=" + self.f_text
        elif self.f_kind == "shared" and self.f_si in self.shared:
            self.sheet.formulas[(r, c)] = f"与 {self.shared[self.f_si]} 相同的共享公式"

    def _value(self) -> Any:
        kind, text = self.kind, self.v_text
        if kind == "inlineStr":
            return self.inline_text
        if not text:
            return None
        if kind == "s":
            return self._shared(text)
        if kind is None or kind == "n":
            return _number_value(text, self.style, self.dates, self.epoch)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            return _iso(text)
        if kind == "str":  # a formula's text result
            return unescape(text)
        return text  # "e": #DIV/0!

    def _shared(self, text: str) -> str:
        """Shared string number `text`: only 0 to the last one (Python would read -1 as the
        last string, silently)."""
        try:
            index = int(text)
        except ValueError:
            index = -1
        if not 0 <= index < len(self.strings):
            where = f"{self.sheet.title}!{self.ref}" if self.ref else self.sheet.title
            raise PartError(f"单元格 {where} 引用的共享文字(第 {text.strip()[:20]} 条)不存在,"
                            f"文件只有 {len(self.strings)} 条;文件已损坏或被改动过")
        return self.strings[index]

    def _merge(self, ref: str) -> None:
        if len(self.sheet.merged) >= MAX_MERGES:
            raise Done  # more merges than any report has: the first ones are enough to warn
        first, _, last = ref.partition(":")
        try:
            r1, c1 = self._address(first)
            r2, c2 = self._address(last or first)
        except PartError:
            return  # a merge we cannot place only decorates the sheet
        self.sheet.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))

    def _address(self, ref: str) -> tuple[int, int]:
        digits = ref[len(ref.rstrip(_DIGITS)):]
        row = int(digits) if digits else 0
        if not 1 <= row <= MAX_ROWS:
            raise PartError(ref)
        return row - 1, self._column(ref) - 1


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        try:
            return int(float(text))
        except (ValueError, OverflowError):
            raise PartError(f"行号“{text[:20]}”无效") from None


def _plain_number(text: str) -> int | float | str:
    """A number cell's text as openpyxl types it: int unless it has a point or exponent."""
    try:
        return float(text) if ("." in text or "e" in text or "E" in text) else int(text)
    except ValueError:
        return text  # not a number after all: the reader will say so, naming the cell


def _number_value(text: str, style: int, dates: dict[int, bool], epoch: datetime) -> Any:
    number = _plain_number(text)
    if isinstance(number, str) or style not in dates:
        return number
    try:
        return numfmt.from_serial(number, epoch, dates[style])
    except (OverflowError, ValueError):
        return "#VALUE!"  # a date beyond the calendar: an error cell, as Excel shows it


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

