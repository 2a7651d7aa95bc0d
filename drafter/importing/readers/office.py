"""A .doc, .wps or .odt (or .rtf): LibreOffice converts it to .docx in a folder of its own
(drafter/soffice.py: private profile, timeout, nothing left behind), then the .docx reader reads
it within its budgets."""

from __future__ import annotations

from pathlib import Path

from drafter import soffice
from drafter.errors import InputFileError
from drafter.importing.readers import docx
from drafter.importing.readers.model import Text

TIMEOUT = 120  # seconds: a cold start and a long document take well under half of it
# the import filter by format: without one, LibreOffice reads a file it cannot open as plain
# text, slowly (a megabyte of noise took 50 s)
FILTERS = {"doc": "MS Word 97", "odt": "writer8", "rtf": "Rich Text Format"}
NOTHING_MADE = "LibreOffice 没有生成文件"  # drafter/soffice.py's words when no file came out
NAMES = {"doc": "Word 97-2003 文档(.doc)", "wps": "WPS 文档(.wps)", "odt": "OpenDocument 文档(.odt)",
         "rtf": "RTF 文档(.rtf)"}


def missing(fmt: str) -> str:
    return (f"未找到 LibreOffice(soffice),无法读取{NAMES.get(fmt, fmt)}。"
            "请在 Word 或 WPS 中“另存为”Word 文档(.docx)后导入;"
            "或安装 LibreOffice(Linux:sudo apt-get install libreoffice-writer-nogui;"
            "Windows:https://zh-cn.libreoffice.org/download/)。")


def unreadable(fmt: str) -> str:
    """LibreOffice made nothing of it: a password (Word 97-2003 and WPS encryption is not told
    by the file's first bytes), a broken file, or not this kind of file at all."""
    return (f"LibreOffice 打不开这份{NAMES.get(fmt, fmt)}:它可能设置了密码(已加密)、已损坏,"
            "或不是这种文件。设置了密码的,请在 Word 或 WPS 中输入密码打开,去掉密码后另存为 .docx,"
            "再导入")


def read(path: Path, fmt: str = "doc", *, timeout: float = TIMEOUT) -> Text:
    with soffice.workspace("drafter-import-", missing=missing(fmt), error=InputFileError) as work:
        try:
            made = work.convert(path, "docx:MS Word 2007 XML", shown=path, suffix=f".{fmt}",
                                timeout=timeout, infilter=FILTERS.get(fmt, ""))
        except InputFileError as exc:
            if not exc.message.startswith(NOTHING_MADE):
                raise
            raise InputFileError(unreadable(fmt), file=str(path)) from None
        try:
            text = docx.read(made, fmt)
        except InputFileError as exc:  # name the user's file, not the converted copy
            raise InputFileError(f"转换成 .docx 后:{exc.message}", file=str(path)) from None
    text.path = path
    text.notes.insert(0, f"{NAMES.get(fmt, fmt)}经 LibreOffice 转换后读取")
    return text
