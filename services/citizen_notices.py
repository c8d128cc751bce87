"""What citizens are told around a meeting: reminders, the broadcast link, the rating request.

Moments, for an announced (or moved) meeting, never a draft or a cancelled one:

- **day**: at 10:00 local time on the day before the meeting. A fixed daytime hour rather
  than "24 hours before": everyone hears of tomorrow's meeting at the same hour, with the day
  to plan, whatever its start (24 hours before an 08:00 meeting would fall in most people's
  quiet hours and be held back).
- **hour**: one hour before the start.
- **live**: at the start, with the broadcast link (only when the meeting has one: without a
  link there is nothing to open).
- **reception**: each day of the akim's personal reception of citizens recorded for the
  meeting (seed 000, clause 7-3: the day before the meeting and the day after it) is told to
  the meeting's audience at 10:00 the day before that day, like the day reminder; a run later
  that day or on the day itself still tells it, a run after it does not.
- **rating**: once the meeting has ended, a one-tap satisfaction rating 1–5: citizens'
  satisfaction is one of the criteria of the feedback index (seed 004, clause 21).

Each moment has a window, from its time until the next moment takes over (day: until the hour
reminder; hour: until the start; live: until the end; rating: RATING_ASK_WITHIN after the end).
The scheduler task runs every minute and sends what is in its window at ``now``. So a run
that comes late (the scheduler was down) sends only what still makes sense: never an "hour
before" for a meeting already under way, never a "live" for one that ended. A reminder whose
window had opened before the meeting was even announced is not sent: the announcement itself
just told them.

Who: everyone who hears of the meeting (its audience, services/meetings.py) and the authors and
supporters of its questions (they may follow another locality), copied into the outbox by
one INSERT … SELECT. Each notice has a key; the reminders' keys carry the start time, so a moved
meeting gets its reminders again for the new time, and the outbox's unique keys make each go
out once however often the task runs. A done mark (JobMark "notice:<key>") spares later runs
the fan-out altogether.

What is enqueued but not delivered yet (held back by quiet hours, or a long queue) can turn
false: each run first withdraws the reminders of a meeting that was cancelled, moved or has
started, and the broadcast link of one that ended.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.meetings import (
    OPEN_MEETING_STATUSES,
    PUBLIC_MEETING_STATUSES,
    MeetingService,
    MeetingView,
)
from services.notices import (
    BroadcastStarted,
    MeetingReminder,
    Notice,
    RatingRequested,
    ReceptionPlanned,
    ReminderLead,
    live_key,
    meeting_topic,
    rating_key,
    reception_key,
    reminder_key,
)
from services.outbox import Outbox
from storage.models import MeetingStatus, NoticeKind
from storage.repositories import citizen_notices as notice_rows
from storage.repositories import job_marks
from storage.repositories import outbox as outbox_rows
from storage.repositories.outbox import AudienceQuery
from storage.unit_of_work import SessionSource

DAY_REMINDER_AT = time(10, 0)
HOUR_REMINDER_LEAD = timedelta(hours=1)
# How long after its end a meeting's rating is still asked for: a scheduler that was down for
# a day still asks; one that was down for weeks does not ask about a meeting long forgotten.
RATING_ASK_WITHIN = timedelta(days=3)
# The earliest a day reminder can come before the start: 10:00 the day before a meeting at
# 23:59 (a day of 25 hours would add one; Asia/Almaty keeps no summer time, but be safe).
_DAY_REMINDER_MAX_LEAD = timedelta(hours=39)
MIN_SCORE, MAX_SCORE = 1, 5
# Meeting ids are 32-bit integers: a forged bigger one is "not asked", not a database error.
MAX_ID = 2**31 - 1


class Moment(StrEnum):
    DAY = "day"
    HOUR = "hour"
    LIVE = "live"
    RATING = "rating"


KIND_OF_MOMENT = {
    Moment.DAY: NoticeKind.MEETING_REMINDER,
    Moment.HOUR: NoticeKind.MEETING_REMINDER,
    Moment.LIVE: NoticeKind.BROADCAST,
    Moment.RATING: NoticeKind.RATING,
}


def day_reminder_at(starts_at: datetime, tz: ZoneInfo) -> datetime:
    """10:00 local time on the day before the meeting, in UTC."""
    day_before = starts_at.astimezone(tz).date() - timedelta(days=1)
    return datetime.combine(day_before, DAY_REMINDER_AT, tzinfo=tz).astimezone(UTC)


def reception_told_at(day: date, tz: ZoneInfo) -> datetime:
    """When the audience hears of a personal reception on the local ``day``: 10:00 local time
    the day before, in UTC."""
    return datetime.combine(day - timedelta(days=1), DAY_REMINDER_AT, tzinfo=tz).astimezone(UTC)


def notice_key(meeting_id: int, moment: Moment, starts_at: datetime) -> str:
    """The outbox key of a meeting's notice. Reminders and the live notice carry the start, so
    a moved meeting is reminded again for its new time; the rating is asked once."""
    if moment is Moment.RATING:
        return rating_key(meeting_id)
    if moment is Moment.LIVE:
        return live_key(meeting_id, starts_at)
    return reminder_key(meeting_id, starts_at, ReminderLead(moment.value))


def moment_notice(meeting: MeetingView, moment: Moment) -> Notice:
    """What is said to the meeting's people at ``moment``."""
    if moment is Moment.RATING:
        return RatingRequested(meeting)
    if moment is Moment.LIVE:
        return BroadcastStarted(meeting)
    return MeetingReminder(meeting, ReminderLead(moment.value))


