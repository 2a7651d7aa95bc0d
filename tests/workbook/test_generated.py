"""What every workbook drafter writes must be: valid against the ECMA-376 schemas, and, for a
blank one, in Chinese with full-width punctuation, its guide matching the kind's own sheets
and its sheets laid out so each text can be read (row heights, wrapping, the catalog's 类型)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.config import packs
from drafter.workbook import fit, layout
from tests.conftest import ROOT, header_column
from tests.workbook.generated import KINDS

VALIDATE = ROOT.parent / "shared" / "ooxml" / "validate.py"
# a half-width mark beside a Chinese character; a cell address keeps its “!” (指标!F12)
_HALF = re.compile(r"(?<=[\u4e00-\u9fff“”（）])[,;:?()]|[,;:?()](?=[\u4e00-\u9fff“”（）])"
                   r"|(?<=[\u4e00-\u9fff])!(?![A-Z]+\d)")


def halfwidth(text: str) -> list[str]:
    return [text[max(m.start() - 6, 0):m.end() + 6] for m in _HALF.finditer(text)]


def test_every_generated_workbook_validates_against_the_schemas(generated) -> None:
    if not VALIDATE.is_file():
        pytest.skip(f"schema validator not found at {VALIDATE} (the shared folder beside the "
                    "checkout); the other schema tests skip the same way")
    paths = list(generated.values())
    proc = subprocess.run([sys.executable, str(VALIDATE), *map(str, paths)],
                          capture_output=True, text=True, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "schema errors: 0", proc.stdout[-3000:]


def test_spaces_at_the_edges_of_a_text_survive_without_xml_space(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from drafter.workbook import blank, xlsx

    wb = Workbook()
    wb.active["A1"] = "  前面有空格"
    wb.active["A2"] = "后面有空格  "
    blank.save(wb, tmp_path / "空格.xlsx")
    import zipfile

    sheet = zipfile.ZipFile(tmp_path / "空格.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"xml:space" not in sheet
    cells = xlsx.read(tmp_path / "空格.xlsx")["Sheet"].cells
    assert (cells[0][0], cells[1][0]) == ("  前面有空格", "后面有空格  ")


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text) of every cell, comment and input message."""
    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    out.append((f"{ws.title}!{cell.coordinate}", cell.value))
                if cell.comment is not None:
                    out.append((f"{ws.title}!{cell.coordinate} 批注", cell.comment.text))
        for dv in ws.data_validations.dataValidation:
            out += [(f"{ws.title} 数据验证", t or "") for t in (dv.prompt, dv.error)]
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_workbook_speaks_with_full_width_punctuation(generated, kind: str) -> None:
    bad = [(where, hit) for where, text in _texts(generated[f"init {kind}"])
           for hit in halfwidth(text)]
    assert not bad, bad[:10]


@pytest.mark.parametrize("kind", KINDS)
def test_the_guide_matches_the_kinds_sheets_and_has_no_command_line(generated, kind) -> None:
    wb = load_workbook(generated[f"init {kind}"])
    guide = "\n".join(str(c.value) for c in wb[layout.GUIDE]["A"] if c.value)
    facts = {c.value for c in wb[layout.FACTS]["A"]}
    assert ("报告期间" in guide) == ("报告期间" in facts)
    for key in (f.key for f in packs.load(kind).catalog.facts if f.required):
        assert key in guide
    assert "drafter check" not in guide and "drafter render" not in guide
    assert "网页" in guide and "同事" in guide
    assert "写“无”" in guide  # how to leave the 导语 out
    ws = wb[layout.GUIDE]
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    for cell in ws["A"]:
        if cell.value:
            assert cell.alignment.wrap_text, cell.coordinate
            width = ws.column_dimensions["A"].width - 1.4 * (cell.alignment.indent or 0)
            size = cell.font.sz or 11
            assert ws.row_dimensions[cell.row].height >= fit.height(
                fit.lines(cell.value, width, size), size), cell.coordinate


