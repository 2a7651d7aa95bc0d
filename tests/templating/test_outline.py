"""Outline text → document model: numbering, points, run-in headings, escaping."""

from __future__ import annotations

from drafter.config.style import StyleProfile
from drafter.model.document import Heading, Mark, Paragraph, Signature, Span, Table, Title
from drafter.templating.outline import escape, flagged, parse, placeholder

TEXT = """::title 某区司法局工作总结
导语。现将工作总结如下:
# 第一部分
* 深学笃行更加扎实|内容一。
* 法治责任全力压实。|内容二。
# 空着的部分
## 空着的子部分
# 第三部分
## 子部分甲
正文甲。
## 子部分乙
* |没有引语的要点。
::signature 某区司法局
::date 2025年1月16日
"""


def _texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Title | Heading | Paragraph)]


def test_headings_are_numbered_and_an_empty_section_renumbers_the_rest() -> None:
    doc = parse(TEXT, StyleProfile())
    heads = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert heads == ["一、第一部分", "二、第三部分", "（一）子部分甲", "（二）子部分乙"]
    assert doc.core_title == "某区司法局工作总结"


def test_points_are_enumerated_inline_with_lead_marks() -> None:
    doc = parse(TEXT, StyleProfile(points="inline"))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "point")
    assert para.text == "一是深学笃行更加扎实。内容一。二是法治责任全力压实。内容二。"
    assert [s.mark for s in para.spans] == [Mark.LEAD, Mark.NONE, Mark.LEAD, Mark.NONE]


def test_points_one_per_paragraph_and_restart_under_each_heading() -> None:
    doc = parse(TEXT, StyleProfile(points="paragraph"))
    points = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.role == "point"]
    assert points == ["一是深学笃行更加扎实。内容一。", "二是法治责任全力压实。内容二。",
                      "没有引语的要点。"]  # a single point is not enumerated


def test_a_single_point_reads_as_a_plain_sentence_and_two_are_enumerated() -> None:
    text = """# 甲
* 深学笃行更加扎实|局机关坚持学习。
# 乙
* 理论学习|内容一。
段落。
* 责任落实|内容二。
# 丙
* |只有叙述。
"""
    for points in ("inline", "paragraph"):
        doc = parse(text, StyleProfile(points=points))
        led = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "point"]
        assert [p.text for p in led] == [
            "深学笃行更加扎实。局机关坚持学习。",  # no lone 一是
            "一是理论学习。内容一。", "二是责任落实。内容二。",  # counted across the paragraph
            "只有叙述。",
        ]
        assert led[0].spans[0] == Span("深学笃行更加扎实。", Mark.LEAD)
        assert [s.mark for s in led[3].spans] == [Mark.NONE]


def test_run_in_headings_merge_into_their_paragraph_in_heading_font() -> None:
    doc = parse(TEXT, StyleProfile(run_in=(2,)))
    merged = [b for b in doc.blocks if isinstance(b, Paragraph) and b.spans[0].mark is Mark.HEADING]
    assert [p.text for p in merged] == ["（一）子部分甲。正文甲。", "（二）子部分乙。没有引语的要点。"]
    first = merged[0]
    assert {s.level for s in first.spans if s.mark is Mark.HEADING} == {2}
    assert first.spans[-1] == first.spans[-1].__class__("正文甲。")


def test_unnumbered_style() -> None:
    doc = parse(TEXT, StyleProfile(numbering=("", "", "", "")))
    heads = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert heads[0] == "第一部分"


def test_signature_and_date_close_the_document() -> None:
    doc = parse(TEXT, StyleProfile())
    assert doc.blocks[-1] == Signature("某区司法局", "2025年1月16日")


def test_cell_text_is_never_markup() -> None:
    evil = "# 标题\n* 要点|x\n::pagebreak\n| a | b |\n{{ 1 }}\\"
    line = "正文：" + escape(evil)
    doc = parse(f"# 部分\n{escape(evil)}\n{line}\n", StyleProfile())
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras == ["# 标题* 要点|x::pagebreak| a | b |{{ 1 }}\\",
                     "正文：# 标题* 要点|x::pagebreak| a | b |{{ 1 }}\\"]


