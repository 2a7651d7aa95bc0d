"""A report made without --draft never holds a 【待补充】 the user was not told about: the
check tells the words typed into a cell (placeholder-typed), render the gaps a template
leaves (placeholder-left), each once."""

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
        Paragraph((Span("其他："), Span("【待补充：附表说明】", Mark.PLACEHOLDER))),  # typed: the check's
        Paragraph((Span("【待补充：第一责任人履职情况】", Mark.PLACEHOLDER),)),  # told once
        Table("附表", ("区县", "说明"), (("甲区", "【待补充：说明】"),)),
        Paragraph((Span("写明【法律援助.受理案件】即可"),)),  # a reference, not a gap
    ])
    found = placeholders.findings(doc, data)
    assert [(f.code, f.message, [str(c) for c in f.cells]) for f in found] == [
        ("placeholder-left", "报告中留有【待补充：第一责任人履职情况】,请在数据表中填写后重新生成,"
         "或在 Word 中补写", ["基本信息!B12"]),
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


def test_the_gap_a_passing_workbook_leaves_is_told_by_check_and_once_by_render(
        tmp_path: Path) -> None:
    sample = next(SAMPLES.glob("001_*.xlsx"))  # its 大纲 keeps the part its source report lacked
    checked = runner.invoke(app, ["check", str(sample)])
    assert checked.exit_code == 0, checked.output
    assert "大纲!C31" in checked.output and "[placeholder-typed]" in checked.output
    assert "写着【待补充：第一责任人履职情况】" in checked.output
    result = runner.invoke(app, ["render", str(sample), "-o", str(tmp_path / "报告.docx")])
    assert result.exit_code == 0, result.output
    assert result.output.count("【待补充：第一责任人履职情况】") == 1, result.output
    assert "[placeholder-typed]" in result.output and "[placeholder-left]" not in result.output
    assert (tmp_path / "报告.docx").exists()


def test_render_tells_a_gap_the_template_leaves_and_a_draft_does_not(tmp_path: Path) -> None:
    """An office's template printing an item the workbook leaves blank: render names the
    item's cell; a --draft, made to show gaps, does not."""
    from openpyxl import load_workbook

    office = tmp_path / "单位"
    office.mkdir()
    (office / "pack.toml").write_text('base = "法治政府建设年度报告"\nname = "本局"\n',
                                      encoding="utf-8")
    (office / "main.j2").write_text(
        '{% extends "base.j2" %}\n{% block 落款 %}\n{{ super() }}\n主送：{{ 主送机关 }}\n'
        "{% endblock %}\n", encoding="utf-8")
    src = tmp_path / "数据.xlsx"
    wb = load_workbook(next(SAMPLES.glob("001_*.xlsx")))
    wb["大纲"]["C31"] = "主要负责人带头履行推进法治建设第一责任人职责。"
    facts = wb["基本信息"]
    (row,) = [r for r in facts.iter_rows(min_row=2) if r[0].value == "主送机关"]
    row[1].value = None
    wb.save(src)
    result = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "报告.docx"),
                                 "--office", str(office)])
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if "[placeholder-left]" in line]
    assert len(told) == 1 and "报告中留有【待补充：主送机关】" in told[0], result.output
    assert f"基本信息!{row[1].coordinate}" in told[0]
    assert "[placeholder-typed]" not in result.output
    draft = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "初稿.docx"), "--draft",
                                "--office", str(office)])
    assert draft.exit_code == 0 and "placeholder-left" not in draft.output


def test_a_gap_typed_into_a_heading_is_told_by_check_and_marked_in_the_report(
        tmp_path: Path) -> None:
    """A title prints as written, a doubled bracket once: the heading holds the gap, marked
    like any other, and told once, at its cell, as the check tells it."""
    from docx import Document as Docx
    from openpyxl import load_workbook

    src = tmp_path / "数据.xlsx"
    wb = load_workbook(next(SAMPLES.glob("000_*.xlsx")))
    (row,) = [r for r in wb["大纲"].iter_rows(min_row=2, max_row=4) if r[0].value == "一级标题"]
    row[1].value = "【【待补充：第一部分标题】】"
    wb.save(src)
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if "待补充：第一部分标题" in line]
    assert len(told) == 1 and "[placeholder-typed]" in told[0], result.output
    assert f"大纲!{row[1].coordinate}" in told[0]
    heading = next(p for p in Docx(str(out)).paragraphs if "第一部分标题" in p.text)
    assert heading.text == "一、【待补充：第一部分标题】"
    assert [r.style.name for r in heading.runs if "待补充" in r.text] == ["待补充"]
