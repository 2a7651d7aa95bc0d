"""A .docx through drafter.word.read: paragraphs with their style's heading level, table rows
with their cells; what Word keeps outside the body (headers, footers, text boxes, tracked
changes) is counted in a note."""

from __future__ import annotations

from pathlib import Path

from drafter.importing.readers.model import Block, Text
from drafter.model.levels import is_heading


def read(path: Path, fmt: str = "docx") -> Text:
    from drafter.word import read as word

    doc = word.read(path)
    out = Text(path, fmt)
    labels = {"页眉": "页眉", "页脚": "页脚(含页码)", "文本框": "文本框", "修订": "修订标记",
              "脚注": "脚注", "尾注": "尾注"}
    out.notes += [f"未读取{labels.get(what, what)}({n} 处)" for what, n in doc.unseen.items() if n]
    row: list[str] = []
    current = -1
    for p in doc.paragraphs:
        if p.row != current and row:
            out.blocks.append(Block.row(row))
            row = []
        current = p.row
        if p.in_table and p.row >= 0:
            while len(row) <= p.cell:
                row.append("")
            row[p.cell] = f"{row[p.cell]} {p.text}".strip()
            continue
        out.blocks.append(Block(p.text, level=p.level if is_heading(p.level) else 0))
    if row:
        out.blocks.append(Block.row(row))
    return out
