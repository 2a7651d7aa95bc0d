"""Headings and body paragraphs that would end on a line of one or two characters: condensed,
or the writer told.

Where the lines break is tested in test_lines.py; the LibreOffice measurement of the rendered
samples is in tests/test_pages.py."""

from __future__ import annotations

import io
import random

import docx
from docx.oxml.ns import qn
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config.style import StyleProfile
from drafter.model.document import Document, Heading, Mark, Paragraph, Span, Title
from drafter.model.source import FigureSource
from drafter.word import fit, lines, runs
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


def test_one_character_over_is_condensed_just_enough() -> None:
    done = MEASURE.heading(1, ONE_OVER)
    assert done.short == "" and done.spacing is not None
    assert -5 - fit.CONDENSE_LIMIT <= done.spacing < -5
    for lo in (False, True):  # at that spacing one line holds it, in both programs
        assert len(lines.wrap(ONE_OVER, FIRST, REST, 320, done.spacing, libreoffice=lo)) == 1
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


# -- body paragraphs ----------------------------------------------------------------------------
# A point with its lead, a figure (a run of its own) and text: 人。 alone on the last line in
# Word's reading (村法人。 in LibreOffice's)
LEAD = "一是深化依法治市，推进法治建设。"
FIGURE = Span("1362件", source=FigureSource(("法律援助.受理案件",)))
FILL = "提请召开市委依法治市委员会会议与巡察机构建立协作机制把法治建设纳入巡察内容举一反三整改法治领域突出问题培训乡村"


def _point(fill: str) -> Paragraph:
    return Paragraph((Span(LEAD, Mark.LEAD), Span("全年受理案件"), FIGURE, Span(f"，{fill}人。")),
                     role="point")


ALONE = _point(FILL + "法")  # 人。 alone
TOO_SHORT = _point("")  # two lines: 人。 cannot be brought up to a full line
ORDINARY = _point(FILL[:20])


def _readings(block: Paragraph, spacing: int) -> list[list[str]]:
    texts = [r.text for r in runs.runs(block.spans, heading=False)]
    ends = (len(texts[0]) - 1, len(texts[0] + texts[1]) - 1, len("".join(texts[:3])) - 1)
    return [lines.wrap(block.text, FIRST, REST, 320, spacing, libreoffice=lo, ends=ends)
            for lo in (False, True)]


def test_a_body_paragraph_ending_on_one_character_is_condensed_on_every_run() -> None:
    assert _readings(ALONE, -5)[0][-1] == "人。"
    done = MEASURE.body(ALONE)
    assert done.short == "" and -5 - fit.CONDENSE_LIMIT <= done.spacing < -5
    for reading in _readings(ALONE, done.spacing):  # neither program leaves it alone now
        assert len(reading) > 1 and len(reading[-1].rstrip("。")) > fit.SHORT, reading
    doc = Document([ALONE, ORDINARY])
    written = docx.Document(io.BytesIO(build_docx(doc, GB))).paragraphs
    assert [r._r.rPr.find(qn("w:spacing")).get(qn("w:val")) for r in written[0].runs] == [
        str(done.spacing)] * 4  # the lead, the text, the figure, the text
    assert MEASURE.body(ORDINARY) == fit.Fit()
    assert all(r._r.rPr is None or r._r.rPr.find(qn("w:spacing")) is None
               for r in written[1].runs)


def test_a_body_paragraph_that_cannot_be_fitted_is_named() -> None:
    assert MEASURE.body(TOO_SHORT) == fit.Fit(short="人。")
    [found] = fit.findings(Document([Title("某区司法局工作总结"), TOO_SHORT, ORDINARY]), GB)
    assert found.code == "body-short-line"
    assert found.message == ("正文段落“一是深化依法治市，推进法治建设……”排版后末行只剩“人。”一个字，"
                             "压紧字距也排不下，请删减或增补几个字。")


def test_a_closing_mark_does_not_make_a_last_line_long_enough() -> None:
    """落实。 is two characters alone, as 落实 is: a heading ending on them is marked too (three
    lines, of which condensing by 1 pt a character brings up two characters, not three)."""
    heading = "一、" + FILL[:52] + "落实。"
    assert lines.wrap(heading, FIRST, REST, 320, -5, libreoffice=False)[-1] == "落实。"
    assert MEASURE.heading(1, heading) == fit.Fit(short="落实。")
    [found] = fit.findings(Document([Heading(1, "", (Span(heading),))]), GB)
    assert "末行只剩“落实。”两个字" in found.message


def test_render_names_a_body_paragraph_it_cannot_fit(workbook, tmp_path) -> None:
    path = workbook({"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963})
    add_outline_rows(path, [("一级标题", "总体情况", ""), ("段落", "", FILL[:26] + "落实。")])
    out = tmp_path / "报告.docx"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "[body-short-line]" in result.output
    assert f"正文段落“{FILL[:15]}……”排版后末行只剩“落实。”两个字" in result.output


def _stepped(text: str, ends: tuple[int, ...], first: int, rest: int, spacing: int) -> fit.Fit:
    """The least condensing found twip by twip, every reading asked at every step."""
    scan = lines.Scan(text, 320, ends)
    left = fit.alone(scan, first, rest, spacing)
    if not left:
        return fit.Fit()
    slack = fit._SLACK
    for tighter in range(spacing - 1, spacing - fit.CONDENSE_LIMIT - 1, -1):
        if not (fit.alone(scan, first, rest, tighter)
                or fit.alone(scan, first - slack, rest - slack, tighter)):
            return fit.Fit(spacing=tighter)
    return fit.Fit(short=left)


def test_the_least_condensing_is_found_as_stepping_twip_by_twip_finds_it() -> None:
    """fit skips ahead where a reading keeps a character alone until it loses a line; that
    holds only if lines end no earlier as characters narrow. Stepping asks every spacing."""
    rng = random.Random(20121)
    marks, figures = "，，。、；“”（）", ["12", "1093", "99.82%", "2024", "App"]
    found = 0
    for _ in range(400):
        words = [rng.choice(FILL) if rng.random() < 0.85 else rng.choice(marks)
                 for _ in range(rng.randint(20, 330))]
        for _ in range(rng.randint(0, 6)):
            words.insert(rng.randrange(len(words)), rng.choice(figures))
        text = "".join(words).strip("，。、；") + "人。"
        ends = tuple(sorted({rng.randrange(len(text) - 1) for _ in range(len(text) // 25)}))
        expected = _stepped(text, ends, FIRST, REST, -5)
        assert fit._fit(text, ends, FIRST, REST, 320, -5) == expected, text
        found += expected != fit.Fit()
    assert found > 50  # enough paragraphs that had to be condensed, or could not be
