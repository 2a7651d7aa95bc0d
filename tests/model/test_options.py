"""The registry of phrasing options (drafter.model.options) and what reads it: each option's
words parse back to it, its filter exists, its conflicts and precedence hold, the renderer
tags a computed phrase with the option's label, the 填写说明 lists it."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from drafter.config import packs
from drafter.model.figures import Figure
from drafter.model.options import (
    OPTIONS,
    Role,
    Value,
    compares_with_previous,
    parse_options,
    phrased_by,
)
from drafter.model.source import format_source
from drafter.templating.filters import FILTERS
from drafter.templating.narrative import Narrative
from drafter.templating.views import RenderState
from drafter.workbook import narrative_guide

SAMPLE_VALUES = {Value.FLAG: [True], Value.DIGITS: [0, 1, 2], Value.FIGURE: ["法律援助.咨询接待"]}
FIGURES = {
    "法律援助.受理案件": Figure("法律援助.受理案件", "受理法律援助案件", unit="件", value=Decimal(892),
                          previous=Decimal(800)),
    "法律援助.咨询接待": Figure("法律援助.咨询接待", "接待咨询", unit="人次", value=Decimal(523)),
}


def _values(option):
    return list(option.words) if option.value is Value.CHOICE else SAMPLE_VALUES[option.value]


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.key)
def test_each_option_reads_back_what_it_spells(option) -> None:
    for value in _values(option):
        opts, problems = parse_options((option.spell(value),))
        assert (opts.get(option.key), problems) == (value, [])
        assert list(opts.options()) == [option]
    for word in option.words[1:] if option.value is Value.FLAG else ():
        assert parse_options((word,))[0].get(option.key) is True  # a synonym


def test_keys_words_and_precedence_are_each_declared_once() -> None:
    assert len({o.key for o in OPTIONS}) == len(OPTIONS)
    words = [w for o in OPTIONS for w in o.words]
    assert len(set(words)) == len(words)
    phrasing = [o.precedence for o in OPTIONS if o.phrase is not None]
    assert len(set(phrasing)) == len(phrasing) and 0 not in phrasing


@pytest.mark.parametrize("kind", ["count", "rate"])
def test_each_option_phrases_through_a_filter_templates_have_too(kind: str) -> None:
    figure = Figure("x", "某指标", kind=kind, value=Decimal(2), previous=Decimal(1))
    for option in OPTIONS:
        if option.phrase is None:
            continue
        opts, _ = parse_options((option.spell(_values(option)[-1]),))
        call = option.phrase(opts, figure)
        assert call is None or call[0] in FILTERS, (option.key, call)


def test_forms_go_alone_and_modifiers_with_anything() -> None:
    def word(o):
        return o.spell(_values(o)[-1])

    for a, b in itertools.combinations(OPTIONS, 2):
        problems = parse_options((word(a), word(b)))[1]
        roles = {a.role, b.role}
        clash = Role.FORM in roles and Role.MODIFIER not in roles
        assert bool(problems) == clash, (a.key, b.key, problems)
    opts, _ = parse_options(("数字", "余", "万", "1位小数"))
    assert phrased_by(opts).key == "bare"  # the first by precedence


def _source(value: object) -> str:
    source = getattr(value, "source", None)
    return format_source(source) if source else ""


def _rendered(text: str) -> str:
    narrative = Narrative(FIGURES, RenderState(),
                          lambda value: f"{value}〈{_source(value)}〉")
    return narrative(text)


def test_a_computed_phrase_carries_its_options_label() -> None:
    labelled = [o for o in OPTIONS if o.label]
    assert labelled
    for option in labelled:
        value = _values(option)[-1]
        text = _rendered(f"【法律援助.受理案件|{option.spell(value)}】")
        assert text.endswith(f"@{option.label}〉"), text
        assert compares_with_previous(option.label) is option.reads_previous
    assert _rendered("【法律援助.受理案件|同比】") == "同比增长11.5%〈法律援助.受理案件@同比〉"
    assert not compares_with_previous("比率") and not compares_with_previous("")


@pytest.mark.parametrize("kind", ["半年工作总结", "法治政府建设年度报告"])
def test_the_guide_sheet_lists_every_option(kind: str) -> None:
    text = "\n".join(t for t, _ in narrative_guide.lines(packs.load(kind).catalog))
    for option in OPTIONS:
        assert f"“{option.name}”：{option.help}" in text


def test_last_years_rank_goes_with_the_rank_option() -> None:
    figures = {"x": Figure("x", "全省排名", kind="number", value=Decimal(1), previous=Decimal(3))}
    narrative = Narrative(figures, RenderState(), str)
    assert narrative("由【x|上年|名次】升至【x|名次】") == "由第三升至第一"


def test_a_scale_that_would_print_zero_is_refused() -> None:
    """32000 at 亿 with two decimals prints 0亿: the check refuses it (naming the way out),
    as it refuses 中文 for a fraction; enough decimals, or 万, print it."""
    from drafter.model.options import refusals

    f = Figure("普法.受众", "受众", "人次", value=Decimal(32000))

    def refused(*words: str) -> list[str]:
        return refusals(parse_options(words)[0], f, None)

    assert refused("亿") == ["受众 32000 以“亿”为单位、保留 2 位小数写出是 0亿,"
                             "请去掉“亿”,或加“N位小数”多留几位"]
    assert refused("万") == refused("亿", "4位小数") == refused() == []
    assert refusals(parse_options(("万",))[0], Figure("a.b", "零", value=Decimal(0)), None) == []
