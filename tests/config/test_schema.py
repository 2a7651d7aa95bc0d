"""Configuration mistakes in an office folder: each is one Chinese line naming the file, the
line and the key, exit 2 — never "内部错误", never a draft that Word refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.cli import app
from drafter.config import schema
from drafter.errors import CatalogError
from tests.conftest import SAMPLE_000, SAMPLES

SAMPLE_003 = next(SAMPLES.glob("003_*.xlsx"))  # 年度工作总结: two heading levels
runner = CliRunner()


def office(tmp_path: Path, base: str = "半年工作总结", **files: str) -> Path:
    folder = tmp_path / "本局"
    folder.mkdir(exist_ok=True)
    (folder / "pack.toml").write_text(f'base = "{base}"\n', encoding="utf-8")
    for name, text in files.items():
        (folder / name.replace("_toml", ".toml").replace("_j2", ".j2")).write_text(
            text, encoding="utf-8")
    return folder


def render(tmp_path: Path, folder: Path, workbook: Path = SAMPLE_000):
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(workbook), "-o", str(out), "--office", str(folder),
                                 "--force"])
    return result, out


def refused(result, file: str, line: int | None, *says: str) -> str:
    """Exit 2 with one Chinese line naming the file, the line and every `says`."""
    text = result.output
    assert result.exit_code == 2, text
    assert "内部错误" not in text and "Traceback" not in text
    assert file in text, text
    if line is not None:
        assert f"第{line}行" in text, text
    for word in says:
        assert word in text, text
    return text


# ---------------------------------------------------------------- style.toml


@pytest.mark.parametrize(
    ("style", "line", "says"),
    [
        ("# 编号\nnumbering = 3\n", 2, ("“numbering”", "应为列表", "整数 3")),
        ('margin_left_mm = "28"\n', 1, ("“margin_left_mm”", "应为数字", "不加引号")),
        ("\n\n[title]\nsize = \"九号\"\n", 4, ("“title.size”", "“九号”无法识别", "小四")),
        ("margin_left_mm = 1e9\n", 1, ("“margin_left_mm”", "不大于 200 毫米")),
        ("lines_per_page = 22.7\n", 1, ("“lines_per_page”", "应为整数", "22.7")),
        ("body = { size = -16 }\n", 1, ("“body.size”", "不小于 5 磅", "-16")),
        ("points = \"列举\"\n", 1, ("“points”", '"inline" 或 "paragraph"')),
        ("run_in = [5]\n", 1, ("“run_in”", "不大于 4")),
        ("numbering = []\n", 1, ("“numbering”", "应有 1~4 项")),
        ('numbering = ["一、", 2]\n', 1, ("“numbering”的第 2 项应为文字",)),
        ("[body]\nsize = true\n", 2, ("“body.size”", "应为字号")),
        ("margin_left_mm = 100\nmargin_right_mm = 90\n", 1, ("“margin_left_mm”", "版心")),
    ],
)
def test_wrong_style_value_names_file_line_and_key(tmp_path, style, line, says) -> None:
    folder = office(tmp_path, style_toml=style)
    result, out = render(tmp_path, folder)
    refused(result, "style.toml", line, *says)
    assert not out.exists()
    check = runner.invoke(app, ["check", str(SAMPLE_000), "--office", str(folder)])
    refused(check, "style.toml", line, *says)


def test_unknown_style_key_suggests_the_closest(tmp_path) -> None:
    folder = office(tmp_path, style_toml='points = "inline"\nnumbring = ["一、"]\n')
    result, _ = render(tmp_path, folder)
    refused(result, "style.toml", 2, "“numbring”无法识别", "是否想写“numbering”")


def test_unknown_font_key_suggests_the_closest(tmp_path) -> None:
    folder = office(tmp_path, style_toml='[heading1]\neast_asia = "黑体"\nbolld = true\n')
    result, _ = render(tmp_path, folder)
    refused(result, "style.toml", 3, "“heading1.bolld”", "是否想写“bold”")


@pytest.mark.parametrize(("name", "points"), [("三号", 16), ("小四", 12), ("初号", 42),
                                              ("五号", 10.5), ("小五", 9), (14, 14)])
def test_font_sizes_by_name_or_points(tmp_path, name, points) -> None:
    from drafter.config import style

    path = tmp_path / "style.toml"
    value = f'"{name}"' if isinstance(name, str) else name
    path.write_text(f"[title]\nsize = {value}\n", encoding="utf-8")
    assert style.load([path]).title.size_pt == points


@pytest.mark.parametrize(
    ("style", "line", "says"),
    [
        ("chars_per_line = 80\n", 1, ("“chars_per_line”", "版心宽度放不下")),
        ("lines_per_page = 80\n", 1, ("“lines_per_page”", "版心高度放不下")),
        ("\n[body]\nsize = 72\n", 2, ("“body.size”", "版心宽度放不下")),
    ],
)
def test_grid_that_cannot_hold_the_body_text(tmp_path, style, line, says) -> None:
    folder = office(tmp_path, style_toml=style)
    result, out = render(tmp_path, folder)
    refused(result, "style.toml", line, *says)
    assert not out.exists()


def test_extreme_but_allowed_values_give_a_valid_document(tmp_path) -> None:
    import subprocess
    import sys

    style = ("margin_left_mm = 0\nmargin_right_mm = 0\nmargin_top_mm = 0\n"
             "margin_bottom_mm = 0\nlines_per_page = 80\nchars_per_line = 80\n"
             "[body]\nsize = 5\n[title]\nsize = 5\n[page_number]\nsize = 72\n"
             "[table]\nsize = \"初号\"\n")
    result, out = render(tmp_path, office(tmp_path, style_toml=style))
    assert result.exit_code == 0, result.output
    validator = Path("/work/shared/ooxml/validate.py")
    if validator.exists():
        proc = subprocess.run([sys.executable, str(validator), str(out)], capture_output=True,
                              text=True, check=False)
        assert "schema errors: 0" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_every_hao_name_renders(tmp_path) -> None:
    folder = office(tmp_path, style_toml='[table]\nsize = "小四"\n[title]\nsize = "小一"\n')
    result, out = render(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_numbering_shorter_than_the_headings_used(tmp_path) -> None:
    folder = office(tmp_path, "年度工作总结", style_toml='\nnumbering = ["一、"]\n')
    result, out = render(tmp_path, folder, SAMPLE_003)
    refused(result, "style.toml", 2, "“numbering”", "1 级", "第 2 级标题")
    assert not out.exists()


def test_numbering_covering_the_levels_used_is_enough(tmp_path) -> None:
    folder = office(tmp_path, style_toml='numbering = ["第一部分"]\n')  # 半年: one level
    result, out = render(tmp_path, folder)
    assert result.exit_code == 0, result.output
    assert out.exists()


def test_office_can_set_a_style_back_to_the_default(tmp_path) -> None:
    """The pack (年度) runs level 2 in; an office writing the default [] gets it back."""
    from drafter.config import packs

    folder = office(tmp_path, "年度工作总结", style_toml="run_in = []\nlines_per_page = 22\n")
    assert packs.load("年度工作总结").style.run_in == (2,)
    assert packs.load("年度工作总结", folder).style.run_in == ()


# ---------------------------------------------------------------- indicators.toml, pack.toml


@pytest.mark.parametrize(
    ("indicators", "line", "says"),
    [
        ('[checks]\nyoy_threshold = "abc"\n', 2, ("“checks.yoy_threshold”", "应为数字")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\ndigits = "2"\n', 4,
         ("第 1 个 [[indicators]] 的“digits”", "应为整数")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\nyoy_threshold = "abc"\n', 4,
         ("[[indicators]] 的“yoy_threshold”", "应为数字")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\nkind = "counts"\n', 4,
         ("“kind”", '"count"')),
        ('[[indicators]]\nid = "新"\nname = "新"\n', 2, ("“板块.指标”",)),
        ('[[indicators]]\nid = "法律援助.新"\n', 1, ("缺少", "“name”")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\nunti = "件"\n', 4,
         ("“unti”无法识别", "是否想写“unit”")),
        ('[[rules]]\nkind = "yoy"\nthreshold = "abc"\n', 3, ("[[rules]] 的“threshold”", "应为数字")),
        ('[[rules]]\nkind = "summ"\n', 2, ("“kind”无法识别", "是否想写“sum”")),
        ('\n[[rules]]\nkind = "sum"\ntotal = "法律援助.受理案件"\n', 2, ("缺少", "“parts”")),
        ('[[rules]]\nkind = "sum"\ntotal = "法律援助.受理案件"\nparts = ["a.b"]\npartal = true\n',
         5, ("“partal”无法识别", "是否想写“partial”")),
        ('[[rules]]\nkind = "range"\nindicators = "法律援助.受理案件"\nmax = "十"\n', 4,
         ("“max”", "应为数字")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\nsynonyms = "受理法援案件"\n', 4,
         ("“synonyms”", "应为列表")),
        ('[[indicators]]\nid = "法律援助.新"\nname = "新"\nsynonyms = ["受理法援案件", ""]\n', 4,
         ("“synonyms”", "第 2 项")),
        ('[appendix]\ntitle = 3\n', 2, ("“appendix.title”", "应为文字")),
        ('wrong = 1\n', 1, ("“wrong”无法识别",)),
    ],
)
def test_wrong_catalog_value_names_file_line_and_key(tmp_path, indicators, line, says) -> None:
    folder = office(tmp_path, indicators_toml=indicators)
    result = runner.invoke(app, ["check", str(SAMPLE_000), "--office", str(folder)])
    refused(result, "indicators.toml", line, *says)
    result, _ = render(tmp_path, folder)
    refused(result, "indicators.toml", line, *says)


def test_second_rule_is_named_by_its_own_line(tmp_path) -> None:
    rules = ('[[rules]]\nkind = "yoy"\nthreshold = 0.3\n\n'
             '[[rules]]\nkind = "yoy"\nthreshold = true\n')
    folder = office(tmp_path, indicators_toml=rules)
    result = runner.invoke(app, ["check", str(SAMPLE_000), "--office", str(folder)])
    refused(result, "indicators.toml", 7, "第 2 个 [[rules]] 的“threshold”")


def test_office_can_set_the_swing_threshold_back_to_the_default(tmp_path) -> None:
    from drafter.config import catalog

    pack = tmp_path / "pack.toml"
    pack.write_text("[checks]\nyoy_threshold = 0.3\n", encoding="utf-8")
    own = tmp_path / "office.toml"
    own.write_text("[checks]\nyoy_threshold = 0.5\n", encoding="utf-8")
    merged = catalog.merge(catalog.load(pack), catalog.load(own))
    assert merged.yoy_limit == 0.5
    unset = tmp_path / "unset.toml"
    unset.write_text("", encoding="utf-8")
    assert catalog.merge(catalog.load(pack), catalog.load(unset)).yoy_limit == 0.3


def test_office_can_title_a_section_with_its_own_id(tmp_path) -> None:
    from drafter.config import catalog

    pack = tmp_path / "pack.toml"
    pack.write_text('[[sections]]\nid = "援助"\ntitle = "法律援助工作"\n', encoding="utf-8")
    own = tmp_path / "office.toml"
    own.write_text('[[sections]]\nid = "援助"\ntitle = "援助"\n', encoding="utf-8")
    assert catalog.merge(catalog.load(pack), catalog.load(own)).section_title("援助") == "援助"


def test_wrong_pack_toml_value(tmp_path) -> None:
    folder = office(tmp_path)
    (folder / "pack.toml").write_text('base = "半年工作总结"\nname = 3\n', encoding="utf-8")
    result, _ = render(tmp_path, folder)
    refused(result, "pack.toml", 2, "“name”", "应为文字")


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('numbering = ["一、"\n', None, ("列表缺少结尾的“]”", "文件末尾")),
        ("points = inline\n", 1, ("值的写法不对", "第1行第10列")),
        ('\npoints "inline"\n', 2, ("键名后应有等号",)),
        ('points = "inline\n', 1, ("缺少结尾的英文双引号",)),
        ('points = "inline"\npoints = "paragraph"\n', 2, ("同一个键写了两次",)),
        ("[body]\n[body]\n", 2, ("声明了两次",)),
    ],
)
def test_toml_syntax_error_is_explained_in_chinese(tmp_path, text, line, says) -> None:
    folder = office(tmp_path, style_toml=text)
    result, _ = render(tmp_path, folder)
    out = refused(result, "style.toml", line, "格式有误", *says)
    assert "at line" not in out and "Expected" not in out and "Invalid" not in out


def test_toml_that_is_not_utf8(tmp_path) -> None:
    folder = office(tmp_path)
    (folder / "style.toml").write_bytes('points = "段落"'.encode("gbk"))
    result, _ = render(tmp_path, folder)
    refused(result, "style.toml", None, "UTF-8")


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{% if %}\n", "此处应写一个表达式"),
        ("{{ 单位名称 \n", "模板意外结束"),
        ("{% block 导语 %}\n{% for x in y %}x\n{% endblock %}\n", "标签“endblock”的位置不对"),
        ("{% blok 导语 %}\n", "无法识别的标签“blok”"),
    ],
)
def test_jinja_syntax_error_is_explained_in_chinese(tmp_path, template, says) -> None:
    folder = office(tmp_path, main_j2='{% extends "base.j2" %}\n' + template)
    result, _ = render(tmp_path, folder)
    line = 2 if "endblock" not in template else 4
    out = refused(result, "main.j2", line, "模板语法错误", says)
    assert "Jinja was looking" not in out and "Expected" not in out


def test_office_can_set_a_font_field_back(tmp_path) -> None:
    """A pack's bold heading made plain by the office: `bold = false` is not "unset"."""
    from drafter.config import style

    pack = tmp_path / "pack.toml"
    pack.write_text('[heading3]\nbold = true\nsize = "小三"\n', encoding="utf-8")
    own = tmp_path / "office.toml"
    own.write_text('[heading3]\nbold = false\nsize = "三号"\n', encoding="utf-8")
    assert style.load([pack]).heading3.bold is True
    merged = style.load([pack, own])
    assert (merged.heading3.bold, merged.heading3.size_pt) == (False, 16)
    assert merged.heading3.east_asia == "仿宋_GB2312"  # what the office did not write stays


