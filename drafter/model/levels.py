"""Outline levels: the four heading levels GB/T 9704 numbers 一、（一）1.（1）, then a point
(一是…) and a paragraph. One 大纲 row, one outline.toml row and one imported line each have one.

The 大纲 sheet's 层级 column and outline.toml write a level by its name (`Level.written`,
一级标题 … 四级标题, 要点, 段落); templates write a heading as `#` … `####`; Word styles are
标题 1 … 标题 4. HEADING_DEPTH is how deep headings go, everywhere.
"""

from __future__ import annotations

from enum import IntEnum

HEADING_DEPTH = 4  # 一、（一）1.（1）: GB/T 9704 numbers four levels of heading


class Level(IntEnum):
    """A row's place in the outline; compares as its number (a heading's depth, 1–4)."""

    H1 = 1  # 一、
    H2 = 2  # （一）
    H3 = 3  # 1.
    H4 = 4  # （1）
    POINT = 5  # 一是…: a lead phrase and its sentences
    PARAGRAPH = 6  # a paragraph of its own

    @property
    def written(self) -> str:
        """The level as the 大纲 sheet's 层级 column and outline.toml write it."""
        return NAMES[self - 1]

    @property
    def heading(self) -> bool:
        return self <= HEADING_DEPTH

    @classmethod
    def named(cls, name: str) -> Level:
        """The level `name` (one of NAMES) writes; ValueError for another name."""
        return cls(NAMES.index(name) + 1)


# 层级 as the 大纲 sheet's dropdown and outline.toml write each level, in order: NAMES[level - 1].
NAMES = ("一级标题", "二级标题", "三级标题", "四级标题", "要点", "段落")
HEADINGS = tuple(Level(n) for n in range(1, HEADING_DEPTH + 1))


def is_heading(level: int) -> bool:
    return 1 <= level <= HEADING_DEPTH


def heading_level(level: int) -> int:
    """`level` held to a heading level (1–4): a style or a count for any deeper or odd level."""
    return min(max(level, 1), HEADING_DEPTH)


def skipped(level: int, above: int, start: str = "报告开头") -> str:
    """Why a heading of `level` may not follow the heading of level `above` (0: none yet, the
    outline's `start`), or "" when it may: headings go down one level at a time (一级标题,
    二级标题, 三级标题, never 一级标题 straight to 三级标题). Going back up is always allowed."""
    if not is_heading(level) or level <= above + 1:
        return ""
    before = NAMES[above - 1] if above else start
    return f"{NAMES[level - 1]}直接跟在{before}之后,中间缺少{NAMES[level - 2]}"
