"""What a request must show before the page acts on it: its own host name, its own origin,
the token of a page the server gave out, and a body that arrives in time.

The page has no accounts, so a clerk's browser is the only thing between the page and any
web site the clerk visits. Such a site can make the browser send a form here (cross-site
request forgery), or name its own host after 127.0.0.1 and read the answers (DNS rebinding).
So, for every request (`Guard`, an ASGI middleware around the app):

- **Host**: only the server's own names are answered: 127.0.0.1, [::1], localhost and the
  address it was started on; bound to every interface (0.0.0.0, ::), also any IP address
  and this machine's name. A site's own name (evil.example resolving to 127.0.0.1) is
  refused (403) whatever address the server listens on.
- **Origin** (POST): a browser says where a form comes from. `Sec-Fetch-Site` other than
  same-origin or none, an `Origin` (or, without it, a `Referer`) that is not this page's own
  scheme, host and port, and `Origin: null` (a sandboxed frame, a file) are refused (403)
  before the body is read.
- **Token** (`Tokens`): every form the page draws carries a token signed with a key made when
  the server starts (itsdangerous), valid for TOKEN_HOURS; a POST without a valid one is
  refused (403) with a fresh page. A site elsewhere cannot read the page, so it cannot get
  one, even from a browser that sends neither Origin nor Sec-Fetch-Site.
- **Body time** (`timed`): the body must arrive within `body_seconds` and no gap between two
  of its chunks may pass `idle_seconds`; else TooSlow (the app answers 408). The request's
  headers have their own deadline in the server (drafter/web/server.py), where they are read.
"""

from __future__ import annotations

import asyncio
import ipaddress
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")
TOKEN_HOURS = 24  # a page left open over a working day still submits
TOKEN_FIELD = "csrf"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TooSlow(Exception):
    """The request body did not arrive in time."""

    message = "上传太慢,在规定时间内没有传完,已停止接收。请检查网络后重新提交。"


def host_name(header: str) -> str:
    """The host of a Host header or URL authority, lower case, without port, brackets and
    trailing dot ("" when it cannot be read): "[::1]:8765" → "::1", "LocalHost." → "localhost"."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0 or (value[end + 1:] and not value[end + 1:].startswith(":")):
            return ""
        return value[1:end]
    if value.count(":") > 1:  # a bare IPv6 address is not a valid Host
        return ""
    return value.split(":", 1)[0].rstrip(".")


def is_ip(name: str) -> bool:
    """An IPv4 or IPv6 address written as such (not a host name)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Hosts:
    """The host names the server answers to."""

    names: frozenset[str] = frozenset(LOOPBACK_NAMES)
    any_address: bool = False  # listening on every interface: any IP address as well

    @classmethod
    def of(cls, host: str, *extra: str, any_address: bool = False) -> Hosts:
        names = {n.strip().strip("[]").rstrip(".").lower() for n in (*LOOPBACK_NAMES, host, *extra)}
        return cls(frozenset(n for n in names if n), any_address)

    def allow(self, header: str) -> bool:
        name = host_name(header)
        if not name:
            return False
        return name in self.names or (self.any_address and is_ip(name))


def cross_site(headers: Headers, scheme: str = "http") -> str:
    """Why a state-changing request does not come from the page itself ("" when it does):
    `scheme` is the request's own (http)."""
    fetch_site = headers.get("sec-fetch-site", "").strip().lower()
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return f"浏览器表明请求来自别的网站(Sec-Fetch-Site: {fetch_site[:40]})"
    host = headers.get("host", "").strip().lower()
    origin = headers.get("origin")
    if origin is not None:
        if origin.strip().lower() == "null":
            return "请求的来源不明(Origin: null),可能来自别的网站或本地文件"
        return "" if _origin(origin) == (scheme, host) else "请求来自别的网站(Origin 不是本页)"
    referer = headers.get("referer")
    if referer is not None and _origin(referer) != (scheme, host):
        return "请求来自别的网站(Referer 不是本页)"
    return ""


def _origin(url: str) -> tuple[str, str]:
    """scheme://host:port/… → (scheme, host:port), the host:port as a Host header gives it."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ""
    return parts.scheme.lower(), parts.netloc.lower()


class Tokens:
    """Form tokens: a random value signed with the server's own key, with its time."""

    def __init__(self, max_age: float = TOKEN_HOURS * 3600):
        from itsdangerous import TimestampSigner

        self._signer = TimestampSigner(secrets.token_bytes(32), salt="drafter-form")
        self.max_age = max_age

    def issue(self) -> str:
        return self._signer.sign(secrets.token_urlsafe(16)).decode("ascii")

    def check(self, token: str) -> str:
        """Why `token` is refused ("" when it is one of ours and not expired)."""
        from itsdangerous import BadSignature, SignatureExpired

        if not token:
            return "表单缺少本页的校验码(可能来自别的网站,或页面是旧的)"
        try:
            self._signer.unsign(token, max_age=self.max_age)
        except SignatureExpired:
            return "页面打开太久,校验码已过期"
        except BadSignature:
            return "表单的校验码不对(可能来自别的网站,或网页服务已重新启动)"
        return ""


@dataclass(frozen=True)
class Limits:
    """How long a request may take, in seconds."""

    header_seconds: float = 15.0  # from the connection (or the last answer) to the headers
    body_seconds: float = 120.0  # the whole body: 20 MB over a slow office network
    idle_seconds: float = 20.0  # between two chunks of the body
    work_seconds: float = 90.0  # the form's work (a check, a draft, a PDF: seconds)


def timed(receive: Receive, limits: Limits) -> Receive:
    """`receive` that raises TooSlow once the body takes longer than the limits allow."""
    start: float | None = None

    async def bounded() -> Message:
        nonlocal start
        now = time.monotonic()
        if start is None:
            start = now
        left = min(limits.idle_seconds, limits.body_seconds - (now - start))
        if left <= 0:
            raise TooSlow
        try:
            return await asyncio.wait_for(receive(), left)
        except TimeoutError:
            raise TooSlow from None

    return bounded


_REFUSED = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>drafter:拒绝访问</title></head><body><h1>拒绝访问</h1><p>{}</p></body></html>"""


def refusal(status: int, text: str) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """A small Chinese page answering `status`, closing the connection."""
    from starlette.responses import HTMLResponse

    return HTMLResponse(_REFUSED.format(text), status_code=status,
                        headers={"Connection": "close", "Cache-Control": "no-store",
                                 "X-Content-Type-Options": "nosniff"})


class Guard:
    """The host and origin checks, and the body's time limit, around the app."""

    def __init__(self, app: ASGIApp, hosts: Hosts, limits: Limits):
        self.app = app
        self.hosts = hosts
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.hosts.allow(headers.get("host", "")):
            await refusal(403, "这个网页只能用本机的地址打开(如 http://127.0.0.1:端口/);"
                               "通过别的网址转来的请求不予处理。")(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            why = cross_site(headers, scope.get("scheme", "http"))
            if why:
                await refusal(403, f"已拒绝:{why}。请在 drafter 网页本身中操作。")(
                    scope, receive, send)
                return
        await self.app(scope, timed(receive, self.limits), send)
