"""The `drafter` command: thin. Each command parses its options, calls its function in the
commands layer (drafter/commands/<command>.py: the job, a result object) and that module's
`show` (what it prints, and its exit code), then writes that out (`_show`). Help and usage
errors are in Chinese (drafter.usage).

One error handler for every command (`_Guarded`, the group's invoke): a user's error
(DrafterError) is one Chinese line on stderr, exit 2; Ctrl+C 130; a bug 3, its traceback
only with --debug (commands.said.failure). Exit codes: errors.Exit, listed in the help.

No `from __future__ import annotations` here: typer reads every command's parameters from
their annotations each time the command line is built (every run, --help included), and with
postponed annotations it must evaluate each one from its text first: ~25 ms of a ~90 ms
`drafter --help`.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from drafter import usage
from drafter.errors import Exit
from drafter.present import zh as _zh
from drafter.site.cli import site_app  # typer's commands only; the site loads lazily

if TYPE_CHECKING:
    from drafter.commands.said import Said


class _Guarded(usage.Group):
    """The one error handler: whatever a command raises becomes what commands.said.failure
    says of it (never a traceback, unless --debug and a bug). Its commands are built only
    when used (usage.Later): `later` lists them in the order of the help (_command)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, usage.click.exceptions.ClickException):
            raise
        except BrokenPipeError:  # output piped into `head` and closed: nothing more to say
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            raise typer.Exit(Exit.OK) from None
        except (Exception, KeyboardInterrupt) as exc:
            from drafter.commands.said import failure

            _show(failure(exc, debug=_debug))


app = typer.Typer(
    cls=_Guarded,
    help="drafter:从填好的数据表起草司法局工作总结、法治政府建设年度报告的 Word 初稿。",
    epilog=usage.EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
templates_app = usage.apart(cls=usage.Group, help="查看、复制模板包。", no_args_is_help=True)

_debug = False

F = TypeVar("F", bound=Callable[..., None])


def _command(name: str | None = None, *, uses: tuple[str, ...] = ()) -> Callable[[F], F]:
    """A top-level command: an app of its own, built only when it is run or its help shown.
    `uses`: the modules its work imports, imported before the garbage collector is turned
    back on (drafter.startup)."""

    def register(function: F) -> F:
        one = usage.apart()
        one.command(name, cls=usage.Command.using(*uses))(function)
        _Guarded.later += ((name or function.__name__.replace("_", "-"), one),)
        return function

    return register


def _flush(said: "Said") -> None:
    """Write what a command has said so far (and forget it: it is written once)."""
    for line in said.lines:
        typer.echo(line.text, err=line.err, nl=line.nl)
    said.lines.clear()


def _show(said: "Said") -> NoReturn:
    """Write what a command says and exit with its code."""
    _flush(said)
    raise typer.Exit(said.code)


def _version(shown: bool) -> None:
    if shown:
        from drafter import __version__

        typer.echo(f"drafter {__version__}")
        raise typer.Exit(Exit.OK)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈,便于报告问题。")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="显示 drafter 的版本并退出。")] = False,
) -> None:
    global _debug
    _debug = debug


KindOption = Annotated[
    str | None,
    typer.Option("--kind", "-k", metavar="报告类型",
                 help="报告类型,如 半年工作总结;默认取数据表“基本信息”中的报告类型。"),
]
OfficeOption = Annotated[
    Path | None,
    typer.Option("--office", metavar="文件夹", help="单位文件夹:其中的模板、指标、样式优先于内置模板包。"),
]
WorkbooksArgument = Annotated[
    list[Path],
    typer.Argument(metavar="数据表...", show_default=False,
                   help="填好的数据表(.xlsx),可以多个,也可以是文件夹或 区县/*.xlsx。"),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", metavar="table|json",
                                           help="输出格式:table(表格,默认)或 json。")]
JsonOption = Annotated[bool, typer.Option("--json", help="同 --format json(保留给旧脚本用)。")]


JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", metavar="N", min=1,
    help="同时处理的进程数;默认按本机处理器核数（数据表较少时在本进程内处理）；1 表示只用本进程。")]


def _force(what: str) -> object:
    return typer.Option("--force", help=f"{what}已存在时覆盖。")


@_command(uses=("drafter.commands.init",))
def init(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="数据表.xlsx", help="要生成的数据表(.xlsx)。")],
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="报告类型", help="报告类型,如 半年工作总结、年度工作总结、法治政府建设年度报告;加 --from 时默认取去年数据表中的报告类型。")] = None,
    source: Annotated[Path | None, typer.Option("--from", metavar="去年数据.xlsx", help="由去年填好的数据表结转:本期数移入上年同期,年度加一,大纲、要点、规则和自有指标原样保留(见 docs/yearly.md)。")] = None,
    office: OfficeOption = None,
    omit: Annotated[list[str] | None, typer.Option("--omit", metavar="板块", help="本单位不报的板块(可写多次,或用顿号分开),其指标不列入数据表,默认大纲中引用它们的句子也略去。")] = None,
    force: Annotated[bool, _force("文件")] = False,
) -> None:
    """生成一张空白数据表:基本信息、大纲(报告正文,已预填模板的默认写法)、指标、规则;加 --from 则由去年的数据表结转。"""
    from drafter.commands import init as command

    _show(command.show(command.init(output, kind=kind, source=source, office=office,
                                    omit=tuple(omit or ()), force=force)))


@_command("import", uses=("drafter.commands.importing",))
def import_report(
    report: Annotated[Path, typer.Argument(metavar="去年报告", show_default=False, help="去年的报告:Word 文档(.docx、.doc)、WPS 文档(.wps)、OpenDocument(.odt)、有文字层的 PDF、网站保存的网页(.html)或文本(.txt,任何中文编码)。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="今年数据.xlsx", help="要生成的数据表(.xlsx)。")],
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="报告类型", help="报告类型,如 半年工作总结;默认按报告标题推断(单位文件夹的类型优先)。")] = None,
    office: OfficeOption = None,
    force: Annotated[bool, _force("文件")] = False,
) -> None:
    """从去年的报告生成今年的数据表:标题、要点、段落进“大纲”,数字进“指标”的上年同期,数字之间的关系进“规则”。"""
    from drafter.commands import importing as command

    _show(command.show(command.import_report(report, output, kind=kind, office=office,
                                             force=force)))


