"""The page's templates, style and script travel inside the wheel: a plain `pip install .`
(not editable) serves the same page, with nothing fetched from the network."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_ships_the_web_page(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("drafter-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    web = ROOT / "drafter" / "web"
    assets = [p for sub in ("templates", "static") for p in (web / sub).iterdir()]
    assert len(assets) >= 5
    for path in assets:
        assert f"drafter/web/{path.parent.name}/{path.name}" in names
    meta = next(n for n in names if n.endswith("METADATA"))
    requires = zipfile.ZipFile(wheel).read(meta).decode()
    for dep in ("starlette", "uvicorn", "python-multipart"):
        assert f"Requires-Dist: {dep}" in requires
