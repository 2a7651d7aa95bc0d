"""The city's figures from its districts' workbooks (drafter rollup).

Additive indicators (counts and amounts, or any marked `additive = true`) are summed; a rate
with a `rate` rule is recomputed from the summed numerator and denominator, never averaged;
everything else (a rate without parts, a number such as an age limit, a text) is left for
the city to fill and listed with the reason. Facts every district states alike (年度,
报告期间) are kept. Pure: reading, checking and writing workbooks happen elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from drafter.checks.params import parsed_rules
from drafter.config.catalog import Catalog, Indicator
from drafter.model.figures import Figure, WorkbookData
from drafter.model.quantity import AT_LEAST, rate
from drafter.model.rollup import District, Rollup

# Facts a city states for itself even when every district happens to agree.
OWN_FACTS = ("单位名称", "署名", "成文日期", "报告标题", "导语")


_BLANK = Figure(id="", name="")


def district_name(data: WorkbookData, fallback: str) -> str:
    name = data.facts.get("单位名称", "").strip()
    if name.endswith("司法局") and len(name) > 3:
        name = name[: -len("司法局")]
    return name or fallback


# What two names that look alike may differ by: zero-width characters, variation selectors
# (U+FE0F after a character), direction controls, soft hyphens, byte-order marks.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
                        "\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def name_key(name: str) -> str:
    """A 单位名称 as compared: NFKC (full-width letters and digits, compatibility
    ideographs), without invisible characters and any space (NBSP, U+3000), case folded,
    without a closing 司法局. 镜湖区司法局, 镜\u200b湖区 and 镜湖区\u3000 are one district."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", name))
    text = "".join(text.split()).casefold()
    return text[: -len("司法局")] if text.endswith("司法局") and len(text) > 3 else text


def roll_up(kind: str, districts: list[District], catalog: Catalog) -> Rollup:
    out = Rollup(kind, districts)
    out.facts = _shared_facts(districts)
    for ind in catalog.indicators.values():
        if ind.sums:
            _add(out, ind)
    rated = {p["rate"]: p for p in _rate_rules(catalog)}
    for ind in catalog.indicators.values():
        if ind.sums:
            continue
        if ind.id in rated:
            _recompute(out, ind, rated[ind.id], catalog)
        else:
            out.left[ind.id] = _why_not(ind)
        if ind.id not in out.figures:
            out.figures[ind.id] = _blank(ind)
    return out


def _shared_facts(districts: list[District]) -> dict[str, str]:
    if not districts:
        return {}
    first = districts[0].data.facts
    return {
        key: value for key, value in first.items()
        if key not in OWN_FACTS and all(d.data.facts.get(key) == value for d in districts[1:])
    }


def _add(out: Rollup, ind: Indicator) -> None:
    figs = [d.data.figures.get(ind.id) for d in out.districts]
    values = [f.value for f in figs if f is not None and f.value is not None]
    previous = [f.previous for f in figs if f is not None and f.previous is not None]
    if not values and not previous:
        out.figures[ind.id] = _blank(ind)
        return
    qualifiers = {f.qualifier for f in figs if f is not None and f.qualifier}
    # "at least" qualifiers add up: 130余 + 50 is 180余; with 约 or 近 anywhere the sum is 约.
    qualifier = "" if not qualifiers else "余" if qualifiers <= set(AT_LEAST) else "约"
    digits = max((f.digits for f in figs if f is not None and f.digits), default=None)
    out.figures[ind.id] = Figure(
        id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind,
        value=sum(values, Decimal(0)) if values else None,
        previous=sum(previous, Decimal(0)) if previous else None,
        qualifier=qualifier, digits=digits if ind.kind != "count" else None,
    )
    blank = [d.name for d, f in zip(out.districts, figs, strict=True)
             if f is None or f.value is None]
    how = f"{len(values)} 个区县相加"
    if values and blank:
        how += f"（{'、'.join(blank)}未填）"
        out.partial[ind.id] = blank
    if qualifier:
        how += f"，含约数，按“{qualifier}”写"
    out.how[ind.id] = how


def _rate_rules(catalog: Catalog) -> list[dict]:
    return [p for rule, p in parsed_rules(catalog) if rule.kind == "rate"]


def _recompute(out: Rollup, ind: Indicator, p: dict, catalog: Catalog) -> None:
    parts = [p["numerator"], *p["denominator"]]
    names = [catalog.indicators[i].name for i in parts]
    if not all(catalog.indicators[i].sums for i in parts):
        out.left[ind.id] = "比率的分子或分母不能相加，无法由区县数算出"
        return
    figs = [out.figures[i] for i in parts]
    if any(f.qualifier for f in figs):
        out.left[ind.id] = "分子或分母含约数，无法算出准确比率"
        return
    digits = ind.digits if ind.digits is not None else max(
        (d.data.figures[ind.id].digits or 0 for d in out.districts
         if ind.id in d.data.figures and d.data.figures[ind.id].value is not None), default=2)
    rates = []
    for column in ("value", "previous"):
        num = getattr(figs[0], column)
        dens = [getattr(f, column) for f in figs[1:]]
        if num is None or any(d is None for d in dens):
            rates.append(None)
        else:
            rates.append(rate(num, sum(dens, Decimal(0)), digits))
    if rates[0] is None:
        out.left[ind.id] = f"{names[0]}或{'、'.join(names[1:])}未填或为零，无法算出"
        return
    out.figures[ind.id] = Figure(id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind,
                                 value=rates[0], previous=rates[1], digits=digits)
    out.how[ind.id] = f"由全市{names[0]} ÷ {'+'.join(names[1:])}重新计算，不是各区县比率的平均"


def _why_not(ind: Indicator) -> str:
    if ind.kind == "text":
        return "文字，不能相加"
    if ind.kind == "rate":
        return "比率没有对应的分子、分母，不能由区县数算出"
    return "数值不能相加（如年龄、排名、人均数）"


def _blank(ind: Indicator) -> Figure:
    return Figure(id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind)
