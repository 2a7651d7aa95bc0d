"""How well one report comes back through `drafter import`: a function the round-trip tests
call per source, and that can be called on any report file (another format, another page
shape) to get the same figures.

    from tests.importing.measure import measure
    m = measure(Path("去年报告.docx"), tmp_path)   # tmp_path: a folder for the workbook
    m.figure_share, m.renders, m.fragments, m.render_errors

What is measured, per input:
- figures: each statistic of the report's body (figures.find) found again, written the same,
  in the document rendered from the imported workbook once 本期 = 上年同期 (as a clerk
  typing last year's figures would);
- sentences: the body's sentences found again word for word, years aside (they move with
  年度: “2024年上半年” reads 2025年上半年);
- renders: whether that workbook passes check and renders without --draft (and, when not,
  the errors that stop it);
- fragments: imported indicator names that are not names (naming.fragment, with the words
  each was named from).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from drafter import pipeline
from drafter.errors import DrafterError
from drafter.importing import figures, naming, outline, text
from drafter.importing.build import Result, import_report
from drafter.model.document import Heading, Mark, Paragraph
from drafter.model.findings import Severity

_SENTENCE = re.compile(r"[。！？；!?;]")
_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]"
                     r"|[（(]\d+[）)])")
_YEARS = re.compile(r"(19|20)\d{2}(?=\s*年)")


@dataclass
class Measured:
    source: Path
    workbook: Path
    result: Result
    figures: int = 0  # in the report's body
    recovered: int = 0  # found again, written the same, in the rendered document
    lost: list[str] = field(default_factory=list)
    sentences: int = 0
    sentences_recovered: int = 0
    sentences_lost: list[str] = field(default_factory=list)
    headings_wanted: list[tuple[int, str]] = field(default_factory=list)
    headings_got: list[tuple[int, str]] = field(default_factory=list)
    renders: bool = False  # passes check and renders without --draft
    render_errors: list[str] = field(default_factory=list)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (name, why, words)
    names: list[str] = field(default_factory=list)  # every imported indicator name
    text: str = ""  # the rendered document (draft when it does not render)

    @property
    def figure_share(self) -> float:
        return self.recovered / self.figures if self.figures else 1.0

    @property
    def sentence_share(self) -> float:
        return self.sentences_recovered / self.sentences if self.sentences else 1.0

    def row(self) -> str:
        """One line for a table of inputs."""
        return (f"{self.source.name}: 数字 {self.recovered}/{self.figures} = {self.figure_share:.1%};"
                f" 句子 {self.sentence_share:.1%}; 正式生成 {'是' if self.renders else '否'};"
                f" 名称残片 {len(self.fragments)}/{len(self.names)}")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        for piece in _SENTENCE.split(norm(line)):
            piece = _YEARS.sub("#", _NUMBER.sub("", piece).strip("，,：:"))
            if piece:
                out.append(piece)
    return out


def figure_texts(lines: list[str]) -> Counter[str]:
    return Counter(norm(f.shown) for line in lines for f in figures.find(line)[0])


def this_year_is_last_year(path: Path) -> None:
    """本期 = 上年同期 on every row of 指标, as a clerk typing last year's figures would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        previous = ws.cell(row, cols["上年同期"]).value
        if previous is not None:
            ws.cell(row, cols["本期"]).value = previous
    wb.save(path)


def headings_of(doc) -> list[tuple[int, str]]:
    """The document's headings (level, text without number), run-in or not."""
    out: list[tuple[int, str]] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append((block.level, norm("".join(s.text for s in block.spans))))
        elif isinstance(block, Paragraph):
            run_in = [s for s in block.spans if s.mark is Mark.HEADING]
            if run_in:
                found = _NUMBER.sub("", norm("".join(s.text for s in run_in)))
                out.append((run_in[0].level, found.rstrip("。")))
    return out


def measure(source: Path, folder: Path, *, kind: str | None = None,
            office: Path | None = None) -> Measured:
    """Import `source` into `folder`/今年.xlsx, fill 本期 = 上年同期, render, and compare."""
    out = Path(folder) / "今年.xlsx"
    result = import_report(source, out, kind=kind, office=office, force=True)
    m = Measured(Path(source), out, result)
    for own in result.plan.own:
        m.names.append(own.name)
        why = naming.fragment(own.name, own.context)
        if why:
            m.fragments.append((own.name, why, own.context))
    this_year_is_last_year(out)
    checked = pipeline.check_workbook(out, kind=kind, office=office)
    m.render_errors = [f"{', '.join(str(c) for c in f.cells[:2])} {f.message} [{f.code}]"
                       for f in checked.report.findings if f.severity is Severity.ERROR]
    doc = None
    if not m.render_errors:
        try:
            doc = pipeline.render_document(checked, draft=False)
            m.renders = True
        except DrafterError as exc:
            m.render_errors.append(str(exc))
    if doc is None:
        doc = pipeline.render_document(checked, draft=True)
    lines = doc.paragraphs_text()
    m.text = "\n".join(lines)
    m.headings_got = headings_of(doc)

    read = text.read(source)
    parsed = outline.parse(read.lines, read.levels)
    imported = {r.line for r in parsed.rows}  # the body: no title, 落款, web page text
    body = [line for n, line in enumerate(read.lines, start=1) if n in imported]
    m.headings_wanted = [(r.level, norm(r.title)) for r in parsed.headings]
    want, got = figure_texts(body), figure_texts(lines)
    m.figures = sum(want.values())
    m.recovered = sum(min(n, got[k]) for k, n in want.items())
    m.lost = sorted((want - got).elements())
    wanted = sentences(body)
    found = set(sentences(lines))
    m.sentences = len(wanted)
    m.sentences_recovered = sum(s in found for s in wanted)
    m.sentences_lost = [s for s in wanted if s not in found]
    return m


def main(paths: list[str]) -> None:
    """`python -m tests.importing.measure 报告.docx 报告.pdf …`: one line per input."""
    import tempfile

    for path in paths:
        with tempfile.TemporaryDirectory() as folder:
            m = measure(Path(path), Path(folder))
            print(m.row())
            for name, why, words in m.fragments:
                print(f"    名称残片:{name}({why}):{words}")
            for error in m.render_errors[:5]:
                print(f"    未能正式生成:{error}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
