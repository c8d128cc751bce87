"""The sending budget all instances share (scheduler/sender/shared_pacer.py), against the real
Redis, a key prefix of each test's own, on a clock the test moves (the bucket's too): two pacers
on one bucket together keep the rate one pacer keeps alone, slot for slot; one's 429 slows
both, and the creep back and the pause at the floor are shared; Redis out of reach, a process
paces itself alone."""

import asyncio
import contextlib
import logging
import math
import os
import uuid
from collections.abc import AsyncIterator
from itertools import pairwise

import pytest
from redis.asyncio import Redis

from scheduler.sender.pacer import AdaptivePacer, PacerTuning, Slot
from scheduler.sender.shared_pacer import RedisPacer
from tests.conftest import skip_or_fail
from tests.e2e.test_stop import free_port
from tests.sandbox.conftest import eventually
from tests.unit.test_pacer import FakeTime

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
CEILING = 100.0
TUNING = PacerTuning()
TARGET = CEILING * TUNING.headroom


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (OSError, ConnectionError) as error:
        await client.aclose()
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable ({error})")
    yield client
    await client.aclose()


@pytest.fixture
async def key(redis: Redis) -> AsyncIterator[str]:
    name = f"kezdesu-test-{uuid.uuid4().hex[:12]}:pacer"
    yield name
    await redis.delete(name)


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


def instances(redis: Redis, key: str, time: FakeTime, count: int = 2) -> list[RedisPacer]:
    """``count`` processes' pacers on one bucket; the test's clock is the bucket's too."""
    return [
        RedisPacer(redis, key, CEILING, clock=time, sleep=time.sleep, bucket_clock=time)
        for _ in range(count)
    ]


async def send_in_turn(pacers: list[RedisPacer], time: FakeTime, count: int) -> list[Slot]:
    """``count`` requests, taken from the pacers in turn, each leaving at its slot."""
    slots = []
    for index in range(count):
        slot = await pacers[index % len(pacers)].reserve()
        time.now = max(time.now, slot.at)
        slots.append(slot)
    return slots


def most_in_a_second(times: list[float]) -> int:
    ordered = sorted(times)
    return max(sum(1 for t in ordered if start <= t < start + 1.0) for start in ordered)


async def test_two_pacers_on_one_bucket_together_keep_the_rate(
    redis: Redis, key: str, time: FakeTime
) -> None:
    shared = await send_in_turn(instances(redis, key, time), time, 400)

    assert all(slot.shared for slot in shared)
    times = [slot.at for slot in shared]
    # At most the rate in any second, but for the first: a start counts as a stall, of which
    # ``catch_up`` seconds are made up (as one process's pacer does).
    assert most_in_a_second(times) <= TARGET * (1 + TUNING.catch_up) + 1
    steady = [t for t in times if t >= times[0] + TUNING.catch_up * 2]
    assert most_in_a_second(steady) <= math.ceil(TARGET)
    # Slot for slot what one process's pacer gives alone: the same logic, one schedule.
    alone_time = FakeTime()
    alone = AdaptivePacer(CEILING, clock=alone_time, sleep=alone_time.sleep)
    expected = []
    for _ in range(400):
        slot = alone.reserve()
        alone_time.now = max(alone_time.now, slot.at)
        expected.append(slot.at)
    assert [slot.at for slot in shared] == pytest.approx(expected, abs=1e-9)


async def test_without_the_shared_bucket_two_processes_send_twice_the_rate(
    time: FakeTime,
) -> None:
    # What the shared bucket prevents (the measure above fails on this).
    pacers = [AdaptivePacer(CEILING, clock=time, sleep=time.sleep) for _ in range(2)]
    times = []
    for index in range(400):
        slot = pacers[index % 2].reserve()
        time.now = max(time.now, slot.at)
        times.append(slot.at)
    assert most_in_a_second(times) > 1.5 * CEILING


