"""The built-in report kinds' base.j2 extend the shared one (司法行政通用) and write only the
blocks that differ: 落款, 正文 and 附表 have one home, and `templates copy` still offers every
block of the layout."""

from __future__ import annotations

import re

import pytest

from drafter.config import office, packs
from tests.conftest import BASES, KINDS

_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)\s*-?%}")


def _source(kind: str) -> str:
    folder = next(p.path for p in packs.available(abstract=True) if p.kind == kind)
    return (folder / "base.j2").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_extends_the_base_it_names_in_pack_toml(kind: str) -> None:
    parent = packs.find(kind).extends
    assert parent in BASES
    code = re.sub(r"\{#.*?#\}", "", _source(kind), flags=re.S).lstrip()
    assert code.startswith(f'{{% extends "{parent}/base.j2" %}}')
    assert office.blocks(kind) == _BLOCK.findall(_source(parent))


def test_the_shared_blocks_are_written_once() -> None:
    written = {kind: set(_BLOCK.findall(_source(kind))) for kind in KINDS + BASES}
    for block in ("正文", "落款", "附表"):
        assert [k for k, names in written.items() if block in names] == BASES, block
    assert "::signature" not in "".join(_source(kind) for kind in KINDS)
