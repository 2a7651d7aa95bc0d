"""The document around the body: base document, page, footers, fonts, properties, saving.

The base is either drafter's lean base.docx (made by make_base.py: no styles but Word's two
defaults, a schema-valid settings part) or an office's reference.docx, opened as it is with
python-docx: its styles, headers, footers and letterhead stay; its body is dropped. Page size,
margins and the grid always come from the style profile. Saving re-packs python-docx's zip with
fixed entry dates, and the core properties carry fixed dates: the same input gives the same
bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_HEADER_FOOTER
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement
from docx.shared import Twips

from drafter.config.style import StyleProfile
from drafter.errors import CatalogError, reason
from drafter.word import inert, oxml
from drafter.word.geometry import Geometry
from drafter.word.styles import style_fonts

BASE = Path(__file__).with_name("base.docx")
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CORE_MAX = 255  # characters python-docx (and Word) allow in a core property
HEADER_DISTANCE = 851  # twips, 1.5 cm: Word's default for a 公文 page


@cache
def _base_bytes() -> bytes:
    return BASE.read_bytes()


class ReferenceKey(NamedTuple):
    """A reference .docx as of its last change (a cache key: an edited file is read again)."""

    path: Path
    mtime_ns: int
    size: int


def reference_key(reference: Path | None) -> ReferenceKey | None:
    if reference is None:
        return None
    try:
        st = Path(reference).stat()
    except OSError as exc:
        raise CatalogError(f"参考文档无法读取:{reason(exc)}", file=str(reference)) from exc
    return ReferenceKey(Path(reference), st.st_mtime_ns, st.st_size)


def open_base(reference: Path | None) -> DocxDocument:
    """A python-docx Document to write into: the reference .docx with its body emptied, or
    drafter's base document."""
    if reference is None:
        return docx.Document(io.BytesIO(_base_bytes()))
    try:
        document = docx.Document(str(reference))
    except ValueError as exc:  # python-docx: the main part is a template's, a macro file's …
        raise CatalogError("参考文档不是 Word 文档(.docx);若是模板(.dotx)或启用宏的文档,"
                           "请在 Word 中另存为“Word 文档(*.docx)”", file=str(reference)) from exc
    # SyntaxError: lxml's XMLSyntaxError (a part that is not well-formed) derives from it
    except (OSError, KeyError, SyntaxError, zipfile.BadZipFile, OpcError) as exc:
        raise CatalogError(f"参考文档无法读取:{exc}", file=str(reference)) from exc
    document.element.body.clear_content()
    inert.strip(document)  # nothing that reaches outside is copied (config/reference.py)
    return document


_IDLE_KEYS = 8  # bases whose documents are kept for reuse (a batch has one or a few)
_idle: dict[Hashable, list[tuple[DocxDocument, list[Any]]]] = {}


@contextmanager
def opened(base: bytes, key: Hashable | None = None) -> Iterator[DocxDocument]:
    """A python-docx Document of the .docx `base`, to write one draft into.

    With a `key` (the same key, the same bytes), a document an earlier draft of this base
    gave back once it went through, its body put back as in the base, instead of parsing the
    base again (about 1 ms a report in a batch); else one opened now. Only the body and the
    core properties change from draft to draft (the writer sets both), so a document used
    again saves to the bytes a new one would. A draft that fails keeps its document: it is
    not given back. Each document is used by one draft at a time (the page renders in
    threads): it is taken from the list while in use."""
    if key is None:
        yield docx.Document(io.BytesIO(base))
        return
    try:
        document, body = _idle[key].pop()  # one step: two threads never take the same
    except (KeyError, IndexError):  # none kept yet, or all in use
        document = docx.Document(io.BytesIO(base))
        body = [copy.deepcopy(e) for e in document.element.body]
    else:
        document.element.body[:] = [copy.deepcopy(e) for e in body]
    yield document
    if len(_idle) >= _IDLE_KEYS and key not in _idle:
        _idle.clear()
    _idle.setdefault(key, []).append((document, body))


def setup_page(document: DocxDocument, geo: Geometry) -> None:
    """A4 (or the profile's paper), GB/T 9704 margins, the lines-only grid."""
    section = document.sections[-1]
    section.page_width, section.page_height = Twips(geo.page_w), Twips(geo.page_h)
    section.top_margin, section.bottom_margin = Twips(geo.top), Twips(geo.bottom)
    section.left_margin, section.right_margin = Twips(geo.left), Twips(geo.right)
    section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(geo.footer)
    section.gutter = Twips(0)
    oxml.doc_grid(section._sectPr, geo.line_pitch)


