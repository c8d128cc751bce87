"""Every table, imported here so Alembic and tests see the whole metadata."""

from storage.models.akimat import Akimat
from storage.models.base import Base
from storage.models.enums import MeetingStatus, QuestionKind, QuestionStatus
from storage.models.fsm import FsmRecord
from storage.models.locality import Locality
from storage.models.meeting import Meeting
from storage.models.question import Question, Support
from storage.models.subscription import Subscription
from storage.models.user import User

__all__ = [
    "Akimat",
    "Base",
    "FsmRecord",
    "Locality",
    "Meeting",
    "MeetingStatus",
    "Question",
    "QuestionKind",
    "QuestionStatus",
    "Subscription",
    "Support",
    "User",
]
