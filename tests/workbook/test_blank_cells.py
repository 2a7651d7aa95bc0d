"""The reader's byte passes (worksheet.SheetReader.feed): blank cells and empty rows cut out of
a worksheet before expat, and rows of the plain shape read without expat. Whatever the shape
of the part and wherever the chunks break, the sheet read is the one expat's handlers read
without them."""

from __future__ import annotations

import contextlib
import copy
import random
import zipfile

import pytest

from drafter.workbook import numfmt, reader
from drafter.workbook.worksheet import _BLANK_CELL, _EMPTY_ROW, Done, Sheet, SheetReader
from tests.conftest import SAMPLES

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS = ["编号", "本期", "x"]


def _read(part: bytes, sizes: list[int] | None, squeeze: bool = True) -> Sheet:
    """`part` read in chunks of `sizes` (cycled; None: one chunk), through `feed` or, with
    squeeze=False, straight into expat."""
    sheet = Sheet("指标", style_formats=["General", "0.00%"])
    rd = SheetReader(sheet, STRINGS, {}, numfmt.WINDOWS_EPOCH)
    feed = rd.feed if squeeze else rd.parser.Parse
    at, k = 0, 0
    try:
        while sizes and at < len(part):
            size = sizes[k % len(sizes)]
            feed(part[at:at + size], False)
            at, k = at + size, k + 1
        feed(part[at:], True)
    except Done:  # the rest of the part holds nothing the reader reads
        pass
    return sheet


def _state(sheet: Sheet) -> tuple:
    return (sheet.cells, sheet.styles, sheet.formulas, sheet.merged, sheet.hidden_rows,
            sheet.hidden_columns)


def _same_every_way(part: bytes) -> Sheet:
    plain = _read(part, None, squeeze=False)
    rng = random.Random(len(part))
    for sizes in ([1], [2], [7], [64], [1 << 16], [rng.randint(1, 300) for _ in range(50)]):
        assert _state(_read(part, sizes)) == _state(plain), sizes
    assert _state(_read(part, None)) == _state(plain)
    return plain


def _part(rows: str, after: str = "", head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (f'{head}<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData>{after}'
            "</worksheet>").encode()


BLANKS = ('<c r="A{n}" s="1"/><c r="B{n}" s="1" t="n"></c><c r="C{n}"/>'
          '<c r="D{n}" t="s"></c><c r="E{n}" s="2" t="inlineStr"/>')


def test_blank_cells_and_rows_are_cut_and_values_kept() -> None:
    rows = "".join(f'<row r="{n}" spans="1:5" ht="20" customHeight="1" x14ac:dyDescent="0.25">'
                   f'{BLANKS.format(n=n)}</row>' for n in range(3, 40))
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="E1" t="s"><v>1</v></c></row>'
            f'{rows}<row r="40"><c r="B40" s="1"/><c r="E40" s="1"><v>0.25</v></c><c r="F40"/></row>')
    part = _part(rows).replace(b"<worksheet ", b'<worksheet xmlns:x14ac="urn:x" ')
    sheet = _same_every_way(part)
    assert sheet.cells == {0: {0: "编号", 4: "本期"}, 39: {4: 0.25}}
    assert sheet.number_format(39, 4) == "0.00%" and sheet.number_format(39, 1) == ""
    cut = _EMPTY_ROW.sub(b"", _BLANK_CELL.sub(b"", part))
    assert b"<c " not in cut.replace(b'<c r="A1" t="s">', b"").replace(b'<c r="E1" t="s">', b"") \
        .replace(b'<c r="E40" s="1">', b"")  # every blank cell cut
    assert cut.count(b"<row") == 2  # and every emptied row


