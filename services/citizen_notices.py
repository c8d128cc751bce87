"""What citizens are told around a meeting: reminders, the broadcast link, the rating request.

Moments, for an announced (or moved) meeting, never a draft or a cancelled one:

- **day**: at 10:00 local time on the day before the meeting. A fixed daytime hour rather
  than "24 hours before": everyone hears of tomorrow's meeting at the same hour, with the day
  to plan, whatever its start (24 hours before an 08:00 meeting would fall in most people's
  quiet hours and be held back).
- **hour**: one hour before the start.
- **live**: at the start, with the broadcast link (only when the meeting has one: without a
  link there is nothing to open).
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
from html import escape
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy import Select, and_, delete, func, or_, select, union, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from locales import Text
from services.clock import Clock
from services.kato.names import name_for_locale
from services.lifecycle import meeting_topic
from services.meetings import (
    OPEN_MEETING_STATUSES,
    PUBLIC_MEETING_STATUSES,
    LocalityRef,
    MeetingService,
    MeetingView,
)
from services.outbox import Outbox, Rendered, insert_ignoring_duplicates
from storage.models import (
    JobMark,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    OutboxStatus,
    Question,
    Rating,
    Support,
    User,
)

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


class RatingCb(CallbackData, prefix="rt1"):
    """A score pressed under a rating request. Defined here, beside the request that carries
    it (services may not import handlers); handlers/callbacks.py lists it with the others."""

    meeting_id: int
    score: int


def day_reminder_at(starts_at: datetime, tz: ZoneInfo) -> datetime:
    """10:00 local time on the day before the meeting, in UTC."""
    day_before = starts_at.astimezone(tz).date() - timedelta(days=1)
    return datetime.combine(day_before, DAY_REMINDER_AT, tzinfo=tz).astimezone(UTC)


def notice_key(meeting_id: int, moment: Moment, starts_at: datetime) -> str:
    """The outbox key of a meeting's notice. Reminders and the live notice carry the start, so
    a moved meeting is reminded again for its new time; the rating is asked once."""
    if moment is Moment.RATING:
        return rating_key(meeting_id)
    stamp = starts_at.astimezone(UTC).strftime("%Y%m%d%H%M")
    if moment is Moment.LIVE:
        return f"live:{meeting_id}:{stamp}"
    return f"remind:{meeting_id}:{stamp}:{moment.value}"


def rating_key(meeting_id: int) -> str:
    return f"rate:{meeting_id}"


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
        session_factory: async_sessionmaker[AsyncSession],
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
        query = select(
            Meeting.id,
            Meeting.status,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.broadcast_url.is_not(None),
            Meeting.announced_at,
        ).where(
            or_(
                and_(
                    Meeting.status.in_(OPEN_MEETING_STATUSES),
                    Meeting.starts_at > now,
                    Meeting.starts_at <= now + _DAY_REMINDER_MAX_LEAD,
                ),
                and_(
                    Meeting.status.in_(live_statuses),
                    Meeting.broadcast_url.is_not(None),
                    Meeting.starts_at <= now,
                    Meeting.ends_at > now,
                ),
                and_(
                    Meeting.status.in_(PUBLIC_MEETING_STATUSES),
                    Meeting.ends_at <= now,
                    Meeting.ends_at > now - RATING_ASK_WITHIN,
                ),
            )
        )
        async with self._sessions() as session:
            rows = (await session.execute(query.order_by(Meeting.starts_at, Meeting.id))).all()
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
        return written

    async def _send(self, notice: DueNotice, now: datetime) -> int:
        mark = _mark(notice.key)
        meeting = await self._meetings.get(notice.meeting_id)
        if meeting is None:
            return 0
        async with self._sessions() as session:
            if await session.get(JobMark, mark) is not None:
                return 0
            # One INSERT … SELECT: the audience is copied in the database, never loaded here.
            written = await self._outbox.notify_audience(
                session,
                kind=notice.kind,
                key=notice.key,
                audience=self.recipients_query(meeting.id, meeting.audience.code),
                render=lambda t: self.render(meeting, notice.moment, t),
                topic=meeting_topic(meeting.id),
            )
            # The rows and the done mark commit together: a crash before leaves neither.
            await session.execute(
                insert_ignoring_duplicates(session, JobMark).values(name=mark, covered_until=now)
            )
            await session.commit()
        return written

    def recipients_query(self, meeting_id: int, audience_code: str) -> Select[int, str | None]:
        """(user id, locale) of who is told of a meeting: its audience, and the authors and
        supporters of its questions (who may follow another locality)."""
        authors = select(Question.author_id).where(
            Question.meeting_id == meeting_id, Question.author_id.is_not(None)
        )
        supporters = (
            select(Support.user_id)
            .join(Question, Question.id == Support.question_id)
            .where(Question.meeting_id == meeting_id)
        )
        involved = select(User.id, User.locale).where(
            User.is_active.is_(True),
            User.consent_at.is_not(None),
            or_(User.id.in_(authors), User.id.in_(supporters)),
        )
        crowd = union(self._meetings.audience_query(audience_code), involved).subquery("crowd")
        return select(crowd.c[0], crowd.c[1])

    async def withdraw_stale(self, now: datetime) -> int:
        """Take back reminders and broadcast links not delivered yet that are no longer true:
        the meeting was cancelled or moved, or it has started (a reminder) or ended (the link).
        A notice held back by quiet hours must not arrive after the cancellation, or "starts
        soon" after the start. Returns how many messages were withdrawn."""
        async with self._sessions() as session:
            names = (
                await session.scalars(
                    select(JobMark.name).where(
                        or_(
                            JobMark.name.startswith(_mark("remind:"), autoescape=True),
                            JobMark.name.startswith(_mark("live:"), autoescape=True),
                        )
                    )
                )
            ).all()
            sent = [parsed for name in names if (parsed := _parse_mark(name)) is not None]
            if not sent:
                return 0
            ids = sorted({meeting_id for meeting_id, _, _ in sent})
            meetings = {
                row.id: row
                for row in (
                    await session.execute(
                        select(
                            Meeting.id, Meeting.status, Meeting.starts_at, Meeting.ends_at
                        ).where(Meeting.id.in_(ids))
                    )
                ).all()
            }
            withdrawn = 0
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
                payloads = select(OutboxPayload.id).where(
                    OutboxPayload.topic == meeting_topic(meeting_id),
                    OutboxPayload.kind == KIND_OF_MOMENT[moment],
                )
                result = await session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.payload_id.in_(payloads.scalar_subquery()),
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.key.startswith(f"{key}:", autoescape=True),
                    )
                    .values(status=OutboxStatus.SKIPPED, last_error=reason)
                    .execution_options(synchronize_session=False)
                )
                withdrawn += int(getattr(result, "rowcount", 0) or 0)
                # Done with this notice: it is never due again (its start or window is gone),
                # and its outbox rows keep their keys, so nothing is sent twice.
                await session.execute(delete(JobMark).where(JobMark.name == _mark(key)))
            await session.commit()
        return withdrawn

    # --- rendering ----------------------------------------------------------------------------

    def render(self, meeting: MeetingView, moment: Moment, t: Text) -> Rendered:
        if moment is Moment.RATING:
            return self.rating_request(meeting, t)
        host = _name(meeting.host, t)
        url = escape(meeting.broadcast_url, quote=True) if meeting.broadcast_url else None
        keyboard = None
        if url is not None and meeting.broadcast_url is not None:
            builder = InlineKeyboardBuilder()
            builder.button(text=t("notice-broadcast-button"), url=meeting.broadcast_url)
            keyboard = builder.as_markup()
        if moment is Moment.LIVE:
            text = t("notice-live", host=host, url=url or "")
        else:
            text = t(
                "notice-remind-day" if moment is Moment.DAY else "notice-remind-hour",
                host=host,
                when=t.weekday_datetime(meeting.starts_at),
                time=t.time(meeting.starts_at),
                venue=_name(meeting.venue, t),
                place=escape(meeting.place),
            )
            if url is not None:
                text += "\n" + t("notice-broadcast-line", url=url)
        return Rendered(text + "\n\n" + t("notice-settings-hint"), keyboard)

    def rating_request(self, meeting: MeetingView, t: Text, chosen: int | None = None) -> Rendered:
        """The question and its five buttons; with ``chosen``, as it reads after a press."""
        text = t(
            "notice-rate",
            host=_name(meeting.host, t),
            when=t.weekday_datetime(meeting.starts_at),
        )
        if chosen is not None:
            text += "\n\n" + t("notice-rate-chosen", score=chosen)
        else:
            text += "\n\n" + t("notice-settings-hint")
        builder = InlineKeyboardBuilder()
        for score in range(MIN_SCORE, MAX_SCORE + 1):
            label = "notice-rate-button-chosen" if score == chosen else "notice-rate-button"
            builder.button(
                text=t(label, score=score),
                callback_data=RatingCb(meeting_id=meeting.id, score=score),
            )
        builder.adjust(MAX_SCORE)
        return Rendered(text, builder.as_markup())

    # --- ratings ------------------------------------------------------------------------------

    async def rate(self, user_id: int, meeting_id: int, score: int) -> RatingResult:
        """Store (or change) a person's rating of a meeting. Only those the request was
        addressed to may rate, only a meeting that took place, only 1 to 5: the buttons'
        data is never trusted."""
        if not (MIN_SCORE <= score <= MAX_SCORE and 0 < meeting_id <= MAX_ID):
            return RatingResult(RatingOutcome.NOT_ASKED)
        asked_key = f"{rating_key(meeting_id)}:{user_id}"
        async with self._sessions() as session:
            asked = await session.scalar(
                select(OutboxMessage.id).where(OutboxMessage.key == asked_key)
            )
            status = await session.scalar(select(Meeting.status).where(Meeting.id == meeting_id))
            if asked is None or status not in PUBLIC_MEETING_STATUSES:
                return RatingResult(RatingOutcome.NOT_ASKED)
            before = await self._score(session, user_id, meeting_id)
            if before is None:
                inserted = await session.execute(
                    insert_ignoring_duplicates(session, Rating).values(
                        meeting_id=meeting_id,
                        user_id=user_id,
                        score=score,
                        created_at=self._clock.now(),
                    )
                )
                if not getattr(inserted, "rowcount", 0):
                    # Another press of theirs landed at the same instant and stored first.
                    before = await self._score(session, user_id, meeting_id)
            if before is not None and before != score:
                await session.execute(
                    update(Rating)
                    .where(Rating.meeting_id == meeting_id, Rating.user_id == user_id)
                    .values(score=score)
                    .execution_options(synchronize_session=False)
                )
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
        return await session.scalar(
            select(Rating.score).where(Rating.meeting_id == meeting_id, Rating.user_id == user_id)
        )

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
        query = (
            select(Rating.score, func.count())
            .join(Meeting, Meeting.id == Rating.meeting_id)
            .group_by(Rating.score)
        )
        if meeting_id is not None:
            query = query.where(Meeting.id == meeting_id)
        else:
            query = query.where(Meeting.host_akimat_id == akimat_id)
        if period is not None:
            first, last = period
            since = datetime.combine(first, time(0), tzinfo=self._tz).astimezone(UTC)
            until = datetime.combine(last + timedelta(days=1), time(0), tzinfo=self._tz)
            query = query.where(Meeting.starts_at >= since, Meeting.starts_at < until)
        async with self._sessions() as session:
            counts = {int(score): int(count) for score, count in (await session.execute(query))}
        by_score = tuple(counts.get(score, 0) for score in range(MIN_SCORE, MAX_SCORE + 1))
        total = sum(by_score)
        mean = sum(s * n for s, n in counts.items()) / total if total else None
        return Satisfaction(count=total, mean=mean, by_score=by_score)


def _name(locality: LocalityRef, t: Text) -> str:
    """The name the reader reads (services/kato/names.py), escaped."""
    return escape(name_for_locale(locality.name_kk, locality.name_ru, t.locale))


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
    "RatingCb",
    "RatingOutcome",
    "RatingResult",
    "Satisfaction",
    "day_reminder_at",
    "moments_due",
    "notice_key",
    "rating_key",
]
