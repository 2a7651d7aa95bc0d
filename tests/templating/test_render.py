"""Rendering packs: sandbox, strict and draft undefined names, points, office overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.config import packs, paths
from drafter.errors import TemplateError
from drafter.pipeline import check_workbook, render_document
from tests.conftest import SAMPLE_000, make_workbook


def _office(tmp_path: Path, files: dict[str, str]) -> Path:
    office = tmp_path / "office"
    office.mkdir(exist_ok=True)
    for name, text in files.items():
        (office / name).write_text(text, encoding="utf-8")
    return office


def _render(path: Path, office: Path | None = None, draft: bool = False) -> list[str]:
    result = check_workbook(path, office=office)
    return render_document(result, draft=draft).paragraphs_text()


def test_sample_000_renders_its_sections_and_figures() -> None:
    texts = _render(SAMPLE_000)
    assert texts[0] == "镜湖区司法局2024年上半年工作总结"
    heads = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、")]
    assert heads == [
        "一、坚持强化政治统领党建引领，全面依法治区机制日益健全",
        "二、坚持强化法治服务保障效能，护航发展大局作用愈加凸显",
        "三、坚持强化行政权力规范运行，推进法治政府建设卓有成效",
        "四、坚持强化风险防范能力水平，助推平安全区建设提质增效",
    ]
    body = "".join(texts)
    for phrase in ("236件", "1963件", "30.43%", "130余场次", "超5万人次", "两场次", "7000余本"):
        assert phrase in body
    assert "约130余" not in body  # a stacked qualifier is never printed


# A pack's default body (outline.toml, written into 大纲 by init): its sentences whose figures
# are not filled are left out; what is left is numbered afresh.
DEFAULT_OUTLINE = """
[[outline]]
level = "一级标题"
text = "坚持党建引领，统筹推进全面依法治理"

[[outline]]
level = "要点"
text = "理论学习扎实推进"
body = "共开展集中学习【党建.集中学习】，党组理论学习中心组学习【党建.中心组学习】、支部学习【党建.支部学习】。"

[[outline]]
level = "要点"
text = "责任落实"
body = "年度报告公开率【法治建设.报告公开率】。"

[[outline]]
level = "要点"
text = "法治督察作用有效发挥"
body = "督察中评查行政执法案卷【法治建设.督察评查案卷】。"

[[outline]]
level = "一级标题"
text = "坚持强化法治服务保障效能"