@pytest.mark.parametrize("rows", [
    # a blank cell followed by one without an address: its column counts
    '<row r="2"><c r="A2" s="1"/><c><v>1</v></c><c r="C2"/><c t="s"><v>2</v></c></row>',
    # an address left empty takes the next column too
    '<row r="2"><c r="B2" s="1"/><c r=""><v>1</v></c></row>',
    # rows without a number follow the one before, kept or not
    '<row r="2"><c r="A2"/></row><row><c r="B3"><v>3</v></c></row><row r="5"/><row><c><v>6</v></c></row>',
    # a row number going back after an empty row, repeating, and after a full row
    '<row r="9"><c r="A9" s="1"/></row><row r="4"><c r="A4"><v>4</v></c></row>'
    '<row r="4"><c r="B4"><v>5</v></c></row><row r="6"/><row r="6"><c r="A6"><v>6</v></c></row>'
    '<row r="3"><c r="A3"><v>3</v></c></row>',
    # a blank cell after a value in the same column: the value stays
    '<row r="2"><c r="A2"><v>1</v></c><c r="A2" s="1"/></row>',
    # formulas without values, inline strings empty and full, spaces between elements
    '<row r="2">\n <c r="A2"><f>SUM(B2:C2)</f></c>\n <c r="B2" t="inlineStr"><is><t></t></is></c>\n'
    ' <c r="C2" s="1" t="inlineStr"><is><t>x</t></is></c>\n <c r="D2" s="1"/>\n</row>\n<row r="3"/>\n',
    # hidden rows, empty and not
    '<row r="2" hidden="1"><c r="A2" s="1"/></row><row r="3" hidden="1"><c r="A3"><v>1</v></c></row>',
    # attributes in another order or quoted otherwise: left to the reader, same result
    "<row r='2'><c s=\"1\" r=\"A2\"/><c r='B2' s='1'/><c r=\"C2\" s=\"1\" /></row><row r=\"3\" />",
])
def test_every_shape_reads_the_same_with_and_without_the_pass(rows: str) -> None:
    _same_every_way(_part(rows))


def test_text_that_only_looks_like_markup_is_never_cut() -> None:
    cell = '<c r="A2" s="1"/></row><row r="3"></row>'
    for rows, text in [
        (f'<row r="2"><c r="A2" t="inlineStr"><is><t><![CDATA[{cell}]]></t></is></c></row>', cell),
        (f'<!-- {cell} --><row r="2"><c r="A2" t="inlineStr"><is><t>{cell.replace("<", "&lt;")}</t>'
         "</is></c></row>", cell),
    ]:
        for sizes in ([5], [1 << 16], None):
            assert _read(_part(rows), sizes).cells == {1: {0: text}}
    # a processing instruction holding the same: not text, read past either way
    _same_every_way(_part(f'<row r="2"><?pi {cell}?><c r="B2"><v>1</v></c>{cell[:17]}</row>'))


def test_a_utf16_part_is_read_without_the_pass() -> None:
    for encoding in ("utf-16", "utf-16le", "utf-16be"):
        text = _part('<row r="2"><c r="A2" s="1"/><c r="B2"><v>7</v></c></row>',
                     head=f'<?xml version="1.0" encoding="{encoding.upper()}"?>').decode()
        part = text.encode(encoding)
        for sizes in ([1], [3], None):
            assert _read(part, sizes).cells == {1: {1: 7}}


def test_a_utf8_bom_and_a_part_without_declaration() -> None:
    rows = '<row r="2"><c r="A2" s="1"/><c r="B2"><v>7</v></c></row><row r="3"><c r="A3"/></row>'
    for part in (b"\xef\xbb\xbf" + _part(rows), _part(rows, head=""), b"\n " + _part(rows, head="")):
        assert _state(_same_every_way(part))[0] == {1: {1: 7}}


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.name[:3])
def test_every_sample_sheet_reads_the_same_with_and_without_the_pass(sample) -> None:
    book = reader.load(sample).sheets
    with zipfile.ZipFile(sample) as zf:
        for key in book:
            _, part = book._parts[key]  # type: ignore[attr-defined]
            plain = _read(zf.read(part), None, squeeze=False)
            assert _state(book[key]) == _state(plain), key
            assert _state(_read(zf.read(part), [4093])) == _state(plain), key


# -- rows read without expat (SheetReader._plain_row) ---------------------------------------

