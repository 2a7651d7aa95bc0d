"""The import's budgets: what one report may hold before anything is searched in it.

A published report has a few thousand to some tens of thousands of characters, a few hundred
paragraphs and one or two hundred figures (the five sources: 3,000–6,000 characters, at most
111 numbers). The budgets are some twenty times that; the figures' relations are searched
pair by pair downstream, so the count of numbers is held here, before that search begins
(docs/security.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputFileError
from drafter.importing.readers.model import Text

MAX_FILE = 50 << 20  # a .docx, .doc, .odt or PDF
MAX_TEXT_FILE = 10 << 20  # a .txt or .html
MAX_CHARS = 200_000  # characters of text (~100 pages)
MAX_BLOCKS = 5_000  # paragraphs and table rows
MAX_NUMBERS = 2_000  # numbers in the text: each may become a figure
MAX_PAGES = 500  # of a PDF
_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def file_size(path: Path, size: int, fmt: str) -> None:
    limit = MAX_TEXT_FILE if fmt in ("txt", "html") else MAX_FILE
    if size > limit:
        raise InputFileError(f"文件超过 {limit >> 20} MB,不像一份报告;请只导入报告本身",
                             file=str(path))


def check_chars(path: Path, chars: int) -> None:
    if chars > MAX_CHARS:
        raise InputFileError(f"文字超过 {MAX_CHARS:,} 字,不像一份报告(导入的上限见 docs/security.md)",
                             file=str(path))


def check(text: Text) -> None:
    """Refuse a text past any budget; called once the reader has the blocks."""
    blocks = [b for b in text.blocks if b.text]
    if len(blocks) > MAX_BLOCKS:
        raise InputFileError(f"超过 {MAX_BLOCKS:,} 段(含表格行),不像一份报告", file=str(text.path))
    check_chars(text.path, sum(len(b.text) for b in blocks))
    numbers = 0
    for b in blocks:
        numbers += len(_NUMBER.findall(b.text))
        if numbers > MAX_NUMBERS:
            raise InputFileError(f"数字超过 {MAX_NUMBERS:,} 个,不像一份报告", file=str(text.path))
