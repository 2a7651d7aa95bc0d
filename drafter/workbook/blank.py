"""Make a blank workbook from a catalog: what `drafter init` writes.

The workbook is the user's contract, so it is made to be pleasant in Excel and WPS: a guide
sheet, the report's facts, one row per indicator grouped by 板块 with protected ids, data
validation that warns (and still lets a clerk type 130余), a frozen header, sensible widths,
and a sheet for the narrative points.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config.catalog import KIND_NAMES, Catalog, Indicator
from drafter.model.figures import OutlineRow
from drafter.model.findings import column_letter
from drafter.workbook import layout, narrative_guide, origin

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
BAND_FILLS = (PatternFill("solid", fgColor="F2F2F2"), PatternFill("solid", fgColor="FFFFFF"))
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
SECTION_BORDER = Border(top=Side(style="thin", color="7F7F7F"))
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def put(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one cell; text is always text. openpyxl turns a str starting with "=" into a live
    formula (catalog text "= 家事类 + …" showed #NAME?, a district's 单位名称
    "=HYPERLINK(…)" became a link), so every writer of drafter goes through here."""
    cell = ws.cell(row=row, column=column)
    text_as_text(cell, value)
    return cell


def text_as_text(cell: Cell, value: object) -> None:
    """Assign `value`; a str is stored as a string whatever it starts with (=, +, -, @)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def make_blank(catalog: Catalog, kind: str, title: str = "", office: str = "",
               outline: tuple[list[OutlineRow], list[str]] = ([], []),
               omitted: tuple[str, ...] = ()) -> Workbook:
    """`office`: the office folder's name, recorded on 基本信息 (see origin.py); `outline`:
    the body rows and their hints (config.outline.as_rows), written to 大纲; `omitted`:
    sections of `catalog` whose indicators are left out (drafter init --omit)."""
    from drafter.workbook import body_sheets

    wb = Workbook()
    guide = wb.active
    guide.title = layout.GUIDE
    _facts(wb.create_sheet(layout.FACTS), catalog, kind, office, omitted)
    catalog = origin.without(catalog, frozenset(omitted))
    _guide(guide, catalog, kind, title)
    body_sheets.outline_sheet(wb.create_sheet(layout.OUTLINE), *outline)
    body_sheets.spare_figure_rows(figures := wb.create_sheet(layout.FIGURES),
                                  _figures(figures, catalog))
    body_sheets.rules_sheet(wb.create_sheet(layout.RULES))
    wb.active = 0
    return wb


def save(wb: Workbook, out: Path, *, replace: bool = True) -> None:
    """`replace=False`: only if `out` does not exist yet (files.atomic_write)."""
    from drafter.files import atomic_write

    atomic_write(out, wb.save, replace=replace)


def header_row(ws: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = put(ws, 1, col, text)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[column_letter(col)].width = width
    ws.row_dimensions[1].height = 22


def _guide(ws: Worksheet, catalog: Catalog, kind: str, title: str) -> None:
    lines = [
        (f"{title or kind} 数据填报表", True),
        ("", False),
        ("怎么填", True),
        ("1. 在“基本信息”表填写单位名称、报告期间、成文日期等。", False),
        (
            "2. 在“指标”表的“本期”“上年同期”两列填写数字(浅黄色单元格)。编号、指标名称已锁定,"
            "请勿改动;“说明”列可写备注。本单位另有的指标,在表末空行填写编号、指标名称、单位,"
            "并在“类型”中选择 计数、金额、比率、数值 或 文字,就和目录中的指标一样使用。",
            False,
        ),
        (
            "3. “大纲”表就是报告正文:每行一个标题、要点(一是……)或段落,已按模板预填。可改写、"
            "增删、上下移动行;“层级”从下拉列表选,序号由程序编排。“内容”里用【指标名称】引用"
            "数字(见下文)。大纲开头、第一个标题之前的段落就是导语。",
            False,
        ),
        (
            "   “规则”表可写本单位的核对规则:合计(指标＝各项之和)、比率(指标＝分子／分母)、"
            "包含(各项不大于指标),检查时和模板包的规则一样核对。",
            False,
        ),
        ("4. 填完后运行 drafter check 检查,再运行 drafter render 生成 Word 初稿。", False),
        ("", False),
        ("数字怎么写", True),
        ("· 直接写数字:236;带单位也可以:236件;全角数字、千分位逗号(1,234)都能识别。", False),
        ("· 约数:130余、70多、约300、超5万 —— 报告中照此写出,只用一个修饰词。", False),
        ("· 大数:1.42万、3.45亿 —— 报告中保留“万”“亿”和小数位。", False),
        ("· 比率:30.43% 或 0.3043;报告按填写的小数位写出。比率可以空着,程序按规则计算。", False),
        ("· 空着表示“没有数据”,该项内容在报告中略去;0 表示真实的零,会写进报告。", False),
        ("", False),
    ]
    lines += [*narrative_guide.lines(catalog), ("各板块", True)]
    lines += [
        (f"· {s.title}:{len(catalog.in_section(s.id))} 项指标", False) for s in catalog.sections
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = put(ws, row, 1, text)
        cell.font = Font(bold=bold, size=14 if row == 1 else 11)
    ws.column_dimensions["A"].width = 110


def _facts(ws: Worksheet, catalog: Catalog, kind: str, office: str = "",
           omitted: tuple[str, ...] = ()) -> None:
    header_row(ws, layout.FACT_HEADERS, (16, 40, 50))
    rows = [(layout.KIND_FACT, kind, "由 drafter init 填写,请勿改动", False)]
    rows += [(f.key, "", f.hint + ("(必填)" if f.required else ""), True) for f in catalog.facts]
    # Headings are rows of 大纲 now; a 标题:… fact is read only by an office template that
    # still calls 标题(…), which then gets the pack's wording.
    rows += [(key, value, hint, False)
             for key, value, hint in origin.rows(catalog, office, omitted)]
    for r, (key, value, hint, editable) in enumerate(rows, start=2):
        put(ws, r, 1, key).font = Font(bold=True)
        cell = put(ws, r, 2, value or None)
        put(ws, r, 3, hint).alignment = WRAP
        if editable:
            cell.protection = UNLOCKED
            cell.fill = INPUT_FILL
            cell.number_format = "@"  # dates stay as typed: 2025年1月16日
    ws.freeze_panes = "B2"
    _protect(ws)


def _figures(ws: Worksheet, catalog: Catalog) -> int:
    """The catalog's rows; returns the first row below them."""
    header_row(ws, layout.FIGURE_HEADERS, (26, 12, 34, 8, 8, 13, 13, 48))
    counts = _warning_validation("greaterThanOrEqual", "0", None,
                                 "这里应填非负数。若要写“130余”“约300”,点“是”保留。")
    rates = _warning_validation("between", "0", "1", "比率应在 0%~100% 之间。")
    ws.add_data_validation(counts)
    ws.add_data_validation(rates)
    rows: dict[str, list[int]] = {"rate": [], "count": []}
    row, band, last_section = 2, 0, None
    for section in catalog.sections:
        for ind in catalog.in_section(section.id):
            if ind.section != last_section:
                band = 1 - band
                border = SECTION_BORDER if last_section is not None else None
                last_section = ind.section
            else:
                border = None
            _figure_row(ws, row, ind, section.title, BAND_FILLS[band], border)
            if ind.kind == "rate":
                rows["rate"].append(row)
            elif ind.kind in ("count", "amount"):
                rows["count"].append(row)
            row += 1
    rates.sqref = _spans(rows["rate"])
    counts.sqref = _spans(rows["count"])
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:H{max(row - 1, 1)}"
    printable(ws)
    _protect(ws)
    return row


