"""Write the sample workbooks from their reviewable .toml sources.

    python sample_inputs/make_samples.py

Each NNN_*.toml names a pack kind and gives facts, figures (as a clerk would type them),
last year's figures and points; the .xlsx beside it is made with `drafter init`'s own
blank workbook and filled in, so the samples always match the current catalog layout.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from openpyxl import Workbook

from drafter import packs
from drafter.workbook import blank, layout

HERE = Path(__file__).resolve().parent


def fill(wb: Workbook, spec: dict) -> None:
    facts = wb[layout.FACTS]
    rows = {str(r[0].value): r[0].row for r in facts.iter_rows(min_row=2) if r[0].value}
    for key, value in spec.get("facts", {}).items():
        if key not in rows:
            raise SystemExit(f"基本信息中没有“{key}”这一行")
        facts.cell(row=rows[key], column=2, value=value)
    figures = wb[layout.FIGURES]
    ids = {str(r[0].value): r[0].row for r in figures.iter_rows(min_row=2) if r[0].value}
    for column, key in ((5, "figures"), (6, "previous")):
        for ind_id, value in spec.get(key, {}).items():
            if ind_id not in ids:
                raise SystemExit(f"指标表中没有“{ind_id}”")
            figures.cell(row=ids[ind_id], column=column, value=value)
    points = wb[layout.POINTS]
    slots = {str(r[0].value): r[0].row for r in points.iter_rows(min_row=2) if r[0].value}
    next_row = points.max_row + 1
    for slot, (lead, body) in spec.get("points", {}).items():
        row = slots.get(slot)
        if row is None:  # an extra point: section given as "板块:..."
            row, next_row = next_row, next_row + 1
            points.cell(row=row, column=2, value=slot.split(":", 1)[-1])
        points.cell(row=row, column=3, value=lead)
        points.cell(row=row, column=4, value=body)


def make(source: Path) -> Path:
    spec = tomllib.loads(source.read_text(encoding="utf-8"))
    pack = packs.load(spec["kind"], (HERE / spec["office"]) if "office" in spec else None)
    wb = blank.make_blank(pack.catalog, spec["kind"], pack.info.name)
    fill(wb, spec)
    out = source.with_suffix(".xlsx")
    blank.save(wb, out)
    return out


def main(argv: list[str]) -> None:
    sources = [Path(a) for a in argv] or sorted(HERE.glob("[0-9][0-9][0-9]_*.toml"))
    for source in sources:
        print(make(source))


if __name__ == "__main__":
    main(sys.argv[1:])
