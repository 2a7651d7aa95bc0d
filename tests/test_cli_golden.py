"""What `drafter` prints, byte for byte: each command (and its refusals) on the samples and on
broken inputs, with its standard output, standard error and exit code, held in tests/golden/cli/.

A change to how the commands are wired (the commands layer, the CLI's one error handler) must
not change a character of what a user reads or a script parses. Each case runs in a copy of one
seed folder (the samples, a blank workbook, a broken one, a rendered report, an edited one, a
short report to import), with relative paths, so the output does not depend on where the tests
run; the repository's own path, where a command prints it (templates list), reads <ROOT>.
"output" is what a terminal shows (both streams, in the order written); "stderr" is the error
stream alone.

To remake them after an intended change of wording: DRAFTER_REGEN_GOLDEN=1 python -m pytest
tests/test_cli_golden.py, then read the diff of tests/golden/cli/ before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden" / "cli"
S000 = "s/000_镜湖区司法局2024年上半年工作总结.xlsx"
DISTRICTS = "s/005_示例市区县"

# Last year's report in our own words: headings, figures, a total its parts do not make.
REPORT = """示例县司法局2024年工作总结

一、公共法律服务持续优化
全年受理法律援助案件236件，同比增长12%，其中刑事案件120件、民事案件100件。
办理公证事项1963件，调解成功率达到98.5%。
二、依法行政扎实推进
审查规范性文件45件，开展执法检查30次。
三、2025年工作打算
继续做好法律援助工作。

示例县司法局
2025年1月10日
"""

CASES: dict[str, list[str]] = {
    # the group: help, version, usage errors
    "help": ["--help"],
    "version": ["--version"],
    "no-arguments": [],
    "no-such-command": ["chek", S000],
    "missing-argument": ["check"],
    "missing-output": ["render", S000],
    "no-such-option": ["check", "--foo", S000],
    "flag-with-value": ["--debug=1", "check", S000],
    "port-out-of-range": ["serve", "--port", "70000"],
    **{f"help-{'-'.join(c)}": [*c, "--help"] for c in (
        ["init"], ["import"], ["check"], ["render"], ["rollup"], ["merge"], ["pdf"],
        ["verify"], ["serve"], ["templates"], ["templates", "list"], ["templates", "copy"])},
    # init
    "init": ["init", "-k", "半年工作总结", "-o", "new.xlsx"],
    "init-omit": ["init", "-k", "年度工作总结", "-o", "new.xlsx", "--omit", "党建、普法"],
    "init-omit-unknown": ["init", "-k", "年度工作总结", "-o", "new.xlsx", "--omit", "无此板块"],
    "init-no-kind": ["init", "-o", "new.xlsx"],
    "init-unknown-kind": ["init", "-k", "季度报告", "-o", "new.xlsx"],
    "init-exists": ["init", "-k", "半年工作总结", "-o", S000],
    "init-not-xlsx": ["init", "-k", "半年工作总结", "-o", "new.txt"],
    "init-from": ["init", "--from", S000, "-o", "next.xlsx"],
    "init-from-omit": ["init", "--from", S000, "-o", "next.xlsx", "--omit", "党建"],
    "init-from-wrong-kind": ["init", "--from", S000, "-k", "年度工作总结", "-o", "next.xlsx"],
    "init-from-broken": ["init", "--from", "bad.xlsx", "-o", "next.xlsx"],
    # check
    "check": ["check", S000],
    "check-verbose": ["check", S000, "-v"],
    "check-json": ["check", S000, "-f", "json"],
    "check-json-old-flag": ["check", S000, "--json"],
    "check-bad-format": ["check", S000, "-f", "xml"],
    "check-errors": ["check", "blank.xlsx"],
    "check-errors-json": ["check", "blank.xlsx", "--format", "json"],
    "check-strict": ["check", "s/004_湘桥区司法局2017年法治政府建设情况工作汇报.xlsx", "--strict"],
    "check-broken": ["check", "bad.xlsx"],
    "check-broken-json": ["check", "bad.xlsx", "-f", "json"],
    "check-missing": ["check", "missing.xlsx"],
    "check-samples": ["check", "s"],
    "check-batch-failing": ["check", "b"],
    "check-batch-failing-json": ["check", "b", "-f", "json"],
    "check-jobs": ["check", DISTRICTS, "-j", "2"],
    "check-pattern": ["check", "s/00[01]_*.xlsx"],
    "check-empty-folder": ["check", "empty"],
    "check-annotate": ["check", "blank.xlsx", "--annotate", "marked.xlsx"],
    "check-annotate-many": ["check", "b", "--annotate", "marked.xlsx"],
    # render
    "render": ["render", S000, "-o", "r.docx"],
    "render-trace": ["render", S000, "-o", "r.docx", "--trace"],
    "render-exists": ["render", S000, "-o", "out/000.docx"],
    "render-force": ["render", S000, "-o", "out/000.docx", "--force"],
    "render-onto-input": ["render", S000, "-o", S000],
    "render-errors": ["render", "blank.xlsx", "-o", "blank.docx"],
    "render-draft": ["render", "blank.xlsx", "-o", "blank.docx", "--draft"],
    "render-broken": ["render", "bad.xlsx", "-o", "r.docx"],
    "render-batch-failing": ["render", "b", "-o", "outdir"],
    "render-batch-to-docx": ["render", "b", "-o", "x.docx"],
    "render-batch-jobs": ["render", DISTRICTS, "-o", "outdir", "-j", "2"],
    # rollup
    "rollup": ["rollup", DISTRICTS, "-o", "city.xlsx", "--unit", "示例市司法局"],
    "rollup-no-unit": ["rollup", DISTRICTS, "-o", "city.xlsx"],
    "rollup-refused": ["rollup", "d", "-o", "city.xlsx"],
    "rollup-kinds-differ": ["rollup", "k", "-o", "city.xlsx"],
    "rollup-not-xlsx": ["rollup", DISTRICTS, "-o", "city.txt"],
    "rollup-exists": ["rollup", DISTRICTS, "-o", S000],
    # merge
    "merge": ["merge", "m/a.xlsx", "m/b.xlsx", "-o", "merged.xlsx"],
    "merge-conflict": ["merge", "m/a.xlsx", "m/c.xlsx", "-o", "merged.xlsx"],
    "merge-prefer": ["merge", "m/a.xlsx", "m/c.xlsx", "-o", "merged.xlsx", "--prefer", "m/c.xlsx"],
    "merge-one": ["merge", "m/a.xlsx", "-o", "merged.xlsx"],
    # import
    "import": ["import", "report.txt", "-o", "imported.xlsx"],
    "import-exists": ["import", "report.txt", "-o", S000],
    "import-missing": ["import", "missing.txt", "-o", "imported.xlsx"],
    "import-not-a-report": ["import", "notes.txt", "-o", "imported.xlsx"],
    # templates
    "templates-list": ["templates", "list"],
    "templates-copy": ["templates", "copy", "年度工作总结", "myoffice"],
    "templates-copy-unknown": ["templates", "copy", "季度报告", "myoffice"],
    # verify, pdf, serve (the ones that stop before LibreOffice or a server)
    "verify": ["verify", "out/000.docx", S000],
    "verify-json": ["verify", "out/000.docx", S000, "-f", "json"],
    "verify-all": ["verify", "out/000.docx", S000, "--all"],
    "verify-edited": ["verify", "out/edited.docx", S000],
    "verify-edited-json": ["verify", "out/edited.docx", S000, "--json"],
    "verify-missing": ["verify", "missing.docx", S000],
    "pdf-missing": ["pdf", "missing.docx"],
    "serve-no-office": ["serve", "--office", "nowhere", "--no-browser"],
    "serve-bad-host": ["serve", "--host", "bad_host!", "--no-browser"],
    # --debug: a user's error stays one line
    "debug-users-error": ["--debug", "check", "missing.xlsx"],
}


def _invoke(args: list[str]) -> tuple[str, str, int]:
    result = CliRunner().invoke(app, args)
    return result.output, result.stderr, result.exit_code


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every case starts from."""
    return make_seed(tmp_path_factory.mktemp("seed"))


