"""Text helpers for the Word writer: XML-safe text, display widths, title line breaks.

Nothing here knows OOXML; docx_writer.py turns the results into runs and paragraphs.
Widths are counted in characters of the paragraph's own size: a CJK character (and, in a
Chinese document, an ambiguous-width one such as “ or —) is 1, a half-width Latin letter or
digit is 0.5.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata

# XML 1.0 allows \t \n \r and everything from U+0020 except lone surrogates, U+FFFE, U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop the characters XML cannot hold; \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def escape(text: str) -> str:
    """Clean and escape text for an XML element or a double-quoted attribute."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


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


def _break_cost(text: str, i: int) -> float | None:
    """Cost of breaking `text` before index i, or None where a break is not allowed."""
    before, after = text[i - 1], text[i]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return None
    if char_width(before) < 1 and char_width(after) < 1:
        return None  # inside a number or a Latin word: 2024, 12.3%
    if after in "年度":
        return None  # 2024年, 年度
    head, tail = text[:i], text[i:]
    costs = [c for w, c in _GOOD_ENDS if head.endswith(w)]
    costs += [c for w, c in _GOOD_STARTS if tail.startswith(w)]
    if costs:
        return min(costs)
    if _splits_word(text, i):
        return _PLAIN_BREAK
    if any(head.endswith(w) for w in _WORDS) or any(tail.startswith(w) for w in _WORDS):
        return _WORD_BREAK
    return _PLAIN_BREAK


def _splits_word(text: str, i: int) -> bool:
    for w in _WORDS:
        for k in range(1, len(w)):
            if i - k >= 0 and text[i - k : i - k + len(w)] == w:
                return True
    return False


def break_title(text: str, max_chars: float) -> list[str]:
    """Split a title into balanced lines of at most `max_chars`, breaking at sensible points.

    Lines are made about equally long (a title is a trapezoid or diamond, GB/T 9704 §7.3.2),
    preferring breaks after the organ's name or 关于 and before 和/及; no line is a single
    character. A title that fits stays one line; one that cannot be broken is returned whole.
    """
    total = line_width(text)
    if total <= max_chars or len(text) < 4:
        return [text]
    n_min = math.ceil(total / max_chars)
    cuts = {i: c for i in range(2, len(text) - 1) if (c := _break_cost(text, i)) is not None}
    for n in range(n_min, n_min + 2):
        lines = _best_split(text, cuts, n, max_chars)
        if lines:
            return lines
    return [text]


def _best_split(text: str, cuts: dict[int, float], n: int, max_chars: float) -> list[str]:
    """Dynamic programme over break positions: n lines, each within max_chars and >= 2 wide."""
    target = width(text) / n
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + char_width(ch))
    positions = [0, *sorted(cuts), len(text)]
    # best[k][p] = (cost, previous position) for k lines ending at position p
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for _ in range(n):
        layer: dict[int, tuple[float, int]] = {}
        for start, (cost, _prev) in best[-1].items():
            for end in positions:
                if end <= start:
                    continue
                w = prefix[end] - prefix[start]
                if line_width(text[start:end]) > max_chars:
                    continue
                if w < 2:
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
