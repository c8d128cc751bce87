"""The outbox sender against Telegram's limits, beside a published broadcast library.

    .venv/bin/pip install -e '.[bench]'     # aiogram-broadcaster, a benchmark-only extra
    .venv/bin/python bench/sender_bench.py [--limit 30,1000] [--burst 0.1,1] [--quick]
                                           [--no-library] [--no-pacing] [--no-personal]
                                           [--postgres URL] [--max-seconds 150]
                                           [--shared-bucket N] [--redis URL]

Against the emulator (bench/fanout.py: its own process, 50 ms on every answer, flood control
on), at a 30/s limit and at 1000/s (paid broadcasts: the sender asks with
`allow_paid_broadcast`, the emulator's paid bucket allows 1000/s), each with the emulator's
global bucket holding a tenth of a second's worth and a whole second's (`--burst`; Telegram
publishes its rates, not its bursts, and the sender is not told which it meets):

- fan-out: N citizens (a minute's worth at the limit: 1,800 and 60,000; --quick: ten
  seconds' worth), one message each, enqueued in one transaction through Outbox.notify on a
  scratch PostgreSQL database while the sender (scheduler/sender/, in its own process,
  configured by SenderConfig.for_rate as the bot configures it) waits; then it sends until
  the emulator has them all.
- per-chat pacing (at 30/s): ten notices to each of 100 chats, so that what holds the sender
  back is Telegram's one message a second per chat, not the global limit.
- personal notices (at the highest limit): ten seconds' worth of citizens, each with a
  notice of its own (an answer, a duty reminder), so the sender meets far more payloads than
  it keeps encoded; every row must be sent, none failed.
- the same fan-outs through aiogram-broadcaster 0.6.8 (bench/broadcaster_bench.py), printed
  side by side.

Figures per run: the sustained rate (accepted sends between the first and the last, as the
emulator saw them) and its fraction of the limit, the 429 answers and their share of the
requests, per-chat violations (429s from the per-chat bucket), messages lost or sent twice,
the enqueue → sent latency (the commit of the enqueue to the sender's record of the send), CPU
of the sender's and of the emulator's process, and the sender's peak RSS.
"""

import argparse
import asyncio
import os
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from broadcaster_bench import library_runs
from fanout import (
    ALMATY,
    DEFAULT_POSTGRES,
    LOCALES,
    REGULAR_LIMIT,
    ROUND_TRIP_MS,
    TEXT,
    FanoutResult,
    Limits,
    add_citizens,
    emulator,
    fanout_size,
    load_note,
    prepare_database,
    print_table,
    sender_processes,
)
from machine import machine
from sqlalchemy import func, select

from locales import Text, Translator
from scheduler.sender.outbox_sender import PAYLOAD_CACHE
from services.clock import SystemClock
from services.notices import Notice
from services.outbox import Outbox, OutgoingMessage, Recipient
from storage.db import create_engine, create_session_factory
from storage.models import NoticeKind, OutboxMessage, OutboxStatus
from storage.scratch import scratch_postgres_database

FIRST_CHAT = 10_000_000


@dataclass(frozen=True, slots=True)
class BenchNotice(Notice):
    """The bench's own notice: the same short text, numbered."""

    number: int
    kind = NoticeKind.BROADCAST

    @property
    def key(self) -> str:
        return f"bench:{self.number}"


class BenchRenderers:
    def renders(self, kind: type[Notice]) -> bool:
        return True

    def render(self, notice: Notice, t: Text) -> OutgoingMessage:
        return OutgoingMessage(TEXT)


