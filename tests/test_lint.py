"""ruff is part of the test run, so one command checks both."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is in the test extra: pip install '.[test]'"
    proc = subprocess.run([ruff, "check", "drafter", "tests", "sample_inputs"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
