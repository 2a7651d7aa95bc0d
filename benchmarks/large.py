"""A large workbook for timing `drafter check`: an office folder adding many indicators.

    python benchmarks/large.py OUT_DIR [--rows 10000]

writes OUT_DIR/office/ (pack.toml based on 法治政府建设年度报告, indicators.toml with `rows`
generated indicators and their rules) and OUT_DIR/large.xlsx: `drafter init`'s own blank
workbook for that office, filled with sample 001's figures and points plus a value for every
generated indicator. Values are consistent, so `drafter check` finds no errors and every rule
is evaluated to the end.

Each generated section of up to 100 indicators has one total, parts that add up to it (a
`sum` rule), rates of a part over the total (a `rate` rule each, two decimals) and amounts;
last year's column is filled too, within ±15 %, so the year-over-year rule runs on every row.
`shared_strings_copy` rewrites the workbook as Excel and WPS save it (a shared string table
instead of openpyxl's inline strings).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import tomllib
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_001_SOURCE = next((ROOT / "sample_inputs").glob("001_*.toml"))
BASE_KIND = "法治政府建设年度报告"
PER_SECTION = 100


@dataclass(frozen=True)
class Generated:
    """One generated indicator: id, kind and this year's and last year's values."""

    id: str
    name: str
    unit: str
    kind: str
    value: float | int
    previous: float | int


@dataclass(frozen=True)
class Large:
    office: Path
    workbook: Path
    generated: int  # indicators added by the office
    rows: int  # rows of the 指标 sheet: the pack's indicators and the generated ones


def _section(s: int, size: int, rnd: random.Random) -> tuple[list[Generated], list[str]]:
    """Indicators and [[rules]] TOML of generated section `s` with `size` indicators."""
    sid = f"测试{s:03d}"
    n_rates = size // 10
    n_amounts = size // 10
    n_parts = size - 1 - n_rates - n_amounts
    inds: list[Generated] = []
    rules: list[str] = []
    total_id = f"{sid}.合计"
    parts = [rnd.randint(5, 400) for _ in range(n_parts)]
    before = [max(1, round(v * rnd.uniform(0.85, 1.15))) for v in parts]
    if n_parts:
        inds.append(Generated(total_id, f"{sid}合计", "件", "count", sum(parts), sum(before)))
        part_ids = [f"{sid}.分项{k:03d}" for k in range(1, n_parts + 1)]
        inds += [Generated(i, f"{sid}分项{k:03d}", "件", "count", v, b)
                 for k, (i, v, b) in enumerate(zip(part_ids, parts, before, strict=True), 1)]
        rules.append(f'[[rules]]\nkind = "sum"\ntotal = "{total_id}"\n'
                     f"parts = [{', '.join(chr(34) + i + chr(34) for i in part_ids)}]\n")
        for k in range(1, n_rates + 1):
            part = (k - 1) % n_parts
            rate_id = f"{sid}.占比{k:03d}"
            inds.append(Generated(rate_id, f"{sid}分项{part + 1:03d}占比", "%", "rate",
                                  _fraction(parts[part], sum(parts)),
                                  _fraction(before[part], sum(before))))
            rules.append(f'[[rules]]\nkind = "rate"\nrate = "{rate_id}"\n'
                         f'numerator = "{part_ids[part]}"\ndenominator = "{total_id}"\n')
    for k in range(1, n_amounts + (0 if n_parts else size) + 1):
        v = round(rnd.uniform(10, 5000), 2)
        inds.append(Generated(f"{sid}.金额{k:03d}", f"{sid}金额{k:03d}", "万元", "amount",
                              v, round(v * rnd.uniform(0.85, 1.15), 2)))
    return inds, rules


def _fraction(num: int, den: int) -> float:
    """A rate as Excel holds a typed 30.43%: the fraction, to the rate's two decimals."""
    pct = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(pct / 100)


