"""officials, lifecycle, plans, outbox, settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:33:00.992854
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=100), nullable=True),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_actor_at", ["actor_id", "at"], unique=False)

    op.create_table(
        "job_marks",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("covered_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_marks")),
    )
    op.create_table(
        "outbox_payloads",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "announcement",
                "meeting_changed",
                "meeting_reminder",
                "broadcast",
                "action_plan",
                "progress",
                "question_status",
                "rating",
                "duty",
                "service",
                name="noticekind",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("topic", sa.String(length=64), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_payloads")),
    )
    with op.batch_alter_table("outbox_payloads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_payloads_topic"), ["topic"], unique=False)

    op.create_table(
        "notification_settings",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("announcements", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("reminders", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("broadcasts", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("plans", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("progress", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("questions", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("ratings", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("quiet_from", sa.SmallInteger(), nullable=True),
        sa.Column("quiet_to", sa.SmallInteger(), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notification_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_settings")),
    )
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "payload_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=2), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "announcement",
                "meeting_changed",
                "meeting_reminder",
                "broadcast",
                "action_plan",
                "progress",
                "question_status",
                "rating",
                "duty",
                "service",
                name="noticekind",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("urgent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "sending",
                "sent",
                "unreachable",
                "failed",
                "skipped",
                name="outboxstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["payload_id"],
            ["outbox_payloads.id"],
            name=op.f("fk_outbox_messages_payload_id_outbox_payloads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_messages_key")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_messages_chat_id"), ["chat_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_payload_id"), ["payload_id"], unique=False
        )
        batch_op.create_index(
            "ix_outbox_messages_status_next", ["status", "next_attempt_at"], unique=False
        )

    op.create_table(
        "invites",
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_invites_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_invites")),
    )
    op.create_table(
        "officials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column("invited_by", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_officials_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_officials_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officials")),
        sa.UniqueConstraint("user_id", "akimat_id", name=op.f("uq_officials_user_id")),
    )
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officials_akimat_id"), ["akimat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_officials_user_id"), ["user_id"], unique=False)

    op.create_table(
        "action_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.BigInteger(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_action_plans_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_action_plans_meeting_id")),
    )
    op.create_table(
        "ratings",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_ratings_score_range")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_ratings_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ratings_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", "user_id", name=op.f("pk_ratings")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratings_user_id"), ["user_id"], unique=False)

    op.create_table(
        "receptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_receptions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receptions")),
    )
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receptions_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "plan_follows",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["action_plans.id"],
            name=op.f("fk_plan_follows_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_plan_follows_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "user_id", name=op.f("pk_plan_follows")),
    )
    with op.batch_alter_table("plan_follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_follows_user_id"), ["user_id"], unique=False)

    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("executor", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "overdue",
                name="planitemstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("percent", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["action_plans.id"],
            name=op.f("fk_plan_items_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_items")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_plan_items_plan_id")),
    )
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_items_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "progress_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("quarter", sa.SmallInteger(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["action_plans.id"],
            name=op.f("fk_progress_reports_plan_id_action_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_reports")),
        sa.UniqueConstraint(
            "plan_id", "year", "quarter", name=op.f("uq_progress_reports_plan_id")
        ),
    )
    op.create_table(
        "plan_item_questions",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["plan_items.id"],
            name=op.f("fk_plan_item_questions_item_id_plan_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_plan_item_questions_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "question_id", name=op.f("pk_plan_item_questions")),
    )
    with op.batch_alter_table("plan_item_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_item_questions_question_id"), ["question_id"], unique=False
        )

    op.create_table(
        "progress_entries",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "not_started",
                "in_progress",
                "done",
                "overdue",
                name="planitemstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("percent", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["plan_items.id"],
            name=op.f("fk_progress_entries_item_id_plan_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["progress_reports.id"],
            name=op.f("fk_progress_entries_report_id_progress_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "item_id", name=op.f("pk_progress_entries")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("off_calendar", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("presentation_minutes", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("announce_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("announce_due_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("announced_late", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("previous_starts_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cancel_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("held_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolution", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("resolved_by", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_questions_merged_into_id_questions"),
            "questions",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:

    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_questions_merged_into_id_questions"), type_="foreignkey"
        )
        batch_op.drop_column("status_changed_at")
        batch_op.drop_column("resolved_by")
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("resolution")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
        batch_op.drop_column("held_at")
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("previous_starts_at")
        batch_op.drop_column("announced_late")
        batch_op.drop_column("announce_due_on")
        batch_op.drop_column("announce_at")
        batch_op.drop_column("presentation_minutes")
        batch_op.drop_column("off_calendar")

    op.drop_table("progress_entries")
    with op.batch_alter_table("plan_item_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_item_questions_question_id"))

    op.drop_table("plan_item_questions")
    op.drop_table("progress_reports")
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_items_plan_id"))

    op.drop_table("plan_items")
    with op.batch_alter_table("plan_follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_follows_user_id"))

    op.drop_table("plan_follows")
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receptions_meeting_id"))

    op.drop_table("receptions")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_user_id"))

    op.drop_table("ratings")
    op.drop_table("action_plans")
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officials_user_id"))
        batch_op.drop_index(batch_op.f("ix_officials_akimat_id"))

    op.drop_table("officials")
    op.drop_table("invites")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_status_next")
        batch_op.drop_index(batch_op.f("ix_outbox_messages_payload_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_chat_id"))

    op.drop_table("outbox_messages")
    op.drop_table("notification_settings")
    with op.batch_alter_table("outbox_payloads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_payloads_topic"))

    op.drop_table("outbox_payloads")
    op.drop_table("job_marks")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_actor_at")

    op.drop_table("audit_log")
