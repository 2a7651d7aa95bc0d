"""版头, 主送机关 and 版记 from the workbook's facts, measured in LibreOffice's PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from drafter.checks.formal import doc_number
from drafter.cli import app
from tests.conftest import FACTS_000, make_workbook

runner = CliRunner()
MM = 72 / 25.4  # points per millimetre
FORMAL = {"发文机关标志": "镜湖区司法局", "发文字号": "镜司[2024]第012号", "主送机关": "区委、区政府",
          "抄送机关": "市司法局，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院，区委政法委",
          "印发机关": "镜湖区司法局办公室", "印发日期": "2025-01-16"}
FIGURES = {"党建.集中学习": 12, "党建.中心组学习": 6, "党建.支部学习": 6, "法律援助.受理案件": 236,
           "人民调解.排查纠纷": 1963}
needs_soffice = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftocairo"),
                                   reason="LibreOffice and poppler are needed to measure")


def _render(tmp_path: Path, facts: dict[str, str], *args: str) -> tuple[Path, str]:
    wb = make_workbook(tmp_path, FIGURES, facts={**FACTS_000, **facts})
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(wb), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m[5], *(float(m[i]) for i in range(1, 5))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        xml)]


def _red_lines(pdf: Path, tmp_path: Path) -> list[tuple[float, float, float]]:
    """(x0, x1, y) in points from the top of page 1, of every red stroke."""
    svg = tmp_path / "p1.svg"
    subprocess.run(["pdftocairo", "-svg", "-f", "1", "-l", "1", str(pdf), str(svg)], check=True)
    out = []
    for m in re.finditer(r'stroke:rgb\(100%,0%,0%\)[^>]*d="M ([\d.]+) ([\d.]+) L ([\d.]+) '
                         r'([\d.]+) "[^>]*matrix\(([\d.]+),0,0,-([\d.]+),0,([\d.]+)\)',
                         svg.read_text()):
        x0, y0, x1, _, a, d, f = (float(v) for v in m.groups())
        out.append((min(x0, x1) * a, max(x0, x1) * a, f - d * y0))
    return out


@needs_soffice
def test_letterhead_and_imprint_are_placed_as_gbt_9704_measures(tmp_path) -> None:
    out, _ = _render(tmp_path, FORMAL, "--pdf")
    check = runner.invoke(app, ["check", str(tmp_path / "数据.xlsx")])
    assert "发文字号“镜司[2024]第012号”在报告中写作“镜司〔2024〕12号”" in check.output
    valid = subprocess.run([sys.executable, "/work/shared/ooxml/validate.py", str(out)],
                           capture_output=True, text=True)
    if "schema errors" in valid.stdout:
        assert "schema errors: 0" in valid.stdout, valid.stdout
    pdf = out.with_suffix(".pdf")
    words = _words(pdf, 1)
    mark = next(w for w in words if w[0] == "镜湖区司法局")
    # the mark's top edge 35 mm below the text block's top (37 mm): 72 mm from the page top
    assert abs(mark[2] / MM - 72) < 1.0, mark[2] / MM
    assert abs((mark[1] + mark[3]) / 2 - 106 * MM) < 1  # centred on the text block (28…184 mm)
    number = [w for w in words if w[0].startswith("镜司〔2024〕12")]
    assert number and number[0][2] > mark[4] + 16  # two lines below the mark, not the next one
    lines = _red_lines(pdf, tmp_path)
    assert lines, "no red rule"
    x0, x1, y = lines[0]
    assert abs(x0 / MM - 28) < 0.5 and abs(x1 / MM - 184) < 0.5  # as wide as the text block
    assert abs((y - number[0][4]) / MM - 4) < 1.0  # 4 mm below the 发文字号
    recipient = next(w for w in words if w[0].startswith("区委、区政府"))
    assert abs(recipient[1] / MM - 28) < 0.5 and recipient[0].endswith("：")  # flush left
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    last_page = text.split("\f")[-2] if text.endswith("\f") else text.split("\f")[-1]
    flat = "".join(last_page.split())
    assert "抄送：市司法局，区人大常委会办公室" in flat and flat.index("抄送") < flat.index(
        "镜湖区司法局办公室")
    assert "2025年1月16日印发" in flat


def test_the_imprint_floats_at_the_text_blocks_bottom_and_has_its_rules(tmp_path) -> None:
    out, _ = _render(tmp_path, FORMAL)
    xml = Document(str(out)).element.xml
    assert 'w:tblpYSpec="bottom"' in xml and 'w:vertAnchor="margin"' in xml
    table = Document(str(out)).tables[-1]
    first, last = table.rows[0].cells[0]._tc.xml, table.rows[-1].cells[0]._tc.xml
    assert '<w:top w:val="single" w:sz="8"' in first and '<w:bottom w:val="single" w:sz="6"' in first
    assert '<w:bottom w:val="single" w:sz="8"' in last
    assert table.rows[0].cells[0].text == ("抄送：市司法局，区人大常委会办公室，区政协办公室，区纪委监委，"
                                           "区法院，区检察院，区委政法委。")
    assert [c.text for c in table.rows[1].cells] == ["镜湖区司法局办公室", "2025年1月16日印发"]


def test_an_upward_document_puts_the_number_left_and_the_signer_right(tmp_path) -> None:
    out, _ = _render(tmp_path, {**FORMAL, "签发人": "张三"})
    paras = Document(str(out)).paragraphs
    line = next(p for p in paras if "签发人" in p.text)
    assert line.text == "\t镜司〔2024〕12号\t签发人：张三"
    assert 'w:eastAsia="楷体_GB2312"' in line.runs[-1]._r.xml  # the name in 楷体


def test_empty_facts_leave_every_part_out(tmp_path) -> None:
    out, _ = _render(tmp_path, {})
    document = Document(str(out))
    assert not document.tables
    assert "FF0000" not in document.element.xml
    assert not any(p.text.endswith("：") and "区委" in p.text for p in document.paragraphs)
    # and only the 主送 when only it is filled
    out, _ = _render(tmp_path, {"主送机关": "区委、区政府。"}, "--force")
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "区委、区政府：" in texts and "FF0000" not in Document(str(out)).element.xml


@pytest.mark.parametrize(("typed", "printed"), [
    ("镜司〔2024〕12号", "镜司〔2024〕12号"), ("镜司[2024]012号", "镜司〔2024〕12号"),
    ("镜司(2024)第3号", "镜司〔2024〕3号"), ("镜司【2024】12", "镜司〔2024〕12号"),
    ("2024年12号", None), ("〔2024〕12号", None)])
def test_document_numbers_are_normalised(typed, printed) -> None:
    assert doc_number(typed) == printed
