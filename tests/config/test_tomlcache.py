"""Settings files parsed once: their data kept as JSON in the cache folder by the hash of
their text (config/tomlcache.py), read back while the text is the same, ignored otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter import cachedir
from drafter.config import packs, tomlfile
from drafter.errors import CatalogError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "drafter"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts tomllib was asked to parse."""
    seen: list[str] = []
    real = tomlfile.parse

    def counting(text: str, source: tomlfile.Source, what: str):
        seen.append(text)
        return real(text, source, what)

    monkeypatch.setattr(tomlfile, "parse", counting)
    return seen


def test_a_file_is_parsed_once_then_read_back(cache: Path, tmp_path: Path,
                                             parses: list[str]) -> None:
    path = tmp_path / "style.toml"
    path.write_text('[body]\nsize = "三号"\nbold = false\nrate = 1.5\n', encoding="utf-8")
    first, _ = tomlfile.read(path, "样式设置")
    again, source = tomlfile.read(path, "样式设置")
    assert first == again == {"body": {"size": "三号", "bold": False, "rate": 1.5}}
    assert len(parses) == 1 and source.line(("body", "bold")) == 3  # lines still told
    assert len(list(cache.glob("toml-*.json"))) == 1
    path.write_text('[body]\nsize = "四号"\n', encoding="utf-8")  # edited: parsed afresh
    assert tomlfile.read(path, "样式设置")[0] == {"body": {"size": "四号"}}
    assert len(parses) == 2


def test_a_whole_pack_loads_from_the_cache_alike(cache: Path, parses: list[str]) -> None:
    first = packs.load("法治政府建设年度报告")
    n = len(parses)
    again = packs.load("法治政府建设年度报告")
    assert len(parses) == n  # nothing parsed the second time
    assert again.catalog == first.catalog and again.style == first.style
    assert again.outline == first.outline


def test_damaged_or_odd_cache_files_are_ignored(cache: Path, tmp_path: Path,
                                               parses: list[str]) -> None:
    path = tmp_path / "pack.toml"
    path.write_text('name = "测试"\n', encoding="utf-8")
    tomlfile.read(path, "模板包设置")
    (stored,) = cache.glob("toml-*.json")
    stored.write_bytes(b"{garbage")
    assert tomlfile.read(path, "模板包设置")[0] == {"name": "测试"}
    stored.write_bytes(b"[1, 2]")  # JSON, but not a table
    assert tomlfile.read(path, "模板包设置")[0] == {"name": "测试"}
    if hasattr(os, "mkfifo"):  # a FIFO put where the file goes is never waited on
        stored.unlink()
        os.mkfifo(stored)
        assert tomlfile.read(path, "模板包设置")[0] == {"name": "测试"}
    assert len(parses) == 4


def test_only_plain_data_is_kept_and_errors_are_never_cached(cache: Path, tmp_path: Path,
                                                            parses: list[str]) -> None:
    dated = tmp_path / "dated.toml"
    dated.write_text("when = 2025-01-16\n", encoding="utf-8")
    tomlfile.read(dated, "设置")
    tomlfile.read(dated, "设置")
    assert len(parses) == 2 and not list(cache.glob("toml-*.json"))
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "没有结尾\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogError, match="第1行"):
            tomlfile.read(broken, "设置")
    assert not list(cache.glob("toml-*.json"))


def test_a_cache_folder_that_is_not_ours_alone_is_not_used(cache: Path, tmp_path: Path,
                                                          parses: list[str]) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    cache.mkdir(parents=True)
    cache.chmod(0o777)  # writable by others: what is in it cannot be trusted
    cachedir._found.clear()
    path = tmp_path / "pack.toml"
    path.write_text('name = "测试"\n', encoding="utf-8")
    tomlfile.read(path, "模板包设置")
    tomlfile.read(path, "模板包设置")
    assert len(parses) == 2 and not list(cache.glob("toml-*.json"))
    cachedir._found.clear()


def _counting() -> tuple[list[str], tomlfile.Check]:
    seen: list[str] = []

    def check_name(data: dict, source: tomlfile.Source) -> None:
        seen.append(source.file)
        if not isinstance(data.get("name"), str):
            raise CatalogError("“name”应为文字", file=source.file)

    return seen, check_name


def test_a_check_passed_once_is_not_run_again_on_the_same_text(
        cache: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seen, check = _counting()
    path = tmp_path / "pack.toml"
    path.write_text('name = "测试"\n', encoding="utf-8")
    for _ in range(3):
        assert tomlfile.read(path, "模板包说明", check=check)[0] == {"name": "测试"}
    assert len(seen) == 1 and len(parses) == 1
    assert tomlfile.read(path, "模板包说明")[0] == {"name": "测试"}  # no check asked: none run
    path.write_text('name = "测试2"\n', encoding="utf-8")  # another text: checked again
    tomlfile.read(path, "模板包说明", check=check)
    assert len(seen) == 2
    monkeypatch.setattr(tomlfile, "_code", lambda: "changed")  # drafter's checks changed
    tomlfile.read(path, "模板包说明", check=check)
    assert len(seen) == 3


def test_a_failed_check_is_told_every_time(cache: Path, tmp_path: Path,
                                           parses: list[str]) -> None:
    seen, check = _counting()
    path = tmp_path / "pack.toml"
    path.write_text("name = 3\n", encoding="utf-8")
    for _ in range(3):
        with pytest.raises(CatalogError, match="应为文字"):
            tomlfile.read(path, "模板包说明", check=check)
    assert len(seen) == 3 and not list(cache.glob("toml-*.json"))  # nothing kept of it


def test_an_indicator_catalog_read_back_is_the_one_checked(cache: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.config import catalog, schema

    path = tmp_path / "indicators.toml"
    path.write_text('[[indicators]]\nid = "援助.受理"\nname = "受理案件"\nunit = "件"\n',
                    encoding="utf-8")
    first = catalog.load(path)
    calls: list[object] = []
    real = schema.check_table
    monkeypatch.setattr(schema, "check_table", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert catalog.load(path) == first and not calls  # read back: not checked again
    path.write_text('[[indicators]]\nid = "援助.受理"\nname = "受理案件"\nunit = 3\n',
                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogError, match="unit"):
            catalog.load(path)
    assert calls
