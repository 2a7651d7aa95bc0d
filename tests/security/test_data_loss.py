"""Data lost or doubled (issue 23): an output that is an input (or another name of it), one
district rolled up twice under names that only look different, the city workbook rolled up
with its own districts, permissions lost on --force, concurrent runs on one output, names too
long, a full disk. Each run is a child process (tests/security/harness.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.workbook import layout
from tests.conftest import SAMPLE_000, SAMPLES
from tests.security.harness import (
    assert_clean_refusal,
    digest,
    left_behind,
    private_tmp,
    run_cli,
)

DISTRICTS = SAMPLES / "005_示例市区县"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from drafter.pipeline import check_workbook, render_report

    out = tmp_path_factory.mktemp("draft") / "报告.docx"
    render_report(check_workbook(SAMPLE_000), out)
    return out


# --- an output that is an input ---------------------------------------------------------------


@pytest.mark.parametrize("alias", ["same", "hard link", "symbolic link", "dotted"])
def test_pdf_refuses_to_write_over_the_document_it_converts(tmp_path, draft, alias) -> None:
    docx = tmp_path / "报告.docx"
    shutil.copy(draft, docx)
    out = {"same": docx, "hard link": tmp_path / "链接.pdf", "symbolic link": tmp_path / "符号.pdf",
           "dotted": tmp_path / "." / "报告.docx"}[alias]
    if alias == "hard link":
        os.link(docx, out)
    elif alias == "symbolic link":
        out.symlink_to(docx)
    before = digest(docx)
    run = run_cli("pdf", docx, "-o", out, "--force", env=private_tmp(tmp_path))
    assert_clean_refusal(run, codes=(2,), naming="要转换的文档本身")
    assert digest(docx) == before
    assert left_behind(tmp_path) == []


@pytest.fixture
def office(tmp_path: Path, draft: Path) -> Path:
    """An office folder whose reference.docx is a real Word document (a report)."""
    folder = tmp_path / "我局"
    folder.mkdir()
    (folder / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    shutil.copy(draft, folder / "reference.docx")
    return folder


@pytest.mark.parametrize("command", [
    ["render", "{odd}", "-o", "{odd}", "--force"],  # a workbook named .docx: read all the same
    ["render", "{wb}", "-o", "{office}/reference.docx", "--office", "{office}", "--force"],
    ["check", "{wb}", "--annotate", "{link}", "--force"],
    ["init", "--from", "{wb}", "-o", "{link}", "--force"],
    ["merge", "{wb}", "{other}", "-o", "{wb}", "--force"],
    ["merge", "{wb}", "{other}", "{third}", "-o", "{link}", "--force"],
    ["rollup", "{wb}", "{other}", "-o", "{link}", "--force"],
    ["import", "{docx}", "-o", "{docxlink}", "--force"],
    ["templates", "copy", "半年工作总结", "{pack}", "--force"],
    ["templates", "copy", "半年工作总结", "{pack}/子文件夹", "--force"],
])
def test_no_command_writes_over_one_of_its_inputs(tmp_path, office, draft, command) -> None:
    from drafter.config import packs

    shared = tmp_path / "模板包"  # a copy of the pack, found first (DRAFTER_TEMPLATES)
    pack = shared / "半年工作总结"
    shutil.copytree(packs.find("半年工作总结").path, pack)
    wb = tmp_path / "数据.xlsx"
    shutil.copy(SAMPLE_000, wb)
    other, third = tmp_path / "乙.xlsx", tmp_path / "丙.xlsx"
    shutil.copy(SAMPLE_000, other)
    shutil.copy(SAMPLE_000, third)
    link = tmp_path / "别名.xlsx"
    os.link(wb, link)  # another name of the same file
    docx = tmp_path / "报告.docx"
    shutil.copy(draft, docx)
    docxlink = tmp_path / "报告别名.xlsx"
    os.link(docx, docxlink)
    odd = tmp_path / "数据表.docx"
    shutil.copy(SAMPLE_000, odd)
    args = [a.format(wb=wb, other=other, third=third, link=link, office=office, docx=docx,
                     pack=pack, odd=odd, docxlink=docxlink) for a in command]
    watched = {p: digest(p) for p in (wb, other, third, office, docx, pack, odd)}
    run = run_cli(*args, env={"DRAFTER_TEMPLATES": str(shared)})
    assert_clean_refusal(run, codes=(1, 2))
    assert any(w in run.text for w in ("本身", "不能是", "不能覆盖", "模板包")), run.text
    assert {p: digest(p) for p in watched} == watched


# --- one district twice -----------------------------------------------------------------------

DISGUISES = {
    "零宽空格": "\u200b", "零宽连接": "\u200d", "词连接": "\u2060", "字节序标记": "\ufeff",
    "不换行空格": "\u00a0", "全角空格": "\u3000", "变体选择符": "\ufe0f", "从右到左": "\u202e",
}


def _renamed(src: Path, dst: Path, name: str) -> Path:
    wb = load_workbook(src)
    ws = wb[layout.FACTS]
    for row in ws.iter_rows():
        if row[0].value == "单位名称":
            row[1].value = name
            break
    else:
        raise AssertionError("no 单位名称 row")
    wb.save(dst)
    return dst


@pytest.mark.parametrize("disguise", sorted(DISGUISES))
def test_a_copy_of_a_district_under_a_disguised_name_is_refused(tmp_path, disguise) -> None:
    folder = tmp_path / "区县"
    shutil.copytree(DISTRICTS, folder)
    original = folder / "1_甲区.xlsx"
    name = load_workbook(original)[layout.FACTS]
    unit = next(r[1].value for r in name.iter_rows() if r[0].value == "单位名称")
    mark = DISGUISES[disguise]
    _renamed(original, folder / "5_甲区副本.xlsx", unit[:1] + mark + unit[1:] + mark)
    before = digest(folder)
    out = tmp_path / "全市.xlsx"
    run = run_cli("rollup", folder, "-o", out)
    assert_clean_refusal(run, codes=(2,), naming="1_甲区.xlsx")
    assert "5_甲区副本.xlsx" in run.text and "同一个区县" in run.text
    assert not out.exists() and digest(folder) == before


def test_full_width_letters_are_one_name_too(tmp_path) -> None:
    folder = tmp_path / "区县"
    shutil.copytree(DISTRICTS, folder)
    _renamed(folder / "1_甲区.xlsx", folder / "1_甲区.xlsx", "ＡＢ区司法局")
    _renamed(folder / "2_乙区.xlsx", folder / "2_乙区.xlsx", "ab 区")
    run = run_cli("rollup", folder, "-o", tmp_path / "全市.xlsx")
    assert_clean_refusal(run, codes=(2,), naming="同一个区县")


def test_the_city_workbook_with_its_own_districts_is_refused(tmp_path) -> None:
    folder = tmp_path / "区县"
    shutil.copytree(DISTRICTS, folder)
    city = tmp_path / "全市.xlsx"
    made = run_cli("rollup", folder, "-o", city, "--unit", "示例市司法局")
    assert made.code == 0, made.text
    shutil.copy(city, folder / "0_全市.xlsx")
    before = digest(folder)
    again = tmp_path / "再汇总.xlsx"
    run = run_cli("rollup", folder, "-o", again)
    assert_clean_refusal(run, codes=(2,), naming="0_全市.xlsx")
    assert "全市数据表" in run.text and not again.exists()
    assert digest(folder) == before


def test_an_invisible_character_in_the_city_name_is_refused(tmp_path) -> None:
    run = run_cli("rollup", DISTRICTS, "-o", tmp_path / "全市.xlsx", "--unit", "示例市\u202e司法局")
    assert_clean_refusal(run, codes=(2,), naming="--unit")
    assert not (tmp_path / "全市.xlsx").exists()


# --- what replaces a file keeps its permissions ---------------------------------------------


@pytest.mark.parametrize("command", [
    ["render", str(SAMPLE_000), "-o", "{out}.docx", "--force"],
    ["init", "-k", "半年工作总结", "-o", "{out}.xlsx", "--force"],
    ["check", str(SAMPLE_000), "--annotate", "{out}.xlsx", "--force"],
])
def test_force_keeps_the_replaced_files_permissions(tmp_path, command) -> None:
    args = [a.format(out=tmp_path / "报告") for a in command]
    target = Path(next(a for a in args if a.startswith(str(tmp_path))))
    target.write_bytes(b"old")
    target.chmod(0o600)
    run = run_cli(*args)
    assert run.code in (0, 1), run.text
    assert target.read_bytes()[:2] == b"PK"
    assert (target.stat().st_mode & 0o777) == 0o600


# --- concurrent runs to one output ------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed for the PDF")
@pytest.mark.slow
def test_concurrent_pdf_runs_to_one_new_file_let_one_succeed(tmp_path, draft) -> None:
    docx = tmp_path / "报告.docx"
    shutil.copy(draft, docx)
    out = tmp_path / "报告.pdf"
    procs = [subprocess.Popen([sys.executable, "-m", "drafter", "pdf", str(docx), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              encoding="utf-8") for _ in range(3)]
    done = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in done)
    assert codes[0] == 0 and all(c == 2 for c in codes[1:]), done
    losers = [err for code, _, err in done if code == 2]
    assert all("已存在" in err and "Traceback" not in err for err in losers), losers
    assert out.read_bytes()[:4] == b"%PDF"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# --- names too long ---------------------------------------------------------------------------

LONG_NAME = "很长的名字" * 18  # 270 bytes in UTF-8


@pytest.mark.parametrize("command", [
    ["render", str(SAMPLE_000), "-o", "{name}.docx"],
    ["init", "-k", "半年工作总结", "-o", "{name}.xlsx"],
    ["check", str(SAMPLE_000), "--annotate", "{name}.xlsx"],
    ["init", "--from", str(SAMPLE_000), "-o", "{name}.xlsx"],
    ["merge", str(SAMPLE_000), str(SAMPLE_000.with_name("x.xlsx")), "-o", "{name}.xlsx"],
    ["rollup", str(DISTRICTS), "-o", "{name}.xlsx"],
    ["pdf", "{docx}", "-o", "{name}.pdf"],
    ["import", "{docx}", "-o", "{name}.xlsx"],
    ["check", "{name}.xlsx"],
    ["templates", "copy", "半年工作总结", "{name}"],
])
@pytest.mark.parametrize("where", ["name", "path"])
def test_a_name_or_path_too_long_is_a_chinese_message(tmp_path, draft, command, where) -> None:
    name = str(tmp_path / LONG_NAME) if where == "name" else \
        str(tmp_path / "/".join(["层" * 60] * 25) / "报告")  # 4,500 bytes
    args = [a.format(name=name, docx=draft) for a in command]
    run = run_cli(*args, env=private_tmp(tmp_path))
    assert_clean_refusal(run, codes=(2,))
    assert "过长" in run.text or "不存在" in run.text, run.text
    assert left_behind(tmp_path) == []


def test_a_long_name_that_fits_is_written_with_a_short_temporary_name(tmp_path) -> None:
    out = tmp_path / ("名" * 80 + ".docx")  # 245 bytes: the name fits, ".name.drafter-….tmp" not
    run = run_cli("render", SAMPLE_000, "-o", out)
    assert run.code == 0, run.text
    assert out.read_bytes()[:2] == b"PK" and left_behind(tmp_path) == []


# --- a full disk --------------------------------------------------------------------------------

_LIMITED = r"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
sys.argv = ["drafter", *sys.argv[2:]]
from drafter.cli import main
main()
"""


