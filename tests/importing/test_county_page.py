"""A county's page as a new user would save it from its website (made here, in our own words,
shaped unlike the corpus): a 上半年 report behind its 印发 notice, numbered 一、（一）1.（1）①,
a table of figures, 附件说明, the site's name, search box and breadcrumb around it. Imported,
this year's figures typed, rendered: what a clerk would otherwise trip over is asserted here.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from drafter import pipeline
from drafter.importing.build import import_report
from tests.importing.measure import norm

BODY = """<p style="text-align:center"><strong>青山县司法局关于印发《青山县司法局2024年上半年工作总结》的通知</strong></p>
<p style="text-align:center">青司发〔2024〕15号</p>
<p>各司法所、局机关各股室:</p>
<p style="text-indent:2em">现将《青山县司法局2024年上半年工作总结》印发给你们,请结合工作实际,认真抓好下半年各项任务的落实。</p>
<p style="text-align:right">青山县司法局</p>
<p style="text-align:right">2024年7月12日</p>
<p>(此件公开发布)</p>
<p style="text-align:center"><strong>青山县司法局2024年上半年工作总结</strong></p>
<p style="text-indent:2em">2024年上半年,青山县司法局在县委、县政府的坚强领导下,围绕全县中心工作,统筹推进法治建设、法律服务、矛盾化解和队伍建设,各项工作有序开展。现将上半年工作总结如下:</p>
<p style="text-indent:2em"><strong>一、主要工作及成效</strong></p>
<p style="text-indent:2em"><strong>(一)公共法律服务提质增效</strong></p>
<p style="text-indent:2em">1.法律援助应援尽援。上半年共受理法律援助案件318件,其中民事案件241件、刑事案件77件,为受援群众挽回经济损失620余万元。法律援助值班律师提供法律咨询1450人次。</p>
<p style="text-indent:2em">(1)扩大援助覆盖面。将农民工讨薪、妇女儿童权益保护纳入优先办理范围,办理农民工讨薪案件96件,涉及金额312万元。</p>
<p style="text-indent:2em">(2)提升办案质量。开展案件质量评查2次,抽查卷宗120卷,案件合格率98.3%。</p>
<p style="text-indent:2em">2.公证服务便民利民。全县办理公证事项2210件,其中“最多跑一次”事项1876件,占84.9%。</p>
<p style="text-indent:2em"><strong>(二)矛盾纠纷多元化解</strong></p>
<p style="text-indent:2em">全县各级人民调解组织共排查矛盾纠纷1712件,调解成功1689件,调解成功率98.7%。</p>
<p style="text-indent:2em">①抓早抓小。在重点时段开展“大排查大化解”专项行动3次,化解婚姻家庭纠纷412件、邻里纠纷538件。</p>
<p style="text-indent:2em">②以案释法。编印典型调解案例30个,组织调解员培训4期,培训调解员260人次。</p>
<p>上半年主要业务数据见下表。</p>
<table border="1"><tr><td>项目</td><td>2024年上半年</td><td>2023年上半年</td><td>同比</td></tr>
<tr><td>受理法律援助案件(件)</td><td>318</td><td>287</td><td>增长10.8%</td></tr>
<tr><td>办理公证事项(件)</td><td>2210</td><td>2034</td><td>增长8.7%</td></tr>
<tr><td>调解矛盾纠纷(件)</td><td>1689</td><td>1590</td><td>增长6.2%</td></tr>
<tr><td>新接收社区矫正对象(人)</td><td>64</td><td>71</td><td>下降9.9%</td></tr></table>
<p style="text-indent:2em"><strong>(三)社区矫正和安置帮教规范有序</strong></p>
<p style="text-indent:2em">上半年新接收社区矫正对象64人,解除矫正58人,现有在册社区矫正对象213人,无脱管漏管和重新犯罪。衔接刑满释放人员87人,衔接率100%。</p>
<p style="text-indent:2em"><strong>二、存在的问题</strong></p>
<p style="text-indent:2em">一是基层法律服务力量不足,部分司法所仅有1名工作人员。二是普法宣传的针对性有待加强。</p>
<p style="text-indent:2em"><strong>三、下半年工作打算</strong></p>
<p style="text-indent:2em">(一)持续深化公共法律服务体系建设,推动法律援助向乡村延伸。</p>
<p style="text-indent:2em">(二)扎实做好矛盾纠纷排查化解,确保重大节点社会稳定。</p>
<p>附件:1.青山县2024年上半年法律援助案件统计表</p>
<p>2.青山县2024年上半年人民调解工作情况表</p>
<p style="text-align:right">青山县司法局</p>
<p style="text-align:right">2024年7月10日</p>
"""
PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>青山县司法局关于印发《青山县司法局2024年上半年工作总结》的通知-青山县人民政府门户网站</title>
<meta name="ArticleTitle" content="青山县司法局关于印发《青山县司法局2024年上半年工作总结》的通知">
<meta name="PubDate" content="2024-07-15 09:30"></head>
<body><div id="header"><div class="logo">青山县人民政府门户网站</div>
<ul class="menu"><li>首页</li><li>走进青山</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>
<div class="search">请输入关键字 搜索</div></div>
<div class="position">您当前的位置:首页 &gt; 政务公开 &gt; 部门信息公开 &gt; 县司法局 &gt; 工作总结</div>
<table class="xxgk"><tr><td>索引号:</td><td>001234567/2024-00321</td><td>信息分类:</td><td>工作总结</td></tr>
<tr><td>发布机构:</td><td>青山县司法局</td><td>生成日期:</td><td>2024-07-15</td></tr>
<tr><td>文号:</td><td>青司发〔2024〕15号</td><td>是否有效:</td><td>是</td></tr></table>
<div class="article"><h1>青山县司法局关于印发《青山县司法局2024年上半年工作总结》的通知</h1>
<div class="source">发布时间:2024-07-15 09:30 来源:县司法局 阅读次数:356 【字体:大 中 小】</div>
<div class="TRS_Editor">{body}</div>
<div class="attach">附件下载:<a href="/att/1.xls">青山县2024年上半年法律援助案件统计表.xls</a></div>
<div class="btns">【打印本页】 【关闭窗口】 分享到:</div></div>
<div id="footer"><p>版权所有:青山县人民政府办公室 主办:青山县人民政府办公室</p>
<p>网站标识码:3600000001 赣ICP备05001234号 赣公网安备 36000002000001号</p>
<p>技术支持:某网络科技有限公司 建议使用1366×768分辨率</p></div></body></html>"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("county")
    page = folder / "青山县司法局上半年工作总结.html"
    page.write_bytes(PAGE.format(body=BODY).encode("gb18030"))
    return import_report(page, folder / "今年数据.xlsx")


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True))


def test_the_notice_gives_its_facts_and_the_site_is_left_out(imported) -> None:
    facts = imported.plan.facts
    assert imported.kind == "半年工作总结"
    assert (facts["单位名称"], facts["年度"], facts["报告期间"]) == ("青山县司法局", "2025", "上半年")
    assert facts["报告标题"] == "青山县司法局2025年上半年工作总结"
    assert (facts["主送机关"], facts["发文字号"]) == ("各司法所、局机关各股室", "青司发〔2024〕15号")
    said = "\n".join(imported.notes)
    assert "印发通知(青山县司法局关于印发《青山县司法局2024年上半年工作总结》的通知)" in said
    assert not [n for n in imported.notes if "门户网站" in n or "位置" in n or "搜索" in n]


def test_numbering_annexes_and_items_become_the_outline_a_person_sees(imported) -> None:
    rows = [(lv, t or "", b or "") for lv, t, b, *_ in _rows(imported.output, "大纲")]
    headings = [(lv, t) for lv, t, _ in rows if lv.endswith("标题")]
    assert ("三级标题", "抓早抓小") in headings and ("三级标题", "以案释法") in headings
    assert ("四级标题", "扩大援助覆盖面") in headings  # （1） under 1.
    assert not [t for _, t in headings if "附件" in t or "统计表" in t]
    assert ("段落", "", "(一)持续深化公共法律服务体系建设,推动法律援助向乡村延伸。") in rows
    said = "\n".join(imported.notes)
    assert "附件说明" in said and "按三级标题导入" in said and "作为段落照原样导入" in said


def test_names_of_a_table_row_and_a_share(imported) -> None:
    names = {own.name for own in imported.plan.own}
    assert {"受理法律援助案件增长比例", "办理公证事项增长比例", "“最多跑一次”事项占比"} <= names, names
    assert not [n for n in names if "(" in n or "（" in n]  # none told apart by a stray lead
    assert "社区矫正.累计接收" not in imported.plan.previous  # 新接收 is not 累计接收
    assert imported.plan.previous.get("社区矫正.新接收") == "64"  # the pack's own period row
    assert any("表格“受理法律援助案件(件)”一行的数 318、287 没有单位" in n
               for n in imported.notes), imported.notes


def test_this_years_figures_render_with_every_section(imported) -> None:
    path = imported.output
    wb = openpyxl.load_workbook(path)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    rates = {"案件合格率": "98.6%", "衔接率": "100%"}
    for row in range(2, ws.max_row + 1):
        previous, name = ws.cell(row, cols["上年同期"]).value, ws.cell(row, cols["指标"]).value
        if previous is None or "占比" in name or name == "调处成功率":
            continue  # left for the program to compute
        ws.cell(row, cols["本期"]).value = rates.get(name, previous)
    wb.save(path)
    checked = pipeline.check_workbook(path)
    assert checked.report.valid, [f.message for f in checked.report.findings
                                  if f.severity.name == "ERROR"]
    text = norm("\n".join(pipeline.render_document(checked, draft=False).paragraphs_text()))
    assert "三、下半年工作打算" in text and "(一)持续深化公共法律服务体系建设" in text
    assert "占84.9%" in text and "2025年上半年" in text
