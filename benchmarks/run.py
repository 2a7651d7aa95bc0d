"""drafter's benchmarks: whole processes, timed side by side, medians of interleaved runs.

    python benchmarks/run.py                 # 5 runs of every case after one warm-up round
    python benchmarks/run.py --docs          # the same, plus phases.py, written into
                                             # docs/performance.md (its two generated blocks)
    python benchmarks/run.py --markdown      # the tables as Markdown, on standard output
    python benchmarks/run.py --quick         # 1 run, 10 workbooks, 1,000 rows: a smoke test

Each comparison pits drafter against the peer a team would otherwise use:

- one report, end to end, as a CLI process ≤ 1.0× a script reading the same workbook with
  openpyxl and rendering the same text with docxtpl;
- 100 workbooks → 100 reports in one process ≤ 0.35× 100 pandoc runs, and ≤ 1.0× docxtpl
  rendering the same 100 documents in one process;
- `drafter check` of the 10,000-row workbook ≤ 0.5× openpyxl (read-only) merely loading it;
- `drafter --help` ≤ 6× `python -c pass`;

and, for reference, the floor under them: a process that only imports the libraries the brief
names (typer, python-docx, jinja2, babel with its zh_CN data) against the one-report peer, and
one that only imports typer against `python -c pass`.

drafter is timed as installed: a non-editable copy of this checkout that pip installs (and
compiles) into the work folder, since a checkout has no bytecode under
PYTHONDONTWRITEBYTECODE (--source times the drafter this Python has instead). Inputs are made
in a temporary folder (--workdir keeps them). Every case is a separate process started with
subprocess and timed with time.perf_counter; the cases run round-robin (case A run 1, case B
run 1, …, case A run 2, …) so that noise on a shared machine falls on all of them alike. Each
case's output is checked once (the report's title is in every .docx, every workbook of a
batch has its report, `check` exits 0). docs/performance.md explains the cases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import installed, large, same_text, treemem
from benchmarks.installed import Drafter
from benchmarks.outputs import (
    BenchError,
    cells_read,
    helps,
    outputs,
    passed,
)
from benchmarks.table import (
    CASE_HEADERS,
    COMPARISON_HEADERS,
    END,
    Comparison,
    begin_marker,
    case_rows,
    comparison_rows,
    machine,
    table,
    update_docs,
)

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SAMPLE_001 = next((ROOT / "sample_inputs").glob("001_*.xlsx"))
PYTHON = sys.executable

# The floor under any drafter process: the libraries the brief names for the command line,
# the Word document, the templates and the numbers, imported, and babel's zh_CN data loaded
# (what the first number written loads). drafter's own modules and work come on top of it.
# With the garbage collector off while importing, as drafter starts (drafter.startup).
FLOOR = ("import gc\ngc.disable()\n"
         "import typer, typer.main, docx, jinja2, jinja2.sandbox, babel.numbers\n"
         "from babel.core import Locale\nLocale.parse('zh_CN').number_symbols")
TYPER = "import gc\ngc.disable()\nimport typer, typer.main"

# 100 pandoc processes, as a shell loop would start them
PANDOC_LOOP = """\
for f in "$1"/*.md; do
  n=${f##*/}
  "$4" "$f" --reference-doc="$3" -o "$2/${n%.md}.docx" || exit 1
