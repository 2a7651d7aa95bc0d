"""Where a key was written: tomllib gives no positions, tomlfile finds them in the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.config.tomlfile import Source, explain, parse
from drafter.errors import CatalogError

TEXT = """# 注释
top = 1
title = { size = "九号" }

[checks]
yoy_threshold = 0.5

[[rules]]
kind = "sum"

[[rules]]   # 第二条
kind = "yoy"
"threshold" = 2

[body]
size = "三号"
"""


def test_lines_of_keys_tables_and_array_items() -> None:
    src = Source("x.toml", TEXT)
    assert src.line(("top",)) == 2
    assert src.line(("checks", "yoy_threshold")) == 6
    assert src.line(("rules", 0, "kind")) == 9
    assert src.line(("rules", 1, "kind")) == 12
    assert src.line(("rules", 1, "threshold")) == 13  # a quoted key
    assert src.line(("rules", 1)) == 11  # the table itself: its header
    assert src.line(("rules", 1, "missing")) == 11
    assert src.line(("body", "size")) == 16
    assert src.line(("title", "size")) == 3  # inside an inline table: the key's line
    assert src.line(("body",)) == 15  # a table written as [body]: its header
    assert Source("x.toml").line(("top",)) is None


def test_tomllib_messages_become_chinese_with_line_and_column() -> None:
    assert explain("Invalid value (at line 3, column 9)") == (
        "值的写法不对:文字要加英文双引号(如 \"三号\"),数字、true/false 不加", "第3行第9列")
    assert explain("Cannot declare ('body',) twice (at line 2, column 6)")[0] == (
        "表 ('body',) 声明了两次")
    assert explain("Unescaped '\\' in a string (at line 1, column 9)")[0] == (
        "文字中的反斜杠“\\”要写成“\\\\”")
    said, where = explain("Something new (at end of document)")
    assert said.startswith("无法解析") and where == "文件末尾"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab =[]{}"\'\n.,#1\\-:三', max_size=40))
def test_any_text_parses_or_is_refused_in_chinese(text: str) -> None:
    try:
        parse(text, Source("x.toml", text), "样式设置")
    except CatalogError as exc:
        assert exc.file == "x.toml" and exc.message.startswith("样式设置格式有误:")
        assert "at line" not in exc.message
