"""drafter's lean base document: what make_base.py makes is what the package ships."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from drafter.word.make_base import make_base
from drafter.word.package import BASE


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def test_shipped_base_is_what_the_script_makes() -> None:
    """Compared part by part: the zip bytes also depend on the zlib build."""
    assert _parts(BASE.read_bytes()) == _parts(make_base())
    assert make_base() == make_base()  # reproducible


def test_base_is_lean_and_python_docx_opens_it() -> None:
    parts = _parts(BASE.read_bytes())
    assert sorted(parts) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/settings.xml",
        "word/styles.xml",
    ]
    assert len(parts["word/styles.xml"]) < 2_000
    d = docx.Document(io.BytesIO(BASE.read_bytes()))
    assert [s.name for s in d.styles] == ["Default Paragraph Font", "Normal Table"]
    assert d.paragraphs == [] and d.tables == []
    assert d.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:type")) == "lines"
    assert d.settings.element.find(qn("w:zoom")).get(qn("w:percent")) == "100"
    assert d.core_properties.created.year == 2000
