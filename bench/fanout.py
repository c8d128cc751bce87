"""What the fan-out benchmarks share (sender_bench.py, broadcaster_bench.py and
enqueue_bench.py import it): the Bot API emulator and the outbox sender, each in a process of
its own, the scratch database's citizens, and the figures every sender is judged by.

Run as a script, this file is one of those processes:

    python bench/fanout.py emulator --chats LOW:HIGH [--delay-ms 50] [--global-rate 30]
        [--global-burst 30] [--paid-rate 1000] [--paid-burst 1000] [--chat-rate 1]
        [--chat-burst 3]
    python bench/fanout.py sender --database-url URL --api-url URL --rate R [--paid]
        [--no-gc-freeze]

The emulator answers every Bot API call after ``--delay-ms`` (the network round trip), with
Telegram's flood control on as sandbox/limits.py models it: a global bucket (or the paid one,
for requests with ``allow_paid_broadcast``) and one per chat. Every chat id of ``--chats``
exists, created when first addressed, so a million possible recipients cost nothing until
they are sent to. Besides its own counters (/_driver/stats: 429s, per-chat violations) it logs
the moment of every message it accepts (GET /_bench/sends → {"at": [unix seconds], "chat":
[ids]}). It prints its URL on the first line of stdout and serves until stdin closes. It
makes no full collection of its garbage during a run, so that Telegram's stand-in does not
pause for a hundred milliseconds in the middle of one (never_pause_for_full_collections).

The sender process is scheduler/sender/outbox_sender.py's OutboxSender as the bot runs it
(SenderConfig.for_rate, an aiohttp session with a connection per request in flight). It prints
"ready" when started, and on SIGTERM stops the sender, then prints one JSON line: the
sender's own counters, its peak RSS and CPU time.

Each in its own process, as in production: on two cores the emulator and the sender each get
one, and each one's CPU time and memory are its own.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import json
import logging
import math
import os
import resource
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import psutil
from aiohttp import web

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from aiogram import Bot  # noqa: E402
from aiogram.client.default import DefaultBotProperties  # noqa: E402
from aiogram.client.session.aiohttp import AiohttpSession  # noqa: E402
from aiogram.client.telegram import TelegramAPIServer  # noqa: E402
from aiogram.enums import ParseMode  # noqa: E402
from redis.asyncio import Redis  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from bot.memory import settle_garbage_collector  # noqa: E402
from sandbox.bot_api import STATE_KEY, setup_bot_api  # noqa: E402
from sandbox.config import EmulatorConfig, burst_size  # noqa: E402
from sandbox.driver_api import setup_driver_api  # noqa: E402
from sandbox.markup import Markup  # noqa: E402
from sandbox.server import MAX_REQUEST_BYTES  # noqa: E402
from sandbox.state import ChatRecord, EmulatorState, StoredMessage  # noqa: E402
from scheduler.sender.outbox_sender import OutboxSender, SenderConfig  # noqa: E402
from scheduler.sender.shared_pacer import RedisPacer  # noqa: E402
from services.clock import SystemClock  # noqa: E402
from services.localities import LocalityService  # noqa: E402
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade_async  # noqa: E402

THIS_SCRIPT = str(Path(__file__).resolve())
BOT_TOKEN = "123456:BENCH"
ROUND_TRIP_MS = 50
# Telegram: about 30 messages a second to different chats; up to 1000 with paid broadcasts.
REGULAR_LIMIT = 30.0
PAID_LIMIT = 1000.0
TEXT = (
    "<b>Жаңаарқа ауданы әкімінің халықпен кездесуі</b>\n"
    "15 желтоқсан, 15:00, аудан әкімдігінің мәжіліс залы. Сұрағыңызды ботқа алдын ала жіберіңіз."
)

ALMATY = ZoneInfo("Asia/Almaty")
# Villages of the Жаңаарқа district (623600000) that the citizens follow, so every one of them
# hears of a meeting held for the whole district.
VILLAGES = ("623641105", "623661107", "623630100", "623661100")
LOCALES = ("kk", "ru", "kk", "en")
DEFAULT_POSTGRES = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


# --- The emulator process -----------------------------------------------------------------


class BenchState(EmulatorState):
    """The emulator's state, with every chat of a range existing and a log of accepted sends."""

    def __init__(self, config: EmulatorConfig, chats: range) -> None:
        super().__init__(config)
        self.bench_chats = chats
        self.sent_at: list[float] = []
        self.sent_chat: list[int] = []

    def find_chat(self, chat_id: int | str) -> ChatRecord | None:
        chat = super().find_chat(chat_id)
        if chat is None and isinstance(chat_id, int) and chat_id in self.bench_chats:
            self.add_user(chat_id, f"Citizen {chat_id}", language_code="kk")
            chat = self.chats[chat_id]
        return chat

    def new_message(
        self,
        chat: ChatRecord,
        *,
        outgoing: bool,
        content: dict[str, Any],
        markup: Markup | None = None,
        reply_to: StoredMessage | None = None,
        options: dict[str, Any] | None = None,
    ) -> StoredMessage:
        message = super().new_message(
            chat,
            outgoing=outgoing,
            content=content,
            markup=markup,
            reply_to=reply_to,
            options=options,
        )
        if outgoing:
            self.sent_at.append(time.time())
            self.sent_chat.append(chat.id)
            # A benchmark sends one message to each of tens of thousands of chats: the
            # emulator need not keep them all (what it would remember for a test's reading).
            del chat.messages[message.message_id]
            chat.events.clear()
        return message


