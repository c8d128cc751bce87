"""The action plan published after a meeting, and the quarterly progress on it.

After the meetings and the personal receptions end, the akimat publishes the results, the list of
problem issues and the plan to solve them within 10 calendar days (seed 001, clause 3.5;
`regulation.action_plan_due`), and then reports the progress on each issue every quarter, by the
25th of the month after the quarter (seed 001, clause 3.5; `regulation.progress_due`).

A plan is prepared as a draft (an `ActionPlan` row without `published_at`, with its items), so an
official can write it over several days and a restart loses nothing; citizens only ever see a
published plan, which no longer changes. A quarterly report is a draft too until every item has
its entry, then it is published at once and becomes the items' current state and the plan's
history.

Handlers check the official's rights (services.access) before calling here; this module checks
the state of things (the meeting is over, the plan is not published yet, every item is filled in).
"""

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from regulation import RuleNotInProfile, progress_due, results_due
from services.access import AccessService
from services.audience import audience_query, meetings_seen_by, subscriptions_of
from services.clock import Clock
from services.meetings import OPEN_MEETING_STATUSES
from services.notices import Notice, PlanPublished, ProgressPublished
from services.outbox import Outbox, Recipient
from services.paging import Page
from storage.models import (
    ActionPlan,
    Meeting,
    MeetingStatus,
    PlanItem,
    PlanItemStatus,
    ProgressReport,
    QuestionKind,
    QuestionStatus,
)
from storage.repositories import plans as plans_repo

# Bounds of what an official writes: enough for a real plan, small enough for a chat message.
MAX_ITEMS = 200
MIN_TEXT = 3
MAX_SUMMARY = 3000
MAX_PROBLEM = 1000
MAX_MEASURE = 1000
MAX_EXECUTOR = 300
MAX_COMMENT = 1000
MAX_LINKED = 30
# A deadline further away than this is a typing mistake, not a plan.
MAX_DEADLINE_YEARS = 5

_NUMBER = re.compile(r"^([QP])-(\d{4})-(\d{1,6})$", re.IGNORECASE)
_NUMBER_SEPARATORS = re.compile(r"[\s,;]+")


# -------------------------------------------------------------------------------------------------
# Errors


class PlanErrorReason(StrEnum):
    MEETING_NOT_FOUND = "meeting-not-found"
    # A draft, cancelled or rescheduled meeting, or one that has not ended yet.
    MEETING_NOT_OVER = "meeting-not-over"
    MEETING_CANCELLED = "meeting-cancelled"
    PLAN_NOT_FOUND = "plan-not-found"
    ALREADY_PUBLISHED = "already-published"
    NO_SUMMARY = "no-summary"
    NO_ITEMS = "no-items"
    TOO_MANY_ITEMS = "too-many-items"
    ITEM_NOT_FOUND = "item-not-found"
    TOO_SHORT = "too-short"
    TOO_LONG = "too-long"
    DEADLINE_BEFORE_MEETING = "deadline-before-meeting"
    DEADLINE_TOO_FAR = "deadline-too-far"
    BAD_QUESTION_NUMBER = "bad-question-number"
    UNKNOWN_QUESTION = "unknown-question"
    TOO_MANY_QUESTIONS = "too-many-questions"
    REPORT_NOT_FOUND = "report-not-found"
    REPORT_PUBLISHED = "report-published"
    REPORT_INCOMPLETE = "report-incomplete"
    QUARTER_NOT_OPEN = "quarter-not-open"
    BAD_PERCENT = "bad-percent"


class PlanError(Exception):
    """A plan or report cannot be changed as asked; ``reason`` says why and the other fields
    give the details a handler shows (the limit, the length, the offending value)."""

    def __init__(
        self,
        reason: PlanErrorReason,
        *,
        limit: int = 0,
        length: int = 0,
        value: str = "",
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.limit = limit
        self.length = length
        self.value = value


# -------------------------------------------------------------------------------------------------
# Checks shared by the chat wizard and the XLSX parser


def clean_text(text: str, *, single_line: bool = False) -> str:
    if single_line:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(lines).strip()


def check_text(text: str, limit: int, *, single_line: bool = False) -> str:
    cleaned = clean_text(text, single_line=single_line)
    if len(cleaned) < MIN_TEXT:
        raise PlanError(PlanErrorReason.TOO_SHORT, limit=MIN_TEXT, length=len(cleaned))
    if len(cleaned) > limit:
        raise PlanError(PlanErrorReason.TOO_LONG, limit=limit, length=len(cleaned))
    return cleaned


def check_deadline(due_on: date, meeting_date: date) -> date:
    """An item's deadline: not before the meeting, not absurdly far after it."""
    if due_on < meeting_date:
        raise PlanError(PlanErrorReason.DEADLINE_BEFORE_MEETING, value=meeting_date.isoformat())
    try:
        latest = meeting_date.replace(year=meeting_date.year + MAX_DEADLINE_YEARS)
    except ValueError:  # 29 February
        latest = meeting_date.replace(year=meeting_date.year + MAX_DEADLINE_YEARS, day=28)
    if due_on > latest:
        raise PlanError(PlanErrorReason.DEADLINE_TOO_FAR, limit=MAX_DEADLINE_YEARS)
    return due_on


def normalize_number(token: str) -> str | None:
    """A public question number as stored ("q-2026-123" → "Q-2026-000123"), or None."""
    match = _NUMBER.match(token.strip())
    if match is None:
        return None
    prefix, year, serial = match.groups()
    return f"{prefix.upper()}-{year}-{int(serial):06d}"


def split_numbers(text: str) -> list[str]:
    return [token for token in _NUMBER_SEPARATORS.split(text.strip()) if token]


# -------------------------------------------------------------------------------------------------
# Quarters


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)