def percent_format(digits: int | None) -> str:
    """Excel's number format for a rate stated with `digits` decimals (2 if unstated)."""
    digits = 2 if digits is None else digits
    return "0." + "0" * digits + "%" if digits else "0%"


def _spans(rows: list[int]) -> MultiCellRange:
    """E5:F9 E12:F12 …: runs of consecutive rows as one range each. (DataValidation.add
    compares each new range with all before it: 12 s for a 10,000-indicator catalog.)"""
    spans: list[tuple[int, int]] = []
    for row in rows:
        if spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
        else:
            spans.append((row, row))
    return MultiCellRange(" ".join(f"F{a}:G{b}" for a, b in spans))


def _warning_validation(operator: str, low: str, high: str | None, message: str) -> DataValidation:
    """A number check that warns and still lets the clerk keep what was typed (130余)."""
    return DataValidation(type="decimal", operator=operator, formula1=low, formula2=high,
                          allow_blank=True, errorStyle="warning", showErrorMessage=True,
                          errorTitle="请核对", error=message)


def _figure_row(
    ws: Worksheet,
    row: int,
    ind: Indicator,
    section_title: str,
    fill: PatternFill,
    border: Border | None,
) -> None:
    name = ind.name + ("(必填)" if ind.required else "")
    # 类型 stays blank on the catalog's rows: a filled 类型 is what makes a row the clerk's
    # own indicator, so an office's row read without --office is still an unknown row.
    values = (ind.id, section_title, name, ind.unit, None, None, None, ind.definition or None)
    for col, value in enumerate(values, start=1):
        cell = put(ws, row, col, value)
        cell.fill = fill
        if border is not None:
            cell.border = border
    for col in (6, 7):
        cell = ws.cell(row=row, column=col)
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        if ind.kind == "rate":
            cell.number_format = percent_format(ind.digits)
    note = ws.cell(row=row, column=8)
    note.protection = UNLOCKED
    note.alignment = WRAP
    if ind.kind == "text":
        ws.cell(row=row, column=6).comment = Comment(f"{KIND_NAMES['text']}:填写文字", "drafter")


