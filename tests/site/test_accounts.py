"""Accounts, on SQLite and PostgreSQL: the one-time link `drafter site user add` and `user
reset` print (kept only as a hash, used once, expiring); a password the administrator gave
changed at the first login before anything else; the password rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from sqlalchemy import select, update
from typer.testing import CliRunner

from drafter.cli import app
from drafter.site import links
from drafter.site.db import TABLES, LoginLink, User
from tests.site.conftest import client, csrf, login

runner = CliRunner()
LINK = re.compile(r"(https?://\S+)(/link/[A-Za-z0-9_-]+)")


def _cli(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["site", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _link(output: str) -> tuple[str, str]:
    """The link's start and its path (/link/<token>)."""
    found = LINK.search(output)
    assert found, output
    return found.group(1), found.group(2)


def _everything(made) -> str:  # type: ignore[no-untyped-def]
    """Every value of every table, as text."""
    with made.db.engine.connect() as c:
        return repr([list(c.execute(t.select())) for t in TABLES])


def test_a_new_account_sets_its_password_through_a_one_time_link(made) -> None:
    folder = str(made.site.path)
    out = _cli("user", "add", folder, "bingxian", "--office", "甲区司法局",
               "--url", "https://baosong.example.gov.cn/")
    base, path = _link(out)
    assert base == "https://baosong.example.gov.cn" and "72 小时内有效" in out
    secret = path.rsplit("/", 1)[-1]
    # only the token's hash is kept: a copy of the database opens nothing
    assert secret not in _everything(made)
    with made.db.session() as s:
        row = s.scalar(select(LoginLink))
        assert row.digest == hashlib.sha256(secret.encode()).hexdigest()
    # no password works before the link is used
    assert login(client(made), "bingxian", "").status_code == 401
    assert login(client(made), "bingxian", "!").status_code == 401

    c = client(made)
    page = c.get(path)
    assert page.status_code == 200 and "bingxian" in page.text
    short = c.post(path, data={"csrf": csrf(page.text), "new": "abc123", "again": "abc123"})
    assert short.status_code == 400 and "至少 10 个字符" in short.text
    done = c.post(path, data={"csrf": csrf(page.text), "new": "bingxian-2024!",
                              "again": "bingxian-2024!"})
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert c.get("/").status_code == 200  # logged in
    # used once: the same link again, from anyone, is refused
    again = client(made).get(path)
    assert again.status_code == 404 and "已经用过、已过期" in again.text
    assert login(client(made), "bingxian", "bingxian-2024!").status_code == 303
    with made.db.session() as s:
        assert not s.scalar(select(User).where(User.login == "bingxian")).must_change

    # a reset: the old password and the sessions end at once; a new link, which expires
    out = _cli("user", "reset", folder, "bingxian")
    assert "站点没有设置网址" in out  # printed with the machine's own address, said so
    _, path = _link(out)
    assert c.get("/").headers["location"] == "/login"
    assert login(client(made), "bingxian", "bingxian-2024!").status_code == 401
    with made.db.session() as s:
        s.execute(update(LoginLink).where(LoginLink.used_at.is_(None))
                  .values(expires_at=dt.datetime(2000, 1, 1)))
    assert client(made).get(path).status_code == 404
    # a newer link voids the older; a link of a disabled account does not work
    first = _link(_cli("user", "reset", folder, "bingxian"))[1]
    second = _link(_cli("user", "reset", folder, "bingxian", "--hours", "1"))[1]
    assert client(made).get(first).status_code == 404
    assert client(made).get(second).status_code == 200
    _cli("user", "disable", folder, "bingxian")
    assert client(made).get(second).status_code == 404
    # a link used by two requests at the same moment: only one sets the password
    with made.db.session() as s:
        user = s.scalar(select(User).where(User.login == "jiaqu"))
        made_token, _ = links.issue(s, user)
    with made.db.session() as s:
        row, _ = links.find(s, made_token)
    with made.db.session() as s:
        assert links.use(s, row)
    with made.db.session() as s:
        assert not links.use(s, row)

    log = client(made)
    login(log, "shiju")
    audit = log.get("/audit").text
    for action in ("发出一次性链接", "用一次性链接设置密码", "重设密码", "一次性链接无效"):
        assert action in audit, action


def test_an_initial_password_must_be_changed_at_the_first_login(made) -> None:
    folder = str(made.site.path)
    out = _cli("user", "add", folder, "dingxian", "--office", "乙区司法局", "--password")
    initial = re.search(r"初始密码：(\S+)", out).group(1)
    assert "首次登录时必须" in out and "/link/" not in out
    c = client(made)
    assert login(c, "dingxian", initial).headers["location"] == "/password"
    # nothing else until it is changed: pages lead to 修改密码, forms are refused
    assert c.get("/").headers["location"] == "/password"
    assert c.get("/history").headers["location"] == "/password"
    page = c.get("/password").text
    assert "这是管理员给您的初始密码" in page
    refused = c.post("/rounds", data={"csrf": csrf(page), "kind": "x"})
    assert refused.status_code == 403 and "请先修改密码" in refused.text
    # the rules: length, the two inputs, not the old one, not the login, not one character
    for new, again, says in (("short", "short", "至少 10 个字符"),
                             ("long-enough-1", "long-enough-2", "不一样"),
                             (initial, initial, "至少 10 个字符" if len(initial) < 10 else "不能与原密码相同"),
                             ("dingxian", "dingxian", "至少 10 个字符"),
                             ("aaaaaaaaaaaa", "aaaaaaaaaaaa", "太简单")):
        answer = c.post("/password", data={"csrf": csrf(page), "old": initial, "new": new,
                                           "again": again})
        assert answer.status_code == 400 and says in answer.text, (new, answer.text[-800:])
    wrong = c.post("/password", data={"csrf": csrf(page), "old": "not-it", "new": "a-new-pass-1",
                                      "again": "a-new-pass-1"})
    assert wrong.status_code == 400 and "原密码不对" in wrong.text
    done = c.post("/password", data={"csrf": csrf(page), "old": initial, "new": "a-new-pass-1",
                                     "again": "a-new-pass-1"})
    assert done.status_code == 200 and "密码已修改" in done.text
    assert "初始密码" not in done.text
    assert c.get("/").status_code == 200
    assert login(client(made), "dingxian", initial).status_code == 401
    # `user reset --password`: a new one, to be changed again at the next login
    out = _cli("user", "reset", folder, "dingxian", "--password")
    again = re.search(r"新密码：(\S+)", out).group(1)
    assert login(client(made), "dingxian", again).headers["location"] == "/password"

