"""Checking narrative cells: references that name no figure, bad options, referenced figures
left blank, a lone 【, a 内容 cell without final punctuation, a default lead left alone.

`check(data, catalog)` returns findings; `narrative_cells(data)` lists the cells the report
renders as prose (要点 内容 and 基本信息 facts), shared with the typed-number check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import CellRef, Finding, Severity, define, finding
from drafter.model.narrative import (
    Index,
    Ref,
    Text,
    needs_period,
    parse_options,
    references,
    tokenize,
    year_offset,
)

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# fmt: off
define("unknown-reference", _E, "引用的指标不存在",
       "叙述文字中的【…】引用找不到对应的指标编号或名称(或名称对应多个指标)。按提示改成正确的编号;"
       "若只是想写出方括号本身,请写成【【…】】。",
       "要点!D7:引用【法律援助.受案】找不到编号或名称为“法律援助.受案”的指标;"
       "是否要写:【法律援助.受理案件】(受理法律援助案件)")
define("bad-reference-option", _E, "引用的写法选项有误",
       "【编号|选项】中的选项无法识别、相互冲突,或不适用于该指标(如文字类指标、非整数写成中文数字)。",
       "要点!D7:引用【法律援助.受理案件|千】:无法识别的选项“千”")
define("unclosed-bracket", _W, "方括号没有配对",
       "叙述文字中有“【”却没有配对的“】”,按原文写出。若要引用指标,请补上“】”;"
       "若要写出方括号本身,请写成“【【”。",
       "要点!D9:“【”没有配对的“】”,按原文写出")
define("sentence-end-supplied", _I, "已补句号",
       "“内容”末尾没有句末标点,报告中补上“。”,以免与下一句连在一起。",
       "要点!D7:内容末尾没有标点,报告中补上“。”")
define("reference-in-lead", _W, "要点短语中的引用不会换成数字",
       "“要点”列(短语)照原样写出,其中的【…】不会换成数字。请把引用写到“内容”列;"
       "若只是写出方括号,请写成【【…】】。",
       "要点!C7:要点短语中的【法律援助.受理案件】不会换成数字,请写到“内容”列")
define("year-before-period", _W, "叙述中的年份早于年度",
       "叙述文字里直接写的年份比基本信息“年度”早一两年:多半是照抄去年的句子(年度已是今年,句子还写着去年)。"
       "写的是今年,请改为【年度】;确指上一年,请写【年度-1】,以后每年自动顺延。引号、书名号内的名称"
       "和“2021—2023年”这样的起止年份不在此列。",
       "大纲!C5:写的是“2024年上半年”,早于年度 2025;如指今年,请改为【年度】年;确指上一年,请写【年度-1】年")
define("point-left-out", _I, "要点只有默认短语",
       "要点行只有 drafter init 预填的要点短语、没有内容:模板没有为它写出数字时,报告略去这一要点。"
       "要写进报告,请填写“内容”,或改写“要点”。",
       "要点!C9、要点!C10只有预填的要点、没有内容;模板没有为它写出数字时,报告略去这些要点")
# fmt: on

_PROSE = re.compile(r"[。，；！？]")


@dataclass(frozen=True)
class Cell:
    """A cell the report renders as narrative."""

    text: str
    cell: CellRef | None
    section: str = ""  # the 要点 row's 板块 ("" for a fact)
    prose: bool = True  # reads as sentences (a fact such as 单位名称 does not)


def narrative_cells(data: WorkbookData) -> list[Cell]:
    out = [Cell(p.body, p.cell, p.section) for p in data.points if p.body]
    out += [Cell(r.body, r.cell) for r in data.outline if r.body]
    out += [Cell(text, data.fact_cells.get(key), "", bool(_PROSE.search(text)))
            for key, text in data.facts.items() if text]
    return out


def check(data: WorkbookData, catalog: Catalog) -> list[Finding]:
    """Findings about references and narrative cells. `data` should hold computed rates
    (checks.rules.with_computed): a rate a rule computes is not missing."""
    out: list[Finding] = []
    index = Index(data.figures.values())
    year = data.facts.get("年度", "")
    for c in narrative_cells(data):
        if year.isdigit():
            out += _stale_years(c, int(year))
        seen: set[Ref] = set()  # a reference repeated in a cell is checked once
        for part in tokenize(c.text):
            if isinstance(part, Ref):
                if part not in seen:
                    seen.add(part)
                    out += _reference(part, c, index, data.figures)
            elif part.unclosed:
                out.append(finding("unclosed-bracket", "“【”没有配对的“】”,按原文写出",
                                   _cells(c.cell), section=c.section))
    for p in data.points:
        for ref in references(p.lead):
            out.append(finding("reference-in-lead",
                               f"要点短语中的{ref.shown}不会换成数字,请写到“内容”列",
                               _cells(p.lead_cell), section=p.section))
        if p.body and needs_period(p.body):
            out.append(finding("sentence-end-supplied",
                               "内容末尾没有句末标点,报告中补上“。”",
                               _cells(p.cell), section=p.section))
    for r in data.outline:
        for ref in references(r.title):
            out.append(finding("reference-in-lead",
                               f"{'标题' if r.heading else '要点短语'}中的{ref.shown}不会换成数字,"
                               "请写到“内容”列", _cells(r.title_cell)))
        if r.body and needs_period(r.body) and not r.default:
            out.append(finding("sentence-end-supplied", "内容末尾没有句末标点,报告中补上“。”",
                               _cells(r.cell)))
    left = [p.lead_cell or p.cell for p in data.points
            if not p.body and p.slot in catalog.points and p.lead == catalog.points[p.slot].lead]
    if left:
        shown = "、".join(str(c) for c in left[:5]) + (f" 等 {len(left)} 行" if len(left) > 5 else "")
        out.append(finding(
            "point-left-out",
            f"{shown}只有预填的要点、没有内容;模板没有为它写出数字时,报告略去这些要点",
            _cells(*left)))
    return out


_YEAR = re.compile(r"(?<![\d\-—–~至到])((?:19|20)\d{2})(?=\s*年)(?!\s*年?度?\s*[-—–~至到]\s*\d)")
_NAMES = {"“": "”", "《": "》", "「": "」", "『": "』"}


STALE_YEARS = 2  # a year this much before 年度 is last year's text copied; older is history


def _stale_years(c: Cell, year: int) -> list[Finding]:
    """A year written into the text one or two years before 年度 (outside quotes and 书名号,
    not one end of a span): one warning per cell, naming the first."""
    for part in tokenize(c.text):
        if not isinstance(part, Text):
            continue
        depth: list[str] = []
        pos = 0
        for m in _YEAR.finditer(part.text):
            for ch in part.text[pos:m.start()]:
                if depth and ch == depth[-1]:
                    depth.pop()
                elif ch in _NAMES:
                    depth.append(_NAMES[ch])
            pos = m.start()
            written = int(m.group(1))
            if depth or not 0 < year - written <= STALE_YEARS:
                continue
            shown = re.split(r"[，,。；;、]", part.text[m.start():m.end() + 5])[0]
            return [finding("year-before-period",
                            f"写的是“{shown}”,早于年度 {year};如指今年,请改为【年度】年;"
                            f"确指那一年,请写【年度-{year - written}】年,以后每年自动顺延",
                            _cells(c.cell), section=c.section)]
    return []


def _reference(ref: Ref, c: Cell, index: Index, figures: dict[str, Figure]) -> list[Finding]:
    offset = year_offset(ref.target)
    if offset is not None:
        return _year_reference(ref, c)
    found = index.resolve(ref.target, c.section)
    head = f"引用{ref.shown}"
    if not found.id:
        hint = ""
        if found.suggestions:
            hint = (";请改用编号:" if found.ambiguous else ";是否要写:") + "、".join(found.suggestions)
        hint += ";若只是写出方括号,请写成【【…】】" if not found.ambiguous else ""
        return [finding("unknown-reference", f"{head}{found.problem}{hint}", _cells(c.cell),
                        section=c.section)]
    f = figures[found.id]
    opts, problems = parse_options(ref.options)
    other: Figure | None = None
    if opts.times:
        other_found = index.resolve(opts.times, c.section)
        if other_found.id:
            other = figures[other_found.id]
        else:
            problems.append(f"“倍”的另一指标:{other_found.problem}")
    if f.kind == "text" and ref.options:
        problems.append(f"“{f.name}”是文字,不能加写法选项")
    if opts.chinese and f.value is not None and f.value != f.value.to_integral_value():
        problems.append(f"{f.name} {f.value} 不是整数,不能写成中文数字")
    if other is not None and other.value == 0:
        problems.append(f"“倍”的另一指标{other.name}为 0,无法计算倍数")
    if problems:
        return [finding("bad-reference-option", f"{head}:{';'.join(problems)}", _cells(c.cell),
                        section=c.section or f.section, indicators=[f.id])]
    out: list[Finding] = []
    wanted = [(f, "value")]
    if opts.yoy or opts.previous:
        wanted.append((f, "previous"))
    if other is not None:
        wanted.append((other, "value"))
    for fig, column in wanted:
        if fig.kind == "text" and fig.text:
            continue
        if getattr(fig, column) is None and not (
                fig.unread if column == "value" else fig.previous_unread):
            where = fig.cell if column == "value" else fig.previous_cell
            what = "" if column == "value" else "上年同期"
            out.append(finding(
                "missing-required",
                f"{head}用到“{fig.name}”{what},但{f' {where} ' if where else '指标表中'}未填写。",
                _cells(c.cell, where), section=c.section or fig.section, indicators=[fig.id]))
    return out


def _year_reference(ref: Ref, c: Cell) -> list[Finding]:
    """【年度】【年度-1】: no options; 年度 itself is checked as a required fact."""
    if ref.options:
        return [finding("bad-reference-option", f"引用{ref.shown}:年度引用不加写法选项",
                        _cells(c.cell), section=c.section)]
    return []


def _cells(*cells: CellRef | None) -> list[CellRef]:
    return [c for c in cells if c is not None]


__all__ = ["Cell", "Text", "check", "narrative_cells"]
