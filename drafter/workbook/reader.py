"""Read a filled workbook into WorkbookData: facts, figures, the 大纲 rows (outline_sheet.py),
the clerk's own indicators and rules (own.py) and old-style points, each with its cell.

Reading never stops at a bad cell: what cannot be read becomes an error finding naming the
cell, and each normalization (全角 digits, 130余, 1.42万, 0.3043 for a rate) becomes a note.
Only an unusable file (not an .xlsx, no 指标 sheet, no 编号/本期 header) raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from drafter.config.catalog import Catalog, Indicator
from drafter.errors import WorkbookLayoutError
from drafter.model.figures import Figure, Point, WorkbookData, read_figure
from drafter.model.findings import CellRef, column_letter, finding
from drafter.workbook import (
    cells,
    facts,
    layout,
    limits,
    origin,
    outline_sheet,
    own,
    rule_sheet,
    structure,
    text,
    xlsx,
)
from drafter.workbook.codes import (
    DUPLICATE_ROW,
    FORMULA_NO_VALUE,
    MISSING_SHEET,
    NOT_A_NUMBER,
    QUALIFIERS_MERGED,
    ROW_MISSING,
    STACKED_QUALIFIERS,
    UNIT_MISMATCH,
    UNKNOWN_POINT_SLOT,
    UNKNOWN_ROW,
    UNKNOWN_SECTION,
    VALUE_NORMALIZED,
)
from drafter.workbook.sniff import ensure_xlsx
from drafter.workbook.worksheet import Sheet

_CAUSE = ("可能是数据表由单位文件夹生成,检查或生成时没有加 --office;若是新增的指标,"
          "请在“类型”列选择 计数、金额、比率、数值 或 文字,并填写“指标”名称")


_LISTED = 100  # unknown rows a finding points at; its message counts them all

# A blank figure cell whose formula has no cached value: (cell, indicator, row, column).
_Blank = tuple[CellRef, str, int, int]


@dataclass
class Loaded:
    """A workbook's cells, loaded once: enough to learn its kind before choosing a catalog."""

    path: Path
    sheets: Mapping[str, Sheet]  # by stripped title; each parsed when first looked up

    @property
    def kind(self) -> str:
        """The pack kind recorded in 基本信息 (报告类型), or ""."""
        sheet = self.sheets.get(layout.FACTS)
        if sheet is None:
            return ""
        for r in sheet.row_numbers():
            if r >= 10:
                break
            if text.as_text(sheet.value(r, 0)) == layout.KIND_FACT:
                return text.clean(text.as_text(sheet.value(r, 1)), limits.MAX_SHORT).text
        return ""

    def close(self) -> None:
        """Close the workbook's file (a sheet looked up later opens it again)."""
        close = getattr(self.sheets, "close", None)
        if close is not None:
            close()


def load(path: Path) -> Loaded:
    """Check that `path` is an .xlsx workbook and open it: each sheet's cached values, number
    formats and formulas are read when the sheet is first looked up (see xlsx.py)."""
    ensure_xlsx(path)
    return Loaded(path, xlsx.read(path))


def read(source: Path | Loaded, catalog: Catalog) -> WorkbookData:
    """Read a workbook against `catalog`. Raises DrafterError only for an unusable file."""
    loaded = source if isinstance(source, Loaded) else load(source)
    path, sheets = loaded.path, loaded.sheets
    data = WorkbookData(path=str(path))
    figures_sheet = sheets.get(layout.FIGURES)
    if figures_sheet is None:
        raise WorkbookLayoutError(
            f"工作簿中没有“{layout.FIGURES}”表(现有:{'、'.join(sheets) or '无'})。"
            "请用 drafter init 生成的数据表填写",
            file=str(path),
        )
    facts_sheet = sheets.get(layout.FACTS)
    if facts_sheet is None:
        _missing_sheet(data, layout.FACTS, "单位名称、成文日期等按空白处理")
    else:
        columns = _columns(facts_sheet, layout.FACT_HEADERS, ("项目", "内容"), data.path)
        facts.read(facts_sheet, catalog, data, columns)
    blanks = _read_figures(figures_sheet, catalog, data)
    outline = sheets.get(layout.OUTLINE)
    if outline is not None:
        head, cols = _columns(outline, layout.OUTLINE_HEADERS, layout.OUTLINE_REQUIRED, data.path)
        outline_sheet.read(outline, head, cols, data)
    if outline is None or layout.POINTS in sheets:  # old workbooks: points on 要点
        points = sheets.get(layout.POINTS)
        if points is not None:
            _read_points(points, catalog, data)
        elif "类型" not in _columns(figures_sheet, layout.FIGURE_HEADERS, layout.FIGURE_REQUIRED,
                                    data.path)[1]:  # made before 大纲: its 要点 is gone
            _missing_sheet(data, layout.POINTS, "报告不含文字要点")
        # else 大纲 was deleted from a workbook that never had 要点: outline-missing says so
    rules = sheets.get(layout.RULES)
    if rules is not None:
        head, cols = _columns(rules, layout.RULE_HEADERS, layout.RULE_REQUIRED, data.path)
        rule_sheet.read_rules(rules, head, cols, data, catalog)
    _report_formulas(figures_sheet, blanks, data)
    return data


