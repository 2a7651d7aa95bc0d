"""Helpers of the web tests: the app in-process (starlette's TestClient), a real server as its
own process (the `drafter serve` command, as the benchmark starts it), and the result page's
embedded files."""

from __future__ import annotations

import base64
import html as markup
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.web.forms import Settings
from tests.conftest import ROOT, make_workbook

sys.path.insert(0, str(ROOT))

from benchmarks import serve as bench

# a workbook whose 人民调解 parts do not add up to 排查纠纷 (1937 ≠ 1963): sum-mismatch at E46
BROKEN = {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1963, "人民调解.家事类": 697,
          "人民调解.乡村振兴类": 15, "人民调解.城市生活类": 834, "人民调解.营商环境类": 91,
          "人民调解.其他纠纷": 300}


def pytest_configure(config: pytest.Config) -> None:
    # starlette ≥ 1.0 asks for httpx2 for its TestClient; httpx (the test extra) still works
    config.addinivalue_line("filterwarnings",
                            "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def client():
    """`client(limit=…)` → a TestClient of a fresh app."""
    from starlette.testclient import TestClient

    from drafter.web.app import make_app

    def make(**settings: object) -> TestClient:
        return TestClient(make_app(Settings(**settings)))  # type: ignore[arg-type]

    return make


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return make_workbook(tmp_path, BROKEN, name="有错误.xlsx")


def total_cell(workbook: Path) -> str:
    """Where check puts the broken workbook's sum-mismatch (指标!E46, or wherever the 指标
    sheet's 本期 column is)."""
    from drafter.pipeline import check_workbook

    found = check_workbook(workbook).report.findings
    return str(next(f for f in found if f.code == "sum-mismatch").cells[0])


def flagged_count(workbook: Path) -> int:
    """How many figures the draft of `workbook` flags (its document model, as rendered)."""
    from drafter.model.document import Mark
    from drafter.pipeline import check_workbook, render_document

    doc = render_document(check_workbook(workbook), draft=True)
    return sum(s.mark is Mark.FLAGGED for b in doc.blocks for s in getattr(b, "spans", ()))


@pytest.fixture(scope="module")
def live() -> Iterator[str]:
    """A `drafter serve` process on a free port: its address."""
    proc, url = bench.start()
    try:
        yield url
    finally:
        bench.stop(proc)


def downloads(html: str) -> dict[str, bytes]:
    """The result page's embedded files: download name → bytes."""
    found = re.findall(r'href="data:[^;"]+;base64,([^"]+)" download="([^"]+)"', html)
    return {markup.unescape(name): base64.b64decode(data) for data, name in found}


def alert(html: str) -> str:
    """The text of the page's error box ("" if none)."""
    m = re.search(r'<section class="message error" id="error" role="alert">(.*?)</section>',
                  html, re.S)
    return markup.unescape(re.sub(r"<[^>]+>|\s+", "", m.group(1))) if m else ""
