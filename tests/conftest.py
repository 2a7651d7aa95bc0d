"""Shared test helpers: workbooks are built in code from a pack's blank workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import packs
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
