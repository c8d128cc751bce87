"""The one sender: delivers the durable outbox (services/outbox.py) to Telegram.

Handlers and scheduler jobs only write rows; this is the only code that sends notifications,
so Telegram's limits and refusals are handled in one place.

How a message travels:

1. *Claim.* A batch of due rows is taken in one statement, ``UPDATE … SET status='sending',
   next_attempt_at=now+lease WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …``
   (PostgreSQL; SQLite has one writer and needs no SKIP LOCKED). Several instances share the
   work without taking the same row. A claimed row whose lease ran out (its sender died) is
   due again, so a crash loses nothing; what it can duplicate is bounded by the messages that
   were in flight. Leases of rows still held are renewed while they wait.
2. *Plan.* The recipients' /settings come with the claim, one query per batch; the delivery
   policy (scheduler/sender/delivery_policy.py) sends, skips or defers each message to the end of
   the recipient's quiet hours. A recipient known to have blocked the bot is not tried again.
3. *Send.* A pacer (scheduler/sender/pacer.py, shared with the bot's own replies) spaces
   requests evenly just under the global rate (30/s; up to 1000/s with paid broadcasts, sent
   with ``allow_paid_broadcast``) and adapts it to the 429s it meets, whatever burst
   Telegram's bucket forgives; at most one message a second to any chat, with many requests
   in flight so a slow round trip does not lower the rate. A notice's request body is encoded
   once per language; each request only adds the chat id.
4. *Record.* Outcomes are written in bulk several times a second:
   - sent;
   - 429: the message and its chat wait ``retry_after``, then it is sent again, never
     dropped; the pacer cuts the rate of the rest (and stops everything for ``retry_after``
     only when cutting did not help);
   - 403 or "chat not found": unreachable at once, and the user is marked inactive;
   - 5xx, timeouts and network errors: retried with exponential back-off (at most
     ``backoff_max`` apart) through ``next_attempt_at`` for as long as the notice makes sense:
     an outage of any length loses nothing, and a notice whose payload's ``stale_at`` has
     passed (a reminder for a meeting that has begun) is dropped as expired at the claim;
   - another refusal that may pass (401, 404, an unreadable answer): failed after
     ``max_attempts``;
   - any other refusal (400): failed, with Telegram's words in ``last_error``.

Memory stays flat: at most a few batches are held, whatever the size of the outbox.
"""

import asyncio
import contextlib
import dataclasses
import heapq
import itertools
import json
import logging
import math
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler.sender.delivery_policy import Decision, decide
from scheduler.sender.pacer import AdaptivePacer, Pacer, Slot
from services.clock import Clock
from services.outbox import ClaimedRow, OutboxQueue, RecipientStates, RowOutcome
from services.statuses import NoticeKind, OutboxStatus

log = logging.getLogger(__name__)

# Telegram's broadcasting limit, and the paid one (Bot API: allow_paid_broadcast, "up to 1000
# messages per second … for a fee of 0.1 Telegram Stars per message").
REGULAR_RATE = 30.0
PAID_BROADCAST_RATE = 1000.0
# Telegram asks bots not to send more than one message a second to one chat.
CHAT_INTERVAL = 1.0
WRITE_CHUNK = 500
PAYLOAD_CACHE = 256
MAX_ERROR_LENGTH = 300
JSON_HEADERS = {"Content-Type": "application/json"}


