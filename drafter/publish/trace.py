"""Where each figure of a document comes from: the notes `render --trace` puts on figures.

A figure's span carries where it comes from (Span.source, a model/source.py FigureSource,
marked through the outline); the note names the workbook cell, the indicator's name and the column:
`指标!E46 排查矛盾纠纷（本期）`. Phrases computed from figures (同比, 比率, 倍数) name every
cell they read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from drafter.config.catalog import Catalog
from drafter.model.document import Block, Document, Heading, Paragraph, Span
from drafter.model.figures import Figure, WorkbookData
from drafter.model.options import compares_with_previous
from drafter.model.source import FigureSource, format_source


@dataclass(frozen=True)
class Sourced:
    """A figure as printed in a document: its 1-based order among sourced spans."""

    index: int
    source: FigureSource
    text: str
    paragraph: str  # the whole paragraph's text
    block: int  # index of its block in Document.blocks


def sourced_spans(doc: Document) -> list[Sourced]:
    """Every sourced span of `doc`, in document order (the order of Word's bookmarks)."""
    out: list[Sourced] = []
    for i, block in enumerate(doc.blocks):
        text = _block_text(block)
        for span in _spans(block):
            if span.source:
                out.append(Sourced(len(out) + 1, span.source, span.text, text, i))
    return out


def _spans(block: Block) -> Iterator[Span]:
    if isinstance(block, Paragraph | Heading):
        yield from block.spans


def _block_text(block: Block) -> str:
    return block.text if isinstance(block, Paragraph | Heading) else ""


def notes(doc: Document, data: WorkbookData, catalog: Catalog) -> dict[FigureSource, str]:
    """source → `指标!E46 排查矛盾纠纷（本期）` for every sourced span of `doc`."""
    return {s.source: note(s.source, data, catalog) for s in sourced_spans(doc)}


def note(source: FigureSource, data: WorkbookData, catalog: Catalog) -> str:
    """Where the figure printed from `source` comes from, in full-width punctuation like all
    the writer reads (the catalog's names are written as packs write them: 其中:接访)."""
    from drafter.templating.punctuation import prose  # the one home of the rule

    return prose(_note(source, data, catalog))


def _note(source: FigureSource, data: WorkbookData, catalog: Catalog) -> str:
    how = source.how
    if compares_with_previous(how):  # 同比: the figure against its own 上年同期
        fig = data.figures.get(source.figure)
        if fig is None:
            return format_source(source)
        cells = "、".join(str(c) for c in (fig.cell, fig.previous_cell) if c)
        return f"{cells} {_name(fig, catalog)}（本期与上年同期）{how}"
    if how:
        return f" {'÷'.join(_one(i, data, catalog) for i in source.ids)} 得出的{how}".strip()
    return _one(source.figure, data, catalog)


def _one(indicator: str, data: WorkbookData, catalog: Catalog) -> str:
    fig = data.figures.get(indicator)
    if fig is None:
        return indicator
    if fig.computed:
        how = _rate_parts(indicator, data, catalog)
        return f"{_name(fig, catalog)}（未填，由 {how} 算出）" if how else (
            f"{_name(fig, catalog)}（未填，由程序算出）")
    where = str(fig.cell) if fig.cell else "数据表"
    return f"{where} {_name(fig, catalog)}（本期）"


def _rate_parts(indicator: str, data: WorkbookData, catalog: Catalog) -> str:
    for rule in catalog.rules:
        if rule.kind == "rate" and rule.get("rate") == indicator:
            ids = rule.get("denominator")  # one id, or ids summed (a 规则 row gives a list)
            num = data.figures.get(rule.get("numerator"))
            dens = [data.figures.get(i) for i in ([ids] if isinstance(ids, str) else ids or [])]
            if num is not None and dens and None not in dens:
                den = " ＋ ".join(_one(d.id, data, catalog) for d in dens if d is not None)
                return f"{_one(num.id, data, catalog)} ÷ {den if len(dens) == 1 else f'（{den}）'}"
    return ""


def _name(fig: Figure, catalog: Catalog) -> str:
    ind = catalog.indicators.get(fig.id)
    return ind.name if ind is not None else fig.name
