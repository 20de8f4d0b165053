"""stable identities (UUIDs), client industry and size, publishing to a firm database

Revision ID: 0003
Revises: 0001

Workshops, participants, commitments and clients get a UUID, filled here for the rows
that exist, so that the same workshop can live on a laptop and on the firm's server.
Works on SQLite and PostgreSQL alike with plain ALTER TABLE ... ADD COLUMN and indexes:
no table is rebuilt (on SQLite, dropping a parent table in a rebuild would cascade).
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

WITH_UUID = ("clients", "workshops", "participants", "commitments")


def upgrade() -> None:
    for table in WITH_UUID:
        op.add_column(table, sa.Column("uuid", sa.String(length=36), nullable=True))
    bind = op.get_bind()
    for table in WITH_UUID:
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column("uuid", sa.String))
        ids = [row[0] for row in bind.execute(sa.select(rows.c.id))]
        if ids:
            bind.execute(
                rows.update().where(rows.c.id == sa.bindparam("row_id")).values(uuid=sa.bindparam("new")),
                [{"row_id": i, "new": str(uuid.uuid4())} for i in ids],
            )
    for table in WITH_UUID:
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)
        # SQLite could only make the column NOT NULL by rebuilding the table, and dropping
        # the old one would cascade into its children; the app always fills it there.
        if bind.dialect.name != "sqlite":
            op.alter_column(table, "uuid", existing_type=sa.String(length=36), nullable=False)
    op.add_column("clients", sa.Column("industry", sa.String(length=100), nullable=True))
    op.add_column("clients", sa.Column("size", sa.String(length=20), nullable=True))
    op.add_column("workshops", sa.Column("synced_hash", sa.String(length=80), nullable=True))
    op.add_column("workshops", sa.Column("synced_local_hash", sa.String(length=80), nullable=True))
    op.create_index("ix_workshops_client_date", "workshops", ["client_id", "date"], unique=False)
    op.create_table(
        "publish_backups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_uuid", sa.String(length=36), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_publish_backups"),
    )
    op.create_index("ix_publish_backups_workshop_uuid", "publish_backups", ["workshop_uuid"], unique=False)
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_index("ix_publish_backups_workshop_uuid", table_name="publish_backups")
    op.drop_table("publish_backups")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of clients would cascade.
    op.drop_index("ix_workshops_client_date", table_name="workshops")
    op.drop_column("workshops", "synced_local_hash")
    op.drop_column("workshops", "synced_hash")
    op.drop_column("clients", "size")
    op.drop_column("clients", "industry")
    for table in WITH_UUID:
        op.drop_index(f"ix_{table}_uuid", table_name=table)
        op.drop_column(table, "uuid")
