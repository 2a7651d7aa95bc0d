"""drafter init → fill in code → drafter render, for every built-in pack: with the default
outline as init writes it, and with the outline edited as a clerk would (a section removed,
one added, two reordered). The figures are filled so that every rule of the pack holds."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from drafter.checks.params import parsed_rules
from drafter.cli import app
from drafter.config import packs
from drafter.model.document import Heading, Paragraph
from drafter.pipeline import check_workbook, render_document
from drafter.workbook import layout
from tests.conftest import KINDS

FACTS = {"单位名称": "示例区司法局", "年度": "2025", "报告期间": "上半年", "署名": "示例区司法局",
         "成文日期": "2026年1月16日"}


def _values(kind: str) -> dict[str, object]:
    """A value for every indicator such that every rule holds: counts 10 each, sums as the
    sum of their parts, rates left blank (computed from their parts), texts a phrase."""
    catalog = packs.load(kind).catalog
    values: dict[str, object] = {}
    for ind in catalog.indicators.values():
        if ind.kind in ("count", "amount"):
            values[ind.id] = 10
        elif ind.kind == "number":
            values[ind.id] = 5
        elif ind.kind == "text":
            values[ind.id] = "示例"
        elif ind.kind == "rate":
            values[ind.id] = 0.5  # 50 %, unless a rule computes it (below)
    rules = parsed_rules(catalog)
    for _ in range(5):  # sums of sums settle in a few rounds
        for rule, p in rules:
            if rule.kind == "sum":
                parts = sum(int(values.get(i, 0)) for i in p["parts"])
                if not p.get("partial") or int(values.get(p["total"], 0)) < parts:
                    values[p["total"]] = parts
            elif rule.kind == "rate":
                values.pop(p["rate"], None)  # blank: computed from its parts
            elif rule.kind == "subset":
                part = sum(int(values.get(i, 0)) for i in p["part"])  # ids, summed
                for whole in p["whole"]:
                    if int(values.get(whole, 0)) < part:
                        values[whole] = part
            elif rule.kind == "range":
                for i in p["indicators"]:
                    if i in values and p.get("max") is not None and values[i] > p["max"]:
                        values[i] = int(p["max"])
    return values


def _fill(kind: str, path: Path) -> None:
    result = CliRunner().invoke(app, ["init", "-k", kind, "-o", str(path)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    facts = {str(r[0].value): r[0].row for r in wb[layout.FACTS].iter_rows(min_row=2)}
    for key, value in FACTS.items():
        if key in facts:
            wb[layout.FACTS].cell(row=facts[key], column=2, value=value)
    ws = wb[layout.FIGURES]
    column = [c.value for c in ws[1]].index("本期") + 1
    values = _values(kind)
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            ws.cell(row=row[0].row, column=column, value=values[row[0].value])
    wb.save(path)


def _outline(path: Path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)[layout.OUTLINE]
    return [list(r) for r in ws.iter_rows(min_row=2, max_col=3, values_only=True) if any(r)]


def _write_outline(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.OUTLINE]
    for r in range(2, ws.max_row + 1):
        for c in (1, 2, 3):
            ws.cell(row=r, column=c).value = None  # cell(value=None) would keep the old value
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)


def _headings(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]


def _sections(rows: list[list[object]]) -> list[list[list[object]]]:
    """The outline cut at each 一级标题 (what comes before the first is its own piece)."""
    out: list[list[list[object]]] = [[]]
    for row in rows:
        if row[0] == "一级标题":
            out.append([])
        out[-1].append(row)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_init_fill_render_with_the_default_outline(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "数据.xlsx"
    _fill(kind, path)
    rows = _outline(path)
    assert sum(r[0] == "一级标题" for r in rows) >= 2, "init writes the pack's default outline"
    result = check_workbook(path)
    assert not result.report.errors, [f"{f.cells} {f.message}" for f in result.report.errors]
    doc = render_document(result)
    wanted = [r[1] for r in rows if r[0] == "一级标题"]
    assert [h.split("、", 1)[-1] for h in _headings(doc)] == wanted
    text = "\n".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    assert "【" not in text  # every reference became a figure
    out = tmp_path / "报告.docx"
    assert CliRunner().invoke(app, ["render", str(path), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("kind", KINDS)
def test_init_fill_render_with_the_outline_edited(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "数据.xlsx"
    _fill(kind, path)
    opening, *sections = _sections(_outline(path))
    assert len(sections) >= 2
    removed = sections.pop(1 if len(sections) > 2 else -1)  # a section removed
    sections.append([["一级标题", "创新工作亮点纷呈", None],  # one added, with a point
                     ["要点", "智慧司法平台上线", "全年共受理法律援助案件【法律援助.受理案件】。"]])
    sections[0], sections[1] = sections[1], sections[0]  # two reordered
    _write_outline(path, [row for piece in (opening, *sections) for row in piece])
    result = check_workbook(path)
    assert not result.report.errors, [f"{f.cells} {f.message}" for f in result.report.errors]
    doc = render_document(result)
    heads = _headings(doc)
    assert heads == [f"{'一二三四五六七八九十'[n]}、{piece[0][1]}" for n, piece in enumerate(sections)]
    assert all(removed[0][1] not in h for h in heads)
    text = "\n".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    # the added section's only point: not enumerated (no 一是 without 二是)
    assert re.search(r"(?m)^智慧司法平台上线。全年共受理法律援助案件\d+[件宗]。", text), text[-200:]
