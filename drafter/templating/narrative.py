"""Narrative cells rendered with their live figures, phrased as the pack's own sentences are.

`Narrative(figures, state, phrase)(text, section)` turns a 内容 cell (or a fact such as 导语)
into outline-safe text: literal parts are escaped, each reference 【…】 becomes its figure
phrased by the same FigureView and filters a template's `{{ x }}` and `{{ x | wan }}` use, so
units and qualifiers come out the same. Nothing in a cell is ever evaluated as a template.

A reference that cannot be rendered (unknown, bad option) is an error `check` has reported; a
draft shows it flagged as typed, a final render refuses naming the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.errors import DrafterError
from drafter.model.figures import Figure
from drafter.model.findings import CellRef
from drafter.model.narrative import (
    Index,
    Ref,
    Text,
    has_reference,
    needs_period,
    tokenize,
    year_offset,
)
from drafter.model.options import Options, Value, other_of, parse_options, phrased_by
from drafter.model.quantity import MISSING
from drafter.templating import filters
from drafter.templating.outline_text import escape, flagged
from drafter.templating.views import FigureView, Missing, Phrase, RenderState


class NarrativeError(DrafterError):
    """A reference that cannot be rendered in a final (non-draft) report."""


class Narrative:
    """Renders narrative cells of one workbook."""

    def __init__(self, figures: dict[str, Figure], state: RenderState,
                 phrase: Callable[[Any], str], year: int | None = None):
        self.figures = figures
        self.state = state
        self.phrase = phrase  # the renderer's: placeholders counted, flags kept
        self.index = Index(figures.values())
        self.year = year  # 基本信息 年度, for 【年度】 and 【年度-1】

    def __call__(self, text: str, section: str = "", cell: CellRef | None = None,
                 *, close: bool = False) -> str:
        """`text` as outline; `close`: end it with 。 when the cell has no final punctuation."""
        out: list[str] = []
        nothing: list[int] = []  # where a reference wrote nothing
        for part in tokenize(text):
            if isinstance(part, Text):
                out.append(escape(part.text))
            else:
                out.append(self._reference(part, section, cell))
                if not out[-1]:
                    nothing.append(len(out) - 1)
        for i in nothing:
            _close_up(out, i)
        if close and needs_period(text):
            out.append("。")
        return "".join(out)

    def _reference(self, ref: Ref, section: str, cell: CellRef | None) -> str:
        if MISSING.fullmatch(ref.shown):  # a gap typed in single brackets: printed as one
            return escape(ref.shown)
        offset = year_offset(ref.target)
        if offset is not None:
            if ref.options:
                return self._refuse(ref, "年度引用不加写法选项", cell)
            if self.year is None:
                return self._refuse(ref, "基本信息“年度”未填写", cell)
            return escape(str(self.year + offset))
        found = self.index.resolve(ref.target, section)
        opts, problems = parse_options(ref.options)
        second = None
        named = other_of(opts)
        if named is not None:
            option, target = named
            other_found = self.index.resolve(target, section)
            if not other_found.id:
                problems.append(option.other_problem(other_found.problem))
            else:
                second = self.figures[other_found.id]
        if not found.id:
            problems.insert(0, found.problem)
        if problems:
            return self._refuse(ref, ";".join(problems), cell)
        figure = self.figures[found.id]
        try:
            value = self._value(figure, opts, second)
        except (TypeError, ValueError) as exc:
            return self._refuse(ref, str(exc), cell)
        return self.phrase(value)

    def _value(self, f: Figure, opts: Options, other: Figure | None) -> Phrase | Missing | FigureView:
        """The figure phrased as its options say (drafter.model.options): the options that
        stand in another figure first (上年), then the one that phrases, by precedence."""
        if f.kind == "text":
            if opts != Options():
                raise ValueError(f"“{f.name}”是文字,不能加写法选项")
            return FigureView(f, self.state)
        for option in opts.options():
            if option.stand_in is not None:
                if option.reads_previous and f.previous is None:
                    return Missing(f"{f.name}上年同期")
                f = option.stand_in(f, opts)
        view = FigureView(f, self.state)
        if f.value is None:
            return Missing(f.name)
        option = phrased_by(opts)
        call = option.phrase(opts, f) if option is not None and option.phrase else None
        if option is None or call is None:
            return view  # the figure as it reads by itself (at N位小数, if asked)
        if option.reads_previous and f.previous is None:
            return Missing(f"{f.name}上年同期")
        name, args = call
        if option.value is Value.FIGURE and other is not None:
            args = (FigureView(other, self.state), *args)
        return filters.FILTERS[name](view, *args)

    def _refuse(self, ref: Ref, why: str, cell: CellRef | None) -> str:
        if self.state.draft:
            return flagged(escape(ref.shown))
        raise NarrativeError(f"引用{ref.shown}无法写出:{why}", where=str(cell) if cell else None)


_LEADS_ON = "，、"  # marks that only lead on to what follows them
_STOPS = "，、；。！？：）"  # marks that may follow a reference


def _close_up(out: list[str], i: int) -> None:
    """The reference at out[i] wrote nothing (同比 with no base year to compare with): the
    marks around it joined as if it had not been written. 236件，【…|同比】；办结 → 236件；办结,
    236件，【…|同比】。→ 236件。, 【…|同比】，受理 at a sentence's start → 受理, （【…】）→ nothing."""
    left = out[i - 1] if i > 0 else ""
    right = out[i + 1] if i + 1 < len(out) else ""
    if left.endswith("（") and right.startswith("）"):
        out[i - 1], out[i + 1] = left[:-1], right[1:]
    elif left[-1:] and left[-1] in _LEADS_ON and (i + 1 == len(out) or right[:1] in _STOPS):
        out[i - 1] = left[:-1]
    elif (not left.strip() or left[-1] in "。；：！？") and right[:1] and right[0] in _LEADS_ON:
        out[i + 1] = right[1:]


class NarrativeText(str):
    """A fact (导语 …) that holds references: printed through its Narrative by `finalize`;
    still a plain string to templates (`{% if 导语 %}`)."""

    narrative: Narrative
    cell: CellRef | None = None

    def __new__(cls, text: str, narrative: Narrative, cell: CellRef | None = None) -> NarrativeText:
        obj = super().__new__(cls, text)
        obj.narrative = narrative
        obj.cell = cell
        return obj

    def render(self) -> str:
        return self.narrative(str(self), "", self.cell)

    @classmethod
    def wrap(cls, text: str, narrative: Narrative, cell: CellRef | None = None) -> str:
        """`text` itself, or a NarrativeText when it holds a reference."""
        return cls(text, narrative, cell) if has_reference(text) else text