async def run_outbox(
    name: str,
    limits: Limits,
    chats: int,
    per_chat: int,
    postgres_url: str,
    max_seconds: float,
    *,
    gc_freeze: bool = True,
    personal: bool = False,
    senders: int = 1,
    redis_url: str | None = None,
) -> FanoutResult:
    """`per_chat` notices to each of `chats` citizens through the outbox and its sender;
    ``personal``: instead, a notice of its own to each citizen (answers, duty reminders), so
    every row has a payload of its own, far more than the sender keeps encoded.
    ``senders``: that many sender processes on the one outbox, each told the whole rate, as
    several instances of the bot run theirs; ``redis_url``: their sending bucket is one in
    Redis (scheduler/sender/shared_pacer.py), else each paces alone."""
    chat_ids = range(FIRST_CHAT, FIRST_CHAT + chats)
    planned = chats * per_chat
    async with scratch_postgres_database(postgres_url, prefix="kezdesu_bench") as url:
        await prepare_database(url)
        engine = create_engine(url)
        try:
            sessions = create_session_factory(engine)
            await add_citizens(engine, chat_ids)
            outbox = Outbox(SystemClock(), Translator(), ALMATY, BenchRenderers())
            recipients = [Recipient(chat, LOCALES[chat % len(LOCALES)]) for chat in chat_ids]
            bucket = (redis_url, f"bench-{uuid.uuid4().hex[:8]}:pacer") if redis_url else None
            async with (
                emulator(limits, chat_ids) as emu,
                sender_processes(
                    url, emu.url, limits, count=senders, gc_freeze=gc_freeze, redis=bucket
                ) as processes,
            ):

                def senders_cpu() -> float:
                    return sum(process.cpu_seconds() for process in processes)

                sender_cpu, emulator_cpu = senders_cpu(), emu.cpu_seconds()
                started = time.perf_counter()
                async with sessions() as session:
                    if personal:
                        for recipient in recipients:
                            notice = BenchNotice(recipient.chat_id)
                            await outbox.notify(session, notice, [recipient])
                    else:
                        for number in range(per_chat):
                            await outbox.notify(session, BenchNotice(number), recipients)
                    await session.commit()
                enqueued_at = time.time()
                finished = await emu.until_sent(planned, max_seconds)
                wall = time.perf_counter() - started
                sender_cpu = senders_cpu() - sender_cpu
                emulator_cpu = emu.cpu_seconds() - emulator_cpu
                log, stats = await emu.sends(), await emu.stats()
                samples = [sample for process in processes for sample in process.rss_samples]
                reports = [await process.stop() for process in processes]
                report = reports[0]
            async with sessions() as session:
                counts = dict(
                    (
                        await session.execute(
                            select(OutboxMessage.status, func.count()).group_by(
                                OutboxMessage.status
                            )
                        )
                    ).all()
                )
                sent_at = (
                    await session.scalars(
                        select(OutboxMessage.sent_at).where(
                            OutboxMessage.status == OutboxStatus.SENT
                        )
                    )
                ).all()
        finally:
            await engine.dispose()
    given_up = counts.get(OutboxStatus.FAILED, 0) + counts.get(OutboxStatus.UNREACHABLE, 0)
    notes = [
        f"outbox rows: {', '.join(f'{s.value} {n}' for s, n in sorted(counts.items()))}; "
        f"sender: {report['concurrency']} in flight, batches of {report['batch_size']}, "
        f"{sum(r['stats']['rate_limited'] for r in reports)} 429s seen"
        + (f" by {senders} senders" if senders > 1 else ""),
        *(
            "pacer: " + ", ".join(f"{key} {value:g}" for key, value in r["pacer"].items())
            for r in reports
        ),
    ]
    return FanoutResult(
        name=name,
        limit=limits.limit,
        planned=planned,
        chats=chats,
        log=log,
        stats=stats,
        wall_seconds=wall,
        sender_cpu_seconds=sender_cpu,
        emulator_cpu_seconds=emulator_cpu,
        finished=finished,
        failed=given_up,
        latencies_ms=[
            (moment.timestamp() - enqueued_at) * 1000
            for moment in sent_at
            if isinstance(moment, datetime)
        ],
        peak_rss_mb=max((r["peak_rss_mb"] or 0.0 for r in reports), default=0.0)
        or max((mb for _, mb in samples), default=None),
        notes=notes,
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--limit", default="30,1000", help="global limits, comma separated")
    parser.add_argument("--quick", action="store_true", help="10 seconds' worth, not 60")
    parser.add_argument("--no-library", action="store_true", help="skip aiogram-broadcaster")
    parser.add_argument("--no-pacing", action="store_true", help="skip the per-chat scenario")
    parser.add_argument(
        "--shared-bucket",
        type=int,
        default=0,
        metavar="N",
        help="also N senders on one outbox, each told the whole rate: their sending budget "
        "one bucket in Redis (--redis), then each pacing alone",
    )
    parser.add_argument(
        "--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument(
        "--no-personal", action="store_true", help="skip the one-notice-per-person scenario"
    )
    parser.add_argument(
        "--burst",
        default="0.1,1",
        help="the emulator's global (and paid) bucket, in seconds' worth, comma separated; "
        "each fan-out runs at each (the sender is never told)",
    )
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server for scratch DBs")
    parser.add_argument("--max-seconds", type=float, default=150.0, help="cap per run")
    parser.add_argument(
        "--no-sender-gc-freeze",
        dest="sender_gc_freeze",
        action="store_false",
        help="leave out what the bot does to the garbage collector at start-up (bot/memory.py: "
        "gc.freeze() and a higher young threshold), to see what it is worth",
    )
    args = parser.parse_args(argv)
    args.limits = [float(part) for part in args.limit.split(",") if part.strip()]
    args.bursts = [float(part) for part in args.burst.split(",") if part.strip()]
    return args


async def main(args: argparse.Namespace) -> None:
    print(f"Machine: {machine()}")
    print(f"Before: {load_note()}")
    print(f"Emulator: {ROUND_TRIP_MS} ms on every answer, flood control on.")
    print("broadcaster = aiogram-broadcaster 0.6.8, driven as bench/broadcaster_bench.py says.")
    library = (
        {}
        if args.no_library
        else await library_runs(args.limits, args.quick, min(args.max_seconds, 90.0))
    )
    name = "outbox sender" + ("" if args.sender_gc_freeze else " (no gc.freeze)")
    bursts: list[FanoutResult] = []
    for limit in args.limits:
        chats = fanout_size(limit, args.quick)
        runs: list[FanoutResult] = []
        for burst in args.bursts:
            runs.append(
                await run_outbox(
                    f"{name}, burst {burst:g} s",
                    Limits(limit, burst_seconds=burst),
                    chats,
                    1,
                    args.postgres,
                    args.max_seconds,
                    gc_freeze=args.sender_gc_freeze,
                )
            )
        bursts.extend(runs)
        print(f"\nFan-out at {limit:g} messages/s: {chats} chats, one message each")
        print_table([*runs, *library.get(limit, [])])
    if len(args.bursts) > 1 or len(args.limits) > 1:
        print("\nThe sender against an unknown burst: every fan-out above, side by side")
        print_table(bursts)
    if args.shared_bucket > 1:
        count = args.shared_bucket
        shared: list[FanoutResult] = []
        for limit in args.limits:
            chats = fanout_size(limit, args.quick)
            for burst in args.bursts:
                for redis_url in (args.redis, None):
                    how = "one bucket in Redis" if redis_url else "each pacing alone"
                    shared.append(
                        await run_outbox(
                            f"{count} senders, {how}, burst {burst:g} s",
                            Limits(limit, burst_seconds=burst),
                            chats,
                            1,
                            args.postgres,
                            args.max_seconds,
                            gc_freeze=args.sender_gc_freeze,
                            senders=count,
                            redis_url=redis_url,
                        )
                    )
        print(f"\n{count} senders on one outbox (several instances), each told the whole rate")
        print_table(shared)
    if not args.no_personal:
        limit = max(args.limits)
        chats = fanout_size(limit, True)
        personal = await run_outbox(
            name,
            Limits(limit),
            chats,
            1,
            args.postgres,
            args.max_seconds,
            gc_freeze=args.sender_gc_freeze,
            personal=True,
        )
        print(
            f"\nPersonal notices at {limit:g}/s: {chats} chats, a notice of its own to each "
            f"({chats} payloads; the sender keeps {PAYLOAD_CACHE} encoded)"
        )
        print_table([personal])
    if not args.no_pacing:
        chats, per_chat = (30, 5) if args.quick else (100, 10)
        pacing = await run_outbox(
            name,
            Limits(REGULAR_LIMIT),
            chats,
            per_chat,
            args.postgres,
            args.max_seconds,
            gc_freeze=args.sender_gc_freeze,
        )
        print(f"\nPer-chat pacing at {REGULAR_LIMIT:g}/s: {per_chat} messages to each of {chats}")
        print_table([pacing])
    print(f"\nAfter: {load_note()}")


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
