"""The Word writer: reopen the .docx with python-docx and check styles, structure, layout."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.config.style import HAO, Font, StyleProfile
from drafter.errors import CatalogError, OutputError
from drafter.model.document import (
    Attachments,
    Document,
    Heading,
    Mark,
    PageBreak,
    Paragraph,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.word.geometry import Geometry
from drafter.word.text import break_title, clean, width
from drafter.word.writer import build_docx, write_docx

try:
    import layout_check
except ImportError:  # tests/ is a package
    from tests.word import layout_check

GB = StyleProfile()
BODY = "深入学习贯彻习近平法治思想，全面推进依法治区各项工作取得新成效。"


def sample(**overrides) -> Document:
    blocks = overrides.get("blocks") or [
        Title("某某市司法局关于2024年度法治政府建设情况的报告"),
        Paragraph((Span(BODY),)),
        Heading(1, "一、", (Span("主要举措和成效"),)),
        Paragraph(
            (
                Span("（一）", Mark.NUMBER),
                Span("坚持政治引领，党的建设走深走实。", Mark.HEADING, 2),
                Span("严格落实“第一议题”制度。"),
                Span("一是深学笃行更加扎实。", Mark.LEAD),
                Span("全年受理法律援助案件"),
                Span("【待补充:受理案件】", Mark.PLACEHOLDER),
                Span("件，办结"),
                Span("236", Mark.FLAGGED),
                Span("件。"),
            ),
            role="point",
        ),
        Heading(2, "（二）", (Span("强化法治保障"),)),
        Heading(3, "1.", (Span("完善制度"),)),
        Heading(4, "（1）", (Span("健全机制"),)),
        Paragraph((Span(BODY),)),
        Attachments(("主要指标统计表",)),
        Signature("某某市司法局", "2025年1月16日"),
        PageBreak(),
        Table(
            "附表1 主要指标",
            ("指标", "本年", "上年"),
            (("受理案件", "1200", "1100"), ("调解率", "30.43%", "29.1%")),
            (False, True, True),
        ),
    ]
    return Document(blocks, core_title=overrides.get("core_title", "测试报告"))


def reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def fonts_of(style) -> tuple[str | None, str | None, float | None, bool]:
    rpr = style.element.rPr
    rfonts = rpr.rFonts
    sz = rpr.find(qn("w:sz"))
    b = rpr.find(qn("w:b"))
    bold = b is not None and b.get(qn("w:val")) not in ("0", "false")
    return (
        rfonts.get(qn("w:eastAsia")),
        rfonts.get(qn("w:ascii")),
        int(sz.get(qn("w:val"))) / 2 if sz is not None else None,
        bold,
    )


@pytest.fixture(scope="module")
def gb_docx() -> bytes:
    return build_docx(sample(), GB)


# --- styles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "font"),
    [
        ("Normal", GB.body),
        ("Title", GB.title),
        ("一级标题", GB.heading1),
        ("二级标题", GB.heading2),
        ("三级标题", GB.heading3),
        ("四级标题", GB.heading4),
        ("一级标题 字符", GB.heading1),
        ("二级标题 字符", GB.heading2),
        ("三级标题 字符", GB.heading3),
        ("四级标题 字符", GB.heading4),
        ("表格文字", GB.table),
        ("页码", GB.page_number),
    ],
)
def test_styles_carry_east_asian_and_latin_fonts_and_sizes(gb_docx, name, font) -> None:
    style = reopen(gb_docx).styles[name]
    assert fonts_of(style) == (font.east_asia, font.latin, font.size_pt, font.bold)


def test_gb_faces_and_sizes() -> None:
    assert fonts_of(reopen(build_docx(sample(), GB)).styles["Normal"])[:3] == (
        "仿宋_GB2312",
        "Times New Roman",
        16,
    )
    styles = reopen(build_docx(sample(), GB)).styles
    assert fonts_of(styles["Title"])[0] == "方正小标宋简体" and fonts_of(styles["Title"])[2] == 22
    assert fonts_of(styles["一级标题"])[0] == "黑体"
    assert fonts_of(styles["二级标题 字符"])[0] == "楷体_GB2312"
    assert fonts_of(styles["三级标题"])[3] is True
    assert fonts_of(styles["页码"])[:3] == ("宋体", "宋体", 14)


def test_all_named_styles_exist_and_derive_from_normal(gb_docx) -> None:
    styles = reopen(gb_docx).styles
    names = {s.name for s in styles}
    assert {
        "Normal",
        "Title",
        "一级标题",
        "二级标题",
        "三级标题",
        "四级标题",
        "要点引语",
        "待补充",
        "待核实",
        "附件说明",
        "署名",
        "成文日期",
        "表题",
        "表格文字",
        "页码",
        "公文表格",
    } <= names
    assert styles["Normal"].element.get(qn("w:default")) == "1"
    for name in ("Title", "一级标题", "四级标题", "署名", "成文日期", "附件说明", "表格文字"):
        base = styles[name]
        while base.base_style is not None:
            base = base.base_style
        assert base.name == "Normal", name


def test_body_is_indented_two_characters_and_justified(gb_docx) -> None:
    ind = reopen(gb_docx).styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    geo = Geometry.of(GB)
    assert int(ind.get(qn("w:firstLine"))) == 2 * geo.char
    assert reopen(gb_docx).styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_profile_overrides_reach_the_styles() -> None:
    style = StyleProfile(
        title=Font("黑体", HAO["小一"]),
        heading2=Font("华文楷体", 15, bold=True),
        lead_bold=True,
    )
    styles = reopen(build_docx(sample(), style)).styles
    assert fonts_of(styles["Title"])[:3] == ("黑体", "Times New Roman", 24)
    assert fonts_of(styles["二级标题 字符"]) == ("华文楷体", "Times New Roman", 15, True)
    assert styles["要点引语"].element.rPr.find(qn("w:b")) is not None
    plain = reopen(build_docx(sample(), GB)).styles["要点引语"]
    assert plain.element.rPr is None or plain.element.rPr.find(qn("w:b")) is None


def test_font_table_names_fallbacks(gb_docx) -> None:
    fonts = part(gb_docx, "word/fontTable.xml")
    alt = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in fonts
        if f.find(qn("w:altName")) is not None
    }
    assert alt == {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "楷体_GB2312": "楷体"}


# --- blocks ----------------------------------------------------------------------------


def test_paragraph_style_per_block(gb_docx) -> None:
    d = reopen(gb_docx)
    got = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    assert got == [
        ("Title", "某某市司法局关于2024年度\n法治政府建设情况的报告"),
        ("Normal", BODY),
        ("一级标题", "一、主要举措和成效"),
        ("Normal", sample().blocks[3].text),
        ("二级标题", "（二）强化法治保障"),
        ("三级标题", "1.完善制度"),
        ("四级标题", "（1）健全机制"),
        ("Normal", BODY),
        ("附件说明", "附件：主要指标统计表"),
        ("署名", "某某市司法局"),
        ("成文日期", "2025年1月16日"),
        ("表题", "附表1 主要指标"),
    ]


def test_runs_carry_only_a_style_reference(gb_docx) -> None:
    body = part(gb_docx, "word/document.xml")
    for rpr in body.iter(qn("w:rPr")):
        assert [child.tag for child in rpr] == [qn("w:rStyle")]


def test_run_in_heading_takes_the_heading_char_style_then_body(gb_docx) -> None:
    para = next(p for p in reopen(gb_docx).paragraphs if p.text.startswith("（一）"))
    runs = [(r.style.name, r.text) for r in para.runs]
    assert runs[0] == ("二级标题 字符", "（一）坚持政治引领，党的建设走深走实。")
    assert runs[1] == ("Default Paragraph Font", "严格落实“第一议题”制度。")
    assert runs[2] == ("要点引语", "一是深学笃行更加扎实。")
    assert ("待补充", "【待补充:受理案件】") in runs
    assert ("待核实", "236") in runs
    assert para.style.name == "Normal"


def test_placeholder_and_flagged_are_highlighted(gb_docx) -> None:
    styles = reopen(gb_docx).styles
    placeholder = styles["待补充"].element.rPr
    assert placeholder.find(qn("w:highlight")).get(qn("w:val")) == "yellow"
    assert placeholder.find(qn("w:shd")).get(qn("w:fill")) == "FFFF00"
    flagged = styles["待核实"].element.rPr
    assert flagged.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"
    assert flagged.find(qn("w:color")).get(qn("w:val")) == "C00000"


def test_heading_numbers_in_run_in_paragraph_without_level_follow_their_heading() -> None:
    doc = Document(
        [Paragraph((Span("1.", Mark.NUMBER), Span("完善制度。", Mark.HEADING, 3), Span("正文")))]
    )
    runs = [(r.style.name, r.text) for r in reopen(build_docx(doc, GB)).paragraphs[0].runs]
    assert runs == [("三级标题 字符", "1.完善制度。"), ("Default Paragraph Font", "正文")]


def test_title_breaks_long_titles_at_a_balanced_sensible_point(gb_docx) -> None:
    title = reopen(gb_docx).paragraphs[0]
    assert title.paragraph_format.alignment is None  # centred by its style
    assert reopen(gb_docx).styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    xml = title._p.xml
    assert xml.count("<w:br/>") == 1
    assert title.text.split("\n") == ["某某市司法局关于2024年度", "法治政府建设情况的报告"]


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("镜湖区司法局2024年上半年工作总结", ["镜湖区司法局2024年上半年工作总结"]),
        (
            "湘桥区司法局2017年法治政府建设情况工作汇报",
            ["湘桥区司法局2017年", "法治政府建设情况工作汇报"],
        ),
        (
            "邵阳市司法局关于2024年度法治政府建设情况的报告",
            ["邵阳市司法局关于2024年度", "法治政府建设情况的报告"],
        ),
        (
            "一二三四五六七八九十一二三四五六七八九十一",
            ["一二三四五六七八九十", "一二三四五六七八九十一"],
        ),
    ],
)
def test_break_title_examples(title, lines) -> None:
    assert break_title(title, 20) == lines


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="司法局关于年度法治政府建设和情况报告的一二三2024%（）《》，", max_size=60))
def test_break_title_keeps_text_and_bounds(title) -> None:
    lines = break_title(title, 20)
    assert "".join(lines) == title
    if len(lines) > 1:
        assert all(width(line) <= 20 for line in lines)
        assert all(width(line) >= 2 for line in lines)  # no orphaned single character
        assert not any(line[0] in "，）》" for line in lines[1:])


def test_signature_follows_gb_9704_without_seal() -> None:
    geo = Geometry.of(GB)

    def placed(organ: str, date: str) -> list[tuple[str, str | None, int, str]]:
        d = reopen(build_docx(Document([Paragraph((Span(BODY),)), Signature(organ, date)]), GB))
        out = []
        for p in d.paragraphs[1:]:
            ind = p._p.pPr.find(qn("w:ind"))
            jc = p._p.pPr.find(qn("w:jc"))
            left = int(ind.get(qn("w:left"))) if ind is not None else 0
            out.append((p.style.name, jc.get(qn("w:val")) if jc is not None else None, left,
                        p.text))
        return out

    def advance(text: str) -> int:  # body characters at the body's spacing, in twips
        return round(width(text) * 320) + len(text) * geo.char_spacing

    two = 2 * geo.char
    # date longer than the organ: the date 2 characters in, the organ 2 characters left of it
    blank, organ, date = placed("某某市司法局", "2025年1月16日")
    assert blank == ("Normal", None, 0, "")  # one blank line after the body
    assert organ[:2] == ("署名", "left") and date[:2] == ("成文日期", "left")
    assert date[2] - organ[2] == two
    assert date[2] + advance("2025年1月16日") == geo.text_w - two
    # organ longer: the organ 2 characters in, the date's first character 2 right of the organ's
    _, organ, date = placed("某某市某某区司法局", "2025年1月6日")
    assert organ[2] + advance("某某市某某区司法局") == geo.text_w - two
    assert date[2] - organ[2] == two
    # either alone: right-aligned 2 characters in, by the style
    assert [p[:2] for p in placed("某某市司法局", "")[1:]] == [("署名", None)]
    styles = reopen(build_docx(sample(), GB)).styles
    for name in ("署名", "成文日期"):
        assert styles[name].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert styles[name].element.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"


def test_several_attachments_are_numbered_and_aligned() -> None:
    doc = Document([Paragraph((Span(BODY),)), Attachments(("统计表", "任务分工"))])
    paras = reopen(build_docx(doc, GB)).paragraphs
    assert [(p.style.name, p.text) for p in paras[1:]] == [
        ("Normal", ""),
        ("附件说明", "附件：1.\t统计表"),
        ("附件说明", "2.\t任务分工"),
    ]
    ind = [p._p.pPr.find(qn("w:ind")) for p in paras[2:]]
    assert [(i.get(qn("w:leftChars")), i.get(qn("w:hangingChars"))) for i in ind] == [
        ("600", "400"),  # first line at 2 characters, names at 6
        ("600", "100"),  # number under the first number
    ]


def test_page_break_starts_the_next_paragraph_on_a_new_page() -> None:
    doc = Document([Paragraph((Span("甲"),)), PageBreak(), Heading(1, "一、", (Span("乙"),))])
    body = part(build_docx(doc, GB), "word/document.xml")
    paras = body.findall(f".//{qn('w:p')}")
    assert paras[1].find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    assert len(paras) == 2  # no empty paragraph left at the top of the page
    # before a table without caption the break needs a paragraph of its own
    doc = Document([Paragraph((Span("甲"),)), PageBreak(), Table("", ("a",), (("1",),))])
    body = part(build_docx(doc, GB), "word/document.xml")
    assert body.find(f".//{qn('w:br')}").get(qn("w:type")) == "page"


def test_table_repeats_its_header_and_aligns_numbers_right(gb_docx) -> None:
    d = reopen(gb_docx)
    table = d.tables[0]
    assert table.style.name == "公文表格"
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(r.trPr is None for r in rows[1:])
    cells = [[c.paragraphs[0].style.name for c in row.cells] for row in table.rows]
    assert cells[0] == ["表格表头"] * 3
    assert cells[1] == ["表格文字", "表格数字", "表格数字"]
    assert d.styles["表格数字"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert d.styles["表格文字"].font.size == Pt(GB.table.size_pt)
    assert GB.table.size_pt < GB.body.size_pt
    borders = d.styles["公文表格"].element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {etree.QName(b).localname for b in borders} == {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    assert [[c.text for c in row.cells] for row in table.rows][2] == ["调解率", "30.43%", "29.1%"]


def test_a_gap_in_a_table_cell_is_marked_as_in_a_paragraph() -> None:
    table = Table("附表", ("区县", "说明"), (("甲区", "见【待补充：说明】及【待补充：附件】"),))
    data = build_docx(sample(blocks=[Title("标题"), table]), GB)
    cell = reopen(data).tables[0].rows[1].cells[1].paragraphs[0]
    assert [(r.text, r.style.name if r.style is not None else None) for r in cell.runs] == [
        ("见", "Default Paragraph Font"), ("【待补充：说明】", "待补充"), ("及", "Default Paragraph Font"),
        ("【待补充：附件】", "待补充")]


# --- page ------------------------------------------------------------------------------


def test_page_setup_and_grid(gb_docx) -> None:
    section = reopen(gb_docx).sections[0]
    got = [
        section.page_width.mm,
        section.page_height.mm,
        section.top_margin.mm,
        section.bottom_margin.mm,
        section.left_margin.mm,
        section.right_margin.mm,
    ]
    assert got == pytest.approx([210, 297, 37, 35, 28, 26], abs=0.05)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines, in twips
    # characters: every body character condensed so that exactly 28 fit on 156 mm
    normal = reopen(gb_docx).styles["Normal"].element
    assert normal.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    pap = normal.pPr
    assert pap.find(qn("w:spacing")).get(qn("w:lineRule")) == "auto"  # snaps to the grid
    assert pap.find(qn("w:widowControl")).get(qn("w:val")) == "0"  # keeps pages at 22 lines


def test_body_allows_hanging_punctuation_as_word_does_by_default(gb_docx) -> None:
    """w:overflowPunct on is the OOXML default (Word may hang a closing mark in the margin);
    written out because LibreOffice reads it inverted and must not hang (see docx_styles)."""
    pap = reopen(gb_docx).styles["Normal"].element.pPr
    assert pap.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"
    names = [etree.QName(child).localname for child in pap]
    assert names.index("widowControl") < names.index("overflowPunct") < names.index("autoSpaceDE")


@settings(max_examples=100, deadline=None)
@given(
    size=st.sampled_from([10.5, 12, 14, 15, 16, 18]),
    chars=st.integers(min_value=15, max_value=40),
    lines=st.integers(min_value=15, max_value=30),
)
def test_geometry_fits_exactly_the_asked_grid(size, chars, lines) -> None:
    style = StyleProfile(body=Font("仿宋_GB2312", size), chars_per_line=chars, lines_per_page=lines)
    geo = Geometry.of(style)
    text_h = round((297 - 37 - 35) * 1440 / 25.4)
    assert chars * geo.char <= geo.text_w < (chars + 1) * geo.char
    assert lines * geo.line_pitch <= text_h < (lines + 1) * geo.line_pitch


def test_even_and_odd_footers_with_page_field(gb_docx) -> None:
    d = reopen(gb_docx)
    assert d.settings.odd_and_even_pages_header_footer
    section = d.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == "— 1 —" and even.text == "— 2 —"
    assert odd.style.name == even.style.name == "页码"
    assert d.styles["页码"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert d.styles["页码"].paragraph_format.right_indent == Pt(14)  # one character in
    assert even.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert even.paragraph_format.left_indent == Pt(14)
    for p in (odd, even):
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))


def test_no_page_numbers_means_no_footers() -> None:
    d = reopen(build_docx(sample(), StyleProfile(page_numbers=False)))
    assert not d.settings.odd_and_even_pages_header_footer
    assert d.sections[0]._sectPr.find(qn("w:footerReference")) is None


# --- package ---------------------------------------------------------------------------


def test_output_is_byte_identical_and_dated_fixed() -> None:
    first, second = build_docx(sample(), GB), build_docx(sample(), GB)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
    props = reopen(first).core_properties
    assert props.created == props.modified
    assert props.created.year == 2000 and props.title == "测试报告"


def test_a_document_used_again_saves_what_a_new_one_would(monkeypatch) -> None:
    """A batch writes each draft into a document an earlier draft of the same base gave back
    (package.opened): nothing of the earlier draft is left in it, whatever it held, and a
    draft that failed half-way leaves nothing either."""
    from drafter.word import letterhead, package

    short = sample(blocks=[Title("标题"), Paragraph((Span(BODY),))], core_title="短")
    monkeypatch.setattr(package, "_idle", {})
    new_short, new_long = build_docx(short, GB), build_docx(sample(), GB)
    package._idle.clear()
    assert build_docx(sample(), GB) == new_long  # opened now, given back
    assert build_docx(short, GB) == new_short  # the long one's document, used again
    assert build_docx(sample(), GB) == new_long

    def broken(document, doc) -> None:
        raise RuntimeError("half-way")

    with monkeypatch.context() as m:
        m.setattr(letterhead, "add_parts", broken)
        with pytest.raises(RuntimeError):
            build_docx(sample(), GB)
    assert build_docx(short, GB) == new_short


def test_package_is_lean() -> None:
    data = build_docx(sample(), GB)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("word/styles.xml").file_size < 20_000
        for name in z.namelist():  # every part is well-formed XML
            etree.fromstring(z.read(name))
    assert len(data) < 15_000


def test_the_writer_is_python_docx_and_only_the_writer_imports_it() -> None:
    code = (
        "import sys; import drafter.cli, drafter.pipeline; a = 'docx' in sys.modules; "
        "import drafter.word.writer; print(a, 'docx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_only_paragraph_xml_writes_word_markup_as_text() -> None:
    """Markup written as text has one home, whose output tests/word/test_paragraph_xml.py
    holds to what the element path makes."""
    root = Path(__file__).resolve().parents[2] / "drafter"
    writers = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if "<w:" in p.read_text(encoding="utf-8")]
    assert writers == ["word/paragraph_xml.py"]


def test_characters_xml_forbids_are_removed() -> None:
    dirty = "受理\x00案件\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800共236件"
    doc = Document(
        [
            Title("标题\x07"),
            Paragraph((Span(dirty), Span("【待补充\x02】", Mark.PLACEHOLDER))),
            Table("表\x1b", ("指\x03标",), (("\x04值",),)),
            Signature("某局\x05", "2025年1月1日\x06"),
        ],
        core_title="题\x00目",
    )
    data = build_docx(doc, GB)
    d = reopen(data)
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts == ["标题", "受理案件共236件【待补充】", "表", "某局", "2025年1月1日"]
    assert d.tables[0].cell(0, 0).text == "指标" and d.tables[0].cell(1, 0).text == "值"
    assert d.core_properties.title == "题目"
    assert clean("a\r\nb\rc\td") == "a\nb\nc\td"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.sampled_from(list(Mark)))
def test_any_text_gives_a_readable_docx(text, mark) -> None:
    doc = Document([Title(text), Paragraph((Span(text, mark, 2),))], core_title=text)
    d = reopen(build_docx(doc, GB))
    body = [p for p in d.paragraphs if p.style.name == "Normal" and p.runs]
    assert (body[0].text if body else "") == clean(text)


def test_tabs_and_newlines_become_word_tabs_and_breaks() -> None:
    doc = Document([Paragraph((Span("甲\t乙\n丙"),))])
    run = part(build_docx(doc, GB), "word/document.xml").find(f".//{qn('w:r')}")
    assert [etree.QName(c).localname for c in run] == ["t", "tab", "t", "br", "t"]


def test_write_docx_is_atomic(tmp_path) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"old")
    write_docx(sample(), GB, out)
    assert out.read_bytes() == build_docx(sample(), GB)
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]  # no temporary file left
    with pytest.raises(OutputError):
        write_docx(sample(), GB, tmp_path / "missing" / "报告.docx")


def test_empty_document_is_still_a_valid_docx() -> None:
    d = reopen(build_docx(Document([]), GB))
    assert len(d.paragraphs) == 1


# --- reference .docx -------------------------------------------------------------------


def make_reference(tmp_path: Path, *, footer: str = "", heading_id: str = "") -> Path:
    """A reference .docx as an office would make it in Word: its own Title, a letterhead."""
    ref = docx.Document()
    ref.styles["Title"].font.size = Pt(30)
    ref.styles["Title"].element.rPr.rFonts.set(qn("w:eastAsia"), "华文中宋")
    ref.sections[0].header.paragraphs[0].text = "某某市司法局文件"
    if footer:
        ref.sections[0].footer.paragraphs[0].text = footer
    if heading_id:  # Chinese Word names style ids itself ("a5"); the name is what counts
        style = ref.styles.add_style("一级标题", 1)
        style.element.set(qn("w:styleId"), heading_id)
        style.font.size = Pt(18)
    path = tmp_path / "reference.docx"
    ref.save(path)
    return path


def test_reference_styles_win_and_ours_fill_the_gaps(tmp_path) -> None:
    ref = make_reference(tmp_path, heading_id="a5")
    data = build_docx(sample(), GB, reference=ref)
    d = reopen(data)
    assert d.styles["Title"].font.size == Pt(30)
    assert d.styles["Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "华文中宋"
    assert d.styles["一级标题"].font.size == Pt(18)
    heading = next(p for p in d.paragraphs if p.text == "一、主要举措和成效")
    assert heading._p.pPr.pStyle.val == "a5"
    # drafter's styles the reference lacks are added, based on the reference's Normal
    assert fonts_of(d.styles["二级标题"])[0] == "楷体_GB2312"
    assert d.styles["署名"].base_style.name == "Normal"
    assert [s.name for s in d.styles].count("一级标题") == 1
    # the letterhead header stays; page numbers are added as the reference has no footer
    section = d.sections[0]
    assert section.header.paragraphs[0].text == "某某市司法局文件"
    assert section.even_page_header.paragraphs[0].text == "某某市司法局文件"
    assert section.footer.paragraphs[0].text == "— 1 —"
    assert section.even_page_footer.paragraphs[0].text == "— 2 —"
    assert d.settings.odd_and_even_pages_header_footer
    # page setup comes from the style profile, the date stays fixed, output deterministic
    assert section.top_margin.mm == pytest.approx(37, abs=0.05)
    assert d.core_properties.created.year == 2000
    assert build_docx(sample(), GB, reference=ref) == data


def test_reference_footer_is_kept(tmp_path) -> None:
    ref = make_reference(tmp_path, footer="内部资料")
    d = reopen(build_docx(sample(), GB, reference=ref))
    assert d.sections[0].footer.paragraphs[0].text == "内部资料"
    assert not d.settings.odd_and_even_pages_header_footer


def test_unreadable_reference_is_a_drafter_error(tmp_path) -> None:
    bad = tmp_path / "reference.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CatalogError, match="参考文档"):
        build_docx(sample(), GB, reference=bad)
    good = make_reference(tmp_path)
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, data in (("word/styles.xml", b"<w:styles"), ("word/document.xml", None)):
        broken = dict(parts)
        if data is None:
            del broken[name]
        else:
            broken[name] = data
        with zipfile.ZipFile(bad, "w") as z:
            for n, d in broken.items():
                z.writestr(n, d)
        with pytest.raises(CatalogError, match="参考文档") as err:
            build_docx(sample(), GB, reference=bad)
        assert err.value.file == str(bad)


# --- LibreOffice layout ----------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    if layout_check.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")
    folder = tmp_path_factory.mktemp("layout")
    docx_path = folder / "layout.docx"
    write_docx(layout_check.long_document(), GB, docx_path)
    return layout_check.to_pdf(docx_path, folder)


def test_libreoffice_puts_22_lines_on_a_full_page(rendered) -> None:
    lay = layout_check.measure(rendered, GB)
    full = lay.lines_per_page[1:-2]
    assert len(full) >= 5 and set(full) == {22}


def test_libreoffice_puts_28_characters_on_a_full_line(rendered) -> None:
    lay = layout_check.measure(rendered, GB)
    assert len(lay.full_line_chars) > 100
    assert set(lay.full_line_chars) == {28}
    assert {round(i) for i in lay.first_line_indents} == {32}  # 2 characters


def test_libreoffice_page_numbers_odd_right_even_left(rendered) -> None:
    lay = layout_check.measure(rendered, GB)
    assert [n[1].replace(" ", "") for n in lay.page_numbers[:3]] == ["—1—", "—2—", "—3—"]
    odd = [x1 for page, _t, _x0, x1, _b in lay.page_numbers if page % 2]
    even = [x0 for page, _t, x0, _x1, _b in lay.page_numbers if not page % 2]
    right_edge = (210 - 26) * layout_check.PT_PER_MM  # one 4号 character (14 pt) in
    left_edge = 28 * layout_check.PT_PER_MM
    assert odd == pytest.approx([right_edge - 14] * len(odd), abs=1)
    assert even == pytest.approx([left_edge + 14] * len(even), abs=1)
    assert all(3 <= below <= 8 for *_rest, below in lay.page_numbers)  # mm under the text


def test_libreoffice_layout_check_passes(rendered) -> None:
    assert layout_check.check(rendered, GB) == []


@pytest.fixture(scope="module")
def punctuation_rendered(tmp_path_factory) -> tuple[Path, Path]:
    if layout_check.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")
    folder = tmp_path_factory.mktemp("punctuation")
    docx_path = folder / "punctuation.docx"
    write_docx(layout_check.punctuation_document(GB), GB, docx_path)
    return docx_path, layout_check.to_pdf(docx_path, folder)


def test_libreoffice_keeps_punctuation_that_falls_after_a_full_line(punctuation_rendered) -> None:
    """，、。 as the 29th character of a 28-character justified line: LibreOffice 7.4 hung it in
    the margin without painting it, so the PDF lost the character. Every character of the
    .docx must be in the PDF, in order."""
    docx_path, pdf = punctuation_rendered
    text = layout_check.docx_text(docx_path)
    assert sum(text.count(m) for m in layout_check.HANGING_MARKS) == 18
    assert layout_check.lost_characters(docx_path, pdf) == []


def test_punctuation_document_puts_every_mark_at_a_line_end(punctuation_rendered) -> None:
    """The test above tests something: each mark either hangs past the right margin or went
    down to the next line with the character before it — it never sits inside a line."""
    _docx, pdf = punctuation_rendered
    assert layout_check.misplaced_marks(pdf, GB) == []


def _page_filled_to_the_signature() -> Document:
    """21 one-line paragraphs and the blank line before the signature: 22 lines, a full page;
    the signature comes next."""
    line = "全面推进依法治区各项工作取得新成效。"
    return Document([*(Paragraph((Span(f"{k:02d}{line}"),)) for k in range(21)),
                     Signature("某某区司法局", "2025年1月16日")])


def test_the_body_ends_on_the_signatures_page() -> None:
    """What keeps the signature from a page of its own: the last body paragraph and the
    blank line (and an attachment note) kept with the next; nothing before them."""
    doc = _page_filled_to_the_signature()
    doc.blocks.insert(-1, Attachments(("主要指标统计表", "工作台账")))
    kept = [p.paragraph_format.keep_with_next for p in reopen(build_docx(doc, GB)).paragraphs]
    # 21 body lines, blank, 附件：1. 2., blank, 署名 (its style keeps it with the date), date
    assert kept[:20] == [None] * 20
    assert kept[20:25] == [True] * 5
    assert kept[25:] == [None, None]
    after_table = reopen(build_docx(Document([doc.blocks[0], Table("", ("a",), (("1",),), (False,)),
                                              doc.blocks[-1]]), GB)).paragraphs
    # after a table the walk stops at it: the body line above the table is not kept
    assert after_table[0].paragraph_format.keep_with_next is None


def test_a_table_without_a_caption_stays_after_the_text_before_it() -> None:
    """Body paragraphs wait as XML text until the next flush; a table without a caption was
    appended before them, so it printed above the paragraph that introduced it."""
    doc = Document([Paragraph((Span("表前的一段。"),)), Table("", ("a",), (("1",),), (False,)),
                    Paragraph((Span("表后的一段。"),))])
    body = reopen(build_docx(doc, GB)).element.body
    order = [(el.tag.split("}")[1], "".join(t.text or "" for t in el.iter(qn("w:t"))))
             for el in body if not el.tag.endswith("sectPr")]
    assert order[:3] == [("p", "表前的一段。"), ("tbl", "a1"), ("p", "表后的一段。")]


def test_libreoffice_never_puts_the_signature_alone_on_a_page(tmp_path) -> None:
    if layout_check.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it")
    docx_path = tmp_path / "signature.docx"
    write_docx(_page_filled_to_the_signature(), GB, docx_path)
    pages = layout_check.read_lines(layout_check.to_pdf(docx_path, tmp_path))
    last = [ln.text for ln in pages[-1]]
    assert len(pages) == 2 and "某某区司法局" in last
    assert any("全面推进依法治区" in t for t in last)  # body text above the signature


def test_title_with_a_year_that_barely_fits_breaks_without_an_orphan() -> None:
    from drafter.word.text import break_title

    # 18 Chinese characters + "2024" measure 20 characters: LibreOffice's space around the
    # digits pushes the last character onto a line of its own unless the title is broken.
    lines = break_title("邵阳市司法局2024年度法治政府建设情况报告", 20.33)
    assert len(lines) == 2 and min(len(line) for line in lines) > 1
    assert lines[0].endswith(("司法局", "年度"))


def test_an_edited_reference_is_read_again(tmp_path) -> None:
    """The styled base is prepared once per profile and reference (batch speed); a reference
    changed on disk is a new one."""
    import os

    ref = make_reference(tmp_path)
    assert reopen(build_docx(sample(), GB, reference=ref)).styles["Title"].font.size == Pt(30)
    edited = docx.Document(str(ref))
    edited.styles["Title"].font.size = Pt(28)
    edited.save(str(ref))
    os.utime(ref, ns=(1_000_000_000, 1_000_000_000))  # a different time even on coarse clocks
    assert reopen(build_docx(sample(), GB, reference=ref)).styles["Title"].font.size == Pt(28)


def test_reference_body_is_dropped_and_a_clashing_style_is_named(tmp_path) -> None:
    ref = docx.Document()
    ref.add_paragraph("参考文档里的示例文字")
    ref.styles.add_style("署名", 2)  # a character style where drafter needs a paragraph style
    path = tmp_path / "reference.docx"
    ref.save(str(path))
    with pytest.raises(CatalogError, match="署名") as err:
        build_docx(sample(), GB, reference=path)
    assert err.value.file == str(path) and "段落样式" in err.value.message
    ref.styles["署名"].element.getparent().remove(ref.styles["署名"].element)
    ref.save(str(path))
    texts = [p.text for p in reopen(build_docx(sample(), GB, reference=path)).paragraphs]
    assert "参考文档里的示例文字" not in texts and "某某市司法局" in texts
