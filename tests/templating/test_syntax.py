"""Jinja's syntax errors in Chinese: every message family Jinja builds is translated."""

from __future__ import annotations

import pytest
from jinja2 import Environment, TemplateSyntaxError

from drafter.templating.syntax import explain


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("{% if %}", "此处应写一个表达式(如名称或数字),却是 “%}”"),
        ("{{ a ", "模板意外结束,此处应为 “}}”"),
        ("{% for x in y %}x", "此处应为 “endfor”或“else”;最内层未结束的是“for”"),
        ("{% if a %}{% endfor %}", "无法识别的标签“endfor”"),
        ("{% block a %}{% if x %}{% endblock %}", "标签“endblock”的位置不对"),
        ("{% blok a %}", "无法识别的标签“blok”"),
        ("{{ a b }}", "此处应为 “}}”,却是 “b”"),
        ("{{ a ? }}", "有多余或不该出现的 “?”"),
        ("{{ 'abc }}", "引号没有配对"),
        ("{% block a %}{% endblock %}{% block a %}{% endblock %}", "block“a”定义了两次"),
        ("{% %}", "“{%”之后应写标签名"),
        ("{{ a.) }}", "有多余或不该出现的 “)”"),
        ("{% macro f(a=1, b) %}{% endmacro %}", "无默认值的参数不能写在有默认值的参数之后"),
        ("{% block a-b %}{% endblock %}", "不能有连字符"),
        ("{{ a | nofilter }}", "没有名为“nofilter”的过滤器"),
        ("{# note", "注释缺少结尾的“#}”"),
        ("{{", "模板在标签结束前就结束了"),
        ("{% block b %}{% extends 'x' %}{% endblock %}", "extends 只能写在模板的最外层"),
    ],
)
def test_jinja_messages_become_chinese(source: str, says: str) -> None:
    with pytest.raises(TemplateSyntaxError) as caught:
        Environment().from_string(source)  # parsed and compiled (block defined twice)
    said = explain(caught.value.message or "")
    assert says in said, (caught.value.message, said)
    assert not any(w in said for w in ("Jinja was", "expected", "Encountered", "unexpected"))


def test_an_unknown_message_is_still_a_chinese_sentence() -> None:
    said = explain("Something Jinja never said before")
    assert said.startswith("无法解析") and "Something" in said
