"""The bot's own replies meeting Telegram's flood control, as wired by build_app: each 429 is
waited out (bot/retry.py) and its retry_after shows in /metrics as the replies' (who="reply"),
apart from the outbox sender's."""

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tests.e2e.harness import running_world


async def test_a_reply_refused_with_429_is_waited_out_and_counted(
    database_url: str,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # The emulator's limits as Telegram's: a chat takes a burst of three messages, then one
    # a second.
    async with running_world(database_url, rate_limits=True) as world:
        chat = await world.citizen(3101, "en")
        before = len(await world.client.current_messages(3101, sender="bot"))
        for _ in range(4):
            await chat.say("/help")
        assert world.app.metrics is not None
        exposition = world.app.metrics.exposition().decode()
        stats = world.emulator.state.stats
        replies = await world.client.current_messages(3101, sender="bot")

    found = {
        (sample.name, sample.labels.get("who")): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
        if sample.name.startswith("kezdesu_retry_after_seconds_") and "le" not in sample.labels
    }
    assert stats.rate_limited > 0
    # Every 429 was a reply's (the outbox had nothing to send), each one counted once.
    assert found[("kezdesu_retry_after_seconds_count", "reply")] == stats.rate_limited
    assert found[("kezdesu_retry_after_seconds_sum", "reply")] >= stats.rate_limited
    assert found[("kezdesu_retry_after_seconds_count", "sender")] == 0
    # Waited out, not dropped: each /help got its answer.
    assert len(replies) == before + 4
