"""How `drafter import` scales, and what jieba costs: run `python -m benchmarks.import_scale`.

- jieba: importing jieba.posseg and building its dictionary in memory (phrasing/segment.py),
  in a fresh interpreter each time (median of 3);
- the five source reports: reading, naming, matching and planning the workbook (convert),
  median of 3 runs each, jieba already loaded;
- scale: generated reports of N lines of figures — the same clause with distinct values
  (一是要点i。共办理i件。, which once took 1.24 GB at 4,005 lines) and N distinct figures
  (受理<word>事项i件, each a new indicator) —
  time and peak memory of convert (naming, matching, relations, the plan) in a child
  process, to show the work grows linearly; structure.parse (the reading stage) is timed on
  its own beside it.
No time is asserted anywhere; this prints a table.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "source_reports"

_JIEBA = """
import time, sys
t = time.perf_counter()
from drafter.phrasing import segment
segment.tokens("上半年共受理法援案件236件")
print(time.perf_counter() - t)
"""

_CONVERT = """
import json, resource, sys, time
from pathlib import Path
from drafter.config import packs
from drafter.importing import build, structure
from drafter.phrasing import segment
segment.tokens("预热")
lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
t = time.perf_counter()
parsed = structure.parse(lines)
parse = time.perf_counter() - t
t = time.perf_counter()
result = build.convert(parsed, packs.load("年度工作总结").catalog, Path("a"), Path("b.xlsx"),
                       "年度工作总结")
took = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "parse": parse, "peak_mb": peak, "figures": result.figures,
                  "indicators": result.indicators,
                  "longest_message": max(map(len, result.notes + result.warnings + [""]))}))
"""


def _python(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout.strip()


def jieba_seconds(runs: int = 3) -> float:
    return statistics.median(float(_python(_JIEBA)) for _ in range(runs))


def sources(runs: int = 3) -> list[tuple[str, float, int]]:
    from drafter.config import packs
    from drafter.importing import build, facts, structure, text
    from drafter.phrasing import segment

    segment.tokens("预热")
    out = []
    for path in sorted(SOURCES.glob("*.txt")):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            read = text.read(path)
            parsed = structure.parse(read.lines, read.levels)
            found = facts.read(parsed, "\n".join(read.lines))
            result = build.convert(parsed, packs.load(found.kind).catalog, path,
                                   Path("b.xlsx"), found.kind, found)
            times.append(time.perf_counter() - t)
        out.append((path.name[:3], statistics.median(times), result.figures))
    return out


def _word(i: int) -> str:
    """A distinct three-character word for each i (no digits: names may not hold numbers)."""
    chars = "法治调解援助矫正帮教普法宣传律师公证鉴定仲裁复议应诉执法监督审查备案"
    n = len(chars)
    return chars[i % n] + chars[(i // n) % n] + chars[(i // n // n) % n]


def scale(folder: Path, sizes: tuple[int, ...] = (1_000, 2_000, 4_000, 8_000)) -> list[dict]:
    rows = []
    for kind, line in (("同一句式", "一是要点{i}。共办理{i}件。"),
                       ("各不相同", "受理{w}事项{i}件，办结{i}件。")):
        for n in sizes:
            path = folder / f"{kind}-{n}.txt"
            path.write_text("某区司法局2024年工作总结\n一、总体\n" + "\n".join(
                line.format(i=i, w=_word(i)) for i in range(1, n + 1)) + "\n", encoding="utf-8")
            got = json.loads(_python(_CONVERT, str(path)))
            rows.append({"case": kind, "lines": n, "kb": path.stat().st_size // 1024, **got})
    return rows


def main() -> None:
    import tempfile

    print(f"jieba 载入（导入 posseg + 在内存中建词典，中位数）：{jieba_seconds():.2f} 秒")
    if SOURCES.is_dir():
        for name, seconds, figures in sources():
            print(f"源报告 {name}：convert {seconds:.2f} 秒，数字 {figures} 处")
    with tempfile.TemporaryDirectory() as tmp:
        for r in scale(Path(tmp)):
            print(f"{r['case']} {r['lines']:>6} 行（{r['kb']:>5} KB）：convert {r['seconds']:6.2f} 秒"
                  f"（structure.parse {r['parse']:6.2f} 秒），"
                  f"峰值内存 {r['peak_mb']:6.0f} MB，数字 {r['figures']}，指标 {r['indicators']}，"
                  f"最长的说明 {r['longest_message']} 字")


if __name__ == "__main__":
    main()
