"""What counts as a figure in a report's sentence and what is left as text (names: test_naming.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.importing import figures


def one(text: str) -> figures.Found:
    found, _ = figures.find(text)
    assert len(found) == 1, found
    return found[0]


def test_count_with_name_from_the_words_before() -> None:
    f = one("共受理法律援助案件892件。")
    assert (f.name, f.unit, f.kind, f.typed, f.options()) == ("受理法律援助案件", "件", "count", "892", ())
    assert f.shown == "892件"


@pytest.mark.parametrize(("text", "shown", "typed", "unit", "kind", "options"), [
    ("开展活动130余场次。", "130余场次", "130余", "场次", "count", ("余",)),
    ("全年律师办案1.42万件。", "1.42万件", "1.42万", "件", "count", ("万",)),
    ("受教育群众超5万人次。", "超5万人次", "超5万", "人次", "count", ()),  # see below
    ("受众达2.73万余人次。", "2.73万余人次", "2.73万余", "人次", "count", ()),
    ("减免11.6万余元。", "11.6万余元", "11.6万余", "元", "amount", ()),
    ("受众达2.7万余人次。", "2.7万余人次", "2.7万余", "人次", "count", ("余", "万")),
    ("调解率30.43%。", "30.43%", "30.43%", "%", "rate", ("2位小数",)),
    ("公开率１００％。", "１００％", "100%", "%", "rate", ("整数",)),
    ("实际赔付214.5万元。", "214.5万元", "214.5", "万元", "amount", ("1位小数",)),
    ("培训法律明白人1.2万余人。", "1.2万余人", "1.2万余", "人", "count", ("余", "万")),
    ("是行政诉讼的2.3倍。", "2.3倍", "2.3", "倍", "number", ("1位小数",)),
    ("提高2.1个百分点。", "2.1个百分点", "2.1", "个百分点", "number", ("1位小数",)),
    ("提供咨询约300人次。", "约300人次", "约300", "人次", "count", ("约",)),
    ("审查合同1,234份。", "1,234份", "1234", "份", "count", ()),
])
def test_phrasing_of_a_figure(text: str, shown: str, typed: str, unit: str, kind: str,
                              options: tuple[str, ...]) -> None:
    f = one(text)
    assert (f.shown, f.typed, f.unit, f.kind, f.options()) == (shown, typed, unit, kind, options)


def test_an_approximation_its_option_would_round_differently_gets_no_option() -> None:
    # 余/约 options keep two significant figures, and 超/近 are dropped on a round value
    # (超5万 of exactly 50000 would say 5万): the cell typed 超5万 / 2.73万余 phrases it
    assert one("超5万人次").options() == ()
    assert one("超5.3万人次").options() == ()
    assert one("约5.3万人次").options() == ("约", "万")


def test_value_applies_the_scale() -> None:
    assert one("办案1.42万件").value == Decimal("14200")


def test_literal_qualifiers_stay_text() -> None:
    # 以上 and 逾 are not options: they stay in the sentence around the reference
    f = one("接听率93.4%以上。")
    assert (f.shown, f.typed, f.qualifier) == ("93.4%", "93.4%", "")
    f = one("开展“法律七进”活动约130余场次")
    assert f.shown == "130余场次" and f.qualifier == "余"  # 约 stays as written


@pytest.mark.parametrize(("text", "why"), [
    ("2023年，全市共", "年份"),
    ("开展2021—2023年度行政执法案卷评查", "年份"),
    ("于6月30日前完成", "日期或编号"),
    ("今年1-10月份", "日期或编号"),
    ("(厅字〔2019〕28号)", "文号"),
    ("12348热线呼入", "名称(如 12348热线、5G)"),
    ("推进5G应用", "名称(如 12348热线、5G)"),
    ("护航“3×3”现代化产业体系", "引号或书名号内的名称"),
    ("《邵阳市2024年立法计划》", "引号或书名号内的名称"),
    ("第3批试点", "序数(第…)"),
    ("40岁以上的占比", "没有可识别的单位"),
])
def test_not_figures(text: str, why: str) -> None:
    found, left = figures.find(text)
    assert found == []
    assert why in {x.why for x in left}
