"""The conversation state an update set is written before its conversation's lock is let go.

The database storage (bot/fsm_storage.py) defers its writes to the update's next commit: the
release before a Bot API request, so that the person is never told of a step that is not
stored. What a handler sets after its last request would wait for the end of the unit, which
comes after aiogram's events isolation has unlocked the conversation, and the person's next
update could read the state from before. This middleware, registered inside aiogram's
FSMContextMiddleware (the lock's holder), commits it while the lock is held: also when the
handler failed, as a write made at once would have been.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from storage.unit_of_work import release_current

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class StateFlushMiddleware(BaseMiddleware):
    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        finally:
            await release_current()
