"""Chinese number and date phrasing for report prose: 万/亿, 余/超/约, percent, 同比, 一二三, dates.

Pure functions, no I/O. Numeric inputs are ``Decimal | int | float``; a float is read through
``Decimal(str(x))`` so that ``2.675`` means the decimal 2.675 its writer typed, not the binary
double just below it. ``bool`` is refused.

Rules every function here follows (GONGWEN.md, "Numbers in the text"):

- Rounding is 四舍五入: ``ROUND_HALF_UP``, half away from zero (``0.125`` → ``0.13``,
  ``-2.5`` → ``-3``), never the banker's rounding Python and babel use by default.
- No thousands separators in prose: ``15699``, not ``15,699``.
- A scaled or derived display (``number``, ``wan``, ``yi``, ``quantity``, ``multiple``) shows
  *at most* ``digits`` decimals and drops trailing zeros: ``wan(50000)`` → ``5万``, never
  ``5.00万``. A percentage with a stated ``digits`` keeps its zeros (``30.40%``), since an
  office's stated precision for rates is part of the figure; but a value that *is* 0 or 100
  prints whole (``100%``, as every source report writes it), and a rate short of 100 is never
  rounded up to ``100%`` (99.996 at two decimals → ``99.99%``).
- Approximations carry exactly one qualifier (余 多 超 约 近); stacking (``近3万余份``, a mistake
  seen in a real report) is refused with ``ValueError``.

Why not babel: ``babel.numbers.format_decimal(value, format="0.##", locale="zh_CN")`` rounds
with the thread's decimal context, which is half-even by default (``0.125`` → ``0.12``,
checked with babel 2.18); correct output would depend on every caller wrapping it in a
``localcontext``. For zh_CN it would contribute only ASCII digits and ``.`` — which
``Decimal.quantize`` plus ``format(d, "f")`` give directly — and it has no Chinese numerals
(一百零五) or 万/亿 phrasing. So this module does not use it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal

Number = Decimal | int | float

QUALIFIERS = ("余", "多", "超", "约", "近")  # same set as drafter.model.figures.QUALIFIERS
AFTER_NUMBER = ("余", "多")  # 130余场次, 70多次, 1.2万余人
BEFORE_NUMBER = ("超", "约", "近")  # 超5万人次, 约300人, 近1000人
SCALES = {"": 1, "万": 10**4, "亿": 10**8}
CHINESE_MAX = 10**12 - 1  # 九千九百九十九亿…: the 万亿 order is not supported

_CTX = Context(prec=60, rounding=ROUND_HALF_UP)
_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("千", "百", "十", "")
_BIG_UNITS = ("亿", "万", "")


def _dec(value: Number) -> Decimal:
    """The value as a finite Decimal (a float through its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"数值应为 Decimal、int 或 float,而不是 {type(value).__name__}")
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise ValueError(f"数值不是有限数:{value!r}")
    return d


