"""Digits and dates as report prose writes them, formatted by babel for locale zh_CN.

babel formats; drafter decides the rounding. Every call runs under an explicit decimal
context, half-up (四舍五入: ``0.125`` → ``0.13``, ``2.675`` → ``2.68``), where babel would
otherwise use the thread's context, half-even by default. Patterns have no grouping, so prose
has no thousands separators (``15699``). babel is imported on first use, not with this module:
``drafter check`` and ``drafter --help`` import drafter.phrasing (for heading numbers) and
never format a number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from drafter.model.quantity import HALF_UP, ratio, round_half_up, round_rate

Number = Decimal | int | float
LOCALE = "zh_CN"


def to_decimal(value: Number) -> Decimal:
    """The value as a finite Decimal; a float is read through its shortest repr, so that
    ``2.675`` means the decimal its writer typed, not the binary double just below it."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"数值应为 Decimal、int 或 float,而不是 {type(value).__name__}")
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise ValueError(f"数值不是有限数:{value!r}")
    return d


@cache
def _babel() -> tuple[Any, Any]:
    """babel.numbers' pattern parser and the zh_CN locale, loaded once, on first use."""
    from babel.core import Locale
    from babel.numbers import parse_pattern

    return cache(parse_pattern), Locale.parse(LOCALE)


def _format(d: Decimal, pattern: str) -> str:
    """`d` through babel's number `pattern` for zh_CN (a percent pattern multiplies by 100),
    half-up, no grouping, every decimal `d` has (it is already rounded where the pattern has a
    fixed number of decimals, so that -0.001 can lose its sign)."""
    parse, locale = _babel()
    with localcontext(HALF_UP):
        return parse(pattern).apply(d, locale, group_separator=False, decimal_quantization=False)


def _pattern(digits: int | None, keep_zeros: bool) -> str:
    """0 / 0.## (at most two decimals) / 0.00 (exactly two); None: every decimal the value has."""
    if digits is None:
        return "0.#"  # with decimal_quantization off: all significant decimals
    return "0" + ("." + ("0" if keep_zeros else "#") * digits if digits else "")


def _digits_of(d: Decimal, digits: int | None, keep_zeros: bool) -> str:
    if digits is not None:
        d = round_half_up(d, digits)
    if d.is_zero():
        d = d.copy_abs()  # never "-0"
    return _format(d, _pattern(digits, keep_zeros))


def number(value: Number, digits: int | None = None, *, keep_zeros: bool = False) -> str:
    """A plain number: no separators; ``digits`` rounds half-up, trailing zeros dropped.

    With ``digits=None`` the value is shown as it is, minus insignificant trailing zeros.
    ``keep_zeros=True`` keeps the zeros of a stated ``digits``.

    >>> number(15699), number(Decimal("2.840")), number(2.8449, 2), number(2.8, 2)
    ('15699', '2.84', '2.84', '2.8')
    >>> number(Decimal("0.125"), 2), number(2.675, 2), number(2.8, 2, keep_zeros=True)
    ('0.13', '2.68', '2.80')
    """
    return _digits_of(to_decimal(value), digits, keep_zeros)


def percent(value: Number, digits: int | None = None) -> str:
    """A value already in percent units, with the stated ``digits`` (zeros kept, half-up).

    A value that is exactly 0 or 100 prints whole; a value below 100 never rounds up to 100
    (it is cut instead). ``digits=None`` shows the value as it is, trailing zeros dropped.

    >>> percent(30.43), percent(Decimal("30.40"), 2), percent(Decimal("30.425"), 2)
    ('30.43%', '30.40%', '30.43%')
    >>> percent(100, 2), percent(Decimal("99.996"), 2), percent(Decimal("151.8"))
    ('100%', '99.99%', '151.8%')
    """
    d = to_decimal(value)
    if digits is None:
        return _format((d.copy_abs() if d.is_zero() else d).scaleb(-2), "0.#%")
    q = round_rate(d, digits)
    if d == q and d in (0, 100):
        return _format(d.copy_abs().scaleb(-2), "0%")
    return _format((q.copy_abs() if q.is_zero() else q).scaleb(-2), _pattern(digits, True) + "%")


def ratio_percent(numerator: Number, denominator: Number, digits: int = 2) -> str:
    """``numerator / denominator`` as a percentage, phrased by :func:`percent`.

    >>> ratio_percent(7, 23), ratio_percent(1091, 1093), ratio_percent(11, 152, 1)
    ('30.43%', '99.82%', '7.2%')
    """
    try:
        exact = ratio(to_decimal(numerator), to_decimal(denominator))
    except ZeroDivisionError:
        raise ValueError("分母为0,无法计算百分比") from None
    return percent(exact, digits)


def multiple(a: Number, b: Number, digits: int = 1) -> str:
    """``a / b`` as a multiple (是…的N倍), at most ``digits`` decimals, half-up.

    >>> multiple(2291, 1000), multiple(2000, 1000), multiple(2291, 1000, 2)
    ('2.3倍', '2倍', '2.29倍')
    """
    den = to_decimal(b)
    if den == 0:
        raise ValueError("除数为0,无法计算倍数")
    times = HALF_UP.divide(to_decimal(a), den)
    if times < 0:
        raise ValueError(f"倍数不能为负:{a} / {b}")
    return number(times, digits) + "倍"


# ------------------------------------------------------------------------------ dates

_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)


class NoSuchDay(ValueError):
    """A date written in a known form that names no day of the calendar (2025-02-30)."""


def parse_date(d: date | datetime | str) -> date:
    """The day `d` names: a date or datetime, or a string ``2025-01-16``, ``2025/1/16``,
    ``2025.1.16``, ``2025年1月16日`` or ``20250116``; anything else raises ValueError with a
    Chinese message (NoSuchDay for a day the calendar lacks: 2025-02-30). Reading needs no locale, so babel is not imported (``drafter check``
    reads every date a workbook holds and never formats one).

    >>> parse_date("2025/1/16"), parse_date("2025年1月16日")
    (datetime.date(2025, 1, 16), datetime.date(2025, 1, 16))
    """
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, str):
        text = d.strip()
        match = next((m for form in _DATE_FORMS if (m := form.fullmatch(text))), None)
        if match is None:
            raise ValueError(f"无法识别的日期“{d}”,请写成 2025-01-16 或 2025年1月16日")
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise NoSuchDay(f"日期“{text}”不存在") from None
    if not isinstance(d, date):
        raise TypeError(f"应为日期或日期字符串,而不是 {type(d).__name__}")
    return d


def cn_date(d: date | datetime | str) -> str:
    """A date as 公文 writes it (babel's long zh_CN date): ``2025年1月16日``, full year, no
    leading zeros. `d` is read by `parse_date` (which raises for what it cannot read).

    >>> cn_date(date(2025, 1, 16)), cn_date("2025/1/16"), cn_date("20250116")
    ('2025年1月16日', '2025年1月16日', '2025年1月16日')
    """
    day = parse_date(d)
    from babel.dates import format_date

    return format_date(day, "long", locale=LOCALE)
