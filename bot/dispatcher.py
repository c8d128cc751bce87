"""aiogram's Dispatcher, with a graceful stop.

When polling stops, aiogram leaves the updates it is still handling running on their own: the
bot would close its HTTP session and the database under them, and a person who pressed a
button a moment before the stop would get half an answer. This dispatcher knows which updates
are in flight, so the bot lets them finish before it closes anything. It also skips an update
Telegram delivers again (bot/redelivery.py).
"""

import asyncio
import logging
from contextlib import nullcontext
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import Update

from bot.fsm_storage import one_update
from bot.redelivery import HandledUpdates
from storage.counting import counting
from storage.unit_of_work import UnitSessions

log = logging.getLogger(__name__)


class GracefulDispatcher(Dispatcher):
    def __init__(
        self,
        *,
        units: UnitSessions | None = None,
        handled: HandledUpdates | None = None,
        count_queries: bool = False,
        **kwargs: Any,
    ) -> None:
        """``units``: open a unit of work for each update, so that everything the update does
        shares one session (storage/unit_of_work.py). ``count_queries``: open a count of the
        database's work for each update, for its log line (storage/counting.py; the engine's
        listeners must be on). ``handled``: skip an update delivered again (bot/redelivery.py)."""
        super().__init__(**kwargs)
        self._in_flight: set[asyncio.Task[Any]] = set()
        self._units = units
        self._handled = handled
        self._count_queries = count_queries

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        # Every update passes here, from polling and from a webhook alike, the error handlers
        # included (they run inside).
        if self._handled is not None:
            if not self._handled.begin(update.update_id):
                log.info("update=%s delivered again: already handled, skipped", update.update_id)
                return UNHANDLED
            try:
                return await self._feed(bot, update, **kwargs)
            finally:
                self._handled.done(update.update_id)
        return await self._feed(bot, update, **kwargs)

    async def _feed(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            # The conversation's row is read once per update (bot/fsm_storage.py). Outermost,
            # so the conversation state aiogram loads first is counted, and shares the unit.
            with one_update(), counting() if self._count_queries else nullcontext():
                if self._units is None:
                    return await super().feed_update(bot, update, **kwargs)
                async with self._units.unit():
                    return await super().feed_update(bot, update, **kwargs)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def wait_in_flight(self, timeout: float) -> None:  # noqa: ASYNC109 (a grace period)
        """Let the updates being handled finish; past ``timeout`` seconds they are cancelled
        (their transactions roll back: nothing is half-written)."""
        current = asyncio.current_task()
        pending = {task for task in self._in_flight if task is not current}
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=timeout)
        for task in late:
            task.cancel()
        if late:
            log.warning("stopped with %d updates still being handled: cancelled", len(late))
            await asyncio.gather(*late, return_exceptions=True)
