"""Load benchmark, end to end over real HTTP: many citizens from /start to a question's number.

    .venv/bin/python bench/citizens_bench.py [--citizens 1000] [--concurrency 100]
                                             [--db sqlite,postgresql] [--delay-ms 0,50]
                                             [--postgres URL] [--no-sql-counts]
                                             [--pause-ms 0] [--baseline]

Per database and emulator delay: a fresh database (a temporary SQLite file; a scratch
PostgreSQL database next to the one TEST_DATABASE_URL names, dropped afterwards), migrated and
given the sample classifier and one announced meeting for the whole Жаңаарқа district by this
process; then the bot in its OWN process, as in production (`python -m bot run` with BOT_TOKEN,
TELEGRAM_API_URL and DATABASE_URL, in an empty directory so that no .env is read), polling the
Bot API emulator that this process serves (rate limits off). Then N citizens, a bounded number
at a time, each doing what a person does with the real buttons (found by their localised
texts): /start → language → consent → a locality (typed name and a hit, or down the tree) →
/meetings → "Ask a question" → text → skip the photo → Send → the question's number.
Languages kk, ru, en in turn.

By default each citizen taps the moment the screen it waits for arrives: a closed loop that
keeps the bot saturated, so throughput is the bot's ceiling and a reply's latency is mostly
time queued behind the other citizens' updates (Little's law: 100 citizens at 100 updates/s
wait a second each). `--pause-ms` gives each a person's pause before every tap, so the bot
sees an arrival rate below its ceiling and the latency is its service time.

Figures: handling latency per update from the bot's own log line (`kezdesu.updates`, read from
its stderr), the reply latency a citizen sees (driver send → the bot's first answer in the
chat), throughput, and the CPU time of the bot's process and of this one (the emulator and the
citizens), also per update handled. The database's work per update: the bot runs with
LOG_SQL_COUNTS=1 (storage/counting.py) and its log line for each update then carries the SQL
statements, transactions and connection checkouts that update cost; given overall and per
handler. Writes nothing to the repository.
"""

import argparse
import asyncio
import contextlib
import html
import os
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, get_args
from zoneinfo import ZoneInfo

import aiohttp
import psutil
from sqlalchemy import func, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from machine import machine  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.event_loop import EventLoopChoice  # noqa: E402
from bot.memory import settle_garbage_collector  # noqa: E402
from handlers.citizen.localities import short  # noqa: E402
from handlers.notices import notice_renderers  # noqa: E402
from locales import Text, Translator  # noqa: E402
from sandbox.client import BotMessage, ChatEvent, ChatSession, SandboxClient  # noqa: E402
from sandbox.config import EmulatorConfig  # noqa: E402
from sandbox.server import RunningEmulator, run_emulator  # noqa: E402
from services.clock import SystemClock  # noqa: E402
from services.container import Services  # noqa: E402
from services.localities import LocalityService  # noqa: E402
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade_async  # noqa: E402
from storage.models import Question  # noqa: E402
from storage.scratch import scratch_postgres_database  # noqa: E402

BARE_BOT = REPO_ROOT / "bench" / "bare_bot.py"
ALMATY = ZoneInfo("Asia/Almaty")
ADMIN_ID = 900001
FIRST_CITIZEN_ID = 1_000_000
DEFAULT_POSTGRES = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)

