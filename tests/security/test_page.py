"""`drafter serve` against hostile visitors (issue 23, the page): requests from other sites,
other host names (DNS rebinding), slow clients, malformed uploads, work without end.

The app in-process (starlette's TestClient) for what a request carries; a real uvicorn
server in a thread (drafter.web.server.server, the `drafter serve` one) with short limits for
what takes time on a connection; the command itself for the bind addresses.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

from drafter.web.forms import FORMS, Settings
from drafter.web.guard import Hosts, Limits, Tokens
from tests.conftest import SAMPLE_000
from tests.web.conftest import alert, make_client, token

ORIGIN = "http://127.0.0.1:8765"  # the TestClient's own (tests/web/conftest.py)


@pytest.fixture
def client():
    """`client(limit=…)`: a TestClient of a fresh app (tests/web/conftest.py)."""
    return make_client


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the page makes its job folders in, to see what is left there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def new_form(page_token: str) -> dict[str, str]:
    return {"kind": "半年工作总结", "csrf": page_token}


def is_workbook(response) -> bool:
    return response.content[:2] == b"PK"


# --- requests from other sites (CSRF) --------------------------------------------------------


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://127.0.0.1:9999"},  # another port is another site's page
    {"Origin": "https://127.0.0.1:8765"},
    {"Referer": "http://evil.example/page.html"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Sec-Fetch-Site": "cross-site", "Origin": ORIGIN},
])
def test_a_post_from_another_site_is_refused_before_anything_is_done(client, private_tmp,
                                                                    headers) -> None:
    c = client()
    page_token = token(c.get("/").text)
    got = c.post("/form/new", data=new_form(page_token), headers=headers)
    assert got.status_code == 403 and not is_workbook(got)
    assert "拒绝" in got.text
    checked = c.post("/form/check", data={"csrf": page_token}, headers=headers,
                     files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert checked.status_code == 403 and "检查结果" not in checked.text
    assert list(private_tmp.iterdir()) == []  # no job folder: refused before the body


@pytest.mark.parametrize("headers", [{}, {"Origin": ORIGIN}, {"Referer": ORIGIN + "/"},
                                     {"Sec-Fetch-Site": "same-origin", "Origin": ORIGIN}])
def test_the_pages_own_posts_are_served(client, headers) -> None:
    c = client()
    got = c.post("/form/new", data=new_form(token(c.get("/").text)), headers=headers)
    assert got.status_code == 200 and is_workbook(got)


@pytest.mark.parametrize("value", [None, "", "forged", "a.b.c"])
def test_a_post_without_the_pages_token_is_refused(client, private_tmp, value) -> None:
    c = client()
    data = {"kind": "半年工作总结"} if value is None else {"kind": "半年工作总结", "csrf": value}
    if value is None:
        data["csrf"] = ""
    got = c.post("/form/new", data=data, headers={"Origin": ORIGIN})
    assert got.status_code == 403 and not is_workbook(got)
    assert "校验码" in alert(got.text)
    assert token(got.text)  # the refusal is the page again, with a fresh token
    got = c.post("/form/check", data={"csrf": data["csrf"]},
                 files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 403 and "检查结果" not in got.text
    assert list(private_tmp.iterdir()) == []


def test_a_token_of_another_server_or_an_old_page_is_refused(client) -> None:
    other = token(client().get("/").text)  # another app: another key (a restarted server)
    c = client()
    got = c.post("/form/new", data=new_form(other))
    assert got.status_code == 403 and "校验码" in alert(got.text)
    old = Tokens(max_age=-1)
    assert "过期" in old.check(old.issue())
    fresh = Tokens()
    assert fresh.check(fresh.issue()) == ""
    assert fresh.check(fresh.issue() + "x") != ""


def test_every_form_of_the_page_carries_the_token(client) -> None:
    html = client().get("/").text
    forms = re.findall(r"<form\b.*?</form>", html, re.S)
    assert len(forms) == len(FORMS)
    assert all('name="csrf" value="' in f for f in forms)


# --- host names (DNS rebinding) ----------------------------------------------------------------


@pytest.mark.parametrize("bound", ["127.0.0.1", "::1", "localhost", "0.0.0.0", "::",
                                   "192.168.1.20"])
def test_only_the_servers_own_names_are_answered_on_every_address(client, bound) -> None:
    from drafter.web.server import allowed_hosts

    c = client(hosts=allowed_hosts(bound))
    for name in ("evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.",
                 "[::1].evil.example", "", "[::1"):
        expected = 200 if name == "localhost." else 403
        got = c.get("/", headers={"host": name})
        assert got.status_code == expected, (name, got.status_code)
    for name in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"):
        assert c.get("/", headers={"host": name}).status_code == 200, name
    if bound == "192.168.1.20":
        assert c.get("/", headers={"host": "192.168.1.20:8765"}).status_code == 200


def test_hosts_reads_each_way_of_writing_a_host() -> None:
    hosts = Hosts.of("192.168.1.20")
    assert hosts.allow("[::1]:8765") and hosts.allow("192.168.1.20") and hosts.allow("Localhost")
    assert not hosts.allow("::1") and not hosts.allow("[::1]x") and not hosts.allow("10.0.0.1")
    assert Hosts.of("0.0.0.0", any_address=True).allow("10.0.0.1:80")


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


def _raw(address: tuple[str, int], request: bytes, timeout: float = 20) -> bytes:
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family) as s:
        s.settimeout(timeout)
        s.connect(address)
        s.sendall(request)
        got = b""
        while chunk := s.recv(65536):
            got += chunk
    return got


@pytest.mark.parametrize("host", ["::1", "127.0.0.1"])
def test_drafter_serve_refuses_a_foreign_host_name_on_its_address(host) -> None:
    if host == "::1" and not _ipv6():
        pytest.skip("no IPv6 loopback here")
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "serve", "--no-browser", "--port",
                             "0", "--host", host], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        port = int(re.search(r":(\d+)/", line).group(1))  # type: ignore[union-attr]
        own = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        for name, status in (("evil.example", b"403"), (f"evil.example:{port}", b"403"),
                             (own, b"200"), (f"localhost:{port}", b"200")):
            got = _raw((host, port), f"GET / HTTP/1.1\r\nHost: {name}\r\n"
                                     "Connection: close\r\n\r\n".encode())
            assert got.split(b" ", 2)[1] == status, (name, got[:200])
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err


# --- slow clients ------------------------------------------------------------------------------


@contextmanager
def served(settings: Settings) -> Iterator[int]:
    """The page's uvicorn server (as `drafter serve` makes it) in a thread: its port."""
    from drafter.web import server

    sock = server.bind("127.0.0.1", 0)
    srv = server.server(settings)
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


SHORT = Limits(header_seconds=1.0, body_seconds=1.5, idle_seconds=0.7, work_seconds=3.0)


def trickle(port: int, data: bytes, gap: float, give_up: float = 15) -> tuple[float, bytes]:
    """Send `data` a byte every `gap` seconds (then wait); how long until the server closed
    the connection, and what it answered."""
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(gap)
    start, got, sent = time.monotonic(), b"", 0
    try:
        while time.monotonic() - start < give_up:
            if sent < len(data):
                try:
                    s.send(data[sent:sent + 1])
                    sent += 1
                except OSError:
                    break
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            got += chunk
    finally:
        s.close()
    return time.monotonic() - start, got


def _post_head(length: int, target: str = "/form/new") -> bytes:
    return (f"POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()


def _page_token(port: int) -> str:
    page = _raw(("127.0.0.1", port), b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     b"Connection: close\r\n\r\n")
    return token(page.decode("utf-8", "replace"))


def test_slow_headers_are_cut_off_with_408(caplog) -> None:
    with served(Settings(limits=SHORT)) as port:
        took, got = trickle(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100,
                            gap=0.2)
    assert took < SHORT.header_seconds + 3
    assert got.startswith(b"HTTP/1.1 408") and "没有发完".encode() in got
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_five_trickling_connections_are_all_closed() -> None:
    with served(Settings(limits=SHORT)) as port:
        took: list[float] = []
        threads = [threading.Thread(target=lambda: took.append(
            trickle(port, b"GET / HTTP/1.1\r\n" + b"X" * 200, gap=0.3)[0])) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert len(took) == 5 and max(took) < SHORT.header_seconds + 3


def test_an_idle_connection_is_closed() -> None:
    with served(Settings(limits=SHORT)) as port:
        took, got = trickle(port, b"", gap=0.2)
    assert took < SHORT.header_seconds + 3 and got == b""


@pytest.mark.parametrize("gap", [0.2, 1.0])  # steady but slow; one long pause
def test_a_slow_body_gets_408_and_no_traceback(caplog, private_tmp, gap) -> None:
    with served(Settings(limits=SHORT)) as port:
        form = urlencode({"kind": "半年工作总结", "csrf": _page_token(port),
                          "pad": "x" * 60}).encode()
        head = _post_head(len(form))
        got = _raw(("127.0.0.1", port), head.replace(b"\r\n\r\n", b"\r\nConnection: close"
                                                                   b"\r\n\r\n") + form)
        assert got.startswith(b"HTTP/1.1 200")  # sent at once: served
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(head + form[:10])
        took, got = trickle_on(s, form[10:], gap)
    assert got.startswith(b"HTTP/1.1 408"), got[:300]
    assert "上传太慢".encode() in got
    assert took < SHORT.body_seconds + 3
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert list(private_tmp.iterdir()) == []


def trickle_on(s: socket.socket, data: bytes, gap: float) -> tuple[float, bytes]:
    s.settimeout(gap)
    start, got, sent = time.monotonic(), b"", 0
    with s:
        while time.monotonic() - start < 15:
            if sent < len(data):
                try:
                    s.send(data[sent:sent + 1])
                    sent += 1
                except OSError:
                    break
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            got += chunk
    return time.monotonic() - start, got


def test_a_client_leaving_mid_upload_leaves_no_traceback_and_no_folder(caplog,
                                                                      private_tmp) -> None:
    caplog.set_level(logging.INFO)
    with served(Settings(limits=Limits())) as port:
        page_token = _page_token(port)
        body = (f'--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{page_token}\r\n'
                '--B\r\nContent-Disposition: form-data; name="workbook"; filename="a.xlsx"\r\n'
                "\r\n").encode() + b"x" * 50_000
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /form/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: multipart/form-data; boundary=B\r\n"
                      b"Content-Length: 900000\r\n\r\n" + body)
            s.close()
        # the server is still well: a page, then the folders are gone
        assert _raw(("127.0.0.1", port), b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         b"Connection: close\r\n\r\n").startswith(b"HTTP/1.1 200")
        deadline = time.monotonic() + 10
        while list(private_tmp.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert list(private_tmp.iterdir()) == []
    assert "Traceback" not in caplog.text and not [
        r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


# --- what a visitor uploads never reaches a 500 -------------------------------------------------

CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Override PartName="/word/document.xml" ContentType="application/'
      'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>")


def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


MALFORMED = {
    "没有正文": _zip({"[Content_Types].xml": CT, "_rels/.rels": RELS}),
    "XML 损坏": _zip({"[Content_Types].xml": CT, "_rels/.rels": RELS,
                     "word/document.xml": "<w:document"}),
    "二进制": bytes(range(256)) * 40,
    "别的压缩包": _zip({"a.txt": "x"}),
    "空的压缩包": _zip({}),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
@pytest.mark.parametrize("slug", ["import", "verify"])
def test_a_malformed_docx_gets_a_chinese_message_page(client, private_tmp, name, slug) -> None:
    data = MALFORMED[name]
    files = {"report": ("报告.docx", data)} if slug == "import" else {
        "document": ("定稿.docx", data), "workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())}
    got = client().post(f"/form/{slug}", files=files)
    assert got.status_code == 400, got.status_code
    said = alert(got.text)
    assert re.search(r"[\u4e00-\u9fff]", said) and "Traceback" not in got.text
    assert "/tmp" not in said and str(private_tmp) not in said
    assert list(private_tmp.iterdir()) == []


def test_anything_else_a_handler_raises_is_a_chinese_page_without_the_programs_words(
        client, private_tmp, monkeypatch, caplog) -> None:
    def broken(job: object) -> None:
        raise KeyError("There is no item named 'word/document.xml' in the archive")

    monkeypatch.setitem(FORMS, "verify", dataclasses.replace(FORMS["verify"], handler=broken))
    got = client().post("/form/verify", files={
        "document": ("定稿.docx", b"PK"), "workbook": ("a.xlsx", b"PK")})
    assert got.status_code == 400
    assert "无法处理上传的文件" in alert(got.text)
    assert "There is no item" not in got.text and "KeyError" not in got.text
    assert "There is no item" in caplog.text  # for the administrator, in the server's log
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(("content", "kind"), [
    (b"--X\r\ngarbage", "multipart/form-data; boundary=X"),
    (b"abc", "multipart/form-data"),
    (b"kind=\xff\xfe", "application/x-www-form-urlencoded"),
    (b"{}", "application/json"),
    (b"kind=" + b"x" * 200_000, "application/x-www-form-urlencoded"),
    (b"&".join(b"a%d=1" % i for i in range(5000)), "application/x-www-form-urlencoded"),
    (b'--X\r\nContent-Disposition: form-data; name="workbook"; filename="\xff.xlsx"\r\n\r\n'
     b"abc\r\n--X--\r\n", "multipart/form-data; boundary=X"),
])
@pytest.mark.parametrize("slug", ["new", "check", "import", "verify", "nothing"])
def test_no_malformed_request_reaches_a_500(client, content, kind, slug) -> None:
    got = client().request("POST", f"/form/{slug}", content=content,
                           headers={"content-type": kind})
    assert got.status_code in (400, 403, 404, 413), (slug, got.status_code)
    assert "Traceback" not in got.text


# --- the work one request may cause --------------------------------------------------------------


def test_a_form_that_works_too_long_is_stopped_and_its_folder_removed(client, private_tmp,
                                                                    monkeypatch) -> None:
    ended = threading.Event()

    def spin(job: object) -> None:
        try:
            while True:  # pure Python: the deadline's interruption lands here
                pass
        finally:
            ended.set()

    monkeypatch.setitem(FORMS, "check", dataclasses.replace(FORMS["check"], handler=spin))
    start = time.monotonic()
    got = client(limits=Limits(work_seconds=1.0)).post(
        "/form/check", files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 503 and "已停止" in alert(got.text)
    assert time.monotonic() - start < 6
    assert ended.wait(5)  # the worker did not go on after the answer
    deadline = time.monotonic() + 5
    while list(private_tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(private_tmp.iterdir()) == []


def test_a_handler_that_catches_the_interruption_is_interrupted_again(client, private_tmp,
                                                                     monkeypatch) -> None:
    from drafter.templating.deadline import TimeLimitExceeded

    caught: list[int] = []

    def stubborn(job: object) -> None:
        while True:
            try:
                while True:
                    pass
            except TimeLimitExceeded:  # as a render turns it into a TemplateError and goes on
                caught.append(1)
                if len(caught) > 2:
                    raise

    monkeypatch.setitem(FORMS, "check", dataclasses.replace(FORMS["check"], handler=stubborn))
    got = client(limits=Limits(work_seconds=0.5)).post(
        "/form/check", files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 503
    deadline = time.monotonic() + 10
    while list(private_tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(caught) == 3 and list(private_tmp.iterdir()) == []


@pytest.mark.slow
def test_a_workbook_with_60000_outline_rows_is_answered_within_the_budget(client, tmp_path,
                                                                         private_tmp) -> None:
    from openpyxl import load_workbook

    from tests.conftest import make_workbook

    path = make_workbook(tmp_path, {"法律援助.受理案件": 236})
    wb = load_workbook(path)
    ws = wb["大纲"]
    for i in range(60_000):
        ws.append(["要点", f"要点{i}", f"第{i}项工作有序推进。"])
    wb.save(path)
    budget = 8.0
    start = time.monotonic()
    got = client(limits=Limits(work_seconds=budget)).post(
        "/form/check", files={"workbook": ("大纲六万行.xlsx", path.read_bytes())})
    took = time.monotonic() - start
    assert got.status_code in (200, 400, 503), got.status_code
    assert took < budget + 5, took
    deadline = time.monotonic() + 15  # the worker ends (and removes its folder) soon after
    while list(private_tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(private_tmp.iterdir()) == []
