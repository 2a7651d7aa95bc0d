"""Checking a workbook's figures against the catalog's rules: problems are data.

`run(data, catalog)` returns a Report (the reader's findings, then the rules'), sorted stably by
section (catalog order) and cell. It never prints and never raises for bad data or a bad rule:
a pack author's mistake is a finding too (`unknown-indicator`, `bad-rule`).
`with_computed(data, catalog)` fills each blank rate that a `rate` rule can compute.

Rules (`[[rules]]` in indicators.toml; `kind` plus these params; "ids" = one id or a list):

- `sum`: `total` (id), `parts` (ids), `partial` (bool, default false: a 其中… list that need
  not be exhaustive, so the parts may only not exceed the total), `label` (text put before the
  message). Checked for 本期 and, when every value is filled, for 上年同期.
- `rate`: `rate` (id of a rate, in percent), `numerator` (id), `denominator` (ids, summed).
  The stated rate must equal numerator / denominator × 100 rounded half-up (ROUND_HALF_UP) at
  the decimals it is stated with (Figure.digits, else Indicator.digits, else 2): 98.8 for
  9368/9477 (98.849…) holds, 98.9 does not. 上年同期 is checked at the decimals it shows.
  A blank rate is computed (`rate-computed`, half-up, but a rate short of 100 is never
  rounded up to 100); a zero denominator gives `rate-zero-denominator`.
- `subset`: `part` (id), `whole` (ids, summed): part ≤ whole, e.g. 办结 ≤ 受理 + 上年结转.
- `range`: `indicators` (ids), `min`, `max` (numbers; `inf` allowed), `integer` (bool).
  Without a rule: counts ≥ 0 and whole, amounts ≥ 0, rates 0–100. A range rule's keys replace
  those defaults for its indicators (`max = inf` for a 完成率 that may pass 100%).
- `required`: `indicators` (ids): must be filled, besides Indicator.required / Fact.required.
  A blank rate that a rate rule computes counts as filled.
- `yoy`: `indicators` (ids, optional), `threshold` (a fraction, optional). Every count,
  amount and rate with both periods filled is compared with 上年同期; a count or amount whose
  change exceeds threshold × 上年 (上年 0: not compared), a rate whose change in 百分点 exceeds
  threshold × 100 gives a warning. Threshold: a yoy rule naming the indicator, else
  Indicator.yoy_threshold, else a yoy rule without indicators, else the catalog's (0.5).
  Listing a `number` indicator in a yoy rule compares it as a count.

Figures stated approximately (130余, 约300, or a part typed 1.2万) are not held to exact
arithmetic: a sum, rate or subset involving one is skipped. A total typed with 万/亿 is compared
at the precision it is stated with (1.42万 agrees with parts adding to 14,213).
Missing figures skip a rule silently: reporting them is the `required` check's business.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from drafter.checks import narrative, typed_numbers
from drafter.config.catalog import Catalog, Rule
from drafter.config.schema import RULE_PARAMS, problem
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import (
    CellRef,
    Finding,
    Report,
    Severity,
    define,
    finding,
)
from drafter.model.quantity import (
    SCALES,
    as_typed,
    decimals,
    plain_text,
    rate,
    ratio,
    round_half_up,
)
from drafter.workbook.layout import FACTS

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# fmt: off
define("sum-mismatch", _E, "合计与分项之和不符",
       "`sum` 规则的合计不等于各分项之和(本期或上年同期)。核对合计与各分项,改正填错的一项。",
       "律师所提供法律服务 2446 ≠ 接访咨询 1689 + 出具意见 65 + 法制宣传 473 + 参与调解 20 "
       "+ 法律援助 1 = 2248,相差 198。")
define("sum-parts-exceed", _E, "其中各项超过合计",
       "`sum` 规则标为 partial(“其中……”不必列全),但所列各项之和已超过合计。",
       "受理行政复议 26 < 其中:撤回 7 + 调解 25 = 32,多出 6。")
define("rate-mismatch", _E, "比率与分子分母不符",
       "所填比率不等于 分子 ÷ 分母 × 100 按所填的小数位数四舍五入(逢五进一)的结果。"
       "例如 9368 ÷ 9477 × 100 = 98.849…,填 98.8% 正确,填 98.9% 有误。",
       "调处成功率 97.6% ≠ 调处成功 33467 ÷ 调处纠纷 34334 × 100 = 97.4748…%,"
       "按 1 位小数四舍五入应为 97.5%。")
define("rate-computed", _I, "比率已按分子分母算出",
       "比率未填,分子分母均已填写:按 `rate` 规则算出,报告中使用算出的值。",
       "调解率未填,按 撤回 7 ÷ 办结 23 × 100 算得 30.43%。")
define("rate-zero-denominator", _W, "比率的分母为 0",
       "`rate` 规则的分母为 0,比率无从计算或核对;请核实分母,或在报告中不写该比率。",
       "调解率的分母为 0(撤回 0 ÷ 办结 0 × 100),比率无法计算或核对。")
define("subset-exceeded", _E, "部分大于整体",
       "`subset` 规则的部分(如办结)大于整体(如受理 + 上年结转)。",
       "办结 30 > 受理 26 + 上年结转 3 = 29,多出 1。")
define("out-of-range", _E, "数值超出范围",
       "数值超出允许范围:计数与金额不能为负,比率应在 0–100 之间,或超出 `range` 规则的界限。",
       "受理法律援助案件 -3 小于下限 0。")
define("not-integer", _E, "计数不是整数",
       "计数类指标(件、人次、场次……)应为整数;`range` 规则 integer = true 的指标同理。",
       "受理法律援助案件 236.5 不是整数。")
define("missing-required", _E, "必填项未填写",
       "指标目录或 `required` 规则要求填写的指标、基本信息未填写。",
       "必填指标“受理法律援助案件”未填写。")
define("yoy-swing", _W, "同比变化过大",
       "与上年同期相比变化超过提示线(默认 50%;比率按百分点计),可能填错了单位或期间,请核实。",
       "受理法律援助案件 本期 520,上年同期 236,同比增长 120.3%,超过 50% 的提示线。")
define("unknown-indicator", _E, "规则引用了未知指标",
       "模板包或单位目录中的规则引用了指标目录里没有的指标编号,属于模板作者的错误;规则被跳过。",
       "规则 sum(来自 templates/年度工作总结/indicators.toml)的 parts 引用了未知指标“人民调解.其他”。")
define("bad-rule", _E, "规则写法有误",
       "规则的参数与指标对不上(如 rate 参数不是比率类指标、对文字类指标做加减),属于模板作者的"
       "错误;规则被跳过。参数缺少、类型不对或无法识别在读入 indicators.toml 时就会指出(文件、"
       "行号、参数名,退出码 2)。",
       "规则 rate(来自 indicators.toml)缺少参数 denominator。")
# fmt: on

_IMPLICIT_RANGE: dict[str, dict[str, Any]] = {
    "count": {"min": Decimal(0), "integer": True},
    "amount": {"min": Decimal(0)},
    "rate": {"min": Decimal(0), "max": Decimal(100)},
}
_YOY_KINDS = ("count", "amount", "rate")
_COLUMNS = ("value", "previous")


class _RuleProblem(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message


@dataclass
class _Ctx:
    data: WorkbookData
    catalog: Catalog
    out: list[Finding] = field(default_factory=list)

    def fig(self, ind_id: str) -> Figure | None:
        return self.data.figures.get(ind_id)

    def name(self, ind_id: str) -> str:
        f, ind = self.fig(ind_id), self.catalog.indicators.get(ind_id)
        return (f.name if f else "") or (ind.name if ind else "") or ind_id

    def add(self, code: str, message: str, ids: list[str], cells: list[CellRef | None],
            expected: Decimal | None = None, actual: Decimal | None = None) -> None:
        """`expected` what the rule wants, `actual` what the workbook states (see Finding)."""
        self.out.append(
            finding(code, message, [c for c in cells if c], section=_section(ids[0]),
                    indicators=ids, expected=expected, actual=actual)
        )


# ---------------------------------------------------------------- entry points


def run(data: WorkbookData, catalog: Catalog) -> Report:
    """Check `data` against `catalog`: the reader's findings plus every rule's, sorted."""
    ctx = _Ctx(data, catalog)
    rules = _parsed_rules(catalog, ctx.out)
    for rule, p in rules:
        if rule.kind in _CHECKS:
            _CHECKS[rule.kind](ctx, p)
    _ranges(ctx, [p for r, p in rules if r.kind == "range"])
    _required(ctx, [p for r, p in rules if r.kind in ("required", "rate")])
    _yoy(ctx, [p for r, p in rules if r.kind == "yoy"])
    computed = with_computed(data, catalog)  # a rate a rule computes is not missing
    ctx.out += narrative.check(computed, catalog) + typed_numbers.check(computed, catalog)
    own = list(dict.fromkeys(ctx.out))  # a rule listed twice (pack and office) speaks once
    return Report(sorted([*data.findings, *own], key=_order_key(catalog)))


def with_computed(data: WorkbookData, catalog: Catalog) -> WorkbookData:
    """A copy of `data` whose blank rates with a `rate` rule hold their computed value."""
    figures, ctx = dict(data.figures), _Ctx(data, catalog)
    for rule, p in _parsed_rules(catalog, []):
        if rule.kind != "rate":
            continue
        rate = figures.get(p["rate"])
        if rate is not None and rate.value is not None:
            continue
        computed, digits = _compute(ctx, p)
        if computed is not None:
            ind = catalog.indicators[p["rate"]]
            base = rate or Figure(id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind)
            figures[ind.id] = dataclasses.replace(
                base, value=computed, digits=digits, computed=True
            )
    return dataclasses.replace(data, figures=figures, findings=list(data.findings))


# ---------------------------------------------------------------- rule parameters


def parsed_rules(catalog: Catalog) -> list[tuple[Rule, dict[str, Any]]]:
    """The catalog's well-formed rules, each with its parameters normalized (a parameter that
    names several indicators is a list). Ill-formed ones are skipped; `run` reports them."""
    return _parsed_rules(catalog, [])


def _parsed_rules(catalog: Catalog, out: list[Finding]) -> list[tuple[Rule, dict[str, Any]]]:
    """Each well-formed rule with its normalized params; a finding for each other one."""
    good = []
    for rule in catalog.rules:
        try:
            good.append((rule, _params(rule, catalog)))
        except _RuleProblem as problem:
            where = rule.source or "来源未知"
            msg = f"规则 {rule.kind or '(无类型)'}(来自 {where}){problem.message}。"
            out.append(finding(problem.code, msg))
    return good


def _params(rule: Rule, catalog: Catalog) -> dict[str, Any]:
    """The rule's parameters checked against config.schema.RULE_PARAMS (the schema an
    indicators.toml is held to when read; a catalog built in code meets it here) and
    against the catalog: ids known, a rate rule's rate a rate, no text in arithmetic."""
    spec = RULE_PARAMS.get(rule.kind) if isinstance(rule.kind, str) else None
    if spec is None:
        raise _RuleProblem("bad-rule", f"的类型无法识别(可用:{'、'.join(RULE_PARAMS)})")
    extra = sorted(set(rule.params) - set(spec))
    if extra:
        raise _RuleProblem("bad-rule", f"有无法识别的参数 {'、'.join(extra)}")
    p: dict[str, Any] = {}
    named: list[tuple[str, str]] = []  # (param, indicator id)
    for name, fld in spec.items():
        raw = rule.params.get(name)
        if raw is None:
            if fld.required:
                raise _RuleProblem("bad-rule", f"缺少参数 {name}")
            p[name] = False if fld.type == "bool" else None
            continue
        why = problem(raw, fld)
        if why:
            raise _RuleProblem("bad-rule", f"的参数 {name} {why}")
        p[name] = _normal(fld.type, raw)
        if fld.type in ("id", "ids"):
            named += [(name, i) for i in (p[name] if fld.type == "ids" else [p[name]])]
    unknown = [f"{n} 引用了未知指标“{i}”" for n, i in named if i not in catalog.indicators]
    if unknown:
        raise _RuleProblem("unknown-indicator", "的 " + ",".join(unknown))
    kinds = {i: catalog.indicators[i].kind for _, i in named}
    if rule.kind == "rate" and kinds[p["rate"]] != "rate":
        raise _RuleProblem("bad-rule", f"的 rate 参数“{p['rate']}”不是比率类指标")
    texts = [i for i, k in kinds.items() if k == "text"]
    if texts and rule.kind != "required":
        raise _RuleProblem("bad-rule", f"引用了文字类指标“{'、'.join(texts)}”,无法计算")
    return p


