"""Hostile reports given to `drafter import` and `drafter verify` (issue 23, “Import and
verify”): broken and malicious .docx files, giants, texts that would make the relation search
explode, a .doc LibreOffice chokes on, and `drafter pdf` stopped by a signal. Each runs as
`drafter` in a child process with its own TMPDIR: exit 2, a Chinese message, no traceback,
< 30 s and < 1 GiB, the input unchanged, and nothing left in TMPDIR or running afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_000
from tests.security.harness import assert_clean_refusal, digest, run_cli

slow = pytest.mark.slow
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
         'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
         '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
                f'"{R}/officeDocument" Target="word/document.xml"/></Relationships>')
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
TAIL = "</w:body></w:document>"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(path: Path, document: bytes | None, extra: dict[str, str | bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        if document is not None:
            z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def streamed_docx(path: Path, head: str, chunk: str, times: int, tail: str) -> Path:
    """A document.xml too big to build in memory, written chunk by chunk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            block = (chunk * 10_000).encode()
            for _ in range(times // 10_000):
                f.write(block)
            f.write(tail.encode())
    return path


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(8))
          + f']><w:document xmlns:w="{W}"><w:body>{_para("&i;")}</w:body></w:document>')
LOOP_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
             'openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{R}/header" Target="document.xml"/>'
             f'<Relationship Id="rId2" Type="{R}/styles" Target="../word/document.xml"/>'
             f'<Relationship Id="rId3" Type="{R}/footer" Target="footer1.xml"/></Relationships>')
FOOTER_RELS = LOOP_RELS.replace("footer1.xml", "document.xml")

CASES: dict[str, Callable[[Path], Path]] = {
    "没有正文部件": lambda d: docx(d / "a.docx", None),
    "XML 损坏": lambda d: docx(d / "a.docx", (HEAD + "<w:p><w:r><w:t>半截").encode()),
    "二进制内容": lambda d: docx(d / "a.docx", bytes(range(256)) * 64),
    "关系循环": lambda d: docx(d / "a.docx", (HEAD + _para("共办理5件。") + TAIL).encode(), {
        "word/_rels/document.xml.rels": LOOP_RELS, "word/footer1.xml": (HEAD + TAIL).encode(),
        "word/_rels/footer1.xml.rels": FOOTER_RELS}),
    "嵌套超过256层": lambda d: docx(d / "a.docx", (HEAD + "<w:tbl><w:tr><w:tc>" * 100 + _para("x")
                                            + "</w:tc></w:tr></w:tbl>" * 100 + TAIL).encode()),
    "30 MB 的一段文字": lambda d: streamed_docx(d / "a.docx", HEAD + "<w:p><w:r><w:t>", "x",
                                          30_000_000, "</w:t></w:r></w:p>" + TAIL),
    "十亿笑声": lambda d: docx(d / "a.docx", LAUGHS.encode()),
    "十万段带数字": lambda d: docx(d / "a.docx", (HEAD + "".join(
        _para(f"一是要点{i}。共办理{i}件。") for i in range(100_000)) + TAIL).encode()),
    "一百万段": lambda d: streamed_docx(d / "a.docx", HEAD, "<w:p/>", 1_000_000, TAIL),
    "不是 zip": lambda d: (d / "a.docx").write_bytes(b"\x00\x01garbage" * 100) and d / "a.docx",
}
MESSAGES = {
    "没有正文部件": "word/document.xml", "XML 损坏": "XML 已损坏", "二进制内容": "XML 已损坏",
    "关系循环": "", "嵌套超过256层": "嵌套超过 256 层", "30 MB 的一段文字": "文字超过",
    "十亿笑声": "DTD", "十万段带数字": "段", "一百万段": "段", "不是 zip": "不是可读取的 Word 文档",
}


def _private_tmp(tmp_path: Path) -> Path:
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["import", "verify"])
def test_hostile_docx_is_refused_in_chinese(tmp_path: Path, case: str, command: str) -> None:
    path = CASES[case](tmp_path)
    before = digest(path)
    tmpdir = _private_tmp(tmp_path)
    args = ["import", path, "-o", tmp_path / "out.xlsx"] if command == "import" else [
        "verify", path, SAMPLE_000]
    run = run_cli(*args, env={"TMPDIR": str(tmpdir)})
    if case == "关系循环":  # read once, not walked: a report with one figure
        assert_clean_refusal(run, codes=(0, 1, 2))
    else:
        assert_clean_refusal(run, codes=(2,), naming=MESSAGES[case])
    assert digest(path) == before
    assert not list(tmpdir.iterdir())
    if command == "import" and case != "关系循环":
        assert not (tmp_path / "out.xlsx").exists()


@slow
@pytest.mark.parametrize("command", ["import", "verify"])
def test_300_mb_of_empty_paragraphs_is_refused_by_its_size(tmp_path: Path, command: str) -> None:
    path = streamed_docx(tmp_path / "a.docx", HEAD, "<w:p/>", 50_000_000, TAIL)
    args = ["import", path, "-o", tmp_path / "out.xlsx"] if command == "import" else [
        "verify", path, SAMPLE_000]
    run = run_cli(*args)
    assert_clean_refusal(run, codes=(2,), naming="解压后超过 32 MB")
    assert run.seconds < 10


