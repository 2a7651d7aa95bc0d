"""Regenerate the clerk's guide pictures (docs/images/clerk-*.png) from real output.

    python docs/make_clerk_images.py

Builds a half-year workbook in code whose 导语 and a 要点 row use references, pictures the
two sheets' rows as `drafter init` styles them (a copy holding just those rows, converted with
LibreOffice), and the top of the rendered report. Needs soffice and pdftoppm.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from drafter.config import packs
from drafter.pipeline import check_workbook, render_report
from drafter.workbook import blank, layout

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
OPENING = ("上半年，镜湖区司法局共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】，"
           "接待群众咨询【接待来电来信来访咨询｜余】，设立法律援助工作站【法律援助.工作站｜中文】。")
FACTS = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年", "导语": OPENING}
FIGURES = {"法律援助.受理案件": 892, "法律援助.咨询接待": 523, "法律援助.工作站": 4,
           "人民调解.排查纠纷": 1200}
POINT = ("人民调解:新增", "调解队伍持续壮大",
         "全区排查矛盾纠纷【人民调解.排查纠纷】，【排查矛盾纠纷｜同比】；见【【附件】】")


def _png(source: Path, out: Path, tmp: Path, crop: tuple[int, int, int, int] | None = None) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                    str(source)], check=True, capture_output=True)
    pdf = tmp / (source.stem + ".pdf")
    box = ["-x", str(crop[0]), "-y", str(crop[1]), "-W", str(crop[2]), "-H", str(crop[3])] if crop else []
    subprocess.run(["pdftoppm", "-png", "-r", "96", "-f", "1", "-l", "1", *box, "-singlefile",
                    str(pdf), str(out.with_suffix(""))], check=True)


def _sheet(title: str, headers: tuple[str, ...], widths: tuple[int, ...],
           rows: list[tuple[str, ...]], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    blank.header_row(ws, headers, widths)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value or None).alignment = Alignment(
                wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 48 if any(len(v) > 30 for v in row) else 18
    ws.page_setup.orientation = "landscape"
    blank.save(wb, path)


def main() -> None:
    pack = packs.load("半年工作总结")
    tmp = Path(tempfile.mkdtemp())
    wb = blank.make_blank(pack.catalog, "半年工作总结", pack.info.name)
    blank.fill(wb, FACTS, FIGURES, {"法律援助.受理案件": 800, "人民调解.排查纠纷": 1000},
               {POINT[0]: POINT[1:]})
    path = tmp / "数据.xlsx"
    blank.save(wb, path)

    facts = [(k, str(v), "") for k, v in FACTS.items()]
    _sheet(layout.FACTS, layout.FACT_HEADERS, (12, 70, 10), facts, tmp / "facts.xlsx")
    _png(tmp / "facts.xlsx", IMAGES / "clerk-facts-sheet.png", tmp, (0, 40, 1100, 200))
    points = [("", "人民调解", POINT[1], POINT[2], "")]
    _sheet(layout.POINTS, layout.POINT_HEADERS, (6, 9, 16, 60, 4), points, tmp / "points.xlsx")
    _png(tmp / "points.xlsx", IMAGES / "clerk-points-sheet.png", tmp, (0, 40, 1100, 150))

    render_report(check_workbook(path), tmp / "report.docx")
    _png(tmp / "report.docx", IMAGES / "clerk-rendered.png", tmp, (60, 120, 700, 260))
    text = subprocess.run(["pdftotext", str(tmp / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    print(text[:600])


if __name__ == "__main__":
    main()
