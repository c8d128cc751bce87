"""deploy/'s topology from local processes (deploy/topology.py): nginx from Debian's packages
in front of two `kezdesu run` instances in webhook mode, one PostgreSQL, one Redis, driven
through the emulator as Telegram would post to the balancer.

Sixty citizens at once go /start → language → consent → search → their locality, then send
three commands in a row without waiting. One instance is killed (kill -9) while they do, then
started again. Nothing is lost: every citizen gets every answer and the database holds each
one's language, consent and single subscription. Each chat's answers come in the order of
its messages. Each update is handled once, with one exception no claim can remove: an update
the killed instance was handling at the kill may have had its reply sent and not yet been
recorded, so the next instance handles it again (the reply is an act outside the database).
Only those updates (nginx's access log names them: tried on the killed instance without an
answer, then sent on), at most one per chat since the emulator, as Telegram, sends a chat's
next update once the one before is answered, may be handled twice; everything else exactly
once, and the chats without such an update show exactly the same answers as one another.
"""

import asyncio
import html
import os
import re
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from deploy.topology import Topology, TopologyConfig, nginx_binary, run_topology
from handlers.citizen.localities import short
from locales import Text, Translator
from sandbox.client import BotMessage, ChatEvent, ChatSession, SandboxClient
from services.localities import LocalityService
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_async
from storage.models import Subscription, User
from tests.conftest import scratch_postgres_database, skip_or_fail

# A database index of this test's own: the instances keep state, locks and budgets there.
REDIS_URL = os.environ.get("TEST_TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/13")
INSTANCES = 2
CITIZENS = 60
FIRST_CITIZEN = 7_700_000
LOCALES = ("kk", "ru", "en")
ALMATY = ZoneInfo("Asia/Almaty")
# Where citizens live and what they type to find it, per language (the sample classifier).
PLACES = [
    ("623661107", {"kk": "Жартас", "ru": "Жартас", "en": "Жартас"}),
    ("623630100", {"kk": "Жаңаарқа", "ru": "Жанаарка", "en": "Жанаарка"}),
]
# Sent in a row without waiting: their answers must come in this order.
BURST = ("/help", "/privacy", "/subscriptions")
STEPS = 6 + len(BURST)
# The kill comes once this share of all steps is done.
KILL_AT = 0.35
# Two starts at once and a restart on a busy machine: tens of seconds each.
pytestmark = pytest.mark.timeout(300)


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    redis = Redis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except Exception as error:
        await redis.aclose()
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable ({type(error).__name__})")
    await redis.flushdb()
    try:
        yield REDIS_URL
    finally:
        await redis.flushdb()
        await redis.aclose()


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    async with scratch_postgres_database() as url:
        # Migrated here so that the sample classifier can go in before any instance starts;
        # the topology's own `kezdesu migrate` then finds nothing to do.
        await upgrade_async(url)
        engine = create_engine(url)
        try:
            await LocalityService(create_session_factory(engine)).load_sample()
        finally:
            await engine.dispose()
        yield url


@dataclass
class Citizen(ChatSession):
    """A chat that waits for what a person waits for (the next button), however long the
    bot takes, and notes the update_id of each of its messages and presses."""

    update_ids: list[int] = field(default_factory=list)
    done: Callable[[], None] = lambda: None

    async def until(self, ready: Callable[[], bool], what: str) -> None:
        try:
            while not ready():
                await self.collect(what)
        except AssertionError as error:
            shown = "\n  ".join(str(e) for e in self.history[-8:])
            raise AssertionError(f"{error}\nthe chat's last events:\n  {shown}") from None

    async def say_until(self, words: str, ready: Callable[[], bool]) -> None:
        delivery = await self.client.send_text(self.user_id, words)
        assert delivery.update_id is not None
        self.update_ids.append(delivery.update_id)
        await self.until(ready, f"saying {words!r}")
        self.done()

    async def press_until(self, label: str, ready: Callable[[], bool]) -> None:
        # The newest screen with the button: an update handled twice (at the kill) may have
        # left two, as a person would see them.
        message = max(
            (m for m in self.messages.values() if any(b.text == label for b in m.buttons)),
            key=lambda m: m.message_id,
        )
        button = message.button(label)
        assert button.callback_data is not None
        delivery = await self.client.press(self.user_id, message.message_id, button.callback_data)
        assert delivery.update_id is not None
        self.update_ids.append(delivery.update_id)
        await self.until(ready, f"pressing {label!r}")
        self.done()

    # Each step's screen is one no earlier step shows, so any of the chat's messages will do.
    def showing(self, *labels: str) -> Callable[[], bool]:
        return lambda: any(b.text in labels for m in self.messages.values() for b in m.buttons)

    def reading(self, fragment: str) -> Callable[[], bool]:
        return lambda: any(fragment in m.content for m in self.messages.values())


