"""A province of generated offices for the benchmark: N district workbooks, distinct units,
varied figures, all passing `drafter check`, so that they can be rendered and rolled up.

    python benchmarks/province.py 目录 [--count 3000]

Sample 005's four district workbooks (示例市区县, one city's districts) are the models. Each
is filled again, as `drafter init` + a clerk would, with its figures multiplied by k = 1…K:
every part of a sum and both terms of a rate are scaled alike, so sums still add up and rates
are unchanged; figures typed as text (“1500余”, “98.5%”) stay as typed. Its 单位名称 and 署名
are a placeholder. Each of the N workbooks is one of these 4×K models with the placeholder
replaced by its own unit (第0001区司法局 …) in the 基本信息 part: only that part is rewritten,
so 3,000 workbooks take seconds, not the minutes openpyxl would take to write each.

The folder is a cache: made once and reused while its recipe is the same (the count, this
file, the four models' sources and drafter's workbook writer); `made` says whether it was
(re)made.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = sorted((ROOT / "sample_inputs").glob("005_*区县/*.toml"))
SCALES = 8  # k = 1…8: 32 models
TOKEN = "ZZUNITZZ"  # the placeholder unit, ASCII so that it is written as it is
RECIPE = "province.json"


@dataclass(frozen=True)
class Province:
    folder: Path
    workbooks: list[Path]  # in order: 第0001区 … as file names 0001.xlsx …
    made: bool  # generated now (False: the cache was used)


def unit(n: int) -> str:
    return f"第{n:04d}区"


def make(folder: Path, count: int = 3000) -> Province:
    """The province in `folder` (made unless a cache of the same recipe is there)."""
    folder.mkdir(parents=True, exist_ok=True)
    recipe = {"count": count, "fingerprint": _fingerprint()}
    names = [folder / f"{n:04d}.xlsx" for n in range(1, count + 1)]
    marker = folder / RECIPE
    try:
        if json.loads(marker.read_text(encoding="utf-8")) == recipe and all(
                p.is_file() for p in names):
            return Province(folder, names, made=False)
    except (OSError, ValueError):
        pass
    marker.unlink(missing_ok=True)
    for old in folder.glob("*.xlsx"):
        old.unlink()
    models = [_model(spec, k) for k in range(1, SCALES + 1) for spec in MODELS]
    for n, path in enumerate(names, start=1):
        path.write_bytes(_with_unit(models[(n - 1) % len(models)], unit(n)))
    marker.write_text(json.dumps(recipe), encoding="utf-8")
    return Province(folder, names, made=True)


def _fingerprint() -> str:
    """What the workbooks depend on: this file, the models' sources, the workbook writer."""
    h = hashlib.sha256()
    for path in [Path(__file__), *MODELS, *sorted((ROOT / "drafter" / "workbook").glob("*.py")),
                 *sorted((ROOT / "templates").rglob("indicators.toml"))]:
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def _scaled(value: object, k: int) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value  # typed as text: 1500余, 98.5%
    if isinstance(value, int):
        return value * k
    return float(Decimal(str(value)) * k)


def _model(source: Path, k: int) -> dict[str, bytes]:
    """One model workbook, as its zip entries: `source`'s figures times `k`, unit TOKEN."""
    from drafter.config import default_outline, packs
    from drafter.workbook import blank

    spec = tomllib.loads(source.read_text(encoding="utf-8"))
    pack = packs.load(spec["kind"])
    wb = blank.make_blank(pack.catalog, spec["kind"], pack.info.name,
                          outline=default_outline.as_rows(pack.outline))
    facts = dict(spec.get("facts", {}))
    for key in ("单位名称", "署名"):
        facts[key] = f"{TOKEN}司法局"
    blank.fill(wb, facts, {i: _scaled(v, k) for i, v in spec.get("figures", {}).items()},
               {i: _scaled(v, k) for i, v in spec.get("previous", {}).items()},
               spec.get("points", {}))
    raw = io.BytesIO()
    wb.save(raw)
    with zipfile.ZipFile(raw) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _with_unit(entries: dict[str, bytes], name: str) -> bytes:
    out = io.BytesIO()
    token = TOKEN.encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for entry, data in entries.items():
            z.writestr(entry, data.replace(token, name.encode()) if token in data else data)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成性能测试用的全省区县数据表（缓存，重复运行直接复用）。")
    parser.add_argument("folder", type=Path, help="存放数据表的文件夹")
    parser.add_argument("--count", type=int, default=3000, help="数据表个数（默认 3000）")
    args = parser.parse_args(argv)
    done = make(args.folder, args.count)
    print(f"{'已生成' if done.made else '已有缓存'}：{len(done.workbooks)} 个数据表，在 {done.folder}")
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(ROOT))
    sys.exit(main())

