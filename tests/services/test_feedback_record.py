"""FeedbackRecordService: the akimat's record over a period, counted by hand."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from regulation import FeedbackBand
from regulation.report_periods import ReportPeriod
from services.access import AccessDeniedError, AccessService
from services.feedback import (
    EntryError,
    EntryErrorReason,
    FeedbackRecordService,
    OnTime,
    OutsideEntry,
    ZeroReason,
)
from storage.models import (
    ActionPlan,
    FeedbackChannel,
    Meeting,
    PlanItem,
    PlanItemStatus,
    ProgressEntry,
    ProgressReport,
    QuestionKind,
    QuestionStatus,
)
from tests.builders import KARAAGASH, Sessions, an_official
from tests.services.feedback_world import TZ, FeedbackWorld, make_feedback_world

Q3 = ReportPeriod.parse("2026q3")


@pytest.fixture
async def world(session_factory: Sessions) -> FeedbackWorld:
    return await make_feedback_world(session_factory)


async def test_counts_and_index_of_an_akimat_on_time(world: FeedbackWorld) -> None:
    record = (await world.service.records([world.good, world.late], Q3))[world.good]
    # Proposals: linked to a published plan item, rejected, new, in the pool, and the letter
    # accepted with a reference.
    assert (record.proposals, record.accepted, record.rejected, record.pending) == (5, 2, 1, 2)
    # Questions: answered, rejected (the reason is a reply), new, and the reception's answered;
    # the merged duplicate and the one of 30 June are not in Q3.
    assert (record.questions, record.answered, record.unanswered) == (4, 3, 1)
    assert record.outside == {FeedbackChannel.LETTER: 1, FeedbackChannel.RECEPTION: 1}
    # F = (2/5) * (3/4) * 100 = 30 %.
    assert record.index.percent == pytest.approx(30.0)
    assert record.index.band is FeedbackBand.INEFFECTIVE
    assert record.zero_reasons == ()
    assert record.announcements == OnTime(on_time=1)
    assert record.plans == OnTime(on_time=1)
    assert record.reports == OnTime(on_time=1)
    assert (record.askers, record.supporters, record.subscribers) == (3, 3, 4)
    assert (record.plans_published, record.plan_follows) == (1, 0)
    assert record.rating_count == 0 and record.rating_mean is None


async def test_a_late_plan_and_a_missing_report_make_f_zero(world: FeedbackWorld) -> None:
    record = (await world.service.records([world.good, world.late], Q3))[world.late]
    assert (record.questions, record.answered, record.proposals) == (2, 2, 0)
    # The counts alone give 100 %; a plan published late and a report missing give 0.
    assert record.index.percent == 0.0
    assert record.index.band is FeedbackBand.INEFFECTIVE
    assert record.zero_reasons == (ZeroReason.PLAN_NOT_ON_TIME, ZeroReason.REPORT_NOT_ON_TIME)
    assert record.announcements == OnTime(late_days=(5,))
    assert record.plans == OnTime(late_days=(6,))
    assert record.reports == OnTime(missing=1)
    assert record.rating_counts == (0, 0, 0, 1, 1)
    assert record.rating_mean == pytest.approx(4.5)
    assert record.subscribers == 1


async def test_a_report_not_yet_due_is_pending_and_keeps_f(world: FeedbackWorld) -> None:
    # On 20 October the Q3 report is not due until the 25th; only the late plan zeroes F.
    world.clock.set(datetime(2026, 10, 20, 9, 0, tzinfo=TZ).astimezone(UTC))
    record = (await world.service.records([world.late], Q3))[world.late]
    assert record.reports == OnTime(pending=1)
    assert record.zero_reasons == (ZeroReason.PLAN_NOT_ON_TIME,)


async def test_territory_rollup_sorted_by_band_with_change(world: FeedbackWorld) -> None:
    report = await world.service.territory([world.late, world.good], Q3)
    assert [line.record.akimat.id for line in report.lines] == [world.good, world.late]
    # Q2: Қараағаш had one question (30 June, 18:00 local), unanswered: F = 0; Жұмажанов
    # had nothing received and nothing due: both ratios 1, F = 100 %.
    assert [line.previous.index.percent for line in report.lines if line.previous] == [
        0.0,
        100.0,
    ]
    assert [line.change for line in report.lines] == [pytest.approx(30.0), -100.0]
    assert report.band_counts()[FeedbackBand.INEFFECTIVE] == 2


async def test_year_counts_the_quarter_and_scope_limits(world: FeedbackWorld) -> None:
    year = await world.service.records([world.good], ReportPeriod.parse("2026y1"))
    record = year[world.good]
    # The year adds the question of 30 June and the site's of 1 October.
    assert (record.questions, record.answered) == (6, 3)
    assert list(year) == [world.good]
    assert await world.service.records([], Q3) == {}


async def test_trend_over_quarters(world: FeedbackWorld) -> None:
    points = await world.service.trend([world.good, world.late], Q3, quarters=3)
    assert [p.period.code for p in points] == ["2026q1", "2026q2", "2026q3"]
    assert [p.mean_percent for p in points] == [100.0, 50.0, pytest.approx(15.0)]
    assert points[2].bands[FeedbackBand.INEFFECTIVE] == 2


async def test_entries_are_checked_and_only_for_ones_own_akimat(
    world: FeedbackWorld, session_factory: Sessions
) -> None:
    await an_official(session_factory, 9101, akimat=KARAAGASH)
    access = AccessService(session_factory, world.clock, frozenset())
    service = FeedbackRecordService(session_factory, world.clock, TZ, "2022", access)

    def entry(**changes: object) -> OutsideEntry:
        values: dict[str, object] = {
            "akimat_id": world.good,
            "kind": QuestionKind.PROPOSAL,
            "channel": FeedbackChannel.SITE,
            "received_on": date(2026, 11, 1),
            "status": QuestionStatus.ACCEPTED,
            "text": "  Көше   шамдары ",
            "reference": "Plan item 2",
        }
        values.update(changes)
        return OutsideEntry(**values)  # type: ignore[arg-type]

    saved = await service.enter_outside(9101, entry())
    assert (saved.entry.text, saved.entry.reference) == ("Көше шамдары", "Plan item 2")
    # Another akimat's entry: refused (and audited by AccessService).
    with pytest.raises(AccessDeniedError):
        await service.enter_outside(9101, entry(akimat_id=world.late))
    cases = [
        (entry(reference=None), EntryErrorReason.REFERENCE),
        (entry(text="   "), EntryErrorReason.TEXT),
        (entry(received_on=date(2026, 11, 11)), EntryErrorReason.DATE_FUTURE),
        (entry(received_on=date(2024, 1, 1)), EntryErrorReason.DATE_OLD),
        # A question is answered, not accepted; a proposal is accepted, not answered.
        (entry(kind=QuestionKind.QUESTION), EntryErrorReason.STATUS),
        (entry(status=QuestionStatus.ANSWERED), EntryErrorReason.STATUS),
        (entry(status=QuestionStatus.MERGED), EntryErrorReason.STATUS),
    ]
    for bad, reason in cases:
        with pytest.raises(EntryError) as caught:
            await service.enter_outside(9101, bad)
        assert caught.value.reason is reason
    # Only the first entry was saved: Q4 has it beside the site's question of 1 October.
    record = (await service.records([world.good], ReportPeriod.parse("2026q4")))[world.good]
    assert (record.proposals, record.accepted) == (1, 1)
    assert record.outside == {FeedbackChannel.SITE: 2}


async def test_trend_reuses_the_records_a_report_holds(world: FeedbackWorld) -> None:
    scope = [world.good, world.late]
    report = await world.service.territory(scope, Q3)
    known = report.known()
    assert set(known) == {Q3, Q3.previous()}
    fresh = await world.service.trend(scope, Q3, quarters=4)
    reused = await world.service.trend(scope, Q3, quarters=4, known=known)
    assert reused == fresh


async def test_a_missing_report_stays_missing_once_the_plan_is_done(
    world: FeedbackWorld, session_factory: Sessions
) -> None:
    # Жұмажанов skipped Q3's report (due 25 October) while its item was open; its Q4 report
    # (due 25 January) finishes the plan. Q3 still owed a report: F stays 0 for it. Q4's
    # report is on time; nothing after Q4 is owed.
    async with session_factory() as session:
        plan = await session.scalar(
            select(ActionPlan)
            .join(Meeting, Meeting.id == ActionPlan.meeting_id)
            .where(Meeting.host_akimat_id == world.late)
        )
        assert plan is not None
        item = await session.scalar(select(PlanItem).where(PlanItem.plan_id == plan.id))
        assert item is not None
        item.status = PlanItemStatus.DONE
        item.percent = 100
        report = ProgressReport(
            plan_id=plan.id,
            year=2026,
            quarter=4,
            published_at=datetime(2027, 1, 20, 5, 0, tzinfo=UTC),
        )
        session.add(report)
        await session.flush()
        session.add(
            ProgressEntry(
                report_id=report.id, item_id=item.id, status=PlanItemStatus.DONE, percent=100
            )
        )
        await session.commit()
    world.clock.set(datetime(2027, 5, 1, 9, 0, tzinfo=TZ).astimezone(UTC))
    records = {
        code: (await world.service.records([world.late], ReportPeriod.parse(code)))[world.late]
        for code in ("2026q3", "2026q4", "2027q1")
    }
    assert records["2026q3"].reports == OnTime(missing=1)
    assert ZeroReason.REPORT_NOT_ON_TIME in records["2026q3"].zero_reasons
    assert records["2026q4"].reports == OnTime(on_time=1)
    assert records["2027q1"].reports == OnTime()
    assert records["2027q1"].zero_reasons == ()
