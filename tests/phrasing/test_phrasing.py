"""Tests of drafter.phrasing: real phrasings from the source reports, edges, and properties."""

from __future__ import annotations

import doctest
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from drafter import phrasing
from drafter.model import quantity as quantity_model
from drafter.phrasing import (
    QUALIFIERS,
    approx,
    chinese,
    cn_date,
    heading_number,
    multiple,
    number,
    numbers,
    numerals,
    ordinal_point,
    percent,
    quantity,
    ratio_percent,
    value_range,
    wan,
    words,
    year_span,
    yi,
    yoy,
)

UNITS = ["", "件", "人次", "场次", "名", "万元", "个"]


@pytest.mark.parametrize("module", [numbers, words, numerals, quantity_model])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted >= 3
    assert result.failed == 0


def test_every_public_function_has_examples():
    tests = doctest.DocTestFinder().find(numbers) + doctest.DocTestFinder().find(words) \
        + doctest.DocTestFinder().find(numerals)
    assert sum(len(t.examples) for t in tests) > 20


def test_qualifiers_are_the_figure_models():
    assert QUALIFIERS is quantity_model.QUALIFIERS
    assert set(quantity_model.AFTER_NUMBER) | set(quantity_model.BEFORE_NUMBER) == set(QUALIFIERS)


# --- phrasings as the source reports print them -------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("1.42万件", lambda: wan(14200, 2, "件")),  # 001 律师办案
        ("4.7万件", lambda: wan(47000, 1, "件")),  # 003 调处矛盾纠纷
        ("2.84亿元", lambda: yi(Decimal("284000000"), unit="元")),  # 003 案件标的
        ("130余场次", lambda: quantity(130, "场次", "余")),  # 000
        ("2400余场次", lambda: approx(2456, "余", "场次", step=100)),  # 002
        ("26万余人次", lambda: approx(261234, "余", "人次", step=10000, scale="万")),  # 002
        ("470.8万余人次", lambda: approx(4708123, "余", "人次", step=1000, scale="万")),  # 002
        ("1.2万余人", lambda: quantity(12000, "人", "余", scale="万")),  # 001
        ("715.8万余元", lambda: quantity(7158000, "元", "余", scale="万", digits=1)),  # 003
        ("超5万人次", lambda: approx(52000, "超", "人次", step=10000, scale="万")),  # 000
        ("约300人", lambda: quantity(300, "人", "约")),
        ("70多次", lambda: quantity(70, "次", "多")),
        ("15699名", lambda: quantity(15699, "名")),  # GONGWEN: no separators
        ("214.5万元", lambda: quantity(Decimal("214.5"), "万元")),  # 004
        ("30.43%", lambda: ratio_percent(7, 23)),  # 000 调解率
        ("99.82%", lambda: ratio_percent(1091, 1093)),  # 001 整改完成率
        ("7.2%", lambda: ratio_percent(11, 152, 1)),  # 001 败诉率
        ("97.5%", lambda: ratio_percent(33467, 34334, 1)),  # 001 调处成功率
        ("98.8%", lambda: ratio_percent(9368, 9477, 1)),  # 002 化解成功率
        ("100%", lambda: ratio_percent(4472, 4472)),  # 003 覆盖率达100%
        ("151.8%", lambda: percent(Decimal("151.8"))),  # 001
        ("同比下降15.73%", lambda: yoy(Decimal("84.27"), 100, digits=2)),  # 003
        ("2.3倍", lambda: multiple(2291, 1000)),  # 003 复议是诉讼的2.3倍
        ("2025年1月16日", lambda: cn_date("2025-01-16")),  # 001 date line
        ("2021—2023年", lambda: year_span(2021, 2023)),
        ("15%~30%", lambda: value_range(15, 30, "%")),
        ("9亿~16亿", lambda: value_range(9, 16, "亿")),
    ],
)
def test_source_report_phrasings(text, phrase):
    assert phrase() == text


def test_quantity_qualifier_sits_between_scale_and_unit():
    # 715.8万余元, not 715.8余万元: with a scale the qualifier follows it
    assert quantity(7158000, "元", "余", scale="万", digits=1) == "715.8万余元"
    assert quantity(Decimal("715.8"), "万元", "余") == "715.8余万元"  # 万 as part of the unit


# --- number / wan / yi ------------------------------------------------------------------


