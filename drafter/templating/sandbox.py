"""The sandbox templates run in: Jinja's ImmutableSandboxedEnvironment, bounded.

A template is code written by an office (or sent to it): Jinja's sandbox keeps it from Python's
internals, and this environment also keeps it from the machine's time and memory and from
drafter's own objects:

- size: every string, list and number a template makes is bounded (MAX_TEXT characters,
  MAX_ITEMS items, MAX_INT_BITS bits). Operations that multiply their input (`'x' * n`,
  `10 ** n`, `'%9999999d' % 1`, `s.center(n)`, `|indent(n)`, `|join(sep)`, `~` …) are checked
  before they run, everything else after; the output as a whole, a macro's and a `{% set %}`
  block's text are bounded while they are joined;
- time: a whole render (compiling included) runs under a deadline (templating.deadline): a
  watchdog thread interrupts the template's thread when it is exceeded, wherever it loops;
- depth: recursion (a macro calling itself, a template including itself) ends in Python's
  RecursionError, which the renderer reports; statements nested in each other (`for`, `if`,
  `block`, `macro` …) are refused beyond MAX_NESTING levels when the template is parsed,
  naming the line (Python compiles at most 20 nested loops: "too many statically nested
  blocks");
- reach: drafter's own objects show templates only the attributes listed in their class's
  `PUBLIC` (templating/views.py), and a refused attribute stops the render (also in --draft,
  where an unknown name would otherwise print as a placeholder);
- what is printed (`check_printable`, from the renderer's finalize): text, numbers, dates and
  lists of them; an object (`{{ cycler(1) }}`, `{{ [法律援助] }}`, `{{ self }}`) or a text
  holding an object's representation (`{{ 标题|string }}`: "<… object at 0x…>", a module
  path) is refused, so that no address or internal name reaches a report.

Refusals raise `BudgetError`, reported by the renderer with the template's file and line.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_TEXT = 2_000_000  # characters in any string a template makes, its output included
MAX_ITEMS = 100_000  # items in any list, tuple or dict a template makes
MAX_RANGE = 10_000  # items of range()
MAX_INT_BITS = 4096  # about 1,200 decimal digits
MAX_WIDTH = 10_000  # a width or precision in a format (`%10000s`, `{:>10000}`)
MAX_NESTING = 12  # statements inside statements (a pack's templates nest three or four)


class BudgetError(Exception):
    """A template went over a size limit (the message is Chinese)."""

    line: tuple[str, int] | None = None  # (file, line) when no traceback frame shows it


def sized(value: Any) -> Any:
    """`value`, refused when it is larger than a template may make."""
    if isinstance(value, str | bytes | bytearray):
        if len(value) > MAX_TEXT:
            raise BudgetError(f"模板生成的文字过长(超过 {MAX_TEXT} 字),已停止")
    elif isinstance(value, list | tuple | dict | set | frozenset):
        if len(value) > MAX_ITEMS:
            raise BudgetError(f"模板生成的列表过长(超过 {MAX_ITEMS} 项),已停止")
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise BudgetError("模板算出的数字过大,已停止")
    return value


_CONTAINERS = (list, tuple, dict, set, frozenset)


def text_size(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters str(value) gives, counted only until past `limit`: a list
    of 1,000 references to one long string is small, its text is not. Every element counts
    at least one character, so the count stops after at most `limit` elements."""
    total, stack = 0, [value]
    while stack and total <= limit:
        v = stack.pop()
        if isinstance(v, str | bytes | bytearray):
            total += len(v) + 4
        elif isinstance(v, dict):
            total += 2 + 2 * len(v)
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, _CONTAINERS):
            total += 2 + len(v)
            stack.extend(v)
        elif isinstance(v, int):
            total += v.bit_length() // 3 + 1
        else:
            total += 24
    return total


def check_text(*values: Any) -> None:
    """Refuse containers whose text (when printed, formatted or joined) would be too long."""
    for v in values:
        if isinstance(v, _CONTAINERS) and text_size(v) > MAX_TEXT:
            raise BudgetError(f"模板生成的文字过长(超过 {MAX_TEXT} 字),已停止")


def checked_parts(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """The operands of `~`, refused when one would print too long."""
    check_text(*parts)
    return parts


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise BudgetError(f"模板中的{what}过大,已拒绝")


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) else default


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | bytearray | list | tuple) else 1


def _limit(seq: Any) -> int:
    return MAX_TEXT if isinstance(seq, str | bytes | bytearray) else MAX_ITEMS


_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: Any) -> None:
    """`'%10000000d' % 1` would allocate its width: widths and precisions are bounded."""
    if not isinstance(fmt, str):
        return
    for width, precision in _PRINTF.findall(fmt):
        for n in (width, precision):
            _need(n != "*" and (not n or int(n) <= MAX_WIDTH), "格式宽度(%)")