LOCALES = ("kk", "ru", "en")
# Жаңаарқа district: its akim meets the people in the settlement of Жаңаарқа.
DISTRICT, VENUE = "623600000", "623630100"
# Where citizens live (all inside the district) and what they type to find it, per language.
SEARCHES: list[tuple[str, dict[str, str]]] = [
    ("623641105", {"kk": "күйгенбаз", "ru": "Куйгенбаз", "en": "Kuigenbaz"}),
    ("623661107", {"kk": "Жартас", "ru": "Жартас", "en": "Жартас"}),
    ("623630100", {"kk": "Жаңаарқа", "ru": "Жанаарка", "en": "Жанаарка"}),
    ("623661100", {"kk": "Ынталы", "ru": "Инталы", "en": "Инталы"}),
]
# Browsing goes down the tree to these; a unit with something inside is followed as a whole.
BROWSE_TARGETS = ["623630100", "623661107", DISTRICT, "623641105"]
QUESTIONS = {
    "kk": "Жаңаарқа кентіндегі Абай көшесінің жолы қашан жөнделеді?",
    "ru": "Когда отремонтируют дорогу на улице Абая в посёлке Жанаарка?",
    "en": "When will the road on Abai street in Zhanaarka be repaired?",
}
NUMBER = re.compile(r"\b[QP]-\d{4}-\d{6}\b")
# bot/cli.py's format: "%(asctime)s %(levelname)s %(name)s: %(message)s"; asctime is two words.
LOG_LINE = re.compile(r"^\S+ \S+ (?P<level>[A-Z]+) (?P<logger>\S+): (?P<message>.*)$")
UPDATE_LINE = re.compile(
    r"handler=(\S+) outcome=(\S+) duration_ms=([\d.]+)(?: sql=(\d+) tx=(\d+) conn=(\d+))?"
)
# The settings the bot reads from its environment (case-insensitive): none of the developer's
# own may leak into the bot under test.
BOT_SETTINGS = {name.upper() for name in Settings.model_fields}


def plain(markup: str) -> str:
    """What a reader sees of an HTML message: the tags gone, the entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- The bot, in its own process ----------------------------------------------------------


@dataclass
class HandledUpdate:
    handler: str
    outcome: str
    duration_ms: float
    # The database's work for it (None: the bot did not count, --no-sql-counts).
    statements: int | None = None
    transactions: int | None = None
    connections: int | None = None


@dataclass
class BotLog:
    """What the bot writes on stderr: its one line per update (bot/middlewares/logging.py)
    parsed, its warnings and errors counted, the last lines kept for a crash report."""

    updates: list[HandledUpdate] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=40))

    def feed(self, line: str) -> None:
        self.tail.append(line)
        match = LOG_LINE.match(line)
        if match is None:
            return  # a traceback's body: its header line was counted
        level, logger, message = match.group("level", "logger", "message")
        if logger == "kezdesu.updates":
            update = UPDATE_LINE.search(message)
            if update:
                handler, outcome, duration, sql, tx, conn = update.groups()
                counts = [None if v is None else int(v) for v in (sql, tx, conn)]
                self.updates.append(HandledUpdate(handler, outcome, float(duration), *counts))
        elif level in ("WARNING", "ERROR", "CRITICAL"):
            self.problems[f"{level} {logger}: {message[:120]}"] += 1

    def clear(self) -> None:
        self.updates.clear()
        self.problems.clear()


class BotProcess:
    """`python -m bot run` against the emulator; stderr read line by line as it comes, so
    the pipe never fills and blocks the bot."""

    def __init__(self, process: asyncio.subprocess.Process, log: BotLog) -> None:
        self.process = process
        self.log = log
        self.ps = psutil.Process(process.pid)
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def start(
        cls,
        emulator: RunningEmulator,
        database_url: str,
        workdir: str,
        *,
        count_sql: bool,
        event_loop: str,
        command: tuple[str, ...] = ("-m", "bot", "run"),
    ) -> "BotProcess":
        env = {k: v for k, v in os.environ.items() if k.upper() not in BOT_SETTINGS}
        env.update(
            BOT_TOKEN=emulator.bot_token,
            TELEGRAM_API_URL=emulator.url,
            DATABASE_URL=database_url,
            ADMIN_IDS=str(ADMIN_ID),
            LOG_LEVEL="INFO",
            LOG_SQL_COUNTS="1" if count_sql else "0",
            # Both bots on the same loop (bot/event_loop.py; bench/bare_bot.py reads it too).
            EVENT_LOOP=event_loop,
            # The emulator's limits are off: the bot's own pacer (scheduler/sender/pacer.py),
            # which holds its messages to Telegram's 30 a second, would measure that limit
            # and not the bot. At 1,000 a second it never waits here (sender_bench.py
            # measures the pacing).
            SENDER__RATE="1000",
            PYTHONPATH=os.pathsep.join(
                [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *command,
            cwd=workdir,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            limit=1 << 20,
        )
        return cls(process, BotLog())

    async def _read(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        while line := await stream.readline():
            self.log.feed(line.decode("utf-8", "replace").rstrip("\n"))

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    def crashed(self) -> str | None:
        if self.process.returncode is None:
            return None
        tail = "\n".join(self.log.tail)
        return f"the bot exited with code {self.process.returncode}:\n{tail}"

    async def stop(self) -> None:
        """SIGINT, as Ctrl+C: aiogram stops polling and the bot closes cleanly."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.process.wait(), 30)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        await self._reader


