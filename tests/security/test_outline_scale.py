"""The outline of a report (drafter/importing/outline.py) is found in time linear in its lines,
whatever their shape: the reader's budgets (5,000 paragraphs, docs/security.md) stop a long
text before it, but the parse must not depend on them. Once, every paragraph walked back to
the last heading to count the points since it, and every un-numbered heading scanned ahead
to the next numbered one and rebuilt the list of headings: 16,000 lines took 7 s, 20,000
lines without punctuation 9 s, and 100,000 would have taken minutes.

Each shape runs outline.parse on 100,000 lines in a fresh interpreter (tests/security/harness:
its time and peak memory measured in the child): bounded like any hostile input, with no
timing of a single call asserted in-process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.security.harness import _CHILD, Run, assert_clean_refusal

LINES = 100_000
MAX_SECONDS = 15.0  # linear: about a second here; quadratic: minutes
MAX_MB = 400.0
SHAPES = {  # 一是…在段首; 一是、二是各占一行; 没有序号的短行; 没有标点的行; 接排的四字标题; （1）标题
    "points-in-paragraphs": lambda i: f"一是要点{i}。共办理{i}件。" if i % 2 else f"段落{i},继续推进。",
    "a-point-per-line": lambda i: f"{'一二'[i % 2]}是要点{i}。共办理{i}件。",
    "literary-headings": lambda i: f"短行标题{i}" if i % 2 else f"段落{i},继续推进。",
    "no-punctuation": lambda i: f"没有标点的一行文字{i}",
    "run-in-couplets": lambda i: f"理论武装,理想信念更加坚定{i}。以学为抓手。",
    "numbered-headings": lambda i: f"({i % 10 + 1})标题{i}" if i % 2 else f"段落{i},继续推进。",
}
_PARSE = """
import sys
from pathlib import Path
from drafter.importing import outline
lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
parsed = outline.parse(lines)
print(len(parsed.rows))
"""


def _parse_in_child(path: Path) -> Run:
    cmd = [sys.executable, "-c", _PARSE, str(path)]
    child = subprocess.run([sys.executable, "-c", _CHILD, str(MAX_SECONDS * 4), "utf-8", *cmd],
                           capture_output=True, text=True, cwd=ROOT, check=True)
    return Run(**json.loads(child.stdout))


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_outline_of_100000_lines_is_found_in_bounded_time_and_memory(
        tmp_path: Path, shape: str) -> None:
    path = tmp_path / "长文.txt"
    lines = ["某区司法局2024年工作总结", "一、总体情况"] + [SHAPES[shape](i) for i in range(LINES)]
    path.write_text("\n".join(lines), encoding="utf-8")
    run = _parse_in_child(path)
    assert_clean_refusal(run, codes=(0,), max_seconds=MAX_SECONDS, max_mb=MAX_MB)
    assert int(run.out.strip()) >= LINES // 2, run.out  # it did parse them all
