"""Headings, their levels, points and the 落款 of a report's lines."""

from __future__ import annotations

from drafter.importing import outline
from drafter.model.levels import Level


def shape(lines: list[str]) -> list[tuple[int, str, str]]:
    return [(r.level, r.title, r.body) for r in outline.parse(lines).rows]


def test_numbered_heading_levels_half_and_full_width() -> None:
    assert outline.heading_level("一、总体情况") == (1, "总体情况")
    assert outline.heading_level("（二）法治建设") == (2, "法治建设")
    assert outline.heading_level("(二)法治建设") == (2, "法治建设")
    assert outline.heading_level("3.规范执法") == (3, "规范执法")
    assert outline.heading_level("3、规范执法") == (3, "规范执法")
    assert outline.heading_level("（4）做好帮教") == (4, "做好帮教")
    assert outline.heading_level("1.42万件法律服务") == (0, "1.42万件法律服务")
    assert outline.heading_level("2024年,全市共") == (0, "2024年,全市共")


def test_title_preamble_headings_points_and_signature() -> None:
    out = outline.parse([
        "某区司法局2024年工作总结",
        "2024年，我局……现将工作总结如下：",
        "一、坚持党建引领",
        "一是学习扎实。开展学习10次。二是责任压实。召开会议2次。",
        "（一）法治建设提速。正文一句。",
        "某区司法局",
        "2025年1月16日",
        "扫一扫在手机打开当前页",
    ])
    assert out.title == "某区司法局2024年工作总结"
    assert out.signature == "某区司法局" and out.date == "2025年1月16日"
    assert [s.why for s in out.skipped] == ["成文日期之后的网页文字"]
    assert [(r.level, r.title, r.body) for r in out.rows] == [
        (Level.PARAGRAPH, "", "2024年，我局……现将工作总结如下："),
        (1, "坚持党建引领", ""),
        (Level.POINT, "学习扎实", "开展学习10次。"),
        (Level.POINT, "责任压实", "召开会议2次。"),
        (2, "法治建设提速", "正文一句。"),
    ]
    assert out.run_in_levels() == [2]


def test_points_inside_a_paragraph_keep_the_text_before() -> None:
    assert shape(["前文。", "党纪学习期间，开展研讨。一是深化。甲。二是把握。乙。", "后文。"])[1:3] == [
        (Level.PARAGRAPH, "", "党纪学习期间，开展研讨。"), (Level.POINT, "深化", "甲。")]


def test_points_one_per_line() -> None:
    rows = shape(["（一）调解", "一是完善机制。正文甲。", "二是创新模式。正文乙。", "结尾段。"])
    assert rows[1:] == [(Level.POINT, "完善机制", "正文甲。"), (Level.POINT, "创新模式", "正文乙。"),
                        (Level.PARAGRAPH, "", "结尾段。")]


def test_a_single_marker_or_one_inside_a_word_is_no_point() -> None:
    assert shape(["开头。", "这是唯一是非问题。二是没有一是在前。", "结尾。"])[1][0] == Level.PARAGRAPH


def test_literary_headings_take_the_level_their_neighbours_imply() -> None:
    rows = shape(["导语。", "加强落实，履行职责", "正文。", "（一）做实普法", "正文。", "（二）抓实调解",
                  "正文。", "完善法律服务，推进依法治理", "正文。", "（四）强化帮教", "正文。"])
    headings = [(r[0], r[1]) for r in rows if r[0] <= 4]
    assert headings == [(1, "加强落实，履行职责"), (2, "做实普法"), (2, "抓实调解"),
                        (2, "完善法律服务，推进依法治理"), (2, "强化帮教")]


def test_literary_headings_without_numbers_are_level_one() -> None:
    rows = shape(["路虽远，行则将至。", "伟大征程，党旗领航", "理论武装，理想信念更加坚定。正文。",
                  "时代召唤，使命在肩", "正文。", "（局办公室 供稿）"])
    assert [(r[0], r[1]) for r in rows if r[0] <= 4] == [(1, "伟大征程，党旗领航"), (1, "时代召唤，使命在肩")]
    assert rows[-1] == (Level.PARAGRAPH, "", "（局办公室 供稿）")


def test_web_page_information_bar_is_skipped() -> None:
    out = outline.parse(["文件名称: | |||", "索引号: | |||", "根据规定，现报告如下：", "一、情况", "正文。"])
    assert out.title == "" and len(out.skipped) == 2
    assert out.rows[0].body == "根据规定，现报告如下："
