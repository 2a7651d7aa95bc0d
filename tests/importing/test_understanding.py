"""What import understands of a report beyond its words: the facts its body states, the
catalog row each figure fills, the relations it states and how far to trust them, the rows
it never mentions, and the years that move with 年度."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter import pipeline
from drafter.config import packs
from drafter.importing import facts, figures, outline, relations, text, years
from drafter.importing.build import convert, import_report
from drafter.importing.matching import Matcher
from drafter.importing.relations import Placed
from tests.importing.conftest import source


def _outline(lines: list[str]) -> outline.Outline:
    return outline.parse(lines)


def _rows(path: Path, sheet: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


# ---------------------------------------------------------------- facts from the body


def test_a_half_year_report_without_its_title() -> None:
    """000 with its title line cut off: 上半年 in the preamble makes it a 半年工作总结 of 2024
    by 镜湖区司法局, as the body says."""
    lines = text.read(source("000")).lines[1:]
    found = facts.read(_outline(lines), "\n".join(lines))
    assert (found.kind, found.year, found.period, found.unit) == (
        "半年工作总结", 2024, "上半年", "镜湖区司法局")


def test_a_rule_of_law_report_names_itself_in_its_first_sentence() -> None:
    """001 has no title: “现将我局2024年度法治政府建设情况报告如下”; the bureau is the city the
    body names with 我局 (邵阳市)."""
    read = text.read(source("001"))
    found = facts.read(_outline(read.lines), "\n".join(read.lines))
    assert (found.kind, found.year, found.unit) == ("法治政府建设年度报告", 2024, "邵阳市司法局")
    assert any("请核对" in n for n in found.notes)


def test_a_literary_review_takes_its_year_and_bureau_from_the_body() -> None:
    read = text.read(source("002"))
    found = facts.read(_outline(read.lines), "\n".join(read.lines))
    assert (found.kind, found.year, found.unit) == ("年度工作总结", 2023, "黄石市司法局")


@pytest.mark.parametrize(("lines", "kind", "year", "unit"), [
    (["2024年，我局坚持法治引领，现将上半年工作开展情况总结如下：", "一、主要工作",
      "共受理法律援助案件12件。", "某县司法局", "2024年7月5日"], "半年工作总结", 2024, "某县司法局"),
    (["现将2024年度法治政府建设情况报告如下：", "一、主要举措", "开展督察3次。",
      "某某区司法局", "2025年1月10日"], "法治政府建设年度报告", 2024, "某某区司法局"),
    (["全年工作稳步推进，推进法治建设的职责使命落实。", "一、主要工作", "开展督察3次。",
      "2025年1月10日"], "年度工作总结", 2024, ""),  # 法治建设 of the work is no kind; date − 1
])
def test_kind_year_and_bureau_from_body_signature_and_date(lines, kind, year, unit) -> None:
    found = facts.read(_outline(lines), "\n".join(lines))
    assert (found.kind, found.year, found.unit) == (kind, year, unit)


def test_the_title_names_the_kind_when_it_can() -> None:
    assert facts.kind_of("某区司法局2024年上半年工作总结", "") == "半年工作总结"
    assert facts.kind_of("某区司法局2017年法治政府建设情况工作汇报", "") == "法治政府建设年度报告"
    assert facts.kind_of("某市司法局2022年工作总结和2023年工作思路", "现将上半年…") == "年度工作总结"


# ---------------------------------------------------------------- catalog rows by meaning


def _place(kind: str, sentence: str) -> list[str]:
    matcher = Matcher(packs.load(kind).catalog)
    return [matcher.place(f).id for f in figures.find(sentence)[0]]


def test_the_catalog_knows_other_ways_of_saying_a_row() -> None:
    assert _place("半年工作总结", "上半年共受理法援案件236件。") == ["法律援助.受理案件"]
    assert _place("半年工作总结", "上半年矛盾纠纷排查1963件。") == ["人民调解.排查纠纷"]
    assert _place("半年工作总结", "全年办理法律援助案件236件。") == ["法律援助.受理案件"]
    # a pack with both rows keeps each: the name wins over another row's synonym
    assert _place("法治政府建设年度报告", "全年办理法律援助案件236件。") == ["法律援助.办理案件"]
    assert _place("年度工作总结", "调处化解矛盾纠纷4.7万件。") == ["人民调解.调处纠纷"]


def test_a_row_filled_with_another_value_is_not_filled_again() -> None:
    ids = _place("半年工作总结", "化解矛盾纠纷1963件。说事点化解矛盾纠纷388件。")
    assert ids == ["人民调解.化解纠纷", "人民调解.说事点化解"]
    ids = _place("半年工作总结", "化解矛盾纠纷1963件。又化解矛盾纠纷1963件。")
    assert ids == ["人民调解.化解纠纷", "人民调解.化解纠纷"]  # the same figure repeated


def test_a_count_written_with_decimals_fills_no_count_row(tmp_path: Path) -> None:
    result = import_report(source("001"), tmp_path / "a.xlsx")
    own = {o.name: o for o in result.plan.own}
    assert "公共法律服务.热线呼入" not in result.plan.previous
    assert own["12348热线呼入量"].kind == "数值"
    assert any("1.8余人次" in f for f in result.findings)


def test_synonyms_are_checked_like_every_catalog_key(tmp_path: Path) -> None:
    from drafter.config import catalog
    from drafter.errors import CatalogError

    path = tmp_path / "indicators.toml"
    path.write_text('[[indicators]]\nid = "a.b"\nname = "甲"\nsynonyms = ["乙", 3]\n',
                    encoding="utf-8")
    with pytest.raises(CatalogError, match="synonyms"):
        catalog.load(path)
    path.write_text('[[indicators]]\nid = "a.b"\nname = "甲"\nsynonyms = ["乙"]\n',
                    encoding="utf-8")
    assert catalog.load(path).indicators["a.b"].synonyms == ("乙",)


# ---------------------------------------------------------------- relations


def _relations(sentence: str) -> tuple[list[relations.RuleRow], list[relations.Doubt]]:
    found, _ = figures.find(sentence)
    placed = [Placed(f, f"导入.{k}") for k, f in enumerate(found)]
    return relations.find(sentence, placed)


def test_an_aside_in_brackets_is_no_part_of_the_sum_around_it() -> None:
    """办结23起(含上年结转9起)，其中当事人撤回7起: 7 is part of 23; 9 belongs to 23's aside."""
    rules, doubts = _relations("受理26起、办结23起(含上年结转9起)，其中当事人撤回申请7起。")
    assert [(r.word, r.target, r.parts) for r in rules] == [
        ("包含", "导入.1", ("导入.3",)), ("包含", "导入.1", ("导入.2",))]
    assert doubts == []


