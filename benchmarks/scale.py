"""The batch at scale: `--jobs`, and a province of 3,000 offices (issue 22).

    python benchmarks/scale.py                # scaling on 300 workbooks, then the province
    python benchmarks/scale.py --markdown     # the same, as the block docs/performance.md has
    python benchmarks/scale.py --count 300 --batch 30 --runs 1   # a quick look

The workbooks are benchmarks/province.py's: `count` district workbooks with distinct units and
varied figures, made once into a cache folder (--cache, default
$XDG_CACHE_HOME/drafter-bench/province-<count>) and reused.

- Scaling: the first `batch` workbooks rendered into a fresh folder with --jobs 1, 2, … up to
  the cores (and twice the cores), each setting `runs` times, interleaved; median wall time,
  the speed-up against --jobs 1 in the same run, the CPU seconds and the peak memory of the
  whole process tree (treemem.py: the largest single process and the largest sum). Every
  setting's reports are compared byte for byte with --jobs 1's.
- Province: all `count` workbooks rendered (--jobs: the default, the machine's cores), then
  rolled up into one province workbook, then that workbook rendered into the province's
  report; each step a whole process, timed and measured the same way, once (it is a scale
  test, not a ratio); the total against the 60 s target and the peaks against 300 MB.

Like run.py it times an installed copy of drafter (installed.py) unless --source is given.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/scale.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import installed, province, treemem
from benchmarks.installed import Drafter
from benchmarks.table import END, begin_marker, fmt_time, table
from drafter import parallel

COMMAND = "python benchmarks/scale.py --markdown"
SPEEDUP_TARGET = 1.7  # --jobs 2 on 2 cores against --jobs 1
PROVINCE_SECONDS, PROVINCE_MB = 60.0, 300.0


class ScaleError(Exception):
    """A run failed or made the wrong files: the message says which, in Chinese."""


def default_cache(count: int) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "drafter-bench" / f"province-{count}"


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _checked(used: treemem.Used, what: str) -> treemem.Used:
    if used.code != 0:
        err = (used.stderr or used.stdout).decode("utf-8", "replace").strip()[-600:]
        raise ScaleError(f"{what} 失败（退出码 {used.code}）：{err}")
    return used


BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 1.0: pass"


def available_cores(cores: int) -> float:
    """How many cores this machine gives right now: `cores` processes each burning 1 s of
    CPU at once, against one alone (on a shared machine other work takes its share)."""
    def wall(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start

    one = wall(1)
    return min(float(cores), cores * one / wall(cores))


@dataclass
class Scaling:
    jobs: list[int]
    runs: dict[int, list[treemem.Used]]
    batch: int
    cores: int
    available: list[float] = field(default_factory=list)  # measured before and after


def scaling(drafter: Drafter, inputs: list[Path], work: Path, runs: int, cores: int,
            say=print) -> Scaling:
    """--jobs 1 … cores (and 2 × cores) on `inputs`, interleaved; outputs compared."""
    settings = sorted({1, *range(2, cores + 1), 2 * cores})
    env = drafter.env(work / "cache")
    found: dict[int, list[treemem.Used]] = {j: [] for j in settings}
    digests: dict[int, str] = {}
    available = [available_cores(cores)]
    for r in range(runs):
        say(f"扩展：第 {r + 1}/{runs} 轮")
        for j in settings:
            out = work / f"jobs{j}"
            shutil.rmtree(out, ignore_errors=True)
            used = treemem.run([*drafter.argv, "render", *map(str, inputs), "-o", f"{out}{os.sep}",
                                "--jobs", str(j)], env=env, cwd=work)
            found[j].append(_checked(used, f"--jobs {j}"))
            digests[j] = _digest(out)
            if len(list(out.iterdir())) != len(inputs):
                raise ScaleError(f"--jobs {j} 没有为每个数据表生成报告")
    if len(set(digests.values())) != 1:
        raise ScaleError("不同 --jobs 生成的报告不完全相同")
    available.append(available_cores(cores))
    return Scaling(settings, found, len(inputs), cores, available)


@dataclass
class Step:
    label: str
    used: treemem.Used
    way: str  # APART, ONCE, or BOTH (the province's report, last in either way)


APART, ONCE, BOTH = "分开", "一遍", "两种都"


def province_steps(drafter: Drafter, made: province.Province, work: Path, say=print
                   ) -> list[Step]:
    """The whole job done two ways, one run per step: apart (render every workbook, then roll
    them up: each workbook read twice) and at once (rollup --reports: each read once), then
    the province's report. Both ways must write the same reports and province workbook."""
    env = drafter.env(work / "cache")
    out, city = work / "全省报告", work / "全省.xlsx"
    out_once, city_once = work / "全省报告-一遍", work / "全省-一遍.xlsx"
    for folder in (out, out_once):
        shutil.rmtree(folder, ignore_errors=True)
    n = len(made.workbooks)
    unit = ["--unit", "示例省司法厅", "--force"]
    steps = [
        (f"分开：生成 {n:,} 份报告（检查并渲染每个数据表）", APART,
         ["render", str(made.folder), "-o", f"{out}{os.sep}", "--force"]),
        (f"分开：汇总 {n:,} 个数据表为全省数据表（再检查每个数据表）", APART,
         ["rollup", str(made.folder), "-o", str(city), *unit]),
        (f"一遍：汇总并生成 {n:,} 份报告（rollup --reports，每个数据表读一次、检查一次）", ONCE,
         ["rollup", str(made.folder), "-o", str(city_once), "--reports", str(out_once), *unit]),
        ("生成全省报告（含各区县附表）", BOTH,
         ["render", str(city_once), "-o", str(work / "全省.docx"), "--force"]),
    ]
    done = []
    for label, way, args in steps:
        say(f"全省：{label}")
        done.append(Step(label, _checked(treemem.run([*drafter.argv, *args], env=env, cwd=work),
                                         label), way))
    if len(list(out.iterdir())) != n or not (work / "全省.docx").is_file():
        raise ScaleError("全省的报告没有全部生成")
    if _digest(out) != _digest(out_once) or _cells(city) != _cells(city_once):
        raise ScaleError("rollup --reports 与分开的 render、rollup 写出的不同")
    return done


