"""An office folder (单位文件夹) sent as a .zip through the page: read as hostile input.

What a zip may hold is what drafter reads from an office folder (config/packs.py) and
nothing else: the five named files at its top (pack.toml, indicators.toml, style.toml,
outline.toml, reference.docx), templates (*.j2, also in sub-folders, as `{% include
"部分/x.j2" %}` names them) and notes (*.md, *.txt, as `drafter templates copy` writes
使用说明.md). A zip made by right-clicking the folder holds the folder itself: one common
top folder is taken off. Refused, with a Chinese message naming the member:

- not a zip, encrypted members, more than MAX_MEMBERS members, a member larger than drafter
  reads for its kind of file, more than MAX_TOTAL bytes in all (counted while reading: a
  member's declared size is not trusted);
- absolute names, drive letters, `..`, NUL, names differing only in case;
- symbolic links, device files, FIFOs, sockets (the Unix mode a zip may carry); a zip has
  no hard-link entry, and extraction (officefolders.py) creates every file new, never
  following a link;
- any other file name.

The junk operating systems add (__MACOSX/, .DS_Store, Thumbs.db, desktop.ini) and folder
entries are left out, and said so. Names written by Windows' own zip tool in the GBK code
page (without the UTF-8 flag) are read as GBK.
"""

from __future__ import annotations

import contextlib
import io
import re
import stat
import zipfile
from dataclasses import dataclass, field

from drafter.config import paths, reference
from drafter.errors import DrafterError
from drafter.templating.loader import MAX_TEMPLATE_BYTES

MAX_MEMBERS = 200
MAX_TOTAL = 40_000_000  # all members, uncompressed
MAX_NOTE = 1_000_000
NAMED = {"pack.toml": paths.MAX_CONFIG_BYTES, "indicators.toml": paths.MAX_CONFIG_BYTES,
         "style.toml": paths.MAX_CONFIG_BYTES, "outline.toml": paths.MAX_CONFIG_BYTES,
         "reference.docx": reference.MAX_FILE}
JUNK = {".ds_store", "thumbs.db", "desktop.ini"}
MAX_DEPTH = 4  # 部分/小节/x.j2 …
# one path component: letters (Chinese too), digits, _ - . ( ) （ ) and spaces inside;
# no leading dot or space, no trailing dot or space (Windows drops them)
_PART = re.compile(r"[\w（）()\-][\w（）()\-. ]{0,78}[\w（）()\-]|[\w（）()\-]")
ALLOWED = ("模板(.j2,可放在子文件夹中)、pack.toml、indicators.toml、style.toml、outline.toml、"
           "reference.docx 和说明文字(.md、.txt)")


class FolderZipError(DrafterError):
    """The zip cannot be an office folder."""


@dataclass
class Unpacked:
    """What the zip holds: relative path (with /) → bytes; and what was left out."""

    files: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        # zipfile read it as cp437: Windows (Chinese) wrote GBK
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return name.replace("\\", "/")


def _refuse(message: str, member: str = "") -> FolderZipError:
    where = f"压缩包中的“{member[:120]}”" if member else None
    return FolderZipError(message, where=where)


def _kind(mode: int) -> str:
    """What a member is by its Unix mode, when it is not a plain file ("" when it is)."""
    if stat.S_ISLNK(mode):
        return "符号链接"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "管道或套接字"
    return ""


def _parts(name: str) -> list[str]:
    if "\0" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise _refuse("拒绝:不能用绝对路径", name)
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise _refuse("拒绝:文件名中不能有“..”(指向文件夹之外)", name)
    return parts


def _junk(parts: list[str]) -> bool:
    return parts[0] == "__MACOSX" or parts[-1].lower() in JUNK or parts[-1].startswith("._")


def _limit(parts: list[str], original: str) -> int:
    """How many bytes drafter reads of this file; refused when it is no office file."""
    last = parts[-1]
    if len(parts) > MAX_DEPTH or not all(_PART.fullmatch(p) for p in parts):
        raise _refuse(f"单位文件夹中的文件名只能用文字、数字和 _ - . ( ),不超过 {MAX_DEPTH} 层;"
                      f"可以有:{ALLOWED}", original)
    if last.lower().endswith(".j2"):
        return MAX_TEMPLATE_BYTES
    if len(parts) == 1 and last in NAMED:
        return NAMED[last]
    if len(parts) == 1 and last.lower().endswith((".md", ".txt")):
        return MAX_NOTE
    raise _refuse(f"单位文件夹不能有这个文件;可以有:{ALLOWED}", original)


def read(data: bytes) -> Unpacked:
    """The office folder in `data` (the uploaded bytes), vetted; FolderZipError if refused."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse("不是 .zip 压缩包(请把单位文件夹压缩成 .zip 后上传)") from None
    with z:
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(f"压缩包中的文件过多({len(infos)} 个,上限 {MAX_MEMBERS})")
        entries: list[tuple[list[str], str, zipfile.ZipInfo]] = []
        out = Unpacked()
        for info in infos:
            name = _name(info)
            parts = _parts(name)
            what = _kind(info.external_attr >> 16) if info.create_system == 3 else ""
            if what:
                raise _refuse(f"拒绝:这是{what},单位文件夹中只能有普通文件", name)
            if info.flag_bits & 0x1:
                raise _refuse("压缩包加了密码,请不加密码重新压缩", name)
            if not parts or info.is_dir():
                continue
            if _junk(parts):
                out.skipped.append(name)
                continue
            entries.append((parts, name, info))
        if not entries:
            raise _refuse(f"压缩包中没有单位文件夹的文件;单位文件夹可以有:{ALLOWED}")
        top = {p[0] for p, _, _ in entries}
        if len(top) == 1 and all(len(p) > 1 for p, _, _ in entries):  # the folder itself
            entries = [(p[1:], n, i) for p, n, i in entries]
        total, seen = 0, set()
        for parts, name, info in entries:
            limit = _limit(parts, name)
            key = "/".join(parts)
            if key.lower() in seen:
                raise _refuse("压缩包中有两个同名文件(大小写不同也算同名)", name)
            seen.add(key.lower())
            if info.file_size > limit:
                raise _refuse(f"文件过大(超过 {limit / 1_000_000:g} MB)", name)
            try:
                with z.open(info) as member:
                    content = member.read(limit + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError,
                    EOFError, ValueError) as exc:
                raise _refuse(f"压缩包已损坏,无法读出这个文件({type(exc).__name__})", name) from None
            if len(content) > limit:
                raise _refuse(f"文件过大(超过 {limit / 1_000_000:g} MB)", name)
            total += len(content)
            if total > MAX_TOTAL:
                raise _refuse(f"压缩包解开后过大(超过 {MAX_TOTAL / 1_000_000:g} MB)")
            out.files[key] = content
        for key in out.files:  # "a.j2" and "a.j2/b.j2": a file where a folder must be
            parts = key.split("/")
            for depth in range(1, len(parts)):
                if "/".join(parts[:depth]).lower() in seen:
                    raise _refuse("压缩包中有同名的文件和文件夹", key)
    return out
