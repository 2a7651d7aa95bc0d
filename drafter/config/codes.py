"""The finding codes of an office's configuration (its reference.docx).

Every code this stage raises is declared here, once, and listed in CODES; call sites use the
constants, never the code string. docs/findings.md is generated from these lists
(drafter/docs_findings.py); tests/test_home_codes.py holds the rule.
"""

from __future__ import annotations

from drafter.model.findings import Code, Severity

# -- raised by config/reference.py
REFERENCE_STRIPPED = Code(
    "reference-stripped",
    Severity.WARNING,
    "参考文档中连接外部的内容已去掉",
    "单位文件夹的 reference.docx 中有打开文档时会连接外部地址或运行程序的内容:附加模板、链接的图片"
    "或对象、超链接、INCLUDEPICTURE / INCLUDETEXT / DDE 等域、邮件合并设置。drafter 生成报告时把"
    "它们全部去掉(域只留下它上次显示的内容),不会复制进报告。如需要其中的图片或文字,请在 Word 中"
    "把它们直接放进 reference.docx 后另存。",
    "单位/reference.docx:word/settings.xml 的附加模板(http://example.com/t.dotm)已去掉,不会复制进报告",
)

CODES = (
    REFERENCE_STRIPPED,
)
