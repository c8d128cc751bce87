"""The compliance clock: what each akimat owes under the regulation profile, and when.

Duties are not stored: they are computed from the database and the profile every time they
are asked for, so a meeting announced, a plan published or a calendar marked approved ends its
duty at once, and a changed profile changes every due date the same day.

- **announcement** (seed 001, clause 3.4): a draft meeting must be announced by
  ``announcement_due``. Reminders 3 days before that day and on it, while it stays a draft
  and no announcement is scheduled for that day or earlier.
- **action plan** (seed 001, clause 3.5): after a meeting (held, closed, or announced and
  already over) the results and the action plan are due ``action_plan_due`` (10 calendar days
  after the meeting or the last personal reception after it). Reminders 7 days after the
  meeting, on the due day, then every day while overdue.
- **quarterly progress** (seed 001, clause 3.5): for each published plan, every quarter from
  the one it was published in until all its items are done, by ``progress_due``. Reminders 5
  days before, on the day, then every day while overdue.
- **annual calendar** (seed 001, clauses 2.1 and 2.2): oblasts, cities of republican
  significance and the capital approve their calendar of meetings and submit it. The step is
  recorded by the calendar's own buttons (services/calendar.py) or, for a calendar kept outside
  the bot, by a button of ``/deadlines``: either writes an audit entry ``calendar.approved`` /
  ``calendar.submitted`` with the year as its target, which is what ends the duty (and what
  /calendar shows). Reminders 5 days before and on the day; it is shown from 60 days
  before its day until 30 days after (older years are history, not a duty).

Overdue escalation: on the third overdue day of an action plan or a progress report, and then
every seventh day while it stays overdue, the admins (ADMIN_IDS) and the officials of every
higher akimat (whose territory contains this one's) are told. Weekly rather than daily: one
admin watches many akimats, and a daily copy of every overdue duty would bury the news; the
akimat's own officials still hear every day.

A missed announcement (seed 001, clause 3.4) and a missed step of the annual calendar (seed
001, clauses 2.1 and 2.2) are escalated the same way, once: on the first day after the last
day, the akimat's own officials get one "overdue" reminder and the admins and the higher
akimats one escalation. At once rather than on the third day: every day a meeting stays
unannounced shortens the notice its people get, and the calendar's dates are fixed for the
whole oblast. Once rather than weekly: the announcement duty ends when the meeting starts, and
the calendar's is a single act the overseers now know of.

Reminders go out at 09:00 local time on their day (``REMINDER_TIME``) to every official of the
akimat, in each one's language, with the seed and clause they come from. Each is an outbox row
keyed by duty, stage, day and recipient, so it is sent once however often, and on however many
instances, the clock runs.

Catch-up: the job mark (storage/models/scheduler.py) keeps the last moment the clock covered.
After downtime, the span since then is evaluated against the duties as they are *now*: a duty
done in the meantime sends nothing, and of the reminders whose days fell in the span only the
latest one per duty and audience goes out (one to the officials, one escalation), worded for
today ("overdue by 4 days"). Replaying each missed day would tell the same thing several times
in one minute.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from html import escape
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import (
    AkimLevel,
    RuleNotInProfile,
    announcement_due,
    calendar_deadlines,
    calendar_levels,
    explain,
    progress_due,
)
from services.audit import AuditAction
from services.clock import Clock
from services.kato.names import name_for_locale
from services.meetings import kato_contains
from services.notices import DutyDue, DutyEscalated, DutySource
from services.outbox import Outbox, Recipient
from services.plan_deadline import plan_due_on
from storage.models import MeetingStatus
from storage.repositories import coordinators as coordinator_rows
from storage.repositories import duties as duty_rows
from storage.repositories import job_marks
from storage.repositories import meetings as meeting_store
from storage.unit_of_work import SessionSource

log = logging.getLogger(__name__)

JOB_NAME = "compliance"
REMINDER_TIME = time(9, 0)
ANNOUNCEMENT_LEAD_DAYS = 3
PLAN_REMINDER_AFTER_MEETING_DAYS = 7
PROGRESS_LEAD_DAYS = 5
CALENDAR_LEAD_DAYS = 5
ESCALATE_AFTER_DAYS = 3
ESCALATE_EVERY_DAYS = 7
# The announcement and the calendar's steps: told and escalated once, this many days after
# the last day (see the module doc).
ESCALATE_ONCE_AFTER_DAYS = 1
CALENDAR_SHOWN_BEFORE_DAYS = 60
CALENDAR_SHOWN_AFTER_DAYS = 30


class DutyKind(StrEnum):
    """What is owed; each value is also the key of its rule in the regulation profile."""

    ANNOUNCEMENT = "announcement"
    ACTION_PLAN = "action_plan"
    PROGRESS = "progress"
    CALENDAR_APPROVE = "calendar_approve"
    CALENDAR_SUBMIT = "calendar_submit"


# Told once when missed; the action plan and the progress reports are told every day after.
ONCE_WHEN_MISSED = frozenset(
    {DutyKind.ANNOUNCEMENT, DutyKind.CALENDAR_APPROVE, DutyKind.CALENDAR_SUBMIT}
)


class CalendarStep(StrEnum):
    APPROVE = "approve"
    SUBMIT = "submit"

    @property
    def kind(self) -> DutyKind:
        return (
            DutyKind.CALENDAR_APPROVE if self is CalendarStep.APPROVE else DutyKind.CALENDAR_SUBMIT
        )

    @property
    def audit_action(self) -> AuditAction:
        """The audit-log action that records this step as done."""
        return (
            AuditAction.CALENDAR_APPROVED
            if self is CalendarStep.APPROVE
            else AuditAction.CALENDAR_SUBMITTED
        )


class Stage(StrEnum):
    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"


# The stage an escalation is counted under in ReminderReport.enqueued (the officials' own
# reminders are counted under their Stage).
ESCALATION = "escalation"


@dataclass(frozen=True, slots=True)
class AkimatInfo:
    id: int
    code: str
    name_kk: str
    name_ru: str
    level: AkimLevel | None

    def plain_name(self, locale: str) -> str:
        """The akimat's locality as a reader of ``locale`` knows it (for a button's text)."""
        return name_for_locale(self.name_kk, self.name_ru, locale)

    def name(self, locale: str) -> str:
        """The same, escaped for an HTML message."""
        return escape(self.plain_name(locale))


@dataclass(frozen=True, slots=True)
class Duty:
    """One thing an akimat owes by a local date."""

    kind: DutyKind
    akimat: AkimatInfo
    due: date
    meeting_id: int | None = None
    meeting_starts_at: datetime | None = None
    # The meeting's local date: the action plan's first reminder counts from it.
    meeting_day: date | None = None
    plan_id: int | None = None
    year: int | None = None
    quarter: int | None = None

    @property
    def rule_key(self) -> str:
        return self.kind.value

    @property
    def key(self) -> str:
        """Names the duty in outbox keys: stable across restarts and instances."""
        if self.kind is DutyKind.ANNOUNCEMENT:
            return f"announce:m{self.meeting_id}"
        if self.kind is DutyKind.ACTION_PLAN:
            return f"plan:m{self.meeting_id}"
        if self.kind is DutyKind.PROGRESS:
            return f"progress:p{self.plan_id}:{self.year}q{self.quarter}"
        return f"{self.kind.value}:a{self.akimat.id}:{self.year}"

    @property
    def calendar_step(self) -> CalendarStep | None:
        if self.kind is DutyKind.CALENDAR_APPROVE:
            return CalendarStep.APPROVE
        if self.kind is DutyKind.CALENDAR_SUBMIT:
            return CalendarStep.SUBMIT
        return None

    def days_left(self, today: date) -> int:
        """Days until the due date; 0 on it, negative once overdue."""
        return (self.due - today).days

    def stage_on(self, day: date) -> Stage | None:
        """Which reminder the akimat's officials get on ``day``, if any."""
        if day == self.due:
            return Stage.DUE
        if self.kind in ONCE_WHEN_MISSED:
            if day == self.due + timedelta(ESCALATE_ONCE_AFTER_DAYS):
                return Stage.OVERDUE
            lead = (
                ANNOUNCEMENT_LEAD_DAYS
                if self.kind is DutyKind.ANNOUNCEMENT
                else CALENDAR_LEAD_DAYS
            )
            return Stage.BEFORE if day == self.due - timedelta(lead) else None
        if day > self.due:
            return Stage.OVERDUE
        if self.kind is DutyKind.ACTION_PLAN:
            assert self.meeting_day is not None
            first = self.meeting_day + timedelta(PLAN_REMINDER_AFTER_MEETING_DAYS)
            return Stage.BEFORE if day == first else None
        return Stage.BEFORE if day == self.due - timedelta(PROGRESS_LEAD_DAYS) else None

    def escalates_on(self, day: date) -> bool:
        """Whether the admins and the higher akimats are told on ``day`` (see the module doc)."""
        late = (day - self.due).days
        if self.kind in ONCE_WHEN_MISSED:
            return late == ESCALATE_ONCE_AFTER_DAYS
        return (
            late >= ESCALATE_AFTER_DAYS and (late - ESCALATE_AFTER_DAYS) % ESCALATE_EVERY_DAYS == 0
        )


