"""Where one report's time goes: the steps of `drafter render` timed inside a process.

    python benchmarks/phases.py [--runs N] [--markdown] [--source]

Each run times three whole processes (bare Python, a process that only imports what
`drafter render` imports, and `drafter render` of sample 001), then starts a fresh Python
process (imports happen once a process) that times, in order:
importing the command line, what typer imports to coerce parameters, importing the rest of
the render path, reading and checking sample 001, importing babel and loading its zh_CN data
(which the first number phrased pays), rendering its templates, building the .docx, and then
what a batch pays for each further workbook: checking it with the pack already loaded,
rendering it with the templates already compiled and building its .docx on the base
document already prepared (as drafter/batch.py). Like run.py it times
an installed copy of drafter (see installed.py) unless --source is given.
drafter's template cache is kept in a temporary folder, filled by one untimed run, so the
steps are those of every run after the first. Medians over the runs are printed;
docs/performance.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/phases.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import installed
from benchmarks.installed import Drafter
from benchmarks.table import END, begin_marker

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_001 = next((ROOT / "sample_inputs").glob("001_*.xlsx"))

# Both start as the program does (drafter.startup): the garbage collector off while importing,
# frozen and back on when the work starts (usage.ready).
PROBE = """\
import gc, json, sys, time
gc.disable()
from pathlib import Path
t = [time.perf_counter()]
def mark():
    t.append(time.perf_counter())
import drafter.cli
mark()
try:
    import typer._adapters  # typer >= 0.2x coerces parameters with pydantic
except ImportError:
    pass
mark()
from drafter import pipeline
from drafter.word.writer import build_docx
from drafter.templating.render import Renderer
gc.freeze()
gc.enable()
mark()
packs = {}
result = pipeline.check_workbook(Path(sys.argv[1]), cache=packs)
mark()
from drafter import phrasing
phrasing.number(1.5, 1), phrasing.cn_date("2025-01-16")
mark()
renderer = Renderer(result.pack)
doc = pipeline.render_document(result, renderer=renderer)
mark()
build_docx(doc, result.pack.style, reference=result.pack.reference_docx)
mark()
again = pipeline.check_workbook(Path(sys.argv[1]), cache=packs)
mark()
doc = pipeline.render_document(again, renderer=renderer)
mark()
build_docx(doc, again.pack.style, reference=again.pack.reference_docx)
mark()
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""

IMPORTS_ONLY = """\
import gc
gc.disable()
import drafter.cli, drafter.pipeline, drafter.templating.render, drafter.word.writer
for name in ("typer._adapters", "drafter.batch"):
    try:
        __import__(name)
    except ImportError:
        pass
"""

WALLS = [
    "整个进程：python -c pass",
    "整个进程：只导入 drafter render 用到的模块",
    "整个进程：drafter render 示例 001",
]
STEPS = [
    "导入命令行（drafter.cli、typer）",
    "typer 解析参数时导入的 pydantic",
    "导入渲染流程（pipeline、templating、word、jinja2）",
    "读表并核对（check_workbook，含载入模板包）",
    "导入 babel、载入 zh_CN 数据（第一次写数字时）",
    "渲染模板（render_document，模板缓存已有）",
    "生成 .docx（build_docx）",
    "批量时的下一份：读表并核对（模板包已载入）",
    "批量时的下一份：渲染模板（模板已编译）",
    "批量时的下一份：生成 .docx（底稿和样式已备好）",
]


COMMAND = "python benchmarks/phases.py --markdown"


def _wall(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, env=env, cwd=cwd)
    return time.perf_counter() - start


def measure(runs: int, out: Path | None = None, drafter: Drafter | None = None
            ) -> list[list[float]]:
    """Per run: the wall times of WALLS, then the in-process times of STEPS (seconds).
    drafter's template cache lives in a temporary folder, filled by one untimed run first;
    every process runs in that folder, so `python -c` never imports drafter from a checkout.
    `drafter` (default: this Python's) is the copy timed."""
    drafter = drafter or installed.from_environment()
    target = out or Path(tempfile.gettempdir()) / "drafter-phases.docx"
    render = [*drafter.argv, "render", str(SAMPLE_001), "-o", str(target), "--force"]
    probe = [sys.executable, "-c", PROBE, str(SAMPLE_001)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="drafter-phases-") as cache:
        env, here = drafter.env(Path(cache)), Path(cache)
        subprocess.run(probe, capture_output=True, check=True, env=env, cwd=here)
        for _ in range(runs):
            walls = [_wall([sys.executable, "-c", "pass"], env, here),
                     _wall([sys.executable, "-c", IMPORTS_ONLY], env, here),
                     _wall(render, env, here)]
            proc = subprocess.run(probe, capture_output=True, text=True, check=True, env=env,
                                  cwd=here)
            rows.append(walls + json.loads(proc.stdout))
    return rows


def markdown(runs: list[list[float]]) -> str:
    """The medians as the Markdown block docs/performance.md carries."""
    names = WALLS + [f"进程内：{step}" for step in STEPS]
    medians = [statistics.median(r[k] for r in runs) for k in range(len(names))]
    lines = [begin_marker(COMMAND), f"| 步骤（示例 001，{len(runs)} 个进程的中位数） | 用时 |",
             "|---|--:|"]
    lines += [f"| {step} | {sec * 1000:.0f} ms |" for step, sec in zip(names, medians, strict=True)]
    return "\n".join([*lines, END]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把一份报告的渲染拆成几步计时（进程内，取中位数）。")
    parser.add_argument("--runs", type=int, default=7, help="进程数（默认 7）")
    parser.add_argument("--markdown", action="store_true", help="输出 Markdown 表格")
    parser.add_argument("--source", action="store_true", help="不安装，计时当前 Python 的 drafter")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="drafter-install-") as folder:
        drafter = None if args.source else installed.install(Path(folder))
        runs = measure(args.runs, drafter=drafter)
    names = WALLS + [f"进程内：{step}" for step in STEPS]
    medians = [statistics.median(r[k] for r in runs) for k in range(len(names))]
    if args.markdown:
        print(markdown(runs), end="")
    else:
        for step, sec in zip(names, medians, strict=True):
            print(f"{sec * 1000:7.1f} ms  {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
