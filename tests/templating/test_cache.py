"""The per-user template cache (drafter/template_cache.py): a later render uses it, an edited
template is never served stale, and a cache that cannot be used is simply no cache."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.bccache import bc_magic

from drafter import pipeline
from drafter.checks import rules as checks
from drafter.errors import TemplateError
from drafter.pipeline import check_workbook, render_document
from drafter.templating.render import Renderer
from tests.conftest import SAMPLE_000


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "drafter"


def _office(tmp_path: Path, main: str) -> Path:
    office = tmp_path / "office"
    office.mkdir(exist_ok=True)
    (office / "main.j2").write_text('{% extends "base.j2" %}\n{% block 导语 %}\n' + main
                                    + "\n{% endblock %}", encoding="utf-8")
    return office


def _render(office: Path | None = None) -> list[str]:
    return render_document(check_workbook(SAMPLE_000, office=office)).paragraphs_text()


def test_a_later_render_neither_parses_nor_compiles(cache_dir, monkeypatch) -> None:
    first = _render()
    assert list(cache_dir.glob("jinja-*.cache")) and list(cache_dir.glob("names-*.json"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the template was parsed or compiled again")

    monkeypatch.setattr(Environment, "parse", refuse)
    monkeypatch.setattr(Environment, "compile", refuse)
    assert _render() == first


def test_an_edited_template_is_read_afresh(cache_dir, tmp_path) -> None:
    office = _office(tmp_path, "第一稿。")
    assert "第一稿。" in _render(office)
    _office(tmp_path, "第二稿。")
    assert "第二稿。" in _render(office)
    _office(tmp_path, "第三稿。\n{{ 新名字 }}")
    with pytest.raises(TemplateError) as exc:
        _render(office)
    assert "main.j2 第4行“新名字”" in exc.value.describe()


def test_undefined_names_are_listed_also_from_the_cache(cache_dir, tmp_path) -> None:
    office = _office(tmp_path, "{{ 不存在的名字 }}")
    for _ in range(2):
        with pytest.raises(TemplateError) as exc:
            _render(office)
        assert "main.j2 第3行“不存在的名字”" in exc.value.describe()


def test_damaged_cache_files_are_ignored(cache_dir) -> None:
    first = _render()
    for path in cache_dir.iterdir():
        path.write_bytes(bc_magic + b"\x80garbage" if path.suffix == ".cache" else b"{garbage")
    assert _render() == first


def test_a_cache_folder_that_cannot_be_made_is_no_cache(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _render()[0] == "镜湖区司法局2024年上半年工作总结"


def test_one_renderer_checks_each_workbook_against_its_own_facts(cache_dir, tmp_path) -> None:
    office = _office(tmp_path, "{{ 附加说明 }}")
    result = check_workbook(SAMPLE_000, office=office)
    renderer = Renderer(result.pack)
    data = checks.with_computed(result.data, result.pack.catalog)
    with_fact = dataclasses.replace(data, facts={**data.facts, "附加说明": "本年度另有说明。"})
    assert "本年度另有说明。" in renderer.render(with_fact, pipeline.flagged_ids(result.report))
    with pytest.raises(TemplateError, match="附加说明"):
        renderer.render(data)


# --- the cache runs outside the sandbox: only our own, sealed files are ever loaded ------------


class _Plant:
    """Unpickling this creates `marker`: a stand-in for code planted in the cache."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _plant(cache_dir: Path, marker: Path, *, sealed_with: bytes | None = None) -> int:
    """Overwrite every compiled-template file with a payload that runs code when loaded."""
    import hashlib
    import hmac
    import pickle

    payload = bc_magic + pickle.dumps(_Plant(marker), 2)
    if sealed_with is not None:
        payload = hmac.new(sealed_with, payload, hashlib.sha256).digest() + payload
    files = list(cache_dir.glob("jinja-*.cache"))
    for path in files:
        path.write_bytes(payload)
    return len(files)


def test_the_cache_folder_and_its_key_are_private(cache_dir) -> None:
    _render()
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    key = cache_dir / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32


def test_a_planted_unsealed_file_is_never_loaded(cache_dir, tmp_path) -> None:
    first = _render()
    marker = tmp_path / "ran"
    assert _plant(cache_dir, marker) >= 2
    assert _render() == first
    assert not marker.exists()


def test_a_file_sealed_with_another_key_is_never_loaded(cache_dir, tmp_path) -> None:
    first = _render()
    marker = tmp_path / "ran"
    _plant(cache_dir, marker, sealed_with=b"k" * 32)
    assert _render() == first
    assert not marker.exists()


def test_a_file_sealed_with_the_key_is_loaded(cache_dir, tmp_path) -> None:
    """The counter-test: the seal is what keeps the planted files out."""
    _render()
    marker = tmp_path / "ran"
    _plant(cache_dir, marker, sealed_with=(cache_dir / "key").read_bytes())
    _render()
    assert marker.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_can_write_is_not_used(cache_dir, tmp_path, mode) -> None:
    first = _render()
    marker = tmp_path / "ran"
    _plant(cache_dir, marker, sealed_with=(cache_dir / "key").read_bytes())
    cache_dir.chmod(mode)
    assert _render() == first
    assert not marker.exists()  # not even a file sealed with the key there


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
def test_a_folder_owned_by_someone_else_is_not_used(cache_dir, tmp_path) -> None:
    first = _render()
    marker = tmp_path / "ran"
    _plant(cache_dir, marker, sealed_with=(cache_dir / "key").read_bytes())
    os.chown(cache_dir, 65534, 65534)
    assert _render() == first
    assert not marker.exists()


def test_a_linked_cache_folder_is_not_used(tmp_path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "drafter").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _render()[0] == "镜湖区司法局2024年上半年工作总结"
    assert list(elsewhere.iterdir()) == []