[[outline]]
level = "要点"
text = "宣传教育"
body = "开展“法律七进”等普法活动【普法.法律进活动】。"
"""


def test_a_point_whose_figures_are_missing_is_left_out_and_points_renumber(tmp_path) -> None:
    office = _office(tmp_path, {"pack.toml": 'base = "半年工作总结"\n',
                                "outline.toml": DEFAULT_OUTLINE})
    path = make_workbook(tmp_path, {"党建.集中学习": 10, "党建.中心组学习": 6, "党建.支部学习": 6,
                                    "法治建设.督察评查案卷": "200余"}, office=office)
    for draft in (False, True):
        texts = _render(path, office, draft=draft)
        point = next(t for t in texts if t.startswith("一是"))
        assert point == ("一是理论学习扎实推进。共开展集中学习10次，党组理论学习中心组学习6次、"
                         "支部学习6次。二是法治督察作用有效发挥。督察中评查行政执法案卷200余件。")
        assert "责任落实" not in "".join(texts)
        # sections with no data at all are left out, the rest renumbered
        assert [t for t in texts if t[1:2] == "、"] == ["一、坚持党建引领，统筹推进全面依法治理"]


def test_a_real_zero_is_still_a_figure(tmp_path) -> None:
    office = _office(tmp_path, {"pack.toml": 'base = "半年工作总结"\n',
                                "outline.toml": DEFAULT_OUTLINE})
    path = make_workbook(tmp_path, {"党建.集中学习": 0, "党建.中心组学习": 0, "党建.支部学习": 0},
                         office=office)
    assert "共开展集中学习0次，党组理论学习中心组学习0次" in "".join(_render(path, office))


def test_draft_mode_shows_placeholders_for_missing_figures(tmp_path) -> None:
    body = "共开展集中学习【党建.集中学习】，党组理论学习中心组学习【党建.中心组学习】。"
    path = make_workbook(tmp_path, {"党建.集中学习": 10}, points={"x": ("理论学习", body)})
    body = "".join(_render(path, draft=True))
    assert "集中学习10次，党组理论学习中心组学习【待补充：党组理论学习中心组学习】" in body


def test_cell_text_is_data_not_template_code_or_markup(tmp_path) -> None:
    path = make_workbook(tmp_path, {"党建.集中学习": 10, "党建.中心组学习": 6, "党建.支部学习": 6},
                         points={"党建.理论学习": ("{{ 单位名称 }}", "# 不是标题\n* 不是要点|{% if %}&<b>")})
    body = "".join(_render(path))
    # the line break: a space (a lone point: no 一是)
    assert "{{ 单位名称 }}。# 不是标题 * 不是要点|{% if %}&<b>" in body


@pytest.mark.parametrize(
    "expression",
    ["''.__class__.__mro__", "单位名称.__class__", "要点.__globals__", "cycler.__init__.__globals__"],
)
def test_templates_cannot_reach_python_internals(tmp_path, expression) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}{% block 导语 %}{{ '
                                + expression + " }}{% endblock %}"})
    with pytest.raises(TemplateError, match=r"不允许|未定义") as exc:
        _render(SAMPLE_000, office)
    assert "main.j2" in exc.value.describe()


def test_undefined_names_are_listed_with_file_and_line_before_rendering(tmp_path) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 导语 %}\n'
                                '{{ 不存在的名字 }}\n{{ 另一个 }}\n{% endblock %}'})
    with pytest.raises(TemplateError) as exc:
        _render(SAMPLE_000, office)
    text = exc.value.describe()
    assert "main.j2 第3行“不存在的名字”" in text and "main.j2 第4行“另一个”" in text


def test_unknown_figure_attribute_names_the_template_line(tmp_path) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 导语 %}\n'
                                '{{ 法律援助.不存在 }}\n{% endblock %}'})
    with pytest.raises(TemplateError, match="不存在") as exc:
        _render(SAMPLE_000, office)
    assert "main.j2 第3行" in exc.value.describe()


def test_undefined_names_are_placeholders_in_draft_mode(tmp_path) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}{% block 导语 %}'
                                "{{ 不存在的名字 }}{% endblock %}"})
    assert "【待补充：不存在的名字】" in _render(SAMPLE_000, office, draft=True)[1]


def test_template_syntax_errors_name_file_and_line(tmp_path) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 导语 %}\n{% if %}'})
    with pytest.raises(TemplateError, match="语法") as exc:
        _render(SAMPLE_000, office)
    assert "main.j2 第3行" in exc.value.describe()


def test_office_block_override_with_super(tmp_path) -> None:
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 导语 %}'
                                "本局上半年工作亮点纷呈。{{ super() }}{% endblock %}\n"
                                "{% block 正文 %}{{ super() }}\n# 其他工作\n另有安排。\n"
                                "{% endblock %}"})
    texts = _render(SAMPLE_000, office)
    assert texts[1].startswith("本局上半年工作亮点纷呈。2024年，镜湖区司法局")
    heads = [t for t in texts if t[1:2] == "、"]
    assert len(heads) == 5 and heads[1].startswith("二、坚持强化法治服务保障效能")
    assert heads[4] == "五、其他工作" and texts[-1] == "另有安排。"
    office = _office(tmp_path, {"main.j2": '{% extends "base.j2" %}\n{% block 正文 %}'
                                "{% endblock %}"})  # an emptied block: that part is gone
    texts = _render(SAMPLE_000, office)
    assert not [t for t in texts if t[1:2] == "、"] and texts[1].startswith("2024年，镜湖区")


def test_lookup_order_is_office_then_env_folders_then_builtin(tmp_path, monkeypatch) -> None:
    user = tmp_path / "user"
    (user / "半年工作总结").mkdir(parents=True)
    (user / "半年工作总结" / "pack.toml").write_text('kind = "半年工作总结"\nname = "我的"\n',
                                                    encoding="utf-8")
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(user))
    assert [d for d, _ in packs.search_dirs()] == [user, paths.builtin_dir()]
    info = packs.find("半年工作总结")
    assert (info.path, info.origin) == (user / "半年工作总结", "DRAFTER_TEMPLATES")
    office = _office(tmp_path, {})
    monkeypatch.delenv("DRAFTER_TEMPLATES")
    pack = packs.load("半年工作总结", office)
    assert pack.template_dirs == [office, paths.builtin_dir() / "半年工作总结",
                                  paths.builtin_dir() / "司法行政通用"]  # what it extends


def test_office_catalog_adds_indicators_and_rules(tmp_path) -> None:
    office = _office(tmp_path, {"indicators.toml": """
[[indicators]]
id = "法律援助.刑事案件"
name = "刑事法律援助案件"
unit = "件"

[[rules]]
kind = "subset"
part = "法律援助.刑事案件"
whole = "法律援助.受理案件"
"""})
    pack = packs.load("半年工作总结", office)
    assert "法律援助.刑事案件" in pack.catalog.indicators
    assert pack.catalog.rules[-1].get("part") == "法律援助.刑事案件"
    assert len(pack.catalog.indicators) == len(packs.load("半年工作总结").catalog.indicators) + 1


def test_office_style_overrides_the_pack(tmp_path) -> None:
    office = _office(tmp_path, {"style.toml": 'run_in = [1]\n[heading1]\neast_asia = "方正黑体"\n'})
    pack = packs.load("半年工作总结", office)
    assert pack.style.run_in == (1,)
    assert pack.style.heading1.east_asia == "方正黑体"
    assert pack.style.points == "inline"  # what the office lacks comes from the pack
