"""The command line in Chinese: click's help headings and usage errors, which it writes in
English, are given Chinese words here (typer builds on click; typer ≥ 0.26 vendors it as
typer._click). Used by cli.py only."""

from __future__ import annotations

import gc
import inspect
import re
import sys
import unicodedata
from importlib import import_module
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from drafter.errors import Exit

try:  # typer ≥ 0.26 vendors click
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer uses click itself
    import click  # type: ignore[no-redef]

_SECTIONS = {"Arguments": "参数", "Options": "选项", "Commands": "命令"}
_HELP = "显示本帮助并退出。"
# The main help's last paragraph (\b: click prints it as written, line by line).
EXIT_CODES = """\b
退出码:
  0    完成:检查通过,文件已生成。
  1    有要处理的问题:数据有错误(check、render,加 --strict 时警告也算),原文的数字
       要核对(import),合并有冲突(merge),终稿与数据表不符(verify)。
  2    文件或用法有问题:不是数据表、文件已存在、缺少参数等,不生成任何文件。
  3    程序内部错误:请加 --debug 重试,并把输出报告给开发者。
  130  已中断(Ctrl+C)。"""


class _Formatter(click.HelpFormatter):
    def getvalue(self) -> str:
        """The help in full-width punctuation, as every Chinese message of drafter."""
        from drafter.present import zh

        return zh(super().getvalue())

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法:" if prefix is None else prefix)

    def section(self, name: str) -> Any:
        return super().section(_SECTIONS.get(name, name))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, aligned by display width (a Chinese character takes two
        columns), with its English [required] / [default: …] in Chinese."""
        rows = [(a, _EXTRA.sub(_extra_in_chinese, b)) for a, b in rows]
        first = min(max((_width(a) for a, _ in rows), default=0), col_max)
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(indent + term)
            if not text:
                self.write("\n")
                continue
            gap = first - _width(term)
            lines = text.splitlines() or [""]
            if gap >= 0:
                self.write(" " * (gap + col_spacing) + lines[0] + "\n")
            else:
                self.write("\n" + indent + " " * (first + col_spacing) + lines[0] + "\n")
            for line in lines[1:]:
                self.write(indent + " " * (first + col_spacing) + line + "\n")


_EXTRA = re.compile(r"\s*\[((?:default: |required|x|-?\d)[^\[\]]*)\]$")
_RANGE = ((r"^(-?[\d.]+)<=x<=(-?[\d.]+)$", r"\1～\2"), (r"^x>=(-?[\d.]+)$", r"不小于\1"),
          (r"^x<=(-?[\d.]+)$", r"不大于\1"), (r"^(-?[\d.]+)<x<(-?[\d.]+)$", r"大于\1且小于\2"),
          (r"^x>(-?[\d.]+)$", r"大于\1"), (r"^x<(-?[\d.]+)$", r"小于\1"))


def _extra_in_chinese(m: re.Match[str]) -> str:
    """click's bracket after an option's help ([default: 20; 1<=x<=1024], [x>=1], [required])
    in Chinese: [默认：20；取值1～1024]."""
    parts = []
    for part in m.group(1).split("; "):
        if part == "required":
            parts.append("必填")
        elif part.startswith("default: "):
            parts.append("默认：" + part.removeprefix("default: "))
        else:
            for pattern, words in _RANGE:  # compiled when a help shows a range, not at start
                if re.match(pattern, part):
                    part = "取值" + re.sub(pattern, words, part)
                    break
            parts.append(part)
    return "  [" + "；".join(parts) + "]"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Context(click.Context):
    formatter_class = _Formatter


class Command(TyperCommand):
    """A command whose help reads 用法/参数/选项, and which imports the modules it `uses`
    before it starts its work, then turns the garbage collector back on (`ready`)."""

    context_class = _Context
    uses: tuple[str, ...] = ()

    @classmethod
    def using(cls, *modules: str) -> type[Command]:
        """This class for a command whose work uses `modules` (imported as it starts)."""
        return type(cls.__name__, (cls,), {"uses": modules})

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.options_metavar = "[选项]"

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP
        return option

    def invoke(self, ctx: click.Context) -> Any:
        ready(self.uses)
        return super().invoke(ctx)


def ready(modules: tuple[str, ...] = ()) -> None:
    """A command starts its work: `modules` imported, then the garbage collector on if
    drafter.startup turned it off, with what exists by then frozen (never examined again)."""
    for name in modules:
        import_module(name)
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def apart(**settings: Any) -> typer.Typer:
    """A typer app built apart from `drafter` itself (see Later), with the root's settings:
    no completion options, no rich formatting, no pretty tracebacks."""
    return typer.Typer(add_completion=False, rich_markup_mode=None,
                       pretty_exceptions_enable=False, **settings)


class Later(TyperCommand):
    """A command (an app of one command) or a group of them that stands in the command line
    by its name and one-line help until it is used. typer builds a command's parameters by
    reading its function's annotations, ~0.4 ms a command: building all of them, `drafter
    site`'s twelve among them, cost every run (`drafter --help`, `drafter render`) ~11 ms for
    one command used or none."""

    def __init__(self, name: str, app: typer.Typer) -> None:
        help_text = app.info.help
        if not isinstance(help_text, str):  # one command: its help, as typer reads it
            info = app.registered_commands[0]
            help_text = (inspect.cleandoc(info.help) if isinstance(info.help, str)
                         else inspect.getdoc(info.callback))
        super().__init__(name=name, help=help_text)
        self.app = app

    def build(self) -> click.Command:
        """The command or group itself, as typer builds it."""
        built = typer.main.get_command(self.app)
        built.name = self.name
        return built


class Group(TyperGroup):
    """The `drafter` group: Chinese help, and usage errors as one Chinese line (exit 2)."""

    context_class = _Context
    later: tuple[tuple[str, typer.Typer], ...] = ()  # built when first used (Later)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.options_metavar = "[选项]"
        self.subcommand_metavar = "命令 [参数]..."
        for name, app in self.later:  # after typer's own: listed last, as add_typer would
            self.commands[name] = Later(name, app)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, Later) and name is not None:
            command = self.commands[name] = command.build()
        return name, command, rest

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP
        return option

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            typer.echo(exc.format_message())
            sys.exit(Exit.UNUSABLE)
        except click.exceptions.UsageError as exc:
            typer.echo(explain(exc), err=True)
            sys.exit(Exit.UNUSABLE)
        except typer.Abort:  # typer's own since 0.26 (not click.exceptions')
            typer.echo("已中断。", err=True)
            sys.exit(Exit.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else Exit.OK)


def explain(exc: click.exceptions.UsageError) -> str:
    """A usage error as one Chinese line, and where to look for help."""
    ctx = exc.ctx
    from drafter.present import zh

    where = ctx.command_path if ctx is not None else "drafter"
    return zh(f"错误:{_cause(exc)}") + f"\n运行 {where} --help 查看用法。"


def _cause(exc: click.exceptions.UsageError) -> str:
    errors = click.exceptions
    if isinstance(exc, errors.MissingParameter):
        param = exc.param
        if param is None:
            return "缺少参数"
        what = "参数" if param.param_type_name == "argument" else "选项"
        name = "/".join(param.opts) if what == "选项" else param.make_metavar(exc.ctx)
        hint = getattr(param, "help", "") or ""
        return f"缺少{what} {name}" + (f"({hint.rstrip('。')})" if hint else "")
    if isinstance(exc, errors.NoSuchOption):
        said = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            said += f",是否想用 {'、'.join(sorted(exc.possibilities))}？"
        return said
    if isinstance(exc, errors.BadOptionUsage):
        if "requires an argument" in exc.message:
            return f"选项 {exc.option_name} 后面要写一个值"
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不带值(直接写 {exc.option_name})"
        return f"选项 {exc.option_name} 的用法不对"
    if isinstance(exc, errors.BadParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx
                                  else "")
        if not isinstance(hint, str):
            hint = " / ".join(hint)
        return f"{hint.replace(chr(39), '')} 的值无效"
    message = exc.message
    if m := re.match(r"No such command '([^']*)'\.(?: Did you mean '([^']*)'\?)?", message):
        said = f"没有命令“{m.group(1)}”"
        return said + (f",是否想用“{m.group(2)}”？" if m.group(2) else "")
    if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        return f"多余的参数:{m.group(1)}"
    if message.startswith("Missing command"):
        return "缺少命令"
    return f"命令行用法有误({message})"
