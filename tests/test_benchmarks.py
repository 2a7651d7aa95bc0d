"""benchmarks/ makes valid inputs and every case makes a valid output; no time is asserted.

Each case runs once on small inputs (2 workbooks, 200 generated indicators), with the drafter
of this environment (installing a copy is tested once, on its own); the 10,000-row catalog is
checked without writing its workbook. docxtpl and pandoc are optional (CI installs only the
test extra): their cases are skipped, the rest still run.
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

from benchmarks import installed, large, outputs, phases, province, run, same_text, scale, table


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[run.Inputs, list[run.Case],
                                                                   dict[str, list[float]]]:
    inp = run.prepare(tmp_path_factory.mktemp("bench"), batch=2, rows=200, install=False)
    cases = run.build_cases(inp)
    cpu: dict[str, list[float]] = {}
    times = run.measure(cases, runs=1, warmup=False, cpu=cpu)  # verifies each case's output
    assert set(cpu) == set(times) and all(t[0] > 0 for t in cpu.values())
    return inp, cases, times


def test_every_case_ran_once_and_the_table_lists_it(measured) -> None:
    inp, cases, times = measured
    keys = {c.key for c in cases}
    assert {"drafter_one", "drafter_batch", "drafter_jobs", "check_large", "check_shared",
            "openpyxl_large", "openpyxl_shared", "help", "python", "floor", "typer"} <= keys
    one_process = next(c for c in cases if c.key == "drafter_batch")
    assert one_process.argv[-2:] == ["--jobs", "1"]  # "in one process" is --jobs 1
    assert all(len(t) == 1 for t in times.values())
    assert all(c.cwd == inp.work for c in cases)  # never in the checkout: see build_cases
    text = run.report(inp, cases, times, runs=1, warmup=False, markdown=True)
    pairs = [p for p in run.comparisons(2, inp.large.rows) if {p.case, p.versus} <= keys]
    assert text.count("\n| ") == len(pairs) + 1 + len(cases) + 1  # two tables with headers
    assert text.startswith(table.begin_marker(run.COMMAND)) and text.rstrip().endswith(table.END)
    assert "≤ 0.50×" in text and "≤ 6.00×" in text


def test_each_target_of_the_issue_is_compared() -> None:
    targets = {(p.case, p.versus): p.target for p in run.comparisons(100, 10_107)}
    assert targets[("drafter_one", "peer_one")] == 1.0
    assert targets[("drafter_batch", "pandoc_batch")] == 0.35
    assert targets[("drafter_batch", "docxtpl_batch")] == 1.0
    assert targets[("check_shared", "openpyxl_shared")] == 0.5
    assert targets[("help", "python")] == 6.0
    # the floors under them are shown for reference, never judged
    assert targets[("floor", "peer_one")] is None and targets[("typer", "python")] is None


def test_a_comparison_row_says_whether_its_target_is_met() -> None:
    pairs = [table.Comparison("甲", "a", "b", 1.0), table.Comparison("乙", "c", "b", 1.0),
             table.Comparison("丙", "a", "missing")]
    rows = table.comparison_rows(pairs, {"a": [0.5, 0.4, 0.6], "b": [1.0], "c": [2.0]},
                                 {"a": [0.3], "b": [0.6], "c": [0.6]})
    assert rows == [["甲", "500 ms", "1.00 s", "0.50×", "0.50×", "≤ 1.00×", "达到"],
                    ["乙", "2.00 s", "1.00 s", "2.00×", "1.00×", "≤ 1.00×", "未达到"]]


def test_docs_blocks_are_replaced_between_their_markers(tmp_path: Path) -> None:
    doc = tmp_path / "perf.md"
    begin = table.begin_marker("cmd")
    doc.write_text(f"前言\n{begin}\n旧\n{table.END}\n后记\n", encoding="utf-8")
    table.update_docs("cmd", f"{begin}\n新\n{table.END}\n", doc)
    assert doc.read_text(encoding="utf-8") == f"前言\n{begin}\n新\n{table.END}\n后记\n"
    with pytest.raises(ValueError):
        table.update_docs("other", "x", doc)


def test_performance_doc_carries_both_generated_blocks() -> None:
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    for command in (run.COMMAND, phases.COMMAND, scale.COMMAND):
        start = text.index(table.begin_marker(command))
        assert text.index(table.END, start) > start


def test_drafter_outputs(measured) -> None:
    inp, _cases, _times = measured
    title = inp.same.title
    assert title == "邵阳市司法局2024年度法治政府建设情况报告"
    assert title in outputs.docx_text(inp.work / "out" / "drafter.docx")
    for path in inp.batch_in:
        assert title in outputs.docx_text(inp.work / "batch_drafter" / f"{path.stem}.docx")


def test_docxtpl_renders_the_same_text(measured) -> None:
    pytest.importorskip("docxtpl")
    inp, _cases, _times = measured
    ours = outputs.docx_text(inp.work / "out" / "drafter.docx")
    assert outputs.docx_text(inp.work / "out" / "docxtpl.docx") == ours
    assert outputs.docx_text(inp.work / "out" / "peer.docx") == ours  # openpyxl + docxtpl
    for path in inp.batch_in:
        assert inp.same.title in outputs.docx_text(inp.work / "batch_docxtpl" / f"{path.stem}.docx")


def test_pandoc_converts_the_same_text(measured) -> None:
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    inp, _cases, _times = measured
    ours = outputs.docx_text(inp.work / "out" / "drafter.docx")
    theirs = outputs.docx_text(inp.work / "out" / "pandoc.docx")
    assert theirs.replace("\xa0", "") == ours  # pandoc writes an empty paragraph as a space
    for path in inp.batch_in:
        assert inp.same.title in outputs.docx_text(inp.work / "batch_pandoc" / f"{path.stem}.docx")


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


def test_the_peer_script_reads_the_workbook(measured, tmp_path: Path) -> None:
    pytest.importorskip("docxtpl")
    inp, _cases, _times = measured
    from benchmarks import docxtpl_render

    data = docxtpl_render.read_workbook(str(run.SAMPLE_001))
    assert data["facts"]["单位名称"] == "邵阳市司法局" and len(data["sheets"]["指标"]) > 100
    other = tmp_path / "other.xlsx"
    shutil.copyfile(ROOT / "sample_inputs" / next(
        p.name for p in (ROOT / "sample_inputs").glob("000_*.xlsx")), other)
    proc = subprocess.run([sys.executable, str(run.HERE / "docxtpl_render.py"), "--workbook",
                           str(other), str(inp.same.template), str(inp.same.context),
                           str(tmp_path / "x.docx")], capture_output=True, text=True, check=False)
    assert proc.returncode == 1 and "单位名称" in proc.stderr  # 000's unit is not in 001's title


def test_openpyxl_load_reads_every_cell(measured) -> None:
    inp, _cases, _times = measured
    from benchmarks import openpyxl_load

    assert openpyxl_load.load(str(inp.large_shared)) >= inp.large.rows * 6


def test_an_installed_copy_is_timed_not_the_checkout(tmp_path: Path) -> None:
    copy = installed.install(tmp_path / "installed")
    assert copy.where.startswith(str(tmp_path)) and not installed.in_checkout(copy.where)
    assert any((tmp_path / "installed" / "site" / "drafter").rglob("*.pyc"))  # compiled
    proc = subprocess.run([*copy.argv, "--help"], capture_output=True, text=True,
                          env=copy.env(tmp_path / "cache"), cwd=tmp_path, check=False)
    assert proc.returncode == 0 and "render" in proc.stdout
    assert installed.in_checkout(str(ROOT / "drafter"))


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


def test_the_province_is_made_once_with_distinct_units_that_pass_check(tmp_path: Path) -> None:
    made = province.make(tmp_path / "省", 10)
    assert made.made and len(made.workbooks) == 10
    again = province.make(tmp_path / "省", 10)
    assert not again.made and again.workbooks == made.workbooks  # the cache is used
    from drafter import batch

    assert batch.check(made.workbooks, jobs=1).code == 0  # every workbook passes
    kept = batch.rollup(made.workbooks, tmp_path / "全省.xlsx", jobs=1)
    assert kept.city is not None and kept.city.names == [province.unit(n) for n in range(1, 11)]
    figures = [o.result.data.figures["人民调解.调处纠纷"].value for o in kept.outcomes]
    assert len(set(figures)) > 4  # the figures vary, not only the names


def test_scaling_and_province_steps_measure_every_process(tmp_path: Path) -> None:
    """Each --jobs setting and each province step runs once on a few workbooks: the outputs
    are compared and the tree's CPU and memory are measured (no time is asserted)."""
    drafter = installed.from_environment()
    made = province.make(tmp_path / "省", 6)
    work = tmp_path / "work"
    work.mkdir()
    s = scale.scaling(drafter, made.workbooks[:4], work, runs=1, cores=2, say=lambda _: None)
    assert s.jobs == [1, 2, 4] and all(len(s.runs[j]) == 1 for j in s.jobs)
    assert all(u.cpu > 0 and u.peak_mb > 0 and u.sum_mb >= u.peak_mb
               for runs in s.runs.values() for u in runs)
    assert max(u.processes for u in s.runs[2]) >= 3  # the command and two workers at least
    steps = scale.province_steps(drafter, made, work, say=lambda _: None)
    assert len(steps) == 4 and (work / "全省.docx").is_file()
    assert [st.way for st in steps] == [scale.APART, scale.APART, scale.ONCE, scale.BOTH]
    # both ways wrote the same reports and province workbook (province_steps compares them)
    assert len(list((work / "全省报告-一遍").iterdir())) == 6
    text = scale.report(s, steps, markdown=True, count=6, made=True)
    assert text.startswith(table.begin_marker(scale.COMMAND)) and text.rstrip().endswith(table.END)
    assert "--jobs 2" in text and "合计（一遍" in text and "合计（分开" in text
    assert "一遍做完" in text