def bench_app(config: EmulatorConfig, chats: range) -> web.Application:
    """sandbox.server.create_app with BenchState and the /_bench/sends route."""
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    state = BenchState(config, chats)
    app[STATE_KEY] = state
    setup_bot_api(app)
    setup_driver_api(app)

    async def sends(request: web.Request) -> web.Response:
        return web.json_response({"at": state.sent_at, "chat": state.sent_chat})

    async def on_shutdown(app: web.Application) -> None:
        state.close()

    app.router.add_get("/_bench/sends", sends)
    app.on_shutdown.append(on_shutdown)
    return app


# Automatic full collections happen after this many middle ones: never, in a bench's run.
NO_FULL_COLLECTIONS = 2**30


def never_pause_for_full_collections() -> None:
    """The emulator stands in for Telegram, which does not stop: its pauses must not count
    against the sender. A pause of the emulator's event loop lets the requests that arrive
    meanwhile through in one clump when it ends, and a clump meets the bucket of a tenth of a
    second with 429s that Telegram would not have given.

    Python's full collections walk every live object: what was imported at start (frozen here,
    as the bot freezes its own) and every chat the run creates, one per citizen sent to. At
    60,000 chats they stopped the emulator four times a run, up to 126 ms, and the sender met
    26 to 136 429s (bench/README.md, "The bench's own waits and pauses"). A bench's run is minutes
    long: the cyclic garbage that reaches the oldest generation waits for the process's end.
    Young and middle collections go on (a few milliseconds each).
    """
    settle_garbage_collector()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, NO_FULL_COLLECTIONS)


