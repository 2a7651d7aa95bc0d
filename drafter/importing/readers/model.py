"""The plain text model every reader yields: the document's blocks in reading order.

A block is a paragraph (with the heading level its format gives it: a Word style, an HTML
<h2>), a table row (its cells kept apart, never merged into a paragraph), or page furniture
(a page number, a running header, a website's navigation): furniture stays in the model,
marked with the reason, so that what was left out can be listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PARAGRAPH_BLOCK, ROW_BLOCK, FURNITURE_BLOCK = "paragraph", "row", "furniture"
CELL_SEPARATOR = " | "  # a table row as one line of text


@dataclass
class Block:
    text: str
    role: str = PARAGRAPH_BLOCK  # what the block is: PARAGRAPH_BLOCK, ROW_BLOCK or FURNITURE_BLOCK
    level: int = 0  # 1..9: a heading by the format's own markup (0: none given)
    cells: tuple[str, ...] = ()  # a table row's cells
    page: int = 0  # 1-based page where the format has pages (PDF), else 0
    why: str = ""  # furniture: what it is (页码, 页眉, 网页栏目 …)

    @staticmethod
    def row(cells: list[str] | tuple[str, ...], page: int = 0) -> Block:
        kept = tuple(c for c in (" ".join(c.split()) for c in cells))
        return Block(CELL_SEPARATOR.join(c for c in kept if c), ROW_BLOCK, cells=kept, page=page)


@dataclass
class Text:
    """A document read: its blocks, the format it came in, and what the reader noticed."""

    path: Path
    format: str  # docx, doc, wps, odt, pdf, html, txt
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # in Chinese, for the user
    encoding: str = ""  # of a .txt or .html
    pages: int = 0  # of a PDF

    @property
    def content(self) -> list[Block]:
        return [b for b in self.blocks if b.role != FURNITURE_BLOCK and b.text.strip()]
