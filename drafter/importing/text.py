"""A report file as lines of text: .docx through drafter.word.read, .txt as UTF-8 or GB18030."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputFileError

SUFFIXES = (".docx", ".txt")
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class Source:
    path: Path
    lines: list[str]
    encoding: str = ""  # of a .txt
    levels: list[int] = field(default_factory=list)  # .docx: heading level by style, per line
    notes: list[str] = field(default_factory=list)  # what was not read, in Chinese


def read(path: Path) -> Source:
    """The non-empty lines of the report, each stripped; tables in a .docx are read as lines."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError("只能导入 Word 文档(.docx)或文本文件(.txt)", file=str(path))
    if not path.is_file():
        raise InputFileError("找不到文件", file=str(path))
    if suffix == ".docx":
        return _docx(path)
    return _txt(path)


def _docx(path: Path) -> Source:
    from drafter.word import read as word

    text = word.read(path)
    notes = [f"未读取{what}({n} 处)" for what, n in text.unseen.items() if n]
    tables = sum(1 for p in text.paragraphs if p.in_table and p.text.strip())
    if tables:
        notes.append(f"表格中的 {tables} 段文字按普通段落读取")
    lines, levels = [], []
    for p in text.paragraphs:
        cleaned = _clean([p.text])
        if cleaned:
            lines.append(cleaned[0])
            levels.append(p.level if 1 <= p.level <= 4 and not p.in_table else 0)
    return Source(path, lines, notes=notes, levels=levels)


def _txt(path: Path) -> Source:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputFileError("不是文本文件(含二进制内容);请另存为 UTF-8 文本或直接导入 .docx",
                             file=str(path))
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Source(path, _clean(text.splitlines()), encoding=encoding.replace("-sig", ""))
    raise InputFileError("无法识别文字编码(应为 UTF-8 或 GB18030/GBK)", file=str(path))


def _clean(lines: object) -> list[str]:
    out = []
    for line in lines:  # type: ignore[attr-defined]
        s = "".join(ch for ch in str(line) if unicodedata.category(ch) not in ("Cc", "Cf")
                    or ch == "\t").replace("\t", " ").strip()
        s = s.replace("\u3000", " ").strip()
        if s:
            out.append(s)
    return out
