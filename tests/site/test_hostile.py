"""The site at least as strict as `drafter serve` (drafter/web/guard.py, tests/security):
its host names, the deadlines on a request's headers and body, the time budget of the work
on a file (503), and no 500 for anything a visitor can send — a malformed form, a NUL
character, a file the library cannot read, a client that leaves."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from drafter.site.app import Settings, make_app
from drafter.site.db import Submission
from drafter.web.guard import Limits
from tests.security.test_page import trickle, trickle_on
from tests.site.conftest import JIA_YI, Made, client, csrf, login, open_round, token, upload

SHORT = Limits(header_seconds=1.0, body_seconds=1.5, idle_seconds=0.7, work_seconds=3.0)


@contextmanager
def served(made: Made, settings: Settings) -> Iterator[int]:
    """The site's uvicorn server (as `drafter site serve` makes it) in a thread: its port."""
    from drafter.site import server
    from drafter.web.server import bind

    sock = bind("127.0.0.1", 0)
    srv = server.server(made.site, made.db, settings)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def sqlite_site(tmp_path) -> Iterator[Made]:  # type: ignore[no-untyped-def]
    """Deadlines are the server's, not the database's: one variant is enough."""
    from tests.site.conftest import make_site

    found = make_site(tmp_path / "站点", "")
    yield found
    found.db.dispose()


def test_slow_headers_and_a_slow_body_are_cut_off_with_408(sqlite_site, caplog) -> None:
    settings = Settings(hosts=("127.0.0.1",), limits=SHORT)
    with served(sqlite_site, settings) as port:
        took, got = trickle(port, b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                            + b"a" * 100, gap=0.2)
        assert took < SHORT.header_seconds + 3
        assert got.startswith(b"HTTP/1.1 408"), got[:200]
        took, got = trickle(port, b"", gap=0.2)  # a connection that sends nothing
        assert took < SHORT.header_seconds + 3 and got == b""
        body = b"login=shiju&password=" + b"x" * 60 + b"&csrf=whatever"
        head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                f"application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(head + body[:10])
        took, got = trickle_on(s, body[10:], 0.2)
    assert got.startswith(b"HTTP/1.1 408"), got[:300]
    assert "上传太慢".encode() in got
    assert took < SHORT.body_seconds + 3
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def test_host_names_as_drafter_serve_answers_them(sqlite_site) -> None:
    from starlette.testclient import TestClient

    site, db = sqlite_site.site, sqlite_site.db
    own = TestClient(make_app(site, db, Settings()), base_url="http://[::1]:8780")
    assert own.get("/login").status_code == 200
    for name in ("http://evil.example", "http://127.0.0.1.evil.example", "http://192.168.1.20"):
        assert TestClient(make_app(site, db, Settings()), base_url=name).get(
            "/login").status_code == 400, name
    # on every interface (drafter site serve --host 0.0.0.0): any IP address, no other name
    lan = Settings(hosts=("127.0.0.1", "localhost", "bureau-pc"), any_address=True)
    assert TestClient(make_app(site, db, lan), base_url="http://192.168.1.20:8780").get(
        "/login").status_code == 200
    assert TestClient(make_app(site, db, lan), base_url="http://bureau-pc:8780").get(
        "/login").status_code == 200
    assert TestClient(make_app(site, db, lan), base_url="http://evil.example:8780").get(
        "/login").status_code == 400


def _submissions(made: Made) -> int:
    with made.db.session() as s:
        return s.scalar(select(func.count()).select_from(Submission)) or 0


def test_work_past_its_budget_is_stopped_with_503(made, monkeypatch) -> None:
    from starlette.testclient import TestClient

    from drafter.site import library

    boss = client(made)
    login(boss, "shiju")
    rid = open_round(boss)
    jia = TestClient(make_app(made.site, made.db, Settings(
        hosts=("testserver",), limits=Limits(work_seconds=1.0))), follow_redirects=False)
    login(jia, "jiaqu")

    roomy = client(made)  # the default budget: the real work, on a busy machine
    login(roomy, "jiaqu")
    first = upload(roomy, rid, JIA_YI[0].read_bytes()).headers["location"]

    def endless(*args: object) -> None:
        while True:  # work that never ends, in Python code
            pass

    with monkeypatch.context() as patched:
        patched.setattr(library, "check", endless)
        start = time.monotonic()
        answer = upload(jia, rid, JIA_YI[0].read_bytes())
        assert answer.status_code == 503 and "超过 1 秒" in answer.text, answer.text[:500]
        assert time.monotonic() - start < 10
        assert _submissions(made) == 1  # told it stopped: no version behind the office's back
    # the preview of a version kept, and the workbook handed out: the same budget
    with monkeypatch.context() as patched:
        patched.setattr(library, "preview", endless)
        patched.setattr(library, "blank", endless)
        assert jia.get(first).status_code == 503
        assert jia.get(f"/r/{rid}/workbook").status_code == 503
    assert roomy.get(first).status_code == 200  # and the site goes on


