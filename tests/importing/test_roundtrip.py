"""Import a published report, type this year's figures, render: the years of the narrative
move on with 年度, and this year's plain numbers are phrased as last year's were.

How well each report comes back — body, headings, figures, sentences, a render without
--draft, names that are names — is measured per input, in every format and page shape, by
tests/importing/test_corpus.py (tests/importing/measure.py, the one measurement).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from tests.importing.conftest import source
from tests.importing.measure import measure, norm


def test_years_move_with_the_year(tmp_path: Path) -> None:
    """000 is 2024's: this year's workbook (年度 2025) says 2025年上半年 where it said
    2024年上半年, and 2024年度 where it named the year before (2023年度)."""
    m = measure(source("000"), tmp_path)
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
