"""What `drafter verify` and `drafter pdf` say, as text (the CLI prints it)."""

from __future__ import annotations

from drafter.publish.pdf import PdfResult, install_hints
from drafter.publish.verify import Verification


def verification_table(done: Verification, *, show_all: bool = False, width: int | None = 200) -> str:
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


def pdf_summary(done: PdfResult, named: tuple[str, ...]) -> str:
    """`named`: the faces the .docx names; those replaced are listed with their stand-ins,
    and what to install for the PDF to look like the Word file."""
    lines = [f"已生成 {done.pdf}"]
    replaced = [n for n in named if n in done.substitutes]
    if replaced:
        lines.append("文稿指定的字体未安装，已替换：" + "、".join(
            f"{n} → {done.substitutes[n]}" for n in replaced))
    lines += install_hints(named, done.substitutes)
    lines.append("PDF 使用的字体：" + ("、".join(done.fonts) or "（未能读出）"))
    return "\n".join(lines)