# --- A citizen ----------------------------------------------------------------------------


class BenchClient(SandboxClient):
    """The driver client without aiohttp's default cap of 100 connections: every citizen in
    flight holds one long poll."""

    async def __aenter__(self) -> "BenchClient":
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0),
            timeout=aiohttp.ClientTimeout(total=None),
        )
        return self


@dataclass
class Citizen(ChatSession):
    """A chat that times each action from the driver's send to the bot's first event, and
    waits for what a person waits for (the next button) rather than for a quiet moment
    only: under load the bot's edit and its new message can come far apart."""

    latencies: list[float] = field(default_factory=list)
    step: str = ""
    # Seconds a person takes to read the screen before the next tap, on average (0: taps at
    # once, each citizen as fast as the bot answers: a closed loop at saturation).
    pause: float = 0.0
    rng: random.Random = field(default_factory=random.Random)
    _sent_at: float | None = None
    _first_at: float | None = None

    def _apply(self, event: ChatEvent) -> None:
        if self._first_at is None and self._sent_at is not None:
            self._first_at = time.perf_counter()
        super()._apply(event)

    def _begin(self, step: str) -> None:
        self.step = step
        self._sent_at = time.perf_counter()
        self._first_at = None

    def _end(self) -> None:
        if self._sent_at is not None and self._first_at is not None:
            self.latencies.append((self._first_at - self._sent_at) * 1000)
        self._sent_at = None

    async def _until(self, ready: Callable[[], bool]) -> None:
        while not ready():
            await self.collect(f"step {self.step!r}")

    async def _read_screen(self) -> None:
        """A person's pause before acting: uniform between half and one and a half times
        ``pause``, so that citizens do not tap in step."""
        if self.pause > 0:
            await asyncio.sleep(self.pause * self.rng.uniform(0.5, 1.5))

    async def say_until(self, words: str, ready: Callable[[], bool]) -> None:
        await self._read_screen()
        self._begin(f"say {words!r}")
        await self.say(words)
        self._end()
        await self._until(ready)

    async def press_until(self, label: str, ready: Callable[[], bool]) -> None:
        await self._read_screen()
        self._begin(f"press {label!r}")
        await self.press(self.last, label)
        self._end()
        await self._until(ready)

    def showing(self, label: str) -> Callable[[], bool]:
        """Ready when the bot's latest message has a button labelled ``label``."""
        return lambda: bool(self.messages) and any(b.text == label for b in self.last.buttons)

    def showing_any(self, labels: set[str]) -> Callable[[], bool]:
        return lambda: bool(self.messages) and any(b.text in labels for b in self.last.buttons)

    def reading(self, fragment: str) -> Callable[[], bool]:
        return lambda: bool(self.messages) and fragment in self.last.content


@dataclass(frozen=True)
class Route:
    """How one citizen reaches their locality: a typed name, or buttons down the tree."""

    query: str | None  # None: browse
    target_labels: list[str]  # search: the hit's name; browse: each unit, root first
    follow_label: str | None  # browse to a unit with something inside: its "Follow" button


