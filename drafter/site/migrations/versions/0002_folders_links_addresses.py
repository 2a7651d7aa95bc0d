"""Office folders uploaded through the page, one-time links and the first-login password
change, failed logins counted by the client's address too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_folders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("blob", sa.String(64), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("skipped", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("name", "version"),
    )
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("folder_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_rounds_folder_id", "office_folders", ["folder_id"], ["id"])
    op.create_table(
        "login_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_login_links_user_id", "login_links", ["user_id"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("must_change", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("throttle") as batch:
        batch.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
    op.create_table(
        "address_throttle",
        sa.Column("address", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("address_throttle")
    with op.batch_alter_table("throttle") as batch:
        batch.drop_column("updated_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("must_change")
    op.drop_index("ix_login_links_user_id", "login_links")
    op.drop_table("login_links")
    with op.batch_alter_table("rounds") as batch:
        batch.drop_constraint("fk_rounds_folder_id", type_="foreignkey")
        batch.drop_column("folder_id")
    op.drop_table("office_folders")
