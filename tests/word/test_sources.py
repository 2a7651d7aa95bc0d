"""Figures in the draft carry a bookmark named after their indicator (drafter verify finds
them by it) and, with notes (render --trace), a Word comment saying where they come from."""

from __future__ import annotations

import io
import re
import time

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from drafter.config.style import StyleProfile
from drafter.model.document import Document, Heading, Mark, Paragraph, Signature, Span, Table, Title
from drafter.model.source import FigureSource
from drafter.word.writer import bookmark_name, build_docx

GB = StyleProfile()


def sourced() -> Document:
    return Document([
        Title("某某市司法局2024年工作总结"),
        Heading(1, "一、", (Span("法律援助"),)),
        Paragraph((
            Span("全年受理法律援助案件"),
            Span("1200", source=FigureSource(("法律援助.受理案件",))),
            Span("件，办结"),
            Span("236", Mark.FLAGGED, source=FigureSource(("法律援助.办结案件",))),
            Span("件，"),
            Span("【待补充：来电咨询】", Mark.PLACEHOLDER, source=FigureSource(("法律援助.来电咨询",))),
            Span("。"),
        )),
    ], core_title="测试")


def bookmarks(data: bytes) -> list[tuple[str, str]]:
    """(name, text between bookmarkStart and bookmarkEnd) in document order."""
    body = docx.Document(io.BytesIO(data)).element.body
    out = []
    for start in body.iter(qn("w:bookmarkStart")):
        ident, text = start.get(qn("w:id")), []
        for el in start.itersiblings():
            if el.tag == qn("w:bookmarkEnd") and el.get(qn("w:id")) == ident:
                break
            text += [t.text or "" for t in el.iter(qn("w:t"))]
        else:
            pytest.fail(f"bookmark {start.get(qn('w:name'))} has no end in its paragraph")
        out.append((start.get(qn("w:name")), "".join(text)))
    return out


def test_bookmark_names_follow_words_rules() -> None:
    assert bookmark_name(1, FigureSource(("法律援助.受理案件",))) == "F001_法律援助_受理案件"
    assert bookmark_name(12, FigureSource(("a-b c",))) == "F012_a_b_c"
    long = bookmark_name(1234, FigureSource(("很长的指标编号" * 10,)))
    assert len(long) == 40 and long.startswith("F1234_")
    for name in (long, bookmark_name(7, FigureSource(("…", ".")))):
        assert re.fullmatch(r"[^\W\d_]\w{0,39}", name), name


def test_every_sourced_span_is_bookmarked_around_its_own_text() -> None:
    data = build_docx(sourced(), GB)
    assert bookmarks(data) == [
        ("F001_法律援助_受理案件", "1200"),
        ("F002_法律援助_办结案件", "236"),
        ("F003_法律援助_来电咨询", "【待补充：来电咨询】"),
    ]
    d = docx.Document(io.BytesIO(data))
    flagged = next(r for r in d.paragraphs[-1].runs if r.text == "236")
    assert flagged.style.name == "待核实"  # the bookmark does not take the mark's style away
    assert not any(r.reltype == RT.COMMENTS for r in d.part.rels.values())


def test_a_sourced_span_without_text_keeps_its_number() -> None:
    doc = Document([Paragraph((Span("甲"), Span("\x00", source=FigureSource(("a.b",))), Span("2", source=FigureSource(("c.d",)))))])
    assert bookmarks(build_docx(doc, GB)) == [("F001_a_b", ""), ("F002_c_d", "2")]


def test_bookmarks_change_neither_text_nor_styles() -> None:
    plain = Document([
        b if not isinstance(b, Paragraph) else Paragraph(tuple(
            Span(s.text, s.mark, s.level) for s in b.spans)) for b in sourced().blocks
    ])
    a = docx.Document(io.BytesIO(build_docx(sourced(), GB)))
    b = docx.Document(io.BytesIO(build_docx(plain, GB)))
    assert [(p.style.name, p.text) for p in a.paragraphs] == [
        (p.style.name, p.text) for p in b.paragraphs]

    def styled(d: docx.document.Document) -> list[tuple[str, str]]:
        return [(r.style.name, r.text) for r in d.paragraphs[-1].runs if r.style.name != "Normal"
                and r.style.name != "Default Paragraph Font"]

    assert styled(a) == styled(b)


def test_notes_become_comments_on_the_figures() -> None:
    notes = {FigureSource(("法律援助.受理案件",)): "指标!E46 受理案件（本期）",
             FigureSource(("法律援助.办结案件",)): "指标!E47 办结"}
    data = build_docx(sourced(), GB, notes=notes)
    d = docx.Document(io.BytesIO(data))
    comments = list(d.comments)
    assert [(c.text, c.author, c.initials) for c in comments] == [
        ("指标!E46 受理案件（本期）", "drafter", "DR"),
        ("指标!E47 办结", "drafter", "DR"),
    ]
    body = d.element.body
    ranges = [s.get(qn("w:id")) for s in body.iter(qn("w:commentRangeStart"))]
    assert ranges == [str(c.comment_id) for c in comments]
    assert bookmarks(data)[:2] == [("F001_法律援助_受理案件", "1200"),
                                   ("F002_法律援助_办结案件", "236")]
    assert d.paragraphs[-1].text == docx.Document(
        io.BytesIO(build_docx(sourced(), GB))).paragraphs[-1].text
    assert build_docx(sourced(), GB, notes=notes) == data  # comment dates are fixed


@pytest.mark.parametrize("n", [1_000, 100_000])
def test_huge_texts_take_linear_time(n: int) -> None:
    """A 单位名称 or a cell of n characters: title, signature and table stay fast."""
    name = "某" * n
    doc = Document([
        Title(f"{name}关于2024年度法治政府建设情况的报告"),
        Paragraph((Span(name),)),
        Table("表", ("指标", "值"), ((name, "1"),), (False, True)),
        Signature(name, "2025年1月16日"),
    ], core_title=name)
    start = time.perf_counter()
    data = build_docx(doc, GB)
    assert time.perf_counter() - start < 1.0
    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text.startswith(name)
    assert d.tables[0].cell(1, 0).text == name
