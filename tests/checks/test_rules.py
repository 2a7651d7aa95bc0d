"""Checking figures against rules: reports compared as (code, sheet, cell) tuples."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import rules as checks
from drafter.checks.codes import BAD_RULE, CODES, NOT_INTEGER
from drafter.config.catalog import Catalog, Fact, Indicator, Rule, Section
from drafter.docs_findings import ALL_CODES
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import CellRef, Severity, finding
from drafter.workbook import cells as cell_text

# ---------------------------------------------------------------- factory


def make_catalog(indicators: dict[str, str | dict], rules=(), facts=(), **kw) -> Catalog:
    """{"复议.调解率": "rate", "复议.办结": {"kind": "count", "required": True}} + rule dicts."""
    cat = Catalog(**kw)
    for ind_id, spec in indicators.items():
        spec = {"kind": spec} if isinstance(spec, str) else dict(spec)
        spec.setdefault("name", ind_id.split(".", 1)[1])
        cat.indicators[ind_id] = Indicator(id=ind_id, **spec)
        if all(s.id != ind_id.split(".")[0] for s in cat.sections):
            cat.sections.append(Section(ind_id.split(".")[0], ind_id.split(".")[0]))
    for raw in rules:
        params = dict(raw)
        cat.rules.append(Rule(params.pop("kind"), params, source="pack/indicators.toml"))
    cat.facts.extend(facts)
    return cat


def make_data(catalog: Catalog, figures: dict[str, tuple], **kw) -> WorkbookData:
    """{"人民调解.排查": ("1963", "E5")} or ("1963", "E5", "1800"): 上年同期 sits in column F.

    Values are typed text, read with the reader's own parser (so "130余", "1.42万", "98.8").
    """
    data = WorkbookData(path="test.xlsx", **kw)
    for ind_id, spec in figures.items():
        value, cell, previous = (*spec, None)[:3]
        ind = catalog.indicators[ind_id]
        now = cell_text.parse(value, ind.kind, ind.unit)
        before = cell_text.parse(previous, ind.kind, ind.unit)
        data.figures[ind_id] = Figure(
            id=ind_id,
            name=ind.name,
            kind=ind.kind,
            unit=ind.unit,
            value=now.value,
            previous=before.value,
            qualifier=now.qualifier,
            digits=now.digits,
            scale=now.scale,
            cell=CellRef("指标", cell),
            previous_cell=CellRef("指标", "F" + cell[1:]),
        )
    return data


def rate_rule(rate: str, numerator: str, denominator: str | list[str]) -> dict:
    return {"kind": "rate", "rate": rate, "numerator": numerator, "denominator": denominator}


def check(indicators, figures, rules=(), **kw):
    cat = make_catalog(indicators, rules, **kw)
    return checks.run(make_data(cat, figures), cat)


# ---------------------------------------------------------------- the source reports

# 000: 矛盾纠纷排查1963件, 其中家事类697, 乡村振兴类15, 城市生活类834, 营商环境类91, 其他326;
#      收到复议申请34起、受理26起、办结23起(含上年结转9起), 撤回7起, 调解率30.43%.
R000 = {
    "人民调解.排查": "count",
    "人民调解.家事类": "count",
    "人民调解.乡村振兴类": "count",
    "人民调解.城市生活类": "count",
    "人民调解.营商环境类": "count",
    "人民调解.其他": "count",
    "行政复议.收到": "count",
    "行政复议.受理": "count",
    "行政复议.上年结转": "count",
    "行政复议.办结": "count",
    "行政复议.撤回": "count",
    "行政复议.调解率": {"kind": "rate", "digits": 2},
}
PARTS_000 = ["人民调解.家事类", "人民调解.乡村振兴类", "人民调解.城市生活类"]
PARTS_000 += ["人民调解.营商环境类", "人民调解.其他"]
RULES_000 = [
    {"kind": "sum", "total": "人民调解.排查", "parts": PARTS_000},
    rate_rule("行政复议.调解率", "行政复议.撤回", "行政复议.办结"),
    {"kind": "subset", "part": "行政复议.办结", "whole": ["行政复议.受理", "行政复议.上年结转"]},
    {"kind": "subset", "part": "行政复议.受理", "whole": "行政复议.收到"},
]
FIGS_000 = {
    "人民调解.排查": ("1963", "E2"),
    "人民调解.家事类": ("697", "E3"),
    "人民调解.乡村振兴类": ("15", "E4"),
    "人民调解.城市生活类": ("834", "E5"),
    "人民调解.营商环境类": ("91", "E6"),
    "人民调解.其他": ("326", "E7"),
    "行政复议.收到": ("34", "E8"),
    "行政复议.受理": ("26", "E9"),
    "行政复议.上年结转": ("9", "E10"),
    "行政复议.办结": ("23", "E11"),
    "行政复议.撤回": ("7", "E12"),
    "行政复议.调解率": ("30.43%", "E13"),
}

# 001: 整改完成率99.82% = 1091/1093; 败诉率7.2% = 11/152; 调处成功率97.5% = 33467/34334.
R001 = {
    "执法监督.发现问题": "count",
    "执法监督.整改到位": "count",
    "执法监督.整改完成率": "rate",
    "行政应诉.被诉": "count",
    "行政应诉.败诉": "count",
    "行政应诉.败诉率": "rate",
    "人民调解.调处": "count",
    "人民调解.调处成功": "count",
    "人民调解.调处成功率": "rate",
}
RULES_001 = [
    rate_rule("执法监督.整改完成率", "执法监督.整改到位", "执法监督.发现问题"),
    rate_rule("行政应诉.败诉率", "行政应诉.败诉", "行政应诉.被诉"),
    rate_rule("人民调解.调处成功率", "人民调解.调处成功", "人民调解.调处"),
    {"kind": "subset", "part": "人民调解.调处成功", "whole": "人民调解.调处"},
]
FIGS_001 = {
    "执法监督.发现问题": ("1093", "E2"),
    "执法监督.整改到位": ("1091", "E3"),
    "执法监督.整改完成率": ("99.82", "E4"),
    "行政应诉.被诉": ("152", "E5"),
    "行政应诉.败诉": ("11", "E6"),
    "行政应诉.败诉率": ("7.2%", "E7"),
    "人民调解.调处": ("34334", "E8"),
    "人民调解.调处成功": ("33467", "E9"),
    "人民调解.调处成功率": ("97.5%", "E10"),
}

# 002: 受理矛盾纠纷9477件, 调处成功9368件, 化解成功率98.8% (98.849…: no false alarm).
R002 = {"调解.受理": "count", "调解.成功": "count", "调解.成功率": "rate"}
RULES_002 = [
    {"kind": "rate", "rate": "调解.成功率", "numerator": "调解.成功", "denominator": "调解.受理"}
]

# 004 as published: 共2446次, 其中 1689 + 65 + 473 + 20 + 1 = 2248.
R004 = {
    "法律顾问.服务": "count",
    "法律顾问.咨询": "count",
    "法律顾问.意见": "count",
    "法律顾问.宣传": "count",
    "法律顾问.调解": "count",
    "法律顾问.法援": "count",
}
RULES_004 = [{"kind": "sum", "total": "法律顾问.服务", "parts": list(R004)[1:]}]
FIGS_004 = {
    "法律顾问.服务": ("2446", "E20"),
    "法律顾问.咨询": ("1689", "E21"),
    "法律顾问.意见": ("65", "E22"),
    "法律顾问.宣传": ("473", "E23"),
    "法律顾问.调解": ("20", "E24"),
    "法律顾问.法援": ("1", "E25"),
}


def test_source_000_relations_hold():
    report = check(R000, FIGS_000, RULES_000)
    assert report.findings == []
    assert report.valid


def test_source_001_relations_hold():
    assert check(R001, FIGS_001, RULES_001).findings == []


def test_source_002_rate_rounded_half_up_at_stated_digits_is_no_false_alarm():
    figs = {"调解.受理": ("9477", "E2"), "调解.成功": ("9368", "E3"), "调解.成功率": ("98.8", "E4")}
    assert check(R002, figs, RULES_002).findings == []


def test_source_004_as_published_total_does_not_add_up():
    report = check(R004, FIGS_004, RULES_004)
    assert report.keys() == [("sum-mismatch", "指标", "E20")]
    f = report.findings[0]
    assert f.message == (
        "服务 2446 ≠ 咨询 1689 + 意见 65 + 宣传 473 + 调解 20 + 法援 1 = 2248,相差 198。"
    )
    assert [str(c) for c in f.cells] == [
        "指标!E20",
        "指标!E21",
        "指标!E22",
        "指标!E23",
        "指标!E24",
        "指标!E25",
    ]
    assert f.section == "法律顾问"
    assert f.severity is Severity.ERROR
    assert not report.valid


# ---------------------------------------------------------------- sum


def test_sum_label_prefixes_the_message():
    rules = [dict(RULES_004[0], label="村居法律顾问")]
    [f] = check(R004, FIGS_004, rules).findings
    assert f.message.startswith("村居法律顾问:服务 2446 ≠")


def test_partial_sum_may_fall_short_but_not_exceed():
    rules = [dict(RULES_004[0], partial=True)]
    assert check(R004, FIGS_004, rules).findings == []
    figs = dict(FIGS_004, **{"法律顾问.服务": ("2000", "E20")})
    report = check(R004, figs, rules)
    assert report.keys() == [("sum-parts-exceed", "指标", "E20")]
    assert "= 2248,多出 248" in report.findings[0].message


def test_sum_skipped_when_a_part_is_missing_or_the_total_is():
    figs = dict(FIGS_004, **{"法律顾问.法援": (None, "E25")})
    assert check(R004, figs, RULES_004).findings == []
    figs = dict(FIGS_004)
    del figs["法律顾问.意见"]  # no row at all
    assert check(R004, figs, RULES_004).findings == []
    figs = dict(FIGS_004, **{"法律顾问.服务": (None, "E20")})
    assert check(R004, figs, RULES_004).findings == []


def test_previous_year_column_is_summed_too():
    figs = {k: (*v, "10") for k, v in FIGS_004.items()}  # 上年: parts 5 × 10
    figs["法律顾问.服务"] = ("2248", "E20", "51")
    report = check(R004, figs, RULES_004, yoy_threshold=1000)
    assert report.keys() == [("sum-mismatch", "指标", "F20")]
    f = report.findings[0]
    assert f.message.startswith("上年同期:服务 51 ≠ 咨询 10 +")
    assert f.message.endswith("= 50,相差 1。")
    assert [c.cell for c in f.cells] == ["F20", "F21", "F22", "F23", "F24", "F25"]


def test_previous_year_sum_skipped_unless_every_value_is_present():
    figs = dict(FIGS_004, **{"法律顾问.服务": ("2248", "E20", "2000")})  # parts have no 上年
    assert check(R004, figs, RULES_004).findings == []


def test_approximate_figures_are_not_held_to_exact_sums():
    figs = dict(FIGS_004, **{"法律顾问.服务": ("2400余", "E20")})
    assert check(R004, figs, RULES_004).findings == []
    figs = dict(FIGS_004, **{"法律顾问.咨询": ("约1689", "E21")})
    assert check(R004, figs, RULES_004).findings == []


def test_total_typed_in_wan_is_compared_at_its_stated_precision():
    ok = dict(FIGS_004, **{"法律顾问.服务": ("0.22万", "E20")})  # 2248 → 0.22万
    assert check(R004, ok, RULES_004).findings == []
    bad = dict(FIGS_004, **{"法律顾问.服务": ("0.24万", "E20")})
    report = check(R004, bad, RULES_004)
    assert report.keys() == [("sum-mismatch", "指标", "E20")]
    assert report.findings[0].message.startswith("服务 0.24万 ≠")


def test_part_names_drop_a_leading_qizhong():
    ind = {"a.排查": "count", "a.家事": {"kind": "count", "name": "其中:家事类"}}
    ind["a.其他"] = {"kind": "count", "name": "其中其他纠纷"}
    rules = [{"kind": "sum", "total": "a.排查", "parts": ["a.家事", "a.其他"]}]
    figs = {"a.排查": ("10", "E2"), "a.家事": ("6", "E3"), "a.其他": ("3", "E4")}
    [f] = check(ind, figs, rules).findings
    assert f.message == "排查 10 ≠ 家事类 6 + 其他纠纷 3 = 9,相差 1。"


def test_same_rule_twice_speaks_once():
    assert check(R004, FIGS_004, RULES_004 * 2).keys() == [("sum-mismatch", "指标", "E20")]


# ---------------------------------------------------------------- rate


def test_rate_mismatch_shows_the_arithmetic_and_the_expected_rounding():
    figs = {"调解.受理": ("9477", "E2"), "调解.成功": ("9368", "E3"), "调解.成功率": ("98.9", "E4")}
    report = check(R002, figs, RULES_002)
    assert report.keys() == [("rate-mismatch", "指标", "E4")]
    assert report.findings[0].message == (
        "成功率 98.9% ≠ 成功 9368 ÷ 受理 9477 × 100 = 98.8498…%,按 1 位小数四舍五入应为 98.8%。"
    )
    assert [c.cell for c in report.findings[0].cells] == ["E4", "E3", "E2"]
    figs["调解.成功率"] = ("98", "E4")  # stated whole: 取整, not “按 0 位小数”
    assert check(R002, figs, RULES_002).findings[0].message.endswith(
        "= 98.8498…%,四舍五入取整应为 99%。")


@pytest.mark.parametrize(
    ("num", "den", "stated", "ok"),
    [
        ("1", "8", "13", True),  # 12.5 → 13: half-up, not half-even (12)
        ("1", "8", "12", False),
        ("2469", "20000", "12.35", True),  # 12.345 → 12.35
        ("2469", "20000", "12.34", False),
        ("7", "23", "30.43", True),
        ("7", "23", "30.4", True),  # stated with 1 decimal: 30.434… → 30.4
        ("7", "23", "30.44", False),
        ("0", "5", "0", True),
        ("5", "5", "100", True),
    ],
)
def test_rate_rounding_is_half_up_at_the_stated_digits(num, den, stated, ok):
    figs = {"调解.受理": (den, "E2"), "调解.成功": (num, "E3"), "调解.成功率": (stated, "E4")}
    assert check(R002, figs, RULES_002).valid is ok


def test_rate_digits_fall_back_to_the_indicator_then_two():
    cat = make_catalog({**R002, "调解.成功率": {"kind": "rate", "digits": 1}}, RULES_002)
    data = make_data(cat, {"调解.受理": ("23", "E2"), "调解.成功": ("7", "E3")})
    data.figures["调解.成功率"] = Figure(
        "调解.成功率", "成功率", kind="rate", value=Decimal("30.4"), cell=CellRef("指标", "E4")
    )
    assert checks.run(data, cat).findings == []
    cat = make_catalog(R002, RULES_002)
    assert checks.run(data, cat).keys() == [("rate-mismatch", "指标", "E4")]  # 2 digits: 30.43


def test_formula_rate_shown_at_its_format_digits_is_fine():
    cat = make_catalog(R002, RULES_002)
    data = make_data(cat, {"调解.受理": ("9477", "E2"), "调解.成功": ("9368", "E3")})
    exact = Decimal(9368) / Decimal(9477) * 100  # the cell holds =E3/E2 with format 0.0%
    data.figures["调解.成功率"] = Figure(
        "调解.成功率", "成功率", kind="rate", value=exact, digits=1, cell=CellRef("指标", "E4")
    )
    assert checks.run(data, cat).findings == []


def test_rate_with_denominator_list_is_summed():
    ind = {"复议.办结": "count", "复议.结转": "count", "复议.撤回": "count", "复议.率": "rate"}
    rule = {
        "kind": "rate",
        "rate": "复议.率",
        "numerator": "复议.撤回",
        "denominator": ["复议.办结", "复议.结转"],
    }
    figs = {"复议.办结": ("14", "E2"), "复议.结转": ("9", "E3"), "复议.撤回": ("7", "E4")}
    assert check(ind, {**figs, "复议.率": ("30.43", "E5")}, [rule]).findings == []
    report = check(ind, {**figs, "复议.率": ("50", "E5")}, [rule])
    assert report.keys() == [("rate-mismatch", "指标", "E5")]
    assert "撤回 7 ÷ (办结+结转) 23 × 100" in report.findings[0].message


def test_blank_rate_is_computed_as_a_note():
    figs = dict(FIGS_000, **{"行政复议.调解率": (None, "E13")})
    report = check(R000, figs, RULES_000)
    assert report.keys() == [("rate-computed", "指标", "E13")]
    f = report.findings[0]
    assert f.severity is Severity.INFO
    assert f.message == "调解率未填,按 撤回 7 ÷ 办结 23 × 100 算得 30.43%。"
    assert report.valid


def test_with_computed_fills_blank_rates_and_leaves_the_input_alone():
    cat = make_catalog(R000, RULES_000)
    data = make_data(cat, dict(FIGS_000, **{"行政复议.调解率": (None, "E13")}))
    filled = checks.with_computed(data, cat)
    rate = filled.figures["行政复议.调解率"]
    assert (rate.value, rate.digits, rate.computed) == (Decimal("30.43"), 2, True)
    assert rate.cell == CellRef("指标", "E13")
    assert data.figures["行政复议.调解率"].value is None
    assert filled.figures["行政复议.撤回"] is data.figures["行政复议.撤回"]


def test_with_computed_adds_a_rate_row_the_workbook_lacks_and_keeps_stated_rates():
    cat = make_catalog(R000, RULES_000)
    figs = dict(FIGS_000)
    del figs["行政复议.调解率"]
    filled = checks.with_computed(make_data(cat, figs), cat)
    assert filled.figures["行政复议.调解率"].value == Decimal("30.43")
    stated = make_data(cat, dict(FIGS_000, **{"行政复议.调解率": ("31", "E13")}))
    assert checks.with_computed(stated, cat).figures["行政复议.调解率"].value == Decimal("31")


def test_zero_denominator_is_a_warning_and_nothing_is_computed():
    figs = {"调解.受理": ("0", "E2"), "调解.成功": ("0", "E3"), "调解.成功率": (None, "E4")}
    report = check(R002, figs, RULES_002)
    assert report.keys() == [("rate-zero-denominator", "指标", "E4")]
    assert report.findings[0].severity is Severity.WARNING
    cat = make_catalog(R002, RULES_002)
    assert checks.with_computed(make_data(cat, figs), cat).figures["调解.成功率"].value is None


def test_rate_stated_as_a_bound_is_not_checked():
    figs = {
        "调解.受理": ("9477", "E2"),
        "调解.成功": ("9368", "E3"),
        "调解.成功率": ("98以上", "E4"),
    }
    assert check(R002, figs, RULES_002).findings == []


def test_previous_year_rate_checked_at_the_decimals_it_shows():
    figs = {
        "调解.受理": ("9477", "E2", "9000"),
        "调解.成功": ("9368", "E3", "8600"),
        "调解.成功率": ("98.8", "E4", "95.6"),
    }  # 上年 95.555…
    assert check(R002, figs, RULES_002).findings == []
    figs["调解.成功率"] = ("98.8", "E4", "96")
    assert check(R002, figs, RULES_002).findings == []  # 96 shows no decimals: 95.6 → 96
    figs["调解.成功率"] = ("98.8", "E4", "95.5")
    report = check(R002, figs, RULES_002)
    assert report.keys() == [("rate-mismatch", "指标", "F4")]
    assert report.findings[0].message.startswith("上年同期:成功率 95.5% ≠")


# ---------------------------------------------------------------- subset, range, required


def test_subset_exceeded():
    figs = dict(FIGS_000, **{"行政复议.办结": ("36", "E11"), "行政复议.调解率": ("19.44", "E13")})
    report = check(R000, figs, RULES_000)
    assert report.keys() == [("subset-exceeded", "指标", "E11")]
    assert report.findings[0].message == "办结 36 > 受理 26 + 上年结转 9 = 35,多出 1。"


def test_subset_of_001_holds_and_fails_the_other_way():
    rules = [{"kind": "subset", "part": "人民调解.调处", "whole": "人民调解.调处成功"}]
    report = check(R001, FIGS_001, rules)
    assert report.keys() == [("subset-exceeded", "指标", "E8")]
    assert report.findings[0].message == "调处 34334 > 调处成功 33467,多出 867。"


def test_implicit_ranges_by_kind():
    ind = {"a.件": "count", "a.金额": "amount", "a.率": "rate", "a.数": "number"}
    figs = {
        "a.件": ("-3", "E2"),
        "a.金额": ("-1.5", "E3"),
        "a.率": ("120", "E4"),
        "a.数": ("-7", "E5"),
    }
    report = check(ind, figs)
    assert report.keys() == [
        ("out-of-range", "指标", "E2"),
        ("out-of-range", "指标", "E3"),
        ("out-of-range", "指标", "E4"),
    ]
    assert report.findings[2].message == "率 120 大于上限 100。"


def test_counts_must_be_whole():
    report = check({"a.件": "count"}, {"a.件": ("236.5", "E2", "230.5")})
    assert report.keys() == [("not-integer", "指标", "E2"), ("not-integer", "指标", "F2")]
    assert report.findings[1].message == "件上年同期 230.5 不是整数。"


def test_explicit_range_replaces_the_implicit_bounds():
    ind = {"a.完成率": "rate", "a.倍数": "number"}
    rules = [
        {"kind": "range", "indicators": "a.完成率", "max": float("inf")},  # 151.8% is fine
        {"kind": "range", "indicators": ["a.倍数"], "min": 1, "max": 3, "integer": True},
    ]
    assert check(ind, {"a.完成率": ("151.8", "E2"), "a.倍数": ("2", "E3")}, rules).valid
    report = check(ind, {"a.完成率": ("-1", "E2"), "a.倍数": ("2.3", "E3")}, rules)
    assert report.keys() == [("out-of-range", "指标", "E2"), ("not-integer", "指标", "E3")]
    report = check(ind, {"a.倍数": ("4", "E3")}, rules)
    assert report.findings[0].message == "倍数 4 大于上限 3。"


def test_required_indicators_from_catalog_and_rule():
    ind = {"a.受理": {"kind": "count", "required": True}, "a.办结": "count", "a.备注": "text"}
    rules = [{"kind": "required", "indicators": ["a.办结", "a.备注"]}]
    report = check(
        ind, {"a.受理": (None, "E2"), "a.办结": ("0", "E3"), "a.备注": (None, "E4")}, rules
    )
    assert report.keys() == [("missing-required", "指标", "E2"), ("missing-required", "指标", "E4")]
    assert report.findings[0].message == "必填指标“受理”未填写。"
    report = check(ind, {"a.办结": ("0", "E3")}, rules)  # rows absent: no cell to name
    assert report.keys() == [("missing-required", "", "")] * 2


def test_required_rate_that_a_rule_computes_is_not_missing():
    ind = dict(R002, **{"调解.成功率": {"kind": "rate", "required": True}})
    figs = {"调解.受理": ("9477", "E2"), "调解.成功": ("9368", "E3"), "调解.成功率": (None, "E4")}
    assert check(ind, figs, RULES_002).keys() == [("rate-computed", "指标", "E4")]


def test_required_facts_name_their_cell_or_the_facts_sheet():
    cat = make_catalog(
        {}, facts=[Fact("单位名称", required=True), Fact("年度", required=True), Fact("备注")]
    )
    data = WorkbookData(
        path="x.xlsx", facts={"单位名称": "  "}, fact_cells={"单位名称": CellRef("基本信息", "B3")}
    )
    report = checks.run(data, cat)
    assert report.keys() == [
        ("missing-required", "基本信息", "A1"),
        ("missing-required", "基本信息", "B3"),
    ]
    data.facts.update({"单位名称": "镜湖区司法局", "年度": "2024"})
    assert checks.run(data, cat).findings == []


# ---------------------------------------------------------------- yoy


def test_yoy_swing_warns_with_the_percentage():
    report = check({"援助.受理": "count"}, {"援助.受理": ("520", "E2", "236")})
    assert report.keys() == [("yoy-swing", "指标", "E2")]
    f = report.findings[0]
    assert f.severity is Severity.WARNING
    assert f.message == "受理 本期 520,上年同期 236,同比增长 120.3%,超过 50% 的提示线。"
    assert [str(c) for c in f.cells] == ["指标!E2", "指标!F2"]
    assert report.valid


def test_yoy_below_threshold_or_zero_base_is_quiet():
    assert check({"a.件": "count"}, {"a.件": ("150", "E2", "100")}).findings == []
    assert check({"a.件": "count"}, {"a.件": ("5", "E2", "0")}).findings == []
    assert check({"a.件": "count"}, {"a.件": ("40", "E2", "100")}).keys()[0][0] == "yoy-swing"


def test_yoy_threshold_precedence():
    figs = {"a.件": ("130", "E2", "100"), "a.次": ("130", "E3", "100")}
    ind = {"a.件": {"kind": "count", "yoy_threshold": 0.2}, "a.次": "count"}
    assert check(ind, figs).keys() == [("yoy-swing", "指标", "E2")]
    assert check(ind, figs, yoy_threshold=0.25).keys() == [
        ("yoy-swing", "指标", "E2"),
        ("yoy-swing", "指标", "E3"),
    ]
    rules = [{"kind": "yoy", "threshold": 0.1}]  # global: below the indicator's own
    assert len(check(ind, figs, rules).findings) == 2
    rules = [{"kind": "yoy", "indicators": "a.件", "threshold": 0.5}]  # names it: wins
    assert check(ind, figs, rules).findings == []


def test_yoy_rates_compare_percentage_points():
    ind = {"a.率": "rate"}
    assert check(ind, {"a.率": ("90", "E2", "45")}).findings == []  # 45 points ≤ 50
    report = check(ind, {"a.率": ("90", "E2", "30")})
    assert report.findings[0].message == (
        "率 本期 90%,上年同期 30%,提高 60 个百分点,超过 50 个百分点的提示线。"
    )
    rules = [{"kind": "yoy", "indicators": ["a.率"], "threshold": 0.1}]
    assert check(ind, {"a.率": ("90", "E2", "75")}, rules).keys() == [("yoy-swing", "指标", "E2")]


def test_yoy_rule_can_name_a_number_indicator():
    rules = [{"kind": "yoy", "indicators": ["a.倍数"]}]
    assert check({"a.倍数": "number"}, {"a.倍数": ("3", "E2", "1")}).findings == []
    assert check({"a.倍数": "number"}, {"a.倍数": ("3", "E2", "1")}, rules).keys() == [
        ("yoy-swing", "指标", "E2")
    ]


# ---------------------------------------------------------------- pack authors' mistakes


def test_unknown_indicator_in_a_rule_is_a_finding_naming_the_file():
    rules = [dict(RULES_004[0], parts=[*RULES_004[0]["parts"], "法律顾问.不存在"]), *RULES_004]
    report = check(R004, FIGS_004, rules)
    assert report.keys() == [("unknown-indicator", "", ""), ("sum-mismatch", "指标", "E20")]
    assert report.findings[0].message == (
        "规则 sum(来自 pack/indicators.toml)的 parts 引用了未知指标“法律顾问.不存在”。"
    )


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ({"kind": "sum", "total": "法律顾问.服务"}, "缺少参数 parts"),
        ({"kind": "sum", "total": "法律顾问.服务", "parts": []}, "参数 parts 应为"),
        ({"kind": "sum", "total": 3, "parts": ["法律顾问.咨询"]}, "参数 total 应为指标编号"),
        (
            {"kind": "sum", "total": "法律顾问.服务", "parts": ["法律顾问.咨询"], "partail": True},
            "无法识别的参数 partail",
        ),
        (
            rate_rule("法律顾问.服务", "法律顾问.咨询", "法律顾问.意见"),
            "不是比率类指标",
        ),
        ({"kind": "range", "indicators": ["法律顾问.服务"], "max": "十"}, "参数 max 应为数字"),
        (
            {"kind": "sum", "total": "法律顾问.服务", "parts": ["法律顾问.咨询"], "partial": "是"},
            "参数 partial 应为布尔值 true 或 false",
        ),
        ({"kind": "median", "indicators": ["法律顾问.服务"]}, "类型无法识别"),
    ],
)
def test_malformed_rule_is_a_finding_not_an_exception(rule, says):
    report = check(R004, FIGS_004, [rule])
    assert report.keys() == [("bad-rule", "", "")]
    assert says in report.findings[0].message


def test_rule_on_a_text_indicator_is_bad():
    ind = {"a.件": "count", "a.说明": "text"}
    report = check(ind, {}, [{"kind": "sum", "total": "a.件", "parts": ["a.说明"]}])
    assert report.keys() == [("bad-rule", "", "")]


# ---------------------------------------------------------------- the report


def test_reader_findings_come_first_and_all_are_sorted_by_section_then_cell():
    cat = make_catalog({"甲.件": "count", "乙.件": "count"})
    data = make_data(cat, {"甲.件": ("-1", "E10"), "乙.件": ("-1", "E3")})
    data.findings.append(
        finding(NOT_INTEGER, "读取时的问题", [CellRef("指标", "E9")], section="甲")
    )
    data.findings.append(finding(BAD_RULE, "整个工作簿的问题"))
    report = checks.run(data, cat)
    assert report.keys() == [
        ("bad-rule", "", ""),
        ("not-integer", "指标", "E9"),
        ("out-of-range", "指标", "E10"),  # E10 after E9: rows compare as numbers
        ("out-of-range", "指标", "E3"),  # section 乙 comes after 甲 in the catalog
    ]


def test_every_finding_names_its_section_and_indicators():
    report = check(R000, dict(FIGS_000, **{"人民调解.其他": ("300", "E7")}), RULES_000)
    [f] = report.findings
    assert (f.section, f.indicators[0]) == ("人民调解", "人民调解.排查")


def test_rule_codes_are_declared_with_chinese_reference_text():
    declared = {c.code: c for c in CODES}
    expected = {
        "sum-mismatch",
        "sum-parts-exceed",
        "rate-mismatch",
        "rate-computed",
        "rate-zero-denominator",
        "subset-exceeded",
        "out-of-range",
        "not-integer",
        "missing-required",
        "yoy-swing",
        "unknown-indicator",
        "bad-rule",
    }
    assert expected <= set(declared)
    for code in expected:
        info = declared[code]
        assert info.title and info.description and info.example
    assert declared["yoy-swing"].severity is Severity.WARNING
    assert declared["rate-computed"].severity is Severity.INFO
    assert declared["unknown-indicator"].severity is Severity.ERROR


# ---------------------------------------------------------------- properties


def half_up(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


@st.composite
def consistent(draw):
    """A random workbook whose sums and rates hold: parts, total = sum, rates from counts."""
    n = draw(st.integers(1, 6))
    parts = draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n))
    prev = draw(st.none() | st.lists(st.integers(0, 10**6), min_size=n, max_size=n))
    den = draw(st.integers(1, 10**6))
    num = draw(st.integers(0, den))
    digits = draw(st.integers(1, 2))
    ind = {"a.合计": "count", **{f"a.分项{i}": "count" for i in range(n)}}
    ind.update({"b.分子": "count", "b.分母": "count", "b.率": "rate"})
    figs = {"a.合计": (str(sum(parts)), "E2", None if prev is None else str(sum(prev)))}
    for i, v in enumerate(parts):
        figs[f"a.分项{i}"] = (str(v), f"E{i + 3}", None if prev is None else str(prev[i]))
    rate = half_up(Decimal(num) / Decimal(den) * 100, digits)
    figs.update(
        {
            "b.分子": (str(num), "E20"),
            "b.分母": (str(den), "E21"),
            "b.率": (format(rate, "f") + "%", "E22"),
        }
    )
    rules = [
        {"kind": "sum", "total": "a.合计", "parts": [f"a.分项{i}" for i in range(n)]},
        {"kind": "rate", "rate": "b.率", "numerator": "b.分子", "denominator": "b.分母"},
        {"kind": "subset", "part": "b.分子", "whole": "b.分母"},
    ]
    return ind, figs, rules


@settings(max_examples=200, deadline=None)
@given(consistent())
def test_consistent_workbooks_have_no_errors(workbook):
    ind, figs, rules = workbook
    report = check(ind, figs, rules)
    assert report.errors == []


@settings(max_examples=200, deadline=None)
@given(consistent(), st.data())
def test_changing_one_part_gives_exactly_one_sum_mismatch_on_the_total(workbook, data):
    ind, figs, rules = workbook
    parts = rules[0]["parts"]
    target = data.draw(st.sampled_from(parts))
    value, cell, prev = figs[target]
    delta = data.draw(st.integers(-1000, 1000).filter(lambda d: d and int(value) + d >= 0))
    figs = dict(figs, **{target: (str(int(value) + delta), cell, prev)})
    report = check(ind, figs, rules)
    mismatches = [f for f in report.findings if f.code == "sum-mismatch"]
    assert [f.key() for f in mismatches] == [("sum-mismatch", "指标", "E2")]
    assert f"相差 {abs(delta)}" in mismatches[0].message


_JUNK = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_IDS = st.sampled_from(["a.件", "a.率", "a.文", "x.无"])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["sum", "rate", "subset", "range", "required", "yoy", "?"]),
    st.dictionaries(
        st.sampled_from(
            [
                "total",
                "parts",
                "rate",
                "numerator",
                "denominator",
                "part",
                "whole",
                "indicators",
                "min",
                "max",
                "integer",
                "partial",
                "label",
                "threshold",
            ]
        ),
        _JUNK | _IDS | st.lists(_IDS | _JUNK, max_size=3),
    ),
)
def test_any_rule_params_give_findings_never_exceptions(kind, params):
    cat = make_catalog({"a.件": "count", "a.率": "rate", "a.文": "text"})
    cat.rules.append(Rule(kind, params, source="x.toml"))
    data = make_data(cat, {"a.件": ("3", "E2", "0"), "a.率": (None, "E3", "50")})
    report = checks.run(data, cat)
    assert all(f.code in {c.code for c in ALL_CODES} for f in report.findings)
    checks.with_computed(data, cat)


def test_part_names_lose_their_qizhong_prefix_full_or_half_width() -> None:
    from drafter.checks.rules import _part_name

    assert _part_name("其中：家事类") == _part_name("其中:家事类") == "家事类"


# ---------------------------------------------------------------- structured fields


def test_findings_carry_expected_actual_and_difference():
    figs = {"调解.受理": ("9477", "E2"), "调解.成功": ("9368", "E3"), "调解.成功率": ("98.9", "E4")}
    [f] = check(R002, figs, RULES_002).findings
    assert (f.expected, f.actual, f.difference) == (Decimal("98.8"), Decimal("98.9"),
                                                    Decimal("0.1"))
    assert f.as_dict()["expected"] == 98.8 and f.as_dict()["difference"] == 0.1
    [f] = check(R004, FIGS_004, RULES_004).findings  # 2446 ≠ 2248
    assert (f.expected, f.actual, f.difference) == (2248, 2446, 198)
    [f] = check({"a.件": "count"}, {"a.件": ("-3", "E2")}).findings
    assert (f.code, f.expected, f.actual, f.difference) == ("out-of-range", 0, -3, -3)
    [f] = check({"a.件": "count"}, {"a.件": ("520", "E2", "236")}).findings
    assert (f.code, f.expected, f.actual, f.difference) == ("yoy-swing", 236, 520, 284)


def test_findings_without_arithmetic_have_no_numbers():
    [f] = check({"a.件": {"kind": "count", "required": True}}, {}).findings
    assert f.code == "missing-required"
    assert (f.expected, f.actual, f.difference) == (None, None, None)
    assert f.as_dict()["expected"] is None
