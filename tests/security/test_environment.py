"""The command's surroundings (issue 23, messages and environment): a console that cannot show
a character, output that cannot be written, closed streams, a folder that is a file, an
address that is not this machine's, link loops, no arguments, --debug on a user's error.
Each run is a child process (tests/security/harness.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_000
from tests.security.harness import assert_clean_refusal, digest, has_chinese, run_cli

# an emoji and a character outside GBK (CJK extension B): printed as escapes, never a crash
RARE = "😀𠀀"


@pytest.fixture
def odd_name(tmp_path: Path) -> Path:
    path = tmp_path / f"数据{RARE}.xlsx"
    shutil.copy(SAMPLE_000, path)
    return path


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "latin-1", "cp1252"])
def test_a_console_that_cannot_show_a_character_still_gets_the_message(odd_name, encoding) -> None:
    env = {"PYTHONIOENCODING": encoding}
    passed = run_cli("check", odd_name, env=env, encoding=encoding)
    assert_clean_refusal(passed, codes=(0,))
    # GB18030 covers all of Unicode; the others show the emoji as an escape
    assert (RARE if encoding == "gb18030" else "\\U0001f600") in passed.text
    refused = run_cli("check", odd_name.with_name(f"没有{RARE}.xlsx"), env=env, encoding=encoding)
    if encoding.startswith("gb"):  # Chinese shows; the emoji is an escape
        assert_clean_refusal(refused, codes=(2,), naming="文件不存在")
    else:  # a Western console: the message is escapes, but it is there and nothing crashed
        assert refused.code == 2 and "Traceback" not in refused.text, refused.text
        assert "\\u6587\\u4ef6\\u4e0d\\u5b58\\u5728" in refused.text  # 文件不存在


def test_a_c_locale_without_utf8_mode_does_not_crash(odd_name) -> None:
    """(An ASCII console: click writes UTF-8 to it, replacing what cannot be encoded.)"""
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONIOENCODING": ""}
    run = run_cli("check", odd_name.with_name(f"没有{RARE}.xlsx"), env=env)
    assert run.code == 2 and "Traceback" not in run.text, run.text


def _drafter(*args: str | Path, shell_redirect: str, cwd: Path) -> subprocess.CompletedProcess:
    """`drafter ARGS` with a shell redirection of its streams (`>&-`, `>/dev/full`)."""
    cmd = " ".join(f"'{a}'" for a in (sys.executable, "-m", "drafter", *map(str, args)))
    return subprocess.run(["sh", "-c", f"{cmd} {shell_redirect}"], capture_output=True,
                          cwd=cwd, timeout=60, check=False)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", SAMPLE_000], ["check", SAMPLE_000, "-f", "json"],
                                  ["--help"], []])
def test_stdout_on_a_full_disk_is_a_chinese_message(tmp_path, args) -> None:
    done = _drafter(*args, shell_redirect=">/dev/full", cwd=tmp_path)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "无法写出标准输出(磁盘已满)".replace("(", "（").replace(")", "）") in err
    assert "Traceback" not in err and "Exception ignored" not in err and "内部错误" not in err


@pytest.mark.parametrize("redirect", [">&-", "2>&-", ">&- 2>&-", "2>/dev/full"])
def test_closed_streams_give_no_english_and_no_crash(tmp_path, redirect) -> None:
    for args in (["check", SAMPLE_000], ["check", tmp_path / "没有.xlsx"]):
        done = _drafter(*args, shell_redirect=redirect, cwd=tmp_path)
        said = (done.stdout + done.stderr).decode("utf-8", "replace")
        assert done.returncode in (0, 2), said
        assert "Traceback" not in said and "Exception ignored" not in said
        assert "Error" not in said and "内部错误" not in said


def test_with_stdout_closed_nothing_printed_lands_in_the_report(tmp_path) -> None:
    out = tmp_path / "报告.docx"
    done = _drafter("render", SAMPLE_000, "-o", out, shell_redirect=">&-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    with zipfile.ZipFile(out) as zf:  # a file opened on descriptor 1 would hold "已生成 …"
        assert zf.testzip() is None


@pytest.mark.parametrize("target", ["file", "/proc/drafter-x", "/proc/self"])
def test_templates_copy_into_what_is_no_folder_is_refused(tmp_path, target) -> None:
    if target == "file":
        path = tmp_path / "单位.txt"
        path.write_text("keep")
    else:
        if not os.path.isdir("/proc/self"):
            pytest.skip("needs /proc")
        path = Path(target)
    run = run_cli("templates", "copy", "半年工作总结", path)
    assert_clean_refusal(run, codes=(2,), naming=str(path))
    if target == "file":
        assert path.read_text() == "keep"


@pytest.mark.parametrize("host", ["8.8.8.8", "no-such-host.invalid", "foo bar::]", "[::1",
                                  "999.1.1.1", "-x-", "a" * 300])
def test_serve_on_an_address_that_is_not_this_machines_is_refused_quickly(host) -> None:
    run = run_cli("serve", "--no-browser", "--port", "0", "--host", host, timeout=20)
    assert_clean_refusal(run, codes=(2,), max_seconds=10)
    assert "地址" in run.err


def test_no_arguments_show_the_help() -> None:
    run = run_cli()
    assert run.code in (0, 2)
    assert "用法" in run.text and "命令" in run.text and "Traceback" not in run.text


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The draft of sample 000."""
    from drafter.pipeline import check_workbook, render_report

    out = tmp_path_factory.mktemp("draft") / "报告.docx"
    render_report(check_workbook(SAMPLE_000), out)
    return out


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    a, b = tmp_path / "甲.xlsx", tmp_path / "乙.xlsx"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


@pytest.mark.parametrize("command", [
    ["check", "{loop}"], ["render", "{loop}", "-o", "{tmp}/r.docx"], ["pdf", "{loop}"],
    ["verify", "{loop}", str(SAMPLE_000)], ["verify", "{docx}", "{loop}"],
    ["import", "{loop}", "-o", "{tmp}/n.xlsx"], ["merge", "{loop}", str(SAMPLE_000), "-o",
                                                 "{tmp}/m.xlsx"],
    ["init", "--from", "{loop}", "-o", "{tmp}/n.xlsx"], ["rollup", "{loop}", "-o",
                                                         "{tmp}/c.xlsx"],
    ["render", str(SAMPLE_000), "-o", "{tmp}/r.docx", "--office", "{loop}"],
])
def test_a_symbolic_link_loop_is_refused(tmp_path, loop, draft, command) -> None:
    args = [a.format(loop=loop, tmp=tmp_path, docx=draft) for a in command]
    before = digest(tmp_path)
    run = run_cli(*args)
    assert_clean_refusal(run, codes=(2,), naming=loop.name)
    assert digest(tmp_path) == before
    assert not (tmp_path / "r.docx").exists() and not (tmp_path / "n.xlsx").exists()


def test_debug_on_a_users_error_is_the_chinese_message_only(tmp_path) -> None:
    run = run_cli("--debug", "check", tmp_path / "没有.xlsx")
    assert_clean_refusal(run, codes=(2,), naming="文件不存在")
    assert has_chinese(run.err)
