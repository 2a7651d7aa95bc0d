"""A hostile or broken reference.docx (issue 14): vetted before the Word writer builds on it.

config.reference.vet_reference refuses, naming the file and the member: what is not a Word
document (random bytes, an .xlsx renamed), a package missing its main parts, DOCTYPE or entity
declarations in any XML part, a damaged part, too many members, a member or a total too
large. The CLI cases show the refusal reaches the user as exit 2 within the memory and time
bounds, and that a good reference still renders.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.config import reference
from drafter.config.reference import vet_reference
from drafter.errors import CatalogError
from tests.conftest import SAMPLE_000, make_workbook
from tests.security.harness import assert_clean_refusal, digest, run_cli


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ref") / "reference.docx"
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某某市司法局文件"
    d.save(path)
    return path


def rewrite(src: Path, out: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of the package `src` with members replaced (None: removed) or added."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            if info.filename in changes:
                continue
            w.writestr(info, z.read(info))
        for name, data in changes.items():
            if data is not None:
                w.writestr(name, data)
    return out


def refusal(path: Path) -> str:
    with pytest.raises(CatalogError) as exc:
        vet_reference(path)
    text = exc.value.describe()
    assert str(path) in text and "参考文档" in text
    return text


def styles_of(good: Path) -> bytes:
    with zipfile.ZipFile(good) as z:
        return z.read("word/styles.xml")


def test_a_word_document_is_accepted(good) -> None:
    assert vet_reference(good) == good


DTD = {
    "internal entity": (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:styles '
                        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                        b"&b;</w:styles>"),
    "external entity": (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
                        b'"file:///etc/passwd">]><w:styles xmlns:w="http://schemas.'
                        b'openxmlformats.org/wordprocessingml/2006/main">&x;</w:styles>'),
    "external DTD": (b'<?xml version="1.0"?><!DOCTYPE w SYSTEM "http://example.invalid/x.dtd">'
                     b"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
                     b'2006/main"/>'),
    "utf-16 doctype": ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "x">]>'
                       '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                       '2006/main">&a;</w:styles>').encode("utf-16"),
}


@pytest.mark.parametrize("xml", DTD.values(), ids=DTD.keys())
def test_doctype_and_entities_are_refused_in_styles(good, tmp_path, xml) -> None:
    bad = rewrite(good, tmp_path / "reference.docx", {"word/styles.xml": xml})
    text = refusal(bad)
    assert "word/styles.xml" in text and "DOCTYPE" in text


@pytest.mark.parametrize("member", ["word/document.xml", "docProps/core.xml",
                                    "word/_rels/document.xml.rels", "[Content_Types].xml"])
def test_doctype_is_refused_in_every_xml_part(good, tmp_path, member) -> None:
    with zipfile.ZipFile(good) as z:
        original = z.read(member)
    start = original.index(b"?>") + 2 if original.startswith(b"<?xml") else 0
    xml = original[:start] + b'<!DOCTYPE x [<!ENTITY e "e">]>' + original[start:]
    text = refusal(rewrite(good, tmp_path / "reference.docx", {member: xml}))
    assert member in text


def test_a_damaged_part_is_refused(good, tmp_path) -> None:
    bad = rewrite(good, tmp_path / "reference.docx", {"word/document.xml": b"<w:document><w:body>"})
    text = refusal(bad)
    assert "word/document.xml" in text and "损坏" in text


@pytest.mark.parametrize("member", ["word/styles.xml", "word/document.xml", "_rels/.rels"])
def test_a_missing_main_part_is_refused(good, tmp_path, member) -> None:
    text = refusal(rewrite(good, tmp_path / "reference.docx", {member: None}))
    assert member in text


def test_a_workbook_renamed_is_refused(tmp_path) -> None:
    xlsx = make_workbook(tmp_path, {})
    renamed = tmp_path / "reference.docx"
    shutil.copy(xlsx, renamed)
    assert "Excel" in refusal(renamed)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 not really", bytes(range(256)) * 40,
                                  "标题,数字\n".encode()])
def test_what_is_not_a_zip_is_refused(tmp_path, data) -> None:
    path = tmp_path / "reference.docx"
    path.write_bytes(data)
    assert "不是 Word 文档" in refusal(path)


def test_a_zip_of_something_else_is_refused(tmp_path) -> None:
    path = tmp_path / "reference.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "[Content_Types].xml" in refusal(path)


def test_a_large_image_is_refused_naming_it(good, tmp_path) -> None:
    big = rewrite(good, tmp_path / "reference.docx",
                  {"word/media/image1.png": b"\0" * (reference.MAX_MEMBER + 1)})
    text = refusal(big)
    assert "word/media/image1.png" in text and "MB" in text


def test_a_large_total_is_refused(good, tmp_path) -> None:
    parts = {f"word/media/image{i}.png": bytes([i]) * (reference.MAX_MEMBER - 10)
             for i in range(reference.MAX_TOTAL // reference.MAX_MEMBER + 1)}
    text = refusal(rewrite(good, tmp_path / "reference.docx", parts))
    assert "解压后共" in text


def test_too_many_members_are_refused(good, tmp_path) -> None:
    parts: dict[str, bytes | None] = {f"customXml/item{i}.bin": b"x"
                                      for i in range(reference.MAX_MEMBERS + 1)}
    assert "部件过多" in refusal(rewrite(good, tmp_path / "reference.docx", parts))


# --- through the CLI: refused with exit 2, bounded; a good one renders -------------------------


def render_with(tmp_path: Path, ref: Path):
    office = tmp_path / "单位"
    office.mkdir(exist_ok=True)
    if ref != office / "reference.docx":
        shutil.copy(ref, office / "reference.docx")
    workbook = tmp_path / "数据.xlsx"
    shutil.copy(SAMPLE_000, workbook)
    before = digest(office)
    out = tmp_path / "报告.docx"
    run = run_cli("render", workbook, "-o", out, "--office", office)
    assert digest(office) == before
    assert run.code == 0 or not out.exists()
    return run


def test_a_good_reference_renders(good, tmp_path) -> None:
    run = render_with(tmp_path, good)
    assert run.code == 0, run.text


def test_an_entity_reference_is_refused_by_the_cli(good, tmp_path) -> None:
    bad = rewrite(good, tmp_path / "坏.docx", {"word/styles.xml": DTD["internal entity"]})
    run = render_with(tmp_path, bad)
    assert_clean_refusal(run, codes=(2,), naming="reference.docx")
    assert "word/styles.xml" in run.err


def test_a_relationship_to_a_missing_part_is_refused(good, tmp_path) -> None:
    run = render_with(tmp_path, rewrite(good, tmp_path / "x.docx", {"word/settings.xml": None}))
    assert_clean_refusal(run, codes=(2,), naming="word/settings.xml")
    assert "word/_rels/document.xml.rels" in run.err


def test_a_reference_without_settings_renders(good, tmp_path) -> None:
    with zipfile.ZipFile(good) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    rels = re.sub(r"<Relationship [^>]*settings\.xml\"/>", "", rels)
    run = render_with(tmp_path, rewrite(good, tmp_path / "x.docx", {
        "word/settings.xml": None, "word/_rels/document.xml.rels": rels.encode()}))
    assert run.code == 0, run.text


def test_a_zip_bomb_image_is_refused_quickly(good, tmp_path) -> None:
    """A zip bomb: 256 MiB of zeros in a member of about a megabyte (before the vetting, a
    bomb took twice its size in memory and was copied into every report)."""
    bomb = tmp_path / "bomb.docx"
    shutil.copy(good, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z, \
            z.open("word/media/image1.png", "w", force_zip64=True) as member:
        chunk = b"\0" * (1 << 22)
        for _ in range(64):
            member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    run = render_with(tmp_path, bomb)
    assert_clean_refusal(run, codes=(2,), naming="word/media/image1.png", max_seconds=10,
                         max_mb=200)
    assert "268.4 MB" in run.err
