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
from drafter.model import levels as outline_levels
from drafter.model.findings import column_letter
from drafter.workbook import layout, reader
from tests.conftest import figure_cell, header_column, make_old_workbook, make_workbook

PACK = packs.load("半年工作总结")


def _read(path: Path):
    return reader.read(path, PACK.catalog)


def _keys(data) -> list[tuple[str, str, str]]:
    return [f.key() for f in data.findings]


# ---------------------------------------------------------------- the blank workbook


def test_blank_workbook_has_the_agreed_sheets_and_headers(workbook) -> None:
    wb = load_workbook(workbook(facts={}))
    assert wb.sheetnames == [layout.GUIDE, layout.FACTS, layout.OUTLINE, layout.FIGURES,
                             layout.RULES]
    ws = wb[layout.FIGURES]
    headers = [c.value for c in ws[1]]
    assert tuple(headers) == layout.FIGURE_HEADERS
    assert headers.index("类型") == headers.index("单位") + 1  # 类型 right after 单位
    assert ws.freeze_panes == "D2"
    assert ws.protection.sheet is True
    first = ws.cell(row=2, column=1)
    assert first.value == "党建.集中学习"
    assert first.protection.locked is True  # ids protected
    assert ws.cell(row=2, column=header_column(ws, "类型")).protection.locked is True
    assert ws.cell(row=2, column=header_column(ws, "本期")).protection.locked is False  # editable
    assert ws.column_dimensions["C"].width >= 20
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    outline, rules = wb[layout.OUTLINE], wb[layout.RULES]
    assert tuple(c.value for c in outline[1]) == layout.OUTLINE_HEADERS
    assert tuple(c.value for c in rules[1]) == layout.RULE_HEADERS
    # a clerk inserts and moves rows on 大纲 and 规则 freely: neither is protected
    assert outline.protection.sheet is False and rules.protection.sheet is False


def test_blank_workbook_validates_counts_and_rates_with_warnings(workbook) -> None:
    ws = load_workbook(workbook(facts={}))[layout.FIGURES]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    now = column_letter(header_column(ws, "本期"))
    before = column_letter(header_column(ws, "上年同期"))
    note = column_letter(header_column(ws, "说明"))
    rules = ws.data_validations.dataValidation
    by_kind = {(dv.type, dv.operator): dv for dv in rules}
    counts = by_kind[("decimal", "greaterThanOrEqual")]
    rates = by_kind[("decimal", "between")]
    assert counts.errorStyle == rates.errorStyle == "warning"  # 130余 can still be typed
    count_row, rate_row = rows["法律援助.受理案件"], rows["复议应诉.调解率"]
    assert f"{now}{count_row}" in counts.sqref and f"{before}{count_row}" in counts.sqref
    assert f"{now}{rate_row}" in rates.sqref and f"{now}{rate_row}" not in counts.sqref
    assert f"{now}{count_row}" not in rates.sqref and f"{note}{count_row}" not in counts.sqref
    assert f"E{count_row}" not in counts.sqref  # 类型 is text, never a number check
    assert len(counts.sqref.ranges) < len(rows) / 2  # runs of rows, one range each
    assert ws[f"{now}{rate_row}"].number_format == "0.00%"