@dataclass(frozen=True, slots=True)
class SenderConfig:
    """How fast and how persistently the sender works. ``SenderConfig.for_rate`` picks the
    rest from the rate."""

    rate: float = REGULAR_RATE
    # Send with allow_paid_broadcast (the bot pays Stars to exceed the regular limit).
    paid_broadcast: bool = False
    # Requests in flight at once: the rate times the round trip, with room to spare.
    concurrency: int = 16
    # Seconds between two messages to the same chat.
    chat_interval: float = CHAT_INTERVAL
    # Rows claimed at a time: about two seconds' worth.
    batch_size: int = 60
    # How long a claim lasts if its sender dies (renewed while the sender lives).
    lease: timedelta = timedelta(minutes=2)
    # Attempts for a refusal that may pass (401, 404, an unreadable answer); Telegram being
    # down (5xx, no answer) is retried without a limit (see OutboxSender._back_off).
    max_attempts: int = 5
    backoff_base: timedelta = timedelta(seconds=10)
    backoff_max: timedelta = timedelta(minutes=5)
    # Seconds between looks for new rows when there is nothing to do (a commit that enqueues
    # wakes the sender of this process at once).
    idle_poll: float = 1.0
    # Seconds between writes of outcomes: bounds what a crash can send twice.
    flush_interval: float = 0.2
    # Seconds to wait for Telegram's answer before counting the attempt as failed.
    request_timeout: float = 30.0
    # Seconds to wait before trying the database again after it failed.
    db_retry: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.rate <= PAID_BROADCAST_RATE:
            raise ValueError(f"rate must be within (0, {PAID_BROADCAST_RATE:g}]")
        if self.concurrency < 1 or self.batch_size < 1 or self.max_attempts < 1:
            raise ValueError("concurrency, batch_size and max_attempts must be at least 1")
        if self.chat_interval < 0 or self.lease <= timedelta(0):
            raise ValueError("chat_interval must not be negative and lease must be positive")

    @classmethod
    def for_rate(
        cls,
        rate: float | None = None,
        *,
        paid_broadcast: bool = False,
        concurrency: int | None = None,
        batch_size: int | None = None,
        **changes: Any,
    ) -> "SenderConfig":
        """A rate (default 30/s, or 1000/s with paid broadcasts) and what fits it: a quarter
        of a second's worth of requests in flight (a 50 ms round trip needs a twentieth),
        and two seconds' worth of rows claimed at a time."""
        chosen = rate or (PAID_BROADCAST_RATE if paid_broadcast else REGULAR_RATE)
        return cls(
            rate=chosen,
            paid_broadcast=paid_broadcast,
            concurrency=concurrency or max(8, math.ceil(chosen / 4)),
            batch_size=batch_size or min(1000, max(20, math.ceil(chosen * 2))),
            **changes,
        )


@dataclass
class SenderStats:
    """Counters since the sender was built; ``elapsed`` spans the first to the last send."""

    claimed: int = 0
    requests: int = 0
    sent: int = 0
    rate_limited: int = 0
    unreachable: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    deferred: int = 0
    db_errors: int = 0
    first_sent_at: float | None = None
    last_sent_at: float | None = None

    @property
    def elapsed(self) -> float:
        if self.first_sent_at is None or self.last_sent_at is None:
            return 0.0
        return self.last_sent_at - self.first_sent_at

    @property
    def send_rate(self) -> float:
        """Messages sent a second between the first and the last send."""
        return (self.sent - 1) / self.elapsed if self.elapsed > 0 else 0.0

    def copy(self) -> "SenderStats":
        return dataclasses.replace(self)


@dataclass(frozen=True, slots=True)
class DrainReport:
    """What one ``drain()`` did."""

    sent: int
    unreachable: int
    failed: int
    retried: int
    skipped: int
    deferred: int
    rate_limited: int

    @classmethod
    def between(cls, before: SenderStats, after: SenderStats) -> "DrainReport":
        return cls(
            sent=after.sent - before.sent,
            unreachable=after.unreachable - before.unreachable,
            failed=after.failed - before.failed,
            retried=after.retried - before.retried,
            skipped=after.skipped - before.skipped,
            deferred=after.deferred - before.deferred,
            rate_limited=after.rate_limited - before.rate_limited,
        )


# -------------------------------------------------------------------------------------------------
# One pass of work: what is held in memory between the claim and the record.


@dataclass(slots=True)
class _Item:
    id: int
    chat_id: int
    kind: NoticeKind
    attempts: int
    # The request body after the chat id (see Prepared).
    body: bytes


