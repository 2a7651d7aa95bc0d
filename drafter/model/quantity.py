"""What a figure's number means, defined once: a number as written (`Written`) and the one
pattern that finds it in text, qualifiers and the words written for them, 万/亿 scales, stated
decimals, half-up rounding, rate arithmetic, the figure as typed, and the text of a missing
figure.

Every reader of numbers uses these: a 指标 cell (workbook/cells.py), narrative text
(checks/typed_numbers.py), a polished document (publish/numbers.py) and an imported report
(importing/figures.py); the checks compute and compare with them, templating and phrasing
print with them. Pure, standard library only (no babel: `drafter check` must stay light), so
every stage can import it. tests/test_home_quantity.py refuses a qualifier list, a synonym
map or a number pattern written anywhere else.

>>> str(round_half_up(Decimal("0.125"), 2)), str(round_half_up(Decimal("-2.5"), 0))
('0.13', '-3')
>>> str(rate(7, 23, 2)), str(rate(99996, 100000, 2)), rate(1, 0, 2)
('30.43', '99.99', None)
>>> as_typed(Decimal(130), "余"), as_typed(Decimal(300), "约"), as_typed(Decimal(14200), "", "万", 2)
('130余', '约300', '1.42万')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

# One qualifier per figure (GONGWEN.md): 130余场次, 70多次, 超5万人次, 约300人, 近1000人.
QUALIFIERS = ("余", "多", "超", "约", "近")
AFTER_NUMBER = ("余", "多")  # written after the number (and its scale), before the unit
BEFORE_NUMBER = ("超", "约", "近")  # written before the number
AT_LEAST = ("余", "多", "超")  # the real value is at or above the number written
BOUNDS = ("超", "近")  # strictly above or below: not said of the number itself (超5万 of 50000)

SCALES = {"万": Decimal(10**4), "亿": Decimal(10**8)}  # 1.42万 = 14,200

# The words written for each qualifier: 逾 and 超过 are 超, 大约 is 约; after the number 以上 is
# 余 and 多个 is 多. Prose is read with the one-character words after a number (余, 多): 以上
# there is a bound (93.4%以上, 省级以上) that a reader keeps as text; a cell takes them all.
WORDS_BEFORE = {"约": "约", "大约": "约", "超": "超", "超过": "超", "逾": "超", "近": "近"}
WORDS_AFTER = {"余": "余", "多": "多", "以上": "余", "多个": "多"}
PERCENT_SIGNS = ("%", "％", "‰")


def _either(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (超过 before 超)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A number in a cell once its words are taken off: 236, -5, .5, 1,234 (grouped), 30.43.
CELL_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
CELL_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"  # 892, 1,234, 30.43
_PRE = rf"(?P<pre>{_either(WORDS_BEFORE)})?(?P<num>{_DIGITS})(?P<scale>[万亿])?"
# A number in prose: 超5万, 130余, 30.43%, 1,234 (the words around it decide whether it is a
# figure; each reader knows its own text).
IN_PROSE = re.compile(
    rf"{_PRE}(?P<post>{_either(AFTER_NUMBER)})?(?P<pct>{_either(PERCENT_SIGNS)})?")
# A table cell of a report that holds a number: 约300, 1.42万, 99.5%, 236件.
_TABLE_CELL = re.compile(rf"^[{''.join(BEFORE_NUMBER)}]?[\d.,]+(万|亿)?"
                         rf"[{''.join(AFTER_NUMBER)}]?[%‰]?[^\d]{{0,3}}$")


@functools.lru_cache(maxsize=8)
def with_units(units: tuple[str, ...]) -> re.Pattern[str]:
    """IN_PROSE for a report being imported, where the unit is part of the figure: the scale
    may also follow the qualifier (3000余万元), the unit comes next, then 以上 (kept as text)."""
    return re.compile(rf"{_PRE}(?P<post>{_either(AFTER_NUMBER)})?(?P<scale2>[万亿])?"
                      rf"(?P<unit>{_either(units)})?(?P<tail>以上)?")


def table_number(text: str) -> bool:
    """A table cell that states a number (its column is set right-aligned): 约300, 99.5%."""
    return bool(_TABLE_CELL.match(text))


@dataclass(frozen=True)
class Written:
    """A number as written: 超5万人次, 130余, 1.42万, 30.43%, 约130余.

    `number` keeps its digits as written (1.40万 → 1.40, the decimals stated); `pre` and
    `post` are the qualifier words as written (超过, 以上), `qualifiers` what they mean.
    Readers that need more (a cell's messages, the clause before a typed number, an imported
    figure's name) hold or extend this type; none restates its fields.
    """

    number: Decimal
    scale: str = ""  # 万 亿 or ""
    pre: str = ""  # a word of WORDS_BEFORE, as written
    post: str = ""  # a word of WORDS_AFTER, as written
    percent: bool = False
    unit: str = ""  # the unit written with it, where the reader takes one
    text: str = ""  # as written, in the text it was read from
    start: int = 0  # its span in that text
    end: int = 0

    @property
    def value(self) -> Decimal:
        """The number times its 万/亿: 1.42万 → 14200."""
        return self.number * SCALES[self.scale] if self.scale else self.number

    @property
    def digits(self) -> int:
        """Decimals as written: 1.42万 → 2, 30.4% → 1."""
        return decimals(self.number)

    @property
    def qualifiers(self) -> tuple[str, ...]:
        """Every qualifier written, in order and by meaning: 约, 余 for 约130余; 超 for 逾5万."""
        said = (WORDS_BEFORE.get(self.pre, ""), WORDS_AFTER.get(self.post, ""))
        return tuple(q for q in said if q)

    @property
    def qualifier(self) -> str:
        """The one qualifier the number keeps (GONGWEN.md): the one written after it when two
        are (约130余 is kept as 130余, see `stacked`), else the one there is."""
        return WORDS_AFTER.get(self.post, "") or WORDS_BEFORE.get(self.pre, "")


def read(m: re.Match[str], unit: str = "") -> Written:
    """The number IN_PROSE (or with_units) matched; `unit` when the reader found one after it."""
    groups = m.groupdict()
    return Written(number=Decimal(m["num"].replace(",", "")),
                   scale=m["scale"] or groups.get("scale2") or "",
                   pre=m["pre"] or "", post=m["post"] or "", percent=bool(groups.get("pct")),
                   unit=unit or groups.get("unit") or "", text=m.group(0), start=m.start(),
                   end=m.end())


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


def rate_with_qualifier(percent_text: str, qualifier: str) -> str:
    """A rate's qualifier: 超90%, 约30% before it; 余 and 多 read 以上 after it (93.4%以上)."""
    if not qualifier:
        return percent_text
    return qualifier + percent_text if qualifier in BEFORE_NUMBER else percent_text + "以上"


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


# missing_text's words wherever they stand (a cell may hold them too); group 1 the name
MISSING = re.compile(re.escape(missing_text("\x00")).replace("\x00", "(.+?)"))


def gaps(text: str) -> list[tuple[str, bool]]:
    """`text` in pieces, in order, each 【待补充：…】 a piece of its own (True): what the
    writer prints in the 待补充 style. Empty pieces are left out."""
    if "【" not in text:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in MISSING.finditer(text):
        out += [(text[pos:m.start()], False), (m.group(), True)]
        pos = m.end()
    out.append((text[pos:], False))
    return [(piece, gap) for piece, gap in out if piece]