# -------------------------------------------------------------------------------------------------
# Views


@dataclass(frozen=True, slots=True)
class PlanMeeting:
    """What the plan needs to know of its meeting."""

    id: int
    host_akimat_id: int
    status: MeetingStatus
    starts_at: datetime
    ends_at: datetime
    host_name_kk: str
    host_name_ru: str
    # The meeting's local date, and the regulation's last day to publish the plan (None when
    # the profile has no such rule).
    local_date: date
    due_on: date | None
    is_over: bool

    @property
    def plannable(self) -> bool:
        """Held (or announced, moved or not, and already ended): its results can be written
        up. Closed too: an official may close the meeting before the plan is out."""
        if self.status in {MeetingStatus.HELD, MeetingStatus.CLOSED}:
            return True
        return self.status in OPEN_MEETING_STATUSES and self.is_over


@dataclass(frozen=True, slots=True)
class LinkedQuestion:
    id: int
    public_number: str


@dataclass(frozen=True, slots=True)
class PlanItemView:
    id: int
    position: int
    problem: str
    measure: str
    executor: str
    due_on: date
    status: PlanItemStatus
    percent: int
    comment: str | None
    questions: tuple[LinkedQuestion, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    meeting: PlanMeeting
    summary: str | None
    published_at: datetime | None
    published_by: int | None
    # The last day to publish: as kept at publication, else as the regulation says today.
    due_on: date | None
    items: tuple[PlanItemView, ...]
    tz: ZoneInfo = field(default=ZoneInfo("Asia/Almaty"), compare=False, repr=False)

    @property
    def published(self) -> bool:
        return self.published_at is not None

    @property
    def published_on(self) -> date | None:
        return self.published_at.astimezone(self.tz).date() if self.published_at else None

    def days_late(self, today: date) -> int:
        """Days past the due date: of the publication if published, else of ``today``."""
        if self.due_on is None:
            return 0
        day = self.published_on or today
        return max(0, (day - self.due_on).days)

    def item(self, position: int) -> PlanItemView | None:
        return next((item for item in self.items if item.position == position), None)


@dataclass(frozen=True, slots=True)
class PlanState:
    """For the compliance clock: whether a meeting's plan is out, and since when."""

    meeting_id: int
    plan_id: int | None
    published: bool
    published_at: datetime | None
    due_on: date | None
    # The first quarter a progress report is expected for: the quarter of publication.
    first_quarter: Quarter | None


@dataclass(frozen=True, slots=True)
class PlanBrief:
    """A line of a list of plans or of meetings awaiting one."""

    plan_id: int | None
    meeting: PlanMeeting
    published_at: datetime | None
    item_count: int


@dataclass(frozen=True, slots=True)
class QuestionRef:
    id: int
    public_number: str
    kind: QuestionKind
    status: QuestionStatus
    support_count: int
    text: str


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """An item as the official entered it, checked (``check_item``) before it is stored."""

    problem: str
    measure: str
    executor: str
    due_on: date
    question_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryView:
    item_id: int
    status: PlanItemStatus
    percent: int
    comment: str | None


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    plan_id: int
    quarter: Quarter
    due_on: date | None
    published_at: datetime | None
    entries: Mapping[int, EntryView]

    @property
    def published(self) -> bool:
        return self.published_at is not None


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """A quarterly report with its plan: what the official fills in item by item."""

    plan: PlanView
    report: ReportView

    @property
    def missing(self) -> list[PlanItemView]:
        return [item for item in self.plan.items if item.id not in self.report.entries]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class QuarterChoice:
    """Which quarter to report on now.

    ``default`` is the earliest quarter since the plan was published that has ended and has no
    published report (so an overdue report comes first); None when every ended quarter is
    reported, and then ``upcoming`` is the quarter that can be reported once it ends.
    """

    default: Quarter | None
    open: tuple[Quarter, ...]
    published: tuple[Quarter, ...]
    upcoming: Quarter


@dataclass(frozen=True, slots=True)
class LinkedLine:
    """One linked question of a recipient in a personal notice."""

    number: str
    own: bool  # their own question; else one they supported
    position: int
    due_on: date
    status: PlanItemStatus
    percent: int


@dataclass(frozen=True, slots=True)
class PublishResult:
    plan: PlanView
    already: bool
    days_late: int
    notified: int


@dataclass(frozen=True, slots=True)
class ReportPublishResult:
    draft: ReportDraft
    already: bool
    days_late: int
    notified: int


# -------------------------------------------------------------------------------------------------
# The service


class PlanService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        tz: ZoneInfo,
        profile: str,
        outbox: Outbox,
        access: AccessService,
        default_locale: str,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._profile = profile
        self._outbox = outbox
        self._access = access
        self._default_locale = default_locale

    def today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    def progress_due_date(self, quarter: Quarter) -> date | None:
        """The last day to report on ``quarter`` (seed 001, clause 3.5), None without a rule."""
        try:
            return progress_due(quarter.year, quarter.number, self._profile)
        except RuleNotInProfile:
            return None

    # --- reading --------------------------------------------------------------------------------

    async def meeting(self, meeting_id: int) -> PlanMeeting | None:
        async with self._sessions() as session:
            return await self._meeting(session, meeting_id)

    async def _meeting(self, session: AsyncSession, meeting_id: int) -> PlanMeeting | None:
        hosted = await plans_repo.hosted_meeting(session, meeting_id)
        if hosted is None:
            return None
        reception_end = await plans_repo.last_reception_day(session, meeting_id)
        return self._plan_meeting(
            hosted.meeting, hosted.host_name_kk, hosted.host_name_ru, reception_end
        )

    def _plan_meeting(
        self, meeting: Meeting, name_kk: str, name_ru: str, reception_end: date | None
    ) -> PlanMeeting:
        local_day = self.local_date(meeting.starts_at)
        now = self._clock.now()
        return PlanMeeting(
            id=meeting.id,
            host_akimat_id=meeting.host_akimat_id,
            status=meeting.status,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            host_name_kk=name_kk,
            host_name_ru=name_ru,
            local_date=local_day,
            due_on=self._due(local_day, reception_end),
            is_over=meeting.ends_at <= now
            or meeting.status in {MeetingStatus.HELD, MeetingStatus.CLOSED},
        )

    def _due(self, meeting_day: date, reception_end: date | None) -> date | None:
        try:
            receptions = () if reception_end is None else (reception_end,)
            return results_due(meeting_day, receptions, self._profile)
        except RuleNotInProfile:
            return None

    async def plan(self, meeting_id: int) -> PlanView | None:
        """The meeting's plan, published or draft; None when none was started."""
        async with self._sessions() as session:
            return await self._plan(session, meeting_id)

    async def published_plan(self, meeting_id: int) -> PlanView | None:
        plan = await self.plan(meeting_id)
        return plan if plan is not None and plan.published else None

    async def _plan(self, session: AsyncSession, meeting_id: int) -> PlanView | None:
        plan = await plans_repo.plan_of_meeting(session, meeting_id)
        if plan is None:
            return None
        meeting = await self._meeting(session, meeting_id)
        if meeting is None:
            return None
        items = await plans_repo.items_of(session, plan.id)
        links: dict[int, list[LinkedQuestion]] = defaultdict(list)
        if items:
            rows = await plans_repo.links_of(session, [item.id for item in items])
            for item_id, question_id, number in rows:
                links[item_id].append(LinkedQuestion(question_id, number or ""))
        return PlanView(
            id=plan.id,
            meeting=meeting,
            summary=plan.summary,
            published_at=plan.published_at,
            published_by=plan.published_by,
            due_on=plan.due_on if plan.published_at is not None else meeting.due_on,
            items=tuple(_item_view(item, tuple(links[item.id])) for item in items),
            tz=self._tz,
        )

    async def plan_state(self, meeting_id: int) -> PlanState:
        """For the compliance clock: is the meeting's plan published, and when."""
        async with self._sessions() as session:
            row = await plans_repo.publication(session, meeting_id)
            meeting = await self._meeting(session, meeting_id)
        plan_id, published_at, kept_due = row if row else (None, None, None)
        return PlanState(
            meeting_id=meeting_id,
            plan_id=plan_id,
            published=published_at is not None,
            published_at=published_at,
            due_on=kept_due if published_at else (meeting.due_on if meeting else None),
            first_quarter=Quarter.of(self.local_date(published_at)) if published_at else None,
        )

    async def progress_published(self, plan_id: int, year: int, quarter: int) -> bool:
        """For the compliance clock: is the report of ``quarter`` of ``year`` published."""
        async with self._sessions() as session:
            return await plans_repo.report_published(session, plan_id, year, quarter)

    async def meeting_questions(
        self, meeting_id: int, *, accepted_only: bool = False
    ) -> list[QuestionRef]:
        """The meeting's questions and proposals, most supported first (the XLSX reference
        sheet; with ``accepted_only``, those the akimat took into the pool of problem issues)."""
        async with self._sessions() as session:
            rows = await plans_repo.meeting_questions(
                session, meeting_id, accepted_only=accepted_only
            )
        return [
            QuestionRef(
                id=row.id,
                public_number=row.public_number or "",
                kind=row.kind,
                status=row.status,
                support_count=row.support_count,
                text=row.text,
            )
            for row in rows
        ]

    async def question_numbers(self, meeting_id: int) -> dict[str, int]:
        """Public number → id, for every question of the meeting."""
        async with self._sessions() as session:
            return await plans_repo.question_numbers(session, meeting_id)

    async def resolve_numbers(self, meeting_id: int, text: str) -> list[int]:
        """The ids of the questions typed as public numbers; PlanError names the first number
        that is malformed or not a question of this meeting."""
        known = await self.question_numbers(meeting_id)
        found: list[int] = []
        for token in split_numbers(text):
            number = normalize_number(token)
            if number is None:
                raise PlanError(PlanErrorReason.BAD_QUESTION_NUMBER, value=token[:40])
            if number not in known:
                raise PlanError(PlanErrorReason.UNKNOWN_QUESTION, value=number)
            if known[number] not in found:
                found.append(known[number])
        if len(found) > MAX_LINKED:
            raise PlanError(
                PlanErrorReason.TOO_MANY_QUESTIONS, limit=MAX_LINKED, length=len(found)
            )
        return found

    # --- the draft ------------------------------------------------------------------------------

    async def start(self, meeting_id: int) -> PlanView:
        """The meeting's plan, a new draft if there is none; PlanError when the meeting cannot
        have one (not found, cancelled, not over yet)."""
        async with self._sessions() as session:
            meeting = await self._meeting(session, meeting_id)
            _check_plannable(meeting)
            exists_already = await plans_repo.plan_id_of_meeting(session, meeting_id)
            if exists_already is None:
                try:
                    await plans_repo.add_plan(session, meeting_id)
                    await session.commit()
                except IntegrityError:
                    # Two officials started at once: the other one's draft is the draft.
                    await session.rollback()
            plan = await self._plan(session, meeting_id)
        assert plan is not None
        return plan

    async def _draft(self, session: AsyncSession, meeting_id: int) -> ActionPlan:
        """The unpublished plan of the meeting, created if missing, for changing."""
        meeting = await self._meeting(session, meeting_id)
        _check_plannable(meeting)
        plan = await plans_repo.plan_of_meeting(session, meeting_id, for_update=True)
        if plan is None:
            plan = await plans_repo.add_plan(session, meeting_id)
        if plan.published_at is not None:
            raise PlanError(PlanErrorReason.ALREADY_PUBLISHED)
        return plan

    async def set_summary(self, meeting_id: int, text: str) -> PlanView:
        summary = check_text(text, MAX_SUMMARY)
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            plan.summary = summary
            await session.commit()
        return await self._view_or_fail(meeting_id)

    async def check_item(self, meeting_id: int, draft: ItemDraft) -> ItemDraft:
        """The item cleaned, or PlanError naming its first problem."""
        meeting = await self.meeting(meeting_id)
        _check_plannable(meeting)
        assert meeting is not None
        return ItemDraft(
            problem=check_text(draft.problem, MAX_PROBLEM),
            measure=check_text(draft.measure, MAX_MEASURE),
            executor=check_text(draft.executor, MAX_EXECUTOR, single_line=True),
            due_on=check_deadline(draft.due_on, meeting.local_date),
            question_ids=tuple(dict.fromkeys(draft.question_ids)),
        )

    async def add_item(self, meeting_id: int, draft: ItemDraft) -> PlanItemView:
        """Append an item to the draft."""
        checked = await self.check_item(meeting_id, draft)
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            count = await plans_repo.count_items(session, plan.id)
            if count >= MAX_ITEMS:
                raise PlanError(PlanErrorReason.TOO_MANY_ITEMS, limit=MAX_ITEMS)
            await _check_questions(session, meeting_id, checked.question_ids)
            last = await plans_repo.last_position(session, plan.id)
            [item_id] = await plans_repo.add_items(session, plan.id, last + 1, [checked])
            await session.commit()
        view = await self._view_or_fail(meeting_id)
        return next(item for item in view.items if item.id == item_id)

    async def replace_items(self, meeting_id: int, drafts: Sequence[ItemDraft]) -> PlanView:
        """Put ``drafts`` in place of every item of the draft (an uploaded file): all of them
        or, on any problem, none."""
        if not drafts:
            raise PlanError(PlanErrorReason.NO_ITEMS)
        if len(drafts) > MAX_ITEMS:
            raise PlanError(PlanErrorReason.TOO_MANY_ITEMS, limit=MAX_ITEMS)
        checked = [await self.check_item(meeting_id, draft) for draft in drafts]
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            for draft in checked:
                await _check_questions(session, meeting_id, draft.question_ids)
            await plans_repo.delete_items(session, plan.id)
            await plans_repo.add_items(session, plan.id, 1, checked)
            await session.commit()
        return await self._view_or_fail(meeting_id)

    async def remove_item(self, meeting_id: int, position: int) -> PlanView:
        """Delete item ``position`` of the draft; the ones after it move up."""
        async with self._sessions() as session:
            plan = await self._draft(session, meeting_id)
            if not await plans_repo.remove_item(session, plan.id, position):
                raise PlanError(PlanErrorReason.ITEM_NOT_FOUND, value=str(position))
            await session.commit()
        return await self._view_or_fail(meeting_id)

    async def _view_or_fail(self, meeting_id: int) -> PlanView:
        plan = await self.plan(meeting_id)
        if plan is None:
            raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
        return plan

    # --- publishing -----------------------------------------------------------------------------

    async def publish(self, meeting_id: int, actor_id: int) -> PublishResult:
        """Publish the draft, close the meeting, and tell the audience and the people whose
        questions the plan answers, all in one transaction.

        Publishing twice (a double tap, two officials) publishes and notifies once.
        """
        now = self._clock.now()
        async with self._sessions() as session:
            current = await self._plan(session, meeting_id)
            if current is None:
                raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
            if current.published:
                return PublishResult(current, True, current.days_late(self.today()), 0)
            _check_plannable(current.meeting)
            if not current.summary:
                raise PlanError(PlanErrorReason.NO_SUMMARY)
            if not current.items:
                raise PlanError(PlanErrorReason.NO_ITEMS)
            if not await plans_repo.publish_plan(
                session, current.id, now, actor_id, current.meeting.due_on
            ):
                await session.rollback()
                again = await self._view_or_fail(meeting_id)
                return PublishResult(again, True, again.days_late(self.today()), 0)
            # The results are out: the meeting's cycle is complete (draft → announced → held →
            # closed, services/lifecycle.py). In this transaction, so a published plan never
            # sits beside a meeting still waiting for one.
            await plans_repo.close_meeting(
                session, meeting_id, now, [MeetingStatus.HELD, *OPEN_MEETING_STATUSES]
            )
            await self._access.audit(
                actor_id,
                "plan.publish",
                akimat_id=current.meeting.host_akimat_id,
                target=f"meeting:{meeting_id}",
                detail=f"items={len(current.items)} days_late={current.days_late(self.today())}",
                session=session,
            )
            plan = _published_copy(current, now, actor_id)
            # Personal versions first: the general one to the audience then skips those chat
            # ids (the outbox keeps one row per key and chat).
            notified = await self._notify_personal(
                session, plan, lambda lines: PlanPublished(plan, lines), states=None
            )
            audience_code = await plans_repo.audience_code(session, meeting_id)
            if audience_code is not None:
                notified += await self._outbox.notify(
                    session, PlanPublished(plan), audience_query(audience_code)
                )
            await session.commit()
        published = await self._view_or_fail(meeting_id)
        return PublishResult(published, False, published.days_late(self.today()), notified)

    async def _notify_personal(
        self,
        session: AsyncSession,
        plan: PlanView,
        notice: Callable[[tuple[LinkedLine, ...]], Notice],
        *,
        states: Mapping[int, EntryView] | None,
    ) -> int:
        """Tell each author and supporter of a linked question which item answers it.

        ``notice`` makes the notice carrying one person's lines. People with the same lines
        share one notice (the supporters of one question usually do), so a question with
        thousands of supporters costs one payload per language.
        """
        by_item = {item.id: item for item in plan.items}
        linked = [
            (question.id, question.public_number, item_id)
            for item_id, item in by_item.items()
            for question in item.questions
        ]
        if not linked:
            return 0
        question_ids = sorted({question_id for question_id, _, _ in linked})
        authors = await plans_repo.question_authors(session, question_ids)
        supporters: dict[int, list[int]] = defaultdict(list)
        for question_id, user_id in await plans_repo.question_supporters(session, question_ids):
            supporters[question_id].append(user_id)
        lines: dict[int, set[LinkedLine]] = defaultdict(set)
        for question_id, number, item_id in linked:
            item = by_item[item_id]
            entry = states.get(item_id) if states is not None else None
            status = entry.status if entry else item.status
            percent = entry.percent if entry else item.percent
            author = authors.get(question_id)
            people = [(author, True)] if author is not None else []
            people += [(user_id, False) for user_id in supporters[question_id]]
            for user_id, own in people:
                lines[user_id].add(
                    LinkedLine(number, own, item.position, item.due_on, status, percent)
                )
        reachable = await self._reachable(session, list(lines))
        groups: dict[tuple[LinkedLine, ...], list[Recipient]] = defaultdict(list)
        for user_id, locale in reachable.items():
            # A person who wrote a question and supported another sees their own first.
            ordered = tuple(
                sorted(lines[user_id], key=lambda line: (not line.own, line.position, line.number))
            )
            groups[ordered].append(Recipient(user_id, locale))
        written = 0
        for ordered, recipients in groups.items():
            written += await self._outbox.notify(session, notice(ordered), recipients)
        return written

    async def _reachable(self, session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str]:
        """Of these people, those who can be written to (active, consent given), with their
        language."""
        return {
            user_id: locale or self._default_locale
            for user_id, locale in await plans_repo.reachable_locales(session, user_ids)
        }

    # --- official lists -------------------------------------------------------------------------

    async def awaiting(self, akimat_ids: Sequence[int] | None, limit: int = 20) -> list[PlanBrief]:
        """Meetings of these akimats (every akimat: None) that are over and whose plan is not
        published yet, the oldest first: the most urgent on top."""
        now = self._clock.now()
        async with self._sessions() as session:
            ids = await plans_repo.meetings_awaiting_plan(
                session, akimat_ids, now, OPEN_MEETING_STATUSES, limit
            )
            return [await self._brief(session, meeting_id) for meeting_id in ids]

    async def published_for_akimats(
        self, akimat_ids: Sequence[int] | None, limit: int = 20
    ) -> list[PlanBrief]:
        """Published plans of these akimats, newest first (quarterly progress is due on them)."""
        async with self._sessions() as session:
            ids = await plans_repo.meetings_with_published_plan(session, akimat_ids, limit)
            return [await self._brief(session, meeting_id) for meeting_id in ids]

    async def _brief(self, session: AsyncSession, meeting_id: int) -> PlanBrief:
        meeting = await self._meeting(session, meeting_id)
        assert meeting is not None
        row = await plans_repo.plan_brief(session, meeting_id)
        plan_id, published_at = row if row else (None, None)
        count = 0
        if plan_id is not None:
            count = await plans_repo.count_items(session, plan_id)
        return PlanBrief(plan_id, meeting, published_at, count)

    # --- citizens -------------------------------------------------------------------------------

    async def plans_for_user(self, user_id: int, page: int, page_size: int) -> Page[PlanBrief]:
        """Published plans of the meetings the person hears of, and of those they follow,
        newest first."""
        async with self._sessions() as session:
            subscriptions = await subscriptions_of(session, user_id)
            seen = meetings_seen_by(subscriptions)
            total = await plans_repo.count_visible_plans(session, user_id, seen)
            last = max(0, (total - 1) // page_size)
            offset = min(max(page, 0), last) * page_size
            ids = await plans_repo.visible_plan_meetings(session, user_id, seen, offset, page_size)
            items = [await self._brief(session, meeting_id) for meeting_id in ids]
        return Page(items=items, total=total, offset=offset, page_size=page_size)

    async def is_following(self, plan_id: int, user_id: int) -> bool:
        async with self._sessions() as session:
            return await plans_repo.is_following(session, plan_id, user_id)

    async def follow(self, meeting_id: int, user_id: int, on: bool) -> bool:
        """Set (not flip: a double tap cannot undo itself) whether the person follows the
        published plan of the meeting; returns the new state. PlanError when there is no
        published plan."""
        async with self._sessions() as session:
            plan = await plans_repo.published_plan_of_meeting(session, meeting_id)
            if plan is None:
                raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
            await plans_repo.set_following(session, plan.id, user_id, on)
            try:
                await session.commit()
            except IntegrityError:
                # The same tap twice at once: the other one followed already.
                await session.rollback()
        return on

    async def history(self, plan_id: int) -> list[ReportView]:
        """The published quarterly reports of a plan, newest first."""
        async with self._sessions() as session:
            reports = await plans_repo.published_reports(session, plan_id)
            return [await self._report_view(session, report) for report in reports]

    async def report(self, report_id: int) -> ReportView | None:
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id)
            return await self._report_view(session, report) if report else None

    async def _report_view(self, session: AsyncSession, report: ProgressReport) -> ReportView:
        entries = await plans_repo.entries_of(session, report.id)
        quarter = Quarter(report.year, report.quarter)
        return ReportView(
            id=report.id,
            plan_id=report.plan_id,
            quarter=quarter,
            due_on=self.progress_due_date(quarter),
            published_at=report.published_at,
            entries={
                entry.item_id: EntryView(entry.item_id, entry.status, entry.percent, entry.comment)
                for entry in entries
            },
        )

    async def plan_of_report(self, report_id: int) -> PlanView | None:
        async with self._sessions() as session:
            meeting_id = await plans_repo.meeting_of_report(session, report_id)
            return await self._plan(session, meeting_id) if meeting_id is not None else None

    # --- quarterly progress ---------------------------------------------------------------------

    async def quarters(self, meeting_id: int) -> QuarterChoice:
        """Which quarters of a published plan can be reported on today (see QuarterChoice)."""
        plan = await self.published_plan(meeting_id)
        if plan is None or plan.published_on is None:
            raise PlanError(PlanErrorReason.PLAN_NOT_FOUND)
        async with self._sessions() as session:
            done = {
                Quarter(year, number)
                for year, number in await plans_repo.published_quarters(session, plan.id)
            }
        first = Quarter.of(plan.published_on)
        ended = Quarter.of(self.today()).previous()
        options: list[Quarter] = []
        quarter = first
        while quarter <= ended:
            options.append(quarter)
            quarter = quarter.next()
        open_ = tuple(q for q in options if q not in done)
        return QuarterChoice(
            default=open_[0] if open_ else None,
            open=open_,
            published=tuple(sorted(done, reverse=True)),
            upcoming=Quarter.of(self.today()),
        )

    async def open_report(self, meeting_id: int, quarter: Quarter) -> ReportDraft:
        """The draft report of ``quarter`` (created if missing); PlanError when the quarter has
        not ended, is before the plan, or is already published."""
        choice = await self.quarters(meeting_id)
        if quarter in choice.published:
            raise PlanError(PlanErrorReason.REPORT_PUBLISHED)
        if quarter not in choice.open:
            raise PlanError(PlanErrorReason.QUARTER_NOT_OPEN)
        plan = await self.published_plan(meeting_id)
        assert plan is not None
        async with self._sessions() as session:
            report_id = await plans_repo.report_id_for(
                session, plan.id, quarter.year, quarter.number
            )
            if report_id is None:
                report = plans_repo.add_report(session, plan.id, quarter.year, quarter.number)
                try:
                    await session.commit()
                    report_id = report.id
                except IntegrityError:
                    await session.rollback()
                    report_id = await plans_repo.report_id_for(
                        session, plan.id, quarter.year, quarter.number
                    )
        assert report_id is not None
        draft = await self.report_draft(report_id)
        assert draft is not None
        return draft

    async def report_draft(self, report_id: int) -> ReportDraft | None:
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id)
            if report is None:
                return None
            meeting_id = await plans_repo.meeting_of_plan(session, report.plan_id)
            plan = await self._plan(session, meeting_id) if meeting_id is not None else None
            if plan is None:
                return None
            return ReportDraft(plan, await self._report_view(session, report))

    async def set_entry(
        self,
        report_id: int,
        item_id: int,
        status: PlanItemStatus,
        percent: int | None,
        comment: str | None,
    ) -> ReportDraft:
        """Record one item's state in a draft report.

        Done is 100 % and not started is 0 % whatever was typed; in progress and overdue take
        0–99 (100 % is "done").
        """
        if status is PlanItemStatus.DONE:
            percent = 100
        elif status is PlanItemStatus.NOT_STARTED:
            percent = 0
        elif percent is None or not 0 <= percent <= 99:
            raise PlanError(PlanErrorReason.BAD_PERCENT, value=str(percent))
        cleaned = clean_text(comment) if comment else None
        if cleaned is not None and len(cleaned) > MAX_COMMENT:
            raise PlanError(PlanErrorReason.TOO_LONG, limit=MAX_COMMENT, length=len(cleaned))
        async with self._sessions() as session:
            report = await plans_repo.get_report(session, report_id, for_update=True)
            if report is None:
                raise PlanError(PlanErrorReason.REPORT_NOT_FOUND)
            if report.published_at is not None:
                raise PlanError(PlanErrorReason.REPORT_PUBLISHED)
            item = await plans_repo.get_item(session, item_id)
            if item is None or item.plan_id != report.plan_id:
                raise PlanError(PlanErrorReason.ITEM_NOT_FOUND)
            await plans_repo.put_entry(
                session, report_id, item_id, status, percent, cleaned or None
            )
            await session.commit()
        draft = await self.report_draft(report_id)
        assert draft is not None
        return draft

    async def publish_report(self, report_id: int, actor_id: int) -> ReportPublishResult:
        """Publish a complete draft report: the items take its states, and the plan's followers
        and the authors and supporters of its linked questions are told, in one transaction."""
        now = self._clock.now()
        draft = await self.report_draft(report_id)
        if draft is None:
            raise PlanError(PlanErrorReason.REPORT_NOT_FOUND)
        if draft.report.published:
            return ReportPublishResult(draft, True, self._report_days_late(draft.report), 0)
        if not draft.complete:
            raise PlanError(PlanErrorReason.REPORT_INCOMPLETE, length=len(draft.missing))
        async with self._sessions() as session:
            if not await plans_repo.publish_report(session, report_id, now, actor_id):
                await session.rollback()
                again = await self.report_draft(report_id)
                assert again is not None
                return ReportPublishResult(again, True, self._report_days_late(again.report), 0)
            for entry in draft.report.entries.values():
                await plans_repo.set_item_state(
                    session, entry.item_id, entry.status, entry.percent, entry.comment
                )
            report = ReportView(
                id=draft.report.id,
                plan_id=draft.report.plan_id,
                quarter=draft.report.quarter,
                due_on=draft.report.due_on,
                published_at=now,
                entries=draft.report.entries,
            )
            plan = _with_states(draft.plan, report.entries)
            notified = await self._notify_personal(
                session,
                plan,
                lambda lines: ProgressPublished(plan, report, lines),
                states=report.entries,
            )
            notified += await self._outbox.notify(
                session, ProgressPublished(plan, report), plans_repo.followers_query(plan.id)
            )
            await self._access.audit(
                actor_id,
                "plan.progress",
                akimat_id=plan.meeting.host_akimat_id,
                target=f"meeting:{plan.meeting.id}",
                detail=f"quarter={report.quarter.year}Q{report.quarter.number}",
                session=session,
            )
            await session.commit()
        published = await self.report_draft(report_id)
        assert published is not None
        return ReportPublishResult(
            published, False, self._report_days_late(published.report), notified
        )

    def _report_days_late(self, report: ReportView) -> int:
        if report.due_on is None:
            return 0
        day = self.local_date(report.published_at) if report.published_at else self.today()
        return max(0, (day - report.due_on).days)


