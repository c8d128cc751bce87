"""akimat_channels: an akimat's Telegram channel for publication

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "akimat_channels",
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column(
            "language",
            sa.Enum("kk", "ru", "both", name="channellanguage", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum("active", "broken", name="channelstate", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("broken_reason", sa.String(length=300), nullable=True),
        sa.Column("broken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("linked_by", sa.BigInteger(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_akimat_channels_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("akimat_id", name=op.f("pk_akimat_channels")),
    )
    op.create_index(
        op.f("ix_akimat_channels_chat_id"), "akimat_channels", ["chat_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_akimat_channels_chat_id"), table_name="akimat_channels")
    op.drop_table("akimat_channels")
