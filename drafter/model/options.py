"""The phrasing options of a reference 【编号|选项】, each declared once, in OPTIONS below.

To add a phrasing option:

1. Add one `Option(...)` to OPTIONS in this module: its `key`, the `words` a clerk types after
   the bar, what value those words give (`value`), its conflicts (`role`), its `precedence`
   when several are chosen, its `name` and `help` for clerks, and `phrase`: the Jinja filter of
   templating/filters.py that writes it, with the filter's arguments. Add `reads_previous`,
   `label`, `refuse` or `stand_in` when it needs them (see Option).
2. When no filter writes it yet, add one to templating/filters.py (the function and its entry in
   FILTERS); templates can then use it too, so list it in docs/customization.md.
3. Add its row to the option table of docs/clerk-guide.md (tests/test_narrative.py renders every
   example of that table) and a test of its own.

Nothing else changes: the renderer (templating/narrative.py), the checks (checks/narrative.py,
checks/body_rows.py), the workbook's 填写说明 (workbook/narrative_guide.py), the notes of
`render --trace` and of the page's preview (publish/trace.py) and `drafter import`
(importing/figures.py) read this table. tests/test_home_options.py fails when an option is
declared anywhere else.

Pure and light (standard library and drafter.model only): the workbook and the checks read it
as well as templating.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from drafter.model.figures import Figure
from drafter.model.narrative import _norm
from drafter.model.quantity import HALF_UP, QUALIFIERS, SCALES, plain_text, round_half_up


class Value(Enum):
    """What an option's word gives."""

    FLAG = "flag"  # the word alone: True (同比)
    CHOICE = "choice"  # one of its words, which it keeps (万 or 亿); two different ones conflict
    DIGITS = "digits"  # “N位小数” or “整数”: a number of decimals
    FIGURE = "figure"  # “倍:另一指标”: the word, a colon, and another indicator as typed


class Role(Enum):
    """An option's conflicts."""

    FORM = "form"  # writes something other than the figure's own number (同比, 倍, 中文): one
    # form per reference, and no DISPLAY option with it
    DISPLAY = "display"  # shapes the figure's own number (万/亿, 余…, 数字)
    MODIFIER = "modifier"  # goes with anything (上年, N位小数)


Call = tuple[str, tuple[object, ...]]  # a filter of templating/filters.py, its arguments after x


@dataclass(frozen=True)
class Option:
    key: str  # how readers name it: Options.get(key)
    name: str  # as clerks see it listed: 万 / 亿, N位小数, 倍:另一指标
    help: str  # what it does, with an example (full-width punctuation: the 填写说明 shows it)
    words: tuple[str, ...]  # what a clerk types (synonyms after the first)
    value: Value
    role: Role
    # lower phrases first when a reference has several options that phrase (数字 before 余)
    precedence: int = 0
    # (the reference's options, the figure) → the filter that writes it and its arguments after
    # the figure (a FIGURE option's other figure goes first); None: the figure as it reads
    # by itself. An option without `phrase` only changes what the others phrase (上年).
    phrase: Callable[[Options, Figure], Call | None] | None = None
    reads_previous: bool = False  # needs the figure's 上年同期
    label: str = ""  # what its filter calls a phrase computed from figures (同比, 倍数)
    # why a figure (and the other figure of a FIGURE option) cannot be phrased so, for checks
    refuse: Callable[[Figure, Figure | None], str] | None = None
    # the figure written in place of the referenced one (上年: last year's value)
    stand_in: Callable[[Figure, Options], Figure] | None = None

    def read(self, word: str) -> tuple[bool, object, str]:
        """(whether `word` is this option, its value, what is wrong with it)."""
        if self.value is Value.FIGURE:
            head = self.words[0]
            if not (word.startswith(head) and word[len(head):len(head) + 1] in (":", "：")):
                return False, None, ""
            other = _norm(word[len(head) + 1:])
            if other:
                return True, other, ""
            return True, None, (f"“{head}:”后应写另一指标的编号或名称,"
                                f"如“{head}:法律援助.受理案件”")
        if self.value is Value.DIGITS:
            m = _DIGITS.match(word)
            if not m and word not in self.words:
                return False, None, ""
            digits = int(m.group(1)) if m else 0
            return True, digits, f"“{word}”小数位数过多(最多6位)" if digits > 6 else ""
        if word not in self.words:
            return False, None, ""
        return True, word if self.value is Value.CHOICE else True, ""

    def spell(self, value: object = True) -> str:
        """The word a clerk types for `value` (import writes references with it)."""
        if self.value is Value.DIGITS:
            return self.words[0] if value == 0 else f"{value}位小数"
        if self.value is Value.FIGURE:
            return f"{self.words[0]}:{value}"
        return str(value) if self.value is Value.CHOICE else self.words[0]

    def other_problem(self, problem: str) -> str:
        """A FIGURE option's other indicator that cannot be found."""
        return f"“{self.words[0]}”的另一指标:{problem}"