def printable(ws: Worksheet) -> None:
    """Print on A4 landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _protect(ws: Worksheet) -> None:
    """Lock ids and names against accidental edits; no password, so an office can unlock."""
    p = ws.protection
    p.sheet = True
    p.autoFilter = False
    p.sort = False
    p.formatColumns = False
    p.formatRows = False
    p.formatCells = False


def fill(wb: Workbook, facts: dict[str, object], figures: dict[str, object],
         previous: dict[str, object] | None = None,
         points: dict[str, tuple[str, str] | list[str]] | None = None) -> None:
    """Type values into a blank workbook as a clerk would: facts by 项目, figures by 编号;
    `points` ({anything: (lead, body)}) are added as 要点 rows at the end of 大纲."""
    facts_ws = wb[layout.FACTS]
    rows = {str(r[0].value): r[0].row for r in facts_ws.iter_rows(min_row=2) if r[0].value}
    for key, value in facts.items():
        if key not in rows:
            raise KeyError(f"基本信息中没有“{key}”这一行")
        put(facts_ws, rows[key], 2, value)
    figures_ws = wb[layout.FIGURES]
    head = [c.value for c in figures_ws[1]]
    ids = {str(r[0].value): r[0].row for r in figures_ws.iter_rows(min_row=2) if r[0].value}
    for header, values in (("本期", figures), ("上年同期", previous or {})):
        column = head.index(header) + 1
        for ind_id, value in values.items():
            if ind_id not in ids:
                raise KeyError(f"指标表中没有“{ind_id}”")
            put(figures_ws, ids[ind_id], column, value)
    if points:
        outline_ws = wb[layout.OUTLINE]
        row = last_filled(outline_ws) + 1
        for lead, body in points.values():
            put(outline_ws, row, 1, layout.POINT_LEVEL)
            put(outline_ws, row, 2, lead or None)
            put(outline_ws, row, 3, body or None)
            row += 1


def last_filled(ws: Worksheet) -> int:
    """The last row with anything in columns A–C (1 when only the header)."""
    return max((c.row for row in ws.iter_rows(min_row=2, max_col=3) for c in row
                if c.value not in (None, "")), default=1)
