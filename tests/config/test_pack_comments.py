"""The comments in the template packs are prose for an office's writer, who edits a copy of a
pack (`drafter templates copy`, whose starting files drafter/config/office.py writes): their
Chinese takes full-width punctuation (，；：（）？！), like the docs and every message of drafter.

Checked: every TOML comment (from a # outside a string to the end of the line) of
templates/**/*.toml, every Jinja comment {# … #} of templates/**/*.j2, and the same in the
starting files `templates copy` writes, whose 使用说明.md is checked as the docs are. The rule is
tests/test_docs.py's: no half-width , ; : ( ) ? ! right beside Chinese or full-width punctuation.

Taken out of a comment before the check, because it is code the comment quotes, not prose: a
Jinja expression or statement (`{{ 板块.指标 }}`, `{% extends "司法行政通用/base.j2" %}`), a call
without arguments (`大纲()`, `super()`), a quoted TOML string (`extends = "司法行政通用"`). Other
code left in a comment needs no exception: `kind: count`, `docs/format.md` or `1,234` have no
Chinese beside their punctuation. String values are not comments and are not checked here:
drafter converts them where a user reads them (workbook/text.py, templating/punctuation.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.config import office, packs
from tests.conftest import ROOT
from tests.test_docs import _HALF_BESIDE_CHINESE, _NOT_PROSE, _prose_lines

_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\"(?:[^\"\\\n]|\\.)*\"|[\w.]+\(\)", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def toml_comments(text: str) -> list[tuple[int, str]]:
    """The comments of a TOML file, numbered by line: from a # outside a string to the end of
    its line (strings: "…" and '…', and the multi-line \"\"\"…\"\"\" and '''…''')."""
    comments: list[tuple[int, str]] = []
    quote = ""  # the string we are in: ", ', \"\"\" or '''
    for number, line in enumerate(text.splitlines(), 1):
        if quote in ('"', "'"):
            quote = ""  # a one-line string ends with its line (TOML would not parse otherwise)
        i = 0
        while i < len(line):
            if quote:
                if quote in ('"', '"""') and line[i] == "\\":  # an escape in a basic string
                    i += 2
                    continue
                if line.startswith(quote, i):
                    i += len(quote)
                    quote = ""
                    continue
                i += 1
            elif line.startswith(('"""', "'''"), i):
                quote = line[i:i + 3]
                i += 3
            elif line[i] in "\"'":
                quote = line[i]
                i += 1
            elif line[i] == "#":
                comments.append((number, line[i:]))
                break
            else:
                i += 1
    return comments


def jinja_comments(text: str) -> list[tuple[int, str]]:
    """The lines of the Jinja comments {# … #} of a template, numbered by line."""
    lines: list[tuple[int, str]] = []
    for m in _JINJA_COMMENT.finditer(text):
        first = text.count("\n", 0, m.start()) + 1
        lines += [(first + k, line) for k, line in enumerate(m.group().split("\n"))]
    return lines


def half_width_in_comments(path: Path) -> list[str]:
    """`path:line: “mark” in …` for each comment line of a .toml or .j2 file with a half-width
    mark beside Chinese, code taken out; for a .md file, each such line of prose."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        lines = [(n, _CODE.sub(" ", c)) for n, c in toml_comments(text)]
    elif path.suffix == ".j2":
        lines = [(n, _CODE.sub(" ", c)) for n, c in jinja_comments(text)]
    elif path.suffix == ".md":
        lines = [(n, _NOT_PROSE.sub(" ", line)) for n, line in _prose_lines(text)]
    else:
        return []
    return [f"{path}:{n}: “{m.group()}” in {line.strip()[:80]}"
            for n, line in lines if (m := _HALF_BESIDE_CHINESE.search(line))]


def test_the_comment_readers_find_comments_and_skip_strings() -> None:
    toml = 'a = "x # not" # 注释:一\nb = \'\'\'\n# 不是注释\n\'\'\'\n  # 注释:二\nc = "\\"#"\n'
    assert toml_comments(toml) == [(1, "# 注释:一"), (5, "# 注释:二")]
    j2 = '{{ a }}{#- 第一行,\n    第二行 -#}\n{% if b %}(不是注释){% endif %}'
    assert jinja_comments(j2) == [(1, "{#- 第一行,"), (2, "    第二行 -#}")]


def test_the_check_catches_prose_and_passes_quoted_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('# 继承本目录:同一编号以下级包为准\nkey = "如:××区司法局"\n', encoding="utf-8")
    assert len(half_width_in_comments(bad)) == 1  # the comment; the value is not a comment
    good = tmp_path / "good.j2"
    good.write_text('{#- 由 大纲() 写出；写 {% extends "司法行政通用/base.j2" %}，'
                    '{{ super() }} 可保留。\n    kind: count 计数，1,234 -#}\n', encoding="utf-8")
    assert half_width_in_comments(good) == []


def test_the_comments_of_every_pack_use_full_width_punctuation() -> None:
    files = sorted([*(ROOT / "templates").rglob("*.toml"), *(ROOT / "templates").rglob("*.j2")])
    assert len(files) > 10
    wrong = [w for path in files for w in half_width_in_comments(path)]
    assert not wrong, f"{len(wrong)} comment lines with half-width punctuation beside Chinese:\n" \
        + "\n".join(wrong[:40])


@pytest.mark.parametrize("kind", [i.kind for i in packs.available() if i.origin == "内置"])
def test_the_starting_files_of_templates_copy_use_full_width_punctuation(
        kind: str, tmp_path: Path) -> None:
    written = office.start_folder(kind, tmp_path / "office")
    assert {p.suffix for p in written} >= {".toml", ".j2", ".md"}
    wrong = [w for path in written for w in half_width_in_comments(path)]
    assert not wrong, "\n".join(wrong)