def check_format(fmt: Any) -> None:
    """`'{:>10000000}'.format(1)`: the same for str.format specifications."""
    if not isinstance(fmt, str):
        return
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # the call itself will say what is wrong
    for _literal, _name, spec, _conversion in fields:
        if spec:
            _need("{" not in spec and all(int(n) <= MAX_WIDTH for n in re.findall(r"\d+", spec)),
                  "格式宽度({})")


def check_binop(op: str, a: Any, b: Any) -> None:
    if op == "*":
        for seq, n in ((a, b), (b, a)):
            if isinstance(n, int) and isinstance(seq, str | bytes | list | tuple):
                _need(len(seq) * n <= _limit(seq), "重复次数(*)")
                return
        if isinstance(a, int) and isinstance(b, int):
            _need(a.bit_length() + b.bit_length() <= MAX_INT_BITS, "乘积(*)")
    elif op == "**":
        if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
            _need(b * a.bit_length() <= MAX_INT_BITS + b, "乘方(**)")
    elif op == "%" and isinstance(a, str):
        check_printf(a)


_WIDENING = {"center", "ljust", "rjust", "zfill"}


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Methods of strings (and int.to_bytes) whose result can be far larger than their input."""
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    if isinstance(owner, int) and name == "to_bytes":
        _need(_int(args[0] if args else kwargs.get("length"), 1) <= MAX_TEXT, "长度")
    if not isinstance(owner, str | bytes | bytearray):
        return
    if name in _WIDENING:
        _need(_int(args[0] if args else kwargs.get("width")) <= MAX_TEXT, "宽度")
    elif name == "expandtabs":
        tab = _int(args[0] if args else kwargs.get("tabsize", 8), 8)
        _need(len(owner) * max(tab, 1) <= MAX_TEXT, "制表宽度")
    elif name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else -1)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((_length(v) for v in args[0].values()), default=1)
        _need(len(owner) * longest <= MAX_TEXT, "替换文字")


def check_replace(s: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return
    if len(new) <= len(old):
        return
    times = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    _need(len(s) + times * (len(new) - len(old)) <= MAX_TEXT, "替换结果")


# Checks run before a built-in filter, on its arguments (the value first).
def _f_center(value: Any, width: Any = 80, *a: Any, **k: Any) -> None:
    _need(_int(width) <= MAX_TEXT, "宽度(center)")


def _f_indent(s: Any, width: Any = 4, *a: Any, **k: Any) -> None:
    lines = str(s).count("\n") + 2 if isinstance(s, str) else 2
    _need(lines * (_int(width) if not isinstance(width, str) else len(width)) <= MAX_TEXT,
          "缩进(indent)")


def _f_format(value: Any, *a: Any, **k: Any) -> None:
    check_printf(value)


def _f_wordwrap(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
                *a: Any, **k: Any) -> None:
    wrap = k.get("wrapstring", wrapstring)
    if isinstance(s, str) and isinstance(wrap, str):
        _need(len(s) * (len(wrap) + 1) <= MAX_TEXT, "换行字符串(wordwrap)")


def _f_replace(s: Any, old: Any = "", new: Any = "", count: Any = None, **k: Any) -> None:
    check_replace(s, old, new, -1 if count is None else count)


def _f_batch(value: Any, linecount: Any = 1, *a: Any, **k: Any) -> None:
    _need(_int(linecount) <= MAX_ITEMS, "分组大小(batch)")


def _f_slice(value: Any, slices: Any = 1, *a: Any, **k: Any) -> None:
    _need(_int(slices) <= MAX_ITEMS, "分组数(slice)")


def _f_tojson(value: Any, indent: Any = None, **k: Any) -> None:
    _need(_length(indent) <= 100 and _int(indent) <= 100, "缩进(tojson)")


FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": _f_center, "indent": _f_indent, "format": _f_format, "wordwrap": _f_wordwrap,
    "replace": _f_replace, "batch": _f_batch, "slice": _f_slice, "tojson": _f_tojson,
}


def bounded_filter(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    """`f` with its arguments checked first (FILTER_CHECKS) and its result sized."""
    skip = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0  # context/env first
    check = FILTER_CHECKS.get(name)

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check_text(*args[skip:], *kwargs.values())
        if check is not None:
            check(*args[skip:], **kwargs)
        return sized(f(*args, **kwargs))

    return wrapper


def bounded_range(*args: int) -> range:
    found = range(*args)
    if len(found) > MAX_RANGE:
        raise BudgetError(f"range 最多 {MAX_RANGE} 项")
    return found


def bounded_join(pieces: Iterable[str]) -> str:
    """Jinja's `concat` (output, macros, {% set %} blocks), stopping at MAX_TEXT characters."""
    buf: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_TEXT:
            exc = BudgetError(f"模板生成的文字过长(超过 {MAX_TEXT} 字),已停止")
            exc.line = _suspended_line(pieces)
            raise exc
        buf.append(piece)
    return "".join(buf)


