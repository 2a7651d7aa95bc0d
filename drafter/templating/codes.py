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

# -- raised by templating/unprinted.py
FIGURE_UNPRINTED = Code(
    "figure-unprinted",
    Severity.INFO,
    "填了数，报告中没有写到",
    "“指标”表里填了数的指标，报告中一处也没有写到：“大纲”里没有引用它的句子（或引用它的句子"
    "因别的指标空着而略去了）。检查照样通过；要写进报告，请在“大纲”的内容中用【编号】引用它。"
    "只为汇总（`drafter rollup`）而填的区县数据表可以不理会。`drafter render` 生成报告时给出。",
    "指标!F48 等12处：这 12 项指标填了数，报告中没有写到：执法突出问题自查发现、"
    "执法突出问题整改到位、执法突出问题整改完成率等；要写进报告，请在“大纲”中用【编号】引用",
)

CODES = (PLACEHOLDER_LEFT, FIGURE_UNPRINTED)
