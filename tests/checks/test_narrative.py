"""check on narrative cells: references that name nothing, typed numbers against indicators."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks.typed_numbers import typed_numbers
from drafter.model.figures import Figure
from drafter.model.narrative import Index
from drafter.pipeline import check_workbook
from tests.conftest import FACTS_000, figure_cell, make_workbook, outline_cell

FIGURES = {"法律援助.受理案件": 892, "法律援助.咨询接待": 523, "法律援助.工作站": 4,
           "普法.受教育人次": 14213, "复议应诉.调解率": "30.43%"}


def _checked(tmp_path: Path, body: str = "", facts: dict | None = None):
    """(the workbook, its findings): `body` is the 内容 of a 要点 row “民生实事” on 大纲."""
    points = {"法律援助:新增": ("民生实事", body)} if body else None
    path = make_workbook(tmp_path, FIGURES, points=points, facts=facts)
    return path, check_workbook(path).report.findings


def _check(tmp_path: Path, body: str = "", facts: dict | None = None):
    return _checked(tmp_path, body, facts)[1]


def _codes(findings, *codes):
    return [f for f in findings if f.code in codes]


def test_unknown_reference_is_an_error_at_its_cell_with_suggestions(tmp_path: Path) -> None:
    path, findings = _checked(tmp_path, "共受理【法律援助.受案】。")
    (found,) = _codes(findings, "unknown-reference")
    assert found.severity.value == "错误"
    assert str(found.cells[0]) == f"大纲!{outline_cell(path, '民生实事')}"  # its 内容 cell
    assert "【法律援助.受理案件】(受理法律援助案件)" in found.message
    assert "【【" in found.message  # how to write a literal bracket instead


def test_ambiguous_name_asks_for_the_id_unless_the_section_decides() -> None:
    figures = [Figure("法律援助.受理案件", "受理案件"), Figure("复议应诉.受理案件", "受理案件")]
    index = Index(figures)
    found = index.resolve("受理案件")
    assert found.ambiguous and set(found.suggestions) == {"【法律援助.受理案件】", "【复议应诉.受理案件】"}
    assert index.resolve("受理案件", "复议应诉").id == "复议应诉.受理案件"


def test_bad_option_is_an_error(tmp_path: Path) -> None:
    (found,) = _codes(_check(tmp_path, "共【法律援助.受理案件|千】。"), "bad-reference-option")
    assert "千" in found.message and found.severity.value == "错误"


def test_typed_number_contradicting_an_indicator_names_both_cells(tmp_path: Path) -> None:
    facts = {**FACTS_000, "导语": "上半年，全区设立法律援助工作站1个，工作稳步推进。"}
    path, findings = _checked(tmp_path, facts=facts)
    (found,) = _codes(findings, "typed-number-mismatch")
    assert found.severity.value == "错误"
    assert [str(c) for c in found.cells] == [
        "基本信息!B6", f"指标!{figure_cell(path, '法律援助.工作站')}"]
    assert "4个" in found.message and "【法律援助.工作站】" in found.message


def test_typed_number_in_content_contradicting_is_an_error(tmp_path: Path) -> None:
    path, findings = _checked(tmp_path, "共受理法律援助案件890件。")
    found = _codes(findings, "typed-number-mismatch")
    assert found and [str(c) for c in found[0].cells] == [
        f"大纲!{outline_cell(path, '民生实事')}", f"指标!{figure_cell(path, '法律援助.受理案件')}"]


@pytest.mark.parametrize("body", [
    "共受理法律援助案件892件。", "接待来电来信来访咨询500余人次。", "受教育干部群众1.42万人次。",
    "行政复议调解率30.4%。",
])
def test_typed_number_that_agrees_is_info_offering_the_reference(tmp_path: Path, body: str) -> None:
    findings = _check(tmp_path, body)
    assert not _codes(findings, "typed-number-mismatch")
    (info,) = _codes(findings, "typed-number")
    assert info.severity.value == "提示" and "可改为【" in info.message


def test_words_that_name_no_indicator_give_only_info(tmp_path: Path) -> None:
    findings = _check(tmp_path, "开展培训3场。")
    assert not _codes(findings, "typed-number-mismatch")
    assert _codes(findings, "typed-number")


@pytest.mark.parametrize("text", [
    "2024年以来", "2021—2023年度", "6月30日前", "依据〔2019〕28号文件", "开通12348热线",
    "推行“1名顾问+N名明白人”", "第3批试点", "建设5G网络", "学习《条例》第12条",
    "发布于2023-05-09 10:30",
])
def test_years_dates_numbers_and_names_are_not_figures(text: str) -> None:
    assert typed_numbers(text, ["件", "个", "场次"]) == []


def test_references_are_not_typed_numbers() -> None:
    found = typed_numbers("共【法律援助.受理案件】，另有30件。", ["件"])
    assert [t.text for t in found] == ["30件"]


def test_a_number_agreeing_with_a_longer_named_indicator_is_no_contradiction(tmp_path: Path) -> None:
    figures = {**FIGURES, "人民调解.化解纠纷": 1963, "人民调解.说事点化解": 388,
               "人民调解.评理说事点": 76}
    body = "我区现有“百姓评理说事点”76个，化解矛盾纠纷388件。"
    path = make_workbook(tmp_path, figures, points={"人民调解:新增": ("说事点", body)})
    findings = check_workbook(path).report.findings
    assert not _codes(findings, "typed-number-mismatch")
    assert any("【人民调解.说事点化解】" in f.message for f in _codes(findings, "typed-number"))
    other = tmp_path / "b"
    other.mkdir()
    path = make_workbook(other, figures, points={"人民调解:新增": ("说事点", "化解矛盾纠纷300件。")})
    assert _codes(check_workbook(path).report.findings, "typed-number-mismatch")


def test_a_year_before_the_workbooks_year_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    """A sentence copied from last year says 2023年上半年 in a 2024 workbook: a warning
    naming the cell and offering 【年度】 (or 【年度-1】 when it means last year)."""
    path, findings = _checked(tmp_path, "2023年上半年，共受理【法律援助.受理案件】。")
    (found,) = _codes(findings, "year-before-period")
    assert found.severity.value == "警告"
    assert str(found.cells[0]) == f"大纲!{outline_cell(path, '民生实事')}"
    assert "2023年上半年" in found.message and "【年度】" in found.message
    assert "【年度-1】" in found.message


def test_a_stale_date_is_quoted_whole(tmp_path: Path) -> None:
    """The message quotes the date as written (it cut 2023年7月12日 to “2023年7月12”)."""
    _, findings = _checked(tmp_path, "2023年7月12日，共受理【法律援助.受理案件】。")
    (found,) = _codes(findings, "year-before-period")
    assert "写的是“2023年7月12日”" in found.message


@pytest.mark.parametrize("body", [
    "2024年上半年，共受理【法律援助.受理案件】。",  # the workbook's own year
    "2025年将继续推进，共受理【法律援助.受理案件】。",  # next year's plans
    "开展2021—2023年度案卷评查，共受理【法律援助.受理案件】。",  # a span
    "印发《2023年普法工作要点》，共受理【法律援助.受理案件】。",  # a document's name
    "磐安县律师万人比从2019年的0.9提升，共受理【法律援助.受理案件】。",  # history
    "【年度-1】年结转的案件已办结，共受理【法律援助.受理案件】。",  # a reference
])
def test_years_that_are_no_stale_copy(tmp_path: Path, body: str) -> None:
    assert not _codes(_check(tmp_path, body), "year-before-period")
