"""A .txt in any Chinese encoding: UTF-8 (with or without BOM), UTF-16 (by its BOM, or told by
charset-normalizer without one), GB18030/GBK/GB2312, Big5. Each non-empty line is a paragraph.

charset-normalizer decides among the encodings an office's text can be in (offered only those:
it then does not mistake GBK for a Cyrillic code page); UTF-8 is tried first because it is
unambiguous, and a BOM is trusted.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from drafter.errors import InputFileError
from drafter.importing.readers import budgets
from drafter.importing.readers.model import Block, Text

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]
NAMES = {"utf_8": "UTF-8", "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030",
         "big5": "Big5", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "utf-16": "UTF-16",
         "utf-32": "UTF-32"}


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes, or a Chinese refusal."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), NAMES[encoding]
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATES, steps=8,
                                         chunk_size=1024).best()
    if best is None:
        raise InputFileError("无法识别文字编码(可以是 UTF-8、UTF-16、GB18030/GBK 或 Big5);"
                             "请另存为 UTF-8 文本再导入", file=str(path))
    return str(best), NAMES.get(best.encoding, best.encoding)


def read(path: Path, fmt: str = "txt") -> Text:
    data = path.read_bytes()
    budgets.check_chars(path, len(data) // 4)  # no encoding takes more than 4 bytes a character
    text, encoding = decode(path, data)
    if "\x00" in text[:4096]:
        raise InputFileError("不是文本文件(含二进制内容);请另存为 UTF-8 文本,或直接导入 Word 文档",
                             file=str(path))
    budgets.check_chars(path, len(text) - text.count("\n"))
    out = Text(path, fmt, encoding=encoding)
    out.blocks = [Block(line) for line in text.splitlines() if line.strip()]
    return out