class Screens:
    """What each burst command answers, told apart in the reader's language."""

    def __init__(self, t: Text) -> None:
        self._help = plain(t("menu-help-title")).split("\n")[0]
        self._privacy = plain(t("privacy-text")).strip().split("\n")[0]
        self._subscriptions = t("subs-add-button")

    def kind(self, message: BotMessage) -> str:
        if message.content.startswith(self._help):
            return "/help"
        if self._privacy in message.content:
            return "/privacy"
        if any(b.text == self._subscriptions for b in message.buttons):
            return "/subscriptions"
        return "other"


@dataclass
class Journey:
    citizen: Citizen
    locale: str
    place: str


async def journey(
    client: SandboxClient,
    translator: Translator,
    names: dict[tuple[str, str], str],
    index: int,
    progress: Callable[[], None],
) -> Journey:
    locale = LOCALES[index % len(LOCALES)]
    place, queries = PLACES[index % len(PLACES)]
    t = translator.bind(locale, ALMATY)
    user_id = FIRST_CITIZEN + index
    await client.add_user(user_id, f"Citizen{index}", language_code=locale)
    # Two minutes for an answer: an update or a chat the killed instance held may wait for
    # its lease in the database or its lock in Redis to run out (a minute).
    chat = Citizen(client, user_id, quiet=0.05, timeout=120.0, done=progress)
    chat.seq = await client.last_seq(user_id)

    language = t(f"language-name-{locale}")
    await chat.say_until("/start", chat.showing(language))
    await chat.press_until(language, chat.showing(t("consent-accept")))
    await chat.press_until(t("consent-accept"), chat.showing(t("start-search-locality")))
    asking = plain(t("loc-search-ask")).split("\n")[0]
    await chat.press_until(t("start-search-locality"), chat.reading(asking))
    name = names[place, locale]
    hits = [t("loc-search-hit-button", number=n, name=name) for n in range(1, 9)]
    await chat.say_until(queries[locale], chat.showing(*hits))
    [hit] = {b.text for m in chat.messages.values() for b in m.buttons if b.text in hits}
    await chat.press_until(hit, chat.showing(t("loc-meetings-button")))

    before = len(chat.history)
    for command in BURST:
        delivery = await client.send_text(user_id, command)
        assert delivery.update_id is not None
        chat.update_ids.append(delivery.update_id)
        progress()

    def answered() -> bool:
        return sum(e.type == "sent" for e in chat.history[before:]) >= len(BURST)

    await chat.until(answered, "the burst")
    return Journey(chat, locale, place)


async def place_names(url: str) -> dict[tuple[str, str], str]:
    """Each place's name on its search hit's button, per reader's language."""
    engine = create_engine(url)
    try:
        localities = LocalityService(create_session_factory(engine))
        names = {}
        for code, _ in PLACES:
            unit = await localities.get(code)
            assert unit is not None
            for locale in LOCALES:
                names[code, locale] = short(unit.name("kk" if locale == "kk" else "ru"))
        return names
    finally:
        await engine.dispose()


async def stored(url: str, user_ids: list[int]) -> tuple[dict[int, User], list[Subscription]]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            users = (await session.scalars(select(User).where(User.id.in_(user_ids)))).all()
            subscriptions = (
                await session.scalars(
                    select(Subscription).where(Subscription.user_id.in_(user_ids))
                )
            ).all()
    finally:
        await engine.dispose()
    return {user.id: user for user in users}, list(subscriptions)


def shape(events: list[ChatEvent]) -> list[str]:
    """What the bot did in a chat, in order, without the texts (which vary by language)."""
    return [e.type for e in events if e.type != "incoming"]


def without_repeats(kinds: list[str]) -> list[str]:
    return [kind for i, kind in enumerate(kinds) if i == 0 or kinds[i - 1] != kind]


