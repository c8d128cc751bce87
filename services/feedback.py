"""The record of each akimat over a period, and the territory's roll-up (seed 004, 20-23).

Counted from what the bot holds, plus what officials entered from other channels
(storage/models/outside_feedback.py):

- **C / B / rejected / pending** — proposals received in the period (the bot's by the moment
  they were sent, entries by the day they were received). A proposal counts as **accepted**
  (B) when it carries a confirming reference, as clause 20.1 asks: in the bot, a link to an
  item of a *published* action plan; for an entry, status accepted with its reference filled
  in. Rejected: status rejected. The rest are pending.
- **G / E / unanswered** — questions received; **answered** (E) when the author got a reply:
  status answered, or rejected (the reason is sent to the author), or linked to an item of a
  published plan. Questions merged into another are the other's duplicates and not counted.
- **F** = (B/C)·(E/G)·100 % with its band (regulation.feedback_index). **F = 0** (clause 23,
  last paragraph) when a result was not public in time in the period: an action plan of one of
  its meetings not published by its due date (late or still missing), or a quarterly progress
  report of one of its quarters not published by its due date.
- **on time** — announcements of the period's meetings (on time / late by days / missing when
  the last day passed unannounced), their action plans, and the quarterly reports owed for the
  period's quarters (every plan published by the quarter's end owes one for each quarter it
  began with an item open, or once it has one; a report missing then stays missing when a
  later report finishes the plan). Not yet due: pending.
- **participation** — distinct askers and supporters of the period's questions, distinct
  subscribers (now) of a locality inside the territory; **access** — plans published and their
  follows; **rating** — the bot's own 1-5 survey of the period's meetings (not the
  sociological survey of clause 21.3, which the authorised body runs).

Every number comes from a fixed handful of grouped queries for the whole scope
(storage/repositories/feedback.py), never a query per akimat.
"""

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from regulation import (
    AkimLevel,
    FeedbackBand,
    FeedbackIndex,
    RuleNotInProfile,
    feedback_index,
    progress_due,
    results_due,
)
from regulation.report_periods import PeriodKind, ReportPeriod
from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.duties import AkimatInfo
from services.kato.codes import kato_subtree
from storage.models import (
    FeedbackChannel,
    MeetingStatus,
    OutboxStatus,
    OutsideFeedback,
    QuestionKind,
    QuestionStatus,
)
from storage.models.channel import ChannelState
from storage.repositories import channels as channel_rows
from storage.repositories import duties as duty_rows
from storage.repositories import feedback as rows
from storage.unit_of_work import SessionSource

# Highest first: the roll-up's order.
BAND_ORDER = (FeedbackBand.HIGH, FeedbackBand.MEDIUM, FeedbackBand.LOW, FeedbackBand.INEFFECTIVE)
TOOK_PLACE = (MeetingStatus.HELD, MeetingStatus.CLOSED)
OVER_WHEN_ENDED = (MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED)
ANSWERED_QUESTION = (QuestionStatus.ANSWERED.value, QuestionStatus.REJECTED.value)


class ZeroReason(StrEnum):
    """Why F is 0 (seed 004, clause 23, last paragraph)."""

    PLAN_NOT_ON_TIME = "plan"
    REPORT_NOT_ON_TIME = "report"


@dataclass(frozen=True, slots=True)
class OnTime:
    on_time: int = 0
    # Days late of each late one.
    late_days: tuple[int, ...] = ()
    missing: int = 0
    pending: int = 0

    @property
    def late(self) -> int:
        return len(self.late_days)

    @property
    def owed(self) -> int:
        return self.on_time + self.late + self.missing


@dataclass
class _OnTimeTally:
    on_time: int = 0
    late_days: list[int] = field(default_factory=list)
    missing: int = 0
    pending: int = 0

    def mark(self, published_on: date | None, due: date, today: date) -> None:
        if published_on is not None:
            if published_on <= due:
                self.on_time += 1
            else:
                self.late_days.append((published_on - due).days)
        elif due < today:
            self.missing += 1
        else:
            self.pending += 1

    def frozen(self) -> OnTime:
        return OnTime(self.on_time, tuple(sorted(self.late_days)), self.missing, self.pending)


