"""The 规则 sheet: relations a clerk states in plain terms, each row one rule checked exactly
like a pack's (checks/rules.py).

- 合计: 指标 = the sum of 组成; a term after “－” is taken away (实有 = 编制－划转).
- 比率: 指标 = 分子／分母, to 小数位 decimals.
- 包含: each item of 组成 (separated by 、) is not above 指标; items joined by ＋ are compared
  as their sum. 指标 may be a sum too (受理＋上年结转).
- 不超过: 指标 (one id, or several joined by ＋) is not above 组成 (likewise): 废止＋拟修改 ≤ 梳理.
- 级别: 错误 (blank) or 警告 — a relation the office is not sure of only warns.

Names or ids may be used. A row that cannot be read is an error at its cell; the example rows
drafter init writes (类型 示例：…) are skipped, and an example someone filled in is a warning;
a rule the pack already has is checked once, with a note saying so.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.config.catalog import Catalog, Rule
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Severity, finding
from drafter.model.narrative import Index
from drafter.workbook import layout, limits, own, structure, text
from drafter.workbook.codes import BAD_RULE_ROW, RULE_DUPLICATE, RULE_EXAMPLE_FILLED
from drafter.workbook.worksheet import Sheet

_PLUS = "+＋"
_MINUS = "-－−"
_ITEMS = re.compile(r"\s*[、，,;；]\s*")
_TERMS = re.compile(rf"\s*([{_PLUS}{_MINUS}])\s*")
_RATIO = re.compile(r"\s*[/／÷]\s*")


# rule_examples by catalog (held, so its id stays its own): a batch reads every workbook
# against the same few catalogs.
_examples: dict[int, tuple[Catalog, list[tuple[str, ...]]]] = {}


def rule_examples(catalog: Catalog) -> list[tuple[str, ...]]:
    """The example rows drafter init writes under 规则's header, from the catalog's own rules
    (类型, 指标, 组成, 小数位, 级别, 说明); a kind without such a rule gets none."""
    held = _examples.get(id(catalog))
    if held is None:
        if len(_examples) >= 16:
            _examples.clear()
        held = _examples[id(catalog)] = (catalog, _rule_examples(catalog))
    return held[1]


def _rule_examples(catalog: Catalog) -> list[tuple[str, ...]]:
    indicators = catalog.indicators

    def name(ind_id: str) -> str:  # only the few the examples use: a catalog may hold 10,000
        return text.fullwidth(indicators[ind_id].name)

    def first(kind: str, test=lambda p: True) -> dict | None:
        return next((r.params for r in catalog.rules if r.kind == kind and test(r.params)), None)

    def ids(value: object) -> list[str]:
        return [value] if isinstance(value, str) else list(value or [])

    def known(*groups: list[str]) -> bool:
        return all(i in indicators for g in groups for i in g)

    out: list[tuple[str, ...]] = []
    total = first("sum", lambda p: not p.get("partial") and len(ids(p["parts"])) >= 2
                  and known([p["total"]], ids(p["parts"])))
    if total:
        parts = ids(total["parts"])
        out.append((f"{layout.EXAMPLE}：合计", name(total["total"]),
                    "＋".join(name(i) for i in parts), "", "错误",
                    "示例，检查时跳过。指标等于组成各项之和；要减去某项写“－”，如 实有＝编制－划转"))
    ratio = first("rate", lambda p: len(ids(p["denominator"])) == 1
                  and known([p["rate"], p["numerator"]], ids(p["denominator"])))
    if ratio:
        out.append((f"{layout.EXAMPLE}：比率", name(ratio["rate"]),
                    f"{name(ratio['numerator'])}／{name(ids(ratio['denominator'])[0])}", "1",
                    "错误", "示例，检查时跳过。指标等于 分子／分母，按小数位四舍五入"))
    part = first("subset", lambda p: known(ids(p["part"]), ids(p["whole"])))
    if part:
        out.append((f"{layout.EXAMPLE}：包含", "＋".join(name(i) for i in ids(part["whole"])),
                    "、".join(name(i) for i in ids(part["part"])), "", "警告",
                    "示例，检查时跳过。用“、”分开的各项分别不大于指标；用“＋”连起来的几项"
                    "按其和比较；级别为警告，不符时只提醒"))
    if total:
        parts = ids(total["parts"])[:2]
        out.append((f"{layout.EXAMPLE}：不超过", "＋".join(name(i) for i in parts),
                    name(total["total"]), "", "错误",
                    "示例，检查时跳过。“指标”一栏的数或几项之和不大于“组成”"))
    return out


def read_rules(sheet: Sheet, head: int, cols: dict[str, int], data: WorkbookData,
               catalog: Catalog) -> None:
    """Fill data.own_rules (and digits of rates, through data.own_indicators)."""
    index: Index | None = None  # made for the first row that is a rule (a catalog's worth)
    kinds: dict[str, str] = {}
    examples = {tuple(e[:3]) for e in rule_examples(catalog)}
    seen = [(r, r.source) for r in catalog.rules]
    for r in sheet.row_numbers(head + 1):
        row = sheet.row(r)
        if all(row.get(c) is None for c in cols.values()):
            continue  # a blank row left for the clerk (styled cells, nothing typed)
        cell = {h: CellRef.at(sheet.title, r + 1, c + 1) for h, c in cols.items()}
        typed = {h: text.take(sheet, r, c, limits.MAX_LINE, data) for h, c in cols.items()}
        if not any(typed.get(h) for h in ("类型", "指标", "组成")):
            continue
        kind_text = typed.get("类型", "").strip()
        if kind_text.startswith(layout.EXAMPLE):
            row = (kind_text, typed.get("指标", ""), typed.get("组成", ""))
            if row not in examples:
                plain = kind_text[len(layout.EXAMPLE):].lstrip("：: ")
                data.findings.append(finding(RULE_EXAMPLE_FILLED, (
                    f"类型为“{text.shown(kind_text)}”的行是示例,检查时跳过;要核对这条规则,"
                    f"请把类型改为“{plain or '合计'}”"), [cell["类型"]]))
            continue
        if index is None:
            index = Index(data.figures.values())
            kinds = {i: f.kind for i, f in data.figures.items()}
        rules, digits, problem = _rules_of(kind_text, typed, index, kinds)
        if problem is not None:
            header, why = problem
            data.findings.append(finding(BAD_RULE_ROW, f"{why};这条规则不做检查",
                                         [cell.get(header, cell["类型"])]))
            continue
        source = f"{sheet.title}!{cell['类型'].cell}"
        for rule in rules:
            rule = Rule(rule.kind, rule.params, source, rule.severity)
            twin = next(((o, src) for o, src in seen if _same(o, rule)), None)
            if twin is None:
                data.own_rules.append(rule)
                seen.append((rule, source))
                continue
            other, src = twin
            where = (f"本表 {src} 的规则" if src.startswith(f"{sheet.title}!")
                     else f"模板包的规则(来自 {_short(src)})")
            if other.severity == rule.severity:
                msg = f"这条规则与{where}相同,只核对一次"
                data.findings.append(finding(RULE_DUPLICATE, msg, [cell["类型"]]))
            else:
                level = "警告" if other.severity == "warning" else "错误"
                msg = f"这条规则与{where}相同,只核对一次,按那一条的级别“{level}”核对"
                data.findings.append(finding(RULE_DUPLICATE, msg, [cell["类型"]],
                                             severity=Severity.WARNING))
        if digits is not None:
            own.set_digits(data, catalog, rules[0].params["rate"], digits)
    structure.report(sheet, head, {h: cols[h] for h in ("指标", "组成") if h in cols}, data)


Problem = tuple[str, str]  # (header, why)


def _rules_of(kind_text: str, typed: dict[str, str], index: Index, kinds: dict[str, str],
              ) -> tuple[list[Rule], int | None, Problem | None]:
    """The rules one row states and a rate's 小数位, or the first problem."""
    kind = layout.RULE_WORDS.get(kind_text)
    if kind is None:
        why = f"类型“{text.shown(kind_text)}”无法识别,请选 {'、'.join(layout.RULE_WORDS)}"
        return [], None, ("类型", why)
    level = layout.RULE_LEVELS.get(typed.get("级别", "").strip() or "错误")
    if level is None:
        why = f"级别“{text.shown(typed['级别'])}”无法识别,请选 {'、'.join(layout.RULE_LEVELS)}"
        return [], None, ("级别", why)
    target, parts = typed.get("指标", ""), typed.get("组成", "")
    if not target:
        return [], None, ("指标", "没有填写指标")
    if not parts:
        return [], None, ("组成", "没有填写组成")
    problems: list[Problem] = []

    def resolve(header: str, piece: str) -> str:
        found = index.resolve(piece)
        if not found.id:
            hint = f"(最接近:{'、'.join(found.suggestions)})" if found.suggestions else ""
            problems.append((header, f"{found.problem}{hint}"))
        return found.id

    def terms(header: str, typed_text: str, minus: bool) -> tuple[list[str], list[str]]:
        """(added ids, taken-away ids) of `a＋b－c`."""
        pieces = _TERMS.split(typed_text)
        added, taken = [], []
        for n in range(0, len(pieces), 2):
            sign = pieces[n - 1] if n else "+"
            if not pieces[n]:
                problems.append((header, f"“{text.shown(typed_text)}”中有空的一项"))
                continue
            if sign in _MINUS and not minus:
                problems.append((header, f"“{text.shown(typed_text)}”中的“－”只能用于合计"))
                continue
            (taken if sign in _MINUS else added).append(resolve(header, pieces[n]))
        return added, taken

    digits = _digits(typed.get("小数位", ""), kind, problems)
    rules: list[Rule] = []
    if kind == "sum":
        total = ""
        if _TERMS.search(target):
            problems.append(("指标", "合计的“指标”只写一个指标"))
        else:
            total = resolve("指标", target)
        if _ITEMS.search(parts):
            parts = _ITEMS.sub("＋", parts)  # 、 in a 合计 lists the parts: a＋b＋c
        added, taken = terms("组成", parts, minus=True)
        params = {"total": total, "parts": added} | ({"minus": taken} if taken else {})
        rules.append(Rule("sum", params, severity=level))
    elif kind == "rate":
        split = _RATIO.split(parts)
        if len(split) != 2 or not all(split):
            return [], None, ("组成", f"比率的组成应写成 分子／分母,现为“{text.shown(parts)}”")
        rate = resolve("指标", target)
        num, den = resolve("组成", split[0]), resolve("组成", split[1])
        if not problems and kinds.get(rate) != "rate":
            problems.append(("指标", f"“{target}”不是比率类指标,不能作比率规则的结果"))
        rules.append(Rule("rate", {"rate": rate, "numerator": num, "denominator": [den]},
                          severity=level))
    else:
        upper, lower = (target, parts) if kind_text == "包含" else (parts, target)
        if kind_text == "不超过" and _ITEMS.search(upper):
            return [], None, ("组成", "不超过的“组成”写一个指标或用 ＋ 连起来的几项,不用“、”")
        whole, _ = terms("指标" if kind_text == "包含" else "组成", upper, minus=False)
        for item in [p for p in _ITEMS.split(lower) if p]:
            part, _ = terms("组成" if kind_text == "包含" else "指标", item, minus=False)
            rules.append(Rule("subset", {"part": part, "whole": whole}, severity=level))
    if not problems and kind != "rate" and any(
            kinds.get(i) == "text" for rule in rules for i in _ids(rule)):
        problems.append(("组成", "文字类指标不能参与计算"))
    if problems:
        return [], None, problems[0]
    return rules, digits, None