@pytest.mark.parametrize("command", [
    ["render", str(SAMPLE_000), "-o", "{dir}/报告.docx"],
    ["init", "-k", "半年工作总结", "-o", "{dir}/数据.xlsx"],
    ["check", str(SAMPLE_000), "--annotate", "{dir}/标注.xlsx"],
    ["rollup", str(DISTRICTS), "-o", "{dir}/全市.xlsx"],
    ["init", "--from", str(SAMPLE_000), "-o", "{dir}/今年.xlsx"],
])
def test_a_write_that_fails_midway_is_only_the_chinese_message(tmp_path, command) -> None:
    """The disk cannot take the file (the file size limit stands in for a full disk, which
    a test cannot make without mounting one): one Chinese line, no traceback after it from
    the zip writer left open, nothing left behind."""
    args = [a.format(dir=tmp_path) for a in command]
    done = subprocess.run([sys.executable, "-c", _LIMITED, "4000", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, cwd=tmp_path)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert "超过了系统允许的大小" in done.stderr, said
    assert "Traceback" not in said and "Exception ignored" not in said
    assert [p.name for p in tmp_path.iterdir()] == [], said


def _tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_a_really_full_disk_is_only_the_chinese_message(tmp_path) -> None:
    disk = tmp_path / "盘"
    if not _tmpfs(disk, "64k"):
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        (disk / "占位").write_bytes(b"\0" * 40_000)
        for args in (["init", "-k", "半年工作总结", "-o", disk / "数据.xlsx"],
                     ["check", SAMPLE_000, "--annotate", disk / "标注.xlsx"]):
            run = run_cli(*args)
            assert_clean_refusal(run, codes=(2,), naming="磁盘已满")
        assert sorted(p.name for p in disk.iterdir()) == ["占位"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)

