"""Rate arithmetic has one home (drafter.model.quantity): checks, roll-up and rendering agree.

A computed rate is half-up at the rate's decimals, except that a rate short of 100 is never
rounded up to 100; the check of a stated rate keeps comparing with plain 四舍五入.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.checks import rules as checks
from drafter.model.quantity import rate
from drafter.phrasing import ratio_percent
from tests.checks.test_rules import make_catalog, make_data

RULE = {"kind": "rate", "rate": "办结.办结率", "numerator": "办结.办结", "denominator": "办结.受理"}
INDICATORS = {"办结.办结率": {"kind": "rate", "digits": 2}, "办结.办结": "count", "办结.受理": "count"}


def _codes(figures: dict[str, tuple]) -> list[str]:
    cat = make_catalog(INDICATORS, [RULE])
    return [f.code for f in checks.run(make_data(cat, figures), cat).findings]


def test_a_computed_rate_short_of_100_is_not_100() -> None:
    cat = make_catalog(INDICATORS, [RULE])
    data = make_data(cat, {"办结.办结": ("99996", "E3"), "办结.受理": ("100000", "E4")})
    computed = checks.with_computed(data, cat).figures["办结.办结率"]
    assert computed.value == Decimal("99.99") and computed.computed
    assert ratio_percent(99996, 100000) == "99.99%"  # the ratio filter says the same
    assert rate(99996, 100000, 2) == computed.value


def test_a_computed_rate_uses_the_rates_digits() -> None:
    cat = make_catalog(INDICATORS, [RULE])
    data = make_data(cat, {"办结.办结": ("33467", "E3"), "办结.受理": ("34334", "E4")})
    assert checks.with_computed(data, cat).figures["办结.办结率"].value == Decimal("97.47")


def test_the_check_of_a_stated_rate_is_unchanged() -> None:
    parts = {"办结.办结": ("9368", "E3"), "办结.受理": ("9477", "E4")}
    assert "rate-mismatch" not in _codes({**parts, "办结.办结率": ("98.85", "E2")})
    assert "rate-mismatch" in _codes({**parts, "办结.办结率": ("98.84", "E2")})
    assert "rate-zero-denominator" in _codes(
        {"办结.办结": ("0", "E3"), "办结.受理": ("0", "E4"), "办结.办结率": ("0", "E2")})