def page_numbers(document: DocxDocument, profile: StyleProfile, ids: dict[str, str]) -> None:
    """— N — in 4号 宋体, odd pages right and even pages left, one character in (§7.5).

    Only when the base has no footer of its own (an office's footer wins). With odd and even
    pages told apart, even pages get the letterhead header of odd ones, if there is one.
    """
    section = document.sections[-1]
    sect_pr = section._sectPr
    kinds = (WD_HEADER_FOOTER.PRIMARY, WD_HEADER_FOOTER.EVEN_PAGE, WD_HEADER_FOOTER.FIRST_PAGE)
    if not profile.page_numbers or any(sect_pr.get_footerReference(k) is not None for k in kinds):
        return
    document.settings.odd_and_even_pages_header_footer = True
    header = sect_pr.get_headerReference(WD_HEADER_FOOTER.PRIMARY)
    if header is not None and sect_pr.get_headerReference(WD_HEADER_FOOTER.EVEN_PAGE) is None:
        sect_pr.add_headerReference(WD_HEADER_FOOTER.EVEN_PAGE, header.rId)
    style = document.styles[_name_of(document, ids["page_number"])]
    for footer, page in ((section.footer, 1), (section.even_page_footer, 2)):
        paragraph = footer.paragraphs[0]
        paragraph.style = style
        if page == 2:
            one = round(profile.page_number.size_pt * 20)
            oxml.indent_twips(paragraph._p.get_or_add_pPr(), left=one, right=0)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.add_run("— ")
        oxml.field_runs(paragraph._p, "PAGE", str(page))
        paragraph.add_run(" —")


def _name_of(document: DocxDocument, style_id: str) -> str:
    return document.styles.element.get_by_id(style_id).name_val


def font_table(document: DocxDocument, profile: StyleProfile) -> None:
    """Every face the styles name; w:altName gives Word the fallback (仿宋 for 仿宋_GB2312).
    A base that has a font table keeps its own."""
    part = document.part
    if any(rel.reltype == RT.FONT_TABLE for rel in part.rels.values()):
        return
    fonts: dict[str, str] = {}
    for f in style_fonts(profile):
        fonts[f.east_asia] = fonts.get(f.east_asia) or f.fallback
        fonts.setdefault(f.latin, "")
    root = OxmlElement("w:fonts", nsdecls={"w": nsmap["w"]})
    for name in sorted(fonts):
        font = OxmlElement("w:font", {qn("w:name"): name})
        if fonts[name]:
            font.append(OxmlElement("w:altName", {qn("w:val"): fonts[name]}))
        cjk = any(ord(ch) > 0x2E80 for ch in name)
        for tag, value in (("w:charset", "86" if cjk else "00"),
                           ("w:family", "modern" if cjk else "roman"),
                           ("w:pitch", "fixed" if cjk else "variable")):
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    uri = PackURI("/word/fontTable.xml")
    if any(p.partname == uri for p in part.package.iter_parts()):
        uri = part.package.next_partname("/word/fontTable%d.xml")
    part.relate_to(XmlPart(uri, CT.WML_FONT_TABLE, root, part.package), RT.FONT_TABLE)


def default_fonts(document: DocxDocument, profile: StyleProfile) -> None:
    """drafter's own base: text outside any style (comments) in the body font too."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    oxml.fonts(rpr, profile.body)


def properties(document: DocxDocument, title: str) -> None:
    """Core properties with fixed dates (byte-identical output for the same input). A title
    longer than the 255 characters a core property holds is cut there, ending in …"""
    props = document.core_properties
    props.title = title if len(title) <= CORE_MAX else title[: CORE_MAX - 1] + "…"
    props.author = props.last_modified_by = "drafter"
    props.revision = 1
    props.created = props.modified = FIXED_DATE


def save(document: DocxDocument) -> bytes:
    """The .docx as bytes, entries in python-docx's order ([Content_Types].xml first) with
    fixed dates and attributes.

    The parts are written as python-docx's PackageWriter writes them (the same entries,
    names and bytes), straight into the zip with fixed entry dates: one compression pass,
    not python-docx's zip compressed, read back and compressed again by `repack`."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        _entry(z, CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        _entry(z, PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            _entry(z, part.partname.membername, part.blob)
            if len(part.rels):
                _entry(z, part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def repack(data: bytes) -> bytes:
    """A zip (python-docx's) written again with fixed entry dates and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as z:
        for entry in src.infolist():
            _entry(z, entry.filename, src.read(entry))
    return out.getvalue()


def _entry(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    z.writestr(info, data)
