"""Every figure a template prints comes out of the outline as a span naming its indicator."""

from __future__ import annotations

from pathlib import Path

from drafter.config import packs
from drafter.model.document import Heading, Mark, Paragraph, Span
from drafter.model.source import FigureSource
from drafter.pipeline import check_workbook, render_document
from drafter.templating import filters, outline
from drafter.templating.views import Phrase
from tests.conftest import SAMPLE_000, make_workbook
from tests.templating.test_filters import fig


def _spans(path: Path, office: Path | None = None, draft: bool = False) -> list[Span]:
    result = check_workbook(path, office=office)
    doc = render_document(result, draft=draft)
    return [s for b in doc.blocks if isinstance(b, Paragraph | Heading) for s in b.spans]


def test_filters_keep_the_indicator_a_phrase_prints() -> None:
    assert filters.wan(fig(14200)).source == FigureSource(("法律援助.受理案件",))
    assert filters.approx(fig(134), "余", 10).source == FigureSource(("法律援助.受理案件",))
    assert filters.chinese(fig(2)).source == FigureSource(("法律援助.受理案件",))
    assert filters.yoy(fig(1123, previous=1000)).source == FigureSource(("法律援助.受理案件",), "同比")
    assert filters.ratio(fig(7), fig(23)).source == FigureSource(
        ("法律援助.受理案件", "法律援助.受理案件"), "比率")
    assert filters.number(236).source is None  # a plain number names no indicator
    assert filters.ratio(fig(7), 23).source is None


def test_sample_figures_are_sourced_spans_and_text_is_unchanged() -> None:
    spans = _spans(SAMPLE_000)
    sourced = [s for s in spans if s.source]
    assert len(sourced) > 50
    by_text = {s.text: s.source for s in sourced}
    assert by_text["130余场次"] == FigureSource(("普法.法律进活动",))
    assert all(s.source and s.text and "\x05" not in s.text for s in sourced)
    assert not any(ch in s.text for s in spans for ch in "\x01\x02\x03\x04\x05\x06\x07")


def test_flagged_figures_keep_their_source_in_a_draft(tmp_path) -> None:
    pack = packs.load("半年工作总结")
    assert "人民调解.化解纠纷" in pack.catalog.indicators
    # 化解 is a subset of 排查: 120 > 100 is an error, both figures are flagged
    body = "排查矛盾纠纷【人民调解.排查纠纷】，化解矛盾纠纷【人民调解.化解纠纷】。"
    path = make_workbook(tmp_path, {"人民调解.排查纠纷": 100, "人民调解.化解纠纷": 120},
                         points={"x": ("多元化解", body)})
    spans = _spans(path, draft=True)
    flagged = [s for s in spans if s.mark is Mark.FLAGGED]
    assert flagged and all(s.source for s in flagged)
    assert {s.source for s in flagged} == {FigureSource(("人民调解.排查纠纷",)), FigureSource(("人民调解.化解纠纷",))}


def test_cell_text_cannot_forge_a_source_mark(tmp_path) -> None:
    text = outline.escape("\x05党建.集中学习\x06999次\x07")
    assert "\x05" not in text and "\x07" not in text
    assert all(not s.source for s in outline.spans(text))


def test_marks_do_not_change_full_width_punctuation() -> None:
    plain = "调处纠纷236件,成功率30.43%;共(3)次"
    marked = ("调处纠纷" + outline.sourced("236件", FigureSource(("a.b",))) + "," + "成功率"
              + outline.sourced(outline.flagged("30.43%"), FigureSource(("a.c",))) + ";共(3)次")
    assert outline._plain(outline.fullwidth_punctuation(marked)) == (
        outline.fullwidth_punctuation(plain))
    spans = outline.spans(outline.fullwidth_punctuation(marked))
    assert [(s.text, s.mark, s.source) for s in spans if s.source] == [
        ("236件", Mark.NONE, FigureSource(("a.b",))), ("30.43%", Mark.FLAGGED, FigureSource(("a.c",)))]


def test_a_run_in_heading_keeps_the_source_of_its_figures() -> None:
    heading = Heading(2, "（一）", (Span("办案"), Span("12件", source=FigureSource(("a.b",)))))
    spans = outline._run_in_heading(heading)
    assert [s.source for s in spans if s.text == "12件"] == [FigureSource(("a.b",))]
    assert Phrase("x", source=FigureSource(("a.b",))).source == FigureSource(("a.b",))


def test_figures_a_workbook_text_refers_to_are_sourced(tmp_path) -> None:
    path = make_workbook(tmp_path, {"法律援助.受理案件": 236},
                         points={"法律援助:新增": ("民生实事", "共受理案件【法律援助.受理案件】。")})
    spans = _spans(path, draft=True)
    assert ("236件", FigureSource(("法律援助.受理案件",))) in [(s.text, s.source) for s in spans]
