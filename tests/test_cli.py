"""The drafter command: exit codes and messages, run as a user would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import SAMPLE_000, figure_cell, make_workbook

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_render_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLE_000, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已生成 {out}" in result.output
    paras = [p.text for p in Document(str(out)).paragraphs]
    assert "一、坚持强化政治统领党建引领，全面依法治区机制日益健全" in paras
    assert "四、坚持强化风险防范能力水平，助推平安全区建设提质增效" in paras
    body = "".join(paras)
    for figure in ("236件", "1963件", "30.43%"):
        assert figure in body


def test_render_refuses_to_overwrite_or_write_over_its_input(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"my edits")
    result = run("render", SAMPLE_000, "-o", out)
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert out.read_bytes() == b"my edits"
    wb = make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1})
    assert run("render", wb, "-o", wb).exit_code == 2  # .xlsx is not a .docx, nor the input


def test_init_then_check_reports_missing_required_figures_by_cell(tmp_path: Path) -> None:
    blank = tmp_path / "2025年数据.xlsx"
    result = run("init", "--kind", "半年工作总结", "-o", blank)
    assert result.exit_code == 0, result.output
    result = run("check", blank)
    assert result.exit_code == 1
    assert f"指标!{figure_cell(blank, '法律援助.受理案件')}" in result.output
    assert "受理法律援助案件" in result.output
    assert "基本信息!B3" in result.output and "单位名称" in result.output
    assert "missing-required" in result.output


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    blank = tmp_path / "数据.xlsx"
    blank.write_bytes(b"keep me")
    result = run("init", "--kind", "半年工作总结", "-o", blank)
    assert result.exit_code == 2 and "已存在" in result.output
    assert blank.read_bytes() == b"keep me"
    assert run("init", "--kind", "半年工作总结", "-o", blank, "--force").exit_code == 0


def test_init_unknown_kind(tmp_path: Path) -> None:
    result = run("init", "--kind", "季度报告", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2
    assert "找不到报告类型“季度报告”" in result.output and "半年工作总结" in result.output


def test_check_clean_sample_exits_zero() -> None:
    result = run("check", SAMPLE_000)
    assert result.exit_code == 0, result.output
    assert "通过" in result.output


def test_check_errors_json_and_strict(tmp_path: Path) -> None:
    wb = make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963,
                                  "人民调解.家事类": 697, "人民调解.乡村振兴类": 15,
                                  "人民调解.城市生活类": 834, "人民调解.营商环境类": 91,
                                  "人民调解.其他纠纷": 300})
    result = run("check", wb, "--format", "json")
    assert result.exit_code == 1
    [report] = json.loads(result.output)["files"]  # one shape for one file or many
    codes = {(f["code"], f["cells"][0]) for f in report["findings"]}
    assert ("sum-mismatch", f"指标!{figure_cell(wb, '人民调解.排查纠纷')}") in codes
    assert report["valid"] is False and report["code"] == 1
    [mismatch] = [f for f in report["findings"] if f["code"] == "sum-mismatch"]
    assert (mismatch["expected"], mismatch["actual"], mismatch["difference"]) == (1937, 1963, 26)


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    wb = make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 100},
                       previous={"法律援助.受理案件": 100})
    assert run("check", wb).exit_code == 0
    result = run("check", wb, "--strict")
    assert result.exit_code == 1 and "yoy-swing" in result.output


def test_check_annotate_writes_a_copy(tmp_path: Path) -> None:
    wb = make_workbook(tmp_path, {"法律援助.受理案件": "二百"})
    before = wb.read_bytes()
    out = tmp_path / "标注.xlsx"
    result = run("check", wb, "--annotate", out)
    assert result.exit_code == 1
    assert out.exists() and wb.read_bytes() == before
    from openpyxl import load_workbook

    cell = load_workbook(out)["指标"][figure_cell(wb, "法律援助.受理案件")]
    assert cell.comment is not None and "二百" in cell.comment.text


def test_text_in_number_cell_names_cell_and_render_refuses(tmp_path: Path) -> None:
    wb = make_workbook(tmp_path, {"法律援助.受理案件": "二百", "人民调解.排查纠纷": 5})
    result = run("render", wb, "-o", tmp_path / "r.docx")
    assert result.exit_code == 1
    assert f"指标!{figure_cell(wb, '法律援助.受理案件')}" in result.output
    assert "--draft" in result.output
    assert not (tmp_path / "r.docx").exists()


def test_render_draft_writes_with_problems_highlighted(tmp_path: Path) -> None:
    wb = make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963,
                                  "人民调解.家事类": 1000, "人民调解.乡村振兴类": 15,
                                  "人民调解.城市生活类": 834, "人民调解.营商环境类": 91,
                                  "人民调解.其他纠纷": 326},
                       points={"x": ("化解矛盾纠纷", "共排查矛盾纠纷【人民调解.排查纠纷】。")})
    out = tmp_path / "初稿.docx"
    result = run("render", wb, "-o", out, "--draft")
    assert result.exit_code == 0, result.output
    assert "sum-mismatch" in result.output
    doc = Document(str(out))
    runs = [r for p in doc.paragraphs for r in p.runs if r.text == "1963件"]
    assert runs and all(r.style.name != "Default Paragraph Font" for r in runs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a,b\n1,2\n", "CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        # a system's “导出Excel” that is a web page: named so, not called CSV
        (b'<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table>', "网页（HTML）"),
        (b"\xef\xbb\xbf\n<!DOCTYPE html>\n<html><head><meta charset=utf-8>", "网页（HTML）"),
    ],
)
def test_unusable_input_is_one_chinese_line_exit_2(tmp_path, content, message) -> None:
    path = tmp_path / "数据.xls"
    path.write_bytes(content)
    result = run("check", path)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and message in lines[0]
    assert "Traceback" not in result.output


def test_missing_kind_is_explained(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "指标"
    wb.active.append(["编号", "本期"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    result = run("check", path)
    assert result.exit_code == 2 and "--kind" in result.output


def test_templates_list_and_copy(tmp_path: Path) -> None:
    result = run("templates", "list")
    assert result.exit_code == 0 and "半年工作总结" in result.output and "内置" in result.output
    folder = tmp_path / "我局"
    result = run("templates", "copy", "半年工作总结", folder)
    assert result.exit_code == 0
    assert (folder / "main.j2").read_text(encoding="utf-8").rstrip().endswith(
        '{% extends "base.j2" %}')
    assert run("templates", "copy", "半年工作总结", folder).exit_code == 2  # no silent overwrite
    out = tmp_path / "r.docx"
    assert run("render", SAMPLE_000, "-o", out, "--office", folder).exit_code == 0


def test_python_dash_m_and_help_are_chinese() -> None:
    proc = subprocess.run([sys.executable, "-m", "drafter", "--help"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0
    assert "生成一张空白数据表" in proc.stdout and "检查数据表" in proc.stdout


def test_debug_shows_the_traceback_of_a_bug_not_of_a_users_error(tmp_path: Path,
                                                                  monkeypatch) -> None:
    result = run("--debug", "check", tmp_path / "无.xlsx")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "文件不存在" in result.output

    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("drafter.pipeline.check_workbook", bug)
    result = run("--debug", "check", SAMPLE_000)
    assert result.exit_code == 3
    assert "Traceback" in result.output and "ZeroDivisionError" in result.output


def test_rendering_twice_gives_identical_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("render", SAMPLE_000, "-o", a).exit_code == 0
    assert run("render", SAMPLE_000, "-o", b).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_init_with_an_office_folder_adds_its_indicators_to_the_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    office = tmp_path / "我局"
    office.mkdir()
    (office / "indicators.toml").write_text(
        '[[indicators]]\nid = "法律援助.刑事案件"\nname = "刑事法律援助案件"\nunit = "件"\n',
        encoding="utf-8")
    out = tmp_path / "数据.xlsx"
    assert run("init", "--kind", "半年工作总结", "--office", office, "-o", out).exit_code == 0
    ids = [c.value for c in load_workbook(out)["指标"]["A"]]
    assert "法律援助.刑事案件" in ids


# ---------------------------------------------------------------- the command line in Chinese


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check"], "缺少参数 数据表"),
        (["check", "--xx", "a.xlsx"], "没有选项 --xx"),
        (["check", "--form", "json", "a.xlsx"], "是否想用 --force、--format"),
        (["chek"], "没有命令“chek”，是否想用“check”"),
        (["render", "a.xlsx"], "缺少选项 --output/-o"),
        (["render", "a.xlsx", "-o"], "选项 -o 后面要写一个值"),
        (["init", "-k", "半年工作总结", "-o", "a.xlsx", "多余"], "多余的参数：多余"),
        (["--debug=1", "check", "a.xlsx"], "选项 --debug 不带值"),
        (["templates", "copy"], "缺少参数 报告类型"),
    ],
)
def test_usage_errors_are_chinese(args, says) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert says in result.output, result.output
    assert "--help 查看用法" in result.output
    for english in ("Error", "Usage", "Missing", "No such", "Try ", "Invalid value"):
        assert english not in result.output, result.output


def test_help_is_chinese_all_the_way() -> None:
    from typer.main import get_command

    from drafter.cli import templates_app

    commands = [[name] for name in get_command(app).commands  # type: ignore[attr-defined]
                if name not in ("templates", "site")]
    commands += [["templates", c.name] for c in templates_app.registered_commands]
    assert ["render"] in commands and ["templates", "copy"] in commands
    for args in [[], ["templates"], *commands]:  # each command: @app.command(cls=usage.Command)
        args = [*args, "--help"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("用法：") and "显示本帮助并退出" in result.output
        for english in ("Usage:", "Options", "Arguments", "Commands", "Show this message",
                        "[required]", "default:", "<str>", "<path>", "[OPTIONS]"):
            assert english not in result.output, (args, english)


def test_unreadable_or_missing_input_is_named_in_chinese(tmp_path: Path) -> None:
    missing = tmp_path / "没有.xlsx"
    result = run("check", missing)
    assert result.exit_code == 2 and str(missing) in result.output
    assert "Invalid value" not in result.output and "not readable" not in result.output
    folder = tmp_path / "空文件夹"
    folder.mkdir()
    result = run("render", folder, "-o", tmp_path / "输出")
    assert result.exit_code == 2 and "文件夹中没有 .xlsx 数据表" in result.output


def test_json_lists_a_file_that_could_not_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.output[result.output.index("{"):])
    [entry] = payload["files"]
    assert entry["file"] == str(bad) and entry["code"] == 2 and entry["findings"] == []
    assert "CSV" in entry["problem"]


def test_findings_table_lines_up_by_display_width(tmp_path: Path) -> None:
    from rich.cells import cell_len

    wb = make_workbook(tmp_path, {"法律援助.受理案件": "二百", "人民调解.排查纠纷": 1963,
                                  "人民调解.家事类": 1000}, facts={"单位名称": ""})
    result = run("check", wb)
    rows = [line for line in result.output.splitlines() if line.endswith("]") and "  " in line]
    assert len(rows) >= 2
    # the message starts at the same display column on every row, whatever the cell's width
    starts = {cell_len(re.match(r"^  \S+  \S+\s+", row).group(0)) for row in rows}
    assert len(starts) == 1, rows
    assert len({cell_len(re.match(r"^  \S+  \S+", row).group(0)) for row in rows}) > 1


def test_config_mistake_of_a_single_render_names_only_the_config_file(tmp_path: Path) -> None:
    office = tmp_path / "本局"
    office.mkdir()
    (office / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    (office / "style.toml").write_text("numbering = 3\n", encoding="utf-8")
    result = run("render", SAMPLE_000, "-o", tmp_path / "r.docx", "--office", office)
    assert result.exit_code == 2
    [line] = [x for x in result.output.splitlines() if x.strip()]
    assert line.startswith(f"错误：{office / 'style.toml'}：第1行：") and SAMPLE_000.name not in line


def test_help_columns_line_up_by_display_width() -> None:
    from rich.cells import cell_len

    for command in ("init", "check", "render", "rollup"):
        text = runner.invoke(app, [command, "--help"]).output
        options = text.split("选项：", 1)[1]
        rows = [line for line in options.splitlines() if line.startswith("  -")]
        starts = {cell_len(re.match(r"^  (\S+(?:,? \S+)*?)\s{2,}", row).group(0)) for row in rows}
        assert len(starts) == 1, (command, rows)


def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path, monkeypatch) -> None:
    import drafter.files

    real_open = os.open

    def refuse(path, flags, *args, **kw):  # files can be read, none created
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(drafter.files.os, "open", refuse)
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLE_000, "-o", out)
    assert result.exit_code == 2, result.output
    assert "没有权限在文件夹" in result.output and str(tmp_path) in result.output
    assert "内部错误" not in result.output
