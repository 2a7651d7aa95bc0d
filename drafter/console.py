"""The command's own streams, made safe before anything is printed (used by cli.main only).

- A console that cannot show a character (GBK on Chinese Windows, Latin-1, LANG=C) gets it
  as an escape (\\U0001f600) instead of a UnicodeEncodeError in the middle of a message.
- A stream that cannot be written (stdout sent to a full disk, /dev/full, a closed pipe)
  raises ConsoleError, a DrafterError the command reports in Chinese (exit 2); the stream's
  descriptor is then pointed at the null device, so that nothing is left to fail again when
  Python flushes it at exit (which would print an English "Exception ignored …").
- Descriptors 0–2 closed by the caller (`drafter … >&-`) are opened on the null device: else
  the first file drafter opens would get descriptor 1, and whatever is printed, or what a
  child process (LibreOffice) writes, would land in that file.
"""

from __future__ import annotations

import io
import os
import sys

from drafter.errors import DrafterError, reason


class ConsoleError(DrafterError):
    """Standard output or standard error cannot be written."""


_WHAT = {1: "标准输出", 2: "标准错误输出"}


def _silence(fd: int) -> None:
    """Point descriptor `fd` at the null device (what is still buffered goes nowhere)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, fd)
    except OSError:
        pass
    finally:
        os.close(null)


class Stream(io.TextIOWrapper):
    """A text stream that escapes what its encoding cannot show and reports a failed write as
    ConsoleError (once: afterwards it writes to the null device)."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> OSError | ConsoleError:
        fd = self.buffer.fileno()
        _silence(fd)
        if isinstance(exc, BrokenPipeError):  # piped into `head`, which has read enough
            return exc
        return ConsoleError(f"无法写出{_WHAT.get(fd, '输出')}({reason(exc)})")


def _open_closed_descriptors() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def _wrap(stream: io.TextIOBase | None, fd: int) -> Stream | None:
    """A Stream on `stream`'s own buffer (on Windows, the console's: it takes Unicode), or on
    descriptor `fd` when Python found it closed at start (`stream` is None)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    line_buffering = bool(getattr(stream, "line_buffering", True))
    try:
        if isinstance(stream, io.TextIOWrapper) and stream.buffer.fileno() == fd:
            stream.flush()
            buffer = stream.detach()
        elif stream is None:
            buffer = open(fd, "wb", closefd=False)  # noqa: SIM115 - lives as long as the process
        else:  # not a plain stream (a test harness's): leave it alone
            return None
    except (OSError, ValueError, AttributeError):
        return None
    return Stream(buffer, encoding=encoding, errors="backslashreplace",
                  line_buffering=line_buffering)


def prepare() -> None:
    """Make sys.stdout and sys.stderr safe (see the module's docstring)."""
    _open_closed_descriptors()
    for name, fd in (("stdout", 1), ("stderr", 2)):
        current = getattr(sys, name)
        if isinstance(current, Stream):
            continue
        wrapped = _wrap(current, fd)
        if wrapped is not None:
            setattr(sys, name, wrapped)


def give_up_on(exc: ConsoleError) -> None:
    """A stream failed and the message about it could not be shown either: keep quiet."""
    for fd in (1, 2):
        _silence(fd)
