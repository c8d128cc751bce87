"""What happened that somebody must be told: one small frozen dataclass per kind of notice.

A service says *what happened* (``await outbox.notify(session, MeetingCancelled(view),
audience)``), never how it looks. Each notice carries what its text needs and names its own
outbox key (one message per key and chat: see services/outbox.py), its kind (what /settings
switches and quiet hours act on) and whether it is urgent. How a notice reads in each language
and which buttons it has is the Telegram side's business: one renderer per kind in
handlers/notices/, found through one registry that the composition root hands to the outbox.
A kind without a renderer stops the bot at start-up (``Outbox`` checks ``NOTICE_KINDS``).

To add a kind: a dataclass here (listed in ``NOTICE_KINDS``), a renderer in handlers/notices/,
and a row in the renderers' table test.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from storage.models import NoticeKind

if TYPE_CHECKING:
    # Only for the fields' types: the services that build notices import this module.
    from services.coordinators import TerritoryView
    from services.coverage import AkimatCoverage
    from services.duties import Duty
    from services.feedback import AkimatRecord, TerritoryReport
    from services.meetings import MeetingView
    from services.officials import AkimatView
    from services.plans import LinkedLine, PlanView, ReportView
    from services.pool import QuestionFacts


class Notice(ABC):
    """The base of every notice kind: a kind without its own key cannot be built."""

    __slots__ = ()

    kind: ClassVar[NoticeKind]
    # Urgent notices ignore the recipient's quiet hours (scheduler/sender/delivery_policy.py).
    urgent: ClassVar[bool] = False

    @property
    @abstractmethod
    def key(self) -> str:
        """The outbox key: the same notice enqueued again reaches nobody twice."""

    @property
    def topic(self) -> str | None:
        """What the notice is about, to find its rows again (delivery counts, withdrawal)."""
        return None

    @property
    def stale_at(self) -> datetime | None:
        """From this moment the notice no longer makes sense and is not sent (a reminder once
        the meeting has begun); None: it is always worth delivering (an answer, a plan)."""
        return None


def meeting_topic(meeting_id: int) -> str:
    """The outbox topic of everything said about a meeting."""
    return f"meeting:{meeting_id}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M")


# --- meetings ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingAnnounced(Notice):
    """The card of a newly announced meeting, for everyone who hears of it."""

    meeting: MeetingView
    kind = NoticeKind.ANNOUNCEMENT

    @property
    def key(self) -> str:
        return f"announce:{self.meeting.id}"

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)


@dataclass(frozen=True, slots=True)
class MeetingMoved(Notice):
    """An announced meeting has a new start (``meeting.starts_at``); ``old_start`` was known."""

    meeting: MeetingView
    old_start: datetime
    kind = NoticeKind.MEETING_CHANGED
    urgent = True

    @property
    def key(self) -> str:
        return f"move:{self.meeting.id}:{self.meeting.starts_at.isoformat()}"

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)


@dataclass(frozen=True, slots=True)
class MeetingCancelled(Notice):
    """An announced meeting was cancelled (the reason is ``meeting.cancel_reason``)."""

    meeting: MeetingView
    kind = NoticeKind.MEETING_CHANGED
    urgent = True

    @property
    def key(self) -> str:
        return f"cancel:{self.meeting.id}"

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)


class ReminderLead(StrEnum):
    """Which reminder: at 10:00 the day before, or an hour before the start."""

    DAY = "day"
    HOUR = "hour"


def reminder_key(meeting_id: int, starts_at: datetime, lead: ReminderLead) -> str:
    # The start is in the key: a moved meeting is reminded again for its new time.
    return f"remind:{meeting_id}:{_stamp(starts_at)}:{lead.value}"


def live_key(meeting_id: int, starts_at: datetime) -> str:
    return f"live:{meeting_id}:{_stamp(starts_at)}"


@dataclass(frozen=True, slots=True)
class MeetingReminder(Notice):
    meeting: MeetingView
    lead: ReminderLead
    kind = NoticeKind.MEETING_REMINDER

    @property
    def key(self) -> str:
        return reminder_key(self.meeting.id, self.meeting.starts_at, self.lead)

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)

    @property
    def stale_at(self) -> datetime:
        return self.meeting.starts_at


@dataclass(frozen=True, slots=True)
class BroadcastStarted(Notice):
    """The meeting has begun: its broadcast link."""

    meeting: MeetingView
    kind = NoticeKind.BROADCAST

    @property
    def key(self) -> str:
        return live_key(self.meeting.id, self.meeting.starts_at)

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)

    @property
    def stale_at(self) -> datetime:
        # The link is worth nothing once the meeting is over.
        return self.meeting.ends_at


def reception_key(meeting_id: int, day: date) -> str:
    return f"reception:{meeting_id}:{day.isoformat()}"


@dataclass(frozen=True, slots=True)
class ReceptionPlanned(Notice):
    """A day of the akim's personal reception of citizens around a meeting (seed 000, clause
    7-3: the day before the meeting and after it), told to the meeting's audience the day
    before. ``until``: the end of that local day; told later, it is worth nothing."""

    meeting: MeetingView
    day: date
    until: datetime
    kind = NoticeKind.MEETING_REMINDER

    @property
    def key(self) -> str:
        return reception_key(self.meeting.id, self.day)

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)

    @property
    def stale_at(self) -> datetime:
        return self.until


def rating_key(meeting_id: int) -> str:
    return f"rate:{meeting_id}"


@dataclass(frozen=True, slots=True)
class RatingRequested(Notice):
    """After the meeting: rate it 1–5 (seed 004, clause 21). Asked once per meeting."""

    meeting: MeetingView
    kind = NoticeKind.RATING

    @property
    def key(self) -> str:
        return rating_key(self.meeting.id)

    @property
    def topic(self) -> str:
        return meeting_topic(self.meeting.id)


# --- questions -----------------------------------------------------------------------------------


class Resolution(StrEnum):
    ACCEPTED = "accepted"
    ANSWERED = "answered"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class QuestionResolved(Notice):
    """A question was accepted into the pool, answered or rejected (``answer``: the answer or
    the reason). ``to_author`` tells the author's version from the supporters' one (the same
    key: one message per person)."""

    question: QuestionFacts
    resolution: Resolution
    to_author: bool
    answer: str | None = None
    kind = NoticeKind.QUESTION_STATUS

    @property
    def key(self) -> str:
        return f"q:{self.question.id}:{self.resolution.value}"

    @property
    def topic(self) -> str:
        return f"question:{self.question.id}"


class MergeRole(StrEnum):
    """Whom a merge notice is for."""

    AUTHOR = "author"  # the author of the duplicate
    SUPPORTER = "supporter"  # a supporter of the duplicate, now supporting the target
    TARGET_AUTHOR = "target_author"  # the author of the question the duplicate went into


@dataclass(frozen=True, slots=True)
class QuestionMerged(Notice):
    duplicate: QuestionFacts
    target: QuestionFacts
    role: MergeRole
    kind = NoticeKind.QUESTION_STATUS

    @property
    def key(self) -> str:
        if self.role is MergeRole.TARGET_AUTHOR:
            # One notice per duplicate folded in: several merges into one target each tell.
            return f"q:{self.target.id}:merged-in:{self.duplicate.id}"
        return f"q:{self.duplicate.id}:merged"

    @property
    def topic(self) -> str:
        own = self.target if self.role is MergeRole.TARGET_AUTHOR else self.duplicate
        return f"question:{own.id}"


# --- action plans --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanPublished(Notice):
    """A meeting's action plan is out. ``lines``: the recipient's own questions it answers
    (empty for the audience's general version)."""

    plan: PlanView
    lines: tuple[LinkedLine, ...] = ()
    kind = NoticeKind.ACTION_PLAN

    @property
    def key(self) -> str:
        return f"plan:{self.plan.id}:published"

    @property
    def topic(self) -> str:
        return f"plan:{self.plan.id}"


@dataclass(frozen=True, slots=True)
class ProgressPublished(Notice):
    """A quarterly report on the plan's items is out."""

    plan: PlanView
    report: ReportView
    lines: tuple[LinkedLine, ...] = ()
    kind = NoticeKind.PROGRESS

    @property
    def key(self) -> str:
        return f"progress:{self.report.id}"

    @property
    def topic(self) -> str:
        return f"plan:{self.plan.id}"


# --- officials' duties ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DutySource:
    """Where the law states a duty: the short seed number ("001") and the clause."""

    seed: str
    clause: str


@dataclass(frozen=True, slots=True)
class DutyDue(Notice):
    """A reminder to the akimat's officials: ``duty`` is due (or overdue) as of ``today``.
    ``stage`` and ``day`` make the key: each reminder of a duty goes out once."""

    duty: Duty
    today: date
    stage: str
    day: date
    source: DutySource
    kind = NoticeKind.DUTY

    @property
    def key(self) -> str:
        return f"duty:{self.duty.key}:{self.stage}:{self.day.isoformat()}"

    @property
    def topic(self) -> str:
        return f"duty:{self.duty.key}"[:64]


@dataclass(frozen=True, slots=True)
class DutyEscalated(Notice):
    """An overdue duty told to the admins and the officials of the higher akimats."""

    duty: Duty
    today: date
    day: date
    source: DutySource
    kind = NoticeKind.DUTY

    @property
    def key(self) -> str:
        return f"duty:{self.duty.key}:escalation:{self.day.isoformat()}"

    @property
    def topic(self) -> str:
        return f"duty:{self.duty.key}"[:64]


# --- coverage ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverageWarning(Notice):
    """To the akimat's officials: units still without a visiting meeting ``days_left`` days
    before the period's end (seed 001, clause 2.1); ``stage`` (30 or 10) makes the key."""

    coverage: AkimatCoverage
    stage: int
    days_left: int
    kind = NoticeKind.DUTY

    @property
    def key(self) -> str:
        period = self.coverage.period.label
        return f"coverage:{self.coverage.akimat_id}:{period}:{self.stage}"

    @property
    def topic(self) -> str:
        return f"akimat:{self.coverage.akimat_id}"


@dataclass(frozen=True, slots=True)
class CoverageUncovered(Notice):
    """At a period's end: the units of each akimat that stayed uncovered (to the
    coordinators of the territory; the admins until there are coordinators)."""

    ended_on: date
    akimats: tuple[AkimatCoverage, ...]
    # Whose view this is (a territory's code, "republic", "admins" or "all"): each audience
    # is told of its own akimats, so each has its own stored text.
    scope: str = "all"
    kind = NoticeKind.DUTY

    @property
    def key(self) -> str:
        return f"coverage-end:{self.ended_on.isoformat()}:{self.scope}"


# --- officials -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficialAppointed(Notice):
    """To the one who invited: the invitation ``token`` was accepted by ``user_id``, whose
    Telegram name was ``display_name``. Both None once that person used /forget: the stored
    notice is rendered again without them (services/users.py)."""

    akimat: AkimatView
    user_id: int | None
    display_name: str | None
    token: str
    kind = NoticeKind.SERVICE

    @property
    def key(self) -> str:
        return f"invite-accepted:{self.token}"

    @property
    def topic(self) -> str:
        return f"akimat:{self.akimat.id}"


@dataclass(frozen=True, slots=True)
class OfficialRemoved(Notice):
    """To the official: they no longer act for ``akimat``. A change of rights: urgent."""

    akimat: AkimatView
    user_id: int
    at: datetime
    kind = NoticeKind.SERVICE
    urgent = True

    @property
    def key(self) -> str:
        return f"official-removed:{self.akimat.id}:{self.user_id}:{self.at.isoformat()}"

    @property
    def topic(self) -> str:
        return f"akimat:{self.akimat.id}"


@dataclass(frozen=True, slots=True)
class CoordinatorAppointed(Notice):
    """To the admin whose link was used: who became a coordinator of which territory."""

    territory: TerritoryView
    user_id: int
    display_name: str
    token: str
    kind = NoticeKind.SERVICE

    @property
    def key(self) -> str:
        return f"coordinator-accepted:{self.token}"


@dataclass(frozen=True, slots=True)
class CoordinatorRemoved(Notice):
    """To the coordinator: they no longer read ``territory``. A change of rights: urgent."""

    territory: TerritoryView
    user_id: int
    at: datetime
    kind = NoticeKind.SERVICE
    urgent = True

    @property
    def key(self) -> str:
        return f"coordinator-removed:{self.territory.key}:{self.user_id}:{self.at.isoformat()}"


# --- citizens' demands for a meeting (seed 001, 3.1) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class DemandFacts:
    """What a notice about a demand says of it."""

    id: int
    topic: str
    locality_kk: str
    locality_ru: str
    supports: int


class DemandOutcome(StrEnum):
    SCHEDULED = "scheduled"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class DemandThresholdReached(Notice):
    """To the akimat's officials and the territory's coordinators: a demand's support reached
    the configured threshold. Sent once per demand."""

    demand: DemandFacts
    threshold: int
    kind = NoticeKind.SERVICE

    @property
    def key(self) -> str:
        return f"demand:{self.demand.id}:threshold"

    @property
    def topic(self) -> str:
        return f"demand:{self.demand.id}"


@dataclass(frozen=True, slots=True)
class DemandAnswered(Notice):
    """To the supporters of a demand: the akimat scheduled a meeting for it (``meeting_id``,
    ``starts_at``) or declined it (``reason``)."""

    demand: DemandFacts
    outcome: DemandOutcome
    meeting_id: int | None = None
    starts_at: datetime | None = None
    reason: str | None = None
    kind = NoticeKind.QUESTION_STATUS

    @property
    def key(self) -> str:
        return f"demand:{self.demand.id}:{self.outcome.value}"

    @property
    def topic(self) -> str:
        return f"demand:{self.demand.id}"


# Every kind the bot sends: each must have a renderer (checked when the outbox is built).
# --- the akimat's record -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedbackDigest(Notice):
    """The quarter's feedback summary for one coordinator (``recipient_id``) and their
    territory, sent after the quarter's progress due date (services/feedback_digest.py)."""

    report: TerritoryReport
    recipient_id: int
    kind = NoticeKind.DUTY

    @property
    def key(self) -> str:
        return f"feedback-digest:{self.report.period.code}:{self.recipient_id}"

    @property
    def topic(self) -> str:
        return f"feedback-digest:{self.report.period.code}"


# --- the akimat's channel (issue 9, section 7) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearResults:
    """The final results of an akimat's year (seed 004, clause 16, 2: annually), as posted to
    its channel: the year's record."""

    record: AkimatRecord

    @property
    def key(self) -> str:
        return f"year:{self.record.akimat.id}:{self.record.period.year}"


# What an akimat's channel is told of; the post reads as the public card of the same event.
ChannelSubject = (
    MeetingAnnounced
    | MeetingMoved
    | MeetingCancelled
    | PlanPublished
    | ProgressPublished
    | YearResults
)
CHANNEL_KEY_PREFIX = "channel:"


@dataclass(frozen=True, slots=True)
class ChannelPost(Notice):
    """A post to an akimat's Telegram channel, in ``languages`` (one post, in that order).

    Its outbox key is the subject's under ``channel:``, so what reached a channel is found by
    key (services/channels.py reads it back for the record)."""

    subject: ChannelSubject
    akimat_id: int
    languages: tuple[str, ...]
    kind = NoticeKind.SERVICE
    # A channel has no quiet hours.
    urgent = True

    @property
    def key(self) -> str:
        return CHANNEL_KEY_PREFIX + self.subject.key

    @property
    def topic(self) -> str:
        return f"channel:{self.akimat_id}"

    @property
    def stale_at(self) -> datetime | None:
        # A post about a meeting that is over tells the channel nothing (an outage that long).
        if isinstance(self.subject, MeetingAnnounced | MeetingMoved | MeetingCancelled):
            return self.subject.meeting.ends_at
        return None


@dataclass(frozen=True, slots=True)
class ChannelBroken(Notice):
    """The bot can no longer post to the akimat's channel: its officials are told."""

    akimat_id: int
    title: str
    # What the bot saw: its status in the channel, or Telegram's refusal.
    reason: str
    broken_at: datetime
    kind = NoticeKind.SERVICE
    urgent = True

    @property
    def key(self) -> str:
        return f"channel-broken:{self.akimat_id}:{_stamp(self.broken_at)}"


NOTICE_KINDS: tuple[type[Notice], ...] = (
    MeetingAnnounced,
    MeetingMoved,
    MeetingCancelled,
    MeetingReminder,
    BroadcastStarted,
    RatingRequested,
    ReceptionPlanned,
    QuestionResolved,
    QuestionMerged,
    PlanPublished,
    ProgressPublished,
    DutyDue,
    DutyEscalated,
    CoverageWarning,
    CoverageUncovered,
    OfficialAppointed,
    OfficialRemoved,
    FeedbackDigest,
    CoordinatorAppointed,
    CoordinatorRemoved,
    DemandThresholdReached,
    DemandAnswered,
    ChannelPost,
    ChannelBroken,
)
