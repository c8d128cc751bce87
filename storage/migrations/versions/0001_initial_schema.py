"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 03:56:06.698318
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "fsm_records",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=200), nullable=True),
        sa.Column("data", sa.Text(), server_default="{}", nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_fsm_records")),
    )
    op.create_table(
        "localities",
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("parent_code", sa.String(length=9), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("depth", sa.SmallInteger(), nullable=False),
        sa.Column("type_code", sa.SmallInteger(), nullable=False),
        sa.Column("akim_level", sa.String(length=24), nullable=True),
        sa.Column("name_kk", sa.String(length=255), nullable=False),
        sa.Column("name_ru", sa.String(length=255), nullable=False),
        sa.Column("search_key", sa.String(length=600), nullable=False),
        sa.Column(
            "sort_kk",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "sort_ru",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            server_default="",
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["localities.code"], name=op.f("fk_localities_parent_code_localities")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_localities")),
    )
    with op.batch_alter_table("localities", schema=None) as batch_op:
        batch_op.create_index("ix_localities_level_parent", ["level", "parent_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_localities_parent_code"), ["parent_code"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("locale", sa.String(length=2), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    op.create_table(
        "akimats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locality_code", sa.String(length=9), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["locality_code"],
            ["localities.code"],
            name=op.f("fk_akimats_locality_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_akimats")),
        sa.UniqueConstraint("locality_code", name=op.f("uq_akimats_locality_code")),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("locality_code", sa.String(length=9), nullable=False),
        sa.Column("include_descendants", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["locality_code"],
            ["localities.code"],
            name=op.f("fk_subscriptions_locality_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_subscriptions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint("user_id", "locality_code", name=op.f("uq_subscriptions_user_id")),
    )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subscriptions_locality_code"), ["locality_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_subscriptions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("host_akimat_id", sa.Integer(), nullable=False),
        sa.Column("venue_code", sa.String(length=9), nullable=False),
        sa.Column("audience_code", sa.String(length=9), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("broadcast_url", sa.String(length=500), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "announced",
                "held",
                "closed",
                "cancelled",
                "rescheduled",
                name="meetingstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("questions_cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["audience_code"],
            ["localities.code"],
            name=op.f("fk_meetings_audience_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["host_akimat_id"],
            ["akimats.id"],
            name=op.f("fk_meetings_host_akimat_id_akimats"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["venue_code"],
            ["localities.code"],
            name=op.f("fk_meetings_venue_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meetings_audience_code"), ["audience_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meetings_host_akimat_id"), ["host_akimat_id"], unique=False
        )
        batch_op.create_index(
            "ix_meetings_status_starts_at", ["status", "starts_at"], unique=False
        )

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("question", "proposal", name="questionkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=255), nullable=True),
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
        sa.Column("public_number", sa.String(length=20), nullable=True),
        sa.Column("support_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_questions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_questions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("public_number", name=op.f("uq_questions_public_number")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_author_id"), ["author_id"], unique=False)
        batch_op.create_index(
            "ix_questions_meeting_support", ["meeting_id", "support_count"], unique=False
        )

    op.create_table(
        "supports",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_supports_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_supports_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("question_id", "user_id", name=op.f("pk_supports")),
    )
    with op.batch_alter_table("supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supports_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supports_user_id"))

    op.drop_table("supports")
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_index("ix_questions_meeting_support")
        batch_op.drop_index(batch_op.f("ix_questions_author_id"))

    op.drop_table("questions")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_status_starts_at")
        batch_op.drop_index(batch_op.f("ix_meetings_host_akimat_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_audience_code"))

    op.drop_table("meetings")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriptions_user_id"))
        batch_op.drop_index(batch_op.f("ix_subscriptions_locality_code"))

    op.drop_table("subscriptions")
    op.drop_table("akimats")
    op.drop_table("users")
    with op.batch_alter_table("localities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_localities_parent_code"))
        batch_op.drop_index("ix_localities_level_parent")

    op.drop_table("localities")
    op.drop_table("fsm_records")
