"""The fixed parts of drafter's .docx: page geometry, settings, footers, package plumbing.

Everything is written as XML text from the style profile; there is no base document to load
(python-docx's default template alone is ~790 KB of styles). docx_styles.py writes the
styles, docx_writer.py the body, and assembles the package.

The grid (GB/T 9704: 22 lines × 28 characters on a 156 × 225 mm text block):
- lines: `w:docGrid w:type="lines"` with the line pitch (text block height / 22, twips).
  Word and LibreOffice both snap single-spaced lines to it.
- characters: `w:type="linesAndChars"` is what Word's own 公文 templates use, but LibreOffice
  gives every character wider than the grid cell two cells (a 16 pt character in a 15.8 pt
  cell: 14 characters a line). So the grid is lines only, and the Normal style condenses every
  character by the difference (−0.25 pt for 3号 on 156 mm): 28 × 15.75 pt fits 442 pt, 29
  does not, in both programs (Word adds w:spacing to each character; with a lines-only grid
  it does not stretch characters to a grid pitch).
- LibreOffice 7.4 ignores the w:*Chars indents, w:beforeLines and w:autoSpaceDE/DN, so every
  indent is written both in characters (Word) and in twips (LibreOffice), and blank lines are
  empty paragraphs. Word gets autoSpaceDE/DN off (no extra space between Chinese and digits);
  LibreOffice keeps its own, so lines mixing digits hold slightly fewer characters there.
- a closing mark (，、。) after a full line: Word hangs it in the margin; LibreOffice, which
  loses a hung mark on condensed justified lines, moves it down with the character before
  it (w:overflowPunct in docx_styles.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drafter.config.style import StyleProfile
from drafter.word.text import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FIXED_DATE = "2000-01-01T00:00:00Z"  # core properties: fixed for byte-identical output


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Geometry:
    """Page and grid in twips (1/20 pt), derived from a style profile."""

    page_w: int
    page_h: int
    top: int
    bottom: int
    left: int
    right: int
    footer: int
    text_w: int
    line_pitch: int
    char_spacing: int  # 1/20 pt added to every character of the body (negative: condensed)
    char: int  # one body character, spacing included

    @classmethod
    def of(cls, style: StyleProfile) -> Geometry:
        text_w = twips(style.page_width_mm - style.margin_left_mm - style.margin_right_mm)
        text_h = twips(style.page_height_mm - style.margin_top_mm - style.margin_bottom_mm)
        body = round(style.body.size_pt * 20)
        spacing = math.floor(text_w / max(style.chars_per_line, 1) - body)
        # GB/T 9704 §7.5: the page number's dashes sit 7 mm below the text block; the dash is
        # about 0.65 em above the bottom of its line.
        footer = twips(style.margin_bottom_mm - 7) - round(style.page_number.size_pt * 20 * 0.65)
        return cls(
            page_w=twips(style.page_width_mm),
            page_h=twips(style.page_height_mm),
            top=twips(style.margin_top_mm),
            bottom=twips(style.margin_bottom_mm),
            left=twips(style.margin_left_mm),
            right=twips(style.margin_right_mm),
            footer=max(footer, 0),
            text_w=text_w,
            line_pitch=text_h // max(style.lines_per_page, 1),
            char_spacing=spacing,
            char=body + spacing,
        )


def ind(geo: Geometry, **chars: float) -> str:
    """<w:ind> in characters: Word reads the *Chars attributes, LibreOffice the twips ones.

    Keys: first, hanging, left, right (characters; 0 cancels an inherited value).
    """
    names = {"left": "left", "right": "right", "first": "firstLine", "hanging": "hanging"}
    attrs = []
    for key in ("left", "right", "first", "hanging"):
        if key in chars:
            n = chars[key]
            attrs.append(
                f'w:{names[key]}Chars="{round(n * 100)}" w:{names[key]}="{round(n * geo.char)}"'
            )
    return f"<w:ind {' '.join(attrs)}/>"


def settings_xml(even_odd: bool) -> str:
    return (
        f"{XML_HEAD}<w:settings {NS}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        + ("<w:evenAndOddHeaders/>" if even_odd else "")
        + '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def page_number_ind(style: StyleProfile, *, odd: bool) -> str:
    """One page-number character in from the right (odd pages) or left (even pages) edge;
    the body's 2-character first-line indent cancelled (Word reads firstLineChars first)."""
    one = round(style.page_number.size_pt * 20)
    left, right = (0, one) if odd else (one, 0)
    return f'<w:ind w:left="{left}" w:right="{right}" w:firstLineChars="0" w:firstLine="0"/>'


def footer_xml(odd: bool, style: StyleProfile, sid: str) -> str:
    """— N — : odd pages at the right, even pages at the left, one character in (§7.5).

    `sid` is the id of the page-number paragraph style (页码), which sets font and alignment.
    """
    ppr = f'<w:pStyle w:val="{sid}"/>'
    if not odd:
        ppr += f'{page_number_ind(style, odd=False)}<w:jc w:val="left"/>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{1 if odd else 2}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f"{XML_HEAD}<w:ftr {NS}><w:p><w:pPr>{ppr}</w:pPr>"
        f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
    )


def sect_pr(geo: Geometry, refs: str = "") -> str:
    """Final section properties; `refs` are header/footer references (and w:titlePg)."""
    title_pg = ""
    if "<w:titlePg" in refs:
        refs, title_pg = refs.replace("<w:titlePg/>", ""), "<w:titlePg/>"
    return (
        f"<w:sectPr>{refs}"
        f'<w:pgSz w:w="{geo.page_w}" w:h="{geo.page_h}"/>'
        f'<w:pgMar w:top="{geo.top}" w:right="{geo.right}" w:bottom="{geo.bottom}" '
        f'w:left="{geo.left}" w:header="851" w:footer="{geo.footer}" w:gutter="0"/>'
        f'<w:cols w:space="425"/>{title_pg}'
        f'<w:docGrid w:type="lines" w:linePitch="{geo.line_pitch}"/></w:sectPr>'
    )


def core_xml(title: str) -> str:
    return (
        f"{XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>drafter</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_XML = (
    f"{XML_HEAD}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application></Properties>"
)

CT = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = {
    "word/document.xml": f"{CT}.wordprocessingml.document.main+xml",
    "word/styles.xml": f"{CT}.wordprocessingml.styles+xml",
    "word/settings.xml": f"{CT}.wordprocessingml.settings+xml",
    "word/fontTable.xml": f"{CT}.wordprocessingml.fontTable+xml",
    "word/footer1.xml": f"{CT}.wordprocessingml.footer+xml",
    "word/footer2.xml": f"{CT}.wordprocessingml.footer+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": f"{CT}.extended-properties+xml",
}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_TYPES = {
    "styles": f"{REL}/styles",
    "settings": f"{REL}/settings",
    "fontTable": f"{REL}/fontTable",
    "footer": f"{REL}/footer",
    "header": f"{REL}/header",
    "officeDocument": f"{REL}/officeDocument",
    "core": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "app": f"{REL}/extended-properties",
}


def content_types_xml(parts: list[str]) -> str:
    overrides = "".join(
        f'<Override PartName="/{p}" ContentType="{CONTENT_TYPES[p]}"/>' for p in parts
    )
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


def rels_xml(rels: list[tuple[str, str, str]]) -> str:
    """rels: (id, type key or full type URI, target)."""
    body = "".join(
        f'<Relationship Id="{rid}" Type="{REL_TYPES.get(kind, kind)}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    return (
        f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{body}</Relationships>'
    )
