"""Failed logins counted by the client's address as well as by name, on SQLite and
PostgreSQL: a spray of names from one address locks that address (even for the right
password) and no other; X-Forwarded-For is believed only from the configured proxy; the
counts hold only the last window (old rows pruned), and a locked address cannot fill the
audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from drafter.site import throttle
from drafter.site.app import Settings, make_app
from drafter.site.db import AddressThrottle, Audit, Throttle
from tests.site.conftest import PASSWORD, csrf


def _client(made, proxy: str = ""):  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    return TestClient(make_app(made.site, made.db, Settings(hosts=("testserver",), proxy=proxy)),
                      follow_redirects=False)


def _try(c, name: str, password: str = "wrong", address: str = ""):  # type: ignore[no-untyped-def]
    headers = {"X-Forwarded-For": address} if address else {}
    page = c.get("/login", headers=headers).text
    return c.post("/login", data={"login": name, "password": password, "csrf": csrf(page)},
                  headers=headers)


def _count(made, model) -> int:  # type: ignore[no-untyped-def]
    with made.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_spray_of_names_from_one_address_locks_that_address(made) -> None:
    c = _client(made, proxy="testclient")  # the test client stands for nginx
    spray = "203.0.113.7"
    for i in range(throttle.ADDRESS_LIMIT - 1):
        assert _try(c, f"guess{i}", address=spray).status_code == 401
    locked = _try(c, "guess-last", address=spray)
    assert locked.status_code == 403 and "网络地址" in locked.text
    # the right password of a real account from that address: refused while the lock lasts
    refused = _try(c, "jiaqu", PASSWORD, address=spray)
    assert refused.status_code == 403 and "网络地址" in refused.text
    # from another address the same account logs in; the names sprayed are not locked
    assert _try(c, "jiaqu", PASSWORD, address="198.51.100.20").status_code == 303
    assert _try(c, "guess1", address="198.51.100.21").status_code == 401
    # a locked address cannot fill the audit log: its lock is written once, its tries not
    before = _count(made, Audit)
    for _ in range(5):
        assert _try(c, "jiaqu", PASSWORD, address=spray).status_code == 403
    assert _count(made, Audit) == before
    with made.db.session() as s:
        rows = s.scalars(select(Audit).where(Audit.address == spray)).all()
        assert sum(r.action == "登录被锁定" for r in rows) == 1
        assert sum(r.action == "登录失败" for r in rows) == throttle.ADDRESS_LIMIT - 1
    # tries on one locked name count for the address too: the flood ends up quiet as well
    other = "203.0.113.8"
    for _ in range(throttle.NAME_LIMIT):
        _try(c, "yiqu", address=other)
    for _ in range(throttle.ADDRESS_LIMIT - throttle.NAME_LIMIT - 1):
        assert "已锁定" in _try(c, "yiqu", PASSWORD, address=other).text
    assert "网络地址" in _try(c, "yiqu", PASSWORD, address=other).text
    before = _count(made, Audit)
    _try(c, "yiqu", PASSWORD, address=other)
    assert _count(made, Audit) == before
    # the lock's period over: the address logs in again
    with made.db.session() as s:
        s.execute(update(AddressThrottle).values(locked_until=dt.datetime(2000, 1, 1)))
    assert _try(c, "jiaqu", PASSWORD, address=spray).status_code == 303


def test_x_forwarded_for_is_believed_only_from_the_proxy(made) -> None:
    # no proxy configured: a client's own X-Forwarded-For changes nothing (still one address)
    c = _client(made)
    for i in range(throttle.ADDRESS_LIMIT):
        last = _try(c, f"guess{i}", address=f"192.0.2.{i}")
    assert last.status_code == 403 and "网络地址" in last.text
    with made.db.session() as s:
        assert {r.address for r in s.scalars(select(AddressThrottle))} == {"testclient"}
    # a proxy configured, but the request does not come from it: not believed either
    with made.db.session() as s:
        s.execute(update(AddressThrottle).values(locked_until=None, failures=0))
    other = _client(made, proxy="10.0.0.1")
    _try(other, "guess", address="192.0.2.99")
    with made.db.session() as s:
        assert s.scalar(select(AddressThrottle.failures).where(
            AddressThrottle.address == "testclient")) == 1
        assert s.get(AddressThrottle, "192.0.2.99") is None
    # from the proxy: the address it forwards is the one counted and audited
    trusted = _client(made, proxy="testclient")
    _try(trusted, "guess", address="192.0.2.100")
    with made.db.session() as s:
        assert s.get(AddressThrottle, "192.0.2.100").failures == 1
        assert s.scalar(select(Audit.address).order_by(Audit.id.desc()).limit(1)) == "192.0.2.100"


def test_the_counts_keep_only_the_last_window(made) -> None:
    c = _client(made, proxy="testclient")
    for i in range(30):  # thirty names from thirty addresses, once each
        _try(c, f"name{i}", address=f"192.0.2.{i}")
    assert _count(made, Throttle) == 30 and _count(made, AddressThrottle) == 30
    # a quarter of an hour later: the next failure clears what no longer counts
    past = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=16)
    with made.db.session() as s:
        s.execute(update(Throttle).values(updated_at=past))
        s.execute(update(AddressThrottle).values(window_start=past))
    _try(c, "name-late", address="192.0.2.200")
    assert _count(made, Throttle) == 1 and _count(made, AddressThrottle) == 1
    # and an old failure no longer counts towards a lock: five in the window are needed
    for _ in range(throttle.NAME_LIMIT - 1):
        _try(c, "jiaqu", address="192.0.2.201")
    with made.db.session() as s:
        s.execute(update(Throttle).values(updated_at=past))
    assert _try(c, "jiaqu", address="192.0.2.201").status_code == 401  # counted from 1 again
    assert _try(c, "jiaqu", PASSWORD, address="192.0.2.201").status_code == 303
