"""Headings whose last line would hold one or two characters: condensed to fit, or told.

A careful 办公室 reader marks a heading (or title) that wraps with “全” alone on its last line.
A typesetter tightens the character spacing of that paragraph until the lone characters move
up; where that would take more than CONDENSE_LIMIT per character, the writer is told instead
(finding `heading-short-line`) and rewords it.

The line breaks are computed here the way the programs make them, in twips (1/20 pt), from the
style profile and the page geometry: every CJK character is one em wide, a half-width one half
an em, each plus the paragraph's character spacing. Word and LibreOffice differ in two ways,
and both readings are computed (a heading must come out right in both):
- LibreOffice ignores w:autoSpaceDN and puts about 0.2 em between Chinese and a run of digits
  or Latin letters; Word, told not to, puts nothing;
- a closing mark (，。）…) that falls just past a full line hangs in the margin in Word; in
  LibreOffice (w:overflowPunct read inverted, see styles._body) it takes the character before
  it down to the next line.
Nothing here imports python-docx: the writer applies the spacing, the pipeline reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from drafter.config.style import Font, StyleProfile
from drafter.model.document import Document, Heading, Title
from drafter.model.findings import Finding, finding
from drafter.model.levels import Level, heading_level
from drafter.word.codes import HEADING_SHORT_LINE
from drafter.word.geometry import Geometry
from drafter.word.text import break_title, char_width

CONDENSE_LIMIT = 20  # twips (1 pt) of extra condensing per character, at most
SHORT = 2  # a last line of this many characters or fewer is marked
MAX_LINES = 8  # a "heading" longer than this is left as it is
_LO_GAP = 0.2  # em, between CJK and Latin/digits in LibreOffice
_SLACK = 20  # twips per line kept free when condensing: Word's indents in characters round
_NO_LINE_START = set("，。、；：？！）》」』】〕”’%‰·…—,.;:?!)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")


@dataclass(frozen=True)
class Fit:
    """How a heading paragraph is set: `spacing` (1/20 pt, on every run) when it had to be
    condensed, else None; `short` the characters left alone on the last line when even the
    limit would not bring them up ("" when none are)."""

    spacing: int | None = None
    short: str = ""


def _units(text: str) -> list[str]:
    """The pieces a line may break between: each CJK character; a run of half-width
    characters (2024, 12.3%) stays whole."""
    out: list[str] = []
    for ch in text:
        if out and char_width(ch) < 1 and char_width(out[-1][-1]) < 1 and ch != " ":
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap(text: str, first: int, rest: int, size: int, spacing: int, *, libreoffice: bool) -> (
    list[str]
):
    """The lines of a paragraph of `text` in `size` twips with `spacing` added to every
    character: `first` twips for the first line, `rest` for the others."""
    gap = round(_LO_GAP * size) if libreoffice else 0
    lines: list[list[str]] = [[]]
    used = 0
    for unit in _units(text):
        line = lines[-1]
        w = sum(round(char_width(c) * size) + spacing for c in unit)
        if line and (char_width(line[-1][-1]) < 1) != (char_width(unit[0]) < 1):
            w += gap
        room = first if len(lines) == 1 else rest
        if not line or used + w <= room:
            line.append(unit)
            used += w
            continue
        if unit in _NO_LINE_START and not libreoffice:  # Word hangs it past the line's end
            line.append(unit)
            lines.append([])
            used = 0
            continue
        carried: list[str] = []
        while len(line) > 1 and ((unit in _NO_LINE_START and not carried)
                                 or line[-1] in _NO_LINE_END):
            carried.insert(0, line.pop())  # 避头尾: the character before goes down with it
        lines.append([*carried, unit])
        used = sum(sum(round(char_width(c) * size) + spacing for c in u) for u in lines[-1])
    return ["".join(line) for line in lines if line]


def _short(lines: list[str]) -> str:
    return lines[-1] if len(lines) > 1 and len(lines[-1]) <= SHORT else ""


@lru_cache(maxsize=4096)
def fit(text: str, first: int, rest: int, size: int, spacing: int) -> Fit:
    """Condense `text` just enough that no reading leaves one or two characters alone on
    its last line, or say which characters stay alone. Remembered: the writer and `findings`
    ask the same, and a batch's reports share most headings."""
    if sum(char_width(c) for c in text) * size > MAX_LINES * rest:
        return Fit()  # a runaway cell, not a heading: nothing to balance
    readings = [wrap(text, first, rest, size, spacing, libreoffice=lo) for lo in (False, True)]
    alone = next((s for s in map(_short, readings) if s), "")
    if not alone:
        return Fit()
    for extra in range(1, CONDENSE_LIMIT + 1):
        tighter = spacing - extra
        if not any(_short(wrap(text, first - _SLACK, rest - _SLACK, size, tighter,
                               libreoffice=lo)) for lo in (False, True)):
            return Fit(spacing=tighter)
    return Fit(short=alone)


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

    def title(self, text: str) -> Fit:
        """A title left to wrap on its own (unbreakable, or too long to balance); a balanced
        title has no short line by construction."""
        if len(self.title_lines(text)) != 1:
            return Fit()
        w = self.geo.text_w
        return fit(text, w, w, self.size(self.style.title), self.geo.char_spacing)


def findings(doc: Document, style: StyleProfile) -> list[Finding]:
    """A warning for every heading or title that keeps one or two characters alone on its
    last line even condensed to the limit."""
    measure = Measure(Geometry.of(style), style)
    out: list[Finding] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            done, name = measure.heading(block.level, block.text), Level(heading_level(block.level)).written
            text = block.text
        elif isinstance(block, Title):
            done, name, text = measure.title(block.text), "文件标题", block.text
        else:
            continue
        if done.short:
            out.append(finding(
                HEADING_SHORT_LINE,
                f"{name}“{text}”排版后末行只剩“{done.short}”{_count(done.short)}，压紧字距也排不下，"
                "请改写（删减几个字或换个说法）。"))
    return out



def _count(short: str) -> str:
    return "一个字" if len(short) == 1 else "两个字"
