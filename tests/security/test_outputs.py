"""Outputs (issue 14): never overwritten without --force, never lost to a concurrent run,
readable by colleagues (umask), no temporary files left behind, unwritable folders reported.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter import files
from drafter.errors import OutputError
from tests.conftest import SAMPLE_000
from tests.security.harness import assert_clean_refusal, digest, run_cli


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "数据.xlsx"
    shutil.copy(SAMPLE_000, path)
    return path


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may create files in: chmod, or for root (whom modes do not stop)
    the immutable attribute."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(
                ["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- check --annotate: refuses to overwrite without --force --------------------------------


def test_annotate_keeps_an_existing_file_without_force(tmp_path, workbook) -> None:
    out = tmp_path / "标注.xlsx"
    out.write_bytes(b"a colleague's file")
    run = run_cli("check", workbook, "--annotate", out)
    assert_clean_refusal(run, codes=(2,), naming="--force")
    assert out.read_bytes() == b"a colleague's file"
    run = run_cli("check", workbook, "--annotate", out, "--force")
    assert run.code == 0, run.text
    assert out.read_bytes()[:2] == b"PK"


# --- read-only folders: a Chinese message naming the folder --------------------------------


@pytest.mark.parametrize("command", ["render", "init", "annotate"])
def test_a_read_only_folder_is_reported_in_chinese(tmp_path, workbook, command) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    args = {
        "render": ("render", workbook, "-o", folder / "报告.docx"),
        "init": ("init", "--kind", "半年工作总结", "-o", folder / "空表.xlsx"),
        "annotate": ("check", workbook, "--annotate", folder / "标注.xlsx"),
    }[command]
    before = digest(workbook)
    with read_only(folder):
        run = run_cli(*args)
        assert_clean_refusal(run, codes=(2,), naming=str(folder))
        assert "权限" in run.err
        assert list(folder.iterdir()) == []
    assert digest(workbook) == before


def test_atomic_write_names_the_folder_it_cannot_write(tmp_path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    with read_only(folder), pytest.raises(OutputError) as exc:
        files.write_bytes(folder / "a.docx", b"x")
    assert str(folder) in exc.value.describe() and "权限" in exc.value.describe()


# --- permissions: what the umask gives, not tempfile's 0600 ---------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_get_the_umask_permissions(tmp_path, mask, mode) -> None:
    with umask(mask):
        files.write_bytes(tmp_path / "a.docx", b"x")
        files.write_bytes(tmp_path / "a.docx", b"y", replace=True)
    assert oct(os.stat(tmp_path / "a.docx").st_mode & 0o777) == oct(mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_rendered_draft_and_an_annotated_copy_are_0644_under_umask_022(tmp_path,
                                                                          workbook) -> None:
    with umask(0o022):
        assert run_cli("render", workbook, "-o", tmp_path / "报告.docx").code == 0
        assert run_cli("check", workbook, "--annotate", tmp_path / "标注.xlsx").code == 0
        assert run_cli("init", "-k", "半年工作总结", "-o", tmp_path / "空表.xlsx").code == 0
    for name in ("报告.docx", "标注.xlsx", "空表.xlsx"):
        assert os.stat(tmp_path / name).st_mode & 0o777 == 0o644, name


# --- exclusive creation: two runs, one new path -------------------------------------------


def test_a_target_that_appears_meanwhile_is_not_overwritten(tmp_path) -> None:
    out = tmp_path / "报告.docx"

    def write(tmp: str) -> None:
        Path(tmp).write_bytes(b"mine")
        out.write_bytes(b"the other run's")  # another run finished first

    with pytest.raises(OutputError, match="--force"):
        files.atomic_write(out, write, replace=False)
    assert out.read_bytes() == b"the other run's"
    assert temp_files(tmp_path) == []


def test_without_hard_links_the_name_is_still_reserved_exclusively(tmp_path, monkeypatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")  # FAT, some network shares

    monkeypatch.setattr(os, "link", no_links)
    out = tmp_path / "报告.docx"
    files.write_bytes(out, b"first", replace=False)
    assert out.read_bytes() == b"first"
    with pytest.raises(OutputError, match="--force"):
        files.write_bytes(out, b"second", replace=False)
    assert out.read_bytes() == b"first" and temp_files(tmp_path) == []


def test_concurrent_renders_to_one_new_path_let_exactly_one_succeed(tmp_path, workbook) -> None:
    out = tmp_path / "报告.docx"
    cmd = [sys.executable, "-m", "drafter", "render", str(workbook), "-o", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=60), p.stdout.read() + p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2, 2, 2], results
    for code, text in results:
        assert code == 0 or ("已存在" in text and "Traceback" not in text), text
    assert temp_files(tmp_path) == []


# --- temporary files of a killed run --------------------------------------------------------

_SLOW_WRITER = """
import sys, time
from pathlib import Path
from drafter.files import atomic_write
def write(tmp):
    Path(tmp).write_bytes(b"half")
    print("writing", flush=True)
    time.sleep(60)
atomic_write(Path(sys.argv[1]), write)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_run_leaves_a_temp_file_the_next_run_removes(tmp_path, workbook) -> None:
    out = tmp_path / "报告.docx"
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(out)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    left = temp_files(tmp_path)
    assert len(left) == 1 and left[0].startswith(".报告.docx.drafter-"), left
    run = run_cli("render", workbook, "-o", out)
    assert run.code == 0, run.text
    assert temp_files(tmp_path) == [] and not out.with_suffix(".docx.tmp").exists()


def test_temp_files_of_running_processes_and_other_targets_are_kept(tmp_path) -> None:
    out = tmp_path / "报告.docx"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = files._HOST
    stale = tmp_path / f".报告.docx.drafter-{host}-{dead.pid}-0.tmp"
    running = tmp_path / f".报告.docx.drafter-{host}-{os.getppid()}-0.tmp"
    other_host = tmp_path / f".报告.docx.drafter-elsewhere-{dead.pid}-0.tmp"
    other_target = tmp_path / f".别的.docx.drafter-{host}-{dead.pid}-0.tmp"
    for p in (stale, running, other_host, other_target):
        p.write_bytes(b"x")
    time.sleep(0.01)
    assert files.remove_stale(out) == [stale]
    assert not stale.exists() and running.exists() and other_host.exists()
    assert other_target.exists()


def test_force_replaces_in_one_step_and_leaves_nothing(tmp_path, workbook) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"old")
    run = run_cli("render", workbook, "-o", out)
    assert_clean_refusal(run, codes=(2,), naming="--force")
    assert out.read_bytes() == b"old"
    assert run_cli("render", workbook, "-o", out, "--force").code == 0
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "数据.xlsx"]
