"""Read the cells of an .xlsx workbook: drafter's own small reader, used on the check and
render path instead of openpyxl (which stays for writing workbooks, and as this reader's
test oracle: tests/workbook/test_xlsx.py compares them cell by cell).

Why our own: per cell the reader needs the cached value, the number format (0.3043 shown as
`0.00%` means 30.43 with two decimals) and, for a blank, whether a formula hides behind it.
openpyxl is slow at that (~700 ms for a 10,000-row sheet, twice for formulas); one expat pass
gives all three in ~150 ms, and ~2 ms of imports (zipfile, expat).

A workbook is untrusted input, so reading is bounded (docs/security.md):
- only the parts drafter needs are inflated: workbook.xml and its relationships, shared
  strings, styles, and each worksheet when it is first looked up. Comments, drawings,
  pictures, printer settings and the like are never opened;
- each part is streamed through expat with its inflated size counted as it comes (the zip
  directory's size is checked first, but a header can lie), and a worksheet stops at the end
  of its merged cells: the data validations and extensions after them are not read;
- cells are kept sparsely, by row and column number, so a lone cell at row 1,048,576 or at
  column XFD costs one cell; addresses beyond Excel's grid and more than MAX_CELLS cells per
  sheet are refused with a message naming the file and sheet;
- any DTD is refused: entity declarations (billion laughs, external entities) never run.

Values are typed as openpyxl types them (numbers int or float, strings str, booleans bool,
error cells their text, numbers in a date format datetime, time or timedelta), with Excel's
`_xHHHH_` escapes in text decoded (`_x000D_` is a carriage return).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.parsers import expat

from drafter.errors import InputFileError, reason
from drafter.workbook import numfmt
from drafter.workbook.strings import SharedStrings
from drafter.workbook.worksheet import TOO_BIG, Done, PartError, Sheet, SheetReader

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
MAX_SMALL_PART = 16 << 20  # workbook.xml, relationships, styles
MAX_PART = 200 << 20  # a worksheet or the shared strings, inflated
MAX_SMALL_ELEMENTS = 1_000_000  # in workbook.xml, its relationships, styles
DAMAGED = "文件已损坏,无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再试"


class Book(Mapping[str, Sheet]):
    """A workbook's worksheets by (stripped) title, in order. Each is inflated and parsed
    when first looked up, so sheets nobody reads (填写说明) cost nothing. The zip stays open
    between lookups (its directory read once) until `close`; a lookup after that opens it
    again."""

    def __init__(self, path: Path, parts: dict[str, tuple[str, str]], strings: list[str],
                 style_formats: list[str], dates: dict[int, bool], epoch: datetime):
        self.path = path
        self.file = str(path)
        self._parts = parts  # key → (title as written, part name in the zip)
        self._strings = strings
        self._style_formats = style_formats
        self._dates = dates
        self._epoch = epoch
        self._parsed: dict[str, Sheet] = {}
        self._zf: zipfile.ZipFile | None = None

    def __getitem__(self, key: str) -> Sheet:
        sheet = self._parsed.get(key)
        if sheet is None:
            title, part = self._parts[key]
            sheet = Sheet(title, style_formats=self._style_formats)
            reader = SheetReader(sheet, self._strings, self._dates, self._epoch)

            def parse(zf: zipfile.ZipFile) -> None:
                _stream(zf, part, MAX_PART, reader.parser, named=False, feed=reader.feed)

            zf = self._zf
            _guard(self.file, title, lambda: _with_zip(self.path, parse) if zf is None
                   else parse(zf))
            self._parsed[key] = sheet
        return sheet

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)

    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()
            self._zf = None


def read(path: Path) -> Book:
    """Open the workbook at `path`: its sheet list, shared strings and cell styles now, each
    worksheet's cells when first looked up (Book.close when done).

    Raises InputFileError naming the file (and the sheet) when a part cannot be read."""
    return _guard(str(path), None, lambda: _open(path))


def _open(path: Path) -> Book:
    zf = zipfile.ZipFile(path)
    try:
        book = _book(zf, path)
    except BaseException:
        zf.close()
        raise
    book._zf = zf
    return book


def _guard(file: str, sheet: str | None, job: Callable[[], Any]) -> Any:
    try:
        return job()
    except InputFileError:
        raise
    except PartError as exc:
        raise InputFileError(str(exc), file=file, where=sheet) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, RuntimeError,
            expat.ExpatError) as exc:  # RuntimeError: an encrypted or oddly packed member
        raise InputFileError(f"{DAMAGED}({exc})", file=file, where=sheet) from exc
    except OSError as exc:
        raise InputFileError(f"无法读取:{reason(exc)}", file=file, where=sheet) from exc


def _with_zip(path: Path, job: Callable[[zipfile.ZipFile], Any]) -> Any:
    with zipfile.ZipFile(path) as zf:
        return job(zf)


def _stream(zf: zipfile.ZipFile, name: str, limit: int, parser: expat.XMLParserType,
            named: bool = True, feed: Callable[[bytes, bool], None] | None = None) -> None:
    """Feed part `name` to `parser` in chunks (through `feed` when given), refusing it once
    more than `limit` bytes have been inflated (the zip directory's size is checked first,
    then the bytes themselves)."""
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise PartError(f"{name} 解压后有 {info.file_size >> 20} MB,{TOO_BIG}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    seen = 0
    feed = feed or parser.Parse
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 16):
                seen += len(chunk)
                if seen > limit:
                    raise PartError(f"{name} 解压后超过 {limit >> 20} MB,{TOO_BIG}")
                feed(chunk, False)
            feed(b"", True)
    except Done:
        pass
    except PartError as exc:
        if not named or str(exc).startswith(name):
            raise
        raise PartError(f"{name}:{exc}") from exc
    except expat.ExpatError as exc:
        raise PartError(f"{DAMAGED}({name}:{exc})") from exc


def _refuse_doctype(*_: object) -> None:
    """Expat handler: an .xlsx part never declares a DTD (entity tricks live there)."""
    raise PartError("含有 XML 文档类型声明(DTD),不是 Excel 或 WPS 保存的文件")


def _book(zf: zipfile.ZipFile, path: Path) -> Book:
    names = set(zf.namelist())
    rels: dict[str, tuple[str, str]] = {}
    if WORKBOOK_RELS in names:
        _stream(zf, WORKBOOK_RELS, MAX_SMALL_PART, _relationships(rels))
    sheets: list[tuple[str, str]] = []
    flags: dict[str, bool] = {}
    _stream(zf, WORKBOOK, MAX_SMALL_PART, _workbook(sheets, flags))
    strings: list[str] = []
    strings_part = _target(rels, "/sharedStrings", "xl/sharedStrings.xml")
    if strings_part in names:
        reading = SharedStrings(strings)
        _stream(zf, strings_part, MAX_PART, reading.parser, feed=reading.feed)
    formats, dates = ["General"], {}
    styles_part = _target(rels, "/styles", "xl/styles.xml")
    if styles_part in names:
        formats, dates = _styles(zf, styles_part)
    parts: dict[str, tuple[str, str]] = {}
    for title, rid in sheets:
        kind, target = rels.get(rid, ("", ""))
        if kind.endswith("/worksheet") and target in names:  # not a chart sheet, nor lost
            parts[title.strip()] = (title, target)  # a repeated name: the last one wins
    epoch = numfmt.MAC_EPOCH if flags.get("1904") else numfmt.WINDOWS_EPOCH
    return Book(path, parts, strings, formats, dates, epoch)


# -- the small parts ------------------------------------------------------------------------


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


def _parser(on_start: Callable[[str, dict[str, str]], None],
            on_end: Callable[[str], None] | None = None) -> expat.XMLParserType:
    """A namespace-aware parser whose handlers see local element and attribute names."""
    parser = expat.ParserCreate(namespace_separator=" ")
    seen = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        seen[0] += 1
        if seen[0] > MAX_SMALL_ELEMENTS:
            raise PartError(f"XML 元素超过 {MAX_SMALL_ELEMENTS:,} 个,{TOO_BIG}")
        on_start(_local(name), {_local(k): v for k, v in attrs.items()})

    parser.StartElementHandler = start
    if on_end is not None:
        parser.EndElementHandler = lambda n: on_end(_local(n))
    return parser


def _relationships(out: dict[str, tuple[str, str]]) -> expat.XMLParserType:
    """Fill `out`: relationship id → (type, part path inside the zip)."""

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            out[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(path))

    return _parser(start)


def _target(rels: dict[str, tuple[str, str]], kind: str, default: str) -> str:
    return next((path for t, path in rels.values() if t.endswith(kind)), default)


def _workbook(sheets: list[tuple[str, str]], flags: dict[str, bool]) -> expat.XMLParserType:
    """Fill `sheets` with (name, relationship id) in order; flags["1904"]: the date system."""

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            sheets.append((attrs.get("name", ""), attrs.get("id", "")))
        elif tag == "workbookPr":
            flags["1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    return _parser(start)


# Styles read, by the part's bytes: a batch's workbooks made by one program carry the same
# styles part (~10 KB, 250 elements), read once. The lists are never changed by a reader.
# Only parts up to _STYLES_KEPT_SIZE are remembered: the memory is bounded whatever the input.
_styles_read: dict[bytes, tuple[list[str], dict[int, bool]]] = {}
_STYLES_KEPT, _STYLES_KEPT_SIZE = 64, 256 << 10


def _styles(zf: zipfile.ZipFile, name: str) -> tuple[list[str], dict[int, bool]]:
    """Number format code by cell style index, and the date styles (index → is a duration)."""
    info = zf.getinfo(name)
    if info.file_size > MAX_SMALL_PART:
        raise PartError(f"{name} 解压后有 {info.file_size >> 20} MB,{TOO_BIG}")
    with zf.open(info) as fh:
        raw = fh.read(MAX_SMALL_PART + 1)
    found = _styles_read.get(raw)
    if found is None:
        found = _parse_styles(raw, name)
        if len(_styles_read) < _STYLES_KEPT and len(raw) <= _STYLES_KEPT_SIZE:
            _styles_read[raw] = found
    return found


def _parse_styles(raw: bytes, name: str) -> tuple[list[str], dict[int, bool]]:
    custom: dict[int, str] = {}
    ids: list[int] = []
    depth = {"cellXfs": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":
            custom[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            depth["cellXfs"] = 1
        elif tag == "xf" and depth["cellXfs"]:
            ids.append(_int(attrs.get("numFmtId")))

    def end(tag: str) -> None:
        if tag == "cellXfs":
            depth["cellXfs"] = 0

    if len(raw) > MAX_SMALL_PART:
        raise PartError(f"{name} 解压后超过 {MAX_SMALL_PART >> 20} MB,{TOO_BIG}")
    parser = _parser(start, end)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise PartError(f"{DAMAGED}({name}:{exc})") from exc
    formats = [numfmt.code(i, custom) for i in ids] or ["General"]
    dates = {s: numfmt.is_duration(i, custom) for s, i in enumerate(ids) if numfmt.is_date(i, custom)}
    return formats, dates


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0