def test_number_plain_and_trailing_zeros():
    assert number(236) == "236"
    assert number(1234) == "1234"
    assert number(Decimal("2.840")) == "2.84"
    assert number(Decimal("1E+3")) == "1000"
    assert number(Decimal("2.80"), 2) == "2.8"
    assert number(Decimal("2.80"), 2, keep_zeros=True) == "2.80"
    assert number(0) == "0"
    assert number(Decimal("-0.001"), 2) == "0"  # no "-0"
    assert number(1e20) == "100000000000000000000"  # no exponent, no separators


def test_rounding_is_half_up_not_half_even():
    assert number(Decimal("0.125"), 2) == "0.13"  # half-even would give 0.12
    assert number(Decimal("2.5"), 0) == "3"
    assert number(Decimal("-2.5"), 0) == "-3"  # half away from zero
    assert number(2.675, 2) == "2.68"  # the float is read as the decimal 2.675
    assert wan(12250) == "1.23万"  # 1.225 → 1.23
    assert percent(Decimal("30.425"), 2) == "30.43%"
    assert multiple(225, 100) == "2.3倍"


def test_wan_yi_drop_trailing_zeros():
    assert wan(50000) == "5万"
    assert wan(14000) == "1.4万"
    assert wan(14200, 4) == "1.42万"  # never 1.4200万
    assert yi(900_000_000, unit="元") == "9亿元"
    assert wan(0) == "0万"


def test_bad_inputs_are_refused():
    with pytest.raises(TypeError):
        number(True)
    with pytest.raises(TypeError):
        number("12")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        number(float("nan"))
    with pytest.raises(ValueError):
        number(1, -1)
    with pytest.raises(ValueError):
        quantity(1, scale="千")


@given(st.integers(0, 10**12), st.integers(0, 4))
def test_wan_round_trips_within_precision(value, digits):
    text = wan(value, digits)
    assert text.endswith("万")
    shown = Decimal(text[:-1])
    assert abs(shown * 10000 - value) <= Decimal("0.5").scaleb(-digits) * 10000
    decimals = text[:-1].partition(".")[2]
    assert len(decimals) <= digits
    assert not decimals.endswith("0")
    assert "," not in text


# --- quantity / approx: one qualifier ---------------------------------------------------


def test_quantity_refuses_stacked_or_unknown_qualifiers():
    with pytest.raises(ValueError):
        quantity(30000, "份", "近余", scale="万")  # 近3万余份
    with pytest.raises(ValueError):
        quantity(30000, "余份", "近", scale="万")
    with pytest.raises(ValueError):
        quantity(300, "人", "大约")
    with pytest.raises(ValueError):
        approx(300, "约约")


@given(
    st.decimals(min_value=0, max_value=10**10, places=2),
    st.sampled_from(UNITS),
    st.sampled_from(["", *QUALIFIERS]),
    st.sampled_from(["", "万", "亿"]),
)
def test_quantity_never_holds_two_qualifiers(value, unit, qualifier, scale):
    text = quantity(value, unit, qualifier, scale)
    assert sum(text.count(q) for q in QUALIFIERS) == (1 if qualifier else 0)
    assert text.endswith(unit)
    if qualifier in ("超", "约", "近"):
        assert text.startswith(qualifier)


def test_approx_rounding_direction_per_qualifier():
    assert approx(1345, "余", "人次", step=100) == "1300余人次"
    assert approx(1300, "余", "人次", step=100) == "1300余人次"  # on the step: still fine
    assert approx(1399, "多", "次", step=100) == "1300多次"
    assert approx(1350, "约", "人", step=100) == "约1400人"  # nearest, half-up
    assert approx(1349, "约", "人", step=100) == "约1300人"
    assert approx(968, "近", "人", step=100) == "近1000人"
    assert approx(1000, "近", "人", step=100) == "1000人"  # exact: 近 would be false
    assert approx(50000, "超", "人次", step=10000, scale="万") == "5万人次"


def test_approx_default_step_keeps_two_significant_figures():
    assert approx(1345) == "1300余"
    assert approx(56789, scale="万") == "5.6万余"
    assert approx(137, unit="场次") == "130余场次"
    assert approx(7) == "7余"


def test_approx_refusals():
    with pytest.raises(ValueError):
        approx(45, "余", step=100)  # would be "0余"
    with pytest.raises(ValueError):
        approx(-5)
    with pytest.raises(ValueError):
        approx(100, "")
    with pytest.raises(ValueError):
        approx(100, step=0)


