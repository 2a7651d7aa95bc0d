"""Last year's report → this year's workbook: `import_report`, the one call of `drafter import`.

The report's outline goes to 大纲 with each figure replaced by its reference 【编号｜选项】, each
figure to 指标 as 上年同期 (a catalog indicator when its name matches one, else the workbook's
own indicator in 板块 “导入”), the relations its text states to 规则, its title, 落款 and dates
to 基本信息. Nothing is printed here: the result says what was done and what was not
(commands.importing shows it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter.config import packs
from drafter.config.catalog import KIND_NAMES, Catalog
from drafter.errors import InputFileError, OutputError
from drafter.files import same_file
from drafter.importing import facts, figures, matching, relations, structure, text, years
from drafter.importing.figures import Found
from drafter.importing.relations import Placed
from drafter.model.levels import Level, is_heading
from drafter.model.narrative import CLOSE, OPEN
from drafter.workbook import imported as sheet

SECTION = matching.SECTION
SEPARATOR = "｜"


@dataclass
class Result:
    """What import did: counts for the summary, findings (the text's own arithmetic is wrong
    where it states its total, exit 1), warnings (relations that may not hold: 请核实) and
    notes (what was not read, or read with a guess)."""

    source: Path
    output: Path
    kind: str
    plan: sheet.Plan
    headings: int = 0
    points: int = 0
    paragraphs: int = 0
    figures: int = 0  # mentions replaced by a reference
    years: int = 0  # years of the text made references to 年度 (【年度】、【年度-1】)
    findings: list[str] = field(default_factory=list)  # the text is wrong (exit 1)
    warnings: list[str] = field(default_factory=list)  # worth a look: 请核实
    notes: list[str] = field(default_factory=list)
    left: list[figures.Left] = field(default_factory=list)  # numbers left as text

    @property
    def indicators(self) -> int:
        return len(self.plan.own) + len(self.plan.previous)

    @property
    def rules(self) -> int:
        return len(self.plan.rules)


def import_report(source: Path, output: Path, *, kind: str | None = None,
                  office: Path | None = None, force: bool = False,
                  read: text.Source | None = None) -> Result:
    """`read`: `source` as text.read gave it, when the caller has it already (a .doc is
    converted by LibreOffice each time it is read)."""
    source, output = Path(source), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise OutputError("数据表应以 .xlsx 结尾", file=str(output))
    if output.exists() and same_file(output, source):
        raise OutputError("输出文件不能是要导入的报告本身", file=str(output))
    if output.exists() and not force:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
    read = read or text.read(source)
    parsed = structure.parse(read.lines, read.levels, read.cells)
    found = facts.read(parsed, "\n".join(read.lines))
    kind = kind or (packs.office_kind(office) if office else "") or found.kind
    pack = packs.load(kind, office)
    result = convert(parsed, pack.catalog, source, output, kind, found)
    result.notes[:0] = read.notes
    if not result.headings and not result.figures:
        raise InputFileError("没有找到任何小标题和数字,不像一份工作报告(可能是目录页、通知或扫描件);"
                             "未生成数据表", file=str(source))
    result.plan.office = office.resolve().name if office else ""
    sheet.write(result.plan, pack.catalog, kind, pack.info.name, output, replace=force,
                parts=pack.part_names)
    return result


def convert(parsed: structure.Outline, catalog: Catalog, source: Path, output: Path,
            kind: str, found: facts.Facts | None = None) -> Result:
    """The plan of the workbook (no file written)."""
    found = found or facts.read(parsed)
    result = Result(source, output, kind, sheet.Plan())
    matcher = matching.Matcher(catalog)
    plan = result.plan
    result.notes += parsed.notes  # a title joined from two lines, a heading level closed up
    lead = ""
    for row in parsed.rows:
        title = years.roll_title(row.title, found.year)
        if is_heading(row.level) or (row.level == Level.POINT and title):
            lead = title
        if title:
            numbers, _ = figures.find(title)
            if numbers:
                result.notes.append(f"第{row.line}行 标题“{title[:20]}”中的数字 "
                                    f"{'、'.join(f.shown for f in numbers)} 保留为文字(标题不引用指标)")
        label = _row_label(row.cells)
        body = _narrative(row.body, row.line, matcher, result, label or lead, found.year,
                          row.cells if label else ()) if row.body else ""
        plan.outline.append(sheet.OutlineLine(Level(row.level).written, title, body))
    result.headings = len(parsed.headings)
    result.points = len(parsed.points)
    result.paragraphs = len(parsed.paragraphs)
    _facts(parsed, plan, result, found)
    _not_required(catalog, result)
    for skipped in parsed.skipped:
        result.notes.append(f"第{skipped.line}行 未导入({skipped.why}):{skipped.text[:30]}")
    return result


def _narrative(body: str, line: int, matcher: matching.Matcher, result: Result,
               lead: str, year: int | None, cells: tuple[str, ...] = ()) -> str:
    """`cells`: a table row's, when its first cell labels it: the row's figures are named
    after it."""
    found, left = figures.find(body)
    if cells:
        found, left = _in_row(found, left, cells, line, result)
    result.left += left
    placed: list[Placed] = []
    for f in found:
        where = matcher.place(_as_imported(f), lead)
        if where is None:
            result.notes.append(f"第{line}行 “{f.name}{f.shown}”与前面同名的数无法用名称区分,"
                                "保留为文字")
            continue
        if where.note:
            result.warnings.append(f"第{line}行 {where.note}")
        if f.kind == "count" and f.digits and not f.scale and not where.repeated:
            result.findings.append(
                f"第{line}行 计数“{f.name}{f.shown}”带小数,可能漏写了“万”"
                f"(如“{figures.as_written(f.number)}万{f.qualifier}{f.unit}”),已按原文导入为数值,请核对")
        if where.catalog and not where.repeated:
            result.plan.previous[where.id] = f.typed
        elif where.own:
            g = _as_imported(f)
            result.plan.own.append(sheet.OwnIndicator(
                id=where.id, section=matching.SECTION, key=where.id.split(".", 1)[1],
                name=matcher.own[-1].name, unit=g.unit, kind=KIND_NAMES[g.kind],
                previous=g.typed, note=f"导入自原文“{f.context}”", context=f.context))
        placed.append(Placed(f, where.id))
    rules, doubts = relations.find(body, placed)
    for rule in rules:
        result.plan.rules.append(sheet.RuleLine(rule.word, rule.target, rule.parts,
                                                rule.digits, rule.note))
    for doubt in doubts:
        (result.findings if doubt.error else result.warnings).append(f"第{line}行 {doubt.text}")
    result.figures += len(placed)
    out, pos = [], 0
    for p in [*placed, None]:
        literal, moved = years.to_references(
            _escape(body[pos:p.found.start if p else len(body)]), year)
        result.years += moved
        out.append(literal)
        if p:
            out.append(reference(p.id, p.found.options()))
            pos = p.found.end
    return "".join(out)


_UNIT_IN_LABEL = re.compile(r"\s*[(（][^()（）]{1,6}[)）]\s*$")  # 受理法律援助案件(件)
NO_UNIT, TABLE_NUMBER = "没有可识别的单位", "表格中没有单位的数"  # figures.Left.why


def _row_label(cells: tuple[str, ...]) -> str:
    """A table row's label: its first cell, without the unit in brackets; "" for a paragraph
    or a row whose first cell is a number."""
    if not cells or not cells[0] or figures.find(cells[0])[0]:
        return ""
    return _UNIT_IN_LABEL.sub("", cells[0]).strip()


def _in_row(found: list[Found], left: list[figures.Left], cells: tuple[str, ...], line: int,
            result: Result) -> tuple[list[Found], list[figures.Left]]:
    """A table row's figures are named after the row (增长10.8% in the row of 受理法律援助案件:
    受理法律援助案件增长比例), and its bare numbers (318 under 2024年上半年) are said to be left
    as text, the row named, for the clerk to write this year's into 大纲."""
    label = _row_label(cells)
    named = [f if f.name.startswith(label) else replace(f, name=label + f.name, qualified=())
             for f in found]
    bare = [c for c in cells[1:] if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", c.strip())]
    if bare:
        result.notes.append(f"第{line}行 表格“{cells[0]}”一行的数 {'、'.join(bare)} 没有单位,"
                            "保留为文字;今年的数请在“大纲”的这一行改写")
    return named, [replace(x, why=TABLE_NUMBER) if x.why == NO_UNIT else x for x in left]


def _as_imported(f: Found) -> Found:
    """What the workbook can hold of `f`: a count written with decimals (1.8余人次, a 万 left
    out) is imported as a 数值, a percentage above 100 (完成目标数的151.8%) as a 数值 in %:
    as counts and rates they would fail the check and keep the report from rendering."""
    if f.kind == "count" and f.digits and not f.scale:
        return replace(f, kind="number")
    if f.kind == "rate" and f.value > 100:
        return replace(f, kind="number")
    return f


def reference(target: str, options: tuple[str, ...]) -> str:
    return OPEN + SEPARATOR.join((target, *options)) + CLOSE


def _escape(literal: str) -> str:
    return literal.replace(OPEN, OPEN * 2).replace(CLOSE, CLOSE * 2)


def _facts(parsed: structure.Outline, plan: sheet.Plan, result: Result,
           found: facts.Facts) -> None:
    out = plan.facts
    if parsed.title:
        title = years.roll_title(parsed.title, found.year)
        out["报告标题"] = title
        if title != parsed.title:
            result.notes.append(f"报告标题中的年份已加一年:“{parsed.title}” → “{title}”,请核对")
    if found.unit:
        out["单位名称"] = found.unit
    else:
        result.notes.append("未能从标题、署名或正文中识别单位名称,请在“基本信息”中填写")
    if found.year:
        out["年度"] = str(found.year + 1)
        result.notes.append(f"年度按去年报告({found.year}年)推算为 {found.year + 1},请核对")
    else:
        result.notes.append("未能识别报告的年份,请在“基本信息”中填写年度")
    if found.period:
        out["报告期间"] = found.period
    result.notes += found.notes
    if parsed.signature:
        out["署名"] = parsed.signature
    if parsed.date:
        out["成文日期"] = parsed.date
        result.notes.append(f"成文日期照去年填写为“{parsed.date}”,请改为今年的日期")
    _notice_facts(parsed, out, result)
    if parsed.imprint:
        out.update(parsed.imprint)
        result.notes.append("版记(" + "、".join(parsed.imprint) + ")照去年记入“基本信息”,"
                            "作为正式公文印发时请改为今年的")
    run_in = parsed.run_in_levels()
    out["接排层级"] = "、".join(Level(k).written[:2] for k in run_in) if run_in else "无"  # 二级


def _not_required(catalog: Catalog, result: Result) -> None:
    """The pack's required indicators last year's report does not mention: not required of
    this workbook (recorded on 基本信息, see workbook/origin.py), so that it renders once the
    figures it does mention are filled."""
    plan = result.plan
    unmentioned = [ind for ind in catalog.indicators.values()
                   if ind.required and ind.id not in plan.previous]
    plan.not_required = [ind.id for ind in unmentioned]
    if unmentioned:
        result.notes.append("去年的报告没有写到模板包的必填指标 " + "、".join(
            f"“{ind.name}”" for ind in unmentioned) + ",本数据表不再要求填写(记在“基本信息”的"
            f"“{sheet.NOT_REQUIRED}”);要写进报告,填上数即可")


def _notice_facts(parsed: structure.Outline, facts: dict[str, str], result: Result) -> None:
    """A cover notice before the report: its 主送机关 and 发文字号 become facts, its date the
    成文日期 when the report has none of its own."""
    found = parsed.notice
    if found is None:
        return
    result.notes.append(f"报告前的印发通知({found.title or found.report or '未写标题'})未导入正文,"
                        "其主送机关、发文字号和日期记入“基本信息”")
    if found.addressee:
        facts["主送机关"] = found.addressee
    if found.number:
        facts["发文字号"] = found.number
        result.notes.append(f"发文字号照去年填写为“{found.number}”,请改为今年的文号")
    if found.date and "成文日期" not in facts:
        facts["成文日期"] = found.date
        result.notes.append(f"成文日期照去年印发通知填写为“{found.date}”,请改为今年的日期")
    if found.organ and "署名" not in facts:
        facts["署名"] = found.organ
