"""The `drafter` command: thin. Each command parses options, calls the library, prints.

Exit codes: 0 done (check: no errors), 1 errors found in the figures, 2 unusable input or
usage, 3 an internal error (a bug: run again with --debug and report it).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

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
    from drafter.outline import fullwidth_punctuation

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
        from drafter import packs
        from drafter.errors import OutputError
        from drafter.workbook import blank

        if output.suffix.lower() != ".xlsx":
            raise OutputError("数据表应以 .xlsx 结尾", file=str(output))
        if output.exists() and not force:
            raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
        pack = packs.load(kind, office)
        wb = blank.make_blank(pack.catalog, kind, pack.info.name)
        blank.save(wb, output)
        n = len(pack.catalog.indicators)
        _say(f"已生成 {output}:{n} 项指标、{len(pack.catalog.points)} 个要点待填写。")
        _say(f"填好后运行:drafter check {output}")


FormatOption = Annotated[str, typer.Option("--format", "-f", help="输出格式:table(表格,默认)或 json。")]


@app.command()
def check(
    workbooks: Annotated[list[Path], typer.Argument(help="填好的数据表(.xlsx)。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    fmt: FormatOption = "table",
    annotate: Annotated[Path | None, typer.Option("--annotate", help="另存一份标注了问题的数据表副本(红色为错误,黄色为警告);原表不动。")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也算不通过。")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="同时列出“提示”:数值如何被规范化、哪些比率由程序算出。")] = False,
) -> None:
    """检查数据表:合计、比率、包含关系、必填项和同比变化,逐项指出单元格。"""
    with _guard():
        from drafter import report_text
        from drafter.errors import DrafterError, OutputError
        from drafter.pipeline import check_workbook

        if fmt not in ("table", "json"):
            raise _fail("错误:--format 只能是 table 或 json", 2)
        if annotate is not None and len(workbooks) > 1:
            raise OutputError("--annotate 只能用于一个数据表", file=str(annotate))
        worst = 0
        results = []
        for path in workbooks:
            try:
                result = check_workbook(path, kind=kind, office=office)
            except DrafterError as exc:
                if len(workbooks) == 1:
                    raise
                typer.echo(_zh(f"错误:{exc.describe()}"), err=True)
                worst = max(worst, 2)
                continue
            results.append(result)
            code = 0 if result.report.valid else 1
            if strict and result.report.warnings:
                code = max(code, 1)
            worst = max(worst, code)
            if annotate is not None:
                from drafter.workbook.annotate import annotate as write_annotated

                write_annotated(path, annotate, result.report.findings)
        if fmt == "json":
            typer.echo(report_text.as_json(results))
        else:
            for result in results:
                _say(report_text.as_table(result, only_problems=not verbose))
            if annotate is not None:
                _say(f"已另存标注副本:{annotate}")
        raise typer.Exit(worst)


@app.command()
def render(
    workbook: Annotated[Path, typer.Argument(help="填好的数据表(.xlsx)。")],
    output: Annotated[Path, typer.Option("--output", "-o", help="要生成的 Word 初稿(.docx)。")],
    kind: KindOption = None,
    office: OfficeOption = None,
    draft: Annotated[bool, typer.Option("--draft", help="数据有错误也生成初稿:问题逐项列出,涉及的数字在文中标红,缺失处显示【待补充】。")] = False,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """检查数据表并生成 Word 初稿(GB/T 9704 公文格式)。"""
    with _guard():
        from drafter import report_text
        from drafter.errors import OutputError
        from drafter.files import same_file
        from drafter.pipeline import check_workbook, render_report

        if output.suffix.lower() != ".docx":
            raise OutputError("输出文件应以 .docx 结尾", file=str(output))
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
        render_report(result, output, draft=draft)
        _say(f"已生成 {output}")


@templates_app.command("list")
def templates_list() -> None:
    """列出可用的模板包:报告类型、名称和所在位置。"""
    with _guard():
        from drafter import packs

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
        from drafter import office

        written = office.start_folder(kind, folder, force=force)
        for path in written:
            _say(f"已写入 {path}")
        _say(f"使用:drafter render 数据表.xlsx -o 报告.docx --office {folder}")


def main() -> None:
    app(prog_name="drafter")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
