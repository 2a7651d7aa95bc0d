"""What a clerk adds to the pack's catalog in the workbook itself: indicators and rules.

- An 指标 row whose 编号 no catalog knows is the workbook's own indicator when its 类型 is
  filled (计数 / 金额 / 比率 / 数值 / 文字): its id is the 编号 if it has a “.”, else
  板块.编号 (板块 自定义 when empty). It is a figure like any other: referenced from 内容
  cells, checked by rules, kept by init --from and merge.
- The 规则 sheet states relations in plain terms, each row one rule checked exactly like a
  pack's: 合计 (指标 = 组成之和), 比率 (指标 = 分子／分母, to 小数位 decimals), 包含 (each part
  of 组成 ≤ 指标). Names or ids may be used; a row that cannot be read is an error at its cell.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.config.catalog import KIND_NAMES, Catalog, Indicator, Rule, Section
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, Severity, define, finding
from drafter.model.narrative import Index
from drafter.workbook import layout, structure, text
from drafter.workbook.worksheet import Sheet

OWN_SECTION = "自定义"
KINDS_BY_NAME = {**{v: k for k, v in KIND_NAMES.items()}, **{k: k for k in KIND_NAMES}}

OWN_INCOMPLETE = define(
    "own-indicator-incomplete",
    Severity.ERROR,
    "自定义指标缺少名称或类型",
    "在“指标”表中新增的指标,要填“编号”“指标”(名称)和“类型”(计数、金额、比率、数值、文字)。"
    "缺了名称或类型写错的行不能使用。",
    "指标!C40:新增指标“调解.专职调解员”没有填写“指标”(名称)",
)
BAD_RULE_ROW = define(
    "bad-rule-row",
    Severity.ERROR,
    "规则写法有误",
    "“规则”表每行一条规则:类型选 合计、比率、包含;“指标”写一个指标的编号或名称;“组成”写"
    "组成它的指标,合计和包含用 ＋ 或 、 分开,比率写 分子／分母;“小数位”只用于比率。"
    "无法读懂的规则不做检查。",
    "规则!C4:找不到编号或名称为“调解成功”的指标(最接近:【人民调解.调解成功】)",
)

_PARTS = re.compile(r"\s*[+＋、，,;；]\s*")
_RATIO = re.compile(r"\s*[/／÷]\s*")


def indicator(sheet: Sheet, r: int, cols: dict[str, int], typed_id: str,
              data: WorkbookData) -> tuple[bool, Indicator | None]:
    """(whether the row declares a new indicator — its 类型 filled —, the indicator or None
    when it cannot be used: a finding says why)."""
    kind_text = text.take(sheet, r, cols.get("类型"), text.LINE, data)
    if not kind_text:
        return False, None
    name = text.take(sheet, r, cols.get("指标"), text.LINE, data)
    section = text.take(sheet, r, cols.get("板块"), text.LINE, data) or OWN_SECTION
    ind_id = typed_id if "." in typed_id else f"{section}.{typed_id}"
    kind = KINDS_BY_NAME.get(kind_text.strip())
    where = CellRef.at(sheet.title, r + 1, (cols.get("指标") if not name else cols["类型"]) + 1)
    if not name or kind is None:
        why = ("没有填写“指标”(名称)" if not name else
               f"类型“{text.shown(kind_text)}”无法识别(可选:{'、'.join(KIND_NAMES.values())})")
        data.findings.append(finding(OWN_INCOMPLETE, f"新增指标“{ind_id}”{why},这一行不能使用",
                                     [where], indicators=[ind_id]))
        return True, None
    unit = text.take(sheet, r, cols.get("单位"), text.LINE, data)
    return True, Indicator(id=ind_id, name=name, kind=kind,
                           unit="" if kind == "rate" and unit == "%" else unit)


def read_rules(sheet: Sheet, head: int, cols: dict[str, int], data: WorkbookData,
               catalog: Catalog) -> None:
    """Fill data.own_rules (and digits of rates, through data.own_indicators)."""
    index = Index(data.figures.values())
    kinds = {i: f.kind for i, f in data.figures.items()}
    for r in sheet.row_numbers(head + 1):
        row = sheet.row(r)
        if all(row.get(c) is None for c in cols.values()):
            continue  # a blank row left for the clerk (styled cells, nothing typed)
        cell = {h: CellRef.at(sheet.title, r + 1, c + 1) for h, c in cols.items()}
        typed = {h: text.take(sheet, r, c, text.LINE, data) for h, c in cols.items()}
        if not any(typed.get(h) for h in ("类型", "指标", "组成")):
            continue
        problems: list[tuple[str, str]] = []  # (header, why)

        def ids(header: str, pieces: list[str],
                problems: list[tuple[str, str]] = problems) -> list[str]:
            out = []
            for piece in pieces:
                found = index.resolve(piece)
                if found.id:
                    out.append(found.id)
                else:
                    hint = f"(最接近:{'、'.join(found.suggestions)})" if found.suggestions else ""
                    problems.append((header, f"{found.problem}{hint}"))
            return out

        kind = layout.RULE_KINDS.get(typed.get("类型", "").strip())
        if kind is None:
            problems.append(("类型", f"类型“{text.shown(typed.get('类型', ''))}”无法识别,"
                             f"请选 {'、'.join(layout.RULE_KINDS)}"))
        target = ids("指标", [typed["指标"]] if typed.get("指标") else [])
        if not typed.get("指标"):
            problems.append(("指标", "没有填写指标"))
        raw_parts = typed.get("组成", "")
        split = _RATIO.split(raw_parts) if kind == "rate" else _PARTS.split(raw_parts)
        parts = ids("组成", [p for p in split if p])
        if kind == "rate" and raw_parts and len(split) != 2:
            problems.append(("组成", f"比率的组成应写成 分子／分母,现为“{text.shown(raw_parts)}”"))
        elif not raw_parts:
            problems.append(("组成", "没有填写组成"))
        digits = _digits(typed.get("小数位", ""), kind, problems)
        if not problems and kind == "rate" and kinds.get(target[0]) != "rate":
            problems.append(("指标", f"“{typed['指标']}”不是比率类指标,不能作比率规则的结果"))
        if not problems and kind != "rate" and any(kinds.get(i) == "text" for i in target + parts):
            problems.append(("组成", "文字类指标不能参与计算"))
        if problems:
            header, why = problems[0]
            data.findings.append(finding(BAD_RULE_ROW, f"{why};这条规则不做检查",
                                         [cell.get(header, cell["类型"])]))
            continue
        source = f"{sheet.title}!{cell['类型'].cell}"
        data.own_rules += _rules(kind, target[0], parts, source)
        if kind == "rate" and digits is not None:
            _set_digits(data, catalog, target[0], digits)
    structure.report(sheet, head, {h: cols[h] for h in ("指标", "组成") if h in cols}, data)


def _digits(typed: str, kind: str | None, problems: list[tuple[str, str]]) -> int | None:
    if not typed:
        return None
    if kind != "rate":
        problems.append(("小数位", "只有比率规则用“小数位”"))
        return None
    if not typed.strip().isdigit() or int(typed) > 6:
        problems.append(("小数位", f"小数位“{text.shown(typed)}”应是 0 到 6 的整数"))
        return None
    return int(typed)


def _rules(kind: str, target: str, parts: list[str], source: str) -> list[Rule]:
    if kind == "sum":
        return [Rule("sum", {"total": target, "parts": parts}, source)]
    if kind == "rate":
        return [Rule("rate", {"rate": target, "numerator": parts[0], "denominator": parts[1]},
                     source)]
    return [Rule("subset", {"part": p, "whole": target}, source) for p in parts]


def _set_digits(data: WorkbookData, catalog: Catalog, rate_id: str, digits: int) -> None:
    """A rate rule's 小数位: the rate is stated (and computed) with that many decimals."""
    own = {i.id: n for n, i in enumerate(data.own_indicators)}
    base = (data.own_indicators[own[rate_id]] if rate_id in own
            else catalog.indicators.get(rate_id))
    if base is None:
        return
    changed = replace(base, digits=digits)
    if rate_id in own:
        data.own_indicators[own[rate_id]] = changed
    else:
        data.own_indicators.append(changed)
    fig = data.figures.get(rate_id)
    if fig is not None and fig.digits is None:
        data.figures[rate_id] = replace(fig, digits=digits)


def catalog_for(catalog: Catalog, data: WorkbookData) -> Catalog:
    """The pack's catalog as this workbook uses it: sections `init --omit` left out taken
    away, the workbook's own indicators and rules added."""
    from drafter.workbook import origin

    catalog = origin.without(catalog, origin.omitted(data))
    if not data.own_indicators and not data.own_rules:
        return catalog
    indicators = dict(catalog.indicators)
    for ind in data.own_indicators:
        indicators[ind.id] = ind
    known = {s.id for s in catalog.sections}
    added = [Section(sec, sec, implied=True) for sec in dict.fromkeys(
        i.section for i in data.own_indicators) if sec not in known]
    return replace(catalog, indicators=indicators, rules=[*catalog.rules, *data.own_rules],
                   sections=[*catalog.sections, *added])
