"""What the administrator does from the command line: the site, offices and accounts.

Each change is audited with the actor 命令行 (the administrator at the server's console).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select

from drafter.errors import DrafterError
from drafter.site import auth, folder, links, migrate
from drafter.site.db import OFFICE, SUPERIOR, Database, Office, User, record

CONSOLE = "命令行"
_LOGIN = re.compile(r"[a-z0-9][a-z0-9_.-]{1,63}")


def database(site: folder.Site) -> Database:
    """The site's database, migrated to the newest schema."""
    db = Database(site.url)
    try:
        migrate.upgrade(db.engine)
    except Exception as exc:
        db.dispose()
        raise DrafterError(f"无法打开或升级站点数据库:{type(exc).__name__}: "
                           f"{str(exc).splitlines()[0][:300]}") from exc
    return db


def init(path: Path, *, name: str, url: str = "", address: str = "") -> folder.Site:
    if not name.strip():
        raise DrafterError("请用 --name 写明本局的单位名称,如 示例市司法局(全市报告的落款)")
    if url and not url.startswith(("postgresql", "sqlite")):
        raise DrafterError("--database 应是 postgresql+psycopg://用户:密码@主机/库名 这样的地址")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    address = address.strip().rstrip("/")
    if address and not address.startswith(("http://", "https://")):
        raise DrafterError("--url 应是本站的网址,以 https:// 或 http:// 开头,如 https://baosong.example.gov.cn")
    site = folder.create(path, name=name.strip(), database=url, address=address)
    database(site).dispose()
    return site


def add_office(db: Database, name: str) -> Office:
    name = name.strip()
    if not name or len(name) > 100:
        raise DrafterError("单位名称不能为空,也不能超过 100 个字")
    with db.session() as s:
        if s.scalar(select(Office).where(Office.name == name)) is not None:
            raise DrafterError(f"已有单位“{name}”")
        office = Office(name=name)
        s.add(office)
        s.flush()
        record(s, CONSOLE, "新建单位", office=office, detail=name)
    return office


def offices(db: Database) -> list[Office]:
    with db.session() as s:
        return list(s.scalars(select(Office).order_by(Office.id)))


def add_user(db: Database, login: str, *, office: str | None, superior: bool,
             password: str | None = None, must_change: bool = True) -> None:
    """A new account. With `password` (printed once by the caller), changed at the first
    login unless `must_change` is False; without, it has none until its one-time link
    (issue_link) is used."""
    login = login.strip().lower()
    if not _LOGIN.fullmatch(login):
        raise DrafterError("登录名用 2–64 个小写字母、数字或 _ . -,以字母或数字开头,如 jiaqu")
    if superior == bool(office):
        raise DrafterError("请二选一:--office 单位名称(区县的账号),或 --superior(市局的账号)")
    with db.session() as s:
        if s.scalar(select(User).where(User.login == login)) is not None:
            raise DrafterError(f"已有账号“{login}”")
        found = None
        if office:
            found = s.scalar(select(Office).where(Office.name == office.strip()))
            if found is None:
                raise DrafterError(f"没有单位“{office}”;先用 drafter site office add 新建")
        user = User(login=login, role=SUPERIOR if superior else OFFICE,
                    office_id=found.id if found else None,
                    password_hash=auth.hash_password(password) if password else auth.NO_PASSWORD,
                    must_change=bool(password) and must_change)
        s.add(user)
        s.flush()
        record(s, CONSOLE, "新建账号", office=found,
               detail=f"{login}({'市局' if superior else found.name if found else ''})"
                      + (",初始密码(首次登录须修改)" if password and must_change else ""))


def _user(s, login: str) -> User:  # type: ignore[no-untyped-def]
    user = s.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None:
        raise DrafterError(f"没有账号“{login}”")
    return user


def issue_link(db: Database, login: str, hours: int = links.HOURS) -> tuple[str, dt.datetime]:
    """A one-time link's token for the account (printed once) and when it expires (UTC)."""
    if not 1 <= hours <= 24 * 30:
        raise DrafterError("链接的有效期应在 1 到 720 小时之间")
    with db.session() as s:
        user = _user(s, login)
        if not user.active:
            raise DrafterError(f"账号“{user.login}”已停用;用 drafter site user reset 重新启用")
        token, expires = links.issue(s, user, hours)
        record(s, CONSOLE, "发出一次性链接", detail=f"{user.login},{hours} 小时内有效,只能用一次")
    return token, expires


def reset_password(db: Database, login: str, password: str | None = None) -> None:
    """The old password no longer works; the account's sessions end, its lock is lifted and
    it is enabled again. With `password` (printed once by the caller) it is the new one, to
    be changed at the next login; without, a one-time link (issue_link) sets it."""
    with db.session() as s:
        user = _user(s, login)
        if password:
            auth.set_password(user, password, must_change=True)
        else:
            user.password_hash = auth.NO_PASSWORD
            user.must_change = False
            user.session_version += 1
        user.active = True
        auth.unlock(s, user.login)
        record(s, CONSOLE, "重设密码", detail=user.login + ("(新密码,登录后须修改)" if password
                                                          else "(待用一次性链接设置)"))


def disable(db: Database, login: str) -> None:
    with db.session() as s:
        user = _user(s, login)
        user.active = False
        user.session_version += 1
        record(s, CONSOLE, "停用账号", detail=user.login)


def users(db: Database) -> list[tuple[User, str]]:
    with db.session() as s:
        names = {o.id: o.name for o in s.scalars(select(Office))}
        return [(u, "市局" if u.role == SUPERIOR else names.get(u.office_id or 0, ""))
                for u in s.scalars(select(User).order_by(User.login))]
