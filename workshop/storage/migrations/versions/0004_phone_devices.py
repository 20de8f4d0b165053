"""phone devices and links: a restarted phone server knows its phones

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phone_links",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("pin", sa.String(length=12), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_phone_links_workshop_id_workshops"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_phone_links")),
    )
    op.create_table(
        "phone_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("function", sa.String(length=20), nullable=False),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name=op.f("fk_phone_devices_workshop_id_workshops"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"],
                                name=op.f("fk_phone_devices_participant_id_participants"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_devices")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_phone_devices_secret_hash")),
    )
    with op.batch_alter_table("phone_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phone_devices_workshop_id"), ["workshop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_phone_devices_participant_id"), ["participant_id"], unique=False)


def downgrade() -> None:
    op.drop_table("phone_devices")
    op.drop_table("phone_links")
