"""What templates see of the workbook: figure and section views, and the marker types that
`finalize` recognizes (Outline markup made by drafter itself, Phrase, Missing), and the
RenderState of one render the views and the narrative share with templating.render.

Each class lists in PUBLIC the attributes a template may read (docs/customization.md); the
sandbox (templating.sandbox) refuses every other attribute of drafter's objects, so that a
template cannot walk from a view into drafter's internal state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter import phrasing
from drafter.model.figures import Figure
from drafter.model.quantity import decimals, missing_text, rate_with_qualifier
from drafter.model.source import FigureSource


@dataclass
class RenderState:
    draft: bool = False
    flagged: frozenset[str] = frozenset()  # indicator ids involved in errors (draft only)
    placeholders: int = 0  # how many placeholders were printed so far


class Outline(str):
    """Outline markup produced by drafter's own functions: printed as is, never escaped."""

    __slots__ = ()


class LeftOut(Outline):
    """A preamble the clerk left out (导语 written 无): prints nothing, false in `{% if %}`,
    and `{% if 导语 is 略去 %}` tells it from a 导语 left blank (which gets the pack's)."""

    __slots__ = ()

    def __new__(cls) -> LeftOut:
        return super().__new__(cls, "")


def left_out(value: object) -> bool:
    """The Jinja test `略去`."""
    return isinstance(value, LeftOut)


class Phrase(str):
    """A figure phrased by a filter; remembers whether the figure is flagged, and the
    figures it prints (`source`, None for a plain number; model/source.py `derived` for a
    phrase of two figures)."""

    PUBLIC = frozenset({"flagged", "missing"})
    flagged: bool = False
    missing: bool = False
    source: FigureSource | None = None

    def __new__(cls, text: str, flagged: bool = False,
                source: FigureSource | None = None) -> Phrase:
        obj = super().__new__(cls, text)
        obj.flagged = flagged
        obj.source = source
        return obj


class Missing:
    """A value that is not in the workbook: prints as 【待补充：name】; false in `{% if %}`."""

    PUBLIC = frozenset({"name", "missing", "flagged"})
    missing = True
    flagged = False
    source: FigureSource | None = None

    def __init__(self, name: str):
        self.name = name

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return missing_text(self.name)


class FigureView:
    """A figure as templates use it: `{{ x }}` phrases it (236件, 130余场次, 30.43%),
    `x.value`, `x.previous`, `x.unit`, `x.name` give the parts; `{% if x %}` is true for any
    value that was filled in, a real zero included."""

    PUBLIC = frozenset({"value", "previous", "unit", "name", "qualifier", "computed", "missing",
                        "flagged"})

    def __init__(self, figure: Figure, state: RenderState):
        self._figure = figure
        self._state = state

    figure = property(lambda self: self._figure)
    value = property(lambda self: self._figure.value)
    previous = property(lambda self: self._figure.previous)
    unit = property(lambda self: self._figure.unit)
    name = property(lambda self: self._figure.name)
    qualifier = property(lambda self: self._figure.qualifier)
    computed = property(lambda self: self._figure.computed)

    @property
    def missing(self) -> bool:
        return self._figure.missing

    @property
    def flagged(self) -> bool:
        return self._figure.id in self._state.flagged

    @property
    def source(self) -> FigureSource:
        """The figure as printed: marked with it in the outline (a Word bookmark)."""
        return FigureSource((self._figure.id,))

    def __bool__(self) -> bool:
        return not self._figure.missing

    def __str__(self) -> str:
        return default_phrase(self._figure)

    def __repr__(self) -> str:
        return f"<{self._figure.id}={self._figure.value}>"


def default_phrase(f: Figure) -> str:
    """How a figure reads when a template prints it without a filter."""
    if f.kind == "text":
        return f.text
    if f.value is None:
        return missing_text(f.name)
    if f.kind == "rate":  # 超90%, 约30%, 93.4%以上 (a rate typed 93.4以上 or 93.4%余)
        return rate_with_qualifier(phrasing.percent(f.value, f.digits), f.qualifier)
    return phrasing.quantity(f.value, f.unit, f.qualifier, f.scale, _digits(f))


def _digits(f: Figure) -> int | None:
    if f.scale:
        return f.digits if f.digits is not None else 2
    if f.value is not None and f.value != f.value.to_integral_value():
        return f.digits if f.digits is not None else decimals(f.value.normalize())
    return f.digits


class SectionView:
    """A 板块 as a namespace: `{{ 法律援助.受理案件 }}`."""

    @staticmethod
    def PUBLIC(value: object) -> bool:  # read by the sandbox like the sets above
        return isinstance(value, FigureView)  # its figures, nothing else

    def __init__(self, section: str, figures: dict[str, Figure], state: RenderState):
        self._section = section
        self._figures = figures
        self._state = state

    def __getattr__(self, key: str) -> FigureView:
        if key.startswith("_"):
            raise AttributeError(key)
        figure = self._figures.get(f"{self._section}.{key}")
        if figure is None:
            raise AttributeError(f"{self._section}.{key}")
        return FigureView(figure, self._state)

    def __getitem__(self, key: str) -> FigureView:
        try:
            return self.__getattr__(key)
        except AttributeError as exc:
            raise KeyError(key) from exc

    def __str__(self) -> str:
        return self._section

    def __iter__(self) -> Any:
        prefix = self._section + "."
        return iter([FigureView(f, self._state) for k, f in self._figures.items()
                     if k.startswith(prefix)])
