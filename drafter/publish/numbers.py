"""Numbers in report prose: found, read as values, and matched against workbook figures.

A number is Arabic digits with what reports put around them: 1.42万件, 3.45亿元, 130余场次,
超5万人次, 约300人, 70多次, 30.43%, 1,234. Not numbers in this sense (left out): years
(2024年, 2021—2023年), dates (1月16日, 2025.1.16), document numbers (〔2019〕28号), hotline and
other names (12348热线, 5G), ordinals (第3次) and heading numbers (1. （1）). Chinese numerals
(三四个月, 两场次) are not read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.model.figures import Figure
from drafter.model.quantity import AT_LEAST, IN_PROSE, SCALES, Written, read

_HOTLINES = {"110", "119", "120", "122", "12309", "12315", "12345", "12348", "12368", "12380"}
_NAME_AFTER = ("热线", "专线", "服务热线", "号线", "G", "+")


def find(text: str) -> list[Written]:
    """The numbers of `text` that state a quantity (see the module's doc for what is not)."""
    return [read(m) for m in IN_PROSE.finditer(text) if not _not_a_quantity(text, m)]


def _not_a_quantity(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    s, e = m.start("num"), m.end("num")
    before, after = text[max(0, s - 1):s], text[e:e + 4]
    raw_after = text[m.end():m.end() + 4]
    if before and (before.isascii() and (before.isalnum() or before in "./-:")):
        return True  # part of a code or a longer token: A12, 2025.1.16, 10:30
    if after[:1] and after[:1].isascii() and (after[:1].isalpha() or after[:1] in "/:-"):
        return not m.group("scale") and not m.group("pct")  # 5G, 1/2, 10:30
    if after.startswith(".") and len(after) > 1 and after[1].isdigit():
        return True  # 2025.1.16
    if before in ("第", "〔", "[", "【") or text[max(0, s - 2):s] in ("编号", "序号"):
        return True  # ordinals and document years
    if after[:1] in ("年", "月", "日", "时", "号", "〕", "]", "届", "点", "分", "秒"):
        return not m.group("scale") and not m.group("post") and not m.group("pct")
    if re.match(r"[—–~～至-]\d{4}年", after[:6] + text[e + 4:e + 6]) and len(num) == 4:
        return True  # 2021—2023年
    if before in ("（", "(") and after[:1] in ("）", ")"):
        return True  # （1）
    if s == 0 and after[:1] in ("、", ".", "．") and not m.group("scale"):
        return True  # a heading number at the start of the paragraph: 1.
    return num in _HOTLINES or raw_after.startswith(_NAME_AFTER)


def qualifier(n: Written) -> str:
    """The qualifier a document's number is judged by: the first written (约 of 约130余)."""
    return n.qualifiers[0] if n.qualifiers else ""


def matches(n: Written, value: Decimal, *, rate: bool = False) -> bool:
    """Whether `n` as written can state `value` (rounding as written, qualifiers allowed)."""
    if rate != n.percent:
        return False
    said = qualifier(n)
    if said in AT_LEAST:
        return n.value <= value <= n.value * Decimal("1.5") + 1
    if said == "近":
        return n.value * Decimal("0.7") <= value <= n.value
    if said == "约":
        return abs(value - n.value) <= n.value * Decimal("0.2") + 1
    step = Decimal(1).scaleb(-n.digits) * SCALES.get(n.scale, Decimal(1))
    return abs(value - n.value) <= step / 2


def states_figure(n: Written, fig: Figure) -> bool:
    """`n` states the figure's value, its last-year value, or its change against last year."""
    rate = fig.kind == "rate" or fig.unit in ("%", "％")
    for value in (fig.value, fig.previous):
        if value is not None and matches(n, value, rate=rate):
            return True
    if fig.value is not None and fig.previous:
        if rate:  # 提高2.1个百分点
            return not n.percent and abs(abs(fig.value - fig.previous) - n.value) <= Decimal("0.06")
        change = abs(fig.value - fig.previous) / abs(fig.previous) * 100  # 同比增长12.3%
        return n.percent and abs(change - n.value) <= Decimal("0.06")
    return False


def context(text: str, n: Written, width: int = 14) -> str:
    """The words before `n` up to the previous punctuation: what the number counts."""
    head = text[max(0, n.start - width):n.start]
    cut = max(head.rfind(c) for c in "，。；：、,;:！？（）")
    return head[cut + 1:]


def quote(text: str, start: int, end: int, width: int = 20) -> str:
    """The paragraph shortened around [start, end): …前后文字…."""
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")
