"""drafter's named Word styles, made from the style profile with python-docx.

Formats live here, in styles, never on runs: a run carries only a character-style reference,
so that restyling 正文 or 一级标题 in Word restyles the whole draft. Every style names its
East Asian face (w:eastAsia) as well as the Latin one (Times New Roman for digits and Latin).

A style the base document already has (by name: an office's reference.docx) is used as it is;
drafter adds only the styles that are missing.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING, WD_UNDERLINE
from docx.shared import RGBColor, Twips
from docx.styles.style import BaseStyle

from drafter.config.style import Font, StyleProfile
from drafter.errors import CatalogError
from drafter.model.levels import HEADINGS
from drafter.word import oxml
from drafter.word.geometry import Geometry

# role → (styleId, name). Normal and Title are Word's built-in styles, shown as 正文 and 标题
# in Chinese Word and WPS; the others are drafter's own.
STYLES: dict[str, tuple[str, str]] = {
    "body": ("Normal", "Normal"),
    "title": ("Title", "Title"),
    "heading1": ("GwHeading1", "一级标题"),
    "heading2": ("GwHeading2", "二级标题"),
    "heading3": ("GwHeading3", "三级标题"),
    "heading4": ("GwHeading4", "四级标题"),
    "heading1_char": ("GwHeading1Char", "一级标题 字符"),
    "heading2_char": ("GwHeading2Char", "二级标题 字符"),
    "heading3_char": ("GwHeading3Char", "三级标题 字符"),
    "heading4_char": ("GwHeading4Char", "四级标题 字符"),
    "lead": ("GwLead", "要点引语"),
    "placeholder": ("GwPlaceholder", "待补充"),
    "flagged": ("GwFlagged", "待核实"),
    "attachment": ("GwAttachment", "附件说明"),
    "signature": ("GwSignature", "署名"),
    "date": ("GwDate", "成文日期"),
    "annex": ("GwAnnex", "附件标识"),
    "caption": ("GwTableCaption", "表题"),
    "table_text": ("GwTableText", "表格文字"),
    "table_header": ("GwTableHeader", "表格表头"),
    "table_number": ("GwTableNumber", "表格数字"),
    "table": ("GwTable", "公文表格"),
    "page_number": ("GwPageNumber", "页码"),
}
_BUILTIN = {"body", "title"}
CELL_MARGIN = 108  # twips, left and right of every table cell (Word's default)
P, C, T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE


def style_fonts(style: StyleProfile) -> list[Font]:
    """Every font the styles name (for the font table)."""
    return [style.body, style.title, style.table, style.page_number,
            *map(style.heading_font, (1, 2, 3, 4))]


class _Maker:
    """Adds the styles a document lacks; `made` maps role → the style used for it."""

    def __init__(self, document: DocxDocument, profile: StyleProfile, geo: Geometry,
                 source: str):
        self.styles, self.profile, self.geo, self.source = document.styles, profile, geo, source
        self.by_name = {s.name.casefold(): s for s in self.styles if s.name}
        self.ids = {s.style_id for s in self.styles}
        self.made: dict[str, BaseStyle] = {}

    def style(self, role: str, style_type: WD_STYLE_TYPE, based: str = "",
              define: Callable[[BaseStyle], None] | None = None) -> None:
        sid, name = STYLES[role]
        found = self.by_name.get(name.casefold())
        if found is not None:
            if found.type != style_type:
                want = "段落" if style_type == P else "字符" if style_type == C else "表格"
                raise CatalogError(f"参考文档中的样式“{found.name}”应为{want}样式,"
                                   "请在 Word 中把它改名或删除", file=self.source or None)
            self.made[role] = found
            return
        new = self.styles.add_style(name, style_type, builtin=role in _BUILTIN)
        new.style_id = self._free_id(sid)
        new.quick_style = style_type != T
        if based and based in self.made:
            new.base_style = self.made[based]
        self.made[role] = new
        if define is not None:
            define(new)

    def _free_id(self, sid: str) -> str:
        n, candidate = 1, sid
        while candidate in self.ids:
            n, candidate = n + 1, f"{sid}{n}"
        self.ids.add(candidate)
        return candidate

    def link(self, a: str, b: str) -> None:
        """Word's linked paragraph/character pair (a heading and its run-in form)."""
        sa, sb = self.made[a], self.made[b]
        if sa.element.find(oxml.qn("w:link")) is None and sb.element.find(oxml.qn("w:link")) is None:
            oxml.child(sa.element, "w:link", oxml.STYLE, val=sb.style_id)
            oxml.child(sb.element, "w:link", oxml.STYLE, val=sa.style_id)


