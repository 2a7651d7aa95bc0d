"""The `drafter` program starts with the garbage collector off (drafter.startup) and turns it
back on, after importing what the command uses, as the command starts its work (usage.ready):
every command does, so a batch or a page never runs without it."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys
from typing import Any

from typer.core import TyperGroup
from typer.main import get_command

from drafter import usage
from drafter.cli import app
from tests.conftest import SAMPLE_000

# Run as the console script runs: drafter.startup.main. The check's first step says whether
# the collector is on and how much was frozen, and which of the command's modules were
# imported by then.
SPY = """\
import gc, sys
from drafter import startup
import drafter.pipeline as pipeline
checked = pipeline.check_workbook
def spy(*args, **kw):
    print("collector", gc.isenabled(), gc.get_freeze_count(),
          "drafter.commands.check" in sys.modules, file=sys.stderr)
    return checked(*args, **kw)
pipeline.check_workbook = spy
sys.argv = ["drafter"] + sys.argv[1:]
startup.main()
"""


def _commands(command: Any, path: str = "drafter") -> list[tuple[str, Any]]:
    """Every command under `command`, groups opened and stand-ins built."""
    if isinstance(command, usage.Later):
        command = command.build()
    if not isinstance(command, TyperGroup):
        return [(path, command)]
    found: list[tuple[str, Any]] = []
    for name, sub in command.commands.items():
        found += _commands(sub, f"{path} {name}")
    return found


def test_the_collector_is_on_when_the_work_starts() -> None:
    done = subprocess.run([sys.executable, "-c", SPY, "check", str(SAMPLE_000)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    said = next(line for line in done.stderr.splitlines() if line.startswith("collector"))
    _, enabled, frozen, imported = said.split()
    assert enabled == "True" and int(frozen) > 10_000 and imported == "True", said


def test_help_and_usage_errors_through_the_program_entry() -> None:
    """`python -m drafter` (startup.main, the collector off) answers help and usage errors
    as before: no command starts its work, so nothing turns the collector back on."""
    for args, code in ((["--help"], 0), (["render", "--help"], 0), (["nosuch"], 2)):
        done = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                              text=True, check=False)
        assert done.returncode == code and "用法" in done.stdout + done.stderr, args


def test_every_command_turns_the_collector_back_on_and_its_modules_exist() -> None:
    commands = _commands(get_command(app))
    assert len(commands) >= 20  # the top-level ones, templates' and site's
    for path, command in commands:
        assert isinstance(command, usage.Command), path  # its invoke calls usage.ready
        for name in command.uses:
            importlib.import_module(name)
    uses = dict(commands)["drafter render"].uses
    assert "drafter.commands.render" in uses and "drafter.word.writer" in uses


def test_ready_leaves_a_collector_that_is_on_alone() -> None:
    """Tests and scripts that call the app themselves start with it on: nothing is frozen."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    usage.ready(("drafter.commands.check",))
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        usage.ready()
        assert gc.isenabled() and gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
        gc.enable()
