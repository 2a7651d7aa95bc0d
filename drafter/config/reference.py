"""An office's reference.docx, vetted when its pack is loaded and before the Word writer
uses it as the base document (packs.load calls `vet_reference`; `check` is the same).

A reference.docx comes from anywhere (a colleague, a download) and all of it is copied into
every report, so it is read as untrusted input: `vet_reference` refuses, with one Chinese
message naming the file (and the member), exit 2 — never an internal error in the writer —
anything that is not a plain Word document of sensible size:

- not a zip, or one of more than MAX_MEMBERS members;
- a package whose [Content_Types].xml does not declare a Word document main part, or that
  holds a workbook (an .xlsx renamed reference.docx), or that lacks word/document.xml,
  word/styles.xml or _rels/.rels, or whose relationships point at parts it lacks;
- more than MAX_TOTAL bytes uncompressed, or a member over MAX_MEMBER (a huge image would be
  copied into every draft);
- an XML part with a DOCTYPE or entity declaration (an internal entity gives a draft
  LibreOffice cannot open; external ones read files), or that does not parse.

Sizes are the ones the zip declares; Python's zipfile never inflates past them (and checks the
CRC), so a lying header cannot make it read more.

What would reach outside the document when a report is opened is not refused but listed
(`outside`, a note for the check's findings) and stripped by the Word writer before anything
is copied (word/inert.py, by the rules here): relationships with TargetMode="External" (an
attached template, a linked picture, a hyperlink, a linked object, a frame), the fields that
fetch or run something (INCLUDEPICTURE, INCLUDETEXT, INCLUDE, IMPORT, LINK, DDE, DDEAUTO) and
a mail merge's data source.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from drafter.config.codes import REFERENCE_STRIPPED
from drafter.errors import CatalogError, reason
from drafter.model.findings import Finding, finding

MAX_FILE = 20_000_000  # the .docx itself
MAX_TOTAL = 20_000_000  # all members, uncompressed
MAX_MEMBER = 5_000_000  # any one member, uncompressed (a letterhead image is far smaller)
MAX_MEMBERS = 1000
WORD_MAIN_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
REQUIRED = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E",
                 b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y")
_vetted: dict[tuple[str, int, int], list[str]] = {}  # key → what reaches outside

# Fields whose instruction fetches a file or address, or runs a program (DDE): in a base
# document they would act in every report. Matched at the start of the instruction.
OUTSIDE_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDEAUTO", "DDE")
_FIELD = re.compile(r"\s*(" + "|".join(OUTSIDE_FIELDS) + r")\b", re.IGNORECASE)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what an external relationship's type is, for the note (its type's last word)
_REL_NAMES = {"attachedTemplate": "附加模板", "image": "外部图片", "hyperlink": "超链接",
          "oleObject": "外部链接的对象", "frame": "外部框架", "subDocument": "子文档",
          "mailMergeSource": "邮件合并数据源", "recipientData": "邮件合并收件人",
          "package": "外部嵌入文件"}


def outside_field(instruction: str) -> str:
    """The field's name if `instruction` is one of OUTSIDE_FIELDS ("" otherwise)."""
    m = _FIELD.match(instruction)
    return m.group(1).upper() if m else ""


@dataclass
class Field:
    """One field of a part: a complex one (begin, instruction, separate, end: each element
    of it, the w:fldChar and w:instrText ones) or a simple one (w:fldSimple)."""

    instruction: str = ""
    marks: list[Any] = dataclass_field(default_factory=list)  # fldChar, instrText elements
    simple: Any = None  # the w:fldSimple element


def fields(root: Any) -> Iterator[Field]:
    """Every field in `root` (an ElementTree or lxml element), in document order of their
    end; nested fields come before the field around them."""
    stack: list[tuple[Field, bool]] = []  # (field, in its instruction)
    for el in root.iter():
        tag = el.tag
        if tag == f"{W}fldSimple":
            yield Field(el.get(f"{W}instr", ""), simple=el)
        elif tag == f"{W}fldChar":
            char_type = el.get(f"{W}fldCharType")
            if char_type == "begin":
                stack.append((Field(marks=[el]), True))
            elif stack and char_type == "separate":
                stack[-1][0].marks.append(el)
                stack[-1] = (stack[-1][0], False)
            elif stack and char_type == "end":
                done, _ = stack.pop()
                done.marks.append(el)
                yield done
        elif tag == f"{W}instrText" and stack and stack[-1][1]:
            stack[-1][0].instruction += el.text or ""
            stack[-1][0].marks.append(el)


