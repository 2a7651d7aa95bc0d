"""Many workbooks in one process: each pack read and its templates compiled once.

`drafter check a.xlsx b.xlsx …` and `drafter render 区县/*.xlsx -o 输出/` run every file
through one Session. A file that fails is recorded as an Outcome and the rest go on; the
exit code is the worst file's. Nothing here prints: the CLI shows progress and the summary.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import pipeline
from drafter.config.packs import Pack
from drafter.errors import DrafterError, InputFileError, OutputError

if TYPE_CHECKING:
    from drafter.templating.render import Renderer

# Exit codes, also each file's code: the batch exits with the worst.
OK, FIGURE_ERRORS, UNUSABLE, BUG = 0, 1, 2, 3


@dataclass
class Outcome:
    """What became of one workbook."""

    path: Path
    result: pipeline.CheckResult | None = None  # None: the file could not be read
    output: Path | None = None  # the .docx written, if any
    problem: str = ""  # why no report was written, in Chinese ("" when all went well)
    code: int = OK
    exc: BaseException | None = None  # what went wrong, for --debug's traceback


class Session:
    """Options shared by every file of a batch, and what is loaded once for all of them."""

    def __init__(self, *, kind: str | None = None, office: Path | None = None,
                 draft: bool = False, strict: bool = False):
        self.kind = kind
        self.office = office
        self.draft = draft
        self.strict = strict  # check: warnings count as failing
        self._packs: dict[str, Pack] = {}
        self._renderers: dict[str, Renderer] = {}

    def renderer(self, pack: Pack) -> Renderer:
        from drafter.templating.render import Renderer

        found = self._renderers.get(pack.info.kind)
        if found is None:
            found = self._renderers[pack.info.kind] = Renderer(pack, draft=self.draft)
        return found

    def check(self, path: Path) -> Outcome:
        def run() -> Outcome:
            result = pipeline.check_workbook(path, kind=self.kind, office=self.office,
                                             cache=self._packs)
            failing = not result.report.valid or (self.strict and bool(result.report.warnings))
            return Outcome(path, result, code=FIGURE_ERRORS if failing else OK)

        return _guarded(path, run)

    def render(self, path: Path, out: Path, *, force: bool = False) -> Outcome:
        def run() -> Outcome:
            if out.exists() and not force:
                return Outcome(path, problem="输出文件已存在,未覆盖(加 --force 覆盖)",
                               code=UNUSABLE)
            result = pipeline.check_workbook(path, kind=self.kind, office=self.office,
                                             cache=self._packs)
            if not result.report.valid and not self.draft:
                return Outcome(path, result, problem="数据有错误,未生成", code=FIGURE_ERRORS)
            pipeline.render_report(result, out, draft=self.draft,
                                   renderer=self.renderer(result.pack), replace=force)
            return Outcome(path, result, output=out)

        return _guarded(path, run)


def _guarded(path: Path, run: Callable[[], Outcome]) -> Outcome:
    try:
        return run()
    except DrafterError as exc:
        if exc.file and exc.file != str(path):  # another file is to blame (a template, the output)
            return Outcome(path, problem=exc.describe(), code=UNUSABLE, exc=exc)
        return Outcome(path, problem=":".join(p for p in (exc.where, exc.message) if p),
                       code=UNUSABLE, exc=exc)
    except Exception as exc:  # a bug: record it and go on with the other files
        return Outcome(path, problem=f"内部错误:{type(exc).__name__}: {exc}", code=BUG, exc=exc)


def worst(outcomes: Iterable[Outcome]) -> int:
    return max((o.code for o in outcomes), default=OK)


# -- which files -----------------------------------------------------------------------------


def expand(args: Iterable[Path]) -> list[Path]:
    """The workbooks named: files as given, a folder's .xlsx files, and a pattern such as
    区县/*.xlsx expanded here too (Windows shells leave it to the program). Excel's lock
    files (~$…) are skipped and each workbook is listed once."""
    found: list[Path] = []
    for arg in args:
        found += _one(arg)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _one(arg: Path) -> list[Path]:
    if arg.is_dir():
        files = sorted(p for p in arg.iterdir() if p.suffix.lower() == ".xlsx"
                       and not p.name.startswith("~$") and p.is_file())
        if not files:
            raise InputFileError("文件夹中没有 .xlsx 数据表", file=str(arg))
        return files
    if not arg.exists() and glob.has_magic(str(arg)):
        files = sorted(Path(p) for p in glob.glob(str(arg))
                       if not Path(p).name.startswith("~$") and Path(p).is_file())
        if not files:
            raise InputFileError("没有与之匹配的文件", file=str(arg))
        return files
    return [arg]


def outputs(paths: list[Path], folder: Path) -> Iterator[tuple[Path, Path | None]]:
    """Each workbook with its report, folder/<name>.docx; None for a second workbook whose
    name would write over the first one's report."""
    if folder.exists() and not folder.is_dir():
        raise OutputError("多个数据表时 -o 应为文件夹,而这是一个文件", file=str(folder))
    taken: set[str] = set()
    for path in paths:
        name = path.stem + ".docx"
        if name.casefold() in taken:
            yield path, None
            continue
        taken.add(name.casefold())
        yield path, folder / name


def clash(path: Path) -> Outcome:
    return Outcome(path, problem="与前面的数据表同名,报告会互相覆盖,已跳过;请改名后重试",
                   code=UNUSABLE)
