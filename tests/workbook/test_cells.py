"""What people type into number cells, parsed value by value."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from drafter.workbook.cells import parse


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "value", "qualifier", "scale", "digits"),
    [
        (236, "count", "件", "236", "", "", None),
        ("236件", "count", "件", "236", "", "", None),
        ("２３６", "count", "件", "236", "", "", None),
        ("1,234", "count", "", "1234", "", "", None),
        ("130余", "count", "场次", "130", "余", "", None),
        ("约130", "count", "", "130", "约", "", None),
        ("70多", "count", "次", "70", "多", "", None),
        ("超5万", "count", "人次", "50000", "超", "万", 0),
        ("1.42万", "count", "件", "14200", "", "万", 2),
        ("1.2万余", "count", "人", "12000", "余", "万", 1),
        ("3.45亿", "amount", "元", "345000000", "", "亿", 2),
        ("30.43%", "rate", "%", "30.43", "", "", 2),
        ("３０．４３％", "rate", "%", "30.43", "", "", 2),
        ("0.3043", "rate", "%", "30.43", "", "", 2),
        (30.43, "rate", "%", "30.43", "", "", 2),
        ("100%", "rate", "%", "100", "", "", 0),
        (0, "count", "件", "0", "", "", None),
        (1963.0, "count", "件", "1963", "", "", None),
        (" 12 ", "count", "", "12", "", "", None),
    ],
)
def test_typed_forms_are_read(raw, kind, unit, value, qualifier, scale, digits) -> None:
    p = parse(raw, kind, unit)
    assert p.error == ""
    assert p.value == Decimal(value)
    assert (p.qualifier, p.scale, p.digits) == (qualifier, scale, digits)


def test_blank_is_missing_and_zero_is_a_value() -> None:
    assert parse(None).missing
    assert parse("   ").missing
    assert not parse(0).missing
    assert parse(0).value == 0


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        ("２３６", "全角"),
        ("1,234", "千分位"),
        ("236件", "单位"),
        ("1.42万", "14200"),
        ("0.3043", "30.43%"),
    ],
)
def test_each_normalization_is_noted(raw: str, note: str) -> None:
    p = parse(raw, "rate" if raw == "0.3043" else "count", "件")
    assert any(note in n for n in p.notes), p.notes


def test_stacked_qualifiers_keep_one() -> None:
    p = parse("约130余", "count")
    assert (p.value, p.qualifier) == (Decimal(130), "余")


def test_percent_formatted_cell_is_read_in_percent_units() -> None:
    p = parse(0.9982, "rate", "%", "0.00%")
    assert (p.value, p.digits, p.notes) == (Decimal("99.82"), 2, ())


@pytest.mark.parametrize(
    ("raw", "kind", "message"),
    [
        ("一百三十", "count", "不是数字"),
        ("abc", "count", "不是数字"),
        ("12件a", "count", "不是数字"),
        ("5%", "count", "不是比率"),
        ("1.2万%", "rate", "不能带"),
        (True, "count", "逻辑值"),
        (datetime(2024, 1, 1), "count", "日期"),
    ],
)
def test_text_that_cannot_be_a_number_is_an_error(raw, kind, message) -> None:
    p = parse(raw, kind)
    assert p.value is None
    assert message in p.error


def test_text_kind_keeps_text() -> None:
    assert parse("全省第一", "text").error == ""


def test_a_rate_typed_as_a_bound_keeps_it() -> None:
    for raw in ("93.4%以上", "93.4以上", "９３．４％以上"):
        p = parse(raw, "rate", "%")
        assert (p.value, p.qualifier, p.digits, p.error) == (Decimal("93.4"), "余", 1, "")


@pytest.mark.parametrize(("raw", "unit", "value", "qualifier"), [
    ("1543人", "名", "1543", ""), ("1543名", "人", "1543", ""), ("236宗", "件", "236", ""),
    ("30余次", "场次", "30", "余"), ("10场次", "次", "10", ""), ("12场", "场次", "12", ""),
    ("1.2万人", "名", "12000", ""),
])
def test_a_unit_naming_the_same_count_is_read_as_the_rows(raw, unit, value, qualifier) -> None:
    p = parse(raw, "count", unit)
    assert p.error == "" and p.value == Decimal(value) and p.qualifier == qualifier
    assert any("同义" in n and f"“{unit}”" in n for n in p.notes), p.notes


@pytest.mark.parametrize(("raw", "unit", "other"), [
    ("1963人次", "件", "人次"), ("1000人次", "次", "人次"), ("1000人", "人次", "人"),
    ("12户", "件", "户"),
])
def test_another_unit_is_one_error_saying_what_was_read(raw, unit, other) -> None:
    p = parse(raw, "count", unit)
    assert p.value is None and p.other_unit == other and not p.stacked
    assert f"单位“{other}”" in p.error and f"“{unit}”" in p.error
    assert "读到的数是 " + raw.rstrip(other) in p.error


@pytest.mark.parametrize(("raw", "kept"), [("约130余", "130余"), ("超5万余", "5万余"),
                                           ("大约70多", "70多")])
def test_two_qualifiers_that_agree_are_read_with_a_warning(raw, kept) -> None:
    p = parse(raw, "count", "场次")
    assert p.error == "" and p.value is not None
    assert p.warning and f"按“{kept}”读取" in p.warning and f"“{kept}场次”" in p.warning


def test_qualifiers_of_opposite_meaning_stay_an_error() -> None:
    p = parse("近3万余", "count", "人次")
    assert p.stacked and p.value is None and not p.warning


@pytest.mark.parametrize(("raw", "kind", "unit", "note"), [
    ("40%以上", "rate", "", "读作 40%,修饰词“以上”"),  # not “余”: the clerk wrote 以上
    ("超90%", "rate", "", "读作 90%,修饰词“超”"),
    ("130以上", "count", "件", "读作 130,修饰词“以上”,报告中写作“130余件”"),
    ("约300", "count", "人", "读作 300,修饰词“约”"),
])
def test_the_note_names_the_qualifier_as_typed(raw: str, kind: str, unit: str, note: str) -> None:
    assert parse(raw, kind, unit).notes == (note,)
