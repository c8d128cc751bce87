"""Coverage: has every unit an akim must visit got its visiting meeting this period?

Seed 001, clause 2.1 (2022): per period (a quarter; a half-year for the oblast akim's visits)
every subordinate unit gets a visiting meeting; a village, settlement or city district akim
holds one meeting a quarter (its own unit is the one target). Seed 002, clause 2 (2013): one
reporting meeting per period of the akim. The rule is regulation.coverage; here it meets the
database. Each target unit is:

- **covered**: a meeting held (or closed) at a venue inside it in the period;
- **planned**: not covered, but a draft, announced or moved meeting there in the period, or a
  visiting entry of the akimat's calendar in a month of the period;
- **uncovered**: neither.

Everything is computed from four set-based statements for any number of akimats (the akimats,
the units below them, their meetings of the span, their calendar entries); nothing queries per
unit (bench/coverage_bench.py runs it over the whole classifier).

The clock (``send_warnings``, once a day from 09:00 local): 30 and 10 days before the period's
end, each akimat with uncovered units is told which (once each: outbox keys); the day after the
period's end the *recipient provider* (coordinators of the territory, once services/ has them;
the admins until then) is told which units stayed uncovered.
"""

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import (
    AkimLevel,
    CoveragePeriod,
    RuleNotInProfile,
    coverage_period,
    visited_levels,
)
from services.clock import Clock
from services.kato.codes import kato_ancestor_candidates, kato_contains, kato_subtree
from services.kato.names import name_for_locale
from services.notices import CoverageUncovered, CoverageWarning
from services.outbox import Outbox, Recipient
from storage.models import CalendarEntryKind, MeetingStatus
from storage.repositories import calendar as calendar_rows
from storage.repositories import coordinators as coordinator_rows
from storage.repositories import duties as duty_rows
from storage.repositories import job_marks
from storage.unit_of_work import SessionSource

log = logging.getLogger(__name__)

JOB_NAME = "coverage"
WARNING_TIME = time(9, 0)
# Seed 001 sets no warning days; the issue asks for 30 and 10 days before the period's end.
WARNING_DAYS = (30, 10)
# A period-end report later than this (the bot was down, or first started) is not sent: it
# would be old news.
REPORT_WITHIN_DAYS = 7
HELD = frozenset({MeetingStatus.HELD, MeetingStatus.CLOSED})
COMING = frozenset({MeetingStatus.DRAFT, MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED})


class UnitState(StrEnum):
    COVERED = "covered"
    PLANNED = "planned"
    UNCOVERED = "uncovered"


@dataclass(frozen=True, slots=True)
class UnitCoverage:
    code: str
    name_kk: str
    name_ru: str
    state: UnitState

    def name(self, lang: str) -> str:
        return name_for_locale(self.name_kk, self.name_ru, lang)


@dataclass(frozen=True, slots=True)
class AkimatCoverage:
    akimat_id: int
    code: str
    name_kk: str
    name_ru: str
    level: AkimLevel
    period: CoveragePeriod
    units: tuple[UnitCoverage, ...]

    def name(self, lang: str) -> str:
        return name_for_locale(self.name_kk, self.name_ru, lang)

    def count(self, state: UnitState) -> int:
        return sum(1 for unit in self.units if unit.state is state)

    @property
    def uncovered(self) -> tuple[UnitCoverage, ...]:
        return tuple(unit for unit in self.units if unit.state is UnitState.UNCOVERED)


@dataclass(frozen=True, slots=True)
class CoverageAudience:
    """Who is told of which of the ended akimats: a coordinator hears of their territory only.
    ``scope`` tells the notices apart (one stored text per scope and day)."""

    scope: str
    recipients: tuple[Recipient, ...]
    akimats: tuple[AkimatCoverage, ...]