def _digits(typed: str, kind: str, problems: list[Problem]) -> int | None:
    if not typed:
        return None
    if kind != "rate":
        problems.append(("小数位", "只有比率规则用“小数位”"))
        return None
    if not typed.strip().isdigit() or int(typed) > 6:
        problems.append(("小数位", f"小数位“{text.shown(typed)}”应是 0 到 6 的整数"))
        return None
    return int(typed)


def _ids(rule: Rule) -> list[str]:
    out: list[str] = []
    for value in rule.params.values():
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out += value
    return out


def _shape(rule: Rule) -> tuple:
    """What a rule says, whatever the order of its terms or how its ids were listed."""
    def ids(name: str) -> frozenset[str]:
        value = rule.params.get(name) or []
        return frozenset([value] if isinstance(value, str) else value)

    if rule.kind == "sum":
        return ("sum", rule.params.get("total"), ids("parts"), ids("minus"),
                bool(rule.params.get("partial")))
    if rule.kind == "rate":
        return ("rate", rule.params.get("rate"), rule.params.get("numerator"),
                ids("denominator"))
    if rule.kind == "subset":
        return ("subset", ids("part"), ids("whole"))
    return (rule.kind, id(rule))  # other kinds are never written on 规则


def _same(a: Rule, b: Rule) -> bool:
    return _shape(a) == _shape(b)


def _short(source: str) -> str:
    path = Path(source)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name
