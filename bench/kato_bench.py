"""Benchmark of the KATO import and of locality search, on SQLite and PostgreSQL.

    .venv/bin/python bench/kato_bench.py [--csv PATH] [--queries 500] [--postgres URL]
                                         [--no-postgres]

For each database: the full classifier imported into a fresh, migrated database (a temporary
SQLite file; a scratch PostgreSQL database), the same file imported again (nothing to write),
the first search (which loads the classifier into memory), then ~500 realistic queries
(prefixes of real names in Kazakh, Russian and Kazakh Latin, a few whole names with their
abbreviations) through `LocalityService.search`, each outside an update, so each with its
query of the classifier's revision (inside an update that query is made once, whatever the
update looks up), and the same queries through the SQL `LIKE` path
(`LocalityRepository.search_candidates`) for comparison. Prints a table; writes nothing to the
repository. Targets: import under 10 s, search p99 under 20 ms.
"""

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from services.kato import KatoRecord, name_key, read_kato  # noqa: E402
from services.localities import LocalityService  # noqa: E402
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.repositories.localities import LocalityRepository  # noqa: E402
from storage.scratch import migrated_scratch_engine  # noqa: E402

DEFAULT_CSV = REPO_ROOT.parent / "shared" / "data" / "kato" / "kato.csv"
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

# Kazakh Cyrillic -> the Kazakh Latin alphabet of 2021, the way a citizen might type it.
_KAZAKH_LATIN = str.maketrans(
    {
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
        "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m",
        "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç",
        "ш": "ş", "щ": "ş", "ы": "y", "і": "ı", "э": "e", "ю": "iu", "я": "ia", "ь": "",
        "ъ": "",
    }
)  # fmt: skip


@dataclass
class Figures:
    backend: str
    import_seconds: float
    reimport_seconds: float
    index_seconds: float
    search_ms: list[float]
    like_ms: list[float]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def make_queries(records: list[KatoRecord], count: int, seed: int = 20260717) -> list[str]:
    """Prefixes of real names (3 letters to the whole name, abbreviations dropped) in Kazakh,
    Russian and Kazakh Latin, and some whole official names; units with akims twice as often,
    as people look for villages and towns rather than wintering places."""
    randomness = random.Random(seed)
    weighted = [record for record in records for _ in range(2 if record.akim_level else 1)]
    queries: list[str] = []
    while len(queries) < count:
        record = randomness.choice(weighted)
        kind = randomness.random()
        if kind < 0.1:
            queries.append(randomness.choice([record.name_kk, record.name_ru]))
            continue
        name = record.name_ru if kind < 0.4 else record.name_kk
        words = [word for word in name.split() if "." not in word and len(word) > 1]
        if not words:
            continue
        word = " ".join(words)
        query = word[: randomness.randint(min(3, len(word)), len(word))]
        if kind >= 0.7:
            query = query.lower().translate(_KAZAKH_LATIN)
        if len(name_key(query)) >= 2:
            queries.append(query)
    return queries


async def measure(
    backend: str, csv_path: Path, queries: list[str], postgres_url: str, workdir: Path
) -> Figures:
    # The real schema (with the trigger that renews the classifier's stamp), thrown away after.
    async with migrated_scratch_engine(backend, workdir, postgres_url, "kato_bench") as engine:
        sessions = create_session_factory(engine)
        service = LocalityService(sessions)
        first = await service.import_file(csv_path)
        again = await service.import_file(csv_path)
        if first.inserted != first.total or again.inserted or again.updated:
            raise RuntimeError(f"unexpected import reports: {first}, {again}")

        started = time.perf_counter()
        await service.search("index")
        index_seconds = time.perf_counter() - started

        search_ms: list[float] = []
        for query in queries:
            started = time.perf_counter()
            await service.search(query)
            search_ms.append((time.perf_counter() - started) * 1000)

        like_ms: list[float] = []
        async with sessions() as session:
            repository = LocalityRepository(session)
            for query in queries:
                started = time.perf_counter()
                await repository.search_candidates(name_key(query), limit=8)
                like_ms.append((time.perf_counter() - started) * 1000)
        return Figures(backend, first.seconds, again.seconds, index_seconds, search_ms, like_ms)


async def postgres_problem(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with asyncio.timeout(5), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect: report it, bench SQLite only
        return f"{type(error).__name__}: {error}"
    finally:
        await engine.dispose()
    return None


def print_table(figures: list[Figures], queries: int, records: int) -> None:
    print(
        f"KATO bench: {records} units, {queries} queries, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    header = (
        f"{'backend':<11}{'import s':>9}{'re-import s':>12}{'index s':>9}"
        f"{'search p50 ms':>15}{'p99 ms':>8}{'max ms':>8}{'LIKE p50 ms':>13}{'p99 ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in figures:
        print(
            f"{row.backend:<11}{row.import_seconds:>9.2f}{row.reimport_seconds:>12.2f}"
            f"{row.index_seconds:>9.2f}{statistics.median(row.search_ms):>15.2f}"
            f"{percentile(row.search_ms, 0.99):>8.2f}{max(row.search_ms):>8.2f}"
            f"{statistics.median(row.like_ms):>13.2f}{percentile(row.like_ms, 0.99):>8.2f}"
        )


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--csv", type=Path, default=Path(os.environ.get("KEZDESU_KATO_CSV", DEFAULT_CSV))
    )
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--postgres", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--no-postgres", action="store_true")
    arguments = parser.parse_args()
    if not arguments.csv.is_file():
        print(f"no KATO classifier at {arguments.csv} (see --csv)", file=sys.stderr)
        return 2

    records = read_kato(arguments.csv)
    queries = make_queries(records, arguments.queries)
    backends = ["sqlite"]
    if not arguments.no_postgres:
        problem = await postgres_problem(arguments.postgres)
        if problem is None:
            backends.append("postgresql")
        else:
            print(f"PostgreSQL skipped: {problem}", file=sys.stderr)

    figures: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="kato-bench-") as workdir:
        for backend in backends:
            figures.append(
                await measure(backend, arguments.csv, queries, arguments.postgres, Path(workdir))
            )
    print_table(figures, len(queries), len(records))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
