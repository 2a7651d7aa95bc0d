"""What a figure's number means, defined once: qualifiers, 万/亿 scales, stated decimals,
half-up rounding, rate arithmetic, the figure as typed, and the text of a missing figure.

The workbook reader parses with these, the checks compute and compare with them, templating
and phrasing print with them. Pure, standard library only (no babel: `drafter check` must
stay light), so every stage can import it.

>>> str(round_half_up(Decimal("0.125"), 2)), str(round_half_up(Decimal("-2.5"), 0))
('0.13', '-3')
>>> str(rate(7, 23, 2)), str(rate(99996, 100000, 2)), rate(1, 0, 2)
('30.43', '99.99', None)
>>> as_typed(Decimal(130), "余"), as_typed(Decimal(300), "约"), as_typed(Decimal(14200), "", "万", 2)
('130余', '约300', '1.42万')
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

# One qualifier per figure (GONGWEN.md): 130余场次, 70多次, 超5万人次, 约300人, 近1000人.
QUALIFIERS = ("余", "多", "超", "约", "近")
AFTER_NUMBER = ("余", "多")  # written after the number (and its scale), before the unit
BEFORE_NUMBER = ("超", "约", "近")  # written before the number
AT_LEAST = ("余", "多", "超")  # the real value is at or above the number written

SCALES = {"万": Decimal(10**4), "亿": Decimal(10**8)}  # 1.42万 = 14,200


def stacked(qualifiers: list[str]) -> str:
    """What two qualifiers on one figure amount to (a figure takes one: GONGWEN.md):
    "opposite" for 近 with 余/多/超 (近3万余: under and over at once), "redundant" for two
    that agree or 约 with another (约130余, 超5万余), "" for one or none. The same rule holds
    in a 指标 cell (workbook/cells.py) and in narrative text (checks/typed_numbers.py)."""
    kinds = set(qualifiers)
    if len(qualifiers) < 2:
        return ""
    if "近" in kinds and kinds & set(AT_LEAST):
        return "opposite"
    return "redundant"

# 四舍五入: half away from zero, with room for any figure a workbook can hold (< 10^15) and
# the decimals of a ratio. Python's and babel's default rounding is half-even (0.125 → 0.12).
HALF_UP = Context(prec=60, rounding=ROUND_HALF_UP)


def round_half_up(value: Decimal, digits: int) -> Decimal:
    """`value` rounded half-up to `digits` decimals (trailing zeros kept: 97.50)."""
    if digits < 0:
        raise ValueError(f"小数位数不能为负:{digits}")
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=HALF_UP)


def decimals(value: Decimal) -> int:
    """Decimals as written: 30.40 → 2, 1.42 → 2, 5 → 0, 1E+2 → 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def plain(value: Decimal) -> Decimal:
    """The value without needless zeros or exponent: 30.4300 → 30.43, 1E+2 → 100."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def plain_text(value: Decimal) -> str:
    """The value in positional notation, no separators, no needless zeros: 30.43, 100."""
    return format(plain(value), "f")


def with_qualifier(number_text: str, qualifier: str, unit: str = "") -> str:
    """Put one qualifier where it belongs: 130余场次 (余/多 after), 约300人 (超/约/近 before)."""
    if qualifier in AFTER_NUMBER:
        return f"{number_text}{qualifier}{unit}"
    return f"{qualifier}{number_text}{unit}"


def as_typed(value: Decimal, qualifier: str = "", scale: str = "", digits: int | None = None) -> str:
    """A figure as a clerk typed it, for messages and city workbooks: 130余, 约300, 1.42万.

    With a scale and its stated decimals the value is shown in that scale at those decimals
    (1.40万 stays 1.40万); otherwise plainly.
    """
    if scale and digits is not None:
        text = format(round_half_up(HALF_UP.divide(value, SCALES[scale]), digits), "f") + scale
    else:
        text = plain_text(value)
    return with_qualifier(text, qualifier)


# ------------------------------------------------------------------------------ rates


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    """numerator / denominator × 100, unrounded (ZeroDivisionError for a zero denominator)."""
    den = Decimal(denominator)
    if den == 0:
        raise ZeroDivisionError("分母为0,无法计算比率")
    return HALF_UP.divide(HALF_UP.multiply(Decimal(numerator), Decimal(100)), den)


def round_rate(value: Decimal, digits: int) -> Decimal:
    """A percentage at `digits` decimals, half-up, except that a rate short of 100 is never
    rounded up to 100 (99.996 at two decimals → 99.99, so 100% always means all)."""
    rounded = round_half_up(value, digits)
    if rounded == 100 and value < 100:
        rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_DOWN, context=HALF_UP)
    return rounded


def rate(numerator: Decimal | int, denominator: Decimal | int, digits: int) -> Decimal | None:
    """numerator / denominator as a percentage at `digits` decimals (see round_rate); None for
    a zero denominator, where there is no rate to state."""
    if Decimal(denominator) == 0:
        return None
    return round_rate(ratio(numerator, denominator), digits)


# ------------------------------------------------------------------------------ missing


def missing_text(name: str) -> str:
    """What a report shows where a figure or fact is not in the workbook."""
    return f"【待补充：{name}】"
