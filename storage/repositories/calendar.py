"""The annual calendar's queries (services/calendar.py, services/coverage.py). Repositories
never commit: the caller's unit of work does."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    Akimat,
    CalendarCorrection,
    CalendarEntry,
    Locality,
    Meeting,
    MeetingCalendar,
    MeetingStatus,
    Subscription,
)

CodeRange = tuple[str, str]


class EntryRow(NamedTuple):
    entry: CalendarEntry
    venue: Locality


class PlannedRow(NamedTuple):
    """A calendar entry as a citizen sees it: whose calendar, where, when."""

    entry: CalendarEntry
    venue: Locality
    host: Locality
    year: int


class UnitRow(NamedTuple):
    code: str
    parent_code: str | None
    akim_level: str | None
    name_kk: str
    name_ru: str


class HostedMeeting(NamedTuple):
    host_akimat_id: int
    venue_code: str
    status: MeetingStatus
    starts_at: datetime


class PlannedVisit(NamedTuple):
    akimat_id: int
    venue_code: str
    month: int
    planned_on: date | None


class CoverageAkimat(NamedTuple):
    id: int
    locality_code: str
    akim_level: str | None
    name_kk: str
    name_ru: str


async def calendar_of(
    session: AsyncSession, akimat_id: int, year: int, *, lock: bool = False
) -> MeetingCalendar | None:
    statement = select(MeetingCalendar).where(
        MeetingCalendar.akimat_id == akimat_id, MeetingCalendar.year == year
    )
    if lock:
        statement = statement.with_for_update()
    return (await session.scalars(statement)).one_or_none()


def add(session: AsyncSession, row: object) -> None:
    session.add(row)


async def entries(session: AsyncSession, calendar_id: int) -> list[EntryRow]:
    rows = await session.execute(
        select(CalendarEntry, Locality)
        .join(Locality, Locality.code == CalendarEntry.venue_code)
        .where(CalendarEntry.calendar_id == calendar_id)
        .order_by(
            CalendarEntry.month, CalendarEntry.planned_on, Locality.sort_kk, CalendarEntry.id
        )
    )
    return [EntryRow(*row) for row in rows.all()]


async def entry_with_calendar(
    session: AsyncSession, entry_id: int
) -> tuple[CalendarEntry, MeetingCalendar] | None:
    row = (
        await session.execute(
            select(CalendarEntry, MeetingCalendar)
            .join(MeetingCalendar, MeetingCalendar.id == CalendarEntry.calendar_id)
            .where(CalendarEntry.id == entry_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1])


async def delete_entry(session: AsyncSession, entry_id: int) -> None:
    await session.execute(delete(CalendarEntry).where(CalendarEntry.id == entry_id))


async def delete_entries(session: AsyncSession, calendar_id: int) -> None:
    await session.execute(delete(CalendarEntry).where(CalendarEntry.calendar_id == calendar_id))


async def corrections(session: AsyncSession, calendar_id: int) -> list[CalendarCorrection]:
    found = await session.scalars(
        select(CalendarCorrection)
        .where(CalendarCorrection.calendar_id == calendar_id)
        .order_by(CalendarCorrection.number)
    )
    return list(found.all())


async def units_below(session: AsyncSession, code: str, limit: int) -> list[UnitRow]:
    """The units directly below ``code`` that have an akim, by Kazakh name."""
    rows = await session.execute(
        select(
            Locality.code,
            Locality.parent_code,
            Locality.akim_level,
            Locality.name_kk,
            Locality.name_ru,
        )
        .where(Locality.parent_code == code, Locality.akim_level.is_not(None))
        .order_by(Locality.sort_kk, Locality.code)
        .limit(limit)
    )
    return [UnitRow(*row) for row in rows.all()]


async def subscribed_codes(session: AsyncSession, user_id: int) -> list[str]:
    found = await session.scalars(
        select(Subscription.locality_code).where(Subscription.user_id == user_id)
    )
    return list(found.all())


async def planned_in(
    session: AsyncSession,
    ranges: Sequence[CodeRange],
    from_year: int,
    from_month: int,
    limit: int,
) -> list[PlannedRow]:
    """Entries whose venue lies in one of the code ``ranges`` (a unit and everything inside
    it), from ``from_month`` of ``from_year`` on, soonest first."""
    if not ranges:
        return []
    host = aliased(Locality, name="host")
    rows = await session.execute(
        select(CalendarEntry, Locality, host, MeetingCalendar.year)
        .join(MeetingCalendar, MeetingCalendar.id == CalendarEntry.calendar_id)
        .join(Akimat, Akimat.id == MeetingCalendar.akimat_id)
        .join(host, host.code == Akimat.locality_code)
        .join(Locality, Locality.code == CalendarEntry.venue_code)
        .where(
            or_(*(CalendarEntry.venue_code.between(low, high) for low, high in ranges)),
            or_(
                MeetingCalendar.year > from_year,
                (MeetingCalendar.year == from_year) & (CalendarEntry.month >= from_month),
            ),
        )
        .order_by(
            MeetingCalendar.year,
            CalendarEntry.month,
            CalendarEntry.planned_on,
            CalendarEntry.id,
        )
        .limit(limit)
    )
    return [PlannedRow(*row) for row in rows.all()]


# --- coverage -------------------------------------------------------------------------------


async def coverage_akimats(
    session: AsyncSession,
    *,
    akimat_ids: Collection[int] | None = None,
    territory: CodeRange | None = None,
) -> list[CoverageAkimat]:
    """The akimats asked for, by id or by their locality lying in ``territory``."""
    statement = select(
        Akimat.id, Akimat.locality_code, Locality.akim_level, Locality.name_kk, Locality.name_ru
    ).join(Locality, Locality.code == Akimat.locality_code)
    if akimat_ids is not None:
        statement = statement.where(Akimat.id.in_(akimat_ids))
    if territory is not None:
        statement = statement.where(Akimat.locality_code.between(*territory))
    rows = await session.execute(statement.order_by(Akimat.locality_code))
    return [CoverageAkimat(*row) for row in rows.all()]


async def child_units(
    session: AsyncSession,
    *,
    akimat_ids: Collection[int] | None = None,
    territory: CodeRange | None = None,
) -> list[UnitRow]:
    """Every unit with an akim directly below the locality of one of the akimats: one
    statement, the akimats joined, whatever their number."""
    statement = (
        select(
            Locality.code,
            Locality.parent_code,
            Locality.akim_level,
            Locality.name_kk,
            Locality.name_ru,
        )
        .join(Akimat, Akimat.locality_code == Locality.parent_code)
        .where(Locality.akim_level.is_not(None))
    )
    if akimat_ids is not None:
        statement = statement.where(Akimat.id.in_(akimat_ids))
    if territory is not None:
        statement = statement.where(Akimat.locality_code.between(*territory))
    rows = await session.execute(statement.order_by(Locality.parent_code, Locality.sort_kk))
    return [UnitRow(*row) for row in rows.all()]


async def hosted_meetings(
    session: AsyncSession,
    start: datetime,
    end: datetime,
    *,
    akimat_ids: Collection[int] | None = None,
    territory: CodeRange | None = None,
) -> list[HostedMeeting]:
    """Meetings (not cancelled) of the akimats starting in [start, end): distinct per host,
    venue and status, which is all coverage needs."""
    statement = (
        select(
            Meeting.host_akimat_id,
            Meeting.venue_code,
            Meeting.status,
            func.min(Meeting.starts_at),
        )
        .join(Akimat, Akimat.id == Meeting.host_akimat_id)
        .where(
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .group_by(Meeting.host_akimat_id, Meeting.venue_code, Meeting.status)
    )
    if akimat_ids is not None:
        statement = statement.where(Meeting.host_akimat_id.in_(akimat_ids))
    if territory is not None:
        statement = statement.where(Akimat.locality_code.between(*territory))
    rows = await session.execute(statement)
    return [HostedMeeting(*row) for row in rows.all()]


async def planned_visits(
    session: AsyncSession,
    years: Sequence[int],
    *,
    akimat_ids: Collection[int] | None = None,
    territory: CodeRange | None = None,
) -> list[tuple[int, int, str, int, date | None, str]]:
    """Entries of the akimats' calendars of ``years``: (akimat id, year, venue, month, day,
    kind), distinct."""
    statement = (
        select(
            MeetingCalendar.akimat_id,
            MeetingCalendar.year,
            CalendarEntry.venue_code,
            CalendarEntry.month,
            CalendarEntry.planned_on,
            CalendarEntry.kind,
        )
        .distinct()
        .join(MeetingCalendar, MeetingCalendar.id == CalendarEntry.calendar_id)
        .join(Akimat, Akimat.id == MeetingCalendar.akimat_id)
        .where(MeetingCalendar.year.in_(years))
    )
    if akimat_ids is not None:
        statement = statement.where(MeetingCalendar.akimat_id.in_(akimat_ids))
    if territory is not None:
        statement = statement.where(Akimat.locality_code.between(*territory))
    rows = await session.execute(statement)
    return [(a, y, v, m, d, str(k)) for a, y, v, m, d, k in rows.all()]


async def recorded_steps(
    session: AsyncSession, akimat_ids: Collection[int]
) -> set[tuple[int, int, str]]:
    """(akimat id, year, "approve" / "submit") for every step the calendars record."""
    rows = await session.execute(
        select(
            MeetingCalendar.akimat_id,
            MeetingCalendar.year,
            MeetingCalendar.approved_on,
            MeetingCalendar.submitted_on,
        ).where(MeetingCalendar.akimat_id.in_(akimat_ids))
    )
    found: set[tuple[int, int, str]] = set()
    for akimat_id, year, approved_on, submitted_on in rows.all():
        if approved_on is not None:
            found.add((akimat_id, year, "approve"))
        if submitted_on is not None:
            found.add((akimat_id, year, "submit"))
    return found


async def codes_in(session: AsyncSession, code_range: CodeRange) -> list[str]:
    found = await session.scalars(select(Locality.code).where(Locality.code.between(*code_range)))
    return list(found.all())
