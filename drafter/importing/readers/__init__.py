"""Any file an office has → one plain text model (readers.model.Text).

One module per format: `docx` (drafter.word.read), `office` (.doc, .wps, .odt, .rtf through
LibreOffice, then the .docx reader), `pdf` (pdfplumber), `html` (trafilatura), `txt`
(charset-normalizer). The format is told by the file's first bytes, the suffix only breaks
ties (a .txt and an .html are both text). Then `pages.mark` marks the page furniture the same
way for every format (page numbers, running headers, a website's columns) and joins a
sentence a page break had split. Budgets (characters, blocks, numbers) are enforced here,
before anything downstream (figures, relations) spends time on the text.
"""

from __future__ import annotations

from pathlib import Path

from drafter import files
from drafter.errors import InputFileError
from drafter.importing.readers import budgets, pages
from drafter.importing.readers.model import Text

SUFFIXES = {
    ".docx": "docx", ".docm": "docx", ".doc": "doc", ".wps": "wps", ".odt": "odt", ".rtf": "rtf",
    ".pdf": "pdf", ".html": "html", ".htm": "html", ".txt": "txt", ".text": "txt",
}
NAMES = {"docx": " Word 文档(.docx)", "doc": " Word 文档(.doc)", "wps": " WPS 文档",
         "odt": " OpenDocument 文档", "rtf": " RTF 文档", "pdf": " PDF"}
ACCEPTED = "Word 文档(.docx、.doc)、WPS 文档(.wps)、OpenDocument 文档(.odt)、PDF、网页(.html)或文本(.txt)"


ENCRYPTED = ("这份 Word 文档设置了密码(已加密),无法读取。请在 Word 或 WPS 中输入密码打开,"
             "去掉密码(文件 → 信息 → 保护文档,或“文档加密”)后另存为 .docx,再导入")
# an encrypted .docx (or .xlsx) is an OLE file holding the package encrypted in this stream
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def unknown(suffix: str) -> str:
    """The message for a file whose suffix is none of SUFFIXES."""
    return f"无法导入这种文件(扩展名 {suffix or '无'});可以导入 {ACCEPTED}"


def read(path: Path) -> Text:
    path = Path(path)
    fmt = _format(path)
    if fmt == "docx":
        from drafter.importing.readers import docx as reader
    elif fmt in ("doc", "wps", "odt", "rtf"):
        from drafter.importing.readers import office as reader  # type: ignore[no-redef]
    elif fmt == "pdf":
        from drafter.importing.readers import pdf as reader  # type: ignore[no-redef]
    elif fmt == "html":
        from drafter.importing.readers import html as reader  # type: ignore[no-redef]
    else:
        from drafter.importing.readers import txt as reader  # type: ignore[no-redef]
    text = reader.read(path, fmt)
    budgets.check(text)
    pages.mark(text)
    return text


def _format(path: Path) -> str:
    shown = str(path)
    st = files.input_stat(path, "这是一个文件夹,请选择去年的报告文件")
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix is None:
        raise InputFileError(unknown(path.suffix), file=shown)
    budgets.file_size(path, st.st_size, by_suffix)
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "odt" if b"opendocument.text" in head or by_suffix == "odt" else "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: Word 97-2003, WPS, or an encrypted .docx
        if _encrypted_package(path):
            raise InputFileError(ENCRYPTED, file=shown)
        return by_suffix if by_suffix in ("doc", "wps") else "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if by_suffix in ("docx", "doc", "wps", "odt", "rtf", "pdf"):
        raise InputFileError(f"不是可读取的{NAMES[by_suffix]}:扩展名是 {path.suffix},但内容不是这种文件"
                             "(可能已损坏或改过扩展名)", file=shown)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if by_suffix == "html" or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "txt"


def _encrypted_package(path: Path) -> bool:
    """Whether the OLE file `path` holds an encrypted Office package (its directory names the
    stream EncryptedPackage). The directory may lie anywhere in the file: it is read through
    in blocks (the file is within budgets.MAX_FILE)."""
    tail = b""
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            if _ENCRYPTED_STREAM in tail + block:
                return True
            tail = block[-len(_ENCRYPTED_STREAM):]
    return False
