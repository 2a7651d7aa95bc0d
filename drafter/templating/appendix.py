"""各县(市、区)主要指标: the per-district table a city report may carry, as its 附件.

A city workbook made by `drafter rollup` holds every district's figures (区县数据). The
catalog's `[appendix]` names the columns; `{{ 附表() }}` in a pack's last block renders the
附件说明 after the body (GB/T 9704 §7.3.4: `附件：各县（市、区）主要指标`) and, on a page of its
own, the 附件 label, the table's title, a row per district and the city's row (合计, with rates
recomputed, as in the report) (§7.3.7). A workbook without districts renders nothing.
"""

from __future__ import annotations

from drafter import phrasing
from drafter.config.catalog import Catalog, Indicator
from drafter.errors import CatalogError
from drafter.model.figures import Figure, WorkbookData
from drafter.templating.outline import ANNEX, escape

TOTAL = "合计"
NAME_COLUMN = "县市区"


def outline(catalog: Catalog, data: WorkbookData, label: str = ANNEX) -> str:
    """`label`: the annex's label (附件; numbered 附件1, 附件2 … when a report has several)."""
    if not data.districts or catalog.appendix is None:
        return ""
    unknown = [i for i in catalog.appendix.indicators if i not in catalog.indicators]
    if unknown:
        raise CatalogError(f"附表([appendix])中的指标“{'、'.join(unknown)}”不在指标目录中")
    inds = [catalog.indicators[i] for i in catalog.appendix.indicators]
    header = [NAME_COLUMN, *(_heading(ind) for ind in inds)]
    rows = [[name, *(_cell(ind, figs.get(ind.id)) for ind in inds)]
            for name, figs in data.districts]
    rows.append([TOTAL, *(_cell(ind, data.figures.get(ind.id)) for ind in inds)])
    title = escape(catalog.appendix.title)
    lines = [f"::attachment {title}", "::pagebreak", f"::annex {escape(label)}",
             f"::table {title}"]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in [header, *rows]]
    return "\n".join(lines) + "\n"


def _heading(ind: Indicator) -> str:
    return f"{ind.name}({ind.unit})" if ind.unit else ind.name


def _cell(ind: Indicator, fig: Figure | None) -> str:
    if fig is None or fig.value is None:
        return (fig.text if fig is not None else "") or "—"
    if fig.kind == "rate":  # one number of decimals down the column: 100.00 above 99.64
        digits = ind.digits if ind.digits is not None else fig.digits
        return phrasing.number(fig.value, digits, keep_zeros=digits is not None)
    return phrasing.quantity(fig.value, "", fig.qualifier, fig.scale, fig.digits)