# -------------------------------------------------------------------------------------------------
# Helpers


def _check_plannable(meeting: PlanMeeting | None) -> None:
    if meeting is None:
        raise PlanError(PlanErrorReason.MEETING_NOT_FOUND)
    if meeting.status is MeetingStatus.CANCELLED:
        raise PlanError(PlanErrorReason.MEETING_CANCELLED)
    if not meeting.plannable:
        raise PlanError(PlanErrorReason.MEETING_NOT_OVER)


async def _check_questions(
    session: AsyncSession, meeting_id: int, question_ids: Sequence[int]
) -> None:
    if len(question_ids) > MAX_LINKED:
        raise PlanError(
            PlanErrorReason.TOO_MANY_QUESTIONS, limit=MAX_LINKED, length=len(question_ids)
        )
    if not question_ids:
        return
    found = await plans_repo.questions_of_meeting(session, meeting_id, question_ids)
    missing = [question_id for question_id in question_ids if question_id not in found]
    if missing:
        raise PlanError(PlanErrorReason.UNKNOWN_QUESTION, value=str(missing[0]))


def _item_view(item: PlanItem, questions: tuple[LinkedQuestion, ...]) -> PlanItemView:
    return PlanItemView(
        id=item.id,
        position=item.position,
        problem=item.problem,
        measure=item.measure,
        executor=item.executor,
        due_on=item.due_on,
        status=item.status,
        percent=item.percent,
        comment=item.comment,
        questions=questions,
    )


