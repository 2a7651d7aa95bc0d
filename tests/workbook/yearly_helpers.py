"""Workbooks for the yearly tests (init --from, merge), built in code from make_workbook.

The 大纲 / 规则 sheets and the 类型 column (CONTRACT.md) are added here with openpyxl when the
blank workbook does not have them yet, and used as they are when it does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config import packs
from drafter.workbook import layout, reader
from drafter.workbook.styling import put

OUTLINE_HEADERS = ("层级", "标题", "内容", "提示")
RULE_HEADERS = ("类型", "指标", "组成", "小数位", "说明")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def headers(ws: Worksheet) -> dict[str, int]:
    return {str(c.value).strip(): c.column for c in ws[1] if c.value is not None}


def _sheet(wb, name: str, heads: tuple[str, ...]) -> Worksheet:
    if name in wb.sheetnames:
        ws = wb[name]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.value = None
        return ws
    ws = wb.create_sheet(name)
    for c, h in enumerate(heads, start=1):
        put(ws, 1, c, h)
    return ws


def with_sheets(path: Path, outline: list[tuple[str, str, str]] | None = None,
                rules: list[tuple[str, str, str]] | None = None,
                types: bool | None = None,
                own: list[tuple[str, str, str, str, str, object]] | None = None) -> Path:
    """Rewrite `path` with 大纲 rows (层级, 标题, 内容), 规则 rows (类型, 指标, 组成), the 类型
    column on 指标 added (True) or removed (False), and own indicator rows
    (编号, 板块, 指标, 单位, 类型, 本期) appended to 指标."""
    wb = load_workbook(path)
    if outline is not None:
        ws = _sheet(wb, "大纲", OUTLINE_HEADERS)
        cols = headers(ws)
        for r, (level, title, body) in enumerate(outline, start=2):
            for h, v in (("层级", level), ("标题", title), ("内容", body)):
                put(ws, r, cols[h], v or None)
    if rules is not None:
        ws = _sheet(wb, "规则", RULE_HEADERS)
        cols = headers(ws)
        for r, (kind, ind, parts) in enumerate(rules, start=2):
            for h, v in (("类型", kind), ("指标", ind), ("组成", parts)):
                put(ws, r, cols[h], v)
    figures = wb[layout.FIGURES]
    cols = headers(figures)
    if types is True and "类型" not in cols:
        figures.insert_cols(cols["本期"])
        put(figures, 1, cols["本期"], "类型")
    elif types is False and "类型" in cols:
        figures.delete_cols(cols["类型"])
    cols = headers(figures)
    for ind_id, section, name, unit, kind, value in own or ():
        r = figures.max_row + 1
        for h, v in (("编号", ind_id), ("板块", section), ("指标", name), ("单位", unit),
                     ("类型", kind), ("本期", value)):
            if h in cols:
                put(figures, r, cols[h], v)
    wb.save(path)
    return path


def cell_of(path: Path, ind_id: str, column: str = "本期", kind: str = "半年工作总结") -> str:
    """Where the reader finds an indicator's 本期 (or 上年同期): "E13"."""
    fig = reader.read(path, packs.load(kind).catalog).figures[ind_id]
    ref = fig.cell if column == "本期" else fig.previous_cell
    assert ref is not None
    return ref.cell
