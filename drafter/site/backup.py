"""One archive holds a whole site: the database, every kept file, the settings and the key.

Consistency: the database is copied first, as one snapshot — SQLite through its online
backup API (sqlite3's Connection.backup: a page-by-page copy that sees one committed state
while the site keeps running), PostgreSQL as a logical dump read through SQLAlchemy inside
one REPEATABLE READ, READ ONLY transaction (one snapshot of every table). We dump through
SQLAlchemy rather than pg_dump because pg_dump must match the server's major version and may
not be installed on the machine that runs the site, and because the same rows then restore
into either database: a SQLite site can move to PostgreSQL (and back) by backup and restore.
Files are copied after the snapshot: a file is stored before the row that names it and never
deleted, so every file the snapshot names is already there.

    备份.zip: manifest.json, site.toml, secret.key, database (site.db or database.json), files/…
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, create_engine, func, select, text

from drafter.errors import DrafterError
from drafter.files import write_bytes
from drafter.site import folder, migrate
from drafter.site.db import TABLES, Database, Office, User

FORMAT = 1


def backup(site: folder.Site, db: Database, out: Path, *, force: bool = False) -> dict[str, Any]:
    """Write the archive; what it holds (tables' row counts, files)."""
    if out.suffix.lower() != ".zip":
        raise DrafterError("备份文件应以 .zip 结尾", file=str(out))
    if out.exists() and not force:
        raise DrafterError("文件已存在;如要覆盖,请加 --force", file=str(out))
    with tempfile.TemporaryDirectory(prefix="drafter-backup-") as tmp:
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:
            snapshot = Path(tmp) / "site.db"
            raw = db.engine.raw_connection()
            try:
                target = sqlite3.connect(snapshot)
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
                target.close()
            finally:
                raw.close()
            counts = _counts(create_engine(f"sqlite:///{snapshot}"))
        else:
            rows = _dump(db)
            snapshot = Path(tmp) / "database.json"
            snapshot.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            counts = {name: len(r) for name, r in rows["tables"].items()}
        files = site.store.all()  # after the snapshot: each file it names is there
        manifest = {"format": FORMAT, "created": dt.datetime.now(dt.UTC).isoformat(),
                    "单位名称": site.name, "网址": site.address, "database": snapshot.name,
                    "revision": migrate.current(db.engine), "tables": counts,
                    "files": len(files)}
        archive = Path(tmp) / "backup.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
            z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            z.writestr("secret.key", site.secret() + "\n")
            z.write(snapshot, snapshot.name)
            for sha in files:
                z.write(site.store.path(sha), f"files/{sha[:2]}/{sha}")
        old = os.umask(0o077)  # password hashes and every office's figures: owner only
        try:
            write_bytes(out, archive.read_bytes(), replace=force)
        finally:
            os.umask(old)
    return manifest


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _dump(db: Database) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    connection = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with connection as c, c.begin():
        c.execute(text("SET TRANSACTION READ ONLY"))
        for table in TABLES:
            tables[table.name] = [{k: _encode(v) for k, v in row.items()}
                                  for row in c.execute(select(table)).mappings()]
    return {"tables": tables}


def _counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        found = {t.name: c.execute(select(func.count()).select_from(t)).scalar_one()
                 for t in TABLES}
    engine.dispose()
    return found


# -- restore ---------------------------------------------------------------------------------


def restore(archive: Path, path: Path, *, url: str = "") -> tuple[folder.Site, dict[str, Any]]:
    """A new site at `path` (and `url`, else SQLite there) holding the archive's data."""
    try:
        z = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as exc:
        raise DrafterError("不是 drafter site backup 生成的备份文件", file=str(archive)) from exc
    with z:
        names = set(z.namelist())
        if "manifest.json" not in names:
            raise DrafterError("备份文件中没有 manifest.json,不是站点的备份", file=str(archive))
        manifest = json.loads(z.read("manifest.json"))
        if manifest.get("format") != FORMAT or manifest.get("database") not in names:
            raise DrafterError("备份文件的格式不认识(可能由更新版本的 drafter 生成)", file=str(archive))
        site = folder.create(path, name=manifest["单位名称"], database=url,
                             address=str(manifest.get("网址", "")),
                             secret=z.read("secret.key").decode("ascii").strip())
        store = site.store
        for name in names:
            if name.startswith("files/"):
                data = z.read(name)
                sha = name.rsplit("/", 1)[-1]
                if hashlib.sha256(data).hexdigest() != sha:
                    raise DrafterError(f"备份中的文件已损坏:{name}", file=str(archive))
                store.put(data)
        with tempfile.TemporaryDirectory(prefix="drafter-restore-") as tmp:
            if manifest["database"] == "site.db":
                snapshot = Path(tmp) / "site.db"
                snapshot.write_bytes(z.read("site.db"))
                rows = _read_sqlite(snapshot)
            else:
                rows = json.loads(z.read("database.json"))["tables"]
    db = Database(site.url)
    try:
        migrate.upgrade(db.engine)
        _load(db, rows)
    finally:
        db.dispose()
    return site, manifest


def _read_sqlite(snapshot: Path) -> dict[str, list[dict[str, Any]]]:
    engine = create_engine(f"sqlite:///{snapshot}")
    migrate.upgrade(engine)  # an archive from an older drafter: its schema brought up to date
    with engine.connect() as c:
        rows = {t.name: [dict(r) for r in c.execute(select(t)).mappings()] for t in TABLES}
    engine.dispose()
    return rows


def _decode(table, row: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    out = {}
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        out[column.name] = value
    return out


def _load(db: Database, rows: dict[str, list[dict[str, Any]]]) -> None:
    with db.session() as s:
        if s.scalar(select(func.count()).select_from(Office)) or \
                s.scalar(select(func.count()).select_from(User)):
            raise DrafterError("目标数据库中已有数据;请恢复到一个新的空数据库")
        for table in TABLES:
            found = [_decode(table, r) for r in rows.get(table.name, [])]
            if found:
                s.execute(table.insert(), found)
        if db.engine.dialect.name == "postgresql":  # the next ids follow the restored ones
            for table in TABLES:
                if "id" in table.columns:
                    s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                   f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
