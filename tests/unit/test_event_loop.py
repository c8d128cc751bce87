"""The bot's event loop (bot/event_loop.py): uvloop's unless told otherwise or missing."""

import asyncio
import sys

import pytest

from bot.config import Settings
from bot.event_loop import EventLoopError, loop_factory, loop_name, run


async def running_loop() -> str:
    await asyncio.sleep(0)
    return loop_name()


def test_auto_and_uvloop_run_on_uvloop() -> None:
    assert run(running_loop(), loop_factory("auto")) == "uvloop"
    assert run(running_loop(), loop_factory("uvloop")) == "uvloop"


def test_asyncio_runs_on_asyncios_own() -> None:
    assert loop_factory("asyncio") is None
    assert run(running_loop(), loop_factory("asyncio")) == "asyncio"


def test_without_uvloop_auto_falls_back_and_uvloop_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # import uvloop: ImportError
    assert loop_factory("auto") is None
    with pytest.raises(EventLoopError, match="uvloop is not installed"):
        loop_factory("uvloop")


def test_the_setting_takes_only_the_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENT_LOOP", "asyncio")
    assert Settings(_env_file=None).event_loop == "asyncio"
    monkeypatch.setenv("EVENT_LOOP", "tokio")
    with pytest.raises(ValueError, match="event_loop"):
        Settings(_env_file=None)
