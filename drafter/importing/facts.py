"""What kind of report it is, for which year, period and bureau — from its title, and when the
title is missing or silent, from its body: the opening paragraphs (“2024年，镜湖区司法局…”,
“现将上半年工作…总结如下”, “现将我局2024年度法治政府建设情况报告如下”), the signature line
and the date under it, and the bureau the text names most often.

Each fact says where it was found, so that the import can tell the clerk what to check.
Pure functions: an outline in, facts out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.importing.outline import Outline
from drafter.model.levels import is_heading
from drafter.phrasing.segment import tokens

HALF_YEAR, RULE_OF_LAW, ANNUAL = "半年工作总结", "法治政府建设年度报告", "年度工作总结"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_HALF = re.compile(r"上半年|半年工作|半年总结")
_RULE_OF_LAW_TITLE = re.compile(r"法治(政府)?建设")
# in the body the kind must be said of the report itself, not of the work it reports on
_RULE_OF_LAW_BODY = re.compile(r"法治(政府)?建设(工作)?(情况|年度)?(工作)?(报告|汇报)")
_HALF_BODY = re.compile(r"(现将|以下是)[^。]{0,12}上半年|上半年工作(情况|总结)|\d{4}\s*年上半年")
# a bureau: a place name of 2–6 characters (no function word inside), then 司法局
_SCANNED = 20_000  # characters of the body searched for the bureau it names
_OPENING = 3  # paragraphs before the first heading looked at for the year and the kind


@dataclass
class Facts:
    kind: str = ""
    year: int | None = None  # the report's own year (last year, for this year's workbook)
    period: str = ""  # 上半年 or ""
    unit: str = ""
    notes: list[str] = field(default_factory=list)  # where a fact came from, when guessed


def opening(parsed: Outline) -> str:
    """The paragraphs before the first heading (the preamble), joined."""
    out: list[str] = []
    for row in parsed.rows:
        if is_heading(row.level) or len(out) >= _OPENING:
            break
        out.append(row.body or row.title)
    if not out:  # a report without preamble: its first paragraph
        out = [next((r.body for r in parsed.rows if r.body), "")]
    return "".join(out)


def read(parsed: Outline, body: str = "") -> Facts:
    """The facts of a report: `parsed` its outline, `body` all its text (for the bureau it
    names most often)."""
    facts = Facts()
    head = opening(parsed)
    facts.kind = kind_of(parsed.title, head)
    facts.period = "上半年" if facts.kind == HALF_YEAR else ""
    facts.year = _year(parsed, head, facts)
    facts.unit = _unit(parsed, head, body, facts)
    return facts


def kind_of(title: str, head: str) -> str:
    """上半年 → 半年工作总结; 法治政府建设/法治建设 → 法治政府建设年度报告; else 年度工作总结.
    The title decides when it names a kind; else the preamble, where it says what the
    report is (“现将上半年工作开展情况总结如下”, “法治政府建设情况报告如下”)."""
    if _HALF.search(title):
        return HALF_YEAR
    if _RULE_OF_LAW_TITLE.search(title):
        return RULE_OF_LAW
    if title and re.search(r"(工作)?(总结|综述|思路|报告|汇报)", title):
        return ANNUAL
    if _HALF_BODY.search(head):
        return HALF_YEAR
    if _RULE_OF_LAW_BODY.search(head):
        return RULE_OF_LAW
    return ANNUAL


def _year(parsed: Outline, head: str, facts: Facts) -> int | None:
    found = _YEAR.search(parsed.title)
    if found:
        return int(found.group(1))
    found = _YEAR.search(head)
    if found:
        facts.notes.append(f"报告的年份取自开头一段(“{_around(head, found.start())}”)")
        return int(found.group(1))
    dated = _YEAR.search(parsed.date)
    if dated:
        year = int(dated.group(1))
        # an annual report is dated early the next year; a half-year one within its year
        month = re.search(r"年\s*(\d{1,2})\s*月", parsed.date)
        if facts.kind != HALF_YEAR and month and int(month.group(1)) <= 6:
            year -= 1
        facts.notes.append(f"报告的年份按成文日期“{parsed.date}”推定为 {year} 年")
        return year
    return None


def _unit(parsed: Outline, head: str, body: str, facts: Facts) -> str:
    # a title opens with the bureau (镜湖区司法局2024年…), a signature is one (某县司法局)
    opened = re.match(r"([\u4e00-\u9fff]{2,20}?司法局)", parsed.title)
    if opened:
        return opened.group(1)
    if re.fullmatch(r"[\u4e00-\u9fff]{2,20}司法局", parsed.signature):
        facts.notes.append(f"单位名称取自署名:{parsed.signature}")
        return parsed.signature
    for where, text in (("标题", parsed.title), ("署名", parsed.signature), ("开头一段", head)):
        found = _bureaus(text)
        if found:
            if where != "标题":
                facts.notes.append(f"单位名称取自{where}:{found[0]}")
            return found[0]
    text = body[:_SCANNED]
    named = Counter(_bureaus(text))
    if named:
        unit = named.most_common(1)[0][0]
        facts.notes.append(f"单位名称取自正文中提到的“{unit}”,请核对")
        return unit
    own = re.search(r"我局|本局|(?<![\u4e00-\u9fff])[市区县]司法局|[，。、；]([市区县])司法局", head + text)
    if own:
        level = next((ch for ch in "市区县" if f"{ch}司法局" in head + text), "市")
        places = Counter(w for w, t in tokens(text) if t == "ns" and w.endswith(level)
                         and len(w) >= 3)
        if places and places.most_common(1)[0][1] >= 2:
            unit = f"{places.most_common(1)[0][0]}司法局"
            facts.notes.append(f"单位名称按正文的“我局”和最常提到的地名推定为“{unit}”,请核对")
            return unit
    return ""


def _bureaus(text: str) -> list[str]:
    """The bureaus `text` names: 司法局 after a place name (镜湖区司法局, 芜湖市镜湖区司法局)."""
    out = []
    for m in re.finditer("司法局", text):
        places: list[str] = []
        for word, tag in reversed(tokens(text[max(m.start() - 12, 0):m.start()])):
            if tag != "ns" or not word.endswith(("省", "市", "区", "县", "州", "旗", "盟")):
                break
            places.insert(0, word)
        if places:
            out.append("".join(places) + "司法局")
    return out


def _around(text: str, at: int) -> str:
    return text[max(at - 4, 0):at + 14]
