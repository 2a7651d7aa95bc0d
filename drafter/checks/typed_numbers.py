"""Numbers typed into narrative cells instead of referenced: listed, and checked against the
indicator the words before them name.

`check(data, catalog)`: each typed number is an info finding offering the reference that would
replace it; where the words right before it name an indicator (its name, or within the 要点
row's own 板块 its short id) whose value differs, it is an error naming both cells — how a
report ends up saying 1个 in the preamble and 4个 in the body.

A number is not a figure when it is a year (2024年, 2021—2023), a date (6月30日), a document
number (〔2019〕28号), part of a name (12348热线, “1+N”, 5G, anything in “…” or 《…》) or an
ordinal (第3批).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from drafter.checks.codes import TYPED_NUMBER, TYPED_NUMBER_MISMATCH
from drafter.checks.narrative import Cell, narrative_cells
from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import Finding, finding
from drafter.model.narrative import Text, tokenize
from drafter.model.quantity import AT_LEAST, IN_PROSE, Written, read, stacked, with_qualifier
from drafter.workbook.codes import QUALIFIERS_MERGED, STACKED_QUALIFIERS

_WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_ANY_DIGIT = re.compile(r"\d")  # full-width digits too: every number IN_PROSE finds has one
_NOT_FIGURE_AFTER = ("年", "月", "日", "时", "号", "热线", "专线", "平台")
_SPAN = tuple("—–-~～至到")
_CLAUSE_END = set("，。；：！？、,;:!?（）()\n")
_NAME_PAIRS = (("“", "”"), ("《", "》"), ("「", "」"), ("‘", "’"))


@dataclass(frozen=True)
class Typed(Written):
    """One number typed into narrative text: the number as written (its `text` with the unit
    right after it, "" when none is recognized: 892件, 500余人次, 99.82%) and, what only this
    check needs, the clause before it, where the indicator it counts is named."""

    before: str = ""


LIMIT = 300  # typed numbers looked at per cell (a cell of nothing but numbers is not prose)
_CLAUSE_MAX = 40  # characters before a number searched for an indicator's name


class _Names:
    """Indicators by name (and, within a 板块, by short id): lookups independent of their count.
    The name tables depend only on the ids and names, the same for every workbook of a pack:
    made once per list (_name_tables); the figures are looked up by id per workbook."""

    def __init__(self, figures: list[Figure]):
        self.figures = figures
        by_id = {f.id: f for f in figures}
        names, keys, self.endings = _name_tables(tuple((f.id, f.name) for f in figures))
        self.by_name = {name: [by_id[i] for i in ids] for name, ids in names.items()}
        self.by_key = {key: [by_id[i] for i in ids] for key, ids in keys.items()}
        self.by_value: dict[tuple[str, Decimal], list[Figure]] = {}  # (unit, value): offers
        for f in figures:
            if f.value is not None:
                self.by_value.setdefault((f.unit, f.value), []).append(f)

    def named(self, clause: str, section: str) -> list[tuple[int, int, Figure]]:
        """(end, length, figure) of every name occurring in `clause`."""
        hits: list[tuple[int, int, Figure]] = []
        for end in range(len(clause), 1, -1):
            for word in self.endings.get(clause[end - 2 : end], ()):
                if not clause.endswith(word, 0, end):
                    continue
                found = self.by_name.get(word, []) + (
                    self.by_key.get((section, word), []) if section else [])
                hits += [(end, len(word), f) for f in found]
        return hits


@functools.lru_cache(maxsize=16)
def _name_tables(figures: tuple[tuple[str, str], ...]) -> tuple[
        dict[str, list[str]], dict[tuple[str, str], list[str]], dict[str, set[str]]]:
    """(plain name → ids, (板块, short id) → ids, last two characters → names ending so)."""
    by_name: dict[str, list[str]] = {}
    by_key: dict[tuple[str, str], list[str]] = {}
    for fid, name in figures:
        by_name.setdefault(_plain(name), []).append(fid)
        by_key.setdefault((fid.split(".", 1)[0], fid.split(".", 1)[-1]), []).append(fid)
    endings: dict[str, set[str]] = {}
    for word in [*by_name, *(k for _, k in by_key)]:
        if len(word) >= 2:
            endings.setdefault(word[-2:], set()).add(word)
    return by_name, by_key, endings


@functools.lru_cache(maxsize=16)
def _units(units: frozenset[str]) -> list[str]:
    return sorted(units, key=len, reverse=True)


def check(data: WorkbookData, catalog: Catalog) -> list[Finding]:
    units = _units(frozenset(i.unit for i in catalog.indicators.values()
                             if i.unit and i.unit != "%"))
    names: _Names | None = None  # made for the first number typed (a catalog's worth)
    out: list[Finding] = []
    for c in narrative_cells(data):
        if not c.prose:
            continue
        typed = typed_numbers(c.text, units, LIMIT + 1)
        for t in typed[:LIMIT]:
            if names is None:
                names = _Names([f for f in data.figures.values()
                                if f.kind in ("count", "amount", "rate", "number")])
            out.append(_finding(c, t, names))
            if stacked(list(t.qualifiers)):
                out.append(_stacked(c, t))
        if len(typed) > LIMIT:
            out.append(finding(TYPED_NUMBER, f"直接写的数字超过 {LIMIT} 个,其余未逐一核对",
                               [c.cell] if c.cell else [], section=c.section))
    return out


def typed_numbers(text: str, units: list[str], limit: int | None = None) -> list[Typed]:
    """The numbers typed into `text`'s literal parts (references are not typed numbers),
    at most `limit` of them."""
    found: list[Typed] = []
    if not _ANY_DIGIT.search(text):
        return found  # most cells of a long 大纲 have no number at all
    for part in tokenize(text):
        if not isinstance(part, Text) or (limit is not None and len(found) >= limit):
            continue
        t = part.text.translate(_WIDE)
        quotes = _Quotes(t)
        for m in IN_PROSE.finditer(t):
            if limit is not None and len(found) >= limit:
                break
            if _not_a_figure(t, m) or quotes.inside(m.start("num")):
                continue
            after = t[m.end() : m.end() + 8]
            unit = next((u for u in units if after.startswith(u)), "")
            w = read(m, unit)
            found.append(Typed(number=w.number, scale=w.scale, pre=w.pre, post=w.post,
                               percent=w.percent, unit=unit, text=w.text + unit, start=w.start,
                               end=w.end + len(unit),
                               before=_clause(t, m.start() + len(m["pre"] or ""))))
    return found


def _stacked(c: Cell, t: Typed) -> Finding:
    """Two qualifiers on one number, judged as in a 指标 cell (quantity.stacked); the text is
    the writer's and is printed as typed, so the finding says what to write instead."""
    number = format(t.number.normalize(), "f") + t.scale
    said = f"“{t.text}”叠用了修饰词“{'”“'.join(t.qualifiers)}”"
    cells = [c.cell] if c.cell else []
    if stacked(list(t.qualifiers)) == "opposite":
        return finding(STACKED_QUALIFIERS, f"{said},“近”是不到、“{t.qualifiers[-1]}”是超过,"
                       f"意思相反;请只保留一个:写成“近{number}”或“{number}{t.qualifiers[-1]}”",
                       cells, section=c.section)
    kept = with_qualifier(number, t.qualifier)
    return finding(QUALIFIERS_MERGED, f"{said},一个数只用一个;文字照原样写出,请改为“{kept}”"
                   f"或“{with_qualifier(number, t.qualifiers[0])}”", cells, section=c.section)


