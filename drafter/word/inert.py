"""An office's reference.docx made inert before it becomes the base of a report.

Whatever the base holds is copied into every report drafter writes, so nothing in it may reach
outside the document when a report is opened (the rules, and the note the check shows about
them, are config/reference.py's):

- a relationship with TargetMode="External" is dropped with what refers to it: an attached
  template (w:attachedTemplate), a linked picture (its whole w:drawing or w:pict), a linked
  object (its w:object), a frame or a mail merge source; a hyperlink keeps its text;
- a field that fetches or runs something (INCLUDEPICTURE, INCLUDETEXT, INCLUDE, IMPORT, LINK,
  DDE, DDEAUTO) is unlinked as Word's Ctrl+Shift+F9 does: its instruction goes, the result it
  last showed stays as plain content;
- a mail merge's settings (w:mailMerge: Word would run its query on opening) go.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.opc.part import XmlPart

from drafter.config.reference import W, fields, outside_field

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# what holds a linked picture or object: removed whole (a w:drawing without its picture is
# a broken image in Word)
_HOLDERS = (f"{W}drawing", f"{W}pict", f"{W}object")


def strip(document: DocxDocument) -> None:
    """Remove from `document` (an opened reference.docx) all that reaches outside it."""
    package = document.part.package
    for rId in [rId for rId, rel in package.rels.items() if rel.is_external]:
        del package.rels[rId]
    for part in package.iter_parts():
        if isinstance(part, XmlPart):
            _clean(part, part.element)
        elif part.partname.endswith(".xml") and (part.rels or _mentions_fields(part.blob)):
            root = parse_xml(part.blob)
            if _clean(part, root):
                part._blob = serialize_part_xml(root)


def _mentions_fields(blob: bytes) -> bool:
    return b"instrText" in blob or b"fldSimple" in blob or b"mailMerge" in blob


def _clean(part: Any, root: Any) -> bool:
    changed = False
    for rId in [rId for rId, rel in part.rels.items() if rel.is_external]:
        for el in [e for e in root.iter() if rId in e.attrib.values()]:
            if any(k.startswith(R) and v == rId for k, v in el.attrib.items()):
                _drop(el)
        del part.rels[rId]
        changed = True
    for field in list(fields(root)):
        if outside_field(field.instruction):
            _unlink(field)
            changed = True
    for merge in list(root.iter(f"{W}mailMerge")):
        merge.getparent().remove(merge)
        changed = True
    return changed


def _drop(el: Any) -> None:
    """Remove what refers to an external relationship: a hyperlink keeps its runs."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tag == f"{W}hyperlink":
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
        return
    holder = next((a for a in el.iterancestors() if a.tag in _HOLDERS), el)
    if holder.getparent() is not None:  # (not already gone with another reference in it)
        holder.getparent().remove(holder)


def _unlink(field: Any) -> None:
    if field.simple is not None:  # its result runs take its place
        for child in list(field.simple):
            if child.tag != f"{W}fldData":
                field.simple.addprevious(child)
        field.simple.getparent().remove(field.simple)
        return
    for mark in field.marks:
        run = mark.getparent()
        run.remove(mark)
        if run.tag == f"{W}r" and all(c.tag == f"{W}rPr" for c in run):
            run.getparent().remove(run)
