"""One command's whole process tree: wall time, CPU seconds and peak memory.

`drafter … --jobs N` runs its files in worker processes started through a forkserver: they
are grandchildren of the command, and the forkserver is not waited for by it, so neither
`resource.getrusage(RUSAGE_CHILDREN)` nor the command's own peak sees them. `run` therefore

- makes this process a child subreaper (Linux prctl PR_SET_CHILD_SUBREAPER) for the duration,
  so that whatever the command leaves running is re-parented here and reaped: the CPU seconds
  of every process of the tree are then in RUSAGE_CHILDREN, exactly;
- samples /proc every 100 ms for the tree's processes and their resident memory: the peak of
  the largest single process and the peak of their sum (a sample is a moment: a peak between
  two samples can be missed; with processes that live for seconds it is not). A sample reads
  every process's stat (~2 ms): every 20 ms it took ~9 % of a core from the command timed,
  which on two cores slowed `--jobs 2` (both cores busy) and not `--jobs 1`.

Elsewhere (no /proc, no prctl) it falls back to the command alone: wall time and RUSAGE.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

PROC = Path("/proc")
PR_SET_CHILD_SUBREAPER = 36
INTERVAL = 0.1  # seconds between samples of the tree (see above)


@dataclass(frozen=True)
class Used:
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree
    peak_mb: float  # the largest single process
    sum_mb: float  # the largest sum over the tree's processes at one moment
    processes: int  # how many processes the tree had, all told
    code: int
    stdout: bytes
    stderr: bytes


def _children_cpu() -> float:
    if resource is None:  # pragma: no cover
        return 0.0
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def _subreaper(on: bool) -> bool:
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0
    return False


def _tree(root: int) -> dict[int, int]:
    """pid → resident KB of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(entry.path, "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, todo = {}, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        if pid in rss and pid not in tree:
            tree[pid] = rss[pid]
            todo += children.get(pid, [])
    return tree


def run(argv: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        sample: bool = True) -> Used:
    """Run `argv` to its end (and whatever it started), measuring its whole tree; without
    `sample`, CPU and wall time only (no /proc sampling beside a short timed run)."""
    sampling = sample and PROC.is_dir()
    reaper = _subreaper(True)
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=cwd)
    peak = total = 0
    seen: set[int] = set()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, total
        while not done.wait(INTERVAL):
            tree = _tree(proc.pid)
            if tree:
                seen.update(tree)
                peak = max(peak, *tree.values(), 0)
                total = max(total, sum(tree.values()))

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if reaper:  # what the command left running (the forkserver) ends when it has gone
        with contextlib.suppress(ChildProcessError):
            while True:
                os.waitpid(-1, 0)
        _subreaper(False)
    done.set()
    if sampling:
        sampler.join()
    used = _children_cpu() - cpu
    if not seen and resource is not None:  # no /proc: the command alone
        peak = total = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Used(wall, used, peak / 1024, total / 1024, max(1, len(seen)), proc.returncode,
                out, err)
