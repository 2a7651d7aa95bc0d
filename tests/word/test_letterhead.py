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
from tests.conftest import FACTS_000, KINDS, make_workbook

runner = CliRunner()
MM = 72 / 25.4  # points per millimetre
FORMAL = {"发文机关标志": "镜湖区司法局", "发文字号": "镜司[2024]第012号", "主送机关": "区委、区政府",
          "抄送机关": "市司法局，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院，区委政法委",
          "印发机关": "镜湖区司法局办公室", "印发日期": "2025-01-16"}
FIGURES = {"党建.集中学习": 12, "党建.中心组学习": 6, "党建.支部学习": 6, "法律援助.受理案件": 236,
           "人民调解.排查纠纷": 1963}
HAS_LO = bool(shutil.which("soffice") and shutil.which("pdftocairo"))
needs_soffice = pytest.mark.skipif(not HAS_LO, reason="LibreOffice and poppler are needed to measure")


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
    # one blank line between the title and 主送; the body on the very next line (§7.3.3)
    pitch = 225 * MM / 22
    title = next(w for w in words if w[0] == "年上半年工作总结")
    body = min((w for w in words if w[2] > recipient[2] + 1), key=lambda w: w[2])
    assert abs(body[2] - recipient[2] - pitch) < 1, (recipient, body)
    assert abs(recipient[2] - title[2] - 2 * pitch) < 6, (title, recipient)  # 22 pt glyphs sit lower
    # the 版记 on the last page: three rules as wide as the text block, thick, thin, thick,
    # the last on the text block's bottom edge (297 − 35 = 262 mm)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1])
    rules = _black_bars(pdf, pages, tmp_path)
    assert len(rules) == 3, rules
    for x0, x1, _, _ in rules:
        assert abs(x0 / MM - 28) < 0.5 and abs(x1 / MM - 184) < 0.5
    thick = [round((b - a) / MM, 2) for _, _, a, b in rules]
    assert abs(thick[0] - 0.35) < 0.05 and abs(thick[1] - 0.25) < 0.05 and abs(thick[2] - 0.35) < 0.05
    assert abs(rules[-1][3] / MM - 262) < 0.5, rules[-1][3] / MM
    last = _words(pdf, pages)
    copies = next(w for w in last if w[0].startswith("抄送："))
    organ = next(w for w in last if w[0] == "镜湖区司法局办公室")
    printed = [w for w in last if w[0].endswith("日印发")]
    assert rules[0][3] < copies[2] < rules[1][2] < organ[2] < rules[2][2]
    assert abs(copies[1] / MM - (28 + 14 / MM)) < 0.5  # one character (4号) in
    assert abs(organ[1] / MM - (28 + 14 / MM)) < 0.5
    assert printed and abs(printed[-1][3] / MM - (184 - 14 / MM)) < 0.5  # one character in


def _black_bars(pdf: Path, page: int, tmp_path: Path) -> list[tuple[float, float, float, float]]:
    """(x0, x1, y0, y1) of the black filled bars of a page wider than 100 mm: the rules."""
    svg = tmp_path / "last.svg"
    subprocess.run(["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg)],
                   check=True)
    out = []
    for m in re.finditer(r'fill:rgb\(0%,0%,0%\)[^>]*d="M ([\d.]+) ([\d.]+) L ([\d.]+) [\d.]+ '
                         r'L [\d.]+ ([\d.]+) ', svg.read_text()):
        x0, y0, x1, y1 = (float(v) for v in m.groups())
        if (x1 - x0) > 100 * MM:
            out.append((x0, x1, min(y0, y1), max(y0, y1)))
    return sorted(out, key=lambda r: r[2])


def test_the_imprint_is_framed_at_the_text_blocks_bottom(tmp_path) -> None:
    out, _ = _render(tmp_path, FORMAL)
    paras = Document(str(out)).paragraphs
    framed = [p for p in paras if 'w:yAlign="bottom"' in p._p.xml]
    assert [p.text for p in framed if p.text] == [
        "抄送：市司法局，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院，区委政法委。",
        "镜湖区司法局办公室\t2025年1月16日印发"]
    assert len(framed) == 5  # rule, 抄送, rule, 印发, rule
    assert all('w:fill="000000"' in p._p.xml for p in framed if not p.text)
    assert paras[-1]._p.xml.count("framePr") == 0  # the frame's anchor follows it


def test_an_upward_document_puts_the_number_left_and_the_signer_right(tmp_path) -> None:
    out, _ = _render(tmp_path, {**FORMAL, "签发人": "张三"}, *(["--pdf"] if HAS_LO else []))
    paras = Document(str(out)).paragraphs
    line = next(p for p in paras if "签发人" in p.text)
    assert line.text == "\t镜司〔2024〕12号\t签发人：张三"
    assert 'w:eastAsia="楷体_GB2312"' in line.runs[-1]._r.xml  # the name in 楷体
    if HAS_LO:  # one character (3号, 16 pt) in from each side of the text block, same line
        words = _words(out.with_suffix(".pdf"), 1)
        number = next(w for w in words if w[0].startswith("镜司"))
        signer = next(w for w in words if w[0].endswith("张三"))
        assert abs(number[1] / MM - (28 + 16 / MM)) < 0.5
        assert abs(signer[3] / MM - (184 - 16 / MM)) < 0.5
        assert abs(number[2] - signer[2]) < 1


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


@pytest.mark.parametrize("kind", KINDS)
def test_every_pack_offers_the_formal_facts_as_optional(kind) -> None:
    from drafter.checks.formal import FORMAL_FACTS
    from drafter.config import packs
    from drafter.workbook import blank

    pack = packs.load(kind)
    facts = {f.key: f for f in pack.catalog.facts}
    assert all(k in facts and not facts[k].required for k in FORMAL_FACTS)
    wb = blank.make_blank(pack.catalog, kind, pack.info.name)
    shown = [row[0] for row in wb["基本信息"].iter_rows(values_only=True)]
    assert all(k in shown for k in FORMAL_FACTS)
