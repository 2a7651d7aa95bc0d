"""Body paragraphs written as XML text and parsed in one pass, not made element by element.

Headings and body paragraphs are nearly all of a report's body: a paragraph style, runs of
text (each with at most a character style and, when condensed, a character spacing), a
bookmark around each figure. Made with lxml one element at a time they cost ~2.5 µs an
element, ~1,000 elements a report; written as text and parsed by python-docx's own parser a
batch at a time, the same paragraphs cost about a third of that. The writer keeps the element
path (oxml.py) for what is made once a document: the title, tables, 附件, 落款.

The text written here is the serialization of what the element path makes for the same
paragraph (oxml.paragraph_style, oxml.add_run with python-docx's `Run.text` for tabs and line
breaks, oxml.run_spacing, oxml.bookmark): attributes in the same order, xml:space="preserve"
on the same w:t, so the saved .docx is byte for byte what it was
(tests/word/test_paragraph_xml.py compares the two paths). Text is escaped here; every
value also comes back through the parser, so nothing a workbook holds can make markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement

_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _text(value: str) -> str:
    """`value` escaped for an XML text node or a double-quoted attribute."""
    if "&" in value or "<" in value or ">" in value or '"' in value:
        return value.translate(_ESCAPE)
    return value


def paragraph_start(style_id: str, *, page_break: bool = False) -> str:
    """A paragraph's start tag and properties: its style by id, a page break before it."""
    brk = "<w:pageBreakBefore/>" if page_break else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{_text(style_id)}"/>{brk}</w:pPr>'


PARAGRAPH_END = "</w:p>"


def run(text: str, style_id: str | None, spacing: int | None = None) -> str:
    """A run of `text` (already cleaned: no character XML cannot hold, no \\r): a tab becomes
    w:tab and a line break w:br, as python-docx's `Run.text` makes them; a piece with spaces
    at either end keeps them (xml:space="preserve")."""
    props = ""
    if style_id is not None or spacing is not None:
        props = "<w:rPr>"
        if style_id is not None:
            props += f'<w:rStyle w:val="{_text(style_id)}"/>'
        if spacing is not None:
            props += f'<w:spacing w:val="{spacing}"/>'
        props += "</w:rPr>"
    body = "".join(_pieces(text)) if "\t" in text or "\n" in text else _t(text)
    return f"<w:r>{props}{body}</w:r>"


def _t(text: str) -> str:
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{_text(text)}</w:t>'
    return f"<w:t>{_text(text)}</w:t>"


def _pieces(text: str) -> Iterable[str]:
    """python-docx's _RunContentAppender: text between tabs and breaks in w:t, each tab a
    w:tab, each line break a w:br; no empty w:t."""
    piece: list[str] = []
    for char in text:
        if char == "\t" or char == "\n":
            if piece:
                yield _t("".join(piece))
                piece.clear()
            yield "<w:tab/>" if char == "\t" else "<w:br/>"
        else:
            piece.append(char)
    if piece:
        yield _t("".join(piece))


def bookmark_start(ident: int, name: str) -> str:
    return f'<w:bookmarkStart w:id="{ident}" w:name="{_text(name)}"/>'


def bookmark_end(ident: int) -> str:
    return f'<w:bookmarkEnd w:id="{ident}"/>'


_WRAP_START = f"<w:body {nsdecls('w')}>"


def parse(pieces: list[str]) -> list[BaseOxmlElement]:
    """The paragraphs written in `pieces`, parsed at once: python-docx's element classes,
    ready to be appended to the document body (lxml moves them into its document, reusing
    the body's declaration of the w: prefix)."""
    return list(parse_xml(_WRAP_START + "".join(pieces) + "</w:body>"))
