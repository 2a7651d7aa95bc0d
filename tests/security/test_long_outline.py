"""A 大纲 of 100,000 short rows (issue: hostile input, second round): the render was
quadratic in its paragraphs (python-docx searched the body's children before each insert) and
took a minute or was killed. Every stage is now linear: the render finishes within the
harness's bounds (harness.py: under 30 s and 1 GB, no traceback, exit 0–2), writes every row,
and leaves the workbook as it was.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from drafter.workbook import layout
from tests.conftest import make_workbook
from tests.security.harness import assert_clean_refusal, digest, run_cli
from tests.security.xlsx_parts import MAIN, sheet_part, sheet_xml, with_parts

ROWS = 100_000
LEVELS = ("一级标题", "二级标题", "要点", "段落", "三级标题", "要点", "段落", "要点")


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _outline_rows(n: int) -> str:
    """Header, then `n` short rows of every level; every third 内容 has a number in it."""
    rows = ["<row r=\"1\">" + "".join(_cell(f"{c}1", h) for c, h in zip(
        "ABC", ("层级", "标题", "内容"), strict=True)) + "</row>"]
    for i in range(n):
        r, level = i + 2, LEVELS[i % len(LEVELS)]
        title = "" if level == "段落" else _cell(f"B{r}", f"事{i}")
        body = "推进有力。" if i % 3 else f"办理{i % 97}件。"
        rows.append(f'<row r="{r}">{_cell(f"A{r}", level)}{title}{_cell(f"C{r}", body)}</row>')
    return "".join(rows)


@pytest.mark.slow
def test_a_hundred_thousand_outline_rows_render_in_linear_time(tmp_path: Path) -> None:
    base = make_workbook(tmp_path, {"法律援助.受理案件": 236}, name="基础.xlsx")
    part = sheet_part(base, layout.OUTLINE)
    big = with_parts(base, tmp_path / "长大纲.xlsx", {part: sheet_xml(_outline_rows(ROWS))})
    assert big.stat().st_size < 3 << 20  # a workbook a clerk could send: ~1.5 MB
    before = digest(big)
    out = tmp_path / "报告.docx"
    run = run_cli("render", big, "-o", out, "--draft")  # the base leaves a required figure blank
    assert_clean_refusal(run, codes=(0,))
    assert digest(big) == before
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert f"事{ROWS - 1}" in body  # the last row made it into the report
    assert body.count("<w:p>") + body.count("<w:p ") > ROWS  # one paragraph a row at least
    assert MAIN  # the parts helper's namespace: the rows above are SpreadsheetML
