"""The prepared Word base kept in the cache folder (word/basecache.py): read back by the
next process while nothing it is made from has changed, built afresh otherwise, and the
same document either way."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from drafter import cachedir, pipeline
from drafter.word import basecache, writer
from tests.conftest import SAMPLE_000


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    writer._prepared.cache_clear()
    yield tmp_path / "cache" / "drafter"
    writer._prepared.cache_clear()


@pytest.fixture(scope="module")
def checked() -> pipeline.CheckResult:
    return pipeline.check_workbook(SAMPLE_000)


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The style profiles a base was built for (not read back)."""
    seen: list[object] = []
    real = writer.add_styles

    def counting(document, style, *args, **kw):
        seen.append(style)
        return real(document, style, *args, **kw)

    monkeypatch.setattr(writer, "add_styles", counting)
    return seen


def _docx(result: pipeline.CheckResult, style=None) -> bytes:
    """The report as a new process writes it (the in-process copy of the base forgotten)."""
    writer._prepared.cache_clear()
    doc = pipeline.render_document(result)
    return writer.build_docx(doc, style or result.pack.style)


def _bases(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{basecache.PREFIX}*"))


def test_the_next_process_reads_the_base_and_writes_the_same_bytes(cache, checked,
                                                                    builds) -> None:
    first = _docx(checked)
    assert len(builds) == 1 and len(_bases(cache)) == 1
    again = _docx(checked)
    assert len(builds) == 1  # read back, not built
    assert again == first


def test_another_style_has_its_own_base(cache, checked, builds) -> None:
    _docx(checked)
    wider = dataclasses.replace(checked.pack.style, margin_left_mm=25)
    other = _docx(checked, wider)
    assert len(builds) == 2 and len(_bases(cache)) == 2
    assert _docx(checked, wider) == other and len(builds) == 2


@pytest.mark.parametrize("damage", ["flip", "cut", "empty"])
def test_a_damaged_base_is_built_afresh_and_replaced(cache, checked, builds, damage) -> None:
    first = _docx(checked)
    (kept,) = _bases(cache)
    data = bytearray(kept.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    elif damage == "cut":
        del data[len(data) // 2:]
    else:
        data.clear()
    kept.write_bytes(bytes(data))
    assert _docx(checked) == first and len(builds) == 2
    assert _docx(checked) == first and len(builds) == 2  # the rebuilt one is kept


def test_a_change_of_the_code_that_builds_it_is_another_base(cache, checked, builds,
                                                             tmp_path, monkeypatch) -> None:
    module = tmp_path / "styles.py"
    module.write_text("# v1\n", encoding="utf-8")
    monkeypatch.setattr(basecache, "_WORD", tmp_path)
    basecache._code.cache_clear()
    try:
        _docx(checked)
        os.utime(module, ns=(1, 1))  # an edit: another time of last change
        basecache._code.cache_clear()
        _docx(checked)
    finally:
        basecache._code.cache_clear()
    assert len(builds) == 2 and len(_bases(cache)) == 2


def test_a_folder_others_can_write_is_not_used(cache, checked, builds) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    cachedir._found.clear()
    try:
        first = _docx(checked)
        assert _docx(checked) == first
    finally:
        cachedir._found.clear()
    assert len(builds) == 2 and not _bases(cache)
