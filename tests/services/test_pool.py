"""PoolService on SQLite and PostgreSQL: the pool's order and filters, accepting, answering,
rejecting and merging (supports moving, overlaps counted once), the notices each act enqueues
(once per person, in their language, escaped), rights by akimat, the feedback-index counts,
the XLSX export, and what a citizen's /myquestions shows afterwards."""

import asyncio
import io
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessDeniedError, AccessService
from services.audit import AuditDetail
from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService
from services.outbox import Outbox
from services.pool import (
    ANSWER_MAX_LENGTH,
    PoolAction,
    PoolError,
    PoolErrorReason,
    PoolService,
    validate_resolution,
)
from services.pool_export import export_pool, safe_text, sheet_name
from services.preferences import NoticeSwitch, PreferenceService, QuietHours
from services.questions import QuestionService
from storage.models import (
    Akimat,
    AuditEntry,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    Question,
    QuestionKind,
    QuestionStatus,
    Support,
    User,
)
from tests.builders import a_draft, an_official
from tests.shortcuts import announce_quietly

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
ADMIN = 900001

KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug: hosts the meeting
ZHARTAS = "623661107"  # Жартас а., a village of it: the venue
ZHANAARKA = "623600000"  # Жаңаарқа ауданы: the district above it (reads, does not act)
ULYTAU_OKRUG = "623830000"  # Ұлытау а.о, another district's okrug (neither)

HOST_OFFICIAL, DISTRICT_OFFICIAL, STRANGER = 7001, 7002, 7003
# Citizens, each in their own language.
ALICE, BOB, CAROL, DANA, ERLAN = 3001, 3002, 3003, 3004, 3005
LOCALES = {ALICE: "kk", BOB: "ru", CAROL: "en", DANA: "ru", ERLAN: "kk"}

TEXTS = [
    "Когда отремонтируют дорогу на улице Абая?",
    "Жартас ауылында су құбыры қашан салынады?",
    "Предлагаю открыть спортивную секцию для детей",
    "Мектеп жанына бағдаршам орнату керек",
]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def world(session_factory: Sessions, clock: ManualClock) -> "PoolWorld":
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all(
            [User(id=uid, locale=locale, consent_at=NOW) for uid, locale in LOCALES.items()]
        )
        session.add_all(
            [
                User(id=uid, locale="ru", consent_at=NOW)
                for uid in (HOST_OFFICIAL, DISTRICT_OFFICIAL, STRANGER)
            ]
        )
        await session.commit()
    meetings = MeetingService(session_factory, clock, TZ, "2022")
    meeting = await a_draft(
        meetings, venue=ZHARTAS, starts_at=NOW + timedelta(days=14), created_by=ADMIN
    )
    await announce_quietly(meetings, meeting.id)
    host_id = await an_official(session_factory, HOST_OFFICIAL, akimat=KARAAGASH)
    await an_official(session_factory, DISTRICT_OFFICIAL, akimat=ZHANAARKA)
    await an_official(session_factory, STRANGER, akimat=ULYTAU_OKRUG)
    access = AccessService(session_factory, clock, frozenset({ADMIN}))
    outbox = Outbox(clock, Translator(), TZ, notice_renderers())
    return PoolWorld(
        sessions=session_factory,
        clock=clock,
        meetings=meetings,
        questions=QuestionService(session_factory, clock, TZ),
        pool=PoolService(session_factory, clock, TZ, access, outbox, "kk"),
        meeting_id=meeting.id,
        host_akimat_id=host_id,
    )