@dataclass
class _Pass:
    window: asyncio.Semaphore
    ready: deque[_Item] = field(default_factory=deque)
    # (loop time it may go, tie-breaker, item): waiting for its chat's turn or a 429's end.
    waiting: list[tuple[float, int, _Item]] = field(default_factory=list)
    in_flight: dict[int, _Item] = field(default_factory=dict)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    sent: list[int] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)
    blocked_chats: set[int] = field(default_factory=set)
    # One record at a time: a flush that finds the lists empty because the periodic flush has
    # just taken them must wait until that write is done, or a drain could report "recorded"
    # while the rows are still "sending" in the database.
    flushing: asyncio.Lock = field(default_factory=asyncio.Lock)
    # The last claim found nothing due; claim again only when woken or after idle_poll.
    dry: bool = False
    dry_epoch: int = -1
    order: Iterator[int] = field(default_factory=itertools.count)

    def held(self) -> int:
        return len(self.ready) + len(self.waiting)

    def hold(self, item: _Item, at: float) -> None:
        heapq.heappush(self.waiting, (at, next(self.order), item))

    def promote(self, now: float) -> None:
        while self.waiting and self.waiting[0][0] <= now:
            self.ready.append(heapq.heappop(self.waiting)[2])

    def claimed_ids(self) -> list[int]:
        return [
            *(item.id for item in self.ready),
            *(entry[2].id for entry in self.waiting),
            *self.in_flight,
        ]