TEXTS: dict[str, Callable[[], bytes]] = {
    # 154 KB of lines whose relation notes grew quadratically (1.24 GB before the budgets)
    "一是要点i。共办理i件。": lambda: "".join(
        f"一是要点{i}。共办理{i}件。\n" for i in range(6_000)).encode(),
    "5 MB 的数字": lambda: ("共办理123件,其中民事45件。\n" * 250_000).encode()[:5 << 20],
    "50 MB 的一行": lambda: b"x" * (50 << 20),
    "十万个带合计的句子": lambda: "".join(f"共{i + 3}件,其中甲{i + 1}件、乙2件。\n"
                                 for i in range(100_000)).encode(),
}


@pytest.mark.parametrize("case", sorted(TEXTS))
def test_texts_past_the_budgets_are_refused_before_the_relation_search(tmp_path: Path,
                                                                       case: str) -> None:
    path = tmp_path / "去年.txt"
    path.write_bytes(TEXTS[case]())
    run = run_cli("import", path, "-o", tmp_path / "out.xlsx")
    assert_clean_refusal(run, codes=(2,))
    assert any(w in run.err for w in ("超过", "不像一份报告")), run.err
    assert run.seconds < 15


def test_a_report_within_the_budgets_still_imports_quickly(tmp_path: Path) -> None:
    """Just under the figure budget, the pattern that exploded before: bounded."""
    path = tmp_path / "去年.txt"
    path.write_bytes(("某区司法局2024年工作总结\n一、总体情况\n" + "".join(
        f"一是要点{i}。共办理{i}件。\n" for i in range(900))).encode())
    run = run_cli("import", path, "-o", tmp_path / "out.xlsx")
    assert_clean_refusal(run, codes=(0, 1))
    assert run.peak_mb < 400, run.peak_mb


def _ours_running(marker: str) -> list[str]:
    """Processes whose command line names `marker` (the test's own TMPDIR)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            env = (proc / "environ").read_bytes()
        except OSError:
            continue
        if marker in cmd or marker.encode() in env:
            found.append(cmd)
    return found


def _fake_soffice(folder: Path) -> Path:
    """A LibreOffice that leaves a temporary file, starts a child and hangs."""
    folder.mkdir()
    exe = folder / "soffice"
    exe.write_text('#!/bin/sh\necho x > "$TMPDIR/lu123.tmp"\nsleep 300 &\nsleep 300\n')
    exe.chmod(0o755)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="signals and a shell script")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_pdf_stopped_by_a_signal_leaves_no_process_and_no_file(tmp_path: Path, sig: int) -> None:
    document = tmp_path / "终稿.docx"
    docx(document, (HEAD + _para("共办理5件。") + TAIL).encode())
    tmpdir = _private_tmp(tmp_path)
    fake = _fake_soffice(tmp_path / "bin")
    env = {**os.environ, "TMPDIR": str(tmpdir), "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    # SIGINT as at a terminal, even where this suite itself runs with it ignored (a shell's
    # background job): an ignored SIGINT is inherited, and drafter rightly keeps ignoring it
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "pdf", str(document)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 20
    while not list(tmpdir.glob("drafter-pdf-*/tmp/lu123.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmpdir.glob("drafter-pdf-*/tmp/lu123.tmp")), "the fake LibreOffice did not start"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    time.sleep(0.2)
    assert not _ours_running(str(tmpdir)), _ours_running(str(tmpdir))
    assert not list(tmpdir.iterdir())
    assert not document.with_suffix(".pdf").exists()


@slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_a_doc_libreoffice_cannot_read_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "去年.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(1 << 20))
    tmpdir = _private_tmp(tmp_path)
    run = run_cli("import", path, "-o", tmp_path / "out.xlsx", env={"TMPDIR": str(tmpdir)})
    assert_clean_refusal(run, codes=(2,), naming="LibreOffice")
    assert not list(tmpdir.iterdir())
    assert not _ours_running(str(tmpdir))


def test_verify_holds_a_long_document_to_its_budgets(tmp_path: Path) -> None:
    """Just within verify's budgets every number is still compared, in bounded time; past
    them the document is refused before any comparison."""
    within = docx(tmp_path / "a.docx", (HEAD + "".join(
        _para(f"一是要点。共办理{i}件,同比增长{i}。") for i in range(1_400)) + TAIL).encode())
    run = run_cli("verify", within, SAMPLE_000)
    assert_clean_refusal(run, codes=(1,))
    beyond = docx(tmp_path / "b.docx", (HEAD + "".join(
        _para(f"第{i}段,工作扎实推进。") for i in range(2_100)) + TAIL).encode())
    run = run_cli("verify", beyond, SAMPLE_000)
    assert_clean_refusal(run, codes=(2,), naming="超过 2,000 段")


@slow
@pytest.mark.skipif(shutil.which("soffice") is None or sys.platform == "win32",
                    reason="LibreOffice and signals are needed")
def test_pdf_killed_while_the_real_libreoffice_runs_leaves_nothing(tmp_path: Path) -> None:
    document = tmp_path / "终稿.docx"
    docx(document, (HEAD + "".join(_para(f"第{i}段,共办理{i}件。") for i in range(300)) + TAIL
                    ).encode())
    tmpdir = _private_tmp(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "pdf", str(document)],
                            env={**os.environ, "TMPDIR": str(tmpdir)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not [
            c for c in _ours_running(str(tmpdir)) if "soffice" in c]:
        time.sleep(0.05)
    assert [c for c in _ours_running(str(tmpdir)) if "soffice" in c], "LibreOffice did not start"
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    time.sleep(0.5)
    assert not _ours_running(str(tmpdir)), _ours_running(str(tmpdir))
    assert not list(tmpdir.iterdir())
