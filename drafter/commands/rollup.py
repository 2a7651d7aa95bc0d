"""`drafter rollup`: the districts' workbooks summed into one city workbook (batch.rollup),
with --reports each district's report written as well, and what the command shows: what was
summed and what the city must fill, or, when a district's workbook does not pass check, its
findings, the summary and the refusal."""

from __future__ import annotations

from pathlib import Path

from drafter import batch
from drafter.batch import Each, Run, in_turn
from drafter.commands.said import Said
from drafter.errors import Exit


def rollup(workbooks: list[Path], output: Path, *, unit: str = "", kind: str | None = None,
           office: Path | None = None, force: bool = False, jobs: int | None = None,
           each: Each = in_turn, reports: Path | None = None) -> Run:
    """Written only when every district's workbook passes check (else Run.refused says
    why); `unit`: the city's 单位名称; `reports`: a folder for each district's report, made
    from the same reading of its workbook (a district with errors gets none, as in render)."""
    return batch.rollup(workbooks, output, unit=unit, kind=kind, office=office, force=force,
                        each=each, jobs=jobs, reports=reports)


def show(run: Run, *, reports: bool = False) -> Said:
    """`reports`: --reports was given (the summary then says what became of each report)."""
    from drafter import present, report_text

    said = Said()
    if run.city is None:
        for o in run.outcomes:
            if o.code != Exit.OK and o.result is not None:
                said.say(report_text.as_table(o.result, only_problems=True,
                                              shown_by="用 drafter check -v"))
        said.echo(present.summary(run.outcomes, rendering=reports))
        said.fail(run.refused, run.code)
        return said
    if reports:
        said.echo(present.summary(run.outcomes, rendering=True))
    for line in report_text.rollup_text(run.city):
        said.say(line)
    return said
