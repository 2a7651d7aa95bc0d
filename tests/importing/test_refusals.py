"""Every file `drafter import` cannot read is refused the same way through both doors: on the
command line, exit 2 and one Chinese sentence naming the file; on the page's import form
(导入上年报告), status 400 and the same sentence in its alert — never a traceback, never
内部错误, no workbook written.

The files are made here: a scanned PDF (no text layer), a PDF with a password, a Word
document with a password (an OLE file holding the encrypted package), a .doc that
LibreOffice cannot open (a password, or broken), a format not imported (.xls), a file
without a suffix, an empty file, and a folder (on the command line only: a browser's file
picker cannot send a folder).
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from tests.importing.test_readers import SCAN
from tests.web.conftest import alert, downloads, make_client

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
runner = CliRunner()
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler with an open password (not the empty one):
    its /Encrypt dictionary's check values match no empty password."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
               b"<</Filter/Standard/V 1/R 2/O<" + b"7a" * 32 + b">/U<" + b"5c" * 32
               + b">/P -44>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % n + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer<</Size %d/Root 1 0 R/Encrypt 4 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"01" * 16, b"01" * 16, xref))
    return bytes(out)


def encrypted_docx() -> bytes:
    """A Word document saved with a password, as Office writes one: a compound file (OLE,
    version 3, 512-byte sectors) with the streams EncryptionInfo and EncryptedPackage."""
    sector, end, free, fat_sector, no = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<?xml version=\"1.0\"?><encryption/>"
    streams = [("EncryptionInfo", info.ljust(4096, b"\0")),
               ("EncryptedPackage", struct.pack("<Q", 12_000) + bytes(range(256)) * 31)]
    chains, at = [], 2  # sector 0: the FAT, 1: the directory, then each stream in turn
    for _, data in streams:
        count = -(-len(data) // sector)
        chains.append((at, count))
        at += count
    fat = [fat_sector, end]
    for start, count in chains:
        fat += [start + k + 1 for k in range(count - 1)] + [end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", no, right, child) + bytes(16 + 4 + 16)
                + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, no, 1, end, 0)
                 + entry("EncryptionInfo", 2, 2, no, chains[0][0], len(streams[0][1]))
                 + entry("EncryptedPackage", 2, no, no, chains[1][0], len(streams[1][1]))
                 + entry("", 0, no, no, 0, 0))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    body = b"".join(data.ljust(-(-len(data) // sector) * sector, b"\0") for _, data in streams)
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + body


# name → (file name, how to make it in a folder, words the message must contain)
CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "扫描件": ("去年.pdf", lambda p: p.write_bytes(SCAN), "没有文字层"),
    "加密的PDF": ("去年.pdf", lambda p: p.write_bytes(encrypted_pdf()), "设置了密码"),
    "加密的Word": ("去年.docx", lambda p: p.write_bytes(encrypted_docx()),
                "这份 Word 文档设置了密码(已加密)"),
    "不能导入的格式": ("去年.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600)),
                "无法导入这种文件(扩展名 .xls)"),
    "没有扩展名": ("去年", lambda p: p.write_bytes("一、总体\n共办理5件。".encode()),
              "无法导入这种文件(扩展名 无)"),
    "空文件": ("去年.docx", lambda p: p.write_bytes(b""), "文件是空的"),
    "改了扩展名": ("去年.docx", lambda p: p.write_bytes("一、总体".encode()),
              "不是可读取的 Word 文档"),
}


def _cli(path: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    return result.exit_code, result.output


def _assert_chinese_refusal(text: str, words: str, named: str) -> None:
    assert "Traceback" not in text and "内部错误" not in text, text
    plain = text.replace(" ", "").replace("（", "(").replace("）", ")").replace("：", ":")
    assert words.replace(" ", "") in plain, (words, text)
    assert named in text, (named, text)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_command_line_refuses_with_exit_2_and_a_chinese_message(tmp_path: Path,
                                                                    case: str) -> None:
    name, make, words = CASES[case]
    path = tmp_path / name
    make(path)
    code, said = _cli(path, tmp_path / "今年.xlsx")
    assert code == 2, said
    _assert_chinese_refusal(said, words, name)
    assert not (tmp_path / "今年.xlsx").exists()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_import_form_refuses_with_the_same_message(tmp_path: Path, case: str) -> None:
    name, make, words = CASES[case]
    path = tmp_path / name
    make(path)
    got = make_client().post("/form/import", data={"kind": ""},
                             files={"report": (name, path.read_bytes())})
    assert got.status_code == 400, got.status_code
    said = alert(got.text)
    assert said, got.text[-2000:]
    _assert_chinese_refusal(said, words, name)
    assert downloads(got.text) == {}


def test_a_folder_is_refused_on_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "去年报告.docx"
    folder.mkdir()
    code, said = _cli(folder, tmp_path / "今年.xlsx")
    assert code == 2
    _assert_chinese_refusal(said, "这是一个文件夹", "去年报告.docx")


@needs_soffice
def test_a_doc_libreoffice_cannot_open_says_it_may_have_a_password(tmp_path: Path) -> None:
    """A Word 97-2003 file's password is not told by its first bytes: LibreOffice makes
    nothing of it, and the message names the likely causes, a password first."""
    path = tmp_path / "去年.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    code, said = _cli(path, tmp_path / "今年.xlsx")
    assert code == 2
    _assert_chinese_refusal(said, "可能设置了密码", "去年.doc")