async def test_two_instances_behind_nginx_lose_nothing_when_one_is_killed(
    database_url: str, redis_url: str
) -> None:
    if nginx_binary() is None:
        skip_or_fail("nginx is not installed (apt-get install nginx-light)")
    translator = Translator()
    names = await place_names(database_url)
    config = TopologyConfig(database_url, redis_url, instances=INSTANCES)
    async with run_topology(config) as topology, SandboxClient(topology.emulator.url) as client:
        state = topology.emulator.state
        assert state.webhook is not None and state.webhook["url"] == topology.webhook_url

        steps_done = 0
        half_way = asyncio.Event()

        def progress() -> None:
            nonlocal steps_done
            steps_done += 1
            if steps_done >= KILL_AT * CITIZENS * STEPS:
                half_way.set()

        load = asyncio.gather(
            *(journey(client, translator, names, i, progress) for i in range(CITIZENS)),
            return_exceptions=True,
        )
        await half_way.wait()
        killed = topology.instances[0]
        handled_before_kill = len(killed.log)
        await topology.kill(0)
        restart = asyncio.create_task(topology.restart(0))
        outcomes = await load
        await restart
        # The updates the killed instance had in hand: nginx tried them there and got no
        # answer (its access log), so it sent them on. The only ones that may be handled
        # twice: the reply may have gone out before the kill and the record not.
        window = {
            delivery.update_id
            for delivery in topology.webhook_requests()
            if any(a == killed.address and s != "200" for a, s in delivery.tries)
        }
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        assert not failures, diagnosis(topology, failures, window)
        journeys = [o for o in outcomes if isinstance(o, Journey)]
        after_kill = topology.instances[1].log[:]
        transcripts = {
            j.citizen.user_id: await client.events(j.citizen.user_id, 0, everything=True)
            for j in journeys
        }
        nginx_errors = topology.nginx_log()
        counts = topology.handled_updates()
    await assert_outcome(topology, journeys, transcripts, counts, window, translator, database_url)
    assert "[emerg]" not in nginx_errors, nginx_errors
    # The load was spread and went on: the killed instance had handled updates, the other
    # took the rest.
    assert any("outcome=" in line for line in killed.log[:handled_before_kill])
    assert any("outcome=" in line for line in after_kill)


def diagnosis(topology: Topology, failures: list[BaseException], window: set[int]) -> str:
    state = topology.emulator.state
    logs = "\n".join(
        f"--- instance {i.index}:\n" + "\n".join(i.log[-40:]) for i in topology.instances
    )
    return (
        f"{len(failures)} citizens stuck; first: {failures[0]!r}\n"
        f"failed over from the killed instance: {sorted(window)}\n"
        f"pending now: {[u.update_id for u in state.updates]}\n"
        f"webhook: {state.webhook}\n--- nginx:\n{topology.nginx_log()[-3000:]}\n{logs}"
    )


async def assert_outcome(
    topology: Topology,
    journeys: list[Journey],
    transcripts: dict[int, list[ChatEvent]],
    counts: Counter[int],
    window: set[int],
    translator: Translator,
    database_url: str,
) -> None:
    # Every update handled; none more than twice, and twice only if it was in the killed
    # instance's hands: everything else exactly once (over every instance's log).
    sent = [u for j in journeys for u in j.citizen.update_ids]
    assert len(sent) == CITIZENS * STEPS
    assert all(counts[u] >= 1 for u in sent), [u for u in sent if counts[u] == 0]
    twice = {u for u in sent if counts[u] > 1}
    assert twice <= window, (twice - window, window)
    assert all(counts[u] == 2 for u in twice)

    # Each chat's answers: the same as every other chat's (exactly once each), except a
    # chat whose update was in the killed instance's hands (it may show one answer twice);
    # the burst's answers in the order sent.
    opened = {j.citizen.user_id for j in journeys if window & set(j.citizen.update_ids)}
    # The kill came mid-request: some updates were failed over.
    assert window
    exact = [shape(transcripts[j.citizen.user_id]) for j in journeys]
    reference = next(
        s for s, j in zip(exact, journeys, strict=True) if j.citizen.user_id not in opened
    )
    for j in journeys:
        user_id = j.citizen.user_id
        events = transcripts[user_id]
        # The user's own messages: the burst's are the last three.
        first_burst = [e.seq for e in events if e.type == "incoming"][-len(BURST)]
        screens = Screens(translator.bind(j.locale, ALMATY))
        kinds = [
            screens.kind(e.message)
            for e in events
            if e.type == "sent" and e.message is not None and e.seq > first_burst
        ]
        if user_id in opened:
            assert without_repeats(kinds) == list(BURST), (user_id, kinds)
        else:
            assert shape(events) == reference, (user_id, [str(e) for e in events])
            assert kinds == list(BURST), (user_id, kinds)

    # The end state: each citizen's language and consent, and one subscription, theirs.
    users, subscriptions = await stored(database_url, [j.citizen.user_id for j in journeys])
    for j in journeys:
        user = users[j.citizen.user_id]
        assert user.locale == j.locale
        assert user.consent_at is not None
    assert sorted((s.user_id, s.locality_code) for s in subscriptions) == sorted(
        (j.citizen.user_id, j.place) for j in journeys
    )
    # Both stopped cleanly at the end, the restarted one too.
    assert [i.process.returncode for i in topology.instances if i.process] == [0] * INSTANCES
