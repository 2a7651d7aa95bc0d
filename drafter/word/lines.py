"""Where Word and LibreOffice break a paragraph of the draft into lines, in twips (1/20 pt).

A model of the two programs, plain numbers and no Word XML: fit.py asks it whether a heading or
a body paragraph would end on a line of one or two characters. Every CJK character is one em
wide; a Latin letter or digit as wide as in Times New Roman (the draft's Latin face, GB/T 9704);
each character plus the paragraph's character spacing (w:spacing). The two programs differ:

- Word, told so by w:autoSpaceDE/DN, puts nothing between Chinese and digits or Latin letters;
  w:hint="eastAsia" sets “ ” — … in the Chinese face, one em wide. A closing mark (，。）…)
  that falls just past a full line hangs in the margin.
- LibreOffice 7.4 ignores w:autoSpaceDN and w:hint. It puts 0.2 em between a Chinese character
  (not a punctuation mark) and a digit or Latin letter; it sets “ ” ‘ ’ — … in the face of the
  character before them (at the start of a paragraph, the Latin one: a “ there is 0.44 em); it
  adds the character spacing to every character but the last of a run and the last before a
  change between Chinese and Latin; it breaks neither inside a number or word with the quotes
  set with it, nor between a closing mark such as ， 。 、 ） ” and a digit or letter after it,
  but does break before % … —. A closing mark that would start a line takes the character
  before it down with it (w:overflowPunct, read inverted: styles._body). Its lines hold about
  4 twips less than the measure.

The LibreOffice rules were measured: 280 paragraphs of random Chinese, punctuation, figures and
Latin words rendered with drafter's styles, converted, and read back character by character
from the PDF; this model breaks 276 of them exactly as LibreOffice did, the other four one
character off, where a line's fill is within 5 twips of the measure. Word's are read from its
settings (w:autoSpaceDN, w:hint, w:overflowPunct), not measured.

Cheap enough to ask of every body paragraph of a report (fit.py does): a paragraph is scanned
once, its runs of Chinese at C speed (one regular expression) and only the characters between
them (figures, Latin, quotes) one by one; a line is then found with a little arithmetic
(every character one pitch wide, but for those few), not character by character. Some 50 µs
for both readings of a paragraph of 220 characters with a dozen figures.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import mul, sub

# Times New Roman's advance widths (thousandths of an em) of the printable ASCII characters,
# from space to ~ (Liberation Serif, which LibreOffice uses in its place, has the same).
_TIMES = dict(zip(
    "".join(map(chr, range(0x20, 0x7F))),
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
     *[500] * 10, 278, 278, 564, 564, 564, 444,
     921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
     556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
     333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
     500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541),
    strict=True))
_TIMES_AMBIGUOUS = {"“": 444, "”": 444, "‘": 333, "’": 333}  # set Latin (LibreOffice)
LO_GAP = 0.2  # em, between a Chinese character and a digit or Latin letter in LibreOffice
LO_TIGHT = 4  # twips: LibreOffice fills a line this much less than the model (measured)

NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’%‰·…—,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔“‘([{")
_LO_NO_LINE_START = NO_LINE_START - frozenset("%‰·…—")
_CLOSE = frozenset("，。、）》」』】〕”’,.)]}")  # LibreOffice: no break between these and a digit
_HANG = frozenset(c for c in NO_LINE_START if unicodedata.east_asian_width(c) in ("W", "F", "A"))

# A character's kind, one letter: C a Chinese character or number (W/F wide, a letter or a
# digit), P other wide (punctuation, symbols), a a Latin letter or digit, w other narrow, s a
# space, q ambiguous (“ — …: the Chinese face in Word, the face before it in LibreOffice);
# in LibreOffice's reading q becomes x (set Latin) or y (set Chinese).
_LATIN = frozenset("awsx")  # the kinds set in the Latin face (LibreOffice)
_TIGHT = frozenset("awx")  # a run of these is one word: no break inside
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Runs of characters that are surely one em wide: no narrow digit, Latin letter or ambiguous
# quote among them (checked against unicodedata in tests/word/test_lines.py).
WIDE_RUNS = re.compile("([\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]+)")


_KEPT = 20_000  # characters remembered per table: a long-running page meets any text


class _Kinds(dict[str, str]):
    """Character → kind letter, each worked out once, when first met."""

    def __missing__(self, ch: str) -> str:
        eaw = unicodedata.east_asian_width(ch)
        if eaw in ("W", "F"):
            kind = "C" if unicodedata.category(ch)[0] in "LN" else "P"
        elif eaw == "A":
            kind = "q"
        elif ch.isspace():
            kind = "s"
        else:
            kind = "a" if ch.isalnum() else "w"
        if len(self) < _KEPT:
            self[ch] = kind
        return kind


_KINDS = _Kinds()


class _Widths(dict[str, int]):
    """Character → how much narrower than one em (twips, negative) Word sets it at one size:
    Times New Roman's width for ASCII, half an em for other narrow characters, an ambiguous
    one (“ — …) one em (w:hint="eastAsia")."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __missing__(self, ch: str) -> int:
        em = _TIMES.get(ch) or (1000 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 500)
        d = round(em * self.size / 1000) - self.size
        if len(self) < _KEPT:
            self[ch] = d
        return d


