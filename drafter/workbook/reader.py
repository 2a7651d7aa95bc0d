"""Read a filled workbook into WorkbookData: facts, figures and points, each with its cell.

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
from drafter.model.figures import Figure, Point, WorkbookData
from drafter.model.findings import CellRef, Severity, define, finding
from drafter.workbook import (
    cells,
    facts,
    layout,
    origin,
    outline_sheet,
    own,
    rule_sheet,
    structure,
    text,
    xlsx,
)
from drafter.workbook.sniff import ensure_xlsx
from drafter.workbook.worksheet import Sheet

NORMALIZED = define(
    "value-normalized",
    Severity.INFO,
    "数值已规范化",
    "单元格的写法被规范为数字:全角数字、千分位逗号、单位、约数修饰词(余、约、超)、万/亿、"
    "小数形式的比率。报告仍按填写的写法措辞。核对读法无误即可。",
    "指标!E5:“２３６”按“236”读取(全角或空格已转换)",
)
NOT_A_NUMBER = define(
    "not-a-number",
    Severity.ERROR,
    "不是数字",
    "数字列中的文字无法读成数字。请改成数字,或写成“130余”“约300”“1.42万”等可识别的形式。",
    "指标!E7:“一百三十”不是数字",
)
NO_CACHED_VALUE = define(
    "formula-no-value",
    Severity.ERROR,
    "公式没有计算结果",
    "单元格是公式,但文件里没有保存计算结果(常见于由程序生成、从未在 Excel 中打开保存过的文件)。"
    "请用 Excel 或 WPS 打开并保存一次,或把公式改为数值。",
    "指标!E9:公式“=SUM(E10:E14)”没有保存计算结果",
)
UNKNOWN_ROW = define(
    "unknown-row",
    Severity.ERROR,
    "编号不在指标目录中",
    "“指标”表中有行的编号不属于本类报告的指标目录,这些行不会用于报告。最常见的原因是数据表由单位文件夹"
    "生成,检查或生成时没有加 --office;若是新增的指标,请在单位文件夹的 indicators.toml 中添加。",
    "指标!A40:编号“法律援助.新指标”不在指标目录中,这一行不会用于报告;"
    "可能是数据表由单位文件夹生成而没有加 --office",
)
DUPLICATE_ROW = define(
    "duplicate-row",
    Severity.ERROR,
    "编号重复",
    "同一编号出现在两行,只读取第一行。请删除或合并重复的行。",
    "指标!A41:编号“人民调解.排查纠纷”与第 12 行重复",
)
ROW_MISSING = define(
    "row-missing",
    Severity.WARNING,
    "缺少指标行",
    "指标目录中的指标在“指标”表里找不到对应的行(可能被删除)。可用 drafter init 重新生成空表对照补上。",
    "指标:没有“法律援助.受理案件”(受理法律援助案件)这一行",
)
MISSING_SHEET = define(
    "missing-sheet",
    Severity.WARNING,
    "缺少工作表",
    "工作簿中没有“基本信息”或“要点”表,相应内容按空白处理。",
    "要点:工作簿中没有“要点”表,报告不含文字要点",
)
UNKNOWN_SECTION = define(
    "unknown-section",
    Severity.ERROR,
    "板块无法识别",
    "“要点”表中某行的板块不在本类报告的板块列表中,这一行不会出现在报告里。请改成列表中的板块;"
    "若数据表由单位文件夹生成,检查或生成时请加 --office。",
    "要点!B9:板块“其他工作”无法识别,这一行不会写入报告",
)
STACKED = define(
    "stacked-qualifiers",
    Severity.ERROR,
    "约数修饰词相互矛盾",
    "一个数同时用了意思相反的修饰词,如“近3万余”:“近”是不到,“余”是超过。请只保留一个,写成“近3万”或“3万余”。"
    "“指标”表的单元格和叙述文字(大纲的内容、导语等)中同样检查。",
    "指标!E20:“近3万余”同时用了“近”(不到)和“余”(超过),请只保留一个:写成“近3万”或“3万余”",
)
UNIT_MISMATCH = define(
    "unit-mismatch",
    Severity.ERROR,
    "单位与本行的不同",
    "数字后面写的单位不是本行“单位”一栏的单位,也不是与它同义的单位(人／名、件／宗、场次／场／次),"
    "如在单位为“件”的行里填“1963人次”:这个数不采用。请核对后只填按本行单位计的数字;单位确实"
    "不同的,在表末空行新增一项指标。",
    "指标!F89:排查矛盾纠纷:“1963人次”的单位“人次”与本行的单位“件”不同,读到的数是 1963;"
    "请只填按“件”计的数字",
)
QUALIFIERS_MERGED = define(
    "qualifiers-merged",
    Severity.WARNING,
    "约数修饰词叠用",
    "一个数用了两个意思相近的修饰词,如“约130余”“超5万余”:公文中一个数只用一个修饰词。"
    "“指标”表的单元格中,drafter 只保留一个(写在数后的余、多优先),报告中按保留的写出;叙述文字"
    "(大纲的内容、导语等)照原样写出。请改成想要的写法。意思相反的(“近3万余”)是错误 "
    "stacked-qualifiers。",
    "指标!F11:“法律七进”等普法活动:“约130余”叠用了修饰词“约”“余”,一个数只用一个;"
    "按“130余”读取,报告中写作“130余场次”",
)
UNKNOWN_SLOT = define(
    "unknown-point-slot",
    Severity.WARNING,
    "要点编号不在目录中",
    "“要点”表某行的“编号”不是本类报告的要点编号:这一行按所在板块的其他要点写入,位置可能与预想的不同。"
    "新增的要点“编号”可以空着;若数据表由单位文件夹生成,检查或生成时请加 --office。",
    "要点!A20:编号“法律援助.新要点”不是本类报告的要点编号,按“法律援助”板块的其他要点写入",
)
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
            if text.plain(sheet.value(r, 0)) == layout.KIND_FACT:
                return text.clean(text.plain(sheet.value(r, 1)), text.SHORT).text
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
        _read_points(sheets.get(layout.POINTS), catalog, data)
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
    for r in sheet.row_numbers(head + 1):
        ind_id = text.take(sheet, r, cols["编号"], text.LINE, data)
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
        cell = _ref(sheet, r, cols["本期"])
        prev_cell = _ref(sheet, r, cols["上年同期"]) if "上年同期" in cols else None
        current = _cell(sheet, r, cols["本期"], cell, ind, data, blanks)
        previous = _cell(sheet, r, cols.get("上年同期"), prev_cell, ind, data, blanks)
        typed = (text.take(sheet, r, cols["本期"], text.LINE, data, section=ind.section,
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
        return cells.Parsed()
    raw = sheet.value(r, c)
    if ind.kind == "text":
        return cells.Parsed()  # its text is taken as the figure's text (text.take)
    if isinstance(raw, str):
        raw = text.clean(raw, text.LINE).text  # a number cell: only the number matters
    fmt = sheet.number_format(r, c) if ind.kind == "rate" else ""  # only rates heed it (0.00%)
    parsed = cells.parse(raw, ind.kind, ind.unit, fmt)
    for note in parsed.notes:
        data.findings.append(
            finding(NORMALIZED, note, [ref], section=ind.section, indicators=[ind.id])
        )
    if parsed.warning:
        data.findings.append(finding(QUALIFIERS_MERGED, f"{ind.name}:{parsed.warning}", [ref],
                                     section=ind.section, indicators=[ind.id]))
    if parsed.error:
        code = (STACKED if parsed.stacked else UNIT_MISMATCH if parsed.other_unit
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
    return Figure(
        id=ind.id,
        name=ind.name,
        unit=ind.unit,
        kind=ind.kind,
        value=cur.value,
        previous=prev.value,
        qualifier=cur.qualifier,
        digits=digits,
        scale=cur.scale,
        cell=cell,
        previous_cell=prev_cell,
        text=typed,
        unread=bool(cur.error),
        previous_unread=bool(prev.error),
    )


def _read_points(sheet: Sheet | None, catalog: Catalog, data: WorkbookData) -> None:
    if sheet is None:
        _missing_sheet(data, layout.POINTS, "报告不含文字要点")
        return
    head, cols = _columns(sheet, layout.POINT_HEADERS, layout.POINT_REQUIRED, data.path)
    sections = {s.id for s in catalog.sections}
    by_title = {s.title: s.id for s in catalog.sections}
    for r in sheet.row_numbers(head + 1):
        slot = text.take(sheet, r, cols.get("编号"), text.LINE, data)
        section = text.take(sheet, r, cols["板块"], text.LINE, data)
        lead = text.take(sheet, r, cols["要点"], text.LINE, data)
        body = text.take(sheet, r, cols["内容"], text.PARAGRAPH, data)
        if not lead and not body:
            continue
        if slot and slot in catalog.points:
            section = catalog.points[slot].section
        elif slot:
            data.findings.append(finding(
                UNKNOWN_SLOT, f"编号“{slot}”不是本类报告的要点编号,按“{section}”板块的其他要点写入",
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
                NO_CACHED_VALUE,
                f"{what}没有保存计算结果,请用 Excel 或 WPS 打开并保存一次,或改为数值",
                [ref],
                section=ind_id.split(".", 1)[0],
                indicators=[ind_id],
            )
        )
