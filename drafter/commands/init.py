"""`drafter init`: a blank workbook for a kind of report (pipeline.init_workbook), or, with
--from, last year's workbook rolled forward (yearly.roll_forward); and what the command
shows of either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.said import Said
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.config.packs import Pack
    from drafter.workbook.forward import Forwarded


@dataclass
class Initialized:
    output: Path
    pack: Pack | None = None  # a blank workbook: its pack
    forwarded: Forwarded | None = None  # --from: what was carried over
    omit: tuple[str, ...] = ()


def init(output: Path, *, kind: str | None = None, source: Path | None = None,
         office: Path | None = None, omit: tuple[str, ...] = (),
         force: bool = False) -> Initialized:
    """A blank workbook of `kind` (`omit`: sections left out), or with `source` last year's
    workbook rolled forward (`kind`: by default the one it records)."""
    if source is not None:
        from drafter import yearly

        if omit:
            raise DrafterError("--omit 用于生成空白数据表;结转时沿用去年数据表的板块,不能同用")
        return Initialized(output, forwarded=yearly.roll_forward(source, output, kind=kind,
                                                                 office=office, force=force))
    if not kind:
        raise DrafterError("请用 --kind 指定报告类型,或用 --from 指定去年的数据表")
    from drafter.pipeline import init_workbook

    pack = init_workbook(kind, output, office=office, force=force, omit=omit)
    return Initialized(output, pack=pack, omit=omit)


def show(done: Initialized) -> Said:
    said = Said()
    if done.forwarded is not None:
        for line in forward_lines(done.forwarded):
            said.say(line)
        return said
    assert done.pack is not None
    n = len(done.pack.catalog.indicators)
    said.say(f"已生成 {done.output}:指标目录 {n} 项;“大纲”表已预填报告正文,可直接改写。")
    if done.omit:
        said.say(f"已略去板块:{'、'.join(done.omit)}。")
    said.say(f"填好后运行:drafter check {done.output}")
    return said


def forward_lines(done: Forwarded) -> list[str]:
    """What `init --from` did, in Chinese, one line each."""
    from drafter.workbook.forward import listed

    lines = [f"警告:{w}" for w in done.warnings]
    lines.append(f"已生成 {done.output}(由 {done.source} 结转到下一期）：")
    figures = (f"  指标:{done.moved} 项去年的“本期”数移入“上年同期”,“本期”已清空待填"
               + (f";{done.empty} 项去年本期空着,上年同期也空着" if done.empty else "") + "。")
    lines.append(figures)
    if done.overwritten:
        lines.append(f"  注意:{len(done.overwritten)} 个“上年同期”单元格原来有数,已被去年的"
                     f"“本期”替换(去年本期空着的一并清空):{listed(done.overwritten)}。")
    lines += [f"  公式:{note}。" for note in done.formulas]
    if done.skipped:
        lines.append(f"  未结转(在合并单元格中,请手工处理):{listed(done.skipped)}。")
    if done.year is not None:
        lines.append(f"  基本信息:年度 {done.year[0]} → {done.year[1]}。")
    else:
        lines.append(f"  基本信息:{done.year_problem}。")
    if done.cleared:
        what = "、".join(f"{k}(原为 {v})" for k, v in done.cleared)
        lines.append(f"  已清空每期不同的项目:{what};生成前请填写今年的。")
    kept = [f"{name} {n} 行" for name, n in done.kept.items() if n]
    if done.own_rows:
        kept.append(f"编号不在指标目录中的指标(自有指标){done.own_rows} 行,本期同样已移入上年同期")
    kept.append("其余基本信息(含单位文件夹、目录指纹)")
    lines.append(f"  原样保留:{'、'.join(kept)}。")
    if done.removed_sheets:
        lines.append(f"  已删去去年的{'、'.join(done.removed_sheets)}表:今年请重新运行 drafter rollup 汇总。")
    if done.mentions and done.year is not None:
        lines.append(f"  请核对:以下保留的文字仍写着“{done.year[0]}”:"
                     f"{listed(done.mentions)}。")
    lines.append(f"填好本期数后运行:drafter check {done.output}")
    return lines
