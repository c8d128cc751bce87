"""DemandService on SQLite and PostgreSQL: a subscriber's demand for a meeting, neighbours'
support once each (the unique constraint), the threshold told once to the akimat's officials
and the territory's coordinators, ranking for staff and coordinators, scheduling and declining
(supporters told, audited), refusals, and /mydata and /forget."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessDeniedError, AccessService
from services.clock import ManualClock
from services.coordinators import CoordinatorsService
from services.demands import (
    MAX_OPEN_PER_AUTHOR,
    DemandError,
    DemandErrorReason,
    DemandService,
    DemandStatus,
    SupportOutcome,
)
from services.localities import LocalityService
from services.outbox import Outbox
from services.users import UserService
from storage.models import AuditEntry, Demand, DemandSupport, OutboxMessage
from tests.builders import a_citizen, a_meeting, an_official

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
ADMIN = 900001
AUTHOR, NEIGHBOUR, THIRD, STRANGER, OFFICIAL, COORD, OTHER_OFFICIAL = range(5101, 5108)

KARAAGASH = "623661000"  # Қараағаш а.о. (its own akimat)
VILLAGE = "623661100"  # Ынталы а., a village of it (its own akim)
WINTERING = "623661102"  # Жосалы қыстауы, inside the village: no akim
ASTANA = "710000000"
TOPIC = "Жол жөндеу <b>керек</b> & су"


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def access(session_factory: Sessions, clock: ManualClock) -> AccessService:
    return AccessService(session_factory, clock, frozenset({ADMIN}))


@pytest.fixture
async def demands(
    session_factory: Sessions, clock: ManualClock, access: AccessService
) -> DemandService:
    await LocalityService(session_factory).load_sample()
    outbox = Outbox(clock, Translator(), TZ, notice_renderers())
    for user_id in (AUTHOR, NEIGHBOUR, THIRD):
        await a_citizen(session_factory, user_id, follows=[KARAAGASH])
    await a_citizen(session_factory, STRANGER, follows=[ASTANA])
    return DemandService(session_factory, clock, access, outbox, "kk", threshold=3)


async def told(sessions: Sessions) -> list[tuple[str, int]]:
    """(the notice's key, the chat) of every outbox row about demands, sorted (a row's key is
    the notice's key followed by the chat id)."""
    async with sessions() as session:
        rows = await session.execute(
            select(OutboxMessage.key, OutboxMessage.chat_id).where(
                OutboxMessage.key.startswith("demand:")
            )
        )
        return sorted(
            (key.removesuffix(str(chat_id)).rstrip(":"), chat_id) for key, chat_id in rows
        )


async def test_a_demand_is_supported_once_per_person_and_crosses_the_threshold_once(
    demands: DemandService, access: AccessService, session_factory: Sessions, clock: ManualClock
) -> None:
    akimat = await an_official(session_factory, OFFICIAL, akimat=KARAAGASH)
    await an_official(session_factory, OTHER_OFFICIAL, akimat=ASTANA)
    await a_citizen(session_factory, COORD)
    coordinators = CoordinatorsService(
        session_factory, clock, access, Outbox(clock, Translator(), TZ, notice_renderers()), "kk"
    )
    await coordinators.accept(COORD, (await coordinators.invite(ADMIN, "620000000")).token)

    demand = await demands.create(AUTHOR, KARAAGASH, TOPIC)
    assert (demand.akimat_id, demand.supports, demand.status) == (akimat, 1, DemandStatus.OPEN)
    assert demand.topic == TOPIC  # stored as typed; escaping is the screen's business

    assert (await demands.support(AUTHOR, demand.id)).outcome is SupportOutcome.ALREADY
    assert (await demands.support(STRANGER, demand.id)).outcome is SupportOutcome.NOT_NEIGHBOUR
    result = await demands.support(NEIGHBOUR, demand.id)
    assert (result.outcome, result.supports) == (SupportOutcome.SUPPORTED, 2)
    assert await told(session_factory) == []
    assert (await demands.support(THIRD, demand.id)).supports == 3
    # The threshold (3) reached: the akimat's official and the oblast's coordinator, once.
    threshold = f"demand:{demand.id}:threshold"
    assert await told(session_factory) == [(threshold, OFFICIAL), (threshold, COORD)]
    await a_citizen(session_factory, STRANGER + 100, follows=[KARAAGASH])
    assert (await demands.support(STRANGER + 100, demand.id)).supports == 4
    assert await told(session_factory) == [(threshold, OFFICIAL), (threshold, COORD)]
    assert (await demands.support(NEIGHBOUR, demand.id)).outcome is SupportOutcome.ALREADY
    async with session_factory() as session:
        count = len((await session.scalars(select(DemandSupport))).all())
    assert count == 4

    [line] = await demands.of_locality(NEIGHBOUR, KARAAGASH)
    assert line.supported and line.demand.supports == 4
    assert [d.id for d in await demands.ranked_for(OFFICIAL)] == [demand.id]
    assert [d.id for d in await demands.ranked_for(COORD)] == [demand.id]
    assert await demands.ranked_for(OTHER_OFFICIAL) == []


async def test_who_may_ask_and_the_limits(demands: DemandService) -> None:
    with pytest.raises(DemandError) as error:
        await demands.create(STRANGER, KARAAGASH, TOPIC)
    assert error.value.reason is DemandErrorReason.NOT_NEIGHBOUR
    with pytest.raises(DemandError) as error:
        await demands.create(AUTHOR, KARAAGASH, "  жол  ")
    assert error.value.reason is DemandErrorReason.TOPIC_TOO_SHORT
    with pytest.raises(DemandError) as error:
        await demands.create(AUTHOR, KARAAGASH, "ж" * 501)
    assert error.value.reason is DemandErrorReason.TOPIC_TOO_LONG
    # A wintering has no akim: the village's akimat answers; a follower of the okrug above
    # is a neighbour.
    wintering = await demands.create(AUTHOR, WINTERING, TOPIC)
    village = await demands.create(AUTHOR, VILLAGE, TOPIC)
    assert wintering.akimat_id == village.akimat_id
    for _ in range(MAX_OPEN_PER_AUTHOR - 2):
        await demands.create(AUTHOR, KARAAGASH, TOPIC)
    with pytest.raises(DemandError) as error:
        await demands.create(AUTHOR, KARAAGASH, TOPIC)
    assert error.value.reason is DemandErrorReason.TOO_MANY_OPEN


async def test_the_official_schedules_one_and_declines_another(
    demands: DemandService, access: AccessService, session_factory: Sessions, clock: ManualClock
) -> None:
    akimat = await an_official(session_factory, OFFICIAL, akimat=KARAAGASH)
    first = await demands.create(AUTHOR, KARAAGASH, TOPIC)
    await demands.support(NEIGHBOUR, first.id)
    second = await demands.create(NEIGHBOUR, KARAAGASH, "Мектепке автобус керек")
    meeting = await a_meeting(session_factory, akimat=KARAAGASH, starts_at=NOW + timedelta(days=9))

    # A coordinator or an official elsewhere may not answer: refused and recorded.
    await an_official(session_factory, OTHER_OFFICIAL, akimat=ASTANA)
    with pytest.raises(AccessDeniedError):
        await demands.decline(OTHER_OFFICIAL, first.id, "Себебі бар")

    scheduled = await demands.schedule(
        OFFICIAL, first.id, meeting, akimat, NOW + timedelta(days=9)
    )
    assert (scheduled.status, scheduled.meeting_id) == (DemandStatus.SCHEDULED, meeting)
    with pytest.raises(DemandError) as error:
        await demands.decline(OFFICIAL, first.id, "Кеш")
    assert error.value.reason is DemandErrorReason.ALREADY_ANSWERED
    with pytest.raises(DemandError) as error:
        await demands.decline(OFFICIAL, second.id, "жоқ")
    assert error.value.reason is DemandErrorReason.REASON_TOO_SHORT
    declined = await demands.decline(OFFICIAL, second.id, "Бюджет <жоқ>")
    assert (declined.status, declined.decline_reason) == (DemandStatus.DECLINED, "Бюджет <жоқ>")
    assert (await demands.support(THIRD, second.id)).outcome is SupportOutcome.CLOSED

    assert await told(session_factory) == sorted(
        [
            (f"demand:{first.id}:scheduled", AUTHOR),
            (f"demand:{first.id}:scheduled", NEIGHBOUR),
            (f"demand:{second.id}:declined", NEIGHBOUR),
        ]
    )
    async with session_factory() as session:
        actions = list(
            await session.execute(
                select(AuditEntry.action, AuditEntry.allowed, AuditEntry.actor_id).order_by(
                    AuditEntry.id
                )
            )
        )
    assert [tuple(row) for row in actions] == [
        ("demand.answer", False, OTHER_OFFICIAL),
        ("demand.scheduled", True, OFFICIAL),
        ("demand.declined", True, OFFICIAL),
    ]
    assert await demands.ranked_for(OFFICIAL) == []


async def test_mydata_and_forget_cover_demands(
    demands: DemandService, session_factory: Sessions, clock: ManualClock
) -> None:
    mine = await demands.create(AUTHOR, KARAAGASH, TOPIC)
    theirs = await demands.create(NEIGHBOUR, KARAAGASH, "Мектепке автобус керек")
    await demands.support(AUTHOR, theirs.id)
    users = UserService(session_factory, clock, "kk")
    data = await users.export(AUTHOR)
    assert [d["topic"] for d in data["demands_for_a_meeting"]] == [TOPIC]
    assert {d["number"] for d in data["supported_demands"]} == {mine.id, theirs.id}

    await users.forget(AUTHOR)
    async with session_factory() as session:
        kept = await session.get(Demand, mine.id)
        supports = (
            await session.scalars(select(DemandSupport).where(DemandSupport.user_id == AUTHOR))
        ).all()
    assert kept is not None and kept.author_id is None and kept.topic == TOPIC
    assert supports == []
