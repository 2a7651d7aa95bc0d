"""Reading a .docx back: the text of its paragraphs, its bookmarks and the text they enclose.

`drafter verify` compares an edited document with the workbook through this. Text is read as
it will read once tracked changes are accepted (insertions kept, deletions dropped). What is
not read is counted in `DocxText.unseen` so that the caller can say so: text boxes, headers
and footers, footnotes and comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputFileError
from drafter.word import parts
from drafter.word.parts import W

_T, _P, _TBL = f"{{{W}}}t", f"{{{W}}}p", f"{{{W}}}tbl"
_TAB, _BR, _CR = f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr"
_TR, _TC = f"{{{W}}}tr", f"{{{W}}}tc"
_NOBREAK_HYPHEN = f"{{{W}}}noBreakHyphen"
_BM_START, _BM_END = f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd"
_TXBX, _INS, _DEL = f"{{{W}}}txbxContent", f"{{{W}}}ins", f"{{{W}}}del"
_WORDS = re.compile(r"[^\W\d_]")  # a letter or a CJK character: more than a page number
_ALT_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class Para:
    text: str
    start: int  # offset of the paragraph in DocxText.text
    in_table: bool = False
    level: int = 0  # 1..9: a heading by its style or outline level (标题 1, Heading 2 …)
    row: int = -1  # in a table: the row (numbered through the document) and the cell in it
    cell: int = -1


@dataclass(frozen=True)
class Bookmark:
    name: str
    text: str  # the text it encloses ("" for a collapsed bookmark)
    para: int  # index of the paragraph it starts in
    start: int = 0  # offset of its text in DocxText.text


@dataclass
class DocxText:
    paragraphs: list[Para] = field(default_factory=list)
    bookmarks: dict[str, Bookmark] = field(default_factory=dict)
    unseen: dict[str, int] = field(default_factory=dict)  # 文本框 → 2, 修订 → 3, …

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def read(path: Path) -> DocxText:
    """Paragraphs (body and table cells, in order), bookmarks, and what was not read. The
    document is read within the budgets of drafter.word.parts (size, nesting, paragraphs,
    characters; no DTD): anything else is refused with a Chinese message."""
    docx = parts.open_docx(Path(path))
    try:
        body = docx.root.find(f"{{{W}}}body")  # type: ignore[attr-defined]
        if body is None:
            raise InputFileError(f"不是可读取的 Word 文档:{docx.main} 没有正文(w:body)",
                                 file=str(path))
        out = DocxText()
        walker = _Walker(out, _style_levels(docx.styles))
        walker.block(body, in_table=False)
        walker.close()
        _count_parts(docx, out)
    finally:
        parts.close(docx)
    return out


def _style_levels(root: object | None) -> dict[str, int]:
    """Paragraph style id → heading level: the style's outline level, or its name
    (Heading 1, 标题 1)."""
    levels: dict[str, int] = {}
    if root is None:
        return levels
    for style in root.iter(f"{{{W}}}style"):  # type: ignore[attr-defined]
        sid = style.get(f"{{{W}}}styleId", "")
        name_el = style.find(f"{{{W}}}name")
        name = (name_el.get(f"{{{W}}}val", "") if name_el is not None else "").lower()
        outline = style.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
        m = re.fullmatch(r"(?:heading|标题)\s*([1-9])", name)
        if outline is not None and outline.get(f"{{{W}}}val", "").isdigit():
            level = int(outline.get(f"{{{W}}}val")) + 1
            if level <= 9:
                levels[sid] = level
        elif m:
            levels[sid] = int(m.group(1))
    return levels


def _level(p: object, styles: dict[str, int]) -> int:
    ppr = p.find(f"{{{W}}}pPr")  # type: ignore[attr-defined]
    if ppr is None:
        return 0
    outline = ppr.find(f"{{{W}}}outlineLvl")
    if outline is not None and outline.get(f"{{{W}}}val", "").isdigit():
        level = int(outline.get(f"{{{W}}}val")) + 1
        return level if level <= 9 else 0
    style = ppr.find(f"{{{W}}}pStyle")
    return styles.get(style.get(f"{{{W}}}val", ""), 0) if style is not None else 0


class _Walker:
    def __init__(self, out: DocxText, styles: dict[str, int] | None = None):
        self.out = out
        self.styles = styles or {}
        self.offset = 0
        self.rows = 0
        self.open: dict[str, tuple[str, int, int]] = {}  # id → (name, start offset, para)
        self.closed: dict[str, tuple[int, int, int]] = {}  # name → (start, end, para)

    def block(self, el: object, in_table: bool) -> None:
        for child in el:  # type: ignore[attr-defined]
            if child.tag == _P:
                self.paragraph(child, in_table)
            elif child.tag == _TBL:
                rows: dict[object, int] = {}
                cells: dict[object, int] = {}
                width: dict[object, int] = {}  # cells seen so far in each row
                for p in child.iter(_P):
                    if not _inside(p, _TXBX, stop=child):
                        tr, tc = _nearest(p, _TR), _nearest(p, _TC)
                        if tr not in rows:
                            rows[tr] = self.rows
                            self.rows += 1
                        if tc not in cells:
                            cells[tc] = width.get(tr, 0)
                            width[tr] = cells[tc] + 1
                        self.paragraph(p, True, rows[tr], cells[tc])
            elif child.tag in (_BM_START, _BM_END):
                self.mark(child)

    def paragraph(self, p: object, in_table: bool, row: int = -1, cell: int = -1) -> None:
        parts: list[str] = []
        index = len(self.out.paragraphs)
        start = self.offset
        boxes = 0
        for el in p.iter():  # type: ignore[attr-defined]
            if el.tag == _TXBX:
                boxes += 1
            if _inside(el, _TXBX, stop=p) or _inside(el, _ALT_FALLBACK, stop=p):
                continue
            if el.tag == _T:
                parts.append(el.text or "")
            elif el.tag == _TAB:
                parts.append("\t")
            elif el.tag == _NOBREAK_HYPHEN:
                parts.append("-")
            elif el.tag in (_INS, _DEL):
                self.out.unseen["修订"] = self.out.unseen.get("修订", 0) + 1
            elif el.tag in (_BM_START, _BM_END):
                self.offset = start + len("".join(parts))
                self.mark(el, index)
        if boxes:
            self.out.unseen["文本框"] = self.out.unseen.get("文本框", 0) + boxes
        text = "".join(parts)
        self.out.paragraphs.append(Para(text, start, in_table, _level(p, self.styles), row, cell))
        self.offset = start + len(text) + 1  # the "\n" joining paragraphs

    def mark(self, el: object, para: int | None = None) -> None:
        para = len(self.out.paragraphs) if para is None else para
        bid = el.get(f"{{{W}}}id", "")  # type: ignore[attr-defined]
        if el.tag == _BM_START:  # type: ignore[attr-defined]
            name = el.get(f"{{{W}}}name", "")  # type: ignore[attr-defined]
            if name and not name.startswith("_"):  # _GoBack and Word's hidden marks
                self.open[bid] = (name, self.offset, para)
        elif bid in self.open:
            name, begin, at = self.open.pop(bid)
            self.closed.setdefault(name, (begin, self.offset, at))

    def close(self) -> None:
        """Resolve bookmark offsets to text once every paragraph is known."""
        text = self.out.text
        for name, begin, para in self.open.values():  # never closed: up to its paragraph's end
            p = self.out.paragraphs[min(para, len(self.out.paragraphs) - 1)]
            self.closed.setdefault(name, (begin, p.start + len(p.text), para))
        for name, (begin, end, para) in self.closed.items():
            self.out.bookmarks[name] = Bookmark(name, text[begin:max(begin, end)], para, begin)


def _nearest(el: object, tag: str) -> object:
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _inside(el: object, tag: str, stop: object) -> bool:
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _count_parts(docx: parts.Docx, out: DocxText) -> None:
    """Headers, footers, footnotes and comments that hold text: verify does not read them."""
    for kind_url, target, external in docx.rels.values():
        if external:
            continue
        kind = kind_url.rsplit("/", 1)[-1]
        label = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注"}.get(kind)
        if label is None:
            continue
        root = docx.part(target)
        if root is None:
            continue
        if _WORDS.search("".join(t.text or "" for t in root.iter(_T))):  # type: ignore[attr-defined]
            out.unseen[label] = out.unseen.get(label, 0) + 1


def font_names(path: Path) -> tuple[str, ...]:
    """The faces a .docx names (styles, runs, theme-free), in order of first use; () when the
    document cannot be read within the budgets."""
    names: list[str] = []
    try:
        docx = parts.open_docx(Path(path))
    except InputFileError:
        return ()
    try:
        for root in (docx.styles, docx.root):
            if root is not None:
                names += _rfonts(root)
    finally:
        parts.close(docx)
    return tuple(dict.fromkeys(n for n in names if n))


def _rfonts(root: object) -> list[str]:
    out: list[str] = []
    for el in root.iter(f"{{{W}}}rFonts"):  # type: ignore[attr-defined]
        for attr in ("eastAsia", "ascii", "hAnsi"):
            value = el.get(f"{{{W}}}{attr}")
            if value:
                out.append(value)
    return out
