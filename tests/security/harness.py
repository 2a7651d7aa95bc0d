"""Run drafter on a hostile input in a child process and measure what it cost.

Each case asserts the same contract (issue: hostile and huge inputs): an exit code in
{0, 1, 2}, a Chinese message naming what was refused, no traceback, the input unchanged,
and peak memory and time within bounds. Memory is the child's peak resident set size from
``resource.getrusage(RUSAGE_CHILDREN)`` measured in a fresh interpreter, so that one case
cannot hide behind another's peak.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Bounds for any input up to 10 MB (docs/security.md).
MAX_SECONDS = 30.0
MAX_RSS_MB = 1024.0

_CHILD = r"""
import json, resource, subprocess, sys, time
start = time.monotonic()
encoding = sys.argv[2]
try:
    proc = subprocess.run(sys.argv[3:], capture_output=True, timeout=float(sys.argv[1]))
    code, out, err = proc.returncode, proc.stdout, proc.stderr
except subprocess.TimeoutExpired as exc:
    code, out, err = "timeout", exc.stdout or b"", exc.stderr or b""
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "out": out.decode(encoding, "replace"),
                  "err": err.decode(encoding, "replace"),
                  "seconds": time.monotonic() - start, "peak_mb": peak_kb / 1024}))
"""


@dataclass
class Run:
    code: int | str  # "timeout" when killed at the time limit
    out: str
    err: str
    seconds: float
    peak_mb: float

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str | os.PathLike[str], timeout: float = MAX_SECONDS,
            cwd: Path | None = None, env: dict[str, str] | None = None,
            encoding: str = "utf-8") -> Run:
    """`drafter ARGS` in a fresh interpreter, its peak memory and wall time measured;
    `encoding`: what its output is decoded with (the console's, PYTHONIOENCODING)."""
    cmd = [sys.executable, "-m", "drafter", *map(str, args)]
    child = subprocess.run([sys.executable, "-c", _CHILD, str(timeout), encoding, *cmd],
                           capture_output=True, text=True, cwd=cwd,
                           env={**os.environ, **(env or {})}, check=True)
    return Run(**json.loads(child.stdout))


def digest(path: Path) -> str:
    """A file's content hash (or a folder's, file by file) to show an input was not touched."""
    if path.is_dir():
        h = hashlib.sha256()
        for p in sorted(path.rglob("*")):
            if p.is_file() and not p.is_symlink():
                h.update(str(p.relative_to(path)).encode() + p.read_bytes())
        return h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def assert_clean_refusal(run: Run, *, codes: tuple[int, ...] = (0, 1, 2), naming: str = "",
                         max_seconds: float = MAX_SECONDS, max_mb: float = MAX_RSS_MB) -> None:
    """The contract every hostile case shares; `naming`: text the message must contain."""
    assert run.code in codes, (run.code, run.text[-2000:])
    assert "Traceback" not in run.text, run.text[-2000:]
    assert "内部错误" not in run.text, run.text[-2000:]
    assert "Exception ignored" not in run.text, run.text[-2000:]  # Python's words at exit
    if run.code != 0:
        assert has_chinese(run.err or run.out), run.text[-2000:]
    if naming:
        assert naming in run.text, (naming, run.text[-2000:])
    assert run.seconds <= max_seconds, run.seconds
    assert run.peak_mb <= max_mb, run.peak_mb


def private_tmp(folder: Path) -> dict[str, str]:
    """An environment giving the child its own temporary folder (`folder`/tmp), so that what it
    leaves there is seen (the machine's /tmp is shared with other runs)."""
    tmp = folder / "tmp"
    tmp.mkdir(exist_ok=True)
    return {"TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}


def left_behind(folder: Path) -> list[str]:
    """Temporary files and folders a run left in `folder` (its own, and private_tmp's)."""
    found = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    tmp = folder / "tmp"
    if tmp.is_dir():
        found += [f"tmp/{p.name}" for p in tmp.iterdir()]
    return sorted(found)
