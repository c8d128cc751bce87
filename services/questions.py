"""Citizens' questions and proposals sent before a meeting, and their supports ("me too").

The 2022 rules (seed `001_03764bfba3be1069.txt`, clause 3.4) have citizens' requests and
proposals collected before the meeting to form the pool of problem issues; the number a
citizen gets here (Q-2026-000123) is what they quote at the meeting or on the phone.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.meetings import OPEN_MEETING_STATUSES
from services.paging import Page
from storage.models import (
    MeetingStatus,
    Question,
    QuestionKind,
    QuestionStatus,
)
from storage.repositories import questions as question_rows
from storage.repositories.questions import QuestionWithHost
from storage.unit_of_work import SessionSource

MIN_LENGTH = 10
MAX_LENGTH = 1500
MIN_WORDS = 2
DEFAULT_TZ = ZoneInfo("Asia/Almaty")

# What citizens see in a meeting's list: a rejected question or one merged into another is no
# longer part of the pool, so nobody should be invited to support it.
PUBLIC_STATUSES = (QuestionStatus.NEW, QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED)
NUMBER_PREFIX = {QuestionKind.QUESTION: "Q", QuestionKind.PROPOSAL: "P"}


class QuestionErrorReason(StrEnum):
    MEETING_NOT_FOUND = "meeting_not_found"
    # A draft or cancelled meeting: nothing to send questions to.
    MEETING_NOT_OPEN = "meeting_not_open"
    # The questions cutoff passed, or the meeting was already held.
    MEETING_CLOSED = "meeting_closed"
    TOO_SHORT = "too_short"
    TOO_FEW_WORDS = "too_few_words"
    TOO_LONG = "too_long"


class QuestionError(Exception):
    def __init__(self, reason: QuestionErrorReason, *, length: int = 0) -> None:
        super().__init__(reason.value)
        self.reason = reason
        # The length of the rejected text, so the citizen is told how far off it was.
        self.length = length


class QuestionOrder(StrEnum):
    SUPPORT = "support"
    NEWEST = "newest"


class SupportResult(StrEnum):
    ADDED = "added"
    ALREADY = "already"
    OWN = "own"
    NOT_FOUND = "not_found"
    # The meeting started (or was cancelled): the pool is no longer being ranked.
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class MeetingBrief:
    """What the question flow needs to know of a meeting."""

    id: int
    status: MeetingStatus
    starts_at: datetime
    questions_cutoff: datetime
    host_name_kk: str
    host_name_ru: str

    def questions_open(self, now: datetime) -> bool:
        # A moved ("rescheduled") meeting is still coming: questions stay open.
        return self.status in OPEN_MEETING_STATUSES and now < self.questions_cutoff

    def supports_open(self, now: datetime) -> bool:
        # Supports rank the pool the akim answers; they make sense until the meeting begins,
        # even after new questions are no longer taken.
        return self.status in OPEN_MEETING_STATUSES and now < self.starts_at


@dataclass(frozen=True, slots=True)
class QuestionView:
    id: int
    meeting_id: int
    public_number: str
    kind: QuestionKind
    text: str
    photo_file_id: str | None
    status: QuestionStatus
    support_count: int
    created_at: datetime
    meeting_starts_at: datetime
    host_name_kk: str
    host_name_ru: str
    is_own: bool = False
    supported_by_viewer: bool = False
    # Set by `ask` when the same author already sent the same text for this meeting: the
    # existing question is returned instead of a second row.
    duplicate: bool = False
    # What the akimat decided (services/pool.py): the answer (answered) or the reason
    # (rejected), and for a merged duplicate the number of the question it went into.
    resolution: str | None = None
    merged_into_number: str | None = None


def validate_text(text: str) -> str:
    """The text as stored (spaces trimmed at the ends only), or a QuestionError saying why not."""
    cleaned = text.strip()
    if len(cleaned) < MIN_LENGTH:
        raise QuestionError(QuestionErrorReason.TOO_SHORT, length=len(cleaned))
    if len(cleaned) > MAX_LENGTH:
        raise QuestionError(QuestionErrorReason.TOO_LONG, length=len(cleaned))
    words = sum(1 for word in cleaned.split() if any(char.isalpha() for char in word))
    if words < MIN_WORDS:
        # "аааааааааааа" or a lone link is not something an akim can answer.
        raise QuestionError(QuestionErrorReason.TOO_FEW_WORDS, length=len(cleaned))
    return cleaned


def public_number(kind: QuestionKind, question_id: int, created_at: datetime, tz: ZoneInfo) -> str:
    return f"{NUMBER_PREFIX[kind]}-{created_at.astimezone(tz).year}-{question_id:06d}"


class QuestionService:
    def __init__(
        self,
        session_factory: SessionSource,
        clock: Clock,
        tz: ZoneInfo = DEFAULT_TZ,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._tz = tz

    async def meeting(self, meeting_id: int) -> MeetingBrief | None:
        async with self._sessions() as session:
            return await _meeting_brief(session, meeting_id)

    async def ensure_open(self, meeting_id: int) -> MeetingBrief:
        """The meeting, if it takes questions now; else a QuestionError with the reason."""
        async with self._sessions() as session:
            return _check_open(await _meeting_brief(session, meeting_id), self._clock.now())

    async def ask(
        self,
        user_id: int,
        meeting_id: int,
        kind: QuestionKind,
        text: str,
        photo_file_id: str | None = None,
    ) -> QuestionView:
        cleaned = validate_text(text)
        now = self._clock.now()
        async with self._sessions() as session:
            brief = _check_open(await _meeting_brief(session, meeting_id), now)
            # The author's row is locked first, so two identical sends racing each other
            # cannot both pass the duplicate check below.
            await question_rows.lock_author(session, user_id)
            existing = await question_rows.same_text(session, meeting_id, user_id, cleaned)
            if existing is not None:
                # Leaving the session rolls back and releases the lock.
                return replace(_sent_view(existing, brief, user_id), duplicate=True)
            # The id is known only after the insert; the number is set before the one commit,
            # so no question is ever visible without its number.
            question = await question_rows.add(
                session,
                Question(
                    meeting_id=meeting_id,
                    author_id=user_id,
                    kind=kind,
                    text=cleaned,
                    photo_file_id=photo_file_id,
                    status=QuestionStatus.NEW,
                    support_count=0,
                    created_at=now,
                ),
            )
            question.public_number = public_number(kind, question.id, now, self._tz)
            await session.commit()
            return _sent_view(question, brief, user_id)

    async def get(self, question_id: int, viewer_id: int | None = None) -> QuestionView | None:
        async with self._sessions() as session:
            row = await question_rows.question_with_host(session, question_id)
            if row is None:
                return None
            views = await _views(session, [row], viewer_id)
            return views[0]

    async def mine(self, user_id: int, offset: int = 0, limit: int = 5) -> Page[QuestionView]:
        """The user's own questions and proposals, whatever became of them, newest first."""
        offset, limit = max(offset, 0), max(limit, 1)
        async with self._sessions() as session:
            total = await question_rows.count_by_author(session, user_id)
            rows = await question_rows.by_author(session, user_id, offset, limit)
            items = await _views(session, rows, user_id)
            return Page(items=items, total=total, offset=offset, page_size=limit)

    async def browse(
        self,
        meeting_id: int,
        viewer_id: int | None,
        offset: int = 0,
        limit: int = 5,
        sort: QuestionOrder = QuestionOrder.SUPPORT,
    ) -> Page[QuestionView]:
        """The public list of a meeting's questions; rejected and merged ones are left out."""
        offset, limit = max(offset, 0), max(limit, 1)
        async with self._sessions() as session:
            total = await question_rows.count_in_meeting(session, meeting_id, PUBLIC_STATUSES)
            rows = await question_rows.in_meeting(
                session,
                meeting_id,
                PUBLIC_STATUSES,
                # By support, ties go to the one asked first: it waited longest.
                most_supported_first=sort is QuestionOrder.SUPPORT,
                offset=offset,
                limit=limit,
            )
            items = await _views(session, rows, viewer_id)
            return Page(items=items, total=total, offset=offset, page_size=limit)

    async def support(self, user_id: int, question_id: int) -> SupportResult:
        now = self._clock.now()
        async with self._sessions() as session:
            question = await question_rows.get(session, question_id)
            if question is None or question.status not in PUBLIC_STATUSES:
                return SupportResult.NOT_FOUND
            if question.author_id == user_id:
                return SupportResult.OWN
            brief = await _meeting_brief(session, question.meeting_id)
            if brief is None or brief.status is MeetingStatus.DRAFT:
                return SupportResult.NOT_FOUND
            if not brief.supports_open(now):
                return SupportResult.CLOSED
            if await question_rows.has_support(session, question_id, user_id):
                return SupportResult.ALREADY
            try:
                await question_rows.add_support(session, question_id, user_id, now)
            except IntegrityError:
                # The primary key (question, user) lost a race with a second tap: one support.
                await session.rollback()
                return SupportResult.ALREADY
            await question_rows.count_support(session, question_id)
            await session.commit()
            return SupportResult.ADDED