def test_a_breakdown_in_brackets_sums_when_it_adds_up() -> None:
    rules, doubts = _relations("共受理法律援助案件91件(其中民事10件、刑事81件)，办结80件。")
    assert [(r.word, r.target, r.parts) for r in rules] == [("合计", "导入.0", ("导入.1", "导入.2"))]
    rules, doubts = _relations("共受理法律援助案件91件(含刑事自诉1件)，办结80件。")
    assert [(r.word, r.parts) for r in rules] == [("包含", ("导入.1",))] and not doubts


def test_parts_that_miss_a_stated_total_are_an_error_else_a_warning() -> None:
    _, doubts = _relations("提供法律服务共2446次，其中接访咨询1689次、出具意见65次。")
    assert [d.error for d in doubts] == [True] and "2446" in doubts[0].text
    _, doubts = _relations("排查纠纷2446件，其中家事类1689件、邻里类65件。")
    assert [d.error for d in doubts] == [False] and "请核实" in doubts[0].text
    _, doubts = _relations("办理案件100件，分别为民事60件、刑事30件。")
    assert [d.error for d in doubts] == [True] and "分别为" in doubts[0].text


def test_the_relation_search_is_bounded() -> None:
    """A sentence of 3,000 figures: each looks at a few neighbours, no message lists them all."""
    sentence = "共办理10000件，其中" + "、".join(f"第{i}类{i}件" for i in range(1, 3000)) + "。"
    rules, doubts = _relations(sentence)
    assert len(rules) <= 1 and all(len(r.parts) <= relations.MAX_PARTS for r in rules)
    assert all(len(d.text) < 400 for d in doubts)


