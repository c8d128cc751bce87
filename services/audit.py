"""What the audit log records: the acts by name, and the particulars of an act as data.

The log is read by people (/audit, in Kazakh, Russian or English), so nothing here is a phrase:
an act is one of :class:`AuditAction` and its particulars are an :class:`AuditDetail`, stored
as JSON in the entry's ``detail`` column and put into words by the reader's locale.
"""

import json
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class AuditAction(StrEnum):
    """Every act the audit log can hold (the stored values never change: duties read some)."""

    MEETING_CREATE = "meeting.create"
    MEETING_READ = "meeting.read"
    MEETING_ANNOUNCE = "meeting.announce"
    MEETING_SCHEDULE = "meeting.schedule"
    MEETING_MOVE = "meeting.move"
    MEETING_CANCEL = "meeting.cancel"
    MEETING_RECEPTION = "meeting.reception"
    MEETING_HOLD = "meeting.hold"
    MEETING_CLOSE = "meeting.close"
    POOL_VIEW = "pool.view"
    POOL_EXPORT = "pool.export"
    POOL_ACCEPT = "pool.accept"
    POOL_ANSWER = "pool.answer"
    POOL_REJECT = "pool.reject"
    POOL_MERGE = "pool.merge"
    PLAN_READ = "plan.read"
    PLAN_PUBLISH = "plan.publish"
    PLAN_PROGRESS = "plan.progress"
    INVITE_CREATE = "invite.create"
    INVITE_ACCEPT = "invite.accept"
    INVITE_REVOKE = "invite.revoke"
    OFFICIAL_REMOVE = "official.remove"
    OFFICIALS_LIST = "officials.list"
    OFFICIALS_READ = "officials.read"
    OFFICIALS_SUMMARY = "officials.summary"
    OFFICIALS_BUTTON = "officials.button"
    AUDIT_READ = "audit.read"
    OUTBOX_VIEW = "outbox.view"
    OUTBOX_REQUEUE = "outbox.requeue"
    DEADLINES_VIEW = "deadlines.view"
    DEADLINES_MARK = "deadlines.mark"
    CALENDAR_APPROVED = "calendar.approved"
    CALENDAR_SUBMITTED = "calendar.submitted"
    CALENDAR_VIEW = "calendar.view"
    CALENDAR_ENTRY_ADD = "calendar.entry.add"
    CALENDAR_ENTRY_REMOVE = "calendar.entry.remove"
    CALENDAR_UPLOAD = "calendar.upload"
    CALENDAR_AGREE = "calendar.agree"
    CALENDAR_AGREED = "calendar.agreed"
    CALENDAR_TO_DRAFT = "calendar.to_draft"
    CALENDAR_BUTTON = "calendar.button"
    COVERAGE_VIEW = "coverage.view"
    FEEDBACK_ENTER = "feedback.enter"
    COORDINATOR_INVITE = "coordinator.invite"
    COORDINATOR_ACCEPT = "coordinator.accept"
    COORDINATOR_REVOKE = "coordinator.revoke"
    COORDINATOR_REMOVE = "coordinator.remove"
    COORDINATORS_LIST = "coordinators.list"
    COORDINATORS_BUTTON = "coordinators.button"
    DEMAND_READ = "demand.read"
    DEMAND_ANSWER = "demand.answer"
    DEMAND_SCHEDULED = "demand.scheduled"
    DEMAND_DECLINED = "demand.declined"
    OFFICIAL_FORGET = "official.forget"
    STAFF_COMMAND = "staff.command"
    STAFF_BUTTON = "staff.button"
    ADMIN_BUTTON = "admin.button"
    POOL_BUTTON = "pool.button"
    LIFECYCLE_BUTTON = "lifecycle.button"
    NEWMEETING_BUTTON = "newmeeting.button"
    DEADLINES_BUTTON = "deadlines.button"
    OUTBOX_BUTTON = "outbox.button"
    CHANNEL_VIEW = "channel.view"
    CHANNEL_LINK = "channel.link"
    CHANNEL_CHECK = "channel.check"
    CHANNEL_UNLINK = "channel.unlink"

    @property
    def key(self) -> str:
        """The value as a piece of a Fluent message id (ids have no dots)."""
        return self.value.replace(".", "-")


@dataclass(frozen=True, slots=True)
class AuditDetail:
    """The particulars of an act; a field left at its default is not said."""

    days_late: int = 0
    # The last day to announce, when an announcement came late.
    due: date | None = None
    moved_from: datetime | None = None
    moved_to: datetime | None = None
    announce_at: datetime | None = None
    unscheduled: bool = False
    held_on: date | None = None
    quarter_year: int | None = None
    quarter_number: int | None = None
    items: int | None = None
    rows: int | None = None
    into_question: int | None = None
    # How many records an act took in (a file of entries, a calendar).
    entries: int | None = None
    # Why it was refused, as a code the locale puts into words (an invitation's outcome,
    # "not-staff").
    reason: str | None = None
    # The invitation concerned, by the first characters of its token.
    invite: str | None = None
    user: int | None = None
    meeting: int | None = None
    # An agreement with the maslikhat: its date and decision number.
    agreed_on: date | None = None
    number: str | None = None
    # What a person wrote: a cancellation's reason, an answer, a rejection's reason.
    text: str | None = None

    def dump(self) -> str | None:
        """The JSON stored in the log (None when there is nothing to say)."""
        data: dict[str, Any] = {}
        for name, value in asdict(self).items():
            if value in (None, False, 0):
                continue
            data[name] = value.isoformat() if isinstance(value, date) else value
        return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else None

    @classmethod
    def load(cls, raw: str | None) -> "AuditDetail | None":
        """The particulars back from the log. A row written before they were data (free
        English text) comes back as ``text``, the words it has."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return cls(text=raw)
        if not isinstance(data, dict):
            return cls(text=raw)
        known = {field.name: field.type for field in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name in ("due", "held_on", "agreed_on") and isinstance(value, str):
                value = date.fromisoformat(value)
            elif name in ("moved_from", "moved_to", "announce_at") and isinstance(value, str):
                value = datetime.fromisoformat(value)
            values[name] = value
        try:
            return cls(**values)
        except TypeError:
            return cls(text=raw)


__all__ = ["AuditAction", "AuditDetail"]
