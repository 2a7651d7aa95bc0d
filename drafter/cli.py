"""The `drafter` command: thin. Each command parses its options, calls one library function
(drafter.batch for check/render/rollup) and prints the result (drafter.present,
drafter.report_text). Help and usage errors are in Chinese (drafter.usage).

Exit codes: 0 done (check: no errors), 1 errors found in the figures, 2 unusable input or
usage, 3 an internal error (a bug: run again with --debug and report it).

No `from __future__ import annotations` here: typer reads every command's parameters from
their annotations each time the command line is built (every run, --help included), and with
postponed annotations it must evaluate each one from its text first: ~25 ms of a ~90 ms
`drafter --help`.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter import usage
from drafter.present import zh as _zh

if TYPE_CHECKING:
    from drafter import batch

app = typer.Typer(
    cls=usage.Group,
    help="drafter:从填好的数据表起草司法局工作总结、法治政府建设年度报告的 Word 初稿。",
    epilog=usage.EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
templates_app = typer.Typer(cls=usage.Group, help="查看、复制模板包。", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

_debug = False


def _version(shown: bool) -> None:
    if shown:
        from drafter import __version__

        typer.echo(f"drafter {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈,便于报告问题。")] = False,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="显示 drafter 的版本并退出。")] = False,
) -> None:
    global _debug
    _debug = debug


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
    except DrafterError as exc:  # the user's to fix: the message says it all, even with --debug
        raise _fail(f"错误:{exc.describe()}", 2) from None
    except KeyboardInterrupt:
        raise _fail("已中断。", 130) from None
    except BrokenPipeError:  # output piped into `head` and closed: nothing more to say
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        raise typer.Exit(0) from None
    except Exception as exc:
        if _debug:
            import traceback

            traceback.print_exc()
        raise _fail(f"内部错误:{type(exc).__name__}: {exc}。请加 --debug 重试,并把输出报告给开发者。",
                    3) from None


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


def _format(fmt: str, as_json: bool) -> str:
    if fmt not in ("table", "json"):
        raise _fail("错误:--format 只能是 table 或 json", 2)
    return "json" if as_json else fmt


JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", metavar="N", min=1,
    help="同时处理的进程数;默认按本机处理器核数（数据表较少时在本进程内处理）；1 表示只用本进程。")]


def _force(what: str) -> object:
    return typer.Option("--force", help=f"{what}已存在时覆盖。")


@app.command(cls=usage.Command)
def init(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="数据表.xlsx", help="要生成的数据表(.xlsx)。")],
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="报告类型", help="报告类型,如 半年工作总结、年度工作总结、法治政府建设年度报告;加 --from 时默认取去年数据表中的报告类型。")] = None,
    source: Annotated[Path | None, typer.Option("--from", metavar="去年数据.xlsx", help="由去年填好的数据表结转:本期数移入上年同期,年度加一,大纲、要点、规则和自有指标原样保留(见 docs/yearly.md)。")] = None,
    office: OfficeOption = None,
    omit: Annotated[list[str] | None, typer.Option("--omit", metavar="板块", help="本单位不报的板块(可写多次,或用顿号分开),其指标不列入数据表,默认大纲中引用它们的句子也略去。")] = None,
    force: Annotated[bool, _force("文件")] = False,
) -> None:
    """生成一张空白数据表:基本信息、大纲(报告正文,已预填模板的默认写法)、指标、规则;加 --from 则由去年的数据表结转。"""
    with _guard():
        if source is not None:
            from drafter import yearly

            if omit:
                raise _fail("错误:--omit 用于生成空白数据表;结转时沿用去年数据表的板块,不能同用", 2)
            for line in yearly.forward_lines(yearly.roll_forward(source, output, kind=kind,
                                                                 office=office, force=force)):
                _say(line)
            return
        if not kind:
            raise _fail("错误:请用 --kind 指定报告类型,或用 --from 指定去年的数据表", 2)
        from drafter.pipeline import init_workbook

        pack = init_workbook(kind, output, office=office, force=force, omit=tuple(omit or ()))
        n = len(pack.catalog.indicators)
        _say(f"已生成 {output}:指标目录 {n} 项;“大纲”表已预填报告正文,可直接改写。")
        if omit:
            _say(f"已略去板块:{'、'.join(omit)}。")
        _say(f"填好后运行:drafter check {output}")


@app.command("import", cls=usage.Command)
def import_report(
    report: Annotated[Path, typer.Argument(metavar="去年报告", show_default=False, help="去年的报告:Word 文档(.docx、.doc)、WPS 文档(.wps)、OpenDocument(.odt)、有文字层的 PDF、网站保存的网页(.html)或文本(.txt,任何中文编码)。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="今年数据.xlsx", help="要生成的数据表(.xlsx)。")],
    kind: Annotated[str | None, typer.Option("--kind", "-k", metavar="报告类型", help="报告类型,如 半年工作总结;默认按报告标题推断(单位文件夹的类型优先)。")] = None,
    office: OfficeOption = None,
    force: Annotated[bool, _force("文件")] = False,
) -> None:
    """从去年的报告生成今年的数据表:标题、要点、段落进“大纲”,数字进“指标”的上年同期,数字之间的关系进“规则”。"""
    with _guard():
        from drafter.files import check_name
        from drafter.importing.build import describe
        from drafter.importing.build import import_report as run

        check_name(output)  # a name too long is a message before the report is read
        result = run(report, output, kind=kind, office=office, force=force)
        _say(describe(result))
        if result.findings:
            raise typer.Exit(1)


@app.command(cls=usage.Command)
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
    with _guard():
        from drafter import batch, present, report_text

        fmt = _format(fmt, as_json)
        run = batch.check(workbooks, kind=kind, office=office, strict=strict, annotate=annotate,
                          force=force, each=present.each if fmt == "table" else batch.in_turn,
                          jobs=jobs)
        outcomes = run.outcomes
        if len(outcomes) == 1 and outcomes[0].result is None:
            _problem(outcomes[0])
        if fmt == "json":
            typer.echo(report_text.as_json(outcomes))
        else:
            for o in outcomes:
                if o.result is not None:
                    _say(report_text.as_table(o.result, only_problems=not verbose))
            if run.annotated is not None:
                _say(f"已另存标注副本:{run.annotated}")
            if len(outcomes) > 1:
                typer.echo(present.summary(outcomes, rendering=False))
        raise typer.Exit(run.code)


@app.command(cls=usage.Command)
def render(
    workbooks: WorkbooksArgument,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="报告.docx|文件夹", help="要生成的 Word 初稿(.docx);多个数据表时为输出文件夹,每表一份“数据表名.docx”。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    draft: Annotated[bool, typer.Option("--draft", help="数据有错误也生成初稿:问题逐项列出,涉及的数字在文中标红,缺失处显示【待补充】。")] = False,
    force: Annotated[bool, _force("输出文件")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成同名 PDF(见 docs/publish.md)。")] = False,
    trace: Annotated[bool, typer.Option("--trace", help="在每个数字上加 Word 批注,注明来自数据表的哪个单元格。")] = False,
    jobs: JobsOption = None,
) -> None:
    """检查数据表并生成 Word 初稿(GB/T 9704 公文格式)。"""
    with _guard():
        from drafter import batch, present, report_text

        run = batch.render(workbooks, output, kind=kind, office=office, draft=draft,
                           force=force, each=present.each, trace=trace, jobs=jobs)
        for o in run.outcomes:  # errors, and warnings too: a draft is made, but look again
            if o.result is not None and (o.result.report.errors or o.result.report.warnings):
                _say(report_text.as_table(o.result, only_problems=True))
        if run.single:
            [o] = run.outcomes
            if o.output is not None:
                _say(f"已生成 {o.output}" + (",每个数字附有来源批注" if trace else ""))
            elif o.code == batch.FIGURE_ERRORS:
                raise _fail("数据有错误,未生成报告。请修改后重试,或加 --draft 生成标出问题的初稿。", 1)
            else:
                _problem(o)
        else:
            for o in run.outcomes:
                if o.exc is not None and _debug:
                    _problem(o)
            typer.echo(present.summary(run.outcomes, rendering=True))
        if pdf:
            for o in run.outcomes:
                if o.output is not None:
                    _write_pdf(o.output, None, force)
        raise typer.Exit(run.code)


@app.command(cls=usage.Command)
def rollup(
    workbooks: Annotated[list[Path], typer.Argument(metavar="数据表...", show_default=False, help="各县(市、区)填好的数据表,可以是文件夹或 区县/*.xlsx。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="全市.xlsx", help="要生成的全市数据表(.xlsx)。")],
    unit: Annotated[str, typer.Option("--unit", metavar="单位名称", help="全市数据表的单位名称,如 邵阳市司法局。")] = "",
    kind: KindOption = None,
    office: OfficeOption = None,
    force: Annotated[bool, _force("输出文件")] = False,
    jobs: JobsOption = None,
) -> None:
    """把各县(市、区)的数据表汇总成全市数据表:可加的指标相加,比率由分子分母重新计算。"""
    with _guard():
        from drafter import batch, present, report_text

        run = batch.rollup(workbooks, output, unit=unit, kind=kind, office=office, force=force,
                           each=present.each, jobs=jobs)
        if run.city is None:
            for o in run.outcomes:
                if o.code != batch.OK and o.result is not None:
                    _say(report_text.as_table(o.result, only_problems=True))
            typer.echo(present.summary(run.outcomes, rendering=False))
            raise _fail(run.refused, run.code)
        for line in report_text.rollup_text(run.city):
            _say(line)


@app.command(cls=usage.Command)
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
    with _guard():
        from drafter import yearly

        done = yearly.merge(workbooks, output, prefer=prefer, original=original, kind=kind,
                            office=office, force=force)
        for line in yearly.merge_lines(done):
            _say(line)
        raise typer.Exit(0 if done.written else 1)


def _problem(o: "batch.Outcome") -> None:
    """A file that could not be read or rendered: one line on stderr (traceback with --debug)."""
    from drafter import batch, present

    if o.exc is not None and _debug and o.code == batch.BUG:
        import traceback

        traceback.print_exception(o.exc)
    typer.echo(present.problem(o), err=True)


@templates_app.command("list", cls=usage.Command)
def templates_list() -> None:
    """列出可用的模板包:报告类型、名称和所在位置。"""
    with _guard():
        from drafter.config import packs

        for info in packs.available():
            _say(f"{info.kind}\t{info.name}\t({info.origin}){info.path}")
            if info.description:
                _say(f"    {info.description}")


@templates_app.command("copy", cls=usage.Command)
def templates_copy(
    kind: Annotated[str, typer.Argument(metavar="报告类型", show_default=False, help="要复制的报告类型,如 年度工作总结。")],
    folder: Annotated[Path, typer.Argument(metavar="文件夹", show_default=False, help="单位文件夹(不存在则新建)。")],
    force: Annotated[bool, typer.Option("--force", help="文件夹中已有同名文件时覆盖。")] = False,
) -> None:
    """给单位一个起步文件夹:可改写的 main.j2、样式和指标补充文件,附使用说明。"""
    with _guard():
        from drafter.config import office

        written = office.start_folder(kind, folder, force=force)
        for path in written:
            _say(f"已写入 {path}")
        _say(f"使用:drafter render 数据表.xlsx -o 报告.docx --office {folder}")


# ---------------------------------------------------------------- publication (docs/publish.md)


@app.command("pdf", cls=usage.Command)
def pdf_command(
    document: Annotated[Path, typer.Argument(metavar="报告.docx", show_default=False, help="要转换的 Word 文档(.docx)。")],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="报告.pdf", help="PDF 文件;默认与文档同名、同文件夹。")] = None,
    force: Annotated[bool, _force("PDF")] = False,
) -> None:
    """用 LibreOffice 把 Word 文档转成 PDF,并列出 PDF 使用的字体。"""
    with _guard():
        _write_pdf(document, output, force)


def _write_pdf(document: Path, output: Path | None, force: bool) -> None:
    from drafter.publish import pdf, report
    from drafter.word.read import font_names

    typer.echo(report.pdf_summary(pdf.convert(document, output, force=force),
                                  font_names(document)))


@app.command(cls=usage.Command)
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
    with _guard():
        import json

        from drafter.publish import report
        from drafter.publish.verify import verify as run_verify

        fmt = _format(fmt, as_json)
        done = run_verify(document, workbook, kind=kind, office=office)
        if fmt == "json":
            typer.echo(json.dumps(done.as_dict(), ensure_ascii=False, indent=2))
        else:
            width = None if sys.stdout.isatty() else 200
            typer.echo(report.verification_table(done, show_all=show_all, width=width))
        raise typer.Exit(done.code)


# ---------------------------------------------------------------- the web page (docs/serve.md)


@app.command(cls=usage.Command)
def serve(
    port: Annotated[int, typer.Option("--port", "-p", metavar="端口", min=0, max=65535, help="网页使用的端口;0 表示任选一个空闲端口。")] = 8765,
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听的地址;默认只有本机能打开。0.0.0.0 让局域网内的其他电脑也能打开(没有账号密码)。")] = "127.0.0.1",
    office: OfficeOption = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="不自动打开浏览器。")] = False,
    max_upload: Annotated[int, typer.Option("--max-upload", metavar="MB", min=1, max=1024, help="每次上传的文件合计上限(MB)。")] = 20,
) -> None:
    """打开本机网页界面:在浏览器里新建数据表、检查并生成报告、核对定稿,不用命令行。"""
    with _guard():
        from drafter.web import server
        from drafter.web.forms import Settings

        if office is not None and not office.is_dir():
            raise _fail(f"错误:单位文件夹不存在:{office}", 2)
        sock = server.bind(host, port)
        address = server.url(sock)
        # written in full-width punctuation here (not through _say): the page opens sooner
        typer.echo(f"drafter 网页界面已启动：{address}")
        typer.echo("请在浏览器中打开上面的地址使用；用完后在此窗口按 Ctrl+C 停止。")
        if not server.loopback(host):
            typer.echo(f"警告：正在监听 {host}，同一局域网内的任何人都能打开这个网页并上传文件；"
                       "网页没有账号和密码。只在可信的内部网络中这样使用，用完请及时停止。", err=True)
        if not no_browser:
            server.open_browser(address)
        settings = Settings(office=office, limit=max_upload << 20,
                            hosts=server.allowed_hosts(host))
        server.serve(sock, settings)
        typer.echo("已停止。")


# ---------------------------------------------------------------- the collection site (docs/site.md)

from drafter.site.cli import site_app  # noqa: E402 - typer's commands only; the site loads lazily

app.add_typer(site_app, name="site")


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
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
