"""How well one report comes back through `drafter import`: the one measurement per input, for
the corpus (tests/importing/corpus.py: every source in every format and page shape) and for
any report file.

    from tests.importing.measure import measure
    m = measure(Path("去年报告.docx"), tmp_path, reference=Path("源报告.txt"))
    m.body_kept, m.headings, m.figure_share, m.renders, m.fragments

`reference` is the report as published (the corpus: the source's .txt); without one, the
input's own text is the reference. Measured, per input:
- body kept: the reference's characters (website header lines aside) found in order in what
  the import keeps — title, 大纲's headings, points and paragraphs, 落款 (compared without
  whitespace, punctuation and heading numbers, which drafter writes itself);
- headings: the reference's headings found at their level in 大纲 and again in the rendered
  document (years aside: a heading's year moves on with the report's);
- figures: each statistic of the reference's body (figures.find) found again, written the
  same, in the document rendered once 本期 = 上年同期 (as a clerk typing last year's figures
  would); sentences: the body's sentences found word for word, years aside;
- renders: whether that workbook passes check and renders without --draft; when not, the
  errors that stop it, and — where the import found the text's own mistake (a stated total
  its parts do not make) — whether it renders once that total is corrected to its parts;
- fragments: imported indicator names that are not names (naming.fragment, the stated rule).
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
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
_MARKS = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+[、.])")
_POINTS = re.compile(r"[一二三四五六七八九十]+是")
# the website's own lines in the sources (their 政府信息公开 header): not the report's body
CHROME = re.compile(r"^(文件名称|索引号|公开目录|发文日期|生效日期|文号|生成日期|发布日期|扫一扫)")
# the import's finding for a total the text states and its parts do not make (relations.py)
_STATED = re.compile(r"各项之和为 ([\d.]+),与原文写明的总数 ([\d.]+) 不等")


@dataclass(frozen=True)
class Reference:
    """The report as published: what an input of it must give back."""

    body: str  # its lines, website header aside
    headings: tuple[tuple[int, str], ...]  # (level, key)
    figures: Counter[str]
    sentences: tuple[str, ...]


@dataclass
class Measured:
    source: Path
    workbook: Path
    result: Result
    body_kept: float = 0.0
    headings_wanted: list[tuple[int, str]] = field(default_factory=list)
    headings_missing: list[str] = field(default_factory=list)  # not in 大纲 or the document
    figures: int = 0  # in the reference's body
    recovered: int = 0  # found again, written the same, in the rendered document
    lost: list[str] = field(default_factory=list)
    sentences: int = 0
    sentences_recovered: int = 0
    sentences_lost: list[str] = field(default_factory=list)
    renders: bool = False  # passes check and renders without --draft
    render_errors: list[str] = field(default_factory=list)
    stated: list[tuple[str, str]] = field(default_factory=list)  # the text's totals (X, parts)
    renders_corrected: bool = False  # renders once each stated total is its parts' sum
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (name, why, words)
    names: list[str] = field(default_factory=list)  # every imported indicator name
    text: str = ""  # the rendered document (draft when it does not render)

    @property
    def headings(self) -> float:
        wanted = len(self.headings_wanted)
        return (wanted - len(self.headings_missing)) / wanted if wanted else 1.0

    @property
    def figure_share(self) -> float:
        return self.recovered / self.figures if self.figures else 1.0

    @property
    def sentence_share(self) -> float:
        return self.sentences_recovered / self.sentences if self.sentences else 1.0

    @property
    def facts(self) -> dict[str, str]:
        return self.result.plan.facts

    def rendered(self) -> str:
        """正式生成, in words: 是, 否, or 否 for the text's own total and 是 once corrected."""
        if self.renders:
            return "是"
        if self.stated and self.renders_corrected:
            return "改正原文总数后是(" + "、".join(f"{x}→{y}" for x, y in self.stated) + ")"
        return "否"

    def row(self) -> str:
        """One line for a table of inputs."""
        return (f"{self.source.name}: 正文 {self.body_kept:.1%}; 标题 {self.headings:.0%};"
                f" 数字 {self.recovered}/{self.figures} = {self.figure_share:.1%};"
                f" 句子 {self.sentence_share:.1%}; 正式生成 {self.rendered()};"
                f" 名称残片 {len(self.fragments)}/{len(self.names)}")


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def normalize(text_: str) -> str:
    """For comparing bodies: width folded, whitespace, punctuation, heading numbers and
    point markers dropped (drafter numbers headings and points itself)."""
    lines = []
    for line in unicodedata.normalize("NFKC", text_).splitlines():
        line = _MARKS.sub("", line.strip())
        lines.append(_POINTS.sub("", line))
    return "".join(ch for ch in "".join(lines) if unicodedata.category(ch)[0] in "LN")


def heading_key(title: str) -> str:
    """A heading as compared: normalized, its years left out (they move on with 年度)."""
    return normalize(_YEARS.sub("", _NUMBER.sub("", norm(title))).rstrip("。"))


def kept(source: str, imported: str) -> float:
    a, b = normalize(source), normalize(imported)
    if not a:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(a)


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


