"""Files outside the office folder (issue 14): no loader reads them, whatever the path or link.

Only regular files inside the office folder and the packs are read — templates, pack.toml,
indicators.toml, style.toml, reference.docx — through config.paths.vet_file. Each escape is a
Chinese refusal naming the file (and, for a template reference, the template line), exit 2,
and nothing of the outside file reaches the output.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.config import paths
from drafter.errors import CatalogError, TemplateError
from tests.conftest import SAMPLE_000
from tests.security.harness import assert_clean_refusal, digest, run_cli

SECRET = "秘密内容-不应出现在报告中"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the office holding what must never be read."""
    folder = tmp_path / "外面"
    folder.mkdir()
    (folder / "secret.j2").write_text(SECRET, encoding="utf-8")
    (folder / "indicators.toml").write_text(f'# {SECRET}\n', encoding="utf-8")
    (folder / "style.toml").write_text(f'# {SECRET}\n', encoding="utf-8")
    (folder / "pack.toml").write_text(f'name = "{SECRET}"\n', encoding="utf-8")
    return folder


def make_office(tmp_path: Path, main: str | None = None) -> Path:
    office = tmp_path / "单位"
    office.mkdir(exist_ok=True)
    if main is not None:
        (office / "main.j2").write_text(main, encoding="utf-8")
    return office


def render(tmp_path: Path, office: Path):
    workbook = tmp_path / "数据.xlsx"
    shutil.copy(SAMPLE_000, workbook)
    out = tmp_path / "报告.docx"
    before = digest(office)
    run = run_cli("render", workbook, "-o", out, "--office", office)
    assert digest(office) == before
    assert run.code == 0 or not out.exists()
    assert SECRET not in run.text and "root:" not in run.text
    return run


def include(name: str, tag: str = "include") -> str:
    return f'{{% extends "base.j2" %}}\n{{% block 导语 %}}\n{{% {tag} "{name}" %}}\n{{% endblock %}}\n'


@pytest.mark.parametrize("name", ["/etc/passwd", "../../etc/passwd", "../外面/secret.j2",
                                  "半年工作总结/../../../etc/passwd", "C:/Windows/win.ini",
                                  "..\\外面\\secret.j2"])
def test_template_references_outside_the_folders_are_refused(tmp_path, outside, name) -> None:
    run = render(tmp_path, make_office(tmp_path, include(name)))
    assert_clean_refusal(run, codes=(2,), naming="拒绝读取模板")
    assert "main.j2" in run.err and "第3行" in run.err


def test_extending_a_system_file_is_refused(tmp_path) -> None:
    run = render(tmp_path, make_office(tmp_path, '{% extends "/etc/hostname" %}\n'))
    assert_clean_refusal(run, codes=(2,), naming="/etc/hostname")
    assert "main.j2" in run.err


def test_a_linked_template_is_refused(tmp_path, outside) -> None:
    office = make_office(tmp_path, include("passwd.j2"))
    (office / "passwd.j2").symlink_to(outside / "secret.j2")
    run = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="passwd.j2")
    assert "符号链接" in run.err and "第3行" in run.err


def test_a_linked_main_template_is_refused(tmp_path, outside) -> None:
    office = make_office(tmp_path)
    (office / "main.j2").symlink_to(outside / "secret.j2")
    run = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="main.j2")


def test_a_linked_folder_inside_the_office_is_refused(tmp_path, outside) -> None:
    office = make_office(tmp_path, include("sub/secret.j2"))
    (office / "sub").symlink_to(outside, target_is_directory=True)
    run = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="符号链接")


def test_a_link_to_a_template_inside_the_office_is_refused_too(tmp_path) -> None:
    """Even a harmless link is refused: one rule, no exceptions to reason about."""
    office = make_office(tmp_path, include("b.j2"))
    (office / "a.j2").write_text("内部文字", encoding="utf-8")
    (office / "b.j2").symlink_to(office / "a.j2")
    assert_clean_refusal(render(tmp_path, office), codes=(2,), naming="b.j2")


