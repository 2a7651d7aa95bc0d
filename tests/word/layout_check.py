"""Check the page layout of drafter's .docx as LibreOffice renders it.

Builds a long document from the document model, converts it with `soffice --headless` and
reads the PDF with `pdftotext -bbox-layout`: lines per full page, characters per full line,
the first-line indent, and the page numbers (— N —, odd pages right, even pages left, one
character in from the text block, about 7 mm below it). A second document puts full-width
，、。 where a full line ends (the 29th character of a 28-character line, where Chinese
typesetting hangs them in the margin) and checks that no character of the .docx is lost
from the PDF.

    python tests/word/layout_check.py [--keep DIR]

Exit code 0 when every check passes. tests/word/test_writer.py runs the same checks.
"""

from __future__ import annotations

import argparse
import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafter.config.style import StyleProfile
from drafter.model.document import Document, Heading, Mark, Paragraph, Signature, Span, Table, Title
from drafter.word.writer import write_docx

PT_PER_MM = 72 / 25.4
# pure CJK, no punctuation inside: every full line holds exactly chars_per_line characters
FILLER = (
    "深入学习贯彻习近平法治思想全面推进依法治区各项工作取得新成效法治政府建设迈出坚实步伐"
    "公共法律服务体系更加完善基层社会治理能力持续提升人民群众获得感幸福感安全感不断增强"
)


def long_document(paragraphs: int = 40) -> Document:
    """A title, a heading with a run-in paragraph, then pages of plain body paragraphs."""
    blocks: list = [
        Title("某某市司法局关于2024年度法治政府建设情况的报告"),
        Heading(1, "一、", (Span("主要举措和成效"),)),
        Paragraph(
            (
                Span("（一）", Mark.NUMBER),
                Span("坚持政治引领，党的建设走深走实。", Mark.HEADING, 2),
                Span(FILLER[:40] + "。"),
            )
        ),
    ]
    for i in range(paragraphs):
        k = i % len(FILLER)
        blocks.append(Paragraph((Span((FILLER[k:] + FILLER * 3)[:150] + "。"),)))
    blocks.append(
        Table(
            "附表", ("指标", "本年", "上年"), (("法律援助", "1200", "1100"),), (False, True, True)
        )
    )
    blocks.append(Signature("某某市司法局", "2025年1月16日"))
    return Document(blocks, core_title="版式检查")


HANGING_MARKS = "，、。"


def punctuation_document(style: StyleProfile | None = None) -> Document:
    """Paragraphs that put each of HANGING_MARKS right after a full line: the 29th character
    of a 28-character line, on a first line (after the 2-character indent), a second and a
    third line, after a run that ends where the line starts, in a run-in heading paragraph
    and in a heading. The text is pure CJK, so these marks are the only punctuation."""
    n = (style or StyleProfile()).chars_per_line
    text = FILLER * 3

    def cut(k: int, length: int) -> str:
        return text[k % len(FILLER) :][:length]

    blocks: list = []
    for i, mark in enumerate(HANGING_MARKS):
        k = 7 * i
        first, rest = n - 2, n  # characters on a paragraph's first line and on the next ones
        blocks += [
            Paragraph((Span(cut(k, first) + mark + cut(k + 30, 20)),)),
            Paragraph((Span(cut(k, first + rest) + mark + cut(k + 40, 20)),)),
            Paragraph((Span(cut(k + 3, first + 2 * rest) + mark + cut(k + 50, 20)),)),
            Paragraph(
                (
                    Span(cut(k, first), Mark.LEAD),
                    Span(cut(k + 5, rest) + mark + cut(k + 60, 20)),
                )
            ),
            Paragraph(
                (
                    Span("（一）", Mark.NUMBER),
                    Span(cut(k + 9, first - 3), Mark.HEADING, 2),
                    Span(cut(k + 12, rest) + mark + cut(k + 20, 20)),
                )
            ),
            Heading(2, "（二）", (Span(cut(k + 2, first - 3 + rest) + mark + cut(k + 8, 6)),)),
        ]
    return Document(blocks, core_title="标点检查")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE_NUMBER = re.compile(r"\s*—\s*\d+\s*—\s*")


def docx_text(docx: Path) -> str:
    """The characters of the .docx body paragraphs, in order, without whitespace. Tables are
    left out: pdftotext reads their cells in an order of its own."""
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(f"{_W}body")
    text = "".join(t.text or "" for p in body.iterchildren(f"{_W}p") for t in p.iter(f"{_W}t"))
    return re.sub(r"\s", "", text)


def pdf_text(pdf: Path) -> str:
    """The characters of the PDF without whitespace and without the page-number lines."""
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [ln for ln in out.splitlines() if not _PAGE_NUMBER.fullmatch(ln)]
    return re.sub(r"\s", "", "".join(lines))


