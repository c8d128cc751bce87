"""coordinators (people who read every akimat of a territory) and their one-time invitations;
citizens' demands for an off-calendar meeting and their supports

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-05 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coordinators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("territory_code", sa.String(length=9), nullable=True),
        sa.Column("invited_by", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_coordinators_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordinators")),
    )
    with op.batch_alter_table("coordinators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coordinators_user_id"), ["user_id"], unique=False)

    op.create_table(
        "coordinator_invites",
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("territory_code", sa.String(length=9), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_coordinator_invites")),
    )

    op.create_table(
        "demands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locality_code", sa.String(length=9), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("support_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("threshold_reached_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.BigInteger(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_demands_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_demands_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["locality_code"],
            ["localities.code"],
            name=op.f("fk_demands_locality_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_demands_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demands")),
    )
    with op.batch_alter_table("demands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demands_akimat_id"), ["akimat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_demands_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_demands_locality_status", ["locality_code", "status"], unique=False
        )

    op.create_table(
        "demand_supports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("demand_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["demand_id"],
            ["demands.id"],
            name=op.f("fk_demand_supports_demand_id_demands"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_demand_supports_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demand_supports")),
        sa.UniqueConstraint("demand_id", "user_id", name=op.f("uq_demand_supports_demand_id")),
    )
    with op.batch_alter_table("demand_supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demand_supports_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("demand_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demand_supports_user_id"))
    op.drop_table("demand_supports")
    with op.batch_alter_table("demands", schema=None) as batch_op:
        batch_op.drop_index("ix_demands_locality_status")
        batch_op.drop_index(batch_op.f("ix_demands_author_id"))
        batch_op.drop_index(batch_op.f("ix_demands_akimat_id"))
    op.drop_table("demands")
    op.drop_table("coordinator_invites")
    with op.batch_alter_table("coordinators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coordinators_user_id"))
    op.drop_table("coordinators")
