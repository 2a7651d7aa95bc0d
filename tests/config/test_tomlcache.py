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