def _not_a_figure(t: str, m: re.Match[str]) -> bool:
    start, end = m.start("num"), m.end()
    before, after = t[start - 1 : start], t[m.end("num") : m.end("num") + 4]
    num = m["num"]
    if before in ("第", "〔", "[", "［", "+", "＋") or after[:1] in ("+", "＋", "是"):
        return True
    if re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z]", t[end : end + 1]):
        return True  # 5G, G20, No.1
    if (before in ("-", "/", ":") and t[start - 2 : start - 1].isdigit()) or (
            after[:1] in ("-", "/", ":") and after[1:2].isdigit()):
        return True  # 2023-05-09, 2023/5/9, 10:30, 00902/2023
    if not m["scale"] and not m["post"] and not m["pct"] and after.startswith(_NOT_FIGURE_AFTER):
        return True  # 2024年, 6月30日, 28号, 12348热线
    if re.fullmatch(r"(19|20)\d\d", num) and (after[:1] in _SPAN or before in _SPAN):
        return True  # 2021—2023年度
    return bool(re.fullmatch(r"1234\d", num))  # 12345, 12348: hotlines


class _Quotes:
    """Whether a position is within “…”, 《…》 and the like (a name such as “1+N”, not a
    figure). Positions are asked in increasing order: counted as the scan goes, linear."""

    def __init__(self, text: str):
        self.text, self.pos = text, 0
        self.depth = {o: 0 for o, _ in _NAME_PAIRS}
        self.plain = 0  # straight double quotes seen

    def inside(self, start: int) -> bool:
        for ch in self.text[self.pos : start]:
            for o, c in _NAME_PAIRS:
                if ch == o:
                    self.depth[o] += 1
                elif ch == c and self.depth[o]:
                    self.depth[o] -= 1
            self.plain += ch == '"'
        self.pos = max(self.pos, start)
        return any(self.depth.values()) or self.plain % 2 == 1