def _columns(
    sheet: Sheet, headers: tuple[str, ...], required: tuple[str, ...], file: str
) -> tuple[int, dict[str, int]]:
    """Find the header row (within the first 5) and map header text → column index."""
    for r in range(5):
        found: dict[str, int] = {}
        for i, v in sorted(sheet.row(r).items()):
            if v is not None:
                found.setdefault(str(v).strip(), i)
        if all(h in found for h in required):
            return r, {h: found[h] for h in headers if h in found}
    need = "、".join(f"“{h}”" for h in required)
    raise WorkbookLayoutError(f"前 5 行中找不到表头 {need}", file=file, where=sheet.title)


def _ref(sheet: Sheet, r: int, c: int) -> CellRef:
    return CellRef.at(sheet.title, r + 1, c + 1)


def _missing_sheet(data: WorkbookData, name: str, consequence: str) -> None:
    data.findings.append(
        finding(MISSING_SHEET, f"工作簿中没有“{name}”表,{consequence}", [CellRef(name, "")])
    )


def _read_figures(sheet: Sheet, catalog: Catalog, data: WorkbookData) -> list[_Blank]:
    """Fill data.figures; return the blank cells that hold a formula (never calculated)."""
    head, cols = _columns(sheet, layout.FIGURE_HEADERS, layout.FIGURE_REQUIRED, data.path)
    blanks: list[_Blank] = []
    seen: dict[str, int] = {}
    unknown: list[tuple[CellRef, str]] = []
    current_letters = column_letter(cols["本期"] + 1)
    previous_letters = column_letter(cols["上年同期"] + 1) if "上年同期" in cols else ""
    for r in sheet.row_numbers(head + 1):
        ind_id = text.take(sheet, r, cols["编号"], limits.MAX_LINE, data)
        if not ind_id:
            continue
        ind = catalog.indicators.get(ind_id)
        if ind is not None:
            own.catalog_kind(sheet, r, cols, ind, data)
        elif "类型" in cols:
            declared, ind = own.indicator(sheet, r, cols, ind_id, data)
            if declared and ind is None:
                continue  # a new row with its name or kind missing: said why
            if ind is not None:
                if ind.id in catalog.indicators:  # 板块 + 编号 is a catalog id after all
                    ind = catalog.indicators[ind.id]
                elif ind.id not in seen:
                    data.own_indicators.append(ind)
                ind_id = ind.id
        if ind is None:
            unknown.append((_ref(sheet, r, cols["编号"]), text.shown(ind_id)))
            continue
        if ind_id in seen:
            data.findings.append(
                finding(
                    DUPLICATE_ROW,
                    f"编号“{ind_id}”与第 {seen[ind_id] + 1} 行重复,只读取第一行",
                    [_ref(sheet, r, cols["编号"])],
                    section=ind.section,
                    indicators=[ind_id],
                )
            )
            continue
        seen[ind_id] = r
        row = str(r + 1)
        cell = CellRef(sheet.title, current_letters + row)  # _ref's, ~10,000 times sooner
        prev_cell = CellRef(sheet.title, previous_letters + row) if previous_letters else None
        current = _cell(sheet, r, cols["本期"], cell, ind, data, blanks)
        previous = _cell(sheet, r, cols.get("上年同期"), prev_cell, ind, data, blanks)
        typed = (text.take(sheet, r, cols["本期"], limits.MAX_LINE, data, section=ind.section,
                           indicators=(ind.id,)) if ind.kind == "text" else "")
        data.figures[ind_id] = _figure(ind, current, previous, cell, prev_cell, typed)
    if unknown:
        shown = "、".join(f"{c.cell}“{i}”" for c, i in unknown[:8])
        more = f" 等 {len(unknown)} 行" if len(unknown) > 8 else ""
        data.findings.append(finding(
            UNKNOWN_ROW, f"{shown}{more}的编号不在指标目录中,这些行不会用于报告;{_CAUSE}",
            [c for c, _ in unknown[:_LISTED]]))
    left_out = origin.omitted(data)  # drafter init --omit
    absent = [ind for ind in catalog.indicators.values()
              if ind.section not in left_out and ind.id not in data.figures]
    optional = [ind for ind in absent if not ind.required]
    one_by_one = [i for i in absent if i.required] + (optional if len(optional) <= 3 else [])
    for ind in one_by_one:
        data.findings.append(finding(ROW_MISSING, f"没有“{ind.id}”({ind.name})这一行",
                                     [CellRef(sheet.title, "")], section=ind.section,
                                     indicators=[ind.id]))
    if len(optional) > 3:  # a workbook made before the catalog grew: one warning, not dozens
        names = "、".join(i.name for i in optional[:5])
        data.findings.append(finding(
            ROW_MISSING, f"没有 {len(optional)} 项指标的行(如 {names} 等),按空白处理;"
            "多半是数据表生成后指标目录增加了指标,可用 drafter init --from 本表 生成新表补齐",
            [CellRef(sheet.title, "")], indicators=[i.id for i in optional]))
    for ind in absent:
        data.figures[ind.id] = Figure(
            id=ind.id, name=ind.name, unit=ind.unit, kind=ind.kind, digits=ind.digits)
    structure.report(sheet, head, {h: cols[h] for h in ("本期", "上年同期") if h in cols}, data)
    return blanks


