"""The annual calendar of meetings (seed 001, clause 2; 2016: seed 000, clause 6).

Per akimat and year: the planned meetings (a month or a date, the venue unit, reporting or
visiting), the maslikhat's agreement (its decision's date and number), approval (by 15
January) and submission to the Government (by 20 January). Once the calendar is agreed, every
change is part of a *correction* ("түзетуге жол беріледі", clause 2.1): the correction collects
its changes and is agreed with the maslikhat again; the corrections are the calendar's history.

Approval and submission also write the audit entries ``calendar.approved`` /
``calendar.submitted`` (target: the year) that the compliance clock of services/duties.py reads,
so its reminders stop once the step is recorded here; a step marked in /deadlines (the same
entries, written without the calendar) counts here too, so the calendar shows it and takes the
next step after it.

Citizens see the entries whose venue is one of their localities or inside it; an official turns
an entry into a draft meeting with one press (services/meetings.py makes the draft).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import calendar_deadlines
from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.kato.codes import kato_contains, kato_subtree
from services.kato.names import name_for_locale
from services.meetings import MeetingService, MeetingView
from storage.models import (
    CalendarCorrection,
    CalendarEntry,
    CalendarEntryKind,
    CalendarStatus,
    Locality,
    MeetingCalendar,
)
from storage.repositories import calendar as calendar_rows
from storage.repositories import duties as duty_rows
from storage.repositories import officials as official_rows
from storage.unit_of_work import SessionSource

MAX_ENTRIES = 500
MAX_AGREEMENT_NUMBER = 100
# A draft made from an entry that names only a month starts on the 15th at 10:00 local time;
# the official moves it to the real day (services/lifecycle.py) before announcing.
DRAFT_DAY_OF_MONTH = 15
DRAFT_TIME = time(10, 0)
DRAFT_MINUTES = 120
CITIZEN_LIMIT = 30


class CalendarErrorReason(StrEnum):
    BAD_YEAR = "bad-year"
    BAD_MONTH = "bad-month"
    DATE_NOT_IN_YEAR = "date-not-in-year"
    UNKNOWN_VENUE = "unknown-venue"
    VENUE_OUTSIDE = "venue-outside"
    TOO_MANY = "too-many"
    NO_ENTRY = "no-entry"
    NOT_AGREED = "not-agreed"
    NOT_APPROVED = "not-approved"
    ALREADY = "already"
    BAD_NUMBER = "bad-number"
    BAD_DATE = "bad-date"
    NOTHING_TO_AGREE = "nothing-to-agree"
    HAS_DRAFT = "has-draft"
    PASSED = "passed"
    NO_AKIMAT = "no-akimat"


class CalendarError(Exception):
    def __init__(self, reason: CalendarErrorReason, detail: str = "") -> None:
        super().__init__(f"{reason.value} {detail}".strip())
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class EntryView:
    id: int
    month: int
    planned_on: date | None
    venue_code: str
    venue_kk: str
    venue_ru: str
    kind: CalendarEntryKind
    meeting_id: int | None

    def venue(self, lang: str) -> str:
        return name_for_locale(self.venue_kk, self.venue_ru, lang)


@dataclass(frozen=True, slots=True)
class CorrectionView:
    number: int
    changes: tuple[str, ...]
    agreed_on: date | None
    agreement_number: str | None

    @property
    def open(self) -> bool:
        return self.agreed_on is None


@dataclass(frozen=True, slots=True)
class CalendarView:
    akimat_id: int
    year: int
    status: CalendarStatus
    agreed_on: date | None
    agreement_number: str | None
    approved_on: date | None
    submitted_on: date | None
    entries: tuple[EntryView, ...]
    corrections: tuple[CorrectionView, ...]
    deadlines: dict[str, date]

    @property
    def open_correction(self) -> CorrectionView | None:
        return next((c for c in self.corrections if c.open), None)


@dataclass(frozen=True, slots=True)
class PlannedView:
    """An entry as a citizen reads it: whose akim comes, where, when."""

    year: int
    month: int
    planned_on: date | None
    kind: CalendarEntryKind
    venue_kk: str
    venue_ru: str
    host_kk: str
    host_ru: str

    def venue(self, lang: str) -> str:
        return name_for_locale(self.venue_kk, self.venue_ru, lang)

    def host(self, lang: str) -> str:
        return name_for_locale(self.host_kk, self.host_ru, lang)


@dataclass(frozen=True, slots=True)
class NewEntry:
    """What an entry holds before it is stored (typed in chat, or a row of the XLSX)."""

    month: int
    planned_on: date | None
    venue_code: str
    kind: CalendarEntryKind


def _entry_view(entry: CalendarEntry, venue: Locality) -> EntryView:
    return EntryView(
        id=entry.id,
        month=entry.month,
        planned_on=entry.planned_on,
        venue_code=venue.code,
        venue_kk=venue.name_kk,
        venue_ru=venue.name_ru,
        kind=CalendarEntryKind(entry.kind),
        meeting_id=entry.meeting_id,
    )


def _change_line(sign: str, entry: NewEntry | CalendarEntry, venue: Locality) -> str:
    # Stored as written at the time: later renames of the unit do not rewrite the history.
    when = entry.planned_on.isoformat() if entry.planned_on is not None else f"{entry.month:02d}"
    return f"{sign} {when} {venue.code} {venue.name_kk} / {venue.name_ru} ({entry.kind})"


_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _status_of(
    stored: CalendarStatus, approved: date | None, submitted: date | None
) -> CalendarStatus:
    """The status as the steps recorded anywhere make it (the calendar's own buttons or the
    marks of /deadlines)."""
    if submitted is not None:
        return CalendarStatus.SUBMITTED
    if approved is not None:
        return CalendarStatus.APPROVED
    return stored


def parse_day(text: str) -> date | None:
    """``dd.mm.yyyy`` (or with slashes) as a date; None when it is not one."""
    match = _DMY.match(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def parse_when(text: str, year: int) -> tuple[int, date | None]:
    """A month typed as 1-12, or a date dd.mm.yyyy of ``year``: (month, the date or None)."""
    cleaned = text.strip()
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return int(cleaned), None
    day = parse_day(cleaned)
    if day is None:
        raise CalendarError(CalendarErrorReason.BAD_MONTH)
    if day.year != year:
        raise CalendarError(CalendarErrorReason.DATE_NOT_IN_YEAR)
    return day.month, day


def parse_agreement(text: str) -> tuple[date, str]:
    """ "04.01.2027 12/3": the maslikhat decision's date, then its number."""
    parts = text.strip().split(maxsplit=1)
    day = parse_day(parts[0]) if parts else None
    if day is None:
        raise CalendarError(CalendarErrorReason.BAD_DATE)
    if len(parts) < 2:
        raise CalendarError(CalendarErrorReason.BAD_NUMBER)
    return day, check_agreement_number(parts[1])


