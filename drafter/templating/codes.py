"""The finding codes of rendering the report text.

Every code this stage raises is declared here, once, and listed in CODES; call sites use the
constants, never the code string. docs/findings.md is generated from these lists
(drafter/docs_findings.py); tests/test_home_codes.py holds the rule.
"""

from __future__ import annotations

from drafter.model.findings import Code, Severity

# -- raised by templating/placeholders.py
PLACEHOLDER_LEFT = Code(
    "placeholder-left",
    Severity.WARNING,
    "报告中留有【待补充】",
    "模板用到的某项内容空着时，报告中写出【待补充：名称】提醒补写（例如法治政府建设年度报告的"
    "“第一责任人履职情况”一项和其下的要点都空着：督察工作规定要求必报）；"
    "检查通过的数据表也可能这样。`drafter render` 生成报告（不加 --draft）时逐项指出，"
    "能对应到“基本信息”中的项目时指明单元格。请在数据表中填写后重新生成，或在 Word 中补写后删去【待补充】。"
    "单元格里直接写着的【待补充】由检查指出（`placeholder-typed`）。",
    "报告中留有【待补充：第一责任人履职情况】，请在数据表中填写后重新生成，或在 Word 中补写。",
)

CODES = (PLACEHOLDER_LEFT,)
