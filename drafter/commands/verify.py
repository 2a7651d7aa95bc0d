"""`drafter verify`: an edited report compared with its workbook (publish.verify), and what
the command shows: the figures to look at (every one with --all) as a table, or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.commands.said import Said
from drafter.errors import Exit
from drafter.publish.verify import Verification


def verify(document: Path, workbook: Path, *, kind: str | None = None,
           office: Path | None = None) -> Verification:
    """Every figure of `document` (edited in Word, WPS or LibreOffice) against `workbook`."""
    from drafter.publish.verify import verify as run

    return run(document, workbook, kind=kind, office=office)


def show(done: Verification, *, fmt: str = "table", show_all: bool = False,
         width: int | None = 200) -> Said:
    """`width`: the table's (None: the terminal's)."""
    said = Said(code=Exit(done.code))
    if fmt == "json":
        said.echo(json.dumps(done.as_dict(), ensure_ascii=False, indent=2))
    else:
        said.echo(table(done, show_all=show_all, width=width))
    return said


def table(done: Verification, *, show_all: bool = False, width: int | None = 200) -> str:
    """The findings (every figure with `show_all`) as a Chinese table, a summary, and the
    last line saying what could not be seen."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lines: list[str] = []
    rows = done.items if show_all else done.findings
    if rows:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for name in ("状态", "指标", "数据表", "文中", "段落"):
            table.add_column(name, overflow="fold")
        from drafter.present import zh  # 其中:民事 as 其中：民事, before the columns are set

        for i in rows:
            table.add_row(*(Text(zh(t)) for t in (i.status, i.name or i.source, i.expected,
                                                 i.found, i.quote)))
        console = Console(highlight=False, width=width)
        with console.capture() as captured:
            console.print(table)
        lines += [line.rstrip() for line in captured.get().splitlines()]
    parts = "、".join(f"{k} {v}" for k, v in done.counts().items())
    lines.append(f"共核对 {len(done.items)} 个数字：{parts or '无'}。")
    if done.marks_expected and not done.marks_found:
        lines.append("文中没有 drafter 的数字标记（书签）：文档可能在不保留书签的程序中保存过，"
                     "或不是由这份数据表生成；只能按数值核对。")
    lines.append("全部数字与数据表一致。" if not done.findings else
                 f"有 {len(done.findings)} 处需要核对（见上表）。")
    lines.append(done.limits())
    return "\n".join(lines)