def test_the_law_report_guide_names_its_five_parts(generated) -> None:
    wb = load_workbook(generated["init 法治政府建设年度报告"])
    guide = "\n".join(str(c.value) for c in wb[layout.GUIDE]["A"] if c.value)
    assert "第一责任人" in guide and "5 部分" in guide


def test_outline_rows_are_as_tall_as_their_text(generated) -> None:
    ws = load_workbook(generated["init 年度工作总结"])[layout.OUTLINE]
    body = header_column(ws, "内容")
    width = ws.column_dimensions[chr(64 + body)].width
    long_rows = [c.row for c in ws[chr(64 + body)][1:] if c.value and len(c.value) > width / 2]
    assert long_rows
    for r in long_rows:
        text = ws.cell(row=r, column=body).value
        assert ws.cell(row=r, column=body).alignment.wrap_text
        assert ws.row_dimensions[r].height >= fit.height(fit.lines(text, width)), r
    levels = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).alignment.indent
              for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=2).value}
    assert levels["一级标题"] < levels["二级标题"] < levels["要点"]


def test_facts_print_one_page_wide_and_catalog_rows_show_their_kind(generated) -> None:
    wb = load_workbook(generated["init 法治政府建设年度报告"])
    facts = wb[layout.FACTS]
    assert facts.page_setup.fitToWidth == 1 and facts.sheet_properties.pageSetUpPr.fitToPage
    ws = wb[layout.FIGURES]
    kind = header_column(ws, "类型")
    first = ws.cell(row=2, column=kind)
    assert first.value in ("计数", "金额", "比率", "数值", "文字")
    assert first.protection.locked and first.number_format == layout.CATALOG_KIND_FORMAT
    name = header_column(ws, "指标")
    assert all(ws.cell(row=r, column=name).alignment.wrap_text for r in range(2, 20))


def test_rules_sheet_has_example_rows_that_check_skips(generated) -> None:
    from drafter.pipeline import check_workbook

    path = generated["init 法治政府建设年度报告"]
    ws = load_workbook(path)[layout.RULES]
    kinds = [ws.cell(row=r, column=1).value for r in range(2, 6)]
    assert all(k and k.startswith(layout.EXAMPLE) for k in kinds), kinds
    assert ws.data_validations.dataValidation and any(
        dv.prompt for dv in ws.data_validations.dataValidation)
    codes = {f.code for f in check_workbook(path).report.findings}
    assert not {"bad-rule-row", "rule-example-filled", "rule-duplicate"} & codes


def test_a_tall_catalog_row_reads_from_its_top_line(generated) -> None:
    """In a row made taller by a wrapped 指标 or 说明, the 编号 and the cells to fill stand on
    its first line too, not at its foot (the rows did not line up)."""
    ws = load_workbook(generated["init 法治政府建设年度报告"])[layout.FIGURES]
    tall = [r for r in range(2, ws.max_row + 1) if ws.row_dimensions[r].height]
    assert tall
    for r in tall:
        assert {ws.cell(row=r, column=c).alignment.vertical for c in range(1, 9)} == {"top"}, r


def test_a_rate_allowed_past_100_is_not_warned_at_100(generated) -> None:
    """法律援助.任务完成率 has a range rule without an upper bound (sample 001: 151.8%): Excel's
    warning for its cells is the counts' (not negative), not 0%–100%."""
    ws = load_workbook(generated["init 法治政府建设年度报告"])[layout.FIGURES]
    ids = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    past, capped = ids["法律援助.任务完成率"], ids["复议应诉.纠错率"]

    def warned(row: int) -> set[str]:
        return {dv.operator for dv in ws.data_validations.dataValidation
                if f"F{row}" in dv.sqref}

    assert warned(past) == {"greaterThanOrEqual"}
    assert warned(capped) == {"between"}
