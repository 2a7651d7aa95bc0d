"""drafter's per-user cache folder, $XDG_CACHE_HOME/drafter (else ~/.cache/drafter), and the
test of whether it may be used: a real folder (not a link), owned by this user and writable
by nobody else (POSIX). templating.cache keeps compiled templates there (sealed, since they
are code), config.tomlcache parsed settings files (plain data). A cache that cannot be made
or trusted is simply not used.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


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
