"""`drafter render`: each workbook checked and its report written (batch.render), a PDF of
each with --pdf (publish.pdf), and what the command shows: the problems of each file, what
was written, the closing summary of a batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter import batch
from drafter.batch import Each, Run, in_turn
from drafter.commands import pdf as pdf_command
from drafter.commands.check import problem
from drafter.commands.said import Said
from drafter.errors import Exit


@dataclass
class Rendered:
    run: Run
    trace: bool = False
    pdfs: list[pdf_command.Converted] = field(default_factory=list)  # --pdf, in order
    # --pdf: the conversion that failed (the ones before it are in `pdfs`, none after it)
    pdf_failed: BaseException | None = None


def render(workbooks: list[Path], output: Path, *, kind: str | None = None,
           office: Path | None = None, draft: bool = False, force: bool = False,
           pdf: bool = False, trace: bool = False, jobs: int | None = None,
           each: Each = in_turn) -> Rendered:
    """One workbook to `output` (.docx), or each to output/<name>.docx. `draft`: written
    despite errors in the figures; `pdf`: a PDF beside each report written (LibreOffice);
    `trace`: a Word comment on each figure naming its cell."""
    run = batch.render(workbooks, output, kind=kind, office=office, draft=draft, force=force,
                       each=each, trace=trace, jobs=jobs)
    done = Rendered(run, trace)
    if pdf:
        for o in run.outcomes:
            if o.output is not None:
                try:
                    done.pdfs.append(pdf_command.pdf(o.output, None, force=force))
                except Exception as exc:  # shown after what was done (see show)
                    done.pdf_failed = exc
                    break
    return done


def show(done: Rendered, *, debug: bool = False) -> Said:
    """The findings of each file (errors, and warnings too: a draft is made, but look again),
    what was written; a failed PDF conversion is raised last, for the CLI's error handler."""
    from drafter import present, report_text

    run = done.run
    said = Said(code=Exit(run.code))
    for o in run.outcomes:
        if o.result is not None and (o.result.report.errors or o.result.report.warnings):
            said.say(report_text.as_table(o.result, only_problems=True))
    if run.single:
        [o] = run.outcomes
        if o.output is not None:
            said.say(f"已生成 {o.output}" + (",每个数字附有来源批注" if done.trace else ""))
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
    for converted in done.pdfs:
        said.lines += pdf_command.show(converted).lines
    return said
