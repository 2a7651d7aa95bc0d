"""The 规则 sheet as a clerk writes it: 实有 = 编制 − 划转, 废止 + 拟修改 ≤ 梳理, a ＋ inside 包含,
a relation only warned about (级别 警告), a rule the pack already has, an example filled in."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from drafter.pipeline import check_workbook
from drafter.workbook import blank, layout
from tests.conftest import header_column, make_workbook

# Own indicators a clerk adds at the end of 指标 (编号, 指标, 单位, 类型).
OWN = [("编制", "政法专项编制", "名", "计数"), ("划转", "划转编制", "名", "计数"),
       ("实有", "实有编制", "名", "计数"), ("梳理", "梳理规范性文件", "件", "计数"),
       ("废止", "废止规范性文件", "件", "计数"), ("拟修改", "拟修改规范性文件", "件", "计数")]


def _workbook(tmp_path: Path, values: dict[str, object],
              rules: list[tuple[str, ...]]) -> tuple[Path, list[int]]:
    """A half-year workbook with OWN filled with `values` and `rules` written on 规则 below
    its example rows, as (类型, 指标, 组成, 小数位, 级别); the rows' numbers."""
    path = make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963,
                                    "人民调解.化解纠纷": 1963})
    wb = load_workbook(path)
    ws = wb[layout.FIGURES]
    row = blank.last_filled(ws) + 1
    for n, (key, name, unit, kind) in enumerate(OWN):
        for header, value in (("编号", key), ("板块", "本局"), ("指标", name), ("单位", unit),
                              ("类型", kind), ("本期", values.get(key))):
            ws.cell(row=row + n, column=header_column(ws, header), value=value)
    rules_ws = wb[layout.RULES]
    first = blank.last_filled(rules_ws) + 1
    for n, rule in enumerate(rules):
        for header, value in zip(("类型", "指标", "组成", "小数位", "级别"), rule, strict=False):
            rules_ws.cell(row=first + n, column=header_column(rules_ws, header), value=value or None)
    wb.save(path)
    return path, list(range(first, first + len(rules)))


def _by_code(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in check_workbook(path).report.findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_a_sum_with_a_term_taken_away(tmp_path: Path) -> None:
    rule = ("合计", "实有编制", "政法专项编制－划转编制")
    path, _ = _workbook(tmp_path, {"编制": 30, "划转": 4, "实有": 26}, [rule])
    assert "sum-mismatch" not in _by_code(path) and "bad-rule-row" not in _by_code(path)
    path, _ = _workbook(tmp_path, {"编制": 30, "划转": 4, "实有": 30}, [rule])
    (found,) = _by_code(path)["sum-mismatch"]
    assert "实有编制 30 ≠ 政法专项编制 30 − 划转编制 4 = 26" in found.message
    assert found.severity.value == "错误" and {c.sheet for c in found.cells} == {"指标"}


def test_a_sum_on_the_left_of_not_above(tmp_path: Path) -> None:
    rule = ("不超过", "废止规范性文件＋拟修改规范性文件", "梳理规范性文件")
    path, _ = _workbook(tmp_path, {"梳理": 10, "废止": 4, "拟修改": 6}, [rule])
    assert "subset-exceeded" not in _by_code(path)
    path, _ = _workbook(tmp_path, {"梳理": 10, "废止": 5, "拟修改": 6}, [rule])
    (found,) = _by_code(path)["subset-exceeded"]
    assert "废止规范性文件 5 + 拟修改规范性文件 6 = 11 > 梳理规范性文件 10" in found.message


def test_plus_inside_contains_is_a_sum_and_comma_each_item(tmp_path: Path) -> None:
    summed = ("包含", "梳理规范性文件", "废止规范性文件＋拟修改规范性文件")
    each = ("包含", "梳理规范性文件", "废止规范性文件、拟修改规范性文件")
    values = {"梳理": 10, "废止": 5, "拟修改": 6}  # each ≤ 10, their sum 11 is not
    path, _ = _workbook(tmp_path, values, [summed])
    assert len(_by_code(path)["subset-exceeded"]) == 1
    path, _ = _workbook(tmp_path, values, [each])
    assert "subset-exceeded" not in _by_code(path)


def test_a_rule_of_level_warning_only_warns(tmp_path: Path) -> None:
    rule = ("合计", "实有编制", "政法专项编制－划转编制", "", "警告")
    path, _ = _workbook(tmp_path, {"编制": 30, "划转": 4, "实有": 30}, [rule])
    (found,) = _by_code(path)["sum-mismatch"]
    assert found.severity.value == "警告" and "级别为警告" in found.message
    assert check_workbook(path).report.valid
    path, rows = _workbook(tmp_path, {}, [(*rule[:4], "提醒")])
    (bad,) = _by_code(path)["bad-rule-row"]
    assert str(bad.cells[0]) == f"规则!E{rows[0]}" and "错误、警告" in bad.message


def test_a_rule_the_pack_has_is_checked_once_with_a_note(tmp_path: Path) -> None:
    pack_rule = ("包含", "排查矛盾纠纷", "化解矛盾纠纷")  # the pack: 化解 ≤ 排查
    path, rows = _workbook(tmp_path, {}, [pack_rule, pack_rule, (*pack_rule, "", "警告")])
    notes = _by_code(path)["rule-duplicate"]
    assert [str(n.cells[0]) for n in notes] == [f"规则!A{r}" for r in rows]
    assert "模板包的规则" in notes[0].message and notes[0].severity.value == "提示"
    assert notes[2].severity.value == "警告" and "错误" in notes[2].message
    assert len(check_workbook(path).catalog.rules) == len(
        check_workbook(path).pack.catalog.rules)  # none added


def test_an_example_row_is_skipped_and_one_filled_in_says_so(tmp_path: Path) -> None:
    path, _ = _workbook(tmp_path, {}, [])
    assert not {"rule-example-filled", "bad-rule-row"} & set(_by_code(path))
    wb = load_workbook(path)
    ws = wb[layout.RULES]
    assert str(ws["A2"].value).startswith(layout.EXAMPLE)
    ws.cell(row=2, column=header_column(ws, "指标"), value="实有编制")
    wb.save(path)
    (found,) = _by_code(path)["rule-example-filled"]
    assert str(found.cells[0]) == "规则!A2" and found.severity.value == "警告"
    assert "合计" in found.message


def test_a_minus_outside_a_sum_is_a_bad_row(tmp_path: Path) -> None:
    path, rows = _workbook(tmp_path, {}, [("包含", "梳理规范性文件", "废止规范性文件－拟修改规范性文件")])
    (bad,) = _by_code(path)["bad-rule-row"]
    assert str(bad.cells[0]) == f"规则!C{rows[0]}" and "合计" in bad.message
