"""drafter's per-user cache folder, $XDG_CACHE_HOME/drafter (else ~/.cache/drafter), the
test of whether it may be used (a real folder, not a link, owned by this user and writable by
nobody else: POSIX), and reading and writing its files. templating.cache keeps compiled
templates there (sealed, since they are code), config.tomlcache parsed settings files (plain
data), word.basecache the prepared Word base document. A cache that cannot be made, trusted,
read or written is simply not used: nothing here ever fails a command.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

# read-only, no link followed, and no waiting for a writer if it is a FIFO
READ = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
         | getattr(os, "O_BINARY", 0))


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "drafter"


def ours(st: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (POSIX; on Windows the folder's ACL
    is the profile's)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted(directory: Path) -> bool:
    """Whether a cache folder may be used: a folder, not a link, and ours alone."""
    try:
        st = os.lstat(directory)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and ours(st)


def usable() -> Path | None:
    """The cache folder, made 0700 if missing; None when it cannot be made, written or
    trusted."""
    try:
        directory = folder()
        directory.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=0o700)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return None
    if not trusted(directory) or not os.access(directory, os.W_OK | os.X_OK):
        return None
    return directory


_found: dict[Path, Path | None] = {}


def here() -> Path | None:
    """The usable cache folder (see `usable`), looked for once per process and location."""
    where = folder()
    if where not in _found:
        _found[where] = usable()
    return _found[where]


def read(path: Path, limit: int) -> bytes | None:
    """A cache file's bytes; None when it is missing, a link, not a regular file (a FIFO or
    a device put there is never waited on), longer than `limit` bytes or unreadable."""
    try:
        fd = os.open(path, READ)
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            data = fh.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def write(path: Path, data: bytes) -> None:
    """Put `data` at `path` in one step (a temporary file beside it, then renamed), so a
    reader never sees half a file; a failure leaves no cache file and no temporary one."""
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def trim(directory: Path, prefix: str, keep: int) -> None:
    """Remove the oldest files whose names start with `prefix` beyond `keep` of them."""
    with contextlib.suppress(OSError):
        entries = [e for e in os.scandir(directory) if e.name.startswith(prefix)]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
        for e in entries[: len(entries) - keep]:
            with contextlib.suppress(OSError):
                os.unlink(e.path)


def code_stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Name, size and time of last change of each of `files` (those that exist), in order:
    part of a cache file's name wherever what is kept depends on drafter's own code, so an
    edit of that code never meets an old file."""
    found = []
    for path in sorted(files):
        try:
            st = path.stat()
        except OSError:
            continue
        found.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(found)
