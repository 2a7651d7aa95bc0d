"""How the `drafter` program starts: with Python's cyclic garbage collector off until the
command's modules are imported.

Starting `drafter render` makes some 50,000 objects the collector tracks that live as long as
the process: the modules of typer, python-docx, jinja2 and babel and drafter's own, their
classes, functions and compiled patterns. The collector runs every 700 new ones and goes over
the young ones again each time, so while a command starts it runs about a hundred times and
frees nothing: 10–15 % of a one-shot `drafter render`. So `main` turns it off first; every command, as it
starts its work, imports the modules it uses, freezes what exists by then (gc.freeze: never
examined again) and turns the collector back on (usage.ready, from usage.Command.invoke): the
work itself (a batch of thousands of workbooks, a page serving for days) runs with it as
usual. `--help`, `--version` and usage errors end before any command works, without it.

Code that calls drafter.cli's app itself (the tests, a script) starts with the collector on:
usage.ready then only imports."""

from __future__ import annotations

import gc


def main() -> None:
    """The `drafter` program (pyproject's console script and `python -m drafter`)."""
    gc.disable()
    from drafter.cli import main as run

    run()

