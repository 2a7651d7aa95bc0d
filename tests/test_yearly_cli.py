"""`drafter init --from` and `drafter merge` as the clerk runs them: messages and exit codes
(0 done, 1 conflicts, 2 bad input), inputs untouched."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from drafter.cli import app
from drafter.pipeline import check_workbook
from drafter.present import zh
from tests.conftest import make_workbook
from tests.security.harness import assert_clean_refusal, digest, run_cli
from tests.security.xlsx_parts import part_of, sheet_part, with_parts
from tests.workbook.yearly_helpers import cell_of

runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def test_init_from_last_year(tmp_path: Path) -> None:
    src = make_workbook(tmp_path, {"法律援助.受理案件": 236}, name="去年数据.xlsx",
                        facts={"年度": "2024", "成文日期": "2024年7月10日"})
    out = tmp_path / "今年数据.xlsx"
    before = digest(src)
    result = run("init", "--from", src, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已生成 {out}" in result.output and "年度 2024 → 2025" in result.output
    assert "1 项去年的“本期”数移入“上年同期”" in result.output and "成文日期" in result.output
    assert f"drafter check {out}" in result.output
    assert digest(src) == before
    assert check_workbook(out).data.figures["法律援助.受理案件"].previous == 236
    again = run("init", "--from", src, "-o", out)
    assert again.exit_code == 2 and "--force" in again.output
    wrong = run("init", "--from", src, "-k", "年度工作总结", "-o", tmp_path / "x.xlsx")
    assert wrong.exit_code == 2 and "与 --kind 年度工作总结 不符" in wrong.output


def test_init_needs_a_kind_or_a_source(tmp_path: Path) -> None:
    result = run("init", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "--kind" in result.output and "--from" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_merge_conflict_prefer_and_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "科室"  # named so that the shell's order is the order meant
    folder.mkdir()
    make_workbook(folder, {"法律援助.受理案件": 236}, name="1法援科.xlsx")
    make_workbook(folder, {"普法.受教育人次": 14213}, name="2普法科.xlsx")
    out = tmp_path / "全局.xlsx"
    result = run("merge", folder / "*.xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert zh("以 1法援科.xlsx 为底稿合并 2 份") in result.output
    assert zh("2普法科.xlsx:从该份取来的单元格 1 个") in result.output
    make_workbook(folder, {"法律援助.受理案件": 263}, name="3复议科.xlsx")
    clash = tmp_path / "冲突.xlsx"
    result = run("merge", folder, "-o", clash)
    assert result.exit_code == 1 and not clash.exists()
    cell = cell_of(folder / "1法援科.xlsx", "法律援助.受理案件")
    assert zh(f"1法援科.xlsx 指标!{cell} = 236，3复议科.xlsx 指标!{cell} = 263") in result.output
    result = run("merge", folder, "-o", clash, "--prefer", folder / "3复议科.xlsx")
    assert result.exit_code == 0 and "取 3复议科.xlsx 的" in result.output
    assert check_workbook(clash).data.figures["法律援助.受理案件"].value == 263
    csv = folder / "4科室.xlsx"
    csv.write_text("编号,本期\n", encoding="utf-8")
    result = run("merge", folder, "-o", tmp_path / "又一份.xlsx")
    assert result.exit_code == 2 and "4科室.xlsx" in result.output and "CSV" in result.output


def test_merge_help_tells_it_apart_from_rollup() -> None:
    result = run("merge", "--help")
    assert result.exit_code == 0 and "rollup" in result.output and "不相加" in result.output
    assert "--from" in run("init", "--help").output


def test_a_hostile_workbook_is_refused_cleanly_in_a_child_process(tmp_path: Path) -> None:
    base = make_workbook(tmp_path, {}, name="基础.xlsx")
    part = sheet_part(base, "指标")
    xml = part_of(base, part).decode()
    bomb = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            ']>')
    decl, _, rest = xml.partition("?>") if xml.startswith("<?xml") else ("", "", xml)
    bad = with_parts(base, tmp_path / "炸弹.xlsx", {part: (decl + "?>" if decl else "")
                                                   + bomb + rest})
    before = digest(bad)
    for args in (("init", "--from", bad, "-o", tmp_path / "今年.xlsx"),
                 ("merge", base, bad, "-o", tmp_path / "全局.xlsx")):
        done = run_cli(*args)
        assert_clean_refusal(done, codes=(2,), naming="DTD", max_seconds=20, max_mb=300)
        assert "炸弹.xlsx" in done.text
    assert digest(bad) == before
    assert not (tmp_path / "今年.xlsx").exists() and not (tmp_path / "全局.xlsx").exists()
