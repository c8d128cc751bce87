"""The quarterly digest of the feedback index to coordinators (issue 9, section 5).

After a quarter's progress due date (seed 001, clause 3.5: the results of the quarter are all
public by then, or overdue) each coordinator gets the quarter's summary of their territory,
in their language, through the outbox: from 09:00 local time on the day after the due date.

Who the coordinators are and which akimats each reads is not this module's business: a
``RecipientProvider`` says so (the lead wires it to the coordinators of services.access). The
job mark ``feedback-digest:<quarter>`` records that a quarter's digest went out, so later ticks
cost one primary-key read; the outbox keys (one per quarter and recipient) keep a digest to one
message even when two instances race. No recipients: no mark, so coordinators added later in
the quarter still get it.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from regulation import RuleNotInProfile, progress_due
from regulation.report_periods import PeriodKind, ReportPeriod
from services.clock import Clock
from services.feedback import FeedbackRecordService
from services.notices import FeedbackDigest
from services.outbox import Outbox, Recipient
from storage.repositories import job_marks
from storage.unit_of_work import SessionSource

JOB_PREFIX = "feedback-digest:"
DIGEST_TIME = time(9, 0)


@dataclass(frozen=True, slots=True)
class DigestRecipient:
    chat_id: int
    locale: str
    # The akimats whose record this person reads.
    scope: tuple[int, ...]


RecipientProvider = Callable[[], Awaitable[Sequence[DigestRecipient]]]


async def no_recipients() -> Sequence[DigestRecipient]:
    """Until coordinators exist: nobody."""
    return ()


@dataclass(frozen=True, slots=True)
class DigestRun:
    period: ReportPeriod | None
    sent: int


class FeedbackDigestService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        outbox: Outbox,
        feedback: FeedbackRecordService,
        recipients: RecipientProvider = no_recipients,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._outbox = outbox
        self._feedback = feedback
        self.recipients = recipients

    def due_quarter(self, now: datetime) -> ReportPeriod | None:
        """The quarter whose digest is owed at ``now``: the one before the current quarter,
        once 09:00 of the day after its progress due date has come."""
        local = now.astimezone(self._tz)
        quarter = ReportPeriod.containing(local.date(), PeriodKind.QUARTER).previous()
        try:
            due = progress_due(quarter.year, quarter.index, self._profile)
        except RuleNotInProfile:
            return None
        send_from = datetime.combine(due + timedelta(days=1), DIGEST_TIME, tzinfo=self._tz)
        return quarter if local >= send_from else None

    async def send_due(self, now: datetime) -> DigestRun:
        quarter = self.due_quarter(now)
        if quarter is None:
            return DigestRun(None, 0)
        mark = JOB_PREFIX + quarter.code
        async with self._sessions() as session:
            if await job_marks.exists(session, mark):
                return DigestRun(quarter, 0)
        people = await self.recipients()
        if not people:
            return DigestRun(quarter, 0)
        sent = 0
        async with self._sessions() as session:
            for person in people:
                report = await self._feedback.territory(person.scope, quarter)
                if not report.lines:
                    continue
                sent += await self._outbox.notify(
                    session,
                    FeedbackDigest(report, person.chat_id),
                    [Recipient(person.chat_id, person.locale)],
                )
            await job_marks.add_if_missing(session, mark, now)
            await session.commit()
        return DigestRun(quarter, sent)