@dataclass(frozen=True, slots=True)
class MeetingTimes:
    """What deciding the moments needs of a meeting."""

    id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    has_broadcast: bool
    announced_at: datetime | None


def moments_due(meeting: MeetingTimes, now: datetime, tz: ZoneInfo) -> list[Moment]:
    """The notices whose window contains ``now`` (see the module doc)."""
    due: list[Moment] = []
    start, end = meeting.starts_at, meeting.ends_at
    if meeting.status in OPEN_MEETING_STATUSES:
        hour_at = start - HOUR_REMINDER_LEAD
        day_at = day_reminder_at(start, tz)
        reminder: tuple[Moment, datetime] | None = None
        if hour_at <= now < start:
            reminder = (Moment.HOUR, hour_at)
        elif day_at <= now < hour_at:
            reminder = (Moment.DAY, day_at)
        # Announced after the window opened: the announcement itself was the reminder.
        if reminder is not None and (
            meeting.announced_at is None or meeting.announced_at < reminder[1]
        ):
            due.append(reminder[0])
    live_statuses = (*OPEN_MEETING_STATUSES, MeetingStatus.HELD)
    if meeting.status in live_statuses and meeting.has_broadcast and start <= now < end:
        due.append(Moment.LIVE)
    if meeting.status in PUBLIC_MEETING_STATUSES and end <= now < end + RATING_ASK_WITHIN:
        due.append(Moment.RATING)
    return due


@dataclass(frozen=True, slots=True)
class DueNotice:
    meeting_id: int
    moment: Moment
    key: str

    @property
    def kind(self) -> NoticeKind:
        return KIND_OF_MOMENT[self.moment]


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """Citizens' ratings of meetings (seed 004, clause 21)."""

    count: int
    # None when nobody rated.
    mean: float | None
    # How many gave 1, 2, 3, 4 and 5.
    by_score: tuple[int, ...]


class RatingOutcome(StrEnum):
    SAVED = "saved"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    # No such meeting, a cancelled one, a bad score, or the person was never asked.
    NOT_ASKED = "not_asked"


@dataclass(frozen=True, slots=True)
class RatingResult:
    outcome: RatingOutcome
    score: int | None = None
    meeting: MeetingView | None = None


