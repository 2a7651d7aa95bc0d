"""The body's paragraphs written as text (paragraph_xml.py) are what the element path
(oxml.py, python-docx) makes for the same paragraph, serialized in the document."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from drafter.word import oxml
from drafter.word import paragraph_xml as px

TEXTS = [
    "受理案件236件",
    " 前后有空格 ",
    "\u3000全角空格开头",
    "甲\t乙",
    "\t开头是制表符",
    "换行\n之后",
    "末尾换行\n",
    "两个\t\t制表符与\n\n两个换行",
    " 空格\t 与制表符 ",
    'A&B <c> "d" \'e\' &amp;',
    "</w:t></w:r><w:r><w:t>注入",
    "\t",
    "\n",
    " ",
]


def _body() -> tuple[docx.document.Document, etree._Element]:
    document = docx.Document()
    body = document.element.body
    body.remove(body.sectPr)
    return document, body


def _serialized(body: etree._Element) -> bytes:
    """The whole document holding `body`, as it is saved (namespace declarations included)."""
    return etree.tostring(body.getroottree())


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("style", [None, "Heading1Char", 'a"&<b'])
@pytest.mark.parametrize("spacing", [None, -11])
def test_a_run_is_what_the_element_path_makes(text: str, style: str | None,
                                               spacing: int | None) -> None:
    _, by_elements = _body()
    p = oxml.add_p(by_elements)
    oxml.paragraph_style(p, "Body")
    r = oxml.add_run(p, text, style)
    if spacing is not None:
        oxml.run_spacing(r, spacing)
    _, by_text = _body()
    by_text.extend(px.parse([px.paragraph_start("Body") + px.run(text, style, spacing)
                             + px.PARAGRAPH_END]))
    assert _serialized(by_text) == _serialized(by_elements)


@pytest.mark.parametrize("page_break", [False, True])
def test_a_paragraph_with_bookmarks_is_what_the_element_path_makes(page_break: bool) -> None:
    document, by_elements = _body()
    p = oxml.add_p(by_elements)
    oxml.paragraph_style(p, "Heading2")
    if page_break:
        DocxParagraph(p, document._body).paragraph_format.page_break_before = True
    oxml.add_run(p, "全年共受理", None)
    figure = oxml.add_run(p, "236件", "Flagged")
    oxml.bookmark(figure, figure, 7, "F007_法律援助_受理案件")
    oxml.add_run(p, "，同比增长", None)
    for ident, name in ((8, "F008_甲"), (9, "F009_乙")):  # a figure with no text
        etree.SubElement(p, qn("w:bookmarkStart"), {qn("w:id"): str(ident), qn("w:name"): name})
        etree.SubElement(p, qn("w:bookmarkEnd"), {qn("w:id"): str(ident)})
    oxml.add_p(by_elements)  # an empty paragraph after it

    _, by_text = _body()
    by_text.extend(px.parse([
        px.paragraph_start("Heading2", page_break=page_break) + px.run("全年共受理", None)
        + px.bookmark_start(7, "F007_法律援助_受理案件") + px.run("236件", "Flagged")
        + px.bookmark_end(7) + px.run("，同比增长", None)
        + px.bookmark_start(8, "F008_甲") + px.bookmark_end(8)
        + px.bookmark_start(9, "F009_乙") + px.bookmark_end(9) + px.PARAGRAPH_END,
        "<w:p>" + px.PARAGRAPH_END,
    ]))
    assert _serialized(by_text) == _serialized(by_elements)


def test_text_never_becomes_markup() -> None:
    _, body = _body()
    body.extend(px.parse([px.paragraph_start('x"/><w:b/>') + px.run(TEXTS[10], "s")
                          + px.PARAGRAPH_END]))
    (p,) = body
    assert len(p.r_lst) == 1 and p.r_lst[0].text == TEXTS[10]
    assert p.pPr.pStyle.val == 'x"/><w:b/>'