done
"""



def comparisons(batch: int, rows: int) -> list[Comparison]:
    """What is compared with what, and the targets (issue 15); the last three for reference."""
    big = f"{rows:,} 行大表"
    return [
        Comparison("一份报告：drafter render ÷ openpyxl 读表 + docxtpl 渲染", "drafter_one",
                   "peer_one", 1.0),
        Comparison(f"{batch} 份报告：drafter 一个进程 ÷ pandoc {batch} 个进程", "drafter_batch",
                   "pandoc_batch", 0.35),
        Comparison(f"{batch} 份报告：drafter 一个进程 ÷ docxtpl 一个进程", "drafter_batch",
                   "docxtpl_batch", 1.0),
        Comparison(f"{big}：drafter check ÷ openpyxl 只读载入（Excel 写法）", "check_shared",
                   "openpyxl_shared", 0.5),
        Comparison(f"{big}：drafter check ÷ openpyxl 只读载入（openpyxl 写法）", "check_large",
                   "openpyxl_large", 0.5),
        Comparison("启动：drafter --help ÷ python -c pass", "help", "python", 6.0),
        Comparison("下限：必需程序库的导入 ÷ openpyxl 读表 + docxtpl 渲染", "floor", "peer_one"),
        Comparison("下限：只导入 typer ÷ python -c pass", "typer", "python"),
        Comparison("一份报告：drafter render ÷ docxtpl 只渲染", "drafter_one", "docxtpl_one"),
        Comparison("一份报告：drafter 首次运行（模板缓存为空）÷ openpyxl + docxtpl", "drafter_cold",
                   "peer_one"),
        Comparison("一份报告：drafter render ÷ pandoc", "drafter_one", "pandoc_one"),
        Comparison(f"{batch} 份报告：drafter 默认 --jobs（本机核数）÷ docxtpl 一个进程",
                   "drafter_jobs", "docxtpl_batch"),
        Comparison(f"{batch} 份报告：drafter 默认 --jobs（本机核数）÷ pandoc {batch} 个进程",
                   "drafter_jobs", "pandoc_batch"),
    ]


@contextmanager
def _cache_in(folder: Path) -> Iterator[None]:
    """drafter's cache in `folder` for this process, for the duration."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before


# ------------------------------------------------------------------------------ inputs


@dataclass
class Inputs:
    work: Path
    same: same_text.SameText
    batch_in: list[Path]  # copies of sample 001
    batch_md: Path  # folder of as many copies of report.md
    large: large.Large
    large_shared: Path
    pandoc: str | None
    drafter: Drafter
    notes: list[str] = field(default_factory=list)


def prepare(work: Path, *, batch: int = 100, rows: int = 10_000,
            install: bool = True) -> Inputs:
    """Make every input in `work`: drafter installed (unless `install` is false), the same
    report for pandoc and docxtpl, `batch` copies of sample 001 (and of its Markdown), and the
    large office folder and workbook."""
    work.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    drafter = installed.install(work / "installed") if install else installed.from_environment()
    if installed.in_checkout(drafter.where):
        notes.append("计时的是源码目录中的 drafter（没有字节码，导入偏慢）；"
                     "不加 --source 时脚本会先安装一份再计时。")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        notes.append("未找到 pandoc，跳过与 pandoc 的对比（安装：apt-get install -y pandoc）。")
    with _cache_in(work / "cache"):  # drafter renders sample 001 here: not in the user's cache
        same = same_text.prepare(SAMPLE_001, work / "same")
    if same.template is None:
        notes.append('未安装 docxtpl 或 python-docx，跳过与 docxtpl 的对比（安装：pip install ".[bench]"）。')
    batch_in_dir, batch_md = work / "batch_in", work / "batch_md"
    for folder in (batch_in_dir, batch_md):  # a kept --workdir may hold a larger batch
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    batch_in = []
    for k in range(1, batch + 1):
        stem = f"{k:03d}_{SAMPLE_001.stem}"
        batch_in.append(batch_in_dir / f"{stem}.xlsx")
        shutil.copyfile(SAMPLE_001, batch_in[-1])
        shutil.copyfile(same.markdown, batch_md / f"{stem}.md")
    for name in ("out", "batch_drafter", "batch_jobs", "batch_pandoc", "batch_docxtpl"):
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    made = large.make(work / "large", rows)
    shared = work / "large" / "large-shared.xlsx"
    large.shared_strings_copy(made.workbook, shared)
    return Inputs(work, same, batch_in, batch_md, made, shared, pandoc, drafter, notes)


# ------------------------------------------------------------------------------ cases


