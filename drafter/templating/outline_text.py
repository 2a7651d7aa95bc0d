"""Outline text → document model, with numbering computed and run-in headings merged.

The outline is what a pack's templates render: plain lines, one block each.

    ::title 镜湖区司法局2024年上半年工作总结      title
    # 坚持强化政治统领党建引领                   level-1 heading (numbered 一、)
    ## …   ### …   #### …                      levels 2–4 ((一) 1. (1))
    * 深学笃行更加扎实|局机关…                   a point: lead | body (一是深学笃行更加扎实。局机关…)
    | 指标 | 本期 |                            a table row (after ::table 附表名)
    ::signature 镜湖区司法局                     signature, ::date 2025年1月16日
    ::attachment 名称   ::pagebreak   ::table 名称   ::annex 附件 (an annex's label, top left)
    any other line                             a body paragraph

Data from cells reaches the outline only through `escape`, which backslash-escapes every
character that means something here, so cell text can never become markup. Private control
characters carry marks that data cannot produce: placeholders (missing data), flagged
figures (involved in an error) and sourced figures (`\x05id\x06text\x07`: the indicator a
figure prints, which becomes a bookmark in Word). Marks never change the visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from drafter.config.style import StyleProfile, origin
from drafter.errors import CatalogError
from drafter.model.document import (
    Attachments,
    Block,
    Document,
    Heading,
    Mark,
    PageBreak,
    Paragraph,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.model.levels import HEADING_DEPTH
from drafter.model.quantity import gaps, missing_text, table_number
from drafter.model.source import FigureSource, format_source, parse_source
from drafter.phrasing import heading_number, ordinal_point
from drafter.templating.punctuation import HIDDEN as _HIDDEN
from drafter.templating.punctuation import fullwidth_punctuation

PH_OPEN, PH_CLOSE = "\x01", "\x02"  # 【待补充：…】
FLAG_OPEN, FLAG_CLOSE = "\x03", "\x04"  # a figure involved in an error
SRC_OPEN, SRC_MID, SRC_CLOSE = "\x05", "\x06", "\x07"  # \x05indicator id\x06figure\x07
_SPECIAL = "\\#*|:"
_SPECIAL_CHAR = re.compile(f"[{re.escape(_SPECIAL)}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Every character str.splitlines() breaks on, so no cell text can start a line of its own.
_BREAKS = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")
_MARKS = re.compile(r"\x01(.*?)\x02|\x03(.*?)\x04|\x05(.*?)\x06(.*?)\x07", re.S)
_UNESCAPE = re.compile(r"\\(.)")
_HEADING = re.compile(rf"^(#{{1,{HEADING_DEPTH}}}) +(.*)$")
_PUNCT_END = tuple("。！？；：，、.!?;:")
_JOINS = tuple("；，;,")  # a point ending so runs on into the next one, in one paragraph
ANNEX = "附件"  # an annex's label


def escape(text: str) -> str:
    """Cell text made safe for the outline: controls removed, line breaks joined, specials escaped."""
    text = str(text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    text = ("".join(part.strip() for part in _BREAKS.split(text)) if _BREAKS.search(text)
            else text.strip())
    return _SPECIAL_CHAR.sub(r"\\\g<0>", text) if _SPECIAL_CHAR.search(text) else text


def placeholder(name: str) -> str:
    return f"{PH_OPEN}{missing_text(escape(name))}{PH_CLOSE}"


def flagged(text: str) -> str:
    return f"{FLAG_OPEN}{text}{FLAG_CLOSE}"


def sourced(text: str, source: FigureSource | None) -> str:
    """`text` (outline-safe, maybe flagged) marked as printing the figure of `source`."""
    if source is None or not text:
        return text
    return f"{SRC_OPEN}{escape(format_source(source))}{SRC_MID}{text}{SRC_CLOSE}"


# ---------------------------------------------------------------------------- parsing


@dataclass
class _Point:
    lead: str
    body: tuple[Span, ...]


@dataclass
class _State:
    style: StyleProfile
    blocks: list[Block] = field(default_factory=list)
    points: list[_Point] = field(default_factory=list)
    # the lead spans of the points under the current heading, (block index, span index):
    # numbered 一是、二是 when the heading's part ends, and not at all if there is only one
    leads: list[tuple[int, int]] = field(default_factory=list)
    table: list[tuple[str, ...]] | None = None
    table_caption: str = ""
    attachments: list[str] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    annex_at: int | None = None  # where the annexes start (after the signature)


def parse(text: str, style: StyleProfile) -> Document:
    """Parse rendered outline text into a Document numbered and laid out per `style`."""
    st = _State(style)
    title = ""
    if style.punctuation == "fullwidth":
        text = fullwidth_punctuation(text)
    for raw in text.split("\n"):  # only \n: U+2028, U+0085 … in text are not line ends
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("|"):
            _end_table(st)
        if not line.startswith("* "):
            _end_points(st)
        if line.startswith("::"):
            name, _, arg = line[2:].partition(" ")
            title = _directive(st, name.strip(), arg.strip()) or title
        elif m := _HEADING.match(line):
            _heading(st, len(m.group(1)), m.group(2))
        elif line.startswith("* "):
            lead, body = _split_point(line[2:])
            st.points.append(_Point(lead, spans(body)))
        elif line.startswith("|") and st.table is not None:
            cells = [c for c in _split_unescaped(line.strip("|"), "|")]
            st.table.append(tuple(_plain(c).strip() for c in cells))
        else:
            st.blocks.append(Paragraph(spans(line)))
    _end_table(st)
    _end_points(st)
    _number_points(st)
    at = len(st.blocks) if st.annex_at is None else st.annex_at
    body, annexes = st.blocks[:at], st.blocks[at:]
    if st.attachments:
        body.append(Attachments(tuple(st.attachments)))
    if st.signature or st.date:
        body.append(Signature(st.signature, st.date))
    blocks = _number(_prune(body) + _label_annexes(annexes), style)
    return Document(blocks=_run_in(blocks, style), core_title=title)


def _directive(st: _State, name: str, arg: str) -> str:
    if name == "title":
        st.blocks.append(Title(_plain(arg)))
        return _plain(arg)
    if name == "signature":
        st.signature = _plain(arg)
    elif name == "date":
        st.date = _plain(arg)
    elif name == "annex":
        if st.annex_at is None:  # the annex's own page break belongs to it
            after_break = bool(st.blocks) and isinstance(st.blocks[-1], PageBreak)
            st.annex_at = len(st.blocks) - after_break
        st.blocks.append(Paragraph(spans(arg), role="annex"))
    elif name == "attachment":
        st.attachments.append(_plain(arg))
    elif name == "pagebreak":
        st.blocks.append(PageBreak())
    elif name == "table":
        _end_table(st)
        st.table, st.table_caption = [], _plain(arg)
    else:
        st.blocks.append(Paragraph(spans(f"::{name} {arg}".strip())))
    return ""


def _label_annexes(blocks: list[Block]) -> list[Block]:
    """附件 labels numbered when there are several (GB/T 9704 §7.3.7: 附件1, 附件2 …, in the
    order of the 附件说明); a label a template wrote otherwise is left as written."""
    labels = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.role == "annex"]
    if len(labels) < 2:
        return blocks
    out = list(blocks)
    for n, i in enumerate(labels, 1):
        if out[i].text == ANNEX:
            out[i] = Paragraph((Span(f"{ANNEX}{n}"),), role="annex")
    return out


def _heading(st: _State, level: int, text: str) -> None:
    _number_points(st)
    st.blocks.append(Heading(level, "", spans(text)))


def _prune(blocks: list[Block]) -> list[Block]:
    """Leave out a heading with nothing under it (a section whose data is all missing)."""
    has = [False] * (HEADING_DEPTH + 1)  # has[L]: content follows before the next heading of level ≤ L
    out: list[Block] = []
    for b in reversed(blocks):
        if isinstance(b, Heading):
            if not has[b.level]:
                continue
            for level in range(b.level, HEADING_DEPTH + 1):
                has[level] = False
        elif not isinstance(b, Title | Signature | Attachments):
            has = [True] * (HEADING_DEPTH + 1)
        out.append(b)
    return out[::-1]


def _number(blocks: list[Block], style: StyleProfile) -> list[Block]:
    """Number headings by level (一、 （一） 1. （1）); deeper counters restart under each."""
    counters = [0] * HEADING_DEPTH
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Heading):
            _covered(b.level, style)
            counters[b.level - 1] += 1
            for deeper in range(b.level, HEADING_DEPTH):
                counters[deeper] = 0
            b = Heading(b.level, heading_number(b.level, counters[b.level - 1], style.numbering),
                        b.spans)
        out.append(b)
    return out


def _covered(level: int, style: StyleProfile) -> None:
    """style.toml's numbering must give a format for every heading level the template uses."""
    n = len(style.numbering)
    if level > n:
        file, where = origin(style, "numbering")
        raise CatalogError(
            f"“numbering”只给出了 {n} 级标题的编号格式,而模板用到了第 {level} 级标题"
            f"({'#' * level} …);请写满 {level} 项,不编号的层级写 \"\"(如 "
            '["一、", "（一）", "1.", "（1）"])', file=file, where=where)


