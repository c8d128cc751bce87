"""Every table, imported here so Alembic and tests see the whole metadata."""

from storage.models.akimat import Akimat
from storage.models.base import Base
from storage.models.calendar import CalendarCorrection, CalendarEntry, MeetingCalendar
from storage.models.channel import AkimatChannel, ChannelLanguage, ChannelState
from storage.models.coordinator import Coordinator, CoordinatorInvite
from storage.models.demand import Demand, DemandSupport
from storage.models.enums import (
    CalendarEntryKind,
    CalendarStatus,
    MeetingStatus,
    NoticeKind,
    OutboxStatus,
    PlanItemStatus,
    QuestionKind,
    QuestionStatus,
)
from storage.models.fsm import FsmRecord
from storage.models.locality import ClassifierRevision, Locality
from storage.models.meeting import Meeting, Reception
from storage.models.official import AuditEntry, Invite, Official
from storage.models.outbox import OutboxMessage, OutboxPayload
from storage.models.outside_feedback import FeedbackChannel, OutsideFeedback
from storage.models.plan import (
    ActionPlan,
    PlanFollow,
    PlanItem,
    PlanItemQuestion,
    ProgressEntry,
    ProgressReport,
)
from storage.models.preferences import NotificationSettings, Rating
from storage.models.question import Question, Support
from storage.models.scheduler import JobMark
from storage.models.subscription import Subscription
from storage.models.update_log import HandledUpdate
from storage.models.user import User

__all__ = [
    "ActionPlan",
    "Akimat",
    "AkimatChannel",
    "AuditEntry",
    "Base",
    "CalendarCorrection",
    "CalendarEntry",
    "CalendarEntryKind",
    "CalendarStatus",
    "ChannelLanguage",
    "ChannelState",
    "ClassifierRevision",
    "Coordinator",
    "CoordinatorInvite",
    "Demand",
    "DemandSupport",
    "FeedbackChannel",
    "FsmRecord",
    "HandledUpdate",
    "Invite",
    "JobMark",
    "Locality",
    "Meeting",
    "MeetingCalendar",
    "MeetingStatus",
    "NoticeKind",
    "NotificationSettings",
    "Official",
    "OutboxMessage",
    "OutboxPayload",
    "OutboxStatus",
    "OutsideFeedback",
    "PlanFollow",
    "PlanItem",
    "PlanItemQuestion",
    "PlanItemStatus",
    "ProgressEntry",
    "ProgressReport",
    "Question",
    "QuestionKind",
    "QuestionStatus",
    "Rating",
    "Reception",
    "Subscription",
    "Support",
    "User",
]
