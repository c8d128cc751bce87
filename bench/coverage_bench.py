"""Benchmark of the coverage computation over the whole classifier (services/coverage.py).

    .venv/bin/python bench/coverage_bench.py [--csv PATH] [--db sqlite,postgresql]
                                             [--postgres URL] [--runs 5]

The classifier is ../shared/data/kato/kato.csv (or --csv; never copied into the repository),
or, when it is absent, a synthetic one of the same size and shape (17 oblasts, their districts,
okrugs and villages, names with the classifier's abbreviations so every unit gets its akim
level). Every unit with an akim gets an akimat; a third of the units below an akimat get a held
visiting meeting in the quarter, a tenth a draft, a tenth a calendar entry. Then
`CoverageService.territory()` computes covered / planned / uncovered for every akimat of the
country at once, `--runs` times; the table gives the akimats, the target units, the SQL
statements per run and the time (best and median). On each database: a temporary SQLite file,
and a scratch PostgreSQL database (created beside TEST_DATABASE_URL, dropped afterwards).
"""

import argparse
import asyncio
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert, select

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from handlers.notices import notice_renderers  # noqa: E402
from locales import Translator  # noqa: E402
from regulation import LOCAL_TIMEZONE  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.container import Services  # noqa: E402
from services.coverage import UnitState  # noqa: E402
from services.localities import LocalityService  # noqa: E402
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade_async  # noqa: E402
from storage.models import (  # noqa: E402
    Akimat,
    CalendarEntry,
    CalendarEntryKind,
    Locality,
    Meeting,
    MeetingCalendar,
    MeetingStatus,
)
from storage.scratch import scratch_postgres_database  # noqa: E402

# As tests/kato finds it: KEZDESU_KATO_CSV, else ../shared beside the checkout (a worktree in
# /work/wt/<name> looks one level further up).
DEFAULT_CSV = next(
    (
        path
        for path in (
            Path(os.environ.get("KEZDESU_KATO_CSV", "/nonexistent")),
            REPO_ROOT.parent / "shared" / "data" / "kato" / "kato.csv",
            REPO_ROOT.parents[1] / "shared" / "data" / "kato" / "kato.csv",
        )
        if path.exists()
    ),
    REPO_ROOT.parent / "shared" / "data" / "kato" / "kato.csv",
)
DEFAULT_POSTGRES = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
DAY = date(2027, 2, 15)
SIZE = 15_594


def synthetic_csv(path: Path, size: int = SIZE) -> None:
    """A classifier of ``size`` rows shaped like the real one (codes AB CD EF HIJ)."""
    rows = [["kato", "kato_version", "level", "type_code", "name_ru", "name_kk"]]
    count = 0
    for oblast in range(17):
        ab = 10 + oblast * 5
        rows.append(
            [f"{ab:02d}0000000", "synthetic", "oblast", "0", f"область {ab}", f"{ab} облысы"]
        )
        for district in range(13):
            cd = 20 + district * 2
            rows.append(
                [
                    f"{ab:02d}{cd:02d}00000",
                    "synthetic",
                    "district",
                    "2",
                    f"Район {ab}-{cd}",
                    f"{ab}-{cd} ауданы",
                ]
            )
            for okrug in range(10):
                ef = 30 + okrug * 3
                rows.append(
                    [
                        f"{ab:02d}{cd:02d}{ef:02d}000",
                        "synthetic",
                        "sub_district",
                        "2",
                        f"Округ {cd}-{ef} с.о.",
                        f"{cd}-{ef} а.о.",
                    ]
                )
                for village in range(5):
                    code = f"{ab:02d}{cd:02d}{ef:02d}{village + 1}00"
                    rows.append(
                        [
                            code,
                            "synthetic",
                            "settlement",
                            "2",
                            f"с.Село {ef}-{village}",
                            f"{ef}-{village} а.",
                        ]
                    )
                    count += 1
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows[: size + 1])