@given(st.integers(1, 10**9), st.sampled_from(QUALIFIERS), st.integers(0, 6))
def test_approx_is_honest(value, qualifier, power):
    step = 10**power
    assume(value >= step or qualifier == "近" or (qualifier == "约" and 2 * value >= step))
    text = approx(value, qualifier, step=step)
    assert sum(text.count(q) for q in QUALIFIERS) <= 1
    shown = int(text.strip("".join(QUALIFIERS)))
    assert shown % step == 0
    if qualifier in ("余", "多", "超"):
        assert value - step < shown <= value
    elif qualifier == "近":
        assert value <= shown < value + step
    else:
        assert abs(shown - value) * 2 <= step
    if qualifier in ("超", "近") and shown == value:
        assert qualifier not in text


# --- percent / ratio_percent / multiple -------------------------------------------------


def test_percent_zeros_and_ends():
    assert percent(Decimal("30.40"), 2) == "30.40%"
    assert percent(Decimal("30.4"), 2) == "30.40%"
    assert percent(Decimal("30.40")) == "30.4%"
    assert percent(100, 2) == "100%"
    assert percent(Decimal("100.00"), 1) == "100%"
    assert percent(0, 2) == "0%"
    assert percent(Decimal("0.004"), 2) == "0.00%"  # not a claim of zero
    assert percent(Decimal("99.996"), 2) == "99.99%"  # never 100% for less
    assert percent(Decimal("99.5"), 0) == "99%"
    assert percent(Decimal("100.004"), 2) == "100.00%"


def test_ratio_percent_zero_denominator():
    with pytest.raises(ValueError):
        ratio_percent(1, 0)
    assert ratio_percent(0, 5) == "0%"


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.integers(0, 3))
def test_ratio_percent_is_within_half_a_step(num, den, digits):
    text = ratio_percent(num, den, digits)
    shown = Decimal(text[:-1])
    exact = Decimal(num) * 100 / Decimal(den)
    assert abs(shown - exact) <= Decimal(1).scaleb(-digits)
    if exact < 100:
        assert shown < 100
    if not text.startswith(("0%", "100%")):
        assert len(text[:-1].partition(".")[2]) == digits


def test_multiple():
    assert multiple(2291, 1000) == "2.3倍"
    assert multiple(3000, 1000) == "3倍"
    with pytest.raises(ValueError):
        multiple(1, 0)
    with pytest.raises(ValueError):
        multiple(-1, 2)


# --- yoy --------------------------------------------------------------------------------


def test_yoy_counts():
    assert yoy(1123, 1000) == "同比增长12.3%"
    assert yoy(843, 1000) == "同比下降15.7%"
    assert yoy(1000, 1000) == "与上年持平"
    assert yoy(10004, 10000) == "与上年持平"  # 0.04% rounds to 0.0
    assert yoy(10005, 10000) == "同比增长0.1%"  # 0.05 half-up
    assert yoy(1120, 1000) == "同比增长12.0%"  # stated precision keeps its zero
    assert yoy(0, 1000) == "同比下降100%"
    assert yoy(3000, 1000) == "同比增长200.0%"
    assert yoy(1123, 1000, prefix="较上年") == "较上年增长12.3%"


def test_yoy_says_nothing_without_a_base():
    assert yoy(5, 0) == ""
    assert yoy(5, None) == ""
    assert yoy(None, 5) == ""
    assert yoy(5, -3) == ""


def test_yoy_rates_in_percentage_points():
    assert yoy(Decimal("32.5"), Decimal("30.4"), rate=True) == "同比提高2.1个百分点"
    assert yoy(Decimal("99.5"), 100, rate=True) == "同比下降0.5个百分点"
    assert yoy(Decimal("30.42"), Decimal("30.4"), rate=True) == "与上年持平"
    assert yoy(5, 0, rate=True) == "同比提高5.0个百分点"  # a rate's 0 is a real base
    assert yoy(5, None, rate=True) == ""


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 3))
def test_yoy_sign_matches_change(current, previous, digits):
    text = yoy(current, previous, digits=digits)
    if previous == 0:
        assert text == ""
        return
    change = Decimal(current - previous) * 100 / previous
    if abs(change) * 2 >= Decimal(1).scaleb(-digits):
        assert text.startswith("同比增长" if change > 0 else "同比下降")
        shown = Decimal(re.search(r"[\d.]+", text).group())
        assert abs(shown - abs(change)) <= Decimal(1).scaleb(-digits)
    else:
        assert text == "与上年持平"


