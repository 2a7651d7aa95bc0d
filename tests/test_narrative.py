"""Narrative with live figures: 【references】 in 内容 cells and facts, rendered as the pack
phrases figures; and the silent failures of issue 10 (lead-only points, missing 。, a lead
ending in ；, 近…余, unknown rows, a workbook made with an office folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config import packs
from drafter.config.style import StyleProfile
from drafter.errors import DrafterError
from drafter.model.narrative import Index, Ref, Text, as_written, needs_period, tokenize
from drafter.model.options import parse_options
from drafter.pipeline import check_workbook, render_document
from drafter.templating.outline_text import parse as parse_outline
from drafter.workbook import blank, layout, origin
from tests.conftest import (
    FACTS_000,
    KINDS,
    add_outline_rows,
    figure_cell,
    header_column,
    make_old_workbook,
    make_workbook,
    outline_cell,
)
from tests.test_golden_text import docx_lines
from tests.workbook.yearly_helpers import with_sheets

FIGURES = {"法律援助.受理案件": 892, "法律援助.咨询接待": 523, "法律援助.工作站": 4,
           "普法.受教育人次": 14213, "复议应诉.调解率": "30.43%", "行政执法.能力测试": 2,
           "复议应诉.复议申请": 26}
PREVIOUS = {"法律援助.受理案件": 800}
RANK_ROW = ("全省排名", "", "单轨制办结全省排名", "", "数值", 1)  # an own indicator (编号 … 本期)


def _doc(path: Path, *, draft: bool = False, office: Path | None = None) -> str:
    return "".join(render_document(check_workbook(path, office=office), draft=draft)
                   .paragraphs_text())


def _findings(path: Path, office: Path | None = None):
    return check_workbook(path, office=office).report.findings


def _point(tmp_path: Path, body: str, lead: str = "民生实事", figures=None, **kw) -> Path:
    return make_workbook(tmp_path, FIGURES if figures is None else figures, previous=PREVIOUS,
                         points={"法律援助:新增": (lead, body)}, **kw)


# ---------------------------------------------------------------- parsing


def test_tokenize_text_references_options_and_escapes() -> None:
    parts = tokenize("共受理【法律援助.受理案件】，【受理法律援助案件 ｜ 同比|1位小数】【【注】】{{ x }}")
    assert list(parts) == [
        Text("共受理"),
        Ref("法律援助.受理案件", "法律援助.受理案件"),
        Text("，"),
        Ref("受理法律援助案件 ｜ 同比|1位小数", "受理法律援助案件", ("同比", "1位小数")),
        Text("【注】{{ x }}"),
    ]
    assert tokenize("只有【一半") == (Text("只有【一半", unclosed=True),)


def test_index_resolves_ids_names_and_section_first() -> None:
    figures = check_workbook(make_blank_path()).data.figures
    index = Index(figures.values())
    assert index.resolve("法律援助.受理案件").id == "法律援助.受理案件"
    assert index.resolve("受理法律援助案件").id == "法律援助.受理案件"
    assert index.resolve("家事类").id == "人民调解.家事类"  # 其中：家事类
    assert index.resolve("法律援助.受理法律援助案件").id == "法律援助.受理案件"
    assert index.resolve("警告", "社区矫正").id == "社区矫正.警告"
    unknown = index.resolve("法律援助.受案")
    assert not unknown.id and "【法律援助.受理案件】(受理法律援助案件)" in unknown.suggestions


def test_index_builds_its_tables_only_when_a_reference_is_resolved() -> None:
    """A workbook whose text holds no reference never pays for the name tables (~40 ms for
    10,000 indicators in a one-shot check)."""
    from drafter.model import narrative
    from drafter.model.figures import Figure

    figures = [Figure(f"自建.项{n}", f"自建项目{n}") for n in range(50)]
    before = narrative._tables.cache_info().misses
    index = Index(figures)
    assert narrative._tables.cache_info().misses == before
    assert index.resolve("自建项目7").id == "自建.项7"
    assert narrative._tables.cache_info().misses == before + 1


def make_blank_path() -> Path:
    import tempfile

    return make_workbook(Path(tempfile.mkdtemp()), FIGURES)


def test_options_parse_and_conflicts() -> None:
    opts, problems = parse_options(("万", "1位小数"))
    assert (opts.get("scale"), opts.digits, problems) == ("万", 1, [])
    opts, problems = parse_options(("倍：法律援助.咨询接待",))
    assert opts.get("times") == "法律援助.咨询接待" and not problems
    assert parse_options(("千",))[1] and "无法识别" in parse_options(("千",))[1][0]
    assert parse_options(("余", "约"))[1]
    assert parse_options(("同比", "万"))[1]


@pytest.mark.parametrize(("text", "needed"), [
    ("开展法治宣传", True), ("开展“法律七进”", True), ("受理【法律援助.受理案件】", True),
    ("开展法治宣传。", False), ("他说：“好。”", False), ("加强组织领导；", False), ("", False),
])
def test_needs_period(text: str, needed: bool) -> None:
    assert needs_period(text) is needed


# ---------------------------------------------------------------- rendering


def test_references_render_as_the_pack_phrases_figures(tmp_path: Path) -> None:
    body = ("截至目前共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件|同比】，"
            "解答法律咨询【接待来电来信来访咨询｜余】，受教育【普法.受教育人次|万】"
            "（【普法.受教育人次|万|1位小数】），调解率【复议应诉.调解率|1位小数】，"
            "上年受理【法律援助.受理案件|上年】，是咨询的【法律援助.受理案件|倍:法律援助.咨询接待】，"
            "测试【行政执法.能力测试|中文】，工作站【法律援助.工作站|数字】个。")
    path = _point(tmp_path, body)
    assert not [f for f in _findings(path) if f.cells and f.cells[0].sheet == "大纲"
                and f.severity.value == "错误"]
    text = _doc(path, draft=True)
    assert ("截至目前共受理法律援助案件892件，同比增长11.5%，解答法律咨询520余人次，"
            "受教育1.42万人次（1.4万人次），调解率30.4%，上年受理800件，是咨询的1.7倍，"
            "测试两场次，工作站4个。") in text


@pytest.mark.parametrize(("text", "written"), [
    ("受理{n}，{y}；办结。", "受理236件；办结。"),  # the case a reviewer marked: “，；”
    ("受理{n}，{y}。", "受理236件。"),
    ("受理{n}，{y}", "受理236件"),
    ("受理{n}、{y}、{y}，办结。", "受理236件，办结。"),
    ("{y}，受理{n}。", "受理236件。"),
    ("受理{n}。{y}，办结。", "受理236件。办结。"),
    ("受理{n}（{y}）。", "受理236件。"),
    ("受理{n}，{y}，办结。", "受理236件，办结。"),
    ("受理{n}，办结。", "受理236件，办结。"),  # nothing left out: nothing joined
])
def test_marks_around_a_reference_that_writes_nothing_are_joined(text: str, written: str) -> None:
    """【…|同比】 with no base year writes nothing (GONGWEN: say nothing about the change);
    the marks that stood around it must not meet (236件，；办结)."""
    from decimal import Decimal

    from drafter.model.figures import Figure
    from drafter.templating.narrative import Narrative
    from drafter.templating.views import RenderState

    f = Figure("法律援助.受理案件", "受理法律援助案件", "件", value=Decimal(236),
               previous=Decimal(0))
    narrative = Narrative({f.id: f}, RenderState(), str)
    assert narrative(text.format(n="【法律援助.受理案件】", y="【法律援助.受理案件|同比】")) == written


def test_a_yoy_with_no_base_year_is_told_and_its_marks_joined(tmp_path: Path) -> None:
    body = "共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件|同比】；解答咨询【法律援助.咨询接待】。"
    path = make_workbook(tmp_path, FIGURES, previous={"法律援助.受理案件": 0},
                         points={"法律援助:新增": ("民生实事", body)})
    told = [f for f in _findings(path) if f.code == "yoy-not-written"]
    assert told and all(f.severity.value == "提示" for f in told)
    assert all([c.sheet for c in f.cells] == ["大纲", "指标"] for f in told)
    assert "共受理法律援助案件892件；解答咨询523人次。" in _doc(path)


def test_reference_text_in_the_word_file(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "人民调解.排查纠纷": 10},
                         points={"法律援助:新增": ("民生实事", "共受理案件【受理法律援助案件】。")})
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert any("共受理案件892件。" in line for line in docx_lines(out))


def test_cell_text_is_never_template_code(tmp_path: Path) -> None:
    path = _point(tmp_path, "原样写出{{ 法律援助.受理案件 }}和{% if draft %}x{% endif %}。")
    assert "原样写出{{ 法律援助.受理案件 }}和{% if draft %}x{% endif %}。" in _doc(path, draft=True)


def test_escaped_brackets_are_literal(tmp_path: Path) -> None:
    path = _point(tmp_path, "见【【典型案例】】。")
    assert "见【典型案例】。" in _doc(path, draft=True)
    assert not [f for f in _findings(path) if f.code == "unknown-reference"]


def test_fact_with_reference_renders(tmp_path: Path) -> None:
    facts = {**FACTS_000, "导语": "上半年共受理法律援助案件【法律援助.受理案件】，工作稳步推进。"}
    path = make_workbook(tmp_path, FIGURES, facts=facts)
    assert "上半年共受理法律援助案件892件，工作稳步推进。" in _doc(path, draft=True)


def test_missing_figure_placeholder_in_draft_and_error_in_check(tmp_path: Path) -> None:
    figures = {k: v for k, v in FIGURES.items() if k != "法律援助.受理案件"}
    path = _point(tmp_path, "共受理【法律援助.受理案件】。", figures=figures)
    assert "共受理【待补充：受理法律援助案件】。" in _doc(path, draft=True)
    found = [f for f in _findings(path) if f.code == "missing-required" and "引用" in f.message]
    assert found and [str(c) for c in found[0].cells] == [
        f"大纲!{outline_cell(path, '民生实事')}", f"指标!{figure_cell(path, '法律援助.受理案件')}"]


def test_unknown_reference_flagged_in_draft_refused_in_final(tmp_path: Path) -> None:
    path = _point(tmp_path, "共受理【法律援助.受案】。")
    assert "共受理【法律援助.受案】。" in _doc(path, draft=True)
    with pytest.raises(DrafterError, match=f"大纲!{outline_cell(path, '民生实事')}："):
        _doc(path)


# ---------------------------------------------------------------- silent failures


def test_a_lead_the_clerk_wrote_is_kept_without_content(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES, points={
        "法治建设.法治督察": ("督察整改闭环落实", ""),  # a slot row: lead rewritten, no 内容
        "法治建设:新增": ("责任清单逐项落实", ""),
    })
    text = _doc(path, draft=True)
    assert "督察整改闭环落实。" in text and "责任清单逐项落实。" in text
    assert "是督察整改闭环落实。" in text


_DEFAULT_OUTLINE = """
[[outline]]
level = "一级标题"
text = "普法依法治理"