@dataclass(frozen=True, slots=True)
class ChannelPublication:
    """What of the akimat's results reached its Telegram channel in the period (issue 9,
    section 7): posts of published plans and quarterly reports sent, still on their way, and
    failed. Supplementary to F: the methodology asks for the results on the akimat's official
    internet resource (seed 004, clause 16), which the bot cannot see; the bot's own plan
    pages, open to anyone, are what makes a result public in F (README: "made public")."""

    title: str
    broken: bool
    plans_sent: int = 0
    plans_failed: int = 0
    reports_sent: int = 0
    reports_failed: int = 0
    pending: int = 0
    last_sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AkimatRecord:
    akimat: AkimatInfo
    period: ReportPeriod
    proposals: int  # C
    accepted: int  # B
    rejected: int
    questions: int  # G
    answered: int  # E
    # Of C and G, how many officials entered from each other channel.
    outside: Mapping[FeedbackChannel, int]
    index: FeedbackIndex
    zero_reasons: tuple[ZeroReason, ...]
    announcements: OnTime
    plans: OnTime
    reports: OnTime
    askers: int
    supporters: int
    subscribers: int
    plans_published: int
    plan_follows: int
    # Ratings of the bot's 1-5 survey: how many gave 1, 2, 3, 4, 5.
    rating_counts: tuple[int, int, int, int, int]
    # The akimat's Telegram channel, when it has one linked.
    channel: ChannelPublication | None = None

    @property
    def pending(self) -> int:
        return self.proposals - self.accepted - self.rejected

    @property
    def unanswered(self) -> int:
        return self.questions - self.answered

    @property
    def rating_count(self) -> int:
        return sum(self.rating_counts)

    @property
    def rating_mean(self) -> float | None:
        total = self.rating_count
        if not total:
            return None
        return sum(score * n for score, n in enumerate(self.rating_counts, start=1)) / total


@dataclass(frozen=True, slots=True)
class TerritoryLine:
    record: AkimatRecord
    previous: AkimatRecord | None

    @property
    def change(self) -> float | None:
        """F now minus F the period before, in percentage points."""
        if self.previous is None:
            return None
        return self.record.index.percent - self.previous.index.percent


@dataclass(frozen=True, slots=True)
class TerritoryReport:
    period: ReportPeriod
    lines: tuple[TerritoryLine, ...]

    def known(self) -> dict[ReportPeriod, dict[int, AkimatRecord]]:
        """The records this report already holds, by period (for :meth:`trend` to reuse)."""
        known = {self.period: {line.record.akimat.id: line.record for line in self.lines}}
        # Every line has its previous record (records() reads the same akimats for both).
        if all(line.previous is not None for line in self.lines):
            known[self.period.previous()] = {
                line.record.akimat.id: line.previous
                for line in self.lines
                if line.previous is not None
            }
        return known

    def band_counts(self) -> dict[FeedbackBand, int]:
        counts = dict.fromkeys(BAND_ORDER, 0)
        for line in self.lines:
            counts[line.record.index.band] += 1
        return counts


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: ReportPeriod
    # The mean F of the scope's akimats in that quarter, None when the scope is empty.
    mean_percent: float | None
    bands: Mapping[FeedbackBand, int]


def rollup_key(record: AkimatRecord) -> tuple[int, float, str]:
    return (BAND_ORDER.index(record.index.band), -record.index.percent, record.akimat.code)


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PENDING = "pending"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"


@dataclass(frozen=True, slots=True)
class PackageItem:
    """One line of the data package of seed 004, clause 20."""

    akimat: AkimatInfo
    channel: FeedbackChannel | None  # None: through the bot
    number: str
    received_on: date
    kind: QuestionKind
    verdict: Verdict
    # The confirming reference or the answer given.
    reference: str
    text: str


MAX_ENTRY_TEXT = 2000
MAX_REFERENCE = 300
# An entry older than this is history the index of a current period never reads.
MAX_ENTRY_AGE_DAYS = 2 * 366
ENTRY_STATUSES = {
    QuestionKind.QUESTION: (QuestionStatus.NEW, QuestionStatus.ANSWERED, QuestionStatus.REJECTED),
    QuestionKind.PROPOSAL: (QuestionStatus.NEW, QuestionStatus.ACCEPTED, QuestionStatus.REJECTED),
}


