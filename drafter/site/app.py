"""The site's web application (Starlette): sessions, CSRF, headers, errors, and the routes.

Every request: the Host header is checked (as drafter serve does, drafter/web/guard.py, plus
the names given with --allowed-host), a POST from another origin is refused before its body
is read (guard.cross_site, as drafter serve), the body must arrive in time (guard.timed: 408),
the signed session cookie names the account (HttpOnly, SameSite=Strict, Secure behind HTTPS),
the account's role is checked for the verb and every object named is checked for ownership
(access.py), every POST carries the session's CSRF token. The work on a visitor's file (a
check, a preview, a roll-up) has a time budget (budget.py: 503 past it). The headers have
their own deadline in the server (server.py). The handlers are in views.py (routes.py lists them; context.py is what each gets).

What a visitor can send gets a Chinese answer, never a 500: a malformed form (400), a body too
large (views._form: 400) or too slow (408), a value the database cannot hold (a NUL
character: 400 before any query). A 500 is left only for the site's own bugs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from drafter.errors import DrafterError
from drafter.site.access import Denied
from drafter.site.budget import Overtime
from drafter.site.context import (
    HEADERS,
    SESSION_HOURS,
    BadForm,
    Context,
    Handler,
    Settings,
    TooBig,
    environment,
    log,
)
from drafter.site.db import Database, User
from drafter.site.folder import Site
from drafter.templating.deadline import TimeLimitExceeded
from drafter.web.guard import Limits, TooSlow, cross_site, host_name, is_ip


def foreign(request: Request) -> str:
    """Why a POST does not come from this site's own page ("" when it does): drafter serve's
    check (guard.cross_site) — Sec-Fetch-Site other than same-origin or none, an Origin (or,
    without one, a Referer) that is not this site's scheme, host and port, and `Origin: null`
    (a sandboxed frame, a file). The CSRF token and SameSite=Strict stop such a form as well;
    this refuses it before anything is read. Behind nginx the scheme is X-Forwarded-Proto's
    (--proxy) and the host the Host header nginx passes on ($http_host, docs/site.md)."""
    return cross_site(request.headers, request.url.scheme)


def make_app(site: Site, db: Database, settings: Settings | None = None) -> Starlette:
    from drafter.site import routes as table

    settings = settings or Settings()
    env = environment()

    def wrap(handler: Handler, *, login: bool = True,
             first: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """`login`: for accounts only; `first`: open to an account that must change its
        initial password before anything else (修改密码, 退出)."""
        async def endpoint(request: Request) -> Response:
            ctx = Context(site, db, settings, env, request)
            try:
                if request.method == "POST" and (why := foreign(request)):
                    return ctx.page("message.html", 403, title="拒绝跨站提交",
                                    message=f"这个表单不是从本站的页面提交的,已拒绝({why})。"
                                            "请打开本站的页面重新操作。")
                if _unstorable(request):
                    return ctx.page("message.html", 400, title="网址不对",
                                    message="网址中有不可见的控制字符,已拒绝。"
                                            "请从本站的页面上点击进入。")
                if login:
                    ctx.user = _current(ctx)
                    if ctx.user is None:
                        if request.method == "GET":
                            return ctx.back("/login")
                        return ctx.page("message.html", 403, title="请先登录",
                                        message="登录已过期,请重新登录后再操作。")
                    if ctx.user.must_change and not first:
                        if request.method == "GET":
                            return ctx.back("/password")
                        return ctx.page("message.html", 403, title="请先修改密码",
                                        message="这是管理员给您的初始密码,请先在“修改密码”中"
                                                "换成只有您自己知道的密码。")
                return await handler(ctx)
            except BadForm:
                return ctx.page("message.html", 403, title="表单已失效",
                                message="表单缺少校验码或已过期(可能是在别的窗口退出了登录),"
                                        "请回到上一页刷新后重新提交。")
            except Denied as exc:
                if exc.status == 404:
                    return ctx.page("message.html", 404, title="找不到",
                                    message="没有这个页面或文件,或您无权查看。")
                return ctx.page("message.html", 403, title="无权操作",
                                message="您的账号不能做这项操作。")
            except DrafterError as exc:
                too_big = isinstance(exc, TooBig)  # the body perhaps not all read
                return ctx.page("message.html", 413 if too_big else 400, title="未能完成",
                                message=exc.describe(), closing=too_big)
            except TooSlow as exc:
                return ctx.page("message.html", 408, title="上传太慢", message=exc.message,
                                closing=True)
            except (MultiPartException, HTTPException):  # starlette wraps the first
                return ctx.page("message.html", 400, title="表单不完整",
                                message="提交的内容不完整或格式不对(文件或栏目多于表单要求,"
                                        "或传输中断),请回到上一页重新提交。")
            except ClientDisconnect:  # the visitor left mid-upload: nobody to answer
                return Response(status_code=400)
            except (Overtime, TimeLimitExceeded):
                seconds = f"{settings.limits.work_seconds:g}"
                return ctx.page("message.html", 503, title="处理超时",
                                message=f"处理超过 {seconds} 秒仍未完成,已停止。文件可能过大"
                                        "(例如有几万行),请精简后重试;如仍不行,请告诉管理员。")
            except Exception:  # the site's own bug (tests/site/test_hostile.py keeps what a
                # visitor sends away from here): logged for the administrator, said in Chinese
                log.exception("drafter site: %s failed", request.url.path)
                return ctx.page("message.html", 500, title="未能完成",
                                message="本站的程序出了问题,这项操作没有完成(详情已记入服务器日志)。"
                                        "请把出错的时间和操作告诉管理员。")
        return endpoint

    routes = table.routes(wrap)
    middleware = [
        Middleware(_Headers),
        *([Middleware(ProxyHeadersMiddleware, trusted_hosts=settings.proxy)]
          if settings.proxy else []),
        Middleware(_Hosts, allowed=settings.hosts, any_address=settings.any_address),
        Middleware(_Timed, limits=settings.limits),
        Middleware(SessionMiddleware, secret_key=site.secret(), session_cookie="drafter_site",
                   max_age=SESSION_HOURS * 3600, same_site="strict", https_only=settings.secure),
    ]
    return Starlette(routes=routes, middleware=middleware)


class _Headers:
    """The security headers on every answer, static files and refusals included."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                if scope["path"].startswith(("/static/", "/site-static/")):
                    present.add(b"cache-control")  # the style, scripts and ECharts: cacheable
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                    if k.lower().encode() not in present]
            await send(message)

        await self.app(scope, receive, sending)


