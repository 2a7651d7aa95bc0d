"""A batch writing many files into one folder looks for stale temporary files there once,
not once per file (files.sweeping): each write would otherwise scan the whole folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import files


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def test_a_sweep_removes_every_targets_stale_temp_files_once(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    host, dead = files._HOST, _dead_pid()
    stale = [tmp_path / f".{name}.drafter-{host}-{dead}-0.tmp" for name in ("甲.docx", "乙.docx")]
    running = tmp_path / f".甲.docx.drafter-{host}-{os.getppid()}-0.tmp"
    other_host = tmp_path / f".甲.docx.drafter-elsewhere-{dead}-0.tmp"
    for p in (*stale, running, other_host):
        p.write_bytes(b"x")
    scans = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: scans.append(path) or real(path))
    with files.sweeping(tmp_path) as removed:
        assert sorted(removed) == sorted(stale)
        for name in ("甲.docx", "乙.docx", "丙.docx"):
            files.write_bytes(tmp_path / name, b"report")
        assert len(scans) == 1  # the sweep's own; no write scanned the folder again
    assert running.exists() and other_host.exists()
    assert not any(p.exists() for p in stale)
    assert (tmp_path / "乙.docx").read_bytes() == b"report"
    late = tmp_path / f".丙.docx.drafter-{host}-{dead}-1.tmp"
    late.write_bytes(b"x")
    files.write_bytes(tmp_path / "丙.docx", b"again", replace=True)  # outside: scans again
    assert not late.exists() and len(scans) == 2