@pytest.mark.parametrize("name", ["indicators.toml", "style.toml", "pack.toml"])
def test_linked_toml_files_are_refused(tmp_path, outside, name) -> None:
    office = make_office(tmp_path)
    (office / name).symlink_to(outside / name)
    run = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming=name)
    assert "符号链接" in run.err


def test_relative_office_paths_are_vetted_alike(tmp_path, outside) -> None:
    office = make_office(tmp_path, include("passwd.j2"))
    (office / "passwd.j2").symlink_to(outside / "secret.j2")
    shutil.copy(SAMPLE_000, tmp_path / "数据.xlsx")
    run = run_cli("render", "数据.xlsx", "-o", "报告.docx", "--office", "单位", cwd=tmp_path)
    assert_clean_refusal(run, codes=(2,), naming="符号链接")
    (office / "passwd.j2").unlink()
    (office / "passwd.j2").write_text("本单位的文字。", encoding="utf-8")
    (office / "reference.docx").symlink_to("/etc/passwd")
    run = run_cli("render", "数据.xlsx", "-o", "报告.docx", "--office", "单位", cwd=tmp_path)
    assert_clean_refusal(run, codes=(2,), naming="单位/reference.docx")
    assert "符号链接" in run.err
    (office / "reference.docx").unlink()
    run = run_cli("render", "数据.xlsx", "-o", "报告.docx", "--office", "单位", cwd=tmp_path)
    assert run.code == 0, run.text


def test_a_dangling_link_is_refused_not_skipped(tmp_path) -> None:
    office = make_office(tmp_path)
    (office / "style.toml").symlink_to(tmp_path / "没有这个文件")
    assert_clean_refusal(render(tmp_path, office), codes=(2,), naming="style.toml")


def test_a_linked_reference_docx_is_refused(tmp_path, outside) -> None:
    office = make_office(tmp_path)
    (office / "reference.docx").symlink_to("/etc/passwd")
    run = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="reference.docx")


def test_a_template_too_large_is_refused(tmp_path) -> None:
    office = make_office(tmp_path, "x" * 1_100_000)
    assert_clean_refusal(render(tmp_path, office), codes=(2,), naming="文件过大")


def test_a_folder_named_like_a_template_is_refused(tmp_path) -> None:
    office = make_office(tmp_path, include("dir.j2"))
    (office / "dir.j2").mkdir()
    assert_clean_refusal(render(tmp_path, office), codes=(2,), naming="不是普通文件")


# --- vet_file itself ------------------------------------------------------------------------


def test_vet_file_accepts_a_regular_file_in_a_subfolder(tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.j2").write_text("x", encoding="utf-8")
    assert paths.vet_file(tmp_path / "a" / "b" / "c.j2", tmp_path).read_text() == "x"


def test_vet_file_accepts_a_root_reached_through_a_link(tmp_path) -> None:
    """The root is what the user named: a link above it is theirs to make."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "main.j2").write_text("x", encoding="utf-8")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    assert paths.vet_file(tmp_path / "alias" / "main.j2", tmp_path / "alias").name == "main.j2"


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../../x", ""])
def test_vet_file_refuses_paths_leaving_the_root(tmp_path, name) -> None:
    (tmp_path / "root").mkdir()
    with pytest.raises(CatalogError, match=r"拒绝读取|找不到"):
        paths.vet_file(tmp_path / "root" / name, tmp_path / "root")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX")
def test_vet_file_refuses_a_fifo_without_blocking(tmp_path) -> None:
    os.mkfifo(tmp_path / "style.toml")
    with pytest.raises(TemplateError, match="不是普通文件"):
        paths.read_text(tmp_path / "style.toml", error=TemplateError)


def test_read_text_is_bounded(tmp_path) -> None:
    (tmp_path / "big.toml").write_bytes(b"#" * 2000)
    with pytest.raises(CatalogError, match="文件过大"):
        paths.read_text(tmp_path / "big.toml", limit=1000)


def test_read_text_refuses_what_is_not_utf8(tmp_path) -> None:
    (tmp_path / "style.toml").write_bytes("页面 = 1".encode("gbk"))
    with pytest.raises(CatalogError, match="UTF-8") as exc:
        paths.read_text(tmp_path / "style.toml")
    assert "style.toml" in exc.value.describe()