def _clause(t: str, start: int) -> str:
    i = start
    while i > 0 and start - i < _CLAUSE_MAX and t[i - 1] not in _CLAUSE_END:
        i -= 1
    return t[i:start]


def _named(c: Cell, typed: Typed, names: _Names) -> Figure | None:
    """The indicator the clause before the number names (nearest, then longest), if its unit fits."""
    hits = [h for h in names.named(typed.before, c.section) if _unit_fits(typed, h[2])]
    return max(hits, key=lambda h: h[:2])[2] if hits else None


def _unit_fits(typed: Typed, f: Figure) -> bool:
    if f.kind == "rate":
        return typed.percent
    if typed.percent:
        return False
    if not typed.unit or not f.unit:
        return True
    return typed.unit == f.unit or (bool(typed.scale) and typed.scale + typed.unit == f.unit)


def _agrees(typed: Typed, f: Figure) -> bool:
    assert f.value is not None
    value = typed.value
    if typed.scale and f.unit == typed.scale + typed.unit:  # 715.8万元 for a unit of 万元
        value = typed.number
    exp = value.normalize().as_tuple().exponent if not typed.scale else None
    if typed.scale:
        digits = -min(typed.number.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
        step = Decimal(1).scaleb(-digits) * (value / typed.number if typed.number else 1)
    elif isinstance(exp, int) and exp > 0 and typed.qualifiers:
        step = Decimal(1).scaleb(exp)  # 500余: steps of 100
    elif isinstance(exp, int) and exp < 0:
        step = Decimal(1).scaleb(exp)  # 30.43%: steps of 0.01
    else:
        step = Decimal(1)
    v = f.value
    said = typed.qualifiers[0] if typed.qualifiers else ""  # 约130余 is compared as 约
    if said in AT_LEAST:
        return value <= v < value + step
    if said == "近":
        return value - step < v <= value
    if said == "约":
        return abs(v - value) <= step / 2
    if typed.scale or typed.percent:
        return abs(v - value) < step / 2 or v == value
    return v == value


def _finding(c: Cell, typed: Typed, names: _Names) -> Finding:
    named = _named(c, typed, names)
    if named is not None and named.value is not None and not _agrees(typed, named):
        wider = _wider(named, typed, names)  # 说事点化解矛盾纠纷 for the words 化解矛盾纠纷
        if wider is not None:
            return finding(TYPED_NUMBER, f"“{typed.text}”是直接写的数字,可改为【{wider.id}】",
                           [c.cell] if c.cell else [], section=c.section, indicators=[wider.id])
        shown = f"{_fmt(named.value)}{'%' if named.kind == 'rate' else named.unit}"
        where = f" {named.cell}" if named.cell else ""
        msg = (f"{c.cell} 写“{typed.before[-12:]}{typed.text}”,与{where} {named.name} {shown} 不符;"
               f"请改正其中一处,或改为【{named.id}】")
        return finding(TYPED_NUMBER_MISMATCH, msg, [x for x in (c.cell, named.cell) if x],
                       section=c.section or named.section, indicators=[named.id])
    offer = named
    if offer is None:
        same = [f for f in names.by_value.get((typed.unit, typed.value), [])
                if typed.unit and not typed.qualifier and _unit_fits(typed, f)]
        offer = same[0] if len(same) == 1 else None
    hint = f",可改为【{offer.id}】" if offer else ";若它是指标表中的数,可改为【编号】引用"
    return finding(TYPED_NUMBER, f"“{typed.text}”是直接写的数字{hint}",
                   [c.cell] if c.cell else [], section=c.section,
                   indicators=[offer.id] if offer else [])


def _wider(named: Figure, typed: Typed, names: _Names) -> Figure | None:
    """The one indicator whose longer name contains the words matched and whose value agrees:
    the sentence may be about it (…说事点…，化解矛盾纠纷388件), so no contradiction is claimed."""
    word = _plain(named.name)
    fits = [f for f in names.figures if f is not named and word in f.name and f.value is not None
            and _unit_fits(typed, f) and _agrees(typed, f)]
    return fits[0] if len(fits) == 1 else None


def _plain(name: str) -> str:
    return _OF_WHICH.sub("", name)


_OF_WHICH = re.compile(r"^其中[:：\s]*")


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")