def _cells(workbook: Path) -> list[tuple[str, bytes]]:
    """A workbook's parts without the minute it was written (汇总来源's note, core.xml)."""
    import re
    import zipfile

    with zipfile.ZipFile(workbook) as z:
        return [(n, re.sub(rb"\d{4}-\d\d-\d\d \d\d:\d\d", b"T", z.read(n)))
                for n in sorted(z.namelist()) if n != "docProps/core.xml"]


def way_total(steps: list[Step], way: str) -> tuple[float, float]:
    """Wall and CPU seconds of one way of doing the whole job, the province's report included."""
    taken = [s for s in steps if s.way in (way, BOTH)]
    return sum(s.used.wall for s in taken), sum(s.used.cpu for s in taken)


# ------------------------------------------------------------------------------ tables


def _mb(x: float) -> str:
    return f"{x:.0f} MB"


def scaling_rows(s: Scaling) -> list[list[str]]:
    base = statistics.median(u.wall for u in s.runs[1])
    rows = []
    for j in s.jobs:
        walls = [u.wall for u in s.runs[j]]
        med = statistics.median(walls)
        rows.append([f"--jobs {j}", fmt_time(med), f"{fmt_time(min(walls))}–{fmt_time(max(walls))}",
                     f"{base / med:.2f}×", fmt_time(statistics.median(u.cpu for u in s.runs[j])),
                     _mb(max(u.peak_mb for u in s.runs[j])),
                     _mb(max(u.sum_mb for u in s.runs[j])),
                     str(max(u.processes for u in s.runs[j]))])
    return rows


SCALING_HEADERS = ["设置", "中位数", "最小–最大", "加速比", "CPU（整个进程树）", "单个进程峰值内存",
                   "进程树内存峰值之和", "进程数"]
PROVINCE_HEADERS = ["步骤", "用时", "CPU（整个进程树）", "单个进程峰值内存", "进程树内存峰值之和",
                    "进程数"]


def province_rows(steps: list[Step]) -> list[list[str]]:
    rows = [[s.label, fmt_time(s.used.wall), fmt_time(s.used.cpu), _mb(s.used.peak_mb),
             _mb(s.used.sum_mb), str(s.used.processes)] for s in steps]
    for way, what in ((ONCE, "合计（一遍：汇总并生成 + 全省报告）"),
                      (APART, "合计（分开：生成 + 汇总 + 全省报告）")):
        taken = [s for s in steps if s.way in (way, BOTH)]
        wall, cpu = way_total(steps, way)
        rows.append([what, fmt_time(wall), fmt_time(cpu), _mb(max(s.used.peak_mb for s in taken)),
                     _mb(max(s.used.sum_mb for s in taken)), ""])
    return rows