def _plain_rows(part: bytes) -> int:
    sheet = Sheet("指标", style_formats=["General", "0.00%"])
    rd = SheetReader(sheet, STRINGS, {}, numfmt.WINDOWS_EPOCH)
    with contextlib.suppress(Done):
        rd.feed(part, True)
    return rd.plain


ROW_ATTRS = ' spans="1:4" ht="20" customHeight="1" x14ac:dyDescent="0.25"'


@pytest.mark.parametrize(("rows", "plain"), [
    # the shapes Excel, WPS and openpyxl write: every row read without expat
    ('<row r="1"{a}><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1"><v>12.5</v></c>'
     '<c r="C1" t="inlineStr"><is><t>&#20826;&#24314; &amp; &lt;x&gt; &#x41;&quot;&apos;</t></is></c>'
     '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> 前后有空格 </t></is></c></row>'
     '<row r="2"{a}><c r="A2" t="inlineStr"><is><t/></is></c><c r="B2" t="b"><v>1</v></c>'
     '<c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="str"><v>a_x000D_b</v></c></row>'
     '<row r="3" hidden="1"{a}><c r="A3" t="inlineStr"><is><t>_x005F_x000D_ 与 _x000D_</t></is></c>'
     '<c r="B3" t="d"><v>2025-01-16</v></c><c r="C3" s="1"><v></v></c><c r="D3" t="n"><v>7</v></c></row>'
     '<row r="5"><c r="B5"><v>1E3</v></c><c r="B5"><v>2</v></c><c r="AA5" t="s"><v>2</v></c></row>',
     4),
    # read by expat in their place, the plain rows around them without: a formula, rich text,
    # phonetic text, a cell without an address, lower-case letters, another attribute order
    ('<row r="1"><c r="A1"><v>1</v></c></row>'
     '<row r="2"><c r="A2"><f>SUM(B2:C2)</f><v>3</v></c></row>'
     '<row r="3"><c r="A3" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>'
     '<row r="4"><c r="A4" t="inlineStr"><is><t>字</t><rPh sb="0" eb="1"><t>zi</t></rPh></is></c></row>'
     '<row r="5"><c><v>5</v></c></row><row r="6"><c r="a6"><v>6</v></c></row>'
     '<row r="7"><c t="s" r="A7"><v>1</v></c></row><row r="8"><c r="B8"><v>8</v></c></row>', 2),
    # text expat rewrites or refuses a character of: a carriage return (read as a line feed),
    # a tab and a line feed (kept as they are), a reference to a carriage return; a text with
    # references is decoded by expat itself, carriage returns and all
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>甲\r\n乙</t></is></c></row>'
     '<row r="2"><c r="A2" t="inlineStr"><is><t>甲\t\n乙&#13;</t></is></c></row>'
     '<row r="3"><c r="A3" t="inlineStr"><is><t>&#20826;\r\n&#x41;\r&#13;</t></is></c></row>', 2),
    # rows not in sheetData's place: an empty one, one repeating a number, one going back
    ('<row r="3"/><row r="3"><c r="A3"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>'
     '<row r="2"><c r="A2"><v>9</v></c></row><row r="4" spans="1:1"><c r="A4"><v>4</v></c></row>'
     # an empty row the cut leaves (an attribute longer than it looks at), then one going back
     f'<row r="5" x="{"y" * 50}"/><row r="5"><c r="B5"><v>5</v></c></row>', 6),
    # a run taken back: its plain rows (one hidden, one repeating a number, a boolean kept the
    # long way) are read, then a row only expat reads (a carriage return it normalises); the
    # rows are read again one by one
    ('<row r="1" hidden="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="B1"><v>2</v></c></row>'
     '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="s"><v>1</v></c></row>'
     '<row r="3"><c r="A3" t="inlineStr"><is><t>甲\r\n乙</t></is></c></row>'
     '<row r="4" hidden="1"><c r="A4" t="inlineStr"><is><t>后</t></is></c></row>', 4),
    # a few blank cells among many cells are not cut (worksheet._cut): read as tokens of their
    # rows, a row of blank cells only (row 2) among them, and it reads as no row
    ('<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"/><c r="C1"><v>3</v></c></row>'
     '<row r="2"><c r="A2" s="2" t="n"></c><c r="B2" t="s"/></row>'
     '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c><c r="C3"><v>3</v></c></row>'
     '<row r="4"><c r="A4"><v>1</v></c><c r="B4"><v>2</v></c><c r="C4"><v>3</v></c></row>', 4),
    # text without references, as Excel and WPS write it: taken as it stands, escapes and all
    ('<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 党建 _x000D_ </t></is></c>'
     '<c r="B1" t="inlineStr"><is><t/></is></c><c r="C1" t="str"><v>a_x005F_x000D_</v></c>'
     '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="s"><v>2</v></c></row>', 1),
])
def test_plain_rows_are_read_without_expat_and_the_same(rows: str, plain: int) -> None:
    part = _part(rows.format(a=ROW_ATTRS)).replace(b"<worksheet ", b'<worksheet xmlns:x14ac="urn:x" ')
    _same_every_way(part)
    assert _plain_rows(part) == plain


