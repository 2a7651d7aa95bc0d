"""The web page of `drafter serve`: one page holding every form, and a POST route for each.

Built on Starlette (ASGI; multipart uploads spooled to temporary files by python-multipart)
and served by uvicorn (drafter/web/server.py). Pages are Jinja2 templates of this package,
autoescaped: whatever a user sent (file names, cell text in messages and the preview) is
data in them, never template code. Every style and script ships in drafter/web/static: the
page works without a network.

Each submitted form gets its own temporary folder: the uploads are saved there under fixed
names, the form's handler (drafter/web/actions.py, which calls the library as the commands
do) runs in a worker thread, and the folder is deleted before the response goes out.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.errors import DrafterError
from drafter.web import actions
from drafter.web.forms import FORMS, Download, Form, Job, Page, Settings
from drafter.web.uploads import TooLarge, content_disposition, drain, megabytes, read_form, save

HERE = Path(__file__).parent
log = logging.getLogger("drafter.web")

# The page loads nothing from elsewhere; downloads are data: links turned into blob: ones.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["zh"] = _zh  # the library's messages in full-width punctuation, as the CLI's
    return env


def _zh(text: str) -> str:
    """drafter.present.zh, imported on first use (it brings the outline parser along)."""
    if not text:
        return text
    from drafter.present import zh

    return zh(text)


def make_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    env = environment()
    state: dict[str, Any] = {}

    def page(request: Request, *, status: int = 200, form: Form | None = None,
             error: str = "", result: Page | None = None) -> HTMLResponse:
        if "kinds" not in state:  # the packs do not change while the server runs
            state["kinds"] = actions.kinds()
            state["pdf"] = actions.pdf_available()
        html = env.get_template("index.html").render(
            forms=list(FORMS.values()), kinds=state["kinds"], pdf=state["pdf"],
            limit=megabytes(settings.limit), office=settings.office.name if settings.office
            else "", error=_zh(error), failed=form.slug if form and error else "",
            result=result.template if result else "", **(result.context if result else {}))
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    async def index(request: Request) -> Response:
        response = page(request)
        if not state.get("warm"):
            state["warm"] = True
            response.background = BackgroundTask(actions.warm)  # after the page is sent
        return response

    async def submit(request: Request) -> Response:
        form = FORMS.get(request.path_params["slug"])
        if form is None:
            return page(request, status=404, error="没有这个功能,请从首页重新操作。")
        with tempfile.TemporaryDirectory(prefix="drafter-web-") as tmp:
            job = Job(Path(tmp), settings)
            try:
                data = await read_form(request, form, settings.limit)
                try:
                    await save(data, form, job)
                finally:
                    await data.close()
                outcome = await run_in_threadpool(form.handler, job)
            except TooLarge as exc:
                await drain(request, exc)
                return page(request, status=413, form=form, error=exc.message)
            except (MultiPartException, HTTPException):  # starlette wraps the first
                # (its words are English: too many files or fields, a malformed body)
                return page(request, status=400, form=form,
                            error="上传的内容不完整或格式不对(文件多于表单要求,或传输中断),"
                                  "请重新选择文件后再提交。")
            except DrafterError as exc:
                return page(request, status=400, form=form, error=job.explain(exc))
            except Exception as exc:  # a bug: say so, keep serving the others
                log.exception("drafter serve: %s failed", form.slug)
                return page(request, status=500, form=form,
                            error=f"内部错误:{type(exc).__name__}: {exc}。"
                                  "请把这条信息和所用的文件报告给开发者。")
        if isinstance(outcome, Download):
            return Response(outcome.data, media_type=outcome.media_type, headers={
                **HEADERS, "Content-Disposition": content_disposition(outcome.filename)})
        return page(request, form=form, result=outcome)

    async def back(request: Request) -> Response:
        return RedirectResponse("/", status_code=303)

    routes = [
        Route("/", index),
        Route("/form/{slug}", submit, methods=["POST"]),
        Route("/form/{slug}", back, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts))]
    return Starlette(routes=routes, middleware=middleware)
