"""The docs name every block, filter, style setting and command, so they cannot fall behind."""

from __future__ import annotations

import dataclasses

from drafter.cli import app
from drafter.config import office, packs
from drafter.config.style import StyleProfile
from drafter.templating import filters
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "customization.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


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
