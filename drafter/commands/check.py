"""`drafter check`: every workbook named checked (batch.check), and what the command shows of
it: each file's findings as a table under its 板块 (or all of them as JSON), the marked-up
copy, the closing summary of a batch."""

from __future__ import annotations

from pathlib import Path

from drafter import batch
from drafter.batch import Each, Run, in_turn
from drafter.commands.said import Said
from drafter.errors import Exit


def check(workbooks: list[Path], *, kind: str | None = None, office: Path | None = None,
          strict: bool = False, annotate: Path | None = None, force: bool = False,
          jobs: int | None = None, each: Each = in_turn) -> Run:
    """Check every workbook named (files, folders, patterns); `annotate`: a marked-up copy of
    the only one; `strict`: warnings count as failing; `each`: how to step through the files
    (the CLI's shows a progress bar)."""
    return batch.check(workbooks, kind=kind, office=office, strict=strict, annotate=annotate,
                       force=force, each=each, jobs=jobs)


def show(run: Run, *, fmt: str = "table", verbose: bool = False, debug: bool = False) -> Said:
    from drafter import present, report_text

    said = Said(code=Exit(run.code))
    outcomes = run.outcomes
    if len(outcomes) == 1 and outcomes[0].result is None:
        problem(said, outcomes[0], debug=debug)
    if fmt == "json":
        said.echo(report_text.as_json(outcomes))
        return said
    for o in outcomes:
        if o.result is not None:
            said.say(report_text.as_table(o.result, only_problems=not verbose))
    if run.annotated is not None:
        said.say(f"已另存标注副本:{run.annotated}")
    if len(outcomes) > 1:
        said.echo(present.summary(outcomes, rendering=False))
    return said


def problem(said: Said, o: batch.Outcome, *, debug: bool = False) -> None:
    """A file that could not be read or rendered: one line on stderr (the traceback before it
    with --debug, when it was a bug)."""
    import traceback

    from drafter import present

    if o.exc is not None and debug and o.code == Exit.BUG:
        said.echo("".join(traceback.format_exception(o.exc)), err=True, nl=False)
    said.echo(present.problem(o), err=True)