class TelegramRefusedError(Exception):
    """Telegram did not take the message; ``code`` 0 when it never answered (a timeout, the
    network)."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after

    @property
    def chat_gone(self) -> bool:
        """403 (blocked, deactivated) or "chat not found": the recipient cannot be reached."""
        return self.code == 403 or (
            self.code == 400 and "chat not found" in self.description.lower()
        )

    @property
    def transient(self) -> bool:
        """Telegram or the way to it is down (5xx, or no answer at all): it will pass."""
        return self.code == 0 or self.code >= 500

    @property
    def final(self) -> bool:
        """A refusal of this message itself (400, 413): trying again would change nothing.
        Anything else (5xx, 401, 404, no answer) may pass."""
        return self.code in (400, 413) and not self.chat_gone


class TelegramPost:
    """``sendMessage`` with the bodies encoded in advance.

    The one hot path of the sender: aiogram's Bot would build and validate a request model
    and a response model for every message; here the JSON after the chat id is encoded once
    per notice and language, and the answer is only read for ``ok`` and the error. The bot's
    own session (connection pool, API server, token) and default parse mode are used.
    """

    def __init__(self, bot: Bot, *, paid_broadcast: bool, request_timeout: float) -> None:
        if not isinstance(bot.session, AiohttpSession):
            raise TypeError("the outbox sender needs a bot with an AiohttpSession")
        self._session = bot.session
        self._url = bot.session.api.api_url(token=bot.token, method="sendMessage")
        self._paid_broadcast = paid_broadcast
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        self._parse_mode = bot.default.parse_mode if bot.default else None

    def prepare(self, text: str, reply_markup: dict[str, Any] | None) -> bytes:
        fields: dict[str, Any] = {"text": text}
        if self._parse_mode:
            fields["parse_mode"] = self._parse_mode
        if reply_markup:
            fields["reply_markup"] = reply_markup
        if self._paid_broadcast:
            fields["allow_paid_broadcast"] = True
        encoded = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        return b"," + encoded[1:].encode()

    async def send(self, chat_id: int, body: bytes) -> None:
        http = await self._session.create_session()
        data = b'{"chat_id":' + str(chat_id).encode() + body
        try:
            async with http.post(
                self._url,
                data=data,
                headers=JSON_HEADERS,
                timeout=self._timeout,
            ) as response:
                raw = await response.read()
                status = response.status
        except (TimeoutError, aiohttp.ClientError) as error:
            detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            raise TelegramRefusedError(0, f"no answer ({detail})") from None
        try:
            answer = json.loads(raw)
        except ValueError:
            raise TelegramRefusedError(status or 0, f"unreadable answer ({status})") from None
        if status == 200 and isinstance(answer, dict) and answer.get("ok"):
            return
        if not isinstance(answer, dict):
            raise TelegramRefusedError(status, f"unreadable answer ({status})")
        parameters = answer.get("parameters") or {}
        retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
        raise TelegramRefusedError(
            int(answer.get("error_code") or status),
            str(answer.get("description") or status),
            int(retry_after) if isinstance(retry_after, int | float) else None,
        )


class OutboxSender:
    """``start()``/``stop()`` run it in the background (the app does, while polling);
    ``drain()`` sends everything due now and reports (tests, benchmarks); ``stats`` counts
    since it was built. ``bot`` lends its aiohttp session, API server, token and parse mode."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        bot: Bot,
        *,
        clock: Clock,
        tz: ZoneInfo,
        config: SenderConfig | None = None,
        wall: Callable[[], datetime] | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        """``wall``: this machine's clock, for a test of a wrong one (leases are measured on
        the database's clock, services/outbox.py). ``pacer``: the process's budget of
        messages a second, shared with the bot's replies (bot/app.py); its own by default."""
        self._queue = OutboxQueue(session_factory, wall=wall)
        self._clock = clock
        self._tz = tz
        self.config = config or SenderConfig.for_rate()
        self.stats = SenderStats()
        self.pacer: Pacer = pacer or AdaptivePacer(self.config.rate)
        self._chat_next: dict[int, float] = {}
        self._payloads: OrderedDict[int, dict[str, bytes]] = OrderedDict()
        self._post = TelegramPost(
            bot,
            paid_broadcast=self.config.paid_broadcast,
            request_timeout=self.config.request_timeout,
        )
        self._work_lock = asyncio.Lock()
        self._changed = asyncio.Event()
        self._woken = False
        self._stopping = False
        self._running = False
        self._task: asyncio.Task[None] | None = None
        self._epoch = 0
        self._drain_waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._retry_after_listeners: list[Callable[[float], None]] = []

    # --- control ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> asyncio.Task[None]:
        """Run in the background until ``stop()``."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self.run(), name="outbox-sender")
        return self._task

    async def stop(self) -> None:
        """End ``run()``: finish the requests in flight, give back the rows not yet sent,
        record everything. Waits for it when it was started with ``start()``."""
        self._stopping = True
        self._changed.set()
        task, self._task = self._task, None
        if task is not None:
            await task
        elif not self._running:
            self._stopping = False

    async def run(self) -> None:
        """Send whatever is due, then keep looking for more until ``stop()``."""
        async with self._work_lock:
            self._running = True
            log.info(
                "outbox sender started: %.0f/s%s, %d in flight",
                self.config.rate,
                " (paid broadcast)" if self.config.paid_broadcast else "",
                self.config.concurrency,
            )
            try:
                await self._work(until_idle=False)
            finally:
                self._running = False
                self._stopping = False
                self._fail_drain_waiters()
                log.info("outbox sender stopped: %s", self.stats)

    async def drain(self) -> DrainReport:
        """Send everything due now (and whatever a 429 holds back), record it, and report.

        Safe while ``run()`` works in the background: then it waits for that loop to find
        nothing more to do.
        """
        before = self.stats.copy()
        if self._running:
            self._epoch += 1
            waiter = asyncio.get_running_loop().create_future()
            self._drain_waiters.append((self._epoch, waiter))
            self.wake()
            await waiter
        else:
            async with self._work_lock:
                await self._work(until_idle=True)
        return DrainReport.between(before, self.stats)

    def on_retry_after(self, listener: Callable[[float], None]) -> None:
        """Call ``listener`` with each 429's retry_after, in seconds (bot/metrics.py)."""
        self._retry_after_listeners.append(listener)

    def wake(self) -> None:
        """Something was enqueued: look for it now rather than at the next poll."""
        self._woken = True
        self._changed.set()

    # --- the loop -----------------------------------------------------------------------------

    async def _work(self, *, until_idle: bool) -> None:
        work = _Pass(window=asyncio.Semaphore(self.config.concurrency))
        flusher = asyncio.create_task(self._flush_loop(work), name="outbox-flush")
        graceful = False
        try:
            await self._dispatch(work, until_idle=until_idle)
            graceful = True
        finally:
            await self._wind_down(work, flusher, graceful=graceful)

    async def _dispatch(self, work: _Pass, *, until_idle: bool) -> None:
        loop = asyncio.get_running_loop()
        feeding: asyncio.Task[int] | None = None
        feeding_epoch = 0
        try:
            while until_idle or not self._stopping:
                self._changed.clear()
                if self._woken:
                    self._woken = False
                    work.dry = False
                now = loop.time()
                work.promote(now)
                if feeding is not None and feeding.done():
                    claimed = feeding.result()
                    feeding = None
                    if claimed == 0:
                        work.dry, work.dry_epoch = True, feeding_epoch
                    continue
                if feeding is None and not work.dry and work.held() < self.config.batch_size:
                    feeding_epoch = self._epoch
                    feeding = asyncio.create_task(self._feed(work))
                    feeding.add_done_callback(lambda _: self._changed.set())
                if work.ready:
                    await self._send_next(work, loop)
                    continue
                if feeding is None and work.dry and not work.waiting and not work.tasks:
                    await self._flush(work)
                    self._settle_drain_waiters(work.dry_epoch)
                    if until_idle:
                        return
                    await self._nap(self.config.idle_poll)
                    work.dry = False
                    continue
                timeout = self.config.idle_poll
                if work.waiting:
                    timeout = min(timeout, max(0.0, work.waiting[0][0] - now))
                await self._nap(timeout)
        finally:
            if feeding is not None:
                # Let a claim under way finish: what it took is then held, and given back.
                with contextlib.suppress(Exception):
                    await feeding

    async def _nap(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), seconds)

    async def _send_next(self, work: _Pass, loop: asyncio.AbstractEventLoop) -> None:
        item = work.ready.popleft()
        turn = self._chat_next.get(item.chat_id, 0.0)
        now = loop.time()
        if turn > now:
            # Its chat's turn has not come, or a message to it is still on the way.
            work.hold(item, turn if turn < math.inf else now + self.config.chat_interval)
            return
        # A place in the window first, then the slot: a slot taken while the window is full
        # would be spent later, in a clump with the ones after it.
        await work.window.acquire()
        slot = await self.pacer.acquire()
        now = loop.time()
        # The next message to this chat leaves a full interval after this one is answered:
        # so it cannot reach Telegram less than an interval after this one, whatever the
        # network does to either of them.
        self._chat_next[item.chat_id] = math.inf
        if len(self._chat_next) > 50_000:
            self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}
        work.in_flight[item.id] = item
        task = asyncio.create_task(self._deliver(work, item, slot))
        work.tasks.add(task)
        task.add_done_callback(work.tasks.discard)

    async def _wind_down(
        self, work: _Pass, flusher: asyncio.Task[None], *, graceful: bool
    ) -> None:
        """Finish or abandon what is in flight, give back what was held, record everything."""
        if work.tasks:
            if graceful:
                await asyncio.wait(set(work.tasks), timeout=self.config.request_timeout + 5)
            # Left in flight: its row stays claimed and is sent again when the lease runs out
            # (it may or may not have reached Telegram, so it may be one of the duplicates).
            for task in list(work.tasks):
                task.cancel()
            await asyncio.gather(*work.tasks, return_exceptions=True)
        now = self._clock.now()
        held = [*work.ready, *(entry[2] for entry in work.waiting)]
        work.ready.clear()
        work.waiting.clear()
        for item in held:
            work.outcomes.append(RowOutcome(item.id, OutboxStatus.PENDING, False, now))
        flusher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await flusher
        for _ in range(3):
            if await self._flush(work):
                break
            await asyncio.sleep(self.config.db_retry)

    # --- claiming -----------------------------------------------------------------------------

    async def _feed(self, work: _Pass) -> int:
        """Claim a batch and plan it; the number of rows claimed (-1 when the database failed)."""
        try:
            claimed, payloads, settings = await self._claim(self.config.batch_size)
        except (SQLAlchemyError, OSError) as error:
            self.stats.db_errors += 1
            log.warning("outbox claim failed, retrying: %s", error)
            await asyncio.sleep(self.config.db_retry)
            return -1
        self.stats.claimed += len(claimed)
        self._plan(work, claimed, payloads, settings)
        return len(claimed)

    async def _claim(self, limit: int) -> tuple[list[ClaimedRow], dict[int, str], RecipientStates]:
        now = self._clock.now()
        claim = await self._queue.claim(
            now, self.config.lease, limit, known_payloads=self._payloads.keys()
        )
        return claim.rows, claim.bodies, claim.recipients

    def _plan(
        self,
        work: _Pass,
        claimed: Sequence[ClaimedRow],
        bodies: dict[int, str],
        settings: RecipientStates,
    ) -> None:
        # Every row's payload is found before the cache changes: the bodies this claim loaded
        # join the cache (and push old ones out) only afterwards, so a batch never loses a
        # payload it needs, however many it holds. Filling the cache first once pushed out
        # payloads the claim had counted on (a notice held back by quiet hours or a retry),
        # and their rows failed with "payload missing".
        prepared = {payload_id: self._prepare(stored) for payload_id, stored in bodies.items()}
        batch: dict[int, dict[str, bytes]] = {}
        for payload_id in {row.payload_id for row in claimed}:
            versions = prepared.get(payload_id) or self._payloads.get(payload_id)
            if versions:
                batch[payload_id] = versions
        self._remember(batch)
        now = self._clock.now()
        for row in claimed:
            active, preferences = settings.get(row.chat_id, (True, None))
            if not active:
                # Telegram told us before that this person blocked the bot.
                self.stats.unreachable += 1
                work.outcomes.append(
                    RowOutcome(row.id, OutboxStatus.UNREACHABLE, False, error="user inactive")
                )
                continue
            verdict = decide(preferences, row.kind, urgent=row.urgent, now=now, tz=self._tz)
            if verdict.decision is Decision.SKIP:
                self.stats.skipped += 1
                work.outcomes.append(RowOutcome(row.id, OutboxStatus.SKIPPED, False))
                continue
            if verdict.decision is Decision.DEFER:
                self.stats.deferred += 1
                work.outcomes.append(
                    RowOutcome(row.id, OutboxStatus.PENDING, False, verdict.until)
                )
                continue
            versions = batch.get(row.payload_id)
            if versions is None:
                # The claim found no payload row for it in the database: nothing to send.
                self.stats.failed += 1
                work.outcomes.append(
                    RowOutcome(row.id, OutboxStatus.FAILED, False, error="payload missing")
                )
                continue
            # The recipient's language; a notice rendered without it falls back to any other.
            body = versions.get(row.locale) or next(iter(versions.values()))
            work.ready.append(_Item(row.id, row.chat_id, row.kind, row.attempts, body))

    def _prepare(self, stored: str) -> dict[str, bytes]:
        # Encoded once per language, not once per recipient: a broadcast's requests differ
        # only in the chat id.
        return {
            locale: self._post.prepare(rendered["text"], rendered.get("reply_markup"))
            for locale, rendered in json.loads(stored).items()
        }

    def _remember(self, batch: dict[int, dict[str, bytes]]) -> None:
        """Keep the batch's payloads as the most recently used, the least recently used ones
        going first past PAYLOAD_CACHE: the next claim loads only those it does not know."""
        for payload_id, versions in batch.items():
            self._payloads[payload_id] = versions
            self._payloads.move_to_end(payload_id)
        while len(self._payloads) > PAYLOAD_CACHE:
            self._payloads.popitem(last=False)

    # --- sending ------------------------------------------------------------------------------

    async def _deliver(self, work: _Pass, item: _Item, slot: Slot) -> None:
        self.stats.requests += 1
        try:
            try:
                await self._post.send(item.chat_id, item.body)
            finally:
                work.window.release()
                work.in_flight.pop(item.id, None)
                answered = asyncio.get_running_loop().time()
                self._chat_next[item.chat_id] = answered + self.config.chat_interval
        except TelegramRefusedError as error:
            if error.retry_after is not None:
                # Flood control: this message (and its chat) waits retry_after, then goes
                # again (never dropped, and not counted as an attempt); the pacer lowers the
                # rate of everything else (scheduler/sender/pacer.py).
                self.stats.rate_limited += 1
                for listener in self._retry_after_listeners:
                    listener(error.retry_after)
                self.pacer.refused(slot, error.retry_after)
                resume = answered + error.retry_after
                self._chat_next[item.chat_id] = max(self._chat_next[item.chat_id], resume)
                work.hold(item, resume)
            elif error.chat_gone:
                self._unreachable(work, item, error.description)
            elif error.final:
                self.stats.failed += 1
                work.outcomes.append(
                    RowOutcome(item.id, OutboxStatus.FAILED, True, None, _short(error.description))
                )
            else:
                # 5xx, a timeout, the network, or another refusal that may pass: later.
                self._back_off(work, item, error.description, transient=error.transient)
        except Exception as error:
            # An answer we cannot read, or a bug: the row must not stay claimed forever.
            log.exception("sending outbox message %d failed", item.id)
            self._back_off(work, item, f"{type(error).__name__}: {error}", transient=False)
        else:
            self.stats.sent += 1
            sent_at = asyncio.get_running_loop().time()
            if self.stats.first_sent_at is None:
                self.stats.first_sent_at = sent_at
            self.stats.last_sent_at = sent_at
            work.sent.append(item.id)
        finally:
            self._changed.set()

    def _unreachable(self, work: _Pass, item: _Item, message: str) -> None:
        self.stats.unreachable += 1
        work.blocked_chats.add(item.chat_id)
        work.outcomes.append(
            RowOutcome(item.id, OutboxStatus.UNREACHABLE, True, None, _short(message))
        )

    def _back_off(self, work: _Pass, item: _Item, error: str, *, transient: bool) -> None:
        """Try again later. Telegram or the network being down (``transient``) never uses up
        a notice: it is tried until it goes out or stops making sense (the claim drops it as
        stale), at most ``backoff_max`` apart, so it leaves soon after an outage of any length.
        Anything else is given up after ``max_attempts``."""
        attempts = item.attempts + 1
        if not transient and attempts >= self.config.max_attempts:
            self.stats.failed += 1
            work.outcomes.append(
                RowOutcome(item.id, OutboxStatus.FAILED, True, None, _short(error))
            )
            return
        self.stats.retried += 1
        # The exponent is capped too: after a long outage ``attempts`` is large.
        delay = min(self.config.backoff_max, self.config.backoff_base * 2 ** min(attempts - 1, 16))
        work.outcomes.append(
            RowOutcome(
                item.id, OutboxStatus.PENDING, True, self._clock.now() + delay, _short(error)
            )
        )

    # --- recording ----------------------------------------------------------------------------

    async def _flush_loop(self, work: _Pass) -> None:
        loop = asyncio.get_running_loop()
        renew_every = self.config.lease.total_seconds() / 3
        renewed = loop.time()
        while True:
            await asyncio.sleep(self.config.flush_interval)
            await self._flush(work)
            if loop.time() - renewed >= renew_every:
                renewed = loop.time()
                await self._renew(work.claimed_ids())

    async def _flush(self, work: _Pass) -> bool:
        """Write the outcomes gathered so far; on a database error keep them for the next
        try. True when everything is written."""
        async with work.flushing:
            return await self._flush_now(work)

    async def _flush_now(self, work: _Pass) -> bool:
        sent, work.sent = work.sent, []
        outcomes, work.outcomes = work.outcomes, []
        blocked, work.blocked_chats = work.blocked_chats, set()
        if not (sent or outcomes or blocked):
            return True
        try:
            await self._write(sent, outcomes, blocked)
        except BaseException as error:
            # Not written (a database error, or cancelled on the way): keep it for the next try.
            work.sent[:0] = sent
            work.outcomes[:0] = outcomes
            work.blocked_chats |= blocked
            if not isinstance(error, SQLAlchemyError | OSError):
                raise
            self.stats.db_errors += 1
            log.warning(
                "outbox record failed, %d outcomes kept: %s", len(sent) + len(outcomes), error
            )
            return False
        return True

    async def _write(self, sent: list[int], outcomes: list[RowOutcome], blocked: set[int]) -> None:
        await self._queue.record(self._clock.now(), sent, outcomes, blocked)

    async def _renew(self, ids: list[int]) -> None:
        """Extend the claim on rows still held, so no other instance takes them."""
        if not ids:
            return
        try:
            await self._queue.renew(ids, self._clock.now(), self.config.lease)
        except (SQLAlchemyError, OSError) as error:
            self.stats.db_errors += 1
            log.warning("outbox lease renewal failed: %s", error)

    # --- drain waiters ------------------------------------------------------------------------

    def _settle_drain_waiters(self, epoch: int) -> None:
        keep: list[tuple[int, asyncio.Future[None]]] = []
        for wanted, waiter in self._drain_waiters:
            if wanted <= epoch:
                if not waiter.done():
                    waiter.set_result(None)
            else:
                keep.append((wanted, waiter))
        self._drain_waiters = keep

    def _fail_drain_waiters(self) -> None:
        for _, waiter in self._drain_waiters:
            if not waiter.done():
                waiter.set_exception(RuntimeError("the outbox sender stopped before draining"))
        self._drain_waiters = []


def _short(error: str) -> str:
    return error[:MAX_ERROR_LENGTH]


__all__ = [
    "CHAT_INTERVAL",
    "PAID_BROADCAST_RATE",
    "REGULAR_RATE",
    "DrainReport",
    "OutboxSender",
    "SenderConfig",
    "SenderStats",
]
