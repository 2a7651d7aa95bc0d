"""Outline levels: one type, one list of names, one skipped-level check used by the pack's
outline.toml and by the 大纲 sheet, and no second spelling of the level names anywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from drafter.config import outline as outline_toml
from drafter.config import packs, tomlfile
from drafter.errors import CatalogError
from drafter.model import levels
from drafter.model.figures import WorkbookData
from drafter.model.findings import Finding
from drafter.model.levels import HEADING_DEPTH, HEADINGS, Level, heading_level, skipped
from drafter.workbook import reader
from tests.conftest import add_outline_rows, make_workbook

ROOT = Path(__file__).resolve().parents[2]


def test_levels_compare_as_numbers_and_read_as_written() -> None:
    assert [int(h) for h in HEADINGS] == list(range(1, HEADING_DEPTH + 1))
    assert Level.H2 == 2 and Level.POINT > Level.H4 and not Level.PARAGRAPH.heading
    assert [level.written for level in Level] == list(levels.NAMES)
    assert Level.named("三级标题") is Level.H3 and Level.H3.heading
    with pytest.raises(ValueError):
        Level.named("五级标题")
    assert [heading_level(n) for n in (0, 1, 4, 5, 9)] == [1, 1, 4, 4, 4]


@pytest.mark.parametrize(("level", "above", "why"), [
    (1, 0, ""), (2, 1, ""), (3, 2, ""), (1, 4, ""), (2, 4, ""),  # down by one, or back up
    (Level.POINT, 0, ""), (Level.PARAGRAPH, 1, ""),  # not headings: never skipped
    (2, 0, "二级标题直接跟在报告开头之后,中间缺少一级标题"),
    (3, 1, "三级标题直接跟在一级标题之后,中间缺少二级标题"),
    (4, 2, "四级标题直接跟在二级标题之后,中间缺少三级标题"),
])
def test_skipped(level: int, above: int, why: str) -> None:
    assert skipped(level, above) == why


def test_outline_toml_refuses_a_skipped_level() -> None:
    source = tomlfile.Source("outline.toml", "")
    rows = [{"level": "一级标题", "text": "甲"}, {"level": "三级标题", "text": "乙"}]
    with pytest.raises(CatalogError, match="三级标题直接跟在一级标题之后,中间缺少二级标题"):
        outline_toml.parse({"outline": rows}, source)
    with pytest.raises(CatalogError, match="二级标题直接跟在开头之后,中间缺少一级标题"):
        outline_toml.parse({"outline": [{"level": "二级标题", "text": "乙"}]}, source)
    ok = outline_toml.parse({"outline": [*rows[:1], {"level": "二级标题", "text": "乙"}]}, source)
    assert [r.number for r in ok] == [Level.H1, Level.H2]


def test_the_outline_sheet_warns_of_a_skipped_level(tmp_path: Path) -> None:
    path = make_workbook(tmp_path)
    catalog = packs.load("半年工作总结").catalog
    assert not _skips(reader.read(path, catalog))  # the pack's own 大纲 goes down level by level
    _, row = add_outline_rows(path, [("一级标题", "新的部分", ""), ("三级标题", "越级的标题", "正文。")])
    found = _skips(reader.read(path, catalog))
    assert [f.message for f in found] == ["三级标题直接跟在一级标题之后,中间缺少二级标题"]
    assert [str(c) for c in found[0].cells] == [f"大纲!A{row}"]


def _skips(data: WorkbookData) -> list[Finding]:
    return [f for f in data.findings if f.code == "outline-level-skipped"]


def test_level_names_and_the_check_have_one_home() -> None:
    """No module but model/levels.py lists the level names, compares a level with the last
    heading's level plus one (the skipped-level check) or with the heading depth."""
    home = ROOT / "drafter" / "model" / "levels.py"
    found = []
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                items = node.values if isinstance(node, ast.Dict) else node.elts
                words = {i.value for i in items if isinstance(i, ast.Constant)}
                if {"一级标题", "二级标题"} <= words or {"一级", "二级"} <= words:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} lists level names")
            if isinstance(node, ast.Compare) and any(isinstance(c, ast.BinOp) and isinstance(
                    c.op, ast.Add) and isinstance(c.right, ast.Constant) and c.right.value == 1
                    and "heading" in ast.unparse(c.left) for c in node.comparators):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} checks a skipped level")
            if isinstance(node, ast.Compare) and "level" in ast.unparse(node.left) and any(
                    isinstance(c, ast.Constant) and c.value in (HEADING_DEPTH, HEADING_DEPTH + 1)
                    for c in node.comparators):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} writes the heading depth")
    assert not found, found
