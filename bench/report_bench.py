"""The territory report of an oblast: 200 akimats, 50,000 questions and proposals a year.

    .venv/bin/python bench/report_bench.py [--akimats 200] [--questions 50000] [--runs 5]
                                           [--postgres URL]

A scratch PostgreSQL database next to the one TEST_DATABASE_URL names (dropped afterwards),
migrated, filled with one synthetic oblast: ``--akimats`` rural okrugs under 10 districts,
each with four held meetings in 2026 (one a quarter), an action plan for each (three items,
some published late, some missing), quarterly reports (some missing), ``--questions`` questions
and proposals spread over the year with every status, one support each on average, 20,000
subscribers, ratings, and 2,000 entries from other channels. Then the territory report
(FeedbackRecordService.territory: the period and the one before, every akimat) for a quarter,
a half-year and the year, ``--runs`` times each after one warm-up; the trend over four
quarters once. Prints the median and the best. Writes nothing to the repository.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from locales import Translator  # noqa: E402
from regulation.report_periods import ReportPeriod  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.feedback import FeedbackRecordService, TerritoryReport, TrendPoint  # noqa: E402
from services.feedback_report import build_charts  # noqa: E402
from storage.db import create_engine, create_session_factory  # noqa: E402
from storage.migrate import upgrade_async  # noqa: E402
from storage.models import (  # noqa: E402
    ActionPlan,
    Akimat,
    FeedbackChannel,
    Locality,
    Meeting,
    MeetingStatus,
    OutsideFeedback,
    PlanFollow,
    PlanItem,
    PlanItemQuestion,
    ProgressReport,
    Question,
    QuestionKind,
    QuestionStatus,
    Rating,
    Subscription,
    Support,
    User,
)
from storage.scratch import scratch_postgres_database  # noqa: E402

TZ = ZoneInfo("Asia/Almaty")
DEFAULT_POSTGRES = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
OBLAST = "990000000"
CITIZENS = 20_000
FIRST_USER = 5_000_000
CHUNK = 5_000


def _locality(code: str, parent: str | None, level: str, depth: int, akim: str | None) -> dict:
    # A readable name for the charts: "District 3", "Okrug 3-12".
    district, okrug = int(code[2:4]), int(code[4:6])
    name = {0: "Oblast", 1: f"District {district}"}.get(depth, f"Okrug {district}-{okrug}")
    return {
        "code": code,
        "parent_code": parent,
        "level": level,
        "depth": depth,
        "type_code": 2,
        "akim_level": akim,
        "name_kk": name,
        "name_ru": name,
        "search_key": name.lower(),
    }


async def _insert(session, model, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(model), rows[start : start + CHUNK])


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ).astimezone(UTC)


async def seed(sessions, akimats: int, questions: int) -> list[int]:  # type: ignore[no-untyped-def]
    rng = random.Random(2026)
    localities = [_locality(OBLAST, None, "region", 0, "oblast")]
    districts = 10
    for d in range(1, districts + 1):
        localities.append(_locality(f"99{d:02d}00000", OBLAST, "district", 1, "district"))
    okrugs = []
    for n in range(akimats):
        d = n % districts + 1
        code = f"99{d:02d}{n // districts + 10:02d}000"
        okrugs.append(code)
        localities.append(_locality(code, f"99{d:02d}00000", "sub_district", 2, "rural_okrug"))
    async with sessions() as session:
        await _insert(session, Locality, localities)
        await _insert(
            session, Akimat, [{"id": i + 1, "locality_code": c} for i, c in enumerate(okrugs)]
        )
        users = [
            {"id": FIRST_USER + i, "locale": "kk", "consent_at": _at(date(2025, 1, 1))}
            for i in range(CITIZENS)
        ]
        await _insert(session, User, users)
        await _insert(
            session,
            Subscription,
            [
                {"user_id": FIRST_USER + i, "locality_code": okrugs[i % akimats]}
                for i in range(CITIZENS)
            ],
        )
        meetings, plans, items, reports = [], [], [], []
        meeting_id = plan_id = item_id = 0
        for akimat in range(1, akimats + 1):
            for quarter in range(4):
                meeting_id += 1
                day = date(2026, quarter * 3 + 2, 10)
                start = _at(day)
                meetings.append(
                    {
                        "id": meeting_id,
                        "host_akimat_id": akimat,
                        "venue_code": okrugs[akimat - 1],
                        "audience_code": okrugs[akimat - 1],
                        "starts_at": start,
                        "ends_at": start + timedelta(hours=2),
                        "place": "Hall",
                        "status": MeetingStatus.HELD,
                        "questions_cutoff": start - timedelta(days=1),
                        "announced_at": start - timedelta(days=20),
                        "announce_due_on": day - timedelta(days=14),
                        "announced_late": False,
                    }
                )
                if rng.random() < 0.05:
                    continue  # no plan: missing
                plan_id += 1
                late = rng.random() < 0.1
                plans.append(
                    {
                        "id": plan_id,
                        "meeting_id": meeting_id,
                        "published_at": _at(day + timedelta(days=15 if late else 8)),
                        "due_on": day + timedelta(days=10),
                    }
                )
                for position in range(1, 4):
                    item_id += 1
                    items.append(
                        {
                            "id": item_id,
                            "plan_id": plan_id,
                            "position": position,
                            "problem": "p",
                            "measure": "m",
                            "executor": "e",
                            "due_on": date(2027, 6, 1),
                        }
                    )
                for q in range(quarter + 1, 5):
                    if rng.random() < 0.9:
                        due = date(2026, q * 3 + 1, 20) if q < 4 else date(2027, 1, 20)
                        reports.append(
                            {
                                "plan_id": plan_id,
                                "year": 2026,
                                "quarter": q,
                                "published_at": _at(due),
                            }
                        )
        await _insert(session, Meeting, meetings)
        await _insert(session, ActionPlan, plans)
        await _insert(session, PlanItem, items)
        await _insert(session, ProgressReport, reports)
        statuses = list(QuestionStatus)
        # Akimats differ: how often one answers its questions and takes proposals into its
        # plans, so their indexes spread over the bands (the figure is the SQL's, not this).
        diligence = [rng.uniform(0.3, 1.0) for _ in range(akimats)]
        question_rows, supports, links = [], [], []
        for n in range(1, questions + 1):
            akimat = rng.randrange(akimats)
            quarter = rng.randrange(4)
            meeting = akimat * 4 + quarter + 1
            created = _at(date(2026, quarter * 3 + 1, 1) + timedelta(days=rng.randrange(40)))
            question_rows.append(
                {
                    "id": n,
                    "meeting_id": meeting,
                    "author_id": FIRST_USER + rng.randrange(CITIZENS),
                    "kind": QuestionKind.PROPOSAL if n % 3 == 0 else QuestionKind.QUESTION,
                    "text": "q",
                    "status": QuestionStatus.ANSWERED
                    if rng.random() < diligence[akimat]
                    else rng.choice(statuses),
                    "created_at": created,
                    "support_count": 1,
                }
            )
            supports.append({"question_id": n, "user_id": FIRST_USER + rng.randrange(CITIZENS)})
            if item_id and (n % 7 == 0 or (n % 3 == 0 and rng.random() < diligence[akimat])):
                links.append({"item_id": rng.randrange(1, item_id + 1), "question_id": n})
        await _insert(session, Question, question_rows)
        await _insert(session, Support, supports)
        await _insert(session, PlanItemQuestion, links)
        follows = {(rng.randrange(1, plan_id + 1), FIRST_USER + i) for i in range(10_000)}
        await _insert(session, PlanFollow, [{"plan_id": p, "user_id": u} for p, u in follows])
        rated = {(rng.randrange(1, meeting_id + 1), FIRST_USER + i) for i in range(10_000)}
        await _insert(
            session,
            Rating,
            [{"meeting_id": m, "user_id": u, "score": rng.randint(1, 5)} for m, u in rated],
        )
        await _insert(
            session,
            OutsideFeedback,
            [
                {
                    "akimat_id": rng.randrange(1, akimats + 1),
                    "kind": rng.choice(list(QuestionKind)),
                    "channel": rng.choice(list(FeedbackChannel)),
                    "received_on": date(2026, 1, 1) + timedelta(days=rng.randrange(365)),
                    "status": rng.choice(statuses[:4]),
                    "text": "t",
                    "reference": "ref" if rng.random() < 0.5 else None,
                    "entered_by": 1,
                }
                for _ in range(2_000)
            ],
        )
        await session.commit()
        await session.execute(text("ANALYZE"))
    return list(range(1, akimats + 1))


def write_charts(folder: Path, report: TerritoryReport, trend: Sequence[TrendPoint]) -> None:
    """The charts of ``report`` drawn as /report draws them, in English (the README's picture)."""
    folder.mkdir(parents=True, exist_ok=True)
    t = Translator().bind("en", TZ)
    for chart in build_charts(t, report, trend):
        (folder / f"report_{chart.name}.png").write_bytes(chart.png)
        print(f"wrote {folder / f'report_{chart.name}.png'}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--akimats", type=int, default=200)
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument(
        "--charts",
        type=Path,
        help="also write the 2026q3 report's charts here, as /report sends them (PNG, en)",
    )
    args = parser.parse_args()
    async with scratch_postgres_database(args.postgres, prefix="kezdesu_report_bench") as url:
        await upgrade_async(url)
        engine = create_engine(url)
        sessions = create_session_factory(engine)
        began = time.perf_counter()
        scope = await seed(sessions, args.akimats, args.questions)
        print(
            f"seeded {args.akimats} akimats, {args.questions} questions "
            f"in {time.perf_counter() - began:.1f} s"
        )
        clock = ManualClock(_at(date(2027, 2, 15)))
        service = FeedbackRecordService(sessions, clock, TZ, "2022")
        print(f"{'period':<8} {'median s':>9} {'best s':>8}  akimats")
        for code in ("2026q3", "2026h2", "2026y1"):
            period = ReportPeriod.parse(code)
            report = await service.territory(scope, period)  # warm-up
            times = []
            for _ in range(args.runs):
                began = time.perf_counter()
                report = await service.territory(scope, period)
                times.append(time.perf_counter() - began)
            print(
                f"{code:<8} {statistics.median(times):>9.3f} {min(times):>8.3f}  "
                f"{len(report.lines)}"
            )
        began = time.perf_counter()
        trend = await service.trend(scope, ReportPeriod.parse("2026q4"), quarters=4)
        print(f"trend of 4 quarters: {time.perf_counter() - began:.3f} s")
        if args.charts is not None:
            write_charts(
                args.charts, await service.territory(scope, ReportPeriod.parse("2026q3")), trend
            )
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
