"""A report file as lines of text for the outline: whatever the format (drafter.importing.readers
reads .docx, .doc, .wps, .odt, .pdf, .html and .txt into one text model), a list of lines with,
per line, the heading level the format gives it and whether it is a table row; page furniture
is left out and counted in the notes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from drafter.importing import readers
from drafter.importing.readers.model import ROW_BLOCK

SUFFIXES = tuple(readers.SUFFIXES)


@dataclass
class Source:
    path: Path
    lines: list[str]
    encoding: str = ""  # of a .txt or .html
    levels: list[int] = field(default_factory=list)  # heading level by style, per line
    notes: list[str] = field(default_factory=list)  # what was not read, in Chinese
    format: str = ""  # docx, doc, wps, odt, pdf, html, txt
    cells: list[tuple[str, ...]] = field(default_factory=list)  # per line: a table row's cells


def read(path: Path) -> Source:
    """The non-empty lines of the report, each stripped; a table row is one line, its cells
    joined by “ | ” (and kept apart in `cells`)."""
    path = Path(path)
    text = readers.read(path)
    out = Source(path, [], encoding=text.encoding, notes=list(text.notes), format=text.format)
    for block in text.content:
        cleaned = clean(block.text)
        if not cleaned:
            continue
        out.lines.append(cleaned)
        out.levels.append(block.level if block.role != ROW_BLOCK else 0)
        out.cells.append(tuple(clean(c) for c in block.cells) if block.role == ROW_BLOCK else ())
    rows = sum(1 for c in out.cells if c)
    if rows:
        out.notes.append(f"表格 {rows} 行按表格行读取(各格以“|”分开)")
    return out


def clean(line: str) -> str:
    """One line: control and format characters dropped, tabs and ideographic spaces as spaces,
    stripped."""
    s = "".join(ch for ch in str(line) if unicodedata.category(ch) not in ("Cc", "Cf")
                or ch == "\t").replace("\t", " ").strip()
    return s.replace("\u3000", " ").strip()
