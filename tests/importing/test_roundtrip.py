"""Import each published report, type this year's figures = last year's, render: the report
must come back — its headings, its figures, most of its sentences word for word — from a
workbook that renders without --draft and whose indicators are named as a person would.

What cannot come back is measured, not hidden: tests/importing/measure.py gives the shares
per source (pytest -s prints them) and they are held above the floors below.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from tests.importing.conftest import source
from tests.importing.measure import Measured, measure, norm

# floors of the share recovered (figures, sentences), a little under what was measured:
# 000 100/100 %, 001 98.6/98.9 % (530余万份: the product writes 530万余份), 002 98.5/99.0 %
# (350余万元), 003 100/100 %, 004 100/98.1 % (points on lines of their own come back as one
# paragraph, the way the pack writes points)
FLOORS = {prefix: (0.97, 0.97) for prefix in ("000", "001", "002", "003", "004")}
_YEAR = re.compile(r"(19|20)\d{2}(?=\s*年)")
_measured: dict[str, Measured] = {}


def measured(prefix: str, tmp_path_factory: pytest.TempPathFactory) -> Measured:
    """One import and render per source, shared by the tests below."""
    if prefix not in _measured:
        _measured[prefix] = measure(source(prefix), tmp_path_factory.mktemp(prefix))
    return _measured[prefix]


@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_report_comes_back(prefix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    m = measured(prefix, tmp_path_factory)
    print(f"\n{m.row()}; 未还原的数字:{m.lost[:10]}; 未还原的句子:{m.sentences_lost[:5]}")
    want = [(lv, _YEAR.sub("#", t).rstrip("。")) for lv, t in m.headings_wanted]
    got = [(lv, _YEAR.sub("#", t).rstrip("。")) for lv, t in m.headings_got]
    missing = [t for _, t in want if t not in {g for _, g in got}]
    assert not missing, f"{prefix}: 标题未还原:{missing}"
    assert [lv for lv, _ in got] == [lv for lv, _ in want]
    figure_floor, sentence_floor = FLOORS[prefix]
    assert m.figure_share >= figure_floor, m.lost
    assert m.sentence_share >= sentence_floor, m.sentences_lost[:10]


@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_no_imported_name_is_a_fragment(prefix: str,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every indicator import names is a name (naming.fragment), and none is a numbered copy."""
    m = measured(prefix, tmp_path_factory)
    assert m.names, "no indicator of the workbook's own: nothing was measured"
    assert not m.fragments, m.fragments
    assert len(set(m.names)) == len(m.names)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_imported_workbook_renders_without_draft(prefix: str,
                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    m = measured(prefix, tmp_path_factory)
    assert m.renders, m.render_errors


def test_a_published_mistake_stops_the_render_until_it_is_corrected(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """004 states 提供法律服务共2446次 whose parts add up to 2248: the import says so (an error
    of the text), the pack's own sum rule refuses the figures as typed; with the total
    corrected (this year's figures adding up), the workbook renders without --draft."""
    m = measured("004", tmp_path_factory)
    assert any("2446" in f and "2248" in f for f in m.result.findings)
    assert not m.renders and all("sum-mismatch" in e for e in m.render_errors), m.render_errors
    wb = openpyxl.load_workbook(m.workbook)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, cols["本期"]).value == 2446:
            ws.cell(row, cols["本期"]).value = 2248
            ws.cell(row, cols["上年同期"]).value = 2248
    wb.save(m.workbook)
    from drafter import pipeline

    checked = pipeline.check_workbook(m.workbook)
    assert checked.report.valid, [f.message for f in checked.report.findings if f.severity.name == "ERROR"]
    pipeline.render_document(checked, draft=False)


def test_years_move_with_the_year(tmp_path_factory: pytest.TempPathFactory) -> None:
    """000 is 2024's: this year's workbook (年度 2025) says 2025年上半年 where it said
    2024年上半年, and 2024年度 where it named the year before (2023年度)."""
    m = measured("000", tmp_path_factory)
    text = norm(m.text)
    assert "2025年上半年,共开展集中学习10次" in text
    assert "2024年上半年" not in text
    assert "开展2024年度法治政府建设全面督察" in text
    assert "《镜湖区关于2023年法治建设情况的报告》" in text  # a document's name stays
    assert m.result.years >= 8


def test_this_years_plain_numbers_are_phrased_as_last_year(tmp_path: Path) -> None:
    """The options carry last year's phrasing to this year's figures typed plainly."""
    from drafter import pipeline
    from drafter.importing.build import import_report

    out = tmp_path / "今年.xlsx"
    import_report(source("001"), out)
    wb = openpyxl.load_workbook(out)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    typed = {"1.42万": 15_230, "5800余": 6_137, "99.82%": "99.9%", "1.2万余": 13_480}
    for row in range(2, ws.max_row + 1):
        previous = ws.cell(row, cols["上年同期"]).value
        if previous is not None:
            ws.cell(row, cols["本期"]).value = typed.get(str(previous), previous)
    wb.save(out)
    doc = pipeline.render_document(pipeline.check_workbook(out), draft=True)
    text_ = norm("".join(doc.paragraphs_text()))
    for phrase in ("律师办案1.52万件", "累计开展宣传活动6100余场次", "整改完成率99.90%",
                   "培训乡村法律明白人1.3万余人"):
        assert norm(phrase) in text_, phrase
