"""The page checklist: every sample as LibreOffice prints it, checked the way a careful 办公室
reviewer reads a 公文 (GB/T 9704-2012; /work/shared/GONGWEN.md).

Every sample is rendered (000–004, 002 with its office folder, 004 as a --draft, the city
report rolled up from 005, and 000 sent as a formal 公文 with 主送机关 and a signature longer
than its date), all are converted in one LibreOffice call with drafter's font mapping, and
each PDF is read back word by word (pdftotext -bbox) against the document model:
- 署名 and 成文日期: the date's first character 2 characters right of the organ's; the longer
  of the two 2 characters in from the right (as Word sets it); one blank line above;
- 主送机关: one blank line below the title, the body on the very next line;
- 附件说明 after the body and before the signature wherever there is an annex, indented 2
  characters; the annex on its own page, 附件 flush left on the first line, its title centred
  on the third line;
- table header cells: each printed line is exactly a line drafter chose (between words), none
  broken further;
- no heading or title ends on a line of one or two characters, unless the render reported it
  (heading-short-line), nor a body paragraph (a closing mark does not count: “人。” at the top
  of a page is one character alone), unless reported (body-short-line);
- every .docx has 0 schema errors.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from drafter import pipeline
from drafter.cli import app
from drafter.config.style import StyleProfile
from drafter.model.document import (
    Attachments,
    Document,
    Heading,
    Paragraph,
    Recipient,
    Signature,
    Table,
    Title,
)
from drafter.publish import pdf
from drafter.word import fit
from drafter.word.codes import BODY_SHORT_LINE, HEADING_SHORT_LINE
from drafter.word.text import width
from tests.conftest import ROOT, SAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                       reason="LibreOffice and poppler are needed to measure (CI installs them)"),
]

VALIDATE = ROOT.parent / "shared" / "ooxml" / "validate.py"
GB = StyleProfile()
MM = 72 / 25.4
LEFT, RIGHT = GB.margin_left_mm * MM, (GB.page_width_mm - GB.margin_right_mm) * MM
TOP = GB.margin_top_mm * MM
PITCH = 579 / 20  # the line grid: 225 mm / 22 lines, in twips rounded down, in points
CHAR = 16 - 0.25  # a 3号 character at the body's spacing
FORMAL = {"发文机关标志": "镜湖区司法局", "发文字号": "镜司〔2024〕12号", "主送机关": "区委、区政府",
          "署名": "中共镜湖区委全面依法治区委员会办公室", "成文日期": "2024-07-05"}


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """A printed line: the words of one page at one height, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)


@dataclass
class Sample:
    docx: Path
    doc: Document
    findings: list[str]  # heading-short-line and body-short-line messages of the render

    @property
    def pdf(self) -> Path:
        return self.docx.with_suffix(".pdf")


def _render(folder: Path, name: str, workbook: Path, *, office: Path | None = None,
            draft: bool = False) -> Sample:
    result = pipeline.check_workbook(workbook, office=office)
    out = folder / f"{name}.docx"
    doc = pipeline.render_report(result, out, draft=draft)
    short = [f.message for f in result.report.findings
             if f.code in (HEADING_SHORT_LINE.code, BODY_SHORT_LINE.code)]
    return Sample(out, doc, short)


def _sample(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.xlsx")
    return path


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Sample]:
    folder = tmp_path_factory.mktemp("pages")
    samples = {p: _render(folder, p, _sample(p)) for p in ("000", "001", "003")}
    samples["002"] = _render(folder, "002", _sample("002"), office=SAMPLES / "002_黄石市司法局")
    samples["004-draft"] = _render(folder, "004-draft", _sample("004"), draft=True)
    city = folder / "全市.xlsx"
    districts = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    done = CliRunner().invoke(app, ["rollup", *map(str, districts), "-o", str(city), "--unit",
                                    "示例市司法局"])
    assert done.exit_code == 0, done.output
    samples["city"] = _render(folder, "city", city)
    formal = folder / "formal.xlsx"
    wb = load_workbook(_sample("000"))
    for key, value in FORMAL.items():
        wb["基本信息"].append([key, value, ""])
    wb.save(formal)
    samples["formal"] = _render(folder, "formal", formal)
    # one LibreOffice call for all of them, with drafter's font mapping (as `drafter pdf`)
    env = dict(os.environ)
    conf = pdf.fontconfig_file(folder)
    if conf is not None:
        env["FONTCONFIG_FILE"] = str(conf)
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(s.docx) for s in samples.values())],
                   env=env, capture_output=True, timeout=600, check=True)
    for s in samples.values():
        assert s.pdf.is_file(), s.pdf
    return samples


