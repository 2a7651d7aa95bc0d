"""Passwords and logins.

Passwords are hashed with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile);
tests swap HASHER for a cheap one. An account made for a one-time link (links.py) has no
password until the link is used: its hash is NO_PASSWORD, which no password matches. A
password the administrator gave (printed once) must be changed at the first login
(User.must_change; app.py sends such an account to 修改密码 before anything else).

Failed logins are counted by login name and by the client's address (throttle.py); while
either is locked even the right password is refused, with the same answer whether the
account exists or not, and an unknown name takes as long to refuse as a wrong password.
"""

from __future__ import annotations

import contextlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from drafter.site import throttle
from drafter.site.db import User

HASHER = PasswordHasher()
NO_PASSWORD = "!"  # an account waiting for its one-time link: no password matches
MIN_LENGTH, MAX_LENGTH = 10, 128
LoginRefused = throttle.Refused
# a hash to verify against when the login is unknown: the answer takes as long either way
_DUMMY: list[str] = []
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


def new_password() -> str:
    """An initial password to print once: 12 characters that cannot be misread."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def password_problem(new: str, again: str, login: str) -> str:
    """Why `new` cannot be a password ("" when it can)."""
    if new != again:
        return "两次输入的新密码不一样。"
    if len(new) < MIN_LENGTH:
        return f"新密码至少 {MIN_LENGTH} 个字符(现在 {len(new)} 个)。"
    if len(new) > MAX_LENGTH:
        return f"新密码不能超过 {MAX_LENGTH} 个字符。"
    if new.strip().lower() == login.lower() or len(set(new)) < 4:
        return "新密码太简单(与登录名相同,或几乎全是同一个字符),请换一个。"
    return ""


def set_password(user: User, password: str, *, must_change: bool = False) -> None:
    """A new password; every session signed before it is void."""
    user.password_hash = hash_password(password)
    user.must_change = must_change
    user.session_version += 1


def matches(user: User, password: str) -> bool:
    if not user.password_hash.startswith("$argon2"):
        _slow_down(password)
        return False
    try:
        return HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def login(s: Session, name: str, password: str, address: str = "") -> User | LoginRefused:
    """The account, if `password` is right and neither the name nor the address is locked;
    else why not (returned, not raised: the caller commits the counts with its audit row)."""
    key = name.strip().lower()[:64]
    refused = throttle.check(s, key, address)
    if refused is not None:
        return refused
    user = s.scalar(select(User).where(User.login == key))
    ok = matches(user, password) if user is not None and user.active else _slow_down(password)
    if not ok or user is None:
        return throttle.failed(s, key, address)
    throttle.succeeded(s, key)
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    return user


def _slow_down(password: str) -> bool:
    if not _DUMMY:
        _DUMMY.append(HASHER.hash("drafter"))
    with contextlib.suppress(VerificationError, InvalidHashError):
        HASHER.verify(_DUMMY[0], password)
    return False


def unlock(s: Session, name: str) -> bool:
    return throttle.unlock(s, name.strip().lower())
