"""Narrative text with live figures: what a clerk types into a 内容 cell, parsed.

A reference is an indicator in full-width brackets, by id or by name, with optional phrasing
options after a bar (half- or full-width):

    共受理法律援助案件【法律援助.受理案件】，【法律援助.受理案件|同比】
    解答法律咨询【法律援助.咨询|余】   审查合同【合同审查|万】   调解率【调解率|1位小数】

What the options mean, and which there are, is declared once in drafter.model.options.

The year is a reference too: 【年度】 is 基本信息 年度, 【年度-1】 the year before it, 【年度+1】
the year after (“【年度】年上半年” reads 2025年上半年 when 年度 is 2025), so a sentence moves
with the workbook from year to year (`year_offset`).

`【【` and `】】` write a literal bracket. Cell text is data, never template code: nothing
here evaluates anything, and `{{ x }}` in a cell stays as typed. Pure functions: the reader
gives the text, checks and templating decide what to do with the parts.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from drafter.model.figures import Figure

OPEN, CLOSE = "【", "】"
_SENTENCE_END = tuple("。！？；，、：…!?;:,.")
_CLOSERS = "”’」』）)》〉】"
_PAIRS = {"（": "）", "(": ")", "【": "】", "〔": "〕"}
_BRACKET = re.compile("[【】]")
_SEPARATOR = re.compile("[|｜]")


@dataclass(frozen=True)
class Text:
    """Literal text of a cell (escapes already undone)."""

    text: str
    unclosed: bool = False  # a lone 【 with no 】 after it, kept as typed


@dataclass(frozen=True)
class Ref:
    """A reference 【target|option|…】 as typed."""

    raw: str  # between the brackets, as typed
    target: str  # id or name, normalized (NFKC, spaces dropped)
    options: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        return f"{OPEN}{self.raw}{CLOSE}"


Part = Text | Ref


@functools.lru_cache(maxsize=1024)  # check and render each tokenize a cell several times
def tokenize(text: str) -> tuple[Part, ...]:
    """Split cell text into literal text and references. Never fails: a lone 【 is text.
    Jumps from bracket to bracket, and a 【 looks for its 】 only up to the next 【: linear."""
    parts: list[Part] = []
    buf: list[str] = []
    unclosed = False
    i, n = 0, len(text)

    def flush() -> None:
        nonlocal unclosed
        if buf:
            parts.append(Text("".join(buf), unclosed))
            buf.clear()
        unclosed = False

    while True:
        m = _BRACKET.search(text, i)
        if m is None:
            buf.append(text[i:])
            break
        j = m.start()
        buf.append(text[i:j])
        ch = text[j]
        if text[j + 1 : j + 2] == ch:  # 【【 → 【, 】】 → 】
            buf.append(ch)
            i = j + 2
            continue
        end = -1
        if ch == OPEN:
            inner = text.find(OPEN, j + 1)
            end = text.find(CLOSE, j + 1, n if inner == -1 else inner)
        if end == -1:  # a lone 】, or a 【 without its 】: kept as typed
            buf.append(ch)
            unclosed = unclosed or ch == OPEN
            i = j + 1
            continue
        flush()
        parts.append(_ref(text[j + 1 : end]))
        i = end + 1
    flush()
    return tuple(p for p in parts if not isinstance(p, Text) or p.text)


YEAR = "年度"  # 【年度】, 【年度-1】, 【年度+1】: the workbook's year, the one before or after
_YEAR_REF = re.compile(r"^年度(?:([+-])(\d{1,2}))?$")


def year_offset(target: str) -> int | None:
    """The offset from 年度 a reference's target names (【年度-1】 → -1), or None when it names
    an indicator."""
    m = _YEAR_REF.match(_norm(target))
    if m is None:
        return None
    return int(m.group(1) + m.group(2)) if m.group(1) else 0


def references(text: str) -> list[Ref]:
    return [p for p in tokenize(text) if isinstance(p, Ref)]


def as_written(text: str) -> str:
    """A title or a point's phrase as the report prints it: no reference in it is replaced
    (each stays as typed), and a doubled bracket is written once, as in any cell
    (【【典型案例】】 → 【典型案例】)."""
    if OPEN not in text and CLOSE not in text:
        return text
    return "".join(p.text if isinstance(p, Text) else p.shown for p in tokenize(text))


def has_reference(text: str) -> bool:
    return OPEN in text and bool(references(text))


_SENTENCE = re.compile(r"(?<=[。！？；!?;])")


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence-final 。！？；(the punctuation kept with its sentence)."""
    return [s for s in _SENTENCE.split(text) if s]


def without_missing(text: str, missing: Callable[[Ref], bool]) -> tuple[str, int]:
    """`text` with each sentence that references a missing figure left out, and how many
    were. Used for a pack's default sentences only: what a clerk wrote is never dropped."""
    kept, dropped = [], 0
    for sentence in sentences(text):
        if any(missing(ref) for ref in references(sentence)):
            dropped += 1
        else:
            kept.append(sentence)
    out = "".join(kept)
    if dropped and out and out[-1] in "；;，,":  # the sentence it led into is gone
        out = out[:-1] + "。"
    return out, dropped


