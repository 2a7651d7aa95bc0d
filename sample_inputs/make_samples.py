"""Write the sample workbooks from their reviewable .toml sources.

    python sample_inputs/make_samples.py

Each NNN_*.toml names a pack kind and gives facts, figures (as a clerk would type them),
last year's figures and the report body ([[outline]]: headings, points and paragraphs with
【references】, as a clerk writes them on the 大纲 sheet); the .xlsx beside it is made with
`drafter init`'s own blank workbook and filled in, so the samples always match the current
catalog layout. A sample without [[outline]] gets the pack's default outline, as init gives.
A folder NNN_*区县/ holds the district workbooks of one city, for `drafter rollup`.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from drafter.config import default_outline, packs
from drafter.config.tomlfile import Source
from drafter.workbook import blank

HERE = Path(__file__).resolve().parent


def make(source: Path) -> Path:
    spec = tomllib.loads(source.read_text(encoding="utf-8"))
    pack = packs.load(spec["kind"], (HERE / spec["office"]) if "office" in spec else None)
    rows = (default_outline.parse(spec, Source(source.name, source.read_text(encoding="utf-8")))
            if "outline" in spec else pack.outline)
    wb = blank.make_blank(pack.catalog, spec["kind"], pack.info.name,
                          outline=default_outline.as_rows(rows), parts=pack.part_names)
    blank.fill(wb, spec.get("facts", {}), spec.get("figures", {}),
               spec.get("previous", {}), spec.get("points", {}))
    out = source.with_suffix(".xlsx")
    blank.save(wb, out)
    return out


def main(argv: list[str]) -> None:
    sources = [Path(a) for a in argv] or sorted(
        [*HERE.glob("[0-9][0-9][0-9]_*.toml"), *HERE.glob("[0-9][0-9][0-9]_*区县/*.toml")])
    for source in sources:
        print(make(source))


if __name__ == "__main__":
    main(sys.argv[1:])
