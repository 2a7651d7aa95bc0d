"""The `drafter` command: thin. Each command parses options, calls the library, prints.

Exit codes: 0 done (check: no errors), 1 errors found in the figures, 2 unusable input or
usage, 3 an internal error (a bug: run again with --debug and report it).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from drafter import batch
    from drafter.pipeline import CheckResult

app = typer.Typer(
    help="drafter:从填好的数据表起草司法局工作总结、法治政府建设年度报告的 Word 初稿。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
templates_app = typer.Typer(help="查看、复制模板包。", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

_debug = False


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈,便于报告问题。")] = False,
) -> None:
    global _debug
    _debug = debug


def _zh(text: str) -> str:
    """Messages in full-width Chinese punctuation; 指标!E12 and paths keep theirs."""
    from drafter.templating.outline import fullwidth_punctuation

    return fullwidth_punctuation(text, marks=",;:()")


def _say(text: str = "") -> None:
    typer.echo(_zh(text))


def _fail(text: str, code: int) -> typer.Exit:
    typer.echo(_zh(text), err=True)
    return typer.Exit(code)


@contextmanager
def _guard() -> Iterator[None]:
    """DrafterError → one Chinese line on stderr and exit 2; a bug → exit 3; never a traceback."""
    from drafter.errors import DrafterError

    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except DrafterError as exc:
        if _debug:
            traceback.print_exc()
        raise _fail(f"错误:{exc.describe()}", 2) from None
    except KeyboardInterrupt:
        raise _fail("已中断。", 130) from None
    except BrokenPipeError:  # output piped into `head` and closed: nothing more to say
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        raise typer.Exit(0) from None
    except Exception as exc:
        if _debug:
            traceback.print_exc()
        raise _fail(f"内部错误:{type(exc).__name__}: {exc}。请加 --debug 重试,并把输出报告给开发者。",
                    3) from None


KindOption = Annotated[
    str | None,
    typer.Option("--kind", "-k", help="报告类型,如 半年工作总结;默认取数据表“基本信息”中的报告类型。"),
]
OfficeOption = Annotated[
    Path | None,
    typer.Option("--office", help="单位文件夹:其中的模板、指标、样式优先于内置模板包。"),
]


@app.command()
def init(
    kind: Annotated[str, typer.Option("--kind", "-k", help="报告类型,如 半年工作总结、年度工作总结、法治政府建设年度报告。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="要生成的空白数据表(.xlsx)。")],
    office: OfficeOption = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一张空白数据表,按模板包的指标目录列出要填的数字和要点。"""
    with _guard():
        from drafter.config import packs
        from drafter.errors import OutputError
        from drafter.workbook import blank

        if output.suffix.lower() != ".xlsx":
            raise OutputError("数据表应以 .xlsx 结尾", file=str(output))
        if output.exists() and not force:
            raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
        pack = packs.load(kind, office)
        wb = blank.make_blank(pack.catalog, kind, pack.info.name)
        blank.save(wb, output, replace=force)
        n = len(pack.catalog.indicators)
        _say(f"已生成 {output}:{n} 项指标、{len(pack.catalog.points)} 个要点待填写。")
        _say(f"填好后运行:drafter check {output}")


FormatOption = Annotated[str, typer.Option("--format", "-f", help="输出格式:table(表格,默认)或 json。")]


