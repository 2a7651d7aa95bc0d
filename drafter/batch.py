"""Check, render or roll up many workbooks: each pack read and its templates compiled once.

`check`, `render` and `rollup` below do the batch work of the commands of the same name
(drafter.commands.check, render, rollup call them): one workbook or many, they run every file
through one Session, here or in worker processes (parallel). A file that fails is recorded as
an Outcome and the rest go on; the exit code (errors.Exit) is the worst file's. Nothing here
prints: the caller shows progress (the `each` argument), the commands layer the findings and
the summary.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from drafter import files, parallel, pipeline
from drafter.config import packs
from drafter.config.packs import Pack
from drafter.errors import DrafterError, Exit, InputFileError, OutputError, reason
from drafter.files import same_file, sweeping
from drafter.model.figures import Figure, WorkbookData

if TYPE_CHECKING:
    from drafter.checks.rollup import Rollup
    from drafter.templating.render import Renderer

# Each file's code (errors.Exit): the batch exits with the worst.
OK, FIGURE_ERRORS, UNUSABLE, BUG = Exit.OK, Exit.FIGURE_ERRORS, Exit.UNUSABLE, Exit.BUG


@dataclass
class Outcome:
    """What became of one workbook."""

    path: Path
    result: pipeline.CheckResult | None = None  # None: the file could not be read
    output: Path | None = None  # the .docx written, if any
    problem: str = ""  # why no report was written, in Chinese ("" when all went well)
    code: Exit = OK
    exc: BaseException | None = None  # what went wrong, for --debug's traceback


class Session:
    """Options shared by every file of a batch, and what is loaded once for all of them."""

    def __init__(self, *, kind: str | None = None, office: Path | None = None,
                 draft: bool = False, strict: bool = False, trace: bool = False):
        self.kind = kind
        self.office = office
        self.draft = draft
        self.trace = trace  # render: a comment on each figure naming its cell
        self.strict = strict  # check: warnings count as failing
        self._packs: dict[str, Pack] = {}
        self._renderers: dict[str, Renderer] = {}

    @property
    def options(self) -> tuple[tuple[str, object], ...]:
        """The options, as a worker process makes the same Session from them."""
        return (("kind", self.kind), ("office", self.office), ("draft", self.draft),
                ("strict", self.strict), ("trace", self.trace))

    def pack(self, kind: str) -> Pack:
        found = self._packs.get(kind)
        if found is None:
            found = self._packs[kind] = packs.load(kind, self.office)
        return found

    def adopt(self, sent: parallel.Sent) -> Outcome:
        """An outcome from a worker process, with this process's copy of the pack."""
        result = None
        if sent.kind is not None:
            assert sent.report is not None and sent.data is not None
            pack = self.pack(sent.kind)
            data = sent.data
            data.figures = _for_rollup(data.figures)
            result = pipeline.CheckResult(sent.path, pack, data, sent.report,
                                          sent.catalog or pack.catalog, data)
        return Outcome(sent.path, result, sent.output, sent.problem, sent.code, sent.exc)

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
            if same_file(path, out):  # the output is to blame: named (present.problem)
                raise OutputError("输出文件不能是输入的数据表", file=str(out))
            if files.exists(out) and not force:
                raise OutputError("输出文件已存在(可能有您修改过的内容),未覆盖;"
                                  "如要覆盖,请加 --force", file=str(out))
            result = pipeline.check_workbook(path, kind=self.kind, office=self.office,
                                             cache=self._packs)
            if not result.report.valid and not self.draft:
                return Outcome(path, result, problem="数据有错误,未生成", code=FIGURE_ERRORS)
            pipeline.render_report(result, out, draft=self.draft,
                                   renderer=self.renderer(result.pack), replace=force,
                                   trace=self.trace)
            return Outcome(path, result, output=out)

        return _guarded(path, run)


