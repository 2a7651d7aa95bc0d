"""Writing files safely: a temporary file beside the target, then one step into place.

- A new file is created exclusively: the temporary file is hard-linked to the target, which
  fails if the target appeared meanwhile (two runs writing the same new draft: one of them is
  told, none is silently lost). Where hard links are not supported (FAT/exFAT sticks, some
  network shares) the target name is reserved with O_EXCL instead. With `replace` (--force)
  the temporary file replaces the target atomically.
- Files get the permissions the user's umask gives a new file (0644 under umask 022), not the
  0600 of tempfile.mkstemp: drafts are read by colleagues on shared folders.
- Temporary files are named `.<target>.drafter-<host>-<pid>.tmp`: a run that was killed leaves
  one, and the next run writing the same target removes it once that process is gone.
- A folder that cannot be written is reported in Chinese, naming the folder.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import itertools
import os
import re
import stat
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from drafter.errors import OutputError, reason

_NODE = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
_HOST = re.sub(r"[^A-Za-z0-9-]", "", _NODE)[:32] or "host"  # runs elsewhere are not ours
_STALE_SECONDS = 3600  # where a process cannot be asked about (Windows): temp files this old
_counter = itertools.count()


NAME_BYTES = 255  # a file name, on every common file system
PATH_BYTES = 4096  # a whole path (Linux's PATH_MAX)


def _stem(out: Path) -> str:
    """What a temporary file of `out` is named after: the name itself, or where that would
    make the temporary name too long, a digest of it."""
    longest = f".{out.name}.drafter-{_HOST}-4294967295-99999999.tmp"
    if len(os.fsencode(longest)) <= NAME_BYTES:
        return out.name
    return "~" + hashlib.sha256(os.fsencode(out.name)).hexdigest()[:20]


def _temp_name(out: Path) -> Path:
    return out.with_name(f".{_stem(out)}.drafter-{_HOST}-{os.getpid()}-{next(_counter)}.tmp")


def check_name(out: Path) -> None:
    """OutputError when `out`'s name or path is longer than a file system allows."""
    name = len(os.fsencode(Path(out).name))
    if name > NAME_BYTES:
        raise OutputError(f"文件名过长({name} 字节,超过文件系统 {NAME_BYTES} 字节的上限),"
                          "请缩短文件名", file=_shown(out))
    whole = len(os.fsencode(os.path.abspath(out)))
    if whole >= PATH_BYTES:
        raise OutputError(f"路径过长({whole} 字节,超过 {PATH_BYTES} 字节的上限),"
                          "请换一个层级较浅的文件夹", file=_shown(out))


def _shown(out: Path) -> str:
    text = str(out)
    return text if len(text) <= 120 else f"{text[:60]}…{text[-50:]}"


def exists(out: Path) -> bool:
    """Whether `out` exists (as Path.exists), for an output path: its name checked first
    (check_name), so that a name too long is a message, not an OSError."""
    check_name(out)
    try:
        return os.path.lexists(out)
    except (OSError, ValueError):
        return False


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would terminate it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def remove_stale(out: Path) -> list[Path]:
    """Remove temporary files of `out` left by runs of this machine that have ended (none
    to look for while a batch writing into its folder has swept it: see `sweeping`)."""
    if _swept and os.path.abspath(out.parent) in _swept:
        return []
    return _remove_stale(out.parent, re.escape(_stem(out)))


_swept: set[str] = set()  # folders a batch has swept of stale temporary files


@contextlib.contextmanager
def sweeping(folder: Path) -> Iterator[list[Path]]:
    """For a batch writing many files into `folder`: the stale temporary files of every
    target there removed once now (listed in what this yields), instead of a scan of the
    folder before each write (in a folder of 3,000 reports, 3,000 scans of 3,000 names)."""
    key = os.path.abspath(folder)
    removed = _remove_stale(Path(folder), ".+")
    _swept.add(key)
    try:
        yield removed
    finally:
        _swept.discard(key)


def swept(folder: Path) -> None:
    """In a worker process of a batch (drafter.parallel): `folder` has been swept by the
    batch, for as long as this process lives."""
    _swept.add(os.path.abspath(folder))