def _round(d: Decimal, digits: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    if digits < 0:
        raise ValueError(f"小数位数不能为负:{digits}")
    return d.quantize(Decimal(1).scaleb(-digits), rounding=rounding, context=_CTX)


def _plain(d: Decimal, *, strip: bool = True) -> str:
    """Positional notation, no separators, no ``-0``; trailing zeros dropped if ``strip``."""
    if d.is_zero():
        d = d.copy_abs()
    text = format(d, "f")
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _check_words(qualifier: str, unit: str, scale: str) -> None:
    if qualifier and qualifier not in QUALIFIERS:
        raise ValueError(f"限定词只能是 {'、'.join(QUALIFIERS)} 中的一个,不能是“{qualifier}”")
    if unit[:1] in QUALIFIERS:
        raise ValueError(f"单位“{unit}”以限定词开头:限定词只用一个,请用 qualifier 参数")
    if scale not in SCALES:
        raise ValueError(f"数量级只能是“万”或“亿”,不能是“{scale}”")


def _compose(number_text: str, scale: str, qualifier: str, unit: str) -> str:
    if qualifier in AFTER_NUMBER:
        return f"{number_text}{scale}{qualifier}{unit}"
    return f"{qualifier}{number_text}{scale}{unit}"


def number(value: Number, digits: int | None = None, *, keep_zeros: bool = False) -> str:
    """A plain number: no separators; ``digits`` rounds half-up, trailing zeros dropped.

    With ``digits=None`` the value is shown as it is, minus insignificant trailing zeros.
    ``keep_zeros=True`` keeps the zeros of a stated ``digits``.

    >>> number(15699), number(Decimal("2.840")), number(2.8449, 2), number(2.8, 2)
    ('15699', '2.84', '2.84', '2.8')
    >>> number(Decimal("0.125"), 2), number(2.8, 2, keep_zeros=True)
    ('0.13', '2.80')
    """
    d = _dec(value)
    if digits is None:
        return _plain(d)
    return _plain(_round(d, digits), strip=not keep_zeros)


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
    d = _dec(value)
    if scale:
        d = _CTX.divide(d, Decimal(SCALES[scale]))
        digits = 2 if digits is None else digits
    return _compose(number(d, digits), scale, qualifier, unit)


def wan(value: Number, digits: int = 2, unit: str = "") -> str:
    """The value in 万, at most ``digits`` decimals (half-up), no trailing zeros.

    >>> wan(14200), wan(14200, unit="件"), wan(50000), wan(12250), wan(47000, 1, "件")
    ('1.42万', '1.42万件', '5万', '1.23万', '4.7万件')
    """
    return quantity(value, unit, scale="万", digits=digits)


def yi(value: Number, digits: int = 2, unit: str = "") -> str:
    """The value in 亿, at most ``digits`` decimals (half-up), no trailing zeros.

    >>> yi(345_000_000, unit="元"), yi(284_000_000, unit="元"), yi(900_000_000)
    ('3.45亿元', '2.84亿元', '9亿')
    """
    return quantity(value, unit, scale="亿", digits=digits)


def _default_step(d: Decimal) -> int:
    """Keep two significant figures: 1345 → 100, 56789 → 1000, 130 → 10, 9 → 1."""
    whole = int(d)
    return 1 if whole < 10 else 10 ** (len(str(whole)) - 2)


_APPROX_ROUNDING = {
    "余": ROUND_FLOOR,  # 余/多/超: the real value is at or above what is written
    "多": ROUND_FLOOR,
    "超": ROUND_FLOOR,
    "约": ROUND_HALF_UP,  # 约 may be either side: nearest
    "近": ROUND_CEILING,  # 近: the real value is just below what is written
}


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
    d = _dec(value)
    if d < 0:
        raise ValueError(f"近似数不能为负:{value}")
    step = _default_step(d) if step is None else step
    if isinstance(step, bool) or not isinstance(step, int) or step <= 0:
        raise ValueError(f"取整步长应为正整数:{step!r}")
    size = Decimal(step)
    rounded = _CTX.divide(d, size).quantize(Decimal(1), rounding=_APPROX_ROUNDING[qualifier]) * size
    if rounded == 0:
        raise ValueError(f"{value} 按步长 {step} 取整后为0,无法写成近似数")
    if qualifier in ("超", "近") and rounded == d:
        qualifier = ""
    shown = _CTX.divide(rounded, Decimal(SCALES[scale]))
    return _compose(_plain(shown), scale, qualifier, unit)


def percent(value: Number, digits: int | None = None) -> str:
    """A value already in percent units, with the stated ``digits`` (zeros kept, half-up).

    A value that is exactly 0 or 100 prints whole; a value below 100 never rounds up to 100
    (it is cut instead). ``digits=None`` shows the value as it is, trailing zeros dropped.

    >>> percent(30.43), percent(Decimal("30.40"), 2), percent(Decimal("30.425"), 2)
    ('30.43%', '30.40%', '30.43%')
    >>> percent(100, 2), percent(Decimal("99.996"), 2), percent(Decimal("151.8"))
    ('100%', '99.99%', '151.8%')
    """
    d = _dec(value)
    if digits is None:
        return _plain(d) + "%"
    q = _round(d, digits)
    if q == 100 and d < 100:
        q = _round(d, digits, ROUND_DOWN)
    if d == q and d in (0, 100):
        return f"{int(d)}%"
    return _plain(q, strip=False) + "%"


def ratio_percent(numerator: Number, denominator: Number, digits: int = 2) -> str:
    """``numerator / denominator`` as a percentage, phrased by :func:`percent`.

    >>> ratio_percent(7, 23), ratio_percent(1091, 1093), ratio_percent(11, 152, 1)
    ('30.43%', '99.82%', '7.2%')
    """
    den = _dec(denominator)
    if den == 0:
        raise ValueError("分母为0,无法计算百分比")
    return percent(_CTX.divide(_CTX.multiply(_dec(numerator), Decimal(100)), den), digits)


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
    cur, prev = _dec(current), _dec(previous)
    if rate:
        change = _CTX.subtract(cur, prev)
        magnitude = _round(abs(change), digits)
        text = _plain(magnitude, strip=False) + "个百分点"
        up = "提高"
    else:
        if prev <= 0:
            return ""
        change = _CTX.divide(_CTX.multiply(_CTX.subtract(cur, prev), Decimal(100)), prev)
        magnitude = _round(abs(change), digits)
        text = percent(abs(change), digits)
        up = "增长"
    if magnitude == 0:
        return flat
    return f"{prefix}{up if change > 0 else '下降'}{text}"


def multiple(a: Number, b: Number, digits: int = 1) -> str:
    """``a / b`` as a multiple (是…的N倍), at most ``digits`` decimals, half-up.

    >>> multiple(2291, 1000), multiple(2000, 1000), multiple(2291, 1000, 2)
    ('2.3倍', '2倍', '2.29倍')
    """
    den = _dec(b)
    if den == 0:
        raise ValueError("除数为0,无法计算倍数")
    ratio = _CTX.divide(_dec(a), den)
    if ratio < 0:
        raise ValueError(f"倍数不能为负:{a} / {b}")
    return _plain(_round(ratio, digits)) + "倍"


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, with 零 for inner gaps: 1005 → 一千零五."""
    out: list[str] = []
    gap = False
    for digit, unit in zip(f"{n:04d}", _SMALL_UNITS, strict=True):
        if digit == "0":
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(_DIGITS[int(digit)] + unit)
    return "".join(out)


def chinese(n: int) -> str:
    """A non-negative integer in Chinese numerals (小写, 二 not 两), up to 九千九百…亿.

    >>> [chinese(x) for x in (0, 10, 12, 20, 105, 110, 1000, 10001, 100000, 99999999)]
    ['零', '十', '十二', '二十', '一百零五', '一百一十', '一千', '一万零一', '十万', '九千九百九十九万九千九百九十九']
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"应为整数,而不是 {type(n).__name__}")
    if n < 0 or n > CHINESE_MAX:
        raise ValueError(f"只能写出 0 到 {CHINESE_MAX} 的中文数字:{n}")
    if n == 0:
        return _DIGITS[0]
    groups = (n // 10**8, n // 10**4 % 10**4, n % 10**4)
    out: list[str] = []
    gap = False
    for group, unit in zip(groups, _BIG_UNITS, strict=True):
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out.append("零")
        out.append(_section(group) + unit)
        gap = False
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def ordinal_point(n: int) -> str:
    """The lead of the n-th enumerated point in a paragraph: 一是, 二是, … 十一是.

    >>> ordinal_point(1), ordinal_point(10), ordinal_point(11)
    ('一是', '十是', '十一是')
    """
    if n < 1:
        raise ValueError(f"序号应从1开始:{n}")
    return chinese(n) + "是"


DEFAULT_HEADING_FORMATS = ("一、", "（一）", "1.", "（1）")
_NUMERAL_SLOT = re.compile("[一1]")


def heading_number(level: int, n: int, formats: tuple[str, ...] = DEFAULT_HEADING_FORMATS) -> str:
    """The number of the n-th heading at ``level`` (1-based), from that level's format.

    In a format the first ``一`` stands for a Chinese numeral and the first ``1`` for an Arabic
    one; everything else is kept. An empty format gives ``""`` (an unnumbered level).

    >>> heading_number(1, 2), heading_number(2, 1), heading_number(3, 12), heading_number(4, 3)
    ('二、', '（一）', '12.', '（3）')
    >>> heading_number(1, 3, ("第一章",)), heading_number(2, 1, ("一、", ""))
    ('第三章', '')
    """
    if not 1 <= level <= len(formats):
        raise ValueError(f"标题层级 {level} 超出格式范围(1~{len(formats)})")
    if n < 1:
        raise ValueError(f"标题序号应从1开始:{n}")
    fmt = formats[level - 1]
    if not fmt:
        return ""
    match = _NUMERAL_SLOT.search(fmt)
    if match is None:
        raise ValueError(f"标题格式“{fmt}”中没有数字位置(用“一”或“1”表示)")
    numeral = chinese(n) if match.group() == "一" else str(n)
    return fmt[: match.start()] + numeral + fmt[match.end() :]


_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)