# ---------------------------------------------------------------- anything at all


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "size", "kind", "numbering", "bold", "x", "rules",
                         "indicators", "threshold", "total", "parts"]), inner, max_size=3),
    max_leaves=8,
)
_STYLE_KEYS = st.sampled_from([*schema.STYLE, "numbr", "body"])
_CATALOG_KEYS = st.sampled_from([*schema.CATALOG, "rule"])


def _strip_none(value):
    """TOML has no null: drop None the way a file could not hold it."""
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value if v is not None]
    return value


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_STYLE_KEYS, _VALUES, max_size=4))
def test_any_style_data_is_accepted_or_refused_in_chinese(data) -> None:
    from drafter.config import style

    try:
        style.apply(style.StyleProfile(), _strip_none(data), "s.toml")
    except CatalogError as exc:
        assert exc.file == "s.toml" and exc.message


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_CATALOG_KEYS, _VALUES | st.lists(st.dictionaries(
    st.sampled_from(["id", "name", "kind", "digits", "total", "parts", "key", "lead", "text"]),
    _VALUES, max_size=4), max_size=2), max_size=3))
def test_any_catalog_data_is_accepted_or_refused_in_chinese(data) -> None:
    from drafter.config import catalog

    try:
        catalog.from_dict(_strip_none(data), "c.toml")
    except CatalogError as exc:
        assert exc.file == "c.toml" and exc.message


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(schema.RULE_PARAMS)), st.dictionaries(
    st.sampled_from(["total", "parts", "partial", "label", "rate", "numerator", "denominator",
                     "part", "whole", "indicators", "min", "max", "integer", "threshold", "x"]),
    _VALUES, max_size=4))
def test_any_rule_parameters_are_accepted_or_refused_in_chinese(kind, params) -> None:
    from drafter.config import catalog

    try:
        catalog.from_dict({"rules": [{"kind": kind, **_strip_none(params)}]}, "c.toml")
    except CatalogError as exc:
        assert exc.file == "c.toml" and "[[rules]]" in exc.message
