"""Every workbook of a kind with parts it must have lists them on 填写说明, however it was
made: drafter init, import from last year's report, the city's rollup, the samples."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config import packs
from drafter.workbook import layout
from tests.conftest import SAMPLES
from tests.importing.conftest import source

runner = CliRunner()
LAW = "法治政府建设年度报告"


def _listed(path: Path) -> str:
    guide = load_workbook(path)[layout.GUIDE]
    return next((c.value for c in guide["A"] if "必须写明以下" in str(c.value or "")), "")


def _all_parts(text: str) -> bool:
    parts = packs.load(LAW).part_names
    return len(parts) == 5 and all(p in text for p in parts)


def test_init_rollup_and_samples_list_the_parts(tmp_path: Path) -> None:
    made = runner.invoke(app, ["init", "--kind", LAW, "-o", str(tmp_path / "空白.xlsx")])
    assert made.exit_code == 0, made.output
    assert _all_parts(_listed(tmp_path / "空白.xlsx"))
    city = runner.invoke(app, ["rollup", str(SAMPLES / "005_示例市区县"), "-o",
                               str(tmp_path / "全市.xlsx"), "--unit", "示例市司法局"])
    assert city.exit_code == 0, city.output
    assert _all_parts(_listed(tmp_path / "全市.xlsx"))
    assert _all_parts(_listed(next(SAMPLES.glob("001_*.xlsx"))))


def test_a_workbook_imported_from_last_years_report_lists_the_parts(tmp_path: Path) -> None:
    out = tmp_path / "导入.xlsx"
    done = runner.invoke(app, ["import", str(source("001")), "-o", str(out), "--kind", LAW])
    assert done.exit_code in (0, 1), done.output  # 1: figures to confirm, the workbook is made
    assert _all_parts(_listed(out))
