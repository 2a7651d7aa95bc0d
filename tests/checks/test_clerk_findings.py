"""What a clerk types and what check says about it (issue 20): a count with another unit, two
qualifiers on one number (in a 指标 cell and in narrative alike), a 导语 written 无, the parts a
法治政府建设年度报告 must have, a catalog row's 类型 changed, a rollup of many districts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.pipeline import check_workbook, render_document
from drafter.workbook import layout
from tests.conftest import (
    FACTS_000,
    SAMPLES,
    add_outline_rows,
    figure_cell,
    header_column,
    make_workbook,
)

FIGURES = {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963, "安置帮教.接收人员": 122}
LAW = "法治政府建设年度报告"


def _codes(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in check_workbook(path).report.findings:
        out.setdefault(f.code, []).append(f)
    return out


def _text(path: Path, draft: bool = False) -> str:
    return "\n".join(render_document(check_workbook(path), draft=draft).paragraphs_text())


# ---------------------------------------------------------------- units


def test_a_count_with_a_unit_of_the_same_meaning_is_read_and_phrased_with_the_rows(
        tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "安置帮教.接收人员": "122人",
                                    "法律援助.受理案件": "236宗"})
    found = _codes(path)
    assert not {"not-a-number", "unit-mismatch", "missing-required"} & set(found)
    data = check_workbook(path).data
    assert data.figures["安置帮教.接收人员"].value == Decimal(122)
    assert data.figures["法律援助.受理案件"].value == Decimal(236)


def test_another_unit_is_one_finding_not_also_unfilled(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "人民调解.排查纠纷": "1963人次"})
    found = _codes(path)
    cell = f"指标!{figure_cell(path, '人民调解.排查纠纷')}"
    (mismatch,) = found["unit-mismatch"]
    assert str(mismatch.cells[0]) == cell and mismatch.severity.value == "错误"
    assert "“人次”" in mismatch.message and "“件”" in mismatch.message and "1963" in mismatch.message
    # the required figure (and a 大纲 sentence referencing it) is not also said to be unfilled
    assert not any(cell in map(str, f.cells) for f in found.get("missing-required", []))
    assert "not-a-number" not in found


def test_a_number_that_is_not_one_is_not_also_unfilled(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "法律援助.受理案件": "二百三十六"})
    found = _codes(path)
    cell = f"指标!{figure_cell(path, '法律援助.受理案件')}"
    assert [str(f.cells[0]) for f in found["not-a-number"]] == [cell]
    assert not any(cell in map(str, f.cells) for f in found.get("missing-required", []))


# ---------------------------------------------------------------- qualifiers


def test_a_cell_with_two_agreeing_qualifiers_warns(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {**FIGURES, "普法.法律进活动": "约130余"})
    add_outline_rows(path, [("段落", "", "开展普法活动【普法.法律进活动】。")])
    (warning,) = _codes(path)["qualifiers-merged"]
    assert warning.severity.value == "警告"
    assert "130余" in warning.message and str(warning.cells[0]).startswith("指标!")
    assert "开展普法活动130余场次。" in _text(path)


def test_narrative_is_held_to_the_same_rule_as_a_cell(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES)
    (row,) = add_outline_rows(path, [("段落", "", "全年受教育群众近3万余人次，开展活动约30余场。")])
    found = _codes(path)
    (opposite,) = found["stacked-qualifiers"]
    assert opposite.severity.value == "错误" and str(opposite.cells[0]) == f"大纲!C{row}"
    assert "近3万" in opposite.message and "3万余" in opposite.message
    (agreeing,) = found["qualifiers-merged"]
    assert agreeing.severity.value == "警告" and "30余" in agreeing.message


# ---------------------------------------------------------------- 导语


@pytest.mark.parametrize(("kind", "facts", "after"), [
    ("半年工作总结", FACTS_000, "现将上半年工作开展情况总结如下："),
    ("年度工作总结", {"单位名称": "金华市司法局", "年度": "2022"}, "现将2022年工作情况和2023年工作思路报告如下："),
    (LAW, {"单位名称": "邵阳市司法局", "年度": "2024"}, "现将我局2024年度法治政府建设情况报告如下："),
])
@pytest.mark.parametrize("written", ["无", "（无）", "略"])
def test_a_preamble_written_none_is_left_out(tmp_path: Path, kind, facts, after, written) -> None:
    blank_path = make_workbook(tmp_path, FIGURES, kind=kind, facts=facts, name="默认.xlsx")
    default = _text(blank_path, draft=True)
    path = make_workbook(tmp_path, FIGURES, kind=kind, facts={**facts, "导语": written})
    text = _text(path, draft=True)
    lines = text.splitlines()
    assert after in default and after in text
    assert not any(line.startswith(written) for line in lines), lines[:4]
    assert f"{written}{after}" not in text and f"\n{written}\n" not in f"\n{text}\n"
    assert len(lines) == len(default.splitlines()) - (1 if kind == LAW else 0)
    (note,) = _codes(path)["preamble-left-out"]
    assert note.severity.value == "提示" and str(note.cells[0]).startswith("基本信息!")


def test_an_opening_paragraph_written_none_leaves_the_preamble_out(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES)
    wb = load_workbook(path)
    ws = wb[layout.OUTLINE]
    ws.insert_rows(2)
    ws.cell(row=2, column=header_column(ws, "层级"), value="段落")
    ws.cell(row=2, column=header_column(ws, "内容"), value="无")
    wb.save(path)
    text = _text(path, draft=True)
    assert "2024年以来" not in text and "\n无\n" not in f"\n{text}\n"
    assert "现将上半年工作开展情况总结如下：" in text
    assert "preamble-left-out" in _codes(path)


# ---------------------------------------------------------------- the law report's parts


def _law(tmp_path: Path, year: str = "2024") -> Path:
    """A 法治政府建设年度报告 workbook whose first part says something (one figure its
    default sentences use): a part with nothing under it is missing from the report."""
    return make_workbook(tmp_path, {"党建.中心组学习": 12, "党建.集中学习": 15}, kind=LAW,
                         facts={"单位名称": "邵阳市司法局", "年度": year})


def _drop_heading(path: Path, words: str) -> None:
    wb = load_workbook(path)
    ws = wb[layout.OUTLINE]
    title = header_column(ws, "标题")
    (row,) = [r for r in range(2, ws.max_row + 1)
              if ws.cell(row=r, column=1).value == "一级标题"
              and words in (ws.cell(row=r, column=title).value or "")]
    ws.delete_rows(row)
    wb.save(path)


def test_the_law_reports_five_parts_are_each_looked_for(tmp_path: Path) -> None:
    path = _law(tmp_path)
    assert "required-part-missing" not in _codes(path)
    _drop_heading(path, "第一责任人")
    (found,) = _codes(path)["required-part-missing"]
    assert found.severity.value == "警告" and found.cells[0].sheet == "大纲"
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in found.message
    assert "督察工作规定" in found.message
    _drop_heading(path, "其他")
    assert len(_codes(path)["required-part-missing"]) == 2


def test_a_part_reworded_still_counts_and_a_report_before_2019_is_not_held(tmp_path) -> None:
    (path,) = SAMPLES.glob("004_*.xlsx")  # reports on 2017
    assert "required-part-missing" not in _codes(path)
    (path,) = SAMPLES.glob("001_*.xlsx")  # words two parts its own way (问题, 打算) …
    (found,) = _codes(path)["required-part-missing"]  # … and, as its source, writes no 其他
    assert [str(c) for c in found.cells] == ["大纲!B48"] and "“其他需要报告的情况”" in found.message
    old = _law(tmp_path, "2018")
    _drop_heading(old, "第一责任人")
    assert "required-part-missing" not in _codes(old)


def test_a_part_whose_heading_has_nothing_under_it_is_missing_from_the_report(
        tmp_path: Path) -> None:
    """The report leaves out a heading with nothing under it: a required part so emptied is
    told as missing, at its heading (a warning), not only as a heading left out (a note)."""
    path = _law(tmp_path)
    wb = load_workbook(path)
    ws = wb[layout.OUTLINE]
    title = header_column(ws, "标题")
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value]
    start = next(r for r in rows if "第一责任人" in (ws.cell(row=r, column=title).value or ""))
    end = next(r for r in rows if r > start and ws.cell(row=r, column=1).value == "一级标题")
    ws.delete_rows(start + 1, end - start - 1)  # the points under it
    wb.save(path)
    found = _codes(path)
    (missing,) = found["required-part-missing"]
    assert str(missing.cells[0]) == f"大纲!{ws.cell(row=start, column=title).coordinate}"
    assert "下没有内容" in missing.message and "报告中略去了这一部分" in missing.message
    assert "督察工作规定" in missing.message
    assert not [f for code in ("heading-left-out", "empty-section") for f in found.get(code, [])
                if f.cells == missing.cells]  # told once
    assert "第一责任人职责情况" not in _text(path)


# ---------------------------------------------------------------- the catalog's 类型


def test_a_catalog_rows_type_changed_is_a_warning_and_ignored(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, FIGURES)
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    cell = figure_cell(wb, "法律援助.受理案件", "类型")
    assert ws[cell].value == "计数"
    ws[cell].value = "比率"
    wb.save(path)
    (found,) = _codes(path)["catalog-kind-ignored"]
    assert str(found.cells[0]) == f"指标!{cell}" and found.severity.value == "警告"
    assert check_workbook(path).data.figures["法律援助.受理案件"].kind == "count"


def test_the_catalog_kind_as_init_wrote_it_declares_no_own_indicator(tmp_path: Path) -> None:
    """A row of another catalog (an office's, read without --office) stays unknown though its
    类型 shows 计数; the same row typed by a clerk in a spare row is the clerk's own."""
    path = make_workbook(tmp_path, FIGURES)
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    ws.protection.sheet = False
    row = int(figure_cell(wb, "法律援助.受理案件")[1:])
    ws.cell(row=row, column=1, value="外单位.新指标")  # as if another catalog's row
    wb.save(path)
    found = _codes(path)
    assert "unknown-row" in found and "外单位.新指标" in found["unknown-row"][0].message