def lost_characters(docx: Path, pdf: Path) -> list[str]:
    """Characters of the .docx that the PDF does not show, in order, each with its context
    (difflib over the two texts: the PDF must hold every character, in the same order)."""
    a, b = docx_text(docx), pdf_text(pdf)
    lost = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for op, i1, i2, _j1, _j2 in ops:
        if op in ("delete", "replace"):
            lost.append(f"{a[i1:i2]!r} after …{a[max(i1 - 8, 0) : i1]}")
    return lost


def misplaced_marks(pdf: Path, style: StyleProfile) -> list[str]:
    """Lines of punctuation_document() where a mark is neither hung past the right margin
    (the last character of its line) nor moved down with the character before it (the
    second character of its line): the document no longer tests what it was designed for."""
    right = (style.page_width_mm - style.margin_right_mm) * PT_PER_MM
    char = (right - style.margin_left_mm * PT_PER_MM) / style.chars_per_line
    wrong = []
    for page in read_lines(pdf):
        for ln in page:
            for i, ch in enumerate(ln.text):
                if ch not in HANGING_MARKS:
                    continue
                hung = i == len(ln.text) - 1 and ln.x1 > right + char / 2
                if not hung and i != 1:
                    wrong.append(ln.text)
    return wrong


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert with a private LibreOffice profile so parallel runs do not collide."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("soffice (LibreOffice) is not installed")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice made no PDF from {docx}")
    return pdf


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str  # words joined without spaces


_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.S)


