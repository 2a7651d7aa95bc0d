"""What a clerk adds to the pack's catalog in the workbook itself: indicators and rules.

- An 指标 row whose 编号 no catalog knows is the workbook's own indicator when its 类型 is
  filled (计数 / 金额 / 比率 / 数值 / 文字): its id is the 编号 if it has a “.”, else
  板块.编号 (板块 自定义 when empty). It is a figure like any other: referenced from 内容
  cells, checked by rules, kept by init --from and merge.
- A catalog's row shows the catalog's 类型 (grey, locked); changing it changes nothing and
  is a warning.
- The 规则 sheet is read by workbook/rule_sheet.py; `catalog_for` puts both over the pack's
  catalog.
"""

from __future__ import annotations

from dataclasses import replace

from drafter.config.catalog import KIND_NAMES, Catalog, Indicator, Section
from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, finding
from drafter.workbook import layout, limits, text
from drafter.workbook.codes import CATALOG_KIND_IGNORED, OWN_INDICATOR_INCOMPLETE
from drafter.workbook.worksheet import Sheet

OWN_SECTION = "自定义"
KINDS_BY_NAME = {**{v: k for k, v in KIND_NAMES.items()}, **{k: k for k in KIND_NAMES}}


def indicator(sheet: Sheet, r: int, cols: dict[str, int], typed_id: str,
              data: WorkbookData) -> tuple[bool, Indicator | None]:
    """(whether the row declares a new indicator — its 类型 filled by the clerk —, the
    indicator or None when it cannot be used: a finding says why). A 类型 drafter init wrote
    for a catalog's row (marked by its format, layout.CATALOG_KIND_FORMAT) declares nothing:
    such a row read with another catalog — an office's row without --office — is unknown."""
    kind_text = text.take(sheet, r, cols.get("类型"), limits.MAX_LINE, data)
    if not kind_text or _as_init_wrote(sheet, r, cols["类型"], kind_text):
        return False, None
    name = text.take(sheet, r, cols.get("指标"), limits.MAX_LINE, data)
    section = text.take(sheet, r, cols.get("板块"), limits.MAX_LINE, data) or OWN_SECTION
    ind_id = typed_id if "." in typed_id else f"{section}.{typed_id}"
    kind = KINDS_BY_NAME.get(kind_text.strip())
    where = CellRef.at(sheet.title, r + 1, (cols.get("指标") if not name else cols["类型"]) + 1)
    if not name or kind is None:
        why = ("没有填写“指标”(名称)" if not name else
               f"类型“{text.shown(kind_text)}”无法识别(可选:{'、'.join(KIND_NAMES.values())})")
        data.findings.append(finding(OWN_INDICATOR_INCOMPLETE, f"新增指标“{ind_id}”{why},这一行不能使用",
                                     [where], indicators=[ind_id]))
        return True, None
    unit = text.take(sheet, r, cols.get("单位"), limits.MAX_LINE, data)
    return True, Indicator(id=ind_id, name=name, kind=kind,
                           unit="" if kind == "rate" and unit == "%" else unit)


def catalog_kind(sheet: Sheet, r: int, cols: dict[str, int], ind: Indicator,
                 data: WorkbookData) -> None:
    """A catalog row's 类型 changed from what drafter init wrote: said, and not heeded."""
    c = cols.get("类型")
    shown = KIND_NAMES.get(ind.kind, "")
    if c is None or sheet.value(r, c) in (None, shown):
        return  # the common case: as drafter init wrote it, or blank
    typed = text.take(sheet, r, c, limits.MAX_LINE, data).strip()
    if typed and typed != shown and KINDS_BY_NAME.get(typed) != ind.kind:
        where = CellRef.at(sheet.title, r + 1, c + 1)
        data.findings.append(finding(
            CATALOG_KIND_IGNORED, f"“{ind.name}”是指标目录中的{shown}类指标,“类型”改写为"
            f"“{text.shown(typed)}”不起作用,仍按{shown}读取;要新增指标,请在表末空行用新的编号填写",
            [where], section=ind.section, indicators=[ind.id]))


def _as_init_wrote(sheet: Sheet, r: int, c: int, typed: str) -> bool:
    return (typed.strip() in KINDS_BY_NAME
            and sheet.number_format(r, c) == layout.CATALOG_KIND_FORMAT)


def set_digits(data: WorkbookData, catalog: Catalog, rate_id: str, digits: int) -> None:
    """A rate rule's 小数位: the rate is stated (and computed) with that many decimals."""
    own = {i.id: n for n, i in enumerate(data.own_indicators)}
    base = (data.own_indicators[own[rate_id]] if rate_id in own
            else catalog.indicators.get(rate_id))
    if base is None:
        return
    changed = replace(base, digits=digits)
    if rate_id in own:
        data.own_indicators[own[rate_id]] = changed
    else:
        data.own_indicators.append(changed)
    fig = data.figures.get(rate_id)
    if fig is not None and fig.digits is None:
        data.figures[rate_id] = replace(fig, digits=digits)


def catalog_for(catalog: Catalog, data: WorkbookData) -> Catalog:
    """The pack's catalog as this workbook uses it: sections `init --omit` left out taken
    away, the required rows `drafter import` recorded as not required relaxed, the
    workbook's own indicators and rules added."""
    from drafter.workbook import origin

    catalog = origin.without(catalog, origin.omitted(data))
    catalog = origin.relaxed(catalog, origin.not_required(data))  # drafter import
    if not data.own_indicators and not data.own_rules:
        return catalog
    indicators = dict(catalog.indicators)
    for ind in data.own_indicators:
        indicators[ind.id] = ind
    known = {s.id for s in catalog.sections}
    added = [Section(sec, sec, implied=True) for sec in dict.fromkeys(
        i.section for i in data.own_indicators) if sec not in known]
    return replace(catalog, indicators=indicators, rules=[*catalog.rules, *data.own_rules],
                   sections=[*catalog.sections, *added])
