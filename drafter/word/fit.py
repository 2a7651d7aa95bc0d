"""Paragraphs whose last line would hold one or two characters: condensed to fit, or told.

A careful 办公室 reader marks a heading (or title) that wraps with “全” alone on its last line,
and a body paragraph whose last line is “人。” at the top of a page. A typesetter tightens the
character spacing of that paragraph until the lone characters move up; where that would take
more than CONDENSE_LIMIT per character, the writer is told instead (finding
`heading-short-line` or `body-short-line`) and rewords it.

The line breaks are computed by lines.py the way Word and LibreOffice make them, from the style
profile and the page geometry, and both readings are checked: a paragraph must come out right
in both. A closing mark ending the line does not count as a character: “人。” is one character
left alone. Nothing here imports python-docx: the writer applies the spacing, the pipeline
reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from drafter.config.style import Font, StyleProfile
from drafter.model.document import Document, Heading, Paragraph, Title
from drafter.model.findings import Finding, finding
from drafter.model.levels import Level, heading_level
from drafter.word.codes import BODY_SHORT_LINE, HEADING_SHORT_LINE
from drafter.word.geometry import Geometry
from drafter.word.lines import NO_LINE_START, Scan
from drafter.word.runs import Run, runs
from drafter.word.text import break_title, char_width

CONDENSE_LIMIT = 20  # twips (1 pt) of extra condensing per character, at most
SHORT = 2  # a last line of this many characters or fewer (closing marks aside) is marked
MAX_LINES = 8  # a "heading" longer than this is left as it is
MAX_BODY_CHARS = 2000  # some 70 lines: a runaway cell, not a paragraph (a report's run to 500)
HEAD = 15  # a body paragraph is named in a finding by its first characters
_SLACK = 20  # twips a line may hold less than measured (Word's indents in characters round)
CLOSING = "".join(NO_LINE_START - {"%", "‰"})  # trailing, they do not make a line longer


@dataclass(frozen=True)
class Fit:
    """How a paragraph is set: `spacing` (1/20 pt, on every run) when it had to be
    condensed, else None; `short` the characters left alone on the last line when even the
    limit would not bring them up ("" when none are)."""

    spacing: int | None = None
    short: str = ""


def _alone(text: str, starts: list[int]) -> bool:
    return len(starts) > 1 and len(text[starts[-1]:].rstrip(CLOSING)) <= SHORT


def alone(scan: Scan, first: int, rest: int, spacing: int) -> str:
    """The characters left alone on the last line, in Word's reading or else LibreOffice's
    ("" when neither leaves one or two): `first` twips for the first line, `rest` after."""
    for libreoffice in (False, True):
        starts = scan.layout(spacing, libreoffice=libreoffice).starts(first, rest)
        if _alone(scan.text, starts):
            return scan.text[starts[-1]:]
    return ""


def _fit(text: str, ends: tuple[int, ...], first: int, rest: int, size: int, spacing: int) -> (
    Fit
):
    """Condense `text` just enough that no reading leaves one or two characters alone on its
    last line, or say which characters stay alone.

    Each reading is checked at the measure and a little within it (a line held a little
    short must not leave the lone characters where they are, nor push two others down
    alone). As the characters narrow, every line of a reading ends where it did or later:
    its last line only shrinks until the line before takes it up. So where one leaves a
    character alone, every spacing up to the one that takes a line off it does too; that one
    is found by steps growing from a twip (most paragraphs need one or two) and halving, and
    from there the readings are asked again."""
    scan = Scan(text, size, ends)
    left = alone(scan, first, rest, spacing)
    if not left:
        return Fit()
    readings = [(lo, f, r) for f, r in ((first, rest), (first - _SLACK, rest - _SLACK))
                for lo in (False, True)]

    def starts(extra: int, lo: bool, f: int, r: int) -> list[int]:
        return scan.layout(spacing - extra, libreoffice=lo).starts(f, r)

    extra = 1
    while extra <= CONDENSE_LIMIT:
        for lo, f, r in readings:
            count = len(at := starts(extra, lo, f, r))
            if _alone(text, at):  # the least spacing that takes a line off this reading:
                short, step = extra, 1  # by steps of 1, 2, 4 … twips, then halving
                while True:
                    extra = min(short + step, CONDENSE_LIMIT + 1)
                    if extra > CONDENSE_LIMIT or len(starts(extra, lo, f, r)) < count:
                        break
                    short, step = extra, 2 * step
                while extra - short > 1:
                    middle = (short + extra) // 2
                    if len(starts(middle, lo, f, r)) < count:
                        extra = middle
                    else:
                        short = middle
                break
        else:
            return Fit(spacing=spacing - extra)
    return Fit(short=left)


@lru_cache(maxsize=4096)
def fit(text: str, first: int, rest: int, size: int, spacing: int) -> Fit:
    """A heading or title of `text`, fitted. Remembered: the writer and `findings` ask the
    same, and a batch's reports share most headings."""
    if sum(char_width(c) for c in text) * size > MAX_LINES * rest:
        return Fit()  # a runaway cell, not a heading: nothing to balance
    return _fit(text, (), first, rest, size, spacing)