def _end_points(st: _State) -> None:
    if not st.points:
        return
    paragraphs: list[tuple[Span, ...]] = []
    for point in st.points:
        lead = point.lead
        if lead and not lead.endswith(_PUNCT_END):
            lead += "。"
        spans_ = (Span(lead, Mark.LEAD), *point.body)  # numbered by _number_points
        if paragraphs and paragraphs[-1][-1].text.endswith(_JOINS):  # …；二是… as written
            paragraphs[-1] += spans_
        else:
            paragraphs.append(spans_)
    st.points = []
    if st.style.points == "inline":
        paragraphs = [tuple(s for p in paragraphs for s in p)]
    for p in paragraphs:
        st.leads += [(len(st.blocks), i) for i, span in enumerate(p) if span.mark is Mark.LEAD]
        st.blocks.append(Paragraph(p, role="point"))


def _number_points(st: _State) -> None:
    """Number the points of the part just ended: 一是…二是…; a single point is not
    enumerated (a lone 一是 with no 二是 reads as a slip), its lead stays a plain sentence."""
    leads, st.leads = st.leads, []
    if len(leads) == 1:
        (at, i), = leads
        spans_ = list(st.blocks[at].spans)
        if not spans_[i].text:
            del spans_[i]
        if spans_:
            st.blocks[at] = Paragraph(tuple(spans_), role="point")
        else:  # a point with neither lead nor text: nothing to print
            del st.blocks[at]
        return
    for n, (at, i) in enumerate(leads, 1):
        spans_ = list(st.blocks[at].spans)
        spans_[i] = Span(ordinal_point(n) + spans_[i].text, Mark.LEAD)
        st.blocks[at] = Paragraph(tuple(spans_), role="point")