def verdicts(s: Scaling | None, steps: list[Step] | None) -> list[str]:
    out = []
    if s is not None and 2 in s.runs:
        ratio = statistics.median(u.wall for u in s.runs[1]) / statistics.median(
            u.wall for u in s.runs[2])
        met = "达到" if ratio >= SPEEDUP_TARGET else "未达到"
        out.append(f"{s.batch} 个数据表，--jobs 2 比 --jobs 1 快 {ratio:.2f} 倍"
                   f"（目标 ≥ {SPEEDUP_TARGET} 倍，本机 {s.cores} 核）：{met}")
        if s.available:
            shown = "、".join(f"{a:.1f}" for a in s.available)
            out.append(f"测量前后本机实际可用的核数：{shown} 个（{s.cores} 个纯计算进程同时运行与一个单独"
                       "运行的用时之比；机器上别的工作占去的部分 drafter 用不上）")
    if steps:
        once, _ = way_total(steps, ONCE)
        apart, _ = way_total(steps, APART)
        peak = max(st.used.peak_mb for st in steps)
        out.append(f"全省检查、生成、汇总一遍做完 {fmt_time(once)}（目标 < {PROVINCE_SECONDS:.0f} s）："
                   f"{'达到' if once < PROVINCE_SECONDS else '未达到'}；分开做（生成、汇总各读一遍）"
                   f"{fmt_time(apart)}；单个进程峰值内存 {_mb(peak)}（目标 < {PROVINCE_MB:.0f} MB）："
                   f"{'达到' if peak < PROVINCE_MB else '未达到'}")
    return out


def report(s: Scaling | None, steps: list[Step] | None, *, markdown: bool, count: int,
           made: bool) -> str:
    lines = []
    if markdown:
        lines.append(begin_marker(COMMAND))
    note = "（本次新生成）" if made else "（缓存中已有）"
    load = f"，结束时负载 {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    lines.append(f"测量于 {time.strftime('%Y-%m-%d %H:%M')}{load}。数据表：benchmarks/province.py 生成的 "
                 f"{count:,} 个区县数据表{note}，各不相同的单位名称，数字按区县示例的 1–8 倍变化，"
                 "全部能通过检查。")
    if s is not None:
        lines += ["", f"**扩展**：前 {s.batch} 个数据表 `drafter render … --jobs N`，每种设置 "
                  f"{len(s.runs[1])} 次、交替运行，取中位数；加速比对 --jobs 1；"
                  "各设置生成的报告逐字节相同。", "",
                  table(SCALING_HEADERS, scaling_rows(s), markdown=markdown)]
    if steps:
        lines += ["", "**全省**：每步一个完整进程，默认 --jobs（本机核数），各一次。整件事两种做法："
                  "“分开”先 `render` 全部、再 `rollup` 全部（每个数据表读、查两遍）；“一遍”用 "
                  "`rollup --reports` 同时汇总并生成各区县报告（每个数据表读、查一遍）。两种写出的报告"
                  "逐字节相同、全省数据表逐格相同（脚本核对）；全省报告由“一遍”的全省数据表生成。", "",
                  table(PROVINCE_HEADERS, province_rows(steps), markdown=markdown)]
    lines += [""] + [f"- {v}" if markdown else v for v in verdicts(s, steps)]
    if markdown:
        lines.append(END)
    return "\n".join(lines) + "\n"


def measure(drafter: Drafter, *, count: int, batch: int, runs: int, cache: Path,
            work: Path, say=print, do_scaling: bool = True, do_province: bool = True
            ) -> tuple[Scaling | None, list[Step] | None, province.Province]:
    say(f"准备 {count:,} 个数据表：{cache}")
    made = province.make(cache, count)
    cores = parallel.cores()
    s = scaling(drafter, made.workbooks[:batch], work, runs, cores, say) if do_scaling else None
    steps = province_steps(drafter, made, work, say) if do_province else None
    return s, steps, made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="批量的扩展性：--jobs 的加速比，3,000 个单位的全省。")
    parser.add_argument("--count", type=int, default=3000, help="全省的数据表个数（默认 3000）")
    parser.add_argument("--batch", type=int, default=300, help="测扩展用的数据表个数（默认 300）")
    parser.add_argument("--runs", type=int, default=3, help="扩展每种设置的次数（默认 3）")
    parser.add_argument("--cache", type=Path, help="数据表的缓存文件夹")
    parser.add_argument("--markdown", action="store_true", help="以 Markdown 输出（docs 中的一段）")
    parser.add_argument("--source", action="store_true", help="不安装，计时当前 Python 的 drafter")
    parser.add_argument("--no-scaling", action="store_true", help="只测全省")
    parser.add_argument("--no-province", action="store_true", help="只测扩展")
    args = parser.parse_args(argv)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="drafter-scale-") as tmp:
        work = Path(tmp)
        try:
            drafter = (installed.from_environment() if args.source
                       else installed.install(work / "installed"))
            s, steps, made = measure(drafter, count=args.count, batch=args.batch,
                                     runs=args.runs, cache=args.cache or default_cache(args.count),
                                     work=work, say=say, do_scaling=not args.no_scaling,
                                     do_province=not args.no_province)
        except (ScaleError, installed.InstallError) as exc:
            say(f"错误：{exc}")
            return 1
    print(report(s, steps, markdown=args.markdown, count=args.count, made=made.made), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
