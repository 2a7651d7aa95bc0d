"""A report made without --draft never holds a 【待补充】 the user was not told about."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from drafter.cli import app
from drafter.config.style import StyleProfile
from drafter.model.document import Document, Heading, Mark, Paragraph, Span, Table
from drafter.model.figures import OutlineRow, WorkbookData
from drafter.model.findings import CellRef
from drafter.model.levels import Level
from drafter.templating import placeholders
from drafter.templating.outline_text import parse as parse_outline
from tests.conftest import SAMPLES

runner = CliRunner()


def test_each_gap_is_told_once_with_the_cell_to_fill() -> None:
    data = WorkbookData(path="x.xlsx")
    data.fact_cells["第一责任人履职情况"] = CellRef("基本信息", "B12")
    data.outline.append(OutlineRow(Level.PARAGRAPH, body="其他：【【待补充：附表说明】】",
                                   cell=CellRef("大纲", "C40")))
    doc = Document(blocks=[
        Heading(1, "三、", (Span("第一责任人"),)),
        Paragraph((Span("【待补充：第一责任人履职情况】", Mark.PLACEHOLDER),)),
        Paragraph((Span("其他："), Span("【待补充：附表说明】", Mark.PLACEHOLDER))),  # typed: C40
        Paragraph((Span("【待补充：第一责任人履职情况】", Mark.PLACEHOLDER),)),  # told once
        Table("附表", ("区县", "说明"), (("甲区", "【待补充：说明】"),)),
        Paragraph((Span("写明【法律援助.受理案件】即可"),)),  # a reference, not a gap
    ])
    found = placeholders.findings(doc, data)
    assert [(f.code, f.message, [str(c) for c in f.cells]) for f in found] == [
        ("placeholder-left", "报告中留有【待补充：第一责任人履职情况】,请在数据表中填写后重新生成,"
         "或在 Word 中补写", ["基本信息!B12"]),
        ("placeholder-left", "报告中留有【待补充：附表说明】,请在数据表中填写后重新生成,"
         "或在 Word 中补写", ["大纲!C40"]),
        ("placeholder-left", "报告中留有【待补充：说明】,请在数据表中填写后重新生成,"
         "或在 Word 中补写", []),
    ]
    assert all(f.severity.value == "警告" for f in found)


def test_a_gap_typed_into_a_cell_is_marked_as_the_writer_marks_a_missing_value() -> None:
    made = parse_outline("# 三、第一责任人\n前文【待补充：第一责任人履职情况】后文；【待补充：附表】\n",
                         StyleProfile())
    para = next(b for b in made.blocks if isinstance(b, Paragraph))
    assert [(s.text, s.mark) for s in para.spans] == [
        ("前文", Mark.NONE), ("【待补充：第一责任人履职情况】", Mark.PLACEHOLDER), ("后文；", Mark.NONE),
        ("【待补充：附表】", Mark.PLACEHOLDER)]


def test_render_tells_the_gap_a_passing_workbook_leaves_and_a_draft_does_not(
        tmp_path: Path) -> None:
    sample = next(SAMPLES.glob("001_*.xlsx"))  # its 大纲 keeps the part its source report lacked
    result = runner.invoke(app, ["render", str(sample), "-o", str(tmp_path / "报告.docx")])
    assert result.exit_code == 0, result.output
    assert "大纲!C31" in result.output and "报告中留有【待补充：第一责任人履职情况】" in result.output
    assert "[placeholder-left]" in result.output and (tmp_path / "报告.docx").exists()
    draft = runner.invoke(app, ["render", str(sample), "-o", str(tmp_path / "初稿.docx"), "--draft"])
    assert draft.exit_code == 0 and "placeholder-left" not in draft.output