def _published_copy(plan: PlanView, now: datetime, actor_id: int) -> PlanView:
    return PlanView(
        id=plan.id,
        meeting=plan.meeting,
        summary=plan.summary,
        published_at=now,
        published_by=actor_id,
        due_on=plan.meeting.due_on,
        items=plan.items,
        tz=plan.tz,
    )


def _with_states(plan: PlanView, entries: Mapping[int, EntryView]) -> PlanView:
    """The plan as it reads once these entries are its items' current states."""
    items = []
    for item in plan.items:
        entry = entries.get(item.id)
        if entry is None:
            items.append(item)
            continue
        items.append(
            PlanItemView(
                id=item.id,
                position=item.position,
                problem=item.problem,
                measure=item.measure,
                executor=item.executor,
                due_on=item.due_on,
                status=entry.status,
                percent=entry.percent,
                comment=entry.comment,
                questions=item.questions,
            )
        )
    return PlanView(
        id=plan.id,
        meeting=plan.meeting,
        summary=plan.summary,
        published_at=plan.published_at,
        published_by=plan.published_by,
        due_on=plan.due_on,
        items=tuple(items),
        tz=plan.tz,
    )


__all__ = [
    "MAX_COMMENT",
    "MAX_DEADLINE_YEARS",
    "MAX_EXECUTOR",
    "MAX_ITEMS",
    "MAX_LINKED",
    "MAX_MEASURE",
    "MAX_PROBLEM",
    "MAX_SUMMARY",
    "MIN_TEXT",
    "EntryView",
    "ItemDraft",
    "LinkedLine",
    "LinkedQuestion",
    "PlanBrief",
    "PlanError",
    "PlanErrorReason",
    "PlanItemView",
    "PlanMeeting",
    "PlanService",
    "PlanState",
    "PlanView",
    "PublishResult",
    "Quarter",
    "QuarterChoice",
    "QuestionRef",
    "ReportDraft",
    "ReportPublishResult",
    "ReportView",
    "check_deadline",
    "check_text",
    "clean_text",
    "normalize_number",
    "split_numbers",
]
