"""The built-in packs travel inside the wheel, so a plain `pip install .` finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_the_template_packs(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("drafter-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (ROOT / "templates").iterdir():
        if (pack / "pack.toml").is_file():
            for f in pack.iterdir():
                assert f"drafter/_templates/{pack.name}/{f.name}" in names
    assert "drafter/cli.py" in names
    assert "drafter/word/base.docx" in names  # the Word writer's base document
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "drafter = drafter.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
