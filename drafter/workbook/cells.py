"""What people actually type into a number cell, parsed.

Pure functions: no openpyxl, no cell addresses. The reader attaches the cell to the note or
error returned here. Handles `236`, `236件`, `２３６`, `1,234`, `130余`, `约130`, `1.42万`,
`30.43%`, `0.3043` in a rate cell, blank (missing) versus `0` (a real zero).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from drafter.model.quantity import (
    AFTER_NUMBER,
    AT_LEAST,
    CELL_GROUPED,
    CELL_NUMBER,
    SCALES,
    WORDS_AFTER,
    WORDS_BEFORE,
    Written,
    decimals,
    plain,
    plain_text,
    stacked,
    with_qualifier,
)

# Units that name the same count: 1543人 in a row of 名 is 1543名. 人次 is not 人 (visits,
# not people), nor 次 人次: only these are read as the row's unit.
SAME_UNITS = (frozenset({"人", "名"}), frozenset({"件", "宗"}), frozenset({"场次", "场", "次"}))
_SUFFIX = re.compile(r"^(.*?[\d.])([\u4e00-\u9fff]{1,4})$")  # 1543人次: a number, a unit

# Excel keeps 15 significant digits; a figure of 10^15 or more is a typing slip, and Decimal
# arithmetic (28 digits) cannot keep it plain.
LIMIT = Decimal(10) ** 15
TOO_LARGE = "数值过大,不是合理的数字"
# Whole numbers read, remembered (a Parsed is frozen: one for every cell holding 12): the
# figures of a workbook and of a batch repeat; bounded whatever the input.
_WHOLE_KEPT = 20_000



@dataclass(frozen=True)
class Parsed:
    """A cell read: its value in the row's unit, and the number as written (quantity.Written:
    qualifier, 万/亿) when text was typed. A view, not a Written, because a cell says more than
    a number: Excel's stored value (0.3043 in a cell formatted 0.00% is 30.43, with the
    format's decimals), blank versus 0, and what the clerk must be told (notes, error)."""

    value: Decimal | None = None
    digits: int | None = None  # decimals stated (typed or by the number format); None: a count
    written: Written | None = None  # the text typed, read (None for a number or a blank)
    notes: tuple[str, ...] = ()  # normalizations worth telling the user
    error: str = ""  # why the text cannot be a number ("" when it can)
    stacked: bool = False  # the error is 近…余: qualifiers of opposite meaning
    other_unit: str = ""  # the error is a unit that is not the row's (1543人次 in 件)
    warning: str = ""  # read, but the clerk should know: 约130余 read as 130余

    @property
    def missing(self) -> bool:
        return self.value is None and not self.error

    @property
    def qualifier(self) -> str:
        return self.written.qualifier if self.written else ""

    @property
    def scale(self) -> str:
        return self.written.scale if self.written else ""


_WHOLE: dict[int, Parsed] = {}


def parse(raw: object, kind: str = "count", unit: str = "", number_format: str = "") -> Parsed:
    """Parse one cell's value for an indicator of `kind` ("count", "amount", "rate", "number")."""
    if raw is None:
        return Parsed()
    if type(raw) is int and kind != "rate" and abs(raw) < LIMIT:  # the common case, already plain
        found = _WHOLE.get(raw)
        if found is None:
            found = Parsed(value=Decimal(raw))
            if len(_WHOLE) < _WHOLE_KEPT:
                _WHOLE[raw] = found
        return found
    if isinstance(raw, bool):
        return Parsed(error="是逻辑值(TRUE/FALSE),不是数字")
    if isinstance(raw, datetime | date | time):
        return Parsed(error="是日期或时间,不是数字;请把单元格格式改为“常规”后重新填写")
    if isinstance(raw, int):
        return _from_number(Decimal(raw), kind, number_format)
    if isinstance(raw, float):  # 15 significant digits, as Excel shows them
        return _from_number(Decimal(format(raw, ".15g")), kind, number_format)
    if isinstance(raw, Decimal):
        return _from_number(raw, kind, number_format)
    return _from_text(str(raw), kind, unit)


def _from_number(value: Decimal, kind: str, number_format: str) -> Parsed:
    if not value.is_finite() or abs(value) >= LIMIT:
        return Parsed(error=f"“{value}”{TOO_LARGE}")
    if kind != "rate":
        return Parsed(value=plain(value))
    if "%" in number_format:  # Excel stores 30.43% as 0.3043 with a percent format
        digits = _format_digits(number_format)
        return Parsed(value=plain(value * 100), digits=digits)
    return _rate_number(value, typed=str(value))


def _rate_number(value: Decimal, typed: str) -> Parsed:
    if 0 < abs(value) <= 1:
        pct = plain(value * 100)
        digits = max(decimals(value) - 2, 0)
        note = f"比率填作小数“{typed}”,按 {plain_text(pct)}% 理解"
        return Parsed(value=pct, digits=digits, notes=(note,))
    return Parsed(value=plain(value), digits=decimals(value))


