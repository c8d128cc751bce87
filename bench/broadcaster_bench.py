"""The same fan-out through a published library: aiogram-broadcaster 0.6.8, on the emulator.

    .venv/bin/pip install -e '.[bench]'        # the library is a benchmark-only extra
    .venv/bin/python bench/broadcaster_bench.py [--limit 30,1000] [--quick] [--max-seconds 90]

N chats, one message each (N = a minute's worth at the limit: 1,800 at 30/s, 60,000 at
1000/s; --quick: 10 seconds' worth), through an aiogram Bot pointed at the emulator (its own
process, bench/fanout.py: 50 ms on every answer, flood control on). Three ways to use the
library, each against a fresh emulator:

- "1 mailer": as its README and examples do, `broadcaster.create_mailer(chats=...,
  content=TextContent(...))` and `mailer.start()`, no interval. A mailer sends one message,
  waits for Telegram's answer, then sends the next, so it cannot exceed one message per round
  trip (about 20/s here) and never trips the limit.
- "K mailers": the library's "multiple parallel mailings", hand-tuned: the chats split into
  K = limit × round trip mailers started together (2 at 30/s, 50 at 1000/s), which is what
  it takes to reach the limit at all. Each is still blind to the others, so together they
  overshoot and meet 429s.
- "1 mailer, FileStorage": the first, with the library's storage (what lets a restarted bot
  resume a mailing: `restore_mailers` on startup). After every message the mailer writes its
  whole record back, the ids of all chats, pending, failed and done.

Both with the library's own retry-after handler (aiogram_broadcaster.utils.retry_after_handler:
on a 429 the mailer sleeps retry_after and sends that chat once more). At 1000/s the library
asks with `allow_paid_broadcast=True`. A run still going after --max-seconds is stopped and
reported with how long the whole fan-out would take at its rate. sender_bench.py prints these
runs beside the outbox sender's.
"""

import argparse
import asyncio
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from fanout import (
    BOT_TOKEN,
    ROUND_TRIP_MS,
    TEXT,
    FanoutResult,
    Limits,
    emulator,
    fanout_size,
    load_note,
    print_table,
)
from machine import machine

try:
    from aiogram_broadcaster import Broadcaster
    from aiogram_broadcaster.contents import TextContent
    from aiogram_broadcaster.storages import FileStorage
    from aiogram_broadcaster.utils.retry_after_handler import setup_retry_after_handler
except ImportError:  # pragma: no cover - a benchmark-only extra
    raise SystemExit(
        "aiogram-broadcaster is a benchmark-only dependency: .venv/bin/pip install -e '.[bench]'"
    ) from None

FIRST_CHAT = 20_000_000


async def run_library(
    limit: float, chats: int, mailers: int, max_seconds: float, *, durable: bool = False
) -> FanoutResult:
    """One fan-out of `chats` messages through `mailers` parallel mailers; `durable`: with
    the library's FileStorage, so that a restarted bot could resume the mailing."""
    chat_ids = range(FIRST_CHAT, FIRST_CHAT + chats)
    limits = Limits(limit)
    with tempfile.TemporaryDirectory(prefix="kezdesu-bench-") as directory:
        storage = FileStorage(Path(directory) / "mailers.json") if durable else None
        return await _run_library(limits, chat_ids, mailers, max_seconds, storage)


async def _run_library(
    limits: Limits,
    chat_ids: range,
    mailers: int,
    max_seconds: float,
    storage: FileStorage | None,
) -> FanoutResult:
    chats = len(chat_ids)
    async with emulator(limits, chat_ids) as emu:
        bot = Bot(
            BOT_TOKEN,
            session=AiohttpSession(api=TelegramAPIServer.from_base(emu.url)),
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )
        try:
            broadcaster = Broadcaster(bot, storage=storage)
            if storage is not None:
                await storage.startup()
            setup_retry_after_handler(broadcaster.event)
            content = TextContent(text=TEXT, allow_paid_broadcast=True if limits.paid else None)
            ids = list(chat_ids)
            group = [
                await broadcaster.create_mailer(chats=ids[i::mailers], content=content)
                for i in range(mailers)
            ]
            emulator_cpu = emu.cpu_seconds()
            cpu, started, started_at = time.process_time(), time.perf_counter(), time.time()
            tasks = [mailer.start() for mailer in group]
            _, pending = await asyncio.wait(tasks, timeout=max_seconds)
            for mailer in group:
                if mailer.can_stopped:
                    await mailer.stop()
            if pending:
                await asyncio.wait(pending)
            wall = time.perf_counter() - started
            cpu = time.process_time() - cpu
            emulator_cpu = emu.cpu_seconds() - emulator_cpu
            log, stats = await emu.sends(), await emu.stats()
        finally:
            await bot.session.close()
    failed = sum(len(mailer.chats.failed) for mailer in group)
    how = "1 mailer" if mailers == 1 else f"{mailers} mailers"
    return FanoutResult(
        name=f"broadcaster: {how}{' + file' if storage else ''}",
        limit=limits.limit,
        planned=chats,
        chats=chats,
        log=log,
        stats=stats,
        wall_seconds=wall,
        sender_cpu_seconds=cpu,
        emulator_cpu_seconds=emulator_cpu,
        finished=not pending,
        failed=failed,
        # No queue before the mailing: the wait of each message counts from its start.
        latencies_ms=[(at - started_at) * 1000 for at in log.at],
        notes=[f"{failed} chats in the library's own 'failed' set"] if failed else [],
    )


def parallel_mailers(limit: float) -> int:
    """How many one-at-a-time mailers it takes to reach `limit` at this round trip."""
    return max(2, math.ceil(limit * ROUND_TRIP_MS / 1000))


async def library_runs(
    limits: list[float], quick: bool, max_seconds: float
) -> dict[float, list[FanoutResult]]:
    results: dict[float, list[FanoutResult]] = {}
    for limit in limits:
        chats = fanout_size(limit, quick)
        for mailers, durable in ((1, False), (parallel_mailers(limit), False), (1, True)):
            result = await run_library(limit, chats, mailers, max_seconds, durable=durable)
            results.setdefault(limit, []).append(result)
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--limit", default="30,1000", help="global limits, comma separated")
    parser.add_argument("--quick", action="store_true", help="10 seconds' worth, not 60")
    parser.add_argument("--max-seconds", type=float, default=90.0, help="cap per run")
    args = parser.parse_args(argv)
    args.limits = [float(part) for part in args.limit.split(",") if part.strip()]
    return args


async def main(args: argparse.Namespace) -> None:
    print(f"Machine: {machine()}; {load_note()}")
    print(f"Emulator: {ROUND_TRIP_MS} ms on every answer, flood control on.")
    print("broadcaster = aiogram-broadcaster 0.6.8, driven as bench/broadcaster_bench.py says.")
    for limit, results in (await library_runs(args.limits, args.quick, args.max_seconds)).items():
        print(f"\nGlobal limit {limit:g} messages/s")
        print_table(results)
    print(f"\nAfter: {load_note()}")


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
