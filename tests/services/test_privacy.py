"""/mydata and /forget, on SQLite and PostgreSQL, for what issue 8 found missing: the export
holds the akimat's answers (a merged duplicate's too), the notifications sent to the person and
the unsent draft; forgetting a citizen leaves no outbox payload that was theirs alone (the answer
to their question quotes it); forgetting an official takes their name out of the stored notice
of their appointment and keeps their audit trail."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessService
from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService
from services.officials import OfficialsService
from services.outbox import Outbox
from services.pool import PoolService
from services.questions import QuestionService
from services.users import QuestionDraft, UserService
from storage.models import (
    AuditEntry,
    OutboxMessage,
    OutboxPayload,
    QuestionKind,
    User,
)
from tests.builders import a_draft, an_official
from tests.shortcuts import announce_quietly

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ADMIN = 900001
KARAAGASH = "623661000"
OFFICIAL, ALICE, BOB, CAROL = 7101, 3101, 3102, 3103

ASKED = "Жартас ауылында су құбыры қашан салынады?"
DUPLICATE = "Су құбыры Жартаста қашан болады, айтыңызшы?"
ANSWER = "Су құбыры 2027 жылдың көктемінде салынады, мердігер таңдалды."
REJECTED = "Предлагаю построить аэропорт в каждом ауле"
REASON = "Это не относится к полномочиям сельского акимата, вопрос передан в район."


class World:
    def __init__(self, sessions: Sessions, clock: ManualClock) -> None:
        self.sessions = sessions
        self.clock = clock
        self.access = AccessService(sessions, clock, frozenset({ADMIN}))
        self.outbox = Outbox(clock, Translator(), TZ, notice_renderers())
        self.questions = QuestionService(sessions, clock, TZ)
        self.pool = PoolService(sessions, clock, TZ, self.access, self.outbox, "kk")
        self.officials = OfficialsService(sessions, clock, self.access, self.outbox, "kk")
        self.users = UserService(sessions, clock, "kk", outbox=self.outbox, access=self.access)
        self.meeting_id = 0

    async def ask(self, author: int, text: str) -> int:
        self.clock.advance(timedelta(minutes=1))
        question = await self.questions.ask(author, self.meeting_id, QuestionKind.QUESTION, text)
        return question.id


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    clock = ManualClock(NOW)
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all(
            [
                User(id=uid, locale=locale, consent_at=NOW)
                for uid, locale in ((ALICE, "kk"), (BOB, "ru"), (CAROL, "en"))
            ]
        )
        await session.commit()
    world = World(session_factory, clock)
    meetings = MeetingService(session_factory, clock, TZ, "2022")
    meeting = await a_draft(meetings, starts_at=NOW + timedelta(days=14), created_by=ADMIN)
    await announce_quietly(meetings, meeting.id)
    world.meeting_id = meeting.id
    await an_official(session_factory, OFFICIAL, akimat=KARAAGASH, locale="ru")
    return world


async def bodies(sessions: Sessions) -> list[str]:
    async with sessions() as session:
        return list(await session.scalars(select(OutboxPayload.body).order_by(OutboxPayload.id)))


async def test_mydata_holds_the_answers_the_notifications_and_the_draft(world: World) -> None:
    asked = await world.ask(ALICE, ASKED)
    duplicate = await world.ask(BOB, DUPLICATE)
    rejected = await world.ask(ALICE, REJECTED)
    await world.pool.merge(OFFICIAL, duplicate, asked)
    world.clock.advance(timedelta(hours=2))
    await world.pool.answer(OFFICIAL, asked, ANSWER)
    await world.pool.reject(OFFICIAL, rejected, REASON)
    answered_at = world.clock.now().isoformat()

    draft = QuestionDraft(
        meeting_id=world.meeting_id,
        kind="proposal",
        text="Жол <жөндеу>",
        has_photo=True,
        step="photo",
    )
    alice = await world.users.export(ALICE, draft)
    by_text = {q["text"]: q for q in alice["questions"]}
    assert by_text[ASKED]["akimat_answer"] == {"kind": "answer", "text": ANSWER, "at": answered_at}
    assert by_text[REJECTED]["akimat_answer"] == {
        "kind": "rejection",
        "text": REASON,
        "at": answered_at,
    }
    assert alice["question_draft"] == {
        "meeting_id": world.meeting_id,
        "kind": "proposal",
        "text": "Жол <жөндеу>",
        "has_photo": True,
        "step": "photo",
    }
    # Alice was told of the merge into her question, the answer and the rejection.
    assert [(n["kind"], n["status"], n["sent_at"]) for n in alice["notifications"]] == [
        ("question_status", "pending", None)
    ] * 3
    assert all(n["queued_at"] for n in alice["notifications"])

    # Bob's duplicate was answered through the question it went into.
    bob = await world.users.export(BOB)
    [merged] = bob["questions"]
    assert merged["status"] == "merged"
    assert merged["akimat_answer"]["text"] == ANSWER
    assert merged["akimat_answer"]["given_to"] == by_text[ASKED]["number"]
    assert bob["question_draft"] is None
    assert len(bob["notifications"]) == 2  # merged, then the answer as a supporter

    # Carol has nothing of the sort, and a stranger's export still says so.
    carol = await world.users.export(CAROL)
    assert carol["notifications"] == [] and carol["question_draft"] is None
    assert json.loads(await world.users.export_json(CAROL))["notifications"] == []


async def test_forget_leaves_no_payload_that_was_the_persons_alone(world: World) -> None:
    asked = await world.ask(ALICE, ASKED)
    await world.questions.support(CAROL, asked)
    rejected = await world.ask(ALICE, REJECTED)
    await world.pool.answer(OFFICIAL, asked, ANSWER)
    await world.pool.reject(OFFICIAL, rejected, REASON)
    # Alice's answer, Carol's (as a supporter) and Alice's rejection.
    assert len([body for body in await bodies(world.sessions) if ANSWER in body]) == 2
    assert len([body for body in await bodies(world.sessions) if REASON in body]) == 1

    await world.users.forget(ALICE)

    left = await bodies(world.sessions)
    # Carol keeps the notice she was sent; nothing addressed to Alice is left, not even the
    # text of it.
    assert len([body for body in left if ANSWER in body]) == 1
    assert not [body for body in left if REASON in body or REJECTED in body]
    async with world.sessions() as session:
        chats = list(await session.scalars(select(OutboxMessage.chat_id)))
        orphans = await session.scalar(
            select(func.count())
            .select_from(OutboxPayload)
            .where(
                ~select(OutboxMessage.id)
                .where(OutboxMessage.payload_id == OutboxPayload.id)
                .exists()
            )
        )
    assert chats == [CAROL] and orphans == 0
    # The akimat's record keeps both questions and their outcome, without an author.
    pool = await world.users.export(ALICE)
    assert pool == {"telegram_id": ALICE, "question_draft": None}


async def test_forget_takes_an_officials_name_out_of_stored_notices(world: World) -> None:
    akimat, invite = await world.officials.invite_to_locality(ADMIN, KARAAGASH)
    name = "Айгүл <Серікова>"
    await world.officials.accept(BOB, invite.token, name)
    [before] = await bodies(world.sessions)
    assert "Айгүл &lt;Серікова&gt;" in before and str(BOB) in before

    await world.users.forget(BOB)

    [after] = await bodies(world.sessions)
    assert "Айгүл" not in after and str(BOB) not in after
    told = json.loads(after)
    translator = Translator()
    expected = translator.get("kk", "forgotten-notice-accepted", akimat=akimat.name("kk"))
    assert told["kk"]["text"] == expected
    async with world.sessions() as session:
        # The admin still holds the notice (to be sent, or in the record of what was).
        assert list(await session.scalars(select(OutboxMessage.chat_id))) == [ADMIN]
        trail = [
            (entry.actor_id, entry.action, entry.akimat_id)
            for entry in await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if entry.actor_id == BOB
        ]
    # The acts stay in the akimat's record, and so does the leaving.
    assert trail == [(BOB, "invite.accept", akimat.id), (BOB, "official.forget", akimat.id)]
