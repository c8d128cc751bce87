"""Escalation of a missed calendar step (seed 001, clauses 2.1 and 2.2; 2016: seed 000, 6).

The compliance clock of services/duties.py reminds the akimats that keep the annual calendar
five days before 15 and 20 January and on the day, until the step is recorded (the audit
entries ``calendar.approved`` / ``calendar.submitted``, which services/calendar.py writes when
an official approves or submits). What it does not do is tell anyone once the day has passed:
this module does, exactly once per akimat, year and step, the day after the due date (from
09:00 local; or the first day the clock runs after it, within ``ESCALATE_WITHIN_DAYS``): the
akimat's officials get the "overdue" reminder, the admins and the officials of every higher
akimat the escalation. The outbox keys (the due date's next day is in them) keep each to one.

A step counts as done when the calendar row records it or the audit entry exists (marked from
/deadlines before the calendar was kept in the bot).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import AkimLevel, calendar_deadlines, calendar_levels, explain
from services.clock import Clock
from services.duties import AkimatInfo, CalendarStep, Duty, Stage
from services.kato.codes import kato_contains
from services.notices import DutyDue, DutyEscalated, DutySource
from services.outbox import Outbox, Recipient
from storage.repositories import calendar as calendar_rows
from storage.repositories import duties as duty_rows
from storage.repositories import job_marks
from storage.unit_of_work import SessionSource

log = logging.getLogger(__name__)

JOB_NAME = "calendar_escalation"
ESCALATION_TIME = time(9, 0)
# Past this, a missed step is old news (the /deadlines screen still shows it as overdue).
ESCALATE_WITHIN_DAYS = 30


@dataclass
class EscalationReport:
    day: date | None = None
    escalated: int = 0
    messages: int = 0


class CalendarDutyService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        admin_ids: frozenset[int],
        default_locale: str,
        outbox: Outbox,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._admin_ids = admin_ids
        self._default_locale = default_locale
        self._outbox = outbox

    def _today(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    def missed_steps(self, today: date) -> list[tuple[int, CalendarStep, date]]:
        """(year, step, due) whose due date passed within the window."""
        steps = []
        for year in (today.year - 1, today.year, today.year + 1):
            for name, due in calendar_deadlines(year, self._profile).items():
                if due < today <= due + timedelta(ESCALATE_WITHIN_DAYS):
                    steps.append((year, CalendarStep(name), due))
        return steps

    async def escalate(self, now: datetime) -> EscalationReport:
        report = EscalationReport()
        today = self._today(now)
        if now.astimezone(self._tz).time() < ESCALATION_TIME:
            return report
        steps = self.missed_steps(today)
        levels = calendar_levels(self._profile)
        async with self._sessions() as session:
            covered = await job_marks.covered_until(session, JOB_NAME)
            if covered is not None and self._today(covered) >= today:
                return report
            await job_marks.add_if_missing(session, JOB_NAME, now - timedelta(days=1))
            covered = await job_marks.covered_until(session, JOB_NAME, lock=True)
            if covered is not None and self._today(covered) >= today:
                await session.rollback()
                return report
            report.day = today
            if steps and levels:
                akimats = [
                    AkimatInfo(row.id, row.locality_code, row.name_kk, row.name_ru, level)
                    for row in await duty_rows.akimats(session, None)
                    if row.akim_level is not None
                    and (level := AkimLevel(row.akim_level)) in levels
                ]
                if akimats:
                    await self._escalate(session, now, today, steps, akimats, report)
            await job_marks.advance(session, JOB_NAME, now)
            await session.commit()
        if report.messages:
            log.info("calendar: %d missed steps escalated", report.escalated)
        return report

    async def _escalate(
        self,
        session: AsyncSession,
        now: datetime,
        today: date,
        steps: list[tuple[int, CalendarStep, date]],
        akimats: list[AkimatInfo],
        report: EscalationReport,
    ) -> None:
        ids = [akimat.id for akimat in akimats]
        marks = await duty_rows.first_allowed_acts(
            session, ids, [step.audit_action for step in CalendarStep]
        )
        recorded = await calendar_rows.recorded_steps(session, ids)
        officials: dict[int, list[Recipient]] = defaultdict(list)
        for akimat_id, user_id, locale in await duty_rows.active_officials(session):
            officials[akimat_id].append(Recipient(user_id, locale or self._default_locale))
        every = {row.id: row for row in await duty_rows.akimats(session, None)}
        admins = await self._admins(session)
        for year, step, due in steps:
            source = explain(step.kind.value, self._profile)
            where = DutySource(source.seed.split("_")[0], source.clause)
            day = due + timedelta(days=1)
            for akimat in akimats:
                done = (akimat.id, step.audit_action, str(year)) in marks or (
                    akimat.id,
                    year,
                    step.value,
                ) in recorded
                if done:
                    continue
                duty = Duty(kind=step.kind, akimat=akimat, due=due, year=year)
                report.escalated += 1
                own = officials.get(akimat.id, [])
                if own:
                    report.messages += await self._outbox.notify(
                        session,
                        DutyDue(duty, today, str(Stage.OVERDUE), day, where),
                        own,
                        not_before=now,
                    )
                above = list(admins)
                for other in every.values():
                    if other.id != akimat.id and kato_contains(other.locality_code, akimat.code):
                        above.extend(officials.get(other.id, []))
                own_ids = {chat.chat_id for chat in own}
                unique: dict[int, Recipient] = {}
                for chat in above:
                    if chat.chat_id not in own_ids:
                        unique.setdefault(chat.chat_id, chat)
                if unique:
                    report.messages += await self._outbox.notify(
                        session,
                        DutyEscalated(duty, today, day, where),
                        list(unique.values()),
                        not_before=now,
                    )

    async def _admins(self, session: AsyncSession) -> list[Recipient]:
        if not self._admin_ids:
            return []
        known = await duty_rows.user_states(session, self._admin_ids)
        chats = []
        for admin_id in sorted(self._admin_ids):
            locale, active = known.get(admin_id, (None, True))
            if active:
                chats.append(Recipient(admin_id, locale or self._default_locale))
        return chats