@dataclass
class Case:
    key: str
    label: str  # Chinese, for the table
    argv: list[str]
    verify: Callable[[subprocess.CompletedProcess[bytes]], None]
    env: dict[str, str] | None = None  # the environment of the process (default: ours)
    before: Callable[[], None] | None = None  # untimed, before every run
    cwd: Path | None = None  # the folder it runs in (not the checkout: see build_cases)


def build_cases(inp: Inputs) -> list[Case]:
    """Every case; those of a missing peer (pandoc, docxtpl) are left out. Each runs in the
    work folder, so that `python -c`/`-m` never imports drafter from the checkout."""
    drafter, same, title, out = inp.drafter.argv, inp.same, inp.same.title, inp.work / "out"
    stems = [p.stem for p in inp.batch_in]
    n = len(stems)
    env = inp.drafter.env(inp.work / "cache")
    cold_cache = inp.work / "cache-cold"
    tpl = [PYTHON, str(HERE / "docxtpl_render.py")]
    cases = [
        Case("drafter_one", "一份报告 · drafter render（读表、核对、渲染、写出）",
             [*drafter, "render", str(SAMPLE_001), "-o", str(out / "drafter.docx"), "--force"],
             outputs(out, ["drafter"], title), env=env),
        Case("drafter_cold", "一份报告 · drafter render（首次运行：模板缓存为空）",
             [*drafter, "render", str(SAMPLE_001), "-o", str(out / "drafter-cold.docx"),
              "--force"],
             outputs(out, ["drafter-cold"], title), env=inp.drafter.env(cold_cache),
             before=lambda: shutil.rmtree(cold_cache, ignore_errors=True)),
    ]
    if same.template is not None:
        cases += [
            Case("peer_one", "一份报告 · openpyxl 读表 + docxtpl 渲染（同一数据表、同样文字）",
                 [*tpl, "--workbook", str(SAMPLE_001), str(same.template), str(same.context),
                  str(out / "peer.docx")], outputs(out, ["peer"], title)),
            Case("docxtpl_one", "一份报告 · docxtpl 只渲染（载入模板、填入文字、保存）",
                 [*tpl, str(same.template), str(same.context), str(out / "docxtpl.docx")],
                 outputs(out, ["docxtpl"], title)),
        ]
    if inp.pandoc:
        cases.append(Case("pandoc_one", "一份报告 · pandoc（Markdown → docx，参考文档）",
                          [inp.pandoc, str(same.markdown), f"--reference-doc={same.reference}",
                           "-o", str(out / "pandoc.docx")],
                          outputs(out, ["pandoc"], title)))
    batch_out, jobs_out = inp.work / "batch_drafter", inp.work / "batch_jobs"
    cases += [
        Case("drafter_batch", f"{n} 份报告 · drafter render 全部数据表（一个进程，--jobs 1）",
             [*drafter, "render", *map(str, inp.batch_in), "-o", f"{batch_out}{os.sep}",
              "--force", "--jobs", "1"], outputs(batch_out, stems, title), env=env),
        Case("drafter_jobs", f"{n} 份报告 · drafter render 全部数据表（默认 --jobs：本机核数）",
             [*drafter, "render", *map(str, inp.batch_in), "-o", f"{jobs_out}{os.sep}",
              "--force"], outputs(jobs_out, stems, title), env=env),
    ]
    if inp.pandoc:
        pandoc_out = inp.work / "batch_pandoc"
        cases.append(Case("pandoc_batch", f"{n} 份报告 · pandoc（{n} 个进程）",
                          ["sh", "-c", PANDOC_LOOP, "sh", str(inp.batch_md), str(pandoc_out),
                           str(same.reference), inp.pandoc],
                          outputs(pandoc_out, stems, title)))
    if same.template is not None:
        tpl_out = inp.work / "batch_docxtpl"
        cases.append(Case("docxtpl_batch", f"{n} 份报告 · docxtpl（一个进程）",
                          [*tpl, str(same.template), str(same.context),
                           *(str(tpl_out / f"{s}.docx") for s in stems)],
                          outputs(tpl_out, stems, title)))
    big = inp.large
    office = ["--office", str(big.office)]
    load = [PYTHON, str(HERE / "openpyxl_load.py")]
    cases += [
        Case("check_large", f"drafter check · {big.rows:,} 行指标（openpyxl 写出的表）",
             [*drafter, "check", str(big.workbook), *office], passed, env=env),
        Case("openpyxl_large", f"openpyxl 只读载入 · {big.rows:,} 行指标（openpyxl 写出的表）",
             [*load, str(big.workbook)], cells_read(big.rows * 6)),
        Case("check_shared", f"drafter check · {big.rows:,} 行指标（共享字符串，同 Excel 保存）",
             [*drafter, "check", str(inp.large_shared), *office], passed, env=env),
        Case("openpyxl_shared", f"openpyxl 只读载入 · {big.rows:,} 行指标（共享字符串）",
             [*load, str(inp.large_shared)], cells_read(big.rows * 6)),
        Case("help", "drafter --help（启动）", [*drafter, "--help"], helps, env=env),
        Case("python", "python -c pass（Python 自身启动）", [PYTHON, "-c", "pass"],
             lambda _proc: None),
        Case("floor", "下限：只导入 typer、python-docx、jinja2、babel 并载入 zh_CN 数据",
             [PYTHON, "-c", FLOOR], lambda _proc: None),
        Case("typer", "下限：只导入 typer（命令行程序库）", [PYTHON, "-c", TYPER],
             lambda _proc: None),
    ]
    for case in cases:
        case.cwd = inp.work
    return cases


