"""The site's routes: each address, the handler behind it (views.py, account_views.py,
folder_views.py) and what it allows; app.make_app wraps each handler (login, CSRF, errors)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.site import account_views, folder_views
from drafter.site.context import WEB
from drafter.site.views import (
    audit,
    compare,
    history,
    home,
    make_report,
    open_round,
    report_file,
    review,
    round_page,
    submission_file,
    submission_page,
    upload,
    workbook,
)

HERE = Path(__file__).parent


def routes(wrap: Callable[..., Any]) -> list:
    return [
        *account_views.routes(wrap),
        Route("/folders", wrap(folder_views.folders), methods=["GET", "POST"]),
        Route("/folders/{fid}/zip", wrap(folder_views.folder_zip)),
        Route("/", wrap(home)),
        Route("/rounds", wrap(open_round), methods=["POST"]),
        Route("/r/{rid}", wrap(round_page)),
        Route("/r/{rid}/workbook", wrap(workbook)),
        Route("/r/{rid}/upload", wrap(upload), methods=["POST"]),
        Route("/r/{rid}/report", wrap(make_report), methods=["POST"]),
        Route("/r/{rid}/report/{what}", wrap(report_file)),
        Route("/s/{sid}", wrap(submission_page)),
        Route("/s/{sid}/file", wrap(submission_file)),
        Route("/s/{sid}/review", wrap(review), methods=["POST"]),
        Route("/s/{sid}/compare", wrap(compare)),
        Route("/history", wrap(history)),
        Route("/audit", wrap(audit)),
        Mount("/static", StaticFiles(directory=WEB / "static"), name="static"),
        Mount("/site-static", StaticFiles(directory=HERE / "static"), name="site-static"),
    ]
