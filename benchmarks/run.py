"""drafter's benchmarks: whole processes, timed side by side, medians of several runs.

    python benchmarks/run.py                 # 5 runs of every case after one warm-up round
    python benchmarks/run.py --markdown      # the same, printed for docs/performance.md
    python benchmarks/run.py --quick         # 1 run, 10 workbooks, 1,000 rows: a smoke test

Inputs are made in a temporary folder (--workdir keeps them). Every case is a separate
process started with subprocess and timed with time.perf_counter; the cases run round-robin
(case A run 1, case B run 1, …, case A run 2, …) so that noise on a shared machine falls on
all of them alike. Each case's output is checked once (the report's title is in every .docx,
every workbook of a batch has its report, `check` exits 0). docs/performance.md explains the
cases and what they are compared with.
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import large, same_text

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SAMPLE_001 = next((ROOT / "sample_inputs").glob("001_*.xlsx"))
PYTHON = sys.executable

# 100 pandoc processes, as a shell loop would start them
PANDOC_LOOP = """\
for f in "$1"/*.md; do
  n=${f##*/}
  "$4" "$f" --reference-doc="$3" -o "$2/${n%.md}.docx" || exit 1
done
"""


class BenchError(Exception):
    """A case failed or made a wrong output: the message says which, in Chinese."""


def drafter_command() -> list[str]:
    """The `drafter` console script beside this Python (not a pyenv shim), else -m drafter."""
    script = Path(PYTHON).with_name("drafter")
    return [str(script)] if script.is_file() else [PYTHON, "-m", "drafter"]


def cache_env(folder: Path) -> dict[str, str]:
    """Our environment with drafter's per-user cache (compiled templates) in `folder`, so a
    run neither uses nor disturbs the user's own cache."""
    return {**os.environ, "XDG_CACHE_HOME": str(folder)}


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
    notes: list[str] = field(default_factory=list)


def prepare(work: Path, *, batch: int = 100, rows: int = 10_000) -> Inputs:
    """Make every input in `work`: the same report for pandoc and docxtpl, `batch` copies of
    sample 001 (and of its Markdown), and the large office folder and workbook."""
    work.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        notes.append("未找到 pandoc,跳过与 pandoc 的对比(安装:apt-get install -y pandoc)。")
    with _cache_in(work / "cache"):  # drafter renders sample 001 here: not in the user's cache
        same = same_text.prepare(SAMPLE_001, work / "same")
    if same.template is None:
        notes.append('未安装 docxtpl 或 python-docx,跳过与 docxtpl 的对比(安装:pip install ".[bench]")。')
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
    for name in ("out", "batch_drafter", "batch_pandoc", "batch_docxtpl"):
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    made = large.make(work / "large", rows)
    shared = work / "large" / "large-shared.xlsx"
    large.shared_strings_copy(made.workbook, shared)
    return Inputs(work, same, batch_in, batch_md, made, shared, pandoc, notes)


# ------------------------------------------------------------------------------ cases


@dataclass
class Case:
    key: str
    label: str  # Chinese, for the table
    argv: list[str]
    verify: Callable[[subprocess.CompletedProcess[bytes]], None]
    versus: str | None = None  # key of the case this one is compared with
    ratio_target: float | None = None  # this ÷ versus must not exceed it
    seconds_target: float | None = None  # the median must not exceed it
    env: dict[str, str] | None = None  # the environment of the process (default: ours)
    before: Callable[[], None] | None = None  # untimed, before every run


def docx_text(path: Path) -> str:
    """The text of a .docx body, runs joined (a title broken over two lines reads whole)."""
    if not path.is_file():
        raise BenchError(f"没有生成 {path}")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", body)))


def docx_has(path: Path, text: str) -> None:
    """`path` is a .docx whose body contains `text`."""
    if text not in docx_text(path):
        raise BenchError(f"{path} 中没有“{text}”")


def _outputs(folder: Path, stems: list[str], title: str) -> Callable[..., None]:
    def verify(_proc: subprocess.CompletedProcess[bytes]) -> None:
        for stem in stems:
            docx_has(folder / f"{stem}.docx", title)

    return verify


