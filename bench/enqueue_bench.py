"""Announcing a meeting to a million people: the outbox enqueue on PostgreSQL, then the
sender's memory while it works through them.

    .venv/bin/python bench/enqueue_bench.py [--recipients 1000000] [--drain 20000]
                                            [--drain-limit 1000] [--postgres URL]

On a scratch PostgreSQL database (created beside the one TEST_DATABASE_URL names, dropped
afterwards): migrations, the sample classifier, and N citizens with consent, each following a
village of the Жаңаарқа district (written with COPY: setting up is not what is measured), and
a draft meeting of the district's akim for the whole district.

Measured: `LifecycleService.announce(meeting, admin)`, what the admin's
"Announce" button runs: the meeting turns announced and the card, rendered once per language,
is enqueued for everyone who hears of it (Outbox.notify with a query: one INSERT … SELECT, nothing
loaded into Python), in one transaction. Printed: seconds, rows a second, and the outbox's
size on disk.

Then the sender (scheduler/sender/, its own process, as the bot configures it) sends
the first `--drain` of them at the paid-broadcast rate to the emulator (bench/fanout.py: 50 ms
on every answer, flood control on), with a million rows waiting: its resident memory is
sampled from outside ten times a second. Memory flat whatever the audience means the peak
while sending stays near the sender's size at rest.
"""

import argparse
import asyncio
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fanout import (
    ALMATY,
    DEFAULT_POSTGRES,
    ROUND_TRIP_MS,
    Limits,
    add_citizens,
    emulator,
    load_note,
    prepare_database,
    sender_process,
)
from machine import machine
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from handlers.notices import notice_renderers
from locales import Translator
from services.clock import SystemClock
from services.container import Services
from services.meetings import MeetingService
from storage.db import create_engine, create_session_factory
from storage.models import OutboxMessage, OutboxStatus
from storage.scratch import scratch_postgres_database

FIRST_CHAT = 10_000_000
ADMIN_ID = 900001
# Жаңаарқа district: its akim meets the people of the whole district in the settlement of
# Жаңаарқа; the citizens follow villages inside it (bench/fanout.py), so all of them hear of it.
DISTRICT, VENUE = "623600000", "623630100"


def bot_services(sessions: async_sessionmaker[AsyncSession]) -> Services:
    """As the bot builds them (bot/app.py), with the notices' renderers."""
    return Services.create(
        session_factory=sessions,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=SystemClock(),
        tz=ALMATY,
        profile=str(Settings.model_fields["regulation_profile"].default),
        admin_ids=frozenset({ADMIN_ID}),
        default_locale="kk",
    )


async def create_meeting(meetings: MeetingService) -> int:
    """A draft meeting for the whole district, ten days ahead at 15:00."""
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
    return meeting.id


def rss_at(samples: list[tuple[float, float]], fraction: float) -> float:
    return samples[min(len(samples) - 1, int(fraction * (len(samples) - 1)))][1]


async def main(args: argparse.Namespace) -> None:
    print(f"Machine: {machine()}")
    print(f"Before: {load_note()}")
    chat_ids = range(FIRST_CHAT, FIRST_CHAT + args.recipients)
    async with scratch_postgres_database(args.postgres, prefix="kezdesu_bench") as url:
        await prepare_database(url)
        engine = create_engine(url)
        try:
            sessions = create_session_factory(engine)
            started = time.perf_counter()
            await add_citizens(engine, chat_ids)
            setup = time.perf_counter() - started
            print(f"\nSetup: {args.recipients} citizens following villages (COPY), {setup:.1f} s")

            services = bot_services(sessions)
            meeting_id = await create_meeting(services.meetings)
            started = time.perf_counter()
            result = await services.lifecycle.announce(meeting_id, ADMIN_ID)
            seconds = time.perf_counter() - started
            async with sessions() as session:
                rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
                size = await session.scalar(
                    text("SELECT pg_total_relation_size('outbox_messages')")
                )
            print(f"\nAnnounce (enqueue for the whole audience, one transaction), {load_note()}")
            print(f"  recipients enqueued       {result.enqueued} ({rows} outbox rows)")
            print(f"  time                      {seconds:.1f} s (aim: under 60 s)")
            print(f"  rows per second           {result.enqueued / seconds:,.0f}")
            print(
                f"  outbox on disk            {int(size or 0) / 2**20:.0f} MB with its indexes "
                f"({int(size or 0) / max(1, rows or 0):.0f} bytes a row)"
            )
            sys.stdout.flush()

            limits = Limits(args.drain_limit)
            async with (
                emulator(limits, chat_ids) as emu,
                sender_process(url, emu.url, limits) as sender,
            ):
                # The sender is at rest until the first claim: its size before work.
                rest = sender.ps.memory_info().rss / 2**20
                begun = time.perf_counter()
                await emu.until_sent(args.drain)
                wall = time.perf_counter() - begun
                samples = list(sender.rss_samples)
                report = await sender.stop()
                log = await emu.sends()  # with what was in flight when it stopped
            async with sessions() as session:
                sent = await session.scalar(
                    select(func.count()).where(OutboxMessage.status == OutboxStatus.SENT)
                )
        finally:
            await engine.dispose()
    span = max(log.at) - min(log.at) if len(log.at) > 1 else 0.0
    rate = (len(log.at) - 1) / span if span else 0.0
    print(
        f"\nSender draining {args.drain} of them at {limits.limit:g}/s "
        f"(emulator: {ROUND_TRIP_MS} ms a round trip), {load_note()}"
    )
    print(
        f"  sent                      {len(log.at)} ({sent} recorded in the outbox) "
        f"in {wall:.1f} s, {rate:.0f}/s"
    )
    print(f"  RSS at rest               {rest:.0f} MB")
    print(
        "  RSS at 25/50/75/100 %     "
        + " / ".join(f"{rss_at(samples, f):.0f}" for f in (0.25, 0.5, 0.75, 1.0))
        + " MB"
    )
    peak = report["peak_rss_mb"] or max(mb for _, mb in samples)
    print(f"  peak RSS (VmHWM)          {peak:.0f} MB")
    print(f"\nAfter: {load_note()}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--drain", type=int, default=20_000, help="messages the sender sends")
    parser.add_argument("--drain-limit", type=float, default=1000.0, help="its rate limit")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server for scratch DBs")
    args = parser.parse_args(argv)
    if args.recipients < 1 or not 0 < args.drain <= args.recipients:
        parser.error("--recipients must be positive and --drain within 1..recipients")
    return args


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
