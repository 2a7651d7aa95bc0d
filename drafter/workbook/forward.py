"""Roll a workbook forward to the next period (`drafter init --from 去年数据.xlsx`).

The new workbook is last year's, edited in place with openpyxl, so everything the office
wrote carries over unchanged — 大纲, 要点, narrative with its 【references】, the 规则 sheet,
its own indicator rows, the 说明 column, the office folder and catalog fingerprint recorded
on 基本信息 (origin.py) — except what belongs to one period:

- 指标: each row's 本期 moves to 上年同期 as it was typed (236 stays a number, “130余”
  stays text, the number format goes with it: 0.3043 under 0.00% is still 30.43%); a formula
  gives its cached value, and the cell says so in a comment. 本期 is left blank. An 上年同期
  that held a value (two years ago, or typed by hand) is overwritten — counted in the summary;
- 基本信息: 年度 advances by one; the facts of PER_PERIOD are cleared;
- the 区县数据 and 汇总来源 sheets of a city workbook (drafter rollup) are removed: they hold
  last year's district figures, and this year's come from a new roll-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.workbook import Workbook

from drafter.config.catalog import Catalog
from drafter.errors import WorkbookLayoutError
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef
from drafter.workbook import blank, edit, layout, origin
from drafter.workbook.reader import Loaded
from drafter.workbook.worksheet import Sheet

# Facts that belong to one issue of the report: a new period starts without them.
PER_PERIOD: dict[str, str] = {
    "成文日期": "成文日期是每期报告自己的日期",
    "发文字号": "发文字号按年度、按份编号,去年的字号不能再用",
    "印发日期": "印发日期是每次印发的日期",
}
YEAR_FACT = "年度"
STALE_SHEETS = (layout.DISTRICTS, layout.SOURCES)
AUTHOR = "drafter"
TOO_BIG = "无法结转;可在 Excel 或 WPS 中另存一份,把“本期”列复制到“上年同期”列"
_KEPT = {  # sheets carried over as written, with the headers that find their header row
    layout.OUTLINE: ("层级",), layout.RULES: ("类型",), layout.POINTS: layout.POINT_REQUIRED,
    layout.FACTS: ("项目", "内容"),
}
HINTS = ("说明", "提示")
_LISTED = 12  # cells named in a summary line; the rest are counted


@dataclass
class Forwarded:
    """What `roll` did, for the summary `init --from` prints (commands.init.forward_lines)."""

    source: Path
    output: Path
    kind: str
    moved: int = 0  # rows whose 本期 value is now their 上年同期
    empty: int = 0  # rows whose 本期 was blank: their 上年同期 is blank too
    overwritten: list[str] = field(default_factory=list)  # 上年同期 cells that held a value
    formulas: list[str] = field(default_factory=list)  # 本期 formulas: what became of them
    skipped: list[str] = field(default_factory=list)  # merged cells, left as they were
    year: tuple[str, str] | None = None  # 年度 before → after
    year_problem: str = ""  # why 年度 was not advanced
    cleared: list[tuple[str, str]] = field(default_factory=list)  # (fact, its old value)
    own_rows: int = 0  # 指标 rows whose 编号 is not in the catalog: kept, and rolled too
    kept: dict[str, int] = field(default_factory=dict)  # sheet → rows kept as written
    mentions: list[str] = field(default_factory=list)  # kept cells naming last year
    removed_sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. made with an office folder not given


def roll(loaded: Loaded, data: WorkbookData, catalog: Catalog, out: Path, *,
         replace: bool = False) -> Forwarded:
    """Write the next period's workbook of `loaded` (already read into `data` against
    `catalog`, which vets the file) to `out`; `replace`: overwrite an existing `out`."""
    src = loaded.path
    figures = loaded.sheets.get(layout.FIGURES)
    if figures is None:  # reader.read refused it already; kept for callers that did not
        raise WorkbookLayoutError(f"工作簿中没有“{layout.FIGURES}”表", file=str(src))
    head, cols = edit.need_header(figures, layout.FIGURE_REQUIRED, str(src))
    if "上年同期" not in cols:
        raise WorkbookLayoutError("“指标”表没有“上年同期”列,无法把本期数移过去;"
                                  "请用 drafter init 生成的数据表", file=str(src),
                                  where=figures.title)
    done = Forwarded(src, out, data.kind)
    _kept(loaded, data, done)  # reads the other sheets, bounded, before openpyxl opens any
    wb = edit.open_book(src, loaded.sheets, TOO_BIG)
    ws = edit.worksheet(wb, layout.FIGURES)
    assert ws is not None  # the same file the reader read
    _figures(figures, ws, head, cols, catalog, done)
    _facts(wb, data, done)
    if done.year is None:
        done.mentions.clear()  # 年度 unchanged: nothing names "last year" yet
    for name in STALE_SHEETS:
        stale = edit.worksheet(wb, name)
        if stale is not None:
            wb.remove(stale)
            done.removed_sheets.append(name)
    if done.removed_sheets:
        wb.active = 0
    blank.save(wb, out, replace=replace)
    return done


def _figures(sheet: Sheet, ws: Any, head: int, cols: dict[str, int], catalog: Catalog,
             done: Forwarded) -> None:
    id_col, cur_col, prev_col = cols["编号"], cols["本期"], cols["上年同期"]
    for r in sheet.row_numbers(head + 1):
        ind_id = sheet.value(r, id_col)
        if edit.is_empty(ind_id):
            continue
        if str(ind_id).strip() not in catalog.indicators:
            done.own_rows += 1
        current = edit.writable(ws, r + 1, cur_col + 1)
        previous = edit.writable(ws, r + 1, prev_col + 1)
        here = CellRef.at(sheet.title, r + 1, cur_col + 1)
        there = CellRef.at(sheet.title, r + 1, prev_col + 1)
        if current is None or previous is None:
            done.skipped.append(str(here if current is None else there))
            continue
        value, fmt = current.value, current.number_format
        if edit.is_formula(current):
            cached = sheet.value(r, cur_col)
            formula = sheet.formulas.get((r, cur_col)) or str(current.value)
            if edit.is_empty(cached):
                done.formulas.append(f"{here} 是公式 {formula},没有保存计算结果:{there} 留空,"
                                     "本期的公式已清除")
                value = None
            else:
                done.formulas.append(f"{here} 是公式 {formula}:{there} 写入其计算结果 "
                                     f"{edit.shown(cached)},本期的公式已清除")
                value = cached
        if not edit.is_empty(previous.value):
            done.overwritten.append(str(there))
        if edit.is_empty(value):
            previous.value = None
            done.empty += 1
        else:
            edit.put_value(previous, value, fmt)
            done.moved += 1
        if edit.is_formula(current) and previous.value is not None:
            previous.comment = Comment(f"去年本期是公式 {current.value},这里是其计算结果", AUTHOR)
        current.value = None


def _facts(wb: Workbook, data: WorkbookData, done: Forwarded) -> None:
    ws = edit.worksheet(wb, layout.FACTS)
    if ws is None:
        done.year_problem = f"工作簿中没有“{layout.FACTS}”表,年度未改动"
        return
    ref = data.fact_cells.get(YEAR_FACT)
    cell = ws[ref.cell] if ref is not None else None
    if cell is None or edit.is_empty(cell.value):
        done.year_problem = f"“{YEAR_FACT}”没有填写,未改动,请填写今年的年份"
    elif YEAR_FACT not in data.facts:
        done.year_problem = (f"{ref}:{YEAR_FACT}“{edit.shown(cell.value)}”不是四位数年份,"
                             "未改动,请填写今年的年份")
    else:
        old = data.facts[YEAR_FACT]
        new = str(int(old) + 1)
        typed = cell.value
        if isinstance(typed, int | float) and not isinstance(typed, bool):
            cell.value = int(new)
        else:
            edit.put_value(cell, new + ("年" if str(typed).strip().endswith("年") else ""))
        done.year = (old, new)
    for key in PER_PERIOD:
        where = data.fact_cells.get(key)
        if where is None:
            continue
        cell = ws[where.cell]
        if not edit.is_empty(cell.value):
            done.cleared.append((key, edit.shown(cell.value)))
            cell.value = None


def _kept(loaded: Loaded, data: WorkbookData, done: Forwarded) -> None:
    """Count the rows carried over as written, and find kept text naming last year."""
    year = data.facts.get(YEAR_FACT, "")
    pattern = re.compile(rf"(?<!\d){year}(?!\d)") if year else None
    skip_facts = {YEAR_FACT, layout.KIND_FACT, *PER_PERIOD, *origin.KEYS}
    for name, required in _KEPT.items():
        sheet = loaded.sheets.get(name)
        if sheet is None:
            continue
        found = edit.header(sheet, required)
        head, cols = found if found is not None else (0, {})
        hints = {cols[h] for h in HINTS if h in cols}  # init's hints, not the clerk's text
        rows = [r for r in sheet.row_numbers(head + 1)
                if any(not edit.is_empty(v) for v in sheet.row(r).values())]
        if name != layout.FACTS:
            done.kept[name] = len(rows if name != layout.RULES else _own_rules(sheet, cols, rows))
        for r in rows if pattern is not None else ():
            if name == layout.FACTS and str(sheet.value(r, cols.get("项目", 0))).strip() in skip_facts:
                continue
            for c, v in sorted(sheet.row(r).items()):
                if c not in hints and isinstance(v, str) and pattern.search(v):
                    done.mentions.append(str(CellRef.at(sheet.title, r + 1, c + 1)))


def _own_rules(sheet: Sheet, cols: dict[str, int], rows: list[int]) -> list[int]:
    """The 规则 rows that are the clerk's: not the examples drafter init writes (类型 示例…),
    which the check skips and a clerk did not write."""
    c = cols.get("类型")
    if c is None:
        return rows
    return [r for r in rows
            if not str(sheet.value(r, c) or "").strip().startswith(layout.EXAMPLE)]


def listed(cells: list[str]) -> str:
    """Cells for a summary line: the first few, then how many in all."""
    head = "、".join(cells[:_LISTED])
    return head + (f" 等 {len(cells)} 处" if len(cells) > _LISTED else "")