class _Hosts:
    """Answer only to the host names the site was started for (DNS rebinding): drafter
    serve's names (web/guard.py: 127.0.0.1, [::1], localhost and the address it listens on;
    on every interface, any IP address and this machine's name) and those of --allowed-host,
    with the refusal in Chinese. "*" answers any; "*.example.gov.cn" any name below it."""

    def __init__(self, app: Any, allowed: tuple[str, ...], any_address: bool = False):
        self.app = app
        self.allowed = tuple(h.strip().strip("[]").rstrip(".").lower() for h in allowed)
        self.any_address = any_address

    def _ok(self, host: str) -> bool:
        if "*" in self.allowed:
            return True
        name = host_name(host)
        if not name:
            return False
        if self.any_address and is_ip(name):
            return True
        return any(name == p or (p.startswith("*.") and name.endswith(p[1:]))
                   for p in self.allowed)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self._ok(Headers(scope=scope).get("host", "")):
            await self.app(scope, receive, send)
            return
        page = HTMLResponse(
            "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>主机名不对</title>"
            "<p>这个网址的主机名不是本站的。请用管理员告知的网址打开（启动时的 --allowed-host）。</p>"
            "</html>", status_code=400, headers={"Connection": "close"})
        await page(scope, receive, send)


class _Timed:
    """The request body within drafter serve's limits (guard.timed): TooSlow past them,
    which the handler answers with 408."""

    def __init__(self, app: Any, limits: Limits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from drafter.web.guard import timed

        await self.app(scope, timed(receive, self.limits) if scope["type"] == "http"
                       else receive, send)


def _unstorable(request: Request) -> bool:
    """A NUL character in the path or the query: no id or name has one, and PostgreSQL cannot
    hold one in a text value (the query would fail)."""
    return "\x00" in request.scope["path"] or any(
        "\x00" in k or "\x00" in v for k, v in request.query_params.multi_items())


def _current(ctx: Context) -> User | None:
    uid, version = ctx.request.session.get("uid"), ctx.request.session.get("v")
    if not isinstance(uid, int):
        return None
    with ctx.db.session() as s:
        user = s.get(User, uid)
    if user is None or not user.active or user.session_version != version:
        ctx.request.session.pop("uid", None)
        return None
    return user


def not_found(ctx: Context) -> Response:
    return ctx.page("message.html", 404, title="找不到", message="没有这个页面或文件,或您无权查看。")


def redirect_home() -> Response:
    return RedirectResponse("/", status_code=303, headers=HEADERS)