def _check_open(brief: MeetingBrief | None, now: datetime) -> MeetingBrief:
    if brief is None:
        raise QuestionError(QuestionErrorReason.MEETING_NOT_FOUND)
    if brief.status in (MeetingStatus.HELD, MeetingStatus.CLOSED):
        raise QuestionError(QuestionErrorReason.MEETING_CLOSED)
    if brief.status not in OPEN_MEETING_STATUSES:
        raise QuestionError(QuestionErrorReason.MEETING_NOT_OPEN)
    if now >= brief.questions_cutoff or now >= brief.starts_at:
        raise QuestionError(QuestionErrorReason.MEETING_CLOSED)
    return brief


async def _meeting_brief(session: AsyncSession, meeting_id: int) -> MeetingBrief | None:
    row = await question_rows.meeting_with_host(session, meeting_id)
    if row is None:
        return None
    meeting, name_kk, name_ru = row
    return MeetingBrief(
        id=meeting.id,
        status=meeting.status,
        starts_at=meeting.starts_at,
        questions_cutoff=meeting.questions_cutoff,
        host_name_kk=name_kk,
        host_name_ru=name_ru,
    )


def _sent_view(question: Question, brief: MeetingBrief, author_id: int) -> QuestionView:
    """The question as its author sees it right after sending it."""
    return _view(question, brief.starts_at, brief.host_name_kk, brief.host_name_ru, author_id)


