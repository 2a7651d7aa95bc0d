"""What the site keeps, on SQLite and PostgreSQL: the schema from the migrations, every file
by content, uploads at the same moment as separate versions, an accepted upload surviving a
killed server, and backup → restore into a new folder giving the same board."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from drafter.site import admin, backup, migrate, rounds
from drafter.site.db import Base, Database, Round
from tests.site.conftest import (
    JIA_YI,
    PASSWORD,
    client,
    csrf,
    login,
    make_site,
    open_round,
    start_server,
    stop_server,
    upload,
)


def test_the_migrations_make_the_models_schema_and_go_back(database_url: str, tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = Database(database_url or f"sqlite:///{tmp_path / 'm.db'}")
    try:
        migrate.upgrade(db.engine)
        assert migrate.current(db.engine) == "0002"
        with db.engine.connect() as c:
            assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
        migrate.upgrade(db.engine)  # at every start: nothing to do the second time
        # a site made before 0002: its accounts log in as before (must_change false)
        migrate.downgrade(db.engine, "0001")
        with db.engine.begin() as c:
            c.execute(text("INSERT INTO users (login, role, password_hash, session_version, "
                           "active, created_at) VALUES ('old', 'superior', 'x', 1, :t, :now)"),
                      {"t": True, "now": dt.datetime(2024, 1, 1)})
        migrate.upgrade(db.engine)
        with db.engine.connect() as c:
            assert c.execute(text("SELECT must_change FROM users")).scalar_one() in (False, 0)
        migrate.downgrade(db.engine)
        assert migrate.current(db.engine) is None
        with db.engine.connect() as c:
            assert not [t for t in db.engine.dialect.get_table_names(c) if t != "alembic_version"]
    finally:
        db.dispose()


def test_files_are_kept_by_content_and_never_replaced(made) -> None:
    store = made.site.store
    sha = store.put(b"first")
    path = store.path(sha)
    assert sha == hashlib.sha256(b"first").hexdigest() and path.read_bytes() == b"first"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    before = path.stat().st_mtime_ns
    assert store.put(b"first") == sha and path.stat().st_mtime_ns == before  # not rewritten
    assert not list(path.parent.glob("*.tmp"))
    with pytest.raises(Exception, match="文件编号"):
        store.path("../../etc/passwd")


def _session(url: str, name: str) -> httpx.Client:
    c = httpx.Client(base_url=url, timeout=60, follow_redirects=False)
    c.post("/login", data={"login": name, "password": PASSWORD,
                           "csrf": csrf(c.get("/login").text)})
    return c


def test_uploads_at_the_same_moment_land_as_separate_versions(made) -> None:
    boss = client(made)
    login(boss, "shiju")
    rid = open_round(boss)
    proc, url = start_server(made.site.path)
    try:
        # 甲区 twice and 乙区 once, released together
        jobs = [("jiaqu", JIA_YI[0]), ("jiaqu", JIA_YI[0]), ("yiqu", JIA_YI[1])]
        sessions = [_session(url, name) for name, _ in jobs]
        tokens = [csrf(s.get(f"/r/{rid}").text) for s in sessions]
        start = threading.Barrier(len(jobs))
        answers: list[object] = [None] * len(jobs)

        def send(i: int) -> None:
            start.wait()
            try:
                answers[i] = sessions[i].post(
                    f"/r/{rid}/upload", data={"csrf": tokens[i]},
                    files={"workbook": (f"{i}.xlsx", jobs[i][1].read_bytes())}).status_code
            except Exception as exc:
                answers[i] = exc

        threads = [threading.Thread(target=send, args=(i,)) for i in range(len(jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert answers == [303, 303, 303]
    finally:
        stop_server(proc)
    with made.db.session() as s:
        round_ = s.query(Round).one()
        rows = {r.office.name: r for r in rounds.board(s, round_)}
        jia = rounds.versions(s, round_, rows["甲区司法局"].office)
    assert sorted(v.version for v in jia) == [1, 2]
    assert rows["乙区司法局"].versions == 1


def test_a_killed_server_loses_no_accepted_upload(made) -> None:
    boss = client(made)
    login(boss, "shiju")
    rid = open_round(boss)
    proc, url = start_server(made.site.path)
    try:
        jia, chief = _session(url, "jiaqu"), _session(url, "shiju")
        answer = jia.post(f"/r/{rid}/upload", data={"csrf": csrf(jia.get(f"/r/{rid}").text)},
                          files={"workbook": ("甲区.xlsx", JIA_YI[0].read_bytes())})
        sid = answer.headers["location"].rsplit("/", 1)[-1]
        page = chief.get(f"/s/{sid}").text
        done = chief.post(f"/s/{sid}/review", data={"csrf": csrf(page), "action": "accept"})
        assert done.status_code == 303
        os.kill(proc.pid, signal.SIGKILL)  # no shutdown, no flush: as a power cut would
        proc.wait(30)
    finally:
        stop_server(proc)
    proc, url = start_server(made.site.path)
    try:
        chief = _session(url, "shiju")
        assert "已通过" in chief.get(f"/r/{rid}").text
        assert chief.get(f"/s/{sid}/file").content == JIA_YI[0].read_bytes()
    finally:
        stop_server(proc)


def _board(db: Database) -> list[tuple]:
    with db.session() as s:
        out = []
        for r in rounds.rounds(s):
            for row in rounds.board(s, r):
                latest = row.latest
                out.append((r.public_id, r.title, row.office.name, row.state, row.versions,
                            latest and (latest.public_id, latest.blob, latest.errors,
                                        latest.uploaded_at, latest.note)))
        return out


def test_backup_then_restore_into_a_new_folder_gives_the_same_board(made, database_url: str,
                                                                  tmp_path: Path) -> None:
    boss, jia = client(made), client(made)
    login(boss, "shiju")
    login(jia, "jiaqu")
    # the round with an office folder uploaded through the page; a one-time link pending
    from tests.site.test_folders import _open, office_folder, zipped

    opened = _open(boss, zipped(office_folder(tmp_path)))
    assert opened.status_code == 303, opened.text
    rid = opened.headers["location"].rsplit("/", 1)[-1]
    admin.issue_link(made.db, "yiqu")
    upload(jia, rid, b"not a workbook", "坏的.xlsx")
    sid = upload(jia, rid, JIA_YI[0].read_bytes()).headers["location"].rsplit("/", 1)[-1]
    page = boss.get(f"/s/{sid}").text
    boss.post(f"/s/{sid}/review", data={"csrf": csrf(page), "action": "return", "note": "请补充"})
    archive = tmp_path / "备份.zip"
    done = backup.backup(made.site, made.db, archive)
    assert done["files"] == 3 and oct(archive.stat().st_mode & 0o777) == "0o600"
    # restored into a new folder on SQLite (and, from a PostgreSQL site, into a new PostgreSQL)
    target_url = ""
    if database_url:
        from tests.site.conftest import _pg_database

        fresh = _pg_database()
        target_url = next(fresh)
    try:
        site, _ = backup.restore(archive, tmp_path / "新站点", url=target_url)
        db = Database(site.url)
        try:
            assert _board(db) == _board(made.db)
            assert site.store.all() == made.site.store.all()
            assert site.secret() == made.site.secret()
            # and it serves: the same account logs in, its returned submission is there
            again = client(type(made)(site, db))
            login(again, "jiaqu")
            assert "请补充" in again.get(f"/r/{rid}").text
            assert again.get(f"/s/{sid}/file").content == JIA_YI[0].read_bytes()
            # new rows after a restore get new ids (PostgreSQL's sequences follow); the
            # round's office folder is written again from its kept zip
            assert not (site.path / "folders").exists()
            new = upload(again, rid, JIA_YI[0].read_bytes())
            assert new.status_code == 303
            assert "待审核" in again.get(new.headers["location"]).text
            assert len(list((site.path / "folders").iterdir())) == 1
        finally:
            db.dispose()
    finally:
        if target_url:
            fresh.close()
    with pytest.raises(Exception, match="已有站点"):
        backup.restore(archive, tmp_path / "新站点")


def test_a_sqlite_backup_restores_into_postgresql(tmp_path: Path) -> None:
    """Moving a site from SQLite to PostgreSQL: backup, then restore with --database."""
    from tests.site.conftest import _pg_database

    source = make_site(tmp_path / "旧", "")
    try:
        boss = client(source)
        login(boss, "shiju")
        open_round(boss)
        backup.backup(source.site, source.db, tmp_path / "b.zip")
        fresh = _pg_database()
        url = next(fresh)
        try:
            site, _ = backup.restore(tmp_path / "b.zip", tmp_path / "新", url=url)
            db = Database(site.url)
            try:
                assert _board(db) == _board(source.db)
            finally:
                db.dispose()
        finally:
            fresh.close()
    finally:
        source.db.dispose()
