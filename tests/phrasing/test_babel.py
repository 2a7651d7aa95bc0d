"""drafter.phrasing formats through babel, rounds half-up whatever the thread's decimal
context, and imports babel only when a number or date is formatted."""

from __future__ import annotations

import decimal
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from drafter import phrasing
from tests.conftest import FACTS_000, ROOT, SAMPLE_000, make_workbook


def test_numbers_are_formatted_by_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    from babel.numbers import NumberPattern

    seen: list[tuple[str, str, str]] = []
    real = NumberPattern.apply

    def spy(self, value, locale, *args, **kwargs):
        seen.append((self.pattern, str(value), f"{locale.language}_{locale.territory}"))
        return real(self, value, locale, *args, **kwargs)

    monkeypatch.setattr(NumberPattern, "apply", spy)
    assert phrasing.wan(14200, unit="件") == "1.42万件"
    assert phrasing.number(Decimal("0.125"), 2) == "0.13"
    assert phrasing.percent(Decimal("30.4"), 2) == "30.40%"
    assert seen == [("0.##", "1.42", "zh_CN"), ("0.##", "0.13", "zh_CN"),
                    ("0.00%", "0.3040", "zh_CN")]


def test_dates_are_formatted_by_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    import babel.dates

    calls: list[tuple[object, str]] = []
    real = babel.dates.format_date

    def spy(d, format="medium", locale=None):
        calls.append((d, locale))
        return real(d, format, locale=locale)

    monkeypatch.setattr(babel.dates, "format_date", spy)
    assert phrasing.cn_date("2025-01-16") == "2025年1月16日"
    assert calls == [(date(2025, 1, 16), "zh_CN")]


@pytest.mark.parametrize("rounding", [decimal.ROUND_HALF_EVEN, decimal.ROUND_DOWN, decimal.ROUND_CEILING])
def test_half_up_whatever_the_threads_context(rounding: str) -> None:
    with decimal.localcontext(decimal.Context(prec=6, rounding=rounding)):
        assert phrasing.number(Decimal("0.125"), 2) == "0.13"
        assert phrasing.number(2.675, 2) == "2.68"
        assert phrasing.number(Decimal("-2.5"), 0) == "-3"
        assert phrasing.wan(12250) == "1.23万"
        assert phrasing.percent(Decimal("30.425"), 2) == "30.43%"
        assert phrasing.percent(Decimal("99.996"), 2) == "99.99%"
        assert phrasing.number(Decimal("123456789012.345"), 2) == "123456789012.35"


def test_no_thousands_separators_and_no_negative_zero() -> None:
    assert phrasing.number(1234567) == "1234567"
    assert phrasing.quantity(123456789, "元") == "123456789元"
    assert phrasing.number(Decimal("-0.001"), 2) == "0"
    assert phrasing.percent(Decimal("-0.001"), 2) == "0.00%"
    assert phrasing.percent(Decimal("-0"), 1) == "0%"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return set(out.split())


def test_importing_phrasing_does_not_import_babel() -> None:
    mods = _modules_after("import drafter.phrasing")
    assert "drafter.phrasing.numbers" in mods
    assert not any(m == "babel" or m.startswith("babel.") for m in mods)


def test_check_and_help_do_not_import_babel(tmp_path: Path) -> None:
    """Reading a date is no formatting: a clerk's 成文日期 and 印发日期 typed as text (and
    one read from an Excel day number is said in a note, which may format it) are checked
    without babel, whose import costs `drafter check` ~15–40 ms (babel.dates finds the
    machine's time zone through pytz)."""
    facts = {**FACTS_000, "成文日期": "2025/1/16", "印发日期": "2025年1月20日"}
    typed = make_workbook(tmp_path, facts=facts)
    for argv in (["--help"], ["check", str(SAMPLE_000)], ["check", str(typed)]):
        code = (
            "import sys\nfrom drafter.cli import main\n"
            f"sys.argv = ['drafter', *{argv!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
        )
        mods = _modules_after(code)
        assert "drafter.cli" in mods
        assert not any(m == "babel" or m.startswith("babel.") for m in mods), argv
    assert "drafter.phrasing" in _modules_after(
        "import sys\nfrom drafter.cli import main\n"
        f"sys.argv = ['drafter', 'check', {str(typed)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )


def test_dates_are_read_without_formatting() -> None:
    assert phrasing.parse_date(" 2025-01-16 ") == date(2025, 1, 16)
    assert phrasing.parse_date("2025.1.6") == date(2025, 1, 6)
    assert phrasing.parse_date(datetime(2025, 1, 16, 9, 30)) == date(2025, 1, 16)
    with pytest.raises(ValueError, match="不存在"):
        phrasing.parse_date("2025-02-30")
    with pytest.raises(ValueError, match="无法识别"):
        phrasing.parse_date("下周一")
    with pytest.raises(TypeError):
        phrasing.parse_date(45673)  # type: ignore[arg-type]