def make_seed(seed: Path) -> Path:
    from docx import Document

    here = Path.cwd()
    os.chdir(seed)
    try:
        shutil.copytree(SAMPLES, "s", ignore=shutil.ignore_patterns("*.toml", "*.py"))
        Path("bad.xlsx").write_bytes(b"not a workbook")
        Path("empty").mkdir()
        Path("out").mkdir()
        for args in (["init", "-k", "半年工作总结", "-o", "blank.xlsx"],
                     ["render", S000, "-o", "out/000.docx"]):
            assert _invoke(args)[2] == 0
        doc = Document("out/000.docx")
        edited = next(p for p in doc.paragraphs if "236" in p.text)
        for run in edited.runs:
            run.text = run.text.replace("236", "263")
        doc.save("out/edited.docx")
        Path("b").mkdir()
        for name in (S000, "bad.xlsx", "s/001_邵阳市司法局2024年度法治政府建设情况报告.xlsx"):
            shutil.copy(name, "b")
        shutil.copytree(DISTRICTS, "d")  # a district that cannot be read: rollup refuses
        shutil.copy("bad.xlsx", "d/5_戊区.xlsx")
        shutil.copytree(DISTRICTS, "k")  # a workbook of another kind among them
        shutil.copy("blank.xlsx", "k/5_戊区.xlsx")
        Path("m").mkdir()
        for name in ("a", "b", "c"):
            shutil.copy(S000, f"m/{name}.xlsx")
        _change_a_figure(Path("m/c.xlsx"))
        Path("report.txt").write_text(REPORT, encoding="utf-8")
        Path("notes.txt").write_text("会议通知\n请各单位准时参加。\n", encoding="utf-8")
    finally:
        os.chdir(here)
    return seed


def _change_a_figure(path: Path) -> None:
    """One copy with a figure typed differently: a merge conflict."""
    from openpyxl import load_workbook

    from tests.conftest import figure_cell

    cell = figure_cell(path, "法律援助.受理案件")
    wb = load_workbook(path)
    wb["指标"][cell] = 240
    wb.save(path)


def _said(output: str, stderr: str, code: int) -> str:
    said = output.replace(str(ROOT), "<ROOT>")
    return f"[exit {code}]\n--- output\n{said}--- stderr\n{stderr.replace(str(ROOT), '<ROOT>')}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_output_is_unchanged(name: str, seed: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "w"
    shutil.copytree(seed, work, symlinks=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("COLUMNS", "100")
    said = _said(*_invoke(CASES[name])).replace(str(work), "<WORK>")
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("DRAFTER_REGEN_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(f"$ drafter {' '.join(CASES[name])}\n{said}", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert f"$ drafter {' '.join(CASES[name])}\n{said}" == expected
