"""Half-width punctuation next to Chinese made full-width, in outline text or plain text.

The outline's private marks (placeholders, flagged and sourced figures) are invisible here:
a mark's neighbours are the visible characters around it.
"""

from __future__ import annotations

import re

HIDDEN = re.compile(r"\x05[^\x06]*\x06|[\x01-\x07]")  # what marks add to the outline text
# The backslash of an escaped `:` (cell text): its colon is punctuation like any other.
_ESCAPED_MARK = re.compile(r"\\(?=:)")
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’【】《》、]")


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
        return _fullwidth(text, marks)
    visible: list[int] = []  # positions of the visible characters in `text`
    pos = 0
    for start, end in [*hidden, (len(text), len(text))]:
        visible.extend(range(pos, start))
        pos = end
    changed = _fullwidth("".join(text[i] for i in visible), marks)
    chars = list(text)
    for i, ch in zip(visible, changed, strict=True):
        chars[i] = ch
    return "".join(chars)


def _fullwidth(text: str, marks: str) -> str:
    chars = list(text)
    opened: list[int] = []  # positions of unmatched "("
    for i, ch in enumerate(text):
        if ch not in _HALF or ch not in marks:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        near = bool((before and _CJK.match(before)) or (after and _CJK.match(after)))
        if ch == "(":
            opened.append(i)
            if near:
                chars[i] = _HALF[ch]
        elif ch == ")" and opened:
            start = opened.pop()
            if near or chars[start] != "(":
                chars[i], chars[start] = _HALF[")"], _HALF["("]
        elif near:
            chars[i] = _HALF[ch]
    return "".join(chars)
