"""The web page of `drafter serve`: one page holding every form, and a POST route for each.

Built on Starlette (ASGI; multipart uploads spooled to temporary files by python-multipart)
and served by uvicorn (drafter/web/server.py). Pages are Jinja2 templates of this package,
autoescaped: whatever a user sent (file names, cell text in messages and the preview) is
data in them, never template code. Every style and script ships in drafter/web/static: the
page works without a network.

Every request passes drafter/web/guard.py first (its host name, its origin, the time its
body takes), and every form carries a token of the page it came from (checked here).

Each submitted form gets its own temporary folder: the uploads are saved there under fixed
names, the form's handler (drafter/web/actions.py, which calls the library as the commands
do) runs in a worker thread within a time budget (Limits.work_seconds: the answer goes out
then, and the worker is interrupted, templating.deadline), and the folder is deleted when the
worker ends. What a visitor sends gets a Chinese message, never a 500: a DrafterError is the
library's own message; anything else is logged for the administrator and the page says the
file could not be processed, without the program's English words.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.errors import DrafterError
from drafter.web import actions
from drafter.web.forms import FORMS, Download, Form, Handler, Job, Page, Settings
from drafter.web.guard import TOKEN_FIELD, Guard, Tokens, TooSlow
from drafter.web.uploads import TooLarge, content_disposition, drain, megabytes, read_form, save

HERE = Path(__file__).parent
log = logging.getLogger("drafter.web")

# The page loads nothing from elsewhere; downloads are data: links turned into blob: ones.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with the
    # page's own forms, which the origin check (guard.cross_site) must refuse
    "Referrer-Policy": "same-origin",
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


class Overtime(Exception):
    """A form's work went over its time budget."""


BROKEN = ("无法处理上传的文件:其内容超出了程序能处理的范围(详情已记入服务器日志)。请确认文件能用"
          " Word 或 Excel 正常打开,另存一份后再试;如仍不行,请把文件交给管理员。")


async def run_job(handler: Handler, job: Job, seconds: float) -> Page | Download:
    """`handler(job)` in a worker thread: its answer, or Overtime once `seconds` have passed.
    The worker is then interrupted (and again until it stops); the job's folder is removed
    when the worker ends, whenever that is."""
    from drafter.templating.deadline import Deadline, TimeLimitExceeded

    def work() -> Page | Download:
        deadline = Deadline(seconds, again=1.0)
        try:
            with deadline:
                return handler(job)
        except TimeLimitExceeded:
            raise Overtime from None
        finally:
            deadline.close()  # (an interruption may land in __exit__ before it withdraws)
            shutil.rmtree(job.folder, ignore_errors=True)

    worker = asyncio.get_running_loop().run_in_executor(None, work)
    try:
        return await asyncio.wait_for(asyncio.shield(worker), seconds + 2)
    except TimeoutError:  # interrupted but inside a long call: answer now
        worker.add_done_callback(lambda f: f.cancelled() or f.exception())  # no "never retrieved"
        raise Overtime from None


def make_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    env = environment()
    state: dict[str, Any] = {}
    tokens = Tokens()

    def page(request: Request, *, status: int = 200, form: Form | None = None,
             error: str = "", result: Page | None = None) -> HTMLResponse:
        if "kinds" not in state:  # the packs do not change while the server runs
            state["kinds"] = actions.kinds()
            state["pdf"] = actions.pdf_available()
        html = env.get_template("index.html").render(
            forms=list(FORMS.values()), kinds=state["kinds"], pdf=state["pdf"],
            limit=megabytes(settings.limit), office=settings.office.name if settings.office
            else "", error=_zh(error), failed=form.slug if form and error else "",
            result=result.template if result else "", token=tokens.issue(),
            token_field=TOKEN_FIELD, **(result.context if result else {}))
        closing = {"Connection": "close"} if status in (408, 413) else {}
        return HTMLResponse(html, status_code=status, headers={**HEADERS, **closing})

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
        folder = Path(tempfile.mkdtemp(prefix="drafter-web-"))
        handed = False  # once the worker has the job, it removes the folder when it ends
        try:
            job = Job(folder, settings)
            data = await read_form(request, form, settings.limit)
            try:
                why = tokens.check(str(data.get(TOKEN_FIELD) or ""))
                if why:
                    return page(request, status=403, form=form,
                                error=f"未处理:{why}。本页已重新打开,请重新选择文件后再提交。")
                await save(data, form, job)
            finally:
                await data.close()
            handed = True
            outcome = await run_job(form.handler, job, settings.limits.work_seconds)
        except TooLarge as exc:
            with contextlib.suppress(TooSlow, ClientDisconnect):
                await drain(request, exc)
            return page(request, status=413, form=form, error=exc.message)
        except TooSlow as exc:
            return page(request, status=408, form=form, error=exc.message)
        except ClientDisconnect:  # the visitor left mid-upload: nobody to answer
            return Response(status_code=400)
        except Overtime:
            seconds = f"{settings.limits.work_seconds:g}"
            return page(request, status=503, form=form,
                        error=f"处理超过 {seconds} 秒仍未完成,已停止。文件可能过大(例如大纲有几万行),"
                              "请精简后重试。")
        except (MultiPartException, HTTPException):  # starlette wraps the first
            # (its words are English: too many files or fields, a malformed body)
            return page(request, status=400, form=form,
                        error="上传的内容不完整或格式不对(文件多于表单要求,或传输中断),"
                              "请重新选择文件后再提交。")
        except DrafterError as exc:
            return page(request, status=400, form=form, error=job.explain(exc))
        except Exception:  # a bug, or a file beyond what the library handles: logged
            log.exception("drafter serve: %s failed", form.slug)
            return page(request, status=400, form=form, error=BROKEN)
        finally:
            if not handed:
                shutil.rmtree(folder, ignore_errors=True)
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
    middleware = [Middleware(Guard, hosts=settings.hosts, limits=settings.limits)]
    return Starlette(routes=routes, middleware=middleware)