class PoolWorld:
    def __init__(
        self,
        *,
        sessions: Sessions,
        clock: ManualClock,
        meetings: MeetingService,
        questions: QuestionService,
        pool: PoolService,
        meeting_id: int,
        host_akimat_id: int,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.meetings = meetings
        self.questions = questions
        self.pool = pool
        self.meeting_id = meeting_id
        self.host_akimat_id = host_akimat_id

    async def ask(
        self, author: int, text: str, kind: QuestionKind = QuestionKind.QUESTION, *supporters: int
    ) -> int:
        self.clock.advance(timedelta(minutes=1))
        question = await self.questions.ask(author, self.meeting_id, kind, text)
        for supporter in supporters:
            await self.questions.support(supporter, question.id)
        return question.id

    async def question(self, question_id: int) -> Question:
        async with self.sessions() as session:
            question = await session.get(Question, question_id)
        assert question is not None
        return question

    async def supporters(self, question_id: int) -> set[int]:
        async with self.sessions() as session:
            return set(
                await session.scalars(
                    select(Support.user_id).where(Support.question_id == question_id)
                )
            )

    async def notices(self, key_prefix: str) -> dict[int, tuple[str, str]]:
        """chat id → (locale, text) of the notices whose key starts with ``key_prefix``."""
        async with self.sessions() as session:
            rows = await session.execute(
                select(OutboxMessage, OutboxPayload.body)
                .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
                .where(OutboxMessage.key.startswith(key_prefix))
                .order_by(OutboxMessage.id)
            )
            found: dict[int, tuple[str, str]] = {}
            for message, body in rows.all():
                assert message.chat_id not in found, "two notices for one person"
                assert message.kind is NoticeKind.QUESTION_STATUS
                found[message.chat_id] = (message.locale, json.loads(body)[message.locale]["text"])
            return found

    async def count_notices(self, key_prefix: str) -> int:
        async with self.sessions() as session:
            keys = await session.scalars(
                select(OutboxMessage.key).where(OutboxMessage.key.startswith(key_prefix))
            )
            return len(keys.all())

    async def audit(self) -> list[AuditEntry]:
        async with self.sessions() as session:
            return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


# --- reading -----------------------------------------------------------------------------------


async def test_page_sorts_by_support_then_age_and_filters(world: PoolWorld) -> None:
    first = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB)
    second = await world.ask(BOB, TEXTS[1], QuestionKind.QUESTION, ALICE, CAROL)
    third = await world.ask(CAROL, TEXTS[2], QuestionKind.PROPOSAL, DANA)
    fourth = await world.ask(DANA, TEXTS[3], QuestionKind.PROPOSAL)

    meeting, counts, page = await world.pool.page(HOST_OFFICIAL, world.meeting_id)
    # Most supported first; equal support: the one sent first.
    assert [item.id for item in page.items] == [second, first, third, fourth]
    assert counts.total == 4
    assert counts.of(QuestionStatus.NEW) == 4
    assert meeting.can_act
    assert meeting.collection_open

    _, counts, proposals = await world.pool.page(
        HOST_OFFICIAL, world.meeting_id, kind=QuestionKind.PROPOSAL
    )
    assert [item.id for item in proposals.items] == [third, fourth]
    assert counts.total == 2

    await world.pool.accept(HOST_OFFICIAL, first)
    _, counts, accepted = await world.pool.page(
        HOST_OFFICIAL, world.meeting_id, status=QuestionStatus.ACCEPTED
    )
    assert [item.id for item in accepted.items] == [first]
    assert counts.of(QuestionStatus.ACCEPTED) == 1
    assert counts.of(QuestionStatus.NEW) == 3
    assert accepted.total == 1

    # Paged, and a stale page number gives the last page there is.
    _, _, page_two = await world.pool.page(HOST_OFFICIAL, world.meeting_id, offset=3, limit=3)
    assert [item.id for item in page_two.items] == [fourth]
    _, _, stale = await world.pool.page(HOST_OFFICIAL, world.meeting_id, offset=30, limit=3)
    assert stale.offset == 3
    assert [item.id for item in stale.items] == [fourth]


async def test_the_collection_closes_at_the_cutoff(world: PoolWorld) -> None:
    view = await world.meetings.get(world.meeting_id)
    assert view is not None
    world.clock.set(view.questions_cutoff - timedelta(seconds=1))
    meeting = await world.pool.open(HOST_OFFICIAL, world.meeting_id)
    assert meeting.collection_open
    world.clock.set(view.questions_cutoff)
    meeting = await world.pool.open(HOST_OFFICIAL, world.meeting_id)
    assert not meeting.collection_open


async def test_a_missing_meeting_or_question(world: PoolWorld) -> None:
    with pytest.raises(PoolError) as caught:
        await world.pool.open(HOST_OFFICIAL, 999_999)
    assert caught.value.reason is PoolErrorReason.MEETING_NOT_FOUND
    for act in (
        world.pool.accept(HOST_OFFICIAL, 999_999),
        world.pool.answer(HOST_OFFICIAL, 999_999, "Жол келесі жылы жөнделеді"),
        world.pool.merge(HOST_OFFICIAL, 999_999, 1),
    ):
        with pytest.raises(PoolError) as caught:
            await act
        assert caught.value.reason is PoolErrorReason.QUESTION_NOT_FOUND


