"""Cells (issue 23): a shared-string index out of range, a number no float holds, half a
million merged ranges, invisible characters in what is rendered. Workbooks are built in code
from drafter init's (tests/security/xlsx_parts.py); each run is a child process."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.config import packs
from drafter.model.findings import column_letter
from drafter.workbook import layout, reader
from tests.conftest import SAMPLES, header_column, make_workbook
from tests.security.harness import assert_clean_refusal, digest, run_cli
from tests.security.xlsx_parts import FIGURES_PART, part_of, sheet_part, with_parts

slow = pytest.mark.slow


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = make_workbook(tmp_path, {"法律援助.受理案件": 236, "党建.集中学习": 10},
                         name="基础.xlsx")
    assert sheet_part(path, layout.FIGURES) == FIGURES_PART
    return path


def _now_cell(path: Path, ind_id: str = "法律援助.受理案件") -> str:
    """Where the figure's 本期 is, e.g. F21 (the reader finds the column by its header)."""
    data = reader.read(path, packs.load("半年工作总结").catalog)
    cell = data.figures[ind_id].cell
    assert cell is not None
    now = column_letter(header_column(load_workbook(path)[layout.FIGURES], "本期"))
    return f"{now}{cell.cell[1:]}"


def _with_cell(base: Path, out: Path, ref: str, cell_xml: str) -> Path:
    """A copy of `base` whose cell `ref` on 指标 is `cell_xml` (a whole <c> element)."""
    figures = part_of(base, FIGURES_PART).decode()
    m = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', figures)
    assert m, ref
    return with_parts(base, out, {FIGURES_PART: figures.replace(m.group(0), cell_xml)})


# --- shared strings ---------------------------------------------------------------------------


@pytest.mark.parametrize("index", ["-1", "-2", "2", "999999", "1e3", "x", " 1"])
def test_a_shared_string_index_out_of_range_is_refused_naming_the_cell(base, tmp_path,
                                                                      index) -> None:
    strings = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>甲</t></si>'
               "<si><t>最后一条</t></si></sst>")
    ref = _now_cell(base)
    ct = part_of(base, "[Content_Types].xml").decode()
    if "sharedStrings" not in ct:
        ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                        '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                        'sharedStrings+xml"/></Types>')
    bad = _with_cell(base, tmp_path / "共享.xlsx", ref, f'<c r="{ref}" t="s"><v>{index}</v></c>')
    bad = with_parts(bad, tmp_path / "共享文字.xlsx", {"xl/sharedStrings.xml": strings,
                                                      "[Content_Types].xml": ct})
    before = digest(bad)
    run = run_cli("check", bad)
    if index == " 1":  # an index Excel would not write, but a valid one: the second string
        assert run.code in (0, 1) and "最后一条" in run.text
        return
    assert_clean_refusal(run, codes=(2,), naming=f"指标!{ref}")
    assert "共享文字" in run.text and "最后一条" not in run.text
    assert digest(bad) == before


# --- a number no float holds -------------------------------------------------------------------


@pytest.fixture
def huge(base: Path, tmp_path: Path) -> Path:
    ref = _now_cell(base)
    return _with_cell(base, tmp_path / "大数.xlsx", ref, f'<c r="{ref}"><v>{"9" * 400}</v></c>')


def test_a_400_digit_number_is_a_finding_in_check(huge) -> None:
    run = run_cli("check", huge)
    assert_clean_refusal(run, codes=(1,), naming="数值过大")


def test_the_annotated_copy_keeps_a_400_digit_number_as_its_digits(huge, tmp_path) -> None:
    out = tmp_path / "标注.xlsx"
    run = run_cli("check", huge, "--annotate", out)
    assert_clean_refusal(run, codes=(1,), naming="数值过大")
    cell = load_workbook(out)[layout.FIGURES][_now_cell(huge.with_name("基础.xlsx"))]
    assert cell.value == "9" * 400 and cell.comment is not None


@pytest.mark.parametrize("command", [
    ["init", "--from", "{huge}", "-o", "{out}"],
    ["merge", "{huge}", "{base}", "-o", "{out}", "--prefer", "{huge}"],
    ["merge", "{base}", "{huge}", "-o", "{out}", "--prefer", "{huge}"],
    ["merge", "{base}", "{huge}", "-o", "{out}", "--prefer", "{base}"],
])
def test_a_400_digit_number_is_refused_where_openpyxl_would_write_it(huge, base, tmp_path,
                                                                     command) -> None:
    out = tmp_path / "输出.xlsx"
    args = [a.format(huge=huge, base=base, out=out) for a in command]
    before = (digest(huge), digest(base))
    run = run_cli(*args)
    assert_clean_refusal(run, codes=(2,), naming="400 位")
    assert f"指标!{_now_cell(base)}" in run.text and "大数.xlsx" in run.text
    assert not out.exists() and (digest(huge), digest(base)) == before


# --- half a million merged ranges ---------------------------------------------------------------


