"""Shared test helpers: workbooks are built in code from a pack's blank workbook."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.config import packs
from drafter.workbook import blank

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
SAMPLE_000 = next(SAMPLES.glob("000_*.xlsx"))

FACTS_000 = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年"}


def make_workbook(
    folder: Path,
    figures: dict[str, object] | None = None,
    *,
    kind: str = "半年工作总结",
    facts: dict[str, object] | None = None,
    previous: dict[str, object] | None = None,
    points: dict[str, tuple[str, str]] | None = None,
    name: str = "数据.xlsx",
    office: Path | None = None,
) -> Path:
    """A workbook of `kind` with the given cells typed in (facts default to 000's)."""
    pack = packs.load(kind, office)
    wb = blank.make_blank(pack.catalog, kind, pack.info.name)
    blank.fill(wb, FACTS_000 if facts is None else facts, figures or {}, previous, points)
    out = folder / name
    blank.save(wb, out)
    return out


@pytest.fixture
def workbook(tmp_path: Path):
    """`workbook({...})` → path of a filled half-year workbook in tmp_path."""

    def factory(figures: dict[str, object] | None = None, **kwargs: object) -> Path:
        return make_workbook(tmp_path, figures, **kwargs)  # type: ignore[arg-type]

    return factory


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates (drafter/template_cache.py) go to this run's folder, not ~/.cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
