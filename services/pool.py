"""The official side of a meeting's questions and proposals: the pool of problem issues.

Seed 001 (`001_03764bfba3be1069.txt`), clause 3.4: a commission collects the population's requests
and proposals before the meeting to form the pool of problem issues. Here an official of the host
akimat works through what citizens sent (services/questions.py is the citizens' side): accepts an
item into the pool, answers it, rejects it with a reason, or merges a duplicate into another one.
An official of a higher akimat may look, but only the host akimat acts (services/access.py).

Every change and the notices it causes commit in one transaction (services/outbox.py): the
citizen is told exactly once, in their own language, or the change did not happen.
"""

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from regulation import FeedbackIndex, feedback_index
from services.access import AccessService, Right
from services.audit import AuditAction, AuditDetail
from services.clock import Clock
from services.meetings import OPEN_MEETING_STATUSES
from services.notices import MergeRole, QuestionMerged, QuestionResolved, Resolution
from services.outbox import Outbox, Reach, Recipient
from services.paging import Page
from storage.models import (
    Meeting,
    MeetingStatus,
    Question,
    QuestionKind,
    QuestionStatus,
)
from storage.repositories import questions as question_rows
from storage.unit_of_work import SessionSource

ANSWER_MIN_LENGTH = 10
# An answer, its question and the frame around them fit in one Telegram message (4096).
ANSWER_MAX_LENGTH = 2000
REASON_MIN_LENGTH = 5
REASON_MAX_LENGTH = 1000
# How much of the question a notice quotes: enough to recognise it.
NOTICE_QUOTE_LIMIT = 300

# What an official can still act on: answered, rejected and merged are final.
OPEN_STATUSES = (QuestionStatus.NEW, QuestionStatus.ACCEPTED)
# What a duplicate may be merged into: anything still standing in the pool.
MERGE_TARGET_STATUSES = (QuestionStatus.NEW, QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED)
EXPORT_BATCH = 500
MEETINGS_SHOWN = 10


class PoolAction(StrEnum):
    ACCEPT = "accept"
    ANSWER = "answer"
    REJECT = "reject"
    MERGE = "merge"


class PoolErrorReason(StrEnum):
    MEETING_NOT_FOUND = "meeting_not_found"
    QUESTION_NOT_FOUND = "question_not_found"
    # The question was answered, rejected or merged already (perhaps by a colleague).
    ALREADY_DONE = "already_done"
    # Accepting what is accepted already.
    ALREADY_ACCEPTED = "already_accepted"
    # A merge target of another meeting, the question itself, or one no longer in the pool.
    BAD_TARGET = "bad_target"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