def _single(s: BaseStyle) -> None:
    pf = s.paragraph_format
    pf.space_before = pf.space_after = Twips(0)
    pf.line_spacing = 1.0  # w:line 240 auto: snaps to the grid


def _no_indent(s: BaseStyle, geo: Geometry) -> None:
    oxml.indent(s.element.get_or_add_pPr(), geo, left=0, right=0, first=0)


def _font(s: BaseStyle, font: Font, *, spacing: int | None = None) -> None:
    rpr = s.element.get_or_add_rPr()
    oxml.fonts(rpr, font)
    if spacing is not None:
        oxml.char_spacing(rpr, spacing)


def add_styles(document: DocxDocument, profile: StyleProfile, geo: Geometry,
               source: str = "") -> dict[str, str]:
    """Make the styles `document` lacks; returns role → styleId to use. `source`: the
    reference .docx, named in an error."""
    m = _Maker(document, profile, geo, source)
    m.style("body", P, define=lambda s: _body(s, profile, geo))
    if m.styles.default(P) is None:
        m.made["body"].element.default = True

    def title(s: BaseStyle) -> None:
        s.next_paragraph_style = m.made["body"]
        s.paragraph_format.keep_with_next = True
        _single(s)
        # every title line exactly one line of the grid, whatever the face's height: snapped
        # to the grid, a face taller than the pitch (LibreOffice's stand-in for 小标宋) takes
        # two grid lines a line
        oxml.on_off(s.element.get_or_add_pPr(), "w:snapToGrid", oxml.PPR, False)
        s.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        s.paragraph_format.line_spacing = Twips(geo.line_pitch)
        _no_indent(s, geo)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        oxml.child(s.element.get_or_add_pPr(), "w:outlineLvl", oxml.PPR, val=0)
        _font(s, profile.title)

    m.style("title", P, "body", title)
    for level in HEADINGS:
        font = profile.heading_font(level)

        def heading(s: BaseStyle, font: Font = font, level: int = level) -> None:
            s.next_paragraph_style = m.made["body"]
            s.paragraph_format.keep_with_next = True
            oxml.child(s.element.get_or_add_pPr(), "w:outlineLvl", oxml.PPR, val=level)
            _font(s, font)

        m.style(f"heading{level}", P, "body", heading)
        m.style(f"heading{level}_char", C, define=lambda s, font=font: _font(s, font))
        m.link(f"heading{level}", f"heading{level}_char")
    _marks(m, profile)
    _closing(m, profile, geo)
    _tables(m, profile, geo)
    return {role: style.style_id for role, style in m.made.items()}


def _body(s: BaseStyle, profile: StyleProfile, geo: Geometry) -> None:
    """正文 = Normal: restyling it restyles the draft.

    w:overflowPunct="1" is the OOXML default (Word may hang a closing mark in the right margin,
    标点溢出边界) written out for LibreOffice, which imports it inverted (val 1 → no hanging
    punctuation). Hanging there is broken: in a justified line of condensed characters (the
    w:spacing below) LibreOffice 7.4 hangs the mark but never paints it — the character is
    lost from the page and the PDF. Without hanging it moves the mark down with the character
    before it (避头尾) and justifies the 27 characters left.
    """
    ppr = s.element.get_or_add_pPr()
    s.paragraph_format.widow_control = False  # keeps every full page at 22 lines
    oxml.on_off(ppr, "w:overflowPunct", oxml.PPR, True)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN", "w:adjustRightInd"):
        oxml.on_off(ppr, tag, oxml.PPR, False)  # no extra space between Chinese and digits
    _single(s)
    oxml.indent(ppr, geo, first=2)
    s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _font(s, profile.body, spacing=geo.char_spacing)


