"""The time budget of the work done on a visitor's file, as drafter serve has (guard.Limits
.work_seconds, 90 s): a check, a preview, a workbook handed out, a roll-up, an office folder
vetted. Past it the work is interrupted (templating.deadline: from outside, wherever it is in
Python code) and the page answers 503 (app.py).

Only the library's work is bounded, never a database transaction: an interruption must not
land halfway through a commit. The answer waits for the interrupted work to end, so that
nothing it would still record lands after the visitor was told it stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from drafter.web.guard import Limits

WORK_SECONDS = Limits.work_seconds


class Overtime(Exception):
    """The work went over its budget."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


@contextmanager
def bounded(seconds: float = WORK_SECONDS) -> Iterator[None]:
    """The block interrupted after `seconds` (and again every second, should it catch the
    interruption and go on): Overtime."""
    from drafter.templating.deadline import Deadline, TimeLimitExceeded

    deadline = Deadline(seconds, again=1.0)
    try:
        with deadline:
            yield
    except TimeLimitExceeded:
        raise Overtime(seconds) from None
    finally:
        deadline.close()  # (an interruption may land in __exit__ before it withdraws)
