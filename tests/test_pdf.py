"""PDF through LibreOffice: made next to the .docx, fonts mapped and listed; a clear message
when LibreOffice is missing, fails, or hangs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.publish import pdf
from tests.conftest import SAMPLE_000, SAMPLES

runner = CliRunner()
HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _installed(family: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return family in out


@needs_soffice
def test_render_pdf_writes_the_pdf_next_to_the_docx_and_names_its_fonts(tmp_path) -> None:
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLE_000, "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    made = tmp_path / "报告.pdf"
    assert made.read_bytes().startswith(b"%PDF")
    assert f"已生成 {made}" in result.output
    fonts = pdf.pdf_fonts(made)
    assert "PDF 使用的字体：" + "、".join(fonts) in result.output
    text = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True).stdout
    assert "镜湖区司法局2024年上半年工作总结" in "".join(text.split())
    if _installed("Noto Serif CJK SC") and _installed("Noto Sans CJK SC"):
        # 仿宋/楷体/小标宋 became the serif face and 黑体 the sans one; nothing fell back to a
        # Latin face for Chinese text
        assert any(f.startswith("NotoSerifCJK") for f in fonts), fonts
        assert any(f.startswith("NotoSansCJK") for f in fonts), fonts
        assert not any(f.startswith("DejaVu") for f in fonts), fonts
        assert "仿宋_GB2312 → Noto Serif CJK SC" in result.output
        assert "黑体 → Noto Sans CJK SC" in result.output


@needs_soffice
def test_pdf_command_refuses_to_overwrite_and_takes_force(tmp_path) -> None:
    doc = tmp_path / "终稿.docx"
    assert run("render", SAMPLE_000, "-o", doc).exit_code == 0
    (tmp_path / "终稿.pdf").write_bytes(b"mine")
    result = run("pdf", doc)
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert (tmp_path / "终稿.pdf").read_bytes() == b"mine"
    result = run("pdf", doc, "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "终稿.pdf").read_bytes().startswith(b"%PDF")


@needs_soffice
def test_parallel_conversions_do_not_collide(tmp_path) -> None:
    doc = tmp_path / "a.docx"
    assert run("render", SAMPLE_000, "-o", doc).exit_code == 0
    copies = [tmp_path / f"{i}.docx" for i in range(2)]
    for c in copies:
        shutil.copyfile(doc, c)
    code = ("import sys; from pathlib import Path; from drafter.publish import pdf; "
            "pdf.convert(Path(sys.argv[1]))")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(c)]) for c in copies]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert all(c.with_suffix(".pdf").stat().st_size > 1000 for c in copies)


def _path_without_soffice(tmp_path: Path) -> str:
    """A PATH holding only what a render needs, and no soffice."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    return str(bin_dir)


def test_without_libreoffice_the_message_says_how_to_install_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", _path_without_soffice(tmp_path))
    assert pdf.find_soffice() is None
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLE_000, "-o", out, "--pdf")
    assert result.exit_code == 2
    assert out.exists()  # the Word draft is still made
    assert "未找到 LibreOffice" in result.output
    assert "apt-get install libreoffice-writer-nogui fonts-noto-cjk" in result.output
    assert "Windows" in result.output and "Traceback" not in result.output
    result = run("pdf", out)
    assert result.exit_code == 2 and "未找到 LibreOffice" in result.output


def _fake_soffice(tmp_path: Path, script: str) -> None:
    bin_dir = tmp_path / "fake"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(0o755)
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_failing_or_hanging_libreoffice_is_reported_and_stopped(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", os.environ["PATH"])
    doc = tmp_path / "a.docx"
    assert run("render", SAMPLE_000, "-o", doc).exit_code == 0
    _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(pdf.PdfError, match=r"转换失败.*could not be loaded"):
        pdf.convert(doc)
    shutil.rmtree(tmp_path / "fake")
    _fake_soffice(tmp_path, "sleep 60 & wait")
    start = time.monotonic()
    with pytest.raises(pdf.PdfError, match="超过 1 秒"):
        pdf.convert(doc, timeout=1)
    assert time.monotonic() - start < 10
    assert not doc.with_suffix(".pdf").exists()


def test_the_font_aliases_name_every_face_the_draft_uses(tmp_path) -> None:
    conf = pdf.fontconfig_file(tmp_path)
    if conf is None:
        pytest.skip("no fontconfig here")
    text = conf.read_text(encoding="utf-8")
    for face in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "Times New Roman"):
        assert f"<family>{face}</family><prefer>" in text


def test_missing_faces_are_named_with_what_to_install() -> None:
    named = ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "Times New Roman")
    same = {"仿宋_GB2312": "Noto Serif CJK SC", "楷体_GB2312": "Noto Serif CJK SC",
            "方正小标宋简体": "Noto Serif CJK SC（粗体）", "黑体": "Noto Sans CJK SC",
            "Times New Roman": "Liberation Serif"}
    text = "\n".join(pdf.install_hints(named, same))
    assert "仿宋_GB2312、楷体_GB2312：单位已有授权的字体文件" in text
    assert "方正小标宋简体：方正字库的商业字体" in text and "黑体：Windows 自带（simhei.ttf）" in text
    assert "fc-cache -f" in text and "字体管理器" in text
    # 楷体 standing in as the very face of 仿宋: the open Kai package is named
    assert "sudo apt-get install fonts-arphic-ukai" in text
    kai = {**same, "楷体_GB2312": "AR PL UKai CN"}
    assert "fonts-arphic-ukai" not in "\n".join(pdf.install_hints(named, kai))
    # no CJK face at all: the Noto package; every face installed: nothing to say
    bare = {**same, "仿宋_GB2312": "DejaVu Sans"}
    assert "sudo apt-get install fonts-noto-cjk" in "\n".join(pdf.install_hints(named, bare))
    assert pdf.install_hints(named, {}) == []


@needs_soffice
def test_kai_and_the_title_face_stay_distinct_from_the_body_in_the_pdf(tmp_path) -> None:
    """（一） headings in a Kai face where one is installed, the title in a bold serif where no
    heavy Song is: the PDF does not look like one face throughout."""
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLES / "001_邵阳市司法局2024年度法治政府建设情况报告.xlsx", "-o", out,
                 "--pdf")
    assert result.exit_code == 0, result.output
    fonts = pdf.pdf_fonts(out.with_suffix(".pdf"))
    if _installed("AR PL UKai CN"):  # CI installs fonts-arphic-ukai (.ci/run)
        assert "楷体_GB2312 → AR PL UKai CN" in result.output
        assert any("UKai" in f for f in fonts), fonts
        assert "fonts-arphic-ukai" not in result.output
    else:
        assert "sudo apt-get install fonts-arphic-ukai" in result.output
    if _installed("Noto Serif CJK SC") and not _installed("宋体"):
        assert "方正小标宋简体 → Noto Serif CJK SC（粗体）" in result.output
        assert any(f.startswith("NotoSerifCJK") and "Bold" in f for f in fonts), fonts
    assert "要让 PDF 与 Word 中看到的一样" in result.output