@dataclass(frozen=True, slots=True)
class DutyLine:
    """A duty as one person sees it in /deadlines."""

    duty: Duty
    # The person acts for this akimat (may mark its calendar), rather than only reading it.
    can_act: bool


@dataclass(frozen=True, slots=True)
class Scope:
    """The akimats a person sees in /deadlines."""

    akimats: tuple[AkimatInfo, ...]
    acting: frozenset[int]
    is_admin: bool

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(akimat.id for akimat in self.akimats)

    def get(self, akimat_id: int) -> AkimatInfo | None:
        return next((akimat for akimat in self.akimats if akimat.id == akimat_id), None)


class MarkOutcome(StrEnum):
    MARKED = "marked"
    ALREADY = "already"
    # The akimat keeps no annual calendar, or the profile has no such step.
    NOT_APPLICABLE = "not-applicable"
    # A year the clock does not offer (too far back or ahead): a stale or forged button.
    BAD_YEAR = "bad-year"


@dataclass(frozen=True, slots=True)
class MarkResult:
    outcome: MarkOutcome
    # When it was first recorded (for ALREADY and MARKED).
    at: datetime | None = None


@dataclass
class ReminderReport:
    """What one run of the clock did."""

    span_start: datetime
    span_end: datetime
    days: list[date] = field(default_factory=list)
    duties: int = 0
    reminders: int = 0
    escalations: int = 0
    # Outbox rows written (recipients already holding a key are not counted).
    messages: int = 0
    # The same rows by duty kind and stage (a Stage, or ESCALATION).
    enqueued: dict[tuple[DutyKind, str], int] = field(default_factory=dict)

    def count(self, kind: DutyKind, stage: str, written: int) -> None:
        self.messages += written
        if written:
            key = (kind, stage)
            self.enqueued[key] = self.enqueued.get(key, 0) + written


