"""meeting_calendars, calendar_entries, calendar_corrections: the annual calendar

Revision ID: 0009
Revises: 0004
Create Date: 2026-12-05 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("akimat_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "agreed",
                "approved",
                "submitted",
                name="calendarstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("agreement_number", sa.String(length=100), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["akimat_id"],
            ["akimats.id"],
            name=op.f("fk_meeting_calendars_akimat_id_akimats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_calendars")),
        sa.UniqueConstraint("akimat_id", "year", name=op.f("uq_meeting_calendars_akimat_id")),
    )
    op.create_table(
        "calendar_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("venue_code", sa.String(length=9), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "reporting",
                "visiting",
                name="calendarentrykind",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["meeting_calendars.id"],
            name=op.f("fk_calendar_entries_calendar_id_meeting_calendars"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["venue_code"],
            ["localities.code"],
            name=op.f("fk_calendar_entries_venue_code_localities"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_calendar_entries_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_entries")),
    )
    op.create_index(
        op.f("ix_calendar_entries_calendar_id"), "calendar_entries", ["calendar_id"], unique=False
    )
    op.create_index(
        op.f("ix_calendar_entries_venue_code"), "calendar_entries", ["venue_code"], unique=False
    )
    op.create_table(
        "calendar_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.SmallInteger(), nullable=False),
        sa.Column("changes", sa.Text(), server_default="", nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("agreement_number", sa.String(length=100), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["meeting_calendars.id"],
            name=op.f("fk_calendar_corrections_calendar_id_meeting_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_corrections")),
        sa.UniqueConstraint(
            "calendar_id", "number", name=op.f("uq_calendar_corrections_calendar_id")
        ),
    )
    op.create_index(
        op.f("ix_calendar_corrections_calendar_id"),
        "calendar_corrections",
        ["calendar_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_calendar_corrections_calendar_id"), table_name="calendar_corrections")
    op.drop_table("calendar_corrections")
    op.drop_index(op.f("ix_calendar_entries_venue_code"), table_name="calendar_entries")
    op.drop_index(op.f("ix_calendar_entries_calendar_id"), table_name="calendar_entries")
    op.drop_table("calendar_entries")
    op.drop_table("meeting_calendars")
