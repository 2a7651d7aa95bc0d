"""Tell what a file really is before openpyxl tries it, so the user hears why it cannot be read."""

from __future__ import annotations

import errno
import os
import re
import stat
import zipfile
from pathlib import Path

from drafter.errors import InputFileError, reason

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "请用 Excel 或 WPS 打开,选择“另存为”→“Excel 工作簿(*.xlsx)”后再试"


def ensure_xlsx(path: Path) -> None:
    """Raise InputFileError with a Chinese explanation unless `path` is an .xlsx workbook."""
    name = str(path)
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        if os.path.islink(path):
            raise InputFileError(_dangling(path), file=name) from None
        if isinstance(exc, FileNotFoundError):
            raise InputFileError("文件不存在", file=name) from None
        why = reason(exc) if isinstance(exc, OSError) else "文件名中有无效字符"
        raise InputFileError(f"无法打开:{why}", file=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError("这是一个文件夹,不是工作簿", file=name)
    if not stat.S_ISREG(st.st_mode):  # a pipe or a device: opening it could wait forever
        raise InputFileError("这不是普通文件(可能是管道或设备),不是工作簿", file=name)
    try:
        with path.open("rb") as fh:
            body = fh.read(1 << 20)
            head = body[:8]
    except OSError as exc:
        raise InputFileError(f"无法读取:{reason(exc)}", file=name) from exc
    if not head:
        raise InputFileError("文件是空的", file=name)
    if head.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in body:
            raise InputFileError(
                "工作簿设置了打开密码,无法读取。请在 Excel 或 WPS 中取消密码(文件→信息→保护工作簿)"
                "后另存为 .xlsx 再试",
                file=name,
            )
        what = "WPS 表格(.et)文件" if path.suffix.lower() == ".et" else "旧版 Excel(.xls)文件"
        raise InputFileError(f"这是{what},drafter 只读 .xlsx。{SAVE_AS}", file=name)
    if head.startswith(b"PK"):
        _ensure_workbook_zip(path)
        return
    if _HTML.match(body[:1024]):  # many systems' “导出Excel” writes a web page named .xls(x)
        raise InputFileError("这是网页(HTML)文件,不是工作簿:很多系统“导出 Excel”得到的其实是网页。"
                             f"{SAVE_AS}", file=name)
    if path.suffix.lower() == ".csv" or _looks_like_text(body[:4096]):
        raise InputFileError(f"这是文本(CSV)文件,不是工作簿。{SAVE_AS}", file=name)
    raise InputFileError(f"这不是 Excel 工作簿(.xlsx)。{SAVE_AS}", file=name)


# a web page's start, after a BOM and blanks: <!DOCTYPE html, <html, <meta, <table (Excel's
# own “web page” export begins with <html xmlns:o=…)
_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|table|body)\b",
                   re.IGNORECASE | re.DOTALL)


def _dangling(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a target that is gone."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "这是一个循环的符号链接(链接最终指向自身),无法打开"
    return "这是一个符号链接,它指向的文件不存在"


def _ensure_workbook_zip(path: Path) -> None:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, RuntimeError, ValueError, EOFError) as exc:
        # RuntimeError covers NotImplementedError: a damaged header naming an unknown zip version
        raise InputFileError(f"文件已损坏,无法作为 .xlsx 打开。{SAVE_AS}", file=name) from exc
    if "xl/workbook.xml" in names:
        return
    if "word/document.xml" in names:
        raise InputFileError("这是 Word 文档,不是工作簿;请指定填好的 .xlsx 数据表", file=name)
    if "content.xml" in names:
        raise InputFileError(f"这是 OpenDocument 表格(.ods)文件。{SAVE_AS}", file=name)
    raise InputFileError(f"这不是 Excel 工作簿(.xlsx)。{SAVE_AS}", file=name)


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 or GBK text with no control characters (a CSV saved by Excel or WPS)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if any(b < 0x09 or 0x0E <= b < 0x20 for b in head):
        return False
    for encoding in ("utf-8", "gbk"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # a character cut at the end of the sample
                return True
    return False


def ensure_small(path: Path, limit: int, why: str) -> None:
    """Raise InputFileError unless every part of the workbook, inflated, adds up to at most
    `limit` bytes: for openpyxl, which reads every part whole (comments, drawings, media).
    The zip directory's sizes are checked first, then the bytes as they are inflated."""
    name = str(path)
    refusal = f"工作簿解压后超过 {limit >> 20} MB,{why}"
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > limit:
                raise InputFileError(refusal, file=name)
            seen = 0
            for info in infos:
                with zf.open(info) as fh:
                    while chunk := fh.read(1 << 16):
                        seen += len(chunk)
                        if seen > limit:
                            raise InputFileError(refusal, file=name)
    except InputFileError:
        raise
    except (zipfile.BadZipFile, RuntimeError, ValueError, EOFError, OSError) as exc:
        raise InputFileError(f"文件已损坏,无法作为 .xlsx 打开({exc})。{SAVE_AS}", file=name) from exc
