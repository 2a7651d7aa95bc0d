"""One-time links: a new account's (or a reset account's) way to set its own password.

`drafter site user add` (and `user reset`) prints a link once: …/link/<token>. The token is
32 random bytes (secrets.token_urlsafe); the database keeps only its SHA-256, so a copy of
the database or a backup opens nothing. A link works once (marked used by one UPDATE … WHERE
used_at IS NULL: two clicks at the same moment cannot both set a password), until it expires
(HOURS after it was made), and only while the account is active; a newer link for the same
account voids the older ones. The administrator never learns the password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from drafter.site.db import LoginLink, User, now

HOURS = 72
PATH = "/link/"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def issue(s: Session, user: User, hours: int = HOURS) -> tuple[str, dt.datetime]:
    """A new link's token (to print once) and when it expires; older unused ones void."""
    s.execute(delete(LoginLink).where(LoginLink.user_id == user.id, LoginLink.used_at.is_(None)))
    token = secrets.token_urlsafe(32)
    expires = now() + dt.timedelta(hours=hours)
    s.add(LoginLink(user_id=user.id, digest=digest(token), expires_at=expires))
    return token, expires


def find(s: Session, token: str) -> tuple[LoginLink, User] | None:
    """The link and its account, if the token is one that still works."""
    if not token or len(token) > 100:
        return None
    link = s.scalar(select(LoginLink).where(LoginLink.digest == digest(token)))
    if link is None or link.used_at is not None or link.expires_at <= now():
        return None
    user = s.get(User, link.user_id)
    if user is None or not user.active:
        return None
    return link, user


def use(s: Session, link: LoginLink) -> bool:
    """Mark the link used; False when another request used it first."""
    done = s.execute(update(LoginLink).where(LoginLink.id == link.id, LoginLink.used_at.is_(None))
                     .values(used_at=now()))
    return done.rowcount == 1


def url(base: str, token: str) -> str:
    return base.rstrip("/") + PATH + token