async def _views(
    session: AsyncSession, rows: Sequence[QuestionWithHost], viewer_id: int | None
) -> list[QuestionView]:
    supported: set[int] = set()
    ids = [row[0].id for row in rows]
    if viewer_id is not None:
        supported = await question_rows.supported_by(session, viewer_id, ids)
    targets = {row[0].merged_into_id for row in rows}
    numbers = await question_rows.public_numbers(
        session, [target for target in targets if target is not None]
    )
    return [
        replace(
            _view(question, starts_at, name_kk, name_ru, viewer_id, question.id in supported),
            merged_into_number=numbers.get(question.merged_into_id)
            if question.merged_into_id is not None
            else None,
        )
        for question, starts_at, name_kk, name_ru in rows
    ]


def _view(
    question: Question,
    meeting_starts_at: datetime,
    host_name_kk: str,
    host_name_ru: str,
    viewer_id: int | None,
    supported_by_viewer: bool = False,
) -> QuestionView:
    return QuestionView(
        id=question.id,
        meeting_id=question.meeting_id,
        public_number=question.public_number or "",
        kind=question.kind,
        text=question.text,
        photo_file_id=question.photo_file_id,
        status=question.status,
        support_count=question.support_count,
        created_at=question.created_at,
        meeting_starts_at=meeting_starts_at,
        host_name_kk=host_name_kk,
        host_name_ru=host_name_ru,
        is_own=viewer_id is not None and question.author_id == viewer_id,
        supported_by_viewer=supported_by_viewer,
        resolution=question.resolution,
    )


__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "MIN_WORDS",
    "MeetingBrief",
    "QuestionError",
    "QuestionErrorReason",
    "QuestionOrder",
    "QuestionService",
    "QuestionView",
    "SupportResult",
    "public_number",
    "validate_text",
]