# --- acting ------------------------------------------------------------------------------------


async def test_accept_tells_author_and_supporters_once_each(world: PoolWorld) -> None:
    question_id = await world.ask(ALICE, TEXTS[1], QuestionKind.QUESTION, BOB, CAROL)
    result = await world.pool.accept(HOST_OFFICIAL, question_id)
    assert result.item.status is QuestionStatus.ACCEPTED
    assert result.notified == 3
    stored = await world.question(question_id)
    assert stored.resolved_by == HOST_OFFICIAL
    assert stored.status_changed_at == world.clock.now()

    notices = await world.notices(f"q:{question_id}:accepted")
    assert set(notices) == {ALICE, BOB, CAROL}
    number = result.item.public_number
    for chat_id, (locale, text) in notices.items():
        assert locale == LOCALES[chat_id]
        assert number in text
    # The author's notice differs from a supporter's.
    assert notices[ALICE][1].startswith("📥 <b>Сіздің")
    assert notices[BOB][1].startswith("📥 <b>Поддержанный вами вопрос")
    assert notices[CAROL][1].startswith("📥 <b>The question")

    # Twice: refused, nothing more enqueued.
    with pytest.raises(PoolError) as caught:
        await world.pool.accept(HOST_OFFICIAL, question_id)
    assert caught.value.reason is PoolErrorReason.ALREADY_ACCEPTED
    assert await world.count_notices(f"q:{question_id}:") == 3

    [entry] = [e for e in await world.audit() if e.action == "pool.accept"]
    assert entry.allowed
    assert entry.actor_id == HOST_OFFICIAL
    assert entry.akimat_id == world.host_akimat_id
    assert entry.target == f"question:{question_id}"


async def test_answer_goes_to_author_and_supporters_escaped(world: PoolWorld) -> None:
    question_id = await world.ask(BOB, TEXTS[0], QuestionKind.QUESTION, ALICE, CAROL)
    await world.pool.accept(HOST_OFFICIAL, question_id)
    answer = "  Жол 2027 жылы <b>жөнделеді</b> & жарық қойылады  "
    result = await world.pool.answer(HOST_OFFICIAL, question_id, answer)
    assert result.item.status is QuestionStatus.ANSWERED
    assert result.item.resolution == answer.strip()
    assert result.notified == 3

    notices = await world.notices(f"q:{question_id}:answered")
    assert set(notices) == {ALICE, BOB, CAROL}
    escaped = "Жол 2027 жылы &lt;b&gt;жөнделеді&lt;/b&gt; &amp; жарық қойылады"
    for _, (_, text) in notices.items():
        assert escaped in text
        assert "<b>жөнделеді" not in text
    assert notices[BOB][1].startswith("✅ <b>Акимат ответил на ваш вопрос")
    assert notices[ALICE][1].startswith("✅ <b>Әкімдік сіз қолдаған")

    # Answered is final: a colleague's second answer is refused and sends nothing.
    with pytest.raises(PoolError) as caught:
        await world.pool.answer(HOST_OFFICIAL, question_id, "Тағы бір жауап мәтіні")
    assert caught.value.reason is PoolErrorReason.ALREADY_DONE
    assert caught.value.status is QuestionStatus.ANSWERED
    with pytest.raises(PoolError):
        await world.pool.reject(HOST_OFFICIAL, question_id, "Қайталама")
    assert await world.count_notices(f"q:{question_id}:") == 6  # accepted 3 + answered 3

    mine = await world.questions.mine(BOB)
    assert mine.items[0].status is QuestionStatus.ANSWERED
    assert mine.items[0].resolution == answer.strip()


async def test_answer_and_reason_length(world: PoolWorld) -> None:
    question_id = await world.ask(BOB, TEXTS[0])
    with pytest.raises(PoolError) as caught:
        await world.pool.answer(HOST_OFFICIAL, question_id, "  Иә  ")
    assert caught.value.reason is PoolErrorReason.TOO_SHORT
    assert caught.value.length == 2
    with pytest.raises(PoolError) as caught:
        await world.pool.answer(HOST_OFFICIAL, question_id, "а" * (ANSWER_MAX_LENGTH + 1))
    assert caught.value.reason is PoolErrorReason.TOO_LONG
    assert validate_resolution(" Повтор ", PoolAction.REJECT) == "Повтор"
    assert (await world.question(question_id)).status is QuestionStatus.NEW


