"""`drafter merge`: the copies of one workbook the sections (科室) filled, joined into one
(yearly.merge), and what the command shows: what came from which copy, or the conflicts
that kept it from being written (exit 1)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.said import Said
from drafter.errors import Exit

if TYPE_CHECKING:
    from drafter.workbook.merge import Merged


def merge(workbooks: list[Path], output: Path, *, prefer: Path | None = None,
          original: Path | None = None, kind: str | None = None, office: Path | None = None,
          force: bool = False) -> Merged:
    """Written only when no conflict is left (Merged.written); the inputs are never
    modified. `prefer`: the copy that wins a conflict; `original`: the workbook as handed out
    (a cell a copy left as it was is no conflict)."""
    from drafter import yearly

    return yearly.merge(workbooks, output, prefer=prefer, original=original, kind=kind,
                        office=office, force=force)


def show(done: Merged) -> Said:
    said = Said(code=Exit.OK if done.written else Exit.FIGURE_ERRORS)
    for line in merge_lines(done):
        said.say(line)
    return said


def merge_lines(done: Merged) -> list[str]:
    """What `merge` did (or why it wrote nothing), in Chinese, one line each."""
    from drafter.workbook import layout

    lines = [f"警告:{w}" for w in done.warnings]
    if done.conflicts:
        lines.append(f"有 {len(done.conflicts)} 处冲突(同一单元格在两份中填得不同),"
                     f"未生成 {done.output}：")
        lines += [f"  {c.what}:{done.says(c)}" for c in done.conflicts]
        lines.append("请商定后改正其中一份再合并,或加 --prefer 文件 指定以哪一份为准。")
        if not done.original and any(c.what.startswith(layout.OUTLINE) for c in done.conflicts):
            lines.append("大纲是预填的:加 --original 分发前的原表,只取各科室改动过的单元格,"
                         "原样未动的句子不再算冲突(见 docs/yearly.md)。")
        if any(c.what == f"{layout.FACTS}“单位名称”" for c in done.conflicts):
            lines.append("各份的单位名称不同:若这些是各区县的数据表、要把数相加,请用 drafter rollup。")
        return lines
    if done.overridden:
        lines.append(f"按 --prefer 取舍了 {len(done.overridden)} 处不同:")
        for c in done.overridden:
            lines.append(f"  {c.what}:{done.says(c)},取 {done.copies[c.chosen or 0].name} 的")
    if done.original:
        lines.append(f"已生成 {done.output}(以原表 {done.copies[0].name} 为底稿,合并 "
                     f"{len(done.copies) - 1} 份各科室的改动）：")
    else:
        lines.append(f"已生成 {done.output}(以 {done.copies[0].name} 为底稿合并 "
                     f"{len(done.copies)} 份）：")
    for i, (c, n) in enumerate(zip(done.copies, done.taken, strict=True)):
        role = ("原表中已有的" if done.original else "底稿中已填的") if i == 0 else "从该份取来的"
        lines.append(f"  {c.name}:{role}单元格 {n} 个")
    lines.append(f"合并后运行:drafter check {done.output}")
    return lines
