"""Checking narrative cells: references that name no figure, bad options, referenced figures
left blank, a lone 【, a 【待补充】 written in, a 内容 cell without final punctuation, a
default lead left alone.

`check(data, catalog)` returns findings; `narrative_cells(data)` lists the cells the report
renders as prose (要点 内容 and 基本信息 facts), shared with the typed-number check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.checks.codes import (
    BAD_REFERENCE_OPTION,
    MISSING_REQUIRED,
    PLACEHOLDER_TYPED,
    POINT_LEFT_OUT,
    REFERENCE_IN_LEAD,
    SENTENCE_END_SUPPLIED,
    UNCLOSED_BRACKET,
    UNKNOWN_REFERENCE,
    YEAR_BEFORE_PERIOD,
    YOY_NOT_WRITTEN,
)
from drafter.config.catalog import Catalog
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import CellRef, Finding, finding
from drafter.model.narrative import (
    Index,
    Ref,
    Text,
    needs_period,
    tokenize,
    year_offset,
)
from drafter.model.options import YOY, other_of, parse_options, phrased_by, reads_previous, refusals
from drafter.model.quantity import MISSING

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
        told: set[str] = set()  # and a 【待补充】 told once
        for part in tokenize(c.text):
            if isinstance(part, Ref) and MISSING.fullmatch(part.shown):
                out += _typed_gaps(part.shown, c, told)  # no figure: the gap, written once
            elif isinstance(part, Ref):
                if part not in seen:
                    seen.add(part)
                    out += _reference(part, c, index, data.figures)
            else:
                if part.unclosed:
                    out.append(finding(UNCLOSED_BRACKET, "“【”没有配对的“】”,按原文写出",
                                       _cells(c.cell), section=c.section))
                if "待补充" in part.text:
                    out += _typed_gaps(part.text, c, told)
    for p in data.points:
        out += _as_written(p.lead, p.lead_cell, "要点短语", p.section)
        if p.body and needs_period(p.body):
            out.append(finding(SENTENCE_END_SUPPLIED,
                               "内容末尾没有句末标点,报告中补上“。”",
                               _cells(p.cell), section=p.section))
    for r in data.outline:
        out += _as_written(r.title, r.title_cell, "标题" if r.heading else "要点短语")
        if r.body and needs_period(r.body) and not r.default:
            out.append(finding(SENTENCE_END_SUPPLIED, "内容末尾没有句末标点,报告中补上“。”",
                               _cells(r.cell)))
    left = [p.lead_cell or p.cell for p in data.points
            if not p.body and p.slot in catalog.points and p.lead == catalog.points[p.slot].lead]
    if left:
        shown = "、".join(str(c) for c in left[:5]) + (f" 等 {len(left)} 行" if len(left) > 5 else "")
        out.append(finding(
            POINT_LEFT_OUT,
            f"{shown}只有预填的要点、没有内容;模板没有为它写出数字时,报告略去这些要点",
            _cells(*left)))
    return out


def _as_written(text: str, cell: CellRef | None, what: str, section: str = "") -> list[Finding]:
    """A title or a point's phrase, which the report prints as written (model.narrative.
    as_written): a reference in it is not replaced, a 【待补充：…】 in it (in single brackets
    or doubled) is printed as a gap to fill."""
    out: list[Finding] = []
    told: set[str] = set()
    for part in tokenize(text):
        written = part.text if isinstance(part, Text) else part.shown
        if "待补充" in written and MISSING.search(written):
            out += _typed_gaps(written, Cell(text, cell, section), told)
        elif isinstance(part, Ref):
            out.append(finding(REFERENCE_IN_LEAD, f"{what}中的{part.shown}不会换成数字,"
                               "请写到“内容”列", _cells(cell), section=section))
    return out


def _typed_gaps(text: str, c: Cell, told: set[str]) -> list[Finding]:
    """A 【待补充：…】 written into the cell (doubled or not: no figure is named so): the report
    prints it as a gap to fill, so the check, which otherwise passes, says so (render tells
    the gaps a template leaves, templating/placeholders.py)."""
    out: list[Finding] = []
    for m in MISSING.finditer(text):
        if m.group() not in told:
            told.add(m.group())
            out.append(finding(PLACEHOLDER_TYPED, f"写着{m.group()},报告中会原样印出;"
                               "请写好这部分内容替换它", _cells(c.cell), section=c.section))
    return out


_YEAR = re.compile(r"(?<![\d\-—–~至到])((?:19|20)\d{2})(?=\s*年)(?!\s*年?度?\s*[-—–~至到]\s*\d)")
_NAMES = {"“": "”", "《": "》", "「": "」", "『": "』"}
# what a message quotes of a year: with its month and day when a date follows, whole
_SHOWN = re.compile(r"\d{4}\s*年(?:度|\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[上下]半年)?")


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
            shown = _SHOWN.match(part.text, m.start()).group()  # 2024年, 2024年7月12日
            return [finding(YEAR_BEFORE_PERIOD,
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
        return [finding(UNKNOWN_REFERENCE, f"{head}{found.problem}{hint}", _cells(c.cell),
                        section=c.section)]
    f = figures[found.id]
    opts, problems = parse_options(ref.options)
    other: Figure | None = None
    named = other_of(opts)
    if named is not None:
        option, target = named
        other_found = index.resolve(target, c.section)
        if other_found.id:
            other = figures[other_found.id]
        else:
            problems.append(option.other_problem(other_found.problem))
    if f.kind == "text" and ref.options:
        problems.append(f"“{f.name}”是文字,不能加写法选项")
    problems += refusals(opts, f, other)
    if problems:
        return [finding(BAD_REFERENCE_OPTION, f"{head}:{';'.join(problems)}", _cells(c.cell),
                        section=c.section or f.section, indicators=[f.id])]
    out: list[Finding] = []
    if (f.previous is not None and f.previous <= 0 and f.kind != "rate"
            and f.value is not None and phrased_by(opts) is YOY):  # phrasing.yoy: no base
        where = f" {f.previous_cell} " if f.previous_cell else ""
        out.append(finding(YOY_NOT_WRITTEN, f"{head}的上年同期{where}是 {f.previous},无从计算同比,"
                           "报告中不写", _cells(c.cell, f.previous_cell),
                           section=c.section or f.section, indicators=[f.id]))
    wanted = [(f, "value")]
    if reads_previous(opts):
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
                MISSING_REQUIRED,
                f"{head}用到“{fig.name}”{what},但{f' {where} ' if where else '指标表中'}未填写。",
                _cells(c.cell, where), section=c.section or fig.section, indicators=[fig.id]))
    return out


def _year_reference(ref: Ref, c: Cell) -> list[Finding]:
    """【年度】【年度-1】: no options; 年度 itself is checked as a required fact."""
    if ref.options:
        return [finding(BAD_REFERENCE_OPTION, f"引用{ref.shown}:年度引用不加写法选项",
                        _cells(c.cell), section=c.section)]
    return []


def _cells(*cells: CellRef | None) -> list[CellRef]:
    return [c for c in cells if c is not None]


__all__ = ["Cell", "Text", "check", "narrative_cells"]
