"""How the commands show a batch on a terminal: the progress bar (`each`, which the CLI hands
to a command function), the closing table and the one-line problems; `zh`, the full-width
punctuation of every message. The presentation side (the commands layer's `show` functions,
usage, the page's templates); the library never imports this."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

    from drafter.batch import Outcome

T = TypeVar("T")


def zh(text: str) -> str:
    """Messages in full-width Chinese punctuation; 指标!E12 and paths keep theirs."""
    from drafter.templating.punctuation import prose

    return prose(text)


def each(items: Sequence[T], step: Callable[[T], Outcome], label: str) -> list[Outcome]:
    """Run `step` on every item, with a progress bar on a terminal when there are several."""
    if len(items) < 2 or not sys.stderr.isatty():
        return [step(item) for item in items]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    outcomes = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[name]}", markup=False))
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=len(items), name="")
        for item in items:
            path = item[0] if isinstance(item, tuple) else item
            bar.update(task, name=Path(str(path)).name)
            outcomes.append(step(item))
            bar.advance(task)
        bar.update(task, name="")
    return outcomes


def problem(o: Outcome) -> str:
    """A file that could not be read or rendered, in one line."""
    from drafter.errors import DrafterError, Exit

    blamed = isinstance(o.exc, DrafterError) and o.exc.file and o.exc.file != str(o.path)
    text = o.problem if blamed or str(o.path) in o.problem else f"{o.path}:{o.problem}"
    if o.code == Exit.BUG:
        return zh(text + "。请加 --debug 重试,并把输出报告给开发者。")
    return zh(f"错误:{text}")


def summary(outcomes: list[Outcome], *, rendering: bool) -> str:
    """The closing table: each file, its errors and warnings, and what became of it."""
    from rich.console import Console

    from drafter.errors import Exit

    headers = ("数据表", "错误", "警告", "输出" if rendering else "结果")
    rows = []
    for o in outcomes:
        report = o.result.report if o.result is not None else None
        errors = str(len(report.errors)) if report else "—"
        warnings = str(len(report.warnings)) if report else "—"
        if rendering:
            what = str(o.output) if o.output else zh(o.problem)
        else:
            what = zh(o.problem) if report is None else ("通过" if o.code == Exit.OK else "未通过")
        rows.append((str(o.path.name), errors, warnings, what))
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    lines = _plain_table(headers, rows, console.width) or _rich_table(headers, rows, console)
    done = sum(1 for o in outcomes if (o.output if rendering else o.code == Exit.OK))
    verb = "生成" if rendering else "通过"
    lines.append(zh(f"共 {len(outcomes)} 个数据表,{verb} {done} 个,未{verb} {len(outcomes) - done} 个。"))
    return "\n".join(lines)


_RIGHT = (False, True, True, False)  # the columns set to the right (the counts)


def _plain_table(headers: tuple[str, ...], rows: list[tuple[str, ...]], width: int
                 ) -> list[str] | None:
    """The table exactly as rich draws it below (columns three spaces apart, a rule under the
    header), when nothing has to be folded to fit `width`; None otherwise. rich takes ~0.5 ms
    a row: 1.5 s of a 3,000-workbook batch, done after the work, on one core."""
    from rich.cells import cell_len

    if any(not c.isprintable() for row in rows for c in row):
        return None  # a control character in a name: rich knows how it shows
    widths = [max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if sum(widths) + 3 * (len(widths) - 1) > width:
        return None

    def line(cells: tuple[str, ...]) -> str:
        return "   ".join(" " * (w - cell_len(c)) + c if right else c + " " * (w - cell_len(c))
                           for c, w, right in zip(cells, widths, _RIGHT, strict=True)).rstrip()

    rule = "─" * (sum(widths) + 3 * (len(widths) - 1))
    return [line(headers), rule, *(line(r) for r in rows)]


def _rich_table(headers: tuple[str, ...], rows: list[tuple[str, ...]], console: Console
                ) -> list[str]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, right in zip(headers, _RIGHT, strict=True):
        table.add_column(name, justify="right" if right else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(t) for t in row))
    with console.capture() as captured:
        console.print(table)
    return [line.rstrip() for line in captured.get().splitlines()]
