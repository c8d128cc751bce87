"""Conversation state survives a restart: in the database, or in Redis when REDIS_URL is set."""

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.fsm_storage import DatabaseStorage, one_update
from bot.redis_state import RedisStateStorage
from services.clock import ManualClock
from services.localities import LocalityService
from services.users import UserService
from storage.counting import count_queries, counting
from storage.db import create_engine, create_session_factory
from storage.models import FsmRecord, User
from storage.unit_of_work import UnitSessions, release_current
from tests.builders import a_citizen, an_official
from tests.conftest import IN_CI

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


class Writing(StatesGroup):
    text = State()


KEYS = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)


def key(user_id: int = 42) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=user_id, user_id=user_id)


async def test_state_and_data_survive_a_new_storage_object(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    first = DatabaseStorage(session_factory)
    await first.set_state(key(), Writing.text)
    await first.update_data(key(), {"draft": "Жол <жөндеу> & жарық", "meeting": 7})

    # A restart: a new storage object on the same database.
    second = DatabaseStorage(session_factory)
    assert await second.get_state(key()) == Writing.text.state
    assert await second.get_data(key()) == {"draft": "Жол <жөндеу> & жарық", "meeting": 7}
    assert await second.get_state(key(43)) is None
    assert await second.get_data(key(43)) == {}


async def test_clearing_removes_the_row(session_factory: async_sessionmaker[AsyncSession]) -> None:
    storage = DatabaseStorage(session_factory)
    await storage.set_state(key(), Writing.text)
    await storage.set_data(key(), {"a": 1})
    await storage.set_state(key(), None)
    await storage.set_data(key(), {})
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(FsmRecord)) == 0


def lone_write_transactions(engine: AsyncEngine) -> int:
    """The server's transactions for a write committed right after, alone: none on PostgreSQL
    (storage/lazy_begin.py, ``COMMITS_ALONE``), one on SQLite."""
    return 0 if engine.dialect.name == "postgresql" else 1


async def test_within_one_update_the_row_is_read_once(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    # aiogram reads the state before the handler, the handler reads the data and writes.
    count_queries(engine)
    storage = DatabaseStorage(session_factory)
    await storage.set_state(key(), Writing.text)
    await storage.set_data(key(), {"draft": "бір"})
    with one_update(), counting() as count:
        assert await storage.get_state(key()) == Writing.text.state
        assert await storage.get_data(key()) == {"draft": "бір"}
        await storage.update_data(key(), {"photo": None})
        await storage.set_state(key(), Writing.text)  # what the row says already
        assert await storage.get_data(key()) == {"draft": "бір", "photo": None}
    # The read on its own (no transaction: storage/lazy_begin.py), and the update: in a
    # transaction on SQLite, whose driver begins one at a write; on PostgreSQL, a lone write
    # committed right after, on its own.
    assert (count.statements, count.transactions) == (2, lone_write_transactions(engine))

    restarted = DatabaseStorage(session_factory)
    assert await restarted.get_state(key()) == Writing.text.state
    assert await restarted.get_data(key()) == {"draft": "бір", "photo": None}

    with one_update():
        await storage.set_state(key(), None)  # not read in this update: read, then write
        await storage.set_data(key(), {})
        assert await storage.get_state(key()) is None
    async with session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(FsmRecord)) == 0


async def stored(sessions: async_sessionmaker[AsyncSession]) -> tuple[str | None, str] | None:
    """The row as another session sees it: what is committed."""
    async with sessions() as session:
        record = await session.get(FsmRecord, KEYS.build(key()))
        return (record.state, record.data) if record else None


