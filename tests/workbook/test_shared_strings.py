"""The shared strings part (workbook/strings.py): items of the plain shape read with one
regular expression a run, everything else by expat in its place. Whatever the shape of the
part and wherever the chunks break, the strings are those expat's handlers read alone."""

from __future__ import annotations

import random
from xml.parsers import expat

import pytest

from drafter.workbook.strings import SharedStrings
from drafter.workbook.worksheet import PartError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def _part(items: str, head: str = HEAD) -> bytes:
    return f'{head}<sst xmlns="{MAIN}" count="9" uniqueCount="9">{items}</sst>'.encode()


def _read(part: bytes, sizes: list[int] | None, fast: bool = True) -> tuple[object, int]:
    """The strings of `part` fed in chunks of `sizes` (cycled; None: one chunk), through
    `feed` or, with fast=False, straight into expat; or the error's type."""
    out: list[str] = []
    rd = SharedStrings(out)
    feed = rd.feed if fast else rd.parser.Parse
    at, k = 0, 0
    try:
        while sizes and at < len(part):
            size = sizes[k % len(sizes)]
            feed(part[at:at + size], False)
            at, k = at + size, k + 1
        feed(part[at:], True)
    except (expat.ExpatError, PartError) as exc:
        return type(exc), -1
    return out, rd.elements


def _same_every_way(part: bytes) -> object:
    alone = _read(part, None, fast=False)
    rng = random.Random(len(part))
    for sizes in ([1], [2], [3], [7], [64], [1 << 16], [rng.randint(1, 200) for _ in range(40)]):
        assert _read(part, sizes) == alone, sizes
    assert _read(part, None) == alone
    return alone[0]


PLAIN = ('<si><t>编号</t></si><si><t xml:space="preserve"> 前后有空格 </t></si><si><t/></si>'
         '<si><t></t></si><si><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</t></si>'
         '<si><t>&#27861;&#x6CBB;</t></si><si><t>第一行_x000D_&#10;第二行</t></si>'
         '<si><t>_x005F_x000D_</t></si>')


def test_plain_items_are_read_as_expat_reads_them() -> None:
    assert _same_every_way(_part(PLAIN)) == [
        "编号", " 前后有空格 ", "", "", "a & b <c> \"d\" 'e'", "法治", "第一行\r\n第二行", "_x000D_"]


@pytest.mark.parametrize("items", [
    # rich text: runs joined
    '<si><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space="preserve">体 </t></r></si>',
    # a phonetic guide is left out
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
    # a carriage return expat normalises, one it keeps (a reference)
    "<si><t>甲\r\n乙</t></si><si><t>甲&#13;乙</t></si><si><t>甲\r乙</t></si>",
    # pretty-printed
    "\n  <si>\n    <t>一</t>\n  </si>\n  <si><t>二</t></si>\n",
    # a comment, an instruction, CDATA: the pass stops, expat reads on
    "<si><t>一</t></si><!-- 注释 <si><t>不是</t></si> --><si><t>二</t></si>",
    "<si><t>一</t></si><?pi <si><t>不是</t></si> ?><si><t>二</t></si>",
    "<si><t>一</t></si><si><t><![CDATA[<b>]]></t></si><si><t>二</t></si>",
    # attributes the regular expression does not know, a prefix
    '<si><t xml:space="default">一</t></si><si><t a="1">二</t></si>',
    # a character XML refuses, raw or as a reference: expat's error either way
    "<si><t>一</t></si><si><t>\x01</t></si>",
    "<si><t>一</t></si><si><t>&#1;</t></si>",
    "<si><t>一]]>二</t></si>",
    "<si><t>&nbsp;</t></si>",  # an HTML entity is no XML one
    # mixed with plain items all around
    PLAIN + '<si><r><t>富</t></r><r><t>文本</t></r></si>' + PLAIN + "<si><t>&#13;</t></si>" + PLAIN,
])
def test_other_shapes_are_left_to_expat_with_the_same_result(items: str) -> None:
    _same_every_way(_part(items))


@pytest.mark.parametrize("part", [
    _part("<si><t>一</t></si>") + b"<si><t>after the end</t></si>",  # junk after the element
    b"<si><t>no sst</t></si>",
    _part("<si><t>一</t></si>", head="\ufeff" + HEAD),  # a byte order mark
    _part("<si><t>一</t></si>", head=""),  # no declaration
    f'<x:sst xmlns:x="{MAIN}"><x:si><x:t>前缀</x:t></x:si><si><t>无</t></si></x:sst>'.encode(),
    _part("<si><t>一</t></si><si><si><t>里</t></si></si>"),  # an item inside an item
    ('<?xml version="1.0" encoding="ISO-8859-1"?>'
     f'<sst xmlns="{MAIN}"><si><t>caf\xe9</t></si></sst>').encode("latin-1"),
    _part("<si><t>一</t></si><si><t>二</t></si>").decode().replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    _part("<si><t>一</t></si>").replace("一".encode(), b"\xe4\xb8"),  # not UTF-8
])
def test_odd_parts_read_or_fail_as_expat_alone(part: bytes) -> None:
    _same_every_way(part)


def test_random_mixes_of_every_shape() -> None:
    rng = random.Random(2026)
    shapes = ["<si><t>{}</t></si>", '<si><t xml:space="preserve">{}</t></si>', "<si><t/></si>",
              "<si><r><t>{}</t></r><r><t>尾</t></r></si>", "\n<si><t>{}</t></si>",
              "<si><t>{}</t><rPh sb=\"0\" eb=\"1\"><t>よみ</t></rPh></si>", "<si><t>{}&#13;</t></si>"]
    words = ["法治", "a&amp;b", "&#27861;", "x_x000D_y", "", " ", "长" * 300]
    for _ in range(30):
        items = "".join(rng.choice(shapes).format(rng.choice(words)) for _ in range(rng.randint(1, 60)))
        _same_every_way(_part(items))


def test_plain_items_never_reach_expat() -> None:
    out: list[str] = []
    rd = SharedStrings(out)
    starts: list[str] = []
    real = rd.parser.StartElementHandler
    rd.parser.StartElementHandler = lambda name, attrs: (starts.append(name), real(name, attrs))
    part = _part(PLAIN * 100 + "<si><r><t>富</t></r></si>" + PLAIN * 100)
    for at in range(0, len(part), 4096):
        rd.feed(part[at:at + 4096], False)
    rd.feed(b"", True)
    assert len(out) == 1601 and out[800] == "富"
    local = [n.rpartition(" ")[2] for n in starts]
    assert local.count("si") <= 3  # the rich-text item (and an item a chunk cut, at most)
    assert local[0] == "sst"
    assert rd.elements == 2 * 1600 + 3 + 1  # as expat counts: si, t each; si, r, t; the sst


def test_more_strings_than_allowed_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.workbook import strings

    monkeypatch.setattr(strings, "MAX_STRINGS", 5)
    part = _part("<si><t>一</t></si>" * 6)
    for sizes in (None, [7]):
        assert _read(part, sizes) == (PartError, -1)
    assert _read(_part("<si><t>一</t></si>" * 5), None)[0] == ["一"] * 5
