"""Several instances: the citizens of citizens_bench.py through nginx and N webhook instances.

    .venv/bin/python bench/instances_bench.py [--instances 1,2] [--citizens 600]
                                              [--concurrency 100] [--delay-ms 50]
                                              [--postgres URL] [--redis URL]
                                              [--cpu-quota CORES] [--pin] [--wakeups]

For each N: a scratch PostgreSQL database prepared as citizens_bench.py prepares it (the sample
classifier, one announced meeting), then the topology of deploy/compose.yaml from local
processes (deploy/topology.py): the migrations once, N `kezdesu run` in webhook mode on one
database and one Redis (a key prefix of this run's own), nginx in front with deploy/nginx.conf,
and the project's Bot API emulator delivering every update to nginx as Telegram would (a
chat's next update once the one before is answered, 100 connections at most), rate limits
off, ``--delay-ms`` added to every Bot API answer. The same citizens' journeys as
citizens_bench.py, ``--concurrency`` at a time.

Figures: updates/s (updates the emulator delivered and had answered, over the wall time),
reply seen p50 / p99 (a citizen's send to the bot's first answer), and where the CPU went:
each instance's process, this process (emulator and citizens), nginx and PostgreSQL's
backends, each per update. On a machine with fewer cores than instances + 1, the instances
and the load compete for them: the CPU table says how much of the machine each part took.
``--cpu-quota 0.3`` caps each instance at 0.3 of a core (bench/cpu_quota.py, the kernel's CPU
controller), so that on such a machine each instance, not the machine, is what limits its
run, and N instances can be compared with one; "held back" is how long the kernel kept an
instance waiting for its quota. ``--pin`` runs each instance on one core of its own (the
first on core 0, the second on core 1), as two instances on two cores would be. ``--wakeups``
counts, with perf, the wake-ups of each part during the load and how many of them crossed from
one core to the other (bench/wakeups.py). Writes nothing to the repository.
"""

import argparse
import asyncio
import contextlib
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import psutil
from redis.asyncio import Redis

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

from citizens_bench import (  # noqa: E402
    ADMIN_ID,
    DEFAULT_POSTGRES,
    BenchClient,
    Outcome,
    citizen_journey,
    percentile,
    prepare_database,
)
from cpu_quota import cpu_quota, pinned, throttled_seconds  # noqa: E402
from machine import machine  # noqa: E402
from wakeups import Wakeups, recorded_wakeups  # noqa: E402

from bot.memory import settle_garbage_collector  # noqa: E402
from deploy.topology import TopologyConfig, run_topology  # noqa: E402
from locales import Translator  # noqa: E402
from sandbox import EmulatorConfig  # noqa: E402
from storage.scratch import scratch_postgres_database  # noqa: E402

DEFAULT_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass
class Figures:
    instances: int
    citizens: int
    completed: int
    failures: list[str]
    wall: float
    updates: int
    # Webhook requests answered with a 2xx, and those not (a non-2xx answer, a timeout: each
    # such update is delivered again).
    deliveries: int
    delivery_errors: int
    reply_ms: list[float]
    cpu: dict[str, float]  # seconds, by part
    held_back: list[float]  # seconds each instance waited for its CPU quota, if capped
    # Seconds the hypervisor ran something else while this machine's cores had work (the
    # "steal" of /proc/stat, all cores): time the processes' CPU figures may include.
    steal: float
    redis_calls: dict[str, int]  # Redis's own count of each command during the run
    wakeups: Wakeups | None  # with --wakeups: the kernel's wake-ups, by the woken task's part


async def redis_calls(redis: Redis) -> Counter[str]:
    """Calls of each command since Redis started (INFO commandstats): what the instances sent,
    and the calls their Lua scripts made inside Redis (the chat's lock, the sending budget)."""
    stats = await redis.info("commandstats")
    return Counter(
        {
            name.removeprefix("cmdstat_").upper(): int(entry["calls"])
            for name, entry in stats.items()
        }
    )


def processes_named(fragment: str) -> Iterator[psutil.Process]:
    for process in psutil.process_iter(["name", "cmdline"]):
        if fragment in (process.info["name"] or ""):
            yield process