async def test_reject_tells_only_the_author(world: PoolWorld) -> None:
    question_id = await world.ask(CAROL, TEXTS[2], QuestionKind.PROPOSAL, ALICE)
    result = await world.pool.reject(HOST_OFFICIAL, question_id, "Бұл аудан құзыретінде <емес>")
    assert result.item.status is QuestionStatus.REJECTED
    assert result.notified == 1
    notices = await world.notices(f"q:{question_id}:")
    assert set(notices) == {CAROL}
    locale, text = notices[CAROL]
    assert locale == "en"
    assert "Бұл аудан құзыретінде &lt;емес&gt;" in text
    assert text.startswith("✖️ <b>Your proposal")
    mine = await world.questions.mine(CAROL)
    assert mine.items[0].resolution == "Бұл аудан құзыретінде <емес>"
    # Rejected items leave the citizens' public list.
    browse = await world.questions.browse(world.meeting_id, ALICE)
    assert question_id not in [item.id for item in browse.items]


async def test_merge_moves_supports_once_and_tells_the_authors(world: PoolWorld) -> None:
    # The duplicate: Alice's, supported by Bob and Carol. The target: Dana's, supported by
    # Carol (she supports both) and Erlan.
    duplicate = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB, CAROL)
    target = await world.ask(DANA, TEXTS[1], QuestionKind.QUESTION, CAROL, ERLAN)

    result = await world.pool.merge(HOST_OFFICIAL, duplicate, target)
    assert result.item.status is QuestionStatus.MERGED
    assert result.item.merged_into_id == target
    assert result.target is not None
    # Carol once, Erlan, Bob moved over, and Alice (the duplicate's author) now supports it.
    assert await world.supporters(target) == {CAROL, ERLAN, BOB, ALICE}
    assert result.target.support_count == 4
    assert (await world.question(target)).support_count == 4
    assert await world.supporters(duplicate) == set()
    assert (await world.question(duplicate)).support_count == 0

    dup_number = result.item.public_number
    target_number = result.target.public_number
    notices = await world.notices(f"q:{duplicate}:merged:")
    assert set(notices) == {ALICE, BOB, CAROL}
    assert notices[ALICE][0] == "kk"
    assert notices[ALICE][1].startswith("🔗 <b>Сіздің")
    assert target_number in notices[ALICE][1]
    assert notices[BOB][1].startswith("🔗 <b>Поддержанный вами вопрос")
    into = await world.notices(f"q:{target}:merged-in:{duplicate}")
    assert set(into) == {DANA}
    assert dup_number in into[DANA][1]
    assert "всего 4 поддержавших" in into[DANA][1]

    # The author's /myquestions shows where it went.
    mine = await world.questions.mine(ALICE)
    assert mine.items[0].status is QuestionStatus.MERGED
    assert mine.items[0].merged_into_number == target_number

    # Merged is final.
    with pytest.raises(PoolError) as caught:
        await world.pool.merge(HOST_OFFICIAL, duplicate, target)
    assert caught.value.reason is PoolErrorReason.ALREADY_DONE
    [entry] = [e for e in await world.audit() if e.action == "pool.merge"]
    assert AuditDetail.load(entry.detail) == AuditDetail(into_question=target)


async def test_merge_target_author_and_chains(world: PoolWorld) -> None:
    # Bob supports Alice's duplicate but wrote the target himself: he is not his own supporter.
    target = await world.ask(BOB, TEXTS[0])
    duplicate = await world.ask(ALICE, TEXTS[1], QuestionKind.QUESTION, BOB, CAROL)
    earlier = await world.ask(DANA, TEXTS[2], QuestionKind.QUESTION, ERLAN)
    # Dana's went into Alice's first, then Alice's into Bob's: Dana's now points at Bob's.
    await world.pool.merge(HOST_OFFICIAL, earlier, duplicate)
    assert await world.supporters(duplicate) == {BOB, CAROL, ERLAN, DANA}
    result = await world.pool.merge(HOST_OFFICIAL, duplicate, target)
    assert await world.supporters(target) == {CAROL, ERLAN, DANA, ALICE}
    assert result.target is not None
    assert result.target.support_count == 4
    assert (await world.question(earlier)).merged_into_id == target
    # Bob, the target's author, is told that one was merged into his, not that his support
    # moved.
    assert set(await world.notices(f"q:{target}:merged-in:{duplicate}")) == {BOB}
    assert BOB not in await world.notices(f"q:{duplicate}:merged:")


