"""Every kind of .xlsx drafter writes, made once per test session through the command line:
`init` for each built-in kind, a `check --annotate` copy, the city workbook of `rollup`, the
output of `import`, `init --from` and `merge`."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import KINDS, SAMPLE_000, SAMPLES


def _run(*args: object) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output


def make_all(folder: Path) -> dict[str, Path]:
    """{what: path} of one workbook of each kind drafter writes."""
    made: dict[str, Path] = {}
    for kind in KINDS:
        made[f"init {kind}"] = out = folder / f"{kind}.xlsx"
        _run("init", "-k", kind, "-o", out)
    made["check --annotate"] = folder / "标注.xlsx"
    _run("check", SAMPLE_000, "--annotate", made["check --annotate"])
    districts = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    made["rollup"] = folder / "全市.xlsx"
    _run("rollup", *districts, "-o", made["rollup"], "--unit", "示例市司法局")
    report = folder / "去年.docx"
    _run("render", SAMPLE_000, "-o", report)
    made["import"] = folder / "导入.xlsx"
    _run("import", report, "-o", made["import"])
    made["init --from"] = folder / "今年.xlsx"
    _run("init", "--from", SAMPLE_000, "-o", made["init --from"])
    copies = folder / "科室"
    copies.mkdir()
    for name in ("1甲科.xlsx", "2乙科.xlsx"):
        shutil.copy(made["init 半年工作总结"], copies / name)
    made["merge"] = folder / "合并.xlsx"
    _run("merge", copies / "1甲科.xlsx", copies / "2乙科.xlsx", "-o", made["merge"])
    for what, path in made.items():
        assert path.is_file(), what
    return made
