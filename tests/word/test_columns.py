"""Table columns: header cells broken between words, never inside one; wide tables smaller."""

from __future__ import annotations

import io

import docx
import pytest

from drafter.config.style import StyleProfile
from drafter.model.document import Document, Paragraph, Span, Table
from drafter.word import columns
from drafter.word.text import line_width
from drafter.word.writer import build_docx

CITY_HEADER = ("县市区", "调处各类矛盾纠纷（件）", "调处成功（件）", "调处成功率（%）",
               "执法突出问题整改完成率（%）", "行政诉讼败诉率（%）", "办理法律援助案件（件）")
CITY_ROWS = (("甲区", "12000", "11820", "98.5", "100.00", "8.0", "2500"),
             ("合计", "34334", "33467", "97.5", "99.82", "7.2", "8120"))
# every way a header may be broken: the words it is made of
WORDS = {"调处各类矛盾纠纷（件）": ["调处", "各类", "矛盾纠纷", "（件）"],
         "行政诉讼败诉率（%）": ["行政诉讼", "败诉率", "（%）"]}


@pytest.mark.parametrize(("text", "words"), WORDS.items())
def test_headers_break_between_words_and_a_suffix_stays_with_its_word(text, words) -> None:
    assert columns._words(text) == words
    for lines in columns.header_options(text):
        assert "".join(lines) == text
        ends = {sum(map(len, lines[: i + 1])) for i in range(len(lines))}
        bounds = {sum(map(len, words[: i + 1])) for i in range(len(words))}
        assert ends <= bounds, lines  # every line ends where a word ends
        assert all(len(line) >= 2 for line in lines)


def test_the_city_table_fits_with_every_header_whole_words() -> None:
    cols = columns.layout(CITY_HEADER, CITY_ROWS, 7, total=8844, pad=216, sizes=(16, 14, 12))
    assert sum(cols.widths) == 8844
    assert cols.size_pt == 12  # 小四: at 4号 the headers would have to break inside words
    em = cols.size_pt * 20
    for head, text, w in zip(CITY_HEADER, cols.headers, cols.widths, strict=True):
        assert text.replace("\n", "") == head
        assert all(line_width(line) * em <= w - 216 for line in text.split("\n"))
    assert cols.headers[5] == "行政诉讼\n败诉率\n（%）"
    for row in CITY_ROWS:  # every number on one line
        assert all((line_width(c) + 0.5) * em <= w - 216
                   for c, w in zip(row, cols.widths, strict=True))


def test_a_narrow_table_keeps_the_style_size_and_one_line_headers() -> None:
    cols = columns.layout(("指标", "本年", "上年"), (("受理案件", "1200", "1100"),), 3,
                          total=8844, pad=216, sizes=(14, 12))
    assert (cols.size_pt, cols.headers) == (14, ["指标", "本年", "上年"])


def test_a_runaway_header_is_not_segmented() -> None:
    assert columns.header_options("字" * 100_000) == (("字" * 100_000,),) * 4


def test_the_writer_breaks_headers_and_sizes_a_wide_table_down() -> None:
    doc = Document([Paragraph((Span("正文。"),)), Table("主要指标", CITY_HEADER, CITY_ROWS,
                                                    (False, *([True] * 6)))])
    table = docx.Document(io.BytesIO(build_docx(doc, StyleProfile()))).tables[0]
    assert table.rows[0].cells[5].text == "行政诉讼\n败诉率\n（%）"
    sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs
             for r in p.runs}
    assert sizes == {12}