@pytest.fixture
async def observer(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an engine of their own: what they read is not counted with the update."""
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


async def test_in_a_unit_the_writes_go_in_one_statement_with_the_next_commit(
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    observer: async_sessionmaker[AsyncSession],
) -> None:
    """A handler sets the draft, then the state (two writes), then answers: one statement,
    in the commit that lets the connection go before the Bot API request, none of its own."""
    count_queries(engine)
    units = UnitSessions(session_factory)
    storage = DatabaseStorage(units)
    with one_update(), counting() as count:
        async with units.unit():
            assert await storage.get_state(key()) is None
            await storage.update_data(key(), {"draft": "бір"})
            await storage.set_state(key(), Writing.text)
            assert await storage.get_data(key()) == {"draft": "бір"}  # the update sees its own
            assert await stored(observer) is None  # nothing committed yet
            await release_current()  # the middleware's call before a Bot API request
            assert await stored(observer) == (Writing.text.state, '{"draft": "бір"}')
            await storage.set_state(key(), None)
            await storage.set_data(key(), {})
        # The unit's end writes what was set after the last request: the row goes.
    assert await stored(observer) is None
    # The read, then the insert and the delete, each committed on its own (see above).
    assert (count.statements, count.transactions) == (3, 2 * lone_write_transactions(engine))


async def test_a_state_set_and_reset_within_one_commit_writes_nothing(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    count_queries(engine)
    units = UnitSessions(session_factory)
    storage = DatabaseStorage(units)
    with one_update(), counting() as count:
        async with units.unit():
            await storage.set_state(key(), Writing.text)
            await storage.set_state(key(), None)
    assert await stored(session_factory) is None
    assert count.statements == 1  # the read


def counted_update_parts(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> tuple[UnitSessions, DatabaseStorage, UserService]:
    """What an update's first reads go through, on sessions of its unit of work, counted."""
    count_queries(engine)
    units = UnitSessions(session_factory)
    users = UserService(units, ManualClock(datetime(2026, 12, 1, tzinfo=UTC)), "kk")
    return units, DatabaseStorage(units), users


async def test_the_updates_first_read_brings_its_user_and_role(
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    observer: async_sessionmaker[AsyncSession],
) -> None:
    """aiogram reads the conversation's state, then the user middleware the person and whether
    they are staff: one statement for both (storage/repositories/users.py). The person read
    ahead is the session's again, so what is changed of it is written: an official who had
    blocked the bot is active again."""
    await LocalityService(session_factory).load_sample()
    await an_official(session_factory, 42)
    async with session_factory() as session:
        official = await session.get(User, 42)
        assert official is not None
        official.is_active = False
        await session.commit()
    units, storage, users = counted_update_parts(engine, session_factory)
    with one_update(), counting() as count:
        async with units.unit():
            assert await storage.get_state(key(42)) is None
            arrival = await users.arrive(42, "ru")
    assert (arrival.is_new, arrival.is_official, arrival.user.locale) == (False, True, "kk")
    # The read ahead, and the reactivation (UPDATE) in a transaction of its own.
    assert (count.statements, count.transactions) == (2, 1)
    async with observer() as session:
        assert await session.scalar(select(User.is_active).where(User.id == 42)) is True


async def test_a_person_read_ahead_and_not_found_is_added(
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    observer: async_sessionmaker[AsyncSession],
) -> None:
    units, storage, users = counted_update_parts(engine, session_factory)
    await storage.set_state(key(7), Writing.text)
    with one_update(), counting() as count:
        async with units.unit():
            assert await storage.get_state(key(7)) == Writing.text.state
            arrival = await users.arrive(7, "ru")
            assert await storage.get_data(key(7)) == {}  # read already
    assert (arrival.is_new, arrival.is_official, arrival.user.locale) == (True, False, "ru")
    assert (count.statements, count.transactions) == (2, 1)  # the read ahead, the INSERT
    async with observer() as session:
        assert await session.get(User, 7) is not None


async def test_someone_elses_conversation_read_first_reads_the_person_again(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await a_citizen(session_factory, 8)
    units, storage, users = counted_update_parts(engine, session_factory)
    with one_update(), counting() as count:
        async with units.unit():
            assert await storage.get_state(key(9)) is None  # another person's
            arrival = await users.arrive(8, "ru")
    assert (arrival.is_new, arrival.user.locale) == (False, "kk")
    assert count.statements == 2


@pytest.fixture
async def redis_storage() -> AsyncIterator[BaseStorage]:
    from redis.exceptions import ConnectionError as RedisConnectionError

    storage = RedisStorage.from_url(REDIS_URL)
    try:
        await storage.redis.ping()
    except RedisConnectionError as error:
        await storage.close()
        if IN_CI:
            pytest.fail(f"Redis at {REDIS_URL} is unreachable: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable: {error}")
    yield storage
    await storage.close()


async def test_redis_storage_is_chosen_with_redis_url_and_survives_restart(
    redis_storage: BaseStorage,
) -> None:
    from bot.config import Settings
    from bot.instances import create_fsm_storage

    settings = Settings(_env_file=None, redis_url=REDIS_URL)
    chosen = create_fsm_storage(settings, sessions=None)  # type: ignore[arg-type]
    try:
        assert type(chosen).__name__ == "RedisStateStorage"
        user = uuid.uuid4().int % 10**9
        await chosen.set_state(key(user), Writing.text)
        await chosen.set_data(key(user), {"draft": "сұрақ"})
    finally:
        await chosen.close()
    assert await redis_storage.get_state(key(user)) == Writing.text.state
    assert await redis_storage.get_data(key(user)) == {"draft": "сұрақ"}
    await redis_storage.set_state(key(user), None)
    await redis_storage.set_data(key(user), {})


@pytest.fixture
async def redis_state(redis_storage: BaseStorage) -> AsyncIterator[RedisStateStorage]:
    """The bot's Redis storage under a prefix of this test's own, its keys removed after."""
    from redis.asyncio import Redis

    assert isinstance(redis_storage, RedisStorage)
    client: Redis = redis_storage.redis
    prefix = f"kezdesu-test-{uuid.uuid4().hex[:8]}"
    storage = RedisStateStorage(client, key_builder=DefaultKeyBuilder(prefix=prefix))
    yield storage
    async for name in client.scan_iter(f"{prefix}:*"):
        await client.delete(name)


def sent_commands(storage: RedisStorage) -> list[str]:
    """From now on, the name of each command ``storage`` sends to Redis, in order."""
    sent: list[str] = []
    execute = storage.redis.execute_command

    async def counted(*args: Any, **options: Any) -> Any:
        sent.append(str(args[0]).upper())
        return await execute(*args, **options)

    storage.redis.execute_command = counted  # type: ignore[method-assign]
    return sent


async def test_redis_state_is_read_once_per_update(redis_state: RedisStateStorage) -> None:
    await redis_state.set_state(key(), Writing.text)
    await redis_state.set_data(key(), {"draft": "бір"})
    sent = sent_commands(redis_state)
    with one_update():
        # aiogram reads the state before the handler; the handler reads the data, adds to it.
        assert await redis_state.get_state(key()) == Writing.text.state
        data = await redis_state.get_data(key())
        data["changed"] = "not stored"  # a handler's own copy
        assert await redis_state.get_data(key()) == {"draft": "бір"}
        await redis_state.update_data(key(), {"photo": None})
        await redis_state.set_state(key(), Writing.text)  # what Redis holds already
        assert await redis_state.get_data(key()) == {"draft": "бір", "photo": None}
        assert await redis_state.get_state(key()) == Writing.text.state
    assert sent == ["MGET", "SET"]

    # Another instance (another storage object) sees what was written.
    other = RedisStateStorage(redis_state.redis, key_builder=redis_state.key_builder)
    with one_update():
        assert await other.get_state(key()) == Writing.text.state
        assert await other.get_data(key()) == {"draft": "бір", "photo": None}
        await other.set_state(key(), None)
        await other.set_data(key(), {})
        assert await other.get_state(key()) is None
        assert await other.get_data(key()) == {}
    assert (
        await redis_state.redis.exists(
            redis_state.key_builder.build(key(), "state"),
            redis_state.key_builder.build(key(), "data"),
        )
        == 0
    )
    # The next update of the first instance reads afresh: no memory outlives an update.
    with one_update():
        assert await redis_state.get_state(key()) is None
        assert await redis_state.get_data(key()) == {}


async def test_redis_state_outside_an_update_asks_redis_each_time(
    redis_state: RedisStateStorage,
) -> None:
    other = RedisStateStorage(redis_state.redis, key_builder=redis_state.key_builder)
    await redis_state.set_state(key(), Writing.text)
    assert await other.get_state(key()) == Writing.text.state
    await redis_state.set_state(key(), None)
    await redis_state.set_data(key(), {"a": 1})
    assert await other.get_state(key()) is None
    assert await other.get_data(key()) == {"a": 1}
    # Written unread within an update: the write goes out, and the next read asks Redis.
    sent = sent_commands(other)
    with one_update():
        await other.set_state(key(), Writing.text)
        assert await other.get_state(key()) == Writing.text.state
        assert await other.get_data(key()) == {"a": 1}
    assert sent == ["SET", "MGET"]
    with pytest.raises(DataNotDictLikeError):
        await other.set_data(key(), [("a", 1)])  # type: ignore[arg-type]
