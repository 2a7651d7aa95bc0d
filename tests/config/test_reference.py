"""A damaged or disguised reference.docx is refused when the pack is loaded: exit 2 and a
Chinese line naming the file, never an internal error in the Word writer."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import SAMPLE_000

runner = CliRunner()


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "r.docx"
    assert runner.invoke(app, ["render", str(SAMPLE_000), "-o", str(out)]).exit_code == 0
    return out


def office_with(tmp_path: Path, good: Path, change: dict[str, bytes | None]) -> Path:
    """An office folder whose reference.docx is `good` with parts replaced (None: removed)."""
    folder = tmp_path / "本局"
    folder.mkdir()
    (folder / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(folder / "reference.docx", "w") as dst:
        for info in src.infolist():
            if info.filename not in change:
                dst.writestr(info, src.read(info))
        for name, data in change.items():
            if data is not None:
                dst.writestr(name, data)
    return folder


def render(tmp_path: Path, folder: Path):
    out = tmp_path / "报告.docx"
    return runner.invoke(app, ["render", str(SAMPLE_000), "-o", str(out), "--office",
                               str(folder)]), out


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"word/document.xml": b"<w:document"}, "word/document.xml 已损坏"),
        ({"word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'},
         "DTD"),
        ({"word/document.xml": None}, "缺少 word/document.xml"),
        ({"xl/workbook.xml": b"<workbook/>"}, "Excel 工作簿"),
    ],
)
def test_damaged_reference_docx_is_refused(tmp_path, good_docx, change, says) -> None:
    folder = office_with(tmp_path, good_docx, change)
    result, out = render(tmp_path, folder)
    assert result.exit_code == 2, result.output
    assert "reference.docx" in result.output and says in result.output
    assert "内部错误" not in result.output and not out.exists()


def test_not_a_zip_is_refused(tmp_path) -> None:
    folder = tmp_path / "本局"
    folder.mkdir()
    (folder / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    (folder / "reference.docx").write_bytes(b"not a zip")
    result, _ = render(tmp_path, folder)
    assert result.exit_code == 2 and "参考文档不是 Word 文档" in result.output


def test_a_whole_reference_docx_is_used(tmp_path, good_docx) -> None:
    folder = office_with(tmp_path, good_docx, {})
    result, out = render(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert out.exists()
