"""Cell text made safe to print: what the reader does to every text it takes from a cell.

Pure functions, no cell addresses: the reader attaches the cell to each note. A cell's text
reaches titles, headings, points and the annex table, so nothing in it may change the
document's structure or what it visibly says:

- line breaks and tabs inside a cell (Alt+Enter, and U+2028, U+2029, U+0085, vertical tab,
  form feed, which Python's str.splitlines also breaks on) are joined into one line: with
  nothing between two Chinese characters (Chinese is written without spaces, so an Alt+Enter
  in a sentence is only where the clerk wrapped it), with one space elsewhere (so `Smith`
  and `Jones` on two lines stay two words). A cell is one paragraph of the report: a point's
  body, a fact, a heading; a second paragraph has its own row in 要点. Said in a note;
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are
  removed: an unterminated U+202E shows the rest of a line backwards. Said in a note;
- zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E) are removed: they
  show nothing, yet make 镜湖区 and 镜\u200b湖区 two names. Said in a note;
- other control characters (never typed, invalid in Word's XML) are removed. Said in a note;
- text longer than the limit for its kind of cell (workbook/limits.py) is an error, and only
  its first `limit` characters are used (a 1,000-character 单位名称 is a paste gone wrong,
  and the title is laid out character by character).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from drafter.model.figures import WorkbookData
from drafter.model.findings import CellRef, column_letter, finding
from drafter.workbook.codes import TEXT_NORMALIZED, TEXT_TOO_LONG
from drafter.workbook.worksheet import Sheet

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_BREAK = re.compile(r"[ \u3000]*[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029][\s\u3000]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def fullwidth(text: str) -> str:
    """drafter's own words on a sheet in full-width punctuation: catalogs and packs write
    “如:2025年1月16日”, “村(居)”; a cell address keeps its “!” (指标!F12)."""
    from drafter.templating.punctuation import prose  # the one home of the rule

    return prose(text)


@dataclass(frozen=True)
class Cleaned:
    text: str
    notes: tuple[str, ...] = ()  # what was changed, for an info finding
    error: str = ""  # too long ("" when within the limit)


# Any character one of the three patterns above acts on: most cells have none of them.
_ANY = re.compile(f"{_BIDI.pattern}|{_CONTROL.pattern}|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")


def clean(text: str, limit: int) -> Cleaned:
    """`text` with breaks joined and invisible controls removed, cut at `limit` characters."""
    if not _ANY.search(text):
        text = text.strip()
        if len(text) <= limit:
            return Cleaned(text)
    notes: list[str] = []
    if _BIDI.search(text):
        n = len(_BIDI.findall(text))
        text = _BIDI.sub("", text)
        notes.append(f"去掉了 {n} 个改变文字方向的控制字符(如 U+202E),它们会使文字倒序显示")
    if _ZERO_WIDTH.search(text):
        n = len(_ZERO_WIDTH.findall(text))
        text = _ZERO_WIDTH.sub("", text)
        notes.append(f"去掉了 {n} 个零宽字符(如 U+200B),它们看不见,却会使两个看似相同的名称不同")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        notes.append("去掉了不可见的控制字符")
    stripped = text.strip()
    if _BREAK.search(stripped):
        text = _BREAK.sub(_join, stripped)
        notes.append("单元格内的换行或制表符已合并为一行(中文之间直接相连,其余加一个空格)")
    else:
        text = stripped
    error = ""
    if len(text) > limit:
        error = f"有 {len(text):,} 字,超过此处 {limit} 字的上限,请精简;检查和报告只取前 {limit} 字"
        text = text[:limit]
    return Cleaned(text, tuple(notes), error)


def invisible(text: str) -> int:
    """How many direction controls and zero-width characters `text` holds."""
    return len(_BIDI.findall(text)) + len(_ZERO_WIDTH.findall(text))


def visible(text: str) -> str:
    """`text` with each direction control or zero-width character written out as <U+200B>:
    for what drafter shows but must not change (a file name)."""
    def show(m: re.Match[str]) -> str:
        return f"<U+{ord(m.group(0)):04X}>"

    return _ZERO_WIDTH.sub(show, _BIDI.sub(show, text))


def _join(m: re.Match[str]) -> str:
    s, start, end = m.string, m.start(), m.end()
    before = s[start - 1] if start else ""
    after = s[end] if end < len(s) else ""
    return "" if _wide(before) and _wide(after) else " "


def _wide(ch: str) -> bool:
    """A Chinese character or full-width punctuation (no spaces are written around it)."""
    return bool(ch) and unicodedata.east_asian_width(ch) in ("W", "F")


def shown(text: str, width: int = 30) -> str:
    """`text` short enough to quote in a message."""
    return text if len(text) <= width else text[:width] + "…"


# -- the reader's side: a cell's text, with a finding for what was changed ------------------


def take(sheet: Sheet, r: int, c: int | None, limit: int, data: WorkbookData, *,
         section: str = "", indicators: tuple[str, ...] = ()) -> str:
    """The text of cell (r, c) as the report may use it ("" when blank), with a finding
    naming the cell for each change made and for text beyond `limit`."""
    raw = sheet.value(r, c)
    if raw is None or c is None:
        return ""
    if not isinstance(raw, str):
        return as_text(raw)
    if len(raw) <= limit and not _ANY.search(raw):  # most cells: nothing to clean or tell
        return raw.strip()
    cleaned = clean(raw, limit)
    if cleaned.notes or cleaned.error:
        ref = CellRef(sheet.title, f"{column_letter(c + 1)}{r + 1}")
        for note in cleaned.notes:
            data.findings.append(finding(TEXT_NORMALIZED, note, [ref], section=section,
                                         indicators=indicators))
        if cleaned.error:
            data.findings.append(finding(TEXT_TOO_LONG, cleaned.error, [ref], section=section,
                                         indicators=indicators))
    return cleaned.text


def as_text(raw: object) -> str:
    """A value that is not text, as text: 2025-01-16 for a date, 2024 for 2024.0."""
    if raw is None:
        return ""
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()