def read_lines(pdf: Path) -> list[list[Line]]:
    """Text lines of each page (index 0 = page 1) with their boxes in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for n, page in enumerate(_PAGE.findall(out), 1):
        lines = []
        for x0, y0, x1, y1, inner in _LINE.findall(page):
            text = "".join(html.unescape(w) for w in _WORD.findall(inner))
            lines.append(Line(n, float(x0), float(y0), float(x1), float(y1), text))
        pages.append(sorted(lines, key=lambda ln: (ln.y0, ln.x0)))
    return pages


@dataclass
class Layout:
    lines_per_page: list[int]  # body lines on each page
    full_line_chars: list[int]  # characters on lines that span the text block
    first_line_indents: list[float]  # points, lines starting right of the margin
    page_numbers: list[tuple[int, str, float, float, float]]  # page, text, x0, x1, mm below
    body_lines: list[list[Line]]  # lines inside the text block, per page


def measure(pdf: Path, style: StyleProfile) -> Layout:
    pages = read_lines(pdf)
    left = style.margin_left_mm * PT_PER_MM
    right = (style.page_width_mm - style.margin_right_mm) * PT_PER_MM
    top = style.margin_top_mm * PT_PER_MM
    bottom = (style.page_height_mm - style.margin_bottom_mm) * PT_PER_MM
    char = (right - left) / style.chars_per_line
    lay = Layout([], [], [], [], [])
    for lines in pages:
        body = [ln for ln in lines if top - 2 <= ln.y0 and ln.y1 <= bottom + 2]
        lay.body_lines.append(body)
        lay.lines_per_page.append(len(body))
        for ln in body:
            if abs(ln.x1 - right) > char / 2 or len(ln.text) < style.chars_per_line - 4:
                continue  # not a full line of body text
            if abs(ln.x0 - left) < 2:
                lay.full_line_chars.append(len(ln.text))
            else:
                lay.first_line_indents.append(ln.x0 - left)
        foot = [ln for ln in lines if ln.y0 > bottom]
        if foot:
            f = foot[0]
            mm_below = (f.y0 - bottom) / PT_PER_MM
            lay.page_numbers.append((lines[0].page if lines else 0, f.text, f.x0, f.x1, mm_below))
    return lay


def check(pdf: Path, style: StyleProfile) -> list[str]:
    """Problems found in the rendering of long_document(); empty when the layout is right."""
    lay = measure(pdf, style)
    problems = []
    # pages of plain body text: all but the first (title) and those holding the table or date
    plain = [
        n
        for n, lines in zip(lay.lines_per_page[1:], lay.body_lines[1:], strict=True)
        if not any("附表" in ln.text or "2025年" in ln.text for ln in lines)
    ]
    full_pages = plain[:-1]  # the last page of body text may be short
    if not full_pages or any(n != style.lines_per_page for n in full_pages):
        problems.append(f"lines per full page {full_pages}, expected {style.lines_per_page}")
    wrong = sorted({n for n in lay.full_line_chars if n != style.chars_per_line})
    if len(lay.full_line_chars) < 50 or wrong:
        problems.append(
            f"{len(lay.full_line_chars)} full lines; lengths other than "
            f"{style.chars_per_line}: {wrong}"
        )
    char = (style.page_width_mm - style.margin_left_mm - style.margin_right_mm) * PT_PER_MM
    char /= style.chars_per_line
    if not lay.first_line_indents or any(abs(i - 2 * char) > 1.5 for i in lay.first_line_indents):
        problems.append(f"first-line indents {sorted(set(lay.first_line_indents))} pt")
    problems += _check_page_numbers(lay, style, len(lay.lines_per_page))
    right = (style.page_width_mm - style.margin_right_mm) * PT_PER_MM
    problems += _check_signature(lay, char, right)
    return problems


def _check_signature(lay: Layout, char: float, right: float) -> list[str]:
    """GB/T 9704 §7.3.5.2 with a date longer than the organ: the date 2 characters in from the
    right edge, the organ moved left so that the date starts 2 characters right of it.

    The first characters are checked: they are set at computed indents, 2 characters apart in
    every program. The date's right end is where Word puts it (2 characters in); LibreOffice
    ignores w:autoSpaceDN and adds space between Chinese and digits, so there the date runs
    on about one character further, and its start is checked against Word's width instead.
    """
    lines = [ln for page in lay.body_lines for ln in page]
    organ = next((ln for ln in lines if ln.text == "某某市司法局"), None)
    date = next((ln for ln in lines if ln.text == "2025年1月16日"), None)
    if organ is None or date is None:
        return ["signature or date line not found"]
    problems = []
    pitch = 16 - 0.25  # a 3号 character at the body's spacing, points
    if abs(date.x0 - organ.x0 - 2 * pitch) > 1:
        problems.append(f"date starts {(date.x0 - organ.x0) / pitch:.2f} characters right of "
                        "the organ, not 2")
    word_width = 6.5 * 16 - 9 * 0.25  # 2025年1月16日 in Word: 6.5 characters, 9 spacings
    if abs(right - 2 * pitch - word_width - date.x0) > 1:
        problems.append(f"date starts {(right - date.x0) / pitch:.2f} characters from the edge")
    if date.y0 <= organ.y0:
        problems.append("date is not below the organ")
    return problems


def _check_page_numbers(lay: Layout, style: StyleProfile, n_pages: int) -> list[str]:
    problems = []
    one = style.page_number.size_pt
    left = style.margin_left_mm * PT_PER_MM + one
    right = (style.page_width_mm - style.margin_right_mm) * PT_PER_MM - one
    if len(lay.page_numbers) != n_pages:
        problems.append(f"{len(lay.page_numbers)} page numbers on {n_pages} pages")
    for page, text, x0, x1, below in lay.page_numbers:
        m = re.fullmatch(r"—\s*(\d+)\s*—", text)
        if not m or int(m.group(1)) != page:
            problems.append(f"page {page}: page number reads {text!r}")
        if page % 2 and abs(x1 - right) > 3:
            problems.append(f"page {page}: odd page number ends at {x1:.1f} pt, not {right:.1f}")
        if not page % 2 and abs(x0 - left) > 3:
            problems.append(f"page {page}: even page number starts at {x0:.1f} pt, not {left:.1f}")
        if not 2 <= below <= 10:
            problems.append(f"page {page}: page-number line {below:.1f} mm below the text block")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the .docx and .pdf in this folder")
    args = parser.parse_args(argv)
    if soffice() is None:
        print("layout check: soffice (LibreOffice) is not installed", file=sys.stderr)
        return 2
    style = StyleProfile()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        os.makedirs(folder, exist_ok=True)
        docx = folder / "layout_check.docx"
        write_docx(long_document(), style, docx)
        pdf = to_pdf(docx, folder)
        lay = measure(pdf, style)
        problems = check(pdf, style)
        problems += [f"lost from the PDF: {c}" for c in lost_characters(docx, pdf)]
        punct = folder / "punctuation_check.docx"
        write_docx(punctuation_document(style), style, punct)
        punct_pdf = to_pdf(punct, folder)
        lost = lost_characters(punct, punct_pdf)
        problems += [f"line-end punctuation lost from the PDF: {c}" for c in lost]
        problems += [f"mark not at a line end: {t}" for t in misplaced_marks(punct_pdf, style)]
    print(f"lines per page: {lay.lines_per_page}")
    chars = sorted(set(lay.full_line_chars))
    print(f"characters per full line: {chars} ({len(lay.full_line_chars)} lines)")
    print(f"first-line indents (pt): {sorted({round(i, 1) for i in lay.first_line_indents})}")
    for page, text, x0, x1, below in lay.page_numbers:
        # `below` is the top of the line box; the dash itself is about 3 mm lower (≈7 mm)
        print(f"page {page}: {text} x {x0:.1f}–{x1:.1f} pt, line top {below:.1f} mm below text")
    print(f"characters lost from the PDF at line-end punctuation: {len(lost)}")
    for p in problems:
        print(f"PROBLEM: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
