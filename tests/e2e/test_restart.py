"""A restart in the middle of writing a question loses nothing: the conversation state is in
the database, so a new bot process picks up the draft where the old one stopped."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_app
from bot.config import Settings
from bot.local import polling
from sandbox.client import ChatSession, SandboxClient
from sandbox.config import EmulatorConfig
from sandbox.server import run_emulator
from services.clock import ManualClock
from storage.models import Question
from tests.builders import a_draft
from tests.e2e.harness import ADMIN_ID, LANGUAGE_BUTTONS, START, UpdateTracker
from tests.shortcuts import announce_quietly

HOST, VENUE = "623600000", "623630100"


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_restart_while_writing_a_question(
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    locale: str,
) -> None:
    config = EmulatorConfig(rate_limits_enabled=False)
    settings = Settings(_env_file=None, database_url=database_url, admin_ids=frozenset({ADMIN_ID}))
    clock = ManualClock(START)
    text = "Ауылдағы көше шамдары қашан жөнделеді? <жарық> & су"
    async with run_emulator(config) as emulator, SandboxClient(emulator.url) as client:
        first = build_app(settings, token=config.bot_token, api_url=emulator.url, clock=clock)
        await first.services.localities.load_sample()
        meeting = await a_draft(
            first.services.meetings, host=HOST, venue=VENUE, starts_at=START + timedelta(days=20)
        )
        await announce_quietly(first.services.meetings, meeting.id)
        t = first.translator.bind(locale, settings.tz)

        chat = await ChatSession.create(client, 4001, language_code=locale)
        # Each press reads the bot's answer once the update is handled, not when the chat
        # falls quiet: on a busy machine an answer's two parts can be further apart than that.
        chat.settle = UpdateTracker.attached(first.dispatcher).wait
        async with polling(first):
            await chat.say("/start")
            await chat.press(chat.last, LANGUAGE_BUTTONS[locale])
            await chat.press(chat.last, t("consent-accept"))
            card = (await chat.say(f"/start m{meeting.id}"))[-1]
            await chat.press(card, t("meet-btn-ask"))
            await chat.say(text)
            photo_step = chat.last
        await first.close()

        # A new process: new app, new engine, same database and the same chat.
        second = build_app(settings, token=config.bot_token, api_url=emulator.url, clock=clock)
        chat.settle = UpdateTracker.attached(second.dispatcher).wait
        try:
            async with polling(second):
                await chat.press(photo_step, t("q-skip-button"))
                await chat.press(chat.last, t("q-send-button"))
        finally:
            await second.close()

    async with session_factory() as session:
        stored = (await session.scalars(select(Question))).all()
    assert [(q.author_id, q.text) for q in stored] == [(4001, text)]
    assert stored[0].public_number is not None
    assert stored[0].public_number in chat.last.content
