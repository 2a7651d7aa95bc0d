"""The site's fixtures: every test runs on SQLite and on PostgreSQL.

PostgreSQL comes from DRAFTER_TEST_PG_URL (a server's URL, .ci/run starts one with
.ci/postgres); each site gets a database of its own there, dropped afterwards. Without the
variable the PostgreSQL variant is skipped, saying so — except in CI, where it fails.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from drafter.site import admin, auth
from drafter.site.db import Database
from drafter.site.folder import Site
from tests.conftest import ROOT

PG = os.environ.get("DRAFTER_TEST_PG_URL", "")
SAMPLES = ROOT / "sample_inputs" / "005_示例市区县"
KIND = "法治政府建设年度报告"
PASSWORD = "test-password-1"  # every test account's
JIA_YI = sorted(SAMPLES.glob("*.xlsx"))[:2]
OFFICES = ("甲区司法局", "乙区司法局")
ACCOUNTS = {"shiju": None, "jiaqu": "甲区司法局", "yiqu": "乙区司法局"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture(autouse=True, scope="session")
def _cheap_hashes() -> Iterator[None]:
    """argon2 at its lowest cost in tests only (the site's own default is RFC 9106's)."""
    old = auth.HASHER
    auth.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    auth.HASHER = old


def _pg_database() -> Iterator[str]:
    if not PG:
        if os.environ.get("CI"):
            pytest.fail("CI must test the site on PostgreSQL: DRAFTER_TEST_PG_URL is not set "
                        "(.ci/run starts a server with .ci/postgres)")
        pytest.skip("PostgreSQL variant skipped: DRAFTER_TEST_PG_URL is not set "
                    "(start one with `bash .ci/postgres start`, see docs/site.md)")
    from sqlalchemy import create_engine, text

    name = f"drafter_test_{secrets.token_hex(6)}"
    server = create_engine(PG, isolation_level="AUTOCOMMIT")
    with server.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield PG.rsplit("/", 1)[0] + "/" + name
    finally:
        with server.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        server.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """"" for SQLite in the site's folder, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        yield ""
    else:
        yield from _pg_database()


@dataclass
class Made:
    site: Site
    db: Database


def make_site(folder: Path, url: str) -> Made:
    site = admin.init(folder, name="示例市司法局", url=url)
    db = admin.database(site)
    for office in OFFICES:
        admin.add_office(db, office)
    for login, office in ACCOUNTS.items():
        admin.add_user(db, login, office=office, superior=office is None, password=PASSWORD,
                       must_change=False)
    return Made(site, db)


@pytest.fixture
def made(tmp_path: Path, database_url: str) -> Iterator[Made]:
    found = make_site(tmp_path / "站点", database_url)
    yield found
    found.db.dispose()


# -- an HTTP client that logs in as a browser does ---------------------------------------------

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, html[:500]
    return found.group(1)


def client(made: Made):  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from drafter.site.app import Settings, make_app

    return TestClient(make_app(made.site, made.db, Settings(hosts=("testserver",))),
                      follow_redirects=False)


def login(c, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    token = csrf(c.get("/login").text)
    return c.post("/login", data={"login": name, "password": password, "csrf": token})


def token(c) -> str:  # type: ignore[no-untyped-def]
    return csrf(c.get("/").text)


def open_round(c, *, year: int = 2024, kind: str = KIND) -> str:  # type: ignore[no-untyped-def]
    answer = c.post("/rounds", data={"kind": kind, "year": str(year), "period": "全年",
                                     "due": f"{year + 1}-01-31", "folder": "", "csrf": token(c)})
    assert answer.status_code == 303, answer.text
    return answer.headers["location"].rsplit("/", 1)[-1]


def upload(c, rid: str, data: bytes, name: str = "数据表.xlsx"):  # type: ignore[no-untyped-def]
    page = c.get(f"/r/{rid}").text
    return c.post(f"/r/{rid}/upload", data={"csrf": csrf(page)},
                  files={"workbook": (name, data, "application/octet-stream")})


def broken(source: Path, folder: Path) -> Path:
    """`source` with one part of a total changed: check finds a sum-mismatch."""
    from openpyxl import load_workbook

    from tests.conftest import figure_cell

    wb = load_workbook(source)
    cell = figure_cell(wb, "人民调解.调处成功")
    wb["指标"][cell].value = 999999
    out = folder / f"有错误-{source.name}"
    wb.save(out)
    return out


# -- the site as its own process ---------------------------------------------------------------


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    """`drafter site serve` on a free port: the process and its address."""
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "site", "serve", str(folder),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    found = re.search(r"(http://\S+/)", line)
    if not found:
        proc.kill()
        raise AssertionError(f"no address: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    url = found.group(1)
    end = time.monotonic() + 30
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url + "login", timeout=5):
                return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("the site did not answer")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
