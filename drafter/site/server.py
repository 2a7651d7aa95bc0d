"""Run the site: bind (drafter serve's binding: a taken port is a Chinese message), then
uvicorn on the bound socket, behind the office's web server when --proxy names it."""

from __future__ import annotations

import contextlib
import socket

from drafter.site.app import Settings, make_app
from drafter.site.db import Database
from drafter.site.folder import Site


def serve(sock: socket.socket, site: Site, db: Database, settings: Settings,
          proxy: str = "") -> None:
    import uvicorn

    config = uvicorn.Config(
        make_app(site, db, settings), http="h11", ws="none", log_level="warning",
        access_log=False, lifespan="off", timeout_graceful_shutdown=5,
        # an idle or slow client does not hold a connection for long
        timeout_keep_alive=5, limit_concurrency=200,
        # X-Forwarded-For / -Proto believed only from the proxy named (the audit log's address)
        proxy_headers=bool(proxy), forwarded_allow_ips=proxy or None)
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
