"""Jinja filters for Chinese number phrasing, usable in every template.

Each takes a figure (`{{ 法律援助.受理案件 | wan }}`) or a plain number, and gives a Phrase.
A figure brings its own unit, qualifier and previous-year value; a missing figure gives a
placeholder. The phrasing itself lives in drafter.phrasing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from drafter import phrasing
from drafter.model.quantity import rate_with_qualifier, with_qualifier
from drafter.model.source import FigureSource, derived
from drafter.templating.views import FigureView, Missing, Phrase

Value = FigureView | Missing | Decimal | int | float


def _parts(x: Value) -> tuple[Decimal | None, str, bool, str]:
    """(value, unit, flagged, name) of a figure or number."""
    if isinstance(x, FigureView):
        return x.value, x.unit, x.flagged, x.name
    if isinstance(x, Missing):
        return None, "", False, x.name
    if isinstance(x, bool) or not isinstance(x, Decimal | int | float):
        raise TypeError(f"应为数字或指标,得到“{x}”")
    return Decimal(str(x)), "", False, ""


def _source(x: Value) -> FigureSource | None:
    """The indicator a phrase prints ("" for a plain number)."""
    return x.source if isinstance(x, FigureView) else None


def _figure_filter(fn: Callable[..., str]) -> Callable[..., Phrase | Missing]:
    def wrapper(x: Value, *args: Any, **kwargs: Any) -> Phrase | Missing:
        value, unit, flagged, name = _parts(x)
        if value is None:
            return Missing(name or "数值")
        return Phrase(fn(value, unit, x, *args, **kwargs), flagged, _source(x))

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _qualifier(x: Value) -> str:
    """The word a clerk typed with the figure (130余, 约300, 3.2万余): kept by every filter
    that writes the figure again, or the report would state an estimate as exact."""
    return x.qualifier if isinstance(x, FigureView) else ""


@_figure_filter
def number(value: Decimal, unit: str, x: Value, digits: int | None = None) -> str:
    """数字本身,不带单位:`{{ x | number }}` → 236;填“约236”的 → 约236。"""
    return with_qualifier(phrasing.number(value, digits), _qualifier(x))


@_figure_filter
def wan(value: Decimal, unit: str, x: Value, digits: int = 2) -> str:
    """以“万”为单位:`{{ x | wan }}` → 1.42万件;填“3.2万余”的 → 3.2万余件。"""
    return phrasing.wan(value, digits, unit, _qualifier(x))


@_figure_filter
def yi(value: Decimal, unit: str, x: Value, digits: int = 2) -> str:
    """以“亿”为单位:`{{ x | yi }}` → 3.45亿元。"""
    return phrasing.yi(value, digits, unit, _qualifier(x))


@_figure_filter
def approx(value: Decimal, unit: str, x: Value, qualifier: str = "余",
           step: int | None = None, scale: str = "") -> str:
    """约数,向下取整,只用一个修饰词:`{{ x | approx("余", 10) }}` → 130余场次。"""
    return phrasing.approx(value, qualifier, unit, step, scale)


@_figure_filter
def percent(value: Decimal, unit: str, x: Value, digits: int | None = None) -> str:
    """百分数:`{{ 调解率 | percent(2) }}` → 30.43%。"""
    if digits is None and isinstance(x, FigureView):
        digits = x.figure.digits
    return rate_with_qualifier(phrasing.percent(value, digits), _qualifier(x))


def _of_two(a: Value, b: Value, phrase: Callable[[Decimal, Decimal], str],
            how: str) -> Phrase | Missing:
    """Phrase a against b; a missing one gives its placeholder, a zero b says nothing."""
    va, _, f1, n1 = _parts(a)
    vb, _, f2, n2 = _parts(b)
    if va is None or vb is None:
        return Missing(n1 if va is None else n2)
    if vb == 0:
        return Phrase("")
    return Phrase(phrase(va, vb), f1 or f2, derived(how, _source(a), _source(b)))


def ratio(numerator: Value, denominator: Value, digits: int = 2) -> Phrase | Missing:
    """两个数之比的百分数:`{{ 撤回 | ratio(办结) }}` → 30.43%。"""
    return _of_two(numerator, denominator, lambda a, b: phrasing.ratio_percent(a, b, digits),
                   "比率")


def yoy(x: Value, digits: int = 1) -> Phrase | Missing:
    """同比:`{{ x | yoy }}` → 同比增长12.3%;比率 → 提高2.1个百分点;上年为零或空白时不写。"""
    if not isinstance(x, FigureView):
        raise TypeError("yoy 只能用于指标")
    if x.value is None:
        return Missing(x.name)
    if x.previous is None:
        return Phrase("")
    rate = x.figure.kind == "rate"
    return Phrase(phrasing.yoy(x.value, x.previous, rate=rate, digits=digits), x.flagged,
                  derived("同比", x.source))


def multiple(a: Value, b: Value, digits: int = 1) -> Phrase | Missing:
    """倍数:`{{ 复议申请 | multiple(行政诉讼) }}` → 2.3倍。"""
    return _of_two(a, b, lambda x, y: phrasing.multiple(x, y, digits), "倍数")


def chinese(x: Value) -> Phrase | Missing:
    """中文数字:`{{ 12 | chinese }}` → 十二;用于指标时带单位,2 读作“两”:`{{ x | chinese }}` → 两场次。"""
    value, unit, flagged, name = _parts(x)
    if value is None:
        return Missing(name)
    if value != value.to_integral_value():
        raise ValueError(f"{value} 不是整数,不能写成中文数字")
    text = "两" if unit and value == 2 else phrasing.chinese(int(value))
    return Phrase(with_qualifier(text, _qualifier(x), unit), flagged, _source(x))


def rank(x: Value) -> Phrase | Missing:
    """名次:`{{ 社区矫正.办结排名 | rank }}` → 第一;填 12 写“第十二”,不带单位。"""
    value, _, flagged, name = _parts(x)
    if value is None:
        return Missing(name)
    if value < 1 or value != value.to_integral_value():
        raise ValueError(f"{value} 不是正整数,不能写成名次")
    return Phrase("第" + phrasing.chinese(int(value)), flagged, _source(x))


def cn_date(x: str | date | Missing) -> Phrase | Missing:
    """日期:`{{ 成文日期 | cn_date }}` → 2025年1月16日。"""
    if isinstance(x, Missing):
        return x
    return Phrase(phrasing.cn_date(x))


def year_span(a: int | str, b: int | str) -> Phrase:
    """年份区间:`{{ year_span(2021, 2023) }}` → 2021—2023年。"""
    return Phrase(phrasing.year_span(int(a), int(b)))


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number, "wan": wan, "yi": yi, "approx": approx, "percent": percent,
    "ratio": ratio, "yoy": yoy, "multiple": multiple, "chinese": chinese, "rank": rank,
    "cn_date": cn_date, "year_span": year_span,
}

