"""Page and grid of a style profile, in twips (1/20 pt): plain numbers, no Word XML.

The grid (GB/T 9704: 22 lines × 28 characters on a 156 × 225 mm text block):
- lines: `w:docGrid w:type="lines"` with the line pitch (text block height / 22, twips).
  Word and LibreOffice both snap single-spaced lines to it.
- characters: `w:type="linesAndChars"` is what Word's own 公文 templates use, but LibreOffice
  gives every character wider than the grid cell two cells (a 16 pt character in a 15.8 pt
  cell: 14 characters a line). So the grid is lines only, and the Normal style condenses every
  character by the difference (−0.25 pt for 3号 on 156 mm): 28 × 15.75 pt fits 442 pt, 29
  does not, in both programs (Word adds w:spacing to each character; with a lines-only grid
  it does not stretch characters to a grid pitch).
- LibreOffice 7.4 ignores the w:*Chars indents, w:beforeLines and w:autoSpaceDE/DN, so every
  indent is written both in characters (Word) and in twips (LibreOffice), and blank lines are
  empty paragraphs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drafter.config.style import StyleProfile


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class Geometry:
    """Page and grid in twips (1/20 pt), derived from a style profile."""

    page_w: int
    page_h: int
    top: int
    bottom: int
    left: int
    right: int
    footer: int
    text_w: int
    line_pitch: int
    char_spacing: int  # 1/20 pt added to every character of the body (negative: condensed)
    char: int  # one body character, spacing included

    @classmethod
    def of(cls, style: StyleProfile) -> Geometry:
        text_w = twips(style.page_width_mm - style.margin_left_mm - style.margin_right_mm)
        text_h = twips(style.page_height_mm - style.margin_top_mm - style.margin_bottom_mm)
        body = round(style.body.size_pt * 20)
        spacing = math.floor(text_w / max(style.chars_per_line, 1) - body)
        # GB/T 9704 §7.5: the page number's dashes sit 7 mm below the text block; the dash is
        # about 0.65 em above the bottom of its line.
        footer = twips(style.margin_bottom_mm - 7) - round(style.page_number.size_pt * 20 * 0.65)
        return cls(
            page_w=twips(style.page_width_mm),
            page_h=twips(style.page_height_mm),
            top=twips(style.margin_top_mm),
            bottom=twips(style.margin_bottom_mm),
            left=twips(style.margin_left_mm),
            right=twips(style.margin_right_mm),
            footer=max(footer, 0),
            text_w=text_w,
            line_pitch=text_h // max(style.lines_per_page, 1),
            char_spacing=spacing,
            char=body + spacing,
        )
