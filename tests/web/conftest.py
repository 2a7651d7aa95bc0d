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
from typing import Any

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


def token(html: str) -> str:
    """The form token of a page (every form of it carries the same one)."""
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "the page has no form token"
    return m.group(1)


def make_client(**settings: object) -> Any:
    """A TestClient of a fresh app with `settings`, addressed as http://127.0.0.1:8765 (a name
    the page answers to); its posts carry the token of a page fetched first, as a browser's
    do, unless they name one (`data={"csrf": …}`)."""
    from starlette.testclient import TestClient

    from drafter.web.app import make_app

    class Client(TestClient):
        def post(self, url: Any, *args: Any, data: Any = None, **kwargs: Any) -> Any:
            data = dict(data or {})
            if "csrf" not in data:
                data["csrf"] = token(self.get("/").text)
            return super().post(url, *args, data=data, **kwargs)

    return Client(make_app(Settings(**settings)),  # type: ignore[arg-type]
                  base_url="http://127.0.0.1:8765")


@pytest.fixture
def client():
    """`client(limit=…)` → make_client(limit=…)."""
    return make_client


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