@_command(uses=("drafter.present", "drafter.commands.check"))
def check(
    workbooks: WorkbooksArgument,
    kind: KindOption = None,
    office: OfficeOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    annotate: Annotated[Path | None, typer.Option("--annotate", metavar="副本.xlsx", help="另存一份标注了问题的数据表副本(红色为错误,黄色为警告);原表不动。")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也算不通过。")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="同时列出“提示”:数值如何被规范化、哪些比率由程序算出。")] = False,
    force: Annotated[bool, _force("--annotate 的文件")] = False,
    jobs: JobsOption = None,
) -> None:
    """检查数据表:合计、比率、包含关系、必填项和同比变化,逐项指出单元格。"""
    from drafter import present
    from drafter.commands import check as command
    from drafter.commands.said import output_format

    fmt = output_format(fmt, as_json)
    run = command.check(workbooks, kind=kind, office=office, strict=strict, annotate=annotate,
                        force=force, jobs=jobs,
                        each=present.each if fmt == "table" else command.in_turn)
    _show(command.show(run, fmt=fmt, verbose=verbose, debug=_debug))


@_command(uses=("drafter.present", "drafter.commands.render", "drafter.templating.render",
                "drafter.word.writer"))
def render(
    workbooks: WorkbooksArgument,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="报告.docx|文件夹", help="要生成的 Word 初稿(.docx);多个数据表时为输出文件夹,每表一份“数据表名.docx”。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    draft: Annotated[bool, typer.Option("--draft", help="数据有错误也生成初稿:问题逐项列出,涉及的数字在文中标红,缺失处显示【待补充】。")] = False,
    force: Annotated[bool, _force("输出文件")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成同名 PDF(见 docs/publish.md)。")] = False,
    trace: Annotated[bool, typer.Option("--trace", help="在每个数字上加 Word 批注,注明来自数据表的哪个单元格。")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="同时列出“提示”:数值如何被规范化、填了数而报告中没有写到的指标等。")] = False,
    jobs: JobsOption = None,
) -> None:
    """检查数据表并生成 Word 初稿(GB/T 9704 公文格式)。"""
    from drafter import present
    from drafter.commands import render as command

    run = command.render(workbooks, output, kind=kind, office=office, draft=draft, force=force,
                         trace=trace, jobs=jobs, each=present.each)
    said = command.show(run, trace=trace, verbose=verbose, debug=_debug)
    if pdf:  # each PDF shown as it is made: LibreOffice takes seconds a file
        from drafter.commands import pdf as pdf_command

        _flush(said)
        for converted in command.pdfs(run, force=force):
            _flush(pdf_command.show(converted))
    _show(said)


@_command(uses=("drafter.present", "drafter.commands.rollup"))
def rollup(
    workbooks: Annotated[list[Path], typer.Argument(metavar="数据表...", show_default=False, help="各县(市、区)填好的数据表,可以是文件夹或 区县/*.xlsx。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="全市.xlsx", help="要生成的全市数据表(.xlsx)。")],
    unit: Annotated[str, typer.Option("--unit", metavar="单位名称", help="全市数据表的单位名称,如 邵阳市司法局。")] = "",
    kind: KindOption = None,
    office: OfficeOption = None,
    force: Annotated[bool, _force("输出文件")] = False,
    jobs: JobsOption = None,
    reports: Annotated[Path | None, typer.Option("--reports", metavar="文件夹", help="同时为每个区县生成报告,放在这个文件夹(与 drafter render 生成的相同;每个数据表只读一次、检查一次)。有错误的区县不生成。")] = None,
) -> None:
    """把各县(市、区)的数据表汇总成全市数据表:可加的指标相加,比率由分子分母重新计算。"""
    from drafter import present
    from drafter.commands import rollup as command

    _show(command.show(command.rollup(workbooks, output, unit=unit, kind=kind, office=office,
                                      force=force, jobs=jobs, each=present.each,
                                      reports=reports), reports=reports is not None))


@_command(uses=("drafter.commands.merge",))
def merge(
    workbooks: Annotated[list[Path], typer.Argument(metavar="数据表...", show_default=False, help="各科室填好的同一张数据表的副本,可以是文件夹或 科室/*.xlsx;第一份为底稿。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="全局.xlsx", help="合并后的数据表(.xlsx)。")],
    prefer: Annotated[Path | None, typer.Option("--prefer", metavar="数据表.xlsx", help="两份填得不同时以这一份为准(被取代的逐项列出)。")] = None,
    original: Annotated[Path | None, typer.Option("--original", metavar="原表.xlsx", help="分发给各科室之前的那一份:与它相同的单元格算作未改动,只取各科室改动过的(预填的大纲不再处处冲突)。")] = None,
    kind: KindOption = None,
    office: OfficeOption = None,
    force: Annotated[bool, _force("输出文件")] = False,
) -> None:
    """把各科室分头填写的同一张数据表合并成一张:每个单元格取填了的那一份,两份填得不同则列为冲突、不生成(退出码 1)。与 drafter rollup(把各区县的数相加)不同,这里不相加。"""
    from drafter.commands import merge as command

    _show(command.show(command.merge(workbooks, output, prefer=prefer, original=original,
                                     kind=kind, office=office, force=force)))


@templates_app.command("list", cls=usage.Command.using("drafter.commands.templates"))
def templates_list() -> None:
    """列出可用的模板包:报告类型、名称和所在位置。"""
    from drafter.commands import templates as command

    _show(command.show_available(command.available()))


@templates_app.command("copy", cls=usage.Command.using("drafter.commands.templates"))
def templates_copy(
    kind: Annotated[str, typer.Argument(metavar="报告类型", show_default=False, help="要复制的报告类型,如 年度工作总结。")],
    folder: Annotated[Path, typer.Argument(metavar="文件夹", show_default=False, help="单位文件夹(不存在则新建)。")],
    force: Annotated[bool, typer.Option("--force", help="文件夹中已有同名文件时覆盖。")] = False,
) -> None:
    """给单位一个起步文件夹:可改写的 main.j2、样式和指标补充文件,附使用说明。"""
    from drafter.commands import templates as command

    _show(command.show_copy(command.copy(kind, folder, force=force), folder))


# ---------------------------------------------------------------- publication (docs/publish.md)


@_command("pdf", uses=("drafter.commands.pdf",))
def pdf_command(
    document: Annotated[Path, typer.Argument(metavar="报告.docx", show_default=False, help="要转换的 Word 文档(.docx)。")],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="报告.pdf", help="PDF 文件;默认与文档同名、同文件夹。")] = None,
    force: Annotated[bool, _force("PDF")] = False,
) -> None:
    """用 LibreOffice 把 Word 文档转成 PDF,并列出 PDF 使用的字体。"""
    from drafter.commands import pdf as command

    _show(command.show(command.pdf(document, output, force=force)))


@_command(uses=("drafter.commands.verify",))
def verify(
    document: Annotated[Path, typer.Argument(metavar="终稿.docx", show_default=False, help="改定的 Word 文档(.docx)。")],
    workbook: Annotated[Path, typer.Argument(metavar="数据表.xlsx", show_default=False, help="生成初稿所用的数据表(.xlsx)。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="列出每个数字,包括与数据表一致的。")] = False,
) -> None:
    """核对改定的文档:每个数字是否仍与数据表一致,哪些被改动、丢了标记,哪些是新打上去的。"""
    from drafter.commands import verify as command
    from drafter.commands.said import output_format

    fmt = output_format(fmt, as_json)
    done = command.verify(document, workbook, kind=kind, office=office)
    width = None if sys.stdout.isatty() else 200
    _show(command.show(done, fmt=fmt, show_all=show_all, width=width))


# ---------------------------------------------------------------- the web page (docs/serve.md)


@_command(uses=("drafter.commands.serve",))
def serve(
    port: Annotated[int, typer.Option("--port", "-p", metavar="端口", min=0, max=65535, help="网页使用的端口;0 表示任选一个空闲端口。")] = 8765,
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听的地址;默认只有本机能打开。0.0.0.0 让局域网内的其他电脑也能打开(没有账号密码)。")] = "127.0.0.1",
    office: OfficeOption = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="不自动打开浏览器。")] = False,
    max_upload: Annotated[int, typer.Option("--max-upload", metavar="MB", min=1, max=1024, help="每次上传的文件合计上限(MB)。")] = 20,
) -> None:
    """打开本机网页界面:在浏览器里新建数据表、检查并生成报告、核对定稿,不用命令行。"""
    from drafter.commands import serve as command

    started = command.start(host=host, port=port, office=office, max_upload=max_upload)
    _flush(command.show(started))
    if not no_browser:
        from drafter.web.server import open_browser

        open_browser(started.address)
    _show(command.run(started))


# ---------------------------------------------------------------- the groups, listed last

_Guarded.later += (("templates", templates_app), ("site", site_app))


def main() -> None:
    from drafter import console

    console.prepare()  # a console that cannot show a character, a full disk, closed streams
    try:
        try:
            app(prog_name="drafter")
        finally:
            sys.stdout.flush()  # here, not at exit: a failure is then a message, not English
    except console.ConsoleError as exc:
        try:
            typer.echo(_zh(f"错误:{exc.describe()}"), err=True)
        except console.ConsoleError:
            console.give_up_on(exc)
        sys.exit(Exit.UNUSABLE)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