class CitizenNoticeService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        meetings: MeetingService,
        outbox: Outbox,
        default_locale: str,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._meetings = meetings
        self._outbox = outbox
        self._default_locale = default_locale

    # --- the scheduler's part -----------------------------------------------------------------

    async def due(self, now: datetime) -> list[DueNotice]:
        """Every meeting notice whose window contains ``now``, sent or not."""
        live_statuses = (*OPEN_MEETING_STATUSES, MeetingStatus.HELD)
        async with self._sessions() as session:
            # Only meetings that may be in a window: moments_due decides which one is.
            rows = await notice_rows.meetings_in_windows(
                session,
                now,
                upcoming=OPEN_MEETING_STATUSES,
                upcoming_until=now + _DAY_REMINDER_MAX_LEAD,
                live=live_statuses,
                ended=PUBLIC_MEETING_STATUSES,
                ended_since=now - RATING_ASK_WITHIN,
            )
        notices: list[DueNotice] = []
        for meeting_id, status, starts_at, ends_at, has_broadcast, announced_at in rows:
            times = MeetingTimes(
                meeting_id, status, starts_at, ends_at, bool(has_broadcast), announced_at
            )
            for moment in moments_due(times, now, self._tz):
                key = notice_key(meeting_id, moment, starts_at)
                notices.append(DueNotice(meeting_id, moment, key))
        return notices

    async def run(self, now: datetime) -> int:
        """Withdraw what went stale, then enqueue every due notice not sent yet; returns how
        many outbox rows were written. Safe to run any number of times, on any number of
        instances."""
        await self.withdraw_stale(now)
        written = 0
        for notice in await self.due(now):
            written += await self._send(notice, now)
        written += await self.tell_receptions(now)
        return written

    async def tell_receptions(self, now: datetime) -> int:
        """Tell each meeting's audience of the personal receptions of today and, from 10:00,
        of tomorrow (seed 000, clause 7-3); each reception once. Returns the rows written."""
        today = now.astimezone(self._tz).date()
        days = [
            day
            for day in (today, today + timedelta(days=1))
            if reception_told_at(day, self._tz) <= now
        ]
        async with self._sessions() as session:
            receptions = await notice_rows.receptions_on(session, days, PUBLIC_MEETING_STATUSES)
        written = 0
        for meeting_id, day in receptions:
            written += await self._tell_reception(meeting_id, day, now)
        return written

    async def _tell_reception(self, meeting_id: int, day: date, now: datetime) -> int:
        mark = _mark(reception_key(meeting_id, day))
        meeting = await self._meetings.get(meeting_id)
        if meeting is None:
            return 0
        until = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz)
        async with self._sessions() as session:
            if await job_marks.exists(session, mark):
                return 0
            written = await self._outbox.notify(
                session,
                ReceptionPlanned(meeting, day, until.astimezone(UTC)),
                self._meetings.audience_query(meeting.audience.code),
            )
            await job_marks.add_if_missing(session, mark, now)
            await session.commit()
        return written

    async def _send(self, notice: DueNotice, now: datetime) -> int:
        mark = _mark(notice.key)
        meeting = await self._meetings.get(notice.meeting_id)
        if meeting is None:
            return 0
        async with self._sessions() as session:
            if await job_marks.exists(session, mark):
                return 0
            # One INSERT … SELECT: the audience is copied in the database, never loaded here.
            written = await self._outbox.notify(
                session,
                moment_notice(meeting, notice.moment),
                self.recipients_query(meeting.id, meeting.audience.code),
            )
            # The rows and the done mark commit together: a crash before leaves neither.
            await job_marks.add_if_missing(session, mark, now)
            await session.commit()
        return written

    def recipients_query(self, meeting_id: int, audience_code: str) -> AudienceQuery:
        """(user id, locale) of who is told of a meeting: its audience, and the authors and
        supporters of its questions (who may follow another locality)."""
        return notice_rows.meeting_recipients(
            meeting_id, self._meetings.audience_query(audience_code)
        )

    async def withdraw_stale(self, now: datetime) -> int:
        """Take back reminders and broadcast links not delivered yet that are no longer true:
        the meeting was cancelled or moved, or it has started (a reminder) or ended (the link);
        and the reception notices of a cancelled meeting (a notice whose day is over is stale
        by itself and is not sent; its mark is dropped then).
        A notice held back by quiet hours must not arrive after the cancellation, or "starts
        soon" after the start. Returns how many messages were withdrawn."""
        async with self._sessions() as session:
            names = await job_marks.names_starting_with(
                session, [_mark("remind:"), _mark("live:"), _mark("reception:")]
            )
            sent = [parsed for name in names if (parsed := _parse_mark(name)) is not None]
            receptions = [
                told for name in names if (told := _parse_reception_mark(name)) is not None
            ]
            if not sent and not receptions:
                return 0
            ids = sorted({meeting_id for meeting_id, *_ in (*sent, *receptions)})
            meetings = await notice_rows.meeting_spans(session, ids)
            withdrawn = 0
            for meeting_id, key, day in receptions:
                meeting = meetings.get(meeting_id)
                cancelled = meeting is None or meeting.status is MeetingStatus.CANCELLED
                until = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self._tz)
                if not cancelled and now < until:
                    continue
                if cancelled:
                    # A reception of a cancelled meeting must not be announced after the news.
                    withdrawn += await outbox_rows.withdraw_pending(
                        session,
                        topic=meeting_topic(meeting_id),
                        kind=NoticeKind.MEETING_REMINDER,
                        key_prefix=f"{key}:",
                        reason="meeting cancelled",
                    )
                # Its day is over (or its meeting is gone): the mark has served.
                await job_marks.remove(session, _mark(key))
            for meeting_id, moment, key in sent:
                meeting = meetings.get(meeting_id)
                reason = (
                    _stale_reason(
                        moment, key, meeting.status, meeting.starts_at, meeting.ends_at, now
                    )
                    if meeting is not None
                    else "meeting deleted"
                )
                if reason is None:
                    continue
                withdrawn += await outbox_rows.withdraw_pending(
                    session,
                    topic=meeting_topic(meeting_id),
                    kind=KIND_OF_MOMENT[moment],
                    key_prefix=f"{key}:",
                    reason=reason,
                )
                # Done with this notice: it is never due again (its start or window is gone),
                # and its outbox rows keep their keys, so nothing is sent twice.
                await job_marks.remove(session, _mark(key))
            await session.commit()
        return withdrawn

    # --- ratings ------------------------------------------------------------------------------

    async def rate(self, user_id: int, meeting_id: int, score: int) -> RatingResult:
        """Store (or change) a person's rating of a meeting. Only those the request was
        addressed to may rate, only a meeting that took place, only 1 to 5: the buttons'
        data is never trusted."""
        if not (MIN_SCORE <= score <= MAX_SCORE and 0 < meeting_id <= MAX_ID):
            return RatingResult(RatingOutcome.NOT_ASKED)
        asked_key = f"{rating_key(meeting_id)}:{user_id}"
        async with self._sessions() as session:
            asked = await outbox_rows.message_id_by_key(session, asked_key)
            status = await notice_rows.meeting_status(session, meeting_id)
            if asked is None or status not in PUBLIC_MEETING_STATUSES:
                return RatingResult(RatingOutcome.NOT_ASKED)
            before = await self._score(session, user_id, meeting_id)
            if before is None:
                inserted = await notice_rows.add_score_if_missing(
                    session, user_id, meeting_id, score, self._clock.now()
                )
                if not inserted:
                    # Another press of theirs landed at the same instant and stored first.
                    before = await self._score(session, user_id, meeting_id)
            if before is not None and before != score:
                await notice_rows.change_score(session, user_id, meeting_id, score)
            await session.commit()
        meeting = await self._meetings.get(meeting_id)
        if before is None:
            outcome = RatingOutcome.SAVED
        elif before == score:
            outcome = RatingOutcome.UNCHANGED
        else:
            outcome = RatingOutcome.CHANGED
        return RatingResult(outcome, score, meeting)

    async def rating_of(self, user_id: int, meeting_id: int) -> int | None:
        async with self._sessions() as session:
            return await self._score(session, user_id, meeting_id)

    @staticmethod
    async def _score(session: AsyncSession, user_id: int, meeting_id: int) -> int | None:
        return await notice_rows.rating_of(session, user_id, meeting_id)

    async def satisfaction(
        self,
        *,
        meeting_id: int | None = None,
        akimat_id: int | None = None,
        period: tuple[date, date] | None = None,
    ) -> Satisfaction:
        """How satisfied citizens were: of one meeting, or of an akimat's meetings, optionally
        those held within ``period`` (local dates, both included). A criterion of the feedback
        index (seed 004, clause 21)."""
        if (meeting_id is None) == (akimat_id is None):
            raise ValueError("give exactly one of meeting_id and akimat_id")
        since: datetime | None = None
        until: datetime | None = None
        if period is not None:
            # Local days, both included: from the first one's midnight to the day after the last.
            first, last = period
            since = datetime.combine(first, time(0), tzinfo=self._tz).astimezone(UTC)
            until = datetime.combine(last + timedelta(days=1), time(0), tzinfo=self._tz)
        async with self._sessions() as session:
            counts = await notice_rows.score_counts(
                session,
                meeting_id=meeting_id,
                akimat_id=akimat_id,
                starts_from=since,
                starts_before=until,
            )
        by_score = tuple(counts.get(score, 0) for score in range(MIN_SCORE, MAX_SCORE + 1))
        total = sum(by_score)
        mean = sum(s * n for s, n in counts.items()) / total if total else None
        return Satisfaction(count=total, mean=mean, by_score=by_score)


