"""Reading an office's or a pack's own files, and nothing else.

An office folder is shared between colleagues (copied, unzipped, synced): a file in it may be
a symbolic link to somewhere else (`main.j2 -> /etc/passwd`), and a template may name any path
(`{% include '../../etc/passwd' %}`). Every loader (templates, pack.toml / indicators.toml /
style.toml, reference.docx) goes through `vet_file`: the file must be a regular file inside
its folder (the root), reached without a symbolic link (or Windows junction) at any component
below the root, and its resolved path must lie inside the root's resolved path. The root
itself may sit behind links: the user named it.

A hard link is another name of a file that may live anywhere on the disk (`ln /etc/shadow
main.j2` needs no right over the folder), and nothing tells which name is the "real" one: a
regular file with more than one name (st_nlink > 1) is refused as a link is. Drafter's own
built-in packs are exempt: an installer may hard-link a package's files from its cache.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import CatalogError, DrafterError, reason

MAX_CONFIG_BYTES = 10_000_000  # a pack.toml, indicators.toml or style.toml (10,000 indicators: 1.3 MB)
_REPARSE_POINT = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)


def _is_link(st: os.stat_result) -> bool:
    return stat.S_ISLNK(st.st_mode) or bool(getattr(st, "st_file_attributes", 0) & _REPARSE_POINT)


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def vet_file(path: Path, root: Path, *, error: type[DrafterError] = CatalogError) -> Path:
    """`path` (as given: relative to the working folder, like `root`, or absolute), checked
    to be a regular file inside `root` reached without links; its resolved form is returned.
    Refusals raise `error` naming the file."""
    root_abs = os.path.abspath(root)
    path_abs = os.path.abspath(path)  # '..' is resolved lexically
    if not _inside(path_abs, root_abs) or path_abs == root_abs:
        raise error(f"拒绝读取:文件不在所在文件夹 {root} 之内", file=str(path))
    current = root_abs
    for part in Path(os.path.relpath(path_abs, root_abs)).parts:
        current = os.path.join(current, part)
        try:
            st = os.lstat(current)
        except FileNotFoundError as exc:
            raise error("找不到文件", file=str(path)) from exc
        except OSError as exc:
            raise error(f"无法读取:{reason(exc)}", file=str(path)) from exc
        if _is_link(st):
            raise error("拒绝读取:这是一个符号链接(快捷方式),drafter 只读取单位文件夹和模板包中的"
                        "普通文件;请放入文件本身", file=str(current))
    if not stat.S_ISREG(st.st_mode):
        raise error("拒绝读取:不是普通文件", file=str(path))
    real, real_root = os.path.realpath(path_abs), os.path.realpath(root_abs)
    if not _inside(real, real_root):
        raise error(f"拒绝读取:文件不在所在文件夹 {root} 之内", file=str(path))
    _one_name(st, real, path, error)
    return Path(real)


def _one_name(st: os.stat_result, real: str, path: Path, error: type[DrafterError]) -> None:
    """Refuse a file with other names (hard links), unless it is one of drafter's own."""
    if st.st_nlink > 1 and not _inside(real, _builtin()):
        raise error(f"拒绝读取:这个文件另有 {st.st_nlink - 1} 个名字(硬链接),可能是文件夹之外某个"
                    "文件的别名;drafter 只读取单位文件夹中的普通文件,请放入文件本身的副本",
                    file=str(path))


def builtin_dir() -> Path:
    """The built-in packs: inside the installed package, or templates/ in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the drafter package
    installed = here / "_templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"


def _builtin() -> str:
    return os.path.realpath(builtin_dir())


def present(path: Path, root: Path | None = None, *,
            error: type[DrafterError] = CatalogError) -> bool:
    """Whether `path` exists (a link counts: it is then refused, never silently skipped)."""
    if not os.path.lexists(path):
        return False
    vet_file(path, root if root is not None else path.parent, error=error)
    return True


def read_bytes(path: Path, root: Path | None = None, *, limit: int = MAX_CONFIG_BYTES,
               error: type[DrafterError] = CatalogError) -> bytes:
    """The content of a vetted file, refused when longer than `limit` bytes."""
    real = vet_file(path, root if root is not None else Path(path).parent, error=error)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise error("拒绝读取:不是普通文件", file=str(path))
            _one_name(opened, str(real), path, error)  # (a link made since it was vetted)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"无法读取:{reason(exc)}", file=str(path)) from exc
    if len(data) > limit:
        raise error(f"文件过大(超过 {limit / 1_000_000:g} MB),不读取", file=str(path))
    return data


def read_text(path: Path, root: Path | None = None, *, limit: int = MAX_CONFIG_BYTES,
              error: type[DrafterError] = CatalogError) -> str:
    """A vetted UTF-8 text file (a byte-order mark is dropped)."""
    data = read_bytes(path, root, limit=limit, error=error)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"不是 UTF-8 编码的文本(第 {exc.start} 字节)", file=str(path)) from exc
