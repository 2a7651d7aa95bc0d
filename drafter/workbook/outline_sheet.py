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

from drafter.model.figures import PARAGRAPH, POINT, OutlineRow, WorkbookData
from drafter.model.findings import CellRef, Severity, define, finding
from drafter.workbook import layout, structure, text
from drafter.workbook.worksheet import Sheet

BAD_LEVEL = define(
    "bad-outline-level",
    Severity.ERROR,
    "大纲层级无法识别",
    "“大纲”表的“层级”应从下拉列表中选:一级标题、二级标题、三级标题、四级标题、要点、段落"
    "(也可写 1–4、一、（一）、1.、（1）)。无法识别的行不写进报告。",
    "大纲!A9:层级“小标题”无法识别,请从下拉列表中选择(一级标题…四级标题、要点、段落)",
)
EMPTY_HEADING = define(
    "empty-heading",
    Severity.ERROR,
    "标题没有文字",
    "“大纲”表中层级为标题的行,“标题”列是空的:这一行不写进报告。请填写标题,或把层级改为“段落”。",
    "大纲!B12:层级为二级标题,但“标题”是空的",
)
LEVEL_SKIPPED = define(
    "outline-level-skipped",
    Severity.WARNING,
    "标题跳级",
    "标题的层级应逐级展开:一级标题之下是二级标题,不能从一级直接到三级。报告照写,但编号"
    "会显得缺了一级,请检查“层级”。",
    "大纲!A14:三级标题直接跟在一级标题之后,中间缺少二级标题",
)
NUMBER_REMOVED = define(
    "heading-number-removed",
    Severity.INFO,
    "去掉了手写的序号",
    "标题和要点的序号(一、（一）1.（1）、一是)由程序按层级自动编排,删去或调换一行后自动"
    "重排。单元格里手写的序号已去掉,以免重复。",
    "大纲!B5:标题前手写的序号“一、”已去掉,序号由程序编排",
)
TITLE_IGNORED = define(
    "paragraph-title-ignored",
    Severity.WARNING,
    "段落行的“标题”未使用",
    "层级为“段落”的行只写“内容”;“标题”列的文字不会写进报告。要写成标题,请把层级改为标题;"
    "要写成“一是……”,请改为“要点”。",
    "大纲!B20:段落行的“标题”“加强队伍建设”不会写进报告",
)

_LEVELS = {
    **{name: i + 1 for i, name in enumerate(layout.HEADING_LEVELS)},
    "一级": 1, "二级": 2, "三级": 3, "四级": 4, "1": 1, "2": 2, "3": 3, "4": 4,
    "一、": 1, "（一）": 2, "(一)": 2, "1.": 3, "1、": 3, "（1）": 4, "(1)": 4,
    layout.POINT_LEVEL: POINT, "一是": POINT, layout.PARAGRAPH_LEVEL: PARAGRAPH, "正文": PARAGRAPH,
}
_NUMERALS = "一二三四五六七八九十百零〇"
# A number typed before a heading or lead: 一、 （一） (一) 1. 1、 （1） 一是 第一，
_TYPED_NUMBER = re.compile(
    rf"^\s*(?:[{_NUMERALS}]+、|[（(][{_NUMERALS}]+[）)]、?|\d+[.．、](?!\d)|[（(]\d+[）)]、?"
    rf"|[{_NUMERALS}]+是|第[{_NUMERALS}]+[，,、])\s*"
)


@functools.lru_cache(maxsize=256)  # a 大纲 of 100,000 rows types a handful of levels
def level_of(typed: str) -> int | None:
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
        typed = text.take(sheet, r, cols["层级"], text.LINE, data)
        title = text.take(sheet, r, cols["标题"], text.LINE, data)
        body = text.take(sheet, r, cols["内容"], text.PARAGRAPH, data)
        if not (title or body):
            continue  # a level chosen on an empty row: nothing to write
        level_cell = CellRef.at(sheet.title, r + 1, cols["层级"] + 1)
        title_cell = CellRef.at(sheet.title, r + 1, cols["标题"] + 1)
        level = level_of(typed) if typed else (PARAGRAPH if not title else None)
        if level is None:
            why = f"层级“{text.shown(typed)}”无法识别" if typed else "没有选层级"
            data.findings.append(finding(
                BAD_LEVEL, f"{why},这一行不写进报告;请从下拉列表中选择"
                "(一级标题…四级标题、要点、段落)", [level_cell]))
            continue
        if level == PARAGRAPH and title:
            data.findings.append(finding(
                TITLE_IGNORED, f"段落行的“标题”“{text.shown(title)}”不会写进报告;要写成标题或"
                "“一是……”,请把层级改为标题或要点", [title_cell]))
            title = ""
        if level <= 4 or level == POINT:
            title, number = strip_number(title)
            if number:
                data.findings.append(finding(
                    NUMBER_REMOVED, f"{'标题' if level <= 4 else '要点'}前手写的序号“{number}”"
                    "已去掉,序号由程序编排", [title_cell]))
        if level <= 4:
            if not title:
                data.findings.append(finding(
                    EMPTY_HEADING, f"层级为{layout.HEADING_LEVELS[level - 1]},但“标题”是空的;"
                    "这一行不写进报告", [title_cell]))
                continue
            if level > last_heading + 1:
                above = layout.HEADING_LEVELS[last_heading - 1] if last_heading else "报告开头"
                data.findings.append(finding(
                    LEVEL_SKIPPED, f"{layout.HEADING_LEVELS[level - 1]}直接跟在{above}之后,"
                    f"中间缺少{layout.HEADING_LEVELS[level - 2]}", [level_cell]))
            last_heading = level
        data.outline.append(OutlineRow(
            level=level, title=title, body=body,
            cell=CellRef.at(sheet.title, r + 1, cols["内容"] + 1), title_cell=title_cell))
    structure.report(sheet, head, {h: cols[h] for h in ("标题", "内容")}, data)
