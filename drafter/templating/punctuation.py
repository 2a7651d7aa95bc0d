"""Half-width punctuation next to Chinese made full-width, in outline text or plain text.

The outline's private marks (placeholders, flagged and sourced figures) are invisible here:
a mark's neighbours are the visible characters around it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache

HIDDEN = re.compile(r"\x05[^\x06]*\x06|[\x01-\x07]")  # what marks add to the outline text
# The backslash of an escaped `:` (cell text): its colon is punctuation like any other.
_ESCAPED_MARK = re.compile(r"\\(?=:)")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK_MARKS = frozenset("“”‘’【】《》、")


def _cjk(ch: str) -> bool:
    """Chinese text or full-width punctuation (U+3000–303F, U+4E00–9FFF, U+FF00–FFEF, the
    curly quotes, 【】《》、): a test on the code point, not a character class compiled at
    every start of the program (~2 ms)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or ch in _CJK_MARKS)


def fullwidth_punctuation(text: str, marks: str = ",;:?!()") -> str:
    """Half-width , ; : ? ! ( ) next to Chinese text become full-width (，；：？！（）).

    Text pasted from the web or typed on an English keyboard mixes them; a 公文 uses the
    full-width forms. Between digits or Latin letters (1,234  10:30) nothing changes, and a
    pair of brackets changes together: 附表(a) → 附表（a）. `marks` limits which change.
    Outline marks are invisible here: a mark's neighbours are the visible characters.
    """
    hidden = sorted([m.span() for m in HIDDEN.finditer(text)]
                    + [m.span() for m in _ESCAPED_MARK.finditer(text)])
    if not hidden:
        return _apply(text, _fullwidth(text, marks))
    pieces: list[str] = []  # the visible text, piece by piece
    starts: list[int] = []  # where each piece starts in `text`
    pos = 0
    for start, end in [*hidden, (len(text), len(text))]:
        if start > pos:
            pieces.append(text[pos:start])
            starts.append(pos)
        pos = end
    changes = _fullwidth("".join(pieces), marks)
    offsets = list(itertools.accumulate((len(p) for p in pieces[:-1]), initial=0))
    moved: dict[int, str] = {}
    for k, ch in changes.items():  # a position in the visible text → the same in `text`
        i = bisect.bisect_right(offsets, k) - 1
        moved[starts[i] + k - offsets[i]] = ch
    return _apply(text, moved)


def prose(text: str) -> str:
    """Words a person reads outside the report's body (drafter's own and a pack's: on a
    sheet, in a trace note, on the page, in the docs) in full-width , ; : ? ( ), while a
    cell address keeps its ! (指标!F12); the body takes every mark (fullwidth_punctuation)."""
    return fullwidth_punctuation(text, marks=",;:?()")


def _apply(text: str, changes: dict[int, str]) -> str:
    if not changes:
        return text
    chars = list(text)
    for i, ch in changes.items():
        chars[i] = ch
    return "".join(chars)


def _fullwidth(text: str, marks: str) -> dict[int, str]:
    """The characters of `text` to replace, by position. Only , ; : ? ! ( ) are looked at:
    a scan in C for them, not a Python loop over every character."""
    changes: dict[int, str] = {}
    opened: list[int] = []  # positions of unmatched "("
    loose: list[int] = []  # marks other than brackets left half-width on the first look
    wanted = "".join(ch for ch in marks if ch in _HALF)
    if not wanted:
        return changes
    for m in _marks_of(wanted).finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        near = bool((before and _cjk(before)) or (after and _cjk(after)))
        if ch == "(":
            opened.append(i)
            if near:
                changes[i] = _HALF[ch]
        elif ch == ")" and opened:
            start = opened.pop()
            if near or start in changes:
                changes[i], changes[start] = _HALF[")"], _HALF["("]
        elif near:
            changes[i] = _HALF[ch]
        else:
            loose.append(i)
    # A mark beside a bracket that became full-width is beside full-width text too:
    # 见(附件),2024 → 见（附件），2024; 合计a,(含自诉) → 合计a，（含自诉）.
    for i in loose:
        if i - 1 in changes or i + 1 in changes:
            changes[i] = _HALF[text[i]]
    return changes


@cache
def _marks_of(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")
