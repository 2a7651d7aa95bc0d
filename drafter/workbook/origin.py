"""What a workbook was made with, recorded by `drafter init` and compared at check and render.

`drafter init` writes two locked rows at the end of 基本信息: 单位文件夹 (the office folder's
name, empty for a built-in pack) and 目录指纹 (a short hash of the catalog the rows were made
from). Checking or rendering without that office folder — which silently gives another
report — or with a catalog that has changed since is then a warning naming both.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

from drafter.config.catalog import Catalog
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Finding, finding
from drafter.workbook import layout
from drafter.workbook.codes import CATALOG_CHANGED, OFFICE_NOT_MATCHING

OFFICE_FACT = "单位文件夹"
FINGERPRINT_FACT = "目录指纹"
OMITTED_FACT = "略去的板块"  # drafter init --omit: sections whose rows were left out
# drafter import: the pack's required indicators last year's report never mentioned
NOT_REQUIRED_FACT = "不再必填的指标"
KEYS = (OFFICE_FACT, FINGERPRINT_FACT, OMITTED_FACT, NOT_REQUIRED_FACT)
HINT = "由 drafter init 填写,请勿改动:检查和生成时据此核对单位文件夹与指标目录"


def fingerprint(catalog: Catalog) -> str:
    """12 hex digits that change whenever the rows a workbook is made from change. Worked
    out once per catalog object (every workbook of a batch is compared with it)."""
    kept = _prints.get(id(catalog))
    if kept is not None and kept[0] is catalog:
        return kept[1]
    found = _fingerprint(catalog)
    if len(_prints) >= 16:
        _prints.clear()
    _prints[id(catalog)] = (catalog, found)
    return found


_prints: dict[int, tuple[Catalog, str]] = {}


def _fingerprint(catalog: Catalog) -> str:
    shape = {
        "sections": [s.id for s in catalog.sections],
        "indicators": sorted((i.id, i.name, i.unit, i.kind) for i in catalog.indicators.values()),
        "points": sorted(catalog.points),
        "facts": sorted(f.key for f in catalog.facts),
        "headings": sorted(catalog.headings),
    }
    text = json.dumps(shape, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def rows(catalog: Catalog, office: str,
         omitted: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """The 基本信息 rows `drafter init` writes: (项目, 内容, 说明). `catalog` is the whole
    catalog (the fingerprint is of it), `omitted` the sections left out of 指标."""
    out = [(OFFICE_FACT, office, HINT), (FINGERPRINT_FACT, fingerprint(catalog), HINT)]
    if omitted:
        out.append((OMITTED_FACT, "、".join(omitted),
                    "生成时略去了这些板块的指标(drafter init --omit);检查不再要求它们"))
    return out


def omitted(data: WorkbookData) -> frozenset[str]:
    """The sections `drafter init --omit` left out of this workbook."""
    return frozenset(s for s in re.split(r"[、,，\s]+", data.origin.get(OMITTED_FACT, "")) if s)


def not_required(data: WorkbookData) -> frozenset[str]:
    """The indicators (编号) this workbook does not require, though its pack does: recorded
    by drafter import for the required rows last year's report never mentioned."""
    return frozenset(s for s in re.split(r"[、,，\s]+", data.origin.get(NOT_REQUIRED_FACT, ""))
                     if s)


def relaxed(catalog: Catalog, ids: frozenset[str]) -> Catalog:
    """`catalog` with the indicators `ids` no longer required (nor listed by `required`
    rules)."""
    if not ids:
        return catalog
    indicators = {i: replace(ind, required=False) if i in ids else ind
                  for i, ind in catalog.indicators.items()}
    rules = []
    for r in catalog.rules:
        if r.kind == "required":
            listed = r.params.get("indicators")
            listed = [listed] if isinstance(listed, str) else list(listed or [])
            kept = [i for i in listed if i not in ids]
            if not kept:
                continue
            r = replace(r, params={**r.params, "indicators": kept})
        rules.append(r)
    return replace(catalog, indicators=indicators, rules=rules)


def without(catalog: Catalog, sections: frozenset[str]) -> Catalog:
    """`catalog` without the indicators of `sections` and the rules that name them."""
    if not sections:
        return catalog
    kept = {i: ind for i, ind in catalog.indicators.items() if ind.section not in sections}

    def named(value: object) -> list[str]:
        return [value] if isinstance(value, str) else list(value or []) if isinstance(
            value, list | tuple) else []

    rules = [r for r in catalog.rules
             if not any(i.split(".", 1)[0] in sections
                        for v in r.params.values() for i in named(v) if "." in i)]
    return replace(catalog, indicators=kept, rules=rules,
                   sections=[s for s in catalog.sections if s.id not in sections])


def compare(data: WorkbookData, catalog: Catalog, office: Path | None) -> list[Finding]:
    """Warnings when the workbook was made with another office folder or catalog."""
    out: list[Finding] = []
    recorded = data.origin.get(OFFICE_FACT, "")
    given = office.resolve().name if office is not None else ""
    cell = data.fact_cells.get(OFFICE_FACT) or CellRef(layout.FACTS, "")
    if recorded and recorded != given:
        now = f"本次用的是“{given}”" if given else "本次未加 --office"
        out.append(finding(OFFICE_NOT_MATCHING,
                           f"此数据表由单位文件夹“{recorded}”生成,{now};"
                           f"报告不会用上该单位的模板、指标和规则,请加 --office {recorded}", [cell]))
    made = data.origin.get(FINGERPRINT_FACT, "")
    now_print = fingerprint(catalog) if made and not out else ""
    if made and made != now_print and not out:
        where = data.fact_cells.get(FINGERPRINT_FACT) or cell
        why = (f"数据表由内置模板包生成,本次加了 --office {given}" if given and not recorded
               else "数据表生成后指标目录有变化")
        out.append(finding(CATALOG_CHANGED,
                           f"{why}:生成时的指标目录(指纹 {made})与现在的(指纹 {now_print})"
                           "不同;可用 drafter init 生成新表对照补齐", [where]))
    return out