async def plan_routes(
    localities: LocalityService, translator: Translator
) -> dict[str, list[Route]]:
    """Per language, the ways to a locality, with the names as that reader sees them; each
    typed name is checked to find its village before any citizen types it."""
    routes: dict[str, list[Route]] = {}
    for locale in LOCALES:
        lang = "kk" if locale == "kk" else "ru"  # no English names: Russian stands in
        t = translator.bind(locale, ALMATY)
        mine: list[Route] = []
        for code, queries in SEARCHES:
            hits = [hit.code for hit in await localities.search(queries[locale])]
            if code not in hits:
                raise SystemExit(f"search {queries[locale]!r} does not find {code}: {hits}")
            unit = await localities.get(code)
            assert unit is not None
            mine.append(Route(queries[locale], [short(unit.name(lang))], None))
        for code in BROWSE_TARGETS:
            chain = await localities.chain(code)
            unit = await localities.get(code)
            if not chain or unit is None:
                raise SystemExit(f"locality {code} is not in the sample classifier")
            labels = [short(step.name(lang)) for step in chain]
            follow = t("loc-follow-button", name=labels[-1]) if unit.has_children else None
            mine.append(Route(None, labels, follow))
        routes[locale] = mine
    return routes


@dataclass
class Outcome:
    latencies: list[float]
    number: str | None = None
    failure: str | None = None


