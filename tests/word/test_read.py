"""Reading a .docx back: paragraph text as accepted, bookmarks, and what is not read."""

from __future__ import annotations

import copy

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.word.read import read


def _bookmark(paragraph, run, name: str, bid: str) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), bid)
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), bid)
    run._r.addprevious(start)
    run._r.addnext(end)


def test_bookmarks_tracked_changes_and_text_boxes(tmp_path) -> None:
    document = Document()
    p = document.add_paragraph("受理案件")
    figure = p.add_run("236件")
    p.add_run("，同比增长。")
    _bookmark(p, figure, "F001_法律援助_受理案件", "1")
    q = document.add_paragraph("办结")
    inserted = q.add_run("30件")
    deleted = q.add_run("28件")
    ins, dele = OxmlElement("w:ins"), OxmlElement("w:del")
    for el in (ins, dele):
        el.set(qn("w:id"), "9")
        el.set(qn("w:author"), "审稿人")
    inserted._r.addprevious(ins)
    ins.append(inserted._r)
    deleted._r.addprevious(dele)
    t = deleted._r.find(qn("w:t"))
    t.tag = qn("w:delText")
    dele.append(deleted._r)
    box = copy.deepcopy(q._p)  # a paragraph inside a text box is counted, not read
    txbx = OxmlElement("w:txbxContent")
    txbx.append(box)
    q._p.append(txbx)
    path = tmp_path / "a.docx"
    document.save(str(path))
    text = read(path)
    assert [p.text for p in text.paragraphs] == ["受理案件236件，同比增长。", "办结30件"]
    bm = text.bookmarks["F001_法律援助_受理案件"]
    assert (bm.text, bm.para, text.text[bm.start:bm.start + len(bm.text)]) == ("236件", 0, "236件")
    assert text.unseen["文本框"] == 1 and text.unseen["修订"] >= 2