def test_escape_removes_characters_xml_forbids() -> None:
    assert escape("a\x00b\x07c\x1fd\ufffe") == "abcd"


def test_placeholders_and_flags_become_marked_spans() -> None:
    doc = parse(f"# 部分\n受理{placeholder('受理案件')},办结{flagged('23起')}。\n", StyleProfile())
    para = doc.blocks[-1]
    assert [(s.text, s.mark) for s in para.spans] == [
        ("受理", Mark.NONE), ("【待补充：受理案件】", Mark.PLACEHOLDER), ("，办结", Mark.NONE),
        ("23起", Mark.FLAGGED), ("。", Mark.NONE)]


def test_tables_right_align_number_columns() -> None:
    doc = parse("::table 附表1\n| 指标 | 本期 |\n| 受理案件 | 236件 |\n| 调解率 | 30.43% |\n",
                StyleProfile())
    table = doc.blocks[0]
    assert isinstance(table, Table)
    assert table.header == ("指标", "本期")
    assert table.rows == (("受理案件", "236件"), ("调解率", "30.43%"))
    assert table.numeric == (False, True)


def test_half_width_punctuation_next_to_chinese_becomes_full_width() -> None:
    doc = parse("# 部分\n办结23起(含上年结转9起),其中撤回7起;调解率30.43%:见附表(a)。1,234件 10:30\n",
                StyleProfile())
    assert doc.blocks[-1].text == "办结23起（含上年结转9起），其中撤回7起；调解率30.43%：见附表（a）。1,234件 10:30"
    kept = parse("# 部分\n办结(含),其中\n", StyleProfile(punctuation="keep"))
    assert kept.blocks[-1].text == "办结(含),其中"


def test_a_mark_beside_a_bracket_made_full_width_is_full_width_too() -> None:
    from drafter.templating.punctuation import fullwidth_punctuation

    # the bracket's neighbour is Latin or a digit: only the converted bracket tells
    assert fullwidth_punctuation("见(附件),2024") == "见（附件），2024"
    assert fullwidth_punctuation("合计a,(含自诉)") == "合计a，（含自诉）"
    assert fullwidth_punctuation("f(x),g(y) 1,234") == "f(x),g(y) 1,234"


def test_an_annex_follows_the_signature_on_a_page_of_its_own() -> None:
    from drafter.model.document import PageBreak

    text = """# 其他需要报告的情况
::signature 某市司法局
::date 2025年1月16日
::pagebreak
::annex 附表
::table 各县(市、区)主要指标
| 县市区 | 调处纠纷(件) |
| 甲区 | 12000 |
"""
    blocks = parse(text, StyleProfile()).blocks
    # the empty part is still left out: the annex is not its content
    assert [type(b).__name__ for b in blocks] == ["Signature", "PageBreak", "Paragraph", "Table"]
    assert isinstance(blocks[1], PageBreak)
    label = blocks[2]
    assert isinstance(label, Paragraph) and (label.role, label.text) == ("annex", "附表")
    assert isinstance(blocks[3], Table) and blocks[3].rows == (("甲区", "12000"),)


def test_several_annexes_are_labelled_in_order_and_named_in_the_attachment_note() -> None:
    from drafter.model.document import Attachments

    text = """正文。
::attachment 甲表
::attachment 乙表
::signature 某市司法局
::pagebreak
::annex 附件
::table 甲表
| 县市区 | 数 |
| 甲区 | 1 |
::pagebreak
::annex 附件
::table 乙表
| 县市区 | 数 |
| 乙区 | 2 |
"""
    blocks = parse(text, StyleProfile()).blocks
    labels = [b.text for b in blocks if isinstance(b, Paragraph) and b.role == "annex"]
    assert labels == ["附件1", "附件2"]
    note = next(b for b in blocks if isinstance(b, Attachments))
    assert note.names == ("甲表", "乙表")
    # the note stands after the body and before the signature
    kinds = [type(b).__name__ for b in blocks]
    assert kinds.index("Attachments") == kinds.index("Signature") - 1
    one = parse(text.split("::pagebreak\n::annex 附件\n::table 乙表")[0], StyleProfile()).blocks
    assert [b.text for b in one if isinstance(b, Paragraph) and b.role == "annex"] == ["附件"]
