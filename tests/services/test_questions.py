"""QuestionService on SQLite and PostgreSQL: numbers, bounds, the cutoff, duplicates, supports."""

import asyncio
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import ManualClock
from services.questions import (
    MAX_LENGTH,
    QuestionError,
    QuestionErrorReason,
    QuestionOrder,
    QuestionService,
    SupportResult,
)
from services.users import UserService
from storage.models import (
    Akimat,
    Locality,
    Meeting,
    MeetingStatus,
    Question,
    QuestionKind,
    QuestionStatus,
    Support,
)

# 10:00 local (UTC+5) on 1 December 2026; the meeting is two weeks later.
NOW = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
STARTS = NOW + timedelta(days=14)
CUTOFF = STARTS - timedelta(days=1)
ALICE, BOB, CAROL = 1001, 1002, 1003
TEXT = "Когда отремонтируют дорогу на улице Абая?"

_codes = count(1)

Sessions = async_sessionmaker[AsyncSession]


async def add_meeting(
    sessions: Sessions,
    *,
    status: MeetingStatus = MeetingStatus.ANNOUNCED,
    starts_at: datetime = STARTS,
    cutoff: datetime = CUTOFF,
) -> int:
    code = f"{next(_codes):09d}"
    async with sessions() as session:
        session.add(
            Locality(
                code=code,
                level="settlement",
                depth=4,
                type_code=2,
                akim_level="village",
                name_kk="Ақсу ауылы",
                name_ru="село Аксу",
                search_key="aksu",
            )
        )
        await session.flush()
        akimat = Akimat(locality_code=code)
        session.add(akimat)
        await session.flush()
        meeting = Meeting(
            host_akimat_id=akimat.id,
            venue_code=code,
            audience_code=code,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            place="Мәдениет үйі",
            status=status,
            questions_cutoff=cutoff,
        )
        session.add(meeting)
        await session.commit()
        return meeting.id


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def questions(session_factory: Sessions, clock: ManualClock) -> QuestionService:
    users = UserService(session_factory, clock, "kk")
    for user_id in (ALICE, BOB, CAROL):
        await users.touch(user_id, "ru")
        await users.accept_consent(user_id)
    return QuestionService(session_factory, clock)


async def test_ask_numbers_question_and_proposal(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, f"  {TEXT}\n ")
    proposal = await questions.ask(
        ALICE, meeting_id, QuestionKind.PROPOSAL, "Предлагаю поставить светофор", "photo-1"
    )
    assert question.public_number == f"Q-2026-{question.id:06d}"
    assert proposal.public_number == f"P-2026-{proposal.id:06d}"
    assert question.text == TEXT  # trimmed at the ends only
    assert question.status is QuestionStatus.NEW
    assert question.is_own
    assert not question.duplicate
    assert proposal.photo_file_id == "photo-1"
    assert question.host_name_kk == "Ақсу ауылы"
    stored = await questions.get(question.id)
    assert stored is not None
    assert stored.public_number == question.public_number


async def test_number_year_is_the_local_year(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    # 31 Dec 2026 20:00 UTC is already 1 January 2027 in Almaty.
    clock.set(datetime(2026, 12, 31, 20, 0, tzinfo=UTC))
    meeting_id = await add_meeting(
        session_factory,
        starts_at=datetime(2027, 1, 20, 5, tzinfo=UTC),
        cutoff=datetime(2027, 1, 19, 5, tzinfo=UTC),
    )
    question = await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, TEXT)
    assert question.public_number.startswith("Q-2027-")


@pytest.mark.parametrize(
    ("text", "reason", "length"),
    [
        ("  короткий ", QuestionErrorReason.TOO_SHORT, 8),
        ("", QuestionErrorReason.TOO_SHORT, 0),
        ("ааааааааааааааа", QuestionErrorReason.TOO_FEW_WORDS, 15),
        ("https://example.kz/x", QuestionErrorReason.TOO_FEW_WORDS, 20),
        ("сөз " * 400, QuestionErrorReason.TOO_LONG, 1599),
    ],
)
async def test_text_bounds(
    questions: QuestionService,
    session_factory: Sessions,
    text: str,
    reason: QuestionErrorReason,
    length: int,
) -> None:
    meeting_id = await add_meeting(session_factory)
    with pytest.raises(QuestionError) as caught:
        await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, text)
    assert caught.value.reason is reason
    assert caught.value.length == length