def _normal(typ: str, raw: Any) -> Any:
    """A checked parameter in the form the checks use: ids a list, numbers Decimal."""
    if typ == "ids":
        return [raw] if isinstance(raw, str) else list(raw)
    if typ == "number":
        return Decimal(str(raw))
    return raw


# ---------------------------------------------------------------- sum, rate, subset


def _sum(ctx: _Ctx, p: dict[str, Any]) -> None:
    ids = [p["total"], *p["parts"]]
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        vals = _values(figs, column)
        if vals is None or (column == "value" and _approximate(figs, exact_total=True)):
            continue
        total, parts = vals[0], vals[1:]
        added = sum(parts, Decimal(0))
        terms = " + ".join(
            f"{_part_name(ctx.name(i))} {_fmt(v)}" for i, v in zip(ids[1:], parts, strict=True)
        )
        lead = (f"{p['label']}:" if p["label"] else "") + ("上年同期:" if column != "value" else "")
        shown = _shown(figs[0], column)
        cells = [_cell(f, column) for f in figs]
        if p["partial"]:
            if added > total:
                msg = f"{lead}{ctx.name(ids[0])} {shown} < 其中:{terms} = {_fmt(added)}"
                ctx.add("sum-parts-exceed", f"{msg},多出 {_fmt(added - total)}。", ids, cells,
                        total, added)
        elif not _agrees(figs[0], column, total, added):
            msg = f"{lead}{ctx.name(ids[0])} {shown} ≠ {terms} = {_fmt(added)}"
            ctx.add("sum-mismatch", f"{msg},相差 {_fmt(abs(total - added))}。", ids, cells,
                    added, total)


