"""Several webhook instances behave as one bot (bot/instances.py, bot/redelivery.py): two apps
built as `kezdesu run` builds them (bot/app.py build_app), each serving webhook mode on its own
port, on one scratch PostgreSQL and one Redis.

- the same update posted to both is handled once (the other answers 200, or 503 until the
  first has recorded it, as Telegram would then retry);
- an update claimed by an instance that then crashed is refused by the others while its lease
  lasts (503), and taken over once the lease, on the database's clock, is over;
- a redelivery after the 200 was lost lands on the other instance and is skipped;
- two instances' chat locks in Redis run one chat's updates one at a time; a chat's lock is
  taken and its conversation read in one round trip, and read again when the lock was busy;
- a claim runs in autocommit and leaves its connection transactional for the next user;
- a live instance renews its claims and its chats' locks, which are short for a dead one.
"""

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from aiogram.fsm.storage.base import BaseEventIsolation, StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import App, build_app
from bot.config import Settings
from bot.fsm_storage import one_update
from bot.instances import (
    LOCK_TIMEOUT,
    RenewedRedisEventIsolation,
    create_events_isolation,
    create_fsm_storage,
    key_builder,
    unshared_in_webhook_mode,
)
from bot.redelivery import Claim, HandledUpdates
from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient
from services.clock import SystemClock
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from tests.conftest import scratch_postgres_database, skip_or_fail
from tests.e2e.test_stop import free_port

