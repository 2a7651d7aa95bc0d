"""Findings as text for people (a table grouped by 板块) and as JSON for other tools."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from drafter.model.findings import Finding, Severity

if TYPE_CHECKING:
    from drafter.pipeline import CheckResult


def summary(result: CheckResult) -> str:
    r = result.report
    infos = len(r.findings) - len(r.errors) - len(r.warnings)
    verdict = "通过" if r.valid else "未通过"
    return (f"{result.path}:{verdict}。错误 {len(r.errors)} 项,警告 {len(r.warnings)} 项,"
            f"提示 {infos} 项。")


def as_table(result: CheckResult, *, only_problems: bool = False) -> str:
    findings = result.report.findings
    if only_problems:
        findings = [f for f in findings if f.severity is not Severity.INFO]
    lines = [summary(result)]
    hidden = len(result.report.findings) - len(findings)
    if hidden:
        lines[0] = lines[0].rstrip("。") + "(加 -v 查看提示)。"
    catalog = result.pack.catalog
    order = {s.id: i for i, s in enumerate(catalog.sections)}
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.section, []).append(f)
    for section in sorted(groups, key=lambda s: (s != "", order.get(s, len(order)), s)):
        lines.append("")
        lines.append(f"【{catalog.section_title(section) if section else '整体'}】")
        ranked = sorted(groups[section], key=lambda f: -f.severity.rank)
        for f in ranked:
            cells = _cells(f)
            lines.append(f"  {f.severity.value}  {cells:<12}  {f.message}  [{f.code}]")
    return "\n".join(lines)


def _cells(f: Finding) -> str:
    """The first cell, and how many more: 指标!E46 等6处 (JSON lists them all)."""
    named = [c for c in f.cells if c.cell]
    if not named:
        return f.cells[0].sheet if f.cells else ""
    return str(named[0]) + (f" 等{len(named)}处" if len(named) > 1 else "")


def as_json(results: list[CheckResult]) -> str:
    payload = [
        {
            "file": str(r.path),
            "kind": r.pack.info.kind,
            "valid": r.report.valid,
            "errors": len(r.report.errors),
            "warnings": len(r.report.warnings),
            "findings": [f.as_dict() for f in r.report.findings],
        }
        for r in results
    ]
    return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)
