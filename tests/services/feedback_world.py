"""A small world for the akimat's record: two akimats, one quarter (Q3 2026), counts known by
hand. Shared by the service, chart and report tests."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.clock import ManualClock
from services.feedback import FeedbackRecordService
from services.localities import LocalityService
from storage.models import (
    ActionPlan,
    FeedbackChannel,
    Meeting,
    MeetingStatus,
    OutsideFeedback,
    PlanItem,
    PlanItemQuestion,
    ProgressReport,
    Question,
    QuestionKind,
    QuestionStatus,
    Rating,
    Support,
)
from tests.builders import KARAAGASH, Sessions, a_citizen, a_meeting, an_akimat

PROPOSAL, QUESTION = QuestionKind.PROPOSAL, QuestionKind.QUESTION
TZ = ZoneInfo("Asia/Almaty")
ZHUMAZHANOV = "623641000"  # Мұқажан Жұмажанов атын.а.о., the second akimat
# 10 November 2026: Q3's progress report was due on 25 October.
TODAY = datetime(2026, 11, 10, 9, 0, tzinfo=TZ)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True)
class FeedbackWorld:
    service: FeedbackRecordService
    clock: ManualClock
    good: int  # Қараағаш: F = 30 %, everything on time
    late: int  # Жұмажанов: counts give 100 %, but a plan late and a report missing: F = 0


async def _question(
    sessions: Sessions,
    meeting_id: int,
    author: int,
    kind: QuestionKind,
    status: QuestionStatus,
    created: datetime,
    supporters: tuple[int, ...] = (),
) -> int:
    async with sessions() as session:
        question = Question(
            meeting_id=meeting_id,
            author_id=author,
            kind=kind,
            text="x",
            status=status,
            created_at=created,
        )
        session.add(question)
        await session.flush()
        for user_id in supporters:
            session.add(Support(question_id=question.id, user_id=user_id))
        await session.commit()
        return question.id


async def make_feedback_world(sessions: Sessions) -> FeedbackWorld:
    await LocalityService(sessions).load_sample()
    for user_id in (7001, 7002, 7003, 7004):
        await a_citizen(sessions, user_id, follows=[KARAAGASH])
    await a_citizen(sessions, 7005, follows=[ZHUMAZHANOV])
    good = await an_akimat(sessions, KARAAGASH)
    late = await an_akimat(sessions, ZHUMAZHANOV)

    # Қараағаш: a meeting on 10 August, announced in time, its plan published on the 15th
    # (due the 20th), Q3's progress published on 20 October (due the 25th).
    m1 = await a_meeting(sessions, starts_at=at(date(2026, 8, 10)), status=MeetingStatus.HELD)
    asked = at(date(2026, 8, 1))
    linked = await _question(
        sessions, m1, 7001, PROPOSAL, QuestionStatus.ACCEPTED, asked, supporters=(7002, 7003)
    )
    await _question(sessions, m1, 7002, PROPOSAL, QuestionStatus.REJECTED, asked)
    await _question(sessions, m1, 7002, PROPOSAL, QuestionStatus.NEW, asked)
    await _question(
        sessions, m1, 7003, PROPOSAL, QuestionStatus.ACCEPTED, asked
    )  # in the pool, no reference
    await _question(
        sessions, m1, 7001, QUESTION, QuestionStatus.ANSWERED, asked, supporters=(7004,)
    )
    await _question(sessions, m1, 7001, QUESTION, QuestionStatus.REJECTED, asked)
    await _question(sessions, m1, 7003, QUESTION, QuestionStatus.NEW, asked)
    await _question(
        sessions, m1, 7003, QUESTION, QuestionStatus.MERGED, asked
    )  # a duplicate: not counted
    # Outside the period: not counted in Q3.
    await _question(
        sessions, m1, 7004, QUESTION, QuestionStatus.NEW, at(date(2026, 6, 30), hour=18)
    )
    async with sessions() as session:
        plan = ActionPlan(
            meeting_id=m1, published_at=at(date(2026, 8, 15)), due_on=date(2026, 8, 20)
        )
        session.add(plan)
        await session.flush()
        item = PlanItem(
            plan_id=plan.id,
            position=1,
            problem="p",
            measure="m",
            executor="e",
            due_on=date(2026, 12, 1),
        )
        session.add(item)
        await session.flush()
        session.add(PlanItemQuestion(item_id=item.id, question_id=linked))
        session.add(
            ProgressReport(
                plan_id=plan.id, year=2026, quarter=3, published_at=at(date(2026, 10, 20))
            )
        )
        entered = datetime(2026, 9, 1, tzinfo=UTC)
        session.add_all(
            [
                OutsideFeedback(
                    akimat_id=good,
                    kind=PROPOSAL,
                    channel=FeedbackChannel.LETTER,
                    received_on=date(2026, 9, 1),
                    status=QuestionStatus.ACCEPTED,
                    text="letter",
                    reference="Plan 2026, item 4",
                    entered_by=9001,
                    created_at=entered,
                ),
                OutsideFeedback(
                    akimat_id=good,
                    kind=QUESTION,
                    channel=FeedbackChannel.RECEPTION,
                    received_on=date(2026, 9, 30),
                    status=QuestionStatus.ANSWERED,
                    text="reception",
                    entered_by=9001,
                    created_at=entered,
                ),
                # Received on 1 October: Q4, not Q3.
                OutsideFeedback(
                    akimat_id=good,
                    kind=QUESTION,
                    channel=FeedbackChannel.SITE,
                    received_on=date(2026, 10, 1),
                    status=QuestionStatus.NEW,
                    text="site",
                    entered_by=9001,
                    created_at=entered,
                ),
            ]
        )
        await session.commit()

    # Жұмажанов: a meeting on 20 July, announced 5 days late, its plan published on 5 August
    # (due 30 July: 6 days late), no Q3 progress report (due 25 October: missing).
    m2 = await a_meeting(
        sessions, akimat=ZHUMAZHANOV, starts_at=at(date(2026, 7, 20)), status=MeetingStatus.HELD
    )
    await _question(sessions, m2, 7005, QUESTION, QuestionStatus.ANSWERED, at(date(2026, 7, 10)))
    await _question(sessions, m2, 7005, QUESTION, QuestionStatus.ANSWERED, at(date(2026, 7, 11)))
    async with sessions() as session:
        meeting = await session.get(Meeting, m2)
        assert meeting is not None
        meeting.announce_due_on = date(2026, 6, 20)
        meeting.announced_at = at(date(2026, 6, 25))
        meeting.announced_late = True
        plan = ActionPlan(
            meeting_id=m2, published_at=at(date(2026, 8, 5)), due_on=date(2026, 7, 30)
        )
        session.add(plan)
        await session.flush()
        session.add(
            PlanItem(
                plan_id=plan.id,
                position=1,
                problem="p",
                measure="m",
                executor="e",
                due_on=date(2026, 12, 1),
            )
        )
        session.add_all(
            [
                Rating(meeting_id=m2, user_id=7005, score=5),
                Rating(meeting_id=m2, user_id=7001, score=4),
            ]
        )
        await session.commit()

    clock = ManualClock(TODAY.astimezone(UTC))
    service = FeedbackRecordService(sessions, clock, TZ, "2022")
    return FeedbackWorld(service=service, clock=clock, good=good, late=late)


__all__ = ["TODAY", "TZ", "ZHUMAZHANOV", "FeedbackWorld", "at", "make_feedback_world", "timedelta"]
