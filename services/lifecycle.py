"""The life of a meeting after it is created: announcing (now or at a set moment), moving,
cancelling, personal receptions, held and closed.

    draft ──announce──▶ announced ──(ended, or marked)──▶ held ──close──▶ closed
      │ move (stays a draft)  │ move           ▲
      │                       ▼                │
      │                  rescheduled ──(ended, or marked)
      └──────── cancel from draft, announced or rescheduled ──▶ cancelled

*Rescheduled* is an announced meeting whose time was moved: still coming, visible to citizens
with "moved from …" (the old start is in ``previous_starts_at``), open for questions until its
new cutoff, and moved again as often as needed. A draft that is moved stays a draft: nobody was
told of its old time. *Held* comes by itself when a meeting has ended (the scheduler) or by the
official's word once it has started; *closed* is the official's "this meeting's cycle is done",
after which nothing changes.

Cancelling or moving an announced meeting tells everyone who was told of it (the recipients of
its announcement in the outbox) and every author of a question for it, in the same transaction
as the change. Every act checks the actor's right on the meeting's akimat first and is written
to the audit log.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import (
    ReceptionRule,
    RuleNotInProfile,
    announcement_due,
    get_profile,
)
from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.meetings import (
    OPEN_MEETING_STATUSES,
    MeetingError,
    MeetingErrorReason,
    MeetingService,
    MeetingView,
    check_start,
    latest_start,
    questions_cutoff,
)
from services.notices import MeetingAnnounced, MeetingCancelled, MeetingMoved, meeting_topic
from services.outbox import Outbox
from services.paging import Page
from services.plan_deadline import plan_due_on, planned_receptions
from storage.models import Meeting, MeetingStatus, OutboxStatus
from storage.repositories import meetings as meeting_store
from storage.unit_of_work import SessionSource

MIN_REASON_LENGTH = 5
MAX_REASON_LENGTH = 500
MAX_NOTE_LENGTH = 300
# A reception dated this long after its meeting is taken for a typo: the action plan is due ten
# days after the meetings and receptions end (seed 001, clause 3.5), so receptions follow the
# meeting closely; an input bound, not a rule of the law.
RECEPTION_WINDOW = timedelta(days=30)
LIST_PAGE_SIZE = 8


# The actor of the audit rows of what the system does by itself (a planned announcement).
SYSTEM_ACTOR = 0


# --- what may happen when ------------------------------------------------------------------------


class Act(StrEnum):
    ANNOUNCE = "announce"
    SCHEDULE = "schedule"
    MOVE = "move"
    CANCEL = "cancel"
    RECEPTION = "reception"
    HOLD = "hold"
    CLOSE = "close"


ALLOWED_FROM: dict[Act, frozenset[MeetingStatus]] = {
    Act.ANNOUNCE: frozenset({MeetingStatus.DRAFT}),
    Act.SCHEDULE: frozenset({MeetingStatus.DRAFT}),
    Act.MOVE: frozenset({MeetingStatus.DRAFT, *OPEN_MEETING_STATUSES}),
    Act.CANCEL: frozenset({MeetingStatus.DRAFT, *OPEN_MEETING_STATUSES}),
    Act.RECEPTION: frozenset({*OPEN_MEETING_STATUSES, MeetingStatus.HELD}),
    Act.HOLD: frozenset(OPEN_MEETING_STATUSES),
    Act.CLOSE: frozenset({MeetingStatus.HELD}),
}


def acts_possible(meeting: MeetingView, now: datetime) -> frozenset[Act]:
    """What can be done to ``meeting`` now, rights aside."""
    acts = {act for act, statuses in ALLOWED_FROM.items() if meeting.status in statuses}
    if meeting.ends_at <= now:
        # Too late to announce or to plan an announcement of a meeting that is over.
        acts -= {Act.ANNOUNCE, Act.SCHEDULE}
    if meeting.starts_at > now:
        # Held is a fact: it cannot be stated before the meeting begins.
        acts.discard(Act.HOLD)
    return frozenset(acts)


class ListGroup(StrEnum):
    """The tabs of /mymeetings."""

    ACTIVE = "active"  # drafts and announced (moved or not): still to come or to be held
    HELD = "held"  # held, waiting for the results and the action plan
    ARCHIVE = "archive"  # closed or cancelled


GROUP_STATUSES: dict[ListGroup, tuple[MeetingStatus, ...]] = {
    ListGroup.ACTIVE: (MeetingStatus.DRAFT, *OPEN_MEETING_STATUSES),
    ListGroup.HELD: (MeetingStatus.HELD,),
    ListGroup.ARCHIVE: (MeetingStatus.CLOSED, MeetingStatus.CANCELLED),
}


# --- errors --------------------------------------------------------------------------------------


class LifecycleErrorReason(StrEnum):
    NOT_FOUND = "not-found"
    # The act is not possible from the meeting's status (the status is on the error).
    WRONG_STATUS = "wrong-status"
    START_IN_PAST = "start-in-past"
    START_TOO_FAR = "start-too-far"
    SAME_START = "same-start"
    ANNOUNCE_AT_PAST = "announce-at-past"
    ANNOUNCE_AT_AFTER_START = "announce-at-after-start"
    MEETING_OVER = "meeting-over"
    NOT_STARTED = "not-started"
    BAD_REASON = "bad-reason"
    BAD_NOTE = "bad-note"
    RECEPTION_TOO_EARLY = "reception-too-early"
    RECEPTION_TOO_LATE = "reception-too-late"


class LifecycleError(Exception):
    """An act refused; ``reason`` says why (handlers turn it into localised text)."""

    def __init__(
        self,
        reason: LifecycleErrorReason,
        status: MeetingStatus | None = None,
        *,
        bound: date | None = None,
    ) -> None:
        super().__init__(reason.value if status is None else f"{reason.value}: {status.value}")
        self.reason = reason
        self.status = status
        # The earliest or latest day allowed, for a date out of bounds.
        self.bound = bound


def check_reason(text: str) -> str:
    """A cancellation reason, said to everyone who was told of the meeting."""
    cleaned = " ".join(text.split())
    if not MIN_REASON_LENGTH <= len(cleaned) <= MAX_REASON_LENGTH:
        raise LifecycleError(LifecycleErrorReason.BAD_REASON)
    return cleaned


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingDossier:
    """A meeting as its akimat manages it."""

    meeting: MeetingView
    # Every recorded day of personal reception; ``planned``: those still ahead (they do not
    # count for the action plan's deadline until they have taken place).
    receptions: tuple[date, ...]
    planned: tuple[date, ...]
    # The last day to announce (seed 001, clause 3.4) and to publish the action plan (seed 001,
    # clause 3.5, counted from the last reception); None where the profile has no such rule.
    announcement_due: date | None
    action_plan_due: date | None
    # People the announcement went or is going to, and authors of its questions.
    told: int
    question_authors: int
    # What the reader may do now: empty for someone who may only read.
    acts: frozenset[Act]


@dataclass(frozen=True, slots=True)
class AnnounceOutcome:
    meeting: MeetingView
    due: date | None
    late: bool
    days_late: int
    # Announced before: nothing changed and nothing was sent again.
    already: bool
    # Recipients enqueued for the announcement (0 when already announced).
    enqueued: int


@dataclass(frozen=True, slots=True)
class ScheduleOutcome:
    meeting: MeetingView
    announce_at: datetime
    due: date | None
    # Days the planned announcement falls after the last day to announce (0: on time).
    days_late: int


@dataclass(frozen=True, slots=True)
class ChangeOutcome:
    meeting: MeetingView
    # Recipients of the notice enqueued (0 for a draft: nobody was told of it).
    notified: int
    # A move of an announced meeting: the last day to announce it for its new start, and by
    # how many days telling people now misses it (seed 001, clause 3.4).
    due: date | None = None
    days_late: int = 0


@dataclass(frozen=True, slots=True)
class ReceptionOutcome:
    meeting: MeetingView
    receptions: tuple[date, ...]
    action_plan_due: date | None
    # False when that day was already recorded.
    added: bool
    # The day is still ahead: it counts for the deadline once it has taken place.
    planned: bool = False


# --- the service ---------------------------------------------------------------------------------


class LifecycleService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        meetings: MeetingService,
        access: AccessService,
        outbox: Outbox,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._meetings = meetings
        self._access = access
        self._outbox = outbox

    # --- creating -----------------------------------------------------------------------------

    async def create(
        self,
        actor_id: int,
        *,
        host_code: str,
        venue_code: str,
        audience_code: str,
        starts_at: datetime,
        duration_minutes: int,
        place: str,
        broadcast_url: str | None,
        off_calendar: bool,
        presentation_minutes: int | None,
    ) -> MeetingView:
        """A new draft for the akimat of ``host_code``, if the actor acts for it (an admin: any
        unit with an akim). Raises AccessDeniedError or a MeetingError subclass."""
        await self._access.require(
            actor_id,
            await self.akimat_id_of(host_code),
            Right.ACT,
            action=AuditAction.MEETING_CREATE,
            target=f"locality:{host_code}",
        )
        meeting = await self._meetings.create_meeting(
            host_code=host_code,
            venue_code=venue_code,
            audience_code=audience_code,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            place=place,
            broadcast_url=broadcast_url,
            created_by=actor_id,
            off_calendar=off_calendar,
            presentation_minutes=presentation_minutes,
        )
        await self._access.audit(
            actor_id,
            AuditAction.MEETING_CREATE,
            akimat_id=meeting.host_akimat_id,
            target=meeting_topic(meeting.id),
        )
        return meeting

    async def akimat_id_of(self, locality_code: str) -> int | None:
        """The akimat of a locality, if one was ever registered (officials' akimats are)."""
        async with self._sessions() as session:
            return await meeting_store.akimat_id_of(session, locality_code)

    # --- reading ------------------------------------------------------------------------------

    async def list_for(
        self, user_id: int, group: ListGroup, page: int = 0, page_size: int = LIST_PAGE_SIZE
    ) -> Page[MeetingView]:
        """The meetings of the akimats ``user_id`` may read (an admin: all), one tab of
        /mymeetings: what is to come soonest first, the rest newest first."""
        # An official reads their own akimat and every akimat inside its territory; a
        # coordinator every akimat of theirs (services/access.py).
        territories = await self._access.read_territories(user_id)
        if territories is not None and not territories:
            return Page(items=[], total=0, offset=0, page_size=page_size)
        where = meeting_store.managed_filter(GROUP_STATUSES[group], territories)
        order = meeting_store.managed_order(soonest_first=group is ListGroup.ACTIVE)
        total = await self._meetings.count(where)
        last = max(0, (total - 1) // page_size)
        offset = min(max(page, 0), last) * page_size
        items = await self._meetings.find(where, order, offset=offset, limit=page_size)
        return Page(items=items, total=total, offset=offset, page_size=page_size)

    async def dossier(self, meeting_id: int, user_id: int) -> MeetingDossier:
        """The management card's content; raises AccessDeniedError for someone who may not
        read the meeting's akimat, LifecycleError when there is no such meeting."""
        meeting = await self._meeting(meeting_id)
        await self._access.require(
            user_id,
            meeting.host_akimat_id,
            Right.READ,
            action=AuditAction.MEETING_READ,
            target=meeting_topic(meeting_id),
        )
        can_act = await self._access.allowed(user_id, meeting.host_akimat_id, Right.ACT)
        async with self._sessions() as session:
            receptions = await meeting_store.reception_days(session, meeting_id)
            told = await meeting_store.count_told(
                session, meeting_topic(meeting_id), (*_TOLD_OR_TELLING, OutboxStatus.PENDING)
            )
            authors = await meeting_store.count_question_authors(session, meeting_id)
        return MeetingDossier(
            meeting=meeting,
            receptions=receptions,
            planned=tuple(planned_receptions(receptions, now=self._clock.now(), tz=self._tz)),
            announcement_due=self._meetings.announcement_due_date(meeting),
            action_plan_due=self._plan_due(meeting, receptions),
            told=told,
            question_authors=authors,
            acts=acts_possible(meeting, self._clock.now()) if can_act else frozenset(),
        )

    async def action_plan_due(self, meeting_id: int) -> date | None:
        """The last day to publish the meeting's results and action plan: ten calendar days
        after the meeting and the personal receptions that follow it end (2022: seed 001,
        clause 3.5; 2016: seed 000, clause 7-4). None for a cancelled meeting or a profile
        without the rule; LifecycleError NOT_FOUND for an unknown meeting."""
        meeting = await self._meeting(meeting_id)
        async with self._sessions() as session:
            receptions = await meeting_store.reception_days(session, meeting_id)
        return self._plan_due(meeting, receptions)

    def _plan_due(self, meeting: MeetingView, receptions: Sequence[date]) -> date | None:
        if meeting.is_cancelled:
            return None
        return plan_due_on(
            meeting.starts_at,
            receptions,
            now=self._clock.now(),
            tz=self._tz,
            profile=self._profile,
        )

    async def _meeting(self, meeting_id: int) -> MeetingView:
        meeting = await self._meetings.get(meeting_id)
        if meeting is None:
            raise LifecycleError(LifecycleErrorReason.NOT_FOUND)
        return meeting

    async def _guard(self, meeting_id: int, actor_id: int, act: Act) -> MeetingView:
        """The meeting, once the actor's right to ``act`` on it is checked (a denial is
        audited and raised as AccessDeniedError)."""
        meeting = await self._meeting(meeting_id)
        await self._access.require(
            actor_id,
            meeting.host_akimat_id,
            Right.ACT,
            action=AuditAction(f"meeting.{act.value}"),
            target=meeting_topic(meeting_id),
        )
        return meeting

    async def check(self, meeting_id: int, actor_id: int, act: Act) -> MeetingView:
        """The meeting, if the actor may do ``act`` to it now: asked before a handler asks
        for a date or a reason, so nobody types one for nothing. The act itself checks again."""
        meeting = await self._guard(meeting_id, actor_id, act)
        if act not in acts_possible(meeting, self._clock.now()):
            if meeting.status in ALLOWED_FROM[act]:
                over = act in {Act.ANNOUNCE, Act.SCHEDULE}
                raise LifecycleError(
                    LifecycleErrorReason.MEETING_OVER if over else LifecycleErrorReason.NOT_STARTED
                )
            raise LifecycleError(LifecycleErrorReason.WRONG_STATUS, meeting.status)
        return meeting

    async def _locked(self, session: AsyncSession, meeting_id: int, act: Act) -> Meeting:
        """The meeting's row, locked for this transaction (PostgreSQL; SQLite has a single
        writer anyway), after checking that ``act`` is possible from its status."""
        meeting = await meeting_store.locked(session, meeting_id)
        if meeting is None:
            raise LifecycleError(LifecycleErrorReason.NOT_FOUND)
        if meeting.status not in ALLOWED_FROM[act]:
            raise LifecycleError(LifecycleErrorReason.WRONG_STATUS, meeting.status)
        return meeting

    async def _audit(
        self,
        session: AsyncSession,
        actor_id: int,
        act: Act,
        meeting: Meeting,
        detail: AuditDetail | None = None,
    ) -> None:
        await self._access.audit(
            actor_id,
            AuditAction(f"meeting.{act.value}"),
            akimat_id=meeting.host_akimat_id,
            target=meeting_topic(meeting.id),
            detail=detail,
            session=session,
        )

    async def _reread(self, meeting_id: int) -> MeetingView:
        return await self._meeting(meeting_id)

    # --- announcing ---------------------------------------------------------------------------

    async def announce(self, meeting_id: int, actor_id: int) -> AnnounceOutcome:
        """Announce now (the official's button, the admin's /announce): draft → announced,
        the lateness recorded, the audit row written and the card enqueued for everyone who
        hears of the meeting, all in one transaction. A repeated press changes nothing and
        sends nothing."""
        meeting = await self._guard(meeting_id, actor_id, Act.ANNOUNCE)
        if meeting.status in OPEN_MEETING_STATUSES or meeting.status is MeetingStatus.HELD:
            return self._already(meeting)
        return await self._announce(meeting_id, actor_id)

    async def announce_by_system(self, meeting_id: int) -> AnnounceOutcome:
        """Announce with nobody's button: a planned announcement whose moment has come, the
        sandbox's sample meeting. The same act as ``announce``, audited as SYSTEM_ACTOR."""
        return await self._announce(meeting_id, SYSTEM_ACTOR)

    def _already(self, meeting: MeetingView) -> AnnounceOutcome:
        due = self._meetings.announcement_due_date(meeting)
        return AnnounceOutcome(
            meeting=meeting,
            due=due,
            late=meeting.announced_late,
            days_late=self._days_late(due, meeting.announced_at),
            already=True,
            enqueued=0,
        )

    def _days_late(self, due: date | None, moment: datetime | None) -> int:
        if due is None or moment is None:
            return 0
        return max(0, (moment.astimezone(self._tz).date() - due).days)

    async def _announce(self, meeting_id: int, actor_id: int) -> AnnounceOutcome:
        now = self._clock.now()
        async with self._sessions() as session:
            row = await meeting_store.locked(session, meeting_id)
            if row is None:
                raise LifecycleError(LifecycleErrorReason.NOT_FOUND)
            if row.status in OPEN_MEETING_STATUSES or row.status is MeetingStatus.HELD:
                # Announced by someone else since the check (a double tap, two officials).
                return self._already(await self._reread_in(session, meeting_id))
            if row.status is not MeetingStatus.DRAFT:
                raise LifecycleError(LifecycleErrorReason.WRONG_STATUS, row.status)
            if row.ends_at <= now:
                raise LifecycleError(LifecycleErrorReason.MEETING_OVER)
            row.status = MeetingStatus.ANNOUNCED
            row.announced_at = now
            row.announce_at = None
            await session.flush()
            view = await self._reread_in(session, meeting_id)
            due = self._meetings.announcement_due_date(view)
            days_late = self._days_late(due, now)
            # The lateness stays on the meeting, for the compliance clock and the record,
            # whatever happens to the meeting later.
            row.announce_due_on = due
            row.announced_late = days_late > 0
            await self._audit(
                session,
                actor_id,
                Act.ANNOUNCE,
                row,
                AuditDetail(days_late=days_late, due=due) if days_late else None,
            )
            enqueued = await self._outbox.notify(
                session,
                MeetingAnnounced(view),
                self._meetings.audience_query(view.audience.code),
            )
            await session.commit()
        return AnnounceOutcome(
            meeting=await self._reread(meeting_id),
            due=due,
            late=days_late > 0,
            days_late=days_late,
            already=False,
            enqueued=enqueued,
        )

    async def schedule_announcement(
        self, meeting_id: int, actor_id: int, announce_at: datetime
    ) -> ScheduleOutcome:
        """Announce a draft later, at ``announce_at`` (the scheduler does it: see
        announce_scheduled). A moment after the last day to announce is allowed, and said."""
        await self._guard(meeting_id, actor_id, Act.SCHEDULE)
        now = self._clock.now()
        if announce_at.tzinfo is None or announce_at.utcoffset() is None:
            raise ValueError("announce_at must be an aware datetime")
        if announce_at <= now:
            raise LifecycleError(LifecycleErrorReason.ANNOUNCE_AT_PAST)
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.SCHEDULE)
            if announce_at >= row.starts_at:
                raise LifecycleError(LifecycleErrorReason.ANNOUNCE_AT_AFTER_START)
            row.announce_at = announce_at
            await self._audit(
                session, actor_id, Act.SCHEDULE, row, AuditDetail(announce_at=announce_at)
            )
            await session.commit()
        meeting = await self._reread(meeting_id)
        due = self._meetings.announcement_due_date(meeting)
        return ScheduleOutcome(
            meeting=meeting,
            announce_at=announce_at,
            due=due,
            days_late=self._days_late(due, announce_at),
        )

    async def unschedule_announcement(self, meeting_id: int, actor_id: int) -> MeetingView:
        await self._guard(meeting_id, actor_id, Act.SCHEDULE)
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.SCHEDULE)
            if row.announce_at is not None:
                row.announce_at = None
                await self._audit(
                    session, actor_id, Act.SCHEDULE, row, AuditDetail(unscheduled=True)
                )
                await session.commit()
        return await self._reread(meeting_id)

    async def announce_scheduled(self, now: datetime) -> list[AnnounceOutcome]:
        """Announce every draft whose planned moment has come (the scheduler calls this).

        Each meeting is announced once however often this runs or on however many instances:
        announcing locks the meeting and is conditional on the draft status, and the outbox
        keys are unique. The audit row names the system as the actor (SYSTEM_ACTOR); the
        official who planned it is in the row of the planning. A draft
        whose meeting ended while the scheduler was down is left alone: too late to announce.
        """
        async with self._sessions() as session:
            due_ids = await meeting_store.planned_announcements_due(session, now)
        outcomes = []
        for meeting_id in due_ids:
            try:
                outcomes.append(await self.announce_by_system(meeting_id))
            except LifecycleError:
                # Cancelled or over between the query and the announcement: nothing to do.
                continue
        return outcomes

    # --- moving and cancelling ----------------------------------------------------------------

    def move_lateness(self, meeting: MeetingView, starts_at: datetime) -> tuple[date | None, int]:
        """For an announced meeting moved to ``starts_at`` now: the last day to announce it
        for that start, and the days telling people now misses it by. Moving a meeting earlier
        shortens the notice citizens get, and the lead time of seed 001, clause 3.4 (seed 000,
        clause 7 in 2016) counts to the new start: a rural okrug's meeting announced in time
        for 20 March and moved on 2 March to 4 March gave 2 days' notice, not 7."""
        due = self._due_for(meeting, starts_at)
        return due, self._days_late(due, self._clock.now())

    async def move(self, meeting_id: int, actor_id: int, starts_at: datetime) -> ChangeOutcome:
        """A new start, the duration kept. An announced meeting becomes rescheduled and
        everyone who was told of it, and each author of a question for it, is told."""
        meeting = await self._guard(meeting_id, actor_id, Act.MOVE)
        now = self._clock.now()
        try:
            check_start(starts_at, now)
        except MeetingError as error:
            reason = (
                LifecycleErrorReason.START_TOO_FAR
                if error.reason is MeetingErrorReason.START_TOO_FAR
                else LifecycleErrorReason.START_IN_PAST
            )
            raise LifecycleError(reason, bound=latest_start(now).date()) from error
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.MOVE)
            if row.starts_at == starts_at:
                raise LifecycleError(LifecycleErrorReason.SAME_START)
            old_start = row.starts_at
            duration = row.ends_at - row.starts_at
            row.starts_at = starts_at
            row.ends_at = starts_at + duration
            row.questions_cutoff = questions_cutoff(starts_at, now)
            notified = 0
            due: date | None = None
            days_late = 0
            if row.status is MeetingStatus.DRAFT:
                # Nobody was told of a draft: its time simply changes, and so does the last
                # day to announce it; a planned announcement after the new start is dropped.
                row.announce_due_on = self._due_for(meeting, starts_at)
                if row.announce_at is not None and row.announce_at >= starts_at:
                    row.announce_at = None
            else:
                row.status = MeetingStatus.RESCHEDULED
                row.previous_starts_at = old_start
                # People hear of the new start now: the notice period is checked again, and
                # a miss stays on the meeting as the announcement's lateness (seed 001, 3.4).
                due, days_late = self.move_lateness(meeting, starts_at)
                row.announce_due_on = due
                if days_late:
                    row.announced_late = True
                await session.flush()
                view = await self._reread_in(session, meeting_id)
                notified = await self._tell(
                    session,
                    MeetingMoved(view, old_start),
                    # Those still waiting for the announcement get this notice instead: the
                    # card they would get shows the old time.
                    statuses=(*_TOLD_OR_TELLING, OutboxStatus.PENDING),
                )
                await _skip_pending_announcement(session, meeting_id)
            await self._audit(
                session,
                actor_id,
                Act.MOVE,
                row,
                AuditDetail(
                    moved_from=old_start,
                    moved_to=starts_at,
                    days_late=days_late,
                    due=due if days_late else None,
                ),
            )
            await session.commit()
        return ChangeOutcome(
            meeting=await self._reread(meeting_id),
            notified=notified,
            due=due,
            days_late=days_late,
        )

    async def cancel(self, meeting_id: int, actor_id: int, reason: str) -> ChangeOutcome:
        """Cancel with a reason. Everyone who was told of the meeting and each author of a
        question for it is told; announcements not yet sent are withdrawn."""
        await self._guard(meeting_id, actor_id, Act.CANCEL)
        reason = check_reason(reason)
        now = self._clock.now()
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.CANCEL)
            was_announced = row.status is not MeetingStatus.DRAFT
            row.status = MeetingStatus.CANCELLED
            row.cancelled_at = now
            row.cancel_reason = reason
            row.announce_at = None
            notified = 0
            # Withdrawn first, so nobody who never heard of the meeting hears of it now.
            await _skip_pending_announcement(session, meeting_id)
            if was_announced:
                await session.flush()
                view = await self._reread_in(session, meeting_id)
                notified = await self._tell(
                    session,
                    MeetingCancelled(view),
                    statuses=_TOLD_OR_TELLING,
                )
            await self._audit(session, actor_id, Act.CANCEL, row, AuditDetail(text=reason))
            await session.commit()
        return ChangeOutcome(meeting=await self._reread(meeting_id), notified=notified)

    async def _reread_in(self, session: AsyncSession, meeting_id: int) -> MeetingView:
        """The view as this transaction sees it (the change is flushed, not committed)."""
        found = await self._meetings.view_in(session, meeting_id)
        if found is None:
            raise LifecycleError(LifecycleErrorReason.NOT_FOUND)
        return found

    def _due_for(self, meeting: MeetingView, starts_at: datetime) -> date | None:
        try:
            return announcement_due(meeting.host_level, starts_at, self._profile, tz=self._tz)
        except RuleNotInProfile:
            return None

    async def _tell(
        self,
        session: AsyncSession,
        notice: MeetingMoved | MeetingCancelled,
        *,
        statuses: Sequence[OutboxStatus],
    ) -> int:
        """Enqueue a change notice (urgent: it ignores quiet hours) for the recipients of the
        meeting's announcement in ``statuses`` and for the authors of its questions.

        One INSERT … SELECT (Outbox.notify with a query): however large the audience that was told,
        nothing of it is loaded here. Someone both told and an author gets one notice (the
        outbox's per-recipient key).
        """
        meeting_id = notice.meeting.id
        crowd = meeting_store.told_and_authors(meeting_topic(meeting_id), meeting_id, statuses)
        return await self._outbox.notify(session, notice, crowd)

    # --- receptions, held, closed -------------------------------------------------------------

    async def add_reception(
        self, meeting_id: int, actor_id: int, held_on: date, note: str | None = None
    ) -> ReceptionOutcome:
        """Record a day of personal reception of citizens (seed 001, clause 3.5). The last
        one on or after the meeting's day moves the action plan's deadline."""
        meeting = await self._guard(meeting_id, actor_id, Act.RECEPTION)
        if note is not None:
            note = " ".join(note.split()) or None
            if note is not None and len(note) > MAX_NOTE_LENGTH:
                raise LifecycleError(LifecycleErrorReason.BAD_NOTE)
        earliest = self.reception_earliest(meeting)
        latest = meeting.starts_at.astimezone(self._tz).date() + RECEPTION_WINDOW
        if held_on < earliest:
            raise LifecycleError(LifecycleErrorReason.RECEPTION_TOO_EARLY, bound=earliest)
        if held_on > latest:
            raise LifecycleError(LifecycleErrorReason.RECEPTION_TOO_LATE, bound=latest)
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.RECEPTION)
            known = await meeting_store.reception_days(session, meeting_id)
            added = held_on not in known
            if added:
                meeting_store.add_reception(session, meeting_id, held_on, note, actor_id)
                await self._audit(
                    session, actor_id, Act.RECEPTION, row, AuditDetail(held_on=held_on)
                )
                await session.commit()
                known = tuple(sorted((*known, held_on)))
        return ReceptionOutcome(
            meeting=meeting,
            receptions=known,
            action_plan_due=self._plan_due(meeting, known),
            added=added,
            planned=bool(planned_receptions((held_on,), now=self._clock.now(), tz=self._tz)),
        )

    def reception_earliest(self, meeting: MeetingView) -> date:
        """The earliest day a reception of ``meeting`` may be recorded for."""
        meeting_day = meeting.starts_at.astimezone(self._tz).date()
        return meeting_day - timedelta(days=self._reception_days_before())

    def _reception_days_before(self) -> int:
        """Days before the meeting a reception may be held: 2016 has one the day before (seed
        000, clause 7-3); 2022 has receptions after the meeting only (seed 001, clause 3.5)."""
        rule = get_profile(self._profile).personal_reception
        if isinstance(rule, ReceptionRule) and rule.days_before is not None:
            return rule.days_before
        return 0

    async def mark_held(self, meeting_id: int, actor_id: int) -> MeetingView:
        """The official says the meeting took place (it must have started)."""
        await self._guard(meeting_id, actor_id, Act.HOLD)
        now = self._clock.now()
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.HOLD)
            if row.starts_at > now:
                raise LifecycleError(LifecycleErrorReason.NOT_STARTED)
            row.status = MeetingStatus.HELD
            row.held_at = now
            await self._audit(session, actor_id, Act.HOLD, row)
            await session.commit()
        return await self._reread(meeting_id)

    async def close(self, meeting_id: int, actor_id: int) -> MeetingView:
        """The meeting's cycle is done: nothing about it changes any more."""
        await self._guard(meeting_id, actor_id, Act.CLOSE)
        async with self._sessions() as session:
            row = await self._locked(session, meeting_id, Act.CLOSE)
            row.status = MeetingStatus.CLOSED
            row.closed_at = self._clock.now()
            await self._audit(session, actor_id, Act.CLOSE, row)
            await session.commit()
        return await self._reread(meeting_id)

    async def mark_ended_held(self, now: datetime) -> int:
        """Announced (or moved) meetings that have ended are held (the scheduler calls this).
        Returns how many changed."""
        async with self._sessions() as session:
            changed = await meeting_store.mark_ended_held(session, OPEN_MEETING_STATUSES, now)
            await session.commit()
        return changed


# --- the announcement's rows --------------------------------------------------------------------


# Announcement rows whose recipient was told, or is being told right now.
_TOLD_OR_TELLING = (OutboxStatus.SENT, OutboxStatus.SENDING)


async def _skip_pending_announcement(session: AsyncSession, meeting_id: int) -> None:
    """Withdraw the meeting's announcement rows not sent yet: they show what is no longer so."""
    await meeting_store.skip_pending_announcement(
        session, meeting_topic(meeting_id), "meeting changed"
    )


__all__ = [
    "ALLOWED_FROM",
    "GROUP_STATUSES",
    "MAX_REASON_LENGTH",
    "MIN_REASON_LENGTH",
    "RECEPTION_WINDOW",
    "SYSTEM_ACTOR",
    "Act",
    "AnnounceOutcome",
    "ChangeOutcome",
    "LifecycleError",
    "LifecycleErrorReason",
    "LifecycleService",
    "ListGroup",
    "MeetingDossier",
    "ReceptionOutcome",
    "ScheduleOutcome",
    "acts_possible",
    "check_reason",
    "meeting_topic",
]
