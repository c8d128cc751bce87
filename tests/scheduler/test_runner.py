"""The runner: one tick runs every registered task at the clock's moment; a failing task does
not stop the others; the APScheduler job ticks at start and stops cleanly, letting a tick in
flight finish. Nothing here sleeps: the tests wait for events the tasks set."""

import asyncio
import logging
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.app import build_app
from bot.config import Settings
from scheduler import tasks
from scheduler.runner import SchedulerRunner, tick
from scheduler.tasks.compliance import compliance
from services.clock import ManualClock
from services.container import Services
from tests.scheduler.helpers import World, local


def test_the_compliance_task_is_registered() -> None:
    assert tasks.TASKS["compliance"] is compliance


async def test_tick_runs_every_task_and_survives_a_failing_one(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[tuple[str, datetime]] = []

    async def failing(services: Services, now: datetime) -> None:
        raise RuntimeError("the database went away")

    async def recording(services: Services, now: datetime) -> None:
        seen.append(("recording", now))

    monkeypatch.setattr("scheduler.runner.TASKS", {"failing": failing, "recording": recording})
    moment = local(date(2027, 3, 1), 9)
    with caplog.at_level(logging.ERROR, logger="scheduler.runner"):
        report = await tick(world.services, moment)
    assert (report.ran, report.failed) == (["recording"], ["failing"])
    assert seen == [("recording", moment)]
    assert "scheduler task failing failed" in caplog.text


async def test_runner_ticks_at_start_and_stops_after_the_tick_in_flight(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = asyncio.Event()
    release = asyncio.Event()
    finished: list[datetime] = []

    async def slow(services: Services, now: datetime) -> None:
        started.set()
        await release.wait()
        finished.append(now)

    monkeypatch.setattr("scheduler.runner.TASKS", {"slow": slow})
    runner = SchedulerRunner(world.services)
    runner.start()
    assert runner.running
    # The first tick runs at once, with the services' clock, not the wall clock.
    await asyncio.wait_for(started.wait(), timeout=10)
    stopping = asyncio.create_task(runner.stop())
    await asyncio.sleep(0)
    assert not stopping.done()
    release.set()
    await asyncio.wait_for(stopping, timeout=10)
    assert finished == [world.clock.now()]
    assert runner.ticks == 1
    assert not runner.running


@pytest.mark.parametrize(("injected", "expected"), [(False, True), (True, False)])
async def test_the_app_runs_the_scheduler_on_the_system_clock_only(
    tmp_path: Path, injected: bool, expected: bool
) -> None:
    settings = Settings(
        _env_file=None, bot_token=None, database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db"
    )
    clock = ManualClock(local(date(2027, 1, 1))) if injected else None
    app = build_app(settings, token="42:TEST", clock=clock)
    try:
        assert (app.scheduler is not None) is expected
    finally:
        await app.close()