async def test_merge_keeps_the_votes_of_people_who_left(world: PoolWorld) -> None:
    duplicate = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB)
    target = await world.ask(CAROL, TEXTS[1], QuestionKind.QUESTION, DANA)
    # Bob and Alice used /forget: their rows are gone, their voices still count.
    async with world.sessions() as session:
        await session.execute(delete(Support).where(Support.user_id == BOB))
        await session.execute(
            update(Question).where(Question.id == duplicate).values(author_id=None)
        )
        await session.commit()
    result = await world.pool.merge(HOST_OFFICIAL, duplicate, target)
    assert result.target is not None
    # Dana, Bob's counted support, and the anonymous author of the duplicate.
    assert result.target.support_count == 3
    assert await world.supporters(target) == {DANA}


async def test_merge_refuses_bad_targets(world: PoolWorld) -> None:
    duplicate = await world.ask(ALICE, TEXTS[0])
    rejected = await world.ask(BOB, TEXTS[1])
    await world.pool.reject(HOST_OFFICIAL, rejected, "Қайталама сұрақ")
    other_meeting = await a_draft(
        world.meetings,
        venue=ZHARTAS,
        starts_at=NOW + timedelta(days=20),
        minutes=60,
        place="Мектеп",
        created_by=ADMIN,
    )
    await announce_quietly(world.meetings, other_meeting.id)
    elsewhere = await world.questions.ask(CAROL, other_meeting.id, QuestionKind.QUESTION, TEXTS[2])
    for target in (duplicate, rejected, elsewhere.id, 999_999):
        with pytest.raises(PoolError) as caught:
            await world.pool.merge(HOST_OFFICIAL, duplicate, target)
        assert caught.value.reason is PoolErrorReason.BAD_TARGET, target
    assert (await world.question(duplicate)).status is QuestionStatus.NEW
    candidates = await world.pool.merge_candidates(HOST_OFFICIAL, duplicate)
    assert candidates[1].items == []


async def test_two_officials_at_once_act_once(world: PoolWorld) -> None:
    question_id = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB)
    results = await asyncio.gather(
        world.pool.answer(HOST_OFFICIAL, question_id, "Жол 2027 жылы жөнделеді"),
        world.pool.answer(ADMIN, question_id, "Жол келесі көктемде жөнделеді"),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, PoolError)]
    assert len(refused) == 1
    assert refused[0].reason is PoolErrorReason.ALREADY_DONE
    assert await world.count_notices(f"q:{question_id}:") == 2  # author and supporter, once

    # A into B and B into A at the same moment: one merge happens, never a cycle.
    first = await world.ask(CAROL, TEXTS[1])
    second = await world.ask(DANA, TEXTS[2])
    results = await asyncio.gather(
        world.pool.merge(HOST_OFFICIAL, first, second),
        world.pool.merge(ADMIN, second, first),
        return_exceptions=True,
    )
    assert sum(isinstance(r, PoolError) for r in results) == 1
    statuses = {(await world.question(q)).status for q in (first, second)}
    assert statuses == {QuestionStatus.MERGED, QuestionStatus.NEW}


# --- rights ------------------------------------------------------------------------------------


async def test_another_akimat_is_denied_and_audited(world: PoolWorld) -> None:
    question_id = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB)
    other = await world.ask(BOB, TEXTS[1])
    acts = {
        "pool.accept": world.pool.accept(STRANGER, question_id),
        "pool.answer": world.pool.answer(STRANGER, question_id, "Жол 2027 жылы жөнделеді"),
        "pool.reject": world.pool.reject(STRANGER, question_id, "Қайталама"),
        "pool.merge": world.pool.merge(STRANGER, question_id, other),
    }
    for coroutine in acts.values():
        with pytest.raises(AccessDeniedError):
            await coroutine
    with pytest.raises(AccessDeniedError):
        await world.pool.open(STRANGER, world.meeting_id)
    with pytest.raises(AccessDeniedError):
        await world.pool.page(STRANGER, world.meeting_id)

    denied = [e for e in await world.audit() if not e.allowed]
    assert {e.action for e in denied} == {*acts, "pool.view"}
    assert all(e.actor_id == STRANGER for e in denied)
    assert all(e.akimat_id == world.host_akimat_id for e in denied)
    assert (await world.question(question_id)).status is QuestionStatus.NEW
    assert await world.count_notices("q:") == 0