class _Same:
    """A paragraph compared by identity (the writer and `findings` ask about the same
    Paragraph objects; hashing one, every span, costs a good part of measuring it), with the
    runs the writer made of it when it has (else they are made here)."""

    __slots__ = ("block", "made")

    def __init__(self, block: Paragraph, made: list[Run] | None):
        self.block, self.made = block, made

    def __hash__(self) -> int:
        return id(self.block)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.block is self.block


@lru_cache(maxsize=256)
def _body(same: _Same, first: int, rest: int, size: int, spacing: int) -> Fit:
    """A body paragraph fitted. Remembered for a report's worth of paragraphs, so that
    `findings` finds what the writer asked; a batch's paragraphs are mostly its own, so few
    are kept (headings keep theirs in `fit`)."""
    made = same.made if same.made is not None else runs(same.block.spans, heading=False)
    pieces = [r.text for r in made if r.text]
    text = "".join(pieces)
    if "\t" in text or len(text) > MAX_BODY_CHARS:
        return Fit()
    ends = tuple(e - 1 for e in accumulate(map(len, pieces[:-1])))
    if "\n" in text:  # a line break typed in: its last line from there, without the indent
        cut = text.rindex("\n") + 1
        text, first = text[cut:], rest
        ends = tuple(e - cut for e in ends if e >= cut)
    return _fit(text, ends, first, rest, size, spacing)


@dataclass(frozen=True)
class Measure:
    """The page and type the fit is computed from."""

    geo: Geometry
    style: StyleProfile

    def size(self, font: Font) -> int:
        return round(font.size_pt * 20)

    def heading(self, level: int, text: str) -> Fit:
        """A heading paragraph: the body's first-line indent of 2 characters, justified."""
        font = self.style.heading_font(heading_level(level))
        rest = self.geo.text_w
        return fit(text, rest - 2 * self.geo.char, rest, self.size(font),
                   self.geo.char_spacing)

    def title_lines(self, text: str) -> list[str]:
        """The title's lines as the writer breaks them (balanced, at word boundaries), or
        [text] when it is left to wrap on its own."""
        if "\n" in text:
            return text.split("\n")
        pitch = self.size(self.style.title) + self.geo.char_spacing
        return break_title(text, self.geo.text_w / pitch)

    def body(self, block: Paragraph, made: list[Run] | None = None) -> Fit:
        """A body paragraph (a point, a closing line, a run-in heading with its text): the
        first-line indent of 2 characters, justified, set in the runs the writer makes
        (runs.py; `made`, when it has made them). Where a line break is typed in, its last
        line from there; with a tab, or an annex's label, nothing is measured."""
        if block.role == "annex":
            return Fit()
        rest = self.geo.text_w
        return _body(_Same(block, made), rest - 2 * self.geo.char, rest,
                     self.size(self.style.body), self.geo.char_spacing)

    def title(self, text: str) -> Fit:
        """A title left to wrap on its own (unbreakable, or too long to balance); a balanced
        title has no short line by construction."""
        if len(self.title_lines(text)) != 1:
            return Fit()
        w = self.geo.text_w
        return fit(text, w, w, self.size(self.style.title), self.geo.char_spacing)


def findings(doc: Document, style: StyleProfile) -> list[Finding]:
    """A warning for every heading, title or body paragraph that keeps one or two characters
    alone on its last line even condensed to the limit."""
    measure = Measure(Geometry.of(style), style)
    out: list[Finding] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            done = measure.heading(block.level, block.text)
            if done.short:
                name = Level(heading_level(block.level)).written
                out.append(finding(HEADING_SHORT_LINE, _told(f"{name}“{block.text}”", done.short)
                                   + "请改写（删减几个字或换个说法）。"))
        elif isinstance(block, Title):
            done = measure.title(block.text)
            if done.short:
                out.append(finding(HEADING_SHORT_LINE, _told(f"文件标题“{block.text}”", done.short)
                                   + "请改写（删减几个字或换个说法）。"))
        elif isinstance(block, Paragraph):
            done = measure.body(block)
            if done.short:
                text = block.text
                head = text[:HEAD] + ("……" if len(text) > HEAD else "")
                out.append(finding(BODY_SHORT_LINE, _told(f"正文段落“{head}”", done.short)
                                   + "请删减或增补几个字。"))
    return out


def _told(name: str, short: str) -> str:
    count = "一个字" if len(short.rstrip(CLOSING)) <= 1 else "两个字"
    return f"{name}排版后末行只剩“{short}”{count}，压紧字距也排不下，"
