"""How a command ends: what it shows (`Said`: lines for standard output or standard error,
in the order written, and its exit code, errors.Exit), and what the one error handler says
of an exception (`failure`). The CLI writes a Said out (cli._show); the command functions
themselves never print and never exit."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from drafter.errors import Exit


@dataclass(frozen=True)
class Line:
    text: str
    err: bool = False  # standard error
    nl: bool = True  # a newline after it


@dataclass
class Said:
    """What a command shows, and how it exits."""

    lines: list[Line] = field(default_factory=list)
    code: Exit = Exit.OK

    def say(self, text: str = "") -> None:
        """A message, in full-width punctuation (present.zh), on standard output."""
        from drafter.present import zh

        self.lines.append(Line(zh(text)))

    def echo(self, text: str, *, err: bool = False, nl: bool = True) -> None:
        """Text as it is (a table, JSON, a line already in full-width punctuation)."""
        self.lines.append(Line(text, err, nl))

    def fail(self, text: str, code: Exit) -> None:
        """A message on standard error, and the exit code."""
        from drafter.present import zh

        self.lines.append(Line(zh(text), err=True))
        self.code = code


def failure(exc: BaseException, *, debug: bool = False) -> Said:
    """What the CLI's one error handler shows for an exception a command raised: a user's
    error (DrafterError) in one Chinese line, exit 2, even with --debug; Ctrl+C, 130; a bug,
    exit 3 (its traceback first with --debug). Never a traceback otherwise."""
    from drafter.errors import DrafterError

    said = Said()
    if isinstance(exc, DrafterError):  # the user's to fix: the message says it all
        said.fail(f"错误:{exc.describe()}", Exit.UNUSABLE)
    elif isinstance(exc, KeyboardInterrupt):
        said.fail("已中断。", Exit.INTERRUPTED)
    else:
        if debug:
            said.echo("".join(traceback.format_exception(exc)), err=True, nl=False)
        said.fail(f"内部错误:{type(exc).__name__}: {exc}。请加 --debug 重试,并把输出报告给开发者。",
                  Exit.BUG)
    return said


def output_format(fmt: str, as_json: bool) -> str:
    """--format table|json (--json: the old flag for json)."""
    from drafter.errors import DrafterError

    if fmt not in ("table", "json"):
        raise DrafterError("--format 只能是 table 或 json")
    return "json" if as_json else fmt
