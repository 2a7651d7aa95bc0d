"""The shape of a report's first page, recognised before any heading or figure is looked for:
a 印发/报送 cover notice in front of the report, a title set over two lines, and the literary
style's run-in headings (伟大征程,党旗领航。一年来……). Pure functions on numbered lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Lines = list[tuple[int, str]]  # (1-based line number, text)

# the notice's own sentence: 现将《…》印发给你们 / 现将……报告如下 is the report's, not a notice's
_SENDS = re.compile(r"现将.{0,80}?(?:印发给|印发你们|转发给|报送|呈报|上报|报上|印发各)")
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
# a line that is a date and nothing else (a 成文日期): shape, structure and the PDF reader
DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九○Ｏ]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                   r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
_ADDRESSEE = re.compile(r"^(?:主送(?:机关|单位)?\s*[:：]\s*)?(.{2,80}?)\s*[:：]$")
_PUBLIC = re.compile(r"^[（(](?:此件|此页|本件)[^）)]{0,20}[）)]$")
_REPORT_END = re.compile(r"(?:总结|报告|汇报|情况|思路|打算|计划|要点|安排|综述|回顾)$")
_NOTICE_TITLE = re.compile(r"(?:通知|通报|报告|请示|函)$")
_QUOTED_TITLE = re.compile(r"《([^》]{4,60})》")


@dataclass
class Notice:
    """A cover notice found before the report (印发/报送/转发)."""

    title: str = ""  # 关于印发《…》的通知
    number: str = ""  # 发文字号: 某司〔2024〕12号
    addressee: str = ""  # 主送机关: 各科室、各司法所
    organ: str = ""  # its signature
    date: str = ""  # its date
    report: str = ""  # the title it names in 《》
    lines: int = 0  # how many lines it took


def notice(lines: Lines) -> Notice | None:
    """The cover notice at the start of `lines`, if there is one: a sentence 现将《…》印发给你们
    (报送, 转发 …) within the first lines, and a date line soon after it."""
    head = lines[:14]
    sends = next((k for k, (_, t) in enumerate(head) if _SENDS.search(t)), -1)
    if sends < 0:
        return None
    date = next((k for k in range(sends + 1, min(sends + 6, len(lines)))
                 if DATE_LINE.match(lines[k][1])), -1)
    if date < 0 or date + 1 >= len(lines):
        return None
    found = Notice(date=lines[date][1].replace(" ", ""), lines=date + 1)
    quoted = _QUOTED_TITLE.search(lines[sends][1])
    found.report = quoted.group(1) if quoted else ""
    title: list[str] = []
    for k in range(sends):
        text = lines[k][1].strip()
        number = _NUMBER.search(text)
        if number and not found.number and len(text) <= 40:
            found.number = number.group(0).replace(" ", "")
        elif (m := _ADDRESSEE.match(text)) and k == sends - 1:
            found.addressee = m.group(1).strip()
        elif not found.addressee:  # a 公文's title stands below its 文号, over one line or two
            title.append(text)
    found.title = _notice_title(title)
    if date - 1 > sends and len(lines[date - 1][1]) <= 30:
        found.organ = lines[date - 1][1].strip()
    while found.lines < len(lines) and _PUBLIC.match(lines[found.lines][1].strip()):
        found.lines += 1  # （此件公开发布）
    return found


def _notice_title(lines: list[str]) -> str:
    """The notice's title among the lines before its 文号: the last one that reads as one
    (关于…的通知), with the line before it when the title was set over two; whatever else
    stands there (a website's name that was not recognised) is left out."""
    for k in range(len(lines) - 1, -1, -1):
        if _NOTICE_TITLE.search(lines[k]):
            if "关于" not in lines[k] and k and "关于" in lines[k - 1]:
                return lines[k - 1] + lines[k]
            return lines[k]
    return "".join(lines)


def joined_title(first: str, second: str, limit: int) -> bool:
    """Whether `second` finishes a title set over two lines (镜湖区司法局关于2024年上半年 /
    法治建设工作情况的报告): together they end as a report's title does and `first` alone
    does not — or `second` is a few characters a line break cut off (…建设情况报 / 告,
    …建设情况 / 报告: a long title wraps where the line is full, not between words)."""
    if len(first) + len(second) > limit or DATE_LINE.match(second):
        return False
    return bool(_REPORT_END.search(first + second)) and (
        not _REPORT_END.search(first) or len(second) <= _CUT_OFF)


_CUT_OFF = 4  # characters of a title's last word a full line can push onto the next


# 伟大征程,党旗领航。/ 理论武装,理想信念更加坚定。: four characters, a comma, a phrase, a full stop
_COUPLET = re.compile(r"^([\u4e00-\u9fff]{4})[，,]([\u4e00-\u9fff“”「」]{4,16})。")
_NOT_HEADING_START = re.compile(r"(?:来|年|月|后|中|上|下|前|时|内|外|间|初|底)$|^(?:我|今|全|在|为|按|根|通|对|经|同|截)")


def couplets(lines: Lines) -> dict[int, tuple[int, int]]:
    """Run-in literary headings: index → (level, length of the heading in the line). A
    document has them when three lines or more begin so; a 4+4 couplet is a first-level
    heading, a 4+longer one a second-level one (first-level when no 4+4 is there)."""
    found: dict[int, tuple[int, int]] = {}
    for k, (_, text) in enumerate(lines):
        m = _COUPLET.match(text)
        if m and len(text) > m.end() and not _NOT_HEADING_START.search(m.group(1)):
            found[k] = (1 if len(m.group(2)) == 4 else 2, m.end())
    if len(found) < 3:
        return {}
    if not any(level == 1 for level, _ in found.values()):
        found = {k: (1, end) for k, (_, end) in found.items()}
    return found