# ------------------------------------------------------------------------------ timing


def run_once(case: Case) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall seconds, CPU seconds (user + system of the whole process tree: --jobs workers
    and the forkserver are reaped here, see treemem.py) and the finished process of one run
    of `case`."""
    if case.before is not None:
        case.before()
    used = treemem.run(case.argv, env=case.env, cwd=case.cwd, sample=False)
    elapsed, cpu = used.wall, used.cpu
    proc = subprocess.CompletedProcess(case.argv, used.code, used.stdout, used.stderr)
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-800:]
        raise BenchError(f"{case.label} 失败（退出码 {proc.returncode}）：{err}")
    return elapsed, cpu, proc


def measure(cases: list[Case], *, runs: int, warmup: bool = True,
            progress: Callable[[str], None] | None = None,
            cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Wall seconds of each run of each case, round-robin; CPU seconds go into `cpu` when it
    is given. Each case's output is verified after its first run (the warm-up if any)."""
    times: dict[str, list[float]] = {c.key: [] for c in cases}
    if cpu is not None:
        cpu.update({c.key: [] for c in cases})
    rounds = runs + (1 if warmup else 0)
    for r in range(rounds):
        if progress:
            progress(f"第 {r + 1}/{rounds} 轮" + ("（预热，不计时）" if warmup and r == 0 else ""))
        for case in cases:
            elapsed, used, proc = run_once(case)
            if r == 0:
                case.verify(proc)
            if not (warmup and r == 0):
                times[case.key].append(elapsed)
                if cpu is not None:
                    cpu[case.key].append(used)
    return times


# ------------------------------------------------------------------------------ report

COMMAND = "python benchmarks/run.py --docs"