def _passed(_proc: subprocess.CompletedProcess[bytes]) -> None:
    """`drafter check` passed: run_once has seen its exit code 0 (no errors in the figures)."""


def _helps(proc: subprocess.CompletedProcess[bytes]) -> None:
    if b"render" not in proc.stdout:
        raise BenchError("drafter --help 的输出中没有 render 命令")


def build_cases(inp: Inputs) -> list[Case]:
    drafter = drafter_command()
    same, title, out = inp.same, inp.same.title, inp.work / "out"
    n = len(inp.batch_in)
    stems = [p.stem for p in inp.batch_in]
    env = cache_env(inp.work / "cache")
    cold_cache = inp.work / "cache-cold"
    cases = [
        Case("drafter_one", "一份报告 · drafter render(读取、检查、渲染、写出)",
             [*drafter, "render", str(SAMPLE_001), "-o", str(out / "drafter.docx"), "--force"],
             _outputs(out, ["drafter"], title), versus="docxtpl_one", ratio_target=1.0, env=env),
        Case("drafter_cold", "一份报告 · drafter render(首次运行:模板缓存为空)",
             [*drafter, "render", str(SAMPLE_001), "-o", str(out / "drafter-cold.docx"),
              "--force"],
             _outputs(out, ["drafter-cold"], title), versus="docxtpl_one",
             env=cache_env(cold_cache),
             before=lambda: shutil.rmtree(cold_cache, ignore_errors=True)),
    ]
    if same.template is not None:
        cases.append(Case("docxtpl_one", "一份报告 · docxtpl(载入模板、渲染、保存)",
                          [PYTHON, str(HERE / "docxtpl_render.py"), str(same.template),
                           str(same.context), str(out / "docxtpl.docx")],
                          _outputs(out, ["docxtpl"], title)))
    if inp.pandoc:
        cases.append(Case("pandoc_one", "一份报告 · pandoc(Markdown → docx,参考文档)",
                          [inp.pandoc, str(same.markdown), f"--reference-doc={same.reference}",
                           "-o", str(out / "pandoc.docx")],
                          _outputs(out, ["pandoc"], title)))
    batch_out = inp.work / "batch_drafter"
    cases.append(Case("drafter_batch", f"{n} 份报告 · drafter render 全部数据表(一个进程)",
                      [*drafter, "render", *map(str, inp.batch_in), "-o", f"{batch_out}{os.sep}",
                       "--force"],
                      _outputs(batch_out, stems, title), versus="pandoc_batch",
                      ratio_target=0.35, env=env))
    if inp.pandoc:
        pandoc_out = inp.work / "batch_pandoc"
        cases.append(Case("pandoc_batch", f"{n} 份报告 · pandoc({n} 个进程)",
                          ["sh", "-c", PANDOC_LOOP, "sh", str(inp.batch_md), str(pandoc_out),
                           str(same.reference), inp.pandoc],
                          _outputs(pandoc_out, stems, title)))
    if same.template is not None:
        tpl_out = inp.work / "batch_docxtpl"
        cases.append(Case("docxtpl_batch", f"{n} 份报告 · docxtpl(一个进程,参考)",
                          [PYTHON, str(HERE / "docxtpl_render.py"), str(same.template),
                           str(same.context), *(str(tpl_out / f"{s}.docx") for s in stems)],
                          _outputs(tpl_out, stems, title)))
    big = inp.large
    office = ["--office", str(big.office)]
    cases += [
        Case("check_large", f"drafter check · {big.rows:,} 行指标(openpyxl 写出的表)",
             [*drafter, "check", str(big.workbook), *office], _passed, seconds_target=1.0,
             env=env),
        Case("check_shared", f"drafter check · {big.rows:,} 行指标(共享字符串,同 Excel 保存)",
             [*drafter, "check", str(inp.large_shared), *office], _passed, seconds_target=1.0,
             env=env),
        Case("help", "drafter --help(启动)", [*drafter, "--help"], _helps,
             versus="python", seconds_target=0.15, env=env),
        Case("python", "python -c pass(Python 自身启动,参考)", [PYTHON, "-c", "pass"],
             lambda _proc: None),
    ]
    return cases