[[outline]]
level = "要点"
text = "建设法治文化阵地"
body = "开展法律进活动【普法.法律进活动】场。"

[[outline]]
level = "要点"
text = "培育基层法治队伍"
body = "受教育【普法.受教育人次】人次。开展法援宣传【普法.法援宣传活动】场。"
"""


def test_a_default_lead_alone_is_left_out_and_said_so(tmp_path: Path) -> None:
    """A pack's default 大纲 row (as init wrote it) whose figures are not filled: the
    sentence is left out, a point with no sentence left is left out whole, and one note
    names every cell. What the clerk wrote is never left out: a missing figure is an error."""
    office = _office(tmp_path)
    (office / "outline.toml").write_text(_DEFAULT_OUTLINE, encoding="utf-8")
    path = make_workbook(tmp_path, {**FIGURES, "人民调解.排查纠纷": 10}, office=office)
    text = _doc(path, draft=True, office=office)
    assert "建设法治文化阵地" not in text and "法律进活动" not in text
    assert "培育基层法治队伍。受教育" in text and "法援宣传" not in text
    findings = _findings(path, office)
    (left,) = [f for f in findings if f.code == "default-sentence-left-out"]
    cells = [outline_cell(path, "建设法治文化阵地"), outline_cell(path, "培育基层法治队伍")]
    assert [str(c) for c in left.cells] == [f"大纲!{c}" for c in cells]
    assert all(c in left.message for c in cells) and left.severity.value == "提示"
    assert not [f for f in findings if f.severity.value == "错误"]
    wb = load_workbook(path)  # the clerk rewrites one default sentence: now it is theirs
    wb[layout.OUTLINE][outline_cell(wb, "建设法治文化阵地")] = "开展活动【普法.法律进活动】场。"
    wb.save(path)
    findings = _findings(path, office)
    (left,) = [f for f in findings if f.code == "default-sentence-left-out"]
    assert [str(c) for c in left.cells] == [f"大纲!{cells[1]}"]
    assert [str(c) for f in findings if f.code == "missing-required" and "引用" in f.message
            for c in f.cells][:1] == [f"大纲!{cells[0]}"]


def test_missing_final_punctuation_is_supplied_and_said(tmp_path: Path) -> None:
    path = _point(tmp_path, "开展“法律七进”活动")
    assert "开展“法律七进”活动。" in _doc(path, draft=True)
    found = [f for f in _findings(path) if f.code == "sentence-end-supplied"]
    assert found and str(found[0].cells[0]) == f"大纲!{outline_cell(path, '民生实事')}"


def test_a_point_ending_in_semicolon_joins_the_next_as_written() -> None:
    style = StyleProfile(points="paragraph")
    doc = parse_outline("# 标题\n* 加强组织领导；|\n* 压实责任|内容。\n* 第三|内容。\n", style)
    texts = doc.paragraphs_text()
    assert "一是加强组织领导；二是压实责任。内容。" in texts
    assert "三是第三。内容。" in texts


def test_opposite_qualifiers_are_an_error_at_the_cell(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "普法.受教育人次": "近3万余"})
    found = [f for f in _findings(path) if f.code == "stacked-qualifiers"]
    assert found and str(found[0].cells[0]) == f"指标!{figure_cell(path, '普法.受教育人次')}"
    assert "近3万" in found[0].message and "3万余" in found[0].message
    assert found[0].severity.value == "错误"


def test_unknown_rows_are_errors_naming_the_likely_cause(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES)
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    ws.protection.sheet = False
    last = blank.last_filled(ws)
    ws.cell(row=last + 1, column=1, value="法律援助.新指标")  # no 类型: not a new indicator
    wb.save(path)
    (level_row,) = add_outline_rows(path, [("小标题", "其他工作", "内容。")])
    found = {f.code: f for f in _findings(path)}
    assert found["unknown-row"].severity.value == "错误"
    assert f"A{last + 1}" in found["unknown-row"].message and "--office" in found["unknown-row"].message
    assert "类型" in found["unknown-row"].message  # … or how to make it the office's own
    assert found["bad-outline-level"].severity.value == "错误"
    assert str(found["bad-outline-level"].cells[0]) == f"大纲!A{level_row}"
    assert "小标题" in found["bad-outline-level"].message
    # an old workbook's 要点 row under a 板块 the pack does not have
    old = make_old_workbook(tmp_path, FIGURES)
    wb = load_workbook(old)
    points = wb[layout.POINTS]
    points.cell(row=30, column=header_column(points, "板块"), value="其他工作")
    points.cell(row=30, column=header_column(points, "内容"), value="内容。")
    wb.save(old)
    found = {f.code: f for f in _findings(old)}
    assert found["unknown-section"].severity.value == "错误"
    assert str(found["unknown-section"].cells[0]) == "要点!B30"


def _office(tmp_path: Path) -> Path:
    office = tmp_path / "镜湖区司法局"
    office.mkdir()
    (office / "indicators.toml").write_text(
        '[[indicators]]\nid = "法律援助.新指标"\nname = "新指标"\nunit = "件"\n', encoding="utf-8")
    (office / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    return office


def test_init_records_the_office_and_check_without_it_warns(tmp_path: Path) -> None:
    office = _office(tmp_path)
    out = tmp_path / "数据.xlsx"
    result = CliRunner().invoke(app, ["init", "-k", "半年工作总结", "--office", str(office),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r[0]: r[1] for r in load_workbook(out)[layout.FACTS].iter_rows(values_only=True)}
    pack = packs.load("半年工作总结", office)
    assert rows[origin.OFFICE_FACT] == "镜湖区司法局"
    assert rows[origin.FINGERPRINT_FACT] == origin.fingerprint(pack.catalog)
    wb = load_workbook(out)
    blank.fill(wb, FACTS_000, {"法律援助.新指标": 3})
    wb.save(out)
    without = {f.code: f for f in _findings(out)}
    assert "office-not-matching" in without and "--office 镜湖区司法局" in without[
        "office-not-matching"].message
    assert "unknown-row" in without  # its own row: an error, no longer ignorable
    with_office = {f.code for f in _findings(out, office)}
    assert not {"office-not-matching", "catalog-changed", "unknown-row"} & with_office


def test_a_changed_catalog_is_a_warning(tmp_path: Path) -> None:
    office = _office(tmp_path)
    pack = packs.load("半年工作总结", office)
    out = tmp_path / "数据.xlsx"
    blank.save(blank.make_blank(pack.catalog, "半年工作总结", office=office.name), out)
    (office / "indicators.toml").write_text(
        '[[indicators]]\nid = "法律援助.另一指标"\nname = "另一指标"\n', encoding="utf-8")
    codes = {f.code for f in _findings(out, office)}
    assert "catalog-changed" in codes and "office-not-matching" not in codes


def test_builtin_workbook_checked_with_an_office_that_adds_rows_is_a_warning(tmp_path: Path) -> None:
    office = _office(tmp_path)
    path = make_workbook(tmp_path, FIGURES)
    found = {f.code: f for f in _findings(path, office)}
    assert "catalog-changed" in found and "--office 镜湖区司法局" in found["catalog-changed"].message
    assert "catalog-changed" not in {f.code for f in _findings(path)}


GUIDE = (Path(__file__).resolve().parent.parent / "docs" / "clerk-guide.md").read_text("utf-8")


def test_every_example_of_the_clerk_guide_renders_as_it_says(tmp_path: Path) -> None:
    import re

    examples = re.findall(r"`([^`]*【[^`]*)` → ([^|\n]+?) \|", GUIDE)
    examples += re.findall(r"^\| `([^`]*【[^`]*)` \| ([^|\n]+?) \|$", GUIDE, re.M)
    examples += [("【普法.受教育人次｜万｜余】", "1.4万余人次"), ("【【典型案例】】", "【典型案例】")]
    assert len(examples) >= 12
    body = "。".join(cell for cell, _ in examples) + "。"
    path = with_sheets(_point(tmp_path, body), own=[RANK_ROW])  # the 名次 example's own row
    text = _doc(path, draft=True)
    for cell, shown in examples:
        assert shown.strip() in text, (cell, shown)


def test_a_rank_reads_as_the_reports_write_it(tmp_path: Path) -> None:
    """001 writes 排全省第一: a rank the clerk adds as an own indicator, written 第一."""
    body = "社区矫正案件单轨制办结率为100%，排全省【全省排名｜名次】。"
    path = with_sheets(_point(tmp_path, body), own=[RANK_ROW])
    assert not [f for f in _findings(path) if f.code == "bad-reference-option"]
    assert "社区矫正案件单轨制办结率为100%，排全省第一。" in _doc(path)
    half = with_sheets(_point(tmp_path, "排全省【全省排名｜名次】。", name="半.xlsx"),
                       own=[(*RANK_ROW[:5], "1.5")])
    (found,) = [f for f in _findings(half) if f.code == "bad-reference-option"]
    assert "1.5 不是正整数,不能写成名次" in found.message
    (found,) = [f for f in _findings(_point(tmp_path, "【法律援助.受理案件｜名次｜万】。", name="两.xlsx"))
                if f.code == "bad-reference-option"]
    assert "“名次”不能与其他写法同时使用" in found.message


def test_every_option_is_in_the_clerk_guide() -> None:
    from drafter.model.options import OPTIONS

    for name in (option.name for option in OPTIONS):
        for word in name.replace("N位小数", "位小数").replace(":另一指标", "").split(" / "):
            assert word in GUIDE, word


def test_a_reference_in_a_lead_is_a_warning_not_silently_literal(tmp_path: Path) -> None:
    path = _point(tmp_path, "内容。", lead="受理【法律援助.受理案件】")
    found = [f for f in _findings(path) if f.code == "reference-in-lead"]
    lead = outline_cell(path, "受理【法律援助.受理案件】", "标题")
    assert found and str(found[0].cells[0]) == f"大纲!{lead}"


def test_titles_and_phrases_print_as_written_brackets_once(tmp_path: Path) -> None:
    """A title or a point's phrase keeps its references as typed; a doubled bracket is written
    once there too, as the guide and findings.md say of every cell."""
    assert as_written("【【典型案例】】办理【法律援助.受理案件】") == "【典型案例】办理【法律援助.受理案件】"
    assert as_written("没有方括号") == "没有方括号"
    path = _point(tmp_path, "内容。", lead="【【典型】】民生实事")
    text = _doc(path)
    assert "【典型】民生实事" in text and "【【" not in text


@pytest.mark.parametrize("lead", ["【【待补充：要点短语】】", "【待补充：要点短语】"])
def test_a_gap_typed_into_a_phrase_is_told_at_its_cell(tmp_path: Path, lead: str) -> None:
    """Printed as written, a 【待补充：…】 in a phrase (doubled or not) is a gap to fill, told
    at the cell: not a reference that "will not become a number"."""
    path = _point(tmp_path, "内容。", lead=lead)
    found = [f for f in _findings(path) if f.code in ("placeholder-typed", "reference-in-lead")]
    cell = outline_cell(path, lead, "标题")
    assert [(f.code, str(f.cells[0])) for f in found] == [("placeholder-typed", f"大纲!{cell}")]
    assert "写着【待补充：要点短语】" in found[0].message
    assert "【待补充：要点短语】" in _doc(path)


@pytest.mark.parametrize("body", ["已开展【待补充：专项行动】。", "已开展【【待补充：专项行动】】。"])
def test_a_gap_typed_into_content_reads_the_same_in_single_brackets(tmp_path: Path,
                                                                    body: str) -> None:
    """No figure is named 待补充：…: single brackets are the gap a clerk means, not an
    unknown reference that stops the report."""
    path = _point(tmp_path, body)
    found = [f for f in _findings(path) if f.severity.value != "提示"]
    assert [(f.code, f.message) for f in found if "专项行动" in f.message] == [
        ("placeholder-typed", "写着【待补充：专项行动】,报告中会原样印出;请写好这部分内容替换它")]
    doc = render_document(check_workbook(path))
    spans = [s for b in doc.blocks for s in getattr(b, "spans", ()) if "专项行动" in s.text]
    assert [(s.text, s.mark.name) for s in spans] == [("【待补充：专项行动】", "PLACEHOLDER")]


def test_the_guide_sheet_documents_references(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES)
    lines = [r[0] or "" for r in load_workbook(path)[layout.GUIDE].iter_rows(values_only=True)]
    text = "\n".join(lines)
    assert "在文字中引用数字" in text and "【法律援助.受理案件】" in text
    assert "【【注】】" in text and "同比" in text and "｜" in text


def test_render_without_the_recorded_office_says_so(tmp_path: Path) -> None:
    office = _office(tmp_path)
    pack = packs.load("半年工作总结", office)
    path = tmp_path / "数据.xlsx"
    wb = blank.make_blank(pack.catalog, "半年工作总结", office=office.name)
    blank.fill(wb, FACTS_000, {**FIGURES, "人民调解.排查纠纷": 10})
    blank.save(wb, path)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out), "--draft"])
    assert result.exit_code == 0, result.output
    assert "镜湖区司法局" in result.output and "--office" in result.output
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out), "--force",
                                      "--office", str(office)])
    assert result.exit_code == 0, result.output
    assert "警告" not in result.output


def test_an_unknown_point_id_is_said_not_silently_dropped(tmp_path: Path) -> None:
    """An old workbook's 要点 row with an id the pack does not know is said at its cell; its
    points are not written into the report (the body is the pack's default outline), and the
    outline-missing warning says so — even when the pack has no default outline."""
    path = make_old_workbook(tmp_path, {**FIGURES, "人民调解.排查纠纷": 10})
    wb = load_workbook(path)
    ws = wb[layout.POINTS]
    for header, value in (("编号", "法律援助.新要点"), ("板块", "法律援助"), ("要点", "新要点"),
                          ("内容", "新内容。")):
        ws.cell(row=30, column=header_column(ws, header), value=value)
    wb.save(path)
    findings = _findings(path)
    found = [f for f in findings if f.code == "unknown-point-slot"]
    assert found and str(found[0].cells[0]) == "要点!A30"
    (missing,) = [f for f in findings if f.code == "outline-missing"]
    assert "“要点”表中的要点不会写进报告" in missing.message and "init --from" in missing.message
    assert "新内容" not in _doc(path, draft=True)
    # in a new workbook the same point is a 要点 row on 大纲: written, nothing to say
    new = make_workbook(tmp_path, FIGURES, points={"x": ("新要点", "新内容。")}, name="新.xlsx")
    assert "新要点。新内容。" in _doc(new, draft=True)
    assert not [f for f in _findings(new) if f.cells and f.cells[0].sheet == "大纲"
                and f.code not in ("default-sentence-left-out", "heading-left-out")]
    # (the defaults' unfilled sentences, and their headings left with nothing under them)


@pytest.mark.parametrize("kind", KINDS)
def test_the_guide_sheet_examples_name_real_indicators_of_each_pack(kind: str) -> None:
    from drafter.model.figures import Figure
    from drafter.model.narrative import references
    from drafter.workbook import narrative_guide

    catalog = packs.load(kind).catalog
    index = Index([Figure(i.id, i.name) for i in catalog.indicators.values()])
    refs = [r for text, _ in narrative_guide.lines(catalog) if "【【" not in text
            for r in references(text)]
    assert len(refs) >= 4
    from drafter.model.narrative import year_offset

    for ref in refs:
        assert index.resolve(ref.target).id or year_offset(ref.target) is not None, ref
        assert not parse_options(ref.options)[1], ref


# ---------------------------------------------------------------- the year as a reference


def test_year_references_read_the_workbooks_year(tmp_path: Path) -> None:
    """【年度】 is 基本信息 年度, 【年度-1】 and 【年度+1】 the years around it: a sentence
    moves with the workbook (FACTS_000: 年度 2024)."""
    from drafter.model.narrative import year_offset

    assert (year_offset("年度"), year_offset("年度-1"), year_offset("年度＋1")) == (0, -1, 1)
    assert year_offset("法律援助.受理案件") is None
    path = _point(tmp_path, "【年度】年上半年，较【年度-1】年同期增长；【年度+1】年将继续推进。")
    assert not [f for f in _findings(path) if f.code in ("unknown-reference", "bad-reference-option")]
    assert "2024年上半年，较2023年同期增长；2025年将继续推进。" in _doc(path)


def test_a_year_reference_takes_no_option(tmp_path: Path) -> None:
    path = _point(tmp_path, "【年度|万】年上半年，工作稳步推进。")
    (found,) = [f for f in _findings(path) if f.code == "bad-reference-option"]
    assert "年度引用不加写法选项" in found.message
    assert "【年度|万】" in _doc(path, draft=True)
