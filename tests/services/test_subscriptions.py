"""SubscriptionService on SQLite and PostgreSQL: subscribe, duplicates, unknown codes, the cap,
someone else's ids, "everything inside", names and chains."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import ManualClock
from services.localities import LocalityService
from services.subscriptions import (
    MAX_SUBSCRIPTIONS,
    SubscribeStatus,
    SubscriptionService,
)
from services.users import UserService
from storage.models import Locality, Subscription

NOW = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)
ALICE, BOB = 2001, 2002

# From storage/sample/kato_sample.csv.
ULYTAU_OBLAST = "620000000"
ULYTAU_DISTRICT = "623800000"
KOSKOL_OKRUG = "623855000"
KOSKOL_VILLAGE = "623855100"
KOSKOL_IN_TERSAKKAN = "623879200"

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def service(session_factory: Sessions) -> AsyncIterator[SubscriptionService]:
    localities = LocalityService(session_factory)
    await localities.load_sample()
    users = UserService(session_factory, ManualClock(NOW), "kk")
    for user_id in (ALICE, BOB):
        await users.accept_consent(user_id)
    yield SubscriptionService(session_factory, ManualClock(NOW), localities)
    # SQLite checks ON DELETE RESTRICT row by row, so a one-statement DELETE of the tree can
    # trip on a parent deleted before its child: empty it leaves first.
    async with session_factory() as session:
        await session.execute(delete(Subscription))
        for depth in range(5, -1, -1):
            await session.execute(delete(Locality).where(Locality.depth == depth))
        await session.commit()


async def test_subscribe_returns_names_and_chain(service: SubscriptionService) -> None:
    result = await service.subscribe(ALICE, KOSKOL_VILLAGE)

    assert result.status is SubscribeStatus.CREATED
    assert result.count == 1
    view = result.subscription
    assert view is not None
    assert view.locality_code == KOSKOL_VILLAGE
    assert view.name_kk == "Қоскөл а."
    assert view.name_ru == "с.Косколь"
    assert view.chain_kk == ("Ұлытау облысы", "Ұлытау ауданы", "Қоскөл а.о.")
    assert view.chain("ru") == ("область Ұлытау", "Улытауский район", "Коскольский с.о.")
    assert view.include_descendants is False
    assert view.has_children is True  # a wintering place and a village lie under it
    assert view.created_at == NOW


async def test_subscribe_twice_is_already_subscribed(service: SubscriptionService) -> None:
    first = await service.subscribe(ALICE, KOSKOL_OKRUG)
    again = await service.subscribe(ALICE, KOSKOL_OKRUG, include_descendants=True)

    assert again.status is SubscribeStatus.ALREADY_SUBSCRIBED
    assert again.subscription == first.subscription
    assert again.count == 1
    assert await service.count(ALICE) == 1


async def test_subscribe_to_unknown_code(service: SubscriptionService) -> None:
    for code in ("999999999", "", "62'; drop", "6238551000"):
        result = await service.subscribe(ALICE, code)
        assert result.status is SubscribeStatus.UNKNOWN_LOCALITY
        assert result.subscription is None
    assert await service.count(ALICE) == 0


async def test_top_level_unit_has_an_empty_chain(service: SubscriptionService) -> None:
    result = await service.subscribe(ALICE, ULYTAU_OBLAST)

    assert result.subscription is not None
    assert result.subscription.chain_kk == ()
    assert result.subscription.chain_ru == ()


async def test_limit_per_person(session_factory: Sessions, service: SubscriptionService) -> None:
    # Wintering places under Қоскөл а.о., codes free in the sample (623855200...).
    codes = [f"6238552{number:02d}" for number in range(MAX_SUBSCRIPTIONS + 1)]
    async with session_factory() as session:
        for number, code in enumerate(codes):
            session.add(
                Locality(
                    code=code,
                    parent_code=KOSKOL_OKRUG,
                    level="settlement",
                    depth=3,
                    type_code=2,
                    akim_level=None,
                    name_kk=f"Қыстау {number}",
                    name_ru=f"Зимовка {number}",
                    search_key=f"kystau {number}",
                )
            )
        await session.commit()

    for code in codes[:MAX_SUBSCRIPTIONS]:
        assert (await service.subscribe(ALICE, code)).status is SubscribeStatus.CREATED
    over = await service.subscribe(ALICE, codes[MAX_SUBSCRIPTIONS])

    assert over.status is SubscribeStatus.LIMIT_REACHED
    assert over.count == MAX_SUBSCRIPTIONS
    assert await service.count(ALICE) == MAX_SUBSCRIPTIONS
    # An existing one is still "already", not "limit": nothing new is asked for.
    assert (await service.subscribe(ALICE, codes[0])).status is SubscribeStatus.ALREADY_SUBSCRIBED
    # The cap is per person.
    assert (await service.subscribe(BOB, codes[0])).status is SubscribeStatus.CREATED
    # Removing one frees a place.
    first = (await service.list(ALICE))[0]
    assert await service.remove(ALICE, first.id)
    assert (await service.subscribe(ALICE, codes[-1])).status is SubscribeStatus.CREATED


async def test_list_is_oldest_first_and_per_person(service: SubscriptionService) -> None:
    await service.subscribe(ALICE, KOSKOL_VILLAGE)
    await service.subscribe(ALICE, KOSKOL_IN_TERSAKKAN)
    await service.subscribe(BOB, ULYTAU_DISTRICT)

    alice = await service.list(ALICE)

    assert [view.locality_code for view in alice] == [KOSKOL_VILLAGE, KOSKOL_IN_TERSAKKAN]
    # Two villages of the same name, told apart by their okrug.
    assert alice[0].name_kk == alice[1].name_kk
    assert alice[0].chain_kk[-1] != alice[1].chain_kk[-1]
    assert alice[1].has_children is True
    assert [view.locality_code for view in await service.list(BOB)] == [ULYTAU_DISTRICT]
    assert await service.list(999) == []


async def test_remove_own_and_not_twice(service: SubscriptionService) -> None:
    created = (await service.subscribe(ALICE, KOSKOL_VILLAGE)).subscription
    assert created is not None

    assert await service.remove(ALICE, created.id) is True
    assert await service.remove(ALICE, created.id) is False
    assert await service.list(ALICE) == []
    assert await service.remove(ALICE, 10**9) is False


async def test_forged_id_of_someone_else_removes_nothing(service: SubscriptionService) -> None:
    bobs = (await service.subscribe(BOB, KOSKOL_VILLAGE)).subscription
    assert bobs is not None

    assert await service.remove(ALICE, bobs.id) is False
    assert await service.set_include_descendants(ALICE, bobs.id, True) is None
    assert await service.get(ALICE, bobs.id) is None

    still = await service.list(BOB)
    assert [view.id for view in still] == [bobs.id]
    assert still[0].include_descendants is False


async def test_toggle_everything_inside(service: SubscriptionService) -> None:
    created = (await service.subscribe(ALICE, ULYTAU_DISTRICT)).subscription
    assert created is not None

    on = await service.set_include_descendants(ALICE, created.id, True)
    again = await service.set_include_descendants(ALICE, created.id, True)

    assert on is not None
    assert on.include_descendants is True
    assert again == on
    assert (await service.list(ALICE))[0].include_descendants is True
    off = await service.set_include_descendants(ALICE, created.id, False)
    assert off is not None
    assert off.include_descendants is False
    assert (await service.get(ALICE, created.id)) == off


async def test_subscribe_with_everything_inside(service: SubscriptionService) -> None:
    result = await service.subscribe(ALICE, ULYTAU_DISTRICT, include_descendants=True)

    assert result.subscription is not None
    assert result.subscription.include_descendants is True


async def test_parallel_double_subscribe_keeps_one(service: SubscriptionService) -> None:
    results = await asyncio.gather(
        service.subscribe(ALICE, KOSKOL_VILLAGE), service.subscribe(ALICE, KOSKOL_VILLAGE)
    )

    statuses = sorted(result.status.value for result in results)
    assert statuses == sorted(
        [SubscribeStatus.CREATED.value, SubscribeStatus.ALREADY_SUBSCRIBED.value]
    )
    assert await service.count(ALICE) == 1