async def test_one_instance_429_slows_them_all_then_both_creep_back(
    redis: Redis, key: str, time: FakeTime
) -> None:
    first, second = instances(redis, key, time)
    slots = await send_in_turn([first, second], time, 20)

    first.refused(slots[-2], retry_after=1)
    # Told to the bucket before the first takes another slot.
    await send_in_turn([first], time, 1)
    assert first.stats.cuts == 1 and first.stats.refused == 1
    following = await send_in_turn([second], time, 5)
    # The other instance's rate was cut too (and creeps back from there as time passes).
    assert second.rate == pytest.approx(TARGET * TUNING.cut, rel=0.02)
    assert min(after.at - before.at for before, after in pairwise(following)) > 1 / TARGET

    # A 429 for a request that left before the cut is the same overshoot: no second cut.
    before = second.rate
    second.refused(slots[-1], retry_after=1)
    await send_in_turn([second], time, 1)
    assert second.stats.cuts == 0 and second.stats.refused == 1
    assert second.rate >= before

    # The rate creeps back for everyone, on the bucket's clock.
    time.now += 1.0
    await send_in_turn([first], time, 1)
    assert first.rate == pytest.approx(TARGET)


async def test_at_the_floor_every_instance_waits_for_retry_after(
    redis: Redis, key: str, time: FakeTime
) -> None:
    first, second = instances(redis, key, time)
    for _ in range(30):
        [slot] = await send_in_turn([first], time, 1)
        refused_at = time.now
        first.refused(slot, retry_after=3)
        await first.aclose()
        if first.stats.pauses:
            break

    assert first.stats.pauses == 1
    [waiting] = await send_in_turn([second], time, 1)
    assert waiting.at >= refused_at + 3
    assert second.rate == pytest.approx(CEILING * TUNING.floor, rel=0.01)


async def test_the_bucket_runs_on_redis_clock_by_default(redis: Redis, key: str) -> None:
    pacer = RedisPacer(redis, key, CEILING)

    slot = await pacer.reserve()

    assert slot.shared and slot.cuts == 0
    seconds, micros = await redis.time()
    scheduled = float(await redis.hget(key, "next") or 0)
    # The schedule is kept on Redis's clock (Unix seconds), not this process's monotonic one.
    assert abs(scheduled - (seconds + micros / 1e6)) < 1.0


@contextlib.asynccontextmanager
async def relay_to(redis: Redis, port: int) -> AsyncIterator[None]:
    """Redis on ``port`` too, from now on: a plain TCP relay to the real one."""
    target = redis.connection_pool.connection_kwargs

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream = await asyncio.open_connection(target["host"], target["port"])
        await asyncio.gather(
            pipe(reader, upstream[1]), pipe(upstream[0], writer), return_exceptions=True
        )

    server = await asyncio.start_server(relay, "127.0.0.1", port)
    async with server:
        yield


async def test_redis_out_of_reach_the_process_paces_itself_alone_until_it_is_back(
    redis: Redis, key: str, time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    port = free_port()
    db = redis.connection_pool.connection_kwargs.get("db", 0)
    away = Redis(host="127.0.0.1", port=port, db=db)
    pacer = RedisPacer(away, key, CEILING, clock=time, sleep=time.sleep, bucket_clock=time)
    try:
        slots = [await pacer.acquire() for _ in range(20)]

        assert not pacer.sharing and not any(slot.shared for slot in slots)
        assert pacer.local_slots == 20 and pacer.stats.slots == 20
        # Its own pacer's spacing, once the start's catch-up is made: the rate still holds.
        steady = [b.at - a.at for a, b in pairwise(slots[10:])]
        assert steady == pytest.approx([1 / TARGET] * len(steady))
        # Said once, not for every message.
        warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert len(warnings) == 1
        # Its 429s cut its own pacer.
        pacer.refused(slots[-1], retry_after=1)
        assert pacer.rate == pytest.approx(TARGET * TUNING.cut, rel=0.01)

        # Redis is back: found in the background, and the slots are shared again.
        async with relay_to(redis, port):
            await eventually(lambda: pacer.sharing)
            slot = await pacer.acquire()
            assert slot.shared and pacer.local_slots == 20
            assert await redis.hget(key, "next") is not None
    finally:
        await pacer.aclose()
        await away.aclose()