_NOTHING = cells.Parsed()  # a blank cell read (frozen: one for all)


def _cell(
    sheet: Sheet,
    r: int,
    c: int | None,
    ref: CellRef | None,
    ind: Indicator,
    data: WorkbookData,
    blanks: list[_Blank],
) -> cells.Parsed:
    if c is None or ref is None:
        return _NOTHING
    raw = sheet.value(r, c)
    if ind.kind == "text":
        return _NOTHING  # its text is taken as the figure's text (text.take)
    if raw is None:  # blank (most cells of a workbook just made): nothing to parse or to say
        if (r, c) in sheet.formulas:
            blanks.append((ref, ind.id, r, c))
        return _NOTHING
    if isinstance(raw, str):
        raw = text.clean(raw, limits.MAX_LINE).text  # a number cell: only the number matters
    fmt = sheet.number_format(r, c) if ind.kind == "rate" else ""  # only rates heed it (0.00%)
    parsed = cells.parse(raw, ind.kind, ind.unit, fmt)
    for note in parsed.notes:
        data.findings.append(
            finding(VALUE_NORMALIZED, note, [ref], section=ind.section, indicators=[ind.id])
        )
    if parsed.warning:
        data.findings.append(finding(QUALIFIERS_MERGED, f"{ind.name}:{parsed.warning}", [ref],
                                     section=ind.section, indicators=[ind.id]))
    if parsed.error:
        code = (STACKED_QUALIFIERS if parsed.stacked else UNIT_MISMATCH if parsed.other_unit
                else NOT_A_NUMBER)
        data.findings.append(
            finding(
                code,
                f"{ind.name}:{parsed.error}",
                [ref],
                section=ind.section,
                indicators=[ind.id],
            )
        )
    if raw is None and (r, c) in sheet.formulas:
        blanks.append((ref, ind.id, r, c))
    return parsed


def _figure(
    ind: Indicator,
    cur: cells.Parsed,
    prev: cells.Parsed,
    cell: CellRef,
    prev_cell: CellRef | None,
    typed: str,
) -> Figure:
    digits = cur.digits if cur.digits is not None else ind.digits
    return read_figure(ind.id, ind.name, ind.unit, ind.kind, cur.value, prev.value, cur.qualifier,
                       digits, cur.scale, cell, prev_cell, typed, bool(cur.error),
                       bool(prev.error))


def _read_points(sheet: Sheet, catalog: Catalog, data: WorkbookData) -> None:
    """An old workbook's 要点 sheet: its points, by 板块."""
    head, cols = _columns(sheet, layout.POINT_HEADERS, layout.POINT_REQUIRED, data.path)
    sections = {s.id for s in catalog.sections}
    by_title = {s.title: s.id for s in catalog.sections}
    for r in sheet.row_numbers(head + 1):
        slot = text.take(sheet, r, cols.get("编号"), limits.MAX_LINE, data)
        section = text.take(sheet, r, cols["板块"], limits.MAX_LINE, data)
        lead = text.take(sheet, r, cols["要点"], limits.MAX_LINE, data)
        body = text.take(sheet, r, cols["内容"], limits.MAX_PARAGRAPH, data)
        if not lead and not body:
            continue
        if slot and slot in catalog.points:
            section = catalog.points[slot].section
        elif slot:
            data.findings.append(finding(
                UNKNOWN_POINT_SLOT, f"编号“{slot}”不是本类报告的要点编号,按“{section}”板块的其他要点写入",
                [_ref(sheet, r, cols["编号"])]))
            slot = ""
        section = by_title.get(section, section)
        if section not in sections:
            data.findings.append(
                finding(
                    UNKNOWN_SECTION,
                    f"板块“{text.shown(section)}”无法识别,这一行不会写入报告;{_CAUSE.split(';')[0]}",
                    [_ref(sheet, r, cols["板块"])],
                )
            )
            continue
        data.points.append(
            Point(
                section=section, lead=lead, body=body, slot=slot, cell=_ref(sheet, r, cols["内容"]),
                lead_cell=_ref(sheet, r, cols["要点"]),
            )
        )
    structure.report(sheet, head, {h: cols[h] for h in ("要点", "内容")}, data)


def _report_formulas(sheet: Sheet, blanks: list[_Blank], data: WorkbookData) -> None:
    """A blank cell holding a formula: never calculated (no cached value saved), say so."""
    for ref, ind_id, r, c in blanks:
        formula = sheet.formulas[(r, c)]
        what = f"公式“{formula}”" if formula.startswith("=") else formula
        data.findings.append(
            finding(
                FORMULA_NO_VALUE,
                f"{what}没有保存计算结果,请用 Excel 或 WPS 打开并保存一次,或改为数值",
                [ref],
                section=ind_id.split(".", 1)[0],
                indicators=[ind_id],
            )
        )