_DIGITS = re.compile(r"^(\d+)位小数$")


@dataclass(frozen=True)
class Options:
    """A reference's options as parse_options read them: Option.key → value."""

    chosen: tuple[tuple[str, object], ...] = ()

    def get(self, key: str) -> object:
        """The value of option `key`, or its default (False, "", None) when not chosen."""
        for k, v in self.chosen:
            if k == key:
                return v
        return _DEFAULTS[BY_KEY[key].value]

    @property
    def digits(self) -> int | None:
        """N位小数: the decimals the options ask for (the modifier other options read)."""
        digits = self.get(DIGITS.key)
        return digits if isinstance(digits, int) else None

    def options(self) -> Iterator[Option]:
        """The chosen options, in OPTIONS order."""
        keys = {k for k, _ in self.chosen}
        return (o for o in OPTIONS if o.key in keys)


_DEFAULTS: dict[Value, object] = {Value.FLAG: False, Value.CHOICE: "", Value.DIGITS: None,
                                  Value.FIGURE: ""}


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _previous_year(f: Figure, opts: Options) -> Figure:
    return dataclasses.replace(f, value=f.previous, qualifier="", scale="", cell=f.previous_cell)


def _at_digits(f: Figure, opts: Options) -> Figure:
    return dataclasses.replace(f, digits=opts.digits)


def _not_whole(how: str) -> Callable[[Figure, Figure | None], str]:
    def refuse(f: Figure, other: Figure | None) -> str:
        if f.value is not None and f.value != f.value.to_integral_value():
            return f"{f.name} {f.value} 不是整数,不能{how}"
        return ""
    return refuse


def _not_a_rank(f: Figure, other: Figure | None) -> str:
    if f.value is not None and (f.value < 1 or f.value != f.value.to_integral_value()):
        return f"{f.name} {f.value} 不是正整数,不能写成名次"
    return ""


def _other_zero(f: Figure, other: Figure | None) -> str:
    if other is not None and other.value == 0:
        return f"“{TIMES.words[0]}”的另一指标{other.name}为 0,无法计算{TIMES.label}"
    return ""


YOY = Option(
    "yoy", "同比", "同比增减，如“同比增长12.3%”；比率写作“提高2.1个百分点”", ("同比",),
    Value.FLAG, Role.FORM, precedence=10, reads_previous=True, label="同比",
    phrase=lambda o, f: ("yoy", (_or(o.digits, 1),)))
PREVIOUS = Option(
    "previous", "上年", "上年同期的数", ("上年", "上年同期"), Value.FLAG, Role.MODIFIER,
    reads_previous=True, stand_in=_previous_year)
SCALE = Option(
    "scale", "万 / 亿", "以万、亿为单位，如“1.42万件”", tuple(SCALES), Value.CHOICE, Role.DISPLAY,
    precedence=60, phrase=lambda o, f: ("wan" if o.get("scale") == "万" else "yi",
                                        (_or(o.digits, 2),)))
QUALIFIER = Option(
    "qualifier", "余 / 多 / 约 / 超 / 近", "约数，只用一个修饰词，如“500余件”“约300人”", QUALIFIERS,
    Value.CHOICE, Role.DISPLAY, precedence=50,
    phrase=lambda o, f: ("approx", (o.get("qualifier"), None, o.get("scale"))))
DIGITS = Option(
    "digits", "N位小数", "小数位数（比率、万、倍、同比都适用），如“1位小数”写出“30.4%”", ("整数",),
    Value.DIGITS, Role.MODIFIER, precedence=70, stand_in=_at_digits,
    phrase=lambda o, f: ("percent", ()) if f.kind == "rate" else None)
TIMES = Option(
    "times", "倍:另一指标", "是另一指标的几倍，如“2.3倍”", ("倍",), Value.FIGURE, Role.FORM,
    precedence=20, label="倍数", refuse=_other_zero,
    phrase=lambda o, f: ("multiple", (_or(o.digits, 1),)))