class PoolError(Exception):
    def __init__(
        self,
        reason: PoolErrorReason,
        *,
        status: QuestionStatus | None = None,
        length: int = 0,
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        # For ALREADY_DONE: what became of the question.
        self.status = status
        # For TOO_SHORT / TOO_LONG: the length of the text that was refused.
        self.length = length


@dataclass(frozen=True, slots=True)
class PoolMeeting:
    id: int
    status: MeetingStatus
    starts_at: datetime
    questions_cutoff: datetime
    host_akimat_id: int
    host_name_kk: str
    host_name_ru: str
    # Whether the viewer may act (an official of the host akimat, or an admin) or only read.
    can_act: bool
    # The collection closes at the cutoff (and with the meeting's start, whichever is first).
    collection_open: bool


@dataclass(frozen=True, slots=True)
class PoolItem:
    id: int
    meeting_id: int
    public_number: str
    kind: QuestionKind
    status: QuestionStatus
    text: str
    photo_file_id: str | None
    support_count: int
    created_at: datetime
    resolution: str | None
    merged_into_id: int | None
    merged_into_number: str | None
    status_changed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class PoolCounts:
    """How many items of a meeting are in each status (with the kind filter applied)."""

    by_status: dict[QuestionStatus, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def of(self, status: QuestionStatus | None) -> int:
        return self.total if status is None else self.by_status.get(status, 0)


@dataclass(frozen=True, slots=True)
class ActionResult:
    item: PoolItem
    # How many people the change is told to now (outbox rows written and sent at once)...
    notified: int
    # ...and how many it waits for until their quiet hours end.
    held: int = 0
    # For a merge: the question the duplicate went into, as it is now.
    target: PoolItem | None = None


@dataclass(frozen=True, slots=True)
class MeetingRef:
    """A meeting in the list `/pool` shows without a number."""

    id: int
    status: MeetingStatus
    starts_at: datetime
    host_name_kk: str
    host_name_ru: str
    open_items: int


@dataclass(frozen=True, slots=True)
class FeedbackCounts:
    """The inputs of the feedback index (seed 004, clauses 20 and 22) for one akimat and period.

    Counted over the questions and proposals *received* in the period (by when they were sent),
    with their outcome as it stands now, so a part never exceeds its whole:

    - ``proposals_received`` (C) and ``proposals_accepted`` (B): a proposal counts as accepted
      once it was taken into the pool of problem issues (accepted) or answered;
    - ``questions_received`` (G) and ``questions_answered`` (E): a question counts as answered
      once its answer was sent; a rejection is not an answer.

    A merged duplicate counts as received, with the outcome of the question it was merged into:
    folding duplicates together neither raises nor lowers the index.
    """

    proposals_received: int
    proposals_accepted: int
    questions_received: int
    questions_answered: int

    def index(self, published: bool = True) -> FeedbackIndex:
        return feedback_index(
            self.proposals_accepted,
            self.proposals_received,
            self.questions_answered,
            self.questions_received,
            published=published,
        )


def validate_resolution(text: str, action: PoolAction) -> str:
    """An answer or a reason as stored (trimmed), or a PoolError saying why not."""
    cleaned = text.strip()
    low, high = (
        (ANSWER_MIN_LENGTH, ANSWER_MAX_LENGTH)
        if action is PoolAction.ANSWER
        else (REASON_MIN_LENGTH, REASON_MAX_LENGTH)
    )
    if len(cleaned) < low:
        raise PoolError(PoolErrorReason.TOO_SHORT, length=len(cleaned))
    if len(cleaned) > high:
        raise PoolError(PoolErrorReason.TOO_LONG, length=len(cleaned))
    return cleaned


def resolution_bounds(action: PoolAction) -> tuple[int, int]:
    if action is PoolAction.ANSWER:
        return ANSWER_MIN_LENGTH, ANSWER_MAX_LENGTH
    return REASON_MIN_LENGTH, REASON_MAX_LENGTH


def shorten(text: str, limit: int) -> str:
    """The start of a long text, cut before escaping so no HTML entity is cut in half."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class PoolService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo,
        access: AccessService,
        outbox: Outbox,
        default_locale: str,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz
        self._access = access
        self._outbox = outbox
        self._default_locale = default_locale

    # --- reading --------------------------------------------------------------------------

    async def open(
        self, actor_id: int, meeting_id: int, *, action: AuditAction = AuditAction.POOL_VIEW
    ) -> PoolMeeting:
        """The meeting's pool header, if ``actor_id`` may read it (else AccessDeniedError,
        audited); a meeting that does not exist is a PoolError."""
        async with self._sessions() as session:
            row = await question_rows.meeting_with_host(session, meeting_id)
        if row is None:
            raise PoolError(PoolErrorReason.MEETING_NOT_FOUND)
        meeting, name_kk, name_ru = row
        await self._access.require(
            actor_id,
            meeting.host_akimat_id,
            Right.READ,
            action=action,
            target=f"meeting:{meeting_id}",
        )
        can_act = await self._access.allowed(actor_id, meeting.host_akimat_id, Right.ACT)
        return self._pool_meeting(meeting, name_kk, name_ru, can_act)

    async def page(
        self,
        actor_id: int,
        meeting_id: int,
        *,
        status: QuestionStatus | None = None,
        kind: QuestionKind | None = None,
        offset: int = 0,
        limit: int = 5,
    ) -> tuple[PoolMeeting, PoolCounts, Page[PoolItem]]:
        """One page of a meeting's items, most supported first (ties: the oldest first, it
        waited longest), with the header and the count of each status."""
        meeting = await self.open(actor_id, meeting_id)
        offset, limit = max(offset, 0), max(limit, 1)
        async with self._sessions() as session:
            counts = PoolCounts(await question_rows.count_by_status(session, meeting_id, kind))
            total = counts.of(status)
            if offset >= total > 0:
                # A stale page (items moved on since): the last page there is.
                offset = (total - 1) // limit * limit
            rows = await question_rows.items(
                session, meeting_id, kind=kind, status=status, offset=offset, limit=limit
            )
        items = [_item(*row) for row in rows]
        return meeting, counts, Page(items=items, total=total, offset=offset, page_size=limit)

    async def item(self, actor_id: int, question_id: int) -> tuple[PoolMeeting, PoolItem]:
        """One question with its meeting, if ``actor_id`` may read it."""
        item = await self._item_by_id(question_id)
        meeting = await self.open(actor_id, item.meeting_id)
        return meeting, item

    async def merge_candidates(
        self, actor_id: int, question_id: int, offset: int = 0, limit: int = 5
    ) -> tuple[PoolItem, Page[PoolItem]]:
        """What a duplicate may be merged into: the meeting's other items still in the pool,
        most supported first."""
        duplicate = await self._item_by_id(question_id)
        await self.open(actor_id, duplicate.meeting_id)
        offset, limit = max(offset, 0), max(limit, 1)
        async with self._sessions() as session:
            total = await question_rows.count_items(
                session,
                duplicate.meeting_id,
                exclude_id=duplicate.id,
                statuses=MERGE_TARGET_STATUSES,
            )
            if offset >= total > 0:
                offset = (total - 1) // limit * limit
            rows = await question_rows.items(
                session,
                duplicate.meeting_id,
                exclude_id=duplicate.id,
                statuses=MERGE_TARGET_STATUSES,
                offset=offset,
                limit=limit,
            )
        page = Page(
            items=[_item(*row) for row in rows], total=total, offset=offset, page_size=limit
        )
        return duplicate, page

    async def meetings_for(self, actor_id: int, limit: int = MEETINGS_SHOWN) -> list[MeetingRef]:
        """The meetings whose pool ``actor_id`` works on: those hosted by their akimats (for an
        admin, any), newest first, drafts left out (they take no questions)."""
        akimat_ids = await self._access.listed_akimat_ids(actor_id)
        if akimat_ids is not None and not akimat_ids:
            return []
        async with self._sessions() as session:
            rows = await question_rows.pool_meetings(
                session,
                counted_statuses=OPEN_STATUSES,
                without_status=MeetingStatus.DRAFT,
                akimat_ids=akimat_ids,
                limit=limit,
            )
        return [MeetingRef(*row) for row in rows]

    async def export_rows(self, actor_id: int, meeting_id: int) -> AsyncIterator[list[PoolItem]]:
        """Every item of a meeting in batches, most supported first, for the XLSX export.

        Keyset batches, each read in its own short session, so a meeting of any size is never
        held in memory whole nor keeps a transaction open while the workbook is written.
        """
        await self.open(actor_id, meeting_id, action=AuditAction.POOL_EXPORT)
        last: tuple[int, int] | None = None
        while True:
            async with self._sessions() as session:
                rows = await question_rows.items_after(session, meeting_id, last, EXPORT_BATCH)
            if not rows:
                return
            yield [_item(*row) for row in rows]
            if len(rows) < EXPORT_BATCH:
                return
            tail = rows[-1][0]
            last = (tail.support_count, tail.id)

    # --- acting ---------------------------------------------------------------------------

    async def accept(self, actor_id: int, question_id: int) -> ActionResult:
        """Take an item into the pool of problem issues (seed 001, clause 3.4); its author and
        supporters are told."""
        target = await self.authorize(actor_id, question_id, PoolAction.ACCEPT)
        now = self._clock.now()
        async with self._sessions() as session:
            changed = await question_rows.change_status(
                session,
                question_id,
                only_from=(QuestionStatus.NEW,),
                status=QuestionStatus.ACCEPTED,
                resolved_by=actor_id,
                at=now,
            )
            if not changed:
                await self._refuse_state(session, question_id, PoolAction.ACCEPT)
            facts = await _question_facts(session, question_id)
            notified = await self._tell(session, facts, Resolution.ACCEPTED)
            await self._access.audit(
                actor_id,
                AuditAction.POOL_ACCEPT,
                akimat_id=target,
                target=f"question:{question_id}",
                session=session,
            )
            await session.commit()
        return ActionResult(
            item=await self._item_by_id(question_id), notified=notified.now, held=notified.held
        )

    async def answer(self, actor_id: int, question_id: int, text: str) -> ActionResult:
        """Answer an item; the answer goes to its author and every supporter."""
        return await self._resolve(actor_id, question_id, text, PoolAction.ANSWER)

    async def reject(self, actor_id: int, question_id: int, reason: str) -> ActionResult:
        """Reject an item with a reason, which is sent to its author."""
        return await self._resolve(actor_id, question_id, reason, PoolAction.REJECT)

    async def merge(self, actor_id: int, duplicate_id: int, target_id: int) -> ActionResult:
        """Fold a duplicate into another item of the same meeting.

        The duplicate's supports move to the target (a person who supported both counts once),
        its author becomes a supporter of the target (unless they wrote the target too), items
        merged into the duplicate before now point at the target, and both authors (and the
        duplicate's supporters) are told. The duplicate keeps its text and number, with status
        merged, so its author can still find it.
        """
        akimat_id = await self.authorize(actor_id, duplicate_id, PoolAction.MERGE)
        now = self._clock.now()
        async with self._sessions() as session:
            # Lock both rows before reading them: two officials merging A into B and B into A
            # at once must not both succeed.
            await question_rows.lock(session, (duplicate_id, target_id))
            duplicate = await question_rows.get_fresh(session, duplicate_id)
            target = await question_rows.get_fresh(session, target_id)
            if duplicate is None:
                raise PoolError(PoolErrorReason.QUESTION_NOT_FOUND)
            if duplicate.status not in OPEN_STATUSES:
                raise PoolError(PoolErrorReason.ALREADY_DONE, status=duplicate.status)
            if (
                target is None
                or target.id == duplicate.id
                or target.meeting_id != duplicate.meeting_id
                or target.status not in MERGE_TARGET_STATUSES
            ):
                raise PoolError(PoolErrorReason.BAD_TARGET)

            # Supports a person gave after /forget are gone as rows but still count (see
            # Question.support_count); they are carried over as a number.
            target_rows = await question_rows.support_rows(session, target.id)
            duplicate_rows = await question_rows.support_rows(session, duplicate.id)
            carried = max(0, target.support_count - len(target_rows)) + max(
                0, duplicate.support_count - len(duplicate_rows)
            )
            already = set(target_rows)
            moved: dict[int, datetime] = {}
            for user_id, supported_at in duplicate_rows.items():
                if user_id not in already and user_id != target.author_id:
                    moved[user_id] = supported_at
            if duplicate.author_id is None:
                # An author who used /forget: their voice still counts, anonymously.
                carried += 1
            elif duplicate.author_id != target.author_id and duplicate.author_id not in already:
                moved.setdefault(duplicate.author_id, duplicate.created_at)
            # The supports go with the duplicate, and earlier duplicates of the duplicate now
            # point at what it went into: no chains.
            await question_rows.move_supports(session, duplicate.id, target.id, moved)
            await question_rows.mark_merged(
                session,
                duplicate,
                target,
                resolved_by=actor_id,
                at=now,
                target_support_count=len(target_rows) + len(moved) + carried,
            )

            dup_context = await _question_facts(session, duplicate.id)
            target_context = await _question_facts(session, target.id)
            notified = await self._tell_merged(
                session, dup_context, target_context, set(duplicate_rows)
            )
            await self._access.audit(
                actor_id,
                AuditAction.POOL_MERGE,
                akimat_id=akimat_id,
                target=f"question:{duplicate.id}",
                detail=AuditDetail(into_question=target.id),
                session=session,
            )
            await session.commit()
        return ActionResult(
            item=await self._item_by_id(duplicate_id),
            notified=notified.now,
            held=notified.held,
            target=await self._item_by_id(target_id),
        )

    # --- the feedback index -----------------------------------------------------------------

    async def feedback_counts(
        self, akimat_id: int, since: datetime, until: datetime
    ) -> FeedbackCounts:
        """What the feedback index (seed 004, clauses 20-23) is computed from, for the meetings
        ``akimat_id`` hosted, over the items received in [since, until)."""
        # A merged duplicate takes the status of the item it went into (the repository reads
        # it so). A proposal taken into the pool counts as accepted; a rejection is no answer.
        async with self._sessions() as session:
            totals = await question_rows.feedback_totals(
                session,
                akimat_id,
                since,
                until,
                counted_as_accepted=(QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED),
                counted_as_answered=(QuestionStatus.ANSWERED,),
            )
        proposals = totals.get(QuestionKind.PROPOSAL, (0, 0, 0))
        questions = totals.get(QuestionKind.QUESTION, (0, 0, 0))
        return FeedbackCounts(
            proposals_received=proposals[0],
            proposals_accepted=proposals[1],
            questions_received=questions[0],
            questions_answered=questions[2],
        )

    # --- rights and the inside ---------------------------------------------------------------

    async def authorize(self, actor_id: int, question_id: int, action: PoolAction) -> int:
        """The host akimat of the question, once ``actor_id`` proved the right to act on it
        (else AccessDeniedError, audited). Every act calls it; a handler also calls it before
        asking an official to type an answer, so nobody writes one they may not send."""
        async with self._sessions() as session:
            akimat_id = await question_rows.host_akimat_of(session, question_id)
        if akimat_id is None:
            raise PoolError(PoolErrorReason.QUESTION_NOT_FOUND)
        await self._access.require(
            actor_id,
            akimat_id,
            Right.ACT,
            action=AuditAction(f"pool.{action.value}"),
            target=f"question:{question_id}",
        )
        return akimat_id

    async def _resolve(
        self, actor_id: int, question_id: int, text: str, action: PoolAction
    ) -> ActionResult:
        cleaned = validate_resolution(text, action)
        akimat_id = await self.authorize(actor_id, question_id, action)
        status = (
            QuestionStatus.ANSWERED if action is PoolAction.ANSWER else QuestionStatus.REJECTED
        )
        now = self._clock.now()
        async with self._sessions() as session:
            # Conditional on the status: two officials answering at once store (and send) one
            # answer, and the second is told what happened.
            changed = await question_rows.change_status(
                session,
                question_id,
                only_from=OPEN_STATUSES,
                status=status,
                resolved_by=actor_id,
                at=now,
                resolution=cleaned,
            )
            if not changed:
                await self._refuse_state(session, question_id, action)
            facts = await _question_facts(session, question_id)
            resolution = (
                Resolution.ANSWERED if action is PoolAction.ANSWER else Resolution.REJECTED
            )
            notified = await self._tell(session, facts, resolution, cleaned)
            await self._access.audit(
                actor_id,
                AuditAction(f"pool.{action.value}"),
                akimat_id=akimat_id,
                target=f"question:{question_id}",
                detail=AuditDetail(text=cleaned),
                session=session,
            )
            await session.commit()
        return ActionResult(
            item=await self._item_by_id(question_id), notified=notified.now, held=notified.held
        )

    async def _refuse_state(
        self, session: AsyncSession, question_id: int, action: PoolAction
    ) -> None:
        current = await question_rows.status_of(session, question_id)
        if current is None:
            raise PoolError(PoolErrorReason.QUESTION_NOT_FOUND)
        if action is PoolAction.ACCEPT and current is QuestionStatus.ACCEPTED:
            raise PoolError(PoolErrorReason.ALREADY_ACCEPTED, status=current)
        raise PoolError(PoolErrorReason.ALREADY_DONE, status=current)

    async def _item_by_id(self, question_id: int) -> PoolItem:
        async with self._sessions() as session:
            row = await question_rows.item(session, question_id)
        if row is None:
            raise PoolError(PoolErrorReason.QUESTION_NOT_FOUND)
        return _item(*row)

    def _pool_meeting(
        self, meeting: Meeting, name_kk: str, name_ru: str, can_act: bool
    ) -> PoolMeeting:
        now = self._clock.now()
        return PoolMeeting(
            id=meeting.id,
            status=meeting.status,
            starts_at=meeting.starts_at,
            questions_cutoff=meeting.questions_cutoff,
            host_akimat_id=meeting.host_akimat_id,
            host_name_kk=name_kk,
            host_name_ru=name_ru,
            can_act=can_act,
            collection_open=meeting.status in OPEN_MEETING_STATUSES
            and now < meeting.questions_cutoff
            and now < meeting.starts_at,
        )

    async def _recipients(self, session: AsyncSession, user_ids: Iterable[int]) -> list[Recipient]:
        """Those of ``user_ids`` who can still be written to, each in their own language."""
        ids = sorted(set(user_ids))
        if not ids:
            return []
        rows = await question_rows.active_locales(session, ids)
        return [Recipient(user_id, locale or self._default_locale) for user_id, locale in rows]

    async def _tell(
        self,
        session: AsyncSession,
        question: "QuestionFacts",
        resolution: Resolution,
        answer: str | None = None,
    ) -> Reach:
        """Tell the author, and (but for a rejection, which is the author's business) the
        supporters."""
        authors = await self._recipients(
            session, [question.author_id] if question.author_id is not None else []
        )
        notified = await self._outbox.notify_reach(
            session, QuestionResolved(question, resolution, to_author=True, answer=answer), authors
        )
        if resolution is Resolution.REJECTED:
            return notified
        supporters = await self._recipients(
            session,
            (
                user_id
                for user_id in await question_rows.supporter_ids(session, question.id)
                if user_id != question.author_id
            ),
        )
        notified += await self._outbox.notify_reach(
            session,
            QuestionResolved(question, resolution, to_author=False, answer=answer),
            supporters,
        )
        return notified

    async def _tell_merged(
        self,
        session: AsyncSession,
        duplicate: "QuestionFacts",
        target: "QuestionFacts",
        duplicate_supporters: set[int],
    ) -> Reach:
        notified = Reach()
        if duplicate.author_id is not None:
            notified += await self._outbox.notify_reach(
                session,
                QuestionMerged(duplicate, target, MergeRole.AUTHOR),
                await self._recipients(session, [duplicate.author_id]),
            )
        # Their support moved with the duplicate: they follow the target now.
        moved = [
            user_id
            for user_id in duplicate_supporters
            if user_id not in (duplicate.author_id, target.author_id)
        ]
        notified += await self._outbox.notify_reach(
            session,
            QuestionMerged(duplicate, target, MergeRole.SUPPORTER),
            await self._recipients(session, moved),
        )
        if target.author_id is not None and target.author_id != duplicate.author_id:
            notified += await self._outbox.notify_reach(
                session,
                QuestionMerged(duplicate, target, MergeRole.TARGET_AUTHOR),
                await self._recipients(session, [target.author_id]),
            )
        return notified


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """What a notice about one question says, read inside the changing transaction."""

    id: int
    public_number: str
    kind: QuestionKind
    text: str
    status: QuestionStatus
    resolution: str | None
    support_count: int
    author_id: int | None
    starts_at: datetime
    host_name_kk: str
    host_name_ru: str


async def _question_facts(session: AsyncSession, question_id: int) -> QuestionFacts:
    question, starts_at, name_kk, name_ru = await question_rows.fresh_question_with_host(
        session, question_id
    )
    return QuestionFacts(
        id=question.id,
        public_number=question.public_number or "",
        kind=question.kind,
        text=question.text,
        status=question.status,
        resolution=question.resolution,
        support_count=question.support_count,
        author_id=question.author_id,
        starts_at=starts_at,
        host_name_kk=name_kk,
        host_name_ru=name_ru,
    )


def _item(question: Question, target_number: str | None) -> PoolItem:
    return PoolItem(
        id=question.id,
        meeting_id=question.meeting_id,
        public_number=question.public_number or "",
        kind=question.kind,
        status=question.status,
        text=question.text,
        photo_file_id=question.photo_file_id,
        support_count=question.support_count,
        created_at=question.created_at,
        resolution=question.resolution,
        merged_into_id=question.merged_into_id,
        merged_into_number=target_number,
        status_changed_at=question.status_changed_at,
    )


__all__ = [
    "ANSWER_MAX_LENGTH",
    "ANSWER_MIN_LENGTH",
    "REASON_MAX_LENGTH",
    "REASON_MIN_LENGTH",
    "ActionResult",
    "FeedbackCounts",
    "MeetingRef",
    "PoolAction",
    "PoolCounts",
    "PoolError",
    "PoolErrorReason",
    "PoolItem",
    "PoolMeeting",
    "PoolService",
    "QuestionFacts",
    "resolution_bounds",
    "shorten",
    "validate_resolution",
]