# ------------------------------------------------------------------------------ timing


def run_once(case: Case) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    if case.before is not None:
        case.before()
    start = time.perf_counter()
    proc = subprocess.run(case.argv, capture_output=True, check=False, env=case.env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        err = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-800:]
        raise BenchError(f"{case.label} 失败(退出码 {proc.returncode}):{err}")
    return elapsed, proc


def measure(cases: list[Case], *, runs: int, warmup: bool = True,
            progress: Callable[[str], None] | None = None) -> dict[str, list[float]]:
    """Seconds of each run of each case, round-robin. Each case's output is verified after
    its first run (the warm-up when there is one)."""
    times: dict[str, list[float]] = {c.key: [] for c in cases}
    rounds = runs + (1 if warmup else 0)
    for r in range(rounds):
        if progress:
            progress(f"第 {r + 1}/{rounds} 轮" + ("(预热,不计时)" if warmup and r == 0 else ""))
        for case in cases:
            elapsed, proc = run_once(case)
            if r == 0:
                case.verify(proc)
            if not (warmup and r == 0):
                times[case.key].append(elapsed)
    return times


# ------------------------------------------------------------------------------ report


def _fmt_time(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def _fmt_ratio(ratio: float) -> str:
    return f"{ratio:.2f}×"


def rows(cases: list[Case], times: dict[str, list[float]]) -> list[list[str]]:
    """Table rows: case, median, min–max, runs, compared with, ratio, target, result."""
    by_key = {c.key: c for c in cases}
    med = {k: statistics.median(v) for k, v in times.items() if v}
    out = []
    for c in cases:
        t = times[c.key]
        other = by_key.get(c.versus or "")
        ratio = med[c.key] / med[other.key] if other and other.key in med else None
        target, met = "—", "—"
        if c.ratio_target is not None:
            target = f"≤ {c.ratio_target:.2f}×"
            met = ("达到" if ratio <= c.ratio_target else "未达到") if ratio is not None \
                else "未比较"
        elif c.seconds_target is not None:
            target = f"≤ {_fmt_time(c.seconds_target)}"
            met = "达到" if med[c.key] <= c.seconds_target else "未达到"
        versus = "—"
        if c.versus:
            versus = other.label.split(" · ")[-1].split("(")[0] if other else "(未运行)"
        out.append([c.label, _fmt_time(med[c.key]), f"{_fmt_time(min(t))}–{_fmt_time(max(t))}",
                    str(len(t)), versus, _fmt_ratio(ratio) if ratio is not None else "—",
                    target, met])
    return out


BEGIN = "<!-- 以下由 python benchmarks/run.py --markdown 生成,更新时整段替换到“生成结束” -->"
END = "<!-- 生成结束 -->"
HEADERS = ["用例", "中位数", "最小–最大", "次数", "对照", "比值", "目标", "结果"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(cells: list[list[str]], *, markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADERS) + " |",
                 "|" + "|".join(["---"] + ["--:"] * 3 + ["---", "--:", "---", "---"]) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells])
    widths = [max(_width(r[i]) for r in [HEADERS, *cells]) for i in range(len(HEADERS))]
    return "\n".join("  ".join(text + " " * (w - _width(text)) for text, w in zip(r, widths,
                                                                                   strict=True))
                     .rstrip() for r in [HEADERS, *cells])


def extra_ratios(times: dict[str, list[float]]) -> list[str]:
    med = {k: statistics.median(v) for k, v in times.items() if v}
    pairs = [("drafter 一份报告 ÷ pandoc 一份", "drafter_one", "pandoc_one"),
             ("drafter 批量 ÷ docxtpl 一个进程批量", "drafter_batch", "docxtpl_batch"),
             ("drafter check:共享字符串 ÷ openpyxl 写法", "check_shared", "check_large")]
    return [f"{label} = {_fmt_ratio(med[a] / med[b])}" for label, a, b in pairs
            if a in med and b in med]


