"""The five published reports (../shared/source_reports, not part of the project)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ROOT.parent / "shared" / "source_reports"


def source(prefix: str) -> Path:
    found = sorted(SOURCES.glob(f"{prefix}_*.txt")) if SOURCES.is_dir() else []
    if not found:
        pytest.skip(f"源报告 {prefix} 不在 {SOURCES}(项目之外的共享资料,未随项目分发)")
    return found[0]