def _rate(ctx: _Ctx, p: dict[str, Any]) -> None:
    ids = [p["rate"], p["numerator"], *p["denominator"]]
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        num, den = _parts(ctx, p, column)
        stated = getattr(figs[0], column) if figs[0] else None
        now = column == "value"
        if num is None or den is None or (now and _approximate(figs[1:])):
            continue
        name = ("" if now else "上年同期:") + ctx.name(p["rate"])
        formula = _formula(ctx, p, num, den)
        cells = [_cell(f, column) for f in figs]
        if den == 0:
            if now:
                msg = f"{name}的分母为 0({formula}),比率无法计算或核对。"
                ctx.add("rate-zero-denominator", msg, ids, cells)
        elif stated is None:
            if now:
                msg = f"{name}未填,按 {formula} 算得 {_fmt(_compute(ctx, p)[0])}%。"
                ctx.add("rate-computed", msg, ids, cells, _compute(ctx, p)[0])
        elif not (now and figs[0].qualifier):  # 93.4%以上 is a bound, not a claim to check
            digits = _digits(ctx, p["rate"]) if now else decimals(stated.normalize())
            exact = ratio(num, den)
            expected = round_half_up(exact, digits)
            if round_half_up(stated, digits) != expected:  # a formula cell shown as 98.8% may hold 98.849…
                msg = (
                    f"{name} {_fmt(stated)}% ≠ {formula} = {_approx_text(exact)}%,"
                    f"按 {digits} 位小数四舍五入应为 {_fmt(expected)}%。"
                )
                ctx.add("rate-mismatch", msg, ids, cells, expected, stated)


