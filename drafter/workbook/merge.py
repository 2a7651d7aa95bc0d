"""Join copies of one workbook, each filled by a section (科室), into one (`drafter merge`).

Not a roll-up: `drafter rollup` adds up the figures of several districts; here every copy is
the same office's workbook and each cell is filled in at most one of them (or the same in
all). The first copy is the base: the result is the base with what the others filled in.

- 基本信息 rows are matched by 项目, 指标 rows by 编号 (copies may have rows added: an own
  indicator added in one copy is appended), 大纲 / 规则 / 要点 rows by their position;
  columns by header name, in every sheet;
- a cell empty so far and filled in a copy is taken from that copy; a cell filled in two
  copies with different values is a conflict naming both files and cells, unless `prefer`
  (--prefer) is one of the two: its value wins, and the override is listed;
- 报告类型 must agree (checked by the caller); 单位文件夹 and 目录指纹 are the base's, a copy
  recording others is a warning. Other sheets (填写说明, …) are the base's.

Everything is decided on the cells drafter's reader read; openpyxl opens only the base, and
only when there is no conflict left, to write the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import WorkbookLayoutError
from drafter.model.findings import CellRef
from drafter.workbook import blank, edit, layout, origin
from drafter.workbook.worksheet import Sheet

# sheet → (the key column, the headers that find the header row)
KEYED: dict[str, tuple[str, tuple[str, ...]]] = {
    layout.FACTS: ("项目", ("项目", "内容")),
    layout.FIGURES: ("编号", layout.FIGURE_REQUIRED),
}
POSITIONAL: dict[str, tuple[str, ...]] = {
    layout.OUTLINE: ("层级",), layout.RULES: ("类型",), layout.POINTS: layout.POINT_REQUIRED,
}
APART = frozenset({layout.KIND_FACT, *origin.KEYS})  # never merged: see the module's doc
FILLED = ("本期", "上年同期", "内容")  # the columns a clerk fills in keyed sheets
HINTS = ("提示",)  # init's hints on positional sheets: not what a section filled
TOO_BIG = "无法合并;请在 Excel 或 WPS 中手工合并"


@dataclass(frozen=True)
class Copy:
    """One input: its path, the name shown in messages, and its cells as read."""

    path: Path
    name: str
    sheets: Mapping[str, Sheet]
    origin: Mapping[str, str]


@dataclass(frozen=True)
class Value:
    copy: int  # index into the copies
    cell: str  # 指标!F12, in that copy
    value: Any
    fmt: str


@dataclass
class Conflict:
    what: str  # 指标“法律援助.受理案件”的上年同期
    values: tuple[Value, Value]  # the value held so far, the other copy's
    chosen: int | None = None  # the copy whose value won (--prefer), None: unresolved


@dataclass
class Merged:
    copies: list[Copy]
    output: Path
    taken: list[int]  # cells of the result, by the copy they come from
    conflicts: list[Conflict] = field(default_factory=list)  # unresolved: nothing written
    overridden: list[Conflict] = field(default_factory=list)  # resolved by --prefer
    warnings: list[str] = field(default_factory=list)
    written: bool = False
    original: bool = False  # copies[0] is the workbook as handed out (--original)

    def says(self, c: Conflict) -> str:
        """科室甲.xlsx 指标!F12 = 236，科室乙.xlsx 指标!F12 = 263"""
        return "，".join(f"{self.copies[v.copy].name} {v.cell} = {edit.shown(v.value)}"
                         for v in c.values)


@dataclass
class _Target:
    sheet: str
    row: int  # 0-based, in the base
    column: int
    style_row: int | None = None  # a new row: the base row whose look it takes


class _Plan:
    def __init__(self, copies: list[Copy], prefer: int | None, original: bool):
        self.copies, self.prefer = copies, prefer
        # copies[0] is the workbook as handed out (--original): a cell a copy left as it was
        # there is no value of that copy's, and a cell a copy changed (or emptied) is its own
        self.original = original
        self.handed_out: dict[tuple[str, int, int], Any] = {}
        # the base first, then the preferred copy: its values win over every later one
        first = [0] + ([prefer] if prefer not in (None, 0) else [])
        self.order = first + [i for i in range(len(copies)) if i not in first]
        # each cell of the result decided so far: where, whose value, what it is, and whether
        # it counts as filled in (本期, 内容, …; not 板块 or 说明 copied from the catalog)
        self.held: dict[tuple[str, int, int], tuple[_Target, Value, str, bool]] = {}
        self.conflicts: list[Conflict] = []
        self.overridden: list[Conflict] = []
        self.warnings: list[str] = []

    def offer(self, target: _Target, value: Value, what: str, filled: bool) -> None:
        key = (target.sheet, target.row, target.column)
        held = self.held.get(key)
        if self.original and value.copy > 0:
            if edit.comparable(value.value) == self.handed_out.get(key):
                return  # left as handed out
            if held is None or held[1].copy == 0:
                self.held[key] = (target, value, what, filled)  # changed (or emptied) here
                return
        else:
            if self.original:
                self.handed_out[key] = edit.comparable(value.value)
            if edit.is_empty(value.value):
                return
            if held is None or edit.is_empty(held[1].value):
                self.held[key] = (target, value, what, filled)
                return
        if edit.comparable(held[1].value) == edit.comparable(value.value):
            return
        conflict = Conflict(what, (held[1], value))
        if self.prefer is not None and self.prefer in (held[1].copy, value.copy):
            conflict.chosen = self.prefer
            self.overridden.append(conflict)
            if value.copy == self.prefer:
                self.held[key] = (held[0], value, what, filled)
        else:
            self.conflicts.append(conflict)

    def warn_once(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


def merge(copies: list[Copy], out: Path, *, prefer: int | None = None,
          original: bool = False, replace: bool = False) -> Merged:
    """Merge `copies` (already read and vetted, all of one kind) into `out`, written only
    when no conflict is left unresolved; `original`: copies[0] is the workbook as it was
    handed out (see _Plan); `replace`: overwrite an existing `out`."""
    plan = _Plan(copies, prefer, original)
    base = copies[0]
    _origins(plan)
    for name, (key, required) in KEYED.items():
        _keyed(plan, name, key, required)
    for name, required in POSITIONAL.items():
        _positional(plan, name, required)
    _others(plan)
    taken = [0] * len(copies)
    for _, value, _, filled in plan.held.values():
        if (filled and not edit.is_empty(value.value)) or value.copy > 0:
            taken[value.copy] += 1
    done = Merged(copies, out, taken, plan.conflicts, plan.overridden, plan.warnings,
                  original=original)
    if plan.conflicts:
        return done
    for other in copies[1:]:  # their values go into the base, which openpyxl then writes
        edit.vet_numbers(other.sheets, other.path)
    wb = edit.open_book(base.path, base.sheets, TOO_BIG)
    for target, value, _, _ in plan.held.values():
        if value.copy == 0:
            continue
        ws = edit.worksheet(wb, target.sheet)
        cell = None if ws is None else edit.writable(ws, target.row + 1, target.column + 1)
        if ws is None or cell is None:
            done.warnings.append(f"{value.cell}({copies[value.copy].name})在全局表中落在合并单元格里,"
                                 "未写入,请手工填写")
            done.taken[value.copy] -= 1
            continue
        if edit.is_formula(cell):  # a formula with no result saved reads as empty
            done.warnings.append(f"{base.name} {ws.title}!{cell.coordinate} 的公式 {cell.value} "
                                 f"没有保存计算结果,已换成 {copies[value.copy].name} 填的 "
                                 f"{edit.shown(value.value)}")
        if target.style_row is not None:
            cell._style = copy(ws.cell(row=target.style_row + 1, column=target.column + 1)._style)
        edit.put_value(cell, value.value, value.fmt)
    blank.save(wb, out, replace=replace)
    done.written = True
    return done


def _origins(plan: _Plan) -> None:
    base = plan.copies[0]
    for c in plan.copies[1:]:
        for key in origin.KEYS:
            mine, theirs = base.origin.get(key, ""), c.origin.get(key, "")
            if mine != theirs:
                plan.warnings.append(
                    f"{c.name} 的{key}是“{theirs or '空'}”,{base.name} 的是“{mine or '空'}”:"
                    "两份可能不是由同一张表复制的(指标目录不同),请核对;全局表保留"
                    f"{base.name} 的")


def _header(plan: _Plan, i: int, name: str, required: tuple[str, ...]
            ) -> tuple[Sheet, int, dict[str, int]] | None:
    sheet = plan.copies[i].sheets.get(name)
    if sheet is None:
        return None
    found = edit.header(sheet, required)
    if found is None:
        if i == 0 and name not in KEYED:  # the reader read the keyed sheets already
            return None
        need = "、".join(f"“{h}”" for h in required)
        raise WorkbookLayoutError(f"前 5 行中找不到表头 {need}", file=str(plan.copies[i].path),
                                  where=sheet.title)
    return sheet, found[0], found[1]


def _value(plan: _Plan, i: int, sheet: Sheet, r: int, c: int, base: Sheet, row: int,
           column: int) -> Value:
    """Copy i's cell (r, c), headed for the base's (row, column): a formula gives its cached
    value, and a note unless the base holds the same formula there."""
    raw = sheet.value(r, c)
    ref = str(CellRef.at(sheet.title, r + 1, c + 1))
    formula = sheet.formulas.get((r, c))
    if formula is not None and i > 0 and base.formulas.get((row, column)) != formula:
        name = plan.copies[i].name
        if edit.is_empty(raw):
            plan.warn_once(f"{name} {ref} 是公式 {formula},没有保存计算结果,未合并;"
                           "请用 Excel 或 WPS 打开保存一次后重新合并")
        else:
            plan.warn_once(f"{name} {ref} 是公式 {formula},全局表写入其计算结果 {edit.shown(raw)}")
    return Value(i, ref, raw, sheet.number_format(r, c))


def _missing_sheet(plan: _Plan, i: int, name: str) -> None:
    plan.warn_once(f"{plan.copies[0].name} 中没有“{name}”表,{plan.copies[i].name} 的“{name}”表未合并")


def _missing_column(plan: _Plan, i: int, name: str, head: str) -> None:
    plan.warn_once(f"{plan.copies[0].name} 的“{name}”表没有“{head}”列,"
                   f"{plan.copies[i].name} 中这一列未合并")


def _keyed(plan: _Plan, name: str, key: str, required: tuple[str, ...]) -> None:
    """Rows matched by their key (编号, 项目); a key the base lacks gets a new row."""
    found = _header(plan, 0, name, required)
    base_rows: dict[str, int] = {}
    new_rows: dict[int, int | None] = {}  # a row added to the base → the row it looks like
    next_row, style_row = 0, None
    if found is not None:
        sheet, head, cols = found
        last = head
        for r in sheet.row_numbers(head + 1):
            k = _key(sheet.value(r, cols[key]))
            if any(not edit.is_empty(v) for v in sheet.row(r).values()):
                last = r
            if k:
                base_rows.setdefault(k, r)
        next_row = last + 1
        style_row = max(base_rows.values(), default=None)
    for i in plan.order:
        mine = _header(plan, i, name, required)
        if mine is None:
            continue
        if found is None:
            _missing_sheet(plan, i, name)
            continue
        sheet, head, cols = mine
        seen: set[str] = set()
        for r in sheet.row_numbers(head + 1):
            k = _key(sheet.value(r, cols[key]))
            if not k or k in APART:
                continue
            if k in seen:
                plan.warn_once(f"{plan.copies[i].name} {CellRef.at(sheet.title, r + 1, cols[key] + 1)}:"
                               f"{key}“{k}”重复,只合并第一行")
                continue
            seen.add(k)
            row = base_rows.get(k)
            if row is None:
                row = base_rows[k] = next_row
                new_rows[row], next_row = style_row, next_row + 1
            for h, c in cols.items():
                if h == key and row not in new_rows:
                    continue
                if h not in found[2]:
                    if not edit.is_empty(sheet.value(r, c)):
                        _missing_column(plan, i, name, h)
                    continue
                what = f"{name}“{k}”" + ("" if name == layout.FACTS and h == "内容" else f"的{h}")
                plan.offer(_Target(name, row, found[2][h], new_rows.get(row)),
                           _value(plan, i, sheet, r, c, found[0], row, found[2][h]), what,
                           h in FILLED or row in new_rows)


def _key(value: Any) -> str:
    return "" if edit.is_empty(value) else str(value).strip()


def _positional(plan: _Plan, name: str, required: tuple[str, ...]) -> None:
    """Rows matched by their place below the header row."""
    found = _header(plan, 0, name, required)
    for i in plan.order:
        mine = _header(plan, i, name, required)
        if mine is None:
            continue
        sheet, head, cols = mine
        rows = [r for r in sheet.row_numbers(head + 1)
                if any(not edit.is_empty(v) for v in sheet.row(r).values())]
        if plan.original and found is not None and i > 0:  # a row emptied here is a change
            handed = {head + (r - found[1]) for r in found[0].row_numbers(found[1] + 1)
                      if any(not edit.is_empty(v) for v in found[0].row(r).values())}
            rows = sorted(set(rows) | {r for r in handed if r > head})
        if found is None:
            if rows:
                _missing_sheet(plan, i, name)
            continue
        for r in rows:
            row = found[1] + (r - head)
            for h, c in cols.items():
                if h not in found[2]:
                    if not edit.is_empty(sheet.value(r, c)):
                        _missing_column(plan, i, name, h)
                    continue
                plan.offer(_Target(name, row, found[2][h]),
                           _value(plan, i, sheet, r, c, found[0], row, found[2][h]),
                           f"{name}第 {row + 1} 行的{h}", h not in HINTS)


def _others(plan: _Plan) -> None:
    """Sheets not merged: the base's are kept; a copy whose differ is told."""
    merged = {*KEYED, *POSITIONAL, layout.GUIDE}
    base = plan.copies[0]
    for c in plan.copies[1:]:
        for name in c.sheets:
            if name in merged:
                continue
            sheet = c.sheets[name]
            mine = base.sheets.get(name)
            if mine is None or mine.cells != sheet.cells:
                plan.warn_once(f"“{name}”表不合并:全局表中是 {base.name} 的,"
                               f"{c.name} 中的不同之处未合并")