def _guarded(path: Path, run: Callable[[], Outcome]) -> Outcome:
    try:
        return run()
    except DrafterError as exc:
        if exc.file and exc.file != str(path):  # another file is to blame (a template, the output)
            return Outcome(path, problem=exc.describe(), code=UNUSABLE, exc=exc)
        return Outcome(path, problem="：".join(p for p in (exc.where, exc.message) if p),
                       code=UNUSABLE, exc=exc)
    except Exception as exc:  # a bug: record it and go on with the other files
        return Outcome(path, problem=f"内部错误:{type(exc).__name__}: {exc}", code=BUG, exc=exc)


def worst(outcomes: Iterable[Outcome]) -> Exit:
    return max((o.code for o in outcomes), default=OK)


def slim(o: Outcome, *, figures: bool = False) -> Outcome:
    """The outcome as a batch keeps it: the findings and what became of the file, without
    the workbook's cells (a full result is ~130 KB: 3,000 would take ~400 MB), its computed
    figures too (a slim result is shown, never rendered). `figures`: the facts and the
    figures rollup sums are kept, compactly (see _for_rollup)."""
    r = o.result
    if r is None:
        return o
    data = WorkbookData(path=r.data.path, kind=r.data.kind, city=r.data.city)
    if figures:
        data.facts = r.data.facts
        data.figures = _for_rollup(r.data.figures)
    return replace(o, result=replace(r, data=data, computed=data))


_blanks: dict[tuple[object, ...], Figure] = {}


def _for_rollup(figures: dict[str, Figure]) -> dict[str, Figure]:
    """What checks.rollup and workbook.city read of a district's figures: each figure typed,
    without the cells it came from; a blank rate (written with its format) as one shared
    object; other blank figures left out (a missing figure reads as blank there)."""
    out = {}
    for key, f in figures.items():
        if f.value is None and f.previous is None and not (f.text or f.qualifier or f.scale
                                                           or f.computed):
            if f.kind != "rate":
                continue
            shape = (f.id, f.name, f.unit, f.kind, f.digits)
            f = _blanks.get(shape) or _blanks.setdefault(
                shape, Figure(id=f.id, name=f.name, unit=f.unit, kind=f.kind, digits=f.digits))
        elif f.cell is not None or f.previous_cell is not None:
            f = replace(f, cell=None, previous_cell=None)
        out[key] = f
    return out


# -- the commands ----------------------------------------------------------------------------

T = TypeVar("T")
# How to run a step over the items: in a plain loop, or with a progress bar (the CLI's).
Each = Callable[[Sequence[T], Callable[[T], Outcome], str], list[Outcome]]


def in_turn(items: Sequence[T], step: Callable[[T], Outcome], label: str) -> list[Outcome]:
    return [step(item) for item in items]


@dataclass
class Run:
    """What a command did: each file's outcome, and what it wrote besides."""

    outcomes: list[Outcome]
    annotated: Path | None = None  # check --annotate: the marked-up copy
    single: bool = False  # render: one workbook to one .docx (no summary table)
    city: City | None = None  # rollup: the city workbook written
    refused: str = ""  # rollup: why nothing was written
    refusal: Exit = OK  # rollup: the exit code of a refusal no file's outcome accounts for

    @property
    def code(self) -> Exit:
        return max(worst(self.outcomes), self.refusal)


def check(args: list[Path], *, kind: str | None = None, office: Path | None = None,
          strict: bool = False, annotate: Path | None = None, force: bool = False,
          each: Each = in_turn, jobs: int | None = None) -> Run:
    """`drafter check`: every workbook named; `annotate`: a marked-up copy of the only one.
    `jobs`: worker processes (default: the machine's cores for a large batch; 1: this one)."""
    paths = expand(args)
    if annotate is not None and len(paths) > 1:
        raise OutputError("--annotate 只能用于一个数据表", file=str(annotate))
    session = Session(kind=kind, office=office, strict=strict)
    run = Run(_each_file(session, paths, each, "检查", jobs))
    results = [o.result for o in run.outcomes if o.result is not None]
    if annotate is not None and results:
        from drafter.workbook.annotate import annotate as write_annotated

        write_annotated(paths[0], annotate, results[0].report.findings, replace=force)
        run.annotated = annotate
    return run


