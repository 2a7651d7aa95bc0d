"""Chinese number and date phrasing for report prose: 万/亿, 余/超/约, percent, 同比, 一二三, dates.

Pure functions, no I/O, in three modules:

- ``numbers``: digits and dates through babel (``babel.numbers``, ``babel.dates``, locale
  zh_CN), under an explicit half-up decimal context; babel is imported on first use.
- ``words``: the wording babel has no notion of: one qualifier (余 多 超 约 近) placed before
  or after the number, 万/亿 with a unit, approximations, 同比 and 百分点, ranges, year spans.
- ``numerals``: Chinese numerals (一百零五), heading numbers (一、 （一）), 一是/二是.

What a qualifier, a scale, half-up rounding or a rate means is defined once, in
drafter.model.quantity, which the reader and the checks use too.

Numeric inputs are ``Decimal | int | float``; a float is read through ``Decimal(str(x))`` so
that ``2.675`` means the decimal 2.675 its writer typed. ``bool`` is refused.

Rules every function here follows (GONGWEN.md, "Numbers in the text"):

- Rounding is 四舍五入: ``ROUND_HALF_UP``, half away from zero (``0.125`` → ``0.13``,
  ``-2.5`` → ``-3``), never the banker's rounding Python and babel use by default.
- No thousands separators in prose: ``15699``, not ``15,699``.
- A scaled or derived display (``number``, ``wan``, ``yi``, ``quantity``, ``multiple``) shows
  *at most* ``digits`` decimals and drops trailing zeros: ``wan(50000)`` → ``5万``, never
  ``5.00万``. A percentage with a stated ``digits`` keeps its zeros (``30.40%``), since an
  office's stated precision for rates is part of the figure; but a value that *is* 0 or 100
  prints whole (``100%``, as every source report writes it), and a rate short of 100 is never
  rounded up to ``100%`` (99.996 at two decimals → ``99.99%``).
- Approximations carry exactly one qualifier (余 多 超 约 近); stacking (``近3万余份``, a mistake
  seen in a real report) is refused with ``ValueError``.
"""

from __future__ import annotations

from drafter.model.quantity import AFTER_NUMBER, BEFORE_NUMBER, QUALIFIERS, SCALES
from drafter.phrasing.numbers import (
    NoSuchDay,
    Number,
    cn_date,
    multiple,
    number,
    parse_date,
    percent,
    ratio_percent,
)
from drafter.phrasing.numerals import (
    CHINESE_MAX,
    DEFAULT_HEADING_FORMATS,
    chinese,
    heading_number,
    ordinal_point,
)
from drafter.phrasing.words import approx, quantity, value_range, wan, year_span, yi, yoy

__all__ = [
    "AFTER_NUMBER",
    "BEFORE_NUMBER",
    "CHINESE_MAX",
    "DEFAULT_HEADING_FORMATS",
    "QUALIFIERS",
    "SCALES",
    "NoSuchDay",
    "Number",
    "approx",
    "chinese",
    "cn_date",
    "heading_number",
    "multiple",
    "number",
    "ordinal_point",
    "parse_date",
    "percent",
    "quantity",
    "ratio_percent",
    "value_range",
    "wan",
    "year_span",
    "yi",
    "yoy",
]
