"""Column widths of a table, and header cells broken only between words.

A header such as 行政诉讼败诉率（%） in a narrow column must not wrap as 行政诉/讼败诉/率: a
reviewer marks a word split across lines. So header cells carry explicit line breaks, chosen
here: between the words of the text (drafter.phrasing.segment; a bracketed unit such as （件） is
one piece), never leaving a line of a single character, and the columns are sized to fit
those lines. Body cells (numbers, names) stay on one line.

Widths are worked out in characters of the table's font (a CJK character 1, a half-width one
0.5, a quarter character at each change between the two, as LibreOffice spaces them) and
returned in twips. Nothing here imports python-docx; the segmenter (drafter.phrasing.segment)
only when a header must wrap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from drafter.word.text import char_width, line_width, width

MAX_HEADER_LINES = 4
MAX_HEADER = 60  # characters: a longer header is not a header; the program wraps it
_OPEN, _CLOSE = "（(〔[【《", "）)〕]】》"


@dataclass(frozen=True)
class Columns:
    widths: list[int]  # twips, cell margins included, summing to the table's width
    headers: list[str]  # each header cell's text, "\n" where a line ends
    size_pt: float  # the table's type size: the style's, or smaller for a wide table


def _words(text: str) -> list[str]:
    """The pieces a header may break between: jieba's words, a bracketed group kept whole,
    closing punctuation kept with the word before it."""
    from drafter.phrasing import segment

    pieces: list[str] = []
    depth = 0
    for token in segment.words(text):
        # a one-character word goes with the word before it (败诉|率 → 败诉率: a suffix);
        # a bracket's content and a closing mark stay with what they close
        single = len(token) == 1 and char_width(token) == 1 and token not in _OPEN
        glue = (bool(pieces) and pieces[-1][-1] not in _CLOSE and single) or (
            bool(pieces) and (depth > 0 or token[0] in _CLOSE or token[0] in "，、。；："))
        if glue:
            pieces[-1] += token
        else:
            pieces.append(token)
        depth += sum(token.count(c) for c in _OPEN) - sum(token.count(c) for c in _CLOSE)
        depth = max(depth, 0)
    return pieces


@cache
def header_options(text: str) -> tuple[tuple[str, ...], ...]:
    """For 1, 2, … MAX_HEADER_LINES lines: the narrowest way to break `text` between its
    words into at most that many lines, none of a single character (a text too short to
    break stays one line)."""
    if len(text) > MAX_HEADER:
        return ((text,),) * MAX_HEADER_LINES
    words = _words(text) if len(text) > 2 else [text]
    n = len(words)
    # best[k][j]: the narrowest (widest line, lines) covering words[:j] in k lines
    best: list[dict[int, tuple[float, tuple[str, ...]]]] = [{0: (0.0, ())}]
    options: list[tuple[str, ...]] = []
    for _k in range(MAX_HEADER_LINES):
        layer: dict[int, tuple[float, tuple[str, ...]]] = {}
        for start, (w, lines) in best[-1].items():
            for end in range(start + 1, n + 1):
                line = "".join(words[start:end])
                if width(line) < 2 and not (start == 0 and end == n):
                    continue
                cand = (max(w, line_width(line)), (*lines, line))
                if end not in layer or cand[0] < layer[end][0]:
                    layer[end] = cand
        best.append(layer)
        done = [b[n] for b in best[1:] if n in b]
        if done:  # else: no way in so few lines (each at least 2 characters); try more
            options.append(min(done, key=lambda c: (c[0], len(c[1])))[1])
        elif options:
            options.append(options[-1])
    if not options:  # a text that cannot be broken at all (one word, or a single line)
        return ((text,),) * MAX_HEADER_LINES
    while len(options) < MAX_HEADER_LINES:
        options.insert(0, options[0])
    return tuple(options)


def _lines(text: str, k: int) -> tuple[str, ...]:
    """The narrowest way to set `text` in at most k + 1 lines (one line asks no segmenter)."""
    return (text,) if k == 0 else header_options(text)[k]


def _fit(text: str, room: float) -> tuple[str, ...] | None:
    """The fewest lines of `text` that fit `room` characters; None if none do."""
    if line_width(text) <= room:
        return (text,)
    for lines in header_options(text):
        if max(line_width(line) for line in lines) <= room:
            return lines
    return None


def layout(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], ncols: int, *,
           total: int, pad: int, sizes: tuple[float, ...]) -> Columns:
    """Widths for `ncols` columns filling `total` twips (`pad`: a cell's two margins): every
    body cell on one line and each header broken between words into as few lines as fit, at
    the first of `sizes` (points, largest first) where some way fits. None when none does
    (the writer then shares the width out as before)."""
    heads = [header[c] if c < len(header) else "" for c in range(ncols)]
    need = [2.0] * ncols  # characters: body cells on one line
    for row in rows:
        for c, text in enumerate(row[:ncols]):
            need[c] = max(need[c], line_width(text) + 0.5)
    for size in sizes:
        room = (total - ncols * pad) / (size * 20)  # characters of this size
        if sum(need) > room:
            continue
        for k in range(MAX_HEADER_LINES):
            want = [max(n, max(map(line_width, _lines(h, k))) + 0.5) if h else n
                    for n, h in zip(need, heads, strict=True)]
            if sum(want) <= room:
                return _share(heads, want, room, size, total, pad)
    # too wide even so: at the smallest size, every column in proportion to its body cells
    # (which then wrap too), the headers wrapped by the program
    size = sizes[-1]
    em = size * 20
    out = [math.floor(n * em + pad) for n in need]
    out = [w * total // sum(out) for w in out]
    out[-1] += total - sum(out)
    return Columns(out, heads, size)


def _share(heads: list[str], want: list[float], room: float, size: float, total: int,
           pad: int) -> Columns:
    """The room to spare shared out in proportion; each header then takes the fewest lines
    its column allows."""
    widths = [w + (room - sum(want)) * w / sum(want) for w in want]
    lines = [_fit(h, w - 0.5) or header_options(h)[-1] if h else ("",)
             for h, w in zip(heads, widths, strict=True)]
    out = [math.floor(w * size * 20) + pad for w in widths]
    out[-1] += total - sum(out)
    return Columns(out, ["\n".join(fitted) for fitted in lines], size)
