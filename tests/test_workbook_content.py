"""A report no pack was shaped for, made from the workbook alone (issue: outline, narrative with
live figures, the clerk's own indicators and rules — no template code).

The workbook is built in code the way a clerk fills it: the 大纲 sheet replaced by the
bureau's own outline, two indicators added at the bottom of 指标 with their 类型, two rules
written on 规则 in plain terms.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from drafter.config import packs
from drafter.model.document import Document, Heading, Paragraph
from drafter.model.figures import OutlineRow
from drafter.model.levels import Level
from drafter.model.source import parse_source
from drafter.pipeline import check_workbook, render_document
from drafter.workbook import blank, layout
from tests.conftest import FACTS_000

KIND = "半年工作总结"

OUTLINE = [
    OutlineRow(1, "聚焦主责主业，司法行政工作稳中有进"),
    OutlineRow(2, "法律援助惠民生", "全年共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】"),
    OutlineRow(Level.POINT, "便民网点更密", "新设法律援助工作站【法律援助.工作站】；"),
    OutlineRow(Level.POINT, "专职队伍更强", "配备专职法律援助律师【法援律师】。"),
    OutlineRow(2, "人民调解保平安", "排查矛盾纠纷【人民调解.排查纠纷】"),
    OutlineRow(Level.POINT, "调解组织全覆盖", "调解成功率【调解成功率】，成功调解【成功调解】。"),
    OutlineRow(2, "社区矫正守底线", "在册社区矫正对象保持稳定。"),
    OutlineRow(2, "普法宣传入人心", "开展普法活动【普法.法律进活动】。"),
    OutlineRow(Level.PARAGRAPH, body="下一步，我们将继续做好各项工作。"),
]


def _own_workbook(folder: Path, *, figures: dict[str, object] | None = None,
                  own_value: object = 12, success: object = 1500,
                  rate: object = "93.75%") -> Path:
    pack = packs.load(KIND)
    wb = blank.make_blank(pack.catalog, KIND, pack.info.name, outline=(OUTLINE, []))
    blank.fill(wb, FACTS_000, figures if figures is not None else {
        "法律援助.受理案件": 236, "法律援助.工作站": 7, "人民调解.排查纠纷": 1600,
        "普法.法律进活动": "130余"}, {"法律援助.受理案件": 200})
    facts = wb[layout.FACTS]
    facts.append(["接排层级", "二级"])
    ws = wb[layout.FIGURES]
    head = [c.value for c in ws[1]]
    row = blank.last_filled(ws) + 1
    for n, (ind_id, name, unit, kind, value) in enumerate((
            ("法援律师", "专职法律援助律师", "名", "计数", own_value),
            ("成功调解", "调解成功", "件", "计数", success),
            ("调解成功率", "调解成功率", "%", "比率", rate))):
        for header, typed in (("编号", ind_id), ("板块", "本局"), ("指标", name),
                              ("单位", unit), ("类型", kind), ("本期", value)):
            ws.cell(row=row + n, column=head.index(header) + 1, value=typed)
    rules = wb[layout.RULES]  # below the example rows drafter init writes
    for r, rule in enumerate((["比率", "调解成功率", "调解成功／人民调解.排查纠纷", 2],
                              ["包含", "人民调解.排查纠纷", "成功调解"]),
                             start=blank.last_filled(rules) + 1):
        for c, typed in enumerate(rule, start=1):
            rules.cell(row=r, column=c, value=typed)
    out = folder / "本局数据.xlsx"
    blank.save(wb, out)
    return out


def _text(doc: Document) -> str:
    """The body as lines: headings on their own line, paragraphs (run-in headings and
    point leads included) one line each."""
    return "\n".join(b.text for b in doc.blocks if isinstance(b, Heading | Paragraph))


def test_a_report_shaped_by_its_workbook_alone_renders(tmp_path: Path) -> None:
    result = check_workbook(_own_workbook(tmp_path))
    assert not result.report.errors, [f.message for f in result.report.errors]
    text = _text(render_document(result))
    # one 一、 heading, four （一） under it, numbered by the program
    assert "一、聚焦主责主业，司法行政工作稳中有进" in text
    for n, title in enumerate(("法律援助惠民生", "人民调解保平安", "社区矫正守底线", "普法宣传入人心")):
        assert f"（{'一二三四'[n]}）{title}" in text
    assert "二、" not in text
    # run-in second level (基本信息 接排层级 = 二级): heading and paragraph in one line
    assert "（一）法律援助惠民生。全年共受理法律援助案件236件，同比增长18.0%。" in text
    # the clause ending in ； joins the next point as written, no 。 supplied
    assert "（一）法律援助惠民生。全年共受理法律援助案件236件，同比增长18.0%。一是便民网点更密。新设法律援助工作站7个；二是专职队伍更强。配备专职法律援助律师12名。" in text
    # own indicators, by name and by id, phrased with their units
    assert "调解成功率93.75%，成功调解1500件。" in text
    assert "开展普法活动130余场次。" in text
    assert "下一步，我们将继续做好各项工作。" in text


def test_own_rules_are_checked_like_the_packs_and_point_at_the_cell(tmp_path: Path) -> None:
    result = check_workbook(_own_workbook(tmp_path, rate="90%"))
    bad = [f for f in result.report.errors if f.code == "rate-mismatch"]
    assert bad and "调解成功率" in bad[0].message, [f.message for f in result.report.findings]
    assert any(c.sheet == "指标" and c.cell.startswith("F") for f in bad for c in f.cells)
    result = check_workbook(_own_workbook(tmp_path, success=2000, rate="125%"))
    (over,) = [f for f in result.report.errors if f.code == "subset-exceeded"]
    assert "调解成功 2000" in over.message and all(c.sheet == "指标" for c in over.cells)


def test_a_broken_own_figure_points_check_at_its_cell(tmp_path: Path) -> None:
    result = check_workbook(_own_workbook(tmp_path, own_value="十二"))
    (found,) = [f for f in result.report.errors if f.code == "not-a-number"]
    assert found.cells[0].sheet == "指标" and found.cells[0].cell.startswith("F")
    assert "专职法律援助律师" in found.message


def test_a_typed_number_contradicting_an_indicator_names_both_cells(tmp_path: Path) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.OUTLINE]
    ws.cell(row=8, column=3, value="全区设立法律援助工作站4个，覆盖全部街道。")
    wb.save(path)
    result = check_workbook(path)
    (found,) = [f for f in result.report.errors if f.code == "typed-number-mismatch"]
    shown = {f"{c.sheet}!{c.cell}" for c in found.cells}
    assert "大纲!C8" in shown and any(s.startswith("指标!F") for s in shown)


def test_an_unknown_reference_names_the_cell_and_the_closest_ids(tmp_path: Path) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[layout.OUTLINE].cell(row=3, column=3, value="全年受理【法律援助.受里案件】。")
    wb.save(path)
    (found,) = [f for f in check_workbook(path).report.errors if f.code == "unknown-reference"]
    assert found.cells[0].sheet == "大纲" and found.cells[0].cell == "C3"
    assert "法律援助.受理案件" in found.message


@pytest.mark.parametrize(("typed", "code"), [
    ("小标题", "bad-outline-level"),
    ("五级标题", "bad-outline-level"),
])
def test_a_level_that_cannot_be_read_is_an_error_at_its_cell(tmp_path: Path, typed: str,
                                                             code: str) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[layout.OUTLINE].cell(row=6, column=1, value=typed)
    wb.save(path)
    result = check_workbook(path)
    (found,) = [f for f in result.report.errors if f.code == code]
    assert (found.cells[0].sheet, found.cells[0].cell) == ("大纲", "A6")


def test_typed_heading_numbers_are_taken_off_and_said(tmp_path: Path) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[layout.OUTLINE].cell(row=2, column=2, value="一、聚焦主责主业，司法行政工作稳中有进")
    wb.save(path)
    result = check_workbook(path)
    assert any(f.code == "heading-number-removed" and f.cells[0].cell == "B2"
               for f in result.report.findings)
    assert "一、一、" not in _text(render_document(result))


def test_an_own_row_without_a_name_is_an_error_not_silently_dropped(tmp_path: Path) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.FIGURES]
    head = [c.value for c in ws[1]]
    row = blank.last_filled(ws) + 1
    ws.cell(row=row, column=head.index("编号") + 1, value="新指标")
    ws.cell(row=row, column=head.index("类型") + 1, value="计数")
    wb.save(path)
    found = [f for f in check_workbook(path).report.errors if f.code == "own-indicator-incomplete"]
    assert found and found[0].cells[0].cell == f"C{row}"


def test_a_bad_rule_row_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = _own_workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    for c, typed in enumerate(["合计", "人民调解.排查纠纷", "调解成攻＋其他"], start=1):
        wb[layout.RULES].cell(row=4, column=c, value=typed)
    wb.save(path)
    found = [f for f in check_workbook(path).report.errors if f.code == "bad-rule-row"]
    assert found and found[0].cells[0].sheet == "规则" and found[0].cells[0].cell == "C4"
    assert "调解成功" in found[0].message  # the closest name is offered


def test_init_can_leave_out_sections_and_check_no_longer_asks_for_them(tmp_path: Path) -> None:
    from drafter.pipeline import init_workbook

    out = tmp_path / "略去.xlsx"
    init_workbook(KIND, out, omit=("安置帮教、人民调解",))
    wb = openpyxl.load_workbook(out)
    ids = {str(r[0].value) for r in wb[layout.FIGURES].iter_rows(min_row=2) if r[0].value}
    assert not any(i.startswith(("安置帮教.", "人民调解.")) for i in ids)
    assert any(i.startswith("法律援助.") for i in ids)
    facts = {r[0].value: r[1].value for r in wb[layout.FACTS].iter_rows(min_row=2)}
    assert facts["略去的板块"] == "人民调解、安置帮教"
    for row in wb[layout.OUTLINE].iter_rows(min_row=2, max_col=3, values_only=True):
        assert "人民调解." not in str(row[2] or "") and "安置帮教." not in str(row[2] or "")
    result = check_workbook(out)
    assert not [f for f in result.report.findings if f.code == "row-missing"]
    assert not [f for f in result.report.findings if f.code == "catalog-changed"]
    assert not any(i.startswith("人民调解.") for f in result.report.findings for i in f.indicators)


def test_init_refuses_a_section_the_catalog_does_not_have(tmp_path: Path) -> None:
    from drafter.errors import DrafterError
    from drafter.pipeline import init_workbook

    with pytest.raises(DrafterError, match="不在“半年工作总结”的指标目录中"):
        init_workbook(KIND, tmp_path / "x.xlsx", omit=("仲裁院",))
    assert not (tmp_path / "x.xlsx").exists()



def test_the_page_preview_reads_the_workbooks_own_rules_and_indicators(tmp_path: Path) -> None:
    """The rate left blank is computed by the workbook's own rule (规则: 比率 调解成功率 =
    调解成功／排查纠纷): the page's preview shows the figure the report prints, and says how
    it was computed, naming the own indicator's cell, as `render --trace` does."""
    from drafter.publish.trace import notes
    from drafter.web.preview import lines

    result = check_workbook(_own_workbook(tmp_path, rate=None))
    assert not result.report.errors, [f.message for f in result.report.errors]
    doc = render_document(result)
    assert "调解成功率93.75%" in _text(doc)
    shown = {p.text: p.note for line in lines(doc, result) for p in line.parts if p.note}
    how = r"调解成功率（未填，由 指标!F\d+ 调解成功（本期） ÷ 指标!F\d+ 排查矛盾纠纷（本期） 算出）"
    assert re.fullmatch(how + "：数据表中为 93.75", shown["93.75%"]), shown["93.75%"]
    assert re.fullmatch(r"指标!F\d+ 调解成功（本期）：数据表中为 1500件", shown["1500件"])
    # the Word comment of `render --trace` says the same (a 规则 row's denominator is a list)
    assert re.fullmatch(how, notes(doc, result.computed, result.catalog)[parse_source("本局.调解成功率")])