@given(st.decimals(0, 100, places=2), st.decimals(0, 100, places=2))
def test_yoy_rate_sign_matches_difference(current, previous):
    text = yoy(current, previous, rate=True, digits=1)
    diff = current - previous
    if abs(diff) >= Decimal("0.05"):
        assert text.startswith("同比提高" if diff > 0 else "同比下降")
        assert text.endswith("个百分点")
    else:
        assert text == "与上年持平"


# --- Chinese numerals, points, headings -------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}


def parse_chinese(text: str) -> int:
    """A small reference parser for the numerals chinese() writes."""
    total = section = digit = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        else:
            raise ValueError(ch)
    return total + section + digit


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1000, "一千"),
        (1010, "一千零一十"),
        (10001, "一万零一"),
        (10100, "一万零一百"),
        (100000, "十万"),
        (110000, "十一万"),
        (1001000, "一百万一千"),
        (1000100, "一百万零一百"),
        (10000001, "一千万零一"),
        (99999999, "九千九百九十九万九千九百九十九"),
        (100000000, "一亿"),
        (100010000, "一亿零一万"),
        (1000000010, "十亿零一十"),
    ],
)
def test_chinese_numerals(n, text):
    assert chinese(n) == text


def test_chinese_refusals():
    with pytest.raises(ValueError):
        chinese(-1)
    with pytest.raises(ValueError):
        chinese(10**12)
    with pytest.raises(TypeError):
        chinese(1.0)  # type: ignore[arg-type]


def test_chinese_is_injective_below_100000():
    texts = {chinese(n) for n in range(100000)}
    assert len(texts) == 100000


@given(st.integers(0, phrasing.CHINESE_MAX))
def test_chinese_parses_back(n):
    text = chinese(n)
    assert parse_chinese(text) == n
    assert "零零" not in text
    assert not text.endswith("零") or n == 0


def test_ordinal_points():
    assert [ordinal_point(i) for i in (1, 2, 10, 11, 20)] == [
        "一是",
        "二是",
        "十是",
        "十一是",
        "二十是",
    ]
    with pytest.raises(ValueError):
        ordinal_point(0)


def test_heading_numbers():
    assert heading_number(1, 1) == "一、"
    assert heading_number(1, 11) == "十一、"
    assert heading_number(2, 3) == "（三）"  # full-width brackets
    assert heading_number(3, 2) == "2."
    assert heading_number(4, 10) == "（10）"
    assert heading_number(3, 2, ("一、", "（一）", "1、")) == "2、"  # 004's style
    assert heading_number(2, 1, ("一、", "")) == ""
    assert heading_number(1, 2, ("第一部分",)) == "第二部分"


def test_heading_number_refusals():
    with pytest.raises(ValueError):
        heading_number(5, 1)
    with pytest.raises(ValueError):
        heading_number(0, 1)
    with pytest.raises(ValueError):
        heading_number(1, 0)
    with pytest.raises(ValueError):
        heading_number(1, 1, ("、",))


# --- dates, spans, ranges ---------------------------------------------------------------


@pytest.mark.parametrize(
    "given_date",
    [
        date(2025, 1, 16),
        datetime(2025, 1, 16, 9, 30),
        "2025-01-16",
        "2025/1/16",
        "2025.1.16",
        "2025年1月16日",
        " 20250116 ",
    ],
)
def test_cn_date_forms(given_date):
    assert cn_date(given_date) == "2025年1月16日"


@pytest.mark.parametrize("text", ["2025-13-01", "2025/1-16", "16/1/2025", "明年", "2025-02-30", ""])
def test_cn_date_refuses_with_chinese_message(text):
    with pytest.raises(ValueError, match="日期"):
        cn_date(text)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_cn_date_round_trips(d):
    text = cn_date(d)
    y, m, day = map(int, re.fullmatch(r"(\d{4})年([1-9]\d?)月([1-9]\d?)日", text).groups())
    assert date(y, m, day) == d
    assert cn_date(text) == text
    assert cn_date(d.isoformat()) == text
    assert cn_date(d.strftime("%Y%m%d")) == text


def test_year_span():
    assert year_span(2021, 2023) == "2021—2023年"
    assert "\u2014" in year_span(2021, 2023) and "-" not in year_span(2021, 2023)
    assert year_span(2024, 2024) == "2024年"
    with pytest.raises(ValueError):
        year_span(2023, 2021)


def test_value_range():
    assert value_range(Decimal("15.0"), 30, "%") == "15%~30%"
    assert value_range(1.5, 2, "万", digits=1) == "1.5万~2万"
    with pytest.raises(ValueError):
        value_range(30, 15, "%")
