"""drafter's named Word styles, written from the style profile.

Formats live here, in styles, never on runs: a run carries only a character-style reference,
so that restyling 正文 or 一级标题 in Word restyles the whole draft. Every style names its
East Asian face (w:eastAsia) as well as the Latin one (Times New Roman for digits and Latin).
"""

from __future__ import annotations

from drafter.config.style import Font, StyleProfile
from drafter.word.parts import NS, XML_HEAD, Geometry, ind, page_number_ind
from drafter.word.text import escape

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


def style_ids() -> dict[str, str]:
    """role → styleId of drafter's own styles (a reference .docx may map them to others)."""
    return {role: sid for role, (sid, _name) in STYLES.items()}


def rpr(
    font: Font | None = None,
    *,
    bold: bool | None = None,
    color: str = "",
    spacing: int | None = None,
    highlight: str = "",
    underline: str = "",
    shade: str = "",
) -> str:
    """A run-properties element, children in schema order."""
    out = []
    if font is not None:
        latin, ea = escape(font.latin), escape(font.east_asia)
        out.append(
            f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"'
            ' w:hint="eastAsia"/>'
        )
        if bold is None:
            bold = font.bold
    if bold is not None:
        out.append("<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if color:
        out.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    if font is not None:
        half = round(font.size_pt * 2)
        out.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if highlight:
        out.append(f'<w:highlight w:val="{highlight}"/>')
    if underline:
        out.append(f'<w:u w:val="{underline}"/>')
    if shade:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def _style(
    kind: str,
    role: str,
    *,
    based: str = "",
    nxt: str = "",
    link: str = "",
    ppr: str = "",
    rpr_xml: str = "",
    default: bool = False,
) -> str:
    sid, name = STYLES.get(role, (role, role))
    flag = ' w:default="1"' if default else ""
    head = f'<w:style w:type="{kind}"{flag} w:styleId="{sid}">'
    parts = [head, f'<w:name w:val="{escape(name)}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{STYLES[based][0]}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{STYLES[nxt][0]}"/>')
    if link:
        parts.append(f'<w:link w:val="{STYLES[link][0]}"/>')
    parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    parts.append(rpr_xml + "</w:style>")
    return "".join(parts)


def styles_xml(style: StyleProfile, geo: Geometry) -> str:
    body = style.body
    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    no_indent = ind(geo, left=0, right=0, first=0)
    out = [
        XML_HEAD,
        f"<w:styles {NS}>",
        "<w:docDefaults><w:rPrDefault>",
        rpr(body).replace(
            "</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
        ),
        "</w:rPrDefault><w:pPrDefault/></w:docDefaults>",
        # body = Normal: restyling 正文 restyles the draft.
        # w:overflowPunct="1" is the OOXML default (Word may hang a closing mark in the right
        # margin, 标点溢出边界) written out for LibreOffice, which imports it inverted (val 1 →
        # no hanging punctuation). Hanging there is broken: in a justified line of condensed
        # characters (w:spacing below) LibreOffice 7.4 hangs the mark but never paints it —
        # the character is lost from the page and the PDF. Without hanging it moves the mark
        # down with the character before it (避头尾) and justifies the 27 characters left.
        _style(
            "paragraph",
            "body",
            default=True,
            ppr='<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>'
            '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            f'<w:adjustRightInd w:val="0"/>{single}{ind(geo, first=2)}<w:jc w:val="both"/>',
            rpr_xml=rpr(body, spacing=geo.char_spacing),
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        _style(
            "paragraph",
            "title",
            based="body",
            nxt="body",
            ppr=f'<w:keepNext/>{single}{no_indent}<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
            rpr_xml=rpr(style.title),
        ),
    ]
    for level in range(1, 5):
        font = style.heading_font(level)
        out.append(
            _style(
                "paragraph",
                f"heading{level}",
                based="body",
                nxt="body",
                link=f"heading{level}_char",
                ppr=f'<w:keepNext/><w:outlineLvl w:val="{level}"/>',
                rpr_xml=rpr(font),
            )
        )
        out.append(
            _style(
                "character",
                f"heading{level}_char",
                link=f"heading{level}",
                rpr_xml=rpr(font),
            )
        )
    out += [
        _style("character", "lead", rpr_xml=rpr(bold=True) if style.lead_bold else ""),
        _style("character", "placeholder", rpr_xml=rpr(highlight="yellow", shade="FFFF00")),
        _style(
            "character",
            "flagged",
            rpr_xml=rpr(color="C00000", underline="wave", shade="FFC7CE"),
        ),
        _style(
            "paragraph",
            "attachment",
            based="body",
            ppr=ind(geo, left=5, hanging=3),
        ),
        _style(
            "paragraph",
            "signature",
            based="body",
            nxt="date",
            ppr=f'<w:keepNext/>{ind(geo, right=2, first=0)}<w:jc w:val="right"/>',
        ),
        _style(
            "paragraph",
            "date",
            based="body",
            nxt="body",
            ppr=f'{ind(geo, right=2, first=0)}<w:jc w:val="right"/>',
        ),
        _style(  # GB/T 9704 §8.2: 附件 and its number in 黑体 3号, top left; title on line 3
            "paragraph",
            "annex",
            based="body",
            nxt="caption",
            ppr=f'<w:keepNext/><w:spacing w:after="{geo.line_pitch}"/>{no_indent}'
            '<w:jc w:val="left"/>',
            rpr_xml=rpr(style.heading1),
        ),
        _style(
            "paragraph",
            "caption",
            based="body",
            nxt="body",
            ppr=f'<w:keepNext/>{no_indent}<w:jc w:val="center"/>',
            rpr_xml=rpr(style.heading1),
        ),
        _style(
            "paragraph",
            "table_text",
            based="body",
            ppr=f'<w:snapToGrid w:val="0"/>{single}{no_indent}<w:jc w:val="left"/>',
            rpr_xml=rpr(style.table, spacing=0),
        ),
        _style(
            "paragraph",
            "table_header",
            based="table_text",
            ppr='<w:keepNext/><w:jc w:val="center"/>',
            rpr_xml=rpr(bold=True),
        ),
        _style("paragraph", "table_number", based="table_text", ppr='<w:jc w:val="right"/>'),
        _table_style(),
        _style(
            "paragraph",
            "page_number",
            based="body",
            ppr=f'<w:snapToGrid w:val="0"/>{single}{page_number_ind(style, odd=True)}'
            '<w:jc w:val="right"/>',
            rpr_xml=rpr(style.page_number, spacing=0),
        ),
        "</w:styles>",
    ]
    return "".join(out)


def _table_style() -> str:
    border = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
    edges = "".join(f"<w:{e} {border}/>" for e in ("top", "left", "bottom", "right"))
    inner = f"<w:insideH {border}/><w:insideV {border}/>"
    sid, name = STYLES["table"]
    return (
        f'<w:style w:type="table" w:styleId="{sid}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f"<w:tblPr><w:tblBorders>{edges}{inner}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>'
    )


def font_table_xml(style: StyleProfile) -> str:
    """Every face the styles name; w:altName gives Word the fallback (仿宋 for 仿宋_GB2312)."""
    fonts: dict[str, str] = {}
    for f in (
        style.body,
        style.title,
        style.table,
        style.page_number,
        *map(style.heading_font, (1, 2, 3, 4)),
    ):
        fonts[f.east_asia] = fonts.get(f.east_asia) or f.fallback
        fonts.setdefault(f.latin, "")
    out = [f"{XML_HEAD}<w:fonts {NS}>"]
    for name in sorted(fonts):
        alt = f'<w:altName w:val="{escape(fonts[name])}"/>' if fonts[name] else ""
        cjk = any(ord(ch) > 0x2E80 for ch in name)
        kind = '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>'
        if not cjk:
            kind = '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
        out.append(f'<w:font w:name="{escape(name)}">{alt}{kind}</w:font>')
    out.append("</w:fonts>")
    return "".join(out)
