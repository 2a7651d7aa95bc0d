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
    assert "drafter = drafter.startup:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_wheel_ships_the_site(tmp_path: Path) -> None:
    """drafter site's migrations, page templates, style and vendored ECharts (with its
    license) are in the wheel: `pip install "drafter[site]"` runs a site with no network."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("drafter-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    site = ROOT / "drafter" / "site"
    shipped = [p for sub in ("migrations", "templates", "static") for p in (site / sub).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.name == "0001_initial.py" for p in shipped)
    for path in shipped:
        assert path.relative_to(ROOT).as_posix() in names
    for name in ("env.py", "versions/0001_initial.py", "script.py.mako"):
        assert f"drafter/site/migrations/{name}" in names
    for name in ("echarts.min.js", "LICENSE", "NOTICE", "VERSION"):
        assert f"drafter/site/static/echarts/{name}" in names
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    for dep in ("sqlalchemy", "alembic", "psycopg", "argon2-cffi"):
        assert f"Requires-Dist: {dep}" in meta and "extra == 'site'" in meta
    assert "Requires-Dist: itsdangerous" in meta  # the session cookie's signer: drafter's own
