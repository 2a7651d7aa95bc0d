"""Import each published report, type this year's figures = last year's, render: the report
must come back — its headings, its figures, most of its sentences word for word.

What cannot come back is measured, not hidden: the share of figures and of sentences
recovered is printed per source (pytest -s) and held above the floors measured when this
test was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from drafter import pipeline
from drafter.importing import figures, outline, text
from drafter.importing.build import import_report
from drafter.model.document import Heading, Mark, Paragraph
from tests.importing.conftest import source

# floors of the share recovered (figures, sentences), a little under what was measured when
# this test was written: 000 100/100 %, 001 98.6/98.9 % (530余万份: the product writes
# 530万余份), 002 98.5/99.0 % (350余万元), 003 100/100 %, 004 100/98.1 % (points on lines
# of their own come back as one paragraph, the way the pack writes points)
FLOORS = {prefix: (0.97, 0.97) for prefix in ("000", "001", "002", "003", "004")}
_SENTENCE = re.compile(r"[。！？；!?;]")
_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]"
                     r"|[（(]\d+[）)])")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for piece in _SENTENCE.split(norm(line)):
            piece = _NUMBER.sub("", piece).strip("，,：:")
            if piece:
                out.append(piece)
    return out


def figure_texts(lines: list[str]) -> Counter[str]:
    return Counter(norm(f.shown) for line in lines for f in figures.find(line)[0])


def this_year_is_last_year(path: Path) -> None:
    """本期 = 上年同期 on every row of 指标, as a clerk typing last year's figures would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        previous = ws.cell(row, cols["上年同期"]).value
        if previous is not None:
            ws.cell(row, cols["本期"]).value = previous
    wb.save(path)


def rendered(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """The report's paragraphs, and its headings (level, text without number), run-in or not."""
    result = pipeline.check_workbook(path)
    doc = pipeline.render_document(result, draft=True)
    headings: list[tuple[int, str]] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            headings.append((block.level, norm("".join(s.text for s in block.spans))))
        elif isinstance(block, Paragraph):
            run_in = [s for s in block.spans if s.mark is Mark.HEADING]
            if run_in:
                text = _NUMBER.sub("", norm("".join(s.text for s in run_in)))
                headings.append((run_in[0].level, text.rstrip("。")))
    return doc.paragraphs_text(), headings


@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_report_comes_back(prefix: str, tmp_path: Path) -> None:
    src = source(prefix)
    out = tmp_path / "今年.xlsx"
    import_report(src, out)
    this_year_is_last_year(out)
    lines, got_headings = rendered(out)

    read = text.read(src)
    parsed = outline.parse(read.lines)
    imported = {r.line for r in parsed.rows}  # the body: no title, 落款, web page text
    body = [line for n, line in enumerate(read.lines, start=1) if n in imported]
    want_headings = [(r.level, norm(r.title)) for r in parsed.headings]
    heading_texts = {t.rstrip("。") for _, t in got_headings}
    missing = [t for _, t in want_headings if t.rstrip("。") not in heading_texts]
    assert not missing, f"{prefix}: 标题未还原:{missing}"
    assert [lv for lv, _ in got_headings] == [lv for lv, _ in want_headings]

    want_figures = figure_texts(body)
    got_figures = figure_texts(lines)
    recovered = sum(min(n, got_figures[k]) for k, n in want_figures.items())
    figure_share = recovered / sum(want_figures.values())
    lost = sorted((want_figures - got_figures).elements())

    want_sentences = sentences(body)
    got = set(sentences(lines))
    sentence_share = sum(s in got for s in want_sentences) / len(want_sentences)
    print(f"\n{prefix}: 数字还原 {recovered}/{sum(want_figures.values())} = {figure_share:.1%};"
          f" 句子还原 {sum(s in got for s in want_sentences)}/{len(want_sentences)} = "
          f"{sentence_share:.1%}; 未还原的数字:{lost[:10]};"
          f" 未还原的句子:{[s for s in want_sentences if s not in got][:5]}")
    figure_floor, sentence_floor = FLOORS[prefix]
    assert figure_share >= figure_floor, lost
    assert sentence_share >= sentence_floor, [s for s in want_sentences if s not in got][:10]


def test_this_years_plain_numbers_are_phrased_as_last_year(tmp_path: Path) -> None:
    """The options carry last year's phrasing to this year's figures typed plainly."""
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
    text_ = norm("".join(rendered(out)[0]))
    for phrase in ("律师办案1.52万件", "累计开展宣传活动6100余场次", "整改完成率99.90%",
                   "培训乡村法律明白人1.3万余人"):
        assert norm(phrase) in text_, phrase
