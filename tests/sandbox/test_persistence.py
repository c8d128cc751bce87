"""The emulator's state file (sandbox/persist.py): a restart keeps users, chats, history,
files, the bot's settings and the update ids; a corrupt file is a fresh start, never a crash."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats, BufferedInputFile

from sandbox import EmulatorConfig, run_emulator
from sandbox.client import SandboxClient
from sandbox.images import make_jpeg
from tests.sandbox.conftest import make_bot

USER = 1001


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def config_at(path: Path) -> EmulatorConfig:
    return EmulatorConfig(rate_limits_enabled=False, state_path=str(path))


async def test_a_restart_keeps_users_history_files_and_update_ids(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    photo = make_jpeg(seed=7)
    async with run_emulator(config_at(path)) as emulator, SandboxClient(emulator.url) as client:
        bot = make_bot(emulator)
        try:
            await client.add_user(USER, "Aigerim", language_code="kk")
            await client.add_user(1002, "Bolat", language_code="ru")
            first = await client.send_text(USER, "/start")
            await bot.get_updates(offset=(first.update_id or 0) + 1, timeout=0)
            await bot.send_message(USER, "Сәлем, <b>Айгерім</b>!", parse_mode="HTML")
            await bot.send_photo(USER, BufferedInputFile(photo, "plan.jpg"), caption="Жоспар")
            await bot.set_my_commands(
                [BotCommand(command="meetings", description="Кездесулер")],
                scope=BotCommandScopeAllPrivateChats(),
                language_code="kk",
            )
            waiting = await client.send_text(USER, "/meetings")  # not yet taken by the bot
        finally:
            await bot.session.close()
        events = await client.events(USER, everything=True)
        history = [(e.seq, e.type, e.message_id) for e in events]
        settings = await client.settings()

    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [u["id"] for u in saved["users"]] == [USER, 1002]

    async with run_emulator(config_at(path)) as emulator, SandboxClient(emulator.url) as client:
        users = (await client._request("GET", "/_driver/users"))["users"]
        assert [(u["id"], u["first_name"], u["language_code"]) for u in users] == [
            (USER, "Aigerim", "kk"),
            (1002, "Bolat", "ru"),
        ]
        events = await client.events(USER, everything=True)
        assert [(e.seq, e.type, e.message_id) for e in events] == history
        shown = await client.current_messages(USER, "bot")
        assert [m.content for m in shown] == ["Сәлем, Айгерім!", "Жоспар"]
        assert [e["type"] for e in shown[0].entities] == ["bold"]
        assert shown[1].photo is not None
        assert await client.download(shown[1].photo[-1]["file_id"]) == photo
        assert await client.settings() == settings

        bot = make_bot(emulator)
        try:
            # The update the bot had not taken is still waiting, and a new one goes on from it.
            pending = await bot.get_updates(timeout=0)
            assert [u.update_id for u in pending] == [waiting.update_id]
            later = await client.send_text(USER, "/help")
            assert later.update_id == (waiting.update_id or 0) + 1
            # The bot's own reply continues the chat's numbering.
            reply = await bot.send_message(USER, "Көмек")
            assert reply.message_id > max(m.message_id for m in shown)
        finally:
            await bot.session.close()


async def test_a_change_is_saved_soon_not_only_at_stop(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    async with run_emulator(config_at(path)) as emulator, SandboxClient(emulator.url) as client:
        await client.add_user(USER, "Aigerim")
        for _ in range(300):
            if path.exists():
                break
            await asyncio.sleep(0.01)
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert [u["first_name"] for u in saved["users"]] == ["Aigerim"]
        # Written whole: no temporary file is left beside it.
        assert names_in(tmp_path) == ["sandbox.json"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"version": 1, "users": [{"id": "x"}]}', b'["a list"]', b"\xff\xfe"],
)
async def test_a_corrupt_file_is_set_aside_and_the_emulator_starts_empty(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "sandbox.json"
    path.write_bytes(content)
    with caplog.at_level(logging.ERROR, logger="sandbox.persist"):
        async with (
            run_emulator(config_at(path)) as emulator,
            SandboxClient(emulator.url) as client,
        ):
            assert (await client._request("GET", "/_driver/users"))["users"] == []
            await client.add_user(USER, "Aigerim")
    assert [r.getMessage() for r in caplog.records if "is corrupt" in r.getMessage()]
    assert (tmp_path / "sandbox.json.corrupt").read_bytes() == content
    assert [u["id"] for u in json.loads(path.read_text(encoding="utf-8"))["users"]] == [USER]