pytestmark = pytest.mark.timeout(120)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
USER_ID = 7601
SECRET = "kezdesu-instances-secret_1"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own on the shared Redis, its keys removed afterwards."""
    prefix = f"kezdesu-test-{uuid.uuid4().hex[:12]}"
    redis = Redis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except (OSError, ConnectionError) as error:
        await redis.aclose()
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable ({error})")
    try:
        yield prefix
    finally:
        async for key in redis.scan_iter(f"{prefix}:*"):
            await redis.delete(key)
        await redis.aclose()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    async with scratch_postgres_database() as url:
        await upgrade_async(url)
        yield url


@pytest.fixture
async def emulator() -> AsyncIterator[RunningEmulator]:
    config = EmulatorConfig(rate_limits_enabled=False, local_mode=True, delay_ms=1)
    async with run_emulator(config) as running:
        yield running


class Instance:
    """One `kezdesu run` in webhook mode, in this process: build_app and serve_webhook."""

    def __init__(self, app: App, url: str) -> None:
        self.app = app
        self.url = url
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def post(self, update: dict[str, Any]) -> int:
        headers = {SECRET_HEADER: SECRET}
        async with (
            aiohttp.ClientSession() as http,
            http.post(self.url, json=update, headers=headers) as response,
        ):
            return response.status


@contextlib.asynccontextmanager
async def instance(
    emulator: RunningEmulator, database_url: str, redis_prefix: str
) -> AsyncIterator[Instance]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/updates"
    settings = Settings(
        _env_file=None,
        bot_token=emulator.bot_token,
        telegram_api_url=emulator.url,
        database_url=database_url,
        redis_url=REDIS_URL,
        redis_prefix=redis_prefix,
        webhook_url=url,
        webhook_port=port,
        webhook_secret=SECRET,
    )
    app = build_app(settings, token=emulator.bot_token, api_url=emulator.url, run_scheduler=False)
    running = Instance(app, url)
    running.task = asyncio.create_task(app.serve_webhook(running.stop, set_commands=False))
    try:
        await until_listening(f"http://127.0.0.1:{port}/healthz", running.task)
        yield running
    finally:
        running.stop.set()
        await running.task
        await app.close()


async def until_listening(url: str, task: asyncio.Task[None]) -> None:
    """Bounded: the server listens once the app has loaded what it handled before."""
    for _ in range(500):
        if task.done():
            task.result()
        with contextlib.suppress(aiohttp.ClientError):
            async with aiohttp.ClientSession() as http, http.get(url) as response:
                if response.status == 200:
                    return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{url} never answered")


def start_update(update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(datetime.now(UTC).timestamp()),
            "chat": {"id": USER_ID, "type": "private"},
            "from": {"id": USER_ID, "is_bot": False, "first_name": "Aigerim"},
            "text": "/start",
        },
    }


async def delivered(post: Callable[[], Awaitable[int]]) -> list[int]:
    """Post as Telegram does: again after anything but a 2xx (bounded)."""
    statuses = []
    for _ in range(200):
        status = await post()
        statuses.append(status)
        if status == 200:
            return statuses
        await asyncio.sleep(0.02)
    raise AssertionError(f"never acknowledged: {statuses[-5:]}")


async def bot_replies(client: SandboxClient) -> int:
    return len(await client.current_messages(USER_ID, sender="bot"))


async def test_an_update_posted_to_two_instances_is_handled_once(
    emulator: RunningEmulator, postgres_url: str, redis_prefix: str
) -> None:
    async with (
        SandboxClient(emulator.url) as client,
        instance(emulator, postgres_url, redis_prefix) as first,
        instance(emulator, postgres_url, redis_prefix) as second,
    ):
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        assert first.app.claims and second.app.claims
        update = start_update(910_001)

        # Both at once (Telegram retried while the first was being handled).
        answers = await asyncio.gather(
            delivered(lambda: first.post(update)), delivered(lambda: second.post(update))
        )
        assert all(statuses[-1] == 200 for statuses in answers)
        assert await bot_replies(client) == 1

        # Once more to each (the 200s were lost): nothing more is sent.
        assert await first.post(update) == 200
        assert await second.post(update) == 200
        assert await bot_replies(client) == 1


async def test_an_update_of_a_crashed_instance_waits_for_its_lease_then_is_taken_over(
    emulator: RunningEmulator, postgres_url: str, redis_prefix: str
) -> None:
    async with (
        SandboxClient(emulator.url) as client,
        instance(emulator, postgres_url, redis_prefix) as crashed,
        instance(emulator, postgres_url, redis_prefix) as survivor,
    ):
        await client.add_user(USER_ID, "Aigerim", language_code="kk")
        update = start_update(910_002)
        # The first instance takes the update and dies before handling it (nothing sent, its
        # transaction never committed): only its claim is left.
        assert crashed.app.handled is not None and survivor.app.handled is not None
        assert await crashed.app.handled.claim(910_002) is Claim.HERE

        # Telegram's retry reaches the other instance while the lease lasts: not yet.
        assert await survivor.post(update) == 503
        assert await bot_replies(client) == 0

        # The lease runs out on the database's clock (moved back here, rather than waited).
        engine = create_async_engine(postgres_url)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "UPDATE handled_updates SET lease_until = now() - interval '1 second'"
                        " WHERE update_id = 910002"
                    )
                )
        finally:
            await engine.dispose()
        assert await survivor.post(update) == 200
        assert await bot_replies(client) == 1

        # A copy reaching the instance that claimed it first is skipped: it was handled.
        assert await crashed.post(update) == 200
        assert await bot_replies(client) == 1


async def run_one_chat(
    isolations: list[BaseEventIsolation], keys: list[StorageKey], redis: Redis
) -> list[tuple[str, int]]:
    """Each instance handles five updates of its key at once with the others; each handling
    awaits a round trip to Redis, so unserialised handlings interleave."""
    trace: list[tuple[str, int]] = []

    async def handle(index: int) -> None:
        for _ in range(5):
            async with isolations[index].lock(keys[index]):
                trace.append(("in", index))
                await redis.ping()
                trace.append(("out", index))

    await asyncio.gather(*(handle(index) for index in range(len(isolations))))
    return trace


def overlapped(trace: list[tuple[str, int]]) -> bool:
    return any(trace[i][0] == "in" and trace[i + 1][0] == "in" for i in range(len(trace) - 1))


async def test_two_instances_locks_in_redis_run_one_chat_one_update_at_a_time(
    redis_prefix: str,
) -> None:
    settings = Settings(_env_file=None, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    # Two instances: a Redis client and an isolation each.
    clients = [Redis.from_url(REDIS_URL), Redis.from_url(REDIS_URL)]
    try:
        shared = [create_events_isolation(settings, client) for client in clients]
        chat = StorageKey(bot_id=1, chat_id=USER_ID, user_id=USER_ID)
        other = StorageKey(bot_id=1, chat_id=USER_ID + 1, user_id=USER_ID + 1)

        assert not overlapped(await run_one_chat(shared, [chat, chat], clients[0]))
        # Different chats are not held up by each other.
        assert overlapped(await run_one_chat(shared, [chat, other], clients[0]))
        # What each process alone would do: one chat's updates at once on two instances.
        alone = [create_events_isolation(settings, None) for _ in clients]
        assert all(isinstance(isolation, SimpleEventIsolation) for isolation in alone)
        assert overlapped(await run_one_chat(alone, [chat, chat], clients[0]))
    finally:
        for client in clients:
            await client.aclose()


@pytest.mark.parametrize(
    ("database_url", "redis_url", "caveats"),
    [
        ("postgresql+asyncpg://db/kezdesu", "redis://r", 0),
        ("postgresql+asyncpg://db/kezdesu", None, 1),
        ("sqlite+aiosqlite:///k.db", "redis://r", 1),
        ("sqlite+aiosqlite:///k.db", None, 2),
    ],
)
def test_what_several_webhook_instances_would_not_share_is_said(
    database_url: str, redis_url: str | None, caveats: int
) -> None:
    settings = Settings(_env_file=None, database_url=database_url, redis_url=redis_url)
    assert len(unshared_in_webhook_mode(settings)) == caveats


async def test_a_claim_leaves_its_connection_transactional_for_the_next_user(
    postgres_url: str,
) -> None:
    """The claim runs alone in autocommit (one round trip); the connection goes back to the
    pool as it came, so the update's own statements that take it next are one transaction
    again: a rollback undoes them."""
    engine = create_engine(postgres_url, pool_size=1, max_overflow=0)
    sessions = create_session_factory(engine)
    try:
        handled = HandledUpdates(sessions, SystemClock())
        assert await handled.claim(910_010) is Claim.HERE
        async with sessions() as session:
            await session.execute(
                text("INSERT INTO fsm_records (key, state, data) VALUES ('k', 's', '{}')")
            )
            await session.rollback()
        async with sessions() as session:
            left = await session.scalar(text("SELECT count(*) FROM fsm_records"))
            claimed = await session.scalar(
                text("SELECT claimed_by FROM handled_updates WHERE update_id = 910010")
            )
    finally:
        await engine.dispose()
    assert left == 0
    assert claimed == handled.owner


async def test_a_live_instance_renews_its_claims_until_they_are_recorded(
    postgres_url: str,
) -> None:
    """A claim's lease is short (a dead instance's update waits 20 s, not a minute); the
    instance that holds it renews it while it handles the update, so another instance does
    not take over a slow handling. Here the lease has run out on the database's clock (moved
    back, rather than waited): renewed, the other instance is still refused; once recorded,
    the other instance skips it."""
    engine = create_engine(postgres_url)
    sessions = create_session_factory(engine)
    try:
        holder = HandledUpdates(sessions, SystemClock())
        other = HandledUpdates(sessions, SystemClock())
        assert await holder.claim(910_020) is Claim.HERE
        assert holder.begin(910_020)

        async def lease_runs_out() -> None:
            async with engine.begin() as connection:
                await connection.execute(
                    text(
                        "UPDATE handled_updates SET lease_until = now() - interval '1 second'"
                        " WHERE update_id = 910020"
                    )
                )

        await lease_runs_out()
        await holder.renew_claims()
        assert await other.claim(910_020) is Claim.BUSY

        holder.done(910_020)
        await holder.flush()
        await lease_runs_out()
        await holder.renew_claims()  # recorded: nothing left to renew
        assert await other.claim(910_020) is Claim.HANDLED
    finally:
        await engine.dispose()


async def test_a_chats_lock_is_renewed_while_its_update_is_handled(redis_prefix: str) -> None:
    """Short, so a dead instance's chat is free again soon; renewed, so a slow handling keeps
    it: its time to live, cut down inside the lock, comes back to the full timeout."""
    settings = Settings(_env_file=None, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    redis = Redis.from_url(REDIS_URL)
    try:
        isolation = RenewedRedisEventIsolation(
            redis, key_builder(settings), timeout=LOCK_TIMEOUT, renew_every=0.01
        )
        chat = StorageKey(bot_id=1, chat_id=USER_ID, user_id=USER_ID)
        name = key_builder(settings).build(chat, "lock")
        async with isolation.lock(chat):
            await redis.pexpire(name, 500)
            for _ in range(500):
                if await redis.pttl(name) > 1_000:
                    break
                await asyncio.sleep(0.01)
            renewed = await redis.pttl(name)
        released = await redis.exists(name)
    finally:
        await redis.aclose()
    assert 1_000 < renewed <= LOCK_TIMEOUT * 1_000
    assert released == 0


def round_trips(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """From now on, each write of commands to Redis (one round trip), as their names."""
    sent: list[list[str]] = []
    send = AbstractConnection.send_packed_command

    async def counted(self: AbstractConnection, command: Any, check_health: bool = True) -> None:
        parts = [command] if isinstance(command, bytes) else list(command)
        lines = b"".join(bytes(part) for part in parts).split(b"\r\n")
        # Each command: "*<n>", then "$<length>" and the value for each of its n words, the
        # first its name. (The test's values hold no line breaks.)
        names, at = [], 0
        while at < len(lines) and lines[at].startswith(b"*"):
            names.append(lines[at + 2].decode().upper())
            at += 1 + 2 * int(lines[at][1:])
        sent.append(names)
        await send(self, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)
    return sent


async def test_a_chats_lock_is_taken_and_its_state_read_in_one_round_trip(
    redis_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(_env_file=None, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    redis = Redis.from_url(REDIS_URL)
    try:
        storage = create_fsm_storage(settings, sessions=None, redis=redis)  # type: ignore[arg-type]
        isolation = create_events_isolation(settings, redis, storage)
        chat = StorageKey(bot_id=1, chat_id=USER_ID, user_id=USER_ID)
        await storage.set_state(chat, "Asking:text")
        await storage.set_data(chat, {"draft": "жол"})
        sent = round_trips(monkeypatch)
        with one_update():
            async with isolation.lock(chat):
                # What aiogram and a handler then read: no round trip of their own.
                assert await storage.get_state(chat) == "Asking:text"
                assert await storage.get_data(chat) == {"draft": "жол"}
                assert sent == [["SET", "MGET"]]
        assert sent[1:] == [["EVALSHA"]]  # the lock let go
        assert await redis.exists(key_builder(settings).build(chat, "lock")) == 0

        # Outside an update nothing is remembered, so nothing is read ahead: the plain lock.
        sent.clear()
        async with isolation.lock(chat):
            pass
        assert sent == [["SET"], ["EVALSHA"]]
    finally:
        await redis.aclose()


async def test_a_busy_chats_state_is_read_once_its_lock_is_taken(
    redis_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read that went with a failed try for the lock is dropped: the holder may still
    change the state. What the update sees is what the holder left."""
    settings = Settings(_env_file=None, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    redis = Redis.from_url(REDIS_URL)
    try:
        storage = create_fsm_storage(settings, sessions=None, redis=redis)  # type: ignore[arg-type]
        isolation = create_events_isolation(settings, redis, storage)
        assert isinstance(isolation, RenewedRedisEventIsolation)
        chat = StorageKey(bot_id=1, chat_id=USER_ID, user_id=USER_ID)
        lock_name = key_builder(settings).build(chat, "lock")
        await storage.set_state(chat, "Asking:text")
        # Another instance holds the chat.
        await redis.set(lock_name, b"another instance", px=int(LOCK_TIMEOUT * 1000))

        tried = asyncio.Event()
        take = isolation._take_and_read

        async def observed(held: Any, key: StorageKey) -> bool:
            taken = await take(held, key)
            tried.set()
            return taken

        monkeypatch.setattr(isolation, "_take_and_read", observed)

        async def next_update() -> str | None:
            with one_update():
                async with isolation.lock(chat):
                    return await storage.get_state(chat)

        waiting = asyncio.create_task(next_update())
        await tried.wait()
        assert not waiting.done()
        # The holder ends its step and lets go.
        await storage.set_state(chat, "Asking:photo")
        await redis.delete(lock_name)
        assert await asyncio.wait_for(waiting, 10) == "Asking:photo"
    finally:
        await redis.aclose()
