"""Make drafter/word/base.docx, the lean document every draft starts from.

    python -m drafter.word.make_base        # rewrites base.docx beside this file

Not python-docx's default template: its styles part is ~790 KB of Word's built-in styles and
its settings part breaks the ECMA-376 schema. This base holds only the document skeleton (an
empty body with a GB/T 9704 section), Word's two default styles (默认段落字体 and 普通表格:
text and tables outside any style), the Chinese language defaults, a schema-valid settings
part and core properties with fixed dates. The writer adds drafter's named styles from the
style profile to each document. tests/word/test_base.py checks that the shipped file is what
this script makes.
"""

from __future__ import annotations

import io
import sys

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.settings import SettingsPart
from docx.parts.styles import StylesPart

from drafter.config.style import StyleProfile
from drafter.word import oxml
from drafter.word.geometry import Geometry
from drafter.word.package import BASE, properties, repack

W = {"w": nsmap["w"]}
COMPAT_URI = "http://schemas.microsoft.com/office/word"


def _el(tag: str, **attrs: str) -> OxmlElement:
    return OxmlElement(tag, {qn(f"w:{k}"): v for k, v in attrs.items()})


def _document() -> OxmlElement:
    document = OxmlElement("w:document", nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
    body = _el("w:body")
    document.append(body)
    sect_pr = body.get_or_add_sectPr()
    geo = Geometry.of(StyleProfile())
    sect_pr.append(_el("w:pgSz", w=str(geo.page_w), h=str(geo.page_h)))
    sect_pr.append(_el("w:pgMar", top=str(geo.top), right=str(geo.right), bottom=str(geo.bottom),
                       left=str(geo.left), header="851", footer=str(geo.footer), gutter="0"))
    sect_pr.append(_el("w:cols", space="425"))
    oxml.doc_grid(sect_pr, geo.line_pitch)
    return document


def _styles(package: Package) -> StylesPart:
    root = OxmlElement("w:styles", nsdecls=W)
    defaults = _el("w:docDefaults")
    rpr_default = _el("w:rPrDefault")
    rpr = _el("w:rPr")
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    defaults.append(rpr_default)
    defaults.append(_el("w:pPrDefault"))
    root.append(defaults)
    part = StylesPart(PackURI("/word/styles.xml"), CT.WML_STYLES, root, package)
    styles = part.styles
    for name, kind, sid, priority in (
        ("Default Paragraph Font", WD_STYLE_TYPE.CHARACTER, "DefaultParagraphFont", 1),
        ("Normal Table", WD_STYLE_TYPE.TABLE, "TableNormal", 99),
    ):
        style = styles.add_style(name, kind, builtin=True)
        style.style_id, style.priority = sid, priority
        style.hidden = style.unhide_when_used = True
        style.element.default = True
    table = styles["Normal Table"].element
    tbl_pr = oxml.child(table, "w:tblPr", oxml.STYLE)
    oxml.child(tbl_pr, "w:tblInd", oxml.TBLPR, w="0", type="dxa")
    mar = oxml.child(tbl_pr, "w:tblCellMar", oxml.TBLPR)
    for side, width in (("w:top", "0"), ("w:left", "108"), ("w:bottom", "0"), ("w:right", "108")):
        oxml.child(mar, side, oxml.CELL_MAR, w=width, type="dxa")
    return part


def _settings(package: Package) -> SettingsPart:
    root = OxmlElement("w:settings", nsdecls=W)
    root.append(_el("w:zoom", percent="100"))
    root.append(_el("w:defaultTabStop", val="420"))
    root.append(_el("w:characterSpacingControl", val="doNotCompress"))
    compat = _el("w:compat")
    compat.append(_el("w:compatSetting", name="compatibilityMode", uri=COMPAT_URI, val="15"))
    root.append(compat)
    root.append(_el("w:themeFontLang", val="en-US", eastAsia="zh-CN"))
    root.append(_el("w:decimalSymbol", val="."))
    root.append(_el("w:listSeparator", val=","))
    return SettingsPart(PackURI("/word/settings.xml"), CT.WML_SETTINGS, root, package)


def make_base() -> bytes:
    """The bytes of base.docx (deterministic: same bytes on every run with the same zlib)."""
    package = Package()
    main = DocumentPart(PackURI("/word/document.xml"), CT.WML_DOCUMENT_MAIN, _document(), package)
    package.relate_to(main, RT.OFFICE_DOCUMENT)
    main.relate_to(_styles(package), RT.STYLES)
    main.relate_to(_settings(package), RT.SETTINGS)
    properties(main.document, "")
    raw = io.BytesIO()
    package.save(raw)
    return repack(raw.getvalue())


def main() -> int:
    BASE.write_bytes(make_base())
    sys.stderr.write(f"wrote {BASE}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