def _marks(m: _Maker, profile: StyleProfile) -> None:
    def lead(s: BaseStyle) -> None:
        if profile.lead_bold:
            s.font.bold = True
            oxml.on_off(s.element.get_or_add_rPr(), "w:bCs", oxml.RPR, True)

    def placeholder(s: BaseStyle) -> None:
        s.font.highlight_color = WD_COLOR_INDEX.YELLOW
        oxml.shade(s.element.get_or_add_rPr(), oxml.RPR, "FFFF00")

    def flagged(s: BaseStyle) -> None:
        s.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        s.font.underline = WD_UNDERLINE.WAVY
        oxml.shade(s.element.get_or_add_rPr(), oxml.RPR, "FFC7CE")

    m.style("lead", C, define=lead)
    m.style("placeholder", C, define=placeholder)
    m.style("flagged", C, define=flagged)


def _closing(m: _Maker, profile: StyleProfile, geo: Geometry) -> None:
    def attachment(s: BaseStyle) -> None:
        oxml.indent(s.element.get_or_add_pPr(), geo, left=5, hanging=3)

    def right(s: BaseStyle) -> None:  # 署名 and 成文日期: right, 2 characters in
        oxml.indent(s.element.get_or_add_pPr(), geo, right=2, first=0)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def signature(s: BaseStyle) -> None:
        s.next_paragraph_style = m.made["date"]
        s.paragraph_format.keep_with_next = True
        right(s)

    def date(s: BaseStyle) -> None:
        s.next_paragraph_style = m.made["body"]
        right(s)

    def annex(s: BaseStyle) -> None:  # GB/T 9704 §8.2: 附件 in 黑体 3号, top left; title on line 3
        s.next_paragraph_style = m.made["caption"]
        s.paragraph_format.keep_with_next = True
        oxml.child(s.element.get_or_add_pPr(), "w:spacing", oxml.PPR, after=geo.line_pitch)
        _no_indent(s, geo)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _font(s, profile.heading1)

    def caption(s: BaseStyle) -> None:
        s.next_paragraph_style = m.made["body"]
        s.paragraph_format.keep_with_next = True
        _no_indent(s, geo)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(s, profile.heading1)

    m.style("attachment", P, "body", attachment)
    m.style("date", P, "body", date)
    m.style("signature", P, "body", signature)
    m.style("caption", P, "body", caption)
    m.style("annex", P, "body", annex)


def _tables(m: _Maker, profile: StyleProfile, geo: Geometry) -> None:
    def text(s: BaseStyle) -> None:
        oxml.on_off(s.element.get_or_add_pPr(), "w:snapToGrid", oxml.PPR, False)
        _single(s)
        _no_indent(s, geo)
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _font(s, profile.table, spacing=0)

    def header(s: BaseStyle) -> None:
        s.paragraph_format.keep_with_next = True
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        s.font.bold = True
        oxml.on_off(s.element.get_or_add_rPr(), "w:bCs", oxml.RPR, True)

    def number(s: BaseStyle) -> None:
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def table(s: BaseStyle) -> None:
        normal_table = m.styles.default(T)
        if normal_table is not None:
            s.base_style = normal_table
        tbl_pr = oxml.child(s.element, "w:tblPr", oxml.STYLE)
        oxml.table_borders(tbl_pr)
        oxml.cell_margins(tbl_pr, CELL_MARGIN, CELL_MARGIN)
        tc_pr = oxml.child(s.element, "w:tcPr", oxml.STYLE)
        oxml.child(tc_pr, "w:vAlign", oxml.TCPR, val="center")

    def page_number(s: BaseStyle) -> None:
        ppr = s.element.get_or_add_pPr()
        oxml.on_off(ppr, "w:snapToGrid", oxml.PPR, False)
        _single(s)
        oxml.indent_twips(ppr, left=0, right=round(profile.page_number.size_pt * 20))
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(s, profile.page_number, spacing=0)

    m.style("table_text", P, "body", text)
    m.style("table_header", P, "table_text", header)
    m.style("table_number", P, "table_text", number)
    m.style("table", T, define=table)
    m.style("page_number", P, "body", page_number)
