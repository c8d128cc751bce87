"""The demo clock of the driver API (``/_driver/clock``): moved forward only, only when
something follows it (the bot in sandbox mode), kept with the state over a restart."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient, SandboxError
from sandbox.driver_api import plus_months

ALMATY = ZoneInfo("Asia/Almaty")


def follow(emulator: RunningEmulator) -> list[float]:
    """A follower that records every offset it is told."""
    told: list[float] = []

    async def moved(offset: float) -> None:
        told.append(offset)

    emulator.state.clock_follower = moved
    emulator.state.clock_zone = "Asia/Almaty"
    return told


async def move(client: SandboxClient, **body: object) -> dict[str, object]:
    return dict(await client._request("POST", "/_driver/clock", dict(body)))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2027, 1, 31, 10), 1, datetime(2027, 2, 28, 10)),
        (datetime(2028, 1, 31, 10), 1, datetime(2028, 2, 29, 10)),
        (datetime(2026, 12, 5, 10), 1, datetime(2027, 1, 5, 10)),
        (datetime(2026, 11, 30, 10), 3, datetime(2027, 2, 28, 10)),
        (datetime(2026, 12, 5, 10), 24, datetime(2028, 12, 5, 10)),
    ],
)
def test_a_month_on_is_the_same_day_or_the_months_last(
    start: datetime, months: int, expected: datetime
) -> None:
    assert plus_months(start, months) == expected


def shown(answer: dict[str, object]) -> datetime:
    return datetime.fromisoformat(str(answer["now"]))


async def test_without_a_follower_the_clock_does_not_move(
    emulator: RunningEmulator, client: SandboxClient
) -> None:
    state = await client._request("GET", "/_driver/clock")
    assert state["available"] is False and state["offset_seconds"] == 0
    with pytest.raises(SandboxError) as refused:
        await move(client, days=1)
    assert refused.value.status == 409
    assert "sandbox mode" in str(refused.value)
    assert emulator.state.clock_offset == 0


async def test_days_months_and_a_date_move_the_clock_and_tell_the_follower(
    emulator: RunningEmulator, client: SandboxClient, user: int
) -> None:
    told = follow(emulator)
    before = datetime.now(ALMATY)
    week = await move(client, days=7)
    assert week["available"] is True and week["zone"] == "Asia/Almaty"
    assert abs(shown(week) - (before + timedelta(days=7))) < timedelta(seconds=5)
    assert told == [pytest.approx(7 * 86400, abs=5)]

    month = await move(client, months=1)
    assert abs(shown(month) - plus_months(shown(week), 1)) < timedelta(seconds=5)

    target = (shown(month) + timedelta(days=40)).date()
    dated = await move(client, to=target.isoformat())
    # A date alone: 09:00 of that day in the clock's zone, when the daily reminders go out.
    assert shown(dated) == datetime(target.year, target.month, target.day, 9, tzinfo=ALMATY)
    assert len(told) == 3 and told == sorted(told)
    assert told[-1] == pytest.approx(shown(dated).timestamp() - time.time(), abs=5)

    # Messages are dated on the demo clock.
    delivery = await client.send_text(user, "сәлем")
    assert delivery.message is not None
    assert abs(delivery.message["date"] - shown(dated).timestamp()) < 5


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"to": "2020-01-01"}, "the demo clock only moves forward"),
        ({"to": "01.01.2030"}, "to must be a date (YYYY-MM-DD)"),
        ({"days": 0}, "days must be within"),
        ({"months": "many"}, "months must be an integer"),
        ({"days": 1, "months": 1}, "give one of days, months or to"),
        ({}, "give one of days, months or to"),
    ],
)
async def test_a_wrong_move_is_refused_and_the_clock_stays(
    emulator: RunningEmulator, client: SandboxClient, body: dict[str, object], error: str
) -> None:
    told = follow(emulator)
    with pytest.raises(SandboxError) as refused:
        await move(client, **body)
    assert refused.value.status == 400 and error in str(refused.value)
    assert told == [] and emulator.state.clock_offset == 0


async def test_the_offset_is_kept_over_a_restart(tmp_path: Path) -> None:
    config = EmulatorConfig(state_path=str(tmp_path / "sandbox.json"))
    async with run_emulator(config) as emulator, SandboxClient(emulator.url) as client:
        follow(emulator)
        moved = await move(client, to=date(2031, 5, 4).isoformat())
    async with run_emulator(config) as emulator, SandboxClient(emulator.url) as client:
        follow(emulator)
        again = await client._request("GET", "/_driver/clock")
        assert again["offset_seconds"] == moved["offset_seconds"]
        assert shown(again) >= shown(moved)
