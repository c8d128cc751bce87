"""The real bot, polling the Bot API emulator over HTTP, against a real database.

`BotWorld` is what an end-to-end test gets: the emulator's driver client, the bot's services
(with a clock the test moves), and `citizen()` / `admin()` chats that speak as people do.
"""

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.app import App
from bot.config import SenderSettings, Settings
from bot.local import local_bot
from locales import Text
from sandbox.client import ChatSession, SandboxClient
from sandbox.config import EmulatorConfig
from sandbox.server import RunningEmulator
from scheduler.sender import OutboxSender
from services.clock import ManualClock
from services.container import Services

ALMATY = ZoneInfo("Asia/Almaty")
# A Monday morning in Almaty: far enough from midnight that "today" is unambiguous.
START = datetime(2026, 11, 23, 9, 0, tzinfo=ALMATY)
ADMIN_ID = 900001


class UpdateTracker:
    """Knows when the bot has finished handling each update, so a test reads the bot's answer
    the moment it is complete instead of waiting for the chat to fall quiet."""

    def __init__(self) -> None:
        self._done: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    @classmethod
    def attached(cls, dispatcher: Dispatcher) -> "UpdateTracker":
        tracker = cls()
        tracker.attach(dispatcher)
        return tracker

    def attach(self, dispatcher: Dispatcher) -> None:
        feed_update = dispatcher.feed_update

        async def tracked(bot: Bot, update: Update, **kwargs: Any) -> Any:
            try:
                return await feed_update(bot, update, **kwargs)
            finally:
                self._done[update.update_id].set()

        # Polling calls feed_update once per update, errors included (they are handled inside).
        dispatcher.feed_update = tracked  # type: ignore[method-assign]

    async def wait(self, update_id: int) -> None:
        await self._done[update_id].wait()


@dataclass
class BotWorld:
    app: App
    client: SandboxClient
    emulator: RunningEmulator
    clock: ManualClock
    tracker: UpdateTracker | None = None
    chats: list[ChatSession] = field(default_factory=list)

    @property
    def services(self) -> Services:
        return self.app.services

    @property
    def sender(self) -> OutboxSender:
        return self.app.sender

    def text(self, locale: str) -> Text:
        """What a person with this language reads: tests find buttons by these texts."""
        return self.app.translator.bind(locale, ALMATY)

    async def chat(self, user_id: int, language_code: str | None = "kk") -> ChatSession:
        session = await ChatSession.create(
            self.client, user_id, first_name=f"User{user_id}", language_code=language_code
        )
        if self.tracker is not None:
            session.settle = self.tracker.wait
        self.chats.append(session)
        return session

    async def citizen(self, user_id: int, locale: str = "kk") -> ChatSession:
        """A person who has been through /start: language chosen, consent given."""
        chat = await self.chat(user_id, language_code=locale)
        t = self.text(locale)
        await chat.say("/start")
        await chat.press(chat.last, LANGUAGE_BUTTONS[locale])
        await chat.press(chat.last, t("consent-accept"))
        return chat

    async def admin(self, locale: str = "ru") -> ChatSession:
        return await self.chat(ADMIN_ID, language_code=locale)


LANGUAGE_BUTTONS = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


@contextlib.asynccontextmanager
async def running_world(
    database_url: str,
    *,
    rate_limits: bool = False,
    delay_ms: int = 0,
    load_sample: bool = True,
    sender: SenderSettings | None = None,
    log_sql_counts: bool = False,
    demand_threshold: int = 50,
) -> AsyncIterator[BotWorld]:
    """``log_sql_counts``: each update's log line carries its SQL statements, transactions
    and connections (storage/counting.py), as with LOG_SQL_COUNTS=1. ``demand_threshold``:
    DEMAND_THRESHOLD (support at which a demand for a meeting is brought to the akimat)."""
    config = EmulatorConfig(rate_limits_enabled=rate_limits, delay_ms=delay_ms)
    clock = ManualClock(START)
    settings = Settings(
        _env_file=None,
        bot_token=None,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        # The outbox sender runs in the background (as with `make run`); after the test moves
        # the clock it finds what became due within this many seconds. Tests that need it all
        # sent at a known point call `await world.sender.drain()`.
        sender=sender or SenderSettings(idle_poll=0.1),
        log_sql_counts=log_sql_counts,
        demand_threshold=demand_threshold,
    )
    async with (
        local_bot(settings, config, clock=clock, load_sample=load_sample) as local,
        SandboxClient(local.emulator.url) as client,
    ):
        yield BotWorld(
            app=local.app,
            client=client,
            emulator=local.emulator,
            clock=clock,
            tracker=UpdateTracker.attached(local.app.dispatcher),
        )
