"""A batch's files in worker processes: `--jobs N` of check, render and rollup.

Each worker process keeps one batch.Session per set of options (each pack read and its
templates compiled once per worker) and sends back a small outcome: the findings and what
became of the file, never the pack or the workbook's cells (batch.slim; a full result is
~130 KB, 3,000 of them would not fit the memory budget). The parent puts its own copy of the
pack back, loaded once, so the outcomes it hands the CLI are what one process would have made:
in the same order, with the same findings, files and exit code. Work is handed out in small
chunks, in order, and the results are taken in order, so the progress bar advances as in one
process.

Start method: forkserver where the platform has it (Linux, macOS), else spawn (Windows).
fork would start workers fastest, but it copies a process that may be running threads (rich's
progress bar refreshes from one; the executor has its manager thread), a known way to
deadlock a child. forkserver forks each worker from a clean server process that imported
drafter's batch modules once (the preload), so after the server's one-time start (about the
cost of one `drafter --help`) each worker starts in milliseconds, without importing anything
again; spawn starts a fresh interpreter per worker. Workers ignore Ctrl+C: the parent is
interrupted, cancels what is queued and exits (130).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError

if TYPE_CHECKING:  # the rest is imported when workers are started (not by a one-file run)
    import multiprocessing.context
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from drafter.batch import Outcome, Session
    from drafter.config.catalog import Catalog
    from drafter.model.figures import WorkbookData
    from drafter.model.findings import Report

# Below this many files per worker, starting the workers costs more than they save: the
# default then uses fewer workers (one: in this process). A report takes ~20–50 ms; starting
# the pool ~0.3 s. As many files are done by this process itself while the workers start
# (`ahead`): the forkserver imports drafter meanwhile, and no core waits.
FILES_PER_WORKER = 16
# What a worker has imported before its first file (the forkserver preloads it).
PRELOAD = ["drafter.parallel", "drafter.pipeline"]
RENDER_PRELOAD = ["drafter.templating.render", "drafter.word.writer", "babel.numbers",
                  "babel.dates"]


def cores() -> int:
    """The processors this process may run on."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers(jobs: int | None, files: int) -> int:
    """How many processes to use: `jobs` as asked (at most one per file); by default the
    machine's cores, fewer when the batch is too small to repay starting them."""
    if jobs is not None:
        return max(1, min(jobs, files))
    return max(1, min(cores(), files // FILES_PER_WORKER))


def ahead(files: int, jobs: int) -> int:
    """How many of `files` (the first) this process does itself while `jobs` workers start."""
    return min(FILES_PER_WORKER, files // (jobs + 1))


def context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@dataclass
class Sent:
    """An Outcome as a worker sends it: the pack left out (the parent has its own)."""

    path: Path
    kind: str | None  # the pack's kind; None: the file could not be read
    report: Report | None
    catalog: Catalog | None  # only when the workbook's own differs from the pack's
    data: WorkbookData | None
    output: Path | None
    problem: str
    code: int
    exc: BaseException | None


@contextmanager
def pool(jobs: int, *, render: bool = False, swept: Path | None = None
         ) -> Iterator[ProcessPoolExecutor]:
    """`swept`: the output folder the parent has swept of stale temporary files (the
    workers then need not look again before each report they write)."""
    from concurrent.futures import ProcessPoolExecutor

    ctx = context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        ctx.set_forkserver_preload(PRELOAD + (RENDER_PRELOAD if render else []))
        # started now, not at the first task: it imports the preload while this process
        # does the files ahead of the workers (its start would otherwise hold up the first)
        forkserver.ensure_running()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_start,
                                   initargs=(swept,))
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def results(executor: ProcessPoolExecutor, tasks: Sequence[tuple], jobs: int) -> Iterator[Sent]:
    """Each task's outcome, in order (a worker that died is reported, not a traceback).

    The tasks are handed out at once, from a thread: starting a worker waits until the
    forkserver has imported drafter, and this process does its own files meanwhile
    (batch: `ahead`); the outcomes are waited for only when the first is asked."""
    import threading

    chunk = max(1, min(4, len(tasks) // (jobs * 4)))
    handed: list[Iterator[Sent] | BaseException] = []

    def hand_out() -> None:
        try:
            handed.append(executor.map(run, tasks, chunksize=chunk))
        except BaseException as exc:  # raised where the outcomes are asked
            handed.append(exc)

    thread = threading.Thread(target=hand_out, name="drafter-jobs", daemon=True)
    thread.start()
    return _outcomes(thread, handed)


def _outcomes(thread: threading.Thread, handed: list[Iterator[Sent] | BaseException]
              ) -> Iterator[Sent]:
    from concurrent.futures.process import BrokenProcessPool

    thread.join()
    try:
        if isinstance(handed[0], BaseException):
            raise handed[0]
        yield from handed[0]
    except BrokenProcessPool as exc:
        raise DrafterError("并行处理的工作进程意外退出(可能是内存不足),请加 --jobs 1 重试") from exc


def _start(swept: Path | None) -> None:
    """Worker start: Ctrl+C is the parent's to handle; the output folder is swept."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if swept is not None:
        from drafter import files

        files.swept(swept)


_sessions: dict[tuple, Session] = {}


def run(task: tuple) -> Sent:
    """In a worker: one file checked (`path`) or rendered (`(path, out)`), as batch does."""
    from drafter import batch

    options, item, force, figures = task
    session = _sessions.get(options)
    if session is None:
        session = _sessions[options] = batch.Session(**dict(options))
    if isinstance(item, tuple):
        done = session.render(item[0], item[1], force=force)
    else:
        done = session.check(item)
    return sent(batch.slim(done, figures=figures))


def sent(o: Outcome) -> Sent:
    r = o.result
    return Sent(o.path, r.pack.info.kind if r else None, r.report if r else None,
                None if r is None or r.catalog is r.pack.catalog else r.catalog,
                r.data if r else None, o.output, o.problem, o.code, _portable(o.exc))


def _portable(exc: BaseException | None) -> BaseException | None:
    """`exc` as it can cross to the parent: its traceback as a note (--debug prints it)."""
    import pickle
    import traceback

    if exc is None:
        return None
    stack = "".join(traceback.format_tb(exc.__traceback__))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    if stack:
        exc.add_note(f"(工作进程 {os.getpid()} 中的调用栈)\n{stack.rstrip()}")
    return exc
