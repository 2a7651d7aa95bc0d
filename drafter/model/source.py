"""Where a printed figure comes from: the indicators it states and how it was derived.

A span of the document that prints a figure carries a `FigureSource` (model/document.py
Span.source): templating sets it, the Word writer bookmarks the span by it, trace writes the
cells behind it, verify and the preview read it back. Where it has to travel as text (the
outline's marks between Jinja and the document, a bookmark's name, verify's JSON) it is
written by `format_source` and read by `parse_source`, here and nowhere else:

>>> format_source(FigureSource(("法律援助.受理案件",)))
'法律援助.受理案件'
>>> format_source(FigureSource(("复议应诉.撤回申请", "复议应诉.复议办结"), "比率"))
'复议应诉.撤回申请/复议应诉.复议办结@比率'
>>> parse_source("法律援助.受理案件@同比")
FigureSource(ids=('法律援助.受理案件',), how='同比')
"""

from __future__ import annotations

from dataclasses import dataclass

# Indicator ids are 板块.指标 words; one with / or @ in it would be read back split.
_IDS, _HOW = "/", "@"


@dataclass(frozen=True)
class FigureSource:
    """The indicator ids a printed figure states (one for a figure as it is; both of a 比率 or
    倍数, numerator first) and how it was derived from them ("" as it is; 同比, 比率, 倍数)."""

    ids: tuple[str, ...]
    how: str = ""

    @property
    def figure(self) -> str:
        """The one indicator of a figure printed as it is, else the first one read."""
        return self.ids[0]


def derived(how: str, *sources: FigureSource | None) -> FigureSource | None:
    """The source of a phrase computed (`how`: 同比, 比率, 倍数) from figures of `sources`;
    None when one of them is not a figure (a plain number in a template)."""
    if not sources or any(s is None for s in sources):
        return None
    return FigureSource(tuple(i for s in sources if s is not None for i in s.ids), how)


def format_source(source: FigureSource) -> str:
    """The source as text: 法律援助.受理案件, a@同比, a/b@比率."""
    ids = _IDS.join(source.ids)
    return f"{ids}{_HOW}{source.how}" if source.how else ids


def parse_source(text: str) -> FigureSource:
    """The source `format_source` wrote as `text`."""
    ids, _, how = text.partition(_HOW)
    return FigureSource(tuple(ids.split(_IDS)), how)
