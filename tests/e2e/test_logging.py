"""One log line per handled update; never the token, never what a citizen wrote (nor in
/metrics: its labels are handler names and fixed words)."""

import logging
import re

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.harness import BotWorld

# A handler's module and function, or "-" for an update no handler took.
HANDLER_NAME = re.compile(r"^(-|[a-z_.]+\.[a-z_]+)$")
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

    assert world.app.metrics is not None
    exposition = world.app.metrics.exposition().decode()
    assert secret_text not in exposition
    assert "12345" not in exposition
    labels = {
        (name, value)
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        for name, value in sample.labels.items()
    }
    handler_labels = {value for name, value in labels if name == "handler"}
    assert set(handlers) <= handler_labels
    assert all(HANDLER_NAME.match(value) for value in handler_labels), handler_labels
    # Every other label is a fixed word of the code: an outcome, a kind, a stage, a bucket.
    others = {value for name, value in labels if name not in {"handler", "le"}}
    assert all(re.fullmatch(r"[a-z_]+", value) for value in others), others