async def test_a_higher_akimat_reads_but_does_not_act(world: PoolWorld) -> None:
    question_id = await world.ask(ALICE, TEXTS[0])
    meeting, _, page = await world.pool.page(DISTRICT_OFFICIAL, world.meeting_id)
    assert not meeting.can_act
    assert [item.id for item in page.items] == [question_id]
    with pytest.raises(AccessDeniedError):
        await world.pool.accept(DISTRICT_OFFICIAL, question_id)
    with pytest.raises(AccessDeniedError):
        await world.pool.authorize(DISTRICT_OFFICIAL, question_id, PoolAction.ANSWER)
    # The admin may do everything.
    admin_view = await world.pool.open(ADMIN, world.meeting_id)
    assert admin_view.can_act
    await world.pool.accept(ADMIN, question_id)
    assert [m.id for m in await world.pool.meetings_for(HOST_OFFICIAL)] == [world.meeting_id]
    assert await world.pool.meetings_for(STRANGER) == []


# --- the feedback index ------------------------------------------------------------------------


async def test_feedback_counts(world: PoolWorld) -> None:
    since = world.clock.now()
    q_answered = await world.ask(ALICE, TEXTS[0])
    q_accepted = await world.ask(BOB, TEXTS[1])
    q_dup = await world.ask(CAROL, "Абай көшесіндегі жол қашан жөнделеді?")
    await world.ask(DANA, "Саябақта орындықтар жетіспейді ме?")
    p_accepted = await world.ask(ALICE, TEXTS[2], QuestionKind.PROPOSAL)
    p_rejected = await world.ask(BOB, TEXTS[3], QuestionKind.PROPOSAL)
    p_answered = await world.ask(CAROL, "Ауылда кітапхана ашуды ұсынамын", QuestionKind.PROPOSAL)
    p_dup = await world.ask(DANA, "Кітапхана ашу керек деп ұсынамын", QuestionKind.PROPOSAL)
    until = world.clock.now() + timedelta(seconds=1)

    await world.pool.answer(HOST_OFFICIAL, q_answered, "Жол 2027 жылы жөнделеді")
    await world.pool.accept(HOST_OFFICIAL, q_accepted)
    await world.pool.merge(HOST_OFFICIAL, q_dup, q_answered)
    await world.pool.accept(HOST_OFFICIAL, p_accepted)
    await world.pool.reject(HOST_OFFICIAL, p_rejected, "Қаржы жоқ")
    await world.pool.answer(HOST_OFFICIAL, p_answered, "Кітапхана 2027 жылы ашылады")
    await world.pool.merge(HOST_OFFICIAL, p_dup, p_answered)

    counts = await world.pool.feedback_counts(world.host_akimat_id, since, until)
    # Questions: 4 received; answered: the answered one and its merged duplicate.
    assert counts.questions_received == 4
    assert counts.questions_answered == 2
    # Proposals: 4 received; accepted: accepted, answered, and the duplicate of the answered.
    assert counts.proposals_received == 4
    assert counts.proposals_accepted == 3
    index = counts.index()
    assert index.percent == pytest.approx(3 / 4 * 2 / 4 * 100)
    assert counts.index(published=False).percent == 0

    # Another period, another akimat: nothing.
    empty = await world.pool.feedback_counts(world.host_akimat_id, until, until + timedelta(1))
    assert (empty.questions_received, empty.proposals_received) == (0, 0)
    assert empty.index().percent == 100  # nothing received: both ratios are 1 (seed 004, 22)
    async with world.sessions() as session:
        district = await session.scalar(select(Akimat.id).where(Akimat.locality_code == ZHANAARKA))
    assert district is not None
    assert (await world.pool.feedback_counts(district, since, until)).questions_received == 0


# --- the export ---------------------------------------------------------------------------------