def check_agreement_number(number: str) -> str:
    cleaned = " ".join(number.split())
    if not cleaned or len(cleaned) > MAX_AGREEMENT_NUMBER:
        raise CalendarError(CalendarErrorReason.BAD_NUMBER)
    return cleaned


class CalendarService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        access: AccessService,
        meetings: MeetingService,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._access = access
        self._meetings = meetings

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def check_year(self, year: int) -> int:
        """This year, the next or the last: a calendar is drawn up for the year ahead."""
        today = self.today()
        if isinstance(year, bool) or not today.year - 1 <= year <= today.year + 1:
            raise CalendarError(CalendarErrorReason.BAD_YEAR)
        return year

    # --- reading ------------------------------------------------------------------------------

    async def view(self, actor_id: int, akimat_id: int, year: int) -> CalendarView:
        await self._access.require(
            actor_id, akimat_id, Right.READ, action=AuditAction.CALENDAR_VIEW
        )
        async with self._sessions() as session:
            calendar = await calendar_rows.calendar_of(session, akimat_id, year)
            if calendar is None:
                approved, submitted = await self._marked(session, akimat_id, year)
                return CalendarView(
                    akimat_id=akimat_id,
                    year=year,
                    status=_status_of(CalendarStatus.DRAFT, approved, submitted),
                    agreed_on=None,
                    agreement_number=None,
                    approved_on=approved,
                    submitted_on=submitted,
                    entries=(),
                    corrections=(),
                    deadlines=self._deadlines(year),
                )
            return await self._view(session, calendar)

    async def _marked(
        self, session: AsyncSession, akimat_id: int, year: int
    ) -> tuple[date | None, date | None]:
        """The local days the approval and the submission of ``year``'s calendar were first
        recorded: by the calendar's own buttons, or by the marks of /deadlines
        (services/duties.py), which write the same audit entries without the calendar."""
        marks = await duty_rows.first_allowed_acts(
            session, [akimat_id], [AuditAction.CALENDAR_APPROVED, AuditAction.CALENDAR_SUBMITTED]
        )
        days = []
        for action in (AuditAction.CALENDAR_APPROVED, AuditAction.CALENDAR_SUBMITTED):
            at = marks.get((akimat_id, action, str(year)))
            days.append(None if at is None else at.astimezone(self._tz).date())
        return days[0], days[1]

    def _deadlines(self, year: int) -> dict[str, date]:
        return calendar_deadlines(year, self._profile)

    async def _view(self, session: AsyncSession, calendar: MeetingCalendar) -> CalendarView:
        entries = await calendar_rows.entries(session, calendar.id)
        corrections = await calendar_rows.corrections(session, calendar.id)
        approved, submitted = await self._marked(session, calendar.akimat_id, calendar.year)
        approved = calendar.approved_on or approved
        submitted = calendar.submitted_on or submitted
        return CalendarView(
            akimat_id=calendar.akimat_id,
            year=calendar.year,
            status=_status_of(CalendarStatus(calendar.status), approved, submitted),
            agreed_on=calendar.agreed_on,
            agreement_number=calendar.agreement_number,
            approved_on=approved,
            submitted_on=submitted,
            entries=tuple(_entry_view(row.entry, row.venue) for row in entries),
            corrections=tuple(
                CorrectionView(
                    number=c.number,
                    changes=tuple(line for line in c.changes.splitlines() if line),
                    agreed_on=c.agreed_on,
                    agreement_number=c.agreement_number,
                )
                for c in corrections
            ),
            deadlines=self._deadlines(calendar.year),
        )

    async def venues(self, actor_id: int, akimat_id: int, limit: int = 100) -> list[EntryView]:
        """The units directly below the akimat's (the venues of visiting meetings), as entry
        views without an id, for the venue picker and the template's reference sheet."""
        await self._access.require(
            actor_id, akimat_id, Right.READ, action=AuditAction.CALENDAR_VIEW
        )
        async with self._sessions() as session:
            code = await official_rows.akimat_locality_code(session, akimat_id)
            if code is None:
                raise CalendarError(CalendarErrorReason.NO_AKIMAT)
            units = await calendar_rows.units_below(session, code, limit)
        return [
            EntryView(0, 0, None, u.code, u.name_kk, u.name_ru, CalendarEntryKind.VISITING, None)
            for u in units
        ]

    async def territory_codes(self, actor_id: int, akimat_id: int) -> set[str]:
        """Every KATO code a venue of this akimat's calendar may have: its unit and all inside
        it (one range scan)."""
        await self._access.require(
            actor_id, akimat_id, Right.READ, action=AuditAction.CALENDAR_VIEW
        )
        async with self._sessions() as session:
            code = await official_rows.akimat_locality_code(session, akimat_id)
            if code is None:
                raise CalendarError(CalendarErrorReason.NO_AKIMAT)
            return set(await calendar_rows.codes_in(session, kato_subtree(code)))

    async def akimat_code(self, akimat_id: int) -> str | None:
        async with self._sessions() as session:
            return await official_rows.akimat_locality_code(session, akimat_id)

    async def planned_for(self, user_id: int) -> list[PlannedView]:
        """What a citizen sees: the entries at their subscribed localities or inside them,
        from this month on (a month already begun is still to come)."""
        today = self.today()
        async with self._sessions() as session:
            codes = await calendar_rows.subscribed_codes(session, user_id)
            rows = await calendar_rows.planned_in(
                session,
                [kato_subtree(code) for code in codes],
                today.year,
                today.month,
                CITIZEN_LIMIT,
            )
        return [
            PlannedView(
                year=row.year,
                month=row.entry.month,
                planned_on=row.entry.planned_on,
                kind=CalendarEntryKind(row.entry.kind),
                venue_kk=row.venue.name_kk,
                venue_ru=row.venue.name_ru,
                host_kk=row.host.name_kk,
                host_ru=row.host.name_ru,
            )
            for row in rows
            if row.entry.planned_on is None or row.entry.planned_on >= today
        ]

    # --- changing the entries -----------------------------------------------------------------

    async def _calendar_for_change(
        self, session: AsyncSession, actor_id: int, akimat_id: int, year: int
    ) -> tuple[MeetingCalendar, str]:
        code = await official_rows.akimat_locality_code(session, akimat_id)
        if code is None:
            raise CalendarError(CalendarErrorReason.NO_AKIMAT)
        calendar = await calendar_rows.calendar_of(session, akimat_id, year, lock=True)
        if calendar is None:
            calendar = MeetingCalendar(akimat_id=akimat_id, year=year, status=CalendarStatus.DRAFT)
            calendar_rows.add(session, calendar)
            await session.flush()
        return calendar, code

    async def _open_correction(
        self, session: AsyncSession, calendar: MeetingCalendar, actor_id: int
    ) -> CalendarCorrection | None:
        """The correction a change of an agreed calendar belongs to (opened when none is);
        None while the calendar is still a draft (its changes need no agreement yet)."""
        if calendar.status is CalendarStatus.DRAFT:
            return None
        corrections = await calendar_rows.corrections(session, calendar.id)
        open_one = next((c for c in corrections if c.agreed_on is None), None)
        if open_one is not None:
            return open_one
        correction = CalendarCorrection(
            calendar_id=calendar.id,
            number=len(corrections) + 1,
            changes="",
            created_by=actor_id,
        )
        calendar_rows.add(session, correction)
        return correction

    def _check_entry(
        self, year: int, entry: NewEntry, host_code: str, venue: Locality | None
    ) -> None:
        if not 1 <= entry.month <= 12:
            raise CalendarError(CalendarErrorReason.BAD_MONTH)
        if entry.planned_on is not None and (
            entry.planned_on.year != year or entry.planned_on.month != entry.month
        ):
            raise CalendarError(CalendarErrorReason.DATE_NOT_IN_YEAR)
        if venue is None:
            raise CalendarError(CalendarErrorReason.UNKNOWN_VENUE, entry.venue_code)
        if not kato_contains(host_code, venue.code):
            raise CalendarError(CalendarErrorReason.VENUE_OUTSIDE, venue.code)

    async def add_entry(
        self, actor_id: int, akimat_id: int, year: int, entry: NewEntry
    ) -> EntryView:
        """Plan a meeting; raises CalendarError naming the problem. A change to an agreed
        calendar joins its open correction, which must be agreed again."""
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.CALENDAR_ENTRY_ADD
        )
        self.check_year(year)
        async with self._sessions() as session:
            calendar, host_code = await self._calendar_for_change(
                session, actor_id, akimat_id, year
            )
            venue = await session.get(Locality, entry.venue_code)
            self._check_entry(year, entry, host_code, venue)
            assert venue is not None
            if len(await calendar_rows.entries(session, calendar.id)) >= MAX_ENTRIES:
                raise CalendarError(CalendarErrorReason.TOO_MANY)
            row = CalendarEntry(
                calendar_id=calendar.id,
                month=entry.month,
                planned_on=entry.planned_on,
                venue_code=venue.code,
                kind=entry.kind,
                created_by=actor_id,
            )
            calendar_rows.add(session, row)
            correction = await self._open_correction(session, calendar, actor_id)
            if correction is not None:
                correction.changes += _change_line("+", entry, venue) + "\n"
            await self._access.audit(
                actor_id,
                AuditAction.CALENDAR_ENTRY_ADD,
                akimat_id=akimat_id,
                target=str(year),
                detail=AuditDetail(text=_change_line("+", entry, venue)),
                session=session,
            )
            await session.flush()
            view = _entry_view(row, venue)
            await session.commit()
        return view

    async def remove_entry(self, actor_id: int, entry_id: int) -> None:
        async with self._sessions() as session:
            found = await calendar_rows.entry_with_calendar(session, entry_id)
            akimat_id = found[1].akimat_id if found is not None else None
        await self._access.require(
            actor_id,
            akimat_id,
            Right.ACT,
            action=AuditAction.CALENDAR_ENTRY_REMOVE,
            target=str(entry_id),
        )
        async with self._sessions() as session:
            found = await calendar_rows.entry_with_calendar(session, entry_id)
            if found is None:
                raise CalendarError(CalendarErrorReason.NO_ENTRY)
            entry, calendar = found
            calendar = (
                await calendar_rows.calendar_of(
                    session, calendar.akimat_id, calendar.year, lock=True
                )
                or calendar
            )
            venue = await session.get(Locality, entry.venue_code)
            assert venue is not None
            line = _change_line("−", entry, venue)
            correction = await self._open_correction(session, calendar, actor_id)
            if correction is not None:
                correction.changes += line + "\n"
            await calendar_rows.delete_entry(session, entry_id)
            await self._access.audit(
                actor_id,
                AuditAction.CALENDAR_ENTRY_REMOVE,
                akimat_id=calendar.akimat_id,
                target=str(calendar.year),
                detail=AuditDetail(text=line),
                session=session,
            )
            await session.commit()

    async def replace_entries(
        self, actor_id: int, akimat_id: int, year: int, entries: Sequence[NewEntry]
    ) -> int:
        """The calendar's entries become ``entries`` (an uploaded file), all or nothing.
        Drafts already made from removed entries stay (their meetings are not touched)."""
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.CALENDAR_UPLOAD
        )
        self.check_year(year)
        if len(entries) > MAX_ENTRIES:
            raise CalendarError(CalendarErrorReason.TOO_MANY)
        async with self._sessions() as session:
            calendar, host_code = await self._calendar_for_change(
                session, actor_id, akimat_id, year
            )
            venues = {
                code: venue
                for code in {e.venue_code for e in entries}
                if (venue := await session.get(Locality, code)) is not None
            }
            for entry in entries:
                self._check_entry(year, entry, host_code, venues.get(entry.venue_code))
            old = await calendar_rows.entries(session, calendar.id)
            correction = await self._open_correction(session, calendar, actor_id)
            if correction is not None:
                lines = [_change_line("−", row.entry, row.venue) for row in old]
                lines += [_change_line("+", e, venues[e.venue_code]) for e in entries]
                correction.changes += "".join(line + "\n" for line in lines)
            await calendar_rows.delete_entries(session, calendar.id)
            for entry in entries:
                calendar_rows.add(
                    session,
                    CalendarEntry(
                        calendar_id=calendar.id,
                        month=entry.month,
                        planned_on=entry.planned_on,
                        venue_code=entry.venue_code,
                        kind=entry.kind,
                        created_by=actor_id,
                    ),
                )
            await self._access.audit(
                actor_id,
                AuditAction.CALENDAR_UPLOAD,
                akimat_id=akimat_id,
                target=str(year),
                detail=AuditDetail(entries=len(entries)),
                session=session,
            )
            await session.commit()
        return len(entries)

    # --- the steps ----------------------------------------------------------------------------

    async def record_agreement(
        self, actor_id: int, akimat_id: int, year: int, agreed_on: date, number: str
    ) -> CalendarView:
        """The maslikhat agreed the calendar (or its open correction): decision date and
        number."""
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.CALENDAR_AGREE
        )
        self.check_year(year)
        number = check_agreement_number(number)
        if agreed_on > self.today() or agreed_on.year < year - 1:
            raise CalendarError(CalendarErrorReason.BAD_DATE)
        async with self._sessions() as session:
            calendar, _ = await self._calendar_for_change(session, actor_id, akimat_id, year)
            if calendar.status is CalendarStatus.DRAFT:
                calendar.status = CalendarStatus.AGREED
                calendar.agreed_on = agreed_on
                calendar.agreement_number = number
                correction = None
            else:
                corrections = await calendar_rows.corrections(session, calendar.id)
                open_one = next((c for c in corrections if c.agreed_on is None), None)
                if open_one is None:
                    raise CalendarError(CalendarErrorReason.NOTHING_TO_AGREE)
                open_one.agreed_on = agreed_on
                open_one.agreement_number = number
                correction = f"#{open_one.number}"
            await self._access.audit(
                actor_id,
                AuditAction.CALENDAR_AGREED,
                akimat_id=akimat_id,
                target=str(year),
                detail=AuditDetail(agreed_on=agreed_on, number=number, text=correction),
                session=session,
            )
            await session.commit()
            return await self._view(session, calendar)

    async def approve(self, actor_id: int, akimat_id: int, year: int) -> CalendarView:
        """Approved today (seed 001, clause 2.1, by 15 January): after the agreement."""
        return await self._step(actor_id, akimat_id, year, CalendarStatus.APPROVED)

    async def submit(self, actor_id: int, akimat_id: int, year: int) -> CalendarView:
        """Submitted to the Government today (seed 001, clause 2.2, by 20 January)."""
        return await self._step(actor_id, akimat_id, year, CalendarStatus.SUBMITTED)

    async def _step(
        self, actor_id: int, akimat_id: int, year: int, step: CalendarStatus
    ) -> CalendarView:
        action = (
            AuditAction.CALENDAR_APPROVED
            if step is CalendarStatus.APPROVED
            else AuditAction.CALENDAR_SUBMITTED
        )
        await self._access.require(actor_id, akimat_id, Right.ACT, action=action)
        self.check_year(year)
        today = self.today()
        async with self._sessions() as session:
            calendar, _ = await self._calendar_for_change(session, actor_id, akimat_id, year)
            # A step marked done in /deadlines is done here too.
            approved, submitted = await self._marked(session, akimat_id, year)
            approved = calendar.approved_on or approved
            submitted = calendar.submitted_on or submitted
            if step is CalendarStatus.APPROVED:
                if approved is not None:
                    raise CalendarError(CalendarErrorReason.ALREADY)
                if calendar.status is CalendarStatus.DRAFT:
                    raise CalendarError(CalendarErrorReason.NOT_AGREED)
                calendar.approved_on = today
                calendar.status = CalendarStatus.APPROVED
            else:
                if submitted is not None:
                    raise CalendarError(CalendarErrorReason.ALREADY)
                if approved is None:
                    raise CalendarError(CalendarErrorReason.NOT_APPROVED)
                calendar.approved_on = approved
                calendar.submitted_on = today
                calendar.status = CalendarStatus.SUBMITTED
            # The compliance clock (services/duties.py) reads these entries: the step is done.
            duty_rows.add_allowed_act(
                session, self._clock.now(), actor_id, action, akimat_id, str(year)
            )
            await session.commit()
            return await self._view(session, calendar)

    # --- planned → draft ----------------------------------------------------------------------

    def draft_start(self, year: int, entry: EntryView) -> datetime:
        day = entry.planned_on or date(year, entry.month, DRAFT_DAY_OF_MONTH)
        return datetime.combine(day, DRAFT_TIME, tzinfo=self._tz)

    async def to_draft(self, actor_id: int, entry_id: int) -> MeetingView:
        """A draft meeting from a planned entry: host the calendar's akimat, venue and audience
        the entry's unit, on its date (or the 15th of its month) at 10:00, two hours, the place
        the unit's name; the official then edits it. Raises CalendarError (PASSED when that
        moment is gone, HAS_DRAFT when one was made) or a MeetingError."""
        async with self._sessions() as session:
            found = await calendar_rows.entry_with_calendar(session, entry_id)
            akimat_id = found[1].akimat_id if found is not None else None
        await self._access.require(
            actor_id,
            akimat_id,
            Right.ACT,
            action=AuditAction.CALENDAR_TO_DRAFT,
            target=str(entry_id),
        )
        async with self._sessions() as session:
            found = await calendar_rows.entry_with_calendar(session, entry_id)
            if found is None:
                raise CalendarError(CalendarErrorReason.NO_ENTRY)
            entry, calendar = found
            if entry.meeting_id is not None:
                raise CalendarError(CalendarErrorReason.HAS_DRAFT, str(entry.meeting_id))
            venue = await session.get(Locality, entry.venue_code)
            host_code = await official_rows.akimat_locality_code(session, calendar.akimat_id)
            assert venue is not None and host_code is not None
            view = _entry_view(entry, venue)
            year = calendar.year
        starts_at = self.draft_start(year, view)
        if starts_at <= self._clock.now():
            raise CalendarError(CalendarErrorReason.PASSED)
        meeting = await self._meetings.create_meeting(
            host_code,
            view.venue_code,
            view.venue_code,
            starts_at,
            DRAFT_MINUTES,
            view.venue_kk,
            None,
            actor_id,
        )
        async with self._sessions() as session:
            found = await calendar_rows.entry_with_calendar(session, entry_id)
            if found is not None:
                found[0].meeting_id = meeting.id
            await self._access.audit(
                actor_id,
                AuditAction.CALENDAR_TO_DRAFT,
                akimat_id=akimat_id,
                target=str(meeting.id),
                session=session,
            )
            await session.commit()
        return meeting
