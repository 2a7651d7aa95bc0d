"""Pack inheritance: `extends` and `abstract` in pack.toml (drafter/config/packs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.config import packs, paths
from drafter.errors import CatalogError, PackNotFoundError

BASE = "司法行政通用"


def _pack(root: Path, kind: str, files: dict[str, str]) -> Path:
    folder = root / kind
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "packs"
    root.mkdir()
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(root))
    return root


def test_the_general_pack_is_not_offered_as_a_report_kind() -> None:
    kinds = [p.kind for p in packs.available()]
    assert BASE not in kinds
    assert {"半年工作总结", "年度工作总结", "法治政府建设年度报告"} <= set(kinds)
    assert BASE in [p.kind for p in packs.available(abstract=True)]
    with pytest.raises(PackNotFoundError, match="继承") as err:
        packs.load(BASE)
    assert "半年工作总结" in err.value.message  # says what can be used instead


def test_a_built_in_pack_inherits_the_general_catalog_and_keeps_its_own() -> None:
    pack = packs.load("法治政府建设年度报告")
    assert [p.kind for p in pack.lineage] == ["法治政府建设年度报告", BASE]
    ind = pack.catalog.indicators
    assert ind["社区矫正.缓刑"].name == "其中:缓刑"  # from the parent
    assert ind["法律援助.受理案件"].unit == "宗"  # the child's own wording wins
    assert ind["法律援助.刑事案件"].unit == "宗"  # the child's own items stay
    half = packs.load("半年工作总结").catalog
    assert half.indicators["法律援助.受理案件"].required  # the child's required stays
    assert not packs.load("年度工作总结").catalog.indicators["人民调解.排查纠纷"].required


def test_the_childs_order_comes_first_and_inherited_entries_sit_by_their_neighbours() -> None:
    catalog = packs.load("半年工作总结").catalog
    keys = [f.key for f in catalog.facts]
    assert keys[:4] == ["单位名称", "年度", "报告期间", "导语"]  # as the child lists them
    assert keys.index("发文机关标志") > keys.index("成文日期")
    assert {"报告标题", "接排层级"} <= set(keys)
    ids = list(catalog.indicators)
    assert ids.index("法律援助.办结案件") == ids.index("法律援助.上年结转") + 1
    assert ids.index("法律援助.上年结转") == ids.index("法律援助.受理案件") + 1
    sections = [s.id for s in catalog.sections]
    assert sections[:3] == ["党建", "法治建设", "普法"]  # the child's own order
    assert catalog.section_title("法治建设") == "法治建设统筹"  # the child's title


def test_templates_style_and_reference_are_looked_up_in_the_parent_after_the_child() -> None:
    pack = packs.load("年度工作总结")
    builtin = paths.builtin_dir()
    assert pack.template_dirs == [builtin / "年度工作总结", builtin / BASE]
    assert pack.style.run_in == (2,)  # the child's style.toml


def test_a_user_pack_extending_a_built_in_one_inherits_its_outline(user: Path) -> None:
    _pack(user, "季度工作总结", {
        "pack.toml": 'kind = "季度工作总结"\nextends = "半年工作总结"\n',
        "indicators.toml": '[[indicators]]\nid = "法律援助.季度新增"\nname = "季度新增"\n',
    })
    pack = packs.load("季度工作总结")
    assert [p.kind for p in pack.lineage] == ["季度工作总结", "半年工作总结", BASE]
    assert pack.outline_file == paths.builtin_dir() / "半年工作总结" / packs.OUTLINE_FILE
    assert pack.outline == packs.load("半年工作总结").outline
    assert {"法律援助.季度新增", "法律援助.受理案件", "社区矫正.缓刑"} <= set(pack.catalog.indicators)
    assert pack.style.run_in == ()  # 半年工作总结's style.toml


def test_a_fourth_kind_needs_only_pack_outline_and_style(user: Path) -> None:
    _pack(user, "专项工作报告", {
        "pack.toml": f'kind = "专项工作报告"\nname = "司法局专项工作报告"\nextends = "{BASE}"\n',
        "outline.toml": '[[outline]]\nlevel = "一级标题"\ntext = "基本情况"\n\n'
                        '[[outline]]\nlevel = "段落"\nbody = "受理法律援助案件【法律援助.受理案件】。"\n',
        "style.toml": 'run_in = []\n',
    })
    assert "专项工作报告" in [p.kind for p in packs.available()]
    pack = packs.load("专项工作报告")
    assert [(r.level, r.text) for r in pack.outline] == [("一级标题", "基本情况"), ("段落", "")]
    assert "法律援助.受理案件" in pack.catalog.indicators  # the whole general catalog
    assert pack.template_dirs[-1] == paths.builtin_dir() / BASE


def test_a_rule_the_child_repeats_is_kept_once(user: Path) -> None:
    rule = '[[rules]]\nkind = "subset"\npart = "人民调解.调处成功"\nwhole = "人民调解.调处纠纷"\n'
    _pack(user, "甲", {"pack.toml": f'kind = "甲"\nextends = "{BASE}"\n', "indicators.toml": rule})
    rules = packs.load("甲").catalog.rules
    assert [r.params for r in rules].count({"part": "人民调解.调处成功",
                                            "whole": "人民调解.调处纠纷"}) == 1


def test_an_unknown_parent_names_the_pack_toml_and_the_key(user: Path) -> None:
    folder = _pack(user, "甲", {"pack.toml": 'kind = "甲"\nname = "甲"\nextends = "乙类"\n'})
    with pytest.raises(CatalogError) as err:
        packs.load("甲")
    e = err.value
    assert e.file == str(folder / "pack.toml") and e.where == "第3行"
    assert "extends" in e.message and "乙类" in e.message and BASE in e.message


def test_a_cycle_of_extends_is_an_error_naming_the_circle(user: Path) -> None:
    _pack(user, "甲", {"pack.toml": 'kind = "甲"\nextends = "乙"\n'})
    _pack(user, "乙", {"pack.toml": 'kind = "乙"\nextends = "甲"\n'})
    with pytest.raises(CatalogError, match="循环继承:甲 → 乙 → 甲") as err:
        packs.load("甲")
    assert err.value.file is not None and err.value.file.endswith("pack.toml")
    assert "extends" in err.value.message


def test_a_pack_extending_itself_is_a_cycle(user: Path) -> None:
    _pack(user, "甲", {"pack.toml": 'kind = "甲"\nextends = "甲"\n'})
    with pytest.raises(CatalogError, match="循环继承"):
        packs.load("甲")


def test_abstract_and_extends_are_checked_like_every_setting(user: Path) -> None:
    _pack(user, "甲", {"pack.toml": 'kind = "甲"\nabstract = "是"\n'})
    with pytest.raises(CatalogError, match="abstract"):
        packs.available()


def test_an_office_folder_may_not_extend(tmp_path: Path) -> None:
    office = tmp_path / "单位"
    office.mkdir()
    (office / "pack.toml").write_text(f'base = "半年工作总结"\nextends = "{BASE}"\n',
                                      encoding="utf-8")
    with pytest.raises(CatalogError, match="base") as err:
        packs.load("半年工作总结", office)
    assert err.value.where == "第2行"


@pytest.mark.parametrize(("outline", "message"), [
    ('[[outline]]\nlevel = "小标题"\ntext = "甲"\n', "一级标题"),
    ('[[outline]]\nlevel = "段落"\ntext = "甲"\nbody = "乙"\n', "body"),
    ('[[outline]]\nlevel = "要点"\nbody = "乙"\n', "引领语"),
    ('[[outline]]\nlevel = "一级标题"\ntext = "甲"\n\n[[outline]]\nlevel = "三级标题"\ntext = "乙"\n',
     "缺少二级标题"),
    ('[[outline]]\nlevel = "一级标题"\ntitle = "甲"\n', "text"),
])
def test_a_bad_outline_toml_is_an_error_naming_file_and_line(user: Path, outline: str,
                                                           message: str) -> None:
    folder = _pack(user, "甲", {"pack.toml": f'kind = "甲"\nextends = "{BASE}"\n',
                               "outline.toml": outline})
    with pytest.raises(CatalogError, match=message) as err:
        packs.load("甲")
    assert err.value.file == str(folder / "outline.toml") and err.value.where
