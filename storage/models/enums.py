"""Statuses and kinds stored in the database (as strings, the same on SQLite and PostgreSQL)."""

from enum import StrEnum

import sqlalchemy as sa


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    ANNOUNCED = "announced"
    HELD = "held"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


class QuestionKind(StrEnum):
    QUESTION = "question"
    PROPOSAL = "proposal"


class QuestionStatus(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    ANSWERED = "answered"
    REJECTED = "rejected"
    MERGED = "merged"


def enum_column(enum: type[StrEnum]) -> sa.Enum:
    # Plain VARCHAR with the enum's values: no native PostgreSQL type to migrate on every change.
    return sa.Enum(
        enum,
        native_enum=False,
        length=16,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )
