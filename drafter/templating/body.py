"""`大纲()` and `大纲导语()`: the report body from the workbook's 大纲 rows, as outline text.

Each heading row becomes `#`×level and its text (the number is computed later, in
outline.parse), followed by its 内容 as a paragraph (a run-in level joins them there); a
point row becomes `* lead|body` (一是…); a paragraph row a paragraph. 内容 cells go through
Narrative: 【references】 phrased, cell text escaped, a missing 。 supplied. Paragraph rows
before the first heading are the preamble, printed by `大纲导语()` in place of the pack's.
"""

from __future__ import annotations

from collections.abc import Sequence

from drafter.model.figures import OutlineRow, leaves_out
from drafter.model.levels import Level
from drafter.model.narrative import as_written
from drafter.templating.narrative import Narrative
from drafter.templating.outline_text import escape
from drafter.templating.views import LeftOut, Outline


class OutlineFunctions:
    def __init__(self, rows: Sequence[OutlineRow], narrative: Narrative):
        cut = next((n for n, r in enumerate(rows) if r.level != Level.PARAGRAPH), len(rows))
        self.opening, self.rest = rows[:cut], rows[cut:]
        self.narrative = narrative

    def preamble(self) -> Outline:
        """The paragraphs before the first heading (empty: the pack's 导语 is used; a single
        paragraph 无: none at all, views.LeftOut)."""
        if self.opening and all(leaves_out(r.body) for r in self.opening):
            return LeftOut()
        return Outline("".join(self._row(r) for r in self.opening))

    def body(self) -> Outline:
        return Outline("".join(self._row(r) for r in self.rest))

    def _row(self, row: OutlineRow) -> str:
        body = self.narrative(row.body, "", row.cell, close=True) if row.body else ""
        if row.level == Level.POINT:
            if not (row.title or body):
                return ""
            return f"\n* {escape(as_written(row.title))}|{body}\n"
        if row.level == Level.PARAGRAPH:
            return f"\n{body}\n" if body else ""
        heading = f"\n{'#' * row.level} {escape(as_written(row.title))}\n"
        return heading + (f"{body}\n" if body else "")
