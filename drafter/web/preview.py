"""What the page shows of a check: the findings under their 板块, and the draft as HTML parts.

Both are built from the library's own data, never from the .docx: the findings from
CheckResult.report, the preview from the document model (drafter.model.document) that the
Word writer receives too. Each figure of the preview carries its indicator's note, the one
`render --trace` puts in a Word comment (指标!E46 排查矛盾纠纷（本期）), with the value the
workbook holds; a figure involved in an error is flagged (red on the page).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from drafter.model.document import (
    Attachments,
    Document,
    Heading,
    Imprint,
    Letterhead,
    Mark,
    Paragraph,
    Recipient,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.model.figures import WorkbookData
from drafter.model.findings import Finding, Severity
from drafter.model.levels import heading_level
from drafter.model.quantity import as_typed, plain_text
from drafter.model.source import FigureSource
from drafter.pipeline import CheckResult
from drafter.publish.trace import note
from drafter.templating.punctuation import prose

# -- findings --------------------------------------------------------------------------------


@dataclass
class Row:
    severity: str  # 错误 / 警告 / 提示
    level: str  # error / warning / info: the row's CSS class
    cells: list[str]
    message: str
    expected: str
    actual: str
    difference: str
    code: str


@dataclass
class Group:
    title: str  # the 板块's title, 整体 for the workbook as a whole
    rows: list[Row] = field(default_factory=list)  # errors, then warnings
    notes: list[Row] = field(default_factory=list)  # 提示, folded on the page

    @property
    def errors(self) -> int:
        return sum(r.level == "error" for r in self.rows)


_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def groups(result: CheckResult) -> list[Group]:
    """The findings by 板块, as `drafter check` lists them (catalog order, 整体 last), errors
    first within each; the 板块 that hold an error come before the others."""
    catalog = result.catalog
    order = {s.id: i for i, s in enumerate(catalog.sections)}
    by_section: dict[str, list[Finding]] = {}
    for f in result.report.findings:
        by_section.setdefault(f.section, []).append(f)
    out: list[tuple[tuple[int, bool, int, str], Group]] = []
    for section, found in by_section.items():
        group = Group(prose(catalog.section_title(section)) if section
                      else "整体")  # a pack's title as packs write it: 村(居)
        for f in sorted(found, key=lambda f: -f.severity.rank):
            (group.notes if f.severity is Severity.INFO else group.rows).append(_row(f))
        key = (-group.errors, section == "", order.get(section, len(order)), section)
        out.append((key, group))
    return [g for _, g in sorted(out, key=lambda pair: pair[0])]


def _row(f: Finding) -> Row:
    return Row(f.severity.value, _LEVEL[f.severity], [str(c) for c in f.cells], f.message,
               _number(f.expected), _number(f.actual), _signed(f.difference), f.code)


def _number(value: Decimal | None) -> str:
    return "" if value is None else plain_text(value)


def _signed(value: Decimal | None) -> str:
    text = _number(value)
    return f"+{text}" if value is not None and value > 0 else text


# -- the draft -------------------------------------------------------------------------------


@dataclass
class Part:
    """A piece of a preview line: `css` is its CSS class ("" plain text, lead, heading,
    figure, flagged, placeholder); `note` its hover text (a figure's source)."""

    text: str
    css: str = ""
    note: str = ""


@dataclass
class Line:
    """A block of the preview: `css` title / h1…h4 / p / point / closing / annex / table /
    signature / letterhead / recipient / imprint / attachments."""

    css: str
    parts: list[Part] = field(default_factory=list)
    caption: str = ""  # a table's
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    extra: list[str] = field(default_factory=list)  # further lines (signature date, 版记)


def lines(doc: Document, result: CheckResult) -> list[Line]:
    data = result.computed
    out: list[Line] = []
    for block in doc.blocks:
        line = _line(block, data, result)
        if line is not None:
            out.append(line)
    return out


def _line(block: object, data: WorkbookData, result: CheckResult) -> Line | None:
    if isinstance(block, Title):
        return Line("title", [Part(block.text)])
    if isinstance(block, Heading):
        parts = [Part(block.number, "number")] if block.number else []
        css = f"h{block.level}" + _bold(result, block.level)
        return Line(css, parts + [_part(s, data, result) for s in block.spans])
    if isinstance(block, Paragraph):
        css = "point" if block.role == "point" else block.role
        return Line(css if css in ("point", "closing", "annex") else "p",
                    [_part(s, data, result) for s in _levelled(block.spans)])
    if isinstance(block, Table):
        return Line("table", caption=block.caption, header=block.header, rows=block.rows)
    if isinstance(block, Signature):
        return Line("signature", [Part(block.organ)], extra=[block.date])
    if isinstance(block, Letterhead):
        number = block.number + (f"　签发人：{block.signer}" if block.signer else "")
        return Line("letterhead", [Part(block.organ)], extra=[number] if number else [])
    if isinstance(block, Recipient):
        return Line("recipient", [Part(block.text)])
    if isinstance(block, Imprint):
        extra = [f"抄送：{block.copies}。"] if block.copies else []
        extra += [f"{block.organ}　　{block.date}印发"] if block.organ or block.date else []
        return Line("imprint", extra=extra)
    if isinstance(block, Attachments):
        return Line("attachments", extra=[f"附件：{'；'.join(block.names)}"])
    return None  # a page break: the preview is one long page


_CSS = {Mark.LEAD: "lead", Mark.HEADING: "heading", Mark.PLACEHOLDER: "placeholder",
         Mark.FLAGGED: "flagged", Mark.NUMBER: "number"}


def _levelled(spans: tuple[Span, ...]) -> list[Span]:
    """A run-in heading's number takes its heading's level (as word/writer.py does)."""
    out = list(spans)
    for i, span in enumerate(out):
        if span.mark is Mark.NUMBER and not span.level:
            level = next((s.level for s in out[i + 1:] if s.mark is Mark.HEADING), 0)
            out[i] = replace(span, level=level)
    return out


def _bold(result: CheckResult, level: int) -> str:
    """" bold" where the Word file sets the role in bold: a heading level's font (三级 by
    default), a point's lead only with style.toml's lead_bold — as the Word writer does."""
    style = result.pack.style
    if level == 0:
        return " bold" if style.lead_bold else ""
    return " bold" if style.heading_font(heading_level(level)).bold else ""


def _part(span: Span, data: WorkbookData, result: CheckResult) -> Part:
    css = _CSS.get(span.mark, "")
    if span.mark is Mark.LEAD:
        css += _bold(result, 0)
    elif span.mark in (Mark.HEADING, Mark.NUMBER) and span.level:
        css += f" l{span.level}" + _bold(result, span.level)
    if not span.source:
        return Part(span.text, css, "数据有错误，请核对" if css == "flagged" else "")
    where = note(span.source, data, result.catalog)
    value = _value(span.source, data)
    text = f"{where}：数据表中为 {value}" if value else where
    if span.mark is Mark.FLAGGED:
        text = f"{text}（数据有错误，请核对）"
    return Part(span.text, "flagged" if span.mark is Mark.FLAGGED else "figure", text)


def _value(source: FigureSource, data: WorkbookData) -> str:
    """The workbook's value behind a plain figure ("" for 同比, rates of two figures …)."""
    fig = data.figures.get(source.figure)
    if source.how or len(source.ids) > 1 or fig is None:
        return ""
    if fig.text:
        return fig.text
    if fig.value is None:
        return "（未填）"
    return as_typed(fig.value, fig.qualifier, fig.scale, fig.digits) + fig.unit
