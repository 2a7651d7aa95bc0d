"""checks/formal.py: the 落款 and the 版头/版记 facts as they will print."""

from __future__ import annotations

import pytest

from drafter.checks.formal import findings
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef


def _data(**facts: str) -> WorkbookData:
    cells = {"署名": CellRef("基本信息", "B9"), "成文日期": CellRef("基本信息", "B10")}
    return WorkbookData("t.xlsx", facts=dict(facts), fact_cells=cells)


@pytest.mark.parametrize(("facts", "told"), [
    ({"署名": "湘桥区司法局"}, True),  # a 落款 with no date: GB/T 9704 wants both
    ({"署名": "湘桥区司法局", "成文日期": "  "}, True),
    ({"署名": "湘桥区司法局", "成文日期": "2018年1月10日"}, False),
    ({"成文日期": "2018年1月10日"}, False),  # no 署名: the template writes no 落款 at all
    ({}, False),
])
def test_a_signature_without_its_date_is_told(facts: dict[str, str], told: bool) -> None:
    found = [f for f in findings(_data(**facts)) if f.code == "signature-undated"]
    assert bool(found) is told
    if told:
        assert found[0].severity.value == "警告"
        assert [str(c) for c in found[0].cells] == ["基本信息!B10"]  # where to fill it in
        assert "湘桥区司法局" in found[0].message
