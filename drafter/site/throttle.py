"""Failed logins counted twice: by login name and by the client's address.

By name (known or not, so that a lock tells nothing about which accounts exist): NAME_LIMIT
failures within NAME_WINDOW lock the name for NAME_LOCK; while locked, even the right password
is refused. By address: ADDRESS_LIMIT failures from one address within ADDRESS_WINDOW — a
spray of many names, each tried a few times — lock every login from that address for
ADDRESS_LOCK. The address is the client's as the server sees it, or, behind the office's web
server, the one it forwards in X-Forwarded-For — believed only from the proxy named with
--proxy (app.py); without --proxy behind nginx everyone has nginx's address and shares its
count (docs/site.md says to set it).

The counts are rows in the database, so they hold across restarts and across the processes
of one site, and each failure is counted with one atomic INSERT … ON CONFLICT DO UPDATE (two
failures at the same moment are two). Rows whose window has passed and that hold no lock are
deleted at each failure: the tables hold only the last quarter of an hour's failures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, delete, or_, update
from sqlalchemy.orm import Session

from drafter.site.db import AddressThrottle, Throttle, now

NAME_LIMIT = 5
NAME_WINDOW = NAME_LOCK = dt.timedelta(minutes=15)
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = ADDRESS_LOCK = dt.timedelta(minutes=15)


@dataclass
class Refused:
    """Why a login was refused; `quiet`: an attempt from an address already locked (its lock
    was audited once; each further attempt is not, so a flood cannot fill the audit log)."""

    message: str
    locked: bool = False
    quiet: bool = False


WRONG = "登录名或密码不对。"


def _minutes(left: dt.timedelta) -> int:
    return max(1, -(-int(left.total_seconds()) // 60))


def _name_locked(left: dt.timedelta) -> Refused:
    return Refused(f"这个登录名连续输错密码 {NAME_LIMIT} 次,已锁定,请 {_minutes(left)} 分钟后再试;"
                   "忘记密码请找管理员重设。", locked=True)


def _address_locked(left: dt.timedelta, quiet: bool) -> Refused:
    return Refused(f"从您所在的网络地址登录失败的次数过多,已暂停从这里登录,请 {_minutes(left)} 分钟后"
                   "再试;忘记密码请找管理员重设。", locked=True, quiet=quiet)


def check(s: Session, key: str | None, address: str) -> Refused | None:
    """A lock that holds now, on the address or on the name (None: the address only). A try
    on a locked name still counts for the address (a flood of tries on one name locks the
    address too, and is then no longer audited one by one)."""
    moment = now()
    spot = s.get(AddressThrottle, address) if address else None
    if spot is not None and spot.locked_until is not None and spot.locked_until > moment:
        return _address_locked(spot.locked_until - moment, quiet=True)
    name = s.get(Throttle, key) if key is not None else None
    if name is not None and name.locked_until is not None and name.locked_until > moment:
        return _address_failure(s, address, moment) or _name_locked(name.locked_until - moment)
    return None


def _insert(s: Session):  # type: ignore[no-untyped-def]
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _count_name(s: Session, key: str, moment: dt.datetime) -> int:
    table = Throttle.__table__
    stale = or_(table.c.updated_at.is_(None), table.c.updated_at < moment - NAME_WINDOW)
    statement = _insert(s)(table).values(key=key, failures=1, updated_at=moment)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={"failures": case((stale, 1), else_=table.c.failures + 1), "updated_at": moment},
    ).returning(table.c.failures)
    return int(s.execute(statement).scalar_one())


def _count_address(s: Session, address: str, moment: dt.datetime) -> int:
    table = AddressThrottle.__table__
    stale = table.c.window_start < moment - ADDRESS_WINDOW
    statement = _insert(s)(table).values(address=address, failures=1, window_start=moment)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.address],
        set_={"failures": case((stale, 1), else_=table.c.failures + 1),
              "window_start": case((stale, moment), else_=table.c.window_start)},
    ).returning(table.c.failures)
    return int(s.execute(statement).scalar_one())


def _address_failure(s: Session, address: str, moment: dt.datetime) -> Refused | None:
    """Count a failure for the address; its lock, when this one reaches the limit."""
    if not address or _count_address(s, address, moment) < ADDRESS_LIMIT:
        return None
    s.execute(update(AddressThrottle).where(AddressThrottle.address == address).values(
        failures=0, window_start=moment, locked_until=moment + ADDRESS_LOCK))
    return _address_locked(ADDRESS_LOCK, quiet=False)


def prune(s: Session, moment: dt.datetime) -> None:
    """Forget what no longer counts: windows passed, locks over."""
    s.execute(delete(Throttle).where(
        or_(Throttle.locked_until.is_(None), Throttle.locked_until < moment),
        or_(Throttle.updated_at.is_(None), Throttle.updated_at < moment - NAME_WINDOW)))
    s.execute(delete(AddressThrottle).where(
        or_(AddressThrottle.locked_until.is_(None), AddressThrottle.locked_until < moment),
        AddressThrottle.window_start < moment - ADDRESS_WINDOW))


def failed(s: Session, key: str | None, address: str) -> Refused:
    """Count a failed login for the name (None: a guessed link, no name) and the address;
    the answer to give."""
    moment = now()
    prune(s, moment)
    names = _count_name(s, key, moment) if key is not None else 0
    spot = _address_failure(s, address, moment)
    if spot is not None:
        return spot
    if key is not None and names >= NAME_LIMIT:
        s.execute(update(Throttle).where(Throttle.key == key).values(
            failures=0, locked_until=moment + NAME_LOCK))
        return _name_locked(NAME_LOCK)
    return Refused(WRONG)


def succeeded(s: Session, key: str) -> None:
    """The name's count starts again (the address's does not: one good password among many
    tries does not clear a spray)."""
    s.execute(delete(Throttle).where(Throttle.key == key,
                                     or_(Throttle.locked_until.is_(None),
                                         Throttle.locked_until < now())))


def unlock(s: Session, key: str) -> bool:
    """The administrator's reset: the name's lock lifted."""
    return bool(s.execute(delete(Throttle).where(Throttle.key == key)).rowcount)

