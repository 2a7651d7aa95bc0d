"""Hostile ground: every request authorized on the server. An office cannot reach another
office's submissions, files or history by changing a URL or a form field; forms without
their CSRF token are refused; a locked-out login stays locked; an office cannot open a
round or review; the Host header is checked; headers and cookies are as they should be."""

from __future__ import annotations

import datetime as dt

from drafter.site import throttle
from drafter.site.db import Throttle
from tests.site.conftest import JIA_YI, PASSWORD, client, csrf, login, open_round, token, upload


def _sid(answer) -> str:  # type: ignore[no-untyped-def]
    return answer.headers["location"].rsplit("/", 1)[-1]


def test_an_office_reaches_only_its_own(made) -> None:
    boss, jia, yi = client(made), client(made), client(made)
    for c, name in ((boss, "shiju"), (jia, "jiaqu"), (yi, "yiqu")):
        login(c, name)
    rid = open_round(boss)
    theirs = _sid(upload(yi, rid, JIA_YI[1].read_bytes()))
    mine = _sid(upload(jia, rid, JIA_YI[0].read_bytes()))

    # another office's submission, its file and a comparison with it: not found
    for url in (f"/s/{theirs}", f"/s/{theirs}/file", f"/s/{mine}/compare?with={theirs}",
                f"/s/{theirs}/compare?with={mine}"):
        assert jia.get(url).status_code == 404, url
    assert jia.get(f"/s/{mine}").status_code == 200
    # its round page shows its own versions only, and the board is the superior's
    page = jia.get(f"/r/{rid}").text
    assert theirs not in page and "乙区司法局" not in page
    # the workbook of another office, by a query field the office page never sends: its own
    from urllib.parse import quote

    from sqlalchemy import select

    from drafter.site.db import Office

    with made.db.session() as s:
        other = s.scalar(select(Office).where(Office.name == "乙区司法局")).public_id
    got = jia.get(f"/r/{rid}/workbook", params={"office": other})
    assert got.status_code == 200
    assert quote("甲区司法局") in got.headers["content-disposition"]
    assert quote("乙区司法局") not in got.headers["content-disposition"]
    # reviewing, rolling up, the city's files, the audit log: the superior's only
    t = token(jia)
    assert jia.post(f"/s/{mine}/review", data={"csrf": t, "action": "accept"}).status_code == 403
    assert jia.post(f"/r/{rid}/report", data={"csrf": t}).status_code == 403
    for url in (f"/r/{rid}/report/docx", f"/r/{rid}/report/archive", "/audit"):
        assert jia.get(url).status_code == 403, url
    # an office cannot open a round
    answer = jia.post("/rounds", data={"kind": "法治政府建设年度报告", "year": "2024",
                                       "period": "全年", "due": "2025-01-31", "csrf": t})
    assert answer.status_code == 403
    # ids that do not exist, and ids of another kind of object
    assert jia.get("/s/nonexistent").status_code == 404
    assert jia.get(f"/s/{rid}").status_code == 404
    assert boss.get("/r/../../etc/passwd").status_code == 404
    # not logged in: the login page, and a POST is refused
    anon = client(made)
    assert anon.get(f"/s/{mine}").headers["location"] == "/login"
    assert anon.get(f"/s/{mine}/file").status_code == 303
    assert anon.post(f"/r/{rid}/upload").status_code == 403


def test_a_form_without_its_csrf_token_is_refused(made) -> None:
    boss = client(made)
    login(boss, "shiju")
    rid = open_round(boss)
    form = {"kind": "法治政府建设年度报告", "year": "2024", "period": "全年", "due": "2025-01-31"}
    assert boss.post("/rounds", data=form).status_code == 403
    assert boss.post("/rounds", data={**form, "csrf": "forged"}).status_code == 403
    other = client(made)  # a token of another session does not do either
    login(other, "shiju")
    assert boss.post("/rounds", data={**form, "csrf": token(other)}).status_code == 403
    jia = client(made)
    login(jia, "jiaqu")
    refused = jia.post(f"/r/{rid}/upload", files={"workbook": ("a.xlsx", JIA_YI[0].read_bytes())})
    assert refused.status_code == 403 and "校验码" in refused.text
    assert jia.post("/logout").status_code == 403
    # the login form too (a page elsewhere cannot log a browser into an account)
    fresh = client(made)
    assert fresh.post("/login", data={"login": "shiju", "password": PASSWORD}).status_code == 403


