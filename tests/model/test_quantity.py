"""drafter.model.quantity: the one home of what a figure's number means."""

from __future__ import annotations

import doctest
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.model import quantity
from drafter.model.findings import CellRef, cell_position, column_letter, column_number
from drafter.model.quantity import (
    as_typed,
    decimals,
    missing_text,
    plain,
    rate,
    ratio,
    round_half_up,
    round_rate,
)
from tests.conftest import ROOT


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(quantity)
    assert result.attempted >= 3 and result.failed == 0


def test_qualifier_sets_partition() -> None:
    assert set(quantity.AFTER_NUMBER) | set(quantity.BEFORE_NUMBER) == set(quantity.QUALIFIERS)
    assert not set(quantity.AFTER_NUMBER) & set(quantity.BEFORE_NUMBER)
    assert set(quantity.AT_LEAST) < set(quantity.QUALIFIERS)


def test_half_up_and_decimals() -> None:
    assert round_half_up(Decimal("2.675"), 2) == Decimal("2.68")
    assert str(round_half_up(Decimal("97.5"), 2)) == "97.50"
    assert decimals(Decimal("30.40")) == 2 and decimals(Decimal("1E+2")) == 0
    assert str(plain(Decimal("30.4300"))) == "30.43" and str(plain(Decimal("1E+2"))) == "100"
    with pytest.raises(ValueError):
        round_half_up(Decimal(1), -1)


def test_as_typed() -> None:
    assert as_typed(Decimal(180), "余") == "180余"
    assert as_typed(Decimal(70), "多") == "70多"
    assert as_typed(Decimal(50000), "超", "万", 0) == "超5万"
    assert as_typed(Decimal(14000), "", "万", 2) == "1.40万"  # the decimals it was typed with
    assert as_typed(Decimal("30.43")) == "30.43"
    assert as_typed(Decimal(14200), "", "万") == "14200"  # a scale without stated decimals


def test_rates() -> None:
    assert rate(33467, 34334, 1) == Decimal("97.5")
    assert rate(9368, 9477, 1) == Decimal("98.8")
    assert rate(5, 0, 2) is None
    assert rate(0, 5, 2) == Decimal("0.00")
    assert rate(10, 10, 2) == Decimal("100.00")
    assert rate(99996, 100000, 2) == Decimal("99.99")  # short of 100 never rounds up to 100
    assert round_rate(Decimal("99.995"), 2) == Decimal("99.99")
    assert round_rate(Decimal("100.004"), 2) == Decimal("100.00")
    with pytest.raises(ZeroDivisionError):
        ratio(1, 0)


@given(st.integers(0, 10**9), st.integers(1, 10**9), st.integers(0, 4))
def test_rate_is_within_a_step_and_never_falsely_100(num: int, den: int, digits: int) -> None:
    r = rate(num, den, digits)
    exact = Decimal(num) * 100 / Decimal(den)
    assert r is not None and abs(r - exact) <= Decimal(1).scaleb(-digits)
    if num < den:
        assert r < 100


def test_missing_text() -> None:
    assert missing_text("受理案件") == "【待补充：受理案件】"


@given(st.integers(1, 16384))
def test_column_letters_round_trip(n: int) -> None:
    assert column_number(column_letter(n)) == n
    assert column_number(column_letter(n).lower()) == n


def test_cell_at_and_position() -> None:
    assert str(CellRef.at("指标", 12, 5)) == "指标!E12"
    assert CellRef("指标", "$E$12").position == (12, 5) == cell_position("e12")
    assert [cell_position(a) for a in ("A0", "E12:F13", "ABCD1", "12", "")] == [None] * 5
    assert column_letter(27) == "AA" and column_letter(16384) == "XFD"


_COPIES = {
    "qualifier set": re.compile(r'\("余", "多", "超", "约", "近"\)|\("余", "多"\)|\("超", "约", "近"\)'),
    "scales": re.compile(r'"万": (Decimal\()?10'),
    "half-up quantize": re.compile(r"rounding=ROUND_HALF_UP"),
    "placeholder text": re.compile(r"\"【待补充："),  # in a string literal, not a comment
    "column letters": re.compile(r"ord\(ch\) - 64|divmod\(n - 1, 26\)|get_column_letter"
                                 r"|column_index_from_string|coordinate_from_string"),
    "cell address": re.compile(r"\(\[A-Za-z\]\{1,3\}\)\\\$\?\(\\d\+\)"),
}


@pytest.mark.parametrize("meaning", sorted(_COPIES))
def test_each_meaning_is_defined_once(meaning: str) -> None:
    homes = {"drafter/model/quantity.py", "drafter/model/findings.py"}
    found = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "drafter").rglob("*.py")
        if _COPIES[meaning].search(p.read_text(encoding="utf-8"))
    )
    assert len(found) == 1 and set(found) <= homes, found


def test_quantity_is_below_every_stage() -> None:
    text = (ROOT / "drafter" / "model" / "quantity.py").read_text(encoding="utf-8")
    imports = re.findall(r"^(?:from|import) (\S+)", text, re.M)
    assert all(not m.startswith("drafter") or m.startswith("drafter.model") for m in imports)
    assert "babel" not in imports
    assert Path(quantity.__file__).name == "quantity.py"
