"""The command line's words (issue 20): every help text and message in full-width punctuation,
-h and --version, exit codes in the main help, --format json for check and verify alike, and
an output that already exists named as the output, never as the input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter import __version__, usage
from drafter.cli import app
from tests.conftest import SAMPLE_000, SAMPLES

# a half-width mark beside a Chinese character; a cell address keeps its “!” (指标!F12)
_CJK = "\u4e00-\u9fff“”（）【】《》、。，；："
_HALF = re.compile(rf"(?<=[{_CJK}])[,;:?()]|[,;:?()](?=[{_CJK}])|(?<=[\u4e00-\u9fff])!(?![A-Z]+\d)")
DISTRICTS = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def halfwidth(text: str) -> list[str]:
    return [text[max(m.start() - 8, 0):m.end() + 8] for m in _HALF.finditer(text)]


def _commands() -> list[list[str]]:
    from typer.main import get_command

    root = get_command(app)
    paths = [[]]
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if isinstance(command, usage.Later):  # `drafter site`: built when used
            command = command.build()
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    return paths


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "drafter")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_help_is_chinese_with_full_width_punctuation(path: list[str], flag: str) -> None:
    result = run(*path, flag)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：")
    assert not halfwidth(result.output), halfwidth(result.output)
    # click's own bracket after an option ([default: …], [x>=1], [required]) in Chinese too
    english = re.findall(r"\[[^\]]*(?:default|required|x[<>]=?|; )[^\]]*\]", result.output)
    assert not english, english


def test_the_main_help_lists_the_exit_codes_and_version_is_shown() -> None:
    text = run("--help").output
    assert "退出码" in text
    for code in ("0 ", "1 ", "2 ", "3 ", "130"):
        assert f"\n    {code}" in text, code
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0 and result.output.strip() == f"drafter {__version__}"


def test_messages_of_a_session_are_in_full_width_punctuation(tmp_path: Path) -> None:
    """Successes, findings, refusals and usage errors, as a clerk's colleague meets them."""
    blank, out, city = tmp_path / "空白.xlsx", tmp_path / "报告.docx", tmp_path / "全市.xlsx"
    taken_pdf = tmp_path / "report.pdf"
    taken_pdf.write_bytes(b"%PDF")
    sessions = [
        ("init", "-k", "法治政府建设年度报告", "-o", blank),
        ("init", "-k", "法治政府建设年度报告", "-o", blank),
        ("check", blank), ("check", "-v", SAMPLE_000), ("check", tmp_path / "没有.xlsx"),
        ("render", SAMPLE_000, "-o", out), ("render", SAMPLE_000, "-o", out),
        ("render", blank, "-o", tmp_path / "空.docx"),
        ("rollup", *DISTRICTS, "-o", city), ("rollup", *DISTRICTS, "-o", city),
        ("merge", SAMPLE_000, "-o", tmp_path / "合并.xlsx"),
        ("verify", out, SAMPLE_000), ("verify", out, blank),
        ("check", SAMPLE_000, "--format", "xml"), ("check", "--nope", SAMPLE_000),
        ("render", SAMPLE_000), ("templates", "list"), ("init", "-k", "没有这种报告", "-o", blank),
        ("pdf", out, "-o", taken_pdf),  # report.pdf：PDF 文件已存在 (an ASCII colon before)
    ]
    bad = []
    for args in sessions:
        result = run(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        bad += [(args[0], hit) for hit in halfwidth(result.output)]
    assert not bad, bad[:10]


def test_check_and_verify_both_take_format_json_and_json(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert run("render", SAMPLE_000, "-o", out).exit_code == 0
    for args in (("check", SAMPLE_000), ("verify", out, SAMPLE_000)):
        by_format, by_flag = run(*args, "--format", "json"), run(*args, "--json")
        assert by_format.exit_code == by_flag.exit_code == 0, by_format.output
        assert json.loads(by_format.output) == json.loads(by_flag.output)
    assert "files" in json.loads(run("check", SAMPLE_000, "-f", "json").output)


def test_an_existing_output_is_named_as_the_output(tmp_path: Path) -> None:
    folder = tmp_path / "科室"
    folder.mkdir()
    source = folder / "数据.xlsx"
    shutil.copy(SAMPLE_000, source)
    docx = tmp_path / "报告.docx"
    assert run("render", source, "-o", docx).exit_code == 0
    taken = tmp_path / "已有.xlsx"
    taken.write_bytes(b"the clerk's own file")
    pdf = tmp_path / "已有.pdf"
    pdf.write_bytes(b"%PDF")
    cases = [
        (("render", source, "-o", docx), docx),
        (("init", "-k", "半年工作总结", "-o", taken), taken),
        (("init", "--from", source, "-o", taken), taken),
        (("check", source, "--annotate", taken), taken),
        (("rollup", *DISTRICTS, "-o", taken), taken),
        (("merge", source, SAMPLE_000, "-o", taken), taken),
        (("import", docx, "-o", taken), taken),
        (("pdf", docx, "-o", pdf), pdf),
    ]
    for args, output in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        said = result.output.strip().splitlines()[-1]
        assert f"{output}：" in said and "已存在" in said, (args, said)  # ： even after .pdf
        assert not said.startswith(f"错误：{source}"), (args, said)
    assert taken.read_bytes() == b"the clerk's own file"