async def test_text_at_the_limits_is_accepted(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    shortest = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, "Су жоқ, неге?")
    assert shortest.text == "Су жоқ, неге?"
    longest_text = ("а" * 9 + " ") * (MAX_LENGTH // 10 - 1) + "б" * 10
    assert len(longest_text) == MAX_LENGTH
    longest = await questions.ask(ALICE, meeting_id, QuestionKind.PROPOSAL, longest_text)
    assert len(longest.text) == MAX_LENGTH


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (MeetingStatus.DRAFT, QuestionErrorReason.MEETING_NOT_OPEN),
        (MeetingStatus.CANCELLED, QuestionErrorReason.MEETING_NOT_OPEN),
        (MeetingStatus.HELD, QuestionErrorReason.MEETING_CLOSED),
        (MeetingStatus.CLOSED, QuestionErrorReason.MEETING_CLOSED),
    ],
)
async def test_only_announced_meetings_take_questions(
    questions: QuestionService,
    session_factory: Sessions,
    status: MeetingStatus,
    reason: QuestionErrorReason,
) -> None:
    meeting_id = await add_meeting(session_factory, status=status)
    with pytest.raises(QuestionError) as caught:
        await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    assert caught.value.reason is reason


async def test_a_moved_meeting_still_takes_questions(
    questions: QuestionService, session_factory: Sessions
) -> None:
    # "Rescheduled" is an announced meeting whose time was moved (services/lifecycle.py).
    meeting_id = await add_meeting(session_factory, status=MeetingStatus.RESCHEDULED)
    asked = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    assert asked.meeting_id == meeting_id


async def test_unknown_meeting(questions: QuestionService) -> None:
    with pytest.raises(QuestionError) as caught:
        await questions.ask(ALICE, 999_999, QuestionKind.QUESTION, TEXT)
    assert caught.value.reason is QuestionErrorReason.MEETING_NOT_FOUND
    assert await questions.meeting(999_999) is None


async def test_closed_after_the_cutoff(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting_id = await add_meeting(session_factory)
    clock.set(CUTOFF - timedelta(seconds=1))
    assert (await questions.ensure_open(meeting_id)).id == meeting_id
    await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    clock.set(CUTOFF)
    with pytest.raises(QuestionError) as caught:
        await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, TEXT)
    assert caught.value.reason is QuestionErrorReason.MEETING_CLOSED
    with pytest.raises(QuestionError):
        await questions.ensure_open(meeting_id)


async def test_same_text_twice_is_one_question(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    first = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    again = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT + "  ")
    assert again.duplicate
    assert again.id == first.id
    assert again.public_number == first.public_number
    # Someone else asking the same thing is a separate question (they may support instead).
    other = await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, TEXT)
    assert not other.duplicate
    assert other.id != first.id
    # A double tap racing itself still stores one question.
    racing = await asyncio.gather(
        *(questions.ask(CAROL, meeting_id, QuestionKind.QUESTION, TEXT) for _ in range(4)),
        return_exceptions=True,
    )
    async with session_factory() as session:
        carols = await session.scalar(
            select(func.count()).select_from(Question).where(Question.author_id == CAROL)
        )
    assert carols == 1, racing