# Who hears at a period's end which units stayed uncovered: given the akimats whose period
# ended (each with its uncovered units), the audiences (services/container.py wires the
# territory's coordinators, with the admins for akimats no coordinator reads).
RecipientProvider = Callable[
    [AsyncSession, Sequence[AkimatCoverage]], Awaitable[Sequence[CoverageAudience]]
]


@dataclass
class CoverageReport:
    day: date | None = None
    warnings: int = 0
    reports: int = 0
    messages: int = 0
    akimats: list[int] = field(default_factory=list)


class CoverageService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        outbox: Outbox,
        recipients: RecipientProvider,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._outbox = outbox
        self._recipients = recipients

    def today(self, now: datetime | None = None) -> date:
        return (now or self._clock.now()).astimezone(self._tz).date()

    def _moment(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self._tz).astimezone(UTC)

    async def territory(
        self,
        *,
        akimat_ids: Collection[int] | None = None,
        root_code: str | None = None,
        day: date | None = None,
    ) -> list[AkimatCoverage]:
        """Coverage of the akimats ``akimat_ids`` or of every akimat inside ``root_code`` (a
        KATO unit, itself included), in each one's period containing ``day`` (today)."""
        async with self._sessions() as session:
            return await self._territory(session, akimat_ids, root_code, day or self.today())

    async def _territory(
        self,
        session: AsyncSession,
        akimat_ids: Collection[int] | None,
        root_code: str | None,
        day: date,
    ) -> list[AkimatCoverage]:
        territory = kato_subtree(root_code) if root_code is not None else None
        akimats = await calendar_rows.coverage_akimats(
            session, akimat_ids=akimat_ids, territory=territory
        )
        periods: dict[int, CoveragePeriod] = {}
        levels: dict[int, AkimLevel] = {}
        for akimat in akimats:
            if akimat.akim_level is None:
                continue
            level = AkimLevel(akimat.akim_level)
            try:
                periods[akimat.id] = coverage_period(level, day, self._profile)
            except RuleNotInProfile:
                # 2016: the seed leaves periodicity to a decree not among the seeds.
                return []
            levels[akimat.id] = level
        if not periods:
            return []
        children: dict[str, list[calendar_rows.UnitRow]] = defaultdict(list)
        if any(visited_levels(level, self._profile) for level in levels.values()):
            for unit in await calendar_rows.child_units(
                session, akimat_ids=akimat_ids, territory=territory
            ):
                if unit.parent_code is not None:
                    children[unit.parent_code].append(unit)
        start = min(p.start for p in periods.values())
        end = max(p.end for p in periods.values())
        meetings = await calendar_rows.hosted_meetings(
            session,
            self._moment(start),
            self._moment(end + timedelta(days=1)),
            akimat_ids=akimat_ids,
            territory=territory,
        )
        entries = await calendar_rows.planned_visits(
            session, sorted({start.year, end.year}), akimat_ids=akimat_ids, territory=territory
        )

        targets: dict[int, dict[str, calendar_rows.UnitRow]] = {}
        for akimat in akimats:
            if akimat.id not in periods:
                continue
            wanted = visited_levels(levels[akimat.id], self._profile)
            if wanted:
                units = [u for u in children[akimat.locality_code] if u.akim_level in wanted]
            else:
                units = [
                    calendar_rows.UnitRow(
                        akimat.locality_code,
                        None,
                        akimat.akim_level,
                        akimat.name_kk,
                        akimat.name_ru,
                    )
                ]
            targets[akimat.id] = {unit.code: unit for unit in units}

        def target_of(akimat_id: int, venue: str) -> str | None:
            own = targets.get(akimat_id)
            if not own:
                return None
            for candidate in (venue, *reversed(kato_ancestor_candidates(venue))):
                if candidate in own:
                    return candidate
            return None

        state: dict[tuple[int, str], UnitState] = {}
        for meeting in meetings:
            period = periods.get(meeting.host_akimat_id)
            if period is None:
                continue
            if not period.start <= meeting.starts_at.astimezone(self._tz).date() <= period.end:
                continue
            target = target_of(meeting.host_akimat_id, meeting.venue_code)
            if target is None:
                continue
            key = (meeting.host_akimat_id, target)
            if MeetingStatus(meeting.status) in HELD:
                state[key] = UnitState.COVERED
            elif MeetingStatus(meeting.status) in COMING:
                state.setdefault(key, UnitState.PLANNED)
        for akimat_id, year, venue, month, planned_on, kind in entries:
            period = periods.get(akimat_id)
            if period is None:
                continue
            if visited_levels(levels[akimat_id], self._profile) and (
                CalendarEntryKind(kind) is not CalendarEntryKind.VISITING
            ):
                continue
            first_of_month = date(year, month, 1)
            if planned_on is not None:
                inside = period.start <= planned_on <= period.end
            else:
                inside = period.start <= first_of_month <= period.end
            if not inside:
                continue
            target = target_of(akimat_id, venue)
            if target is not None:
                state.setdefault((akimat_id, target), UnitState.PLANNED)

        result = []
        for akimat in akimats:
            if akimat.id not in periods:
                continue
            covered = tuple(
                UnitCoverage(
                    unit.code,
                    unit.name_kk,
                    unit.name_ru,
                    state.get((akimat.id, unit.code), UnitState.UNCOVERED),
                )
                for unit in targets[akimat.id].values()
            )
            result.append(
                AkimatCoverage(
                    akimat_id=akimat.id,
                    code=akimat.locality_code,
                    name_kk=akimat.name_kk,
                    name_ru=akimat.name_ru,
                    level=levels[akimat.id],
                    period=periods[akimat.id],
                    units=covered,
                )
            )
        return result

    # --- the clock ----------------------------------------------------------------------------

    async def send_warnings(self, now: datetime) -> CoverageReport:
        """Once a local day, from 09:00: the warnings 30 and 10 days before each period's end
        (the latest stage reached, so a clock that was down sends one, not two), and the
        period-end reports. Each goes out once: the outbox keys name akimat, period and stage."""
        report = CoverageReport()
        today = self.today(now)
        local = now.astimezone(self._tz)
        if local.time() < WARNING_TIME:
            return report
        async with self._sessions() as session:
            covered = await job_marks.covered_until(session, JOB_NAME)
            if covered is not None and self.today(covered) >= today:
                return report
            await job_marks.add_if_missing(session, JOB_NAME, now - timedelta(days=1))
            covered = await job_marks.covered_until(session, JOB_NAME, lock=True)
            if covered is not None and self.today(covered) >= today:
                await session.rollback()
                return report
            report.day = today
            since = self.today(covered) if covered is not None else today - timedelta(days=1)
            await self._warn(session, today, report)
            await self._report_ended(session, since, today, report)
            await job_marks.advance(session, JOB_NAME, now)
            await session.commit()
        if report.messages:
            log.info(
                "coverage: %d warnings, %d reports, %d messages on %s",
                report.warnings,
                report.reports,
                report.messages,
                today.isoformat(),
            )
        return report

    async def _warn(self, session: AsyncSession, today: date, report: CoverageReport) -> None:
        coverage = await self._territory(session, None, None, today)
        pending = [
            (akimat, stage)
            for akimat in coverage
            if akimat.uncovered and (stage := _stage(akimat.period, today)) is not None
        ]
        if not pending:
            return
        officials: dict[int, list[Recipient]] = defaultdict(list)
        for chat in await duty_rows.active_officials(session):
            officials[chat.akimat_id].append(Recipient(chat.user_id, chat.locale or "kk"))
        for akimat, stage in pending:
            audience = officials.get(akimat.akimat_id)
            if not audience:
                continue
            notice = CoverageWarning(
                coverage=akimat, stage=stage, days_left=(akimat.period.end - today).days
            )
            report.warnings += 1
            report.akimats.append(akimat.akimat_id)
            report.messages += await self._outbox.notify(session, notice, audience)

    async def _report_ended(
        self, session: AsyncSession, since: date, today: date, report: CoverageReport
    ) -> None:
        """The reports due (the day after a period's end) in (``since``, ``today``]: the clock
        catches up after downtime, within REPORT_WITHIN_DAYS, and never reports a period that
        ended before it first ran."""
        for back in range(1, REPORT_WITHIN_DAYS + 1):
            ended_on = today - timedelta(days=back)
            if ended_on + timedelta(days=1) <= since:
                break
            coverage = await self._territory(session, None, None, ended_on)
            ended = [a for a in coverage if a.period.end == ended_on and a.uncovered]
            if not ended:
                continue
            for audience in await self._recipients(session, ended):
                if not audience.recipients or not audience.akimats:
                    continue
                notice = CoverageUncovered(
                    ended_on=ended_on, akimats=audience.akimats, scope=audience.scope
                )
                report.reports += 1
                report.messages += await self._outbox.notify(session, notice, audience.recipients)