def cn_date(d: date | datetime | str) -> str:
    """A date as 公文 writes it: ``2025年1月16日``, full year, no leading zeros.

    Accepts a date or datetime, or a string ``2025-01-16``, ``2025/1/16``, ``2025.1.16``,
    ``2025年1月16日`` or ``20250116``; anything else raises ValueError with a Chinese message.

    >>> cn_date(date(2025, 1, 16)), cn_date("2025/1/16"), cn_date("20250116")
    ('2025年1月16日', '2025年1月16日', '2025年1月16日')
    """
    if isinstance(d, datetime):
        d = d.date()
    if isinstance(d, str):
        text = d.strip()
        match = next((m for form in _DATE_FORMS if (m := form.fullmatch(text))), None)
        if match is None:
            raise ValueError(f"无法识别的日期“{d}”,请写成 2025-01-16 或 2025年1月16日")
        try:
            d = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise ValueError(f"日期“{text}”不存在") from None
    if not isinstance(d, date):
        raise TypeError(f"应为日期或日期字符串,而不是 {type(d).__name__}")
    return f"{d.year}年{d.month}月{d.day}日"


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
    if _dec(a) > _dec(b):
        raise ValueError(f"范围的下限 {a} 大于上限 {b}")
    return f"{number(a, digits)}{unit}{sep}{number(b, digits)}{unit}"
