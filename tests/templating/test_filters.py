"""Template filters: figures bring unit, qualifier and last year; missing ones a placeholder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.model.figures import Figure
from drafter.templating import filters
from drafter.templating.views import FigureView, Missing, Phrase, RenderState


def fig(value, unit="件", kind="count", previous=None, digits=None, flagged=False, **kw):
    f = Figure(id="法律援助.受理案件", name="受理案件", unit=unit, kind=kind,
               value=None if value is None else Decimal(str(value)),
               previous=None if previous is None else Decimal(str(previous)), digits=digits,
               **kw)
    state = RenderState(flagged=frozenset({f.id}) if flagged else frozenset())
    return FigureView(f, state)


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("number", (fig(236),), "236"),
        ("wan", (fig(14200),), "1.42万件"),
        ("yi", (fig(345000000, unit="元"),), "3.45亿元"),
        ("approx", (fig(134, unit="场次"), "余", 10), "130余场次"),
        ("approx", (fig(52000, unit="人次"), "超", 10000, "万"), "超5万人次"),
        ("percent", (fig(30.43, unit="%", kind="rate", digits=2),), "30.43%"),
        ("ratio", (fig(7), fig(23)), "30.43%"),
        ("yoy", (fig(1123, previous=1000),), "同比增长12.3%"),
        ("yoy", (fig(30.5, unit="%", kind="rate", previous=28.4),), "同比提高2.1个百分点"),
        ("yoy", (fig(5, previous=5),), "与上年持平"),
        ("multiple", (fig(2291), fig(1000)), "2.3倍"),
        ("chinese", (fig(2, unit="场次"),), "两场次"),
        ("chinese", (12,), "十二"),
        # the word a clerk typed with the figure stays with it (3.2万余 is not 3.2万)
        ("wan", (fig(32000, unit="人次", qualifier="余", scale="万"),), "3.2万余人次"),
        ("wan", (fig(1500, unit="场", qualifier="约"),), "约0.15万场"),
        ("yi", (fig(310000000, unit="元", qualifier="超"),), "超3.1亿元"),
        ("number", (fig(1500, qualifier="约"),), "约1500"),
        ("number", (fig(130, qualifier="余"),), "130余"),
        ("chinese", (fig(30, unit="场次", qualifier="余"),), "三十余场次"),
        ("percent", (fig(93.4, unit="%", kind="rate", digits=1, qualifier="余"),), "93.4%以上"),
        ("percent", (fig(90, unit="%", kind="rate", qualifier="超"),), "超90%"),
        ("rank", (fig(1, unit="名"),), "第一"),
        ("rank", (fig(12),), "第十二"),
        ("cn_date", ("2025-01-16",), "2025年1月16日"),
        ("year_span", (2021, 2023), "2021—2023年"),
    ],
)
def test_filters_phrase_figures_as_reports_do(name, args, expected) -> None:
    assert str(filters.FILTERS[name](*args)) == expected


def test_missing_figures_give_placeholders_and_a_zero_base_says_nothing() -> None:
    assert isinstance(filters.wan(fig(None)), Missing)
    assert isinstance(filters.ratio(fig(7), fig(None)), Missing)
    assert str(filters.ratio(fig(7), fig(0))) == ""
    assert str(filters.yoy(fig(10))) == ""  # no last-year figure
    assert str(filters.yoy(fig(10, previous=0))) == ""


def test_flagged_figures_stay_flagged_through_filters() -> None:
    out = filters.wan(fig(14200, flagged=True))
    assert isinstance(out, Phrase) and out.flagged
    assert not filters.wan(fig(14200)).flagged


def test_filters_refuse_what_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        filters.wan("很多")
    with pytest.raises(ValueError):
        filters.chinese(fig(2.5))
    for not_a_rank in (fig(2.5), fig(0)):
        with pytest.raises(ValueError, match="不是正整数,不能写成名次"):
            filters.rank(not_a_rank)
