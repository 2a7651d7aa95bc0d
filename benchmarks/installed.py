"""The drafter the benchmarks time: an installed (non-editable) copy, as a user has it.

A source checkout (or an editable install, which points into one) has no bytecode when
PYTHONDONTWRITEBYTECODE is set, so every run would compile drafter's modules again; pip
compiles them when it installs a wheel. `install` builds the wheel of this checkout with pip
and installs it, without its dependencies (they are this Python's), into a folder that the
timed processes put first on PYTHONPATH; the command is the console script pip writes there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


class InstallError(Exception):
    """pip could not install the copy: the message says why, in Chinese."""


@dataclass(frozen=True)
class Drafter:
    """How to start drafter: the command, and what its environment adds (PYTHONPATH)."""

    argv: list[str]
    extra_env: dict[str, str] = field(default_factory=dict)
    where: str = ""  # the folder drafter is imported from, for the table's notes

    def env(self, cache: Path | None = None) -> dict[str, str]:
        """Our environment plus this copy's; drafter's per-user cache (compiled templates) in
        `cache`, so a run neither uses nor disturbs the user's own cache."""
        env = {**os.environ, **self.extra_env}
        if cache is not None:
            env["XDG_CACHE_HOME"] = str(cache)
        return env


def from_environment() -> Drafter:
    """The drafter this Python has: the `drafter` console script beside it (not a pyenv
    shim), else `python -m drafter`."""
    script = Path(PYTHON).with_name("drafter")
    argv = [str(script)] if script.is_file() else [PYTHON, "-m", "drafter"]
    return Drafter(argv, where=_imported_from({}))


def install(folder: Path) -> Drafter:
    """Install this checkout, non-editable and compiled, into `folder` (replaced)."""
    folder.mkdir(parents=True, exist_ok=True)
    site = folder / "site"
    proc = subprocess.run(
        [PYTHON, "-m", "pip", "install", "-q", "--no-deps", "--upgrade", "--target", str(site),
         str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise InstallError(f"pip 安装 drafter 失败：{(proc.stderr or proc.stdout).strip()[-600:]}")
    extra = {"PYTHONPATH": os.pathsep.join(
        [str(site), *filter(None, [os.environ.get("PYTHONPATH")])])}
    script = site / "bin" / "drafter"
    argv = [str(script)] if script.is_file() else [PYTHON, "-m", "drafter"]
    where = _imported_from(extra)
    if not where.startswith(str(site)):
        raise InstallError(f"安装后导入的 drafter 仍来自 {where}，不是 {site}")
    return Drafter(argv, extra, where)


def in_checkout(where: str) -> bool:
    """Is drafter imported from this source tree (a checkout or an editable install)?"""
    return Path(where).resolve().is_relative_to(ROOT)


def _imported_from(extra: dict[str, str]) -> str:
    proc = subprocess.run([PYTHON, "-c", "import drafter; print(drafter.__file__)"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, **extra}, cwd=Path.home())
    return str(Path(proc.stdout.strip()).parent) if proc.returncode == 0 else "?"