def _compute(ctx: _Ctx, p: dict[str, Any]) -> tuple[Decimal | None, int]:
    """A rate rule's value from its parts, at the rate's digits (None when not computable)."""
    digits = _digits(ctx, p["rate"])
    num, den = _parts(ctx, p, "value")
    figs = [ctx.fig(i) for i in [p["numerator"], *p["denominator"]]]
    if num is None or den is None or den == 0 or _approximate(figs):
        return None, digits
    return rate(num, den, digits), digits


def _subset(ctx: _Ctx, p: dict[str, Any]) -> None:
    ids = [p["part"], *p["whole"]]
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        vals = _values(figs, column)
        if vals is None or (column == "value" and _approximate(figs)):
            continue
        whole = sum(vals[1:], Decimal(0))
        if vals[0] <= whole:
            continue
        terms = " + ".join(
            f"{ctx.name(i)} {_fmt(v)}" for i, v in zip(ids[1:], vals[1:], strict=True)
        )
        if len(ids) > 2:
            terms += f" = {_fmt(whole)}"
        lead = "上年同期:" if column != "value" else ""
        msg = f"{lead}{ctx.name(ids[0])} {_fmt(vals[0])} > {terms},多出 {_fmt(vals[0] - whole)}。"
        ctx.add("subset-exceeded", msg, ids, [_cell(f, column) for f in figs], whole, vals[0])