def test_formula_injection_guard_and_sheet_names() -> None:
    for dangerous in ("=1+2", "+7 701", "-5", "@SUM(A1)", "\t=x", "＝1+2"):
        assert safe_text(dangerous).startswith("'")
    assert safe_text("Жол жөндеу") == "Жол жөндеу"
    assert safe_text("a\x00b\x07c") == "abc"
    assert sheet_name("Q/A: [2026]?") == "Q A   2026"
    assert len(sheet_name("x" * 40)) == 31


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_export_writes_every_row_in_the_officials_language(
    world: PoolWorld, locale: str
) -> None:
    plain = await world.ask(ALICE, TEXTS[0], QuestionKind.QUESTION, BOB, CAROL)
    formula = await world.ask(BOB, '=HYPERLINK("http://x.kz","жол жөндеу")', QuestionKind.PROPOSAL)
    duplicate = await world.ask(DANA, "-1 градус, жылу жоқ, үй суық")
    await world.pool.answer(HOST_OFFICIAL, plain, "@ Жол 2027 жылы жөнделеді")
    await world.pool.merge(HOST_OFFICIAL, duplicate, plain)

    t = Translator().bind(locale, TZ)
    export = await export_pool(world.pool, DISTRICT_OFFICIAL, world.meeting_id, t)
    assert export.rows == 3
    sheet = load_workbook(io.BytesIO(export.data)).active
    assert sheet is not None
    assert sheet.title == t("pool-xlsx-sheet")
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(
        t(key)
        for key in (
            "pool-xlsx-number",
            "pool-xlsx-kind",
            "pool-xlsx-status",
            "pool-xlsx-text",
            "pool-xlsx-supports",
            "pool-xlsx-created",
            "pool-xlsx-resolution",
            "pool-xlsx-merged-into",
        )
    )
    body = rows[1:]
    by_number = {row[0]: row for row in body}
    plain_row = by_number[(await world.question(plain)).public_number]
    assert plain_row[2] == t("pool-xlsx-status-name", status="answered")
    assert plain_row[3] == TEXTS[0]
    assert plain_row[4] == 3
    assert plain_row[6] == "'@ Жол 2027 жылы жөнделеді"
    # Local time, as a date the spreadsheet understands.
    created = (await world.question(plain)).created_at.astimezone(TZ).replace(tzinfo=None)
    assert plain_row[5] == created.replace(microsecond=0)
    formula_row = by_number[(await world.question(formula)).public_number]
    assert formula_row[1] == t("pool-xlsx-kind-name", kind="proposal")
    assert formula_row[3] == '\'=HYPERLINK("http://x.kz","жол жөндеу")'
    dup_row = by_number[(await world.question(duplicate)).public_number]
    assert dup_row[3] == "'-1 градус, жылу жоқ, үй суық"
    assert dup_row[7] == plain_row[0]
    # No cell anywhere is a formula.
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    # Most supported first, as the pool shows them.
    assert body[0][0] == plain_row[0]

    with pytest.raises(AccessDeniedError):
        await export_pool(world.pool, STRANGER, world.meeting_id, t)
    assert any(e.action == "pool.export" and not e.allowed for e in await world.audit())


def test_popup_answers_fit_in_a_callback_answer() -> None:
    """Telegram cuts callback answers at 200 characters: every pool pop-up must fit."""
    translator = Translator()
    popups: dict[str, dict[str, object]] = {
        "pool-accepted": {"notified": 1000},
        "pool-meeting-not-found": {"id": "2147483647"},
        "pool-question-not-found": {},
        "pool-already-accepted": {},
        "pool-bad-target": {},
        "pool-no-photo": {},
        "pool-draft-lost": {},
        "pool-export-preparing": {},
        "access-denied": {},
    }
    for locale in ("kk", "ru", "en"):
        for key, args in popups.items():
            assert translator.has(locale, key), (locale, key)
            assert len(translator.get(locale, key, **args)) <= 200, (locale, key)
        for status in ("answered", "rejected", "merged", "other"):
            assert len(translator.get(locale, "pool-already-done", status=status)) <= 200


async def test_accept_counts_those_held_by_quiet_hours_apart(world: PoolWorld) -> None:
    """ "Notified: N" counts those told now; a notice waiting for the quiet hours to end is
    counted apart, and one switched off not at all."""
    preferences = PreferenceService(world.sessions, world.clock)
    hour = world.clock.now().astimezone(TZ).hour
    # Bob is asleep now (his quiet hours cover this hour); Dana switched question news off.
    await preferences.set_quiet_hours(BOB, QuietHours(hour, (hour + 2) % 24))
    await preferences.set_switch(DANA, NoticeSwitch.QUESTIONS, False)
    question_id = await world.ask(ALICE, TEXTS[1], QuestionKind.QUESTION, BOB, CAROL, DANA)

    result = await world.pool.accept(HOST_OFFICIAL, question_id)
    assert (result.notified, result.held) == (2, 1)
