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


class PlanItemStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    OVERDUE = "overdue"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    # Telegram said the chat is gone (403, chat not found): never retried.
    UNREACHABLE = "unreachable"
    # Refused for good (a 400 other than chat not found) or out of attempts.
    FAILED = "failed"
    # Not sent on purpose: the recipient switched this kind off, or the event was withdrawn.
    SKIPPED = "skipped"
    # Not sent in time to make sense (its payload's stale_at passed first): a reminder for a
    # meeting that has begun.
    EXPIRED = "expired"


class NoticeKind(StrEnum):
    """What a notification is about; citizens switch kinds off in /settings."""

    ANNOUNCEMENT = "announcement"
    MEETING_CHANGED = "meeting_changed"  # cancelled or moved: urgent, never switched off
    MEETING_REMINDER = "meeting_reminder"
    BROADCAST = "broadcast"
    ACTION_PLAN = "action_plan"
    PROGRESS = "progress"
    QUESTION_STATUS = "question_status"
    RATING = "rating"
    DUTY = "duty"  # an official's compliance reminder or escalation
    SERVICE = "service"  # invitations, role changes


class CalendarStatus(StrEnum):
    """The annual calendar's steps (seed 001, clause 2): drawn up, agreed with the maslikhat,
    approved (by 15 January), submitted to the Government (by 20 January)."""

    DRAFT = "draft"
    AGREED = "agreed"
    APPROVED = "approved"
    SUBMITTED = "submitted"


class CalendarEntryKind(StrEnum):
    REPORTING = "reporting"
    VISITING = "visiting"