def test_a_locked_out_login_stays_locked_for_its_period(made) -> None:
    c = client(made)
    for _ in range(throttle.NAME_LIMIT - 1):
        assert login(c, "jiaqu", "wrong").status_code == 401
    locked = login(c, "jiaqu", "wrong")
    assert locked.status_code == 403 and "已锁定" in locked.text
    # the right password does not open it while the lock lasts
    again = login(c, "jiaqu")
    assert again.status_code == 403 and "已锁定" in again.text
    assert "uid" not in c.cookies.get("drafter_site", "")
    # a name that does not exist locks the same way (nothing tells which names exist)
    for _ in range(throttle.NAME_LIMIT):
        last = login(c, "nobody", "wrong")
    assert last.status_code == 403 and "已锁定" in last.text
    # the lock's period over: the right password works again
    with made.db.session() as s:
        s.get(Throttle, "jiaqu").locked_until = (
            dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=1))
    assert login(c, "jiaqu").status_code == 303
    log = client(made)
    login(log, "shiju")
    assert "登录被锁定" in log.get("/audit").text


def test_host_header_headers_and_cookie(made) -> None:
    from starlette.testclient import TestClient

    from drafter.site.app import Settings, make_app

    c = TestClient(make_app(made.site, made.db, Settings()), base_url="http://evil.example")
    assert c.get("/login").status_code == 400  # not a name this site answers to
    ok = client(made)
    answer = ok.get("/login")
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options",
                   "referrer-policy"):
        assert header in answer.headers
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert "x-frame-options" in ok.get("/static/page.css").headers
    cookie = login(ok, "shiju").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    secure = TestClient(make_app(made.site, made.db, Settings(hosts=("testserver",),
                                                              secure=True)))
    assert "secure" in secure.get("/login").headers["set-cookie"].lower()


def test_a_password_reset_or_disable_ends_the_sessions(made) -> None:
    from drafter.site import admin

    c = client(made)
    login(c, "jiaqu")
    assert c.get("/").status_code == 200
    admin.reset_password(made.db, "jiaqu", "another-password")
    assert c.get("/").headers["location"] == "/login"
    assert login(c, "jiaqu", "another-password").status_code == 303
    admin.disable(made.db, "jiaqu")
    assert c.get("/").headers["location"] == "/login"
    assert login(c, "jiaqu", "another-password").status_code == 401


def test_an_upload_past_the_limit_is_refused_and_nothing_kept(made) -> None:
    from starlette.testclient import TestClient

    from drafter.site.app import Settings, make_app

    c = TestClient(make_app(made.site, made.db, Settings(hosts=("testserver",), limit=50_000)),
                   follow_redirects=False)
    login(c, "shiju")
    rid = open_round(c)
    jia = TestClient(c.app, follow_redirects=False)
    login(jia, "jiaqu")
    answer = upload(jia, rid, b"x" * 60_000)
    assert answer.status_code == 413 and "太大" in answer.text
    assert answer.headers["connection"] == "close"
    assert made.site.store.all() == []
    # a file name with folders in it is only a name shown back, never a path
    answer = upload(jia, rid, JIA_YI[0].read_bytes(), "../../etc/passwd.xlsx")
    page = jia.get(answer.headers["location"]).text
    assert "passwd.xlsx" in page and "../" not in page
    assert csrf(page)


def test_a_post_from_another_site_is_refused(made) -> None:
    from sqlalchemy import func, select

    from drafter.site.db import Round

    c = client(made)
    login(c, "shiju")
    form = {"kind": "法治政府建设年度报告", "year": "2024", "period": "全年", "due": "2025-01-31",
            "csrf": token(c)}
    # even with a valid session and token (a page elsewhere cannot have them, but still)
    # (as strict as drafter serve's guard.cross_site: scheme, host and port all this site's;
    # Origin "null" — a sandboxed frame, a file — refused; without Origin, the Referer's)
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "http://testserver.evil.example"},
                    {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
                    {"Origin": "http://testserver", "Sec-Fetch-Site": "same-site"},
                    {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
                    {"Origin": "https://testserver"}, {"Origin": "http://testserver:8443"},
                    {"Referer": "http://evil.example/page"}):
        answer = c.post("/rounds", data=form, headers=headers)
        assert answer.status_code == 403 and "拒绝跨站提交" in answer.text, headers
    with made.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Round)) == 0
    # this site's own page: its origin, its Referer (under Referrer-Policy: same-origin a
    # browser sends both), or none at all
    assert c.get("/login").headers["referrer-policy"] == "same-origin"
    for headers in ({"Origin": "http://testserver"}, {"Referer": "http://testserver/"},
                    {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}, {}):
        assert c.post("/rounds", data=form, headers=headers).status_code == 303, headers
    fresh = client(made)
    page = fresh.get("/login").text
    answer = fresh.post("/login", data={"login": "shiju", "password": PASSWORD, "csrf": csrf(page)},
                        headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403 and "uid" not in fresh.cookies.get("drafter_site", "")
