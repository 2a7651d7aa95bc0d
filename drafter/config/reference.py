"""An office's reference.docx, checked when its pack is loaded: a Word package whose XML parts
drafter reads are whole, well-formed and free of DTDs, so that a damaged or disguised file is
one Chinese message naming it (exit 2), never an internal error in the Word writer."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from drafter.errors import CatalogError

_NEEDED = ("[Content_Types].xml", "word/document.xml")
_XML_LIMIT = 20 * 1024 * 1024  # bytes of one XML part, inflated


def check(path: Path) -> None:
    """Raise CatalogError if `path` is not a usable Word (.docx) package."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "xl/workbook.xml" in names:
                raise _bad(path, "是 Excel 工作簿,不是 Word 文档;请放入用 Word 或 WPS 另存的 .docx")
            missing = [n for n in _NEEDED if n not in names]
            if missing:
                raise _bad(path, f"不是 Word 文档(.docx):缺少 {'、'.join(missing)}")
            for info in package.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    _part(path, package, info)
    except zipfile.BadZipFile as exc:
        raise _bad(path, "不是 Word 文档(.docx),或文件已损坏;请用 Word 或 WPS 重新另存") from exc
    except OSError as exc:
        raise _bad(path, f"无法读取:{exc.strerror or exc}") from exc


def _part(path: Path, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    if info.file_size > _XML_LIMIT:
        raise _bad(path, f"中的 {info.filename} 过大({info.file_size // 1048576} MB)")
    try:
        data = package.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise _bad(path, f"中的 {info.filename} 已损坏,无法解压") from exc
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _bad(path, f"中的 {info.filename} 含有 DTD 或实体声明,Word 文档不应有;已拒绝")
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise _bad(path, f"中的 {info.filename} 已损坏(XML 格式有误,第{line}行第{column + 1}列);"
                   "请用 Word 或 WPS 打开后重新另存") from exc


def _bad(path: Path, message: str) -> CatalogError:
    return CatalogError(f"参考文档{message}", file=str(path))
