"""Plain filters run on the event loop's thread (bot/inline_filters.py), and still filter."""

import threading
from datetime import UTC, datetime

from aiogram import Bot, Dispatcher, F, Router
from aiogram.types import Chat, Message, Update, User

from bot.app import build_app
from bot.config import Settings
from bot.inline_filters import _filters, run_inline


def text_update(update_id: int, text: str) -> Update:
    person = User(id=7, is_bot=False, first_name="A")
    message = Message(
        message_id=update_id,
        date=datetime(2027, 1, 1, tzinfo=UTC),
        chat=Chat(id=7, type="private"),
        from_user=person,
        text=text,
    )
    return Update(update_id=update_id, message=message)


async def test_plain_filters_run_on_the_loop_and_still_decide() -> None:
    threads: list[int] = []
    seen: list[str] = []

    def plain(message: Message) -> bool:
        threads.append(threading.get_ident())
        return "skip" not in (message.text or "")

    router = Router()
    inner = Router()
    router.include_router(inner)
    inner.message.filter(F.chat.type == "private")

    @inner.message(F.text.startswith("go"), plain)
    async def handler(message: Message) -> None:
        seen.append(message.text or "")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    assert run_inline(dispatcher) == 3  # the router's filter, the magic one, the function
    assert all(f.awaitable for f in _filters(dispatcher))

    bot = Bot("42:TEST")
    for update_id, text in enumerate(["go on", "stop", "go skip", "go"], start=1):
        await dispatcher.feed_update(bot, text_update(update_id, text))
    await bot.session.close()
    assert seen == ["go on", "go"]
    assert set(threads) == {threading.get_ident()}


def test_the_bot_has_no_filter_left_for_a_thread() -> None:
    settings = Settings(bot_token="1:x", database_url="sqlite+aiosqlite:///:memory:")
    app = build_app(settings, token="1:x")
    filters = list(_filters(app.dispatcher))
    assert len(filters) > 300  # the whole tree was walked
    assert all(f.awaitable for f in filters)
    assert any(f.magic is not None for f in filters)
