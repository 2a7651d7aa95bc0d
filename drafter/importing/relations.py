"""Relations a report's sentences state between its figures, as 规则 rows — where last year's
arithmetic holds; where it does not, a doubt: an error of the text only where the text itself
states its total, else a warning asking to verify (请核实).

- “共X…，其中A、B、C” → 合计 when A+B+C = X, else 包含 (each part ≤ X). Parts that do not add
  up to a total the text states (共X / 共计X … 其中) are an error of the text; without such a
  word, a warning. “分别为” says the parts are all of it: a mismatch is an error, no rule.
- An aside in brackets belongs to the figure right before it, never to the sum around it:
  “办结23起(含上年结转9起)” → 9 ≤ 23 (包含); “受理91件(其中民事10件、刑事81件)” → 合计 when
  the parts make the total, else 包含 with nothing to report (an aside need not list all).
- “…率R%” after two figures A ≤ B of the same sentence with A/B rounding to R → 比率. A rate
  that no two figures give is left alone: most are not stated against figures of the text.
Approximate figures (余、约 …) take part in 包含 only.

Bounded: each sentence is looked at once, a total takes at most MAX_PARTS parts and a rate
looks back at most RATE_WINDOW figures, so the work is linear in the figures. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from drafter.importing.figures import Found
from drafter.model import quantity

_SENTENCE = re.compile(r"[。；;！!？?]")
SUM, RATE, SUBSET = "合计", "比率", "包含"
MAX_PARTS = 12
RATE_WINDOW = 6
_OPEN, _CLOSE = "（(", "）)"
_STATED_TOTAL = re.compile(r"(共|共计|合计|总计|累计|总数|总量)[^，,。；;]{0,12}$")
_INCLUDES = re.compile(r"(含|包括|其中)")


@dataclass(frozen=True)
class Placed:
    """A figure of one paragraph with the id it was given."""

    found: Found
    id: str


@dataclass(frozen=True)
class RuleRow:
    word: str  # 合计 比率 包含: the 规则 sheet's word (workbook.layout.RULE_WORDS)
    target: str  # id
    parts: tuple[str, ...]  # ids (比率: numerator, denominator)
    digits: int | None = None
    note: str = ""  # 说明: the sentence's words


@dataclass(frozen=True)
class Doubt:
    """A relation of the text that does not hold (Chinese, one line)."""

    text: str
    error: bool  # the text states the total it contradicts; else 请核实


@dataclass
class _Fig:
    placed: Placed
    aside: int  # 0: in the sentence itself; else the number of the bracket it stands in
    owner: int = -1  # for a figure in an aside: index of the figure the bracket follows


def find(text: str, placed: list[Placed]) -> tuple[list[RuleRow], list[Doubt]]:
    """Rules and doubts of one paragraph. `placed` in the order of the text."""
    rules: list[RuleRow] = []
    doubts: list[Doubt] = []
    ordered = sorted(placed, key=lambda p: p.found.start)
    k = 0
    for start, end in _sentences(text):
        inside: list[Placed] = []
        while k < len(ordered) and ordered[k].found.start < end:
            if ordered[k].found.start >= start:
                inside.append(ordered[k])
            k += 1
        if len(inside) < 2:
            continue
        figs = _asides(text, start, inside)
        main = [f.placed for f in figs if not f.aside]
        _parts(text, main, rules, doubts)
        _aside_parts(text, figs, rules)
        _rates(main, rules)
    return rules, doubts


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _asides(text: str, start: int, inside: list[Placed]) -> list[_Fig]:
    """Each figure with the bracket it stands in (0: none) and, in a bracket, the figure the
    bracket follows."""
    out: list[_Fig] = []
    depth, bracket, pos, last_main = 0, 0, start, -1
    owner_of: dict[int, int] = {}
    for p in inside:
        for ch in text[pos:p.found.start]:
            if ch in _OPEN:
                depth += 1
                if depth == 1:
                    bracket += 1
                    owner_of[bracket] = last_main
            elif ch in _CLOSE and depth:
                depth -= 1
        pos = p.found.start
        if depth:
            out.append(_Fig(p, bracket, owner_of[bracket]))
        else:
            out.append(_Fig(p, 0))
            last_main = len(out) - 1
    return out


def _parts(text: str, inside: list[Placed], rules: list[RuleRow], doubts: list[Doubt]) -> None:
    for k, whole in enumerate(inside[:-1]):
        between = _outside_brackets(text[whole.found.end:inside[k + 1].found.start])
        said_all = "分别为" in between or "分别是" in between
        if "其中" not in between and not said_all:
            continue
        parts = _following(whole, inside[k + 1:k + 1 + MAX_PARTS])
        if not parts:
            continue
        _relate(text, whole, parts, said_all, rules, doubts)
        return  # one total per sentence


def _following(whole: Placed, after: list[Placed]) -> list[Placed]:
    parts: list[Placed] = []
    for p in after:
        if p.found.kind != whole.found.kind or p.found.kind == "rate" or \
                p.found.value > whole.found.value:
            break
        parts.append(p)
    return parts


def _relate(text: str, whole: Placed, parts: list[Placed], said_all: bool,
            rules: list[RuleRow], doubts: list[Doubt]) -> None:
    total = sum((p.found.value for p in parts), Decimal(0))
    exact = not whole.found.qualifier and all(not p.found.qualifier for p in parts)
    words = f"“{whole.found.shown}”,其中" + "、".join(f"“{p.found.shown}”" for p in parts)
    ids = tuple(p.id for p in parts)
    if exact and len(parts) > 1 and total == whole.found.value:
        rules.append(RuleRow(SUM, whole.id, ids, note=f"原文:{words}"))
        return
    if said_all and exact:
        doubts.append(Doubt(f"原文{words}:“分别为”的各项之和为 {_n(total)},与总数 "
                            f"{_n(whole.found.value)} 不等,未写入规则,请核对", error=True))
        return
    rules.append(RuleRow(SUBSET, whole.id, ids, note=f"原文:{words}"))
    if not (exact and len(parts) > 1):
        return
    stated = bool(_STATED_TOTAL.search(_clause_before(text, whole.found.start)))
    if stated:
        doubts.append(Doubt(f"原文{words}:其中各项之和为 {_n(total)},与原文写明的总数 "
                            f"{_n(whole.found.value)} 不等(若各项就是全部,则原文有误),"
                            "已写为“包含”规则,请核对", error=True))
    else:
        doubts.append(Doubt(f"原文{words}:其中各项之和为 {_n(total)},与 "
                            f"{_n(whole.found.value)} 不等,已写为“包含”规则;"
                            "若各项应是全部,请核实", error=False))


def _aside_parts(text: str, figs: list[_Fig], rules: list[RuleRow]) -> None:
    """“(含…)”, “(其中…)” after a figure: parts of that figure only."""
    groups: dict[int, list[_Fig]] = {}
    for f in figs:
        if f.aside and f.owner >= 0:
            groups.setdefault(f.aside, []).append(f)
    for group in groups.values():
        whole = figs[group[0].owner].placed
        opening = text.rfind("(", whole.found.end, group[0].placed.found.start)
        opening = max(opening, text.rfind("（", whole.found.end, group[0].placed.found.start))
        if not _INCLUDES.search(text[opening:group[0].placed.found.start]):
            continue
        parts = _following(whole, [f.placed for f in group[:MAX_PARTS]])
        if not parts:
            continue
        total = sum((p.found.value for p in parts), Decimal(0))
        exact = not whole.found.qualifier and all(not p.found.qualifier for p in parts)
        words = f"“{whole.found.shown}”(" + "、".join(f"“{p.found.shown}”" for p in parts) + ")"
        ids = tuple(p.id for p in parts)
        word = SUM if exact and len(parts) > 1 and total == whole.found.value else SUBSET
        rules.append(RuleRow(word, whole.id, ids, note=f"原文:{words}"))


def _outside_brackets(between: str) -> str:
    out, depth = [], 0
    for ch in between:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _clause_before(text: str, start: int) -> str:
    k = start
    while k > 0 and start - k < 30 and text[k - 1] not in "，,。；;：:！？!?":
        k -= 1
    return text[k:start]


def _rates(inside: list[Placed], rules: list[RuleRow]) -> None:
    for k, rate in enumerate(inside):
        f = rate.found
        if f.kind != "rate" or f.qualifier:
            continue
        before = [p for p in inside[max(k - RATE_WINDOW, 0):k]
                  if p.found.kind in ("count", "amount") and not p.found.qualifier]
        pair = _pair(before, f.number, f.digits)
        if pair:
            a, b = pair
            rules.append(RuleRow(RATE, rate.id, (a.id, b.id), f.digits,
                                 note=f"原文:{a.found.shown}/{b.found.shown}={f.shown}"))


def _pair(before: list[Placed], stated: Decimal, digits: int) -> tuple[Placed, Placed] | None:
    """The nearest two figures A ≤ B with A/B rounding to the stated rate."""
    for j in range(len(before) - 1, -1, -1):
        for i in range(j - 1, -1, -1):
            x, y = before[i], before[j]
            a, b = sorted((x, y), key=lambda p: p.found.value)
            if x.id != y.id and quantity.rate(a.found.value, b.found.value, digits) == stated:
                return a, b
    return None


def _n(d: Decimal) -> str:
    return format(d.normalize(), "f")
