"""`drafter merge`: copies of one workbook, each filled by a section (科室), become one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter import yearly
from drafter.commands.merge import merge_lines
from drafter.errors import InputFileError, OutputError, WorkbookLayoutError
from drafter.pipeline import check_workbook, render_document
from drafter.workbook import layout, reader
from tests.conftest import make_workbook
from tests.workbook.yearly_helpers import cell_of, digest, with_sheets

BODY = "共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】。"
HEADING = [("一级标题", "坚持党建引领", "")]  # every copy's 大纲 starts so (init may pre-fill it)


def _copy(folder: Path, name: str, figures=None, **kw) -> Path:
    return make_workbook(folder, figures or {}, name=name, **kw)


@pytest.fixture
def sections(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "科室"
    folder.mkdir()
    a = _copy(folder, "科室甲.xlsx", {"法律援助.受理案件": 236, "法律援助.咨询接待": 523},
              previous={"法律援助.受理案件": 200})
    b = _copy(folder, "科室乙.xlsx", {"普法.受教育人次": 14213, "复议应诉.调解率": "30.43%"})
    with_sheets(a, outline=HEADING)
    with_sheets(b, outline=[*HEADING, ("段落", "", BODY)])
    return [a, b]


def test_disjoint_sections_combine_and_render(sections: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "全局.xlsx"
    before = [digest(p) for p in sections]
    done = yearly.merge(sections, out)
    assert done.written and not done.conflicts
    data = check_workbook(out).data
    assert data.figures["法律援助.受理案件"].value == 236
    assert data.figures["法律援助.受理案件"].previous == 200
    assert data.figures["普法.受教育人次"].value == 14213
    assert data.figures["复议应诉.调解率"].value == Decimal("30.43")
    assert load_workbook(out)["大纲"]["C3"].value == BODY  # 段落 filled in 乙 only
    assert done.taken[1] == 4  # 乙: two figures and the 大纲 row it added (层级, 内容)
    lines = "\n".join(merge_lines(done))
    assert "科室乙.xlsx:从该份取来的单元格 4 个" in lines and "科室甲.xlsx:底稿中已填的单元格" in lines
    text = "".join(render_document(check_workbook(out)).paragraphs_text())
    assert "共受理法律援助案件236件，同比增长18.0%" in text
    assert [digest(p) for p in sections] == before


def test_a_conflict_names_both_files_and_cells_and_writes_nothing(sections: list[Path],
                                                                  tmp_path: Path) -> None:
    c = with_sheets(_copy(sections[0].parent, "科室丙.xlsx", {"法律援助.受理案件": 263}),
                    outline=HEADING)
    out = tmp_path / "全局.xlsx"
    done = yearly.merge([*sections, c], out)
    assert not done.written and not out.exists()
    [conflict] = done.conflicts
    cell = cell_of(c, "法律援助.受理案件")
    assert done.says(conflict) == f"科室甲.xlsx 指标!{cell} = 236，科室丙.xlsx 指标!{cell} = 263"
    lines = "\n".join(merge_lines(done))
    assert "有 1 处冲突" in lines and "--prefer" in lines and "指标“法律援助.受理案件”的本期" in lines


def test_prefer_says_whose_value_wins_and_lists_the_override(sections: list[Path],
                                                             tmp_path: Path) -> None:
    c = with_sheets(_copy(sections[0].parent, "科室丙.xlsx", {"法律援助.受理案件": 263}),
                    outline=HEADING)
    out = tmp_path / "全局.xlsx"
    done = yearly.merge([*sections, c], out, prefer=c)
    assert done.written and not done.conflicts
    assert check_workbook(out).data.figures["法律援助.受理案件"].value == 263
    [over] = done.overridden
    assert over.chosen == 2
    assert "取 科室丙.xlsx 的" in "\n".join(merge_lines(done))
    done = yearly.merge([*sections, c], out, prefer=sections[0], force=True)
    assert check_workbook(out).data.figures["法律援助.受理案件"].value == 236


def test_differing_narrative_and_facts_are_conflicts_too(tmp_path: Path) -> None:
    a = _copy(tmp_path, "甲.xlsx", facts={"单位名称": "镜湖区司法局", "年度": "2024"})
    b = _copy(tmp_path, "乙.xlsx", facts={"单位名称": "弋江区司法局", "年度": 2024})
    with_sheets(a, outline=[("段落", "", "甲写的")])
    with_sheets(b, outline=[("段落", "", "乙写的")])
    done = yearly.merge([a, b], tmp_path / "全局.xlsx")
    whats = sorted(c.what for c in done.conflicts)
    assert whats == ["基本信息“单位名称”", "大纲第 2 行的内容"]  # 2024 and "2024" agree
    assert "甲.xlsx 大纲!C2 = 甲写的，乙.xlsx 大纲!C2 = 乙写的" in [done.says(c) for c in done.conflicts]


@pytest.mark.parametrize("types", [False, True])  # workbooks before and after the 类型 column
def test_own_indicators_added_in_one_copy_are_carried(tmp_path: Path, types: bool) -> None:
    a = with_sheets(_copy(tmp_path, "甲.xlsx", {"法律援助.受理案件": 1}), types=types)
    b = with_sheets(_copy(tmp_path, "乙.xlsx"), types=types)
    with_sheets(b, own=[("调解.上门服务", "自定义", "上门服务", "次", "计数", 42)])
    out = tmp_path / "全局.xlsx"
    done = yearly.merge([a, b], out)
    assert done.written
    ws = load_workbook(out)[layout.FIGURES]
    rows = _filled(ws)
    [own] = [r for r in rows if r[0] == "调解.上门服务"]
    assert own[:4] == ["调解.上门服务", "自定义", "上门服务", "次"] and 42 in own
    assert ("计数" in own) is types
    assert rows[-1] == own  # appended after the base's rows, none overwritten
    assert rows[:-1] == _filled(load_workbook(a)[layout.FIGURES])


def _filled(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)
            if any(c.value is not None for c in row)]


def test_inputs_of_different_kinds_are_refused(tmp_path: Path) -> None:
    a = _copy(tmp_path, "甲.xlsx")
    b = make_workbook(tmp_path, {}, kind="年度工作总结", name="乙.xlsx", facts={})
    with pytest.raises(WorkbookLayoutError, match="报告类型不同,不能合并") as refused:
        yearly.merge([a, b], tmp_path / "全局.xlsx")
    assert "乙.xlsx 是“年度工作总结”" in str(refused.value)
    assert not (tmp_path / "全局.xlsx").exists()


def test_a_different_catalog_fingerprint_is_a_warning(tmp_path: Path) -> None:
    a = _copy(tmp_path, "甲.xlsx", {"法律援助.受理案件": 1})
    b = _copy(tmp_path, "乙.xlsx", {"普法.受教育人次": 2})
    wb = load_workbook(b)
    ws = wb[layout.FACTS]
    row = next(r for r in ws.iter_rows() if r[0].value == "目录指纹")
    row[1].value = "000000000000"
    wb.save(b)
    done = yearly.merge([a, b], tmp_path / "全局.xlsx")
    assert done.written
    assert any("目录指纹" in w and "000000000000" in w for w in done.warnings)


def test_a_non_workbook_is_refused_with_the_readers_message(tmp_path: Path) -> None:
    a = _copy(tmp_path, "甲.xlsx")
    bad = tmp_path / "乙.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputFileError) as theirs:
        reader.load(bad)
    with pytest.raises(InputFileError) as ours:
        yearly.merge([a, bad], tmp_path / "全局.xlsx")
    assert str(ours.value) == str(theirs.value) and "旧版 Excel" in str(ours.value)


def test_output_rules(sections: list[Path], tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="至少要两份"):
        yearly.merge(sections[:1], tmp_path / "全局.xlsx")
    with pytest.raises(OutputError, match="--prefer"):
        yearly.merge(sections, tmp_path / "全局.xlsx", prefer=tmp_path / "别的.xlsx")
    out = tmp_path / "全局.xlsx"
    out.write_bytes(b"mine")
    with pytest.raises(OutputError, match="--force"):
        yearly.merge(sections, out)
    assert out.read_bytes() == b"mine"
    # the output inside the folder merged: left out of the inputs, and said
    again = sections[0].parent / "全局.xlsx"
    yearly.merge(sections, again)
    done = yearly.merge([sections[0].parent], again, force=True)
    assert done.written and any("已跳过输出文件本身" in w for w in done.warnings)


def test_the_preferred_value_wins_over_every_other_copy(tmp_path: Path) -> None:
    a = _copy(tmp_path, "1甲.xlsx")
    b = _copy(tmp_path, "2乙.xlsx", {"法律援助.受理案件": 1})
    c = _copy(tmp_path, "3丙.xlsx", {"法律援助.受理案件": 2})
    d = _copy(tmp_path, "4丁.xlsx", {"法律援助.受理案件": 2})
    out = tmp_path / "全局.xlsx"
    done = yearly.merge([a, b, c, d], out, prefer=d)
    assert done.written and not done.conflicts
    assert check_workbook(out).data.figures["法律援助.受理案件"].value == 2
    assert [o.chosen for o in done.overridden] == [3]  # 乙 overridden by 丁; 丙 agrees
    # without --prefer the three disagree: 乙 against 丙 (丁 agrees with 丙 but not with 乙)
    done = yearly.merge([a, b, c, d], tmp_path / "又一份.xlsx")
    assert not done.written and done.conflicts


def test_a_base_formula_without_a_result_is_replaced_and_said(tmp_path: Path) -> None:
    a = _copy(tmp_path, "1甲.xlsx")
    b = _copy(tmp_path, "2乙.xlsx", {"法律援助.受理案件": 7})
    cell = cell_of(a, "法律援助.受理案件")
    wb = load_workbook(a)
    wb[layout.FIGURES][cell] = "=1+1"  # openpyxl saves no result: the reader sees a blank
    wb.save(a)
    out = tmp_path / "全局.xlsx"
    done = yearly.merge([a, b], out)
    assert check_workbook(out).data.figures["法律援助.受理案件"].value == 7
    assert any(f"指标!{cell} 的公式 =1+1" in w and "2乙.xlsx" in w for w in done.warnings)


def _handed_out(tmp_path: Path) -> Path:
    """The workbook as handed out: 大纲 pre-filled, as drafter init and init --from leave it."""
    return with_sheets(_copy(tmp_path, "原表.xlsx"), outline=[
        ("一级标题", "坚持党建引领", ""), ("段落", "", "默认的第一段。"), ("段落", "", "默认的第二段。")])


def _edit(src: Path, name: str, figures: dict[str, object], outline: dict[str, object]) -> Path:
    import shutil

    from drafter.workbook.blank import fill

    dst = src.parent / "科室" / name
    dst.parent.mkdir(exist_ok=True)
    shutil.copy(src, dst)
    wb = load_workbook(dst)
    fill(wb, {}, figures)
    for ref, value in outline.items():
        wb["大纲"][ref] = value
    wb.save(dst)
    return dst


def test_with_the_original_only_what_a_section_changed_counts(tmp_path: Path) -> None:
    original = _handed_out(tmp_path)
    a = _edit(original, "1甲.xlsx", {"法律援助.受理案件": 236}, {"C3": "甲改写的第一段。"})
    b = _edit(original, "2乙.xlsx", {"普法.受教育人次": 14213}, {"C4": None})
    two_way = yearly.merge([a, b], tmp_path / "两份.xlsx")
    assert [c.what for c in two_way.conflicts] == ["大纲第 3 行的内容"]  # 乙 left the default
    assert "加 --original 分发前的原表" in "\n".join(merge_lines(two_way))
    out = tmp_path / "全局.xlsx"
    before = digest(original)
    done = yearly.merge([a, b], out, original=original)
    assert done.written and not done.conflicts, [done.says(c) for c in done.conflicts]
    ws = load_workbook(out)["大纲"]
    assert ws["C2"].value is None and ws["C3"].value == "甲改写的第一段。"
    assert ws["C4"].value is None  # 乙 emptied it: a change too
    data = check_workbook(out).data
    assert data.figures["法律援助.受理案件"].value == 236
    assert data.figures["普法.受教育人次"].value == 14213
    assert done.taken[1:] == [2, 2]  # each: one figure and one 大纲 cell
    lines = "\n".join(merge_lines(done))
    assert "以原表 原表.xlsx 为底稿,合并 2 份各科室的改动" in lines
    assert digest(original) == before


def test_with_the_original_two_different_changes_still_conflict(tmp_path: Path) -> None:
    original = _handed_out(tmp_path)
    a = _edit(original, "1甲.xlsx", {}, {"C3": "甲改写的。"})
    b = _edit(original, "2乙.xlsx", {}, {"C3": None})
    done = yearly.merge([a, b], tmp_path / "全局.xlsx", original=original)
    [conflict] = done.conflicts
    assert done.says(conflict) == "1甲.xlsx 大纲!C3 = 甲改写的。，2乙.xlsx 大纲!C3 = (空)"
    done = yearly.merge([a, b], tmp_path / "全局.xlsx", original=original, prefer=b)
    assert done.written and load_workbook(tmp_path / "全局.xlsx")["大纲"]["C3"].value is None
    with pytest.raises(OutputError, match="不能是某份数据表本身"):
        yearly.merge([a, b], original, original=original, force=True)
