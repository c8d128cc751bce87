"""Meetings of akims with the population: creating, announcing, and who hears of them.

Who sees a meeting (its *audience*) is one rule, in services/audience.py: `audience_query` for
the people to tell, `meetings_seen_by` for the meetings a subscriber's list shows. The KATO code
structure it rests on is in services/kato/codes.py (re-exported here for older imports).
"""

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import AkimLevel, RuleNotInProfile, announcement_due, max_presentation_minutes
from services.audience import audience_query, meetings_seen_by, subscriptions_of
from services.clock import Clock
from services.kato.codes import kato_ancestor_candidates, kato_contains, kato_prefix, kato_subtree
from services.notices import meeting_topic
from services.outbox import Outbox
from services.paging import Page
from services.plan_deadline import planned_receptions
from storage.models import Locality, Meeting, MeetingStatus, NoticeKind, OutboxStatus
from storage.repositories import meetings as meeting_store
from storage.repositories.localities import LocalityRepository
from storage.repositories.meetings import AudienceQuery, MeetingFilter, MeetingOrder, MeetingRow
from storage.unit_of_work import SessionSource

MIN_DURATION_MINUTES = 15
MAX_DURATION_MINUTES = 480
DEFAULT_DURATION_MINUTES = 120
MIN_PLACE_LENGTH = 3
MAX_PLACE_LENGTH = 300
MAX_URL_LENGTH = 500
# Citizens' questions are collected before the meeting, so that the commission can form the
# pool of problem issues in time (seed 001, clause 3.4); a day is left for that work.
QUESTIONS_LEAD = timedelta(hours=24)
# The farthest ahead a meeting may be set or moved. Meetings follow the annual calendar; two
# years leaves room for next year's and keeps every date derived from the start (its end, the
# action plan's and the reports' deadlines) far from the end of the calendar: a start typed
# as 31.12.9999 overflowed once.
FARTHEST_START = timedelta(days=2 * 366)
AUDIENCE_BATCH = 1000

# An announced meeting whose time was moved is "rescheduled": still coming, still visible to
# citizens and open for questions, with the old start kept in `previous_starts_at`
# (services/lifecycle.py). So "announced" for citizens means either of these two.
OPEN_MEETING_STATUSES = (MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED)
PUBLIC_MEETING_STATUSES = (*OPEN_MEETING_STATUSES, MeetingStatus.HELD, MeetingStatus.CLOSED)

_URL = re.compile(r"^https?://[^\s/?#<>\"']+\.[^\s/?#<>\"']+(?:[/?#][^\s<>\"]*)?$", re.IGNORECASE)


# -------------------------------------------------------------------------------------------------
# Errors


class MeetingErrorReason(StrEnum):
    UNKNOWN_HOST = "unknown-host"
    HOST_WITHOUT_AKIM = "host-without-akim"
    UNKNOWN_VENUE = "unknown-venue"
    VENUE_OUTSIDE_HOST = "venue-outside-host"
    UNKNOWN_AUDIENCE = "unknown-audience"
    AUDIENCE_OUTSIDE_HOST = "audience-outside-host"
    START_IN_PAST = "start-in-past"
    START_TOO_FAR = "start-too-far"
    BAD_DURATION = "bad-duration"
    BAD_PLACE = "bad-place"
    BAD_BROADCAST_URL = "bad-broadcast-url"
    BAD_PRESENTATION = "bad-presentation"
    PRESENTATION_TOO_LONG = "presentation-too-long"
    NOT_FOUND = "not-found"
    CANCELLED = "cancelled"
    ALREADY_PAST = "already-past"


