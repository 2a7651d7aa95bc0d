"""Templates and office folders (issue 23): hard links to files elsewhere, a reference.docx
that reaches outside itself, settings and templates nested without end, templates printing
Python's own objects, a FIFO where the template cache goes. Each run is a child process."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_000
from tests.security.docx_parts import EVIL, hostile_reference, reaching_outside
from tests.security.harness import assert_clean_refusal, digest, run_cli

TOML_FILES = ("style.toml", "indicators.toml", "pack.toml", "outline.toml")


def office_with(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    office = tmp_path / "单位"
    office.mkdir(exist_ok=True)
    (office / "pack.toml").write_text('base = "半年工作总结"\n', encoding="utf-8")
    for name, text in (files or {}).items():
        (office / name).write_text(text, encoding="utf-8")
    return office


def render(tmp_path: Path, office: Path, *extra: str, env: dict[str, str] | None = None):
    out = tmp_path / "报告.docx"
    return run_cli("render", SAMPLE_000, "-o", out, "--office", office, "--force", *extra,
                   env=env), out


# --- hard links -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["main.j2", *TOML_FILES, "reference.docx", "页眉.j2"])
def test_a_hard_link_inside_the_office_folder_is_refused(tmp_path, name) -> None:
    secret = tmp_path / "别处" / "机密.txt"
    secret.parent.mkdir()
    secret.write_text('{% extends "base.j2" %}{# 机密内容 #}\n', encoding="utf-8")
    office = office_with(tmp_path, {"main.j2": '{% extends "base.j2" %}{% block 导语 %}'
                                               '{% include "页眉.j2" %}{% endblock %}\n'}
                         if name == "页眉.j2" else None)
    target = office / name
    if target.exists():
        target.unlink()
    os.link(secret, target)
    before = digest(office)
    run, out = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="硬链接")
    assert name in run.text
    assert "机密内容" not in run.text and not out.exists()
    assert digest(office) == before


def test_a_copy_instead_of_the_link_is_read(tmp_path) -> None:
    office = office_with(tmp_path, {"main.j2": '{% extends "base.j2" %}\n'})
    run, out = render(tmp_path, office)
    assert run.code == 0 and out.exists(), run.text


# --- a reference.docx reaching outside ---------------------------------------------------------


def test_a_reference_reaching_outside_is_stripped_and_said(tmp_path) -> None:
    office = office_with(tmp_path)
    hostile_reference(office / "reference.docx")
    assert len(reaching_outside(office / "reference.docx")) >= 8  # the test's own premise
    before = digest(office)
    run, out = render(tmp_path, office)
    assert_clean_refusal(run, codes=(0,))
    assert reaching_outside(out) == []
    for said in ("附加模板", "外部图片", "超链接", "INCLUDEPICTURE 域", "INCLUDETEXT 域",
                 "DDEAUTO 域", "邮件合并"):
        assert said in run.text, (said, run.text)
    assert digest(office) == before
    with zipfile.ZipFile(out) as zf:
        header = next(zf.read(n).decode() for n in zf.namelist() if n.startswith("word/header")
                      and "某某市司法局文件" in zf.read(n).decode())
    assert "旧徽标" in header and "引入的文字" in header  # what the fields last showed stays
    assert "本局网站" in header and "PAGE" in header  # a hyperlink's text; a harmless field


def test_check_lists_what_the_reference_loses(tmp_path) -> None:
    office = office_with(tmp_path)
    hostile_reference(office / "reference.docx")
    run = run_cli("check", SAMPLE_000, "--office", office)
    assert_clean_refusal(run, codes=(0,), naming="reference-stripped")
    assert EVIL in run.text and "不会复制进报告" in run.text


@pytest.mark.skipif(not Path("/work/shared/ooxml/validate.py").is_file(),
                    reason="the ECMA-376 validator is not on this machine")
def test_the_stripped_report_is_still_a_valid_document(tmp_path) -> None:
    import subprocess
    import sys

    office = office_with(tmp_path)
    hostile_reference(office / "reference.docx")
    run, out = render(tmp_path, office)
    assert run.code == 0, run.text
    done = subprocess.run([sys.executable, "/work/shared/ooxml/validate.py", str(out)],
                          capture_output=True, text=True, timeout=120)
    errors = [line for line in done.stdout.splitlines() if line.startswith("   line")]
    # python-docx's own default settings part lacks w:zoom's percent: not ours
    assert all("w:zoom" in line for line in errors), done.stdout


# --- nesting without end ------------------------------------------------------------------------


@pytest.mark.parametrize("name", TOML_FILES)
@pytest.mark.parametrize(("depth", "shape"), [(5000, "array"), (40, "array"), (40, "table")])
def test_deeply_nested_settings_are_a_chinese_error_naming_the_file(tmp_path, name, depth,
                                                                    shape) -> None:
    value = "[" * depth + "]" * depth if shape == "array" else "{a=" * depth + "1" + "}" * depth
    text = ('base = "半年工作总结"\n' if name == "pack.toml" else "") + f"x = {value}\n"
    office = office_with(tmp_path, {name: text})
    run, out = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming=name)
    assert "嵌套" in run.text or "一层套一层" in run.text
    assert "RecursionError" not in run.text and not out.exists()


@pytest.mark.parametrize(("tag", "end", "n"), [("for i in [1]", "endfor", 21),
                                               ("for i in [1]", "endfor", 200),
                                               ("if 1", "endif", 30),
                                               ("with", "endwith", 30),
                                               ("filter upper", "endfilter", 30)])
def test_deeply_nested_statements_are_a_template_error_with_file_and_line(tmp_path, tag, end,
                                                                           n) -> None:
    body = "".join(f"{{% {tag} %}}\n" for _ in range(n)) + "x" + f"{{% {end} %}}" * n
    office = office_with(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 导语 %}\n'
                                               f"{body}{{% endblock %}}\n"})
    run, out = render(tmp_path, office)
    assert_clean_refusal(run, codes=(2,), naming="main.j2 第")
    assert "一层套一层" in run.text or "嵌套过深" in run.text
    assert "statically nested" not in run.text and not out.exists()


def test_ordinary_nesting_still_renders(tmp_path) -> None:
    body = "{% for a in [1] %}{% if a %}{% for b in [2] %}{% if b %}x{% endif %}{% endfor %}" \
           "{% endif %}{% endfor %}"
    office = office_with(tmp_path, {"main.j2": '{% extends "base.j2" %}{% block 导语 %}'
                                               f"{body}{{% endblock %}}\n"})
    run, _ = render(tmp_path, office)
    assert run.code == 0, run.text


# --- Python's own objects never reach the report ----------------------------------------------

PAYLOADS = {
    "a view": "{{ 法律援助 }}",
    "a cycler": "{{ cycler(1, 2) }}",
    "a list of views": "{{ [法律援助] }}",
    "a table of views": "{{ {'a': 法律援助} }}",
    "self": "{{ self }}",
    "a namespace": "{{ namespace() }}",
    "pprint": "{{ 法律援助|pprint }}",
    "a function as text": "{{ 标题|string }}",
    "a macro as text": "{% macro m() %}{% endmacro %}{{ m|string }}",
    "a joiner as text": "{{ joiner()|string }}",
    "figures as a list": "{{ 法律援助|list }}",
    "marked safe": "{{ (标题|string)|safe }}",
    "sliced": "{{ (标题|string)[0:40] }}",
    "joined": "{{ [标题|string, 'x']|join }}",
    "formatted": "{{ '%s'|format(标题) }}",
    "loop": "{% for x in [1] %}{{ loop|string }}{% endfor %}",
    "dictsort": "{{ 法律援助|dictsort }}",
}


@pytest.mark.parametrize(("payload", "draft"), [*((p, False) for p in sorted(PAYLOADS)),
                                                ("a cycler", True), ("a function as text", True)])
def test_no_payload_prints_python_objects_into_the_report(tmp_path, payload, draft) -> None:
    office = office_with(tmp_path, {"main.j2": '{% extends "base.j2" %}{% block 导语 %}'
                                               f"{PAYLOADS[payload]}{{% endblock %}}\n"})
    run, out = render(tmp_path, office, *(["--draft"] if draft else []))
    assert_clean_refusal(run, codes=(0, 2))
    if out.exists():
        with zipfile.ZipFile(out) as zf:
            text = zf.read("word/document.xml").decode("utf-8")
        for sign in (" object at 0x", "drafter.", "jinja2.", "<Namespace", "<Macro",
                     "<TemplateReference", "<LoopContext", "&lt;"):
            assert sign not in text, (payload, sign)
    else:
        assert "main.j2 第" in run.text and "Error" not in run.text


# --- a FIFO where the template cache goes -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("which", ["cache files", "key", "both"])
def test_a_fifo_in_the_template_cache_does_not_hang_a_render(tmp_path, which) -> None:
    cache = tmp_path / "缓存"
    env = {"XDG_CACHE_HOME": str(cache)}
    out = tmp_path / "报告.docx"
    first = run_cli("render", SAMPLE_000, "-o", out, env=env)
    assert first.code == 0, first.text
    folder = cache / "drafter"
    names = [p.name for p in folder.iterdir() if p.name != "key"] if which != "key" else []
    names += ["key"] if which != "cache files" else []
    assert names
    for name in names:
        (folder / name).unlink()
        os.mkfifo(folder / name)
    again = run_cli("render", SAMPLE_000, "-o", out, "--force", env=env, timeout=20)
    assert_clean_refusal(again, codes=(0,), max_seconds=15)
    assert out.read_bytes()[:2] == b"PK"


def test_the_built_in_packs_may_be_hard_linked_by_an_installer(tmp_path) -> None:
    """uv and some installers hard-link a package's files from their cache: the built-in
    packs are drafter's own, not an office's, and stay readable."""
    from drafter.config import paths
    from drafter.config.paths import builtin_dir

    pack = builtin_dir() / "半年工作总结"
    target = pack / "pack.toml"
    extra = tmp_path / "另一个名字.toml"
    try:
        os.link(target, extra)
    except OSError:
        pytest.skip("the built-in packs are on another file system than the test's")
    try:
        assert paths.read_text(target, pack)
    finally:
        extra.unlink()