def _mark(key: str) -> str:
    """The JobMark saying a notice's fan-out is complete."""
    return f"notice:{key}"


def _parse_mark(name: str) -> tuple[int, Moment, str] | None:
    """(meeting id, moment, notice key) of a reminder's or live notice's done mark."""
    key = name.removeprefix(_mark(""))
    parts = key.split(":")
    try:
        if parts[0] == "remind" and len(parts) == 4:
            return int(parts[1]), Moment(parts[3]), key
        if parts[0] == "live" and len(parts) == 3:
            return int(parts[1]), Moment.LIVE, key
    except ValueError:
        return None
    return None


def _parse_reception_mark(name: str) -> tuple[int, str, date] | None:
    """(meeting id, notice key, the reception's day) of a reception notice's done mark."""
    key = name.removeprefix(_mark(""))
    parts = key.split(":")
    if parts[0] != "reception" or len(parts) != 3:
        return None
    try:
        day = date.fromisoformat(parts[2])
        meeting_id = int(parts[1])
    except ValueError:
        return None
    return meeting_id, key, day


def _stale_reason(
    moment: Moment,
    key: str,
    status: MeetingStatus,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
) -> str | None:
    """Why a sent reminder or live notice no longer holds, or None while it does."""
    if status is MeetingStatus.CANCELLED:
        return "meeting cancelled"
    if key != notice_key(int(key.split(":")[1]), moment, starts_at):
        return "meeting moved"
    if moment is Moment.LIVE:
        return "meeting ended" if now >= ends_at else None
    return "meeting started" if now >= starts_at else None


__all__ = [
    "DAY_REMINDER_AT",
    "HOUR_REMINDER_LEAD",
    "RATING_ASK_WITHIN",
    "CitizenNoticeService",
    "DueNotice",
    "MeetingTimes",
    "Moment",
    "RatingOutcome",
    "RatingResult",
    "Satisfaction",
    "day_reminder_at",
    "moment_notice",
    "moments_due",
    "notice_key",
    "rating_key",
    "reception_told_at",
]
