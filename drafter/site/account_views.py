"""The pages of one's own account: log in and out, change one's password (at once, when the
administrator gave it), and set it through a one-time link (links.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from drafter.site import auth, links, rounds, throttle
from drafter.site.context import Context
from drafter.site.db import User
from drafter.site.views import _form


async def login_page(ctx: Context) -> Response:
    return ctx.page("login.html")


def _start(ctx: Context, user: User) -> None:
    ctx.request.session.clear()  # a new session on login: a planted one is not kept
    ctx.request.session.update({"uid": user.id, "v": user.session_version})
    ctx.csrf()


async def login(ctx: Context) -> Response:
    form = await _form(ctx)
    name, password = str(form.get("login", "")), str(form.get("password", ""))
    with ctx.db.session() as s:
        user = auth.login(s, name, password, ctx.address)
        if isinstance(user, auth.LoginRefused):
            if not user.quiet:
                rounds.record(s, name.strip().lower()[:64] or "(空)",
                              "登录被锁定" if user.locked else "登录失败", address=ctx.address,
                              detail=user.message if user.locked else "")
            refused = user
        else:
            rounds.record(s, user.login, "登录", address=ctx.address)
            refused = None
    if refused is not None:
        return ctx.page("login.html", 403 if refused.locked else 401, error=refused.message,
                        login=name)
    assert not isinstance(user, auth.LoginRefused)
    _start(ctx, user)
    return ctx.back("/password" if user.must_change else "/")


async def logout(ctx: Context) -> Response:
    await _form(ctx)
    with ctx.db.session() as s:
        rounds.record(s, ctx.user.login, "退出", address=ctx.address)  # type: ignore[union-attr]
    ctx.request.session.clear()
    return ctx.back("/login")


async def password(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    if ctx.request.method == "GET":
        return ctx.page("password.html")
    form = await _form(ctx)
    old, new, again = (str(form.get(k, "")) for k in ("old", "new", "again"))
    with ctx.db.session() as s:
        me = s.get(User, user.id)
        assert me is not None
        # a wrong old password counts as a failed login (someone at an unlocked computer)
        refused = throttle.check(s, me.login, ctx.address)
        if refused is None and not auth.matches(me, old):
            refused = throttle.failed(s, me.login, ctx.address)
            if refused.message == throttle.WRONG:
                refused = throttle.Refused("原密码不对。")
            rounds.record(s, me.login, "修改密码失败", detail="原密码不对", address=ctx.address)
        problem = refused.message if refused else auth.password_problem(new, again, me.login)
        if not problem and new == old:
            problem = "新密码不能与原密码相同。"
        if not problem:
            auth.set_password(me, new)
            rounds.record(s, me.login, "修改密码", address=ctx.address)
            ctx.request.session["v"] = me.session_version
    if problem:
        return ctx.page("password.html", 400, error=problem)
    user.must_change = False  # the page shown now: no longer the first-login notice
    return ctx.page("password.html", done=True)


# -- one-time links ----------------------------------------------------------------------------


async def link(ctx: Context) -> Response:
    token = ctx.request.path_params["token"]
    with ctx.db.session() as s:
        refused = throttle.check(s, None, ctx.address)
        found = links.find(s, token) if refused is None else None
        if found is None and refused is None:
            # a guessed or spent token: counted against the address like a failed login
            refused = throttle.failed(s, None, ctx.address)
            rounds.record(s, "(一次性链接)", "一次性链接无效", address=ctx.address)
            if not refused.locked:
                refused = throttle.Refused("这个链接已经用过、已过期或不完整。请找管理员重新发一个"
                                           "(drafter site user reset)。")
    if refused is not None or found is None:
        assert refused is not None
        return ctx.page("message.html", 403 if refused.locked else 404, title="链接无效",
                        message=refused.message)
    link_row, account = found
    if ctx.request.method == "GET":
        return ctx.page("link.html", account=account.login)
    form = await _form(ctx)
    new, again = str(form.get("new", "")), str(form.get("again", ""))
    problem = auth.password_problem(new, again, account.login)
    if problem:
        return ctx.page("link.html", 400, account=account.login, error=problem)
    with ctx.db.session() as s:
        me = s.get(User, account.id)
        assert me is not None
        if not links.use(s, link_row):
            return ctx.page("message.html", 404, title="链接无效",
                            message="这个链接刚刚已经用过。请直接登录,或找管理员重新发一个。")
        auth.set_password(me, new)
        auth.unlock(s, me.login)
        rounds.record(s, me.login, "用一次性链接设置密码", address=ctx.address)
    _start(ctx, me)
    return ctx.back("/")


def routes(wrap: Callable[..., Any]) -> list:
    return [
        Route("/login", wrap(login_page, login=False), methods=["GET"]),
        Route("/login", wrap(login, login=False), methods=["POST"]),
        Route("/logout", wrap(logout, first=True), methods=["POST"]),
        Route("/password", wrap(password, first=True), methods=["GET", "POST"]),
        Route(links.PATH + "{token}", wrap(link, login=False), methods=["GET", "POST"]),
    ]
