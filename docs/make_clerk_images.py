"""Regenerate the clerk's guide pictures (docs/images/clerk-*.png) from real output.

    python docs/make_clerk_images.py

Builds a half-year workbook in code whose 导语 and 大纲 rows use references, with an
indicator and a rule of the office's own; pictures the sheets' rows (a copy holding just
those rows, converted with LibreOffice), and the top of the rendered report. Needs soffice
and pdftoppm.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from drafter.config import packs
from drafter.model.figures import OutlineRow
from drafter.model.levels import Level
from drafter.pipeline import check_workbook, render_report
from drafter.workbook import blank, layout, styling

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
OPENING = ("上半年，镜湖区司法局共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】，"
           "接待群众咨询【接待来电来信来访咨询｜余】，设立法律援助工作站【法律援助.工作站｜中文】。")
FACTS = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年", "导语": OPENING}
FIGURES = {"法律援助.受理案件": 892, "法律援助.咨询接待": 523, "法律援助.工作站": 4,
           "人民调解.排查纠纷": 1200}
POINT = ("人民调解:新增", "调解队伍持续壮大",
         "全区排查矛盾纠纷【人民调解.排查纠纷】，【排查矛盾纠纷｜同比】；见【【附件】】")
# The 大纲 a clerk shapes: one 一级 heading, two 二级 under it, points and a paragraph.
OUTLINE = (
    ("一级标题", "聚焦主责主业，司法行政工作稳中有进", ""),
    ("二级标题", "法律援助惠民生", "全年共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件｜同比】"),
    ("要点", "便民网点更密", "新设法律援助工作站【法律援助.工作站】；"),
    ("要点", "专职队伍更强", "配备专职法律援助律师【法援律师】。"),
    ("二级标题", "人民调解保平安", "排查矛盾纠纷【人民调解.排查纠纷】，调解成功率【调解成功率】。"),
    ("段落", "", "下一步，我们将继续做好各项工作。"),
)
OWN = (("法援律师", "本局", "专职法律援助律师", "名", "计数", "12"),
       ("成功调解", "本局", "调解成功", "件", "计数", "1125"),
       ("调解成功率", "本局", "调解成功率", "%", "比率", "93.75%"))
RULES = (("比率", "调解成功率", "调解成功／人民调解.排查纠纷", "2", "", ""),
         ("包含", "人民调解.排查纠纷", "成功调解", "", "", ""),
         ("不超过", "废止规范性文件＋拟修改规范性文件", "梳理规范性文件", "", "警告",
          "废止和拟修改的合计不超过梳理的件数"))
# …and three more the 不超过 rule above is about (not in the picture of the own rows)
FILES = (("梳理文件", "本局", "梳理规范性文件", "件", "计数", "40"),
         ("废止文件", "本局", "废止规范性文件", "件", "计数", "6"),
         ("拟修改文件", "本局", "拟修改规范性文件", "件", "计数", "9"))


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
    styling.header_row(ws, headers, widths)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value or None).alignment = Alignment(
                wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 48 if any(len(v) > 30 for v in row) else 18
    styling.printable(ws)  # landscape, one page wide
    ws.print_title_rows = None
    blank.save(wb, path)


def main() -> None:
    pack = packs.load("半年工作总结")
    tmp = Path(tempfile.mkdtemp())
    rows = [OutlineRow(Level.named(lv), title, body) for lv, title, body in OUTLINE]
    wb = blank.make_blank(pack.catalog, "半年工作总结", pack.info.name, outline=(rows, []))
    blank.fill(wb, FACTS, FIGURES, {"法律援助.受理案件": 800, "人民调解.排查纠纷": 1000})
    wb[layout.FACTS].append(["接排层级", "二级"])
    ws = wb[layout.FIGURES]
    first = blank.last_filled(ws) + 1
    for r, row in enumerate(OWN + FILES, start=first):
        for header, value in zip(("编号", "板块", "指标", "单位", "类型", "本期"), row, strict=True):
            ws.cell(row=r, column=layout.FIGURE_HEADERS.index(header) + 1, value=value)
    rules = wb[layout.RULES]
    for r, rule in enumerate(RULES, start=blank.last_filled(rules) + 1):  # below the examples
        for c, value in enumerate(rule[:5], start=1):
            rules.cell(row=r, column=c, value=value or None)
    path = tmp / "数据.xlsx"
    blank.save(wb, path)

    _sheet(layout.OUTLINE, layout.OUTLINE_HEADERS, (10, 30, 62, 4),
           [(*row, "") for row in OUTLINE], tmp / "outline.xlsx")
    _png(tmp / "outline.xlsx", IMAGES / "clerk-outline-sheet.png", tmp, (0, 30, 1123, 330))
    own = [(*row[:4], row[4], row[5], "", "") for row in OWN]
    _sheet(layout.FIGURES, layout.FIGURE_HEADERS, (12, 6, 16, 5, 5, 8, 8, 4), own,
           tmp / "own.xlsx")
    _png(tmp / "own.xlsx", IMAGES / "clerk-own-rows.png", tmp, (0, 30, 1123, 175))
    _sheet(layout.RULES, layout.RULE_HEADERS, (8, 32, 30, 7, 6, 34), list(RULES),
           tmp / "rules.xlsx")
    _png(tmp / "rules.xlsx", IMAGES / "clerk-rules-sheet.png", tmp, (0, 30, 1123, 180))

    facts = [(k, str(v), "") for k, v in FACTS.items()]
    _sheet(layout.FACTS, layout.FACT_HEADERS, (12, 70, 10), facts, tmp / "facts.xlsx")
    _png(tmp / "facts.xlsx", IMAGES / "clerk-facts-sheet.png", tmp, (0, 30, 1123, 200))
    result = check_workbook(path)
    assert not result.report.errors, [f.message for f in result.report.errors]
    render_report(result, tmp / "report.docx")
    _png(tmp / "report.docx", IMAGES / "clerk-rendered.png", tmp, (60, 120, 700, 420))
    text = subprocess.run(["pdftotext", str(tmp / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    print(text[:600])


if __name__ == "__main__":
    main()
