"""Every uploaded or generated file, kept by its content: files/ab/abcdef….

A file's name is the sha256 of its bytes, so no form field ever becomes a file name, two
uploads of the same bytes are one file, and a file once written is never overwritten or
deleted: a new upload is a new file, and the database row points at it. A file is written to
a temporary name, flushed to disk, then linked under its final name (link fails if the name
exists: never a half-written file under a final name, never a replacement).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

from drafter.errors import DrafterError

_SHA = re.compile(r"[0-9a-f]{64}")


class Store:
    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, sha: str) -> Path:
        if not _SHA.fullmatch(sha):  # only our own names; never a path from elsewhere
            raise DrafterError(f"文件编号不对:{sha[:80]}")
        return self.folder / sha[:2] / sha

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        final = self.path(sha)
        if final.exists():
            return sha
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.parent / f".{sha}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            # FileExistsError: the same bytes landed at the same moment, already kept
            with contextlib.suppress(FileExistsError):
                os.link(tmp, final)
            _sync_dir(final.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        return sha

    def read(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def all(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.glob("??/*") if _SHA.fullmatch(p.name))


def _sync_dir(folder: Path) -> None:
    """The new name on disk too (a crash right after the answer keeps the file)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
