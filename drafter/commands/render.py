"""`drafter render`: each workbook checked and its report written (batch.render), a PDF of
each with --pdf (`pdfs`, through commands.pdf), and what the command shows: the problems of
each file, what was written, the closing summary of a batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import batch
from drafter.batch import Each, Run, in_turn
from drafter.commands.check import problem
from drafter.commands.said import Said
from drafter.errors import Exit

if TYPE_CHECKING:  # --pdf only: LibreOffice's side is imported when asked for
    from drafter.commands.pdf import Converted


def render(workbooks: list[Path], output: Path, *, kind: str | None = None,
           office: Path | None = None, draft: bool = False, force: bool = False,
           trace: bool = False, jobs: int | None = None, each: Each = in_turn) -> Run:
    """One workbook to `output` (.docx), or each to output/<name>.docx. `draft`: written
    despite errors in the figures; `trace`: a Word comment on each figure naming its cell."""
    return batch.render(workbooks, output, kind=kind, office=office, draft=draft, force=force,
                        each=each, trace=trace, jobs=jobs)


def pdfs(run: Run, *, force: bool = False) -> Iterator[Converted]:
    """--pdf: a PDF beside each report written (LibreOffice), one at a time, so that each
    can be shown as it is made; the first that fails raises."""
    for o in run.outcomes:
        if o.output is not None:
            from drafter.commands import pdf as pdf_command

            yield pdf_command.pdf(o.output, None, force=force)


def show(run: Run, *, trace: bool = False, verbose: bool = False, debug: bool = False) -> Said:
    """The findings of each file (errors, and warnings too: a draft is made, but look again;
    `verbose`: the notes too), what was written (`trace`: with the comments on each figure)."""
    from drafter import present, report_text

    said = Said(code=Exit(run.code))
    for o in run.outcomes:
        r = o.result.report if o.result is not None else None
        if r is not None and (r.errors or r.warnings or (verbose and r.findings)):
            said.say(report_text.as_table(o.result, only_problems=not verbose))
    if run.single:
        [o] = run.outcomes
        if o.output is not None:
            said.say(f"已生成 {o.output}" + (",每个数字附有来源批注" if trace else ""))
        elif o.code == Exit.FIGURE_ERRORS:
            said.fail("数据有错误,未生成报告。请修改后重试,或加 --draft 生成标出问题的初稿。",
                      Exit.FIGURE_ERRORS)
            return said
        else:
            problem(said, o, debug=debug)
    else:
        for o in run.outcomes:
            if o.exc is not None and debug:
                problem(said, o, debug=debug)
        said.echo(present.summary(run.outcomes, rendering=True))
    return said
