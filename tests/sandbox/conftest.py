from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from sandbox import EmulatorConfig, RunningEmulator, run_emulator
from sandbox.client import SandboxClient

USER_ID = 1001


async def eventually(condition: Callable[[], bool], attempts: int = 500) -> None:
    """Yield to the event loop until ``condition()`` holds (bounded)."""
    for _ in range(attempts):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never became true")


def make_bot(emulator: RunningEmulator, token: str | None = None) -> Bot:
    api = TelegramAPIServer.from_base(emulator.url)
    return Bot(token or emulator.bot_token, session=AiohttpSession(api=api))


@pytest.fixture
def config() -> EmulatorConfig:
    """Flood control off: these tests send many messages to one chat on purpose.

    Rate-limit tests override this fixture (or reconfigure at run time).
    """
    return EmulatorConfig(rate_limits_enabled=False)


@pytest.fixture
async def emulator(config: EmulatorConfig) -> AsyncIterator[RunningEmulator]:
    async with run_emulator(config) as running:
        yield running


@pytest.fixture
async def client(emulator: RunningEmulator) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(emulator.url) as sandbox_client:
        yield sandbox_client


@pytest.fixture
async def bot(emulator: RunningEmulator) -> AsyncIterator[Bot]:
    instance = make_bot(emulator)
    try:
        yield instance
    finally:
        await instance.session.close()


@pytest.fixture
async def user(client: SandboxClient) -> int:
    await client.add_user(USER_ID, "Aigerim", "Nurlanqyzy", "aigerim", "kk")
    return USER_ID
