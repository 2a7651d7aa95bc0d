"""Cell text made safe to print (workbook/text.py): breaks joined, controls removed, capped."""

from __future__ import annotations

import pytest

from drafter.workbook.limits import MAX_LINE as LINE
from drafter.workbook.text import clean


@pytest.mark.parametrize(("typed", "read"), [
    ("局机关\n开展学习", "局机关开展学习"),  # between Chinese: nothing
    ("局机关，\r\n开展", "局机关，开展"),  # full-width punctuation counts as Chinese
    ("Smith\nJones", "Smith Jones"),  # between Latin words: a space
    ("共 12\n次", "共 12 次"),
    ("a\tb", "a b"),
    ("标题\u2028正文", "标题正文"),
    ("x\u2029y\x85z\x0bw\x0cv", "x y z w v"),
])
def test_line_breaks_and_tabs_are_joined(typed: str, read: str) -> None:
    cleaned = clean(typed, LINE)
    assert cleaned.text == read
    assert any("换行" in n for n in cleaned.notes)


def test_bidi_controls_are_removed_and_said() -> None:
    cleaned = clean("镜湖区\u202e局法司\u2066x\u2069", LINE)
    assert cleaned.text == "镜湖区局法司x"
    assert "3 个改变文字方向的控制字符" in cleaned.notes[0]


def test_other_controls_are_removed_and_said() -> None:
    assert clean("a\x01b\x7fc", LINE).text == "abc"
    assert clean("a\x01b", LINE).notes == ("去掉了不可见的控制字符",)


def test_plain_text_is_untouched_and_surrounding_blanks_dropped_silently() -> None:
    assert clean("镜湖区司法局 2024", LINE).text == "镜湖区司法局 2024"
    assert clean("  镜湖区司法局  \n", LINE).text == "镜湖区司法局"
    assert clean("  镜湖区司法局  \n", LINE).notes == ()


def test_text_beyond_the_limit_is_cut_with_an_error() -> None:
    cleaned = clean("长" * 1000, 60)
    assert cleaned.text == "长" * 60
    assert "1,000 字" in cleaned.error and "60 字" in cleaned.error
    assert clean("长" * 60, 60).error == ""