CHINESE = Option(
    "chinese", "中文", "中文数字，2 写作“两”，如“两场次”“十二件”", ("中文", "中文数字"), Value.FLAG, Role.FORM,
    precedence=30, refuse=_not_whole("写成中文数字"), phrase=lambda o, f: ("chinese", ()))
BARE = Option(
    "bare", "数字", "只写数字，不带单位", ("数字", "不带单位"), Value.FLAG, Role.DISPLAY,
    precedence=40, phrase=lambda o, f: ("number", (o.digits,)))
RANK = Option(
    "rank", "名次", "名次写作“第几”，不带单位，如“排全省第一”", ("名次",),
    Value.FLAG, Role.FORM, precedence=35, refuse=_not_a_rank, phrase=lambda o, f: ("rank", ()))

# The order clerks see them in (the 填写说明, messages); `precedence` orders the phrasing.
OPTIONS: tuple[Option, ...] = (YOY, PREVIOUS, SCALE, QUALIFIER, DIGITS, TIMES, CHINESE, BARE,
                               RANK)
BY_KEY = {o.key: o for o in OPTIONS}


def parse_options(words: tuple[str, ...]) -> tuple[Options, list[str]]:
    """The options of a reference, and what is wrong with them (Chinese, one line each)."""
    found: dict[str, object] = {}
    problems: list[str] = []
    for word in words:
        for option in OPTIONS:
            matched, value, problem = option.read(word)
            if matched:
                break
        else:
            problems.append(f"无法识别的选项“{word}”(可用:{option_names()})")
            continue
        if problem:
            problems.append(problem)
        if value is None:
            continue
        key = option.key
        if option.value is Value.CHOICE and key in found and found[key] != value:
            problems.append(f"“{found[key]}”与“{value}”只能用一个")
        found[key] = value
    opts = Options(tuple((o.key, found[o.key]) for o in OPTIONS if o.key in found))
    forms = [o for o in opts.options() if o.role is Role.FORM]
    if len(forms) > 1 or (forms and any(o.role is Role.DISPLAY for o in opts.options())):
        named = "".join(f"“{o.words[0]}”" for o in OPTIONS if o.role is Role.FORM)
        problems.append(f"{named}不能与其他写法同时使用")
    return opts, problems


def option_names() -> str:
    return "、".join(o.name for o in OPTIONS)


def phrased_by(opts: Options) -> Option | None:
    """The chosen option that phrases the figure: the first by precedence."""
    chosen = [o for o in opts.options() if o.phrase is not None]
    return min(chosen, key=lambda o: o.precedence, default=None)


def reads_previous(opts: Options) -> bool:
    """Whether the options write or compare with the figure's 上年同期."""
    return any(o.reads_previous for o in opts.options())


def other_of(opts: Options) -> tuple[Option, str] | None:
    """The chosen FIGURE option and the other indicator it names, as typed."""
    for o in opts.options():
        if o.value is Value.FIGURE:
            return o, str(opts.get(o.key))
    return None


def refusals(opts: Options, figure: Figure, other_figure: Figure | None) -> list[str]:
    """Why the chosen options cannot phrase this figure (for checks)."""
    found = [o.refuse(figure, other_figure) for o in opts.options() if o.refuse is not None]
    return [why for why in (*found, _scaled_to_zero(opts, figure)) if why]


def _scaled_to_zero(opts: Options, f: Figure) -> str:
    """万 / 亿 that would print a figure that is not 0 as 0 (32000 at 亿, two decimals: 0亿)."""
    scale = opts.get(SCALE.key)
    if not scale or f.value is None or f.value == 0 or f.kind == "rate":
        return ""
    digits = _or(opts.digits, 2)
    if round_half_up(HALF_UP.divide(f.value, SCALES[str(scale)]), digits) != 0:
        return ""
    return (f"{f.name} {plain_text(f.value)} 以“{scale}”为单位、保留 {digits} 位小数写出是 0{scale},"
            f"请去掉“{scale}”,或加“N位小数”多留几位")


def compares_with_previous(label: str) -> bool:
    """Whether a phrase computed from figures under `label` (see Option.label) compares a
    figure with its own 上年同期, so that a note names both cells."""
    return any(o.label == label and o.reads_previous for o in OPTIONS if o.label)
