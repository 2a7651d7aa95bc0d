"""What every handler of the site gets (Context: the site, its database, the request, who
asks), the page's settings, templates and headers, and the refusals a handler raises (TooBig,
BadForm). Its own module so that the handlers (views.py, account_views.py, folder_views.py)
and the application that routes to them (app.py → routes.py) import it one way."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from drafter.errors import DrafterError
from drafter.site.db import Database, User
from drafter.site.folder import Site
from drafter.web.guard import Limits

HERE = Path(__file__).parent
WEB = HERE.parent / "web"
log = logging.getLogger("drafter.site")

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with the
    # site's own forms, which the origin check (guard.cross_site) refuses
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SESSION_HOURS = 8


@dataclass
class Settings:
    """What `drafter site serve` was started with."""

    limit: int = 20 << 20  # bytes one upload may have
    hosts: tuple[str, ...] = ("127.0.0.1", "::1", "localhost")
    any_address: bool = False  # listening on every interface: any IP address answered too
    # the times drafter serve allows (guard.Limits): headers, body, the work on a file
    limits: Limits = field(default_factory=Limits)
    secure: bool = False  # cookies only over HTTPS (behind a proxy that terminates TLS)
    # the office's web server (nginx) in front: X-Forwarded-For / -Proto believed from these
    # addresses only (comma-separated; "" = from no one)
    proxy: str = ""


@dataclass
class Context:
    """What every handler gets: the site, its database, the request, and who asks."""

    site: Site
    db: Database
    settings: Settings
    env: Environment
    request: Request
    user: User | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def address(self) -> str:
        """The client's address (behind --proxy: the one the proxy forwarded)."""
        return (self.request.client.host if self.request.client else "")[:64]

    def csrf(self) -> str:
        token = self.request.session.get("csrf")
        if not token:
            token = self.request.session["csrf"] = secrets.token_urlsafe(24)
        return token

    def page(self, template: str, status: int = 200, *, closing: bool = False,
             **values: Any) -> HTMLResponse:
        """`closing`: the connection is closed after the answer (a body not read to its end)."""
        html = self.env.get_template(template).render(
            user=self.user, site=self.site.name, csrf=self.csrf(), **values)
        return HTMLResponse(html, status_code=status,
                            headers={**HEADERS, **({"Connection": "close"} if closing else {})})

    def back(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303, headers=HEADERS)


def _zh(text: str) -> str:
    """The library's messages in full-width punctuation, as the CLI and drafter serve print them."""
    if not text:
        return text
    from drafter.present import zh

    return zh(text)


def environment() -> Environment:
    env = Environment(loader=ChoiceLoader([FileSystemLoader(HERE / "templates"),
                                           FileSystemLoader(WEB / "templates")]),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["zh"] = _zh
    env.filters["local"] = _local
    return env


def _local(moment: Any) -> str:
    """A stored UTC time as this machine's local time: 2024-07-01 09:30."""
    import datetime as dt

    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


Handler = Callable[[Context], Awaitable[Response]]


class TooBig(DrafterError):
    """A form past its size limit (views._form): 413, the connection closed after it."""


class BadForm(Exception):
    """A form without its CSRF token, or with one of another session."""


def check_csrf(ctx: Context, form: Any) -> None:
    sent = form.get("csrf") if form is not None else None
    token = ctx.request.session.get("csrf")
    # (as bytes: compare_digest refuses a str with non-ASCII characters, which a form may send)
    if not isinstance(sent, str) or not token or not secrets.compare_digest(
            sent.encode("utf-8", "surrogatepass"), token.encode("utf-8")):
        raise BadForm