def cpu_of(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue  # gone meanwhile (a backend that closed)
        total += times.user + times.system
    return total


@dataclass(frozen=True)
class ServerCpu:
    """CPU seconds of a server's processes at one moment: each live one's, by (pid, start), and
    what their exited children used (PostgreSQL's postmaster reaps every backend that closes)."""

    live: dict[tuple[int, float], float]
    reaped: float

    @classmethod
    def now(cls, fragment: str) -> "ServerCpu":
        live: dict[tuple[int, float], float] = {}
        reaped = 0.0
        for process in processes_named(fragment):
            try:
                times = process.cpu_times()
                live[process.pid, process.create_time()] = times.user + times.system
            except psutil.Error:
                continue  # gone meanwhile: its parent's reaped children count it
            reaped += times.children_user + times.children_system
        return cls(live, reaped)

    def since(self, before: "ServerCpu") -> float:
        """What the server used between ``before`` and this moment: processes that opened count
        whole, those that closed count to their end (from their parent's reaped children, less
        what they had used before)."""
        alive = sum(seconds - before.live.get(key, 0.0) for key, seconds in self.live.items())
        closed = sum(seconds for key, seconds in before.live.items() if key not in self.live)
        return alive + (self.reaped - before.reaped) - closed


async def run_once(
    instances: int,
    citizens: int,
    concurrency: int,
    delay_ms: int,
    postgres_url: str,
    redis_url: str,
    translator: Translator,
    quota: float | None,
    pin: bool,
    wakeups: bool,
) -> Figures:
    async with scratch_postgres_database(postgres_url, prefix="kezdesu_bench") as url:
        routes = await prepare_database(url, translator)
        config = TopologyConfig(
            database_url=url,
            redis_url=redis_url,
            instances=instances,
            settings={
                "ADMIN_IDS": str(ADMIN_ID),
                "REDIS_PREFIX": f"bench-{uuid.uuid4().hex[:8]}",
                # As in citizens_bench.py: the emulator's limits are off, so the bot's own
                # pacer is told 1,000/s and measures nothing here.
                "SENDER__RATE": "1000",
                "WEBHOOK_MAX_CONNECTIONS": "100",
            },
            emulator=EmulatorConfig(
                rate_limits_enabled=False, local_mode=True, webhook_retry_ms=200, delay_ms=delay_ms
            ),
        )
        async with AsyncExitStack() as stack:
            topology = await stack.enter_async_context(run_topology(config))
            client = await stack.enter_async_context(BenchClient(topology.emulator.url))
            await client.add_user(ADMIN_ID, "Admin", language_code="kk")
            bots = [psutil.Process(i.process.pid) for i in topology.instances if i.process]
            # Released first, before the topology stops its instances.
            groups = stack.enter_context(cpu_quota([b.pid for b in bots], quota)) if quota else []
            if pin:
                stack.enter_context(pinned([b.pid for b in bots]))
            held_before = [throttled_seconds(group) for group in groups]
            steal_before = stolen_seconds()
            nginx = list(processes_named("nginx"))
            await client.reset_stats()
            gate = asyncio.Semaphore(concurrency)

            async def one(index: int) -> Outcome:
                async with gate:
                    return await citizen_journey(client, translator, routes, index)

            before = {
                "bots": cpu_of(bots),
                "nginx": cpu_of(nginx),
            }
            postgres = ServerCpu.now("postgres")
            redis = Redis.from_url(redis_url)
            calls = await redis_calls(redis)
            recording = (
                recorded_wakeups(parts_by_task(bots)) if wakeups else contextlib.nullcontext()
            )
            async with recording as woken:
                started, own = time.perf_counter(), time.process_time()
                outcomes = await asyncio.gather(*(one(i) for i in range(citizens)))
                wall = time.perf_counter() - started
            held = [throttled_seconds(g) - s for g, s in zip(groups, held_before, strict=True)]
            steal = stolen_seconds() - steal_before
            calls = await redis_calls(redis) - calls
            calls.pop("INFO", None)  # this bench's own
            await redis.aclose()
            cpu = {
                "bots": cpu_of(bots) - before["bots"],
                "emulator + citizens": time.process_time() - own,
                "nginx": cpu_of(nginx) - before["nginx"],
                "postgres": ServerCpu.now("postgres").since(postgres),
            }
            stats = await client.stats()
    return Figures(
        instances=instances,
        citizens=citizens,
        completed=sum(1 for o in outcomes if o.number is not None),
        failures=[o.failure for o in outcomes if o.failure],
        wall=wall,
        updates=int(stats["updates_created"]),
        deliveries=int(stats["updates_delivered"]),
        delivery_errors=int(stats["webhook_errors"]),
        reply_ms=[ms for o in outcomes for ms in o.latencies],
        cpu=cpu,
        held_back=held,
        steal=steal,
        redis_calls=dict(calls),
        wakeups=woken,
    )


def stolen_seconds(stat: Path = Path("/proc/stat")) -> float:
    """The machine's steal time so far, all cores (0 where the kernel does not count it)."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        fields = stat.read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    return 0.0


def parts_by_task(bots: list[psutil.Process]) -> Callable[[int, str], str]:
    """Which part of the setup a woken task (a thread's id and name) belongs to."""

    def tasks(process: psutil.Process) -> set[int]:
        with contextlib.suppress(psutil.Error):
            return {process.pid, *(thread.id for thread in process.threads())}
        return {process.pid}

    own = tasks(psutil.Process())
    instances = set().union(*(tasks(bot) for bot in bots))

    def part_of(task: int, name: str) -> str:
        if task in instances:
            return "bots"
        if task in own:
            return "emulator + citizens"
        for part in ("postgres", "redis", "nginx"):
            if name.startswith(part):
                return part
        return "other"

    return part_of


def print_figures(figures: Figures, one: Figures | None) -> None:
    rate = figures.updates / figures.wall
    title = f"{figures.instances} instance(s), {figures.citizens} citizens"
    print(f"\n{title}\n{'-' * len(title)}")
    print(f"  completed / failed             {figures.completed} / {len(figures.failures)}")
    print(f"  updates answered               {figures.updates} in {figures.wall:.1f} s")
    print(f"  webhook requests: 2xx / not    {figures.deliveries} / {figures.delivery_errors}")
    scale = f" ({rate / (one.updates / one.wall):.2f}x one instance)" if one else ""
    print(f"  updates per second             {rate:.0f}{scale}")
    print(
        f"  reply seen p50 / p99           {percentile(figures.reply_ms, 0.5):.0f} / "
        f"{percentile(figures.reply_ms, 0.99):.0f} ms"
    )
    for part, seconds in figures.cpu.items():
        print(
            f"  CPU {part:<26} {seconds:6.1f} s ({seconds / figures.wall:.0%} of one core), "
            f"{seconds * 1000 / max(1, figures.updates):.2f} ms/update"
        )
    if figures.held_back:
        waits = ", ".join(f"{seconds:.1f}" for seconds in figures.held_back)
        print(f"  held back for quota            {waits} s (each instance)")
    total = sum(figures.cpu.values())
    print(
        f"  CPU, all of it                 {total / figures.wall:.0%} of one core "
        f"({os.cpu_count()} cores); stolen by the hypervisor {figures.steal:.1f} s"
    )
    per_update = {
        name: count / max(1, figures.updates) for name, count in figures.redis_calls.items()
    }
    listed = ", ".join(
        f"{name} {share:.2f}" for name, share in sorted(per_update.items(), key=lambda i: -i[1])
    )
    print(f"  Redis calls per update         {sum(per_update.values()):.2f}: {listed}")
    print("    (INFO commandstats of the whole server: the Lua scripts' own calls count too)")
    if figures.wakeups is not None:
        woken = figures.wakeups
        print("  wake-ups per update, by the woken part: all / crossing cores")
        for part, count in sorted(woken.total.items(), key=lambda item: -item[1]):
            crossing = woken.crossing.get(part, 0)
            print(
                f"    {part:<28} {count / max(1, figures.updates):6.2f} / "
                f"{crossing / max(1, figures.updates):5.2f} ({crossing / count:.0%})"
            )
    for failure in figures.failures[:3]:
        print(f"  failure: {failure}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument("--instances", default="1,2", help="comma separated")
    parser.add_argument("--citizens", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--delay-ms", type=int, default=50)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--redis", default=DEFAULT_REDIS)
    parser.add_argument(
        "--cpu-quota",
        type=float,
        default=None,
        metavar="CORES",
        help="cap each instance at this share of a core (the kernel's CPU controller)",
    )
    parser.add_argument(
        "--pin", action="store_true", help="each instance on one core of its own: 0, 1, ..."
    )
    parser.add_argument(
        "--wakeups",
        action="store_true",
        help="count the wake-ups of each part, and those across cores (perf, bench/wakeups.py)",
    )
    args = parser.parse_args()
    args.counts = [int(part) for part in args.instances.split(",") if part.strip()]
    return args


async def main(args: argparse.Namespace) -> None:
    # This process is Telegram's stand-in and the people: its pauses must not count against the
    # bot. Left as it is, Python's collector stopped it for 300-600 ms at a time under load
    # (bench/README.md, "The garbage collector"); it gets what the bot gets (bot/memory.py).
    settle_garbage_collector()
    print(f"Machine: {machine()}")
    print(
        f"Citizens: {args.citizens}, at most {args.concurrency} at a time; emulator delay "
        f"{args.delay_ms} ms, rate limits off; webhook mode behind nginx."
    )
    if args.cpu_quota:
        print(f"Each instance capped at {args.cpu_quota} of a core (bench/cpu_quota.py).")
    if args.pin:
        print("Each instance pinned to a core of its own: the first to core 0, the second to 1.")
    translator = Translator()
    # Each run of several instances is compared with the last run of one before it
    # (``--instances 1,2,1,2`` alternates, so that the machine's drift counts in neither).
    one: Figures | None = None
    for count in args.counts:
        figures = await run_once(
            count,
            args.citizens,
            args.concurrency,
            args.delay_ms,
            args.postgres,
            args.redis,
            translator,
            args.cpu_quota,
            args.pin,
            args.wakeups,
        )
        print_figures(figures, one if count > 1 else None)
        if count == 1:
            one = figures
        sys.stdout.flush()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
