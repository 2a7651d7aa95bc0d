"""Shared test helpers: workbooks are built in code from a pack's blank workbook."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from drafter.config import packs
from drafter.config.outline import as_rows
from drafter.model.findings import column_letter
from drafter.workbook import blank, layout

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
SAMPLE_000 = next(SAMPLES.glob("000_*.xlsx"))

FACTS_000 = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年"}
# The built-in packs, found in templates/ through the pack registry: a pack added there is
# tested without editing the tests. KINDS: the report kinds; BASES: the packs only extended.
_BUILTIN = sorted((p for p in packs.available(abstract=True) if p.origin == "内置"),
                  key=lambda p: p.kind)
KINDS = [p.kind for p in _BUILTIN if not p.abstract]
BASES = [p.kind for p in _BUILTIN if p.abstract]
PACK_DIRS = [p.path for p in _BUILTIN]


def make_workbook(
    folder: Path,
    figures: dict[str, object] | None = None,
    *,
    kind: str = "半年工作总结",
    facts: dict[str, object] | None = None,
    previous: dict[str, object] | None = None,
    points: dict[str, tuple[str, str]] | None = None,
    name: str = "数据.xlsx",
    office: Path | None = None,
) -> Path:
    """A workbook of `kind` as `drafter init` makes it (the pack's default 大纲 rows
    included), with the given cells typed in (facts default to 000's); `points`
    ({anything: (lead, 内容)}) are 要点 rows added at the end of 大纲."""
    pack = packs.load(kind, office)
    wb = blank.make_blank(pack.catalog, kind, pack.info.name,
                          office=office.resolve().name if office else "",
                          outline=as_rows(pack.outline))
    blank.fill(wb, FACTS_000 if facts is None else facts, figures or {}, previous, points)
    out = folder / name
    blank.save(wb, out)
    return out


# ---------------------------------------------------------------- cells by header name
# The reader finds columns by their header, so tests do too: a new column (类型 moved 本期
# from E to F) must not silently shift what a test writes or expects.


def _sheet(source: Path | Workbook, sheet: str) -> Worksheet:
    return (source if isinstance(source, Workbook) else load_workbook(source))[sheet]


def header_column(ws: Worksheet, header: str) -> int:
    """The column number (1-based) whose row-1 header is `header`."""
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(f"{ws.title} 表没有“{header}”列")


def figure_cell(source: Path | Workbook, ind_id: str, header: str = "本期") -> str:
    """Where indicator `ind_id`'s `header` value is on 指标, e.g. "F13"."""
    ws = _sheet(source, layout.FIGURES)
    rows = [c.row for c in ws["A"] if c.value == ind_id]
    if not rows:
        raise KeyError(f"指标表中没有“{ind_id}”")
    return f"{column_letter(header_column(ws, header))}{rows[0]}"


def outline_cell(source: Path | Workbook, title: str, header: str = "内容") -> str:
    """The `header` cell of the 大纲 row whose 标题 is `title`, e.g. "C2"."""
    ws = _sheet(source, layout.OUTLINE)
    column = header_column(ws, "标题")
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=column).value == title]
    if not rows:
        raise KeyError(f"大纲表中没有标题为“{title}”的行")
    return f"{column_letter(header_column(ws, header))}{rows[0]}"


def add_outline_rows(path: Path, rows: list[tuple[str, str, str]]) -> list[int]:
    """Append (层级, 标题, 内容) rows at the end of 大纲 as a clerk would; their row numbers."""
    wb = load_workbook(path)
    ws = wb[layout.OUTLINE]
    columns = [header_column(ws, h) for h in ("层级", "标题", "内容")]
    first = blank.last_filled(ws) + 1
    for n, values in enumerate(rows):
        for column, value in zip(columns, values, strict=True):
            ws.cell(row=first + n, column=column, value=value or None)
    wb.save(path)
    return list(range(first, first + len(rows)))


def make_old_workbook(
    folder: Path,
    figures: dict[str, object] | None = None,
    *,
    points: dict[str, tuple[str, str]] | None = None,
    kind: str = "半年工作总结",
    name: str = "旧表.xlsx",
) -> Path:
    """A workbook as drafter made it before 大纲 existed: 指标 without 类型 (本期 in E), the
    要点 sheet (编号|板块|要点|内容|提示) with the catalog's point slots, no 大纲 or 规则.
    `points` as the old fill took them: a slot id, or "板块:anything" for a new row."""
    path = make_workbook(folder, figures, kind=kind, name=name)
    wb = load_workbook(path)
    for sheet in (layout.OUTLINE, layout.RULES):
        del wb[sheet]
    figures_ws = wb[layout.FIGURES]
    figures_ws.delete_cols(header_column(figures_ws, "类型"))
    ws = wb.create_sheet(layout.POINTS)
    ws.append(list(layout.POINT_HEADERS))
    slots = {}
    for slot in packs.load(kind).catalog.points.values():
        ws.append([slot.id, slot.section, slot.lead, None, slot.hint or None])
        slots[slot.id] = ws.max_row
    for slot, (lead, body) in (points or {}).items():
        row = slots.get(slot)
        if row is None:
            ws.append([None, slot.split(":", 1)[0]])
            row = ws.max_row
        ws.cell(row=row, column=header_column(ws, "要点"), value=lead)
        ws.cell(row=row, column=header_column(ws, "内容"), value=body or None)
    wb.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path):
    """`workbook({...})` → path of a filled half-year workbook in tmp_path."""

    def factory(figures: dict[str, object] | None = None, **kwargs: object) -> Path:
        return make_workbook(tmp_path, figures, **kwargs)  # type: ignore[arg-type]

    return factory


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates (drafter/template_cache.py) go to this run's folder, not ~/.cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