@lru_cache(maxsize=16)
def _widths(size: int) -> _Widths:
    return _Widths(size)


class Scan:
    """What a paragraph's characters are, once for both programs and any spacing.

    Where widths differ from one em: in Word at `at` (every character between the runs of
    Chinese, `inside`), `before` the running sum of the differences; in LibreOffice at
    `lo_at`, each `lo_base` (its gaps, `gap`, included) and, where `lo_last` is true, the
    spacing taken off again (the last character of a run, or the last before a change between
    the Chinese and the Latin face). `faces`: the kind LibreOffice gives an ambiguous
    character (x or y). `ends`: the index of the last character of each run."""

    __slots__ = ("at", "before", "faces", "gap", "inside", "lo_at", "lo_base", "lo_last",
                 "size", "text")

    def __init__(self, text: str, size: int, ends: tuple[int, ...] = ()):
        self.text, self.size = text, size
        pieces = WIDE_RUNS.split(text)  # between runs of Chinese, the runs, between, …
        bounds = list(accumulate(map(len, pieces), initial=0))
        islands = list(zip(bounds[0:-1:2], bounds[1::2], pieces[::2], strict=True))
        self.at = list(chain.from_iterable(range(s, e) for s, e, _ in islands))
        delta = list(map(_widths(size).__getitem__, "".join(pieces[::2])))
        self.before = list(accumulate(delta, initial=0))
        self.inside = frozenset(self.at)
        self._libreoffice(islands, dict(zip(self.at, delta, strict=True)), ends)

    def _libreoffice(self, islands: list[tuple[int, int, str]], base: dict[int, int],
                     ends: tuple[int, ...]) -> None:
        text, n = self.text, len(self.text)
        self.faces: dict[int, str] = {}
        self.gap = gap = {}
        space = round(LO_GAP * self.size)
        last = {i for i in ends if 0 <= i < n - 1}
        latin = [(s, e) for s, e, piece in islands if piece and piece.isascii()]  # figures
        # the others character by character, but a quote after Chinese: set in Chinese
        for start, end, _ in [(s, e, p) for s, e, p in islands if not p.isascii()
                              and not (s and len(p) == 1 and _KINDS[p] == "q")]:
            if self._faces(start, end, base, last)[-1] in _LATIN:
                latin.append((end, end))  # back to Chinese after it, as after a figure
        # a change of face before and after each, and a gap where a digit or letter meets a
        # Chinese character
        last.update([s - 1 for s, e in latin if s and s < e])
        last.update([e - 1 for s, e in latin if e < n])
        gap.update((s, space) for s, e in latin
                   if s and s < e and text[s] in _ALNUM and _KINDS[text[s - 1]] == "C")
        gap.update((e, space) for s, e in latin
                   if e < n and text[e - 1] in _ALNUM and _KINDS[text[e]] == "C")
        for i, g in gap.items():
            base[i] = base.get(i, 0) + g
        self.lo_at = sorted(base.keys() | last)
        self.lo_base = list(map(base.get, self.lo_at, repeat(0)))
        self.lo_last = list(map(last.__contains__, self.lo_at))

    def _faces(self, start: int, end: int, base: dict[int, int], last: set[int]) -> str:
        """A piece holding ambiguous or wide characters, as LibreOffice sets it: each
        ambiguous one in the face of the one before (Latin at the paragraph's start), the
        face changing, and a gap, wherever Latin and Chinese meet inside it or at its start."""
        text, size, out = self.text, self.size, []
        latin = start == 0
        for i in range(start, end):
            kind = _KINDS[text[i]]
            if kind == "q":
                kind = self.faces[i] = "x" if latin else "y"
                if latin:
                    em = _TIMES_AMBIGUOUS.get(text[i], 1000)
                    base[i] = round(em * size / 1000) - size
            if (kind in _LATIN) != latin and i > 0:
                last.add(i - 1)
                if {kind, out[-1] if out else _KINDS[text[i - 1]]} == {"a", "C"}:
                    self.gap[i] = round(LO_GAP * size)
            latin = kind in _LATIN
            out.append(kind)
        return "".join(out)

    def layout(self, spacing: int, *, libreoffice: bool) -> Layout:
        return Layout(self, spacing, libreoffice=libreoffice)


