"""The statuses and kinds the use cases speak of, for handlers and scheduler jobs.

They are stored as they are (storage/models/enums.py), and defined there because storage sits
at the bottom of the layers; the Telegram side reads them from here and never imports storage.
"""

from storage.models.enums import (
    MeetingStatus,
    NoticeKind,
    OutboxStatus,
    PlanItemStatus,
    QuestionKind,
    QuestionStatus,
)

__all__ = [
    "MeetingStatus",
    "NoticeKind",
    "OutboxStatus",
    "PlanItemStatus",
    "QuestionKind",
    "QuestionStatus",
]
