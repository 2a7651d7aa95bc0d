"""`drafter site …`: the commands the IT staff run on the server (docs/site.md).

    drafter site init 文件夹 --name 示例市司法局 [--database postgresql+psycopg://…]
    drafter site serve 文件夹 [--host 0.0.0.0] [--port 8780] [--proxy 127.0.0.1] [--secure-cookies]
    drafter site office add 文件夹 甲区司法局 …      drafter site office list 文件夹
    drafter site user add 文件夹 登录名 --office 甲区司法局 | --superior [--password]
    drafter site user reset 文件夹 登录名 [--password]    (else a one-time link is printed)
    drafter site user disable 文件夹 登录名          drafter site user list 文件夹
    drafter site backup 文件夹 -o 备份.zip           drafter site restore 备份.zip 新文件夹

Thin, as drafter/cli.py: options in, one call into drafter/site, lines out. Imports nothing
heavy at load: `drafter --help` stays quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from drafter import usage

site_app = usage.apart(cls=usage.Group, no_args_is_help=True,
                       help="报送平台:市局开启报送,各区县下载、上传数据表,市局审核、汇总(见 docs/site.md)。")
office_app = typer.Typer(cls=usage.Group, no_args_is_help=True, help="站点中的单位(区县)。")
user_app = typer.Typer(cls=usage.Group, no_args_is_help=True, help="站点的账号。")
site_app.add_typer(office_app, name="office")
site_app.add_typer(user_app, name="user")

Folder = Annotated[Path, typer.Argument(metavar="站点文件夹", show_default=False,
                                        help="drafter site init 建立的文件夹。")]
Login = Annotated[str, typer.Argument(metavar="登录名", show_default=False)]


_EXTRA = ("sqlalchemy", "alembic", "psycopg", "argon2", "itsdangerous")  # drafter[site]


@contextmanager
def _guard() -> Iterator[None]:
    from drafter.errors import DrafterError, Exit

    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except DrafterError as exc:
        typer.echo(f"错误：{exc.describe()}", err=True)
        raise typer.Exit(Exit.UNUSABLE) from None
    except KeyboardInterrupt:
        typer.echo("已中断。", err=True)
        raise typer.Exit(Exit.INTERRUPTED) from None
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in _EXTRA:
            typer.echo(f"错误：报送平台需要另外安装几个程序库（缺少 {exc.name}）：pip install \"drafter[site]\"",
                       err=True)
            raise typer.Exit(Exit.UNUSABLE) from None
        raise


@contextmanager
def _db(folder: Path):  # type: ignore[no-untyped-def]
    from drafter.site import admin
    from drafter.site.folder import open_site

    site = open_site(folder)
    db = admin.database(site)
    try:
        yield site, db
    finally:
        db.dispose()


@site_app.command("init", cls=usage.Command)
def init(
    folder: Folder,
    name: Annotated[str, typer.Option("--name", metavar="单位名称", help="本局的名称,如 示例市司法局:全市报告的落款。")] = "",
    database: Annotated[str, typer.Option("--database", metavar="地址", help="PostgreSQL 数据库地址,如 postgresql+psycopg://drafter:密码@127.0.0.1/drafter;不写则用文件夹中的 SQLite。")] = "",
    url: Annotated[str, typer.Option("--url", metavar="网址", help="大家打开本站用的网址,如 https://baosong.example.gov.cn:一次性链接以它开头(写入 site.toml 的“网址”)。")] = "",
) -> None:
    """建立站点文件夹:数据库(建表)、签名密钥、存放上传文件的文件夹。"""
    with _guard():
        from drafter.site import admin

        site = admin.init(folder, name=name, url=database, address=url)
        typer.echo(f"已建立站点：{folder}（{site.name}，数据库："
                   f"{'PostgreSQL' if database else 'SQLite ' + str(folder / 'site.db')}）")
        typer.echo(f"下一步：drafter site office add {folder} 单位名称；"
                   f"drafter site user add {folder} 登录名 --superior")


@site_app.command("serve", cls=usage.Command)
def serve(
    folder: Folder,
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听的地址;默认只有本机(或本机的 nginx)能访问,0.0.0.0 让局域网访问。")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", metavar="端口", min=0, max=65535, help="端口;0 表示任选一个空闲端口。")] = 8780,
    allowed_host: Annotated[list[str] | None, typer.Option("--allowed-host", metavar="域名", help="另外应答这些主机名(如 baosong.example.gov.cn),可写多次;本机的地址(127.0.0.1、localhost、监听的地址)总是应答,--host 0.0.0.0 时另加任何 IP 地址和本机名。")] = None,
    proxy: Annotated[str, typer.Option("--proxy", metavar="地址", help="前面的 Web 服务器(nginx)的地址,如 127.0.0.1:只信任它发来的 X-Forwarded-For / X-Forwarded-Proto。")] = "",
    secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="登录 Cookie 只经 HTTPS 发送(由 nginx 提供 HTTPS 时加上)。")] = False,
    max_upload: Annotated[int, typer.Option("--max-upload", metavar="MB", min=1, max=512, help="每次上传的上限(MB)。")] = 20,
) -> None:
    """启动报送平台(升级数据库后开始服务,按 Ctrl+C 停止)。"""
    with _guard():
        from drafter.site import server
        from drafter.site.context import Settings
        from drafter.web.server import allowed_hosts, bind, loopback, url

        with _db(folder) as (site, db):
            sock = bind(host, port)
            # drafter serve's names (127.0.0.1, [::1], localhost, the address listened on; on
            # 0.0.0.0 any IP address and this machine's name), and --allowed-host's
            own = allowed_hosts(host)
            hosts = tuple(allowed_host or ()) + tuple(sorted(own.names))
            typer.echo(f"drafter 报送平台已启动：{url(sock)}（{site.name}）")
            typer.echo("按 Ctrl+C 停止。", err=False)
            if not loopback(host) and not secure_cookies:
                typer.echo("提示：局域网中使用时，登录密码以明文经过网络；请放在提供 HTTPS 的 Web 服务器之后"
                           "并加 --secure-cookies（见 docs/site.md）。", err=True)
            if loopback(host) and not proxy:
                typer.echo("提示：放在本局的 Web 服务器（nginx）之后时，请加 --proxy 它的地址（如 127.0.0.1）："
                           "否则所有人的来源地址都是 nginx 的，操作记录和按地址限制登录都把所有人算作同一个地址。",
                           err=True)
            server.serve(sock, site, db, Settings(limit=max_upload << 20, hosts=hosts,
                                                  any_address=own.any_address,
                                                  secure=secure_cookies, proxy=proxy))
            typer.echo("已停止。")


@office_app.command("add", cls=usage.Command)
def office_add(folder: Folder, names: Annotated[list[str], typer.Argument(metavar="单位名称...", show_default=False)]) -> None:
    """新建单位(区县),可以一次写多个。"""
    with _guard(), _db(folder) as (_, db):
        from drafter.site import admin

        for name in names:
            admin.add_office(db, name)
            typer.echo(f"已新建单位：{name.strip()}")


@office_app.command("list", cls=usage.Command)
def office_list(folder: Folder) -> None:
    """列出单位。"""
    with _guard(), _db(folder) as (_, db):
        from drafter.site import admin

        for office in admin.offices(db):
            typer.echo(office.name)


Given = Annotated[bool, typer.Option("--password", help="不发链接,改为显示一个初始密码(只显示这一次),本人首次登录时必须修改。")]
Url = Annotated[str, typer.Option("--url", metavar="网址", help="本站的网址,一次性链接以它开头;不写则用 site.toml 中的“网址”。")]
Hours = Annotated[int, typer.Option("--hours", metavar="小时", min=1, max=720, help="一次性链接的有效期(小时)。")]


def _say_password(password: str, *, reset: bool) -> None:
    typer.echo(f"{'新' if reset else '初始'}密码：{password}")
    typer.echo("这个密码只显示这一次，不会保存；请当面或电话告知本人。本人首次登录时必须换成自己的密码。")


def _say_link(site, db, login: str, url: str, hours: int) -> None:  # type: ignore[no-untyped-def]
    """A one-time link for the account, printed once."""
    from drafter.site import admin, links

    token, _ = admin.issue_link(db, login, hours)
    base = (url or site.address or "").rstrip("/")
    typer.echo(f"一次性链接（{hours} 小时内有效，只能用一次）：")
    typer.echo(links.url(base or "http://127.0.0.1:8780", token))
    typer.echo("请把链接发给本人：打开后设置自己的密码即登录。链接只显示这一次，不会保存；"
               "过期或丢失时用 drafter site user reset 重新发一个。")
    if not base:
        typer.echo("提示：站点没有设置网址（site.toml 中的“网址”），上面的链接以本机地址开头；"
                   "请换成大家打开本站用的网址，或用 --url 指定、在 site.toml 中写 网址 = \"https://…\"。",
                   err=True)


@user_app.command("add", cls=usage.Command)
def user_add(
    folder: Folder, login: Login,
    office: Annotated[str | None, typer.Option("--office", metavar="单位名称", help="区县的账号:属于哪个单位,只能看到本单位的报送。")] = None,
    superior: Annotated[bool, typer.Option("--superior", help="市局的账号:开启报送,查看、审核各单位,汇总。")] = False,
    given: Given = False, url: Url = "", hours: Hours = 72,
) -> None:
    """新建账号,显示一次性链接(本人打开后设置自己的密码);加 --password 则显示一次初始密码。"""
    with _guard(), _db(folder) as (site, db):
        from drafter.site import admin, auth

        password = auth.new_password() if given else None
        admin.add_user(db, login, office=office, superior=superior, password=password)
        typer.echo(f"已新建账号：{login.strip().lower()}（{'市局' if superior else office}）")
        if password:
            _say_password(password, reset=False)
        else:
            _say_link(site, db, login, url, hours)


@user_app.command("reset", cls=usage.Command)
def user_reset(folder: Folder, login: Login, given: Given = False, url: Url = "",
               hours: Hours = 72) -> None:
    """重设密码:原密码立即失效,此前的登录全部失效,解除锁定、重新启用;显示一次性链接(或加 --password 显示新密码)。"""
    with _guard(), _db(folder) as (site, db):
        from drafter.site import admin, auth

        password = auth.new_password() if given else None
        admin.reset_password(db, login, password)
        typer.echo(f"已重设 {login.strip().lower()} 的密码：原密码已失效，此前的登录已全部退出，锁定已解除。")
        if password:
            _say_password(password, reset=True)
        else:
            _say_link(site, db, login, url, hours)


@user_app.command("disable", cls=usage.Command)
def user_disable(folder: Folder, login: Login) -> None:
    """停用账号(立即退出登录;记录保留)。用 user reset 重新启用。"""
    with _guard(), _db(folder) as (_, db):
        from drafter.site import admin

        admin.disable(db, login)
        typer.echo(f"已停用：{login}")


@user_app.command("list", cls=usage.Command)
def user_list(folder: Folder) -> None:
    """列出账号。"""
    with _guard(), _db(folder) as (_, db):
        from drafter.site import admin

        for user, where in admin.users(db):
            typer.echo(f"{user.login}\t{where}\t{'' if user.active else '已停用'}")


@site_app.command("backup", cls=usage.Command)
def backup(
    folder: Folder,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="备份.zip", help="备份文件。")],
    force: Annotated[bool, typer.Option("--force", help="备份文件已存在时覆盖。")] = False,
) -> None:
    """备份整个站点(数据库、全部上传和生成的文件、设置和密钥)到一个压缩包;站点可以照常运行。"""
    with _guard(), _db(folder) as (site, db):
        from drafter.site import backup as run

        done = run.backup(site, db, output, force=force)
        rows = sum(done["tables"].values())
        typer.echo(f"已备份到 {output}：数据库 {rows} 行，文件 {done['files']} 个。"
                   "备份中有密码的散列和各单位的数据，请妥善保管。")


@site_app.command("restore", cls=usage.Command)
def restore(
    archive: Annotated[Path, typer.Argument(metavar="备份.zip", show_default=False)],
    folder: Annotated[Path, typer.Argument(metavar="新站点文件夹", show_default=False)],
    database: Annotated[str, typer.Option("--database", metavar="地址", help="恢复到这个(空的)PostgreSQL 数据库;不写则用新文件夹中的 SQLite。")] = "",
) -> None:
    """从备份恢复到一个新的站点文件夹(不覆盖已有的站点)。"""
    with _guard():
        from drafter.site import backup as run

        _, done = run.restore(archive, folder, url=database)
        rows = sum(done["tables"].values())
        typer.echo(f"已恢复到 {folder}：数据库 {rows} 行，文件 {done['files']} 个。"
                   f"启动：drafter site serve {folder}")