@functools.lru_cache(maxsize=4096)
def _ref(raw: str) -> Ref:
    pieces = _SEPARATOR.split(raw)
    target = _norm(pieces[0])
    options = tuple(o for o in (_norm(p) for p in pieces[1:]) if o)
    return Ref(raw=raw, target=target, options=options)


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def needs_period(text: str) -> bool:
    """Whether cell text ends without sentence-final punctuation (a closing quote after 。
    counts as final; a reference at the end does not)."""
    stripped = text.rstrip()
    if not stripped:
        return False
    parts = tokenize(stripped)
    if isinstance(parts[-1], Ref):
        return True
    whole = parts[0].text.strip() if len(parts) == 1 else ""
    if whole and _PAIRS.get(whole[0]) == whole[-1]:
        return False  # a note wholly in brackets: （局办公室 供稿）, 【待补充】
    tail = stripped.rstrip(_CLOSERS)
    return bool(tail) and not tail.endswith(_SENTENCE_END)


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True)
class Resolved:
    id: str = ""  # the indicator's id ("" when not resolved)
    problem: str = ""  # why not, in Chinese
    suggestions: tuple[str, ...] = ()  # 【id】 forms of the closest indicators
    ambiguous: bool = False


class Index:
    """Indicators by id and by name, for resolving what a clerk typed.

    The lookups depend only on the figures' ids and names: a check and a render build this
    five times per workbook, and every workbook of a pack lists the same indicators, so the
    tables are built once per distinct list (_tables) and shared, read-only; and only when a
    reference is first resolved (a workbook's text may hold none: the tables of 10,000
    indicators take ~40 ms).
    """

    def __init__(self, figures: Iterable[Figure]):
        self._figures = tuple((f.id, f.name) for f in figures)

    @functools.cached_property
    def _lookups(self) -> tuple[dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
        return _tables(self._figures)

    @property
    def names(self) -> dict[str, str]:
        return self._lookups[0]

    @property
    def by_name(self) -> dict[str, list[str]]:
        return self._lookups[1]

    @property
    def by_key(self) -> dict[str, list[str]]:
        return self._lookups[2]

    def resolve(self, target: str, section: str = "") -> Resolved:
        target = _norm(target)
        if not target:
            return Resolved(problem="引用是空的")
        if target in self.names:
            return Resolved(id=target)
        ids = list(self.by_name.get(target, []))
        if not ids and "." in target:  # 板块.名称
            sec, name = target.split(".", 1)
            ids = [i for i in self.by_name.get(name, []) if i.startswith(sec + ".")]
        if not ids:  # the 编号 without its 板块, as typed on a row the clerk added
            ids = list(self.by_key.get(target, []))
        if len(ids) > 1 and section:
            own = [i for i in ids if i.startswith(section + ".")]
            ids = own or ids
        if len(ids) == 1:
            return Resolved(id=ids[0])
        if ids:
            shown = tuple(f"{OPEN}{i}{CLOSE}" for i in ids)
            return Resolved(problem=f"名称“{target}”对应多个指标", suggestions=shown,
                            ambiguous=True)
        return Resolved(problem=f"找不到编号或名称为“{target}”的指标",
                        suggestions=self.closest(target))

    def closest(self, target: str, n: int = 3) -> tuple[str, ...]:
        keys = {i: i for i in self.names}
        keys.update({name: ids[0] for name, ids in self.by_name.items()})
        keys.update({i.split(".", 1)[1]: i for i in self.names if "." in i})
        hits = difflib.get_close_matches(target, list(keys), n=n * 2, cutoff=0.4)
        ids = list(dict.fromkeys(keys[h] for h in hits))[:n]
        return tuple(f"{OPEN}{i}{CLOSE}({self.names[i]})" for i in ids)


@functools.lru_cache(maxsize=16)
def _tables(figures: tuple[tuple[str, str], ...]) -> tuple[
        dict[str, str], dict[str, list[str]], dict[str, list[str]]]:
    """(id → name, name → ids, the id's own part → ids) for Index."""
    names: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    by_key: dict[str, list[str]] = {}  # 受理案件 → [法律援助.受理案件]: the id's own part
    for fid, name in figures:
        names[fid] = name
        if "." in fid:
            by_key.setdefault(_norm(fid.split(".", 1)[1]), []).append(fid)
        for norm in {_norm(name), _norm(_plain_name(name))}:
            if norm:
                by_name.setdefault(norm, []).append(fid)
    return names, by_name, by_key


def _plain_name(name: str) -> str:
    """其中:家事类 → 家事类; 受理案件(必填) → 受理案件."""
    return _REQUIRED_MARK.sub("", _OF_WHICH.sub("", name))


_OF_WHICH = re.compile(r"^其中[:：\s]*")
_REQUIRED_MARK = re.compile(r"[（(]必填[)）]$")
