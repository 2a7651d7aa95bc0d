"""The parts of a .docx someone sent, read within budgets: `drafter import` and `drafter verify`
take documents from anywhere, so a document is checked before any part of it is parsed.

Only the parts the reader needs are opened: the package relationships (to find the main part),
the main document, its relationships and styles, and the headers, footers and notes (to count
what is not read). Each is decompressed in chunks and counted (the size the zip directory
declares may lie), then scanned once by expat, which stops at a document type declaration
(entity expansion, “billion laughs”), at nesting deeper than MAX_DEPTH, and when the elements,
paragraphs or characters pass their budgets. Only then does lxml parse it, with entities and
the network off. No relationship is followed further than one step from the main part, so a
relationship loop is never walked. Every refusal is a Chinese message naming the file and part.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from drafter import files
from drafter.errors import InputFileError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_TYPE = "/officeDocument"  # the main part's relationship type ends so
_TEXT, _PARA = f"{W} t", f"{W} p"  # as expat names them (namespace_separator " ")

MAX_FILE = 50 << 20  # the .docx itself
MAX_MAIN = 32 << 20  # word/document.xml decompressed (a 300-page report is about 3 MB)
MAX_PART = 8 << 20  # styles, relationships, a header or a footer
MAX_ENTRIES = 5000  # files in the zip
MAX_DEPTH = 256  # XML nesting (lxml refuses deeper documents anyway, in English)
MAX_ELEMENTS = 1_000_000  # in one part
MAX_PARAGRAPHS = 20_000  # in the main part: ~ a 400-page document; a report has a few hundred
MAX_CHARS = 1_000_000  # of text in one part: ~ 500 pages of Chinese


@dataclass
class Budget:
    """What one part may hold; `paragraphs`/`chars` count w:p elements and text."""

    size: int = MAX_PART
    elements: int = MAX_ELEMENTS
    paragraphs: int = MAX_PARAGRAPHS
    chars: int = MAX_CHARS


@dataclass
class Docx:
    """The parsed parts: the main document's root, its styles' root (or None), and its
    relationships (id → (type, target part name or external URL, external?))."""

    path: Path
    main: str
    root: object
    styles: object | None
    rels: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    zip: zipfile.ZipFile | None = None

    def part(self, name: str) -> object | None:
        """Another part (a header, a footnote), parsed within MAX_PART; None when absent."""
        assert self.zip is not None
        if name not in self.zip.namelist():
            return None
        return parse(self.path, name, read_part(self.path, self.zip, name, Budget()))


def open_docx(path: Path) -> Docx:
    """The main part and styles of the .docx at `path`, within the budgets; the zip stays open
    for `Docx.part` until `close(docx)`."""
    path = Path(path)
    shown = str(path)
    st = files.input_stat(path, "这是一个文件夹,不是 Word 文档")
    if st.st_size > MAX_FILE:
        raise InputFileError(f"文件超过 {MAX_FILE >> 20} MB,不像一份报告", file=shown)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        head = _head(path)
        what = ("它是旧版 Word 文档(.doc)、WPS 文档或设置了打开密码的文档,请另存为 .docx"
                if head.startswith(b"\xd0\xcf\x11\xe0") else "它不是 zip 格式")
        raise InputFileError(f"不是可读取的 Word 文档(.docx):{what}", file=shown) from exc
    try:
        return _open(path, z)
    except BaseException:
        z.close()
        raise


def close(docx: Docx) -> None:
    if docx.zip is not None:
        docx.zip.close()
        docx.zip = None


def _open(path: Path, z: zipfile.ZipFile) -> Docx:
    shown = str(path)
    names = z.namelist()
    if len(names) > MAX_ENTRIES:
        raise InputFileError(f"压缩包中有 {len(names)} 个文件,不像一份 Word 文档", file=shown)
    main = "word/document.xml"
    if "_rels/.rels" in names:
        package = relationships(path, z, "_rels/.rels", "")
        main = next((target for rel_type, target, external in package.values()
                     if rel_type.endswith(_DOC_TYPE) and not external), main)
    if main not in names:
        other = ("这是 Excel 数据表(.xlsx)" if "xl/workbook.xml" in names else
                 "这是 PowerPoint 演示文稿" if "ppt/presentation.xml" in names else
                 "缺少正文部件 word/document.xml")
        raise InputFileError(f"不是可读取的 Word 文档:{other}", file=shown)
    root = parse(path, main, read_part(path, z, main, Budget(size=MAX_MAIN)))
    if getattr(root, "tag", "") != f"{{{W}}}document":
        raise InputFileError(f"不是可读取的 Word 文档:{main} 不是 Word 正文", file=shown)
    rels_name = posixpath.join(posixpath.dirname(main), "_rels",
                               posixpath.basename(main) + ".rels")
    rels = relationships(path, z, rels_name, posixpath.dirname(main)) if rels_name in names \
        else {}
    styles_name = next((t for rel_type, t, ext in rels.values()
                        if rel_type.endswith("/styles") and not ext), "word/styles.xml")
    styles = parse(path, styles_name, read_part(path, z, styles_name, Budget())) \
        if styles_name in names else None
    return Docx(path, main, root, styles, rels, z)


def relationships(path: Path, z: zipfile.ZipFile, name: str, base: str
                  ) -> dict[str, tuple[str, str, bool]]:
    """A .rels part: id → (type, target resolved against `base`, external?)."""
    root = parse(path, name, read_part(path, z, name, Budget()))
    out: dict[str, tuple[str, str, bool]] = {}
    for rel in root.iter(f"{{{_REL}}}Relationship"):  # type: ignore[attr-defined]
        target = rel.get("Target", "")
        external = rel.get("TargetMode", "") == "External"
        if not external:
            target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                        else posixpath.join(base, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), target, external)
    return out


def read_part(path: Path, z: zipfile.ZipFile, name: str, budget: Budget) -> bytes:
    """The part decompressed in chunks and scanned by expat within `budget`."""
    shown = str(path)
    info = z.getinfo(name)
    limit = budget.size
    if info.file_size > limit:
        raise InputFileError(f"{name} 解压后超过 {limit >> 20} MB,不像一份报告", file=shown)
    scan = _Scan(shown, name, budget)
    chunks: list[bytes] = []
    seen = 0
    try:
        with z.open(info) as f:
            while chunk := f.read(1 << 20):
                seen += len(chunk)
                if seen > limit:
                    raise InputFileError(f"{name} 解压后超过 {limit >> 20} MB,不像一份报告",
                                         file=shown)
                scan.feed(chunk)
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputFileError(f"压缩包已损坏,{name} 无法解压", file=shown) from exc
    except RecursionError:
        raise InputFileError(f"{name} 嵌套过深", file=shown) from None
    scan.end()
    return b"".join(chunks)


def parse(path: Path, name: str, data: bytes) -> object:
    """lxml's tree of a part that passed the scan (entities, DTD and network off)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFileError(f"{name} 的 XML 已损坏", file=str(path)) from exc


