"""Figures in a report's sentences: number, unit, qualifier, scale, and a name (naming.py);
and the numbers that are not figures (years, dates, document numbers, names,
ordinals), each with the reason it is left as text.

`find(text)` works on one paragraph and returns spans into it, so that build.py can replace
each figure with its reference 【编号｜选项】. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from drafter.importing import naming
from drafter.model.options import DIGITS, QUALIFIER, SCALE
from drafter.model.quantity import AFTER_NUMBER, Written, read, with_units
from drafter.phrasing import approx

# 1:1 so that offsets into the translated text are offsets into the original
_WIDE = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
UNITS = ("个百分点", "人次", "场次", "件次", "户次", "批次", "余人", "万元", "亿元", "个月", "小时",
         "平方米", "公里", "元", "件", "人", "次", "个", "家", "场", "篇", "条", "份", "名", "宗",
         "起", "项", "批", "期", "所", "处", "户", "位", "本", "册", "套", "台", "辆", "天", "倍",
         "部", "类", "支", "间", "座", "块", "张", "封", "单", "节", "堂", "轮", "组", "队", "村",
         "%")
FIGURE = with_units(tuple(u for u in UNITS if u != "余人"))
_QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』", "〔": "〕", "\"": "\""}


@dataclass(frozen=True)
class Found(Written):
    """A figure of a report's sentence: the number as written over the span the reference
    replaces (qualifier … unit: 130余场次; 超过, 逾 and 以上 stay outside it as text, so its
    `qualifier` is an option of the reference), and what importing adds: its kind and name."""

    kind: str = "count"  # count amount rate number
    name: str = ""  # naming.py: the phrase it counts
    words: str = ""  # the words before it the name came from, for messages
    forms: tuple[str, ...] = ()  # phrases looked up in the catalog (naming.Naming)
    qualified: tuple[str, ...] = ()  # longer names, when another figure has this name
    after: str = ""  # the words after it the name came from (3个法治镇街: 法治镇街)

    @property
    def shown(self) -> str:
        """The figure as written: 130余场次."""
        return self.text

    @property
    def context(self) -> str:
        """The words the name came from with the figure itself, as written."""
        return f"{self.words}{self.shown}{self.after}"

    @property
    def typed(self) -> str:
        """The cell value, as a clerk would type it: 130余, 1.42万, 30.43%, 约300."""
        n = as_written(self.number)
        if self.qualifier in AFTER_NUMBER:
            return f"{n}{self.scale}{self.qualifier}"
        pct = "%" if self.kind == "rate" else ""
        return f"{self.qualifier}{n}{self.scale}{pct}"

    def options(self) -> tuple[str, ...]:
        """The reference options that phrase this year's figure the way this one was.
        An approximation the 余/约 option would round differently (2.73万余: the option
        keeps two significant figures) gets none: its cell, typed 2.73万余, phrases it."""
        opts: list[str] = []
        if self.qualifier:
            try:
                again = approx(self.value, self.qualifier, self.unit, None, self.scale)
            except ValueError:
                again = ""
            if again != unicodedata.normalize("NFKC", self.shown).replace(",", ""):
                return ()
            q = QUALIFIER.spell(self.qualifier)
            return (q, SCALE.spell(self.scale)) if self.scale else (q,)
        if self.scale:
            opts.append(SCALE.spell(self.scale))
            if not self.qualifier and self.digits != 2:
                opts.append(DIGITS.spell(self.digits))
        elif self.kind == "rate" or (self.digits and not self.qualifier):
            opts.append(DIGITS.spell(self.digits))
        return tuple(opts)


@dataclass(frozen=True)
class Left:
    """A number left as text, and why."""

    shown: str
    why: str


def as_written(d: Decimal) -> str:
    return format(d, "f")  # as written: 1.40 stays 1.40


def find(text: str) -> tuple[list[Found], list[Left]]:
    flat = text.translate(_WIDE)
    masked = _masked(flat)
    found: list[Found] = []
    spans: list[naming.Span] = []
    left: list[Left] = []
    for m in FIGURE.finditer(flat):
        num_start = m.start("num")
        why = _not_a_figure(flat, m, masked)
        if why:
            left.append(Left(_context(text, num_start, m.end("num")), why))
            continue
        found.append(_figure(text, flat, m))
        spans.append(naming.Span(m.start(), m.end(), found[-1].unit))
    names = naming.name_all(flat, spans) if found else []
    found = [replace(f, name=n.name, words=n.words, after=n.after, forms=n.forms,
                     qualified=n.qualified) for f, n in zip(found, names, strict=True)]
    return found, left


def _masked(flat: str) -> list[bool]:
    """Characters inside “…” 《…》 〔…〕: names and document numbers, not figures."""
    mask = [False] * len(flat)
    stack: list[tuple[str, int]] = []
    for k, ch in enumerate(flat):
        if stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                for j in range(start, k + 1):
                    mask[j] = True
        elif ch in _QUOTES and ch != "\"":
            stack.append((_QUOTES[ch], k))
    return mask  # an unclosed quote masks nothing


def _not_a_figure(flat: str, m: re.Match[str], masked: list[bool]) -> str:
    start, end = m.start("num"), m.end("num")
    after = flat[end:end + 4]
    before = flat[max(start - 1, 0):start]
    number = m.group("num")
    if (before and before in "〔〕[]［］") or re.match(r"^[〕\]］]", after):
        return "文号"
    if masked[start]:
        return "引号或书名号内的名称"
    if before == "第":
        return "序数(第…)"
    if re.match(r"^\s*(年|周年)", after) or re.match(r"^[-—–~至到]\s*\d{4}\s*年", after + flat[end + 4:end + 8]):
        return "年份"
    if re.match(r"^[-—–~至到]\s*\d{1,2}\s*月", flat[end:end + 6]) or re.match(r"^\s*(月|日|号|时|分)", after):
        return "日期或编号"
    if re.match(r"^[A-Za-z]", after) or re.match(r"[A-Za-z]", before) or after.startswith("热线"):
        return "名称(如 12348热线、5G)"
    if before in ".-/:" and before:
        return "日期或编号"
    if not m.group("unit") and not m.group("scale") and not m.group("scale2"):
        if re.match(r"^[、.]", after) and (start == 0 or flat[start - 1] in "。；;：:，, "):
            return "序号"
        return "没有可识别的单位"
    if m.group("scale") and m.group("scale2"):
        return "两个“万/亿”"
    if len(number.replace(",", "").split(".")[0]) > 12:
        return "位数过多,不像统计数字"
    return ""


def _context(text: str, start: int, end: int) -> str:
    return text[max(start - 8, 0):min(end + 4, len(text))]


def _figure(text: str, flat: str, m: re.Match[str]) -> Found:
    w = read(m)
    pre, post, start = w.pre, w.post, m.start("num")
    if post:
        pre = ""  # 约130余: 约 stays as written, 余 is the option
    elif pre in QUALIFIER.words:
        start = m.start("pre")
    else:
        pre = ""  # 超过 and 逾 stay as written before the reference, as 以上 does after it
    scale, unit = w.scale, w.unit
    if scale and unit == "元" and not post:  # 214.5万元: the unit is 万元
        scale, unit = "", scale + "元"
        number_end = m.end("unit")
    else:
        number_end = m.end("unit") if unit else max(m.end("scale"), m.end("post"), m.end("scale2"))
    return Found(number=w.number, scale=scale, pre=pre, post=post, unit=unit,
                 percent=unit == "%", text=text[start:number_end], start=start, end=number_end,
                 kind=_kind(unit))


def _kind(unit: str) -> str:
    if unit == "%":
        return "rate"
    if unit.endswith("元"):
        return "amount"
    if unit in ("个百分点", "倍", "小时", "平方米", "公里"):
        return "number"
    return "count"


def normalize(name: str) -> str:
    """For comparing a found name with a catalog name: NFKC, no spaces, no 其中/(必填)."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    s = re.sub(r"^其中[:：]?", "", s)
    return re.sub(r"\(必填\)$", "", s)
