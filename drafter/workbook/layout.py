"""The workbook's layout: sheet names and headers, shared by the maker and the reader."""

from __future__ import annotations

GUIDE = "填写说明"
FACTS = "基本信息"
FIGURES = "指标"
POINTS = "要点"
DISTRICTS = "区县数据"  # a city workbook made by drafter rollup: each district's figures
SOURCES = "汇总来源"  # … and which workbooks went into it

FACT_HEADERS = ("项目", "内容", "说明")
KIND_FACT = "报告类型"  # the first 基本信息 row: the pack kind the workbook was made for

FIGURE_HEADERS = ("编号", "板块", "指标", "单位", "本期", "上年同期", "说明")
FIGURE_REQUIRED = ("编号", "本期")  # the reader needs at least these; the rest are optional

POINT_HEADERS = ("编号", "板块", "要点", "内容", "提示")
POINT_REQUIRED = ("板块", "要点", "内容")

DISTRICT_HEADERS = ("编号", "板块", "指标", "单位", "全市")  # then one column per district
SOURCE_HEADERS = ("序号", "区县", "数据表", "检查结果")
