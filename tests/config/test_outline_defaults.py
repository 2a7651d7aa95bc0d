"""The built-in packs' default outlines (outline.toml) and their general catalogs.

Every 【reference】 in a default body must name an indicator of the pack (with what it
inherits) by id, with options that parse; every pack covers the areas most 司法局 reports
state (docs/catalog.md) and its rules are well-formed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks.params import checked_rules
from drafter.config import catalog as catalog_mod
from drafter.config import packs, paths
from drafter.model.findings import Finding
from drafter.model.levels import NAMES as LEVELS
from drafter.model.narrative import Ref, tokenize
from drafter.model.options import other_of, parse_options
from tests.conftest import BASES, KINDS

(BASE,) = BASES

# The areas a 司法局 report commonly states, and the general items standing for each
# (docs/catalog.md lists them with their rules).
AREAS: dict[str, list[str]] = {
    "法律援助": ["法律援助.受理案件", "法律援助.办结案件", "法律援助.法律咨询"],
    "人民调解": ["人民调解.调委会", "人民调解.排查纠纷", "人民调解.调处纠纷", "人民调解.调处成功",
             "人民调解.调处成功率"],
    "社区矫正": ["社区矫正.在册人数", "社区矫正.新接收", "社区矫正.解除矫正", "社区矫正.缓刑",
             "社区矫正.假释", "社区矫正.管制", "社区矫正.暂予监外执行"],
    "安置帮教": ["安置帮教.接收人员", "安置帮教.在册人员", "安置帮教.帮教率"],
    "普法": ["普法.宣传活动", "普法.受众", "普法.法律明白人", "普法.民主法治村"],
    "公证": ["公证.办理公证"],
    "司法鉴定": ["司法鉴定.办理案件"],
    "仲裁": ["仲裁.受理案件", "仲裁.办结案件"],
    "律师": ["法律服务.律师事务所", "法律服务.执业律师", "法律服务.律师办案"],
    "行政复议": ["复议应诉.复议受理", "复议应诉.复议办结", "复议应诉.直接纠错", "复议应诉.纠错率"],
    "行政应诉": ["复议应诉.行政诉讼收案", "复议应诉.一审败诉率", "复议应诉.出庭应诉率"],
    "合法性审查": ["法治政府.审查文件", "法治政府.审查合同", "法治政府.重大决策审查"],
    "规范性文件备案": ["法治政府.规范性文件备案", "法治政府.备案审查"],
    "行政执法监督": ["行政执法.评查案卷", "行政执法.监督案件"],
    "法治督察": ["法治建设.督察次数", "法治建设.督察问题", "法治建设.督察整改率"],
    "队伍建设": ["队伍建设.干部职工", "队伍建设.业务培训"],
}


def _base_catalog() -> catalog_mod.Catalog:
    return catalog_mod.load(paths.builtin_dir() / BASE / packs.CATALOG_FILE)


@pytest.mark.parametrize("kind", KINDS)
def test_every_reference_in_the_default_outline_names_an_indicator_of_the_pack(kind: str) -> None:
    pack = packs.load(kind)
    assert pack.outline_file == paths.builtin_dir() / kind / packs.OUTLINE_FILE
    assert pack.outline and pack.outline[0].level == "一级标题"
    bad: list[str] = []
    refs = 0
    for row in pack.outline:
        assert row.level in LEVELS
        for part in tokenize(row.body):
            if not isinstance(part, Ref):
                assert not part.unclosed, f"{kind}:“{row.body}”有未配对的【"
                continue
            refs += 1
            ind = pack.catalog.indicators.get(part.target)
            opts, problems = parse_options(part.options)
            if ind is None:
                bad.append(f"{part.shown}:不是本包的指标编号")
                continue
            bad += [f"{part.shown}:{p}" for p in problems]
            if ind.kind == "text" and part.options:
                bad.append(f"{part.shown}:文字指标不能加选项")
            named = other_of(opts)
            if named and named[1] not in pack.catalog.indicators:
                bad.append(f"{part.shown}:“倍”的另一指标不是本包的编号")
    assert not bad, f"{kind}/outline.toml:" + ";".join(bad)
    assert refs >= 30  # the default report states the pack's main figures


@pytest.mark.parametrize("kind", KINDS)
def test_the_default_outline_uses_the_packs_heading_wording(kind: str) -> None:
    pack = packs.load(kind)
    wording = {h.text for h in pack.catalog.headings.values()}
    headings = [r.text for r in pack.outline if r.heading]
    reused = [h for h in headings if h in wording]
    assert len(reused) >= len(headings) - 1, set(headings) - wording  # 下年 → 下一年度 may differ
    points = [r for r in pack.outline if r.level == "要点"]
    assert all(r.text and r.body for r in points)


@pytest.mark.parametrize("kind", KINDS)
def test_each_pack_covers_the_areas_of_a_justice_bureau_report(kind: str) -> None:
    indicators = packs.load(kind).catalog.indicators
    missing = {area: [i for i in ids if i not in indicators] for area, ids in AREAS.items()}
    assert not {a: m for a, m in missing.items() if m}


def test_the_general_catalog_alone_covers_the_areas_and_has_no_required_items() -> None:
    base = _base_catalog()
    assert all(i in base.indicators for ids in AREAS.values() for i in ids)
    # a general item is never required: which figures a report must state is the report kind's
    assert not [i.id for i in base.indicators.values() if i.required]
    assert {f.key for f in base.facts} >= {"单位名称", "年度", "导语", "署名", "成文日期", "报告标题",
                                            "接排层级", "发文机关标志", "印发日期"}
    assert all(i.definition for i in base.indicators.values() if i.kind == "rate")


@pytest.mark.parametrize("kind", [*KINDS, BASE])
def test_every_rule_is_well_formed(kind: str) -> None:
    catalog = _base_catalog() if kind == BASE else packs.load(kind).catalog
    out: list[Finding] = []
    good = checked_rules(catalog, out)
    assert not out, [f.message for f in out]
    assert len(good) == len(catalog.rules)


def test_the_general_rules_state_the_relations_among_the_items() -> None:
    rules = _base_catalog().rules
    sums = {r.get("total"): r.get("parts") for r in rules if r.kind == "sum"}
    assert sums["社区矫正.在册人数"] == ["社区矫正.缓刑", "社区矫正.假释", "社区矫正.管制",
                                     "社区矫正.暂予监外执行"]
    rates = {r.get("rate"): (r.get("numerator"), r.get("denominator"))
             for r in rules if r.kind == "rate"}
    assert rates["人民调解.调处成功率"] == ("人民调解.调处成功", "人民调解.调处纠纷")
    assert rates["复议应诉.纠错率"] == ("复议应诉.直接纠错", "复议应诉.复议办结")
    assert rates["复议应诉.一审败诉率"] == ("复议应诉.一审败诉", "复议应诉.一审审结")
    assert rates["复议应诉.出庭应诉率"] == ("复议应诉.负责人出庭", "复议应诉.开庭审理")
    subsets = {(r.get("part"), str(r.get("whole"))) for r in rules if r.kind == "subset"}
    assert ("法律援助.办结案件", str(["法律援助.受理案件", "法律援助.上年结转"])) in subsets
    assert ("人民调解.调处成功", "人民调解.调处纠纷") in subsets


def test_no_rule_is_stated_twice_in_a_pack() -> None:
    for kind in KINDS:
        rules = packs.load(kind).catalog.rules
        seen = [(r.kind, repr(sorted(r.params.items()))) for r in rules]
        assert len(seen) == len(set(seen)), kind


def test_outline_files_are_utf8_and_hold_no_template_code() -> None:
    for kind in KINDS:
        text = Path(paths.builtin_dir() / kind / packs.OUTLINE_FILE).read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text


def test_docs_catalog_lists_every_general_indicator() -> None:
    doc = (paths.builtin_dir().parent / "docs" / "catalog.md").read_text(encoding="utf-8")
    missing = [i for i in _base_catalog().indicators if f"`{i}`" not in doc]
    assert not missing
