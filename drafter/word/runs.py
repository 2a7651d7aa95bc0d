"""How a paragraph's spans become Word runs: the character style of each, and which share a run.

The writer makes the runs from this; fit.py measures the paragraph from it (LibreOffice leaves
the character spacing off the last character of every run, so where runs end moves its line
breaks). Nothing here imports python-docx.
"""

from __future__ import annotations

from typing import NamedTuple

from drafter.model.document import Mark, Span
from drafter.model.levels import heading_level

_MARK_ROLE = {Mark.LEAD: "lead", Mark.PLACEHOLDER: "placeholder", Mark.FLAGGED: "flagged"}


class Run(NamedTuple):
    """One run: its character style role (None: the paragraph style's own font), its text,
    and the span whose figure it prints (a run of its own, inside a bookmark) or None."""

    role: str | None
    text: str
    sourced: Span | None = None


def span_role(spans: tuple[Span, ...], i: int, heading: bool) -> str | None:
    """The character style role of spans[i]."""
    span = spans[i]
    if span.mark in _MARK_ROLE:
        return _MARK_ROLE[span.mark]
    if heading or span.mark not in (Mark.HEADING, Mark.NUMBER):
        return None  # in a heading paragraph the paragraph style already has the font
    level = span.level
    if span.mark is Mark.NUMBER and not level:  # a number takes its heading's level
        level = next((s.level for s in spans[i + 1 :] if s.mark is Mark.HEADING), 0)
        if not level:
            return None
    return f"heading{heading_level(level)}_char"


def runs(spans: tuple[Span, ...], *, heading: bool) -> list[Run]:
    """Adjacent spans of the same character style share one run, except a span that prints a
    figure (`source`): it gets a run of its own."""
    made: list[tuple[str | None, list[str], Span | None]] = []
    for i, span in enumerate(spans):
        mark = span.mark  # compared by identity: an enum's hash is slow
        if mark is Mark.NONE or (heading and (mark is Mark.HEADING or mark is Mark.NUMBER)):
            role = None
        else:
            role = span_role(spans, i, heading)
        if made and made[-1][0] == role and not span.source and made[-1][2] is None:
            made[-1][1].append(span.text)
        else:
            made.append((role, [span.text], span if span.source else None))
    return [Run(role, "".join(texts), sourced) for role, texts, sourced in made]
