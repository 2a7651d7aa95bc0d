"""The harness itself: it measures a real child and tells a clean refusal from a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.harness import assert_clean_refusal, digest, run_cli


def test_a_missing_workbook_is_a_clean_refusal(tmp_path: Path) -> None:
    run = run_cli("check", tmp_path / "没有.xlsx")
    assert_clean_refusal(run, codes=(2,), naming="没有.xlsx")
    assert run.peak_mb > 5  # a real interpreter was measured


def test_the_contract_fails_on_a_traceback() -> None:
    from tests.security.harness import Run

    crashed = Run(code=1, out="", err="Traceback (most recent call last):\n", seconds=0.1,
                  peak_mb=50)
    with pytest.raises(AssertionError):
        assert_clean_refusal(crashed)


def test_digest_sees_a_change(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("1")
    before = digest(f)
    f.write_text("2")
    assert digest(f) != before