def _from_text(text: str, kind: str, unit: str) -> Parsed:
    notes: list[str] = []
    original = text
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"\s+", "", s)
    if s == "":
        return Parsed()
    if s != original.strip():
        notes.append(f"“{original.strip()}”按“{s}”读取(全角或空格已转换)")
    if kind == "text":
        return Parsed(notes=tuple(notes))

    pre = next((w for w in sorted(WORDS_BEFORE, key=len, reverse=True) if s.startswith(w)), "")
    s = s[len(pre) :]
    if unit and unit != "%":
        s = _strip_unit(s, unit, notes)
    posts: list[str] = []
    s = _strip_after(s, posts)  # 93.4%以上: the qualifier may follow the % sign
    percent = s.endswith("%")
    if percent:
        s = _strip_after(s[:-1], posts)
    qualifiers = [WORDS_BEFORE[w] for w in (pre,) if w] + [WORDS_AFTER[w] for w in posts]
    scale = ""
    if s and s[-1] in SCALES:
        scale, s = s[-1], s[:-1]
    if CELL_GROUPED.match(s):
        s = s.replace(",", "")
        notes.append("已去掉千分位逗号")
    if not CELL_NUMBER.match(s):
        other = _SUFFIX.match(s)
        if other and kind != "rate" and CELL_NUMBER.match(other.group(1).replace(",", "")):
            said = f"“{original.strip()}”的单位“{other.group(2)}”"
            said += f"与本行的单位“{unit}”不同" if unit else "无法识别(本行没有单位)"
            return Parsed(error=f"{said},读到的数是 {other.group(1)};请只填按"
                                f"“{unit or '本行单位'}”计的数字", notes=tuple(notes),
                          other_unit=other.group(2))
        return Parsed(error=f"“{original.strip()}”不是数字", notes=tuple(notes))
    try:
        number = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        return Parsed(error=f"“{original.strip()}”不是数字", notes=tuple(notes))
    if abs(number) >= LIMIT:
        return Parsed(error=f"“{original.strip()}”{TOO_LARGE}", notes=tuple(notes))

    warning = ""
    written = Written(number, scale, pre, posts[-1] if posts else "", percent,
                      text=original.strip())
    qualifier = written.qualifier  # of two, the one after the number (130余 of 约130余)
    if stacked(qualifiers) == "opposite":
        other = next(q for q in qualifiers if q in AT_LEAST)
        return Parsed(error=f"“{original.strip()}”同时用了“近”(不到)和“{other}”(超过),意思相反,"
                            f"请只保留一个:写成“近{plain_text(number)}{scale}”或“{plain_text(number)}{scale}余”",
                      notes=tuple(notes), stacked=True)
    if qualifiers:
        shown = with_qualifier(f"{plain_text(number)}{scale}", qualifier)
        if stacked(qualifiers):
            warning = (f"“{original.strip()}”叠用了修饰词“{'”“'.join(qualifiers)}”,一个数只用一个;"
                       f"按“{shown}”读取,报告中写作“{shown}{unit}”")
        else:  # the word as typed; a count's 以上 prints as 余 (130以上 → 130余件): said
            word = posts[-1] if posts else pre
            note = f"读作 {plain_text(number)}{scale}{'%' * percent},修饰词“{word}”"
            if kind != "rate" and word != qualifier:
                shown = with_qualifier(f"{plain_text(number)}{scale}", qualifier, unit)
                note += f",报告中写作“{shown}”"
            notes.append(note)
    digits = decimals(number) if (scale or percent or kind in ("rate", "number")) else None

    if kind == "rate":
        if scale:
            return Parsed(error=f"“{original.strip()}”是比率,不能带“{scale}”", notes=tuple(notes))
        if percent:
            return Parsed(
                value=plain(number), digits=digits, written=written, notes=tuple(notes),
                warning=warning,
            )
        parsed = _rate_number(number, typed=s)
        return Parsed(
            value=parsed.value,
            digits=parsed.digits,
            written=written,
            notes=tuple(notes) + parsed.notes,
            warning=warning,
        )
    if percent:
        return Parsed(error=f"“{original.strip()}”带百分号,但该指标不是比率", notes=tuple(notes))
    value = number * SCALES[scale] if scale else number
    if abs(value) >= LIMIT:
        return Parsed(error=f"“{original.strip()}”{TOO_LARGE}", notes=tuple(notes))
    if scale:
        notes.append(
            f"“{plain_text(number)}{scale}”按 {plain_text(plain(value))} 读取,报告中仍写作“{plain_text(number)}{scale}”"
        )
    return Parsed(value=plain(value), digits=digits, written=written, notes=tuple(notes),
                  warning=warning)


def _strip_unit(s: str, unit: str, notes: list[str]) -> str:
    """`s` without the row's unit, or a unit that names the same count (SAME_UNITS); the
    longest that ends `s` and is not the tail of another unit (次 of 1000人次)."""
    same = next((g for g in SAME_UNITS if unit in g), frozenset())
    for candidate in sorted(same | {unit}, key=len, reverse=True):
        if not s.endswith(candidate) or _part_of_longer_unit(s, candidate):
            continue
        if candidate == unit:
            notes.append(f"已去掉单位“{unit}”")
        else:
            notes.append(f"单位写作“{candidate}”,与本行的单位“{unit}”同义,按“{unit}”读取")
        return s[: -len(candidate)]
    return s


def _part_of_longer_unit(s: str, unit: str) -> bool:
    """What comes before `unit` is a word, not the number: 人 of 1000人次 before 次."""
    before = s[: -len(unit)][-1:]
    return bool(before) and not before.isdigit() and before not in (*AFTER_NUMBER, *SCALES, ".", "%")


def _strip_after(s: str, posts: list[str]) -> str:
    """`s` without a word of WORDS_AFTER at its end (the word is added to `posts`)."""
    for word in sorted(WORDS_AFTER, key=len, reverse=True):
        if s.endswith(word):
            posts.append(word)
            return s[: -len(word)]
    return s


def _format_digits(number_format: str) -> int:
    m = re.search(r"0\.(0+)%", number_format)
    return len(m.group(1)) if m else 0

