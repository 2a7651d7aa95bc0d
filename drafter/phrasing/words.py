"""The Chinese wording around a number, which babel has no notion of: 万/亿 with one
qualifier (余 多 超 约 近) and a unit, approximations, 同比 and 百分点, ranges and year spans.

The digits themselves come from drafter.phrasing.numbers (babel); what a qualifier or a scale
means comes from drafter.model.quantity, shared with the reader and the checks. The scale is
chosen here, not by babel's compact format: ``format_compact_decimal`` picks 万 or 亿 by
magnitude (345,000,000 → 3.45亿), while a report keeps the scale its template or its clerk
chose (``wan(345_000_000)`` → 34500万, a figure typed 1.42万 stays in 万).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from drafter.model.quantity import (
    AT_LEAST,
    BOUNDS,
    HALF_UP,
    QUALIFIERS,
    SCALES,
    ratio,
    round_half_up,
    with_qualifier,
)
from drafter.phrasing.numbers import Number, number, percent, to_decimal


def _check_words(qualifier: str, unit: str, scale: str) -> None:
    if qualifier and qualifier not in QUALIFIERS:
        raise ValueError(f"限定词只能是 {'、'.join(QUALIFIERS)} 中的一个,不能是“{qualifier}”")
    if unit[:1] in QUALIFIERS:
        raise ValueError(f"单位“{unit}”以限定词开头:限定词只用一个,请用 qualifier 参数")
    if scale and scale not in SCALES:
        raise ValueError(f"数量级只能是“万”或“亿”,不能是“{scale}”")


def quantity(
    value: Number,
    unit: str = "",
    qualifier: str = "",
    scale: str = "",
    digits: int | None = None,
) -> str:
    """The general display of a figure: number, optional 万/亿 scale, one qualifier, unit.

    ``scale`` divides the value (``digits`` defaults to 2 then). 余/多 go after the number and
    scale, before the unit; 超/约/近 go before the number. One qualifier only; a unit starting
    with a qualifier (``"余人"``) is refused as stacking.

    >>> quantity(130, "场次", "余"), quantity(12000, "人", "余", scale="万")
    ('130余场次', '1.2万余人')
    >>> quantity(300, "人", "约"), quantity(50000, "人次", "超", scale="万"), quantity(70, "次", "多")
    ('约300人', '超5万人次', '70多次')
    >>> quantity(Decimal("214.5"), "万元")
    '214.5万元'
    """
    _check_words(qualifier, unit, scale)
    d = to_decimal(value)
    if scale:
        d = HALF_UP.divide(d, SCALES[scale])
        digits = 2 if digits is None else digits
    return with_qualifier(number(d, digits) + scale, qualifier, unit)


def wan(value: Number, digits: int = 2, unit: str = "", qualifier: str = "") -> str:
    """The value in 万, at most ``digits`` decimals (half-up), no trailing zeros; a
    ``qualifier`` placed as quantity places it.

    >>> wan(14200), wan(14200, unit="件"), wan(50000), wan(12250), wan(47000, 1, "件")
    ('1.42万', '1.42万件', '5万', '1.23万', '4.7万件')
    >>> wan(32000, unit="人次", qualifier="余"), wan(1500, unit="场", qualifier="约")
    ('3.2万余人次', '约0.15万场')
    """
    return quantity(value, unit, qualifier, scale="万", digits=digits)


def yi(value: Number, digits: int = 2, unit: str = "", qualifier: str = "") -> str:
    """The value in 亿, at most ``digits`` decimals (half-up), no trailing zeros.

    >>> yi(345_000_000, unit="元"), yi(284_000_000, unit="元"), yi(900_000_000)
    ('3.45亿元', '2.84亿元', '9亿')
    """
    return quantity(value, unit, qualifier, scale="亿", digits=digits)


def _default_step(d: Decimal) -> int:
    """Keep two significant figures: 1345 → 100, 56789 → 1000, 130 → 10, 9 → 1."""
    whole = int(d)
    return 1 if whole < 10 else 10 ** (len(str(whole)) - 2)


def _approx_rounding(qualifier: str) -> str:
    """余/多/超: the real value is at or above what is written (down); 近: just below it (up);
    约: either side (nearest, half-up)."""
    if qualifier in AT_LEAST:
        return ROUND_FLOOR
    return ROUND_CEILING if qualifier == "近" else ROUND_HALF_UP


def approx(
    value: Number,
    qualifier: str = "余",
    unit: str = "",
    step: int | None = None,
    scale: str = "",
) -> str:
    """An approximation with exactly one qualifier, rounded to a multiple of ``step``.

    余/多/超 round down, 近 rounds up, 约 rounds to the nearest (half-up). The default step
    keeps two significant figures (1345 → 1300, 56789 → 56000, shown as 5.6万 with
    ``scale="万"``). A value exactly on the step keeps 余/多/约 but drops 超/近, which would then
    be false (``approx(50000, "超", scale="万", step=10000)`` → ``5万``). Negative values, and
    values that would round to 0, raise ValueError.

    >>> approx(1345, "余", "人次", step=100), approx(52000, "超", "人次", step=10000, scale="万")
    ('1300余人次', '超5万人次')
    >>> approx(56789, scale="万"), approx(296, "约", "人"), approx(968, "近", "人", step=100)
    ('5.6万余', '约300人', '近1000人')
    """
    if not qualifier:
        raise ValueError("近似数需要一个限定词(余、多、超、约、近)")
    _check_words(qualifier, unit, scale)
    d = to_decimal(value)
    if d < 0:
        raise ValueError(f"近似数不能为负:{value}")
    step = _default_step(d) if step is None else step
    if isinstance(step, bool) or not isinstance(step, int) or step <= 0:
        raise ValueError(f"取整步长应为正整数:{step!r}")
    size = Decimal(step)
    rounding = _approx_rounding(qualifier)
    rounded = HALF_UP.divide(d, size).quantize(Decimal(1), rounding=rounding) * size
    if rounded == 0:
        raise ValueError(f"{value} 按步长 {step} 取整后为0,无法写成近似数")
    if qualifier in BOUNDS and rounded == d:
        qualifier = ""
    shown = HALF_UP.divide(rounded, SCALES[scale]) if scale else rounded
    return with_qualifier(number(shown) + scale, qualifier, unit)


def yoy(
    current: Number | None,
    previous: Number | None,
    *,
    rate: bool = False,
    digits: int = 1,
    prefix: str = "同比",
    flat: str = "与上年持平",
) -> str:
    """Year-over-year wording: 同比增长/同比下降 for counts, 提高/下降…个百分点 for rates.

    Counts change in % of the previous value; rates (``rate=True``, values in percent units)
    change by their difference in 百分点. A change that rounds to 0 at ``digits`` is ``flat``.
    A missing value, or for counts a previous value of 0 or less, says nothing (``""``):
    there is no base to divide by. A rate's previous 0 is a real base and is compared.

    >>> yoy(1123, 1000), yoy(843, 1000, digits=2), yoy(500, 500), yoy(5, 0), yoy(5, None)
    ('同比增长12.3%', '同比下降15.70%', '与上年持平', '', '')
    >>> yoy(Decimal("32.5"), Decimal("30.4"), rate=True), yoy(99.5, 100, rate=True)
    ('同比提高2.1个百分点', '同比下降0.5个百分点')
    """
    if current is None or previous is None:
        return ""
    cur, prev = to_decimal(current), to_decimal(previous)
    if rate:
        change = HALF_UP.subtract(cur, prev)
        text = number(abs(change), digits, keep_zeros=True) + "个百分点"
        up = "提高"
    else:
        if prev <= 0:
            return ""
        change = ratio(HALF_UP.subtract(cur, prev), prev)
        text = percent(abs(change), digits)
        up = "增长"
    if round_half_up(abs(change), digits) == 0:
        return flat
    return f"{prefix}{up if change > 0 else '下降'}{text}"


def year_span(a: int, b: int, *, dash: str = "—") -> str:
    """A span of years with one em dash (U+2014); the same year twice is just that year.

    >>> year_span(2021, 2023), year_span(2024, 2024)
    ('2021—2023年', '2024年')
    """
    if a > b:
        raise ValueError(f"起始年份 {a} 晚于结束年份 {b}")
    return f"{a}年" if a == b else f"{a}{dash}{b}年"


def value_range(
    a: Number, b: Number, unit: str = "", *, digits: int | None = None, sep: str = "~"
) -> str:
    """A range with the unit on both ends, low to high, joined by ``sep``.

    >>> value_range(15, 30, "%"), value_range(9, 16, "亿")
    ('15%~30%', '9亿~16亿')
    """
    if to_decimal(a) > to_decimal(b):
        raise ValueError(f"范围的下限 {a} 大于上限 {b}")
    return f"{number(a, digits)}{unit}{sep}{number(b, digits)}{unit}"
