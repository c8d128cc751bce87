"""One log line per handled update; never the token, never what a citizen wrote."""

import logging
import re

import pytest

from tests.e2e.harness import BotWorld

LINE = re.compile(
    r"^update=\d+ handler=(?P<handler>\S+) outcome=(?P<outcome>\w+) duration_ms=\d+\.\d$"
)


async def test_one_line_per_update_without_secrets(
    world: BotWorld, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    chat = await world.citizen(3001, "kk")
    secret_text = "Менің құпия сұрағым 12345"
    await chat.say(secret_text)
    await chat.say("/help")

    lines = [r.getMessage() for r in caplog.records if r.name == "kezdesu.updates"]
    assert len(lines) == 5  # /start, the language button, consent, free text, /help
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    handlers = [m["handler"] for m in parsed if m]
    assert handlers[0] == "handlers.citizen.start.cmd_start"
    assert handlers[-1] == "handlers.citizen.start.cmd_help"
    assert {m["outcome"] for m in parsed if m} == {"ok"}

    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert world.app.bot.token not in everything
    assert secret_text not in everything