async def test_support_once_and_not_own(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    assert await questions.support(ALICE, question.id) is SupportResult.OWN
    assert await questions.support(BOB, question.id) is SupportResult.ADDED
    assert await questions.support(BOB, question.id) is SupportResult.ALREADY
    assert await questions.support(CAROL, question.id) is SupportResult.ADDED
    assert await questions.support(CAROL, 999_999) is SupportResult.NOT_FOUND
    stored = await questions.get(question.id, viewer_id=BOB)
    assert stored is not None
    assert stored.support_count == 2
    assert stored.supported_by_viewer
    assert not stored.is_own


async def test_support_race_counts_once(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    # Double taps of two people at once: each person counts once, and both count.
    results = await asyncio.gather(
        *(questions.support(user, question.id) for _ in range(4) for user in (BOB, CAROL))
    )
    assert sorted(results) == sorted([SupportResult.ADDED] * 2 + [SupportResult.ALREADY] * 6)
    async with session_factory() as session:
        supports = await session.scalar(
            select(func.count()).select_from(Support).where(Support.question_id == question.id)
        )
        stored = await session.get(Question, question.id)
    assert supports == 2
    assert stored is not None
    assert stored.support_count == 2


async def test_support_until_the_meeting_starts(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    clock.set(CUTOFF + timedelta(hours=1))  # no new questions, but supports still rank the pool
    assert await questions.support(BOB, question.id) is SupportResult.ADDED
    clock.set(STARTS)
    assert await questions.support(CAROL, question.id) is SupportResult.CLOSED


async def test_hidden_questions_cannot_be_supported(
    questions: QuestionService, session_factory: Sessions
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    await _set_status(session_factory, question.id, QuestionStatus.MERGED)
    assert await questions.support(BOB, question.id) is SupportResult.NOT_FOUND


async def test_browse_sort_flags_and_hidden(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting_id = await add_meeting(session_factory)
    other_meeting = await add_meeting(session_factory)
    first = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, "Первый вопрос о воде")
    clock.advance(timedelta(minutes=1))
    second = await questions.ask(
        BOB, meeting_id, QuestionKind.PROPOSAL, "Второе предложение о школе"
    )
    clock.advance(timedelta(minutes=1))
    third = await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, "Третий вопрос о дороге")
    rejected = await questions.ask(
        CAROL, meeting_id, QuestionKind.QUESTION, "Отклонённый вопрос тут"
    )
    await questions.ask(CAROL, other_meeting, QuestionKind.QUESTION, "Вопрос другой встречи")
    await _set_status(session_factory, rejected.id, QuestionStatus.REJECTED)
    await _set_status(session_factory, first.id, QuestionStatus.ACCEPTED)
    assert await questions.support(ALICE, third.id) is SupportResult.ADDED
    assert await questions.support(CAROL, third.id) is SupportResult.ADDED
    assert await questions.support(CAROL, second.id) is SupportResult.ADDED

    by_support = await questions.browse(meeting_id, ALICE, 0, 10, QuestionOrder.SUPPORT)
    assert [q.id for q in by_support.items] == [third.id, second.id, first.id]
    assert by_support.total == 3
    flags = {q.id: (q.is_own, q.supported_by_viewer) for q in by_support.items}
    assert flags == {third.id: (False, True), second.id: (False, False), first.id: (True, False)}
    assert [q.support_count for q in by_support.items] == [2, 1, 0]

    newest = await questions.browse(meeting_id, ALICE, 0, 10, QuestionOrder.NEWEST)
    assert [q.id for q in newest.items] == [third.id, second.id, first.id]

    paged = await questions.browse(meeting_id, None, 1, 1, QuestionOrder.SUPPORT)
    assert [q.id for q in paged.items] == [second.id]
    assert paged.has_prev
    assert paged.has_next
    assert not any(q.is_own or q.supported_by_viewer for q in paged.items)


async def test_mine_pages_newest_first(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting_id = await add_meeting(session_factory)
    ids = []
    for n in range(7):
        clock.advance(timedelta(minutes=1))
        view = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, f"Вопрос номер {n}")
        ids.append(view.id)
    await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, "Чужой вопрос здесь")
    await _set_status(session_factory, ids[0], QuestionStatus.REJECTED)

    first = await questions.mine(ALICE, 0, 5)
    assert first.total == 7
    assert [q.id for q in first.items] == ids[::-1][:5]
    assert first.has_next
    assert not first.has_prev
    second = await questions.mine(ALICE, 5, 5)
    assert [q.id for q in second.items] == ids[::-1][5:]
    assert not second.has_next
    # Their own rejected question is still theirs to see, with its status.
    assert second.items[-1].status is QuestionStatus.REJECTED
    assert all(q.is_own and q.meeting_starts_at == STARTS for q in first.items)
    assert (await questions.mine(CAROL)).total == 0


async def test_forget_keeps_the_question_without_author(
    questions: QuestionService, session_factory: Sessions, clock: ManualClock
) -> None:
    meeting_id = await add_meeting(session_factory)
    question = await questions.ask(ALICE, meeting_id, QuestionKind.QUESTION, TEXT)
    bobs = await questions.ask(BOB, meeting_id, QuestionKind.QUESTION, "Вопрос Боба о парке")
    assert await questions.support(BOB, question.id) is SupportResult.ADDED
    assert await questions.support(ALICE, bobs.id) is SupportResult.ADDED

    await UserService(session_factory, clock, "kk").forget(ALICE)

    async with session_factory() as session:
        stored = await session.get(Question, question.id)
        assert stored is not None
        assert stored.author_id is None
    assert (await questions.mine(ALICE)).total == 0
    listed = await questions.browse(meeting_id, BOB)
    assert {q.id for q in listed.items} == {question.id, bobs.id}
    # Supports given by the person who left keep counting (the row keeps the count).
    assert {q.id: q.support_count for q in listed.items} == {question.id: 1, bobs.id: 1}


async def _set_status(sessions: Sessions, question_id: int, status: QuestionStatus) -> None:
    async with sessions() as session:
        question = await session.get(Question, question_id)
        assert question is not None
        question.status = status
        await session.commit()
