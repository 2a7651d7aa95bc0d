"""Start the page: bind the socket (so a port in use is a Chinese message before anything
starts, and the address is known), open the browser, run uvicorn on the bound socket.

uvicorn: an ASGI server that starts in a fraction of a second and needs no configuration;
its own log is kept to warnings (it names the errors of the server itself), the access log
is off: the page shows the users what happened.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import sys
import threading
import webbrowser

from drafter.errors import DrafterError
from drafter.web.forms import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def allowed_hosts(host: str) -> tuple[str, ...]:
    """Host headers to answer: on 127.0.0.1 only its own names (a page elsewhere cannot reach
    the server through a name of its own, DNS rebinding); any on the LAN or IPv6 (starlette's
    host check does not read [::1]:port)."""
    return LOOPBACK_HOSTS if loopback(host) and ":" not in host else ("*",)


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); DrafterError in Chinese when
    the port is taken or the address is not this machine's."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise DrafterError(f"无法识别地址 {host}:{exc.strerror}") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    if sys.platform != "win32":  # on Windows this option lets two servers share a port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise DrafterError(f"端口 {port} 已被占用(可能已经有一个 drafter serve 在运行),"
                               "请用 --port 换一个端口,如 --port 8766") from exc
        raise DrafterError(f"无法在 {host}:{port} 上启动:{exc.strerror or exc}") from exc
    return sock


def url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def open_browser(address: str) -> None:
    """The default browser on `address`, from a thread: some browsers' launchers block."""
    threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()


def serve(sock: socket.socket, settings: Settings) -> None:
    """Answer on `sock` until Ctrl+C (or SIGTERM); returns once stopped."""
    import uvicorn

    from drafter.web.app import make_app

    # h11 and no websockets: the pure-Python HTTP/1.1 parser is plenty for one office, and
    # not importing the websocket stacks makes the start quicker
    config = uvicorn.Config(make_app(settings), http="h11", ws="none", log_level="warning",
                            access_log=False, lifespan="off", timeout_graceful_shutdown=3)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops, then passes Ctrl+C on
        uvicorn.Server(config).run(sockets=[sock])