class EntryErrorReason(StrEnum):
    TEXT = "text"
    REFERENCE = "reference"
    DATE_FUTURE = "date-future"
    DATE_OLD = "date-old"
    STATUS = "status"


class EntryError(Exception):
    """An entry from another channel cannot be saved as given; ``reason`` says why."""

    def __init__(self, reason: EntryErrorReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class OutsideEntry:
    akimat_id: int
    kind: QuestionKind
    channel: FeedbackChannel
    received_on: date
    status: QuestionStatus
    text: str
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class SavedEntry:
    id: int
    entry: OutsideEntry


def clean_entry_text(value: str) -> str:
    cleaned = " ".join(value.split())
    if not 1 <= len(cleaned) <= MAX_ENTRY_TEXT:
        raise EntryError(EntryErrorReason.TEXT)
    return cleaned


def clean_reference(value: str) -> str:
    cleaned = " ".join(value.split())
    if not 1 <= len(cleaned) <= MAX_REFERENCE:
        raise EntryError(EntryErrorReason.REFERENCE)
    return cleaned


def check_received_on(day: date, today: date) -> date:
    if day > today:
        raise EntryError(EntryErrorReason.DATE_FUTURE)
    if (today - day).days > MAX_ENTRY_AGE_DAYS:
        raise EntryError(EntryErrorReason.DATE_OLD)
    return day


class FeedbackRecordService:
    def __init__(
        self,
        sessions: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        access: AccessService | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._access = access

    async def enter_outside(self, actor_id: int, entry: OutsideEntry) -> SavedEntry:
        """Save a question or proposal the akimat received at a reception, by letter or on its
        site; only someone who acts for the akimat may (AccessDeniedError, audited). The entry
        and its audit row are one transaction."""
        [saved] = await self.enter_outside_many(actor_id, entry.akimat_id, [entry])
        return saved

    async def enter_outside_many(
        self, actor_id: int, akimat_id: int, entries: Sequence[OutsideEntry]
    ) -> list[SavedEntry]:
        """Save several entries of one akimat (an uploaded file) all together or none: any
        entry that does not pass raises EntryError before anything is written."""
        if self._access is None:
            raise RuntimeError("FeedbackRecordService needs an AccessService to take entries")
        await self._access.require(
            actor_id, akimat_id, Right.ACT, action=AuditAction.FEEDBACK_ENTER
        )
        today = self.today()
        cleaned = [self._clean(entry, akimat_id, today) for entry in entries]
        async with self._sessions() as session:
            saved = []
            for entry in cleaned:
                row = OutsideFeedback(
                    akimat_id=akimat_id,
                    kind=entry.kind,
                    channel=entry.channel,
                    received_on=entry.received_on,
                    status=entry.status,
                    text=entry.text,
                    reference=entry.reference,
                    entered_by=actor_id,
                    created_at=self._clock.now(),
                )
                await rows.add_outside(session, row)
                saved.append(SavedEntry(row.id, entry))
            await self._access.audit(
                actor_id,
                AuditAction.FEEDBACK_ENTER,
                akimat_id=akimat_id,
                target=f"outside:{saved[0].id}" if saved else None,
                detail=AuditDetail(entries=len(saved)),
                session=session,
            )
            await session.commit()
        return saved

    def _clean(self, entry: OutsideEntry, akimat_id: int, today: date) -> OutsideEntry:
        text = clean_entry_text(entry.text)
        check_received_on(entry.received_on, today)
        if entry.status not in ENTRY_STATUSES[entry.kind]:
            raise EntryError(EntryErrorReason.STATUS)
        reference = None
        if entry.kind is QuestionKind.PROPOSAL and entry.status is QuestionStatus.ACCEPTED:
            # Clause 20.1: an accepted proposal is counted with its confirming reference.
            reference = clean_reference(entry.reference or "")
        return OutsideEntry(
            akimat_id, entry.kind, entry.channel, entry.received_on, entry.status, text, reference
        )

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def _local(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    async def records(
        self, scope: Collection[int], period: ReportPeriod
    ) -> dict[int, AkimatRecord]:
        """The record of every akimat of ``scope`` (akimat ids) over ``period``, by id."""
        ids = sorted(set(scope))
        if not ids:
            return {}
        today = self.today()
        now = self._clock.now()
        start, end = period.utc_bounds(self._tz)
        quarters = [(q.year, q.index) for q in period.quarters()]
        async with self._sessions() as session:
            akimats = {
                row.id: AkimatInfo(
                    id=row.id,
                    code=row.locality_code,
                    name_kk=row.name_kk,
                    name_ru=row.name_ru,
                    level=AkimLevel(row.akim_level) if row.akim_level else None,
                )
                for row in await duty_rows.akimats(session, ids)
            }
            ids = sorted(akimats)
            counts = await rows.feedback_counts(
                session, ids, start, end, period.first_day, period.last_day
            )
            people = await rows.participants(session, ids, start, end)
            ranges = [(a.id, *kato_subtree(a.code)) for a in akimats.values()]
            subscribed = await rows.subscribers(session, ranges)
            follows = await rows.plan_follows(session, ids, end)
            rated = await rows.ratings(session, ids, start, end)
            meetings = await rows.meetings_due(session, ids, start, end)
            plans = await rows.plans_owing_reports(session, ids, end)
            reports = await rows.reports_of(session, ids, quarters)
            channels = _publication(await channel_rows.publication(session, ids, start, end))

        tallies = _Tallies()
        for row in counts:
            tallies.count(row)
        ratings: dict[int, list[int]] = defaultdict(lambda: [0] * 5)
        for akimat_id, score, n in rated:
            if 1 <= score <= 5:
                ratings[akimat_id][score - 1] += n
        announcements: dict[int, _OnTimeTally] = defaultdict(_OnTimeTally)
        plan_marks: dict[int, _OnTimeTally] = defaultdict(_OnTimeTally)
        for meeting in meetings:
            self._mark_meeting(meeting, announcements, plan_marks, today, now)
        report_marks = self._mark_reports(plans, reports, period, today)

        result: dict[int, AkimatRecord] = {}
        for akimat_id, akimat in akimats.items():
            tally = tallies.of(akimat_id)
            plan_time = plan_marks[akimat_id].frozen()
            report_time = report_marks[akimat_id].frozen()
            reasons: list[ZeroReason] = []
            if plan_time.late or plan_time.missing:
                reasons.append(ZeroReason.PLAN_NOT_ON_TIME)
            if report_time.late or report_time.missing:
                reasons.append(ZeroReason.REPORT_NOT_ON_TIME)
            index = feedback_index(
                tally.accepted,
                tally.proposals,
                tally.answered,
                tally.questions,
                published=not reasons,
            )
            askers, supporters = people.get(akimat_id, (0, 0))
            published, followed = follows.get(akimat_id, (0, 0))
            scores = ratings.get(akimat_id, [0] * 5)
            result[akimat_id] = AkimatRecord(
                akimat=akimat,
                period=period,
                proposals=tally.proposals,
                accepted=tally.accepted,
                rejected=tally.rejected,
                questions=tally.questions,
                answered=tally.answered,
                outside=dict(tally.outside),
                index=index,
                zero_reasons=tuple(reasons),
                announcements=announcements[akimat_id].frozen(),
                plans=plan_time,
                reports=report_time,
                askers=askers,
                supporters=supporters,
                subscribers=subscribed.get(akimat_id, 0),
                plans_published=published,
                plan_follows=followed,
                rating_counts=(scores[0], scores[1], scores[2], scores[3], scores[4]),
                channel=channels.get(akimat_id),
            )
        return result

    def _mark_meeting(
        self,
        meeting: rows.MeetingDueRow,
        announcements: dict[int, _OnTimeTally],
        plans: dict[int, _OnTimeTally],
        today: date,
        now: datetime,
    ) -> None:
        status = MeetingStatus(meeting.status)
        announced = announcements[meeting.akimat_id]
        if meeting.announced_at is not None:
            announced_on = self._local(meeting.announced_at)
            due = meeting.announce_due_on
            if meeting.announced_late:
                late = (announced_on - due).days if due is not None else 0
                announced.late_days.append(max(late, 1))
            else:
                announced.on_time += 1
        elif meeting.announce_due_on is not None and status is not MeetingStatus.CANCELLED:
            announced.mark(None, meeting.announce_due_on, today)
        took_place = status in TOOK_PLACE or (status in OVER_WHEN_ENDED and meeting.ends_at <= now)
        if not took_place:
            return
        meeting_day = self._local(meeting.starts_at)
        due = meeting.plan_due_on
        if due is None:
            receptions = () if meeting.last_reception is None else (meeting.last_reception,)
            try:
                due = results_due(meeting_day, receptions, self._profile, today=today)
            except RuleNotInProfile:
                return
        published = meeting.plan_published_at
        plans[meeting.akimat_id].mark(
            None if published is None else self._local(published), due, today
        )

    def _mark_reports(
        self,
        plans: Sequence[rows.PlanReportRow],
        reports: Sequence[rows.ReportRow],
        period: ReportPeriod,
        today: date,
    ) -> dict[int, _OnTimeTally]:
        marks: dict[int, _OnTimeTally] = defaultdict(_OnTimeTally)
        published = {(r.plan_id, r.year, r.quarter): r.published_at for r in reports}
        for quarter in period.quarters():
            try:
                due = progress_due(quarter.year, quarter.index, self._profile)
            except RuleNotInProfile:
                return marks
            for plan in plans:
                if self._local(plan.published_at) > quarter.last_day:
                    continue
                key = (plan.plan_id, quarter.year, quarter.index)
                # A plan owes no report after the quarter a published report of it had every
                # item done (or, with no such report, once every item is done), unless it had
                # begun one for that quarter. A report missing while items were open stays
                # missing when the plan is finished later.
                if key not in published and not _owes(plan, quarter):
                    continue
                at = published.get(key)
                marks[plan.akimat_id].mark(None if at is None else self._local(at), due, today)
        return marks

    async def package(self, scope: Collection[int], period: ReportPeriod) -> list[PackageItem]:
        """Every question and proposal counted in ``period``, with its verdict: the data
        package of seed 004, clause 20 (lists with totals, accepted and rejected, answered and
        not)."""
        ids = sorted(set(scope))
        start, end = period.utc_bounds(self._tz)
        async with self._sessions() as session:
            akimats = {
                row.id: AkimatInfo(row.id, row.locality_code, row.name_kk, row.name_ru, None)
                for row in await duty_rows.akimats(session, ids)
            }
            found = await rows.package_rows(
                session, sorted(akimats), start, end, period.first_day, period.last_day
            )
        items = []
        for row in found:
            kind = QuestionKind(row.kind)
            referenced = bool(row.reference) and row.channel is not None
            if kind is QuestionKind.PROPOSAL:
                if is_accepted(row.status, row.linked, referenced):
                    verdict = Verdict.ACCEPTED
                elif row.status == QuestionStatus.REJECTED.value:
                    verdict = Verdict.REJECTED
                else:
                    verdict = Verdict.PENDING
            else:
                answered = is_answered(row.status, row.linked)
                verdict = Verdict.ANSWERED if answered else Verdict.UNANSWERED
            day = row.received_on
            items.append(
                PackageItem(
                    akimat=akimats[row.akimat_id],
                    channel=None if row.channel is None else FeedbackChannel(row.channel),
                    number=row.number,
                    received_on=self._local(day) if isinstance(day, datetime) else day,
                    kind=kind,
                    verdict=verdict,
                    reference=row.reference or "",
                    text=row.text,
                )
            )
        return items

    async def territory(self, scope: Collection[int], period: ReportPeriod) -> TerritoryReport:
        """The scope's akimats sorted by band (high first), then F, with the change in F from
        the period before."""
        now = await self.records(scope, period)
        before = await self.records(scope, period.previous())
        lines = [
            TerritoryLine(record, before.get(akimat_id))
            for akimat_id, record in sorted(now.items(), key=lambda item: rollup_key(item[1]))
        ]
        return TerritoryReport(period, tuple(lines))

    async def trend(
        self,
        scope: Collection[int],
        last: ReportPeriod,
        quarters: int = 4,
        known: Mapping[ReportPeriod, Mapping[int, AkimatRecord]] | None = None,
    ) -> list[TrendPoint]:
        """Mean F and the band counts over the ``quarters`` quarters ending with the one
        ``last`` ends in, oldest first. ``known``: records already read for the same scope
        (``TerritoryReport.known()``), not read again."""
        quarter = ReportPeriod.containing(last.last_day, PeriodKind.QUARTER)
        periods = [quarter]
        while len(periods) < quarters:
            periods.append(periods[-1].previous())
        points = []
        for period in reversed(periods):
            if known is not None and period in known:
                records = dict(known[period])
            else:
                records = await self.records(scope, period)
            bands = dict.fromkeys(BAND_ORDER, 0)
            for record in records.values():
                bands[record.index.band] += 1
            mean = (
                sum(r.index.percent for r in records.values()) / len(records) if records else None
            )
            points.append(TrendPoint(period, mean, bands))
        return points


@dataclass
class _Counts:
    proposals: int = 0
    accepted: int = 0
    rejected: int = 0
    questions: int = 0
    answered: int = 0
    outside: dict[FeedbackChannel, int] = field(default_factory=dict)


class _Tallies:
    def __init__(self) -> None:
        self._by_akimat: dict[int, _Counts] = defaultdict(_Counts)

    def of(self, akimat_id: int) -> _Counts:
        return self._by_akimat[akimat_id]

    def count(self, row: rows.FeedbackCountRow) -> None:
        counts = self._by_akimat[row.akimat_id]
        if row.channel is not None:
            channel = FeedbackChannel(row.channel)
            counts.outside[channel] = counts.outside.get(channel, 0) + row.n
        if row.kind == QuestionKind.PROPOSAL.value:
            counts.proposals += row.n
            if is_accepted(row.status, row.linked, row.referenced):
                counts.accepted += row.n
            elif row.status == QuestionStatus.REJECTED.value:
                counts.rejected += row.n
        else:
            counts.questions += row.n
            if is_answered(row.status, row.linked):
                counts.answered += row.n


_FAILED_POSTS = (OutboxStatus.FAILED, OutboxStatus.UNREACHABLE, OutboxStatus.EXPIRED)


def _publication(found: Sequence[channel_rows.PublicationRow]) -> dict[int, ChannelPublication]:
    tallies: dict[int, dict[str, int]] = {}
    heads: dict[int, tuple[str, bool]] = {}
    last: dict[int, datetime] = {}
    for row in found:
        heads[row.akimat_id] = (row.title, row.state is ChannelState.BROKEN)
        tally = tallies.setdefault(row.akimat_id, defaultdict(int))
        if row.key is None or row.status is None:
            continue
        what = "plans" if row.key.startswith("channel:plan:") else "reports"
        if row.status is OutboxStatus.SENT:
            tally[f"{what}_sent"] += 1
            if row.sent_at is not None:
                last[row.akimat_id] = max(row.sent_at, last.get(row.akimat_id, row.sent_at))
        elif row.status in _FAILED_POSTS:
            tally[f"{what}_failed"] += 1
        else:
            tally["pending"] += 1
    return {
        akimat_id: ChannelPublication(
            title,
            broken,
            plans_sent=tallies[akimat_id]["plans_sent"],
            plans_failed=tallies[akimat_id]["plans_failed"],
            reports_sent=tallies[akimat_id]["reports_sent"],
            reports_failed=tallies[akimat_id]["reports_failed"],
            pending=tallies[akimat_id]["pending"],
            last_sent_at=last.get(akimat_id),
        )
        for akimat_id, (title, broken) in heads.items()
    }


def _owes(plan: rows.PlanReportRow, quarter: ReportPeriod) -> bool:
    """Whether the plan still had an item open when ``quarter`` began."""
    if plan.finished_in is not None:
        return quarter.year * 4 + quarter.index - 1 <= plan.finished_in
    return plan.unfinished


def is_accepted(status: str, linked: bool, referenced: bool) -> bool:
    """A proposal with a confirming reference: a published plan's item, or an entry accepted
    with its reference (seed 004, clause 20.1)."""
    return linked or (status == QuestionStatus.ACCEPTED.value and referenced)


def is_answered(status: str, linked: bool) -> bool:
    """A question whose author got a reply (seed 004, clause 20.2)."""
    return linked or status in ANSWERED_QUESTION


__all__ = [
    "BAND_ORDER",
    "ENTRY_STATUSES",
    "AkimatRecord",
    "EntryError",
    "EntryErrorReason",
    "FeedbackChannel",
    "FeedbackRecordService",
    "OnTime",
    "OutsideEntry",
    "PackageItem",
    "QuestionKind",
    "QuestionStatus",
    "SavedEntry",
    "TerritoryLine",
    "TerritoryReport",
    "TrendPoint",
    "Verdict",
    "ZeroReason",
    "rollup_key",
]
