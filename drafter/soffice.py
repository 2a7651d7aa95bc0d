"""LibreOffice headless, run the one way drafter runs it: `drafter pdf` (a .docx → PDF) and
`drafter import` (a .doc, .wps, .odt → .docx) both go through `Workspace.convert`.

Each run has its own folder (a private profile through `-env:UserInstallation`, LibreOffice's
own temporary files through TMPDIR, the input under a plain name, the output) so that parallel
runs and a LibreOffice the user has open do not collide. LibreOffice runs in a session of its
own under a timeout; when the time is up, when drafter is interrupted (Ctrl-C) or told to stop
(SIGTERM, SIGHUP), the whole process group is killed, the folder is removed, and only then does
drafter stop. Nothing of a run is left behind in any of these cases.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from drafter.errors import DrafterError

TIMEOUT = 180  # seconds: a cold LibreOffice start and a long report fit well within
_STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


class SofficeError(DrafterError):
    """LibreOffice is missing, failed, or took too long."""


class _Stopped(BaseException):
    """drafter was told to stop (SIGTERM, SIGHUP) while LibreOffice was running."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def find_soffice() -> str | None:
    """The LibreOffice program: on PATH, else its usual place on Windows and macOS."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = []
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES", r"C:\Program Files"),
                     os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")):
            candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


class Workspace:
    """A run's folder; `convert` may be called in it once or more."""

    def __init__(self, folder: Path, soffice: str, error: type[DrafterError]):
        self.folder = folder
        self.soffice = soffice
        self.error = error
        self.env = dict(os.environ)
        tmp = folder / "tmp"
        tmp.mkdir()
        for name in ("TMPDIR", "TMP", "TEMP"):  # LibreOffice's own lu*.tmp files
            self.env[name] = str(tmp)

    def convert(self, source: Path, to: str, *, shown: Path, suffix: str,
                timeout: float = TIMEOUT, infilter: str = "") -> Path:
        """`source` converted by the filter `to` (pdf:writer_pdf_Export, docx:"MS Word 2007
        XML"); returns the file made, inside the folder. `shown` names the user's file in
        messages; `suffix` is what the source is copied as (LibreOffice goes by its content,
        the name only helps); `infilter` names the import filter, so that a file that is not
        what it claims is refused at once rather than read as plain text."""
        src = self.folder / f"in{suffix}"  # a plain name: LibreOffice's output name is known
        shutil.copyfile(source, src)
        out_dir = self.folder / "out"
        cmd = [self.soffice, f"-env:UserInstallation={(self.folder / 'profile').as_uri()}",
               "--headless", "--norestore", "--nologo", "--nolockcheck",
               *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", to, "--outdir", str(out_dir), str(src)]
        _run(cmd, self.env, timeout, shown, self.error)
        made = out_dir / f"in.{to.split(':', 1)[0]}"
        if not made.is_file() or made.stat().st_size == 0:
            raise self.error("LibreOffice 没有生成文件(文件可能已损坏,或不是它能打开的文档)",
                             file=str(shown))
        return made


@contextlib.contextmanager
def workspace(prefix: str, *, missing: str, error: type[DrafterError] = SofficeError
              ) -> Iterator[Workspace]:
    """A LibreOffice run's folder, removed on every way out; `missing`: the message when
    LibreOffice is not installed."""
    soffice = find_soffice()
    if soffice is None:
        raise error(missing)
    stopped: _Stopped | None = None
    with _signals_stop_the_run():
        try:
            with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
                yield Workspace(Path(tmp), soffice, error)
        except _Stopped as exc:
            stopped = exc
    if stopped is not None:  # the folder is gone: now stop as asked
        os.kill(os.getpid(), stopped.signum)
        raise KeyboardInterrupt  # the default action of the signal normally ends us first


@contextlib.contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    """While LibreOffice runs, SIGTERM and SIGHUP raise _Stopped (so that the process group is
    killed and the folder removed); afterwards the previous handlers are back. Only the main
    thread can set handlers: in the web page's worker threads the timeout still holds."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = {}
    for sig in _STOP_SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            previous[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run(cmd: list[str], env: dict[str, str], timeout: float, shown: Path,
         error: type[DrafterError]) -> None:
    kwargs: dict[str, object] = {}
    if sys.platform != "win32":
        kwargs["start_new_session"] = True  # so that its whole group can be killed
    pending: list[int] = []
    with _deferred(pending):  # a signal while Popen starts it would lose the process
        try:
            proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    **kwargs)  # type: ignore[call-overload]
        except OSError as exc:
            raise error(f"无法启动 LibreOffice:{exc.strerror or exc}") from exc
    try:
        if pending:  # now that the process is known, stop as asked
            raise KeyboardInterrupt if pending[0] == signal.SIGINT else _Stopped(pending[0])
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise error(f"LibreOffice 转换超过 {timeout:g} 秒仍未完成,已停止",
                    file=str(shown)) from None
    finally:
        _stop(proc)  # also on Ctrl-C and SIGTERM; after a normal end it reaps what is left
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise error(f"LibreOffice 转换失败(退出码 {proc.returncode}){tail[0]}", file=str(shown))


@contextlib.contextmanager
def _deferred(pending: list[int]) -> Iterator[None]:
    """Signals that would stop drafter are noted in `pending` instead, for the moment this
    lasts (main thread only; a signal ignored stays ignored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in (signal.SIGINT, *_STOP_SIGNALS):
        with contextlib.suppress(OSError, ValueError):
            handler = signal.getsignal(sig)
            if handler is not signal.SIG_IGN:
                previous[sig] = signal.signal(sig, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill the run's process group (soffice starts soffice.bin, which may outlive it)."""
    if sys.platform != "win32":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
        with contextlib.suppress(Exception):
            proc.communicate(timeout=10)