def _end_table(st: _State) -> None:
    if st.table is None:
        return
    rows = st.table
    header, body = (rows[0], tuple(rows[1:])) if rows else ((), ())
    numeric = tuple(
        bool(body) and all(table_number(r[i]) for r in body if i < len(r) and r[i])
        for i in range(len(header))
    )
    st.blocks.append(Table(st.table_caption, header, body, numeric))
    st.table = None


def _run_in(blocks: list[Block], style: StyleProfile) -> list[Block]:
    """Merge a run-in heading with the paragraph (and inline points) that follow it."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Heading) and b.level in style.run_in:
            merged = _run_in_heading(b)
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Paragraph) and (
                j == i + 1 or blocks[j].role == "point"
            ):
                merged.extend(blocks[j].spans)
                j += 1
                if style.points != "inline":
                    break
            out.append(Paragraph(tuple(merged)))
            i = j
            continue
        out.append(b)
        i += 1
    return out


def _run_in_heading(h: Heading) -> list[Span]:
    """A heading as the opening spans of its paragraph, ending in 。 so the body can follow."""
    out = [Span(h.number, Mark.HEADING, h.level)] if h.number else []
    for s in h.spans:
        out.append(replace(s, mark=Mark.HEADING if s.mark is Mark.NONE else s.mark,
                           level=h.level))
    if out and not out[-1].text.endswith(_PUNCT_END):
        out.append(Span("。", Mark.HEADING, h.level))
    return out


def _split_point(text: str) -> tuple[str, str]:
    parts = _split_unescaped(text, "|", maxsplit=1)
    if len(parts) == 1:
        return "", parts[0]
    return _plain(parts[0]).strip(), parts[1]


def _split_unescaped(text: str, sep: str, maxsplit: int = -1) -> list[str]:
    """`text` split at each `sep` not escaped by a backslash (at most `maxsplit` times)."""
    out, start = [], 0
    for m in _escaped_or(sep).finditer(text):
        if m.group() == sep:
            out.append(text[start : m.start()])
            start = m.end()
            if len(out) == maxsplit:
                break
    out.append(text[start:])
    return out


@cache
def _escaped_or(sep: str) -> re.Pattern[str]:
    """A backslash with the character it escapes, or `sep`: scanned left to right, an
    escaped `sep` is consumed with its backslash and never splits."""
    return re.compile(r"\\[\s\S]|" + re.escape(sep))


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text) if "\\" in text else text


def _plain(text: str) -> str:
    """Escaped outline text → plain text (marks dropped to their text)."""
    return _unescape(_HIDDEN.sub("", text))


def _typed(text: str) -> list[Span]:
    """Plain text as spans, a 【待补充：…】 typed into a cell marked as the placeholder it reads
    as (highlighted like a missing value's; render warns of both, templating/placeholders.py)."""
    if "【" not in text:
        return [Span(text)]
    return [Span(piece, Mark.PLACEHOLDER if gap else Mark.NONE) for piece, gap in gaps(text)]


def spans(text: str) -> tuple[Span, ...]:
    """Escaped outline text → spans, with placeholder, flagged and source marks."""
    out: list[Span] = []
    pos = 0
    for m in _MARKS.finditer(text):
        if m.start() > pos:
            out += _typed(_unescape(text[pos : m.start()]))
        if m.group(1) is not None:
            out.append(Span(_unescape(m.group(1)), Mark.PLACEHOLDER))
        elif m.group(2) is not None:
            out.append(Span(_plain(m.group(2)), Mark.FLAGGED))
        else:
            inner = m.group(4)
            mark = Mark.FLAGGED if inner.startswith(FLAG_OPEN) else Mark.NONE
            out.append(Span(_plain(inner), mark,
                            source=parse_source(_unescape(m.group(3)))))
        pos = m.end()
    if pos < len(text):
        out += _typed(_unescape(text[pos:]))
    return tuple(s for s in out if s.text)