class _Scan:
    """One expat pass over a part, refusing what lxml should never be given."""

    def __init__(self, shown: str, name: str, budget: Budget):
        self.shown, self.name, self.budget = shown, name, budget
        self.depth = self.elements = self.paragraphs = self.chars = self.in_text = 0
        p = expat.ParserCreate(namespace_separator=" ")
        p.StartDoctypeDeclHandler = self._doctype
        p.EntityDeclHandler = self._entity
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._chars
        self.parser = p

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise self._broken() from exc

    def end(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise self._broken() from exc

    def _broken(self) -> InputFileError:
        return InputFileError(f"{self.name} 的 XML 已损坏(或不是 XML)", file=self.shown)

    def _refuse(self, what: str) -> InputFileError:
        return InputFileError(f"{self.name} {what}", file=self.shown)

    def _doctype(self, *args: object) -> None:
        raise self._refuse("含有 XML 文档类型声明(DTD),可能是恶意构造的文件,拒绝读取")

    def _entity(self, *args: object) -> None:
        raise self._refuse("含有 XML 实体声明,拒绝读取")

    def _start(self, tag: str, attrs: object) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH:
            raise self._refuse(f"嵌套超过 {MAX_DEPTH} 层,不像一份报告")
        if self.elements > self.budget.elements:
            raise self._refuse(f"超过 {self.budget.elements:,} 个 XML 元素,不像一份报告")
        if tag == _TEXT:
            self.in_text += 1
        elif tag == _PARA:
            self.paragraphs += 1
            if self.paragraphs > self.budget.paragraphs:
                raise self._refuse(f"超过 {self.budget.paragraphs:,} 段,不像一份报告")

    def _end(self, tag: str) -> None:
        self.depth -= 1
        if tag == _TEXT:
            self.in_text -= 1

    def _chars(self, data: str) -> None:
        if not self.in_text:
            return
        self.chars += len(data)
        if self.chars > self.budget.chars:
            raise self._refuse(f"文字超过 {self.budget.chars:,} 字,不像一份报告")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(8)
    except OSError:
        return b""
