"""Years in last year's sentences, made to move with 年度: “2024年上半年” in a 2024 report
becomes “【年度】年上半年”, “2023年以来” becomes “【年度-1】年以来”, “2025年工作打算” becomes
“【年度+1】年工作打算” — so that this year's workbook (年度 2025) reads 2025年上半年, and next
year's reads 2026年上半年 without anyone editing the sentence.

Left as written: a year inside quotes or 书名号 (the name of a document or a campaign:
《2023年法治建设情况的报告》), one end of a span (2021—2023年度), and a year more than
`REACH` years from the report's own (自2015年以来): those do not move with the report.
Headings hold no references: their years are rolled forward as written (`roll_title`).
"""

from __future__ import annotations

import re

from drafter.model.narrative import CLOSE, OPEN, YEAR

REACH = 2
_YEAR = re.compile(r"(?<![\d\-—–~至到])((?:19|20)\d{2})(?=\s*年)(?!\s*年?度?\s*[-—–~至到]\s*\d)")
_NAMES = {"“": "”", "《": "》", "「": "」", "『": "』", "〔": "〕"}


def reference(offset: int) -> str:
    return f"{OPEN}{YEAR}{'' if not offset else f'{offset:+d}'}{CLOSE}"


def _years(text: str, report_year: int) -> list[tuple[int, int, int]]:
    """(start, end, offset) of each year in `text` that moves with the report."""
    out = []
    depth: list[str] = []
    pos = 0
    for m in _YEAR.finditer(text):
        for ch in text[pos:m.start()]:
            if depth and ch == depth[-1]:
                depth.pop()
            elif ch in _NAMES:
                depth.append(_NAMES[ch])
        pos = m.start()
        offset = int(m.group(1)) - report_year
        if not depth and abs(offset) <= REACH:
            out.append((m.start(), m.end(), offset))
    return out


def to_references(text: str, report_year: int | None) -> tuple[str, int]:
    """`text` (literal, already escaped) with its moving years as references, and how many."""
    if report_year is None:
        return text, 0
    found = _years(text, report_year)
    out, pos = [], 0
    for start, end, offset in found:
        out.append(text[pos:start])
        out.append(reference(offset))
        pos = end
    out.append(text[pos:])
    return "".join(out), len(found)


def roll_title(title: str, report_year: int | None) -> str:
    """A heading's years rolled forward as written (三、2025年工作打算 → 三、2026年工作打算)."""
    if report_year is None:
        return title
    out, pos = [], 0
    for start, end, offset in _years(title, report_year):
        out.append(title[pos:start])
        out.append(str(report_year + offset + 1))
        pos = end
    out.append(title[pos:])
    return "".join(out)