def test_a_file_the_library_cannot_read_is_kept_as_a_version_with_a_message(
        made, monkeypatch, caplog) -> None:
    from drafter.site import library

    def broken(*args: object) -> None:
        raise KeyError("There is no item named 'xl/workbook.xml' in the archive")

    boss, jia = client(made), client(made)
    login(boss, "shiju")
    login(jia, "jiaqu")
    rid = open_round(boss)
    monkeypatch.setattr(library, "check", broken)
    answer = upload(jia, rid, JIA_YI[0].read_bytes())
    assert answer.status_code == 303
    page = jia.get(answer.headers["location"]).text
    assert "无法检查上传的文件" in page and "KeyError" not in page and "There is no" not in page
    assert "There is no item" in caplog.text  # for the administrator, in the server's log
    assert _submissions(made) == 1


MALFORMED = [
    (b"--X\r\ngarbage", "multipart/form-data; boundary=X"),
    (b"abc", "multipart/form-data"),
    (b"login=\xff\xfe&csrf=\xff", "application/x-www-form-urlencoded"),
    (b"{}", "application/json"),
    (b"note=" + b"x" * 200_000, "application/x-www-form-urlencoded"),
    (b"&".join(b"a%d=1" % i for i in range(5000)), "application/x-www-form-urlencoded"),
    (b'--X\r\nContent-Disposition: form-data; name="workbook"; filename="\xff.xlsx"\r\n\r\n'
     b"abc\r\n--X--\r\n", "multipart/form-data; boundary=X"),
    (b"".join(b'--X\r\nContent-Disposition: form-data; name="f%d"; filename="a.xlsx"\r\n\r\n'
              b"abc\r\n" % i for i in range(3)) + b"--X--\r\n",
     "multipart/form-data; boundary=X"),  # more files than the form asks for
]


def test_nothing_a_visitor_sends_reaches_a_500(made) -> None:
    boss, jia, anon = client(made), client(made), client(made)
    login(boss, "shiju")
    login(jia, "jiaqu")
    rid = open_round(boss)
    sid = upload(jia, rid, JIA_YI[0].read_bytes()).headers["location"].rsplit("/", 1)[-1]
    posts = ["/login", "/password", "/rounds", f"/r/{rid}/upload", f"/r/{rid}/report",
             f"/s/{sid}/review", "/folders", "/logout", "/r/nothing/upload"]
    for c in (boss, jia, anon):
        for url in posts:
            for content, kind in MALFORMED:
                got = c.request("POST", url, content=content, headers={"content-type": kind})
                assert got.status_code in (303, 400, 403, 404, 413), (url, kind, got.status_code)
                assert "本站的程序出了问题" not in got.text and "Traceback" not in got.text
    # a NUL character (PostgreSQL cannot hold one in a text value) in an id, a query, a field
    for url in ("/r/%00", f"/s/{sid}%00", f"/s/{sid}/compare?with=%00", "/history?indicator=%00",
                f"/r/{rid}/workbook?office=%00"):
        got = boss.get(url)
        assert got.status_code in (400, 404), (url, got.status_code)
    fresh = client(made)
    got = fresh.post("/login", data={"login": "shi\x00ju", "password": "x",
                                     "csrf": csrf(fresh.get("/login").text)})
    assert got.status_code == 400 and "NUL" in got.text
    got = boss.post(f"/s/{sid}/review", data={"csrf": token(boss), "action": "return",
                                               "note": "请\x00改正"})
    assert got.status_code == 400
    # a file name of control characters and the like is only shown back, cleaned
    got = upload(jia, rid, JIA_YI[0].read_bytes(), "\x00\x1b[31m.xlsx")
    assert got.status_code == 303


def test_behind_nginx_as_docs_site_md_sets_it_up_the_sites_own_forms_pass(sqlite_site) -> None:
    """nginx passes Host $http_host and X-Forwarded-Proto https; drafter started with --proxy:
    the page's own https origin is this site's. Without --proxy, the scheme is not believed
    and the form is refused, saying why."""
    from starlette.testclient import TestClient

    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.7"}
    origin = {"Origin": "https://baosong.example.gov.cn", **forwarded}
    answers = {}
    for proxy in ("testclient", ""):
        c = TestClient(make_app(sqlite_site.site, sqlite_site.db, Settings(
            hosts=("baosong.example.gov.cn",), proxy=proxy)),
            base_url="http://baosong.example.gov.cn", follow_redirects=False)
        page = c.get("/login", headers=forwarded).text
        answers[proxy] = c.post("/login", headers=origin, data={
            "login": "shiju", "password": "test-password-1", "csrf": csrf(page)})
    assert answers["testclient"].status_code == 303
    assert answers[""].status_code == 403 and "Origin 不是本页" in answers[""].text
