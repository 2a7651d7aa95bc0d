"""A pack's catalog: the indicators, facts, narrative point slots and rules (indicators.toml).

The catalog is data, not code. An office folder may hold its own indicators.toml; it is
merged over the pack's (see `merge`). This module knows nothing of workbooks or Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from drafter.config import schema, tomlfile
from drafter.config.tomlfile import Source

KIND_NAMES = {"count": "计数", "amount": "金额", "rate": "比率", "number": "数值", "text": "文字"}


@dataclass(frozen=True)
class Section:
    id: str  # 板块, also the namespace in templates: {{ 法律援助.受理案件 }}
    title: str
    implied: bool = field(default=False, compare=False)  # not listed: only used by an id


@dataclass(frozen=True)
class Indicator:
    id: str  # "法律援助.受理案件"
    name: str  # "受理法律援助案件"
    unit: str = ""
    kind: str = "count"
    required: bool = False
    digits: int | None = None  # decimals a rate (or number) is stated with
    definition: str = ""
    yoy_threshold: float | None = None  # overrides the catalog's default swing threshold
    additive: bool | None = None  # roll-up: districts' values add up (default: counts, amounts)
    # other ways reports say the same thing (办理法律援助案件, 受理法援案件): drafter import
    # fills this row when last year's report words it so (importing/matching.py)
    synonyms: tuple[str, ...] = ()

    @property
    def sums(self) -> bool:
        """Whether a city's figure is the sum of its districts' (drafter rollup)."""
        return self.additive if self.additive is not None else self.kind in ("count", "amount")

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def key(self) -> str:
        return self.id.split(".", 1)[1] if "." in self.id else self.id


@dataclass(frozen=True)
class Fact:
    key: str  # "单位名称"
    required: bool = False
    hint: str = ""
    kind: str = "text"  # text | date | year


@dataclass(frozen=True)
class PointSlot:
    id: str  # "党建.理论学习"
    lead: str  # default lead phrase: 深学笃行更加扎实
    hint: str = ""

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class HeadingSlot:
    """A section heading the workbook may reword each year (基本信息 row `标题:id`)."""

    id: str  # "政治统领"
    text: str  # the pack's default wording
    hint: str = ""

    @property
    def fact_key(self) -> str:
        return f"{HEADING_PREFIX}{self.id}"


HEADING_PREFIX = "标题:"
DEFAULT_YOY_THRESHOLD = 0.5


@dataclass(frozen=True)
class Rule:
    kind: str
    params: dict[str, Any]
    source: str = ""  # file the rule came from, for messages about the rule itself
    severity: str = "error"  # "warning": a sum, rate or subset that does not hold only warns

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


@dataclass(frozen=True)
class Appendix:
    """`[appendix]`: the columns of 附表 各县(市、区)主要指标, rendered with a city report
    made by drafter rollup."""

    title: str
    indicators: tuple[str, ...]


@dataclass
class Catalog:
    sections: list[Section] = field(default_factory=list)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    points: dict[str, PointSlot] = field(default_factory=dict)
    headings: dict[str, HeadingSlot] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    # a change beyond 50 % against last year is worth a look; None: not set by this file
    yoy_threshold: float | None = None
    appendix: Appendix | None = None  # the per-district table a city report may carry

    @property
    def yoy_limit(self) -> float:
        """The swing threshold in force: this catalog's, else the default (0.5)."""
        return DEFAULT_YOY_THRESHOLD if self.yoy_threshold is None else self.yoy_threshold

    def section_title(self, section_id: str) -> str:
        for s in self.sections:
            if s.id == section_id:
                return s.title
        return section_id

    def in_section(self, section_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.section == section_id]


def load(path: Path) -> Catalog:
    """Read one indicators.toml (checked against its schema: file, line and key named)."""
    data, source = tomlfile.read(path, "指标目录", check=schema.validate_catalog)
    return from_dict(data, source, checked=True)


def from_dict(data: dict[str, Any], source: Source | str = "", *, checked: bool = False) -> Catalog:
    """`checked`: `data` has passed schema.validate_catalog already (catalog.load)."""
    src = source if isinstance(source, Source) else Source(source)
    if not checked:
        schema.validate_catalog(data, src)
    cat = Catalog()
    for s in data.get("sections", []):
        cat.sections.append(Section(id=s["id"], title=s.get("title", s["id"])))
    for n, raw in enumerate(data.get("indicators", [])):
        ind = _indicator(raw, src, n)
        cat.indicators[ind.id] = ind
    cat.facts.extend(Fact(**raw) for raw in data.get("facts", []))
    for raw in data.get("points", []):
        slot = PointSlot(**raw)
        cat.points[slot.id] = slot
    for raw in data.get("headings", []):
        heading = HeadingSlot(**raw)
        cat.headings[heading.id] = heading
    for raw in data.get("rules", []):
        params = dict(raw)
        kind = params.pop("kind")
        severity = params.pop("severity", "error")
        cat.rules.append(Rule(kind=kind, params=params, source=src.file, severity=severity))
    checks = data.get("checks", {})
    if "yoy_threshold" in checks:
        cat.yoy_threshold = float(checks["yoy_threshold"])
    if "appendix" in data:
        raw = data["appendix"]
        cat.appendix = Appendix(title=str(raw.get("title", "各县(市、区)主要指标")),
                                indicators=tuple(raw["indicators"]))
    _ensure_sections(cat)
    return cat


def _indicator(raw: dict[str, Any], source: Source, n: int) -> Indicator:
    synonyms = raw.get("synonyms")
    ind = (Indicator(**raw) if synonyms is None  # most rows: no dict copied (10,000 in a pack)
           else Indicator(**{**raw, "synonyms": tuple(synonyms)}))
    if "." not in ind.id:
        raise schema.error(source, ("indicators", n, "id"),
                           f"“{ind.id}”应写成“板块.指标”的形式,如 \"法律援助.受理案件\"")
    if ind.kind == "rate" and not ind.unit:
        ind = replace(ind, unit="%")
    return ind


def _ensure_sections(cat: Catalog) -> None:
    """Every indicator's and point's section is listed, in first-seen order."""
    known = {s.id for s in cat.sections}
    for sid in [i.section for i in cat.indicators.values()] + [
        p.section for p in cat.points.values()
    ]:
        if sid not in known:
            cat.sections.append(Section(id=sid, title=sid, implied=True))
            known.add(sid)


def merge(base: Catalog, extra: Catalog) -> Catalog:
    """An office's catalog over a pack's: new entries are added, same ids are replaced."""
    out = Catalog(
        sections=list(base.sections),
        indicators=dict(base.indicators),
        facts=list(base.facts),
        points=dict(base.points),
        headings=dict(base.headings),
        rules=list(base.rules),
        yoy_threshold=base.yoy_threshold if extra.yoy_threshold is None else extra.yoy_threshold,
        appendix=extra.appendix or base.appendix,
    )
    titles = {s.id: i for i, s in enumerate(out.sections)}
    for s in extra.sections:
        if s.id in titles:
            if not s.implied:  # a section the office only implied keeps the pack's title
                out.sections[titles[s.id]] = s
        else:
            out.sections.append(s)
    out.indicators.update(extra.indicators)
    fact_keys = {f.key: i for i, f in enumerate(out.facts)}
    for f in extra.facts:
        if f.key in fact_keys:
            out.facts[fact_keys[f.key]] = f
        else:
            out.facts.append(f)
    out.points.update(extra.points)
    out.headings.update(extra.headings)
    out.rules.extend(extra.rules)
    return out
