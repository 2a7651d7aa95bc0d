"""Merge a drafted document into an office's reference .docx.

The reference package is the base: every part of it is kept (theme, numbering, headers,
footers, images, its fonts and settings) except the main document, which drafter writes.
Styles are merged by style: a reference style wins over drafter's when it has the same
styleId or the same name (case-insensitive, as Word compares built-in names); drafter's other
styles are added, their basedOn/next/link pointed at the reference's ids. The reference's
header and footer references (and its first-page switch, w:titlePg, for a letterhead) are
carried over; page size, margins and grid come from the style profile. If the reference has
no footer, drafter's odd/even page-number footers are added.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from drafter.config.style import StyleProfile
from drafter.errors import CatalogError
from drafter.word.parts import (
    CONTENT_TYPES,
    REL_TYPES,
    W_NS,
    Geometry,
    core_xml,
    footer_xml,
    settings_xml,
)
from drafter.word.styles import STYLES, font_table_xml, style_ids, styles_xml

W = f"{{{W_NS}}}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CTN = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)

# children of w:settings that come after w:evenAndOddHeaders in the schema's sequence
_AFTER_EVEN_ODD_NAMES = (
    "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
    "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
    "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml "
    "ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator"
)
_AFTER_EVEN_ODD = set(_AFTER_EVEN_ODD_NAMES.split())


def _xml(el: etree._Element) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True)


class _Package:
    def __init__(self, path: Path):
        self.path = path
        try:
            with zipfile.ZipFile(path) as z:
                self.parts = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
            self.types = etree.fromstring(self.parts["[Content_Types].xml"], _PARSER)
            self.root_rels = etree.fromstring(self.parts["_rels/.rels"], _PARSER)
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
            raise CatalogError(f"参考文档无法读取:{exc}", file=str(path)) from exc
        main = self.target(self.root_rels, "", REL_TYPES["officeDocument"])
        if main is None or main not in self.parts:
            raise CatalogError("参考文档中没有 Word 正文部分", file=str(path))
        self.main = main
        self.rels_name = posixpath.join(
            posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels"
        )
        raw = self.parts.get(self.rels_name, b'<Relationships xmlns="%s"/>' % PR[1:-1].encode())
        self.rels = etree.fromstring(raw, _PARSER)

    @staticmethod
    def target(rels: etree._Element, base: str, rel_type: str) -> str | None:
        for rel in rels.iter(f"{PR}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                t = rel.get("Target", "")
                return (
                    t.lstrip("/")
                    if t.startswith("/")
                    else posixpath.normpath(posixpath.join(base, t))
                )
        return None

    def part_of(self, kind: str) -> str | None:
        return self.target(self.rels, posixpath.dirname(self.main), REL_TYPES[kind])

    def add_part(self, name: str, data: bytes, kind: str, content_type: str) -> str:
        """Add a part related from the main document; returns the new relationship id."""
        ids = {r.get("Id") for r in self.rels}
        rid = next(f"rIdDrafter{n}" for n in range(1, 10_000) if f"rIdDrafter{n}" not in ids)
        rel = etree.SubElement(self.rels, f"{PR}Relationship")
        rel.set("Id", rid)
        rel.set("Type", REL_TYPES[kind])
        rel.set("Target", posixpath.relpath(name, posixpath.dirname(self.main)))
        self.parts[name] = data
        self.set_type(name, content_type)
        return rid

    def set_type(self, name: str, content_type: str) -> None:
        for o in self.types.iter(f"{CTN}Override"):
            if o.get("PartName") == "/" + name:
                o.set("ContentType", content_type)
                return
        o = etree.SubElement(self.types, f"{CTN}Override")
        o.set("PartName", "/" + name)
        o.set("ContentType", content_type)

    def free_name(self, stem: str) -> str:
        return next(
            f"word/{stem}{n}.xml"
            for n in range(1, 10_000)
            if f"word/{stem}{n}.xml" not in self.parts
        )


def merge(
    reference: Path,
    style: StyleProfile,
    geo: Geometry,
    render: Callable[[dict[str, str], str], str],
    title: str,
) -> dict[str, bytes]:
    """The merged package's parts; `render(ids, section_refs)` writes document.xml."""
    pkg = _Package(reference)
    ours = styles_xml(style, geo).encode("utf-8")
    styles_name = pkg.part_of("styles")
    if styles_name and styles_name in pkg.parts:
        try:
            merged, ids = merge_styles(pkg.parts[styles_name], ours)
        except etree.XMLSyntaxError as exc:
            raise CatalogError(f"参考文档的样式无法读取:{exc}", file=str(reference)) from exc
        pkg.parts[styles_name] = merged
    else:
        pkg.add_part("word/styles.xml", ours, "styles", CONTENT_TYPES["word/styles.xml"])
        ids = merge_styles(ours, ours)[1]
    for kind, make in (
        ("fontTable", lambda: font_table_xml(style)),
        ("settings", lambda: settings_xml(False)),
    ):
        if pkg.part_of(kind) is None:
            name = f"word/{kind}.xml"
            pkg.add_part(name, make().encode("utf-8"), kind, CONTENT_TYPES[name])

    refs, has_footer = _section_refs(pkg)
    if style.page_numbers and not has_footer:
        footer_type = CONTENT_TYPES["word/footer1.xml"]
        for odd, kind in ((True, "default"), (False, "even")):
            sid = STYLES["page_number"][0]
            xml = footer_xml(odd, style, ids.get(sid, sid))
            rid = pkg.add_part(pkg.free_name("footer"), xml.encode("utf-8"), "footer", footer_type)
            refs = f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' + refs
        _even_and_odd(pkg)
        refs = _even_header(refs)

    role_ids = {role: ids.get(sid, sid) for role, sid in style_ids().items()}
    pkg.parts[pkg.main] = render(role_ids, refs).encode("utf-8")
    pkg.set_type(pkg.main, CONTENT_TYPES["word/document.xml"])  # a .dotx becomes a document
    core = pkg.target(pkg.root_rels, "", REL_TYPES["core"])
    if core is None:
        core = "docProps/core.xml"
        rel = etree.SubElement(pkg.root_rels, f"{PR}Relationship")
        rel.attrib.update({"Id": "rIdDrafterCore", "Type": REL_TYPES["core"], "Target": core})
        pkg.set_type(core, CONTENT_TYPES["docProps/core.xml"])
    pkg.parts[core] = core_xml(title).encode("utf-8")
    pkg.parts[pkg.rels_name] = _xml(pkg.rels)
    pkg.parts["_rels/.rels"] = _xml(pkg.root_rels)
    pkg.parts["[Content_Types].xml"] = _xml(pkg.types)
    return pkg.parts