@dataclass(frozen=True, slots=True)
class _Chat:
    chat_id: int
    locale: str


@dataclass(frozen=True, slots=True)
class _Audiences:
    """Who hears of duties: each akimat's officials, and for escalations the admins."""

    officials: dict[int, list[_Chat]]
    admins: list[_Chat]
    akimats: dict[int, AkimatInfo]

    def above(self, akimat: AkimatInfo) -> list[_Chat]:
        """The admins, then the officials of every akimat whose territory contains this one,
        each person once."""
        chats = list(self.admins)
        for other in self.akimats.values():
            if other.id != akimat.id and kato_contains(other.code, akimat.code):
                chats.extend(self.officials.get(other.id, []))
        unique: dict[int, _Chat] = {}
        for chat in chats:
            unique.setdefault(chat.chat_id, chat)
        return list(unique.values())


class DutyService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        admin_ids: frozenset[int],
        default_locale: str,
        outbox: Outbox,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._admin_ids = admin_ids
        self._default_locale = default_locale
        self._outbox = outbox
        self._listeners: list[Callable[[ReminderReport], None]] = []

    def on_reminders(self, listener: Callable[[ReminderReport], None]) -> None:
        """Call ``listener`` with each run's report once its reminders are committed (the
        counts of bot/metrics.py: no query of their own)."""
        self._listeners.append(listener)

    def today(self, now: datetime | None = None) -> date:
        return (now or self._clock.now()).astimezone(self._tz).date()

    def source(self, duty: Duty) -> tuple[str, str]:
        """The short seed number ("001") and the clause ("3.5") the duty comes from."""
        source = explain(duty.rule_key, self._profile)
        return source.seed.split("_")[0], source.clause

    # --- what is owed -------------------------------------------------------------------------

    async def open_duties(
        self, now: datetime | None = None, akimat_ids: Collection[int] | None = None
    ) -> list[Duty]:
        """Every duty not yet done, overdue ones included, soonest due first."""
        moment = now or self._clock.now()
        async with self._sessions() as session:
            return await self._open_duties(session, moment, akimat_ids)

    async def _open_duties(
        self,
        session: AsyncSession,
        now: datetime,
        akimat_ids: Collection[int] | None,
        akimats: dict[int, AkimatInfo] | None = None,
    ) -> list[Duty]:
        if akimats is None:
            akimats = await self._akimats(session, akimat_ids)
        if not akimats:
            return []
        ids = list(akimats)
        duties: list[Duty] = []
        duties += await self._announcement_duties(session, now, akimats, ids)
        duties += await self._action_plan_duties(session, now, akimats, ids)
        duties += await self._progress_duties(session, now, akimats, ids)
        duties += await self._calendar_duties(session, now, akimats)
        duties.sort(key=_sort_key)
        return duties

    async def _akimats(
        self, session: AsyncSession, akimat_ids: Collection[int] | None
    ) -> dict[int, AkimatInfo]:
        rows = await duty_rows.akimats(session, akimat_ids)
        return {
            akimat_id: AkimatInfo(
                id=akimat_id,
                code=code,
                name_kk=name_kk,
                name_ru=name_ru,
                level=AkimLevel(level) if level else None,
            )
            for akimat_id, code, name_kk, name_ru, level in rows
        }

    async def _announcement_duties(
        self,
        session: AsyncSession,
        now: datetime,
        akimats: dict[int, AkimatInfo],
        ids: list[int],
    ) -> list[Duty]:
        rows = await duty_rows.drafts_ahead(session, now, ids)
        duties = []
        for meeting_id, akimat_id, starts_at, announce_at in rows:
            akimat = akimats[akimat_id]
            # Counted from the start as it is now: a draft moved to another day owes by
            # another day.
            due = self._announcement_due(akimat, starts_at)
            if due is None:
                continue
            # An announcement scheduled in time (services/lifecycle.py announces it then) is
            # taken care of; one scheduled after the last day is still reminded of.
            if announce_at is not None and self.today(announce_at) <= due:
                continue
            duties.append(
                Duty(
                    kind=DutyKind.ANNOUNCEMENT,
                    akimat=akimat,
                    due=due,
                    meeting_id=meeting_id,
                    meeting_starts_at=starts_at,
                    meeting_day=starts_at.astimezone(self._tz).date(),
                )
            )
        return duties

    def _announcement_due(self, akimat: AkimatInfo, starts_at: datetime) -> date | None:
        # The same computation as MeetingService.announcement_due_date (seed 001, clause 3.4).
        if akimat.level is None:
            return None
        try:
            return announcement_due(akimat.level, starts_at, self._profile, tz=self._tz)
        except RuleNotInProfile:
            return None

    async def _action_plan_duties(
        self,
        session: AsyncSession,
        now: datetime,
        akimats: dict[int, AkimatInfo],
        ids: list[int],
    ) -> list[Duty]:
        if not self._has_rule(DutyKind.ACTION_PLAN):
            return []
        rows = await duty_rows.past_meetings_without_plan(
            session,
            now,
            ids,
            # Held or closed, or announced (or moved) and already over (seed 001, clause 3.5).
            took_place=[MeetingStatus.HELD, MeetingStatus.CLOSED],
            over_when_ended=[MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED],
        )
        if not rows:
            return []
        receptions = await meeting_store.reception_days_of(session, [row.id for row in rows])
        duties = []
        for meeting_id, akimat_id, starts_at in rows:
            due = plan_due_on(
                starts_at,
                receptions.get(meeting_id, ()),
                now=now,
                tz=self._tz,
                profile=self._profile,
            )
            if due is None:
                continue
            duties.append(
                Duty(
                    kind=DutyKind.ACTION_PLAN,
                    akimat=akimats[akimat_id],
                    due=due,
                    meeting_id=meeting_id,
                    meeting_starts_at=starts_at,
                    meeting_day=starts_at.astimezone(self._tz).date(),
                )
            )
        return duties

    async def _progress_duties(
        self,
        session: AsyncSession,
        now: datetime,
        akimats: dict[int, AkimatInfo],
        ids: list[int],
    ) -> list[Duty]:
        if not self._has_rule(DutyKind.PROGRESS):
            return []
        plans = await duty_rows.unfinished_plans(session, ids)
        if not plans:
            return []
        reported = await duty_rows.published_quarters(session, [plan.id for plan in plans])
        current = _quarter_of(self.today(now))
        duties = []
        for plan_id, published_at, meeting_id, akimat_id, starts_at in plans:
            # From the quarter the plan was published in up to the current one: each quarter's
            # report is due the month after it (seed 001, clause 3.5).
            for year, quarter in _quarters(_quarter_of(self.today(published_at)), current):
                if (plan_id, year, quarter) in reported:
                    continue
                duties.append(
                    Duty(
                        kind=DutyKind.PROGRESS,
                        akimat=akimats[akimat_id],
                        due=progress_due(year, quarter, self._profile),
                        meeting_id=meeting_id,
                        meeting_starts_at=starts_at,
                        meeting_day=starts_at.astimezone(self._tz).date(),
                        plan_id=plan_id,
                        year=year,
                        quarter=quarter,
                    )
                )
        return duties

    async def _calendar_duties(
        self, session: AsyncSession, now: datetime, akimats: dict[int, AkimatInfo]
    ) -> list[Duty]:
        levels = calendar_levels(self._profile)
        keeping = [akimat for akimat in akimats.values() if akimat.level in levels]
        if not keeping:
            return []
        today = self.today(now)
        marked = await self._calendar_marks(session, [akimat.id for akimat in keeping])
        duties: list[Duty] = []
        for year in (today.year - 1, today.year, today.year + 1):
            for step_name, due in calendar_deadlines(year, self._profile).items():
                step = CalendarStep(step_name)
                shown_from = due - timedelta(CALENDAR_SHOWN_BEFORE_DAYS)
                shown_until = due + timedelta(CALENDAR_SHOWN_AFTER_DAYS)
                if not shown_from <= today <= shown_until:
                    continue
                duties.extend(
                    Duty(kind=step.kind, akimat=akimat, due=due, year=year)
                    for akimat in keeping
                    if (akimat.id, step.audit_action, str(year)) not in marked
                )
        return duties

    async def _calendar_marks(
        self, session: AsyncSession, akimat_ids: list[int]
    ) -> dict[tuple[int, str, str], datetime]:
        return await duty_rows.first_allowed_acts(
            session, akimat_ids, [step.audit_action for step in CalendarStep]
        )

    def _has_rule(self, kind: DutyKind) -> bool:
        try:
            explain(kind.value, self._profile)
        except RuleNotInProfile:
            return False
        return True

    # --- who sees what ------------------------------------------------------------------------

    async def scope_of(self, user_id: int) -> Scope:
        """An admin sees every akimat; an official their own (acting) and every akimat inside
        its territory (reading only); a coordinator every akimat of theirs (reading only)."""
        async with self._sessions() as session:
            every = await self._akimats(session, None)
            if user_id in self._admin_ids:
                ordered = tuple(sorted(every.values(), key=lambda akimat: akimat.code))
                return Scope(ordered, frozenset(every), is_admin=True)
            own = await duty_rows.akimat_ids_of_official(session, user_id)
            # A coordinator reads every akimat of their territory (None: the republic).
            coordinated = await coordinator_rows.territories_of(session, user_id)
        own_codes: list[str | None] = [
            every[akimat_id].code for akimat_id in own if akimat_id in every
        ]
        own_codes += coordinated
        seen = [
            akimat
            for akimat in every.values()
            if akimat.id in own
            or any(code is None or kato_contains(code, akimat.code) for code in own_codes)
        ]
        seen.sort(key=lambda akimat: akimat.code)
        return Scope(tuple(seen), frozenset(own), is_admin=False)

    async def akimat_id_of(self, locality_code: str) -> int | None:
        """The akimat of the locality with this KATO code, if there is one."""
        if not (len(locality_code) == 9 and locality_code.isdigit()):
            return None
        async with self._sessions() as session:
            return await duty_rows.akimat_id_by_locality(session, locality_code)

    async def lines_for(
        self, user_id: int, akimat_id: int | None = None, now: datetime | None = None
    ) -> tuple[Scope, list[DutyLine]]:
        """The duties ``user_id`` sees, of one akimat of their scope or of all of it. The
        caller checks the right on a chosen akimat first (AccessService.require)."""
        scope = await self.scope_of(user_id)
        ids: Collection[int] = scope.ids
        if akimat_id is not None:
            ids = [akimat_id] if akimat_id in scope.ids else []
        duties = await self.open_duties(now, ids)
        return scope, [DutyLine(duty, can_act=duty.akimat.id in scope.acting) for duty in duties]

    # --- marking the calendar -----------------------------------------------------------------

    async def mark_calendar(
        self, actor_id: int, akimat_id: int, year: int, step: CalendarStep
    ) -> MarkResult:
        """Record that the akimat approved (or submitted) its calendar of meetings for
        ``year`` (seed 001, clauses 2.1 and 2.2). The caller checks the right to act first.
        Recorded once: a second press answers when it was recorded."""
        now = self._clock.now()
        today = self.today(now)
        if not today.year - 1 <= year <= today.year + 1:
            return MarkResult(MarkOutcome.BAD_YEAR)
        if step.value not in calendar_deadlines(year, self._profile):
            return MarkResult(MarkOutcome.NOT_APPLICABLE)
        async with self._sessions() as session:
            akimats = await self._akimats(session, [akimat_id])
            akimat = akimats.get(akimat_id)
            if akimat is None or akimat.level not in calendar_levels(self._profile):
                return MarkResult(MarkOutcome.NOT_APPLICABLE)
            marks = await self._calendar_marks(session, [akimat_id])
            earlier = marks.get((akimat_id, step.audit_action, str(year)))
            if earlier is not None:
                return MarkResult(MarkOutcome.ALREADY, earlier)
            duty_rows.add_allowed_act(
                session, now, actor_id, step.audit_action, akimat_id, str(year)
            )
            await session.commit()
        return MarkResult(MarkOutcome.MARKED, now)

    # --- the clock ----------------------------------------------------------------------------

    async def send_reminders(self, now: datetime) -> ReminderReport:
        """Enqueue every reminder whose moment fell since the last run, up to ``now``.

        Most ticks (every minute) find no 09:00 in their span and only read the job mark: it
        stays at the last moment reminders were counted. When a reminder moment has come, one
        transaction moves the mark and enqueues the reminders together, or neither. On
        PostgreSQL the mark's row is locked first, so a second instance waits and then finds
        the span already covered; the outbox keys would stop a duplicate anyway.
        """
        async with self._sessions() as session:
            covered = await self._covered(session, now, lock=False)
            report = ReminderReport(span_start=covered, span_end=now)
            if not self.reminder_days(covered, now):
                return report
            covered = await self._covered(session, now, lock=True)
            report = ReminderReport(span_start=covered, span_end=now)
            report.days = self.reminder_days(covered, now)
            if not report.days:
                # Another instance has just covered it.
                await session.rollback()
                return report
            await self._remind(session, now, report)
            await job_marks.advance(session, JOB_NAME, now)
            await session.commit()
        for listener in self._listeners:
            listener(report)
        if report.messages:
            log.info(
                "compliance: %d reminders, %d escalations, %d messages for %s",
                report.reminders,
                report.escalations,
                report.messages,
                ", ".join(day.isoformat() for day in report.days),
            )
        return report

    def reminder_days(self, after: datetime, until: datetime) -> list[date]:
        """The local days whose reminder moment lies in (``after``, ``until``], in order."""
        days = []
        day = after.astimezone(self._tz).date()
        last = until.astimezone(self._tz).date()
        while day <= last:
            moment = datetime.combine(day, REMINDER_TIME, tzinfo=self._tz)
            if after < moment <= until:
                days.append(day)
            day += timedelta(days=1)
        return days

    async def _covered(self, session: AsyncSession, now: datetime, *, lock: bool) -> datetime:
        """Up to when reminders were counted; with ``lock`` the mark's row is created if
        missing and locked until the transaction ends."""
        covered = await job_marks.covered_until(session, JOB_NAME, lock=lock)
        if covered is not None:
            return covered
        # The first run ever starts at the local midnight of its day, so the day's reminders go
        # out even when the bot is first started after 09:00; earlier days are not replayed.
        start_of_day = datetime.combine(self.today(now), time(0), tzinfo=self._tz).astimezone(UTC)
        if not lock:
            return start_of_day
        await job_marks.add_if_missing(session, JOB_NAME, start_of_day)
        covered = await job_marks.covered_until(session, JOB_NAME, lock=True)
        assert covered is not None
        return covered

    async def _remind(self, session: AsyncSession, now: datetime, report: ReminderReport) -> None:
        every_akimat = await self._akimats(session, None)
        duties = await self._open_duties(session, now, None, every_akimat)
        report.duties = len(duties)
        # Most days no duty has a reminder: then nobody needs to be looked up.
        due = [
            duty
            for duty in duties
            if any(duty.stage_on(day) or duty.escalates_on(day) for day in report.days)
        ]
        if not due:
            return
        officials = await self._officials(session)
        admins = await self._admins(session)
        audiences = _Audiences(officials, admins, every_akimat)
        for duty in due:
            await self._remind_one(session, now, duty, audiences, report)

    async def _remind_one(
        self,
        session: AsyncSession,
        now: datetime,
        duty: Duty,
        audiences: "_Audiences",
        report: ReminderReport,
    ) -> None:
        today = self.today(now)
        # Catch-up: of the days in the span, only the latest reminder per audience.
        remind_day = _latest(report.days, lambda day: duty.stage_on(day) is not None)
        escalate_day = _latest(report.days, duty.escalates_on)
        own = audiences.officials.get(duty.akimat.id, [])
        source = DutySource(*self.source(duty))
        if remind_day is not None and own:
            report.reminders += 1
            stage = duty.stage_on(remind_day)
            written = await self._outbox.notify(
                session,
                DutyDue(duty, today, str(stage), remind_day, source),
                [Recipient(chat.chat_id, chat.locale) for chat in own],
                not_before=now,
            )
            report.count(duty.kind, str(stage), written)
        if escalate_day is None:
            return
        # Someone who is also an official of the akimat has just had the reminder.
        own_ids = {chat.chat_id for chat in own}
        chats = [chat for chat in audiences.above(duty.akimat) if chat.chat_id not in own_ids]
        if not chats:
            return
        report.escalations += 1
        written = await self._outbox.notify(
            session,
            DutyEscalated(duty, today, escalate_day, source),
            [Recipient(chat.chat_id, chat.locale) for chat in chats],
            not_before=now,
        )
        report.count(duty.kind, ESCALATION, written)

    async def _officials(self, session: AsyncSession) -> dict[int, list[_Chat]]:
        by_akimat: dict[int, list[_Chat]] = defaultdict(list)
        for akimat_id, user_id, locale in await duty_rows.active_officials(session):
            by_akimat[akimat_id].append(_Chat(user_id, locale or self._default_locale))
        return by_akimat

    async def _admins(self, session: AsyncSession) -> list[_Chat]:
        if not self._admin_ids:
            return []
        known = await duty_rows.user_states(session, self._admin_ids)
        chats = []
        for admin_id in sorted(self._admin_ids):
            locale, active = known.get(admin_id, (None, True))
            if active:
                chats.append(_Chat(admin_id, locale or self._default_locale))
        return chats


def _sort_key(duty: Duty) -> tuple[date, int, str, int, int]:
    order = list(DutyKind).index(duty.kind)
    return (duty.due, order, duty.akimat.code, duty.meeting_id or 0, duty.plan_id or 0)


def _latest(days: Sequence[date], applies: Callable[[date], bool]) -> date | None:
    return next((day for day in reversed(days) if applies(day)), None)


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> Iterable[tuple[int, int]]:
    year, quarter = first
    while (year, quarter) <= last:
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


__all__ = [
    "ANNOUNCEMENT_LEAD_DAYS",
    "CALENDAR_LEAD_DAYS",
    "ESCALATE_AFTER_DAYS",
    "ESCALATE_EVERY_DAYS",
    "JOB_NAME",
    "PLAN_REMINDER_AFTER_MEETING_DAYS",
    "PROGRESS_LEAD_DAYS",
    "REMINDER_TIME",
    "AkimatInfo",
    "CalendarStep",
    "Duty",
    "DutyKind",
    "DutyLine",
    "DutyService",
    "MarkOutcome",
    "MarkResult",
    "ReminderReport",
    "Scope",
    "Stage",
]
