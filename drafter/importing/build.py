"""Last year's report → this year's workbook: `import_report`, the one call of `drafter import`.

The report's outline goes to 大纲 with each figure replaced by its reference 【编号｜选项】, each
figure to 指标 as 上年同期 (a catalog indicator when its name matches one, else the workbook's
own indicator in 板块 “导入”), the relations its text states to 规则, its title, 落款 and dates
to 基本信息. Nothing is printed here: the result says what was done and what was not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.config import packs
from drafter.config.catalog import KIND_NAMES, Catalog
from drafter.errors import InputFileError, OutputError
from drafter.files import same_file
from drafter.importing import figures, outline, relations, text
from drafter.importing.figures import Found
from drafter.importing.relations import Placed
from drafter.model.narrative import CLOSE, OPEN
from drafter.workbook import imported as sheet

SECTION = "导入"  # 板块 of the workbook's own indicators made by import
SEPARATOR = "｜"


@dataclass
class Result:
    """What import did: counts for the summary, findings (the text's own arithmetic, exit 1)
    and notes (what was not read, or read with a guess)."""

    source: Path
    output: Path
    kind: str
    plan: sheet.Plan
    headings: int = 0
    points: int = 0
    paragraphs: int = 0
    figures: int = 0  # mentions replaced by a reference
    catalog_matches: int = 0
    findings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    left: list[figures.Left] = field(default_factory=list)  # numbers left as text

    @property
    def indicators(self) -> int:
        return len(self.plan.own) + len(self.plan.previous)

    @property
    def rules(self) -> int:
        return len(self.plan.rules)


def import_report(source: Path, output: Path, *, kind: str | None = None,
                  office: Path | None = None, force: bool = False) -> Result:
    source, output = Path(source), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise OutputError("数据表应以 .xlsx 结尾", file=str(output))
    if output.exists() and same_file(output, source):
        raise OutputError("输出文件不能是要导入的报告本身", file=str(output))
    if output.exists() and not force:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
    read = text.read(source)
    parsed = outline.parse(read.lines, read.levels, read.cells)
    kind = kind or (packs.office_kind(office) if office else "") or guess_kind(parsed.title,
                                                                               read.lines)
    pack = packs.load(kind, office)
    result = convert(parsed, pack.catalog, source, output, kind)
    result.notes[:0] = read.notes
    if not result.headings and not result.figures:
        raise InputFileError("没有找到任何小标题和数字,不像一份工作报告(可能是目录页、通知或扫描件);"
                             "未生成数据表", file=str(source))
    result.plan.office = office.resolve().name if office else ""
    sheet.write(result.plan, pack.catalog, kind, pack.info.name, output, replace=force)
    return result


_KIND_WORDS = (("半年工作总结", re.compile(r"半年")),
               ("法治政府建设年度报告", re.compile(r"法治政府建设(情况|工作|年度)*(报告|汇报)")))


def guess_kind(title: str, lines: list[str]) -> str:
    """The pack a report looks like: by its title, else by how its first lines name it."""
    for kind, words in _KIND_WORDS:
        if words.search(title):
            return kind
    if not title:
        head = "".join(lines[:8])
        for kind, words in _KIND_WORDS[1:]:
            if words.search(head):
                return kind
    return "年度工作总结"


def convert(parsed: outline.Outline, catalog: Catalog, source: Path, output: Path,
            kind: str) -> Result:
    """The plan of the workbook (no file written)."""
    result = Result(source, output, kind, sheet.Plan())
    namer = _Namer(catalog, result)
    plan = result.plan
    for row in parsed.rows:
        title = row.title
        if title:
            found, _ = figures.find(title)
            if found:
                result.notes.append(f"第{row.line}行 标题“{title[:20]}”中的数字 "
                                    f"{'、'.join(f.shown for f in found)} 保留为文字(标题不引用指标)")
        body = _narrative(row.body, row.line, namer, result) if row.body else ""
        plan.outline.append(sheet.OutlineLine(outline.LEVEL_NAMES[row.level], title, body))
    result.headings = len(parsed.headings)
    result.points = len(parsed.points)
    result.paragraphs = len(parsed.paragraphs)
    _facts(parsed, plan, result)
    for skipped in parsed.skipped:
        result.notes.append(f"第{skipped.line}行 未导入({skipped.why}):{skipped.text[:30]}")
    return result


def _narrative(body: str, line: int, namer: _Namer, result: Result) -> str:
    found, left = figures.find(body)
    result.left += left
    placed: list[Placed] = []
    for f in found:
        placed.append(Placed(f, namer.place(f, line)))
    rules, findings = relations.find(body, placed)
    for rule in rules:
        result.plan.rules.append(sheet.RuleLine(rule.kind, rule.target, rule.parts,
                                                rule.digits, rule.note))
    result.findings += [f"第{line}行 {f}" for f in findings]
    result.figures += len(placed)
    out, pos = [], 0
    for p in placed:
        out.append(_escape(body[pos:p.found.start]))
        out.append(reference(p.id, p.found.options()))
        pos = p.found.end
    out.append(_escape(body[pos:]))
    return "".join(out)


def reference(target: str, options: tuple[str, ...]) -> str:
    return OPEN + SEPARATOR.join((target, *options)) + CLOSE


def _escape(literal: str) -> str:
    return literal.replace(OPEN, OPEN * 2).replace(CLOSE, CLOSE * 2)


class _Namer:
    """Gives each figure an id: the same name and value → the same indicator; a catalog
    indicator when the name matches; else an own indicator 导入.名称 (导入.名称2 …)."""

    def __init__(self, catalog: Catalog, result: Result):
        self.catalog = catalog
        self.result = result
        self.by_name: dict[str, list[str]] = {}
        for ind in catalog.indicators.values():
            if ind.kind == "text":
                continue
            self.by_name.setdefault(figures.normalize(ind.name), []).append(ind.id)
            if ind.kind == "rate" and ind.key != ind.name:  # 调解率: a rate's key says enough;
                # other keys (办案, 解决问题) are too short to name one figure
                self.by_name.setdefault(figures.normalize(ind.key), []).append(ind.id)
        self.seen: dict[tuple[str, str, str], str] = {}  # (name, unit, typed) → id
        self.values: dict[tuple[str, str], list[str]] = {}  # (name, unit) → typed values
        self.taken: set[str] = set()

    def place(self, f: Found, line: int) -> str:
        key = (f.name, f.unit, f.typed)
        if key in self.seen:
            return self.seen[key]
        others = self.values.setdefault((f.name, f.unit), [])
        if others:
            self.result.findings.append(
                f"第{line}行 “{f.name}”出现了不同的数:{'、'.join(others)} 与 {f.typed},"
                "分作两个指标,请核对是否同一件事")
        others.append(f.typed)
        if f.kind == "count" and f.decimals and not f.scale:
            self.result.findings.append(
                f"第{line}行 计数“{f.name}{f.shown}”带小数,可能漏写了“万”"
                f"(如“{figures.plain(f.number)}万{f.qualifier}{f.unit}”),已按原文导入,请核对")
        target = self._catalog(f)
        if target:
            self.result.catalog_matches += 1
            self.result.plan.previous[target] = f.typed
        else:
            target = self._own(f)
        self.seen[key] = target
        self.taken.add(target)
        return target

    def _catalog(self, f: Found) -> str:
        """The catalog indicator of the same name (and unit); else the one whose name ends the
        found name (开展党组理论学习中心组学习 → 党组理论学习中心组学习), when only one does."""
        name = figures.normalize(f.name)
        for ind_id in self.by_name.get(name, []):
            ind = self.catalog.indicators[ind_id]
            if ind_id not in self.taken and _units_agree(ind.unit, ind.kind, f):
                return ind_id
        tails = {ind_id for known, ids in self.by_name.items() if len(known) >= 4
                 and name.endswith(known) for ind_id in ids
                 if ind_id not in self.taken and self.catalog.indicators[ind_id].unit == f.unit
                 and self.catalog.indicators[ind_id].kind == f.kind}
        return tails.pop() if len(tails) == 1 else ""

    def _own(self, f: Found) -> str:
        base = re.sub(r"[^\w]", "", f.name) or "数字"
        if not (base[0].isalpha() and base.isidentifier()):
            base = "数字" + base
        key, n = base, 1
        while f"{SECTION}.{key}" in self.taken or f"{SECTION}.{key}" in self.catalog.indicators:
            n += 1
            key = f"{base}{n}"
        ind_id = f"{SECTION}.{key}"
        self.result.plan.own.append(sheet.OwnIndicator(
            id=ind_id, section=SECTION, key=key, name=f.name if n == 1 else f"{f.name}{n}",
            unit=f.unit, kind=KIND_NAMES[f.kind], previous=f.typed,
            note=f"导入自原文“{f.words}{f.shown}”"))
        return ind_id


def _units_agree(unit: str, kind: str, f: Found) -> bool:
    if kind == "rate" or f.kind == "rate":
        return kind == f.kind
    return not unit or unit == f.unit


_YEAR = re.compile(r"(?<!\d)(19|20)(\d{2})(?=\s*年)")


def _facts(parsed: outline.Outline, plan: sheet.Plan, result: Result) -> None:
    facts = plan.facts
    head = parsed.title or next((r.body for r in parsed.rows if r.body), "")
    years = [int(a + b) for a, b in _YEAR.findall(head)]
    if parsed.title:
        title = _YEAR.sub(lambda m: str(int(m.group(1) + m.group(2)) + 1), parsed.title)
        facts["报告标题"] = title
        if title != parsed.title:
            result.notes.append(f"报告标题中的年份已加一年:“{parsed.title}” → “{title}”,请核对")
    unit = re.search(r"([\u4e00-\u9fff]{2,16}?司法局)", parsed.title or parsed.signature or head)
    if unit:
        facts["单位名称"] = unit.group(1)
    else:
        result.notes.append("未能从标题或署名中识别单位名称,请在“基本信息”中填写")
    if years:
        facts["年度"] = str(years[0] + 1)
        result.notes.append(f"年度按去年报告({years[0]}年)推算为 {years[0] + 1},请核对")
    if "半年" in (parsed.title or head):
        facts["报告期间"] = "上半年"
    if parsed.signature:
        facts["署名"] = parsed.signature
    if parsed.date:
        facts["成文日期"] = parsed.date
        result.notes.append(f"成文日期照去年填写为“{parsed.date}”,请改为今年的日期")
    _notice_facts(parsed, facts, result)
    run_in = parsed.run_in_levels()
    names = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
    facts["接排层级"] = "、".join(names[k] for k in run_in) if run_in else "无"


def _notice_facts(parsed: outline.Outline, facts: dict[str, str], result: Result) -> None:
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


def describe(result: Result) -> str:
    """What was done, for the terminal (Chinese)."""
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
    if by_why:
        lines.append("  保留为文字的数字:" + ";".join(f"{why} {len(v)} 处" for why, v in by_why.items()))
        for shown in by_why.get("没有可识别的单位", []):
            lines.append(f"    没有可识别的单位:…{shown}…")
    if result.notes:
        lines.append("说明:")
        lines += [f"  · {n}" for n in result.notes]
    if result.findings:
        lines.append(f"原文中需要核对的地方({len(result.findings)} 处):")
        lines += [f"  ! {f}" for f in result.findings]
    lines.append("请打开数据表核对“大纲”的文字和“指标”的名称,填好“本期”后运行 drafter check。")
    return "\n".join(lines)
