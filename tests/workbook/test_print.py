"""A blank workbook printed through LibreOffice Calc, as a clerk prints it: every text drafter
wrote is on paper whole — not cut by a row too low, nor by the edge of the page — and the
填写说明 is one page wide (portrait A4).

Each column of each sheet is printed on its own — the other columns' texts replaced by a
space, which still stops a text from running over into them; widths and row heights as
written — so the PDF's text of one column can be searched for each of its cells. A row the
writer gave no height is printed at Excel's 15 pt: Excel and WPS do not fit rows to wrapped
text when they open a file (LibreOffice does, and would hide the problem).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.model.findings import column_letter
from drafter.workbook import blank, fit, layout
from tests.workbook.generated import KINDS

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _columns(path: Path, folder: Path) -> list[tuple[Path, str, list[str]]]:
    """(copy, "sheet!column", texts) for each column of `path` that holds text."""
    out = []
    book = load_workbook(path)
    for title in book.sheetnames:
        ws = book[title]
        for col in range(1, ws.max_column + 1):
            texts = [str(c.value) for row in ws.iter_rows(min_col=col, max_col=col)
                     for c in row if isinstance(c.value, str) and c.value.strip()]
            width = ws.column_dimensions[column_letter(col)].width or 8.43
            if not any(fit.display_width(t) > width * 0.6 for t in texts[1:]):  # below the header
                continue  # short words in a wide column (编号, 单位, 级别): nothing to cut
            copy = load_workbook(path)
            for other in copy.sheetnames:
                if other != title:
                    del copy[other]
            sheet = copy[title]
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.column != col and isinstance(cell.value, str) and cell.value:
                        cell.value = " "
                if row and sheet.row_dimensions[row[0].row].height is None:
                    sheet.row_dimensions[row[0].row].height = 15
            name = folder / f"{path.stem}-{len(out):02d}.xlsx"
            blank.save(copy, name)
            out.append((name, f"{title}!{column_letter(col)}", texts))
    return out


@pytest.fixture(scope="module")
def printed(generated, tmp_path_factory: pytest.TempPathFactory):
    if SOFFICE is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice (soffice) and poppler-utils (pdftotext) are needed: .ci/run "
                    "installs them")
    folder = tmp_path_factory.mktemp("printed")
    columns = [c for kind in KINDS for c in _columns(generated[f"init {kind}"], folder)]
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(p) for p, _, _ in columns)], check=True, capture_output=True,
                   timeout=600)
    return columns


def _pdf_text(xlsx: Path) -> str:
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice did not print {xlsx.name}"
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_text_of_every_sheet_is_printed_whole(printed) -> None:
    missing = []
    for path, where, texts in printed:
        on_paper = _plain(_pdf_text(path))
        missing += [(path.stem, where, t[:40]) for t in texts if _plain(t) not in on_paper]
    assert not missing, missing[:10]


_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def _overlaps(pdf: Path) -> int:
    """Printed lines that overlap another line on their page (text clipped by its row)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    found = 0
    for page in html.split("<page ")[1:]:
        lines = sorted((tuple(map(float, m.groups())) for m in _LINE.finditer(page)),
                       key=lambda box: box[1])
        lowest: tuple[float, ...] | None = None
        for box in lines:
            x0, y0, x1, y1 = box
            overlap = lowest[3] - y0 if lowest is not None else 0.0
            # glyph boxes of two fonts (Latin, CJK) may touch: a third of a line is a clash
            if lowest is not None and overlap > (y1 - y0) / 3 and x0 < lowest[2] and x1 > lowest[0]:
                found += 1
            if lowest is None or y1 > lowest[3]:
                lowest = box
    return found


def test_no_row_is_too_low_for_its_text(printed) -> None:
    low = [(path.stem, where) for path, where, _ in printed
           if _overlaps(path.with_suffix(".pdf"))]
    assert not low, low


def test_the_guide_prints_one_page_wide_on_portrait_a4(printed) -> None:
    guides = [p for p, where, _ in printed if where == f"{layout.GUIDE}!A"]
    assert len(guides) == len(KINDS)
    for path in guides:
        info = subprocess.run(["pdfinfo", str(path.with_suffix(".pdf"))], capture_output=True,
                              text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert width < height and round(width) == 595, info  # portrait A4
        assert pages <= 3, pages
        # one page wide: no page holds only the right part of lines (each line ends in text
        # that also begins a printed line elsewhere would be a cut); the texts are whole above
