"""Relations a report's sentences state between its figures, as 规则 rows — where last year's
arithmetic holds; where it does not, a finding (published mistakes surface on import).

- “共X…，其中A、B、C” → 合计 when A+B+C = X, else 包含 (each part ≤ X), with a finding when
  the parts do not add up to X (“分别为” says they are all of it: a mismatch is then an error
  of the text, and no rule is written).
- “…率R%” after two figures A ≤ B of the same sentence with A/B rounding to R → 比率. A rate
  that no two figures give is left alone: most are not stated against figures of the text.
Approximate figures (余、约 …) take part in 包含 only. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from drafter.importing.figures import Found
from drafter.model import quantity

_SENTENCE = re.compile(r"[。；;！!？?]")
SUM, RATE, SUBSET = "合计", "比率", "包含"


@dataclass(frozen=True)
class Placed:
    """A figure of one paragraph with the id it was given."""

    found: Found
    id: str


@dataclass(frozen=True)
class RuleRow:
    kind: str  # 合计 比率 包含
    target: str  # id
    parts: tuple[str, ...]  # ids (比率: numerator, denominator)
    digits: int | None = None
    note: str = ""  # 说明: the sentence's words


def find(text: str, placed: list[Placed]) -> tuple[list[RuleRow], list[str]]:
    """Rules and findings (Chinese, one line each) of one paragraph."""
    rules: list[RuleRow] = []
    findings: list[str] = []
    for start, end in _sentences(text):
        inside = [p for p in placed if start <= p.found.start < end]
        if len(inside) < 2:
            continue
        _parts(text, inside, rules, findings)
        _rates(inside, rules)
    return rules, findings


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _parts(text: str, inside: list[Placed], rules: list[RuleRow],
           findings: list[str]) -> None:
    for k, whole in enumerate(inside[:-1]):
        nxt = inside[k + 1].found.start
        between = text[whole.found.end:nxt]
        said_all = "分别为" in between or "分别是" in between
        if "其中" not in between and not said_all:
            continue
        parts: list[Placed] = []
        for p in inside[k + 1:]:
            if p.found.kind != whole.found.kind or p.found.kind == "rate" or \
                    p.found.value > whole.found.value:
                break
            parts.append(p)
        if not parts:
            continue
        total = sum((p.found.value for p in parts), Decimal(0))
        exact = not whole.found.qualifier and all(not p.found.qualifier for p in parts)
        words = f"“{whole.found.shown}”,其中" + "、".join(f"“{p.found.shown}”" for p in parts)
        ids = tuple(p.id for p in parts)
        if exact and len(parts) > 1 and total == whole.found.value:
            rules.append(RuleRow(SUM, whole.id, ids, note=f"原文:{words}"))
        elif said_all and exact:
            findings.append(f"原文{words}:“分别为”的各项之和为 {_n(total)},与总数 "
                            f"{_n(whole.found.value)} 不等,未写入规则,请核对")
        else:
            rules.append(RuleRow(SUBSET, whole.id, ids, note=f"原文:{words}"))
            if exact and len(parts) > 1:
                findings.append(f"原文{words}:其中各项之和为 {_n(total)},与总数 "
                                f"{_n(whole.found.value)} 不等(若各项就是全部,则原文有误),"
                                "已写为“包含”规则,请核对")
        return  # one total per sentence


def _rates(inside: list[Placed], rules: list[RuleRow]) -> None:
    for k, rate in enumerate(inside):
        f = rate.found
        if f.kind != "rate" or f.qualifier:
            continue
        before = [p for p in inside[:k] if p.found.kind in ("count", "amount")
                  and not p.found.qualifier]
        pair = _pair(before, f.number, f.decimals)
        if pair:
            a, b = pair
            rules.append(RuleRow(RATE, rate.id, (a.id, b.id), f.decimals,
                                 note=f"原文:{a.found.shown}/{b.found.shown}={f.shown}"))


def _pair(before: list[Placed], stated: Decimal, digits: int) -> tuple[Placed, Placed] | None:
    """The nearest two figures A ≤ B with A/B rounding to the stated rate."""
    for j in range(len(before) - 1, -1, -1):
        for i in range(j - 1, -1, -1):
            x, y = before[i], before[j]
            a, b = sorted((x, y), key=lambda p: p.found.value)
            if _percent(a.found.value, b.found.value, digits) == stated:
                return a, b
    return None


def _percent(a: Decimal, b: Decimal, digits: int) -> Decimal | None:
    return quantity.rate(a, b, digits)


def _n(d: Decimal) -> str:
    return format(d.normalize(), "f")
