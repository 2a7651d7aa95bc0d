"""What the commands found, as text for people (a table grouped by 板块) and as JSON for other
tools: one shape, `{"files": [...]}`, for one workbook or many."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from drafter.model.findings import Finding, Severity
from drafter.workbook.layout import SOURCES

if TYPE_CHECKING:
    from drafter.batch import City, Outcome
    from drafter.pipeline import CheckResult


def summary(result: CheckResult) -> str:
    r = result.report
    infos = len(r.findings) - len(r.errors) - len(r.warnings)
    verdict = "通过" if r.valid else "未通过"
    return (f"{result.path}:{verdict}。错误 {len(r.errors)} 项,警告 {len(r.warnings)} 项,"
            f"提示 {infos} 项。")


def as_table(result: CheckResult, *, only_problems: bool = False,
             shown_by: str = "加 -v") -> str:
    """The findings under their 板块, one a line: severity, cell, message, [code]. The cell
    column is padded by display width (a Chinese character takes two columns). With
    `only_problems`, the notes left out are counted and `shown_by` says how to see them
    (a command without -v names one that has it)."""
    from rich.cells import cell_len

    findings = result.report.findings
    if only_problems:
        findings = [f for f in findings if f.severity is not Severity.INFO]
    lines = [summary(result)]
    hidden = len(result.report.findings) - len(findings)
    if hidden:
        lines[0] = lines[0].rstrip("。") + f"({shown_by} 查看提示)。"
    catalog = result.catalog
    order = {s.id: i for i, s in enumerate(catalog.sections)}
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.section, []).append(f)
    width = max((cell_len(_cells(f)) for f in findings), default=0)
    for section in sorted(groups, key=lambda s: (s != "", order.get(s, len(order)), s)):
        lines.append("")
        lines.append(f"【{catalog.section_title(section) if section else '整体'}】")
        ranked = sorted(groups[section], key=lambda f: -f.severity.rank)
        for f in ranked:
            cells = _cells(f)
            pad = " " * (width - cell_len(cells))
            lines.append(f"  {f.severity.value}  {cells}{pad}  {f.message}  [{f.code}]")
    return "\n".join(lines)


def _cells(f: Finding) -> str:
    """The first cell, and how many more: 指标!E46 等6处 (JSON lists them all)."""
    named = [c for c in f.cells if c.cell]
    if not named:
        return f.cells[0].sheet if f.cells else ""
    return str(named[0]) + (f" 等{len(named)}处" if len(named) > 1 else "")


def as_json(outcomes: list[Outcome]) -> str:
    """Every file, read or not: `{"files": [{"file", "kind", "valid", "code", "problem",
    "errors", "warnings", "findings": [{…, "expected", "actual", "difference"}]}]}`; the
    messages in full-width punctuation, as the table writes them."""
    from drafter.present import zh

    files = []
    for o in outcomes:
        r = o.result
        files.append({
            "file": str(o.path),
            "kind": r.pack.info.kind if r else None,
            "valid": r.report.valid if r else False,
            "code": o.code,  # the file's exit code: 0 passed, 1 errors in the figures, 2 unusable
            "problem": zh(o.problem),  # why no result or no report, in Chinese ("" if none)
            "output": str(o.output) if o.output else None,
            "errors": len(r.report.errors) if r else None,
            "warnings": len(r.report.warnings) if r else None,
            "findings": [f.as_dict() | {"message": zh(f.message)} for f in r.report.findings]
            if r else [],
        })
    return json.dumps({"files": files}, ensure_ascii=False, indent=2)


_SHOWN = 8  # names listed in a line before it is cut short with 等


def _some(names: list[str]) -> str:
    """甲区、乙区、丙县; past _SHOWN names the first few and 等 N 个."""
    if len(names) <= _SHOWN:
        return "、".join(names)
    return "、".join(names[:5]) + f" 等 {len(names)} 个"


def rollup_text(city: City) -> list[str]:
    """What `drafter rollup` made: the districts, what was summed, what the city must fill."""
    done, indicators = city.rollup, city.pack.catalog.indicators
    recomputed = len(done.recomputed)
    names = _some(city.names)
    if len(city.names) > _SHOWN:
        names += f",名单见其中的“{SOURCES}”表"
    lines = [f"已生成 {city.path}：{len(city.names)} 个区县({names}),"
             f"相加 {len(done.how) - recomputed} 项,重新计算比率 {recomputed} 项。"]
    filled = done.reported_left
    if filled:
        lines.append(f"以下 {len(filled)} 项区县填了数,但不能相加,已留空,请市局填写(表中橙色)：")
        lines += [f"  {i}({indicators[i].name}):{done.left[i]}" for i in filled]
    if done.partial:
        lines.append(f"以下 {len(done.partial)} 项只有部分区县填写,合计可能偏小：")
        lines += [f"  {i}({indicators[i].name}):{_some(blank_in)}未填"
                  + (f"(共 {len(blank_in)} 个)" if len(blank_in) > _SHOWN else "")
                  for i, blank_in in done.partial.items()]
    if not city.unit:
        lines.append("全市的单位名称和落款署名未填:可在“基本信息”表中填写,或汇总时加 --unit。")
    if not done.facts.get("成文日期"):
        lines.append("全市报告的成文日期未填:请在“基本信息”表中填写,否则落款不写日期。")
    return lines
