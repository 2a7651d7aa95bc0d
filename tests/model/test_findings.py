"""model.findings: how a cell is named."""

from __future__ import annotations

from drafter.model.findings import CellRef


def test_a_whole_sheet_reads_as_its_name() -> None:
    """check --json showed a finding about a whole sheet at “大纲!”."""
    assert (str(CellRef("大纲", "")), str(CellRef("指标", "E12"))) == ("大纲", "指标!E12")