def render(args: list[Path], output: Path, *, kind: str | None = None,
           office: Path | None = None, draft: bool = False, force: bool = False,
           each: Each = in_turn, trace: bool = False, jobs: int | None = None) -> Run:
    """`drafter render`: one workbook to `output` (.docx), or each to output/<name>.docx.
    `jobs`: as for `check`."""
    paths = expand(args)
    session = Session(kind=kind, office=office, draft=draft, trace=trace)
    if len(paths) == 1 and output.suffix.lower() == ".docx":
        return Run([slim(session.render(paths[0], output, force=force))], single=True)
    if output.suffix.lower() == ".docx":
        raise OutputError("多个数据表时 -o 应为文件夹(如 输出/)", file=str(output))
    if output.suffix and not output.is_dir():
        raise OutputError("-o 应为 .docx 文件,或存放报告的文件夹", file=str(output))
    pairs = _report_folder(paths, output)
    with sweeping(output):  # the folder's stale temporary files: looked for once
        return Run(_each_file(session, pairs, each, "生成", jobs, force=force, swept=output))


def _report_folder(paths: list[Path], folder: Path) -> list[tuple[Path, Path | None]]:
    """Each workbook with its report in `folder` (made if missing; see `outputs`)."""
    pairs = list(outputs(paths, folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法建立输出文件夹:{reason(exc)}", file=str(folder)) from exc
    return pairs


@dataclass
class City:
    """A city workbook made by `rollup`: what was summed, recomputed and left to fill."""

    path: Path
    pack: Pack
    rollup: Rollup
    names: list[str] = field(default_factory=list)  # the districts, in order
    unit: str = ""


def rollup(args: list[Path], output: Path, *, unit: str = "", kind: str | None = None,
           office: Path | None = None, force: bool = False, each: Each = in_turn,
           jobs: int | None = None, reports: Path | None = None) -> Run:
    """`drafter rollup`: the districts' workbooks summed into one city workbook, written only
    when every district's workbook passes check (else Run.refused says why). `reports`: a
    folder where each district's report is written too, as `render` writes it, from the same
    reading and check of its workbook (each workbook is read once)."""
    from drafter.workbook import text

    if output.suffix.lower() != ".xlsx":
        raise OutputError("全市数据表应以 .xlsx 结尾", file=str(output))
    if text.invisible(unit):
        raise DrafterError(f"--unit 中有 {text.invisible(unit)} 个看不见的字符(零宽字符或改变文字方向"
                           "的控制字符,多半是复制时带进来的),请重新输入单位名称")
    if reports is not None and (reports.suffix.lower() in (".docx", ".xlsx")
                                or (reports.exists() and not reports.is_dir())):
        raise OutputError("--reports 应为存放各区县报告的文件夹", file=str(reports))
    paths = expand(args)
    if any(same_file(p, output) for p in paths):
        raise OutputError("输出文件不能是某个区县的数据表", file=str(output))
    if files.exists(output) and not force:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
    session = Session(kind=kind, office=office)
    if reports is None:
        run = Run(_each_file(session, paths, each, "检查", jobs, figures=True))
    else:
        pairs = _report_folder(paths, reports)
        with sweeping(reports):
            run = Run(_each_file(session, pairs, each, "检查并生成", jobs, force=force,
                                 figures=True, swept=reports))
    try:
        _sum(run, output, unit, force)
    except DrafterError as exc:
        if reports is None:
            raise
        # the reports are written: said with the summary that lists them, then why not the sum
        run.refused, run.refusal = exc.describe().rstrip("。") + "。", UNUSABLE
    return run


def _sum(run: Run, output: Path, unit: str, force: bool) -> None:
    """The city workbook from the districts' outcomes (rollup), or Run.refused; raises for a
    batch that cannot be summed at all (kinds differ, a city workbook or a district twice)."""
    from drafter.checks.rollup import District, district_name, roll_up
    from drafter.config.default_outline import as_rows
    from drafter.workbook import blank
    from drafter.workbook.city import Source, make_city

    results = [o.result for o in run.outcomes if o.result is not None]
    kinds = sorted({r.pack.info.kind for r in results})
    if len(kinds) > 1:
        raise DrafterError(f"各数据表的报告类型不一致({'、'.join(kinds)}),不能汇总")
    if any(o.code != OK for o in run.outcomes):
        run.refused = "有区县的数据表有错误或无法读取,未汇总。请区县改正后重新汇总。"
        return
    pack = results[0].pack
    _districts_only(results)
    districts = [District(district_name(r.data, r.path.stem), r.data) for r in results]
    names = [d.name for d in districts]
    _each_once(results, names)
    done = roll_up(pack.info.kind, districts, pack.catalog)
    sources = [Source(d.name, r.path, "通过" if not r.report.warnings
                      else f"通过,警告 {len(r.report.warnings)} 项")
               for d, r in zip(districts, results, strict=True)]
    blank.save(make_city(done, pack.catalog, pack.info.name, sources, unit,
                         as_rows(pack.outline), pack.part_names), output, replace=force)
    run.city = City(output, pack, done, names, unit)


def _districts_only(results: list[pipeline.CheckResult]) -> None:
    """A city workbook (rollup's own: 区县数据, 汇总来源) among the districts would count
    every district twice: refused, naming it."""
    for r in results:
        if r.data.city:
            raise InputFileError("这是全市数据表(有“区县数据”“汇总来源”表,由 drafter rollup "
                                 "生成),不是区县的数据表;与各区县一起汇总会把各区县的数算两遍。"
                                 "请只选各区县的数据表", file=str(r.path))


def _each_once(results: list[pipeline.CheckResult], names: list[str]) -> None:
    """Two workbooks of one district (a copy, or its name written with an invisible character,
    a full-width space or a compatibility form) are refused, naming both files."""
    from drafter.checks.rollup import name_key

    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        first = seen.setdefault(name_key(name), i)
        if first != i:
            a, b = results[first].path, results[i].path
            alike = "" if names[first] == name else (
                f"(写作“{names[first]}”和“{name}”,只差不可见字符、空格或全角半角)")
            raise DrafterError(f"{a} 和 {b} 是同一个区县的数据表:单位名称都是“{names[first]}”"
                               f"{alike}。同一区县只能汇总一次,请核对后去掉其中一份")


def _each_file(session: Session, items: Sequence[Path | tuple[Path, Path | None]], each: Each,
               label: str, jobs: int | None, *, force: bool = False, figures: bool = False,
               swept: Path | None = None) -> list[Outcome]:
    """Every item checked (a path) or rendered (a path and its report; no report: a name
    clash), in this process or in worker processes, outcomes slimmed (see `slim`)."""

    def here(item: Path | tuple[Path, Path | None]) -> Outcome:
        if not isinstance(item, tuple):
            return slim(session.check(item), figures=figures)
        path, out = item
        return clash(path) if out is None else slim(session.render(path, out, force=force),
                                                    figures=figures)

    work = [i for i in items if not isinstance(i, tuple) or i[1] is not None]
    n = parallel.workers(jobs, len(work))
    if n <= 1:
        return each(items, here, label)
    mine = parallel.ahead(len(work), n)  # the first files, done here while the workers start
    tasks = [(session.options, item, force, figures) for item in work[mine:]]
    with parallel.pool(n, render=isinstance(work[0], tuple), swept=swept) as pool:
        done = parallel.results(pool, tasks, n)  # the workers start at the first result asked

        def there(item: Path | tuple[Path, Path | None]) -> Outcome:
            nonlocal mine
            if isinstance(item, tuple) and item[1] is None:
                return clash(item[0])
            if mine:
                mine -= 1
                return here(item)
            return session.adopt(next(done))

        return each(items, there, label)


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
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a link loop: refused by the reader, naming the file
            key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _one(arg: Path) -> list[Path]:
    try:
        folder, there = arg.is_dir(), arg.exists()
    except OSError:  # a name too long, a link loop: the reader says so, naming the file
        return [arg]
    if folder:
        files = sorted(p for p in arg.iterdir() if p.suffix.lower() == ".xlsx"
                       and not p.name.startswith("~$") and p.is_file())
        if not files:
            raise InputFileError("文件夹中没有 .xlsx 数据表", file=str(arg))
        return files
    if not there and glob.has_magic(str(arg)):
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
