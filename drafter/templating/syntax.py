"""Jinja's syntax error messages, explained in Chinese (the template file and line are kept by
the caller). Jinja builds its messages from a few patterns; each is translated, the tokens
it names too ("end of print statement" → “}}”)."""

from __future__ import annotations

import re

_TOKENS = {
    "begin of comment": "“{#”",
    "end of comment": "“#}”",
    "comment": "注释",
    "begin of statement block": "“{%”",
    "end of statement block": "“%}”",
    "begin of print statement": "“{{”",
    "end of print statement": "“}}”",
    "template data / text": "普通文字",
    "end of template": "模板结尾",
    "name": "名称",
    "string": "文字",
    "integer": "整数",
    "float": "数字",
}




def _token(text: str) -> str:
    """'end of print statement' → “}}”; 'endif' → “endif”; a name stays itself."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return _TOKENS.get(text, f"“{text}”")


def _tags(text: str) -> str:
    """"'endfor' or 'else'" → “endfor”或“else”."""
    return "或".join(_token(t) for t in re.findall(r"'([^']*)'", text)) or _token(text)


def _looking(rest: str) -> str:
    """The tail of an unknown-tag / end-of-template message: what Jinja expected instead."""
    out = []
    m = re.search(r"Jinja was looking for the following tags: (.*?)\.(?: |$)", rest)
    if m:
        out.append(f"此处应为 {_tags(m.group(1))}")
    m = re.search(r"currently looking for (.*?)\.(?: |$)", rest)
    if m:
        out.append(f"可能是标签嵌套错了,此处应先写 {_tags(m.group(1))}")
    m = re.search(r"innermost block that needs to be closed is '([^']*)'", rest)
    if m:
        out.append(f"最内层未结束的是“{m.group(1)}”")
    return ";".join(out)


def explain(message: str) -> str:
    """Jinja's English syntax message → one Chinese sentence (the original kept when unknown)."""
    msg = message.strip()
    if m := re.match(r"Encountered unknown tag '([^']*)'\.?(.*)$", msg, re.S):
        tail = _looking(m.group(2))
        said = ("标签“{}”的位置不对" if "nesting mistake" in m.group(2) else "无法识别的标签“{}”")
        return said.format(m.group(1)) + (f"({tail})" if tail else "")
    if m := re.match(r"Unexpected end of template\.?(.*)$", msg, re.S):
        tail = _looking(m.group(1))
        return "模板在标签结束前就结束了" + (f"({tail})" if tail else ",可能少写了结束标签")
    if m := re.match(r"No (filter|test) named '([^']*)'\.?$", msg):
        what = "过滤器" if m.group(1) == "filter" else "判断(is 之后)"
        return f"没有名为“{m.group(2)}”的{what};可用的过滤器见 docs/customization.md"
    if msg == "Missing end of comment tag":
        return "注释缺少结尾的“#}”"
    if msg == "Missing end of raw directive":
        return "raw 缺少结尾的“{% endraw %}”"
    if msg == "unexpected 'end of template'":
        return "模板在标签结束前就结束了,可能少写了“}}”或“%}”"
    if m := re.match(r"unexpected end of template, expected (.*?)\.?$", msg):
        return f"模板意外结束,此处应为 {_tags(m.group(1))}"
    if m := re.match(r"expected token (.*?), got (.*)$", msg):
        return f"此处应为 {_tags(m.group(1))},却是 {_tags(m.group(2))}"
    if m := re.match(r"Expected an expression, got (.*)$", msg):
        return f"此处应写一个表达式(如名称或数字),却是 {_tags(m.group(1))}"
    if re.match(r"unexpected char ['\"][\"']['\"]", msg):
        return "引号没有配对(文字应以同一种引号开始和结束)"
    if m := re.match(r"unexpected (?:char )?(.*?)(?: at \d+)?(?:, expected (.*))?$", msg):
        said = f"有多余或不该出现的 {_tags(m.group(1))}"
        return said + (f",此处应为 {_tags(m.group(2))}" if m.group(2) else "")
    if m := re.match(r"block '([^']*)' defined twice", msg):
        return f"block“{m.group(1)}”定义了两次"
    fixed = {
        "tag name expected": "“{%”之后应写标签名(如 if、for、block)",
        "expected subscript expression": "方括号中应写下标",
        "expected name or number": "点号之后应写名称或数字",
        "invalid syntax for function call expression": "函数调用的写法有误",
        "non-default argument follows default argument": "无默认值的参数不能写在有默认值的参数之后",
        "expected call": "此处应为函数调用",
        "You cannot chain multiple tests with is": "不能连用多个 is 判断",
    }
    if msg in fixed:
        return fixed[msg]
    if msg.startswith("Block names in Jinja have to be valid Python identifiers"):
        return "block 名称只能由文字、数字和下划线组成,不能有连字符“-”"
    if msg.startswith("Can't assign to special loop variable"):
        return "for 循环中不能给 loop 赋值"
    if msg == "cannot use extend from a non top-level scope":
        return "extends 只能写在模板的最外层(或 if 之中),不能写在 block、for 或 macro 之中"
    if msg.startswith("names starting with an underline can not be imported"):
        return "不能导入以下划线开头的名称"
    if msg.startswith("Required blocks can only contain comments or whitespace"):
        return "required block 中只能有注释或空白"
    if m := re.match(r"can't assign to '([^']*)'", msg):
        return f"不能给{m.group(1)}赋值"
    return f"无法解析(Jinja 的提示:{msg})"
