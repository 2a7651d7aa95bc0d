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

CODES = (
    HEADING_SHORT_LINE,
)
