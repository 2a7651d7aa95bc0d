"""Writing files safely: a temporary file beside the target, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from drafter.errors import OutputError


def atomic_write(out: Path, write: Callable[[str], object]) -> None:
    """Call `write(tmp_path)`, then move the temporary file over `out` in one step."""
    folder = out.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在:{folder}", file=str(out))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".drafter-", suffix=out.suffix, dir=folder)
    except OSError as exc:  # a read-only folder (the docx writer's own copy caught this too)
        raise OutputError(f"无法在此写入文件:{exc.strerror or exc}", file=str(out)) from exc
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise OutputError(f"无法写入:{exc.strerror or exc}", file=str(out)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes(out: Path, data: bytes) -> None:
    atomic_write(out, lambda tmp: Path(tmp).write_bytes(data))


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False
