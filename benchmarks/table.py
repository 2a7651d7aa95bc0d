"""The benchmark's tables: the comparisons with their targets, every case's times, the machine.

`comparisons` pairs a drafter case with the peer it is measured against (ratio of the two
medians of one interleaved run) and says whether the target is met; `cases_table` lists every
case's median, spread and runs. `update_docs` puts a generated block into docs/performance.md
between its markers.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"


@dataclass(frozen=True)
class Comparison:
    label: str  # Chinese, for the table: what is compared with what
    case: str  # key of drafter's case
    versus: str  # key of the peer's case
    target: float | None = None  # case ÷ versus must not exceed it; None: for reference


def fmt_time(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def medians(times: dict[str, list[float]]) -> dict[str, float]:
    return {k: statistics.median(v) for k, v in times.items() if v}


def comparison_rows(comparisons: list[Comparison], times: dict[str, list[float]],
                    cpu: dict[str, list[float]] | None = None) -> list[list[str]]:
    """对照, drafter, 对照方, 比值, CPU 比值, 目标, 结果 — for the comparisons whose two cases
    ran. The target is judged on wall time (what a user waits for); the ratio of CPU seconds
    (user + system) beside it moves less when other work shares the machine."""
    med, med_cpu = medians(times), medians(cpu or {})
    out = []
    for c in comparisons:
        if c.case not in med or c.versus not in med:
            continue
        ratio = med[c.case] / med[c.versus]
        by_cpu = "—"
        if med_cpu.get(c.versus):
            by_cpu = f"{med_cpu[c.case] / med_cpu[c.versus]:.2f}×"
        target = f"≤ {c.target:.2f}×" if c.target is not None else "参考"
        met = "—" if c.target is None else "达到" if ratio <= c.target else "未达到"
        out.append([c.label, fmt_time(med[c.case]), fmt_time(med[c.versus]), f"{ratio:.2f}×",
                    by_cpu, target, met])
    return out


def case_rows(labels: dict[str, str], times: dict[str, list[float]]) -> list[list[str]]:
    """用例, 中位数, 最小–最大, 次数 — for every case that ran."""
    med = medians(times)
    return [[labels[k], fmt_time(med[k]), f"{fmt_time(min(t))}–{fmt_time(max(t))}", str(len(t))]
            for k, t in times.items() if t]


COMPARISON_HEADERS = ["对照", "drafter", "对照方", "比值", "CPU 比值", "目标", "结果"]
CASE_HEADERS = ["用例", "中位数", "最小–最大", "次数"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], cells: list[list[str]], *, markdown: bool) -> str:
    if markdown:
        align = ["---"] + ["--:" if h in ("drafter", "对照方", "比值", "CPU 比值", "中位数", "最小–最大",
                                           "次数")
                           else "---" for h in headers[1:]]
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in cells])
    widths = [max(_width(r[i]) for r in [headers, *cells]) for i in range(len(headers))]
    return "\n".join("  ".join(text + " " * (w - _width(text))
                               for text, w in zip(r, widths, strict=True)).rstrip()
                     for r in [headers, *cells])


# ------------------------------------------------------------------------------ machine


def machine(pandoc: str | None, drafter: list[str], where: str) -> list[str]:
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
        memory = f"，内存 {kb / 1024 / 1024:.1f} GB"
    except (OSError, TypeError):
        pass
    system = platform.platform()
    try:
        release = Path("/etc/os-release").read_text()
        system = re.search(r'PRETTY_NAME="([^"]+)"', release)[1]  # type: ignore[index]
        system += f"(Linux {platform.release()})"
    except (OSError, TypeError):
        pass
    load = f"，开始时负载 {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    deps = "、".join(f"{name} {_version(name)}" for name in _drafter_dependencies())
    pandoc_version = "未安装"
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True,
                               check=False).stdout.splitlines()
        pandoc_version = first[0].removeprefix("pandoc ").strip() if first else "?"
    bytecode = "PYTHONDONTWRITEBYTECODE=1" if os.environ.get("PYTHONDONTWRITEBYTECODE") else \
        "允许写字节码"
    return [
        f"处理器：{cpu}，{cores} 核（本进程可用 {usable} 核）{memory}{load}",
        f"系统：{system}",
        f"Python {platform.python_version()}（{_short(Path(sys.executable))}），{bytecode}",
        f"drafter {_version('drafter')}：{deps}",
        f"对照：openpyxl {_version('openpyxl')}、docxtpl {_version('docxtpl')}、"
        f"python-docx {_version('python-docx')}、pandoc {pandoc_version}",
        f"drafter 命令：{' '.join(_short(Path(a)) for a in drafter)}（导入自 {_short(Path(where))}）",
    ]


def _short(path: Path) -> str:
    """A temporary folder's path is noise in the docs: keep its last three parts."""
    parts = path.parts
    return str(path) if len(parts) <= 4 or not str(path).startswith("/tmp") \
        else "…/" + "/".join(parts[-3:])


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


# ------------------------------------------------------------------------------ docs


def begin_marker(command: str) -> str:
    return f"<!-- 以下由 {command} 生成,更新时整段替换到“生成结束” -->"


END = "<!-- 生成结束 -->"


def update_docs(command: str, block: str, path: Path = DOCS) -> None:
    """Replace the block that `command` generated in `path` (its markers included) by
    `block`, which starts and ends with the same markers."""
    begin = begin_marker(command)
    text = path.read_text(encoding="utf-8")
    start = text.find(begin)
    end = text.find(END, start)
    if start < 0 or end < 0:
        raise ValueError(f"{path} 中没有“{begin}”到“{END}”的一段")
    path.write_text(text[:start] + block.rstrip("\n") + text[end + len(END):], encoding="utf-8")