class MeetingError(Exception):
    """A meeting cannot be created or changed as asked; ``reason`` says why (handlers turn it
    into localised text)."""

    def __init__(self, reason: MeetingErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class MeetingLocalityError(MeetingError):
    """The host, venue or audience is unknown or in the wrong place."""


class MeetingScheduleError(MeetingError):
    """The start is in the past or the duration is out of bounds."""


class MeetingDetailsError(MeetingError):
    """The place or the broadcast link is not acceptable."""


class MeetingNotFoundError(MeetingError):
    def __init__(self) -> None:
        super().__init__(MeetingErrorReason.NOT_FOUND)


class MeetingStateError(MeetingError):
    """The meeting is cancelled or already over, so it cannot be announced."""


def check_duration(minutes: int) -> int:
    if not MIN_DURATION_MINUTES <= minutes <= MAX_DURATION_MINUTES:
        raise MeetingScheduleError(MeetingErrorReason.BAD_DURATION)
    return minutes


def check_place(place: str) -> str:
    cleaned = " ".join(place.split())
    if not MIN_PLACE_LENGTH <= len(cleaned) <= MAX_PLACE_LENGTH:
        raise MeetingDetailsError(MeetingErrorReason.BAD_PLACE)
    return cleaned


def check_broadcast_url(url: str | None) -> str | None:
    if url is None:
        return None
    cleaned = url.strip()
    if len(cleaned) > MAX_URL_LENGTH or not _URL.match(cleaned):
        raise MeetingDetailsError(MeetingErrorReason.BAD_BROADCAST_URL)
    return cleaned


def presentation_limit(duration_minutes: int, profile: str) -> int | None:
    """The longest akim's presentation in a meeting of ``duration_minutes`` (2022: a quarter
    of the planned time, seed 001, clause 3.3); None when the profile sets no bound."""
    try:
        return max_presentation_minutes(duration_minutes, profile)
    except RuleNotInProfile:
        return None


def check_presentation(minutes: int, duration_minutes: int, profile: str) -> int:
    """The planned presentation length, at least a minute and within the profile's share of
    the meeting (seed 001, clause 3.3); a profile without the rule still keeps it shorter
    than the meeting itself."""
    if not 1 <= minutes <= duration_minutes:
        raise MeetingScheduleError(MeetingErrorReason.BAD_PRESENTATION)
    limit = presentation_limit(duration_minutes, profile)
    if limit is not None and minutes > limit:
        raise MeetingScheduleError(MeetingErrorReason.PRESENTATION_TOO_LONG)
    return minutes


def check_start(starts_at: datetime, now: datetime) -> datetime:
    if starts_at.tzinfo is None or starts_at.utcoffset() is None:
        raise ValueError("starts_at must be an aware datetime")
    if starts_at <= now:
        raise MeetingScheduleError(MeetingErrorReason.START_IN_PAST)
    if starts_at > latest_start(now):
        raise MeetingScheduleError(MeetingErrorReason.START_TOO_FAR)
    return starts_at


def latest_start(now: datetime) -> datetime:
    """The latest start a meeting set or moved at ``now`` may have (FARTHEST_START)."""
    return now + FARTHEST_START


def questions_cutoff(starts_at: datetime, now: datetime) -> datetime:
    """When citizens' questions for a meeting starting at ``starts_at`` stop being taken,
    for a meeting created or moved at ``now``: QUESTIONS_LEAD before the start, but never
    before ``now`` (a meeting set less than a day ahead takes no questions)."""
    return max(starts_at - QUESTIONS_LEAD, now)


# -------------------------------------------------------------------------------------------------
# Views


@dataclass(frozen=True, slots=True)
class LocalityRef:
    code: str
    name_kk: str
    name_ru: str


@dataclass(frozen=True, slots=True)
class MeetingView:
    id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    place: str
    broadcast_url: str | None
    questions_cutoff: datetime
    announced_at: datetime | None
    host: LocalityRef
    host_level: AkimLevel
    venue: LocalityRef
    audience: LocalityRef
    # Computed when the view was read, with the service's clock.
    questions_open: bool
    is_over: bool
    # The lifecycle (services/lifecycle.py); defaults keep hand-built views short.
    host_akimat_id: int = 0
    off_calendar: bool = False
    presentation_minutes: int | None = None
    announce_at: datetime | None = None
    announce_due_on: date | None = None
    announced_late: bool = False
    # Set when an announced meeting was moved (status rescheduled): the start citizens knew.
    previous_starts_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancel_reason: str | None = None
    held_at: datetime | None = None
    closed_at: datetime | None = None

    @property
    def is_public(self) -> bool:
        """Whether citizens may see it: announced (moved or not, already held or not), never a
        draft. A cancelled one is shown as cancelled, not as a meeting to come."""
        return self.status in PUBLIC_MEETING_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status is MeetingStatus.CANCELLED

    @property
    def was_moved(self) -> bool:
        return self.status is MeetingStatus.RESCHEDULED and self.previous_starts_at is not None

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    locale: str | None


# -------------------------------------------------------------------------------------------------
# The service


class MeetingService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        *,
        outbox: Outbox | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._outbox = outbox

    # --- creating -----------------------------------------------------------------------------

    async def create_meeting(
        self,
        host_code: str,
        venue_code: str,
        audience_code: str,
        starts_at: datetime,
        duration_minutes: int,
        place: str,
        broadcast_url: str | None,
        created_by: int | None,
        *,
        off_calendar: bool = False,
        presentation_minutes: int | None = None,
    ) -> MeetingView:
        """A new draft meeting; raises a MeetingError subclass naming the first problem.

        ``off_calendar``: held on the population's demand, outside the annual calendar (seed
        001, clause 3.1). ``presentation_minutes``: the akim's planned report, at most a quarter
        of the duration (seed 001, clause 3.3).
        """
        now = self._clock.now()
        check_start(starts_at, now)
        check_duration(duration_minutes)
        if presentation_minutes is not None:
            check_presentation(presentation_minutes, duration_minutes, self._profile)
        place = check_place(place)
        broadcast_url = check_broadcast_url(broadcast_url)
        async with self._sessions() as session:
            localities = LocalityRepository(session)
            host = await localities.get(host_code)
            if host is None:
                raise MeetingLocalityError(MeetingErrorReason.UNKNOWN_HOST)
            if host.akim_level is None:
                raise MeetingLocalityError(MeetingErrorReason.HOST_WITHOUT_AKIM)
            if await localities.get(venue_code) is None:
                raise MeetingLocalityError(MeetingErrorReason.UNKNOWN_VENUE)
            if not kato_contains(host_code, venue_code):
                raise MeetingLocalityError(MeetingErrorReason.VENUE_OUTSIDE_HOST)
            if await localities.get(audience_code) is None:
                raise MeetingLocalityError(MeetingErrorReason.UNKNOWN_AUDIENCE)
            if not kato_contains(host_code, audience_code):
                raise MeetingLocalityError(MeetingErrorReason.AUDIENCE_OUTSIDE_HOST)
            akimat = await meeting_store.akimat_for(session, host_code)
            starts = starts_at.astimezone(UTC)
            meeting = Meeting(
                host_akimat_id=akimat.id,
                venue_code=venue_code,
                audience_code=audience_code,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=duration_minutes),
                place=place,
                broadcast_url=broadcast_url,
                status=MeetingStatus.DRAFT,
                questions_cutoff=questions_cutoff(starts, now),
                created_by=created_by,
                off_calendar=off_calendar,
                presentation_minutes=presentation_minutes,
                announce_due_on=self._due_on(AkimLevel(host.akim_level), starts),
            )
            meeting_store.add(session, meeting)
            await session.commit()
            meeting_id = meeting.id
        view = await self.get(meeting_id)
        assert view is not None
        return view

    def _due_on(self, level: AkimLevel, starts_at: datetime) -> date | None:
        try:
            return announcement_due(level, starts_at, self._profile, tz=self._tz)
        except RuleNotInProfile:
            return None

    # --- reading ------------------------------------------------------------------------------

    async def get(self, meeting_id: int) -> MeetingView | None:
        async with self._sessions() as session:
            row = await meeting_store.view_row(session, meeting_id)
        return self._view(row) if row else None

    async def list_recent(self, limit: int = 10) -> list[MeetingView]:
        """The newest meetings first, drafts included: for administrators."""
        async with self._sessions() as session:
            rows = await meeting_store.recent_rows(session, limit)
        return [self._view(row) for row in rows]

    async def view_in(self, session: AsyncSession, meeting_id: int) -> MeetingView | None:
        """The view as the caller's transaction sees it (its changes flushed, not committed)."""
        row = await meeting_store.view_row(session, meeting_id)
        return self._view(row) if row else None

    async def find(
        self,
        where: Sequence[MeetingFilter],
        order_by: Sequence[MeetingOrder],
        offset: int = 0,
        limit: int = 10,
    ) -> list[MeetingView]:
        """Views of the meetings matching ``where`` (conditions on Meeting and Akimat, e.g.
        from storage.repositories.meetings.managed_filter)."""
        async with self._sessions() as session:
            rows = await meeting_store.find_rows(session, where, order_by, offset, limit)
        return [self._view(row) for row in rows]

    async def count(self, where: Sequence[MeetingFilter]) -> int:
        async with self._sessions() as session:
            return await meeting_store.count(session, where)

    async def upcoming_for_user(
        self, user_id: int, limit: int = 10, offset: int = 0
    ) -> list[MeetingView]:
        """Announced (or moved) meetings that have not ended and that the user hears of,
        soonest first."""
        async with self._sessions() as session:
            subscriptions = await subscriptions_of(session, user_id)
            if not subscriptions:
                return []
            rows = await meeting_store.coming_rows(
                session,
                OPEN_MEETING_STATUSES,
                self._clock.now(),
                meetings_seen_by(subscriptions),
                offset,
                limit,
            )
        return [self._view(row) for row in rows]

    async def upcoming_page(
        self, user_id: int, page: int, page_size: int
    ) -> Page[MeetingView] | None:
        """Page ``page`` (0-based) of :meth:`upcoming_for_user` with the total; a page past
        the end (a stale button) gives the last one. None when the user follows no locality.

        The first page and its total come in one statement: /meetings is what citizens open
        most."""
        async with self._sessions() as session:
            subscriptions = await subscriptions_of(session, user_id)
            if not subscriptions:
                return None
            seen = meetings_seen_by(subscriptions)
            now = self._clock.now()
            page = max(page, 0)
            total, rows = await meeting_store.coming_page(
                session, OPEN_MEETING_STATUSES, now, seen, page * page_size, page_size
            )
            if not rows and page > 0:
                total = await meeting_store.count_coming(session, OPEN_MEETING_STATUSES, now, seen)
                page = max(0, (total - 1) // page_size)
                total, rows = await meeting_store.coming_page(
                    session, OPEN_MEETING_STATUSES, now, seen, page * page_size, page_size
                )
        return Page([self._view(row) for row in rows], total, page * page_size, page_size)

    # --- announcing ---------------------------------------------------------------------------

    def announcement_due_date(self, meeting: MeetingView) -> date | None:
        """The last day to announce ``meeting`` under the profile (2022: seed 001, clause 3.4;
        2016: seed 000, clause 7); None when the profile states no lead time (2013)."""
        try:
            return announcement_due(
                meeting.host_level, meeting.starts_at, self._profile, tz=self._tz
            )
        except RuleNotInProfile:
            return None

    async def announcement_progress(self, meeting_id: int) -> dict[OutboxStatus, int]:
        """How the announcement's delivery goes: messages in each outbox state."""
        if self._outbox is None:
            return {}
        async with self._sessions() as session:
            return await self._outbox.delivery_counts(
                session, topic=meeting_topic(meeting_id), kind=NoticeKind.ANNOUNCEMENT
            )

    async def planned_receptions(self, meeting_ids: Sequence[int]) -> dict[int, tuple[date, ...]]:
        """The personal-reception days still ahead of each meeting that has some (seed 000,
        clause 7-3): shown on the card; the days already past are a record for the akimat."""
        if not meeting_ids:
            return {}
        async with self._sessions() as session:
            days = await meeting_store.reception_days_of(session, list(meeting_ids))
        now = self._clock.now()
        ahead = {
            meeting_id: tuple(planned_receptions(found, now=now, tz=self._tz))
            for meeting_id, found in days.items()
        }
        return {meeting_id: found for meeting_id, found in ahead.items() if found}

    def audience_query(self, audience_code: str) -> AudienceQuery:
        """Who hears of a meeting held for ``audience_code`` (services/audience.py)."""
        return audience_query(audience_code)

    async def audience(self, meeting_id: int) -> AsyncIterator[Recipient]:
        """Every reachable person with consent who hears of the meeting, each once.

        Streamed in keyset batches by user id, each batch in its own short session, so no
        transaction stays open while the caller works through a large audience. (To notify
        them, ``Outbox.notify`` with ``audience_query`` copies them in SQL instead.)
        """
        async with self._sessions() as session:
            audience_code = await meeting_store.audience_code_of(session, meeting_id)
        if audience_code is None:
            return
        last_id: int | None = None
        while True:
            query = self.audience_query(audience_code)
            async with self._sessions() as session:
                batch = await meeting_store.audience_batch(session, query, last_id, AUDIENCE_BATCH)
            for user_id, locale in batch:
                yield Recipient(user_id=user_id, locale=locale)
            if len(batch) < AUDIENCE_BATCH:
                return
            last_id = batch[-1][0]

    # --- views --------------------------------------------------------------------------------

    def _view(self, row: MeetingRow) -> MeetingView:
        meeting = row.meeting
        host = row.host
        now = self._clock.now()
        return MeetingView(
            id=meeting.id,
            status=meeting.status,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            place=meeting.place,
            broadcast_url=meeting.broadcast_url,
            questions_cutoff=meeting.questions_cutoff,
            announced_at=meeting.announced_at,
            host=_ref(host),
            # A host is only ever a unit with an akim (checked on creation).
            host_level=AkimLevel(host.akim_level or AkimLevel.VILLAGE),
            venue=_ref(row.venue),
            audience=_ref(row.audience),
            questions_open=meeting.status in OPEN_MEETING_STATUSES
            and now < meeting.questions_cutoff,
            is_over=meeting.ends_at <= now
            or meeting.status in {MeetingStatus.HELD, MeetingStatus.CLOSED},
            host_akimat_id=meeting.host_akimat_id,
            off_calendar=meeting.off_calendar,
            presentation_minutes=meeting.presentation_minutes,
            announce_at=meeting.announce_at,
            announce_due_on=meeting.announce_due_on,
            announced_late=meeting.announced_late,
            previous_starts_at=meeting.previous_starts_at,
            cancelled_at=meeting.cancelled_at,
            cancel_reason=meeting.cancel_reason,
            held_at=meeting.held_at,
            closed_at=meeting.closed_at,
        )


def _ref(locality: Locality) -> LocalityRef:
    return LocalityRef(code=locality.code, name_kk=locality.name_kk, name_ru=locality.name_ru)


__all__ = [
    "DEFAULT_DURATION_MINUTES",
    "MAX_DURATION_MINUTES",
    "MAX_PLACE_LENGTH",
    "MIN_DURATION_MINUTES",
    "MIN_PLACE_LENGTH",
    "OPEN_MEETING_STATUSES",
    "PUBLIC_MEETING_STATUSES",
    "LocalityRef",
    "MeetingDetailsError",
    "MeetingError",
    "MeetingErrorReason",
    "MeetingLocalityError",
    "MeetingNotFoundError",
    "MeetingScheduleError",
    "MeetingService",
    "MeetingStateError",
    "MeetingView",
    "Recipient",
    "check_broadcast_url",
    "check_duration",
    "check_place",
    "check_presentation",
    "check_start",
    "kato_ancestor_candidates",
    "kato_contains",
    "kato_prefix",
    "kato_subtree",
    "latest_start",
    "presentation_limit",
    "questions_cutoff",
]
