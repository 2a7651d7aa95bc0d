"""benchmarks/ makes valid inputs and every case makes a valid output; no time is asserted.

Each case runs once on small inputs (2 workbooks, 200 generated indicators); the 10,000-row
catalog is checked without writing its workbook. docxtpl and pandoc are optional (CI installs
only the test extra): their cases are skipped, the rest still run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.config import catalog
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import large, phases, run, same_text


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[run.Inputs, list[run.Case],
                                                                   dict[str, list[float]]]:
    inp = run.prepare(tmp_path_factory.mktemp("bench"), batch=2, rows=200)
    cases = run.build_cases(inp)
    times = run.measure(cases, runs=1, warmup=False)  # verifies each case's output
    return inp, cases, times


def test_every_case_ran_once_and_the_table_lists_it(measured) -> None:
    inp, cases, times = measured
    assert {"drafter_one", "drafter_batch", "check_large", "check_shared", "help", "python"} \
        <= {c.key for c in cases}
    assert all(len(t) == 1 for t in times.values())
    text = run.report(inp, cases, times, runs=1, warmup=False, markdown=True)
    assert text.count("\n| ") == len(cases) + 1  # header and one row a case
    assert "≤ 0.35×" in text and "≤ 150 ms" in text


def test_drafter_outputs(measured) -> None:
    inp, _cases, _times = measured
    title = inp.same.title
    assert title == "邵阳市司法局2024年度法治政府建设情况报告"
    assert title in run.docx_text(inp.work / "out" / "drafter.docx")
    for path in inp.batch_in:
        assert title in run.docx_text(inp.work / "batch_drafter" / f"{path.stem}.docx")


def test_docxtpl_renders_the_same_text(measured) -> None:
    pytest.importorskip("docxtpl")
    inp, _cases, _times = measured
    ours = run.docx_text(inp.work / "out" / "drafter.docx")
    theirs = run.docx_text(inp.work / "out" / "docxtpl.docx")
    assert theirs == ours
    for path in inp.batch_in:
        assert inp.same.title in run.docx_text(inp.work / "batch_docxtpl" / f"{path.stem}.docx")


def test_pandoc_converts_the_same_text(measured) -> None:
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    inp, _cases, _times = measured
    ours = run.docx_text(inp.work / "out" / "drafter.docx")
    theirs = run.docx_text(inp.work / "out" / "pandoc.docx")
    assert theirs.replace("\xa0", "") == ours  # pandoc writes an empty paragraph as a space
    for path in inp.batch_in:
        assert inp.same.title in run.docx_text(inp.work / "batch_pandoc" / f"{path.stem}.docx")


def test_markdown_names_drafters_styles_and_escapes_text() -> None:
    paras = [same_text.Para("heading1", (("一、a*b [c]", None),)),
             same_text.Para("body", (("（一）标题。", "heading2_char"), ("正文#1", None)))]
    md = same_text.markdown(paras)
    assert '::: {custom-style="一级标题"}\n一、a\\*b \\[c\\]\n:::' in md
    assert '[（一）标题。]{custom-style="二级标题 字符"}正文\\#1' in md


def test_large_catalog_has_ten_thousand_indicators_with_rules(tmp_path: Path) -> None:
    inds, toml = large.generate(10_000)
    path = tmp_path / "indicators.toml"
    path.write_text(toml, encoding="utf-8")
    cat = catalog.load(path)
    assert len(inds) == len(cat.indicators) == 10_000
    assert len(cat.sections) == 100
    kinds = [r.kind for r in cat.rules]
    assert kinds.count("sum") == 100 and kinds.count("rate") == 1_000


def test_large_workbook_has_a_row_per_indicator(measured) -> None:
    from openpyxl import load_workbook

    inp, _cases, _times = measured
    big = inp.large
    assert big.generated == 200
    ids = [r[0] for r in load_workbook(big.workbook, read_only=True)["指标"]
           .iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(ids) == big.rows
    assert sum(i.startswith("测试") for i in ids) == 200


def test_phases_times_every_step_of_one_report(tmp_path: Path) -> None:
    (steps,) = phases.measure(1, tmp_path / "r.docx")
    assert len(steps) == len(phases.WALLS) + len(phases.STEPS) and all(t >= 0 for t in steps)
    assert (tmp_path / "r.docx").is_file()


def test_benchmarks_are_lint_clean() -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is in the test extra: pip install '.[test]'"
    proc = subprocess.run([ruff, "check", "benchmarks"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