def merge_styles(ref_xml: bytes, our_xml: bytes) -> tuple[bytes, dict[str, str]]:
    """Reference styles win by styleId or name; returns (styles.xml, our id → id to use)."""
    ref = etree.fromstring(ref_xml, _PARSER)
    ours = etree.fromstring(our_xml, _PARSER)
    by_id = {s.get(f"{W}styleId"): s for s in ref.iter(f"{W}style")}
    by_name = {}
    for s in ref.iter(f"{W}style"):
        name = s.find(f"{W}name")
        if name is not None:
            by_name.setdefault(name.get(f"{W}val", "").casefold(), s.get(f"{W}styleId"))
    defaults = {
        s.get(f"{W}type") for s in ref.iter(f"{W}style") if s.get(f"{W}default") in ("1", "true")
    }
    ids: dict[str, str] = {}
    added = []
    for s in ours.iter(f"{W}style"):
        sid = s.get(f"{W}styleId")
        name = s.find(f"{W}name").get(f"{W}val", "").casefold()
        if sid in by_id:
            ids[sid] = sid
        elif name in by_name:
            ids[sid] = by_name[name]
        else:
            ids[sid] = sid
            added.append(s)
    for s in added:
        for tag in ("basedOn", "next", "link"):
            el = s.find(f"{W}{tag}")
            if el is not None:
                el.set(f"{W}val", ids.get(el.get(f"{W}val"), el.get(f"{W}val")))
        if s.get(f"{W}type") in defaults:
            s.attrib.pop(f"{W}default", None)
        ref.append(s)
    return _xml(ref), ids


def _section_refs(pkg: _Package) -> tuple[str, bool]:
    """Header/footer references of the reference's last section, as XML text."""
    doc = etree.fromstring(pkg.parts[pkg.main], _PARSER)
    body = doc.find(f"{W}body")
    sect = body.find(f"{W}sectPr") if body is not None else None
    if sect is None:
        return "", False
    out, has_footer = [], False
    for el in sect:
        kind = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if kind in ("headerReference", "footerReference"):
            has_footer |= kind == "footerReference"
            kind_type = el.get(f"{W}type", "default")
            out.append(f'<w:{kind} w:type="{kind_type}" r:id="{el.get(f"{R}id")}"/>')
        elif kind == "titlePg" and el.get(f"{W}val") not in ("0", "false"):
            out.append("<w:titlePg/>")
    return "".join(out), has_footer


def _even_header(refs: str) -> str:
    """With odd/even pages switched on, even pages show the default header too."""
    m = re.search(r'<w:headerReference w:type="default" r:id="([^"]+)"/>', refs)
    if m and 'w:headerReference w:type="even"' not in refs:
        refs = f'<w:headerReference w:type="even" r:id="{m.group(1)}"/>' + refs
    return refs


def _even_and_odd(pkg: _Package) -> None:
    name = pkg.part_of("settings")
    settings = etree.fromstring(pkg.parts[name], _PARSER)
    if settings.find(f"{W}evenAndOddHeaders") is not None:
        return
    flag = etree.Element(f"{W}evenAndOddHeaders")
    after = next((c for c in settings if etree.QName(c).localname in _AFTER_EVEN_ODD), None)
    if after is None:
        settings.append(flag)
    else:
        after.addprevious(flag)
    pkg.parts[name] = _xml(settings)