def test_a_run_taken_back_leaves_nothing_read() -> None:
    """A run of rows found not plain part-way is taken back whole (SheetReader._undo)."""
    sheet = Sheet("指标")
    rd = SheetReader(sheet, STRINGS, {}, numfmt.WINDOWS_EPOCH)
    rd.in_data = True  # as after <sheetData>
    run = (b'<row r="1" hidden="1"><c r="A1"><v>1</v></c></row>'
           b'<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="s"><v>0</v></c></row>'
           b'<row r="3"><c r="A3" t="inlineStr"><is><t>\r</t></is></c></row>')  # expat's
    before = copy.deepcopy((_state(sheet), rd.count, rd.last_row, rd.row_no, rd.plain))
    assert rd._plain_run(run) is False
    assert (_state(sheet), rd.count, rd.last_row, rd.row_no, rd.plain) == before
    assert rd._plain_run(run[:run.index(b'<row r="3">')]) is True  # the plain rows alone
    assert sheet.cells == {0: {0: 1}, 1: {0: True, 1: "编号"}} and sheet.hidden_rows == {0}


@pytest.mark.parametrize("rows", [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#1;</t></is></c></row>',  # no such character
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#xD800;</t></is></c></row>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>',  # a bare ampersand
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>',  # not XML's
    '<row r="1"><c r="A1" t="inlineStr"><is><t>a ]]> b</t></is></c></row>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>\x01</t></is></c></row>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#65535;</t></is></c></row>',  # a non-character
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c></row>',  # past Unicode
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#20826;\x01</t></is></c></row>',  # with references
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#20826;]]></t></is></c></row>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&#20826;\uffff</t></is></c></row>',
    '<row r="1" ht="1" ht="2"><c r="A1"><v>1</v></c></row>',  # an attribute twice
    '<row r="1" undeclared:x="1"><c r="A1"><v>1</v></c></row>',  # a prefix never declared
])
def test_a_row_expat_refuses_is_refused_as_expat_refuses_it(rows: str) -> None:
    from xml.parsers.expat import ExpatError

    part = _part(rows)
    for squeeze in (False, True):
        with pytest.raises(ExpatError):
            _read(part, None, squeeze=squeeze)


def test_text_beyond_utf8_and_an_other_encoding_are_left_to_expat() -> None:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>é</t></is></c></row>'
    latin = _part(rows, head='<?xml version="1.0" encoding="ISO-8859-1"?>')
    part = latin.replace("é".encode(), "é".encode("latin-1"))
    assert _read(part, None).cells == _read(part, None, squeeze=False).cells == {0: {0: "é"}}
    assert _plain_rows(part) == 0
    # a processing instruction past the declaration: no row is read without expat from there
    pi = _part('<row r="1"><c r="A1"><v>1</v></c></row><?x <row r="2"><c r="A2"><v>2</v></c></row>?>')
    assert _read(pi, [7]).cells == _read(pi, None, squeeze=False).cells == {0: {0: 1}}
    assert _plain_rows(pi) == 0