_CHECKS = {"sum": _sum, "rate": _rate, "subset": _subset}


# ---------------------------------------------------------------- range, required, yoy


def _ranges(ctx: _Ctx, rules: list[dict[str, Any]]) -> None:
    bounds = {
        i: dict(_IMPLICIT_RANGE.get(ind.kind, {})) for i, ind in ctx.catalog.indicators.items()
    }
    for p in rules:
        given = {k: p[k] for k in ("min", "max", "integer") if p[k] is not None}
        for i in p["indicators"]:
            bounds[i].update(given)
    for ind_id, b in bounds.items():
        f = ctx.fig(ind_id)
        for column in _COLUMNS if f else ():
            v = getattr(f, column)
            if v is None:
                continue
            lead = f"{ctx.name(ind_id)}{'上年同期' if column != 'value' else ''} {_fmt(v)}"
            cells = [_cell(f, column)]
            if b.get("min") is not None and v < b["min"]:
                ctx.add("out-of-range", f"{lead} 小于下限 {_fmt(b['min'])}。", [ind_id], cells,
                        b["min"], v)
            elif b.get("max") is not None and v > b["max"]:
                ctx.add("out-of-range", f"{lead} 大于上限 {_fmt(b['max'])}。", [ind_id], cells,
                        b["max"], v)
            if b.get("integer") and v != v.to_integral_value():
                ctx.add("not-integer", f"{lead} 不是整数。", [ind_id], cells, actual=v)


def _required(ctx: _Ctx, rules: list[dict[str, Any]]) -> None:
    wanted = [i for i, ind in ctx.catalog.indicators.items() if ind.required]
    wanted += [i for p in rules if "indicators" in p for i in p["indicators"]]
    computable = {p["rate"] for p in rules if "rate" in p and _compute(ctx, p)[0] is not None}
    for ind_id in dict.fromkeys(wanted):
        f = ctx.fig(ind_id)
        if ind_id in computable or (f is not None and not f.missing):
            continue
        where = "未填写" if f is not None else "未填写(工作簿中没有这一行)"
        ctx.add(
            "missing-required",
            f"必填指标“{ctx.name(ind_id)}”{where}。",
            [ind_id],
            [f.cell if f else None],
        )
    for fact in ctx.catalog.facts:
        if fact.required and not ctx.data.facts.get(fact.key, "").strip():
            cell = ctx.data.fact_cells.get(fact.key) or CellRef(FACTS, "A1")
            msg = f"基本信息“{fact.key}”未填写。"
            ctx.out.append(finding("missing-required", msg, [cell]))


def _yoy(ctx: _Ctx, rules: list[dict[str, Any]]) -> None:
    default = ctx.catalog.yoy_limit
    for p in rules:
        if p["indicators"] is None and p["threshold"] is not None:
            default = float(p["threshold"])
    limits = {
        i: ind.yoy_threshold if ind.yoy_threshold is not None else default
        for i, ind in ctx.catalog.indicators.items()
        if ind.kind in _YOY_KINDS
    }
    for p in rules:
        for i in p["indicators"] or ():
            limits[i] = (
                float(p["threshold"]) if p["threshold"] is not None else limits.get(i, default)
            )
    for ind_id, limit in limits.items():
        f = ctx.fig(ind_id)
        if f is None or f.value is None or f.previous is None:
            continue
        change, cells, name = f.value - f.previous, [f.cell, f.previous_cell], ctx.name(ind_id)
        if f.kind == "rate" and abs(change) > Decimal(str(limit)) * 100:
            msg = (
                f"{name} 本期 {_fmt(f.value)}%,上年同期 {_fmt(f.previous)}%,"
                f"{'提高' if change > 0 else '下降'} {_fmt(abs(change))} 个百分点,"
                f"超过 {_pct(limit)} 个百分点的提示线。"
            )
            ctx.add("yoy-swing", msg, [ind_id], cells, f.previous, f.value)
        elif (
            f.kind != "rate" and f.previous and abs(change) / abs(f.previous) > Decimal(str(limit))
        ):
            share = round_half_up(ratio(abs(change), abs(f.previous)), 1)
            msg = (
                f"{name} 本期 {_shown(f, 'value')},上年同期 {_fmt(f.previous)},"
                f"同比{'增长' if change > 0 else '下降'} {_fmt(share)}%,超过 {_pct(limit)}% 的提示线。"
            )
            ctx.add("yoy-swing", msg, [ind_id], cells, f.previous, f.value)