def _refuse(path: Path, text: str, member: str = "") -> CatalogError:
    """'参考文档中的 word/styles.xml 含有…' (with the member) or '参考文档不是…'."""
    return CatalogError(f"参考文档中的 {member} {text}" if member else f"参考文档{text}",
                        file=str(path))


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def vet_reference(path: Path) -> Path:
    """`path` if it is a Word document drafter can safely build on, else CatalogError.
    A file already vetted (same path, size and modification time) is not read again."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _refuse(path, f"无法读取:{reason(exc)}") from exc
    key = (os.path.realpath(path), st.st_size, st.st_mtime_ns)
    if key in _vetted:
        return path
    if st.st_size > MAX_FILE:
        raise _refuse(path, f"过大({_mb(st.st_size)},上限 {_mb(MAX_FILE)})")
    try:
        with zipfile.ZipFile(path) as z:
            found = _vet_package(path, z)
    except zipfile.BadZipFile as exc:
        raise _refuse(path, "不是 Word 文档(.docx),或文件已损坏;请用 Word 或 WPS 重新另存") from exc
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise _refuse(path, f"已损坏,无法读取({exc});请用 Word 或 WPS 重新另存") from exc
    _vetted[key] = found
    return path


def outside(path: Path) -> list[str]:
    """What in the reference.docx at `path` would reach outside the document (each in a few
    Chinese words, naming the part): the Word writer strips all of it (word/inert.py)."""
    vet_reference(path)
    st = os.stat(path)
    return list(_vetted.get((os.path.realpath(path), st.st_size, st.st_mtime_ns), []))


def _vet_package(path: Path, z: zipfile.ZipFile) -> list[str]:
    members = [i for i in z.infolist() if not i.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise _refuse(path, f"包含的部件过多({len(members)} 个,上限 {MAX_MEMBERS})")
    names = {i.filename for i in members}
    for info in members:
        if info.file_size > MAX_MEMBER:
            raise _refuse(path, f"解压后 {_mb(info.file_size)},超过 {_mb(MAX_MEMBER)} 上限"
                          "(图片过大？请压缩后再放入)", info.filename)
    total = sum(i.file_size for i in members)
    if total > MAX_TOTAL:
        biggest = max(members, key=lambda i: i.file_size)
        raise _refuse(path, f"解压后共 {_mb(total)},超过 {_mb(MAX_TOTAL)} 上限(最大的部件是 "
                      f"{biggest.filename},{_mb(biggest.file_size)})")
    missing = [n for n in REQUIRED if n not in names]
    if "xl/workbook.xml" in names:
        raise _refuse(path, "是 Excel 工作簿,不是 Word 文档;请放入用 Word 或 WPS 另存的 .docx")
    if "[Content_Types].xml" in missing:
        raise _refuse(path, "不是 Word 文档(.docx):缺少 [Content_Types].xml")
    types = _xml(path, z, "[Content_Types].xml")
    declared = {el.get("ContentType", "") for el in types.iter() if el.get("ContentType")}
    if not declared.intersection(WORD_MAIN_TYPES):
        what = "Excel 工作簿" if any("spreadsheetml" in t for t in declared) else (
            "PowerPoint 演示文稿" if any("presentationml" in t for t in declared) else "")
        raise _refuse(path, f"是{what},不是 Word 文档;请放入用 Word 或 WPS 另存的 .docx" if what
                      else "不是 Word 文档(.docx):[Content_Types].xml 没有声明 Word 文档")
    if missing:
        raise _refuse(path, f"不是 Word 文档(.docx):缺少 {'、'.join(missing)}")
    found: list[str] = []
    for info in members:
        if info.filename.endswith((".xml", ".rels")):
            root = _xml(path, z, info.filename)
            if info.filename.endswith(".rels"):
                _vet_targets(path, info.filename, root, names)
                found += _external(info.filename, root)
            else:
                found += _fields(info.filename, root)
    return found


def _external(rels_name: str, rels) -> list[str]:  # rels: Element
    """The relationships of a .rels part that point outside the package."""
    part = rels_name.replace("_rels/", "").removesuffix(".rels")
    out = []
    for rel in rels:
        if rel.get("TargetMode") == "External":
            rel_type = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            shown = target if len(target) <= 60 else target[:57] + "…"
            out.append(f"{part} 的{_REL_NAMES.get(rel_type, '外部引用')}({shown})")
    return out


def _fields(name: str, root) -> list[str]:  # root: Element
    """Fields that fetch or run something, and a mail merge's settings, in one XML part."""
    out = [f"{name} 中的 {what} 域" for f in fields(root)
           if (what := outside_field(f.instruction))]
    if any(True for _ in root.iter(f"{W}mailMerge")):
        out.append(f"{name} 中的邮件合并设置")
    return out


def _vet_targets(path: Path, rels_name: str, rels, names: set[str]) -> None:
    """Every internal relationship must point at a part the package has."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/x.rels → word
    for rel in rels:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(name)
        if name not in names and unquote(name) not in names:
            raise _refuse(path, f"引用了不存在的部件 {name},文件已损坏;请用 Word 或 WPS 重新另存",
                          rels_name)


def _xml(path: Path, z: zipfile.ZipFile, name: str):  # -> Element
    """Parse one member: no DOCTYPE or entities (by its raw bytes, and by the parser)."""
    try:
        data = z.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise _refuse(path, "已损坏,无法解压", name) from exc
    if any(d in data for d in _DECLARATIONS):
        raise _refuse(path, "含有 DTD(DOCTYPE)或实体声明,Word 文档不应有;已拒绝", name)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise _refuse(path, "含有 DTD(DOCTYPE)或实体声明,Word 文档不应有;已拒绝", name) from exc
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise _refuse(path, f"已损坏(XML 格式有误,第{line}行第{column + 1}列);请用 Word 或 WPS "
                      "打开后重新另存", name) from exc
    except ValueError as exc:
        raise _refuse(path, f"已损坏(XML 格式有误:{exc})", name) from exc


def findings(path: Path | None) -> list[Finding]:
    """A note for each thing `outside` lists, for the check's findings (empty without one)."""
    if path is None:
        return []
    return [finding(REFERENCE_STRIPPED, f"{path}:{what}已去掉,不会复制进报告")
            for what in outside(path)]


def check(path: Path) -> None:
    """Raise CatalogError if `path` is not a usable Word (.docx) package (vet_reference)."""
    vet_reference(path)