def _remove_stale(folder: Path, name: str) -> list[Path]:
    pattern = re.compile(rf"\.{name}\.drafter-{_HOST}-(\d+)-\d+\.tmp")
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            m = pattern.fullmatch(entry.name)
            if not m or not entry.is_file(follow_symlinks=False):
                continue
            pid = int(m.group(1))
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
            if pid != os.getpid() and (not _alive(pid) or (sys.platform == "win32" and old)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _folder_error(folder: Path, out: Path, exc: OSError) -> OutputError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"没有权限在文件夹 {folder} 中写入文件,请换一个输出位置",
                           file=str(out))
    if exc.errno == errno.ENOSPC:
        return OutputError(f"文件夹 {folder} 所在的磁盘已满", file=str(out))
    return OutputError(f"无法在文件夹 {folder} 中写入:{reason(exc)}", file=str(out))


def atomic_write(out: Path, write: Callable[[str], object], *, replace: bool = True) -> None:
    """Call `write(tmp_path)`, then put the temporary file at `out` in one step: replacing
    what is there (`replace`: keeping its permission bits), or only if `out` does not exist
    yet (else OutputError)."""
    out = Path(out)
    check_name(out)
    folder = Path(os.path.abspath(out)).parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在:{folder}", file=str(out))
    remove_stale(out)
    tmp = _temp_name(out)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666)
        os.close(fd)
    except OSError as exc:
        raise _folder_error(folder, out, exc) from exc
    try:
        try:
            write(str(tmp))
        except OSError as exc:  # a full disk in the middle of a zip: its writer is left open
            _let_go(exc)
            raise
        except Exception as exc:
            failed = _io_error(exc)  # lxml's (openpyxl writes sheets through it)
            if failed is None:
                raise
            _let_go(exc)
            raise failed from None
        if replace:
            _keep_mode(out, tmp)
            os.replace(tmp, out)
        else:
            _create(tmp, out)
    except FileExistsError as exc:
        raise OutputError("文件已存在(可能刚由另一次运行写入);如要覆盖,请加 --force",
                          file=str(out)) from exc
    except OSError as exc:
        raise _folder_error(folder, out, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _keep_mode(out: Path, tmp: Path) -> None:
    """Give `tmp` the permission bits of the file it replaces (a 0600 report stays 0600)."""
    try:
        mode = stat.S_IMODE(os.stat(out).st_mode)
    except OSError:  # nothing there yet: the umask's
        return
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _io_error(exc: Exception) -> OSError | None:
    """lxml's serialiser reports a failed write as SerialisationError("IO_ENOSPC"): the
    OSError it stands for, or None for any other error."""
    text = str(exc)
    if type(exc).__name__ != "SerialisationError" or not text.startswith("IO_"):
        return None
    code = getattr(errno, text[3:].split()[0], None) if len(text) > 3 else None
    return OSError(code or errno.EIO, text)


def _let_go(exc: BaseException) -> None:
    """Drop what a failed writer left open (a ZipFile whose central directory could not be
    written): closed now, quietly, rather than at exit with Python's English "Exception
    ignored in ZipFile.__del__" and a traceback after the message."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        exc.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _create(tmp: Path, out: Path) -> None:
    """Move `tmp` to `out`, failing with FileExistsError if `out` exists."""
    try:
        os.link(tmp, out)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS, errno.EACCES):
            raise
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # reserve the name
    os.close(fd)
    os.replace(tmp, out)


def write_bytes(out: Path, data: bytes, *, replace: bool = True) -> None:
    atomic_write(out, lambda tmp: Path(tmp).write_bytes(data), replace=replace)


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file: the same path after links, or another name of it
    (a hard link, a bind mount, a case-insensitive disk)."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before Python 3.13)
        pass
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def input_stat(path: Path, directory: str) -> os.stat_result:
    """A file to read, refused in Chinese when it is missing, a folder (`directory`: what to
    say), not a regular file (a pipe, a device) or empty; its stat when it is none of these."""
    from drafter.errors import InputFileError

    shown = str(path)
    try:
        st = path.stat()
    except OSError:
        raise InputFileError("找不到文件", file=shown) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError(directory, file=shown)
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError("不是普通文件(管道、设备等),无法读取", file=shown)
    if st.st_size == 0:
        raise InputFileError("文件是空的(0 字节)", file=shown)
    return st
