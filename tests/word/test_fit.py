"""Headings that would end on a line of one or two characters: condensed, or the writer told.

The LibreOffice measurement of the rendered samples is in tests/test_pages.py."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config.style import StyleProfile
from drafter.model.document import Document, Heading, Paragraph, Span, Title
from drafter.word import fit
from drafter.word.geometry import Geometry
from drafter.word.writer import build_docx
from tests.conftest import add_outline_rows

GB = StyleProfile()
GEO = Geometry.of(GB)
MEASURE = fit.Measure(GEO, GB)
FIRST, REST = GEO.text_w - 2 * GEO.char, GEO.text_w  # a heading's first line and the others
# 27 characters: 26 fit on the first line (after the 2-character indent), “全” would stand alone
ONE_OVER = "一、坚持强化政治统领党建引领，全面依法治区机制日益健全"
# 28 characters: two over, which would take 1.3 pt of condensing a character
TWO_OVER = "一、推进法治政府建设的主要举措和成效全面依法治区工作落实"


def test_lines_are_computed_as_each_program_breaks_them() -> None:
    for lo in (False, True):
        assert fit.wrap(ONE_OVER, FIRST, REST, 320, -5, libreoffice=lo) == [ONE_OVER[:26], "全"]
    # a closing mark just past a full line: Word hangs it, LibreOffice takes 作 down with it
    text = "一、推进法治政府建设的主要举措和成效全面依法治区工作，落"
    assert fit.wrap(text, FIRST, REST, 320, -5, libreoffice=False) == [text[:27], "落"]
    assert fit.wrap(text, FIRST, REST, 320, -5, libreoffice=True) == [text[:25], "作，落"]
    # LibreOffice's space between Chinese and digits pushes a character over; a number
    # never breaks
    text = "一、推进2024年度法治政府建设的主要举措和成效全面依法治区"
    assert fit.wrap(text, FIRST, REST, 320, -5, libreoffice=False)[-1] == "治区"
    assert fit.wrap(text, FIRST, REST, 320, -5, libreoffice=True)[-1] == "法治区"
    assert fit.wrap("1234567890" * 12, 8000, 8000, 320, -5, libreoffice=True) == ["1234567890" * 12]


def test_one_character_over_is_condensed_just_enough() -> None:
    done = MEASURE.heading(1, ONE_OVER)
    assert done.short == "" and done.spacing is not None
    assert -5 - fit.CONDENSE_LIMIT <= done.spacing < -5
    for lo in (False, True):  # at that spacing one line holds it, in both programs
        assert len(fit.wrap(ONE_OVER, FIRST, REST, 320, done.spacing, libreoffice=lo)) == 1
    # a heading that fits, or whose last line holds three characters, is left alone
    assert MEASURE.heading(1, ONE_OVER[:26]) == fit.Fit()
    assert MEASURE.heading(1, ONE_OVER + "有力有效") == fit.Fit()


def test_more_than_the_limit_is_left_as_it_is_and_named() -> None:
    assert MEASURE.heading(1, TWO_OVER) == fit.Fit(short="落实")
    doc = Document([Title("某区司法局工作总结"), Heading(1, "", (Span(TWO_OVER),)),
                    Paragraph((Span("正文。"),))])
    [found] = fit.findings(doc, GB)
    assert found.code == "heading-short-line"
    assert found.message == (f"一级标题“{TWO_OVER}”排版后末行只剩“落实”两个字，压紧字距也排不下，"
                             "请改写（删减几个字或换个说法）。")


def test_a_runaway_cell_is_not_measured() -> None:
    assert MEASURE.heading(1, "字" * 100_000 + "全") == fit.Fit()


def test_the_writer_puts_the_spacing_on_every_run_of_that_heading_only() -> None:
    doc = Document([Heading(1, "一、", (Span(ONE_OVER[2:]),)), Heading(1, "二、", (Span("短标题"),))])
    paragraphs = docx.Document(io.BytesIO(build_docx(doc, GB))).paragraphs
    spacing = MEASURE.heading(1, ONE_OVER).spacing
    assert [r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) for r in paragraphs[0].runs] == [
        str(spacing)]
    assert all(r._r.rPr is None or r._r.rPr.find(qn("w:spacing")) is None
               for r in paragraphs[1].runs)


def test_render_names_a_heading_it_cannot_fit(workbook, tmp_path) -> None:
    path = workbook({"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963})
    add_outline_rows(path, [("一级标题", TWO_OVER[2:], ""), ("段落", "", "正文一句。")])
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "警告 1 项" in result.output and "[heading-short-line]" in result.output
    assert "一级标题“" in result.output and "末行只剩“落实”两个字" in result.output
