"""xl/sharedStrings.xml → the list of shared strings a worksheet's cells point at (t="s").

Excel and WPS keep every text of a workbook here, once each: a 10,000-row workbook saved by
Excel holds ~20,000 of them. Each <si>'s text is read with its rich-text runs joined and its
phonetic guides (<rPh>) left out, Excel's `_xHHHH_` escapes decoded.

Expat reads the part; `SharedStrings.feed` first reads the items of the plain shape Excel,
WPS and LibreOffice write (`<si><t>text</t></si>`, the text with or without
xml:space="preserve") with one regular expression a run, instead of expat's five Python calls
an item; anything else (rich text, a guide, an attribute, a reference expat would refuse, a
carriage return it would normalise) is handed to expat in its place, in order, so the strings
are the same either way (tests/workbook/test_shared_strings.py feeds every shape in chunks
broken anywhere and compares). As in worksheet.SheetReader, the pass is only made on UTF-8
markup: it stops for good at a comment, CDATA or DTD (`<!`), at an instruction after the
declaration (`<?`), and never starts on a part in another encoding.
"""

from __future__ import annotations

import re

from drafter.workbook.worksheet import (
    _ODD_CHARACTER,
    TOO_BIG,
    PartError,
    _text,
    _Unusual,
    markup,
    parser,
    unescape,
)

MAX_STRINGS = 1_000_000
MAX_STRING_ELEMENTS = 4_000_000

# one item of the plain shape; group 1 its text as written (None when <t/>)
_ITEM = r'<si><t(?: xml:space="preserve")?(?:/>|>([^<]*)</t>)</si>'
_RUN = re.compile(rf"(?:\s*{_ITEM})+".encode())  # items side by side (pretty-printed too)
_ITEMS = re.compile(_ITEM)


class SharedStrings:
    """One pass over the part: each <si>'s text appended to `out`, in order."""

    def __init__(self, out: list[str]):
        self.out = out
        self.chunks: list[str] = []
        self.collecting = self.phonetic = False
        self.in_strings = self.in_item = False  # inside <sst>, inside an <si> (expat's reading)
        self.elements = 0
        self.tail = b""  # the bytes after the last complete item of the chunk fed last
        self.plain: bool | None = None  # items may be read without expat; None: not seen yet
        self.seen = 0  # bytes passed on so far
        self.parser = parser(self.start, self.end, self.chars, self._declared)

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Parse the next `chunk` of the part (`final`: the last one, possibly empty). The
        bytes after a chunk's last complete item wait for the next chunk, so no item is cut
        in half."""
        if self.tail:
            chunk, self.tail = self.tail + chunk, b""
        if self.plain is None:
            self.plain = markup(chunk, final)
            if self.plain is None:
                self.tail = chunk  # too little to tell yet
                return
        if self.plain and (b"<!" in chunk or chunk.find(b"<?", max(0, 4 - self.seen)) >= 0):
            self.plain = False  # a comment, CDATA, DTD or instruction: its text is no item
        if not self.plain:
            self.parser.Parse(chunk, final)
            return
        if not final:
            cut = chunk.rfind(b"</si>")
            cut = cut + 5 if cut >= 0 else chunk.rfind(b"<")
            if cut > 0:
                chunk, self.tail = chunk[:cut], chunk[cut:]
        self.seen += len(chunk)
        self._items(chunk, final)

    def _items(self, data: bytes, final: bool) -> None:
        """`data` in order: runs of plain items read here, the rest parsed by expat."""
        parse, at = self.parser.Parse, 0
        start = data.find(b"<si>")
        while start >= 0 and self.plain:
            run = _RUN.match(data, start)
            if run is None:  # not of the plain shape: expat reads this item
                end = data.find(b"</si>", start)
                start = data.find(b"<si>", end + 5) if end >= 0 else -1
                continue
            if start > at:
                parse(data[at:start], False)
                at = start
            if not self.plain or not self.in_strings or self.in_item:
                break  # another encoding declared, or not where an item may stand: expat
            at = self._run(data, start, run.end())
            if at < run.end():  # an item expat must read (it refuses or rewrites its text)
                end = data.index(b"</si>", at) + 5
                parse(data[at:end], False)
                at = end
            start = data.find(b"<si>", at)
        parse(data[at:], final)

    def _run(self, data: bytes, start: int, end: int) -> int:
        """The plain items in data[start:end] appended; the offset up to which they were (an
        item expat must read stops the run there: it is left, with the rest, to expat)."""
        try:
            text = data[start:end].decode()
        except UnicodeDecodeError:
            return start  # expat says where and why
        out, before = self.out, len(self.out)
        if "&" not in text and "_x" not in text and "]]>" not in text \
                and not _ODD_CHARACTER.search(text):  # every text as it stands (Excel's, mostly)
            items = _ITEMS.findall(text)  # each item's text, "" for <t/>
            if before + len(items) > MAX_STRINGS:
                raise PartError(f"共享文字超过 {MAX_STRINGS:,} 条,{TOO_BIG}")
            out.extend(items)
            self.elements += 2 * len(items)
            return end
        for item in _ITEMS.finditer(text):
            raw = item.group(1)
            try:
                value = "" if not raw else unescape(_text(raw))
            except _Unusual:
                self.elements += 2 * (len(out) - before)
                return start + len(text[:item.start()].encode())
            if len(out) >= MAX_STRINGS:
                raise PartError(f"共享文字超过 {MAX_STRINGS:,} 条,{TOO_BIG}")
            out.append(value)
        self.elements += 2 * (len(out) - before)  # as expat counts them: <si> and <t> each
        return end

    def _declared(self, version: str, encoding: str | None, standalone: int) -> None:
        """Expat's handler for <?xml …?>: items are read without expat only from UTF-8."""
        if encoding is not None and encoding.lower() not in ("utf-8", "utf8"):
            self.plain = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > MAX_STRING_ELEMENTS:  # rich text: a run has <r>, <rPr>, fonts, <t>
            raise PartError(f"共享文字中的 XML 元素超过 {MAX_STRING_ELEMENTS:,} 个,{TOO_BIG}")
        tag = name[name.rfind(" ") + 1:]  # the local name
        if tag == "t":
            self.collecting = not self.phonetic
        elif tag == "si":
            self.chunks.clear()
            self.in_item = True
        elif tag == "rPh":
            self.phonetic = True
        elif tag == "sst":
            self.in_strings = True

    def end(self, name: str) -> None:
        tag = name[name.rfind(" ") + 1:]  # the local name
        if tag == "t":
            self.collecting = False
        elif tag == "si":
            if len(self.out) >= MAX_STRINGS:
                raise PartError(f"共享文字超过 {MAX_STRINGS:,} 条,{TOO_BIG}")
            self.out.append(unescape("".join(self.chunks)))
            self.in_item = False
        elif tag == "rPh":
            self.phonetic = False
        elif tag == "sst":
            self.in_strings = False

    def chars(self, text: str) -> None:
        if self.collecting:
            self.chunks.append(text)