async def populate(url: str, source: Path) -> tuple[int, float]:
    """Migrate, import the classifier, make the akimats, meetings and calendar entries."""
    await upgrade_async(url)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    started = time.perf_counter()
    await LocalityService(sessions).import_file(source)
    rng = random.Random(7)
    async with sessions() as session:
        units = (
            await session.execute(
                select(Locality.code, Locality.parent_code)
                .where(Locality.akim_level.is_not(None))
                .order_by(Locality.code)
            )
        ).all()
        await session.execute(insert(Akimat), [{"locality_code": code} for code, _ in units])
        ids = dict((await session.execute(select(Akimat.locality_code, Akimat.id))).all())
        start = datetime(2027, 2, 10, 5, tzinfo=UTC)
        meetings: list[dict[str, object]] = []
        entries: list[tuple[int, str]] = []
        for code, parent in units:
            host = ids.get(parent) if parent else None
            if host is None:
                continue
            roll = rng.random()
            if roll < 0.45:
                status = MeetingStatus.HELD if roll < 0.33 else MeetingStatus.DRAFT
                meetings.append(
                    {
                        "host_akimat_id": host,
                        "venue_code": code,
                        "audience_code": code,
                        "starts_at": start,
                        "ends_at": start + timedelta(hours=2),
                        "place": "bench",
                        "status": status,
                        "questions_cutoff": start - timedelta(days=1),
                    }
                )
            elif roll < 0.55:
                entries.append((host, code))
        if meetings:
            await session.execute(insert(Meeting), meetings)
        await session.execute(
            insert(MeetingCalendar),
            [
                {"akimat_id": host, "year": 2027, "status": "draft"}
                for host in {h for h, _ in entries}
            ],
        )
        calendar_ids = dict(
            (await session.execute(select(MeetingCalendar.akimat_id, MeetingCalendar.id))).all()
        )
        if entries:
            await session.execute(
                insert(CalendarEntry),
                [
                    {
                        "calendar_id": calendar_ids[host],
                        "month": 3,
                        "venue_code": code,
                        "kind": CalendarEntryKind.VISITING,
                    }
                    for host, code in entries
                ],
            )
        await session.commit()
    await engine.dispose()
    return len(units), time.perf_counter() - started


async def measure(url: str, runs: int) -> dict[str, float]:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    statements = Counter[str]()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def count(*_args: object) -> None:
        statements["sql"] += 1

    clock = ManualClock(datetime.combine(DAY, datetime.min.time(), tzinfo=LOCAL_TIMEZONE))
    services = Services.create(
        session_factory=sessions,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=clock,
        tz=LOCAL_TIMEZONE,
        profile="2022",
        admin_ids=frozenset(),
        default_locale="kk",
    )
    timings = []
    coverage = []
    for _ in range(runs):
        statements.clear()
        started = time.perf_counter()
        coverage = await services.coverage.territory(day=DAY)
        timings.append(time.perf_counter() - started)
    await engine.dispose()
    states = Counter(unit.state for akimat in coverage for unit in akimat.units)
    return {
        "akimats": float(len(coverage)),
        "units": sum(states.values()),
        "covered": states[UnitState.COVERED],
        "planned": states[UnitState.PLANNED],
        "uncovered": states[UnitState.UNCOVERED],
        "sql": statements["sql"],
        "best": min(timings),
        "median": statistics.median(timings),
    }


async def run_one(name: str, url: str, source: Path, runs: int) -> None:
    akimats, loaded = await populate(url, source)
    figures = await measure(url, runs)
    print(
        f"{name:<10} akimats {figures['akimats']:>6.0f} units {figures['units']:>6.0f} "
        f"(covered {figures['covered']:.0f}, planned {figures['planned']:.0f}, "
        f"uncovered {figures['uncovered']:.0f}) sql/run {figures['sql']:>2.0f} "
        f"best {figures['best'] * 1000:8.1f} ms median {figures['median'] * 1000:8.1f} ms "
        f"(data loaded in {loaded:.1f} s, {akimats} units with an akim)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = args.csv
        if not source.exists():
            source = Path(folder) / "synthetic_kato.csv"
            synthetic_csv(source)
            print(f"{args.csv} not found: a synthetic classifier of {SIZE} rows")
        else:
            print(f"classifier: {source}")
        for name in args.db.split(","):
            if name == "sqlite":
                await run_one(
                    name, f"sqlite+aiosqlite:///{folder}/bench.sqlite3", source, args.runs
                )
            elif name == "postgresql":
                try:
                    async with scratch_postgres_database(args.postgres, "kezdesu_bench") as url:
                        await run_one(name, url, source, args.runs)
                except OSError as error:
                    print(f"postgresql  skipped: {error}")


if __name__ == "__main__":
    asyncio.run(main())
