"""The 大纲 sheet: the report body as the clerk shapes it, one row per heading, point or paragraph.

    层级      标题                              内容
    一级标题  坚持党建引领，推进全面依法治理      (optional: the paragraph under the heading)
    二级标题  法律援助
    要点      法律援助更加便民                    共受理法律援助案件【法律援助.受理案件】。
    段落                                        全年……

Numbering is computed (一、（一）1.（1）, 一是、二是), so a number the clerk typed before a
heading is taken off and said so. A row the reader cannot place is an error at its cell and
is left out; nothing is dropped without a finding.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from drafter.model.figures import OutlineRow, WorkbookData
from drafter.model.findings import CellRef, finding
from drafter.model.levels import HEADINGS, Level, skipped
from drafter.workbook import limits, structure, text
from drafter.workbook.codes import (
    BAD_OUTLINE_LEVEL,
    EMPTY_HEADING,
    HEADING_NUMBER_REMOVED,
    OUTLINE_LEVEL_SKIPPED,
    PARAGRAPH_TITLE_IGNORED,
)
from drafter.workbook.worksheet import Sheet

_LEVELS = {
    **{level.written: level for level in Level},
    **{level.written[:2]: level for level in HEADINGS},  # 一级 … 四级
    **{str(int(level)): level for level in HEADINGS},  # 1 … 4
    "一、": Level.H1, "（一）": Level.H2, "(一)": Level.H2, "1.": Level.H3, "1、": Level.H3,
    "（1）": Level.H4, "(1)": Level.H4, "一是": Level.POINT, "正文": Level.PARAGRAPH,
}
_NUMERALS = "一二三四五六七八九十百零〇"
# A number typed before a heading or lead: 一、 （一） (一) 1. 1、 （1） 一是 第一，
_TYPED_NUMBER = re.compile(
    rf"^\s*(?:[{_NUMERALS}]+、|[（(][{_NUMERALS}]+[）)]、?|\d+[.．、](?!\d)|[（(]\d+[）)]、?"
    rf"|[{_NUMERALS}]+是|第[{_NUMERALS}]+[，,、])\s*"
)


@functools.lru_cache(maxsize=256)  # a 大纲 of 100,000 rows types a handful of levels
def level_of(typed: str) -> Level | None:
    """The OutlineRow level a 层级 cell means, or None."""
    key = unicodedata.normalize("NFKC", typed).replace(" ", "")
    return _LEVELS.get(typed.strip()) or _LEVELS.get(key)


def strip_number(title: str) -> tuple[str, str]:
    """(`title` without a typed number before it, the number taken off or "")."""
    m = _TYPED_NUMBER.match(title)
    if not m or not title[m.end():].strip():
        return title, ""
    return title[m.end():].strip(), m.group(0).strip()


def read(sheet: Sheet, head: int, cols: dict[str, int], data: WorkbookData) -> None:
    """Fill data.outline from the 大纲 sheet (its header row `head`, columns `cols`)."""
    data.has_outline = True
    last_heading = 0
    for r in sheet.row_numbers(head + 1):
        typed = text.take(sheet, r, cols["层级"], limits.MAX_LINE, data)
        title = text.take(sheet, r, cols["标题"], limits.MAX_LINE, data)
        body = text.take(sheet, r, cols["内容"], limits.MAX_PARAGRAPH, data)
        if not (title or body):
            continue  # a level chosen on an empty row: nothing to write
        level_cell = CellRef.at(sheet.title, r + 1, cols["层级"] + 1)
        title_cell = CellRef.at(sheet.title, r + 1, cols["标题"] + 1)
        level = level_of(typed) if typed else (Level.PARAGRAPH if not title else None)
        if level is None:
            why = f"层级“{text.shown(typed)}”无法识别" if typed else "没有选层级"
            data.findings.append(finding(
                BAD_OUTLINE_LEVEL, f"{why},这一行不写进报告;请从下拉列表中选择"
                "(一级标题…四级标题、要点、段落)", [level_cell]))
            continue
        if level == Level.PARAGRAPH and title:
            data.findings.append(finding(
                PARAGRAPH_TITLE_IGNORED, f"段落行的“标题”“{text.shown(title)}”不会写进报告;要写成标题或"
                "“一是……”,请把层级改为标题或要点", [title_cell]))
            title = ""
        if level.heading or level == Level.POINT:
            title, number = strip_number(title)
            if number:
                data.findings.append(finding(
                    HEADING_NUMBER_REMOVED, f"{'标题' if level.heading else '要点'}前手写的序号“{number}”"
                    "已去掉,序号由程序编排", [title_cell]))
        if level.heading:
            if not title:
                data.findings.append(finding(
                    EMPTY_HEADING, f"层级为{level.written},但“标题”是空的;"
                    "这一行不写进报告", [title_cell]))
                continue
            if why := skipped(level, last_heading):
                data.findings.append(finding(OUTLINE_LEVEL_SKIPPED, why, [level_cell]))
            last_heading = level
        data.outline.append(OutlineRow(
            level=level, title=title, body=body,
            cell=CellRef.at(sheet.title, r + 1, cols["内容"] + 1), title_cell=title_cell))
    structure.report(sheet, head, {h: cols[h] for h in ("标题", "内容")}, data)
