"""The import corpus (tests/importing/corpus.py): every source in every format and the three
page shapes, each imported and measured against its source. Made once per session (the
LibreOffice conversions take ~15 s); marked slow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.importing import outline, text
from drafter.importing.build import import_report
from tests.importing import corpus

pytestmark = pytest.mark.slow
BODY_KEPT = 0.98
# the headings of each source as this reader finds them in its .txt, by level: the other
# formats must find the same titles at the same levels (corpus.measure)
HEADINGS = {"000": {1: 4}, "001": {1: 2, 2: 9}, "002": {1: 4, 2: 12}, "003": {1: 2, 2: 9},
            "004": {1: 9, 2: 4}}


@pytest.fixture(scope="session")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[corpus.Case]:
    if not corpus.sources():
        pytest.skip(f"源报告不在 {corpus.SOURCES}(项目之外的共享资料)")
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is needed to make the corpus; CI installs it")
    return corpus.build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def sources(cases: list[corpus.Case]) -> dict[str, text.Source]:
    """Each input read once (a .doc or .odt costs a LibreOffice start)."""
    return {c.name: text.read(c.path) for c in cases}


@pytest.fixture(scope="session")
def metrics(cases: list[corpus.Case], sources: dict[str, text.Source]
            ) -> dict[str, corpus.Metrics]:
    return {c.name: corpus.measure(c, sources[c.name]) for c in cases}


def test_every_format_and_shape_is_in_the_corpus(cases: list[corpus.Case]) -> None:
    formats = {(c.name[:3], c.fmt) for c in cases if not c.shape}
    for key in (s.name[:3] for s in corpus.sources()):
        assert {f for k, f in formats if k == key} == {"docx", "doc", "odt", "pdf", "html", "txt"}
    assert {c.shape for c in cases} == {"", "印发通知", "网页+页码", "无标题"}


def test_the_sources_headings_as_the_reader_finds_them() -> None:
    for src in corpus.sources():
        counts: dict[int, int] = {}
        for level, _ in corpus.expected_headings(src):
            counts[level] = counts.get(level, 0) + 1
        assert counts == HEADINGS[src.name[:3]], src.name


def test_body_kept_and_headings_found_in_every_input(metrics: dict[str, corpus.Metrics]) -> None:
    low = {n: f"{m.body_kept:.3f}" for n, m in metrics.items() if m.body_kept < BODY_KEPT}
    assert not low, low
    missed = {n: m.missing for n, m in metrics.items() if m.headings < 1}
    assert not missed, missed


def test_every_format_gives_the_same_outline_as_the_docx(
        cases: list[corpus.Case], sources: dict[str, text.Source]) -> None:
    def shape(case: corpus.Case) -> list[tuple[int, str]]:
        read = sources[case.name]
        parsed = outline.parse(read.lines, read.levels, read.cells)
        return [(r.level, corpus.normalize(r.title)) for r in parsed.rows]

    docx = {(c.name[:3], c.shape): shape(c) for c in cases if c.fmt == "docx"}
    for case in cases:
        if (case.name[:3], case.shape) in docx and case.fmt != "docx":
            assert shape(case) == docx[(case.name[:3], case.shape)], case.name


def test_a_cover_notice_is_kept_as_facts_and_the_report_after_it_imported_whole(
        cases: list[corpus.Case], tmp_path: Path) -> None:
    for case in (c for c in cases if c.shape == "印发通知" and c.fmt in ("docx", "pdf", "txt")):
        result = import_report(case.path, tmp_path / f"{case.name}.xlsx")
        facts = result.plan.facts
        assert facts["主送机关"] == "各科室、各司法所", case.name
        assert facts["发文字号"] == "镜湖区司法局〔2024〕12号", case.name
        assert facts["成文日期"] == "2024年7月8日", case.name
        assert facts["报告标题"] == "镜湖区司法局2025年上半年工作总结", case.name
        assert (result.headings, result.points) == (4, 15), case.name
        assert result.figures > 60, case.name


def test_a_website_page_leaves_its_chrome_and_page_markers_out(
        cases: list[corpus.Case], sources: dict[str, text.Source]) -> None:
    chrome = ("浏览次数", "版权所有", "ICP备", "当前位置", "打印本页", "分享到", "相关链接", "网站地图",
              "索引号", "发布机构", "无障碍", " / ")
    for case in (c for c in cases if c.shape == "网页+页码"):
        read = sources[case.name]
        body = "\n".join(read.lines)
        assert not [w for w in chrome if w in body], case.name
        assert any("页码" in n for n in read.notes), read.notes
        # every paragraph whole, the one a page marker cut in two included
        whole = set(read.lines)
        assert [line for line in corpus.body_lines(case.source) if line not in whole] == []


def test_a_report_without_its_title_keeps_its_structure(metrics: dict[str, corpus.Metrics]
                                                        ) -> None:
    untitled = next(m for m in metrics.values() if m.case.shape == "无标题")
    assert untitled.headings == 1 and untitled.body_kept >= BODY_KEPT


def test_the_table_script_prints_every_input(metrics: dict[str, corpus.Metrics]) -> None:
    table = corpus.table(list(metrics.values()))
    assert table.count("\n") == len(metrics) + 1
    assert "| 000-印发通知.pdf | pdf | 印发通知 |" in table
