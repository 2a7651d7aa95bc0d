"""Figures filled in 指标 that the report never prints are told (figure-unprinted), not lost."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from drafter.cli import app
from drafter.model.document import Document, Paragraph, Span
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import CellRef
from drafter.model.source import FigureSource
from drafter.templating import unprinted
from tests.conftest import SAMPLES


def _figure(key: str, value: int | None, row: int, **kw) -> Figure:
    return Figure(key, f"指标{row}", "件", value=None if value is None else Decimal(value),
                  cell=CellRef("指标", f"F{row}"), **kw)


def test_only_filled_figures_no_span_prints_are_told() -> None:
    data = WorkbookData("x.xlsx", figures={f.id: f for f in (
        _figure("a.printed", 1, 2), _figure("a.yoy", 2, 3), _figure("a.left", 3, 4),
        _figure("a.blank", None, 5), _figure("a.computed", 4, 6, computed=True),
        _figure("a.also", 0, 7))})
    doc = Document([Paragraph((Span("1件", source=FigureSource(("a.printed",))),
                               Span("同比增长", source=FigureSource(("a.yoy",), "同比"))))])
    [told] = unprinted.findings(doc, data)
    assert told.code == "figure-unprinted" and told.severity.value == "提示"
    assert told.indicators == ("a.left", "a.also")  # a 0 is a figure too
    assert [str(c) for c in told.cells] == ["指标!F4", "指标!F7"]
    assert "这 2 项指标填了数" in told.message and "指标4、指标7" in told.message
    assert unprinted.findings(doc, WorkbookData("x.xlsx")) == []


def test_render_v_names_the_figures_a_districts_outline_leaves_out(tmp_path: Path) -> None:
    """Sample 005's 甲区 fills 自查问题 … that no 大纲 sentence uses: render -v says so,
    render alone (nothing else to say) stays quiet."""
    workbook = next((SAMPLES / "005_示例市区县").glob("1_*.xlsx"))
    out = tmp_path / "甲区.docx"
    quiet = CliRunner().invoke(app, ["render", str(workbook), "-o", str(out)])
    assert quiet.exit_code == 0 and "figure-unprinted" not in quiet.output
    told = CliRunner().invoke(app, ["render", str(workbook), "-o", str(out), "--force", "-v"])
    assert told.exit_code == 0, told.output
    line = next(ln for ln in told.output.splitlines() if "figure-unprinted" in ln)
    assert "指标!F" in line and "执法突出问题自查发现" in line