def imported_text(parsed: outline.Outline) -> str:
    """What the import keeps of a report: title, rows (headings, points, paragraphs),
    signature and date."""
    parts = [parsed.title]
    for r in parsed.rows:
        parts += [r.title, r.body]
    parts += [parsed.signature, parsed.date]
    return "\n".join(p for p in parts if p)


def reference_of(read: text.Source) -> Reference:
    parsed = outline.parse(read.lines, read.levels, read.cells)
    imported = {r.line for r in parsed.rows}  # the body: no title, 落款, web page text
    body = [line for n, line in enumerate(read.lines, start=1) if n in imported]
    return Reference("\n".join(line for line in read.lines if not CHROME.match(line)),
                     tuple((r.level, heading_key(r.title)) for r in parsed.headings),
                     figure_texts(body), tuple(sentences(body)))


@cache
def published(path: Path) -> Reference:
    """The published report `path` (a source's .txt), read once per session."""
    return reference_of(text.read(path))


def this_year_is_last_year(path: Path) -> None:
    """本期 = 上年同期 on every row of 指标, as a clerk typing last year's figures would."""
    _fill(path, lambda previous: previous)


def _fill(path: Path, value, *, previous_too: bool = False) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["指标"]
    cols = {c.value: c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        previous = ws.cell(row, cols["上年同期"]).value
        if previous is None:
            continue
        ws.cell(row, cols["本期"]).value = value(previous)
        if previous_too:
            ws.cell(row, cols["上年同期"]).value = value(previous)
    wb.save(path)


def headings_of(doc) -> list[tuple[int, str]]:
    """The document's headings (level, text), run-in or not."""
    out: list[tuple[int, str]] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append((block.level, "".join(s.text for s in block.spans)))
        elif isinstance(block, Paragraph):
            run_in = [s for s in block.spans if s.mark is Mark.HEADING]
            if run_in:
                out.append((run_in[0].level, "".join(s.text for s in run_in)))
    return out


def _render(workbook: Path, kind: str | None, office: Path | None) -> tuple[list[str], object]:
    """(errors that stop a render without --draft, the document: final, or draft if not)."""
    checked = pipeline.check_workbook(workbook, kind=kind, office=office)
    errors = [f"{', '.join(str(c) for c in f.cells[:2])} {f.message} [{f.code}]"
              for f in checked.report.findings if f.severity is Severity.ERROR]
    if not errors:
        try:
            return [], pipeline.render_document(checked, draft=False)
        except DrafterError as exc:
            errors.append(str(exc))
    return errors, pipeline.render_document(checked, draft=True)


def measure(source: Path, folder: Path, *, kind: str | None = None, office: Path | None = None,
            reference: Path | None = None, read: text.Source | None = None) -> Measured:
    """Import `source` into `folder`/今年.xlsx, fill 本期 = 上年同期, render, and compare with
    `reference` (the published text; default: `source` itself). `read`: `source` as
    text.read gave it, when the caller has it (a .doc costs a LibreOffice start per read)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "今年.xlsx"
    read = read or text.read(source)
    result = import_report(source, out, kind=kind, office=office, force=True, read=read)
    want = published(reference) if reference else reference_of(read)
    m = Measured(Path(source), out, result)
    for own in result.plan.own:
        m.names.append(own.name)
        why = naming.fragment(own.name, own.context)
        if why:
            m.fragments.append((own.name, why, own.context))

    parsed = outline.parse(read.lines, read.levels, read.cells)
    m.body_kept = kept(want.body, imported_text(parsed))
    this_year_is_last_year(out)
    m.render_errors, doc = _render(out, kind, office)
    m.renders = not m.render_errors
    lines = doc.paragraphs_text()
    m.text = "\n".join(lines)

    m.headings_wanted = list(want.headings)
    in_outline = {(r.level, heading_key(r.title)) for r in parsed.headings}
    in_document = {(lv, heading_key(t)) for lv, t in headings_of(doc)}
    m.headings_missing = [t for lv, t in want.headings
                          if (lv, t) not in in_outline or (lv, t) not in in_document]
    got = figure_texts(lines)
    m.figures = sum(want.figures.values())
    m.recovered = sum(min(n, got[k]) for k, n in want.figures.items())
    m.lost = sorted((want.figures - got).elements())
    found = set(sentences(lines))
    m.sentences = len(want.sentences)
    m.sentences_recovered = sum(s in found for s in want.sentences)
    m.sentences_lost = [s for s in want.sentences if s not in found]
    if not m.renders:
        _correct_stated_totals(m, kind, office)
    return m


def _correct_stated_totals(m: Measured, kind: str | None, office: Path | None) -> None:
    """A total the text states whose parts make another (the import's finding, exit 1): in a
    copy of the workbook, that total becomes its parts' sum, last year's and this year's;
    does it render then?"""
    m.stated = [(x, y) for y, x in _STATED.findall("\n".join(m.result.findings))]
    if not m.stated:
        return
    fixed = m.workbook.with_name("改正原文总数.xlsx")
    shutil.copyfile(m.workbook, fixed)
    totals = {x: int(y) if y.isdigit() else float(y) for x, y in m.stated}
    _fill(fixed, lambda v: totals.get(str(v), v), previous_too=True)
    m.renders_corrected = not _render(fixed, kind, office)[0]


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
