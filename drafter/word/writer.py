"""Document model + style profile → .docx in GB/T 9704-2012 公文 format.

The one module family (docx_*) that knows Word's XML. The package is written directly as XML
text: no base template to load and no python-docx import on the render path, formats held
in named styles (runs carry only a style reference), byte-identical output for the same
input. docx_styles.py writes the styles, docx_parts.py settings, footers and package parts; docx_reference.py merges the
result into an office's reference .docx.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

from drafter.config.style import StyleProfile
from drafter.files import write_bytes
from drafter.model.document import (
    Attachments,
    Block,
    Document,
    Heading,
    Mark,
    PageBreak,
    Paragraph,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.word.parts import (
    APP_XML,
    NS,
    XML_HEAD,
    Geometry,
    content_types_xml,
    core_xml,
    footer_xml,
    ind,
    rels_xml,
    sect_pr,
    settings_xml,
)
from drafter.word.styles import STYLES, font_table_xml, style_ids, styles_xml
from drafter.word.text import break_title, clean, escape, width

__all__ = ["build_docx", "write_docx"]

_MARK_ROLE = {Mark.LEAD: "lead", Mark.PLACEHOLDER: "placeholder", Mark.FLAGGED: "flagged"}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def build_docx(doc: Document, style: StyleProfile, *, reference: Path | None = None) -> bytes:
    """The .docx file for `doc` laid out by `style`, as bytes.

    With `reference`, that .docx is the base: its styles win over drafter's where they share
    a style id or name, its headers and footers (a letterhead in its first-page header) are
    kept; drafter adds the styles it lacks and, if it has no footer, the page numbers.
    """
    geo = Geometry.of(style)
    if reference is not None:
        from drafter.word import reference as docx_reference

        def render(ids: dict[str, str], refs: str) -> str:
            return document_xml(doc, style, geo, ids, refs)

        parts = docx_reference.merge(Path(reference), style, geo, render, doc.core_title)
    else:
        parts = _own_parts(doc, style, geo)
    return _zip(parts)


def write_docx(
    doc: Document, style: StyleProfile, out: Path, *, reference: Path | None = None,
    replace: bool = True,
) -> None:
    """Write the .docx atomically (files.atomic_write): replacing what is there, or with
    `replace=False` created only if `out` does not exist yet (a render without --force)."""
    data = build_docx(doc, style, reference=reference)
    write_bytes(Path(out), data, replace=replace)


def _own_parts(doc: Document, style: StyleProfile, geo: Geometry) -> dict[str, bytes]:
    rels = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml")]
    rels.append(("rId3", "fontTable", "fontTable.xml"))
    refs = ""
    parts = {
        "word/styles.xml": styles_xml(style, geo),
        "word/settings.xml": settings_xml(even_odd=style.page_numbers),
        "word/fontTable.xml": font_table_xml(style),
    }
    if style.page_numbers:
        rels += [("rId4", "footer", "footer1.xml"), ("rId5", "footer", "footer2.xml")]
        sid = STYLES["page_number"][0]
        parts["word/footer1.xml"] = footer_xml(True, style, sid)
        parts["word/footer2.xml"] = footer_xml(False, style, sid)
        refs = (
            '<w:footerReference w:type="default" r:id="rId4"/>'
            '<w:footerReference w:type="even" r:id="rId5"/>'
        )
    parts["word/document.xml"] = document_xml(doc, style, geo, style_ids(), refs)
    parts["docProps/core.xml"] = core_xml(doc.core_title)
    parts["docProps/app.xml"] = APP_XML
    package_rels = [
        ("rId1", "officeDocument", "word/document.xml"),
        ("rId2", "core", "docProps/core.xml"),
        ("rId3", "app", "docProps/app.xml"),
    ]
    head = {
        "[Content_Types].xml": content_types_xml(sorted(parts)),
        "_rels/.rels": rels_xml(package_rels),
        "word/_rels/document.xml.rels": rels_xml(rels),
    }
    return {name: text.encode("utf-8") for name, text in {**head, **parts}.items()}


def _zip(parts: dict[str, bytes]) -> bytes:
    """Deterministic zip: fixed order ([Content_Types].xml first), dates and attributes."""
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [n for n in first if n in parts] + sorted(n for n in parts if n not in first)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, parts[name])
    return buf.getvalue()


def document_xml(
    doc: Document, style: StyleProfile, geo: Geometry, ids: dict[str, str], refs: str
) -> str:
    body = _Body(style, geo, ids).render(doc.blocks)
    return f"{XML_HEAD}<w:document {NS}><w:body>{body}{sect_pr(geo, refs)}</w:body></w:document>"


# --- body -------------------------------------------------------------------------------

_BREAKS = re.compile(r"(\n|\t)")


def _run(text: str, sid: str | None = None) -> str:
    content = []
    for piece in _BREAKS.split(clean(text)):
        if piece == "\n":
            content.append("<w:br/>")
        elif piece == "\t":
            content.append("<w:tab/>")
        elif piece:
            content.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    if not content:
        return ""
    rpr = f'<w:rPr><w:rStyle w:val="{sid}"/></w:rPr>' if sid else ""
    return f"<w:r>{rpr}{''.join(content)}</w:r>"


class _Body:
    """Renders blocks into body XML, paragraph by paragraph."""

    def __init__(self, style: StyleProfile, geo: Geometry, ids: dict[str, str]):
        self.style, self.geo, self.ids = style, geo, ids
        self.out: list[str] = []
        self.page_break = False  # a PageBreak waits for the next paragraph

    def render(self, blocks: list[Block]) -> str:
        for i, block in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            match block:
                case Title():
                    self.title(block, nxt)
                case Heading():
                    level = min(max(block.level, 1), 4)
                    spans = (Span(block.number), *block.spans)
                    self.para(f"heading{level}", self.spans(spans, heading=True))
                case Paragraph():
                    role = "annex" if block.role == "annex" else "body"
                    self.para(role, self.spans(block.spans, heading=False))
                case Table():
                    self.table(block)
                case Attachments():
                    self.attachments(block)
                case Signature():
                    self.signature(block)
                case PageBreak():
                    self.page_break = True
        if self.page_break or not self.out or self.out[-1].startswith("<w:tbl>"):
            self.flush_break()
        return "".join(self.out)

    # paragraphs

    def para(self, role: str, runs: str, ppr: str = "") -> None:
        head = f'<w:pStyle w:val="{self.ids[role]}"/>'
        if self.page_break:
            head += "<w:pageBreakBefore/>"
            self.page_break = False
        self.out.append(f"<w:p><w:pPr>{head}{ppr}</w:pPr>{runs}</w:p>")

    def blank(self) -> None:
        """One empty body line (GB/T 9704: 空一行), unless a new page starts here anyway."""
        if not self.page_break:
            self.para("body", "")

    def flush_break(self) -> None:
        """A page break that no paragraph can carry (before a table without caption, at the end)."""
        if self.page_break:
            self.page_break = False
            self.out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        else:
            self.out.append("<w:p/>")

    def spans(self, spans: tuple[Span, ...], *, heading: bool) -> str:
        """Runs for spans; adjacent spans of the same character style share one run."""
        runs: list[tuple[str | None, str]] = []
        for i, span in enumerate(spans):
            role = self.span_role(spans, i, heading)
            sid = self.ids[role] if role else None
            if runs and runs[-1][0] == sid:
                runs[-1] = (sid, runs[-1][1] + span.text)
            else:
                runs.append((sid, span.text))
        return "".join(_run(text, sid) for sid, text in runs)

    @staticmethod
    def span_role(spans: tuple[Span, ...], i: int, heading: bool) -> str | None:
        span = spans[i]
        if span.mark in _MARK_ROLE:
            return _MARK_ROLE[span.mark]
        if heading or span.mark not in (Mark.HEADING, Mark.NUMBER):
            return None  # in a heading paragraph the paragraph style already has the font
        level = span.level
        if span.mark is Mark.NUMBER and not level:  # a number takes its heading's level
            level = next((s.level for s in spans[i + 1 :] if s.mark is Mark.HEADING), 0)
            if not level:
                return None
        return f"heading{min(max(level, 1), 4)}_char"

    def title(self, block: Title, nxt: Block | None) -> None:
        text = clean(block.text)
        if "\n" in text:
            lines = text.split("\n")
        else:
            pitch = round(self.style.title.size_pt * 20) + self.geo.char_spacing
            lines = break_title(text, self.geo.text_w / pitch)
        self.para("title", "<w:r><w:br/></w:r>".join(_run(line) for line in lines))
        if nxt is not None and not isinstance(nxt, Title | PageBreak):
            self.blank()  # 标题下空一行

    def attachments(self, block: Attachments) -> None:
        names = [clean(n).replace("\n", " ") for n in block.names if n.strip()]
        if not names:
            return
        self.blank()
        if len(names) == 1:
            self.para("attachment", _run(f"附件：{names[0]}"))
            return
        # 附件：1.名称 / 2.名称 … numbers aligned under each other, wrapped lines under the name
        num = math.ceil(max(width(f"{k}.") for k in range(1, len(names) + 1)))
        for k, name in enumerate(names, 1):
            lead = "附件：" if k == 1 else ""
            hanging = num + (3 if k == 1 else 0)
            self.para(
                "attachment",
                _run(f"{lead}{k}.\t{name}"),
                ind(self.geo, left=5 + num, hanging=hanging),
            )

    def signature(self, block: Signature) -> None:
        """署名 right, 2 characters in; the date's first character 2 characters right of the
        organ's, or, when the date is longer, the date 2 in and the organ moved (§7.3.5.2)."""
        organ, date = clean(block.organ).strip(), clean(block.date).strip()
        self.blank()
        w_org, w_date = width(organ), width(date)
        r_org, r_date = 2.0, w_org - w_date
        if r_date < 2 or not organ:
            r_org, r_date = 4 + w_date - w_org, 2.0
        if organ:
            extra = "" if r_org == 2 else ind(self.geo, right=r_org, first=0)
            self.para("signature", _run(organ), extra)
        if date:
            extra = "" if r_date == 2 or not organ else ind(self.geo, right=r_date, first=0)
            self.para("date", _run(date), extra)

    # tables

    def table(self, block: Table) -> None:
        if block.caption.strip():
            self.para("caption", _run(block.caption))
        else:
            if self.page_break or (self.out and self.out[-1].startswith("<w:tbl>")):
                self.flush_break()  # a page break, or keep two tables from merging
        ncols = max([len(block.header), *(len(r) for r in block.rows)], default=0)
        if ncols == 0:
            return
        widths = self.column_widths(block, ncols)
        numeric = tuple(block.numeric) + (False,) * ncols
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        rows = []
        if block.header:
            rows.append(self.row(block.header, widths, ["table_header"] * ncols, header=True))
        roles = ["table_number" if numeric[c] else "table_text" for c in range(ncols)]
        rows += [self.row(r, widths, roles, header=False) for r in block.rows]
        self.out.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.ids["table"]}"/>'
            '<w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )

    def column_widths(self, block: Table, ncols: int) -> list[int]:
        """Every cell's text on one line where the page allows (a number never wraps), then
        the room left to the headers, which may wrap onto two lines."""
        em = round(self.style.table.size_pt * 20)
        pad = 2 * 108  # Word's default cell margins, left and right
        need = [2 * em + pad] * ncols
        for row in block.rows:
            for c, text in enumerate(row[:ncols]):
                need[c] = max(need[c], math.ceil((width(text) + 0.5) * em) + pad)
        want = list(need)
        for c, text in enumerate(block.header[:ncols]):
            want[c] = max(want[c], math.ceil(width(text) / 2 + 0.5) * em + pad)
        total = self.geo.text_w
        if sum(need) >= total:  # too wide even so: shrink all alike
            widths = [n * total // sum(need) for n in need]
        elif sum(want) <= total:  # room to spare: share it out
            widths = [w + (total - sum(want)) * w // sum(want) for w in want]
        else:  # headers get what is left, each in proportion to what it lacks
            lack = sum(w - n for w, n in zip(want, need, strict=True))
            widths = [n + (total - sum(need)) * (w - n) // lack
                      for w, n in zip(want, need, strict=True)]
        widths[-1] += total - sum(widths)
        return widths

    def row(self, cells: tuple[str, ...], widths: list[int], roles: list[str], header: bool) -> str:
        tr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        out = []
        for c, w in enumerate(widths):
            text = cells[c] if c < len(cells) else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{self.ids[roles[c]]}"/></w:pPr>{_run(text)}</w:p></w:tc>'
            )
        return f"<w:tr>{tr}{''.join(out)}</w:tr>"
