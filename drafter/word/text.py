"""Text helpers for the Word writer: XML-safe text, display widths, title line breaks.

Nothing here knows OOXML or imports python-docx; writer.py turns the results into runs and
paragraphs. Every function is linear in the length of its text (or capped): a 100,000-character
cell must not stall a render.
Widths are counted in characters of the paragraph's own size: a CJK character (and, in a
Chinese document, an ambiguous-width one such as “ or —) is 1, a half-width Latin letter or
digit is 0.5.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from functools import lru_cache

# XML 1.0 allows \t \n \r and everything from U+0020 except lone surrogates, U+FFFE, U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop the characters XML cannot hold; \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def char_width(ch: str) -> float:
    return 0.5 if unicodedata.east_asian_width(ch) in ("Na", "H", "N") else 1.0


def width(text: str) -> float:
    return sum(char_width(ch) for ch in text)


def line_width(text: str) -> float:
    """Width of a line as LibreOffice sets it: it ignores autoSpaceDE/DN and puts about a
    quarter of a character between Chinese and a run of digits or Latin letters (Word,
    told not to, does not). Deciding with this keeps 2024年 titles off a 1-character line."""
    gaps = sum(1 for a, b in itertools.pairwise(text)
               if (char_width(a) < 1) != (char_width(b) < 1))
    return width(text) + 0.25 * gaps


# --- title line breaking ---------------------------------------------------------------

_NO_LINE_START = set("，。、；：？！）》」』】〕”’%‰·…—,.;:?!)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")
# (text that may end a line, cost): organ names and 关于 are the natural break points
_GOOD_ENDS = (
    ("司法局", 0.0),
    ("人民政府", 0.0),
    ("委员会", 0.0),
    ("办公室", 0.0),
    ("关于", 0.0),
    ("局", 0.5),
    ("年度", 1.0),
    ("年", 1.5),
    ("的", 2.0),
)
_GOOD_STARTS = (("和", 0.0), ("及", 0.5), ("与", 0.5), ("暨", 0.0), ("关于", 0.5))
# words of report titles: a break between two of them is acceptable, inside one is not
_WORD_LIST = (
    "工作总结 工作思路 工作要点 工作汇报 工作报告 工作计划 工作方案 法治政府 "
    "法治建设 司法行政 建设情况 年度报告 上半年 下半年 第一季度 依法行政 "
    "依法治区 依法治市 依法治县 法律援助 人民调解 社区矫正 普法宣传 行政复议 "
    "执法监督 工作 总结 报告 情况 建设 法治 政府 全市 全区 全县 要点 "
    "方案 通知 意见 思路 计划 汇报 重点 任务 分工 印发 若干 事项 推进 "
    "实施 落实 专项 规划 责任 履行 第一 责任人 职责"
)
_WORDS = _WORD_LIST.split()
_WORD_BREAK = 3.0  # between two known words
_PLAIN_BREAK = 30.0  # between two CJK characters with no better reason


# A title is one to three lines (GB/T 9704 §7.3.2). One that needs more than this many is
# not balanced by hand: it stays one paragraph and Word wraps it, so that a runaway cell
# (a 100,000-character 单位名称) costs one linear pass, not a search over break points.
MAX_TITLE_LINES = 4
MIN_LINE = 3  # characters: no title line is shorter


def _word_interiors(text: str) -> set[int]:
    """Indexes i where a break before text[i] would split one of _WORDS (one pass per word)."""
    inside: set[int] = set()
    for w in _WORDS:
        at = text.find(w)
        while at >= 0:
            inside.update(range(at + 1, at + len(w)))
            at = text.find(w, at + 1)
    return inside


def _break_cost(text: str, i: int, interiors: set[int]) -> float | None:
    """Cost of breaking `text` before index i, or None where a break is not allowed."""
    before, after = text[i - 1], text[i]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return None
    if char_width(before) < 1 and char_width(after) < 1:
        return None  # inside a number or a Latin word: 2024, 12.3%
    if after in "年度":
        return None  # 2024年, 年度
    costs = [c for w, c in _GOOD_ENDS if text.endswith(w, 0, i)]
    costs += [c for w, c in _GOOD_STARTS if text.startswith(w, i)]
    if costs:
        return min(costs)
    if i in interiors:
        return _PLAIN_BREAK
    if any(text.endswith(w, 0, i) for w in _WORDS) or any(text.startswith(w, i) for w in _WORDS):
        return _WORD_BREAK
    return _PLAIN_BREAK


def break_title(text: str, max_chars: float) -> list[str]:
    """Split a title into balanced lines of at most `max_chars`, breaking at sensible points
    (see _break_title; remembered: the writer and the checks of a report ask more than once)."""
    return list(_break_title(text, max_chars))


@lru_cache(maxsize=1024)
def _break_title(text: str, max_chars: float) -> tuple[str, ...]:
    """Split a title into balanced lines of at most `max_chars`, breaking at sensible points.

    Lines are made about equally long (a title is a trapezoid or diamond, GB/T 9704 §7.3.2),
    preferring breaks after the organ's name or 关于 and before 和/及; no line is one or two
    characters wide. A title that fits stays one line; one that cannot be broken, or would need more
    than MAX_TITLE_LINES lines, is returned whole (Word wraps it).
    """
    if len(text) * 0.5 > MAX_TITLE_LINES * max_chars:  # every character is at least 0.5 wide
        return (text,)
    total = line_width(text)
    if total <= max_chars or len(text) < 4:
        return (text,)
    n_min = math.ceil(total / max_chars)
    if n_min > MAX_TITLE_LINES:
        return (text,)
    # from here len(text) <= 2 * MAX_TITLE_LINES * max_chars: the search below is bounded
    interiors = _word_interiors(text)
    cuts = {
        i: c for i in range(2, len(text) - 1)
        if (c := _break_cost(text, i, interiors)) is not None
    }
    for n in range(n_min, n_min + 2):
        lines = _best_split(text, cuts, n, max_chars)
        if lines:
            return tuple(lines)
    return (text,)


def _best_split(text: str, cuts: dict[int, float], n: int, max_chars: float) -> list[str]:
    """Dynamic programme over break positions: n lines, each within max_chars and at least
    MIN_LINE wide (a line of one or two characters is what a reviewer marks)."""
    target = width(text) / n
    prefix = [0.0]  # prefix[i]: width of text[:i]
    gaps = [0]  # gaps[i]: Chinese/Latin changes between neighbours within text[:i + 1]
    for k, ch in enumerate(text):
        prefix.append(prefix[-1] + char_width(ch))
        if k:
            gaps.append(gaps[-1] + ((char_width(text[k - 1]) < 1) != (char_width(ch) < 1)))

    def line(start: int, end: int) -> tuple[float, float]:  # (width, line_width)
        w = prefix[end] - prefix[start]
        return w, w + 0.25 * (gaps[end - 1] - gaps[start])

    positions = [0, *sorted(cuts), len(text)]
    # best[k][p] = (cost, previous position) for k lines ending at position p
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for _ in range(n):
        layer: dict[int, tuple[float, int]] = {}
        for start, (cost, _prev) in best[-1].items():
            for end in positions:
                if end <= start:
                    continue
                w, lw = line(start, end)
                if lw > max_chars:
                    break  # every later end is wider still
                if w < MIN_LINE:
                    continue
                c = cost + (w - target) ** 2 + cuts.get(end, 0.0)
                if end not in layer or c < layer[end][0]:
                    layer[end] = (c, start)
        best.append(layer)
    if len(text) not in best[n]:
        return []
    ends, p = [], len(text)
    for k in range(n, 0, -1):
        ends.append(p)
        p = best[k][p][1]
    ends.reverse()
    starts = [0, *ends[:-1]]
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]