def test_blank_workbook_records_its_kind_and_lists_point_slots(tmp_path: Path) -> None:
    """The kind on 基本信息; the pack's default body rows on 大纲 (as `drafter init` writes
    outline.toml), with the 层级 dropdown offering every level."""
    from drafter.model.figures import OutlineRow
    from drafter.model.levels import Level
    from drafter.workbook import blank

    defaults = [OutlineRow(1, "坚持党建引领"), OutlineRow(2, "法律援助", "工作有序开展。"),
                OutlineRow(Level.POINT, "法律援助更加便民", "共受理【法律援助.受理案件】。"),
                OutlineRow(Level.PARAGRAPH, "", "全年……")]
    path = tmp_path / "数据.xlsx"
    blank.save(blank.make_blank(PACK.catalog, "半年工作总结", PACK.info.name,
                                outline=(defaults, ["", "", "写一件便民举措", ""])), path)
    wb = load_workbook(path)
    facts = wb[layout.FACTS]
    assert (facts["A2"].value, facts["B2"].value) == (layout.KIND_FACT, "半年工作总结")
    keys = [facts.cell(row=r, column=1).value for r in range(2, facts.max_row + 1)]
    assert "单位名称" in keys and "成文日期" in keys
    assert not [k for k in keys if k.startswith("标题:")]  # headings are 大纲 rows now
    outline = wb[layout.OUTLINE]
    assert [c.value for c in outline[1]] == list(layout.OUTLINE_HEADERS)
    assert [[c.value for c in row] for row in outline.iter_rows(min_row=2, max_row=5)] == [
        ["一级标题", "坚持党建引领", None, None],
        ["二级标题", "法律援助", "工作有序开展。", None],
        ["要点", "法律援助更加便民", "共受理【法律援助.受理案件】。", "写一件便民举措"],
        ["段落", None, "全年……", None],
    ]
    (levels,) = outline.data_validations.dataValidation
    assert levels.type == "list" and "A2" in levels.sqref and "A200" in levels.sqref
    assert levels.formula1 == '"' + ",".join(outline_levels.NAMES) + '"'
    data = _read(path)
    assert [(r.level, r.title, r.body) for r in data.outline] == [
        (r.level, r.title, r.body) for r in defaults]


# ---------------------------------------------------------------- reading


def test_sample_reads_without_errors() -> None:
    from tests.conftest import SAMPLE_000

    data = _read(SAMPLE_000)
    assert data.kind == "半年工作总结"
    assert data.facts["单位名称"] == "镜湖区司法局"
    fig = data.figures["法律援助.受理案件"]
    assert (fig.value, fig.cell and str(fig.cell)) == (
        Decimal(236), f"指标!{figure_cell(SAMPLE_000, '法律援助.受理案件')}")
    assert data.figures["复议应诉.调解率"].value == Decimal("30.43")
    assert not [f for f in data.findings if f.severity.value == "错误"]
    assert data.has_outline and len(data.outline) >= 15  # the report body as 大纲 rows


def test_normalizations_are_notes_naming_the_cell(workbook) -> None:
    path = workbook({"法律援助.受理案件": "２３６", "普法.法律进活动": "约130余"})
    data = _read(path)
    assert ("value-normalized", "指标", figure_cell(path, "法律援助.受理案件")) in _keys(data)
    # two qualifiers, read as one: a warning the clerk sees, not a note under -v
    assert ("qualifiers-merged", "指标", figure_cell(path, "普法.法律进活动")) in _keys(data)
    assert data.figures["普法.法律进活动"].qualifier == "余"


def test_text_in_a_number_cell_is_an_error_naming_the_cell(workbook) -> None:
    path = workbook({"法律援助.受理案件": "二百多"})
    data = _read(path)
    assert ("not-a-number", "指标", figure_cell(path, "法律援助.受理案件")) in _keys(data)
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
    total = figure_cell(wb, "人民调解.家事类")
    first, last = figure_cell(wb, "人民调解.乡村振兴类"), figure_cell(wb, "人民调解.化解纠纷")
    ws[total] = f"=SUM({first}:{last})"  # openpyxl writes no cached value: never opened in Excel
    wb.save(path)
    data = _read(path)
    assert ("formula-no-value", "指标", total) in _keys(data)
    assert "SUM" in next(f for f in data.findings if f.code == "formula-no-value").message


def test_unknown_and_duplicate_rows(workbook) -> None:
    path = workbook({"法律援助.受理案件": 236})
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    ws.protection.sheet = False
    last = ws.max_row
    ws.cell(row=last + 1, column=1, value="法律援助.新指标")
    ws.cell(row=last + 2, column=1, value="法律援助.受理案件")
    ws.cell(row=last + 2, column=header_column(ws, "本期"), value=999)
    wb.save(path)
    data = _read(path)
    assert ("unknown-row", "指标", f"A{last + 1}") in _keys(data)
    assert ("duplicate-row", "指标", f"A{last + 2}") in _keys(data)
    assert data.figures["法律援助.受理案件"].value == 236  # the first row wins


