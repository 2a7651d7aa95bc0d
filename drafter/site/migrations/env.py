"""Alembic's environment for the site: the connection comes from migrate.py (never from an
alembic.ini), so the same migrations run on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic import context

from drafter.site.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
