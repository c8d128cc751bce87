"""outside_feedback: questions and proposals received at receptions, by letter, on the site

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outside_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("question", "proposal", name="questionkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "reception", "letter", "site", name="feedbackchannel", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "accepted",
                "answered",
                "rejected",
                "merged",
                name="questionstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=True),
        sa.Column("entered_by", sa.BigInteger(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_outside_feedback_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outside_feedback")),
    )
    op.create_index(
        "ix_outside_feedback_akimat_received",
        "outside_feedback",
        ["akimat_id", "received_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_outside_feedback_akimat_received", table_name="outside_feedback")
    op.drop_table("outside_feedback")
