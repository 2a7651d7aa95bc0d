"""Chinese numerals, which babel does not write: 一百零五, heading numbers (一、 （一） 1.),
and the leads of enumerated points (一是, 二是).
"""

from __future__ import annotations

import functools
import re

CHINESE_MAX = 10**12 - 1  # 九千九百九十九亿…: the 万亿 order is not supported

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("千", "百", "十", "")
_BIG_UNITS = ("亿", "万", "")


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, with 零 for inner gaps: 1005 → 一千零五."""
    out: list[str] = []
    gap = False
    for digit, unit in zip(f"{n:04d}", _SMALL_UNITS, strict=True):
        if digit == "0":
            gap = gap or bool(out)
            continue
        if gap:
            out.append("零")
            gap = False
        out.append(_DIGITS[int(digit)] + unit)
    return "".join(out)


def chinese(n: int) -> str:
    """A non-negative integer in Chinese numerals (小写, 二 not 两), up to 九千九百…亿.

    >>> [chinese(x) for x in (0, 10, 12, 20, 105, 110, 1000, 10001, 100000, 99999999)]
    ['零', '十', '十二', '二十', '一百零五', '一百一十', '一千', '一万零一', '十万', '九千九百九十九万九千九百九十九']
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"应为整数,而不是 {type(n).__name__}")
    if n < 0 or n > CHINESE_MAX:
        raise ValueError(f"只能写出 0 到 {CHINESE_MAX} 的中文数字:{n}")
    return _chinese(n)


@functools.lru_cache(maxsize=4096)  # heading numbers: the same few hundred, many times over
def _chinese(n: int) -> str:
    if n == 0:
        return _DIGITS[0]
    groups = (n // 10**8, n // 10**4 % 10**4, n % 10**4)
    out: list[str] = []
    gap = False
    for group, unit in zip(groups, _BIG_UNITS, strict=True):
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out.append("零")
        out.append(_section(group) + unit)
        gap = False
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def ordinal_point(n: int) -> str:
    """The lead of the n-th enumerated point in a paragraph: 一是, 二是, … 十一是.

    >>> ordinal_point(1), ordinal_point(10), ordinal_point(11)
    ('一是', '十是', '十一是')
    """
    if n < 1:
        raise ValueError(f"序号应从1开始:{n}")
    return chinese(n) + "是"


DEFAULT_HEADING_FORMATS = ("一、", "（一）", "1.", "（1）")
_NUMERAL_SLOT = re.compile("[一1]")


def heading_number(level: int, n: int, formats: tuple[str, ...] = DEFAULT_HEADING_FORMATS) -> str:
    """The number of the n-th heading at ``level`` (1-based), from that level's format.

    In a format the first ``一`` stands for a Chinese numeral and the first ``1`` for an Arabic
    one; everything else is kept. An empty format gives ``""`` (an unnumbered level).

    >>> heading_number(1, 2), heading_number(2, 1), heading_number(3, 12), heading_number(4, 3)
    ('二、', '（一）', '12.', '（3）')
    >>> heading_number(1, 3, ("第一章",)), heading_number(2, 1, ("一、", ""))
    ('第三章', '')
    """
    if not 1 <= level <= len(formats):
        raise ValueError(f"标题层级 {level} 超出格式范围(1~{len(formats)})")
    if n < 1:
        raise ValueError(f"标题序号应从1开始:{n}")
    fmt = formats[level - 1]
    if not fmt:
        return ""
    match = _NUMERAL_SLOT.search(fmt)
    if match is None:
        raise ValueError(f"标题格式“{fmt}”中没有数字位置(用“一”或“1”表示)")
    numeral = chinese(n) if match.group() == "一" else str(n)
    return fmt[: match.start()] + numeral + fmt[match.end() :]