def _stage(period: CoveragePeriod, today: date) -> int | None:
    """The warning due by ``today``: 30 from 30 days before the end, 10 from 10 days before,
    None before the first or after the end."""
    left = (period.end - today).days
    if left < 0:
        return None
    reached = [days for days in WARNING_DAYS if left <= days]
    return min(reached) if reached else None


def admins_provider(admin_ids: frozenset[int], locale: str) -> RecipientProvider:
    """The recipients of period-end reports until coordinators exist: the admins, in their
    stored language (or ``locale``)."""

    async def provide(
        session: AsyncSession, ended: Sequence[AkimatCoverage]
    ) -> Sequence[CoverageAudience]:
        return [CoverageAudience("all", await _admins(session, admin_ids, locale), tuple(ended))]

    return provide


def coordinators_provider(admin_ids: frozenset[int], locale: str) -> RecipientProvider:
    """Each territory's coordinators hear of the akimats inside it (seed 001, 2.1: the
    coordinator answers for the territory's coverage); the admins hear of the akimats no
    coordinator reads, so no uncovered unit goes unreported."""

    async def provide(
        session: AsyncSession, ended: Sequence[AkimatCoverage]
    ) -> Sequence[CoverageAudience]:
        by_territory: dict[str | None, list[int]] = defaultdict(list)
        for row in await coordinator_rows.all_coordinators(session):
            by_territory[row.territory_code].append(row.user_id)
        states = await duty_rows.user_states(
            session, {user_id for ids in by_territory.values() for user_id in ids}
        )
        audiences: list[CoverageAudience] = []
        read: set[int] = set()
        for code, user_ids in sorted(by_territory.items(), key=lambda item: item[0] or ""):
            inside = tuple(
                akimat for akimat in ended if code is None or kato_contains(code, akimat.code)
            )
            read.update(akimat.akimat_id for akimat in inside)
            people = tuple(
                Recipient(user_id, (state.locale if state is not None else None) or locale)
                for user_id in sorted(set(user_ids))
                if (state := states.get(user_id)) is None or state.is_active
            )
            audiences.append(CoverageAudience(code or "republic", people, inside))
        rest = tuple(akimat for akimat in ended if akimat.akimat_id not in read)
        if rest:
            audiences.append(
                CoverageAudience("admins", await _admins(session, admin_ids, locale), rest)
            )
        return audiences

    return provide


async def _admins(
    session: AsyncSession, admin_ids: frozenset[int], locale: str
) -> tuple[Recipient, ...]:
    """The admins, in their stored language (or ``locale``); those who blocked the bot left out."""
    states = await duty_rows.user_states(session, admin_ids)
    return tuple(
        Recipient(user_id, (state.locale if state is not None else None) or locale)
        for user_id in sorted(admin_ids)
        if (state := states.get(user_id)) is None or state.is_active
    )
