"""render --trace: each figure's note names its workbook cell, its name and the column."""

from __future__ import annotations

import zipfile

from typer.testing import CliRunner

from drafter.checks import rules
from drafter.cli import app
from drafter.model.source import FigureSource
from drafter.pipeline import check_workbook, render_document
from drafter.publish import trace
from tests.conftest import SAMPLE_000, figure_cell, make_workbook

runner = CliRunner()


def _notes(path):
    result = check_workbook(path)
    doc = render_document(result)
    data = rules.with_computed(result.data, result.pack.catalog)
    return trace.notes(doc, data, result.pack.catalog)


def test_every_figure_of_the_sample_has_a_note_naming_its_cell() -> None:
    notes = _notes(SAMPLE_000)
    cell = figure_cell(SAMPLE_000, "法律援助.受理案件")
    assert notes[FigureSource(("法律援助.受理案件",))] == f"指标!{cell} 受理法律援助案件（本期）"
    now = f"指标!{cell[0]}"  # the 本期 column
    assert len(notes) > 50 and all(n.startswith(now) for n in notes.values())


def test_computed_and_derived_figures_name_every_cell_they_read(tmp_path) -> None:
    path = make_workbook(tmp_path, {"复议应诉.复议办结": 23, "复议应诉.撤回申请": 7,
                                    "复议应诉.复议申请": 30, "复议应诉.复议受理": 25},
                         previous={"复议应诉.复议办结": 20},
                         points={"x": ("化解争议", "调解率【复议应诉.调解率】。")})
    result = check_workbook(path)
    data = rules.with_computed(result.data, result.pack.catalog)
    cat = result.pack.catalog
    withdrawn, done = (f"指标!{figure_cell(path, i)}" for i in ("复议应诉.撤回申请", "复议应诉.复议办结"))
    before = f"指标!{figure_cell(path, '复议应诉.复议办结', '上年同期')}"
    rate = trace.note(FigureSource(("复议应诉.调解率",)), data, cat)
    assert rate.startswith(f"行政复议调解率（未填，由 {withdrawn} ")
    assert f"当事人撤回申请（本期） ÷ {done} " in rate and rate.endswith("算出）")
    yoy = trace.note(FigureSource(("复议应诉.复议办结",), "同比"), data, cat)
    assert yoy.startswith(f"{done}、{before} ") and yoy.endswith("（本期与上年同期）同比")
    ratio = trace.note(FigureSource(("复议应诉.撤回申请", "复议应诉.复议办结"), "比率"), data, cat)
    assert ratio.startswith(f"{withdrawn} ") and f"÷{done} " in ratio
    assert ratio.endswith("得出的比率")
    assert FigureSource(("复议应诉.调解率",)) in _notes(path)


def test_render_trace_puts_the_notes_in_word_comments(tmp_path) -> None:
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(SAMPLE_000), "-o", str(out), "--trace"])
    assert result.exit_code == 0, result.output
    assert "每个数字附有来源批注" in result.output
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert f"指标!{figure_cell(SAMPLE_000, '法律援助.受理案件')} 受理法律援助案件（本期）" in comments


def test_notes_and_the_page_show_pack_names_in_full_width_punctuation() -> None:
    """A pack writes its names as typed (其中:接访, 村(居)); the Word comments, the page's
    hover notes and its 板块 headings show them as the report does: 其中：接访, 村（居）."""
    from drafter.web.preview import groups

    sample = next(SAMPLE_000.parent.glob("004_*.xlsx"))
    notes = list(_notes(sample).values())
    assert any("其中：接访、来电咨询（本期）" in n for n in notes)
    assert any("村（社区）" in n for n in notes)
    assert not any(mark in n for n in notes for mark in ":(),;")
    assert "村（居）法律顾问" in [g.title for g in groups(check_workbook(sample))]
