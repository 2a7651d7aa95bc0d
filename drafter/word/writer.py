"""Document model + style profile → .docx in GB/T 9704-2012 公文 format, with python-docx.

The draft starts from a base document (drafter's lean base.docx, or an office's
reference.docx whose styles, headers and footers win), gets the named styles it lacks
(styles.py), then one paragraph per block. Formats are held in the named styles: a run
carries only a character-style reference. package.py sets the page, the footers and the
properties and saves with fixed dates, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.shared import Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from drafter.config.style import StyleProfile
from drafter.model.document import (
    Attachments,
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.model.levels import heading_level
from drafter.model.quantity import gaps
from drafter.model.source import FigureSource, format_source
from drafter.word import basecache, columns, fit, letterhead, oxml, package, runs
from drafter.word import paragraph_xml as px
from drafter.word.geometry import Geometry
from drafter.word.styles import CELL_MARGIN, add_styles
from drafter.word.text import clean, width

__all__ = ["bookmark_name", "build_docx", "write_docx"]

_T = qn("w:t")
SMALLER_TABLE_SIZES = (12.0, 10.5)  # 小四, 五号: for a table too wide for the style's size
_NOT_NAME = re.compile(r"[\W]+")
BOOKMARK_MAX = 40  # Word's limit on a bookmark name


def bookmark_name(index: int, source: FigureSource) -> str:
    """The bookmark around the `index`-th sourced span (from 1, in document order) that prints
    the figure `source` (法律援助.受理案件 → "F001_法律援助_受理案件"): Word's rules — a letter
    first, then letters, digits and underscores, at most 40 characters; unique by its index."""
    tail = _NOT_NAME.sub("_", format_source(source)).strip("_")
    return f"F{index:03d}_{tail}"[:BOOKMARK_MAX].rstrip("_")


def build_docx(doc: Document, style: StyleProfile, *, reference: Path | None = None,
               notes: Mapping[FigureSource, str] | None = None) -> bytes:
    """The .docx file for `doc` laid out by `style`, as bytes.

    With `reference`, that .docx is the base: its styles win over drafter's where they share a
    name, its headers and footers (a letterhead in its first-page header) are kept; drafter
    adds the styles it lacks and, if it has no footer, the page numbers. With `notes`, every
    span that prints a figure gets a Word comment with notes[its source] (render --trace).
    """
    geo = Geometry.of(style)
    key = package.reference_key(reference)
    try:
        hash(style)
    except TypeError:  # a profile holding a list: prepared afresh for every draft
        base, ids = _prepared.__wrapped__(style, key)
        shared = None  # its base is not kept either
    else:
        base, ids = _prepared(style, key)
        shared = None if notes else (style, key)  # Word comments add a part: a new document
    with package.opened(base, shared) as document:
        _Body(document, style, geo, ids, notes).render(doc.blocks)
        letterhead.add_parts(document, doc)  # 版头, 主送机关, 版记 (formal facts filled)
        package.properties(document, clean(doc.core_title))
        return package.save(document)


@lru_cache(maxsize=8)
def _prepared(style: StyleProfile, reference: package.ReferenceKey | None) -> (
    tuple[bytes, dict[str, str]]
):
    """The base document with everything that depends only on the style profile (and the
    reference, if any) — styles, font table, page, footers — made once per process, and the
    styleId to use for each role. Each draft then opens a copy and adds only its body. Kept
    on disk too (basecache): a one-shot render reads it instead of building it."""
    kept = basecache.load(style, reference)
    if kept is not None:
        return kept
    geo = Geometry.of(style)
    document = package.open_base(reference.path if reference else None)
    ids = add_styles(document, style, geo, str(reference.path) if reference else "")
    if reference is None:
        package.default_fonts(document, style)
    package.font_table(document, style)
    package.setup_page(document, geo)
    package.page_numbers(document, style, ids)
    raw = io.BytesIO()
    document.save(raw)
    base = raw.getvalue()
    basecache.save(style, reference, base, ids)
    return base, ids


def write_docx(doc: Document, style: StyleProfile, out: Path, *, reference: Path | None = None,
               notes: Mapping[FigureSource, str] | None = None, replace: bool = True) -> None:
    """Write the .docx atomically (drafter.files: a temporary file beside `out`, then one step
    into place): replacing what is there, or with `replace=False` only if `out` does not exist
    yet (a render without --force: of two runs writing one new file, one is told)."""
    from drafter.files import write_bytes

    write_bytes(Path(out), build_docx(doc, style, reference=reference, notes=notes),
                replace=replace)


class _Body:
    """Adds blocks to the document body, paragraph by paragraph.

    Linear in the number of blocks: each paragraph and table is appended at the end of the
    body, and the body's closing w:sectPr is moved back behind them once, at the end.
    (python-docx's add_paragraph and add_table insert before w:sectPr by searching the body's
    children from the first each time: quadratic, a minute for 100,000 outline rows.)
    """

    def __init__(self, document: DocxDocument, style: StyleProfile, geo: Geometry,
                 ids: dict[str, str], notes: Mapping[FigureSource, str] | None):
        self.document, self.style, self.geo, self.ids = document, style, geo, ids
        self.notes = notes
        self.page_break = False  # a PageBreak waits for the next paragraph
        self.last: DocxParagraph | DocxTable | str | None = None  # "text": text_paragraph's
        self.text: list[str] = []  # paragraphs written as XML text, not yet parsed
        self.sourced = 0  # spans with a source so far (bookmark numbering)
        self.measure = fit.Measure(geo, style)
        self.container = document._body  # python-docx's wrapper: the parent of our paragraphs
        self.body = document.element.body
        self.sect = self.body.sectPr  # the last child while the body is empty
        self.table_width = document._block_width  # python-docx's default, as add_table uses

    def render(self, blocks: list[Block]) -> None:
        try:
            self._render(blocks)
            self.flush_text()
        finally:
            if self.sect is not None:
                self.body.append(self.sect)  # back behind everything added

    def _render(self, blocks: list[Block]) -> None:
        for i, block in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            match block:
                case Title():
                    self.title(block, nxt)
                case Heading():
                    level = heading_level(block.level)
                    made = runs.runs((Span(block.number), *block.spans), heading=True)
                    self.text_paragraph(f"heading{level}", made,
                                        self.measure.heading(level, block.text))
                case Paragraph():
                    made = runs.runs(block.spans, heading=False)
                    self.text_paragraph("annex" if block.role == "annex" else "body", made,
                                        self.measure.body(block, made))
                case Table():
                    prev = blocks[i - 1] if i else None
                    self.table(block, annex=isinstance(prev, Paragraph) and prev.role == "annex")
                case Attachments():
                    self.attachments(block)
                case Signature():
                    self.signature(block)
                case PageBreak():
                    self.page_break = True
        if self.page_break or self.last is None or isinstance(self.last, DocxTable):
            self.flush_break()

    # paragraphs

    def new_paragraph(self) -> DocxParagraph:
        """An empty paragraph at the end of the body (after the paragraphs written as text)."""
        self.flush_text()
        return DocxParagraph(oxml.add_p(self.body), self.container)

    def text_paragraph(self, role: str, made: list[runs.Run], done: fit.Fit) -> None:
        """A heading or body paragraph of the runs `made`, set as `done` says, written as
        XML text (paragraph_xml.py) and parsed with the ones around it at the next
        flush_text; a run printing a figure inside its bookmark. A figure without text still
        takes its number, as an empty bookmark, so that numbering follows the model. With
        notes, a figure's run gets its comment (python-docx makes it on the element), then
        its bookmark."""
        ids, spacing = self.ids, done.spacing
        xml = [px.paragraph_start(ids[role], page_break=self.page_break)]
        self.page_break = False
        noted: list[tuple[int, Span, int]] = []  # (index among its runs, span, bookmark id)
        count = 0
        for piece in made:
            text = clean(piece.text)
            sourced = piece.sourced
            if sourced is not None:
                self.sourced += 1
                if not text:
                    name = bookmark_name(self.sourced, sourced.source)
                    xml += (px.bookmark_start(self.sourced, name), px.bookmark_end(self.sourced))
                    continue
                if self.notes is not None and sourced.source in self.notes:
                    noted.append((count, sourced, self.sourced))
                    sourced = None  # its bookmark after its comment, below
            if not text:
                continue
            style = ids[piece.role] if piece.role else None
            if sourced is None:
                xml.append(px.run(text, style, spacing))
            else:
                xml += (px.bookmark_start(self.sourced, bookmark_name(self.sourced, sourced.source)),
                        px.run(text, style, spacing), px.bookmark_end(self.sourced))
            count += 1
        xml.append(px.PARAGRAPH_END)
        self.text.append("".join(xml))
        self.last = "text"
        if noted:
            self.comment(noted)

    def flush_text(self) -> None:
        """The paragraphs written as text so far, parsed and put at the end of the body."""
        if self.text:
            self.body.extend(px.parse(self.text))
            self.text.clear()

    def comment(self, noted: list[tuple[int, Span, int]]) -> None:
        """The comments, then the bookmarks, of the noted figures' runs in the paragraph just
        written (each run found by its index among the paragraph's runs)."""
        self.flush_text()
        paragraph = DocxParagraph(self.body[-1], self.container)
        made = paragraph._p.r_lst  # before the comments add their reference runs
        for index, span, ident in noted:
            r = made[index]
            comment = self.document.add_comment(
                Run(r, paragraph), text=clean(self.notes[span.source]), author="drafter",
                initials="DR")
            comment._comment_elm.date = package.FIXED_DATE  # python-docx stamps the time now
            oxml.bookmark(r, r, ident, bookmark_name(ident, span.source))

    def para(self, role: str) -> DocxParagraph:
        paragraph = self.new_paragraph()
        oxml.paragraph_style(paragraph._p, self.ids[role])
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        self.last = paragraph
        return paragraph

    def blank(self) -> None:
        """One empty body line (GB/T 9704: 空一行), unless a new page starts here anyway."""
        if not self.page_break:
            self.para("body")

    def flush_break(self) -> None:
        """A page break that no paragraph can carry (before a table without caption, at the end)."""
        paragraph = self.new_paragraph()
        if self.page_break:
            self.page_break = False
            paragraph.add_run().add_break(WD_BREAK.PAGE)
        self.last = paragraph

    def run(self, paragraph: DocxParagraph, text: str, role: str | None = None) -> Run | None:
        """A run of cleaned text (\\t → tab, \\n → line break); None for no text."""
        text = clean(text)
        if not text:
            return None
        return Run(oxml.add_run(paragraph._p, text, self.ids[role] if role else None), paragraph)

    def condense(self, paragraph: DocxParagraph, done: fit.Fit) -> None:
        """A heading, title or body paragraph that would leave one or two characters alone on
        its last line: the tightened spacing on each of its runs (the one format drafter puts
        on a run: it belongs to this paragraph's text, not to a style)."""
        if done.spacing is None:
            return
        for r in paragraph._p.r_lst:
            oxml.run_spacing(r, done.spacing)

    def title(self, block: Title, nxt: Block | None) -> None:
        text = clean(block.text)
        paragraph = self.para("title")
        self.run(paragraph, "\n".join(self.measure.title_lines(text)))
        self.condense(paragraph, self.measure.title(text))
        if nxt is not None and not isinstance(nxt, Title | PageBreak):
            self.blank()  # 标题下空一行

    def attachments(self, block: Attachments) -> None:
        names = [clean(n).replace("\n", " ") for n in block.names if n.strip()]
        if not names:
            return
        self.blank()
        if len(names) == 1:
            self.run(self.para("attachment"), f"附件：{names[0]}")
            return
        # 附件：1.名称 / 2.名称 … numbers aligned under each other, wrapped lines under the name
        num = math.ceil(max(width(f"{k}.") for k in range(1, len(names) + 1)))
        for k, name in enumerate(names, 1):
            lead = "附件：" if k == 1 else ""
            paragraph = self.para("attachment")
            oxml.indent(paragraph._p.get_or_add_pPr(), self.geo, left=5 + num,
                        hanging=num + (3 if k == 1 else 0))
            self.run(paragraph, f"{lead}{k}.\t{name}")

    def signature(self, block: Signature) -> None:
        """署名 without a seal (GB/T 9704 §7.3.5.2): one blank line after the body, the organ
        right, 2 characters in; the date on the next line, its first character 2 characters
        right of the organ's first; when the date is longer, the date 2 characters in and the
        organ moved so that the date still starts 2 characters right of it.

        With both, each line is set flush left at a computed indent (in twips), so the two
        first characters stand exactly 2 characters apart whatever a program adds between
        Chinese and digits (LibreOffice puts about 0.2 character at each change, Word, told
        not to by w:autoSpaceDN, nothing): only the date's right end then depends on it."""
        organ, date = clean(block.organ).strip(), clean(block.date).strip()
        self.blank()
        if organ or date:
            self.keep_body_with_signature()
        two = 2 * self.geo.char
        if organ and date:
            w_org, w_date = self.advance(organ), self.advance(date)
            at_org = self.geo.text_w - two - max(w_org, w_date + two)
            for role, text, left in (("signature", organ, at_org), ("date", date, at_org + two)):
                paragraph = self.para(role)
                oxml.flush_left(paragraph._p.get_or_add_pPr(), max(left, 0))
                self.run(paragraph, text)
            return
        for role, text in (("signature", organ), ("date", date)):
            if text:  # alone: right, 2 characters in (the style)
                self.run(self.para(role), text)

    def keep_body_with_signature(self) -> None:
        """The last paragraph with body text, and the blank lines and attachment note after
        it, kept with what comes next (the signature): a page holding the 落款 and nothing
        else is what a reviewer marks. Widow control is off (a full page keeps its 22 lines),
        so Word and LibreOffice carry only that paragraph's last line over, not all of it.
        Nothing to keep when a page break comes first or the body ends with a table."""
        if self.page_break:
            return
        self.flush_text()
        attachment = self.ids["attachment"]
        for p in reversed(self.body):
            if not isinstance(p, CT_P) or p is self.sect:
                return
            ppr = p.get_or_add_pPr()
            if ppr.pageBreakBefore_val:
                return  # on a page of its own anyway
            oxml.on_off(ppr, "w:keepNext", oxml.PPR, True)
            if ppr.style != attachment and any(t.text and t.text.strip() for t in p.iter(_T)):
                return

    def advance(self, text: str) -> int:
        """Width of body text in twips: each character's width plus the body's spacing."""
        body = round(self.style.body.size_pt * 20)
        return round(width(text) * body) + len(text) * self.geo.char_spacing

    # tables

    def table(self, block: Table, *, annex: bool = False) -> None:
        """A table: its caption (an annex's title, in the title's style, when it opens an
        annex), then the rows; header cells broken between words (columns.py), a wide table
        in a smaller size (小四, 五号) where the style's would break them inside words."""
        if block.caption.strip() and annex:
            self.run(self.para("title"), "\n".join(self.measure.title_lines(clean(block.caption))))
            self.blank()  # a line between the title and the table
        elif block.caption.strip():
            self.run(self.para("caption"), block.caption)
        elif self.page_break or isinstance(self.last, DocxTable):
            self.flush_break()  # a page break, or keep two tables from merging
        ncols = max([len(block.header), *(len(r) for r in block.rows)], default=0)
        if ncols == 0:
            return
        size = self.style.table.size_pt
        cols = columns.layout(block.header, block.rows, ncols, total=self.geo.text_w,
                              pad=2 * CELL_MARGIN,
                              sizes=(size, *(s for s in SMALLER_TABLE_SIZES if s < size)))
        numeric = tuple(block.numeric) + (False,) * ncols
        rows = [tuple(cols.headers)] if block.header else []
        rows += block.rows
        tbl = CT_Tbl.new_tbl(len(rows), ncols, self.table_width)
        self.flush_text()  # the paragraphs before it first (a table without a caption)
        self.body.append(tbl)
        table = DocxTable(tbl, self.container)
        table._tbl.tblStyle_val = self.ids["table"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        oxml.child(table._tbl.tblPr, "w:tblW", oxml.TBLPR, w=5000, type="pct")
        for col, w in zip(table._tbl.tblGrid.gridCol_lst, cols.widths, strict=True):
            col.w = Twips(w)
        for r, (tr, cells) in enumerate(zip(table._tbl.tr_lst, rows, strict=True)):
            header = r == 0 and bool(block.header)
            if header:
                oxml.repeat_header(tr)
            for c, tc in enumerate(tr.tc_lst):
                tc.width = Twips(cols.widths[c])
                role = "table_header" if header else (
                    "table_number" if numeric[c] else "table_text")
                p = tc.p_lst[0]
                oxml.paragraph_style(p, self.ids[role])
                para = DocxParagraph(p, table)
                for piece, gap in gaps(cells[c] if c < len(cells) else ""):
                    run = self.run(para, piece, "placeholder" if gap else None)
                    if run is not None and cols.size_pt != size:  # this table only: not a style
                        oxml.run_size(run._r.get_or_add_rPr(), cols.size_pt)
        self.last = table