def test_many_figures_of_one_name_give_short_messages(tmp_path: Path) -> None:
    lines = ["某区司法局2024年工作总结", "一、总体"] + [f"一是要点{i}。共办理{i}件。"
                                                  for i in range(1, 600)]
    result = convert(_outline(lines), packs.load("年度工作总结").catalog, tmp_path / "a.txt",
                     tmp_path / "a.xlsx", "年度工作总结")
    messages = result.notes + result.warnings + result.findings
    assert max(len(m) for m in messages) < 200
    assert len(messages) < 2 * 600 + 20  # at most a line or two per figure


# ---------------------------------------------------------------- required rows never mentioned


def test_a_required_row_the_report_never_mentions_is_not_required_of_this_workbook(
        tmp_path: Path) -> None:
    report = tmp_path / "去年.txt"
    report.write_text("某区司法局2024年上半年工作总结\n一、法治宣传\n上半年开展法治宣传活动30场次。\n",
                      encoding="utf-8")
    out = tmp_path / "今年.xlsx"
    result = import_report(report, out)
    assert result.kind == "半年工作总结"
    assert set(result.plan.not_required) == {"法律援助.受理案件", "人民调解.排查纠纷"}
    assert any("受理法律援助案件" in n and "不再要求" in n for n in result.notes)
    facts_rows = {r["项目"]: r for r in _rows(out, "基本信息")}
    row = facts_rows["不再必填的指标"]
    assert set(str(row["内容"]).split("、")) == {"法律援助.受理案件", "人民调解.排查纠纷"}
    assert "受理法律援助案件" in str(row["说明"])
    wb = openpyxl.load_workbook(out)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, cols["上年同期"]).value is not None:
            ws.cell(r, cols["本期"]).value = ws.cell(r, cols["上年同期"]).value
    wb.save(out)
    checked = pipeline.check_workbook(out)
    assert checked.report.valid, [f.message for f in checked.report.findings]
    pipeline.render_document(checked, draft=False)
    # the clerk takes the record away: the pack's rows are required again
    ws = wb["基本信息"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == "不再必填的指标":
            ws.cell(r, 2).value = None
    wb.save(out)
    codes = {f.code for f in pipeline.check_workbook(out).report.findings}
    assert "missing-required" in codes


# ---------------------------------------------------------------- years


def test_years_become_references_and_titles_roll_forward() -> None:
    moved, n = years.to_references(
        "2024年上半年，较2023年增长；《2023年工作要点》；2021—2023年度评查；自2015年以来", 2024)
    assert moved == ("【年度】年上半年，较【年度-1】年增长；《2023年工作要点》；2021—2023年度评查；"
                     "自2015年以来")
    assert n == 2
    assert years.roll_title("2025年工作打算", 2024) == "2026年工作打算"
    assert years.to_references("2024年", None) == ("2024年", 0)


def test_an_imported_workbook_names_the_year_it_was_made_for(tmp_path: Path) -> None:
    result = import_report(source("003"), tmp_path / "a.xlsx")
    outline_rows = _rows(tmp_path / "a.xlsx", "大纲")
    titles = [r["标题"] for r in outline_rows if r["标题"]]
    assert "2024年工作思路" in titles  # 二、2023年工作思路 of a 2022 report
    assert any("【年度】年" in str(r["内容"]) for r in outline_rows)
    assert result.plan.facts["年度"] == "2023"
    assert Decimal(result.years) > 0


def test_the_scale_benchmark_runs(tmp_path: Path) -> None:
    """benchmarks/import_scale.py (no time asserted): its generated reports import, each
    distinct figure becomes an indicator, and no message grows with the input."""
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT))
    from benchmarks import import_scale

    rows = import_scale.scale(tmp_path, sizes=(60,))
    same, distinct = rows
    assert same["figures"] >= 1 and same["longest_message"] < 200
    assert distinct["indicators"] >= 100 and distinct["longest_message"] < 200
