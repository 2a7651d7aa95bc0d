"""The 填写说明 sheet: one page wide, read on screen and on paper by the clerk who fills the
workbook — not a programmer. Its words follow the kind's own sheets (a 法治政府 workbook has no
报告期间, so none is asked for) and end with what to do with the filled workbook (give it to
the colleague who runs drafter, or upload it on the bureau's drafter page): no command line.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import KIND_NAMES, Catalog
from drafter.workbook import fit, narrative_guide
from drafter.workbook.styling import put, zh

WIDTH = 70  # column units: A4 portrait at 100 % within the margins, with Calibri or DejaVu Sans
# (LibreOffice does not shrink a sheet of one column to the page width, Excel does)
_HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
# style → (font size, bold, indent level, colour)
STYLES = {
    "title": (16, True, 0, "1F4E78"),
    "note": (11, False, 0, "595959"),
    "heading": (12, True, 0, "1F4E78"),
    "item": (11, False, 1, "000000"),
    "sub": (11, False, 3, "404040"),
}
_INDENT_UNITS = 1.4  # column units one indent level takes


def _facts_line(catalog: Catalog) -> str:
    keys = [f.key for f in catalog.facts]
    required = [f.key for f in catalog.facts if f.required]
    optional = [k for k in ("导语", "成文日期", "署名", "报告标题") if k in keys]
    text = f"在“基本信息”表填写{'、'.join(required)}（必填）"
    if optional:
        text += f"，以及{'、'.join(optional)}等"
    text += "；每一项怎么写，见该表的“说明”列。"
    if "导语" in keys:
        text += "“导语”空着用模板的默认写法；写“无”（或“（无）”“略”），报告不写导语。"
    return text


def lines(catalog: Catalog, title: str, parts: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(text, style) of every line, in order."""
    kinds = "、".join(KIND_NAMES.values())
    outline = ("“大纲”表就是报告正文：每行一个标题、要点（一是……）或段落，已按模板预填了一份"
               "完整的报告，照着改写即可。可以增删、上下移动行；“层级”从下拉列表选，序号"
               "（一、（一）1.（1）和一是、二是）由程序编排，不要手写。大纲开头、第一个标题"
               "之前的段落就是导语。")
    out: list[tuple[str, str]] = [
        (f"{title} 数据填报表", "title"),
        ("本表由 drafter 生成。填表前请先读这一页；各表浅黄色的单元格是要填写的。", "note"),
        ("怎么填", "heading"),
        (f"1. {_facts_line(catalog)}", "item"),
        ("2. 在“指标”表的“本期”“上年同期”两列填写数字。编号、板块、指标名称、单位和类型来自"
         "指标目录，已锁定，请勿改动；“说明”列可写备注。没有数据的空着。", "item"),
        (f"本单位另有的指标：在“指标”表末尾的空行填写编号、指标名称、单位，在“类型”中选择"
         f"{kinds}，再填数字。它和目录中的指标一样，可以在文字中引用、参加核对。", "sub"),
        (f"3. {outline}", "item"),
    ]
    if parts:
        out.append((f"本类报告必须写明以下 {len(parts)} 部分：{'；'.join(parts)}。这些部分的标题"
                    "可以改写，但不能删去，标题下也要有内容；删去了或空着，检查时会给出警告。", "sub"))
    out += [
        ("4. “规则”表可写本单位自己的核对规则，可以不填：合计（指标等于各项之和，可用“－”减去"
         "某项）、比率（指标等于分子／分母）、包含（各项都不大于指标；用“＋”连起来的几项按它们"
         "的和比较）、不超过（“指标”一栏的数或几项之和不大于“组成”）。“级别”选“警告”的规则只"
         "提醒，不算错误。表头下面的示例行检查时跳过。", "item"),
        ("5. 填好以后保存本表，交给负责生成报告的同事，或打开本单位的 drafter 网页上传本表。"
         "检查会逐项指出要改的单元格（如 指标!F12），改好再检查，直到通过，就能生成 Word "
         "初稿。", "item"),
        ("数字怎么写", "heading"),
        ("直接写数字：236；带单位也可以：236件。全角数字、千分位逗号（1,234）都能识别。"
         "与本行单位同义的也认（人／名、件／宗、场次／场／次），按本行单位写进报告。", "item"),
        ("约数：130余、70多、约300、超5万，报告中照此写出。一个数只用一个修饰词："
         "“近3万余”意思矛盾，是错误；“约130余”检查时给出警告，按“130余”写出。", "item"),
        ("大数：1.42万、3.45亿，报告中保留“万”“亿”和小数位。", "item"),
        ("比率：30.43% 或 0.3043，报告按填写的小数位写出。比率可以空着，程序按规则计算。",
         "item"),
        ("空着表示“没有数据”，该项内容在报告中略去；0 表示真实的零，会写进报告。", "item"),
        *narrative_guide.lines(catalog),
    ]
    sections = [(s.title, len(catalog.in_section(s.id))) for s in catalog.sections]
    listed = "、".join(f"{name} {n} 项" for name, n in sections if n)
    out += [("各板块", "heading"),
            (f"“指标”表共 {len(catalog.indicators)} 项指标，按板块排列：{listed}。", "item")]
    return out


def write(ws: Worksheet, catalog: Catalog, title: str, parts: tuple[str, ...] = ()) -> None:
    ws.column_dimensions["A"].width = WIDTH
    row = 0
    for text, style in lines(catalog, title, parts):
        size, bold, indent, colour = STYLES[style]
        if style == "heading" and row:
            row += 1  # a blank line before each heading
        row += 1
        cell = put(ws, row, 1, zh(text))
        cell.font = Font(size=size, bold=bold, color=colour)
        cell.alignment = Alignment(wrap_text=True, vertical="center" if style == "heading"
                                   else "top", indent=indent)
        if style == "heading":
            cell.fill = _HEADING_FILL
        usable = WIDTH - indent * _INDENT_UNITS
        ws.row_dimensions[row].height = fit.height(fit.lines(text, usable, size), size) + (
            4 if style in ("title", "heading") else 0)
    ws.sheet_view.showGridLines = False
    setup = ws.page_setup
    setup.orientation, setup.paperSize = "portrait", ws.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.print_area = f"A1:A{row}"
