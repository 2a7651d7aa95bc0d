"""The workbook's layout: sheet names and headers, shared by the maker and the reader."""

from __future__ import annotations

GUIDE = "填写说明"
FACTS = "基本信息"
FIGURES = "指标"
POINTS = "要点"  # old workbooks only: points now live on 大纲
OUTLINE = "大纲"  # the report body: headings, points and paragraphs in order
RULES = "规则"  # the clerk's own rules in plain terms
DISTRICTS = "区县数据"  # a city workbook made by drafter rollup: each district's figures
SOURCES = "汇总来源"  # … and which workbooks went into it

FACT_HEADERS = ("项目", "内容", "说明")
KIND_FACT = "报告类型"  # the first 基本信息 row: the pack kind the workbook was made for

FIGURE_HEADERS = ("编号", "板块", "指标", "单位", "类型", "本期", "上年同期", "说明")
FIGURE_REQUIRED = ("编号", "本期")
# The format of a 类型 cell drafter init filled from the catalog: text shown, numbers hidden.
# It tells such a cell from one a clerk filled to declare an own indicator (workbook/own.py).
CATALOG_KIND_FORMAT = ";;;@"  # the reader needs at least these; the rest are optional

POINT_HEADERS = ("编号", "板块", "要点", "内容", "提示")
POINT_REQUIRED = ("板块", "要点", "内容")

DISTRICT_HEADERS = ("编号", "板块", "指标", "单位", "全市")  # then one column per district
SOURCE_HEADERS = ("序号", "区县", "数据表", "检查结果")

OUTLINE_HEADERS = ("层级", "标题", "内容", "提示")
OUTLINE_REQUIRED = ("层级", "标题", "内容")
# 层级: model.levels.NAMES, as the dropdown offers them; the reader also takes 1–4, 一级…, 一、（一）1.（1）.

RULE_HEADERS = ("类型", "指标", "组成", "小数位", "级别", "说明")
RULE_REQUIRED = ("类型", "指标", "组成")
# The words a clerk writes in 规则!类型, and the catalog rule (sum, rate …) each stands for.
# 包含: 组成 ≤ 指标; 不超过: 指标 ≤ 组成 (either side may be a sum, see workbook/own.py).
RULE_WORDS = {"合计": "sum", "比率": "rate", "包含": "subset", "不超过": "subset"}
# 级别: what a rule that does not hold is (blank: 错误)
RULE_LEVELS = {"错误": "error", "警告": "warning"}
EXAMPLE = "示例"  # a 规则 row whose 类型 begins so is an example: skipped by the reader

