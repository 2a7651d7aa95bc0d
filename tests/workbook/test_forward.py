"""`drafter init --from`: last year's workbook rolled forward to the next period."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter import yearly
from drafter.commands.init import forward_lines
from drafter.errors import InputFileError, OutputError, WorkbookLayoutError
from drafter.pipeline import check_workbook, render_document
from drafter.workbook import blank, forward, layout, origin, reader
from tests.conftest import make_workbook
from tests.security.xlsx_parts import part_of, sheet_part, with_parts
from tests.workbook.yearly_helpers import cell_of, digest, with_sheets

FIGURES = {"法律援助.受理案件": 236, "法律援助.咨询接待": "130余", "复议应诉.调解率": 0.3043,
           "普法.受教育人次": "1.42万"}
PREVIOUS = {"法律援助.受理案件": 200, "人民调解.排查纠纷": 77}
FACTS = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年",
         "成文日期": "2024年7月10日", "发文字号": "镜司〔2024〕12号", "印发日期": "2024-07-12",
         "署名": "镜湖区司法局", "主送机关": "区委、区政府"}
BODY = "共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】。"
OUTLINE = [("一级标题", "坚持党建引领", ""), ("段落", "", BODY),
           ("要点", "做实民生实事", "解答咨询【法律援助.咨询接待】人次。")]


@pytest.fixture
def last_year(tmp_path: Path) -> Path:
    path = make_workbook(tmp_path, FIGURES, previous=PREVIOUS, facts=FACTS, name="去年数据.xlsx",
                         points={"法律援助:新增": ("民生实事", BODY)})
    return with_sheets(path, outline=OUTLINE,
                       rules=[("合计", "法律援助.受理案件", "法律援助.咨询接待")])


def _roll(src: Path, **kw) -> tuple[forward.Forwarded, Path]:
    out = src.with_name("今年数据.xlsx")
    return yearly.roll_forward(src, out, **kw), out


def _cell(path: Path, sheet: str, ref: str):
    return load_workbook(path)[sheet][ref]


def test_each_figure_moves_to_previous_as_typed_and_current_is_left_blank(last_year: Path) -> None:
    done, out = _roll(last_year)
    ws = load_workbook(out)[layout.FIGURES]
    for ind_id, typed in FIGURES.items():
        cur, prev = cell_of(last_year, ind_id), cell_of(last_year, ind_id, "上年同期")
        assert ws[cur].value is None, ind_id
        assert ws[prev].value == typed and type(ws[prev].value) is type(typed), ind_id
    rate = cell_of(last_year, "复议应诉.调解率", "上年同期")
    assert ws[rate].number_format == "0.00%"  # 0.3043 still means 30.43%
    text = ws[cell_of(last_year, "法律援助.咨询接待", "上年同期")]
    assert text.data_type == "s"  # “130余” stays text
    assert done.moved == len(FIGURES)
    # 上年同期 that held a value are overwritten (200 → 236) or emptied (77 → nothing): said so
    assert sorted(done.overwritten) == sorted(
        f"指标!{cell_of(last_year, i, '上年同期')}" for i in PREVIOUS)
    assert ws[cell_of(last_year, "人民调解.排查纠纷", "上年同期")].value is None
    data = check_workbook(out).data
    assert data.figures["法律援助.受理案件"].previous == 236
    assert data.figures["复议应诉.调解率"].previous == Decimal("30.43")
    assert all(f.value is None for f in data.figures.values())
    lines = "\n".join(forward_lines(done))
    assert f"{len(FIGURES)} 项去年的“本期”数移入“上年同期”" in lines
    assert "2 个“上年同期”单元格原来有数,已被去年的“本期”替换" in lines


def test_the_year_advances_and_facts_of_one_period_are_cleared(last_year: Path) -> None:
    done, out = _roll(last_year)
    facts = check_workbook(out).data.facts
    assert facts["年度"] == "2025" and done.year == ("2024", "2025")
    for key in forward.PER_PERIOD:
        assert key not in facts, key
    assert [k for k, _ in done.cleared] == ["成文日期", "发文字号", "印发日期"]
    for key in ("单位名称", "报告期间", "署名", "主送机关"):
        assert facts[key] == FACTS[key]
    lines = "\n".join(forward_lines(done))
    assert "年度 2024 → 2025" in lines and "发文字号(原为 镜司〔2024〕12号)" in lines


@pytest.mark.parametrize(("typed", "now"), [(2024, 2025), ("2024年", "2025年"), ("２０２４", "2025")])
def test_the_year_keeps_the_way_it_was_typed(tmp_path: Path, typed, now) -> None:
    src = make_workbook(tmp_path, {}, facts={"年度": typed}, name="去年.xlsx")
    done, out = _roll(src)
    cell = check_workbook(out).data.fact_cells["年度"].cell
    assert _cell(out, layout.FACTS, cell).value == now and done.year == ("2024", "2025")


def test_a_year_that_cannot_be_read_is_left_and_said(tmp_path: Path) -> None:
    src = make_workbook(tmp_path, {}, facts={"年度": "二〇二四"}, name="去年.xlsx")
    done, out = _roll(src)
    assert done.year is None and "不是四位数年份,未改动" in done.year_problem
    assert check_workbook(out).data.fact_cells["年度"]
    assert "不是四位数年份,未改动" in "\n".join(forward_lines(done))


def test_outline_rules_narrative_and_origin_carry_over_unchanged(last_year: Path) -> None:
    done, out = _roll(last_year)
    old, new = load_workbook(last_year), load_workbook(out)
    for name in ("大纲", "规则", layout.POINTS):  # 要点: workbooks made before 大纲
        if name not in old.sheetnames:
            continue
        assert [[c.value for c in row] for row in old[name].iter_rows()] == \
               [[c.value for c in row] for row in new[name].iter_rows()], name
    assert done.kept["大纲"] == len(OUTLINE) and done.kept["规则"] == 1
    was, now = reader.load(last_year), reader.load(out)
    assert check_workbook(out).data.origin == check_workbook(last_year).data.origin
    assert {origin.OFFICE_FACT, origin.FINGERPRINT_FACT} <= set(check_workbook(out).data.origin)
    assert list(was.sheets) == list(now.sheets)
    lines = "\n".join(forward_lines(done))
    assert "大纲 3 行" in lines and "规则 1 行" in lines


def test_the_rolled_workbook_renders_last_years_figures_as_previous(last_year: Path) -> None:
    _, out = _roll(last_year)
    wb = load_workbook(out)
    blank.fill(wb, {"成文日期": "2025年7月8日"}, {"法律援助.受理案件": 300})
    wb.save(out)
    result = check_workbook(out)
    text = "".join(render_document(result).paragraphs_text())
    # 300 against last year's 236: the 同比 reference in the narrative works
    assert "共受理法律援助案件300件，同比增长27.1%" in text
    assert "2025年上半年" in text and "2024年上半年" not in text


def test_the_source_is_untouched_byte_for_byte(last_year: Path) -> None:
    before = digest(last_year)
    _roll(last_year)
    assert digest(last_year) == before


def test_own_indicator_rows_roll_too_with_or_without_the_type_column(tmp_path: Path) -> None:
    for types in (False, True):
        src = make_workbook(tmp_path, {"法律援助.受理案件": 5}, name=f"去年{types}.xlsx")
        with_sheets(src, types=types,
                    own=[("调解.上门服务", "自定义", "上门服务", "次", "计数", 42)])
        out = tmp_path / f"今年{types}.xlsx"
        done = yearly.roll_forward(src, out)
        ws = load_workbook(out)[layout.FIGURES]
        heads = {str(c.value): c.column for c in ws[1] if c.value}
        assert ("类型" in heads) is types
        row = next(r for r in range(2, ws.max_row + 1)
                   if ws.cell(r, heads["编号"]).value == "调解.上门服务")
        assert ws.cell(row, heads["上年同期"]).value == 42
        assert ws.cell(row, heads["本期"]).value is None
        assert ws.cell(row, heads["指标"]).value == "上门服务"
        assert done.own_rows == 1 and done.moved == 2


def test_a_formula_gives_its_cached_value_with_a_note(tmp_path: Path) -> None:
    base = make_workbook(tmp_path, {}, name="基础.xlsx")
    cur, prev = cell_of(base, "法律援助.受理案件"), cell_of(base, "法律援助.受理案件", "上年同期")
    part = sheet_part(base, layout.FIGURES)
    xml = part_of(base, part).decode()
    xml = re.sub(rf'<c r="{cur}"[^>]*?(/>|>.*?</c>)',
                 f'<c r="{cur}"><f>SUM(A90:A91)</f><v>236</v></c>', xml, count=1)
    src = with_parts(base, tmp_path / "公式.xlsx", {part: xml})
    done, out = _roll(src)
    cell = _cell(out, layout.FIGURES, prev)
    assert cell.value == 236 and "SUM(A90:A91)" in cell.comment.text
    assert _cell(out, layout.FIGURES, cur).value is None
    [note] = done.formulas
    assert f"指标!{cur} 是公式 =SUM(A90:A91)" in note and "236" in note


def test_city_sheets_of_last_year_are_removed_and_said(tmp_path: Path) -> None:
    src = make_workbook(tmp_path, {}, name="全市.xlsx")
    wb = load_workbook(src)
    wb.create_sheet(layout.DISTRICTS)["A1"] = "编号"
    wb.save(src)
    done, out = _roll(src)
    assert layout.DISTRICTS not in load_workbook(out).sheetnames
    assert "drafter rollup" in "\n".join(forward_lines(done))


def test_kept_text_still_naming_last_year_is_pointed_at(last_year: Path) -> None:
    wb = load_workbook(last_year)
    wb["大纲"]["C2"] = "2024年是“八五”普法收官之年。"
    wb.save(last_year)
    done, _ = _roll(last_year)
    assert "大纲!C2" in done.mentions
    assert "仍写着“2024”" in "\n".join(forward_lines(done))


# ---------------------------------------------------------------- refusals


def test_an_existing_output_is_kept_unless_forced(last_year: Path) -> None:
    out = last_year.with_name("今年数据.xlsx")
    out.write_bytes(b"mine")
    with pytest.raises(OutputError, match="--force"):
        yearly.roll_forward(last_year, out)
    assert out.read_bytes() == b"mine"
    yearly.roll_forward(last_year, out, force=True)
    assert check_workbook(out).data.facts["年度"] == "2025"
    with pytest.raises(OutputError, match="不能是去年的数据表本身"):
        yearly.roll_forward(last_year, last_year, force=True)


def test_a_file_that_is_not_a_workbook_gets_the_readers_message(tmp_path: Path) -> None:
    csv = tmp_path / "去年.xlsx"
    csv.write_text("编号,本期\n", encoding="utf-8")
    with pytest.raises(InputFileError) as theirs:
        reader.load(csv)
    with pytest.raises(InputFileError) as ours:
        yearly.roll_forward(csv, tmp_path / "今年.xlsx")
    assert str(ours.value) == str(theirs.value) and "CSV" in str(ours.value)
    assert not (tmp_path / "今年.xlsx").exists()


def test_a_workbook_without_figures_gets_the_readers_message(tmp_path: Path) -> None:
    src = make_workbook(tmp_path, {}, name="去年.xlsx")
    wb = load_workbook(src)
    del wb[layout.FIGURES]
    wb.save(src)
    with pytest.raises(WorkbookLayoutError, match="工作簿中没有“指标”表"):
        yearly.roll_forward(src, tmp_path / "今年.xlsx")


def test_a_hostile_part_is_refused_before_openpyxl_opens_the_file(tmp_path: Path,
                                                                   monkeypatch) -> None:
    base = make_workbook(tmp_path, {}, name="基础.xlsx")
    guide = "xl/worksheets/sheet1.xml"  # 填写说明: a sheet the reader itself never needs
    xml = part_of(base, guide).decode()
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    decl, _, rest = xml.partition("?>") if xml.startswith("<?xml") else ("", "", xml)
    bad = with_parts(base, tmp_path / "实体.xlsx",
                     {guide: (decl + "?>" if decl else "") + doctype + rest})
    from drafter.workbook import edit

    def never(*_a, **_k):
        raise AssertionError("openpyxl opened a hostile file")

    monkeypatch.setattr(edit, "load_workbook", never)
    with pytest.raises(InputFileError, match="DTD"):
        yearly.roll_forward(bad, tmp_path / "今年.xlsx")


def test_an_xlsx_that_is_not_a_drafter_workbook_gets_checks_message(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from drafter.errors import DrafterError

    other = tmp_path / "别的表.xlsx"
    wb = Workbook()
    wb.active["A1"] = "姓名"
    wb.save(other)
    with pytest.raises(DrafterError) as theirs:
        check_workbook(other)
    with pytest.raises(DrafterError) as ours:
        yearly.roll_forward(other, tmp_path / "今年.xlsx")
    assert str(ours.value) == str(theirs.value)
    with pytest.raises(WorkbookLayoutError, match="工作簿中没有“指标”表"):
        yearly.roll_forward(other, tmp_path / "今年.xlsx", kind="半年工作总结")


def test_the_columns_moved_are_the_layouts() -> None:
    assert {"编号", "本期", "上年同期"} <= set(layout.FIGURE_HEADERS)
    assert set(layout.FIGURE_REQUIRED) <= {"编号", "本期"}


def test_a_merged_cell_is_left_as_it_was_and_named(tmp_path: Path) -> None:
    src = make_workbook(tmp_path, {"法律援助.受理案件": 236}, name="去年.xlsx")
    cur, prev = cell_of(src, "法律援助.受理案件"), cell_of(src, "法律援助.受理案件", "上年同期")
    wb = load_workbook(src)
    wb[layout.FIGURES].merge_cells(f"{cur}:{prev}")
    wb.save(src)
    done, out = _roll(src)
    assert done.skipped == [f"指标!{prev}"]
    assert _cell(out, layout.FIGURES, cur).value == 236  # not moved, not lost
    assert f"指标!{prev}" in "\n".join(forward_lines(done))


def test_the_example_rules_init_writes_are_not_counted_as_kept(tmp_path: Path) -> None:
    """A 规则 sheet holding only init's examples (类型 示例…) keeps no rule of the clerk's:
    the summary does not say 规则 4 行. A rule the clerk added is counted, alone."""
    sample = next((Path(__file__).resolve().parents[2] / "sample_inputs").glob("000_*.xlsx"))
    src = tmp_path / "去年数据.xlsx"
    src.write_bytes(sample.read_bytes())
    examples = [r for r in load_workbook(src)["规则"].iter_rows(min_row=2, values_only=True)
                if str(r[0] or "").startswith(layout.EXAMPLE)]
    assert len(examples) >= 2  # the bundled sample is what init writes
    done, _ = _roll(src)
    assert done.kept["规则"] == 0
    assert "规则" not in next(line for line in forward_lines(done) if "原样保留" in line)

    wb = load_workbook(src)
    wb["规则"].append(["合计", "法律援助.受理案件", "法律援助.咨询接待"])
    wb.save(src)
    done, _ = _roll(src, force=True)
    assert done.kept["规则"] == 1