class Layout:
    """A scanned paragraph as one program sets it at one spacing. Every character is `pitch`
    wide but for a few: the width of text[:i] is i * pitch plus before[k], the sum of the
    deltas at[:k] that lie before i."""

    __slots__ = ("at", "before", "faces", "gap", "inside", "libreoffice", "pitch", "text")

    def __init__(self, scan: Scan, spacing: int, *, libreoffice: bool):
        self.text, self.libreoffice, self.pitch = scan.text, libreoffice, scan.size + spacing
        self.inside = scan.inside
        if libreoffice:
            self.faces, self.gap, self.at = scan.faces, scan.gap, scan.lo_at
            taken = map(mul, scan.lo_last, repeat(spacing))
            self.before = list(accumulate(map(sub, scan.lo_base, taken), initial=0))
        else:
            self.faces, self.gap, self.at, self.before = {}, {}, scan.at, scan.before

    def starts(self, first: int, rest: int) -> list[int]:
        """Where each line starts: `first` twips for the first line, `rest` for the others."""
        text, at, before, gap, pitch, inside = (
            self.text, self.at, self.before, self.gap, self.pitch, self.inside)
        n, m = len(text), len(at)
        if self.libreoffice:
            first, rest = first - LO_TIGHT, rest - LO_TIGHT
        out = [0]
        s, room, k = 0, first, 0
        while True:
            k = bisect_left(at, s, k)  # k deltas lie before s
            limit = s * pitch + before[k] + gap.get(s, 0) + room
            # the last b with width(text[:b]) <= limit: as if every character were Chinese,
            # then taking in the deltas that fall inside the line
            j, b = k, (limit - before[k]) // pitch
            while j < m and at[j] <= b:
                wider = (limit - before[j + 1]) // pitch
                if wider <= at[j]:
                    b = at[j]  # text[at[j]], with its delta, is the one that does not fit
                    break
                j, b = j + 1, wider
            if b >= n:
                return out
            if b <= s:
                b = s + 1  # one character wider than the line
            if text[b] in NO_LINE_START or text[b - 1] in NO_LINE_END or b in inside:
                b = self._break(b, s)
                if b >= n:
                    return out
            out.append(b)
            s, room = b, rest

    def _break(self, b: int, s: int) -> int:
        """The start of the next line, where text[b] is the first character that does not fit
        on the line starting at s."""
        text = self.text
        if (not self.libreoffice and text[b] in _HANG
                and (b + 1 == len(text) or text[b + 1] not in NO_LINE_START)):
            return b + 1  # Word hangs the closing mark past the line's end
        c = b
        while c > s + 1 and self._joined(c):
            c -= 1  # 避头尾, and no break inside a number: back to where a break may be
        if not self._joined(c):
            return c
        while b < len(text) and self._joined(b):
            b += 1  # nothing to break at before: the word runs over the line
        return b

    def _joined(self, i: int) -> bool:
        """No break between text[i - 1] and text[i]."""
        before, after = self.text[i - 1], self.text[i]
        kind = self.faces.get(i) or _KINDS[after]
        tight = kind in _TIGHT and (self.faces.get(i - 1) or _KINDS[before]) in _TIGHT
        if self.libreoffice:
            return (tight or after in _LO_NO_LINE_START or before in NO_LINE_END
                    or (before in _CLOSE and kind in _LATIN))
        return tight or after in NO_LINE_START or before in NO_LINE_END


def wrap(text: str, first: int, rest: int, size: int, spacing: int, *, libreoffice: bool,
         ends: tuple[int, ...] = ()) -> list[str]:
    """The lines of a paragraph of `text` in `size` twips with `spacing` added to every
    character: `first` twips for the first line, `rest` for the others; `ends`, the index of
    the last character of each run but the last."""
    starts = Scan(text, size, ends).layout(spacing, libreoffice=libreoffice).starts(first, rest)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