def test_missing_points_sheet_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    """A workbook without 大纲 (made before it existed, or the sheet deleted) is no failure:
    the body is the pack's default outline, and the warning says so (CONTRACT: outline-missing).
    Without 要点 either, the old reader's missing-sheet warning still names it."""
    from drafter.pipeline import check_workbook

    office = tmp_path / "单位"
    office.mkdir()
    (office / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    (office / "outline.toml").write_text(
        '[[outline]]\nlevel = "一级标题"\ntext = "默认标题"\n', encoding="utf-8")
    path = make_old_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 10})
    wb = load_workbook(path)
    del wb[layout.POINTS]
    wb.save(path)
    data = _read(path)
    assert not data.has_outline and data.outline == [] and data.points == []
    assert ("missing-sheet", "要点", "") in _keys(data)
    assert data.figures["法律援助.受理案件"].value == 236
    result = check_workbook(path, office=office)
    (missing,) = [f for f in result.report.findings if f.code == "outline-missing"]
    assert missing.severity.value == "警告" and "默认大纲" in missing.message
    assert [(r.level, r.title) for r in result.data.outline] == [(1, "默认标题")]
    assert not result.report.errors


def test_a_new_workbook_without_its_outline_is_told_once(tmp_path: Path) -> None:
    """大纲 deleted from a workbook drafter init made (it never had 要点): one warning,
    outline-missing, not also one about a 要点 sheet the clerk never saw."""
    from drafter.pipeline import check_workbook

    path = make_workbook(tmp_path, {"法律援助.受理案件": 236})
    wb = load_workbook(path)
    del wb[layout.OUTLINE]
    wb.save(path)
    codes = [f.code for f in check_workbook(path).report.findings]
    assert "outline-missing" in codes and "missing-sheet" not in codes


def test_an_old_workbook_still_reads_its_points(tmp_path: Path) -> None:
    """Old workbooks (要点 sheet, 指标 without 类型) are still read: figures by header name
    (本期 in E), points with their cells; the outline-missing warning says they are not
    written into the report."""
    from drafter.pipeline import check_workbook

    path = make_old_workbook(tmp_path, {"法律援助.受理案件": 236}, points={
        "法治建设.法治督察": ("督察整改闭环落实", "完成督察整改。"),
        "法律援助:新增": ("民生实事", "共受理【法律援助.受理案件】。")})
    assert load_workbook(path)[layout.FIGURES]["E1"].value == "本期"
    data = _read(path)
    assert not data.has_outline and data.outline == []
    fig = data.figures["法律援助.受理案件"]
    assert (fig.value, str(fig.cell)) == (236, f"指标!{figure_cell(path, '法律援助.受理案件')}")
    assert figure_cell(path, "法律援助.受理案件").startswith("E")
    points = {p.lead: p for p in data.points}
    assert points["督察整改闭环落实"].body == "完成督察整改。"
    assert points["督察整改闭环落实"].slot == "法治建设.法治督察"
    new = points["民生实事"]
    assert new.section == "法律援助" and new.body == "共受理【法律援助.受理案件】。"
    assert new.cell is not None and new.cell.sheet == layout.POINTS and new.cell.cell[0] == "D"
    assert not [f for f in data.findings if f.severity.value == "错误"]
    office = tmp_path / "单位"
    office.mkdir()
    (office / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    (office / "outline.toml").write_text(
        '[[outline]]\nlevel = "一级标题"\ntext = "默认标题"\n', encoding="utf-8")
    found = [f for f in check_workbook(path, office=office).report.findings
             if f.code == "outline-missing"]
    assert found and "“要点”表中的要点不会写进报告" in found[0].message


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
