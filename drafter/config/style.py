"""The style profile: GB/T 9704-2012 defaults, overridden by a pack's or office's style.toml.

Holds layout choices (numbering per level, run-in headings, points inline or one per
paragraph) and typography (page, grid, fonts, sizes). Knows nothing of Word's XML: the
writer turns a profile into named Word styles.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.config.paths import read_text
from drafter.errors import CatalogError

# 号 → points (GB/T 9704 sizes)
HAO = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
}


@dataclass(frozen=True)
class Font:
    east_asia: str  # w:eastAsia face: 仿宋_GB2312
    size_pt: float
    latin: str = "Times New Roman"
    bold: bool = False
    fallback: str = ""  # face to name as an alternative (w:altName) where the first is missing


@dataclass(frozen=True)
class StyleProfile:
    # layout
    numbering: tuple[str, ...] = ("一、", "（一）", "1.", "（1）")  # per level; "" = unnumbered
    run_in: tuple[int, ...] = ()  # levels whose heading runs into the first paragraph
    points: str = "inline"  # inline: 一是…二是… in one paragraph; paragraph: one per point
    punctuation: str = "fullwidth"  # fullwidth: , ; : ( ) next to Chinese → ，；：（）; keep
    # page (mm) and grid
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    lines_per_page: int = 22
    chars_per_line: int = 28
    # type
    title: Font = Font("方正小标宋简体", HAO["二号"], fallback="宋体")
    body: Font = Font("仿宋_GB2312", HAO["三号"], fallback="仿宋")
    heading1: Font = Font("黑体", HAO["三号"])
    heading2: Font = Font("楷体_GB2312", HAO["三号"], fallback="楷体")
    heading3: Font = Font("仿宋_GB2312", HAO["三号"], bold=True, fallback="仿宋")
    heading4: Font = Font("仿宋_GB2312", HAO["三号"], fallback="仿宋")
    lead_bold: bool = False  # point lead phrases (一是深学笃行更加扎实。) in bold
    table: Font = Font("仿宋_GB2312", HAO["四号"], fallback="仿宋")
    page_number: Font = Font("宋体", HAO["四号"], latin="宋体")
    page_numbers: bool = True

    def heading_font(self, level: int) -> Font:
        return (self.heading1, self.heading2, self.heading3, self.heading4)[level - 1]


_FONT_FIELDS = {
    "title",
    "body",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "table",
    "page_number",
}


def load(paths: list[Path], base: StyleProfile | None = None) -> StyleProfile:
    """Apply style.toml files in order (pack first, office last) over the defaults."""
    profile = base or StyleProfile()
    for path in paths:
        try:
            data = tomllib.loads(read_text(path))  # a regular file in its folder, bounded
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CatalogError(f"样式设置无法读取:{exc}", file=str(path)) from exc
        profile = apply(profile, data, str(path))
    return profile


def apply(profile: StyleProfile, data: dict[str, Any], source: str = "") -> StyleProfile:
    known = {f.name for f in dataclasses.fields(StyleProfile)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise CatalogError(f"样式设置中的“{key}”无法识别", file=source)
        if key in _FONT_FIELDS:
            changes[key] = _font(getattr(profile, key), value, key, source)
        elif key in ("numbering", "run_in"):
            changes[key] = tuple(value)
        else:
            changes[key] = value
    if changes.get("points", profile.points) not in ("inline", "paragraph"):
        raise CatalogError("样式设置 points 只能是 inline 或 paragraph", file=source)
    if changes.get("punctuation", profile.punctuation) not in ("fullwidth", "keep"):
        raise CatalogError("样式设置 punctuation 只能是 fullwidth 或 keep", file=source)
    return dataclasses.replace(profile, **changes)


def _font(current: Font, value: Any, key: str, source: str) -> Font:
    if not isinstance(value, dict):
        raise CatalogError(f'样式设置“{key}”应为表(如 {{ east_asia = "黑体" }})', file=source)
    v = dict(value)
    if "size" in v:  # size = "三号" or 16
        size = v.pop("size")
        v["size_pt"] = HAO[size] if isinstance(size, str) and size in HAO else float(size)
    try:
        return dataclasses.replace(current, **v)
    except TypeError as exc:
        raise CatalogError(f"样式设置“{key}”有无法识别的字段:{exc}", file=source) from exc
