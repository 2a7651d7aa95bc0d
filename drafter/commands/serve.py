"""`drafter serve`: the local page. `start` binds the socket (a port in use is a Chinese
message before anything starts, and the address is known); `show` is what the command
says then; `run` answers until Ctrl+C (web.server). The CLI opens the browser between."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.said import Said
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.web.forms import Settings


@dataclass
class Started:
    sock: socket.socket
    address: str  # the page's URL
    host: str
    settings: Settings


def start(*, host: str = "127.0.0.1", port: int = 8765, office: Path | None = None,
          max_upload: int = 20) -> Started:
    """`port` 0: any free port; `max_upload`: MB a submission may send in all."""
    from drafter.web import server
    from drafter.web.forms import Settings

    if office is not None and not office.is_dir():
        raise DrafterError(f"单位文件夹不存在:{office}")
    sock = server.bind(host, port)
    settings = Settings(office=office, limit=max_upload << 20, hosts=server.allowed_hosts(host))
    return Started(sock, server.url(sock), host, settings)


def show(started: Started) -> Said:
    """Written in full-width punctuation here (not through Said.say): the page opens sooner."""
    from drafter.web import server

    said = Said()
    said.echo(f"drafter 网页界面已启动：{started.address}")
    said.echo("请在浏览器中打开上面的地址使用；用完后在此窗口按 Ctrl+C 停止。")
    if not server.loopback(started.host):
        said.echo(f"警告：正在监听 {started.host}，同一局域网内的任何人都能打开这个网页并上传文件；"
                  "网页没有账号和密码。只在可信的内部网络中这样使用，用完请及时停止。", err=True)
    return said


def run(started: Started) -> Said:
    """Answer on the socket until stopped; what the command says then."""
    from drafter.web import server

    server.serve(started.sock, started.settings)
    said = Said()
    said.echo("已停止。")
    return said
