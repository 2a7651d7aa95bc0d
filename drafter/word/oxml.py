"""What python-docx's API does not expose, on python-docx's own oxml layer.

East Asian fonts (w:eastAsia), the section grid (w:docGrid), character spacing, the
typographic switches (w:overflowPunct, w:autoSpaceDE …), indents in characters (w:*Chars),
shading, repeated table header rows, the PAGE field and bookmarks. Every element is made in
place in its parent (see below) and put before its successors in the ECMA-376 sequence of it (the
sequences below are the schema's, as python-docx lists them in its own element classes, whose
`insert_element_before` does the same for the children it knows), so
the result validates and Word opens it. No XML is written as text here (the body's
headings and paragraphs are, in paragraph_xml.py, for speed).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml.etree import SubElement

from drafter.config.style import Font
from drafter.word.geometry import Geometry


def _seq(tags: str) -> tuple[str, ...]:
    return tuple(tags.split())


# ECMA-376 Part 1, §17.3.1.26 (pPr), §17.3.2.28 (rPr), §17.6.17 (sectPr), §17.7.4.17
# (style), §17.4.82 (trPr), §17.4.60 (tblPr), §17.4.70 (tcPr)
PPR = _seq(
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
    "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
    "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
    "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
    "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
    "w:rPr w:sectPr w:pPrChange"
)
RPR = _seq(
    "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline "
    "w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color "
    "w:spacing w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd "
    "w:fitText w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish w:oMath"
)
SECT = _seq(
    "w:headerReference w:footerReference w:footnotePr w:endnotePr w:type w:pgSz w:pgMar "
    "w:paperSrc w:pgBorders w:lnNumType w:pgNumType w:cols w:formProt w:vAlign w:noEndnote "
    "w:titlePg w:textDirection w:bidi w:rtlGutter w:docGrid w:printerSettings w:sectPrChange"
)
STYLE = _seq(
    "w:name w:aliases w:basedOn w:next w:link w:autoRedefine w:hidden w:uiPriority "
    "w:semiHidden w:unhideWhenUsed w:qFormat w:locked w:personal w:personalCompose "
    "w:personalReply w:rsid w:pPr w:rPr w:tblPr w:trPr w:tcPr w:tblStylePr"
)
TBLPR = _seq(
    "w:tblStyle w:tblpPr w:tblOverlap w:bidiVisual w:tblStyleRowBandSize "
    "w:tblStyleColBandSize w:tblW w:jc w:tblCellSpacing w:tblInd w:tblBorders w:shd "
    "w:tblLayout w:tblCellMar w:tblLook w:tblCaption w:tblDescription w:tblPrChange"
)
TRPR = _seq(
    "w:cnfStyle w:divId w:gridBefore w:gridAfter w:wBefore w:wAfter w:cantSplit w:trHeight "
    "w:tblHeader w:tblCellSpacing w:jc w:hidden w:ins w:del w:trPrChange"
)
TCPR = _seq(
    "w:cnfStyle w:tcW w:gridSpan w:hMerge w:vMerge w:tcBorders w:shd w:noWrap w:tcMar "
    "w:textDirection w:tcFitText w:vAlign w:hideMark w:headers w:cellIns w:cellDel "
    "w:cellMerge w:tcPrChange"
)
BORDERS = _seq("w:top w:left w:start w:bottom w:right w:end w:insideH w:insideV")
CELL_MAR = _seq("w:top w:left w:start w:bottom w:right w:end")


def child(parent: BaseOxmlElement, tag: str, order: Sequence[str], **attrs: str | int) -> (
    BaseOxmlElement
):
    """`parent`'s child `tag` (made if missing, placed before its successors in `order`),
    with the w: attributes `attrs` set."""
    el = parent.find(qn(tag))
    if el is None:
        later = _later(tuple(order), tag)
        successor = next((c for c in parent if c.tag in later), None)
        el = SubElement(parent, qn(tag))  # made in place (see below), then put in order
        if successor is not None:
            successor.addprevious(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


@cache
def _later(order: tuple[str, ...], tag: str) -> frozenset[str]:
    return frozenset(qn(t) for t in order[order.index(tag) + 1 :])


# Elements made in bulk (a paragraph, its runs) are made in place with lxml's SubElement:
# in the parent's document, so python-docx's element classes and the parent's w: prefix
# apply, at a fraction of OxmlElement's cost (which makes a free-standing element declaring
# its namespace, reconciled when it is put in place).
_P, _PPR, _PSTYLE = qn("w:p"), qn("w:pPr"), qn("w:pStyle")
_R, _RPR, _RSTYLE, _T, _VAL = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("w:val")
_SPACE = qn("xml:space")


def add_p(parent: BaseOxmlElement) -> BaseOxmlElement:
    """An empty paragraph at the end of `parent` (the caller keeps w:sectPr last)."""
    return SubElement(parent, _P)


def paragraph_style(p: BaseOxmlElement, style_id: str) -> None:
    """The paragraph style of a new paragraph, by id (python-docx looks styles up by name)."""
    ppr = SubElement(p, _PPR) if len(p) == 0 else p.get_or_add_pPr()
    style = SubElement(ppr, _PSTYLE, {_VAL: style_id})
    if len(ppr) > 1:
        ppr.insert(0, style)  # w:pStyle comes first


def add_run(p: BaseOxmlElement, text: str, style_id: str | None) -> BaseOxmlElement:
    """A run at the end of paragraph `p` with `text` and, if given, a character style.

    Plain text goes into one w:t (python-docx's `Run.text` walks the text a character at a
    time); text with tabs or line breaks goes through python-docx, which makes w:tab and
    w:br of them.
    """
    r = SubElement(p, _R)
    if style_id is not None:
        SubElement(SubElement(r, _RPR), _RSTYLE, {_VAL: style_id})
    if "\t" in text or "\n" in text:
        r.text = text
    else:
        t = SubElement(r, _T)
        t.text = text
        if text != text.strip():
            t.set(_SPACE, "preserve")
    return r


def on_off(parent: BaseOxmlElement, tag: str, order: Sequence[str], on: bool) -> None:
    """A toggle such as w:widowControl: val 1 or 0 written out."""
    child(parent, tag, order, val="1" if on else "0")


def fonts(rpr: BaseOxmlElement, font: Font, *, bold: bool | None = None) -> None:
    """Latin and East Asian faces, size (also for complex script) and weight of a font."""
    child(rpr, "w:rFonts", RPR, ascii=font.latin, hAnsi=font.latin, eastAsia=font.east_asia,
          cs=font.latin, hint="eastAsia")
    weight = font.bold if bold is None else bold
    on_off(rpr, "w:b", RPR, weight)
    on_off(rpr, "w:bCs", RPR, weight)
    half = round(font.size_pt * 2)
    child(rpr, "w:sz", RPR, val=half)
    child(rpr, "w:szCs", RPR, val=half)


def char_spacing(rpr: BaseOxmlElement, twentieths: int) -> None:
    """w:spacing of a run: added to every character (negative: condensed), in 1/20 pt."""
    child(rpr, "w:spacing", RPR, val=twentieths)


def run_spacing(r: BaseOxmlElement, twentieths: int) -> None:
    """char_spacing on a run made by add_run, its w:rPr made in place when it has none (a
    condensed paragraph has it on every run; python-docx's get_or_add_rPr is slower)."""
    rpr = r.find(_RPR)
    if rpr is None:
        rpr = SubElement(r, _RPR)
        r.insert(0, rpr)  # w:rPr comes first
    char_spacing(rpr, twentieths)


def run_size(rpr: BaseOxmlElement, size_pt: float) -> None:
    """A run's type size (also for complex script), in points."""
    half = round(size_pt * 2)
    child(rpr, "w:sz", RPR, val=half)
    child(rpr, "w:szCs", RPR, val=half)


def shade(parent: BaseOxmlElement, order: Sequence[str], fill: str) -> None:
    child(parent, "w:shd", order, val="clear", color="auto", fill=fill)


_IND = {"left": "left", "right": "right", "first": "firstLine", "hanging": "hanging"}


def indent(ppr: BaseOxmlElement, geo: Geometry, **chars: float) -> None:
    """w:ind in characters: Word reads the *Chars attributes, LibreOffice the twips ones.

    Keys: left, right, first, hanging (characters; 0 cancels an inherited value).
    """
    ind = child(ppr, "w:ind", PPR)
    for key in ("left", "right", "first", "hanging"):
        if key in chars:
            n = chars[key]
            ind.set(qn(f"w:{_IND[key]}Chars"), str(round(n * 100)))
            ind.set(qn(f"w:{_IND[key]}"), str(round(n * geo.char)))


def flush_left(ppr: BaseOxmlElement, left: int) -> None:
    """Left-aligned at `left` twips from the text block, overriding a right-aligned style:
    no right or first-line indent. Each *Chars value is 0, which tells Word to read the
    twips beside it (an inherited rightChars="200" would win over right="0" otherwise)."""
    child(ppr, "w:jc", PPR, val="left")
    ind = child(ppr, "w:ind", PPR)
    ind.attrib.pop(qn("w:hanging"), None)
    ind.attrib.pop(qn("w:hangingChars"), None)
    for key, value in (("left", left), ("right", 0), ("firstLine", 0)):
        ind.set(qn(f"w:{key}Chars"), "0")
        ind.set(qn(f"w:{key}"), str(value))


def indent_twips(ppr: BaseOxmlElement, **twentieths: int) -> None:
    """w:ind in twips, with any first-line indent in characters cancelled."""
    ind = child(ppr, "w:ind", PPR)
    for key, value in twentieths.items():
        ind.set(qn(f"w:{_IND[key]}"), str(value))
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def doc_grid(sect_pr: BaseOxmlElement, line_pitch: int) -> None:
    """A lines-only document grid (see geometry.py for why not linesAndChars)."""
    grid = child(sect_pr, "w:docGrid", SECT, type="lines", linePitch=line_pitch)
    grid.attrib.pop(qn("w:charSpace"), None)


def repeat_header(tr: BaseOxmlElement) -> None:
    """The table row repeats at the top of every page the table runs onto."""
    child(tr.get_or_add_trPr(), "w:tblHeader", TRPR)


def table_borders(tbl_pr: BaseOxmlElement) -> None:
    """Single 0.5 pt lines around and inside the table."""
    borders = child(tbl_pr, "w:tblBorders", TBLPR)
    for edge in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        child(borders, edge, BORDERS, val="single", sz=4, space=0, color="auto")


def cell_margins(tbl_pr: BaseOxmlElement, left: int, right: int) -> None:
    mar = child(tbl_pr, "w:tblCellMar", TBLPR)
    child(mar, "w:left", CELL_MAR, w=left, type="dxa")
    child(mar, "w:right", CELL_MAR, w=right, type="dxa")


def field_runs(paragraph_element: BaseOxmlElement, instruction: str, shown: str) -> None:
    """A simple field (e.g. PAGE) as Word writes it: begin, instruction, separate, the value
    last computed (shown until the program updates it), end."""
    def run() -> BaseOxmlElement:
        return paragraph_element.add_r()

    run().append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run().append(instr)
    run().append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    run().text = shown
    run().append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


_BM_START, _BM_END, _ID, _NAME = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:id"),
                                  qn("w:name"))


def bookmark(first_run: BaseOxmlElement, last_run: BaseOxmlElement, ident: int, name: str) -> None:
    """w:bookmarkStart just before `first_run`, w:bookmarkEnd just after `last_run`."""
    parent = first_run.getparent()
    first_run.addprevious(SubElement(parent, _BM_START, {_ID: str(ident), _NAME: name}))
    last_run.addnext(SubElement(parent, _BM_END, {_ID: str(ident)}))