@app.command()
def check(
    workbooks: Annotated[list[Path], typer.Argument(help="填好的数据表(.xlsx),可以多个,也可以是文件夹或 区县/*.xlsx。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    fmt: FormatOption = "table",
    annotate: Annotated[Path | None, typer.Option("--annotate", help="另存一份标注了问题的数据表副本(红色为错误,黄色为警告);原表不动。")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也算不通过。")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="同时列出“提示”:数值如何被规范化、哪些比率由程序算出。")] = False,
    force: Annotated[bool, typer.Option("--force", help="--annotate 的文件已存在时覆盖。")] = False,
) -> None:
    """检查数据表:合计、比率、包含关系、必填项和同比变化,逐项指出单元格。"""
    with _guard():
        from drafter import batch, report_text
        from drafter.errors import OutputError

        if fmt not in ("table", "json"):
            raise _fail("错误:--format 只能是 table 或 json", 2)
        paths = batch.expand(workbooks)
        if annotate is not None and len(paths) > 1:
            raise OutputError("--annotate 只能用于一个数据表", file=str(annotate))
        session = batch.Session(kind=kind, office=office, strict=strict)
        outcomes = _each(paths, session.check, "检查", progress=fmt == "table")
        if len(outcomes) == 1 and outcomes[0].result is None:
            _problem(outcomes[0])
        results = [o.result for o in outcomes if o.result is not None]
        if annotate is not None and results:
            from drafter.workbook.annotate import annotate as write_annotated

            write_annotated(paths[0], annotate, results[0].report.findings, replace=force)
        if fmt == "json":
            if results:
                typer.echo(report_text.as_json(results))
        else:
            for result in results:
                _say(report_text.as_table(result, only_problems=not verbose))
            if annotate is not None and results:
                _say(f"已另存标注副本:{annotate}")
            if len(outcomes) > 1:
                _summary(outcomes, rendering=False)
        raise typer.Exit(batch.worst(outcomes))


@app.command()
def render(
    workbooks: Annotated[list[Path], typer.Argument(help="填好的数据表(.xlsx),可以多个,也可以是文件夹或 区县/*.xlsx。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="要生成的 Word 初稿(.docx);多个数据表时为输出文件夹,每表一份“数据表名.docx”。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    draft: Annotated[bool, typer.Option("--draft", help="数据有错误也生成初稿:问题逐项列出,涉及的数字在文中标红,缺失处显示【待补充】。")] = False,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """检查数据表并生成 Word 初稿(GB/T 9704 公文格式)。"""
    with _guard():
        from drafter import batch

        paths = batch.expand(workbooks)
        if len(paths) == 1 and output.suffix.lower() == ".docx":
            _render_one(paths[0], output, kind, office, draft, force)
            return
        if output.suffix.lower() == ".docx":
            raise _fail(f"错误:{output}:多个数据表时 -o 应为文件夹(如 输出/)", 2)
        if output.suffix and not output.is_dir():
            raise _fail(f"错误:{output}:-o 应为 .docx 文件,或存放报告的文件夹", 2)
        session = batch.Session(kind=kind, office=office, draft=draft)
        pairs = list(batch.outputs(paths, output))
        _make_folder(output)

        def step(pair: tuple[Path, Path | None]) -> batch.Outcome:
            path, out = pair
            return batch.clash(path) if out is None else session.render(path, out, force=force)

        outcomes = _each(pairs, step, "生成")
        for o in outcomes:
            if o.result is not None and not o.result.report.valid:
                from drafter import report_text

                _say(report_text.as_table(o.result, only_problems=True))
            elif o.exc is not None and _debug:
                _problem(o)
        _summary(outcomes, rendering=True)
        raise typer.Exit(batch.worst(outcomes))


@app.command()
def rollup(
    workbooks: Annotated[list[Path], typer.Argument(help="各县(市、区)填好的数据表,可以是文件夹或 区县/*.xlsx。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="要生成的全市数据表(.xlsx)。")],
    unit: Annotated[str, typer.Option("--unit", help="全市数据表的单位名称,如 邵阳市司法局。")] = "",
    kind: KindOption = None,
    office: OfficeOption = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """把各县(市、区)的数据表汇总成全市数据表:可加的指标相加,比率由分子分母重新计算。"""
    with _guard():
        from drafter import batch, report_text
        from drafter.errors import OutputError
        from drafter.files import same_file

        if output.suffix.lower() != ".xlsx":
            raise OutputError("全市数据表应以 .xlsx 结尾", file=str(output))
        paths = batch.expand(workbooks)
        if any(same_file(p, output) for p in paths):
            raise OutputError("输出文件不能是某个区县的数据表", file=str(output))
        if output.exists() and not force:
            raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
        session = batch.Session(kind=kind, office=office)
        outcomes = _each(paths, session.check, "检查")
        kinds = {o.result.pack.info.kind for o in outcomes if o.result is not None}
        if len(kinds) > 1:
            raise _fail(f"错误:各数据表的报告类型不一致({'、'.join(sorted(kinds))}),不能汇总", 2)
        bad = [o for o in outcomes if o.code != 0]
        if bad:
            for o in bad:
                if o.result is not None:
                    _say(report_text.as_table(o.result, only_problems=True))
            _summary(outcomes, rendering=False)
            raise _fail("有区县的数据表有错误或无法读取,未汇总。请区县改正后重新汇总。",
                        batch.worst(bad))
        _write_rollup([o.result for o in outcomes if o.result is not None], output, unit, force)


def _write_rollup(results: list[CheckResult], output: Path, unit: str, force: bool) -> None:
    from drafter.checks.rollup import District, district_name, roll_up
    from drafter.workbook import blank
    from drafter.workbook.city import Source, make_city

    pack = results[0].pack
    districts = [District(district_name(r.data, r.path.stem), r.data) for r in results]
    names = [d.name for d in districts]
    if len(set(names)) < len(names):
        raise _fail("错误:有两个数据表的单位名称相同:" + "、".join(
            sorted({n for n in names if names.count(n) > 1})) + ",请核对", 2)
    done = roll_up(pack.info.kind, districts, pack.catalog)
    sources = [Source(d.name, r.path, "通过" if not r.report.warnings
                      else f"通过,警告 {len(r.report.warnings)} 项")
               for d, r in zip(districts, results, strict=True)]
    blank.save(make_city(done, pack.catalog, pack.info.name, sources, unit), output, replace=force)
    recomputed = len(done.recomputed)
    _say(f"已生成 {output}：{len(districts)} 个区县({'、'.join(names)}),"
         f"相加 {len(done.how) - recomputed} 项,重新计算比率 {recomputed} 项。")
    filled = done.reported_left
    if filled:
        _say(f"以下 {len(filled)} 项区县填了数,但不能相加,已留空,请市局填写(表中橙色)：")
        for i in filled:
            ind = pack.catalog.indicators[i]
            _say(f"  {i}({ind.name}):{done.left[i]}")
    if done.partial:
        _say(f"以下 {len(done.partial)} 项只有部分区县填写,合计可能偏小：")
        for i, blank_in in done.partial.items():
            _say(f"  {i}({pack.catalog.indicators[i].name}):{'、'.join(blank_in)}未填")
    if not unit:
        _say("全市的单位名称未填:可在“基本信息”表中填写,或汇总时加 --unit。")


def _render_one(workbook: Path, output: Path, kind: str | None, office: Path | None,
                draft: bool, force: bool) -> None:
    from drafter import report_text
    from drafter.errors import OutputError
    from drafter.files import same_file
    from drafter.pipeline import check_workbook, render_report

    if same_file(workbook, output):
        raise OutputError("输出文件不能是输入的数据表", file=str(output))
    if output.exists() and not force:
        raise OutputError("文件已存在(可能有您修改过的内容);如要覆盖,请加 --force",
                          file=str(output))
    result = check_workbook(workbook, kind=kind, office=office)
    if not result.report.valid:
        _say(report_text.as_table(result, only_problems=True))
        if not draft:
            raise _fail("数据有错误,未生成报告。请修改后重试,或加 --draft 生成标出问题的初稿。", 1)
    render_report(result, output, draft=draft, replace=force)
    _say(f"已生成 {output}")


def _make_folder(folder: Path) -> None:
    from drafter.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法建立输出文件夹:{exc.strerror or exc}", file=str(folder)) from exc


T = TypeVar("T")


def _each(items: list[T], step: Callable[[T], batch.Outcome], label: str, *,
          progress: bool = True) -> list[batch.Outcome]:
    """Run `step` on every item, with a progress bar on a terminal when there are several."""
    if len(items) < 2 or not progress or not sys.stderr.isatty():
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
            bar.update(task, name=Path(path).name)
            outcomes.append(step(item))
            bar.advance(task)
        bar.update(task, name="")
    return outcomes


def _problem(o: batch.Outcome) -> None:
    """A file that could not be read or rendered: one line on stderr (traceback with --debug)."""
    if o.exc is not None and _debug:
        traceback.print_exception(o.exc)
    text = o.problem if str(o.path) in o.problem else f"{o.path}:{o.problem}"
    if o.code == 3:
        text += "。请加 --debug 重试,并把输出报告给开发者。"
    else:
        text = f"错误:{text}"
    typer.echo(_zh(text), err=True)


def _summary(outcomes: list[batch.Outcome], *, rendering: bool) -> None:
    """The closing table: each file, its errors and warnings, and what became of it."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, justify in (("数据表", "left"), ("错误", "right"), ("警告", "right"),
                          ("输出" if rendering else "结果", "left")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for o in outcomes:
        report = o.result.report if o.result is not None else None
        errors = str(len(report.errors)) if report else "—"
        warnings = str(len(report.warnings)) if report else "—"
        if rendering:
            what = str(o.output) if o.output else _zh(o.problem)
        else:
            what = _zh(o.problem) if report is None else ("通过" if o.code == 0 else "未通过")
        table.add_row(*(Text(t) for t in (str(o.path.name), errors, warnings, what)))
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    with console.capture() as captured:
        console.print(table)
    typer.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))
    done = sum(1 for o in outcomes if (o.output if rendering else o.code == 0))
    verb = "生成" if rendering else "通过"
    _say(f"共 {len(outcomes)} 个数据表,{verb} {done} 个,未{verb} {len(outcomes) - done} 个。")


@templates_app.command("list")
def templates_list() -> None:
    """列出可用的模板包:报告类型、名称和所在位置。"""
    with _guard():
        from drafter.config import packs

        for info in packs.available():
            _say(f"{info.kind}\t{info.name}\t({info.origin}){info.path}")
            if info.description:
                _say(f"    {info.description}")


@templates_app.command("copy")
def templates_copy(
    kind: Annotated[str, typer.Argument(help="要复制的报告类型,如 年度工作总结。")],
    folder: Annotated[Path, typer.Argument(help="单位文件夹(不存在则新建)。")],
    force: Annotated[bool, typer.Option("--force", help="文件夹中已有同名文件时覆盖。")] = False,
) -> None:
    """给单位一个起步文件夹:可改写的 main.j2、样式和指标补充文件,附使用说明。"""
    with _guard():
        from drafter.config import office

        written = office.start_folder(kind, folder, force=force)
        for path in written:
            _say(f"已写入 {path}")
        _say(f"使用:drafter render 数据表.xlsx -o 报告.docx --office {folder}")


def main() -> None:
    app(prog_name="drafter")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