# ---------------------------------------------------------------- helpers


def _values(figs: list[Figure | None], column: str) -> list[Decimal] | None:
    vals = [getattr(f, column) if f else None for f in figs]
    return None if any(v is None for v in vals) else vals


def _parts(ctx: _Ctx, p: dict[str, Any], column: str) -> tuple[Decimal | None, Decimal | None]:
    num = _values([ctx.fig(p["numerator"])], column)
    den = _values([ctx.fig(i) for i in p["denominator"]], column)
    return (num[0] if num else None), (sum(den, Decimal(0)) if den else None)


def _approximate(figs: list[Figure | None], exact_total: bool = False) -> bool:
    """A figure stated as 130余 / 约300 / 1.2万 (a total typed with 万 is compared as stated)."""
    for n, f in enumerate(figs):
        if f is not None and (f.qualifier or (f.scale and not (exact_total and n == 0))):
            return True
    return False


def _agrees(total_fig: Figure | None, column: str, total: Decimal, added: Decimal) -> bool:
    if column == "value" and total_fig and total_fig.scale and total_fig.digits is not None:
        unit = SCALES[total_fig.scale]
        digits = total_fig.digits
        return round_half_up(total / unit, digits) == round_half_up(added / unit, digits)
    return total == added


def _digits(ctx: _Ctx, rate_id: str) -> int:
    f, ind = ctx.fig(rate_id), ctx.catalog.indicators[rate_id]
    if f is not None and f.digits is not None:
        return f.digits
    return ind.digits if ind.digits is not None else 2


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _approx_text(exact: Decimal) -> str:
    shown = round_half_up(exact, 4)
    return plain_text(shown) + ("" if shown == exact else "…")


def _pct(fraction: float) -> str:
    return plain_text(round_half_up(Decimal(str(fraction)) * 100, 2))


def _shown(f: Figure | None, column: str) -> str:
    """A value as typed: 1.42万, 130余, 约300 (上年同期 values carry no qualifier)."""
    if f is None or column != "value" or f.value is None:
        return _fmt(getattr(f, column) if f else None)
    return as_typed(f.value, f.qualifier, f.scale, f.digits)


def _formula(ctx: _Ctx, p: dict[str, Any], num: Decimal, den: Decimal) -> str:
    dens = p["denominator"]
    below = ctx.name(dens[0]) if len(dens) == 1 else f"({'+'.join(map(ctx.name, dens))})"
    return f"{ctx.name(p['numerator'])} {_fmt(num)} ÷ {below} {_fmt(den)} × 100"


def _part_name(name: str) -> str:
    """其中:家事类 → 家事类 (the message already reads as a breakdown)."""
    return re.sub(r"^其中[:：\s]*", "", name) or name


def _cell(f: Figure | None, column: str) -> CellRef | None:
    return None if f is None else f.cell if column == "value" else f.previous_cell


def _section(ind_id: str) -> str:
    return ind_id.split(".", 1)[0] if "." in ind_id else ""


def _order_key(catalog: Catalog):
    sections = {s.id: n for n, s in enumerate(catalog.sections)}

    def key(f: Finding) -> tuple[int, str, str, int, int]:
        rank = -1 if not f.section else sections.get(f.section, len(sections))
        sheet, at = (f.cells[0].sheet, f.cells[0].position) if f.cells else ("", None)
        return (rank, f.section, sheet, *(at or (0, 0)))

    return key
