"""The finding codes of laying out the Word document.

Every code this stage raises is declared here, once, and listed in CODES; call sites use the
constants, never the code string. docs/findings.md is generated from these lists
(drafter/docs_findings.py); tests/test_home_codes.py holds the rule.
"""

from __future__ import annotations

from drafter.model.findings import Code, Severity

# -- raised by word/fit.py
HEADING_SHORT_LINE = Code(
    "heading-short-line",
    Severity.WARNING,
    "标题末行只剩一两个字",
    "标题（或文件标题）排版后最后一行只有一两个字（末尾的标点不算）。drafter 先把这一段的字距压紧，使这一两个字"
    "回到上一行；要压紧超过每字 1 磅才排得下时不再压紧，请改写标题（删减几个字或换个说法）。"
    "`drafter render` 生成报告时给出，按 Word 和 LibreOffice 两种排法计算。",
    "一级标题“一、推进法治政府建设的主要举措和成效全面依法治区工作落实”排版后末行只剩"
    "“落实”两个字，压紧字距也排不下，请改写（删减几个字或换个说法）。",
)

BODY_SHORT_LINE = Code(
    "body-short-line",
    Severity.WARNING,
    "正文段落末行只剩一两个字",
    "正文段落（包括要点、段首带标题的段落）排版后最后一行只有一两个字（末尾的句号等标点不算），"
    "例如翻页后页首只有“人。”。drafter 先把这一段的字距压紧，使这一两个字回到上一行；要压紧超过"
    "每字 1 磅才排得下时不再压紧，请删减或增补几个字。`drafter render` 生成报告时给出，按 Word 和 "
    "LibreOffice 两种排法计算；段落以开头十五个字指明。",
    "正文段落“（二）坚持高位推动，法治建设提……”排版后末行只剩“人。”一个字，压紧字距也排不下，"
    "请删减或增补几个字。",
)

CODES = (
    HEADING_SHORT_LINE,
    BODY_SHORT_LINE,
)
