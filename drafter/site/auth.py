"""Passwords, logins and their lockout.

Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile);
tests swap HASHER for a cheap one. Failed logins are counted by login name, whether an
account of that name exists or not: LOCK_AFTER failures in a row lock the name for
LOCK_FOR, and while locked even the right password is refused (the answer is the same as for
a wrong one, so a lock tells nothing about the password).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafter.site.db import Throttle, User, now

HASHER = PasswordHasher()
LOCK_AFTER = 5
LOCK_FOR = dt.timedelta(minutes=15)
# a hash to verify against when the login is unknown: the answer takes as long either way
_DUMMY: list[str] = []
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def new_password() -> str:
    """An initial password to print once: 12 characters that cannot be misread."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def hash_password(password: str) -> str:
    return HASHER.hash(password)


class LoginRefused(Exception):
    def __init__(self, message: str, locked: bool = False):
        super().__init__(message)
        self.message = message
        self.locked = locked


WRONG = "登录名或密码不对。"


def login(s: Session, name: str, password: str) -> User | LoginRefused:
    """The account, if `password` is right and the name is not locked; else why not (returned,
    not raised: the caller commits the count of failures with its audit row)."""
    key = name.strip().lower()[:64]
    throttle = s.get(Throttle, key)
    moment = now()
    if throttle is not None and throttle.locked_until is not None and throttle.locked_until > moment:
        return LoginRefused(_locked_message(throttle.locked_until - moment), locked=True)
    user = s.scalar(select(User).where(User.login == key))
    ok = False
    if user is not None and user.active:
        try:
            ok = HASHER.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        _slow_down(password)
    if ok:
        if throttle is not None:
            s.delete(throttle)
        if HASHER.check_needs_rehash(user.password_hash):  # type: ignore[union-attr]
            user.password_hash = HASHER.hash(password)  # type: ignore[union-attr]
        return user  # type: ignore[return-value]
    if throttle is None:
        throttle = Throttle(key=key, failures=0)
        s.add(throttle)
    throttle.failures += 1
    if throttle.failures >= LOCK_AFTER:
        throttle.failures = 0
        throttle.locked_until = moment + LOCK_FOR
        return LoginRefused(_locked_message(LOCK_FOR), locked=True)
    return LoginRefused(WRONG)


def _locked_message(left: dt.timedelta) -> str:
    minutes = max(1, -(-int(left.total_seconds()) // 60))
    return (f"这个登录名连续输错密码 {LOCK_AFTER} 次,已锁定,请 {minutes} 分钟后再试;"
            "忘记密码请找管理员重设。")


def _slow_down(password: str) -> None:
    if not _DUMMY:
        _DUMMY.append(HASHER.hash("drafter"))
    with contextlib.suppress(VerificationError, InvalidHashError):
        HASHER.verify(_DUMMY[0], password)


def unlock(s: Session, name: str) -> bool:
    throttle = s.get(Throttle, name.strip().lower())
    if throttle is None:
        return False
    s.delete(throttle)
    return True
