"""Findings: problems and notes about a workbook, as data (never printed here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache


class Severity(StrEnum):
    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"

    @property
    def rank(self) -> int:
        return {"错误": 2, "警告": 1, "提示": 0}[self.value]


@dataclass(frozen=True, order=True)
class CellRef:
    """A cell of the workbook, shown as `指标!E12`."""

    sheet: str
    cell: str

    def __str__(self) -> str:
        """指标!E12; a whole sheet (no cell) is its name alone, not 大纲!."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def position(self) -> tuple[int, int] | None:
        """(row, column), 1-based, of a one-cell address (E12, $E$12); None for anything else."""
        return cell_position(self.cell)

    @classmethod
    def at(cls, sheet: str, row: int, column: int) -> CellRef:
        """The cell at 1-based `row` and `column`: at("指标", 12, 5) is 指标!E12."""
        return cls(sheet, f"{column_letter(column)}{row}")


@cache
def column_letter(n: int) -> str:
    """1 → A, 27 → AA: the one place column numbers become letters."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


_ADDRESS = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def cell_position(address: str) -> tuple[int, int] | None:
    """"E12" or "$E$12" → (12, 5); None when it is not one cell's address."""
    m = _ADDRESS.match(address)
    if m is None or int(m.group(2)) < 1:
        return None
    return int(m.group(2)), column_number(m.group(1))


def column_number(letters: str) -> int:
    """A → 1, AA → 27 (ASCII letters, either case): the inverse of column_letter."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class Finding:
    code: str  # stable kebab-case code, e.g. "sum-mismatch"
    severity: Severity
    message: str  # one Chinese sentence, showing the arithmetic where there is any
    cells: tuple[CellRef, ...] = ()
    section: str = ""  # 板块 the finding belongs to ("" for the workbook as a whole)
    indicators: tuple[str, ...] = ()  # ids of the indicators involved
    # The arithmetic behind the message, for tools: what the rule expects (the sum of the
    # parts, the rate recomputed, a bound, last year's figure), what the workbook states,
    # and actual − expected. None where the finding has no arithmetic.
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None

    def key(self) -> tuple[str, str, str]:
        """(code, sheet, cell) of the first cell: the short form tests compare."""
        first = self.cells[0] if self.cells else CellRef("", "")
        return (self.code, first.sheet, first.cell)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [str(c) for c in self.cells],
            "section": self.section,
            "indicators": list(self.indicators),
            "expected": _number(self.expected),
            "actual": _number(self.actual),
            "difference": _number(self.difference),
        }


def _number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole (236), else a float (97.5)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class Report:
    """What checking a workbook found. Valid when it holds no error."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def keys(self) -> list[tuple[str, str, str]]:
        return [f.key() for f in self.findings]


@dataclass(frozen=True)
class Code:
    """A finding code and what it means. Each is declared once, as a constant in the codes
    module of the stage that raises it (drafter/<stage>/codes.py, listed in its CODES);
    docs/findings.md is generated from those lists."""

    code: str  # stable kebab-case, e.g. "sum-mismatch"
    severity: Severity
    title: str  # short Chinese title
    description: str  # when it is raised and what to do
    example: str  # an example message, as a user would see it


def finding(
    code: Code,
    message: str,
    cells: tuple[CellRef, ...] | list[CellRef] = (),
    *,
    section: str = "",
    indicators: tuple[str, ...] | list[str] = (),
    severity: Severity | None = None,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
) -> Finding:
    """A Finding of `code`, with the code's severity unless told otherwise."""
    return Finding(
        code=code.code,
        severity=severity or code.severity,
        message=message,
        cells=tuple(cells),
        section=section,
        indicators=tuple(indicators),
        expected=expected,
        actual=actual,
        difference=None if expected is None or actual is None else actual - expected,
    )
