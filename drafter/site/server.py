"""Run the site: bind (drafter serve's binding: a taken port is a Chinese message), then
uvicorn on the bound socket, with drafter serve's HTTP protocol: a request's headers must
arrive within Limits.header_seconds (drafter/web/server.py's `protocol`: a client trickling
bytes holds no connection), the body's limits are the app's (guard.timed)."""

from __future__ import annotations

import contextlib
import socket
from typing import Any

from drafter.site.app import Settings, make_app
from drafter.site.db import Database
from drafter.site.folder import Site


def serve(sock: socket.socket, site: Site, db: Database, settings: Settings) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        server(site, db, settings).run(sockets=[sock])


def server(site: Site, db: Database, settings: Settings) -> Any:
    """The site's uvicorn server (its `run(sockets=[…])` serves until told to stop)."""
    import uvicorn

    from drafter.web.server import protocol

    config = uvicorn.Config(
        make_app(site, db, settings), http=protocol(settings.limits.header_seconds),
        ws="none", log_level="warning", access_log=False, lifespan="off",
        timeout_graceful_shutdown=5,
        # an idle client does not hold a connection for long between requests
        timeout_keep_alive=5, limit_concurrency=200,
        # X-Forwarded-For / -Proto: believed only from settings.proxy, by the app itself
        # (app.py), so that the tests see what the server does
        proxy_headers=False)
    return uvicorn.Server(config)
