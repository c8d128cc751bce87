"""What services.plans returns and raises: plain frozen DTOs, the quarter arithmetic, and
PlanError. No database here: the other modules of the package fill these in."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.meetings import OPEN_MEETING_STATUSES
from storage.models import MeetingStatus, PlanItemStatus, QuestionKind, QuestionStatus

# -------------------------------------------------------------------------------------------------
# Errors


class PlanErrorReason(StrEnum):
    MEETING_NOT_FOUND = "meeting-not-found"
    # A draft, cancelled or rescheduled meeting, or one that has not ended yet.
    MEETING_NOT_OVER = "meeting-not-over"
    MEETING_CANCELLED = "meeting-cancelled"
    PLAN_NOT_FOUND = "plan-not-found"
    ALREADY_PUBLISHED = "already-published"
    NO_SUMMARY = "no-summary"
    NO_ITEMS = "no-items"
    TOO_MANY_ITEMS = "too-many-items"
    ITEM_NOT_FOUND = "item-not-found"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    DEADLINE_BEFORE_MEETING = "deadline-before-meeting"
    DEADLINE_TOO_FAR = "deadline-too-far"
    BAD_QUESTION_NUMBER = "bad-question-number"
    UNKNOWN_QUESTION = "unknown-question"
    TOO_MANY_QUESTIONS = "too-many-questions"
    REPORT_NOT_FOUND = "report-not-found"
    REPORT_PUBLISHED = "report-published"
    REPORT_INCOMPLETE = "report-incomplete"
    QUARTER_NOT_OPEN = "quarter-not-open"
    BAD_PERCENT = "bad-percent"


class PlanError(Exception):
    """A plan or report cannot be changed as asked; ``reason`` says why and the other fields
    give the details a handler shows (the limit, the length, the offending value)."""

    def __init__(
        self,
        reason: PlanErrorReason,
        *,
        limit: int = 0,
        length: int = 0,
        value: str = "",
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.limit = limit
        self.length = length
        self.value = value


# -------------------------------------------------------------------------------------------------
# Quarters


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)


# -------------------------------------------------------------------------------------------------
# Views


@dataclass(frozen=True, slots=True)
class PlanMeeting:
    """What the plan needs to know of its meeting."""

    id: int
    host_akimat_id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    host_name_kk: str
    host_name_ru: str
    # The meeting's local date, and the regulation's last day to publish the plan (None when
    # the profile has no such rule).
    local_date: date
    due_on: date | None
    is_over: bool

    @property
    def plannable(self) -> bool:
        """Held (or announced, moved or not, and already ended): its results can be written
        up. Closed too: an official may close the meeting before the plan is out."""
        if self.status in {MeetingStatus.HELD, MeetingStatus.CLOSED}:
            return True
        return self.status in OPEN_MEETING_STATUSES and self.is_over


@dataclass(frozen=True, slots=True)
class LinkedQuestion:
    id: int
    public_number: str


@dataclass(frozen=True, slots=True)
class PlanItemView:
    id: int
    position: int
    problem: str
    measure: str
    executor: str
    due_on: date
    status: PlanItemStatus
    percent: int
    comment: str | None
    questions: tuple[LinkedQuestion, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    meeting: PlanMeeting
    summary: str | None
    published_at: datetime | None
    published_by: int | None
    # The last day to publish: as kept at publication, else as the regulation says today.
    due_on: date | None
    items: tuple[PlanItemView, ...]
    tz: ZoneInfo = field(default=ZoneInfo("Asia/Almaty"), compare=False, repr=False)

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def published_on(self) -> date | None:
        return self.published_at.astimezone(self.tz).date() if self.published_at else None

    def days_late(self, today: date) -> int:
        """Days past the due date: of the publication if published, else of ``today``."""
        if self.due_on is None:
            return 0
        day = self.published_on or today
        return max(0, (day - self.due_on).days)

    def item(self, position: int) -> PlanItemView | None:
        return next((item for item in self.items if item.position == position), None)


@dataclass(frozen=True, slots=True)
class PlanState:
    """For the compliance clock: whether a meeting's plan is out, and since when."""

    meeting_id: int
    plan_id: int | None
    published: bool
    published_at: datetime | None
    due_on: date | None
    # The first quarter a progress report is expected for: the quarter of publication.
    first_quarter: Quarter | None


@dataclass(frozen=True, slots=True)
class PlanBrief:
    """A line of a list of plans or of meetings awaiting one."""

    plan_id: int | None
    meeting: PlanMeeting
    published_at: datetime | None
    item_count: int


@dataclass(frozen=True, slots=True)
class QuestionRef:
    id: int
    public_number: str
    kind: QuestionKind
    status: QuestionStatus
    support_count: int
    text: str


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """An item as the official entered it, checked (``check_item``) before it is stored."""

    problem: str
    measure: str
    executor: str
    due_on: date
    question_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryView:
    item_id: int
    status: PlanItemStatus
    percent: int
    comment: str | None


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    plan_id: int
    quarter: Quarter
    due_on: date | None
    published_at: datetime | None
    entries: Mapping[int, EntryView]

    @property
    def published(self) -> bool:
        return self.published_at is not None


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """A quarterly report with its plan: what the official fills in item by item."""

    plan: PlanView
    report: ReportView

    @property
    def missing(self) -> list[PlanItemView]:
        return [item for item in self.plan.items if item.id not in self.report.entries]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class QuarterChoice:
    """Which quarter to report on now.

    ``default`` is the earliest quarter since the plan was published that has ended and has no
    published report (so an overdue report comes first); None when every ended quarter is
    reported, and then ``upcoming`` is the quarter that can be reported once it ends.
    """

    default: Quarter | None
    open: tuple[Quarter, ...]
    published: tuple[Quarter, ...]
    upcoming: Quarter


@dataclass(frozen=True, slots=True)
class LinkedLine:
    """One linked question of a recipient in a personal notice."""

    number: str
    own: bool  # their own question; else one they supported
    position: int
    due_on: date
    status: PlanItemStatus
    percent: int


@dataclass(frozen=True, slots=True)
class PublishResult:
    plan: PlanView
    already: bool
    days_late: int
    notified: int


@dataclass(frozen=True, slots=True)
class ReportPublishResult:
    draft: ReportDraft
    already: bool
    days_late: int
    notified: int