@pytest.fixture(scope="module")
def merges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("merges")
    src = make_workbook(folder, {"法律援助.受理案件": 236, "党建.集中学习": 10}, name="基础.xlsx")
    figures = part_of(src, FIGURES_PART).decode()
    ranges = "".join(f'<mergeCell ref="Z{2 * i + 1}:AA{2 * i + 2}"/>' for i in range(500_000))
    body = figures.replace("</sheetData>", f'</sheetData><mergeCells count="500000">{ranges}'
                                           "</mergeCells>")
    return with_parts(src, folder / "合并.xlsx", {FIGURES_PART: body})


@slow
@pytest.mark.parametrize("command", [
    ["check", "{src}", "--annotate", "{out}"],
    ["init", "--from", "{src}", "-o", "{out}"],
    ["merge", "{src}", "{other}", "-o", "{out}"],  # the first copy is the base openpyxl opens
])
def test_half_a_million_merged_ranges_are_refused_before_openpyxl(merges, tmp_path,
                                                                   command) -> None:
    other = tmp_path / "另一份.xlsx"
    shutil.copy(merges.with_name("基础.xlsx"), other)
    out = tmp_path / "输出.xlsx"
    args = [a.format(src=merges, other=other, out=out) for a in command]
    before = digest(merges)
    run = run_cli(*args)
    assert_clean_refusal(run, codes=(2,), max_seconds=15, max_mb=300, naming="合并区域")
    assert not out.exists() and digest(merges) == before


@slow
def test_merged_ranges_of_a_copy_that_is_not_the_base_cost_nothing(merges, tmp_path) -> None:
    other = tmp_path / "另一份.xlsx"
    shutil.copy(merges.with_name("基础.xlsx"), other)
    out = tmp_path / "输出.xlsx"
    run = run_cli("merge", other, merges, "-o", out)  # only its values are taken
    assert_clean_refusal(run, codes=(0,), max_seconds=15, max_mb=300)
    assert out.exists()


@slow
def test_half_a_million_merged_ranges_are_checked_quickly(merges) -> None:
    run = run_cli("check", merges)
    assert_clean_refusal(run, codes=(0, 1), max_seconds=15, max_mb=300)


def test_a_few_hundred_merged_ranges_still_annotate(base, tmp_path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    ranges = "".join(f'<mergeCell ref="Z{2 * i + 1}:AA{2 * i + 2}"/>' for i in range(300))
    src = with_parts(base, tmp_path / "三百.xlsx", {FIGURES_PART: figures.replace(
        "</sheetData>", f'</sheetData><mergeCells count="300">{ranges}</mergeCells>')})
    out = tmp_path / "标注.xlsx"
    run = run_cli("check", src, "--annotate", out)
    assert run.code in (0, 1) and out.exists(), run.text


# --- invisible characters in what is rendered --------------------------------------------------

ZERO_WIDTH = "\u200b\u200d\u2060\ufeff"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _invisible(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if c in ZERO_WIDTH + BIDI]


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_invisible_characters_never_reach_the_report_and_are_said(tmp_path) -> None:
    marks = ZERO_WIDTH + BIDI
    src = make_workbook(tmp_path, {"法律援助.受理案件": 236},
                        facts={"单位名称": f"镜{marks}湖区司法局", "年度": "2024",
                               "报告期间": "上半年"},
                        points={"x": (f"要{marks}点", f"内{ZERO_WIDTH}容{BIDI}写得很好。")})
    out = tmp_path / "报告.docx"
    run = run_cli("render", src, "-o", out, "--draft")
    assert run.code in (0, 1) and out.exists(), run.text
    assert _invisible(_docx_text(out)) == []
    assert "镜湖区司法局" in _docx_text(out)
    said = run_cli("check", src, "-v")
    assert "零宽字符" in said.text and "改变文字方向" in said.text
    assert "基本信息!B" in said.text


def test_invisible_characters_never_reach_the_city_workbook(tmp_path) -> None:
    folder = tmp_path / "区县"
    shutil.copytree(SAMPLES / "005_示例市区县", folder)
    wb = load_workbook(folder / "1_甲区.xlsx")
    for row in wb[layout.FACTS].iter_rows():
        if row[0].value == "单位名称":
            row[1].value = f"甲{ZERO_WIDTH}区{BIDI}司法局"
    wb.save(folder / "1_甲区.xlsx")
    (folder / "1_甲区.xlsx").rename(folder / f"1_甲{ZERO_WIDTH}区{BIDI[:2]}.xlsx")
    out = tmp_path / "全市.xlsx"
    run = run_cli("rollup", folder, "-o", out, "--unit", "示例市司法局")
    assert run.code == 0, run.text
    city = load_workbook(out)
    texts = [str(c.value) for ws in city.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not [t for t in texts if _invisible(t)], [t for t in texts if _invisible(t)][:3]
    assert "甲区" in texts  # the district's name, on 区县数据 and 汇总来源
    assert any("<U+200B>" in t for t in texts)  # the file's name, its marks written out


def test_the_normalised_text_is_plain_unicode() -> None:
    from drafter.workbook.text import clean

    done = clean(f"镜{ZERO_WIDTH}湖{BIDI}区", 60)
    assert done.text == "镜湖区" and len(done.notes) == 2
