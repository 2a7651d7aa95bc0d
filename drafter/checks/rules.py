"""Checking a workbook's figures against the catalog's rules: problems are data.

`run(data, catalog)` returns a Report (the reader's findings, then the rules'), sorted stably by
section (catalog order) and cell. It never prints and never raises for bad data or a bad rule:
a pack author's mistake is a finding too (`unknown-indicator`, `bad-rule`).
`with_computed(data, catalog)` fills each blank rate that a `rate` rule can compute.

Rules (`[[rules]]` in indicators.toml; `kind` plus these params; "ids" = one id or a list):

- `sum`: `total` (id), `parts` (ids), `minus` (ids, optional: taken away, 实有 = 编制 − 划转),
  `partial` (bool, default false: a 其中… list that need not be exhaustive, so the parts may
  only not exceed the total), `label` (text put before the message). Checked for 本期 and,
  when every value is filled, for 上年同期.
- `rate`: `rate` (id of a rate, in percent), `numerator` (id), `denominator` (ids, summed).
  The stated rate must equal numerator / denominator × 100 rounded half-up (ROUND_HALF_UP) at
  the decimals it is stated with (Figure.digits, else Indicator.digits, else 2): 98.8 for
  9368/9477 (98.849…) holds, 98.9 does not. 上年同期 is checked at the decimals it shows.
  A blank rate is computed (`rate-computed`, half-up, but a rate short of 100 is never
  rounded up to 100); a zero denominator gives `rate-zero-denominator`.
- `subset`: `part` (ids, summed), `whole` (ids, summed): part ≤ whole, e.g. 办结 ≤ 受理 +
  上年结转, 废止 + 拟修改 ≤ 梳理.

A sum, rate or subset rule with `severity = "warning"` (the 规则 sheet's 级别 警告) reports
what does not hold as a warning instead of an error.
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
from drafter.checks.codes import (
    MISSING_REQUIRED,
    NOT_INTEGER,
    OUT_OF_RANGE,
    RATE_COMPUTED,
    RATE_MISMATCH,
    RATE_ZERO_DENOMINATOR,
    SUBSET_EXCEEDED,
    SUM_MISMATCH,
    SUM_PARTS_EXCEED,
    YOY_SWING,
)
from drafter.checks.params import checked_rules
from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import (
    CellRef,
    Code,
    Finding,
    Report,
    Severity,
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

_IMPLICIT_RANGE: dict[str, dict[str, Any]] = {
    "count": {"min": Decimal(0), "integer": True},
    "amount": {"min": Decimal(0)},
    "rate": {"min": Decimal(0), "max": Decimal(100)},
}
_YOY_KINDS = ("count", "amount", "rate")
_COLUMNS = ("value", "previous")


@dataclass
class _Ctx:
    data: WorkbookData
    catalog: Catalog
    out: list[Finding] = field(default_factory=list)
    severity: str = "error"  # the rule being checked: "warning" demotes its errors

    def fig(self, ind_id: str) -> Figure | None:
        return self.data.figures.get(ind_id)

    def name(self, ind_id: str) -> str:
        f, ind = self.fig(ind_id), self.catalog.indicators.get(ind_id)
        return (f.name if f else "") or (ind.name if ind else "") or ind_id

    def add(self, code: Code, message: str, ids: list[str], cells: list[CellRef | None],
            expected: Decimal | None = None, actual: Decimal | None = None) -> None:
        """`expected` what the rule wants, `actual` what the workbook states (see Finding)."""
        found = finding(code, message, [c for c in cells if c], section=_section(ids[0]),
                        indicators=ids, expected=expected, actual=actual)
        if self.severity == "warning" and found.severity is Severity.ERROR:
            found = dataclasses.replace(found, severity=Severity.WARNING,
                                        message=found.message + "(本条规则的级别为警告)")
        self.out.append(found)


# ---------------------------------------------------------------- entry points


def run(data: WorkbookData, catalog: Catalog,
        computed: dict[str, Figure] | None = None) -> Report:
    """Check `data` against `catalog`: the reader's findings plus every rule's, sorted.
    `computed`: `with_computed(data, catalog).figures` when the caller has it already
    (pipeline.check_workbook computes it once)."""
    ctx = _Ctx(data, catalog)
    rules = checked_rules(catalog, ctx.out)
    for rule, p in rules:
        if rule.kind in _CHECKS:
            ctx.severity = rule.severity
            _CHECKS[rule.kind](ctx, p)
    ctx.severity = "error"
    _ranges(ctx, [p for r, p in rules if r.kind == "range"])
    _required(ctx, [p for r, p in rules if r.kind in ("required", "rate")])
    _yoy(ctx, [p for r, p in rules if r.kind == "yoy"])
    if computed is None:
        computed = with_computed(data, catalog).figures
    # a rate a rule computes is not missing
    filled = dataclasses.replace(data, figures=computed, findings=list(data.findings))
    ctx.out += narrative.check(filled, catalog) + typed_numbers.check(filled, catalog)
    own = list(dict.fromkeys(ctx.out))  # a rule listed twice (pack and office) speaks once
    return Report(sorted([*data.findings, *own], key=_order_key(catalog)))


def with_computed(data: WorkbookData, catalog: Catalog) -> WorkbookData:
    """A copy of `data` whose blank rates with a `rate` rule hold their computed value."""
    figures, ctx = dict(data.figures), _Ctx(data, catalog)
    for rule, p in checked_rules(catalog, []):
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


# ---------------------------------------------------------------- sum, rate, subset


def _sum(ctx: _Ctx, p: dict[str, Any]) -> None:
    minus = p["minus"] or []
    ids = [p["total"], *p["parts"], *minus]
    signs = [1] * (1 + len(p["parts"])) + [-1] * len(minus)
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        vals = _values(figs, column)
        if vals is None or (column == "value" and _approximate(figs, exact_total=True)):
            continue
        total, parts = vals[0], vals[1:]
        added = sum((v * s for v, s in zip(parts, signs[1:], strict=True)), Decimal(0))
        if p["partial"]:
            if added > total:
                msg = f"{_sum_text(ctx, p, ids, figs, column, parts, signs, '<')} = {_fmt(added)}"
                ctx.add(SUM_PARTS_EXCEED, f"{msg},多出 {_fmt(added - total)}。", ids,
                        [_cell(f, column) for f in figs], total, added)
        elif not _agrees(figs[0], column, total, added):
            msg = f"{_sum_text(ctx, p, ids, figs, column, parts, signs, '≠')} = {_fmt(added)}"
            ctx.add(SUM_MISMATCH, f"{msg},相差 {_fmt(abs(total - added))}。", ids,
                    [_cell(f, column) for f in figs], added, total)


def _sum_text(ctx: _Ctx, p: dict[str, Any], ids: list[str], figs: list[Figure | None],
              column: str, parts: list[Decimal], signs: list[int], relation: str) -> str:
    """A failed sum rule, stated: “合计 120 ≠ 甲 50 + 乙 60” (“< 其中:…” for a partial one).
    Made only for a rule that fails: a catalog of 10,000 indicators has hundreds of sums."""
    terms = "".join(
        f"{(' + ' if s > 0 else ' − ') if n else ('' if s > 0 else '− ')}"
        f"{_part_name(ctx.name(i))} {_fmt(v)}"
        for n, (i, v, s) in enumerate(zip(ids[1:], parts, signs[1:], strict=True)))
    lead = (f"{p['label']}:" if p["label"] else "") + ("上年同期:" if column != "value" else "")
    said = f"< 其中:{terms}" if relation == "<" else f"≠ {terms}"
    return f"{lead}{ctx.name(ids[0])} {_shown(figs[0], column)} {said}"


def _rate(ctx: _Ctx, p: dict[str, Any]) -> None:
    ids = [p["rate"], p["numerator"], *p["denominator"]]
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        num, den = _parts(ctx, p, column)
        if num is None or den is None or (column == "value" and _approximate(figs[1:])):
            continue
        _rate_column(ctx, p, ids, figs, column, num, den)


def _rate_column(ctx: _Ctx, p: dict[str, Any], ids: list[str], figs: list[Figure | None],
                 column: str, num: Decimal, den: Decimal) -> None:
    """One column of a rate rule whose parts are known; its message made only when it fails
    (a catalog of 10,000 indicators has a thousand rates)."""
    stated = getattr(figs[0], column) if figs[0] else None
    now = column == "value"
    if den == 0:
        if now:
            msg = f"{_rate_name(ctx, p, now)}的分母为 0({_formula(ctx, p, num, den)}),比率无法计算或核对。"
            ctx.add(RATE_ZERO_DENOMINATOR, msg, ids, [_cell(f, column) for f in figs])
    elif stated is None:
        if now:
            computed = _compute(ctx, p)[0]
            msg = (f"{_rate_name(ctx, p, now)}未填,按 {_formula(ctx, p, num, den)} 算得 "
                   f"{_fmt(computed)}%。")
            ctx.add(RATE_COMPUTED, msg, ids, [_cell(f, column) for f in figs], computed)
    elif not (now and figs[0] is not None and figs[0].qualifier):  # 93.4%以上 is a bound
        digits = _digits(ctx, p["rate"]) if now else decimals(stated.normalize())
        exact = ratio(num, den)
        expected = round_half_up(exact, digits)
        if round_half_up(stated, digits) != expected:  # a formula cell shown as 98.8% may hold 98.849…
            msg = (
                f"{_rate_name(ctx, p, now)} {_fmt(stated)}% ≠ {_formula(ctx, p, num, den)} = "
                f"{_approx_text(exact)}%,"
                f"{f'按 {digits} 位小数四舍五入' if digits else '四舍五入取整'}应为 {_fmt(expected)}%。"
            )
            ctx.add(RATE_MISMATCH, msg, ids, [_cell(f, column) for f in figs], expected, stated)


def _rate_name(ctx: _Ctx, p: dict[str, Any], now: bool) -> str:
    return ("" if now else "上年同期:") + ctx.name(p["rate"])


def _compute(ctx: _Ctx, p: dict[str, Any]) -> tuple[Decimal | None, int]:
    """A rate rule's value from its parts, at the rate's digits (None when not computable)."""
    digits = _digits(ctx, p["rate"])
    num, den = _parts(ctx, p, "value")
    figs = [ctx.fig(i) for i in [p["numerator"], *p["denominator"]]]
    if num is None or den is None or den == 0 or _approximate(figs):
        return None, digits
    return rate(num, den, digits), digits


def _subset(ctx: _Ctx, p: dict[str, Any]) -> None:
    n = len(p["part"])
    ids = [*p["part"], *p["whole"]]
    figs = [ctx.fig(i) for i in ids]
    for column in _COLUMNS:
        vals = _values(figs, column)
        if vals is None or (column == "value" and _approximate(figs)):
            continue
        part, whole = sum(vals[:n], Decimal(0)), sum(vals[n:], Decimal(0))
        if part <= whole:
            continue
        sides = []
        for names, values in ((ids[:n], vals[:n]), (ids[n:], vals[n:])):
            terms = " + ".join(f"{ctx.name(i)} {_fmt(v)}"
                               for i, v in zip(names, values, strict=True))
            sides.append(terms + (f" = {_fmt(sum(values, Decimal(0)))}" if len(names) > 1 else ""))
        lead = "上年同期:" if column != "value" else ""
        msg = f"{lead}{sides[0]} > {sides[1]},多出 {_fmt(part - whole)}。"
        ctx.add(SUBSET_EXCEEDED, msg, ids, [_cell(f, column) for f in figs], whole, part)


_CHECKS = {"sum": _sum, "rate": _rate, "subset": _subset}


# ---------------------------------------------------------------- range, required, yoy


def _ranges(ctx: _Ctx, rules: list[dict[str, Any]]) -> None:
    given: dict[str, dict[str, Any]] = {}  # what the range rules set, by indicator
    for p in rules:
        stated = {k: p[k] for k in ("min", "max", "integer") if p[k] is not None}
        for i in p["indicators"]:
            given.setdefault(i, {}).update(stated)
    figures = ctx.data.figures
    for ind_id, ind in ctx.catalog.indicators.items():
        f = figures.get(ind_id)
        if f is None or (f.value is None and f.previous is None):
            continue  # blank: no bound to check (most rows of a large workbook)
        b = _IMPLICIT_RANGE.get(ind.kind, {})
        if ind_id in given:
            b = {**b, **given[ind_id]}
        low, high, whole = b.get("min"), b.get("max"), b.get("integer")
        for column in _COLUMNS:
            v = getattr(f, column)
            if v is None:
                continue
            below = low is not None and v < low
            above = not below and high is not None and v > high
            broken = bool(whole) and v != v.to_integral_value()
            if not (below or above or broken):
                continue  # the common case: nothing to say, no message made
            lead = f"{ctx.name(ind_id)}{'上年同期' if column != 'value' else ''} {_fmt(v)}"
            cells = [_cell(f, column)]
            if below:
                ctx.add(OUT_OF_RANGE, f"{lead} 小于下限 {_fmt(low)}。", [ind_id], cells, low, v)
            elif above:
                ctx.add(OUT_OF_RANGE, f"{lead} 大于上限 {_fmt(high)}。", [ind_id], cells, high, v)
            if broken:
                ctx.add(NOT_INTEGER, f"{lead} 不是整数。", [ind_id], cells, actual=v)


def _required(ctx: _Ctx, rules: list[dict[str, Any]]) -> None:
    wanted = [i for i, ind in ctx.catalog.indicators.items() if ind.required]
    wanted += [i for p in rules if "indicators" in p for i in p["indicators"]]
    computable = {p["rate"] for p in rules if "rate" in p and _compute(ctx, p)[0] is not None}
    for ind_id in dict.fromkeys(wanted):
        f = ctx.fig(ind_id)
        if ind_id in computable or (f is not None and (not f.missing or f.unread)):
            continue  # an unread value is an error at its cell already
        where = "未填写" if f is not None else "未填写(工作簿中没有这一行)"
        ctx.add(
            MISSING_REQUIRED,
            f"必填指标“{ctx.name(ind_id)}”{where}。",
            [ind_id],
            [f.cell if f else None],
        )
    for fact in ctx.catalog.facts:
        if fact.required and not ctx.data.facts.get(fact.key, "").strip():
            cell = ctx.data.fact_cells.get(fact.key) or CellRef(FACTS, "A1")
            msg = f"基本信息“{fact.key}”未填写。"
            ctx.out.append(finding(MISSING_REQUIRED, msg, [cell]))


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
    exact: dict[float, Decimal] = {}  # each threshold as a Decimal, made once
    for ind_id, limit in limits.items():
        f = ctx.fig(ind_id)
        if f is None or f.value is None or f.previous is None:
            continue
        change = f.value - f.previous
        if not change:
            continue
        bound = exact.get(limit)
        if bound is None:
            bound = exact[limit] = Decimal(str(limit))
        cells = [f.cell, f.previous_cell]
        if f.kind == "rate" and abs(change) > bound * 100:
            name = ctx.name(ind_id)
            msg = (
                f"{name} 本期 {_fmt(f.value)}%,上年同期 {_fmt(f.previous)}%,"
                f"{'提高' if change > 0 else '下降'} {_fmt(abs(change))} 个百分点,"
                f"超过 {_pct(limit)} 个百分点的提示线。"
            )
            ctx.add(YOY_SWING, msg, [ind_id], cells, f.previous, f.value)
        elif (
            f.kind != "rate" and f.previous and abs(change) / abs(f.previous) > bound
        ):
            share = round_half_up(ratio(abs(change), abs(f.previous)), 1)
            msg = (
                f"{ctx.name(ind_id)} 本期 {_shown(f, 'value')},上年同期 {_fmt(f.previous)},"
                f"同比{'增长' if change > 0 else '下降'} {_fmt(share)}%,超过 {_pct(limit)}% 的提示线。"
            )
            ctx.add(YOY_SWING, msg, [ind_id], cells, f.previous, f.value)


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
