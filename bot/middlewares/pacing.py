"""The bot's own messages draw on the budget the outbox sender uses (scheduler/sender/pacer.py).

Telegram's limit of messages a second is the bot's, not the sender's: a reply sent while a
broadcast runs at the limit goes over it, and its 429 (or the broadcast's) costs both. So every
request that sends a message waits for a slot of the one pacer of the process, and tells it of
a 429. A reply waits at most a slot or two behind the sender's next message.

What counts is what Telegram's published limits count, messages sent (send*, copy, forward);
edits, callback answers and the rest are not flood-controlled as messages, and pacing them
would hold the bot's answers to the broadcast rate for nothing.
"""

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType

from scheduler.sender.pacer import Pacer

# Methods whose name says they send but that put no message in a chat.
NOT_MESSAGES = frozenset(
    {"sendChatAction", "sendMessageDraft", "sendRichMessageDraft", "sendChatJoinRequestWebApp"}
)


def sends_a_message(method: TelegramMethod[TelegramType]) -> bool:
    name = method.__api_method__
    return name.startswith(("send", "copyMessage", "forwardMessage")) and name not in NOT_MESSAGES


class PacingMiddleware(BaseRequestMiddleware):
    """``paid_broadcast``: the sender pays to exceed the regular limit, so the bot's own messages
    ask for it too (``allow_paid_broadcast``): otherwise, while a paid broadcast runs above 30 a
    second, they would find the regular budget spent. Telegram bills only what goes over it."""

    def __init__(self, pacer: Pacer, *, paid_broadcast: bool = False) -> None:
        self._pacer = pacer
        self._paid_broadcast = paid_broadcast

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not sends_a_message(method):
            return await make_request(bot, method)
        if (
            self._paid_broadcast
            and "allow_paid_broadcast" in type(method).model_fields
            and getattr(method, "allow_paid_broadcast", None) is None
        ):
            method = method.model_copy(update={"allow_paid_broadcast": True})
        slot = await self._pacer.acquire()
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as error:
            self._pacer.refused(slot, error.retry_after)
            raise
