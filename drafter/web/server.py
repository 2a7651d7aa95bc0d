"""Start the page: bind the socket (so a port in use is a Chinese message before anything
starts, and the address is known), open the browser, run uvicorn on the bound socket.

uvicorn: an ASGI server that starts in a fraction of a second and needs no configuration;
its own log is kept to warnings (it names the errors of the server itself), the access log
is off: the page shows the users what happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import re
import socket
import sys
import threading
import webbrowser
from typing import Any

from drafter.errors import DrafterError, reason
from drafter.web.forms import Settings
from drafter.web.guard import Hosts

RESOLVE_SECONDS = 5.0  # a host name the resolver cannot answer for does not hold up the start
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def allowed_hosts(host: str) -> Hosts:
    """The Host headers to answer (web/guard.py): 127.0.0.1, [::1], localhost and `host`;
    on every interface (0.0.0.0, ::) also any IP address and this machine's name."""
    name = host.strip().strip("[]")
    everywhere = name in ("0.0.0.0", "::", "")
    extra = (socket.gethostname(),) if everywhere else ()
    return Hosts.of(name, *extra, any_address=everywhere)


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _valid_name(name: str) -> bool:
    labels = name.lower().rstrip(".").split(".")
    return len(name) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def _resolve(host: str, port: int) -> list[tuple]:
    """getaddrinfo for `host`, given up after RESOLVE_SECONDS (a resolver that does not answer
    would otherwise hold the command for its own timeout)."""
    found: list[list[tuple] | BaseException] = []

    def ask() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                            flags=socket.AI_PASSIVE))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    asker.join(RESOLVE_SECONDS)
    if not found:
        raise DrafterError(f"查找地址 {host} 超过 {RESOLVE_SECONDS:g} 秒没有结果;"
                           "请直接写本机的 IP 地址(如 192.168.1.20)")
    if isinstance(found[0], BaseException) or not found[0]:
        raise DrafterError(f"找不到名为 {host} 的地址;请写本机的 IP 地址(如 192.168.1.20)、"
                           "localhost 或本机的名字")
    return found[0]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); DrafterError in Chinese when
    the host cannot be read or is not this machine's, or the port is taken."""
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        if not _valid_name(name):
            raise DrafterError(f"地址 {host!r} 的写法不对:请写本机的 IP 地址(如 127.0.0.1、"
                               "192.168.1.20)、localhost 或本机的名字") from None
    family, kind, proto, _, address = _resolve(name, port)[0]
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
        if exc.errno in (errno.EADDRNOTAVAIL, getattr(errno, "WSAEADDRNOTAVAIL", -1)):
            raise DrafterError(f"{host} 不是本机的地址,无法在它上面启动;请写本机的 IP 地址,"
                               "或用默认的 127.0.0.1(只有本机能打开)") from exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise DrafterError(f"没有权限使用端口 {port}(1024 以下的端口需要管理员权限),"
                               "请换一个端口,如 --port 8765") from exc
        raise DrafterError(f"无法在 {host}:{port} 上启动:{reason(exc)}") from exc
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
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops, then passes Ctrl+C on
        server(settings).run(sockets=[sock])


def server(settings: Settings) -> Any:
    """The uvicorn server of the page (its `run(sockets=[…])` serves until told to stop)."""
    import uvicorn

    from drafter.web.app import make_app

    # h11 and no websockets: the pure-Python HTTP/1.1 parser is plenty for one office, and
    # not importing the websocket stacks makes the start quicker
    config = uvicorn.Config(make_app(settings), http=protocol(settings.limits.header_seconds),
                            ws="none", log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3)
    return uvicorn.Server(config)


_TIMEOUT = ("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>drafter</title>"
            "</head><body><p>请求在规定时间内没有发完,连接已关闭。请重新打开网页。</p></body></html>"
            ).encode()
TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Connection: close\r\nContent-Length: " + str(len(_TIMEOUT)).encode()
                    + b"\r\n\r\n" + _TIMEOUT)


def protocol(header_seconds: float) -> type:
    """uvicorn's HTTP/1.1 protocol (h11) with a deadline uvicorn does not have: from the
    connection (or the previous answer) to a request's complete headers, `header_seconds`,
    however slowly bytes trickle in (a client that sends a byte every few seconds would hold a
    connection forever). Past it, a partial request gets 408 and the connection is closed;
    the body's own limits are web/guard.py's. An unread body left after an answer (a refused
    upload) counts as waiting too."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        _timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._await_request()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_waiting()
            super().connection_lost(exc)

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:
                self._stop_waiting()  # the headers are in: the app has the request

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and (self.cycle is None
                                                    or self.cycle.response_complete):
                self._await_request()

        def _await_request(self) -> None:
            self._stop_waiting()
            self._timer = self.loop.call_later(header_seconds, self._expired)

        def _stop_waiting(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _expired(self) -> None:
            self._timer = None
            if self.transport.is_closing() or (self.cycle is not None
                                               and not self.cycle.response_complete):
                return
            if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
                self.transport.write(TIMEOUT_RESPONSE)  # part of a request came: say why
            self.transport.close()

    return Protocol
