"""Every kind of draft validates against the ECMA-376 schemas (Word refuses what LibreOffice
forgives): each sample, a --draft with placeholders and flagged figures, the city report with
its annex, a draft on an office's reference.docx, and figures with bookmarks and comments.

The validator is the shared one beside the repository: ROOT.parent/shared/ooxml/validate.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config.style import StyleProfile
from drafter.model.source import FigureSource
from drafter.word.writer import write_docx
from tests.conftest import ROOT, SAMPLES, figure_cell
from tests.word.test_sources import sourced

VALIDATE = ROOT.parent / "shared" / "ooxml" / "validate.py"
OFFICE_002 = SAMPLES / "002_黄石市司法局"


def _sample(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.xlsx")
    return path


def _render(out: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["render", *args, "-o", str(out)])
    assert result.exit_code in (0, 1) and out.exists(), result.output
    return out


def _draft_with_placeholders_and_flags(folder: Path) -> Path:
    """004 with a figure its 大纲 references left blank (【待补充】) and its total that does
    not add up (a flagged figure in a draft)."""
    wb = openpyxl.load_workbook(_sample("004"))
    assert "【普法.横批】" in "".join(str(c.value or "") for c in wb["大纲"]["C"])
    wb["指标"][figure_cell(wb, "普法.横批")].value = None
    path = folder / "004_blanks.xlsx"
    wb.save(path)
    return _render(folder / "draft.docx", str(path), "--draft")


def _office_with_reference(folder: Path) -> Path:
    """002's office folder plus a reference.docx an office made from a draft: its Title
    restyled and a letterhead in the header."""
    office = folder / "office"
    shutil.copytree(OFFICE_002, office)
    base = folder / "base.docx"
    write_docx(sourced(), StyleProfile(), base)
    ref = docx.Document(str(base))
    ref.styles["Title"].font.size = Pt(26)
    ref.styles["Title"].element.rPr.rFonts.set(qn("w:eastAsia"), "华文中宋")
    section = ref.sections[0]
    section.footer.is_linked_to_previous = True  # the office removes the page numbers
    section.even_page_footer.is_linked_to_previous = True
    section.header.paragraphs[0].text = "黄石市司法局"
    ref.save(str(office / "reference.docx"))
    return office


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    if not VALIDATE.is_file():
        pytest.skip(f"schema validator not found at {VALIDATE} (the shared folder beside the "
                    "repository); these tests need it")
    tmp = tmp_path_factory.mktemp("schema")
    out = [_render(tmp / f"{p}.docx", str(_sample(p))) for p in ("000", "001", "003")]
    out.append(_render(tmp / "004.docx", str(_sample("004")), "--draft"))  # it has an error
    out.append(_render(tmp / "002.docx", str(_sample("002")), "--office", str(OFFICE_002)))
    out.append(_draft_with_placeholders_and_flags(tmp))
    city = tmp / "全市.xlsx"
    districts = sorted((SAMPLES / "005_示例市区县").glob("*.xlsx"))
    result = CliRunner().invoke(
        app, ["rollup", *map(str, districts), "-o", str(city), "--unit", "示例市司法局"])
    assert result.exit_code == 0, result.output
    out.append(_render(tmp / "city.docx", str(city)))
    office = _office_with_reference(tmp)
    out.append(_render(tmp / "reference.docx", str(_sample("002")), "--office", str(office)))
    notes = {FigureSource(("法律援助.受理案件",)): "指标!E46 受理案件（本期）"}
    write_docx(sourced(), StyleProfile(), tmp / "comments.docx", notes=notes)
    out.append(tmp / "comments.docx")
    return out


def test_drafts_hold_what_they_are_meant_to_test(drafts: list[Path]) -> None:
    styles = {p.stem: {r.style.name for para in docx.Document(str(p)).paragraphs
                       for r in para.runs} for p in drafts}
    assert {"待补充", "待核实"} <= styles["draft"]
    city = docx.Document(str(drafts[6]))
    assert city.tables and any(p.style.name == "附件标识" for p in city.paragraphs)
    ref = docx.Document(str(drafts[7]))
    assert ref.sections[0].header.paragraphs[0].text == "黄石市司法局"
    assert ref.styles["Title"].font.size == Pt(26)
    # the reference has no footer: drafter's page numbers, the letterhead on even pages too
    assert ref.sections[0].footer.paragraphs[0].text == "— 1 —"
    assert ref.sections[0].even_page_header.paragraphs[0].text == "黄石市司法局"
    assert list(docx.Document(str(drafts[8])).comments)


def test_every_draft_validates_against_the_schemas(drafts: list[Path]) -> None:
    proc = subprocess.run([sys.executable, str(VALIDATE), *map(str, drafts)],
                          capture_output=True, text=True, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "schema errors: 0", proc.stdout[-3000:]
    assert proc.returncode == 0
