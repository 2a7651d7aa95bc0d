"""版头, 主送机关 and 版记 of a formal 公文 (GB/T 9704-2012 §7.2, §7.3.2, §7.4) with python-docx.

Measures (docs/publish.md shows them measured in LibreOffice's PDF):
- 发文机关标志: red 小标宋, centred, its top edge 35 mm below the text block's top edge — the
  first paragraph, its space before set so that the glyphs' top lands there;
- 发文字号 two lines below it, centred; for an upward document (签发人) the number one
  character in on the left and `签发人：` + name (楷体) one character in on the right, on one
  line, by tab stops (the paragraph keeps no indent so that the rule below spans the block);
- the red rule 4 mm below the 发文字号: the bottom border of its paragraph, text-block wide;
- 主送机关 one blank line below the title, flush left;
- 版记: paragraphs in a frame anchored to the bottom of the last page's text block
  (`w:framePr` yAlign="bottom"): 抄送 and 印发 in 4号 仿宋 between a thick first and last
  rule (0.35 mm) with a thin one (0.25 mm) between, the last on the text block's bottom edge.
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from drafter.model.document import Document, Imprint, Letterhead, Recipient, Title

RED = RGBColor(0xFF, 0x00, 0x00)
MARK_FONT, BODY_FONT, KAI_FONT = "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"
LATIN = "Times New Roman"
BODY_PT, IMPRINT_PT = 16, 14  # 3号, 4号
MARK_TOP = Mm(35)  # from the text block's top edge to the mark's top edge
RULE_GAP_PT = 11  # 4 mm between the 发文字号 and the red rule (w:space is in whole points)
THICK = 8  # the red rule's width in eighths of a point: 1 pt ≈ 0.35 mm
THICK_MM, THIN_MM = 0.35, 0.25  # the 版记's rules
_ASCENT = 0.02  # of the size: the glyph box stands this far above an exact 1.2-size line (LibreOffice, measured)


def add_parts(document: Any, doc: Document) -> None:
    """Add the formal parts of `doc` to the python-docx `document` whose body the writer
    has just written (the writer calls this; nothing is added when the facts were empty)."""
    parts = [b for b in doc.blocks if isinstance(b, Letterhead | Recipient | Imprint)]
    title = next((b.text for b in doc.blocks if isinstance(b, Title)), "")
    for block in parts:
        if isinstance(block, Recipient):
            add_recipient(document, block, title)
        elif isinstance(block, Imprint):
            add_imprint(document, block)
    for block in parts:
        if isinstance(block, Letterhead):
            add_letterhead(document, block)


def _text_width(document: Any) -> Emu:
    section = document.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin)


def _fonts(run: Any, east_asia: str, size: float, *, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.name = LATIN
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    if color is not None:
        run.font.color.rgb = color


def _plain_paragraph(p: Any, *, exact: float | None = None, grid: bool = False) -> None:
    """No indent, no spacing of the body style: the parts set their own. `grid`: the line
    stays on the body's line grid (主送机关, which the body follows line by line)."""
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.left_indent = Pt(0)
    fmt.right_indent = Pt(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(exact)
    if not grid:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        _insert(p._p.get_or_add_pPr(), snap, _PPR)


# the schema's order of pPr children (Word refuses elements out of order)
_PPR = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def _insert(parent: Any, el: Any, order: list[str]) -> None:
    """Put `el` among `parent`'s children where the schema wants it, replacing its like."""
    name = el.tag.split("}", 1)[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for child in parent:
        if child.tag.split("}", 1)[-1] in later:
            child.addprevious(el)
            return
    parent.append(el)


def _border(p: Any, side: str, size: int, color: str = "000000", space: int = 0) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert(ppr, borders, _PPR)
    el = OxmlElement(f"w:{side}")
    for k, v in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
        el.set(qn(f"w:{k}"), v)
    order = ["top", "left", "bottom", "right", "between", "bar"]
    later = [c for c in borders if c.tag.split("}")[-1] in order[order.index(side) + 1:]]
    if later:
        later[0].addprevious(el)
    else:
        borders.append(el)


def mark_size(organ: str, width: Emu) -> float:
    """The mark's size in points: large, yet one line (at most 2号 × 2 minus a margin)."""
    fit = Emu(width).pt / max(len(organ), 1) * 0.9
    return float(min(36, max(22, int(fit))))


def add_letterhead(document: Any, block: Letterhead) -> None:
    """The 版头 as the first paragraphs of the body."""
    body = document.element.body
    first = body[0]
    width = _text_width(document)
    size = mark_size(block.organ, width)

    mark = document.add_paragraph()
    _plain_paragraph(mark, exact=size * 1.2)
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # space before: the glyph box then starts 35 mm below the text block (measured in tests)
    mark.paragraph_format.space_before = Pt(MARK_TOP.pt - size * _ASCENT)
    _fonts(mark.add_run(block.organ), MARK_FONT, size, color=RED)
    paras = [mark]

    blank = document.add_paragraph()
    _plain_paragraph(blank, exact=BODY_PT * 1.8)
    paras.append(blank)
    number = document.add_paragraph()
    _plain_paragraph(number, exact=BODY_PT * 1.8)
    if block.signer:
        stops = number.paragraph_format.tab_stops
        stops.add_tab_stop(Pt(BODY_PT), WD_TAB_ALIGNMENT.LEFT)
        stops.add_tab_stop(Emu(width - Pt(BODY_PT)), WD_TAB_ALIGNMENT.RIGHT)
        _fonts(number.add_run("\t" + block.number + "\t签发人："), BODY_FONT, BODY_PT)
        _fonts(number.add_run(block.signer), KAI_FONT, BODY_PT)
    else:
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(number.add_run(block.number), BODY_FONT, BODY_PT)
    _border(number, "bottom", THICK, "FF0000", RULE_GAP_PT)
    paras.append(number)
    after = document.add_paragraph()  # the space between the rule and the title
    _plain_paragraph(after, exact=BODY_PT * 1.8)
    paras.append(after)
    for p in paras:
        first.addprevious(p._p)


def add_recipient(document: Any, block: Recipient, title: str) -> None:
    """主送机关 after the blank line that follows the title, flush left; the body follows on
    the very next line (GB/T 9704 §7.3.3)."""
    paras = document.paragraphs
    key = "".join(title.split())
    seen, at = "", None
    for i, p in enumerate(paras):
        seen += "".join(p.text.split())
        if key and seen.endswith(key):
            at = i
            break
    if at is None:
        at = -1
    anchor = paras[at + 1] if at + 1 < len(paras) and not paras[at + 1].text.strip() else (
        paras[at] if at >= 0 else None)
    p = document.add_paragraph()
    _plain_paragraph(p, grid=True)
    _fonts(p.add_run(block.text), BODY_FONT, BODY_PT)
    if paras and anchor is not None:
        anchor._p.addnext(p._p)  # the body starts on the next line (§7.3.3): no blank after
    elif paras:
        paras[0]._p.addprevious(p._p)


def add_imprint(document: Any, block: Imprint) -> None:
    """The 版记: paragraphs in one frame anchored to the bottom of the text block
    (`w:framePr` vAnchor="margin" yAlign="bottom", which Word and LibreOffice both honour,
    on whatever page the body ends), the rules as paragraph borders: thick above the first,
    thin between, thick below the last — on the text block's bottom edge."""
    width = _text_width(document)
    paras = []
    if block.copies:
        p = document.add_paragraph()
        label = "抄送："
        _imprint_paragraph(p, width)
        p.paragraph_format.left_indent = Pt(IMPRINT_PT * (1 + len(label)))
        p.paragraph_format.first_line_indent = Pt(-IMPRINT_PT * len(label))
        p.paragraph_format.right_indent = Pt(IMPRINT_PT)
        _fonts(p.add_run(label + block.copies + "。"), BODY_FONT, IMPRINT_PT)
        paras.append(p)
    if block.organ or block.date:
        p = document.add_paragraph()
        _imprint_paragraph(p, width)
        p.paragraph_format.left_indent = Pt(IMPRINT_PT)
        p.paragraph_format.right_indent = Pt(IMPRINT_PT)
        p.paragraph_format.tab_stops.add_tab_stop(Emu(width - Pt(IMPRINT_PT)),
                                                   WD_TAB_ALIGNMENT.RIGHT)
        date = f"{block.date}印发" if block.date else ""
        _fonts(p.add_run(f"{block.organ}\t{date}"), BODY_FONT, IMPRINT_PT)
        paras.append(p)
    # the rules: LibreOffice will not frame paragraphs with borders, so each rule is a
    # paragraph of its own, as high as the rule is thick and shaded black
    for i, p in enumerate(paras):
        if i == 0:
            p._p.addprevious(_rule(document, width, THICK_MM)._p)
        p._p.addnext(_rule(document, width, THICK_MM if i == len(paras) - 1 else THIN_MM)._p)
    anchor = document.add_paragraph()  # the frame's anchor: LibreOffice drops an unanchored one
    _plain_paragraph(anchor, exact=1)


def _rule(document: Any, width: Emu, mm: float) -> Any:
    p = document.add_paragraph()
    _imprint_paragraph(p, width, height=Mm(mm).pt)
    shd = OxmlElement("w:shd")
    for k, v in (("val", "clear"), ("color", "auto"), ("fill", "000000")):
        shd.set(qn(f"w:{k}"), v)
    _insert(p._p.get_or_add_pPr(), shd, _PPR)
    return p


def _imprint_paragraph(p: Any, width: Emu, height: float = IMPRINT_PT * 1.75) -> None:
    _plain_paragraph(p, exact=height)
    frame = OxmlElement("w:framePr")
    for k, v in (("w", str(int(Emu(width).pt * 20))), ("wrap", "around"), ("vAnchor", "margin"),
                 ("hAnchor", "margin"), ("xAlign", "center"), ("yAlign", "bottom")):
        frame.set(qn(f"w:{k}"), v)
    _insert(p._p.get_or_add_pPr(), frame, _PPR)
