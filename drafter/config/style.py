"""The style profile: GB/T 9704-2012 defaults, overridden by a pack's or office's style.toml.

Holds layout choices (numbering per level, run-in headings, points inline or one per
paragraph) and typography (page, grid, fonts, sizes). Knows nothing of Word's XML: the
writer turns a profile into named Word styles.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.config import schema, tomlfile
from drafter.config.schema import HAO  # 字号 → points
from drafter.config.tomlfile import Source
from drafter.errors import CatalogError


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
    # where each setting was last written: key → (file, line), for messages such as
    # "numbering does not cover level 3" (not part of the profile's value)
    origins: dict[str, tuple[str, int | None]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

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
        data, source = tomlfile.read(path, "样式设置")
        profile = apply(profile, data, source)
    return profile


def apply(profile: StyleProfile, data: dict[str, Any], source: Source | str = "") -> StyleProfile:
    """`data` (one style.toml) over `profile`: every key it writes wins, even one equal to
    the default (an office can set a setting back to GB/T 9704's value)."""
    src = source if isinstance(source, Source) else Source(source)
    schema.validate(data, schema.STYLE, src)
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key in _FONT_FIELDS:
            changes[key] = _font(getattr(profile, key), value)
        elif key in ("numbering", "run_in"):
            changes[key] = tuple(value)
        elif key.endswith("_mm"):
            changes[key] = float(value)
        else:
            changes[key] = value
    origins = dict(profile.origins)
    origins.update({key: (src.file, src.line((key,))) for key in data})
    out = dataclasses.replace(profile, **changes, origins=origins)
    _check_page(out)
    return out


def _check_page(p: StyleProfile) -> None:
    """Margins must leave a text area at least 30 mm wide and tall, and the grid must hold
    the body text: chars_per_line characters on a line, lines_per_page lines on a page."""
    area = {}
    for extent, low, high in (("page_width_mm", "margin_left_mm", "margin_right_mm"),
                              ("page_height_mm", "margin_top_mm", "margin_bottom_mm")):
        left = area[extent] = getattr(p, extent) - getattr(p, low) - getattr(p, high)
        if left < 30:
            written = [k for k in (low, high) if k in p.origins] or [extent]
            key = max(written, key=lambda k: getattr(p, k))  # the widest margin written
            raise _grid_error(p, key, f"使版心只剩 {left:g} 毫米({extent} {getattr(p, extent):g} − "
                              f"{low} {getattr(p, low):g} − {high} {getattr(p, high):g}),"
                              "至少应有 30 毫米")
    body = p.body.size_pt
    pitch = area["page_width_mm"] * _PT_PER_MM / p.chars_per_line
    if pitch < body * 0.9:
        key = _written(p, "chars_per_line", "page_width_mm", "margin_left_mm", "margin_right_mm")
        raise _grid_error(p, key, f"每行 {p.chars_per_line} 字、正文 {body:g} 磅时版心宽度放不下"
                          f"(每字只有 {pitch:.1f} 磅);请减少 chars_per_line 或减小 body 的字号")
    if p.title.size_pt + pitch - body <= 1:
        raise _grid_error(p, "title.size", f"标题字号 {p.title.size_pt:g} 磅相对正文 {body:g} 磅过小,"
                          "在版心网格中无法排列")
    line = area["page_height_mm"] * _PT_PER_MM / p.lines_per_page
    if line < body:
        key = _written(p, "lines_per_page", "page_height_mm", "margin_top_mm", "margin_bottom_mm")
        raise _grid_error(p, key, f"每页 {p.lines_per_page} 行、正文 {body:g} 磅时版心高度放不下"
                          f"(每行只有 {line:.1f} 磅);请减少 lines_per_page 或减小 body 的字号")


_PT_PER_MM = 72 / 25.4


def _written(p: StyleProfile, grid: str, *extent: str) -> str:
    """The key a grid message names: the grid's own, the body size, or the page's width
    (height) or a margin — the first the office's file wrote (so that the message names that
    file and line), else the body size."""
    for key in (grid, "body", *extent):
        if key in p.origins:
            return "body.size" if key == "body" else key
    return "body.size"


def _grid_error(p: StyleProfile, key: str, message: str) -> CatalogError:
    file, where = origin(p, key.split(".")[0])
    return CatalogError(f"“{key}”{message}", file=file, where=where)


def origin(profile: StyleProfile, key: str) -> tuple[str | None, str | None]:
    """(file, "第N行") where `key` was set, for messages; (None, None) for a default."""
    file, line = profile.origins.get(key, ("", None))
    return (file or None), (f"第{line}行" if line else None)


def _font(current: Font, value: dict[str, Any]) -> Font:
    v = dict(value)
    if "size" in v:  # size = "三号" or 16
        size = v.pop("size")
        v["size_pt"] = float(HAO[size] if isinstance(size, str) else size)
    return dataclasses.replace(current, **v)
