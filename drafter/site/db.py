"""The site's tables (SQLAlchemy 2 ORM) and the engine for a site's database URL.

Ids in URLs are never the integer keys: every row a page links to has a `public_id`, a random
token (secrets.token_urlsafe), and every access checks ownership as well (access.py). Times are
stored as naive UTC. The schema is created and changed only by Alembic (migrations/), never by
metadata.create_all, so a site made by an older drafter is upgraded in place.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    false,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)

# Review states of a submission, and what the board calls them.
ERRORS, PENDING, ACCEPTED, RETURNED = "errors", "pending", "accepted", "returned"
NOT_SENT = "missing"
STATE_NAMES = {NOT_SENT: "未报送", ERRORS: "有错误", PENDING: "待审核", ACCEPTED: "已通过",
               RETURNED: "已退回"}
SUPERIOR, OFFICE = "superior", "office"  # the two roles (access.py says what each may do)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def token() -> str:
    return secrets.token_urlsafe(12)


class Base(DeclarativeBase):
    pass


class Office(Base):
    """A 区县司法局 (or any unit) that reports to the bureau."""

    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=token)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # SUPERIOR or OFFICE
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # bumped by a password reset or a disable: every session signed before is void
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    # a password the administrator gave (printed once): changed at the first login
    must_change: Mapped[bool] = mapped_column(default=False, server_default=false())


class LoginLink(Base):
    """A one-time link to set one's password (a new account, a reset): only the SHA-256 of
    its token is kept; it works once, until `expires_at`."""

    __tablename__ = "login_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class OfficeFolder(Base):
    """One version of an office folder (单位文件夹) the superior uploaded as a .zip: the zip
    is in the store, its files are extracted to folders/<its sha256> (officefolders.py)."""

    __tablename__ = "office_folders"
    __table_args__ = (UniqueConstraint("name", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=token)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64))  # the report kind it was checked against
    blob: Mapped[str] = mapped_column(String(64))  # sha256 of the zip (store.py)
    files: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [[path, bytes], …]
    skipped: Mapped[str] = mapped_column(Text, default="")  # what the zip held and was left out
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class Round(Base):
    """A 报送: one kind of report, for one year and period, due on a date."""

    __tablename__ = "rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=token)
    kind: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(32))  # 全年, 上半年 …
    due: Mapped[dt.date] = mapped_column(Date)
    office_folder: Mapped[str] = mapped_column(String(100), default="")  # under <site>/templates
    # or an uploaded one (a fixed version: the round's folder never changes under it)
    folder_id: Mapped[int | None] = mapped_column(ForeignKey("office_folders.id"), nullable=True)
    folder: Mapped[OfficeFolder | None] = relationship(lazy="joined")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    @property
    def title(self) -> str:
        return f"{self.year}年{'' if self.period == '全年' else self.period}{self.kind}"


class Submission(Base):
    """One upload of an office's workbook for a round: version 1, 2, … per office."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("round_id", "office_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=token)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    blob: Mapped[str] = mapped_column(String(64))  # sha256 of the file (store.py)
    filename: Mapped[str] = mapped_column(String(200))  # as the browser named it, cleaned
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")  # the file could not be read: why
    state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")  # the superior's, with a return
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    figures: Mapped[str] = mapped_column(Text, default="{}")  # JSON: id → [name, written, value]


class CityReport(Base):
    """A roll-up of a round's accepted submissions: the city workbook and its report."""

    __tablename__ = "city_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=token)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    workbook: Mapped[str] = mapped_column(String(64))
    report: Mapped[str] = mapped_column(String(64))
    submissions: Mapped[str] = mapped_column(Text)  # JSON: the submission ids rolled up
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class HistoryFigure(Base):
    """An accepted figure of an office: the history that charts and comparisons read."""

    __tablename__ = "history"
    __table_args__ = (UniqueConstraint("office_id", "kind", "year", "period", "indicator"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(32))
    indicator: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(32), default="")
    value: Mapped[str] = mapped_column(String(64))  # the Decimal as text: exact on both databases
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))


class Audit(Base):
    """Who did what, when, to which office, round, submission and file."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # a login, or 命令行 for the administrator
    action: Mapped[str] = mapped_column(String(64))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"), nullable=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), nullable=True)
    blob: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")  # the client's IP


class Throttle(Base):
    """Failed logins by login name (known or not, so that a lockout tells nothing)."""

    __tablename__ = "throttle"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class AddressThrottle(Base):
    """Failed logins by the client's address in a window (a spray of names from one place)."""

    __tablename__ = "address_throttle"
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


# Tables in an order that satisfies their foreign keys (backup.py restores in this order).
TABLES = [Office.__table__, User.__table__, LoginLink.__table__, OfficeFolder.__table__,
          Round.__table__, Submission.__table__, CityReport.__table__, HistoryFigure.__table__,
          Audit.__table__, Throttle.__table__, AddressThrottle.__table__]


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = conn.cursor()
            # WAL: readers do not wait for a writer; FULL: a commit is on disk before the
            # answer goes out (a killed server loses no accepted upload)
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """A site's engine and its sessions."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with self._sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def record(s: Session, actor: str, action: str, *, office: Office | None = None,
           round_: Round | None = None, submission: Submission | None = None,
           blob: str = "", detail: str = "", address: str = "") -> None:
    """One line of the audit log, in the caller's transaction."""
    s.add(Audit(actor=actor, action=action, office_id=office.id if office else None,
                round_id=round_.id if round_ else None,
                submission_id=submission.id if submission else None,
                blob=blob or (submission.blob if submission else ""), detail=detail,
                address=address))