def machine(inp: Inputs | None = None) -> list[str]:
    """The machine and software the numbers were measured on, one fact a line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])  # type: ignore[index]
        memory = f",内存 {kb / 1024 / 1024:.1f} GB"
    except (OSError, TypeError):
        pass
    system = platform.platform()
    try:
        release = Path("/etc/os-release").read_text()
        system = re.search(r'PRETTY_NAME="([^"]+)"', release)[1]  # type: ignore[index]
        system += f"(Linux {platform.release()})"
    except (OSError, TypeError):
        pass
    load = f",开始时负载 {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    deps = ", ".join(f"{name} {_version(name)}" for name in _drafter_dependencies())
    pandoc = "未安装"
    if inp is not None and inp.pandoc:
        first = subprocess.run([inp.pandoc, "--version"], capture_output=True, text=True,
                               check=False).stdout.splitlines()
        pandoc = first[0].removeprefix("pandoc ").strip() if first else "?"
    return [
        f"处理器:{cpu},{cores} 核(本进程可用 {usable} 核){memory}{load}",
        f"系统:{system}",
        f"Python {platform.python_version()}({PYTHON})",
        f"drafter {_version('drafter')}:{deps}",
        f"对照:docxtpl {_version('docxtpl')}、python-docx {_version('python-docx')}、pandoc {pandoc}",
        f"drafter 命令:{' '.join(drafter_command())}",
    ]


def _drafter_dependencies() -> list[str]:
    """drafter's runtime dependencies, from pyproject.toml (else the installed metadata)."""
    try:
        deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        reqs = deps["project"]["dependencies"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        reqs = [r for r in metadata.requires("drafter") or [] if "extra ==" not in r]
    return [re.match(r"[A-Za-z0-9_.\-]+", r)[0] for r in reqs]  # type: ignore[index]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "未安装"


def report(inp: Inputs, cases: list[Case], times: dict[str, list[float]], *, runs: int,
           warmup: bool, markdown: bool) -> str:
    when = time.strftime("%Y-%m-%d %H:%M")
    how = f"每项 {runs} 次" + (",另有 1 次预热不计" if warmup else "") + ",各项交替运行"
    body = table(rows(cases, times), markdown=markdown)
    extra = extra_ratios(times)
    facts = machine(inp)
    if markdown:
        lines = [f"{BEGIN}",
                 f"测量于 {when},{how}。报告全文 {inp.same.chars:,} 字"
                 f"(示例 001);批量为 {len(inp.batch_in)} 份;大表另加 {inp.large.generated:,} 项指标。",
                 "", *[f"- {f}" for f in facts], "", body, ""]
        lines += [f"- {e}" for e in extra] + [f"- {n}" for n in inp.notes] + ["", END]
        return "\n".join(lines) + "\n"
    lines = [f"{when},{how}", *facts, "", body, "", *extra, *inp.notes]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="drafter 的性能测试:整个进程计时,各项交替运行,取中位数。")
    parser.add_argument("--runs", type=int, help="每项计时次数(默认 5;--quick 时为 1)")
    parser.add_argument("--quick", action="store_true",
                        help="快速检查:1 次、不预热、10 份批量、1000 项指标")
    parser.add_argument("--markdown", action="store_true", help="输出可贴入 docs/performance.md 的表格")
    parser.add_argument("--batch", type=int, help="批量份数(默认 100)")
    parser.add_argument("--rows", type=int, help="大表生成的指标数(默认 10000)")
    parser.add_argument("--workdir", type=Path, help="输入和输出放在此文件夹并保留(默认用临时文件夹)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    batch = args.batch or (10 if args.quick else 100)
    nrows = args.rows or (1_000 if args.quick else 10_000)
    warmup = not args.quick

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        work = args.workdir or Path(tmp)
        say(f"准备输入:{work}")
        try:
            inp = prepare(work, batch=batch, rows=nrows)
            for note in inp.notes:
                say(note)
            cases = build_cases(inp)
            times = measure(cases, runs=runs, warmup=warmup, progress=say)
        except BenchError as exc:
            say(f"错误:{exc}")
            return 1
        print(report(inp, cases, times, runs=runs, warmup=warmup, markdown=args.markdown), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
