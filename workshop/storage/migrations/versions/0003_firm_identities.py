"""stable identities (UUIDs), client industry and size, publishing to a firm database

Revision ID: 0003
Revises: 0002

Workshops, participants, commitments and clients get a UUID, filled here for the rows
that exist, so that the same workshop can live on a laptop and on the firm's server.
Works on SQLite and PostgreSQL alike with plain ALTER TABLE ... ADD COLUMN and indexes:
no table is rebuilt (on SQLite, dropping a parent table in a rebuild would cascade).
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WITH_UUID = ("clients", "workshops", "participants", "commitments")

# The benchmark keeps each workshop's figures; any change to what they are computed from
# deletes them (they are computed again when needed), whoever makes the change.
_STALE = "DELETE FROM benchmark_figures WHERE workshop_id IN "
POSTGRESQL_TRIGGERS = (
    f"""CREATE FUNCTION benchmark_figures_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'answers' THEN
        {_STALE}(SELECT workshop_id FROM participants WHERE id IN (OLD.participant_id, NEW.participant_id));
    ELSIF TG_TABLE_NAME = 'participants' THEN
        {_STALE}(OLD.workshop_id, NEW.workshop_id);
    ELSE
        {_STALE}(OLD.id, NEW.id);
    END IF;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER benchmark_figures_stale AFTER INSERT OR UPDATE OR DELETE ON answers "
    "FOR EACH ROW EXECUTE FUNCTION benchmark_figures_stale()",
    "CREATE TRIGGER benchmark_figures_stale AFTER INSERT OR UPDATE OR DELETE ON participants "
    "FOR EACH ROW EXECUTE FUNCTION benchmark_figures_stale()",
    "CREATE TRIGGER benchmark_figures_stale AFTER UPDATE OF min_group_size, instrument_id ON workshops "
    "FOR EACH ROW EXECUTE FUNCTION benchmark_figures_stale()",
)
_SQLITE = {
    "answers_insert": ("INSERT ON answers", "(SELECT workshop_id FROM participants WHERE id = NEW.participant_id)"),
    "answers_update": ("UPDATE ON answers",
                       "(SELECT workshop_id FROM participants WHERE id IN (OLD.participant_id, NEW.participant_id))"),
    "answers_delete": ("DELETE ON answers", "(SELECT workshop_id FROM participants WHERE id = OLD.participant_id)"),
    "participants_insert": ("INSERT ON participants", "(NEW.workshop_id)"),
    "participants_update": ("UPDATE ON participants", "(OLD.workshop_id, NEW.workshop_id)"),
    "participants_delete": ("DELETE ON participants", "(OLD.workshop_id)"),
    "workshops_update": ("UPDATE OF min_group_size, instrument_id ON workshops", "(NEW.id)"),
}
SQLITE_TRIGGER_NAMES = tuple(f"benchmark_figures_stale_{name}" for name in _SQLITE)
SQLITE_TRIGGERS = tuple(
    f"CREATE TRIGGER benchmark_figures_stale_{name} AFTER {event} BEGIN {_STALE}{rows}; END"
    for name, (event, rows) in _SQLITE.items()
)


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
        "benchmark_figures",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("sales", sa.Float(), nullable=True),
        sa.Column("marketing", sa.Float(), nullable=True),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name="fk_benchmark_figures_workshop_id_workshops",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", name="pk_benchmark_figures"),
    )
    for statement in (POSTGRESQL_TRIGGERS if bind.dialect.name == "postgresql" else SQLITE_TRIGGERS):
        op.execute(statement)
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )


def downgrade() -> None:
    op.drop_table("settings")
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in ("answers", "participants", "workshops"):
            op.execute(f"DROP TRIGGER IF EXISTS benchmark_figures_stale ON {table}")
        op.execute("DROP FUNCTION IF EXISTS benchmark_figures_stale()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("benchmark_figures")
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