def _suspended_line(gen: Any) -> tuple[str, int] | None:
    """(template file, line) where a template's generator is paused (at what it yielded)."""
    while getattr(gen, "gi_yieldfrom", None) is not None:
        gen = gen.gi_yieldfrom
    frame = getattr(gen, "gi_frame", None)
    template = frame.f_globals.get("__jinja_template__") if frame is not None else None
    if template is None:
        return None
    return template.filename or template.name, template.get_corresponding_lineno(frame.f_lineno)


class _CodeGenerator(CodeGenerator):
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        """`a ~ b`, as Jinja compiles it (CodeGenerator.visit_Concat), with its operands and
        its result bounded: `environment.sized(markup_join(environment.checked_parts((a, b))))`."""
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.sized({func_name}(environment.checked_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))))")


_SCALARS = (str, int, float, Decimal, date, datetime, time, range)
# How Python and Jinja show an object: "<jinja2.utils.Cycler object at 0x7f…>", a module path,
# "<Namespace {}>", "<TemplateReference 'main.j2'>", "<Macro 'm'>"
_INTERNALS = re.compile(
    r"<[\w.]+ object at 0x[0-9a-fA-F]+>|\bat 0x[0-9a-fA-F]{6,}|"
    r"\b(?:drafter|jinja2|markupsafe)\.[A-Za-z_]\w*\.|"
    r"<(?:Namespace|LoopContext|TemplateReference|TemplateModule|Macro|Context|BlockReference"
    r"|Cycler|Joiner|Undefined|StrictUndefined|DraftUndefined)\b")


def check_printable(value: Any) -> None:
    """SecurityError unless `value` prints as text a report may hold: text, numbers, dates,
    or lists and tables of them, none showing an object's representation."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _INTERNALS.search(item):
                raise SecurityError("写出的文字中有程序内部对象的表示(如 <… object at 0x…>),"
                                    "不能写进报告")
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            stack += list(item)
        elif item is not None and not isinstance(item, _SCALARS):
            raise SecurityError("不能写出程序内部的对象,只能写出文字和数字(如 {{ 法律援助.受理案件 }})")


def check_nesting(tree: nodes.Node, file: str) -> None:
    """BudgetError at the first statement nested deeper than MAX_NESTING (found without
    recursion: the tree may be as deep as the parser allowed)."""
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, nodes.Stmt) and hasattr(node, "body"):
            depth += 1
            if depth > MAX_NESTING:
                exc = BudgetError(f"模板中的语句一层套一层,超过 {MAX_NESTING} 层(for、if、block、"
                                  "macro 等),请拆开或改用宏")
                exc.line = (file, node.lineno)
                raise exc
        stack += [(child, depth) for child in node.iter_child_nodes()]


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals.pop("lipsum", None)  # makes text by the paragraph: not for reports
        self.add_filters(dict(self.filters))

    def add_filters(self, found: dict[str, Callable[..., Any]]) -> None:
        self.filters.update({n: bounded_filter(n, f) for n, f in found.items()})

    sized = staticmethod(sized)
    checked_parts = staticmethod(checked_parts)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        check_nesting(tree, filename or name or "")
        return tree

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        return bounded_join(pieces)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        if operator == "%":
            check_text(right)
        return sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_text(*args, *kwargs.values())
        check_call(__obj, args, kwargs)
        return sized(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if getattr(value, "__name__", None) not in ("format", "format_map"):
            return None  # the common case, without the base class's checks
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            check_format(fmt)
            check_text(*args, *kwargs.values())
            return sized(wrapped(*args, **kwargs))

        return checked

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        public = _public(type(obj))
        if public is None:
            return True
        if callable(public):  # a view deciding by value (a 板块's figures)
            return bool(public(value))
        return attr in public or (isinstance(obj, str) and hasattr(str, attr))

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise SecurityError(f"不允许访问“{attribute}”")

    # An underscore name is never a template's business: refused whether or not the object
    # has it (else --draft would print a missing one as a placeholder).
    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(attribute, str) and attribute.startswith("_"):
            raise SecurityError(f"不允许访问“{attribute}”")
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            try:
                return obj[argument]  # a key of a dict the template made
            except (TypeError, LookupError):
                raise SecurityError(f"不允许访问“{argument}”") from None
        return super().getitem(obj, argument)


@functools.lru_cache(maxsize=256)
def _public(cls: type) -> Any:
    """What templates may read of an object of drafter's own class (its PUBLIC: a set, or a
    test of the value), None for other classes (the sandbox's rules alone)."""
    if not cls.__module__.startswith("drafter."):
        return None
    return getattr(cls, "PUBLIC", frozenset())
