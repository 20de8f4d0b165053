"""workshop start time, for the run sheet's agenda

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite runs it inside the upgrade's one transaction, where a batch
    # table rebuild would not roll back with a later failing revision.
    op.add_column("workshops", sa.Column("start_time", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("start_time")