def generate(rows: int, seed: int = 2024) -> tuple[list[Generated], str]:
    """`rows` indicators in sections of PER_SECTION, and the indicators.toml describing them."""
    rnd = random.Random(seed)
    inds: list[Generated] = []
    rules: list[str] = []
    s = 0
    while len(inds) < rows:
        s += 1
        more, more_rules = _section(s, min(PER_SECTION, rows - len(inds)), rnd)
        inds += more
        rules += more_rules
    lines = ["# 生成的测试目录：见 benchmarks/large.py。\n"]
    lines += [f'[[sections]]\nid = "测试{k:03d}"\ntitle = "测试板块{k:03d}"\n'
              for k in range(1, s + 1)]
    for ind in inds:
        digits = "digits = 2\n" if ind.kind == "rate" else ""
        lines.append(f'[[indicators]]\nid = "{ind.id}"\nname = "{ind.name}"\n'
                     f'unit = "{ind.unit}"\nkind = "{ind.kind}"\n{digits}')
    return inds, "\n".join(lines + rules)


def make(folder: Path, rows: int = 10_000) -> Large:
    """Write folder/office/ and folder/large.xlsx (see the module docstring)."""
    from drafter.config import packs
    from drafter.workbook import blank

    office = folder / "office"
    office.mkdir(parents=True, exist_ok=True)
    (office / "pack.toml").write_text(
        f'base = "{BASE_KIND}"\nname = "一万项指标测试单位"\n', encoding="utf-8")
    inds, toml = generate(rows)
    (office / "indicators.toml").write_text(toml, encoding="utf-8")

    spec = tomllib.loads(SAMPLE_001_SOURCE.read_text(encoding="utf-8"))
    pack = packs.load(BASE_KIND, office)
    wb = blank.make_blank(pack.catalog, BASE_KIND, pack.info.name)
    figures = dict(spec.get("figures", {})) | {i.id: i.value for i in inds}
    previous = dict(spec.get("previous", {})) | {i.id: i.previous for i in inds}
    blank.fill(wb, spec.get("facts", {}), figures, previous, spec.get("points", {}))
    out = folder / "large.xlsx"
    blank.save(wb, out)
    return Large(office, out, len(inds), len(pack.catalog.indicators))




# ------------------------------------------------------------ shared strings (as Excel saves)

_INLINE = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def shared_strings_copy(src: Path, dst: Path) -> int:
    """Copy `src` with its inline strings moved into a shared string table; returns how many
    distinct strings. openpyxl writes each text cell inline; Excel and WPS write xl/sharedStrings.xml
    and refer to it by index, which is what a clerk's saved workbook looks like."""
    table: dict[str, int] = {}
    refs = 0

    def shared(m: re.Match[str]) -> str:
        nonlocal refs
        refs += 1
        index = table.setdefault(html.unescape(m.group(3)), len(table))
        return f'<c {m.group(1)}t="s"{m.group(2)}><v>{index}</v></c>'

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        if "xl/sharedStrings.xml" in names:
            raise ValueError(f"{src} already has a shared string table")
        for name in names:
            data = zin.read(name)
            if name.startswith("xl/worksheets/sheet"):
                data = _INLINE.sub(shared, data.decode("utf-8")).encode("utf-8")
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}"/>'
                    "</Types>").encode())
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdSst" Type="{_SST_REL}" Target="sharedStrings.xml"/>'
                    "</Relationships>").encode())
            zout.writestr(zin.getinfo(name), data)
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in table)
        zout.writestr("xl/sharedStrings.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{refs}" uniqueCount="{len(table)}">{items}</sst>'))
    return len(table)


def main() -> None:
    parser = argparse.ArgumentParser(description="生成一个有大量指标的单位文件夹和数据表。")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rows", type=int, default=10_000, help="生成的指标数（默认 10000）")
    args = parser.parse_args()
    made = make(args.folder, args.rows)
    shared = args.folder / "large-shared.xlsx"
    shared_strings_copy(made.workbook, shared)
    print(f"{made.workbook}：指标表 {made.rows} 行（其中生成 {made.generated} 项）")
    print(f"{shared}：同一数据表，共享字符串写法")
    print(f"drafter check {made.workbook} --office {made.office}")


if __name__ == "__main__":
    main()
