"""`drafter import`: last year's report read into this year's workbook
(importing.build.import_report), and what the command shows: what went where, what was
kept as text, what in the report's own arithmetic is wrong (exit 1) or worth a look."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.said import Said
from drafter.errors import Exit

if TYPE_CHECKING:
    from drafter.importing.build import Result


def import_report(report: Path, output: Path, *, kind: str | None = None,
                  office: Path | None = None, force: bool = False) -> Result:
    """`report`: a .docx, .doc, .wps, .odt, PDF, saved web page or text; `kind`: by default
    guessed from its title (an office folder's kind first)."""
    from drafter.files import check_name
    from drafter.importing.build import import_report as run

    check_name(output)  # a name too long is a message before the report is read
    return run(report, output, kind=kind, office=office, force=force)


def show(result: Result) -> Said:
    said = Said(code=Exit.FIGURE_ERRORS if result.findings else Exit.OK)
    said.say(describe(result))
    return said


def describe(result: Result) -> str:
    """What was done, for the terminal (Chinese)."""
    from drafter.importing.build import NO_UNIT, SECTION

    lines = [
        f"已从 {result.source.name} 生成 {result.output}(报告类型:{result.kind}):",
        f"  标题 {result.headings} 个、要点 {result.points} 条、段落 {result.paragraphs} 段 → “大纲”",
        f"  数字 {result.figures} 处 → 指标 {result.indicators} 项(其中 {len(result.plan.previous)} 项"
        f"是模板包已有的指标,{len(result.plan.own)} 项为自定义指标,板块“{SECTION}”),"
        "数值填在“上年同期”,“本期”待填",
        f"  规则 {result.rules} 条 → “规则”",
    ]
    by_why: dict[str, list[str]] = {}
    for left in result.left:
        by_why.setdefault(left.why, []).append(left.shown)
    if result.years:  # the years that became 【年度】 references are not left as text
        lines.append(f"  年份 {result.years} 处 → 【年度】引用(随“基本信息”的年度变化)")
        kept = by_why.get("年份", [])[result.years:]
        if kept:
            by_why["年份"] = kept
        else:
            by_why.pop("年份", None)
    if by_why:
        lines.append("  保留为文字的数字:" + ";".join(f"{why} {len(v)} 处" for why, v in by_why.items()))
        for shown in by_why.get(NO_UNIT, []):
            lines.append(f"    没有可识别的单位:…{shown}…")
    if result.notes:
        lines.append("说明:")
        lines += [f"  · {n}" for n in result.notes]
    if result.findings:
        lines.append(f"原文中需要核对的地方({len(result.findings)} 处):")
        lines += [f"  ! {f}" for f in result.findings]
    if result.warnings:
        lines.append(f"请核实({len(result.warnings)} 处):")
        lines += [f"  ? {w}" for w in result.warnings]
    lines.append("请打开数据表核对“大纲”的文字和“指标”的名称,填好“本期”后运行 drafter check。")
    return "\n".join(lines)