def report(inp: Inputs, cases: list[Case], times: dict[str, list[float]], *, runs: int,
           warmup: bool, markdown: bool, cpu: dict[str, list[float]] | None = None) -> str:
    """The comparisons, then every case, then the machine; in Markdown between the markers
    that docs/performance.md carries."""
    when = time.strftime("%Y-%m-%d %H:%M")
    how = f"每项 {runs} 次" + ("，另有 1 次预热不计" if warmup else "") + "，各项交替运行，取中位数"
    pairs = comparisons(len(inp.batch_in), inp.large.rows)
    compared = table(COMPARISON_HEADERS, comparison_rows(pairs, times, cpu), markdown=markdown)
    every = table(CASE_HEADERS, case_rows({c.key: c.label for c in cases}, times),
                  markdown=markdown)
    facts = machine(inp.pandoc, inp.drafter.argv, inp.drafter.where)
    scope = (f"报告全文 {inp.same.chars:,} 字（示例 001）；批量 {len(inp.batch_in)} 份；"
             f"大表另加 {inp.large.generated:,} 项指标。")
    if not markdown:
        lines = [f"{when}，{how}。{scope}", *facts, "", compared, "", every, "", *inp.notes]
        return "\n".join(lines).rstrip() + "\n"
    lines = [begin_marker(COMMAND), f"测量于 {when}，{how}。{scope}", "",
             *[f"- {f}" for f in facts], "", compared, "", "各项用时：", "", every, ""]
    lines += [f"- {n}" for n in inp.notes] + ([""] if inp.notes else []) + [END]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="drafter 的性能测试：整个进程计时，各项交替运行，取中位数。")
    parser.add_argument("--runs", type=int, help="每项计时次数（默认 5；--quick 时为 1）")
    parser.add_argument("--quick", action="store_true",
                        help="快速检查：1 次、不预热、10 份批量、1000 项指标")
    parser.add_argument("--markdown", action="store_true", help="以 Markdown 输出表格")
    parser.add_argument("--docs", action="store_true",
                        help="测完后连同 phases.py 的分步表一起写入 docs/performance.md")
    parser.add_argument("--source", action="store_true",
                        help="不安装，直接计时当前 Python 的 drafter（源码目录没有字节码，偏慢）")
    parser.add_argument("--batch", type=int, help="批量份数（默认 100）")
    parser.add_argument("--rows", type=int, help="大表生成的指标数（默认 10000）")
    parser.add_argument("--workdir", type=Path, help="输入和输出放在此文件夹并保留（默认用临时文件夹）")
    parser.add_argument("--province", type=int, default=3000,
                        help="--docs 时全省的数据表个数（默认 3000；0 表示不测，见 scale.py）")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    batch = args.batch or (10 if args.quick else 100)
    nrows = args.rows or (1_000 if args.quick else 10_000)
    warmup = not args.quick

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        work = (args.workdir or Path(tmp)).resolve()
        say(f"准备输入：{work}")
        try:
            inp = prepare(work, batch=batch, rows=nrows, install=not args.source)
            for note in inp.notes:
                say(note)
            cases = build_cases(inp)
            cpu: dict[str, list[float]] = {}
            times = measure(cases, runs=runs, warmup=warmup, progress=say, cpu=cpu)
        except (BenchError, installed.InstallError) as exc:
            say(f"错误：{exc}")
            return 1
        text = report(inp, cases, times, runs=runs, warmup=warmup,
                      markdown=args.markdown or args.docs, cpu=cpu)
        print(text, end="")
        if args.docs:
            from benchmarks import phases

            update_docs(COMMAND, text)
            say("分步计时（phases.py）……")
            update_docs(phases.COMMAND, phases.markdown(phases.measure(7, drafter=inp.drafter)))
            if args.province:
                _scale(inp, args.province, say)
            say(f"已写入 {installed.ROOT / 'docs' / 'performance.md'}")
    return 0


def _scale(inp: Inputs, count: int, say: Callable[[str], None]) -> None:
    """scale.py's block: --jobs on 300 workbooks, and the province of `count`."""
    from benchmarks import scale

    (inp.work / "scale").mkdir(exist_ok=True)
    try:
        s, steps, made = scale.measure(inp.drafter, count=count, batch=min(300, count), runs=3,
                                       cache=scale.default_cache(count), work=inp.work / "scale",
                                       say=say)
    except scale.ScaleError as exc:
        raise BenchError(str(exc)) from exc
    update_docs(scale.COMMAND, scale.report(s, steps, markdown=True, count=count,
                                            made=made.made))


if __name__ == "__main__":
    sys.exit(main())
