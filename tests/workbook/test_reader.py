"""The blank workbook as a clerk sees it, and reading filled ones cell by cell."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from drafter.config import packs
from drafter.errors import InputFileError, WorkbookLayoutError
from drafter.workbook import layout, reader

PACK = packs.load("半年工作总结")


def _read(path: Path):
    return reader.read(path, PACK.catalog)


def _keys(data) -> list[tuple[str, str, str]]:
    return [f.key() for f in data.findings]


# ---------------------------------------------------------------- the blank workbook


def test_blank_workbook_has_the_agreed_sheets_and_headers(workbook) -> None:
    wb = load_workbook(workbook(facts={}))
    assert wb.sheetnames == [layout.GUIDE, layout.FACTS, layout.FIGURES, layout.POINTS]
    ws = wb[layout.FIGURES]
    headers = [c.value for c in ws[1]]
    for h in ("编号", "指标", "单位", "本期", "上年同期", "说明"):
        assert h in headers
    assert ws.freeze_panes == "D2"
    assert ws.protection.sheet is True
    first = ws.cell(row=2, column=1)
    assert first.value == "党建.集中学习"
    assert first.protection.locked is True  # ids protected
    assert ws.cell(row=2, column=5).protection.locked is False  # 本期 editable
    assert ws.column_dimensions["C"].width >= 20
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


def test_blank_workbook_validates_counts_and_rates_with_warnings(workbook) -> None:
    ws = load_workbook(workbook(facts={}))[layout.FIGURES]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    rules = ws.data_validations.dataValidation
    by_kind = {(dv.type, dv.operator): dv for dv in rules}
    counts = by_kind[("decimal", "greaterThanOrEqual")]
    rates = by_kind[("decimal", "between")]
    assert counts.errorStyle == rates.errorStyle == "warning"  # 130余 can still be typed
    count_row, rate_row = rows["法律援助.受理案件"], rows["复议应诉.调解率"]
    assert f"E{count_row}" in counts.sqref and f"F{count_row}" in counts.sqref
    assert f"E{rate_row}" in rates.sqref and f"E{rate_row}" not in counts.sqref
    assert f"E{count_row}" not in rates.sqref and f"G{count_row}" not in counts.sqref
    assert len(counts.sqref.ranges) < len(rows) / 2  # runs of rows, one range each
    assert ws.cell(row=rows["复议应诉.调解率"], column=5).number_format == "0.00%"


def test_blank_workbook_records_its_kind_and_lists_point_slots(workbook) -> None:
    wb = load_workbook(workbook(facts={}))
    facts = wb[layout.FACTS]
    assert (facts["A2"].value, facts["B2"].value) == (layout.KIND_FACT, "半年工作总结")
    keys = [facts.cell(row=r, column=1).value for r in range(2, facts.max_row + 1)]
    assert "标题:政治统领" in keys
    points = wb[layout.POINTS]
    assert [c.value for c in points[1]][:4] == ["编号", "板块", "要点", "内容"]
    assert points["A2"].value == "党建.理论学习"


# ---------------------------------------------------------------- reading


def test_sample_reads_without_errors() -> None:
    from tests.conftest import SAMPLE_000

    data = _read(SAMPLE_000)
    assert data.kind == "半年工作总结"
    assert data.facts["单位名称"] == "镜湖区司法局"
    fig = data.figures["法律援助.受理案件"]
    assert (fig.value, fig.cell and str(fig.cell)) == (Decimal(236), "指标!E13")
    assert data.figures["复议应诉.调解率"].value == Decimal("30.43")
    assert not [f for f in data.findings if f.severity.value == "错误"]
    assert len(data.points) == 15


def test_normalizations_are_notes_naming_the_cell(workbook) -> None:
    data = _read(workbook({"法律援助.受理案件": "２３６", "普法.法律进活动": "约130余"}))
    assert ("value-normalized", "指标", "E21") in _keys(data)
    assert ("value-normalized", "指标", "E11") in _keys(data)
    assert data.figures["普法.法律进活动"].qualifier == "余"


def test_text_in_a_number_cell_is_an_error_naming_the_cell(workbook) -> None:
    data = _read(workbook({"法律援助.受理案件": "二百多"}))
    assert ("not-a-number", "指标", "E21") in _keys(data)
    err = next(f for f in data.findings if f.code == "not-a-number")
    assert "受理法律援助案件" in err.message and "二百多" in err.message
    assert data.figures["法律援助.受理案件"].value is None


def test_blank_and_zero_differ(workbook) -> None:
    data = _read(workbook({"法律援助.受理案件": 0}))
    assert data.figures["法律援助.受理案件"].value == 0
    assert data.figures["法律援助.工作站"].value is None


def test_formula_without_cached_value_is_an_error(workbook) -> None:
    path = workbook({"人民调解.家事类": 697})
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    ws["E47"] = "=SUM(E48:E52)"  # openpyxl writes no cached value: never opened in Excel
    wb.save(path)
    data = _read(path)
    assert ("formula-no-value", "指标", "E47") in _keys(data)
    assert "SUM" in next(f for f in data.findings if f.code == "formula-no-value").message


def test_unknown_and_duplicate_rows(workbook) -> None:
    path = workbook({"法律援助.受理案件": 236})
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    ws.protection.sheet = False
    last = ws.max_row
    ws.cell(row=last + 1, column=1, value="法律援助.新指标")
    ws.cell(row=last + 2, column=1, value="法律援助.受理案件")
    ws.cell(row=last + 2, column=5, value=999)
    wb.save(path)
    data = _read(path)
    assert ("unknown-row", "指标", f"A{last + 1}") in _keys(data)
    assert ("duplicate-row", "指标", f"A{last + 2}") in _keys(data)
    assert data.figures["法律援助.受理案件"].value == 236  # the first row wins


def test_missing_points_sheet_is_a_warning_not_a_failure(workbook) -> None:
    path = workbook({"法律援助.受理案件": 236})
    wb = load_workbook(path)
    del wb[layout.POINTS]
    wb.save(path)
    data = _read(path)
    assert ("missing-sheet", "要点", "") in _keys(data)
    assert data.points == []


def test_missing_figures_sheet_is_unusable(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Sheet1"
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookLayoutError, match="没有“指标”表"):
        _read(path)


def test_header_missing_is_unusable(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = layout.FIGURES
    wb.active.append(["序号", "名称", "数量"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookLayoutError, match="编号") as exc:
        _read(path)
    assert exc.value.where == layout.FIGURES


# ---------------------------------------------------------------- files that are not .xlsx


def _ole(path: Path, extra: bytes = b"") -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra)
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("旧表.xls", None, "旧版 Excel(.xls)"),
        ("表.et", None, "WPS 表格(.et)"),
        ("加密.xlsx", "EncryptionInfo".encode("utf-16-le"), "密码"),
        ("数据.csv", b"\xe7\xbc\x96\xe5\x8f\xb7,\xe6\x9c\xac\xe6\x9c\x9f\n1,2\n", "CSV"),
        ("空.xlsx", b"", "空的"),
        ("图片.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0", "不是 Excel 工作簿"),
    ],
)
def test_files_that_are_not_xlsx_say_what_they_are(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    if content is None or name.startswith("加密"):
        _ole(path, content or b"")
    else:
        path.write_bytes(content)
    with pytest.raises(InputFileError, match=re.escape(message)) as exc:
        reader.load(path)
    assert exc.value.file == str(path)
    if message not in ("空的",):
        assert "xlsx" in exc.value.message


def test_renamed_word_document_is_named(tmp_path: Path) -> None:
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputFileError, match="Word 文档"):
        reader.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="不存在"):
        reader.load(tmp_path / "无.xlsx")
