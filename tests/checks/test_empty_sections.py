"""A heading with nothing under it is left out of the report: check says so at its cell, as a
note when init wrote it (its default sentences had no figures), as a warning when the clerk
wrote or changed it; and what check names is exactly what the report leaves out."""

from __future__ import annotations

from pathlib import Path

from drafter.checks.body_rows import settle
from drafter.model.document import Heading
from drafter.model.figures import OutlineRow, WorkbookData
from drafter.model.findings import CellRef
from drafter.model.levels import Level
from tests.conftest import SAMPLES


def _row(level: Level, title: str = "", body: str = "", *, row: int, default: bool = False):
    return OutlineRow(level, title, body, title_cell=CellRef("大纲", f"B{row}"), default=default)


def _left_out(rows: list[OutlineRow]) -> list[tuple[str, str, str]]:
    data = WorkbookData(path="t.xlsx", outline=rows, has_outline=True)
    defaults = [r for r in rows if r.default]  # rows as the pack's outline.toml has them
    settle(data, defaults, catalog=None, computed={})  # type: ignore[arg-type]
    return [(f.code, f.severity.value, str(f.cells[0])) for f in data.findings]


def test_each_heading_left_empty_is_named_at_its_cell() -> None:
    rows = [
        _row(Level.H1, "主要工作", row=2),
        _row(Level.H2, "法律援助", row=3),
        _row(Level.POINT, "便民", "受理案件。", row=4),
        _row(Level.H2, "人民调解", row=5),  # nothing before the next heading of its level
        _row(Level.H2, "普法", row=6, default=True),
        _row(Level.H3, "七进", row=7, default=True),  # its deeper heading is empty too
        _row(Level.H1, "存在的不足", "制度还不健全。", row=8),  # its own 内容 is enough
        _row(Level.H1, "其他情况", row=9),  # the last heading, nothing after it
    ]
    assert _left_out(rows) == [
        ("empty-section", "警告", "大纲!B5"),
        ("heading-left-out", "提示", "大纲!B6"),
        ("heading-left-out", "提示", "大纲!B7"),
        ("empty-section", "警告", "大纲!B9"),
        # 主要工作 keeps only 法律援助 of its three 二级标题: （一） with no （二）
        ("lone-subheading", "警告", "大纲!B3"),
    ]


def test_a_lone_subheading_is_told_only_where_it_stands_alone() -> None:
    rows = [
        _row(Level.H1, "主要工作", row=2),
        _row(Level.H2, "法律援助", "受理案件。", row=3),
        _row(Level.H2, "人民调解", "调处纠纷。", row=4),
        _row(Level.H1, "存在的不足", row=5),
        _row(Level.H2, "制度", "还不健全。", row=6),
        _row(Level.H3, "细则", "尚缺。", row=7),  # a deeper heading is not a sibling
        _row(Level.H1, "下一步", "继续努力。", row=8),  # no subheading at all: nothing to say
    ]
    data = WorkbookData(path="t.xlsx", outline=rows, has_outline=True)
    settle(data, [], catalog=None, computed={})  # type: ignore[arg-type]
    told = [(f.code, str(f.cells[0]), f.message) for f in data.findings]
    assert [t[:2] for t in told] == [("lone-subheading", "大纲!B6"),
                                     ("lone-subheading", "大纲!B7")]
    assert "“存在的不足”下只剩这一个二级标题,报告中有“（一）”而没有“（二）”" in told[0][2]
    assert "有“1.”而没有“2.”" in told[1][2]


def test_a_heading_with_something_deeper_under_it_stays() -> None:
    rows = [_row(Level.H1, "一", row=2), _row(Level.H2, "二", row=3),
            _row(Level.H3, "三", row=4), _row(Level.PARAGRAPH, "", "正文。", row=5)]
    assert [f for f in _left_out(rows) if f[0] != "lone-subheading"] == []  # each stays


def test_what_check_names_is_what_the_report_leaves_out(monkeypatch) -> None:
    from drafter import pipeline
    from drafter.templating import outline_text

    dropped: list[str] = []
    prune = outline_text._prune

    def watched(blocks):
        kept = prune(blocks)
        ids = {id(b) for b in kept}
        dropped.extend(b.text for b in blocks if isinstance(b, Heading) and id(b) not in ids)
        return kept

    monkeypatch.setattr(outline_text, "_prune", watched)
    samples = sorted(SAMPLES.glob("*.xlsx")) + sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    for path in samples:
        dropped.clear()
        result = pipeline.check_workbook(Path(path))
        pipeline.render_document(result, draft=True)
        named = [f.message.split("“", 1)[1].split("”", 1)[0] for f in result.report.findings
                 if f.code in ("heading-left-out", "empty-section")
                 or (f.code == "required-part-missing" and "下没有内容" in f.message)]
        same = outline_text.fullwidth_punctuation
        assert [same(t) for t in named] == [same(t) for t in dropped], path.name
    assert dropped  # the samples do leave headings out (001, 004, the districts)
