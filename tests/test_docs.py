"""The docs name every block, filter, style setting and command, so they cannot fall behind;
the Chinese in them takes full-width punctuation like every other text a user reads."""

from __future__ import annotations

import dataclasses
import re

from drafter.cli import app
from drafter.config import office, packs
from drafter.config.style import StyleProfile
from drafter.templating import filters
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "customization.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")

# Chinese prose takes full-width punctuation (，；：（）？！), like every other text a user reads.
# A line of prose is checked after taking out what is not prose: inline code, a link's target
# `](…)`, HTML comments and tags, emphasis stars, the ! of an image ![…] or of a cell reference
# (大纲!C7). Not checked at all: fenced code blocks and comments over several lines. The blocks
# the benchmarks write (`<!-- 以下由 … 生成 … -->` to `<!-- 生成结束 -->`) are checked like the rest:
# their labels and notes come from benchmarks/*.py, which write them full-width too (the markers
# themselves are comments, taken out). What is left may not have a half-width , ; : ( ) ? !
# right beside Chinese or full-width punctuation; between Latin letters and digits
# (1,234  10:30  Referrer-Policy: same-origin) they stay.
_CHINESE = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’【】《》、"
_HALF_BESIDE_CHINESE = re.compile(f"[{_CHINESE}][,;:()?!]|[,;:()?!][{_CHINESE}]")
_NOT_PROSE = re.compile(
    r"(`+).+?\1"  # inline code
    r"|(?<=\])\((?:[^()\s]|\([^()]*\))*\)"  # a link's target
    r"|<!--.*?-->|</?[A-Za-z][^<>]*>"  # an HTML comment or tag
    r"|\*+"  # emphasis
    r"|!(?=\[|\$?[A-Z]{1,3}\$?[0-9])"  # an image's !, a cell reference's !
)


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """The lines of a Markdown file outside fenced code and comments over several lines,
    numbered from 1."""
    lines: list[tuple[int, str]] = []
    fence, comment = "", False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif m := re.match(r"```+|~~~+", stripped):
            fence = m.group()
        elif comment:
            comment = "-->" not in stripped
        elif stripped.startswith("<!--") and "-->" not in stripped:
            comment = True
        else:
            lines.append((number, line))
    return lines


def test_every_block_of_every_builtin_pack_is_documented() -> None:
    for info in packs.available():
        if info.origin != "内置":
            continue
        section = GUIDE.split(f"**{info.kind}**", 1)
        assert len(section) == 2, f"customization.md lacks the blocks of {info.kind}"
        listed = section[1].split("\n\n", 1)[0]
        for block in office.blocks(info.kind):
            assert f"`{block}`" in listed, f"block {block} of {info.kind} is undocumented"


def test_every_filter_is_documented_with_an_example() -> None:
    for name in filters.FILTERS:
        assert f"| `{name}` |" in GUIDE, name
        assert f"| {name}" in GUIDE or f"\\| {name}" in GUIDE, f"no example for {name}"


def test_every_style_setting_is_documented() -> None:
    for field in dataclasses.fields(StyleProfile):
        if field.name == "origins":  # where each setting came from, not a setting
            continue
        if field.name.startswith(("page_width", "page_height")):
            continue
        assert f"`{field.name}`" in GUIDE, field.name


def test_every_command_is_in_the_readme() -> None:
    from typer.main import get_command

    names = [n for n in get_command(app).commands if n not in ("templates", "site")]  # type: ignore[attr-defined]
    assert names and all(f"drafter {n}" in README for n in names)
    assert "drafter templates list" in README and "drafter templates copy" in README


def test_chinese_prose_in_the_docs_uses_full_width_punctuation() -> None:
    docs = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    wrong = []
    for doc in docs:
        for number, line in _prose_lines(doc.read_text(encoding="utf-8")):
            prose = _NOT_PROSE.sub(" ", line)
            if m := _HALF_BESIDE_CHINESE.search(prose):
                wrong.append(f"{doc.relative_to(ROOT)}:{number}: “{m.group()}” in {line.strip()[:80]}")
    assert not wrong, f"{len(wrong)} lines of Chinese prose with half-width punctuation:\n" + "\n".join(wrong[:40])


_CODE_COMMENT = re.compile(r"(?:^|\s)(#.*|\{#.*?#\})")


def test_comments_in_the_docs_code_blocks_use_full_width_punctuation() -> None:
    """A comment in a command or settings example (`# 核对数字，逐项指出单元格`, `{# … #}`) is
    prose the reader reads beside the code: the same rule as the rest of the docs, applied to
    the comment only (the code before it keeps its own punctuation)."""
    docs = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    wrong = []
    for doc in docs:
        fence = ""
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if fence:
                if stripped.startswith(fence):
                    fence = ""
                elif (c := _CODE_COMMENT.search(line)) and (
                        m := _HALF_BESIDE_CHINESE.search(_NOT_PROSE.sub(" ", c.group(1)))):
                    wrong.append(f"{doc.relative_to(ROOT)}:{number}: “{m.group()}” in {stripped[:80]}")
            elif m := re.match(r"```+|~~~+", stripped):
                fence = m.group()
    assert not wrong, f"{len(wrong)} comments in code blocks with half-width punctuation:\n" \
        + "\n".join(wrong[:40])
