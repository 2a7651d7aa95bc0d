"""The office's year (docs/yearly.md): `drafter init --from` rolls last year's workbook
forward, `drafter merge` joins the copies the sections (科室) filled into one.

Thin entry points: each input is read and vetted as `drafter check` reads it (reader.load,
then reader.read against the workbook's pack), then drafter.workbook.forward / merge edit
it. What the commands show of it is beside them, in drafter.commands.init and merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter import files
from drafter.config import packs
from drafter.errors import OutputError, WorkbookLayoutError
from drafter.files import same_file
from drafter.model.figures import WorkbookData
from drafter.pipeline import resolve_kind
from drafter.workbook import forward, origin, reader
from drafter.workbook import merge as merge_mod
from drafter.workbook.reader import Loaded


@dataclass
class Read:
    path: Path
    loaded: Loaded
    data: WorkbookData
    pack: packs.Pack


def read(path: Path, *, kind: str | None = None, office: Path | None = None,
         cache: dict[str, packs.Pack] | None = None) -> Read:
    """Read `path` as `check` does: a file that is not a drafter workbook is refused here,
    with the reader's message, before anything else opens it."""
    loaded = reader.load(path)
    found = resolve_kind(loaded, kind, office)
    if kind and loaded.kind and kind != loaded.kind:
        raise WorkbookLayoutError(f"数据表是“{loaded.kind}”的数据表,与 --kind {kind} 不符",
                                  file=str(path))
    pack = (cache or {}).get(found) or packs.load(found, office)
    if cache is not None:
        cache[found] = pack
    return Read(path, loaded, reader.read(loaded, pack.catalog), pack)


def _output(out: Path, sources: list[Path], force: bool, what: str) -> None:
    if out.suffix.lower() != ".xlsx":
        raise OutputError("数据表应以 .xlsx 结尾", file=str(out))
    if any(same_file(s, out) for s in sources):
        raise OutputError(f"输出文件不能是{what}本身,请另指定文件名", file=str(out))
    if files.exists(out) and not force:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(out))


# ---------------------------------------------------------------- drafter init --from


def roll_forward(source: Path, out: Path, *, kind: str | None = None,
                 office: Path | None = None, force: bool = False) -> forward.Forwarded:
    """`drafter init --from 去年数据.xlsx -o 今年数据.xlsx`. The source is never modified."""
    _output(out, [source], force, "去年的数据表")
    got = read(source, kind=kind, office=office)
    done = forward.roll(got.loaded, got.data, got.pack.catalog, out, replace=force)
    done.warnings += [f.message for f in origin.compare(got.data, got.pack.catalog, office)]
    return done


# ---------------------------------------------------------------- drafter merge


def merge(args: list[Path], out: Path, *, prefer: Path | None = None,
          original: Path | None = None, kind: str | None = None,
          office: Path | None = None, force: bool = False) -> merge_mod.Merged:
    """`drafter merge 科室/*.xlsx -o 全局.xlsx [--prefer 科室甲.xlsx] [--original 原表.xlsx]`:
    written only when no conflict is left (Merged.written). The inputs are never modified.
    With `original` (the workbook as handed out to the sections) only what a copy changed
    counts: a pre-filled 大纲 row left as it was is no conflict."""
    from drafter.batch import expand

    named = next((a for a in args if same_file(a, out)), None)
    if named is not None:  # a copy named on the command line: a section's work, never replaced
        raise OutputError(f"输出文件不能是要合并的数据表 {named} 本身,请另指定文件名",
                          file=str(out))
    paths = expand(args)
    # the output found in a folder merged (an earlier merge's): left out, and said
    skipped = [p for p in paths if same_file(p, out)]
    if original is not None:
        skipped += [p for p in paths if same_file(p, original)]
    paths = [p for p in paths if p not in skipped]
    least = 1 if original is not None else 2
    if len(paths) < least:
        raise OutputError("合并至少要两份数据表(各科室填好的同一张表的副本)" if least == 2 else
                          "没有要合并的科室数据表", file=str(paths[0]) if paths else None)
    _output(out, paths + ([original] if original is not None else []), force, "某份数据表")
    chosen = None
    if prefer is not None:
        chosen = next((i for i, p in enumerate(paths) if same_file(p, prefer)), None)
        if chosen is None:
            raise OutputError("--prefer 指定的文件不在要合并的科室数据表中", file=str(prefer))
    if original is not None:
        paths = [original, *paths]
        chosen = None if chosen is None else chosen + 1
    cache: dict[str, packs.Pack] = {}
    got = [read(p, kind=kind, office=office, cache=cache) for p in paths]
    kinds = {g.data.kind or g.pack.info.kind for g in got}
    if len(kinds) > 1:
        what = ",".join(f"{g.path.name} 是“{g.data.kind or g.pack.info.kind}”" for g in got)
        raise WorkbookLayoutError(f"各数据表的报告类型不同,不能合并:{what}")
    names = [p.name for p in paths]
    if len(set(names)) < len(names):
        names = [str(p) for p in paths]
    copies = [merge_mod.Copy(g.path, n, g.loaded.sheets, g.data.origin)
              for g, n in zip(got, names, strict=True)]
    done = merge_mod.merge(copies, out, prefer=chosen, original=original is not None,
                           replace=force)
    done.warnings[:0] = [f"已跳过{'输出文件' if same_file(p, out) else '原表'}本身:{p}"
                         for p in skipped]
    return done