async def serve(config: EmulatorConfig, chats: range) -> None:
    runner = web.AppRunner(
        bench_app(config, chats), handle_signals=False, shutdown_timeout=2.0, access_log=None
    )
    await runner.setup()
    never_pause_for_full_collections()
    try:
        site = web.TCPSite(runner, config.host, config.port)
        await site.start()
        host, port = runner.addresses[0][:2]
        print(f"http://{host}:{port}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)

        def stdin_readable() -> None:
            if not os.read(sys.stdin.fileno(), 4096):  # the bench process is gone
                loop.remove_reader(sys.stdin.fileno())
                stop.set()

        loop.add_reader(sys.stdin.fileno(), stdin_readable)
        await stop.wait()
    finally:
        await runner.cleanup()


def parse_range(value: str) -> range:
    low, _, high = value.partition(":")
    return range(int(low), int(high))


def emulator_config(args: argparse.Namespace) -> EmulatorConfig:
    return EmulatorConfig(
        port=0,
        bot_token=BOT_TOKEN,
        delay_ms=args.delay_ms,
        global_rate=args.global_rate,
        global_burst=args.global_burst,
        chat_rate=args.chat_rate,
        chat_burst=args.chat_burst,
        paid_broadcast_rate=args.paid_rate,
        paid_broadcast_burst=args.paid_burst,
        rate_limits_enabled=True,
    )


# --- The sender process -------------------------------------------------------------------


async def run_sender(
    database_url: str,
    api_url: str,
    rate: float,
    paid: bool,
    gc_freeze: bool,
    redis_url: str | None = None,
    redis_key: str = "",
) -> None:
    """OutboxSender until SIGTERM, wired as bot/app.py wires it (create_sender_bot).

    ``gc_freeze``: what the bot does at start (bot/memory.py): keep Python's full collections
    off the objects that exist then (every module imported), so that they do not stop the
    event loop for hundreds of milliseconds every few seconds, and collect young objects
    less often. ``redis_url``: pace with the
    token bucket in Redis at ``redis_key`` that other senders share (an instance of several,
    scheduler/sender/shared_pacer.py), as bot/app.py does with REDIS_URL.
    """
    if gc_freeze:
        settle_garbage_collector()
    config = SenderConfig.for_rate(rate, paid_broadcast=paid)
    redis = Redis.from_url(redis_url) if redis_url else None
    pacer = RedisPacer(redis, redis_key, config.rate) if redis is not None else None
    engine = create_engine(database_url)
    bot = Bot(
        BOT_TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(api_url), limit=config.concurrency),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    sender = OutboxSender(
        create_session_factory(engine),
        bot,
        clock=SystemClock(),
        tz=ALMATY,
        config=config,
        pacer=pacer,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        sender.start()
        print("ready", flush=True)
        await stop.wait()
        await sender.stop()
    finally:
        await bot.session.close()
        await engine.dispose()
        if pacer is not None and redis is not None:
            await pacer.aclose()
            await redis.aclose()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    report = {
        "stats": dataclasses.asdict(sender.stats),
        "pacer": dataclasses.asdict(sender.pacer.stats) | {"rate": sender.pacer.rate},
        "concurrency": config.concurrency,
        "batch_size": config.batch_size,
        "peak_rss_mb": peak_rss_mb(),
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }
    print(json.dumps(report), flush=True)


def peak_rss_mb() -> float | None:
    """This process's peak resident memory: VmHWM, of its own address space. (Not ru_maxrss:
    Linux carries that over from the parent through fork and exec, so a child started by a
    big bench process would report the parent's size.)"""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return None


# --- Both, seen from the bench process ------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Telegram's limits as the emulator is told to enforce them: the broadcasting limit
    (`limit`; 1000/s means paid broadcasts, `allow_paid_broadcast`, with the regular 30/s
    bucket beside it) and one message a second per chat (a burst of 3)."""

    limit: float
    chat_rate: float = 1.0
    chat_burst: int = 3
    delay_ms: int = ROUND_TRIP_MS
    # The global and paid buckets hold this many seconds' worth (sandbox/config.py's default:
    # one second). Telegram does not publish it, and the sender is never told.
    burst_seconds: float = 1.0

    @property
    def paid(self) -> bool:
        return self.limit > REGULAR_LIMIT

    def args(self) -> list[str]:
        regular = min(self.limit, REGULAR_LIMIT)
        paid = self.limit if self.paid else PAID_LIMIT
        return [
            f"--delay-ms={self.delay_ms}",
            f"--global-rate={regular}",
            f"--global-burst={burst_size(regular, self.burst_seconds)}",
            f"--paid-rate={paid}",
            f"--paid-burst={burst_size(paid, self.burst_seconds)}",
            f"--chat-rate={self.chat_rate}",
            f"--chat-burst={self.chat_burst}",
        ]


@dataclass
class SendLog:
    at: list[float]
    chat: list[int]


class EmulatorProcess:
    """This file run as a script, in its own process; talked to over HTTP."""

    def __init__(self, process: asyncio.subprocess.Process, url: str) -> None:
        self.process = process
        self.url = url
        self.ps = psutil.Process(process.pid)
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))

    @classmethod
    async def start(cls, limits: Limits, chats: range) -> EmulatorProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            THIS_SCRIPT,
            "emulator",
            f"--chats={chats.start}:{chats.stop}",
            *limits.args(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        if not line.startswith(b"http://"):
            raise SystemExit(f"the emulator did not start: {line!r}")
        return cls(process, line.decode().strip())

    async def _get(self, path: str) -> dict[str, Any]:
        async with self._session.get(self.url + path) as response:
            response.raise_for_status()
            data: dict[str, Any] = await response.json()
            return data

    async def stats(self) -> dict[str, Any]:
        return await self._get("/_driver/stats")

    async def sends(self) -> SendLog:
        data = await self._get("/_bench/sends")
        return SendLog([float(t) for t in data["at"]], [int(c) for c in data["chat"]])

    async def sent_count(self) -> int:
        return int((await self.stats())["messages_sent"])

    async def until_sent(self, count: int, max_seconds: float = math.inf) -> bool:
        """Wait until `count` messages were accepted (True), or `max_seconds` passed."""
        deadline = time.perf_counter() + max_seconds
        while time.perf_counter() < deadline:
            if await self.sent_count() >= count:
                return True
            await asyncio.sleep(0.1)
        return False

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    async def stop(self) -> None:
        await self._session.close()
        if self.process.returncode is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


@contextlib.asynccontextmanager
async def emulator(limits: Limits, chats: range) -> AsyncIterator[EmulatorProcess]:
    process = await EmulatorProcess.start(limits, chats)
    try:
        yield process
    finally:
        await process.stop()


class SenderProcess:
    """The outbox sender (this file's "sender" role) in its own process; its memory sampled
    from outside while it works."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.ps = psutil.Process(process.pid)
        self.rss_samples: list[tuple[float, float]] = []  # (seconds since start, MB)
        self._started = time.perf_counter()
        self._sampler = asyncio.create_task(self._sample())

    @classmethod
    async def start(
        cls,
        database_url: str,
        api_url: str,
        limits: Limits,
        *,
        gc_freeze: bool = True,
        redis: tuple[str, str] | None = None,
    ) -> SenderProcess:
        """``redis``: (URL, key) of a sending bucket shared with other senders."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            THIS_SCRIPT,
            "sender",
            f"--database-url={database_url}",
            f"--api-url={api_url}",
            f"--rate={limits.limit}",
            *(["--paid"] if limits.paid else []),
            *([] if gc_freeze else ["--no-gc-freeze"]),
            *([f"--redis-url={redis[0]}", f"--redis-key={redis[1]}"] if redis else []),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        if line.strip() != b"ready":
            raise SystemExit(f"the sender did not start: {line!r}")
        return cls(process)

    async def _sample(self) -> None:
        with contextlib.suppress(psutil.Error):
            while True:
                rss = self.ps.memory_info().rss / 2**20
                self.rss_samples.append((time.perf_counter() - self._started, rss))
                await asyncio.sleep(0.1)

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return float(times.user + times.system)

    async def stop(self) -> dict[str, Any]:
        """SIGTERM: the sender finishes what is in flight, gives back the rest and reports."""
        self._sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._sampler
        assert self.process.stdout is not None
        self.process.send_signal(signal.SIGTERM)
        output = await asyncio.wait_for(self.process.stdout.read(), 60)
        await self.process.wait()
        lines = output.decode().strip().splitlines()
        if self.process.returncode != 0 or not lines:
            raise SystemExit(f"the sender exited with {self.process.returncode}: {output!r}")
        report: dict[str, Any] = json.loads(lines[-1])
        return report


@contextlib.asynccontextmanager
async def sender_process(
    database_url: str, api_url: str, limits: Limits, *, gc_freeze: bool = True
) -> AsyncIterator[SenderProcess]:
    async with sender_processes(database_url, api_url, limits, gc_freeze=gc_freeze) as [one]:
        yield one


@contextlib.asynccontextmanager
async def sender_processes(
    database_url: str,
    api_url: str,
    limits: Limits,
    *,
    count: int = 1,
    gc_freeze: bool = True,
    redis: tuple[str, str] | None = None,
) -> AsyncIterator[list[SenderProcess]]:
    """``count`` senders on one outbox, as ``count`` instances of the bot run theirs;
    ``redis``: their shared sending bucket (URL, key)."""
    processes: list[SenderProcess] = []
    try:
        for _ in range(count):
            processes.append(
                await SenderProcess.start(
                    database_url, api_url, limits, gc_freeze=gc_freeze, redis=redis
                )
            )
        yield processes
    finally:
        for process in processes:
            if process.process.returncode is None:
                process.process.kill()
                await process.process.wait()


# --- The database ---------------------------------------------------------------------------


async def prepare_database(url: str) -> None:
    """Migrations and the sample classifier (the villages people follow)."""
    await upgrade_async(url)
    engine = create_engine(url)
    try:
        await LocalityService(create_session_factory(engine)).load_sample()
    finally:
        await engine.dispose()


async def add_citizens(engine: AsyncEngine, chats: range) -> None:
    """A citizen per chat id, with consent, following one of the district's villages: COPY,
    the fastest way in (setting up is not what is measured)."""
    consent = datetime.now(UTC) - timedelta(days=30)
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        copy = raw.driver_connection
        assert copy is not None
        await copy.copy_records_to_table(
            "users",
            records=((i, LOCALES[i % len(LOCALES)], consent) for i in chats),
            columns=["id", "locale", "consent_at"],
        )
        await copy.copy_records_to_table(
            "subscriptions",
            records=((i, VILLAGES[i % len(VILLAGES)]) for i in chats),
            columns=["user_id", "locality_code"],
        )
        await connection.exec_driver_sql("ANALYZE users")
        await connection.exec_driver_sql("ANALYZE subscriptions")
        await connection.commit()


def fanout_size(limit: float, quick: bool) -> int:
    """A minute's worth of messages at the limit (10 seconds' with --quick)."""
    return int(limit * (10 if quick else 60))


# --- Figures ------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class FanoutResult:
    """One sender's run against a fresh emulator: what it was asked to send and what the
    emulator saw."""

    name: str
    limit: float
    planned: int  # messages asked for, one per chat unless per_chat > 1
    chats: int
    log: SendLog
    stats: dict[str, Any]
    wall_seconds: float
    sender_cpu_seconds: float
    emulator_cpu_seconds: float
    finished: bool  # False: stopped at the time cap before it was done
    failed: int = 0  # given up by the sender itself (counted as lost when finished)
    latencies_ms: list[float] = field(default_factory=list)  # enqueue → sent, when known
    peak_rss_mb: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return len(self.log.at)

    @property
    def delivered(self) -> int:
        """Distinct messages that arrived: per chat, at most the number meant for it."""
        per_chat = max(1, self.planned // max(1, self.chats))
        return sum(min(per_chat, count) for count in Counter(self.log.chat).values())

    @property
    def sustained_rate(self) -> float:
        """Accepted sends per second between the first and the last, as the emulator saw."""
        if self.sent < 2:
            return 0.0
        span = max(self.log.at) - min(self.log.at)
        return (self.sent - 1) / span if span > 0 else float("inf")

    def per_second(self) -> list[int]:
        """Accepted sends in each whole second from the first one (the last, partial second
        left out): a steady sender shows the same count every second."""
        if not self.log.at:
            return []
        start = min(self.log.at)
        counts = Counter(int(at - start) for at in self.log.at)
        return [counts.get(second, 0) for second in range(max(counts))]

    @property
    def requests(self) -> int:
        return int(self.stats["requests"].get("sendMessage", 0))

    @property
    def refused(self) -> int:
        return int(self.stats["rate_limited"])

    @property
    def chat_violations(self) -> int:
        return int(self.stats["chat_violations"])

    @property
    def lost(self) -> int | None:
        """Messages never delivered although the sender finished (None: it did not finish)."""
        return self.planned - min(self.planned, self.delivered) if self.finished else None

    @property
    def duplicates(self) -> int:
        return self.sent - self.delivered


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 600 else f"{value / 60:.0f} min"


def print_table(results: list[FanoutResult]) -> None:
    """The side-by-side table: one column per run."""
    if not results:
        return

    def share(part: int, whole: int) -> str:
        return f"{part} ({part / whole:.2%})" if whole else str(part)

    def cpu(seconds: float, result: FanoutResult) -> str:
        return f"{seconds:.1f} s ({seconds / result.wall_seconds:.0%})"

    def latency(result: FanoutResult) -> str:
        values = result.latencies_ms
        if not values:
            return "-"
        return f"{percentile(values, 0.5) / 1000:.1f} / {percentile(values, 0.99) / 1000:.1f} s"

    def spread(counts: list[int]) -> str:
        if not counts:
            return "-"
        return f"{min(counts)} / {percentile([float(c) for c in counts], 0.5):.0f} / {max(counts)}"

    def lost(result: FanoutResult) -> str:
        if result.lost is None:
            remaining = result.planned - result.delivered
            rate = result.sustained_rate
            eta = f", all in ~{_seconds(result.planned / rate)}" if rate else ""
            return f"stopped at the cap, {remaining} not sent yet{eta}"
        return str(result.lost)

    rows: list[tuple[str, list[str]]] = [
        ("limit (messages/s)", [f"{r.limit:g}" for r in results]),
        ("messages asked / chats", [f"{r.planned} / {r.chats}" for r in results]),
        ("delivered", [str(r.delivered) for r in results]),
        ("wall time", [_seconds(r.wall_seconds) for r in results]),
        ("sustained rate (msg/s)", [f"{r.sustained_rate:.1f}" for r in results]),
        ("rate / limit", [f"{r.sustained_rate / r.limit:.3f}" for r in results]),
        ("each second min/median/max", [spread(r.per_second()) for r in results]),
        ("sendMessage requests", [str(r.requests) for r in results]),
        ("429 answers (share)", [share(r.refused, r.requests) for r in results]),
        ("per-chat violations", [str(r.chat_violations) for r in results]),
        ("lost", [lost(r) for r in results]),
        ("rows failed (must be 0)", [str(r.failed) for r in results]),
        ("duplicates", [str(r.duplicates) for r in results]),
        ("enqueue→sent p50 / p99", [latency(r) for r in results]),
        ("sender CPU (of a core)", [cpu(r.sender_cpu_seconds, r) for r in results]),
        ("emulator CPU (of a core)", [cpu(r.emulator_cpu_seconds, r) for r in results]),
    ]
    if any(r.peak_rss_mb is not None for r in results):
        rows.append(
            (
                "sender peak RSS",
                [f"{r.peak_rss_mb:.0f} MB" if r.peak_rss_mb else "-" for r in results],
            )
        )
    label_width = max(len(label) for label, _ in rows)
    widths = [
        max(len(r.name), *(len(values[i]) for _, values in rows)) for i, r in enumerate(results)
    ]
    print()
    print(
        " " * label_width
        + "  "
        + "  ".join(r.name.ljust(w) for r, w in zip(results, widths, strict=True))
    )
    for label, values in rows:
        cells = "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True))
        print(f"{label.ljust(label_width)}  {cells}")
    for result in results:
        for note in result.notes:
            print(f"  {result.name}: {note}")
    sys.stdout.flush()


# --- Entry point of the two roles ---------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="a process of the fan-out benchmarks")
    roles = parser.add_subparsers(dest="role", required=True)
    emulator_role = roles.add_parser("emulator", help="the Bot API emulator")
    emulator_role.add_argument("--chats", type=parse_range, required=True, help="LOW:HIGH")
    emulator_role.add_argument("--delay-ms", type=int, default=ROUND_TRIP_MS)
    emulator_role.add_argument("--global-rate", type=float, default=REGULAR_LIMIT)
    emulator_role.add_argument("--global-burst", type=int, default=int(REGULAR_LIMIT))
    emulator_role.add_argument("--paid-rate", type=float, default=PAID_LIMIT)
    emulator_role.add_argument("--paid-burst", type=int, default=int(PAID_LIMIT))
    emulator_role.add_argument("--chat-rate", type=float, default=1.0)
    emulator_role.add_argument("--chat-burst", type=int, default=3)
    sender_role = roles.add_parser("sender", help="the outbox sender")
    sender_role.add_argument("--database-url", required=True)
    sender_role.add_argument("--api-url", required=True)
    sender_role.add_argument("--rate", type=float, required=True)
    sender_role.add_argument("--paid", action="store_true")
    sender_role.add_argument("--no-gc-freeze", dest="gc_freeze", action="store_false")
    sender_role.add_argument("--redis-url", help="pace with a bucket in Redis, shared")
    sender_role.add_argument("--redis-key", default="")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        if args.role == "emulator":
            asyncio.run(serve(emulator_config(args), args.chats))
        else:
            asyncio.run(
                run_sender(
                    args.database_url,
                    args.api_url,
                    args.rate,
                    args.paid,
                    args.gc_freeze,
                    args.redis_url,
                    args.redis_key,
                )
            )


if __name__ == "__main__":
    main()
