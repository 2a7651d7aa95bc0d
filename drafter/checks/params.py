"""A rule's parameters: checked against config.schema.RULE_PARAMS and the catalog, normalized
into the form the checks use (ids a list, numbers Decimal). An ill-formed rule becomes a
finding (`bad-rule`, `unknown-indicator`), never an exception."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drafter.checks.codes import BAD_RULE, UNKNOWN_INDICATOR
from drafter.config.catalog import Catalog, Rule
from drafter.config.schema import RULE_PARAMS, problem
from drafter.model.findings import Code, Finding, finding


class RuleProblem(Exception):
    def __init__(self, code: Code, message: str):
        self.code, self.message = code, message


def parsed_rules(catalog: Catalog) -> list[tuple[Rule, dict[str, Any]]]:
    """The catalog's well-formed rules, each with its parameters normalized (a parameter that
    names several indicators is a list). Ill-formed ones are skipped; `run` reports them."""
    return checked_rules(catalog, [])


def checked_rules(catalog: Catalog, out: list[Finding]) -> list[tuple[Rule, dict[str, Any]]]:
    """Each well-formed rule with its normalized params; a finding for each other one.

    Worked out once per catalog (a check and a render ask several times per workbook, a batch
    for every workbook of a pack) and kept on the catalog while its rules and indicators stay
    the same objects; the params are shared, read-only."""
    key = (catalog.rules, catalog.indicators, len(catalog.rules), len(catalog.indicators))
    kept = catalog.__dict__.get(_CHECKED)
    if kept is None or any(a is not b for a, b in zip(kept[0][:2], key[:2], strict=True)) \
            or kept[0][2:] != key[2:]:
        kept = (key, *_checked(catalog))
        catalog.__dict__[_CHECKED] = kept
    out += kept[2]
    return list(kept[1])


_CHECKED = "_drafter_checked_rules"


def _checked(catalog: Catalog) -> tuple[list[tuple[Rule, dict[str, Any]]], list[Finding]]:
    good, bad = [], []
    for rule in catalog.rules:
        try:
            good.append((rule, params(rule, catalog)))
        except RuleProblem as problem:
            where = rule.source or "来源未知"
            msg = f"规则 {rule.kind or '(无类型)'}(来自 {where}){problem.message}。"
            bad.append(finding(problem.code, msg))
    return good, bad


def params(rule: Rule, catalog: Catalog) -> dict[str, Any]:
    """The rule's parameters checked against config.schema.RULE_PARAMS (the schema an
    indicators.toml is held to when read; a catalog built in code meets it here) and
    against the catalog: ids known, a rate rule's rate a rate, no text in arithmetic."""
    spec = RULE_PARAMS.get(rule.kind) if isinstance(rule.kind, str) else None
    if spec is None:
        raise RuleProblem(BAD_RULE, f"的类型无法识别(可用:{'、'.join(RULE_PARAMS)})")
    extra = sorted(set(rule.params) - set(spec))
    if extra:
        raise RuleProblem(BAD_RULE, f"有无法识别的参数 {'、'.join(extra)}")
    p: dict[str, Any] = {}
    named: list[tuple[str, str]] = []  # (param, indicator id)
    for name, fld in spec.items():
        raw = rule.params.get(name)
        if raw is None:
            if fld.required:
                raise RuleProblem(BAD_RULE, f"缺少参数 {name}")
            p[name] = False if fld.type == "bool" else None
            continue
        why = problem(raw, fld)
        if why:
            raise RuleProblem(BAD_RULE, f"的参数 {name} {why}")
        p[name] = _normal(fld.type, raw)
        if fld.type in ("id", "ids"):
            named += [(name, i) for i in (p[name] if fld.type == "ids" else [p[name]])]
    unknown = [f"{n} 引用了未知指标“{i}”" for n, i in named if i not in catalog.indicators]
    if unknown:
        raise RuleProblem(UNKNOWN_INDICATOR, "的 " + ",".join(unknown))
    kinds = {i: catalog.indicators[i].kind for _, i in named}
    if rule.kind == "rate" and kinds[p["rate"]] != "rate":
        raise RuleProblem(BAD_RULE, f"的 rate 参数“{p['rate']}”不是比率类指标")
    texts = [i for i, k in kinds.items() if k == "text"]
    if texts and rule.kind != "required":
        raise RuleProblem(BAD_RULE, f"引用了文字类指标“{'、'.join(texts)}”,无法计算")
    return p


def _normal(typ: str, raw: Any) -> Any:
    """A checked parameter in the form the checks use: ids a list, numbers Decimal."""
    if typ == "ids":
        return [raw] if isinstance(raw, str) else list(raw)
    if typ == "number":
        return Decimal(str(raw))
    return raw