def lines_of(path: Path) -> list[Line]:
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    words: list[Word] = []
    for n, page in enumerate(xml.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            x0, y0, x1, y1 = (float(m[i]) for i in range(1, 5))
            words.append(Word(m[5], n, x0, y0, x1, y1))
    out: list[Line] = []
    for w in sorted(words, key=lambda w: (w.page, round(w.y1), w.x0)):
        last = out[-1] if out else None
        if last and last.page == w.page and abs(last.words[-1].y1 - w.y1) < 3:
            out[-1] = Line((*last.words, w))
        else:
            out.append(Line((w,)))
    return [ln for ln in out if ln.y0 < (GB.page_height_mm - GB.margin_bottom_mm) * MM]


def _plain(text: str) -> str:
    return "".join(text.split())


def _find(lines: list[Line], text: str, start: int = 0) -> int:
    want = _plain(text)
    return next(i for i in range(start, len(lines)) if lines[i].text == want)


def _printed(texts: list[str], want: str, start: int) -> tuple[int, int]:
    """The first and last of the consecutive lines that print `want`, from `start` on."""
    for i in range(start, len(texts)):
        got, j = texts[i], i
        while want.startswith(got) and got != want and j + 1 < len(texts):
            j += 1
            got += texts[j]
        if got == want:
            return i, j
    raise AssertionError(f"“{want}” is not printed as whole lines")


NAMES = ["000", "001", "002", "003", "004-draft", "city", "formal"]


@pytest.mark.parametrize("name", NAMES)
def test_signature_and_date_stand_as_gbt_9704_places_them(pages, name) -> None:
    sample = pages[name]
    sign = next((b for b in sample.doc.blocks if isinstance(b, Signature)), None)
    if sign is None:  # their source reports have none; the city workbook fills no 署名
        assert name in ("000", "002", "003", "city")
        return
    lines = lines_of(sample.pdf)
    if sign.organ:
        i = _find(lines, sign.organ)
        organ = lines[i]
        above = lines[i - 1]  # one blank line between the body (or 附件说明) and the signature
        assert organ.page != above.page or abs(organ.y0 - above.y0 - 2 * PITCH) < 2
    if sign.organ and sign.date:
        date = lines[i + 1]
        assert date.text == _plain(sign.date)
        assert abs(date.y0 - organ.y0 - PITCH) < 1.5
        assert abs(date.x0 - organ.x0 - 2 * CHAR) < 1, (organ, date)  # first characters
        word_date = width(sign.date) * 16 - 0.25 * len(sign.date)  # as Word sets it
        if width(sign.date) + 2 > width(sign.organ):  # the date is the longer: 2 in
            assert abs(RIGHT - 2 * CHAR - word_date - date.x0) < 1.5
        else:  # the organ 2 characters in
            assert abs(RIGHT - 2 * CHAR - organ.x1) < 1.5
    elif sign.organ:
        assert abs(RIGHT - 2 * CHAR - organ.x1) < 1.5


def test_the_checklist_sees_both_signature_cases() -> None:
    # 001: the date longer than 邵阳市司法局; formal: the organ longer than its date
    assert width("2025年1月16日") + 2 > width("邵阳市司法局")
    assert width(FORMAL["署名"]) > width("2024年7月5日") + 2


@pytest.mark.parametrize("name", NAMES)
def test_no_blank_line_after_the_recipient(pages, name) -> None:
    sample = pages[name]
    recipient = next((b for b in sample.doc.blocks if isinstance(b, Recipient)), None)
    if recipient is None:
        assert name != "formal"
        return
    paragraphs = [p.text for p in docx.Document(str(sample.docx)).paragraphs]
    at = paragraphs.index(recipient.text)
    assert paragraphs[at - 1] == "" and paragraphs[at + 1] != ""  # blank above, none below
    lines = lines_of(sample.pdf)
    i = _find(lines, recipient.text)
    assert abs(lines[i + 1].y0 - lines[i].y0 - PITCH) < 1.5  # the body on the next line
    assert abs(lines[i].y0 - lines[i - 1].y0 - 2 * PITCH) < 6  # the title a blank line above
    assert abs(lines[i].x0 - LEFT) < 1  # flush left


@pytest.mark.parametrize("name", NAMES)
def test_an_annex_has_its_note_label_and_title_in_place(pages, name) -> None:
    sample = pages[name]
    labels = [b for b in sample.doc.blocks if isinstance(b, Paragraph) and b.role == "annex"]
    notes = [b for b in sample.doc.blocks if isinstance(b, Attachments)]
    if not labels:
        assert not notes and name != "city"
        return
    [note] = notes
    assert len(note.names) == len(labels)
    lines = lines_of(sample.pdf)
    first = note.names[0] if len(note.names) == 1 else f"1.{note.names[0]}"
    i = _find(lines, f"附件：{first}")
    assert abs(lines[i].x0 - LEFT - 2 * CHAR) < 1  # indented 2 characters
    assert abs(lines[i].y0 - lines[i - 1].y0 - 2 * PITCH) < 2  # one blank line after the body
    sign = next((b for b in sample.doc.blocks if isinstance(b, Signature)), None)
    if sign is not None and sign.organ:
        assert _find(lines, sign.organ) > i  # the note before the signature
    for n, label in enumerate(labels):
        j = _find(lines, label.text, i + 1)
        title = lines[j + 1]
        assert label.text == ("附件" if len(labels) == 1 else f"附件{n + 1}")
        assert lines[j - 1].page < lines[j].page  # a page of its own
        assert abs(lines[j].x0 - LEFT) < 1 and lines[j].y0 - TOP < PITCH  # first line, flush left
        assert title.text == _plain(note.names[n])
        assert 0 <= title.y0 - (TOP + 2 * PITCH) < 8  # the third line
        assert abs((title.x0 + title.x1) / 2 - (LEFT + RIGHT) / 2) < 2  # centred


@pytest.mark.parametrize("name", NAMES)
def test_table_header_cells_print_the_lines_drafter_chose(pages, name) -> None:
    sample = pages[name]
    tables = [b for b in sample.doc.blocks if isinstance(b, Table) and b.header]
    if not tables:
        assert name != "city"
        return
    lines = lines_of(sample.pdf)
    for table, written in zip(tables, docx.Document(str(sample.docx)).tables, strict=True):
        x = LEFT
        body = next(w for ln in lines for w in ln.words if w.text == table.rows[0][0])
        caption = max((ln.words[-1].y1 for ln in lines if ln.page == body.page
                       and ln.text == _plain(table.caption)), default=body.y0 - 100)
        words = [w for ln in lines for w in ln.words
                 if ln.page == body.page and caption < w.y0 and w.y1 <= body.y0]
        for c, cell in enumerate(written.rows[0].cells):
            span = written._tbl.tblGrid.gridCol_lst[c].w.pt
            inside = [w for w in words if x < (w.x0 + w.x1) / 2 < x + span]
            rows: dict[int, list[Word]] = {}
            for w in inside:
                rows.setdefault(round(w.y1), []).append(w)
            printed = ["".join(w.text for w in sorted(r, key=lambda w: w.x0))
                       for _, r in sorted(rows.items())]
            chosen = cell.text.split("\n")
            assert printed == chosen, (name, c, printed, chosen)  # no line broken further
            assert "".join(chosen) == table.header[c]
            x += span


@pytest.mark.parametrize("name", NAMES)
def test_no_heading_ends_on_a_line_of_one_or_two_characters(pages, name) -> None:
    sample = pages[name]
    lines = lines_of(sample.pdf)
    texts = [ln.text for ln in lines]
    heads = [b.text for b in sample.doc.blocks if isinstance(b, Heading | Title)]
    heads += [b.caption for b in sample.doc.blocks if isinstance(b, Table) and b.caption]
    assert heads
    at = 0
    for head in heads:
        i, j = _printed(texts, _plain(head), at)
        last = texts[j]
        reported = any(f"“{head}”" in f for f in sample.findings)
        assert j == i or len(last) > 2 or reported, (name, head, texts[i : j + 1])
        at = j + 1


@pytest.mark.parametrize("name", NAMES)
def test_no_body_paragraph_ends_on_a_line_of_one_or_two_characters(pages, name) -> None:
    """Sample 001 once printed 人。 alone at the top of its third page."""
    sample = pages[name]
    texts = [ln.text for ln in lines_of(sample.pdf) if not re.fullmatch(r"—\d+—", ln.text)]
    body = [b.text for b in sample.doc.blocks
            if isinstance(b, Paragraph) and b.role != "annex" and _plain(b.text)]
    assert body
    at = 0
    for text in body:
        i, j = _printed(texts, _plain(text), at)
        alone = texts[j].rstrip(fit.CLOSING)
        reported = any(f"“{text[:fit.HEAD]}" in f for f in sample.findings)
        assert j == i or len(alone) > fit.SHORT or reported, (name, text[:15], texts[j - 1 : j + 1])
        at = j + 1


def test_sample_000s_level_one_headings_each_fit_one_line(pages) -> None:
    """The four 一级标题 of 000 once wrapped with 全, 显, 效 alone on a second line."""
    sample = pages["000"]
    texts = [ln.text for ln in lines_of(sample.pdf)]
    heads = [b.text for b in sample.doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert len(heads) == 4 and all(len(h) == 27 for h in heads)
    assert all(h in texts for h in heads)
    assert not sample.findings


def test_every_page_checked_validates_against_the_schemas(pages) -> None:
    if not VALIDATE.is_file():
        pytest.skip(f"schema validator not found at {VALIDATE} (the shared folder beside the "
                    "repository)")
    proc = subprocess.run([sys.executable, str(VALIDATE), *(str(s.docx) for s in pages.values())],
                          capture_output=True, text=True, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "schema errors: 0", proc.stdout[-3000:]
