"""The annotated copy: fills and comments on the named cells, the input untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from drafter.errors import InputFileError, OutputError
from drafter.model.findings import CellRef, Finding, Severity
from drafter.workbook.annotate import AUTHOR, annotate

RED, YELLOW = "00FFC7CE", "00FFEB9C"


def small_workbook(tmp_path: Path, rows: dict[str, object], name: str = "数据.xlsx") -> Path:
    """A small workbook: {"E2": 2446, "E5": "=SUM(E3:E4)"} on sheet 指标, plus 基本信息."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    for coord, value in rows.items():
        ws[coord] = value
    ws["E3"].comment = Comment("原来的批注", "张三")
    ws.merge_cells("G2:H3")
    wb.create_sheet("基本信息")["B3"] = "镜湖区司法局"
    path = tmp_path / name
    wb.save(path)
    return path


def f(code: str, severity: Severity, message: str, *cells: str) -> Finding:
    refs = tuple(CellRef(*c.split("!")) for c in cells)
    return Finding(code, severity, message, refs)


ROWS = {"E2": 2446, "E3": 1689, "E4": 65, "E5": "=SUM(E3:E4)", "E6": 520, "E7": None}
FINDINGS = [
    f("sum-mismatch", Severity.ERROR, "服务 2446 ≠ 1689 + 65", "指标!E2", "指标!E3", "指标!E4"),
    f("yoy-swing", Severity.WARNING, "同比增长 120.3%", "指标!E6", "指标!F6"),
    f("rate-computed", Severity.INFO, "调解率未填,算得 30.43%", "指标!E7", "指标!E8"),
    f("yoy-swing", Severity.WARNING, "服务同比增长", "指标!E2"),
    f("missing-required", Severity.ERROR, "基本信息“年度”未填写", "基本信息!A1"),
    f("out-of-range", Severity.ERROR, "合并单元格", "指标!H3"),
    f("unknown-indicator", Severity.ERROR, "规则引用了未知指标"),  # no cell: left out
    f("not-integer", Severity.ERROR, "没有这张表", "要点!B2"),
    f("not-integer", Severity.ERROR, "不是单元格", "指标!", "指标!E0"),
]


@pytest.fixture
def annotated(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    before = src.read_bytes()
    out = tmp_path / "数据-标注.xlsx"
    annotate(src, out, FINDINGS)
    assert src.read_bytes() == before  # the input is never modified
    return load_workbook(out)


def test_errors_are_red_warnings_yellow_notes_unfilled(annotated):
    ws = annotated["指标"]
    assert ws["E2"].fill.fgColor.rgb == RED  # an error and a warning: the worse wins
    assert ws["E3"].fill.fgColor.rgb == RED
    assert ws["E6"].fill.fgColor.rgb == YELLOW
    assert ws["F6"].fill.fgColor.rgb == YELLOW
    assert ws["E7"].fill.fill_type is None
    assert ws["E8"].fill.fill_type is None and ws["E8"].comment is None  # a note: first cell
    assert annotated["基本信息"]["A1"].fill.fgColor.rgb == RED


def test_findings_on_one_cell_share_one_comment_by_drafter(annotated):
    comment = annotated["指标"]["E2"].comment
    assert comment.author == AUTHOR
    assert comment.text.splitlines() == [
        "【错误】服务 2446 ≠ 1689 + 65（sum-mismatch）",
        "【警告】服务同比增长（yoy-swing）",
    ]
    assert annotated["指标"]["E7"].comment.text == "【提示】调解率未填，算得 30.43%（rate-computed）"


def test_an_existing_comment_is_kept_below_drafters(annotated):
    text = annotated["指标"]["E3"].comment.text
    assert text.startswith("【错误】服务 2446")
    assert text.endswith("原来的批注")


def test_formulas_and_values_survive(annotated):
    ws = annotated["指标"]
    assert ws["E5"].value == "=SUM(E3:E4)"
    assert ws["E2"].value == 2446
    assert annotated["基本信息"]["B3"].value == "镜湖区司法局"


def test_a_merged_cell_is_annotated_on_its_top_left_cell(annotated):
    assert annotated["指标"]["G2"].fill.fgColor.rgb == RED
    assert "合并单元格" in annotated["指标"]["G2"].comment.text


def test_unknown_sheets_and_bad_cells_are_skipped(annotated):
    assert annotated.sheetnames == ["指标", "基本信息"]
    assert annotated["指标"]["A1"].comment is None


def test_annotating_an_annotated_copy_replaces_drafters_comments(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    first, second = tmp_path / "一.xlsx", tmp_path / "二.xlsx"
    annotate(src, first, FINDINGS)
    annotate(first, second, [f("yoy-swing", Severity.WARNING, "新的提示", "指标!E2")])
    assert load_workbook(second)["指标"]["E2"].comment.text == "【警告】新的提示（yoy-swing）"


def test_refuses_to_write_over_the_input(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    before = src.read_bytes()
    (tmp_path / "子").mkdir()
    for out in (src, tmp_path / "子" / ".." / src.name, Path(os.path.relpath(src))):
        with pytest.raises(OutputError) as exc:
            annotate(src, out, FINDINGS)
        assert "不能覆盖原工作簿" in exc.value.message
    link = tmp_path / "链接.xlsx"
    link.symlink_to(src)
    with pytest.raises(OutputError):
        annotate(src, link, FINDINGS)
    assert src.read_bytes() == before


def test_writes_atomically_leaving_no_temporary_file(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    out = tmp_path / "标注.xlsx"
    out.write_bytes(b"old")  # an existing output is kept unless replacing is asked (--force)
    with pytest.raises(OutputError, match="--force"):
        annotate(src, out, FINDINGS)
    assert out.read_bytes() == b"old"
    annotate(src, out, FINDINGS, replace=True)  # then replaced in one step
    assert sorted(p.name for p in tmp_path.iterdir()) == ["数据.xlsx", "标注.xlsx"]
    assert load_workbook(out)["指标"]["E2"].comment is not None


def test_output_folder_must_exist(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    with pytest.raises(OutputError):
        annotate(src, tmp_path / "没有" / "标注.xlsx", FINDINGS)


def test_input_that_is_not_a_workbook(tmp_path):
    src = tmp_path / "数据.xlsx"
    src.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(InputFileError):
        annotate(src, tmp_path / "标注.xlsx", FINDINGS)
    with pytest.raises(InputFileError):
        annotate(tmp_path / "不存在.xlsx", tmp_path / "标注.xlsx", FINDINGS)


def test_a_finding_naming_a_range_is_annotated_on_its_first_cell(tmp_path):
    src = small_workbook(tmp_path, ROWS)
    out = tmp_path / "标注.xlsx"
    annotate(src, out, [f("merged-cells", Severity.WARNING, "合并单元格 E3:E4 盖住了数据", "指标!E3:E4")])
    assert "E3:E4" in load_workbook(out)["指标"]["E3"].comment.text
