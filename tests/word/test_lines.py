"""Where Word and LibreOffice break a paragraph into lines (drafter/word/lines.py).

The LibreOffice cases were measured: the paragraph rendered with drafter's styles, converted
by LibreOffice 7.4 and read back from the PDF. The whole samples are measured in
tests/test_pages.py."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from drafter.config.style import StyleProfile
from drafter.word import lines
from drafter.word.geometry import Geometry

GEO = Geometry.of(StyleProfile())
FIRST, REST = GEO.text_w - 2 * GEO.char, GEO.text_w  # a body paragraph's first line and the others
ONE_OVER = "一、坚持强化政治统领党建引领，全面依法治区机制日益健全"  # 26 fit the first line


def test_lines_are_computed_as_each_program_breaks_them() -> None:
    for lo in (False, True):
        assert lines.wrap(ONE_OVER, FIRST, REST, 320, -5, libreoffice=lo) == [ONE_OVER[:26], "全"]
    # a closing mark just past a full line: Word hangs it, LibreOffice takes 作 down with it
    text = "一、推进法治政府建设的主要举措和成效全面依法治区工作，落"
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=False) == [text[:27], "落"]
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=True) == [text[:25], "作，落"]
    # LibreOffice's space between Chinese and digits pushes a character over; a number
    # never breaks
    text = "一、推进2024年度法治政府建设的主要举措和成效全面依法治区"
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=False)[-1] == "治区"
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=True)[-1] == "法治区"
    assert lines.wrap("1234567890" * 12, 8000, 8000, 320, -5, libreoffice=True) == [
        "1234567890" * 12]


@pytest.mark.parametrize(("text", "word", "libreoffice"), [
    # no break between a closing mark and the digits after it: 法，12 go down together
    ("法" * 25 + "，12中中中中。", "法" * 25 + "，", "法" * 24),
    # % may begin a line in LibreOffice; in Word it takes the character before with it
    ("法" * 26 + "%中中", "法" * 25, "法" * 26),
])
def test_libreoffice_breaks_where_it_was_measured_to(text: str, word: str, libreoffice: str) -> (
    None
):
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=False)[0] == word
    assert lines.wrap(text, FIRST, REST, 320, -5, libreoffice=True)[0] == libreoffice


def test_libreoffice_leaves_the_spacing_off_the_last_character_of_each_run() -> None:
    """A line of sample 001 as LibreOffice printed it: 学法 ended it and 12次。 began the next.
    Each figure is a run of its own (1件, 22件 …), and LibreOffice adds no spacing to a run's
    last character: with only the changes between Chinese and digits counted, 12 fits."""
    text = "送审稿22件、涉法事务送审件12件。政府常务会议开展学法12次。开展执法"
    ends = (2, 5, 13, 16, 27, 30)  # …送审稿 | 22件 | 、涉法事务送审件 | 12件 | 。…学法 | 12次 | 。…
    assert lines.wrap(text, REST, REST, 320, -5, libreoffice=True, ends=ends)[0] == text[:28]
    assert lines.wrap(text, REST, REST, 320, -5, libreoffice=True)[0] == text[:30]


def test_the_characters_taken_for_chinese_without_a_look_are_all_wide() -> None:
    ranges = re.findall(r"(.)-(.)", lines.WIDE_RUNS.pattern)
    assert ranges
    for low, high in ranges:
        for code in range(ord(low), ord(high) + 1):
            assert unicodedata.east_asian_width(chr(code)) in ("W", "F"), hex(code)


# -- the line finder against a plain one ------------------------------------------------------
# Layout.starts finds a line's end with a little arithmetic (every character one pitch wide
# but for a few, taken in as the line reaches them) and looks at the break rules only where a
# mark or a figure stands at the break. The plain finder below adds the characters one by one
# and always asks the rules: the two must break every paragraph alike.

_POOLS = (
    "法律援助人民调解社区矫正普法宣传行政复议执法监督推进建设全面依法治区落实开展",  # Chinese
    "，。、；：？！（）《》“”‘’——……",  # marks (and ambiguous ones)
    "0123456789", "0123456789.%", "AppPPTabcxyzW", " ",
    "１２３ＡＢ①한éΩ·\u3000〇々",  # wide letters, numbers and others; narrow non-ASCII
)


def _paragraph(rng: random.Random) -> tuple[str, tuple[int, ...]]:
    weights = [60, 14, 8, 4, 4, 1, 2]
    n = rng.choice([rng.randint(1, 40), rng.randint(40, 400)])
    text = "".join(rng.choice(rng.choices(_POOLS, weights)[0]) for _ in range(n))
    ends = tuple(sorted(rng.sample(range(max(n - 1, 0)), k=min(n // 12, max(n - 1, 0)))))
    return text, ends


def _plain_starts(layout: lines.Layout, first: int, rest: int) -> list[int]:
    n = len(layout.text)
    delta = {p: layout.before[k + 1] - layout.before[k] for k, p in enumerate(layout.at)}
    if layout.libreoffice:
        first, rest = first - lines.LO_TIGHT, rest - lines.LO_TIGHT
    out, s, room = [0], 0, first
    while True:
        used, b = 0, s
        while b < n:
            w = layout.pitch + delta.get(b, 0) - (layout.gap.get(b, 0) if b == s else 0)
            if used + w > room:
                break
            used, b = used + w, b + 1
        if b >= n:
            return out
        b = layout._break(max(b, s + 1), s)
        if b >= n:
            return out
        out.append(b)
        s, room = b, rest


def test_the_line_finder_breaks_every_paragraph_as_a_plain_one_does() -> None:
    rng = random.Random(9704)
    for _ in range(3000):
        text, ends = _paragraph(rng)
        scan = lines.Scan(text, rng.choice([320, 280]), ends)
        spacing = rng.randint(-25, 5)
        first, rest = rng.choice([(FIRST, REST), (REST, REST), (FIRST - 20, REST - 20)])
        for lo in (False, True):
            layout = scan.layout(spacing, libreoffice=lo)
            assert layout.starts(first, rest) == _plain_starts(layout, first, rest), (
                text, ends, spacing, lo)
