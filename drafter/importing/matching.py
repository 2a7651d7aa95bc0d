"""Which indicator each imported figure fills: a row of the pack's catalog when the report
says it the way the catalog does — by the indicator's name or one of its `synonyms`
(办理/受理法律援助案件, 调处/化解矛盾纠纷, 矛盾纠纷排查) — else an indicator of the workbook's
own (板块 “导入”) under a name no other indicator of the workbook has.

The same name with the same value is the same indicator (a figure the report repeats); the
same name with another value is another indicator, told apart by the words of its sentence
(百姓评理说事点化解矛盾纠纷) or its point's lead, never by a number (数字2). Every lookup is a
dictionary's: linear in the figures, whatever their number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from drafter.config.catalog import Catalog, Indicator
from drafter.importing import naming
from drafter.importing.figures import Found

SECTION = "导入"  # 板块 of the workbook's own indicators made by import
CUMULATIVE = "累计"  # a catalog indicator counted since the work began, not in the period
_NEW = re.compile(r"新(?:接收|增|收|入|办)|本期|当期|期内")  # …counted in the period alone
MAX_SUFFIX_FORMS = 4  # forms of a figure tried against catalog names by their ending


def normalize(name: str) -> str:
    """For comparing a found name with a catalog name: NFKC, no spaces or quotes, no
    其中/(必填)."""
    s = re.sub(r"[\s“”\"‘’「」《》、·]+", "", unicodedata.normalize("NFKC", name))
    s = re.sub(r"^其中[:：]?", "", s)
    return re.sub(r"\(必填\)$", "", s)


@dataclass
class Placed:
    """Where a figure went: an indicator id, and whether it is new to the workbook."""

    id: str
    own: bool = False
    catalog: bool = False
    repeated: bool = False  # the same indicator as a figure before it
    note: str = ""  # a finding to verify (同名不同数), in Chinese


@dataclass
class Own:
    id: str
    key: str
    name: str


@dataclass
class Matcher:
    catalog: Catalog
    by_words: dict[str, list[str]] = field(default_factory=dict)  # normalized name → ids
    endings: dict[str, list[str]] = field(default_factory=dict)  # last 2 chars → names
    seen: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (name, unit, typed)
    first_value: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, unit)
    names: set[str] = field(default_factory=set)  # names of the workbook's indicators
    keys: set[str] = field(default_factory=set)  # ids taken
    values: dict[str, str] = field(default_factory=dict)  # catalog id → typed value
    own: list[Own] = field(default_factory=list)

    def __post_init__(self) -> None:
        numbers = [i for i in self.catalog.indicators.values() if i.kind != "text"]
        # names first, then synonyms: a pack with both 受理 and 办理法律援助案件 rows keeps each
        for ind in numbers:
            self._learn(ind.name, ind.id)
        for ind in numbers:
            for word in ind.synonyms:
                self._learn(word, ind.id)
            if ind.kind == "rate" and ind.key != ind.name:  # 调解率: a rate's key says enough;
                self._learn(ind.key, ind.id)  # other keys (办案, 解决问题) are too short
        self.names = {normalize(i.name) for i in self.catalog.indicators.values()}
        self.keys = set(self.catalog.indicators)

    def _learn(self, words: str, ind_id: str) -> None:
        w = normalize(words)
        ids = self.by_words.setdefault(w, [])
        if ind_id not in ids:
            ids.append(ind_id)
        if len(w) >= 4 and w not in self.endings.get(w[-2:], []):
            self.endings.setdefault(w[-2:], []).append(w)

    def place(self, f: Found, lead: str = "") -> Placed | None:
        """The indicator of `f`; None when no name tells it from the figures before it."""
        key = (f.name, f.unit, f.typed)
        if key in self.seen:
            return Placed(self.seen[key], repeated=True)
        first = self.first_value.setdefault((f.name, f.unit), f.typed)
        target = self._catalog(f)
        if target:
            repeated = target in self.values
            self.values[target] = f.typed
            self.seen[key] = target
            return Placed(target, catalog=True, repeated=repeated)
        name = self._unique(f, lead)
        if not name:
            return None
        made = self._own(name)
        self.seen[key] = made.id
        note = ""
        if first != f.typed:
            named = f"(后者名为“{name}”)" if name != f.name else ""  # else: the same words
            note = (f"“{f.name}”出现了不同的数:{first} 与 {f.typed},已分作两个指标{named},"
                    "请核实是否同一件事")
        return Placed(made.id, own=True, note=note)

    def _catalog(self, f: Found) -> str:
        """The catalog indicator one of the figure's forms names — exactly, else as the end of
        the form (开展党组理论学习中心组学习 → 党组理论学习中心组学习) when only one does."""
        forms = [normalize(x) for x in dict.fromkeys((*f.forms, f.name)) if x]
        for form in forms:
            for ind_id in self.by_words.get(form, []):
                if self._fits(ind_id, f):
                    return ind_id
        for form in forms[:MAX_SUFFIX_FORMS]:
            hits = {i for w in self.endings.get(form[-2:], []) if form.endswith(w)
                    for i in self.by_words[w] if self._fits(i, f)}
            if len(hits) == 1:
                return hits.pop()
        return ""

    def _fits(self, ind_id: str, f: Found) -> bool:
        ind = self.catalog.indicators[ind_id]
        if ind_id in self.values and self.values[ind_id] != f.typed:
            return False  # filled by another figure
        if ind.name.startswith(CUMULATIVE) and _NEW.search(f.words + f.name):
            return False  # 上半年新接收社区矫正对象64人 is not 累计接收 (since the work began)
        return _units_agree(ind, f)

    def _unique(self, f: Found, lead: str) -> str:
        """The figure's name, else the first of its longer names no indicator has yet."""
        tried = [f.name, *f.qualified]
        lead = re.split(r"[，,；;：:]", lead)[-1].strip("。 ") if len(lead) > 14 else lead
        if lead and not re.search(r"\d", lead) and len(lead) <= 14:
            tried.append(f"{f.name}（{lead}）")
        for name in tried:
            if name and normalize(name) not in self.names and _key(name) and \
                    f"{SECTION}.{_key(name)}" not in self.keys and (
                        name == f.name or not naming.fragment(name)):
                return name
        return ""

    def _own(self, name: str) -> Own:
        key = _key(name)
        made = Own(f"{SECTION}.{key}", key, name)
        self.names.add(normalize(name))
        self.keys.add(made.id)
        self.own.append(made)
        return made


def _key(name: str) -> str:
    """The part of an own indicator's id after 导入.: the name without punctuation."""
    key = re.sub(r"[^\w]", "", name)
    if key[:1].isdigit():  # 12348热线呼入量: an id does not start with a digit
        key = "指标" + key
    return key if key.isidentifier() else ""


def _units_agree(ind: Indicator, f: Found) -> bool:
    """The same kind (a count with decimals, imported as a 数值, fits no count row) and, when
    the row has one, the same unit."""
    return ind.kind == f.kind and (not ind.unit or ind.unit == f.unit)