async def citizen_journey(
    client: SandboxClient,
    translator: Translator,
    routes: dict[str, list[Route]],
    index: int,
    pause: float = 0.0,
) -> Outcome:
    locale = LOCALES[index % len(LOCALES)]
    t: Text = translator.bind(locale, ALMATY)
    user_id = FIRST_CITIZEN_ID + index
    await client.add_user(user_id, f"Citizen{index}", language_code=locale)
    chat = Citizen(
        client, user_id, quiet=0.05, timeout=120.0, pause=pause, rng=random.Random(index)
    )
    chat.seq = await client.last_seq(user_id)
    try:
        language = t(f"language-name-{locale}")  # each name is its own (autonym)
        await chat.say_until("/start", chat.showing(language))
        await chat.press_until(language, chat.showing(t("consent-accept")))
        await chat.press_until(t("consent-accept"), chat.showing(t("start-search-locality")))

        route = routes[locale][(index // len(LOCALES)) % len(routes[locale])]
        followed = chat.showing(t("loc-meetings-button"))
        if route.query is not None:
            asking = plain(t("loc-search-ask")).split("\n")[0]
            await chat.press_until(t("start-search-locality"), chat.reading(asking))
            [name] = route.target_labels
            hit_labels = {t("loc-search-hit-button", number=n, name=name) for n in range(1, 9)}
            await chat.say_until(route.query, chat.showing_any(hit_labels))
            [hit] = [b.text for b in chat.last.buttons if b.text in hit_labels]
            await chat.press_until(hit, followed)
        else:
            labels = route.target_labels
            await chat.press_until(t("start-browse-localities"), chat.showing(labels[0]))
            for label, after in zip(labels, [*labels[1:], None], strict=True):
                if after is not None:
                    await chat.press_until(label, chat.showing(after))
                elif route.follow_label is not None:
                    await chat.press_until(label, chat.showing(route.follow_label))
                    await chat.press_until(route.follow_label, followed)
                else:
                    await chat.press_until(label, followed)

        await chat.say_until("/meetings", chat.showing(t("meet-btn-ask")))
        await chat.press_until(t("meet-btn-ask"), chat.showing(t("cancel-button")))
        question = f"{QUESTIONS[locale]} ({index})"
        await chat.say_until(question, chat.showing(t("q-skip-button")))
        await chat.press_until(t("q-skip-button"), chat.showing(t("q-send-button")))
        await chat.press_until(t("q-send-button"), lambda: _number(chat.last) is not None)
        return Outcome(chat.latencies, number=_number(chat.last))
    except (AssertionError, aiohttp.ClientError, TimeoutError) as error:
        reason = str(error).split("\n", 1)[0][:160]
        return Outcome(chat.latencies, failure=f"{chat.step}: {type(error).__name__}: {reason}")


async def bare_journey(
    client: SandboxClient, index: int, steps: int, pause: float = 0.0
) -> Outcome:
    """The baseline's citizen (bench/bare_bot.py): one message, then ``steps - 1`` presses
    of the button it brings, each waited for as a person waits for the next screen."""
    user_id = FIRST_CITIZEN_ID + index
    chat = Citizen(
        client, user_id, quiet=0.05, timeout=120.0, pause=pause, rng=random.Random(index)
    )
    chat.seq = await client.last_seq(user_id)
    try:
        await chat.say_until("hello", chat.showing("Next 1"))
        for step in range(1, steps):
            await chat.press_until(f"Next {step}", chat.showing(f"Next {step + 1}"))
        return Outcome(chat.latencies, number=str(steps))
    except (AssertionError, aiohttp.ClientError, TimeoutError) as error:
        reason = str(error).split("\n", 1)[0][:160]
        return Outcome(chat.latencies, failure=f"{chat.step}: {type(error).__name__}: {reason}")


def _number(message: BotMessage) -> str | None:
    match = NUMBER.search(message.content)
    return match.group(0) if match else None


# --- One run ------------------------------------------------------------------------------


@dataclass
class RunFigures:
    version: str  # "kezdesu" or "bare aiogram" (bench/bare_bot.py)
    backend: str
    delay_ms: int
    citizens: int
    completed: int
    failures: Counter[str]
    questions_stored: int | None
    wall_seconds: float
    bot_cpu_seconds: float
    load_cpu_seconds: float
    # Updates the emulator made for the bot during the run (every one was answered: the
    # citizens wait for each answer).
    updates_created: int
    updates: list[HandledUpdate]  # the bot's own log lines; none from the baseline
    reply_ms: list[float]
    api_requests: int
    api_errors: dict[str, int]
    problems: Counter[str]
    bot_rss_mb: float = 0.0


@contextlib.asynccontextmanager
async def scratch_database(backend: str, postgres_url: str) -> AsyncIterator[str]:
    """A fresh, empty database of our own; gone afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="kezdesu-bench-") as directory:
            yield f"sqlite+aiosqlite:///{Path(directory) / 'bench.sqlite3'}"
        return
    async with scratch_postgres_database(postgres_url, prefix="kezdesu_bench") as url:
        yield url


async def prepare_database(url: str, translator: Translator) -> dict[str, list[Route]]:
    """Migrations, the sample classifier and one announced meeting, done here before the bot
    starts (its own `run` then finds the schema current); the citizens' routes, checked."""
    await upgrade_async(url)
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        localities = LocalityService(sessions)
        await localities.load_sample()
        profile = str(Settings.model_fields["regulation_profile"].default)
        services = Services.create(
            session_factory=sessions,
            renderer=notice_renderers(),
            translator=translator,
            clock=SystemClock(),
            tz=ALMATY,
            profile=profile,
            admin_ids=frozenset(),
            default_locale="kk",
        )
        meetings = services.meetings
        # Real time now: the bot runs on the system clock. Ten days ahead, at 15:00 local.
        day = (datetime.now(ALMATY) + timedelta(days=10)).date()
        meeting = await meetings.create_meeting(
            host_code=DISTRICT,
            venue_code=VENUE,
            audience_code=DISTRICT,
            starts_at=datetime(day.year, day.month, day.day, 15, 0, tzinfo=ALMATY),
            duration_minutes=120,
            place="Аудан әкімдігінің мәжіліс залы",
            broadcast_url=None,
            created_by=ADMIN_ID,
        )
        # Nobody follows it yet: announcing tells nobody (the citizens subscribe in the bench).
        await services.lifecycle.announce_by_system(meeting.id)
        return await plan_routes(localities, translator)
    finally:
        await engine.dispose()


async def count_questions(url: str) -> int:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            stored = await session.scalar(select(func.count()).select_from(Question))
    finally:
        await engine.dispose()
    return int(stored or 0)


async def polling_started(client: SandboxClient, bot: BotProcess) -> None:
    """The bot migrates and sets its command menus before its first getUpdates: start
    counting after that."""
    for _ in range(1200):
        if (await client.stats())["requests"].get("getUpdates"):
            return
        if (crash := bot.crashed()) is not None:
            raise SystemExit(crash)
        await asyncio.sleep(0.05)
    raise SystemExit("the bot did not start polling the emulator within 60 s")


async def all_logged(client: SandboxClient, bot: BotProcess) -> None:
    """A citizen sees the answer before the bot writes its log line: wait for the lines of
    every update created (or a few seconds, if some were never handled)."""
    created = int((await client.stats())["updates_created"])
    for _ in range(100):
        if len(bot.log.updates) >= created:
            return
        await asyncio.sleep(0.05)


Journey = Callable[[int], Awaitable[Outcome]]


@dataclass
class Drive:
    outcomes: list[Outcome]
    wall: float
    bot_cpu: float
    load_cpu: float
    stats: dict[str, Any]
    updates: list[HandledUpdate]
    problems: Counter[str]
    rss_mb: float


async def drive(
    client: SandboxClient, bot: BotProcess, journey: Journey, citizens: int, concurrency: int
) -> Drive:
    """Run every citizen's journey, at most ``concurrency`` at a time, against a bot that
    has started polling; the bot's CPU and the bench's own measured around it."""
    await polling_started(client, bot)
    await client.reset_stats()
    bot.log.clear()
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> Outcome:
        async with gate:
            return await journey(index)

    bot_cpu = bot.cpu_seconds()
    started, load_cpu = time.perf_counter(), time.process_time()
    outcomes = await asyncio.gather(*(one(i) for i in range(citizens)))
    wall = time.perf_counter() - started
    load_cpu = time.process_time() - load_cpu
    bot_cpu = bot.cpu_seconds() - bot_cpu
    rss_mb = bot.ps.memory_info().rss / 2**20
    await all_logged(client, bot)
    return Drive(
        outcomes=list(outcomes),
        wall=wall,
        bot_cpu=bot_cpu,
        load_cpu=load_cpu,
        stats=await client.stats(),
        updates=list(bot.log.updates),
        problems=Counter(bot.log.problems),
        rss_mb=rss_mb,
    )


def figures_of(
    version: str, backend: str, delay_ms: int, citizens: int, run: Drive, stored: int | None
) -> RunFigures:
    return RunFigures(
        version=version,
        backend=backend,
        delay_ms=delay_ms,
        citizens=citizens,
        completed=sum(1 for outcome in run.outcomes if outcome.number is not None),
        failures=Counter(outcome.failure for outcome in run.outcomes if outcome.failure),
        questions_stored=stored,
        wall_seconds=run.wall,
        bot_cpu_seconds=run.bot_cpu,
        load_cpu_seconds=run.load_cpu,
        updates_created=int(run.stats["updates_created"]),
        updates=run.updates,
        reply_ms=[ms for outcome in run.outcomes for ms in outcome.latencies],
        api_requests=int(run.stats["total_requests"]),
        api_errors={str(k): int(v) for k, v in run.stats["errors"].items()},
        problems=run.problems,
        bot_rss_mb=run.rss_mb,
    )


async def run_once(
    backend: str,
    delay_ms: int,
    citizens: int,
    concurrency: int,
    postgres_url: str,
    translator: Translator,
    count_sql: bool,
    baseline: bool,
    pause: float = 0.0,
    event_loop: str = "auto",
) -> list[RunFigures]:
    """Kezdesu's run, then (``baseline``) the bare aiogram bot's on the same emulator and
    database, the same citizens doing as many steps each."""
    async with scratch_database(backend, postgres_url) as url:
        routes = await prepare_database(url, translator)
        config = EmulatorConfig(rate_limits_enabled=False, delay_ms=delay_ms)
        with tempfile.TemporaryDirectory(prefix="kezdesu-bench-bot-") as workdir:
            async with run_emulator(config) as emulator, BenchClient(emulator.url) as client:
                # The admin's chat exists, so that the bot can set the admin's command menu.
                await client.add_user(ADMIN_ID, "Admin", language_code="kk")
                bot = await BotProcess.start(
                    emulator, url, workdir, count_sql=count_sql, event_loop=event_loop
                )
                try:
                    run = await drive(
                        client,
                        bot,
                        lambda i: citizen_journey(client, translator, routes, i, pause),
                        citizens,
                        concurrency,
                    )
                finally:
                    await bot.stop()
                stored = await count_questions(url)
                results = [figures_of("kezdesu", backend, delay_ms, citizens, run, stored)]
                if baseline:
                    steps = max(1, round(int(run.stats["updates_created"]) / citizens))
                    await client.reset_stats()  # so that its first getUpdates is seen
                    bare = await BotProcess.start(
                        emulator,
                        url,
                        workdir,
                        count_sql=False,
                        event_loop=event_loop,
                        command=(str(BARE_BOT),),
                    )
                    try:
                        run = await drive(
                            client,
                            bare,
                            lambda i: bare_journey(client, i, steps, pause),
                            citizens,
                            concurrency,
                        )
                    finally:
                        await bare.stop()
                    results.append(
                        figures_of("bare aiogram", backend, delay_ms, citizens, run, None)
                    )
    return results


# --- Printing -----------------------------------------------------------------------------


def print_run(figures: RunFigures) -> None:
    durations = [u.duration_ms for u in figures.updates]
    errors = sum(1 for u in figures.updates if u.outcome == "error")
    unhandled = sum(1 for u in figures.updates if u.outcome == "unhandled")
    handled = len(durations) or figures.updates_created
    rate = handled / figures.wall_seconds if figures.wall_seconds else 0.0
    failed = sum(figures.failures.values())

    def cpu(seconds: float) -> str:
        per_update = seconds * 1000 / handled if handled else float("nan")
        return (
            f"{seconds:.1f} s ({seconds / figures.wall_seconds:.0%} of one core), "
            f"{per_update:.2f} ms/update"
        )

    rows = [("citizens completed / failed", f"{figures.completed} / {failed}")]
    if figures.questions_stored is not None:
        rows.append(("questions stored", str(figures.questions_stored)))
    if durations:
        rows.append(("updates handled", f"{handled} ({errors} error, {unhandled} unhandled)"))
    else:
        rows.append(("updates answered", str(handled)))
    rows += [
        ("Bot API calls (errors)", f"{figures.api_requests} ({figures.api_errors or 'none'})"),
        ("wall time", f"{figures.wall_seconds:.1f} s"),
        ("bot process CPU", cpu(figures.bot_cpu_seconds)),
        ("bot process RSS at the end", f"{figures.bot_rss_mb:.0f} MB"),
        ("emulator + citizens CPU", cpu(figures.load_cpu_seconds)),
        ("updates per second", f"{rate:.0f}"),
    ]
    if durations:
        rows.append(
            (
                "handling p50 / p95 / p99",
                f"{percentile(durations, 0.5):.1f} / {percentile(durations, 0.95):.1f} / "
                f"{percentile(durations, 0.99):.1f} ms",
            )
        )
    rows.append(
        (
            "reply seen p50 / p99",
            f"{percentile(figures.reply_ms, 0.5):.0f} / "
            f"{percentile(figures.reply_ms, 0.99):.0f} ms",
        )
    )
    title = (
        f"{figures.version}: {figures.backend}, emulator delay {figures.delay_ms} ms, "
        f"{figures.citizens} citizens"
    )
    print(f"\n{title}\n{'-' * len(title)}")
    for label, value in rows:
        print(f"  {label:<30} {value}")
    if durations:
        print("  slowest handlers (p95 ms, p50 ms, count):")
    by_handler: dict[str, list[float]] = defaultdict(list)
    for update in figures.updates:
        by_handler[update.handler].append(update.duration_ms)
    ranked = sorted(by_handler.items(), key=lambda item: -percentile(item[1], 0.95))
    for handler, values in ranked[:4]:
        name = handler.removeprefix("handlers.")
        print(
            f"    {name:<52} {percentile(values, 0.95):7.1f} {percentile(values, 0.5):7.1f}"
            f" {len(values):6d}"
        )
    print_database_work(figures.updates)
    for reason, count in figures.failures.most_common(3):
        print(f"  failure x{count}: {reason}")
    for problem, count in figures.problems.most_common(3):
        print(f"  log x{count}: {problem}")


def print_comparison(kezdesu: RunFigures, bare: RunFigures) -> None:
    """Kezdesu beside the bare aiogram bot of the same run."""

    def rate(figures: RunFigures) -> float:
        handled = len(figures.updates) or figures.updates_created
        return handled / figures.wall_seconds

    def cpu_ms(figures: RunFigures) -> float:
        handled = len(figures.updates) or figures.updates_created
        return figures.bot_cpu_seconds * 1000 / handled

    print(
        f"\n  side by side: updates/s {rate(kezdesu):.0f} vs {rate(bare):.0f} "
        f"({rate(kezdesu) / rate(bare):.2f}x the bare bot); bot CPU per update "
        f"{cpu_ms(kezdesu):.2f} vs {cpu_ms(bare):.2f} ms ({cpu_ms(kezdesu) / cpu_ms(bare):.1f}x); "
        f"reply seen p99 {percentile(kezdesu.reply_ms, 0.99):.0f} vs "
        f"{percentile(bare.reply_ms, 0.99):.0f} ms; RSS {kezdesu.bot_rss_mb:.0f} vs "
        f"{bare.bot_rss_mb:.0f} MB"
    )


def print_database_work(updates: list[HandledUpdate]) -> None:
    """Mean SQL statements, transactions and connection checkouts per update: overall and
    per handler (the most frequent first)."""
    counted = [u for u in updates if u.statements is not None]
    if not counted:
        return

    def means(group: list[HandledUpdate]) -> str:
        n = len(group)
        sql = sum(u.statements or 0 for u in group) / n
        tx = sum(u.transactions or 0 for u in group) / n
        conn = sum(u.connections or 0 for u in group) / n
        return f"{sql:6.2f} {tx:6.2f} {conn:6.2f} {n:6d}"

    print(f"  database per update (sql, tx, conn, count):  {means(counted)}")
    by_handler: dict[str, list[HandledUpdate]] = defaultdict(list)
    for update in counted:
        by_handler[update.handler].append(update)
    for handler, group in sorted(by_handler.items(), key=lambda item: -len(item[1])):
        print(f"    {handler.removeprefix('handlers.'):<52} {means(group)}")


# --- Main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--citizens", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite,postgresql")
    parser.add_argument("--delay-ms", default="0,50", help="emulator delays, comma separated")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server for scratch DBs")
    parser.add_argument(
        "--no-sql-counts",
        dest="count_sql",
        action="store_false",
        help="the bot does not count its statements and transactions per update",
    )
    parser.add_argument(
        "--pause-ms",
        type=float,
        default=0.0,
        help="a citizen's mean pause before each tap (0: at once, the bot saturated)",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="after each run, the bare aiogram bot (bench/bare_bot.py) on the same emulator "
        "and database, the same citizens taking as many steps",
    )
    parser.add_argument(
        "--event-loop",
        choices=get_args(EventLoopChoice),
        default="auto",
        help="the loop both bots run on (EVENT_LOOP, bot/event_loop.py; auto: uvloop where "
        "installed, as `kezdesu run`)",
    )
    args = parser.parse_args(argv)
    args.backends = [part.strip() for part in args.db.split(",") if part.strip()]
    unknown = set(args.backends) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown --db {', '.join(sorted(unknown))}")
    args.delays = [int(part) for part in args.delay_ms.split(",") if part.strip()]
    if args.citizens < 1 or args.concurrency < 1:
        parser.error("--citizens and --concurrency must be positive")
    if args.pause_ms < 0:
        parser.error("--pause-ms must not be negative")
    return args


async def main(args: argparse.Namespace) -> None:
    # This process is Telegram's stand-in and the people: its pauses must not count against the
    # bot. Left as it is, Python's collector stopped it for 300-600 ms at a time under load
    # (bench/README.md, "The garbage collector"); it gets what the bot gets (bot/memory.py).
    settle_garbage_collector()
    print(f"Machine: {machine()}")
    print(
        f"Citizens: {args.citizens}, at most {args.concurrency} at a time; rate limits off; "
        f"the bot in its own process, on the event loop {args.event_loop!r}."
    )
    if args.pause_ms:
        print(
            f"Each citizen pauses {args.pause_ms / 2:.0f}–{args.pause_ms * 1.5:.0f} ms "
            "(uniform) before each tap."
        )
    translator = Translator()
    for backend in args.backends:
        for delay in args.delays:
            results = await run_once(
                backend,
                delay,
                args.citizens,
                args.concurrency,
                args.postgres,
                translator,
                args.count_sql,
                args.baseline,
                args.pause_ms / 1000,
                args.event_loop,
            )
            for figures in results:
                print_run(figures)
            if len(results) == 2:
                print_comparison(*results)
            sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
