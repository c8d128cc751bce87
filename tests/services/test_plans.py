"""PlanService on SQLite and PostgreSQL: when a plan may be written, the draft's checks, all-or-
nothing replacement, publishing (the meeting closed, one notice per person: the personal version
to authors and supporters of linked questions, the generic one to the rest of the audience),
the deadline and its lateness, quarterly reports (which quarter, the entry rules, completeness,
what publishing changes and whom it tells), the compliance clock's two questions, and what
citizens see."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import services.plans.drafting as drafting_module
from handlers.notices import Rendered
from locales import Text, Translator
from services.access import AccessService
from services.clock import ManualClock
from services.localities import LocalityService
from services.notices import Notice, PlanPublished, ProgressPublished
from services.outbox import Outbox
from services.plans import (
    ItemDraft,
    PlanError,
    PlanErrorReason,
    PlanService,
    PlanView,
    Quarter,
)
from storage.models import (
    ActionPlan,
    Akimat,
    AuditEntry,
    Meeting,
    MeetingStatus,
    NoticeKind,
    OutboxMessage,
    OutboxPayload,
    PlanItem,
    PlanItemQuestion,
    PlanItemStatus,
    Question,
    QuestionKind,
    QuestionStatus,
    Reception,
    Subscription,
    Support,
    User,
)
from tests.notice_kit import KitRenderers

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
# The meeting: 1 December 2026, 15:00–17:00 in Almaty; now is the next morning.
STARTS = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
MEETING_DAY = date(2026, 12, 1)

KARAAGASH = "623661000"  # Қараағаш а.о.: the host and the audience
ZHARTAS = "623661107"  # a village in it: its subscribers hear of the okrug's meetings
ULYTAU_OKRUG = "623830000"  # elsewhere: its subscribers do not

OFFICIAL = 7001
AUTHOR, SUPPORTER, NEIGHBOUR, FAR_AWAY, FOLLOWER, BLOCKED = 3001, 3002, 3003, 3004, 3005, 3006
LOCALES = {AUTHOR: "kk", SUPPORTER: "ru", NEIGHBOUR: "kk", FAR_AWAY: "ru", FOLLOWER: "en"}


class PlainPlanRenderers(KitRenderers):
    """Renders the plan's notices plainly, so a test reads who got which lines."""

    def rendered(self, notice: Notice, t: Text) -> Rendered:
        if isinstance(notice, PlanPublished):
            personal = [
                f"{'own' if line.own else 'supported'} {line.number} #{line.position} "
                f"{line.due_on.isoformat()}"
                for line in notice.lines
            ]
            return Rendered("|".join([f"plan {notice.plan.meeting.id} {t.locale}", *personal]))
        if isinstance(notice, ProgressPublished):
            personal = [
                f"{'own' if line.own else 'supported'} {line.number} #{line.position} "
                f"{line.status.value} {line.percent}"
                for line in notice.lines
            ]
            quarter = notice.report.quarter
            return Rendered("|".join([f"progress {quarter.year}Q{quarter.number}", *personal]))
        return super().rendered(notice, t)


@dataclass
class World:
    sessions: Sessions
    clock: ManualClock
    plans: PlanService
    meeting_id: int
    other_meeting_id: int
    question_ids: list[int]  # the author's two questions
    foreign_question_id: int  # a question of the other meeting


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    clock = ManualClock(NOW)
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all(
            [User(id=uid, locale=locale, consent_at=NOW) for uid, locale in LOCALES.items()]
            + [
                User(id=OFFICIAL, locale="ru", consent_at=NOW),
                User(id=BLOCKED, locale="kk", consent_at=NOW, is_active=False),
            ]
        )
        akimat = Akimat(locality_code=KARAAGASH)
        session.add(akimat)
        await session.flush()
        meetings = [
            Meeting(
                host_akimat_id=akimat.id,
                venue_code=ZHARTAS,
                audience_code=KARAAGASH,
                starts_at=STARTS,
                ends_at=STARTS + timedelta(hours=2),
                place="Мәдениет үйі",
                status=MeetingStatus.HELD,
                questions_cutoff=STARTS - timedelta(days=1),
            )
            for _ in range(2)
        ]
        session.add_all(meetings)
        await session.flush()
        questions = [
            Question(
                meeting_id=meetings[0].id,
                author_id=AUTHOR,
                kind=QuestionKind.QUESTION,
                text=f"Жартас ауылында жол қашан жөнделеді? {index}",
                status=QuestionStatus.ACCEPTED,
                support_count=2 if index == 0 else 0,
            )
            for index in range(2)
        ]
        foreign = Question(
            meeting_id=meetings[1].id,
            author_id=NEIGHBOUR,
            kind=QuestionKind.QUESTION,
            text="Басқа кездесудің сұрағы",
        )
        session.add_all([*questions, foreign])
        await session.flush()
        for question in [*questions, foreign]:
            question.public_number = f"Q-2026-{question.id:06d}"
        session.add_all(
            [
                Support(question_id=questions[0].id, user_id=SUPPORTER),
                Support(question_id=questions[0].id, user_id=BLOCKED),
                Subscription(user_id=AUTHOR, locality_code=ZHARTAS),
                Subscription(user_id=NEIGHBOUR, locality_code=KARAAGASH),
                Subscription(user_id=FAR_AWAY, locality_code=ULYTAU_OKRUG),
                Subscription(user_id=BLOCKED, locality_code=KARAAGASH),
            ]
        )
        await session.commit()
        ids = (meetings[0].id, meetings[1].id, [q.id for q in questions], foreign.id)
    translator = Translator()
    outbox = Outbox(clock, translator, TZ, PlainPlanRenderers(), "kk")
    access = AccessService(session_factory, clock, frozenset())
    plans = PlanService(session_factory, clock, TZ, "2022", outbox, access, "kk")
    return World(session_factory, clock, plans, ids[0], ids[1], ids[2], ids[3])


def item(
    problem: str = "Жол жөнделмеген",
    *,
    due: date = date(2027, 6, 30),
    questions: Sequence[int] = (),
) -> ItemDraft:
    return ItemDraft(problem, "Жолды жөндеу", "Аудан әкімдігі", due, tuple(questions))


async def set_status(
    world: World, meeting_id: int, status: MeetingStatus, starts: datetime
) -> None:
    async with world.sessions() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = status
        meeting.starts_at = starts
        meeting.ends_at = starts + timedelta(hours=2)
        await session.commit()


async def outbox_rows(world: World) -> dict[int, tuple[str, str]]:
    """chat id → (key, text in their language) of the latest message enqueued for each chat."""
    async with world.sessions() as session:
        rows = await session.execute(
            select(
                OutboxMessage.chat_id, OutboxMessage.key, OutboxMessage.locale, OutboxPayload.body
            )
            .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
            # In enqueue order, so a chat's later message wins whatever order the database
            # would return the rows in.
            .order_by(OutboxMessage.id)
        )
        return {
            chat_id: (key, json.loads(body)[locale]["text"]) for chat_id, key, locale, body in rows
        }


async def published_plan(world: World) -> PlanView:
    plans = world.plans
    await plans.set_summary(world.meeting_id, "Кездесуге 120 адам қатысты, жол мен жарық туралы")
    await plans.add_item(world.meeting_id, item(questions=[world.question_ids[0]]))
    await plans.add_item(
        world.meeting_id, item("Жарық жоқ", due=date(2027, 3, 31), questions=world.question_ids)
    )
    result = await plans.publish(world.meeting_id, OFFICIAL)
    assert not result.already
    return result.plan


# --- when a plan can be written ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shift", "reason"),
    [
        (MeetingStatus.ANNOUNCED, timedelta(days=3), PlanErrorReason.MEETING_NOT_OVER),
        (MeetingStatus.DRAFT, timedelta(days=-3), PlanErrorReason.MEETING_NOT_OVER),
        (MeetingStatus.CANCELLED, timedelta(days=-3), PlanErrorReason.MEETING_CANCELLED),
    ],
)
async def test_a_plan_waits_for_the_meeting(
    world: World, status: MeetingStatus, shift: timedelta, reason: PlanErrorReason
) -> None:
    await set_status(world, world.meeting_id, status, NOW + shift)
    with pytest.raises(PlanError) as caught:
        await world.plans.start(world.meeting_id)
    assert caught.value.reason is reason


@pytest.mark.parametrize("status", [MeetingStatus.ANNOUNCED, MeetingStatus.RESCHEDULED])
async def test_an_announced_meeting_that_ended_can_have_its_plan(
    world: World, status: MeetingStatus
) -> None:
    await set_status(world, world.meeting_id, status, NOW - timedelta(hours=3))
    plan = await world.plans.start(world.meeting_id)
    assert not plan.published
    assert plan.meeting.plannable


async def test_unknown_meeting(world: World) -> None:
    with pytest.raises(PlanError) as caught:
        await world.plans.start(999_999)
    assert caught.value.reason is PlanErrorReason.MEETING_NOT_FOUND


# --- the draft -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (item("аб"), PlanErrorReason.TOO_SHORT),
        (item("ж" * 1001), PlanErrorReason.TOO_LONG),
        (item(due=date(2026, 11, 30)), PlanErrorReason.DEADLINE_BEFORE_MEETING),
        (item(due=date(2032, 1, 1)), PlanErrorReason.DEADLINE_TOO_FAR),
    ],
)
async def test_an_item_is_checked(world: World, draft: ItemDraft, reason: PlanErrorReason) -> None:
    with pytest.raises(PlanError) as caught:
        await world.plans.add_item(world.meeting_id, draft)
    assert caught.value.reason is reason
    plan = await world.plans.plan(world.meeting_id)
    assert plan is None or not plan.items


async def test_a_question_of_another_meeting_cannot_be_linked(world: World) -> None:
    with pytest.raises(PlanError) as caught:
        await world.plans.add_item(world.meeting_id, item(questions=[world.foreign_question_id]))
    assert caught.value.reason is PlanErrorReason.UNKNOWN_QUESTION
    with pytest.raises(PlanError) as caught:
        await world.plans.resolve_numbers(
            world.meeting_id, f"Q-2026-{world.foreign_question_id:06d}"
        )
    assert caught.value.reason is PlanErrorReason.UNKNOWN_QUESTION
    with pytest.raises(PlanError) as caught:
        await world.plans.resolve_numbers(world.meeting_id, "жол")
    assert caught.value.reason is PlanErrorReason.BAD_QUESTION_NUMBER


async def test_numbers_are_read_loosely(world: World) -> None:
    first, second = world.question_ids
    typed = f"q-2026-{first}; Q-2026-{second:06d}, Q-2026-{first:06d}"
    assert await world.plans.resolve_numbers(world.meeting_id, typed) == [first, second]


async def test_items_are_numbered_and_renumbered(world: World) -> None:
    plans = world.plans
    for name in ("Бірінші мәселе", "Екінші мәселе", "Үшінші мәселе"):
        await plans.add_item(world.meeting_id, item(name))
    plan = await plans.remove_item(world.meeting_id, 2)
    assert [(i.position, i.problem) for i in plan.items] == [
        (1, "Бірінші мәселе"),
        (2, "Үшінші мәселе"),
    ]
    with pytest.raises(PlanError) as caught:
        await plans.remove_item(world.meeting_id, 5)
    assert caught.value.reason is PlanErrorReason.ITEM_NOT_FOUND


async def test_the_number_of_items_is_bounded(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where add_item reads the bound (services/plans/drafting.py).
    monkeypatch.setattr(drafting_module, "MAX_ITEMS", 2)
    for _ in range(2):
        await world.plans.add_item(world.meeting_id, item())
    with pytest.raises(PlanError) as caught:
        await world.plans.add_item(world.meeting_id, item())
    assert caught.value.reason is PlanErrorReason.TOO_MANY_ITEMS


async def test_replacing_items_is_all_or_nothing(world: World) -> None:
    plans = world.plans
    await plans.add_item(world.meeting_id, item("Бұрынғы мәселе"))
    with pytest.raises(PlanError):
        await plans.replace_items(
            world.meeting_id,
            [item("Жаңа мәселе"), item("Жат сұрақ", questions=[world.foreign_question_id])],
        )
    plan = await plans.plan(world.meeting_id)
    assert plan is not None
    assert [i.problem for i in plan.items] == ["Бұрынғы мәселе"]
    plan = await plans.replace_items(
        world.meeting_id, [item("Жаңа мәселе", questions=world.question_ids), item("Екінші")]
    )
    assert [(i.position, i.problem) for i in plan.items] == [(1, "Жаңа мәселе"), (2, "Екінші")]
    assert [q.id for q in plan.items[0].questions] == world.question_ids


# --- publishing ----------------------------------------------------------------------------------


async def test_publishing_needs_a_summary_and_items(world: World) -> None:
    plans = world.plans
    await plans.start(world.meeting_id)
    with pytest.raises(PlanError) as caught:
        await plans.publish(world.meeting_id, OFFICIAL)
    assert caught.value.reason is PlanErrorReason.NO_SUMMARY
    await plans.set_summary(world.meeting_id, "Қорытынды")
    with pytest.raises(PlanError) as caught:
        await plans.publish(world.meeting_id, OFFICIAL)
    assert caught.value.reason is PlanErrorReason.NO_ITEMS


async def test_publishing_closes_the_meeting_and_tells_each_person_once(world: World) -> None:
    plan = await published_plan(world)
    first, second = (f"Q-2026-{qid:06d}" for qid in world.question_ids)
    async with world.sessions() as session:
        meeting = await session.get(Meeting, world.meeting_id)
        assert meeting is not None
        assert meeting.status is MeetingStatus.CLOSED
        assert meeting.closed_at == NOW
        stored = await session.get(ActionPlan, plan.id)
        assert stored is not None
        assert (stored.published_at, stored.published_by, stored.due_on) == (
            NOW,
            OFFICIAL,
            date(2026, 12, 11),
        )
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.publish"))
        assert audit is not None
        assert audit.actor_id == OFFICIAL
        assert audit.allowed
    rows = await outbox_rows(world)
    key = f"plan:{plan.id}:published"
    # The author (also a subscriber) gets the personal version only; the supporter of one
    # question gets theirs; a subscriber of the okrug the generic one; nobody else anything.
    assert rows == {
        AUTHOR: (
            f"{key}:{AUTHOR}",
            f"plan {world.meeting_id} kk|own {first} #1 2027-06-30|own {first} #2 2027-03-31"
            f"|own {second} #2 2027-03-31",
        ),
        SUPPORTER: (
            f"{key}:{SUPPORTER}",
            f"plan {world.meeting_id} ru|supported {first} #1 2027-06-30"
            f"|supported {first} #2 2027-03-31",
        ),
        NEIGHBOUR: (f"{key}:{NEIGHBOUR}", f"plan {world.meeting_id} kk"),
    }
    async with world.sessions() as session:
        kinds = set((await session.scalars(select(OutboxMessage.kind))).all())
    assert kinds == {NoticeKind.ACTION_PLAN}

    again = await world.plans.publish(world.meeting_id, OFFICIAL)
    assert again.already
    assert await outbox_rows(world) == rows
    with pytest.raises(PlanError) as caught:
        await world.plans.add_item(world.meeting_id, item())
    assert caught.value.reason is PlanErrorReason.ALREADY_PUBLISHED


async def test_the_deadline_counts_from_the_last_reception_and_lateness_is_kept(
    world: World,
) -> None:
    async with world.sessions() as session:
        session.add_all(
            [
                # One before the meeting does not move the deadline; one after it does.
                Reception(meeting_id=world.meeting_id, held_on=date(2026, 11, 30)),
                Reception(meeting_id=world.meeting_id, held_on=date(2026, 12, 4)),
            ]
        )
        await session.commit()
    # On 2 December the reception of the 4th is only planned: it does not count yet.
    state = await world.plans.plan_state(world.meeting_id)
    assert (state.published, state.plan_id, state.due_on) == (False, None, date(2026, 12, 11))
    world.clock.set(datetime(2026, 12, 3, 19, 0, tzinfo=UTC))  # 00:00 on 4 December in Almaty
    state = await world.plans.plan_state(world.meeting_id)
    assert (state.published, state.plan_id, state.due_on) == (False, None, date(2026, 12, 14))
    world.clock.set(datetime(2026, 12, 17, 6, 0, tzinfo=UTC))
    plan = await published_plan(world)
    assert plan.due_on == date(2026, 12, 14)
    assert plan.days_late(date(2027, 1, 1)) == 3
    state = await world.plans.plan_state(world.meeting_id)
    assert state.published
    assert state.plan_id == plan.id
    assert state.published_at == world.clock.now()
    assert state.first_quarter == Quarter(2026, 4)


# --- quarterly progress --------------------------------------------------------------------------


async def test_which_quarter_is_reported(world: World) -> None:
    plan = await published_plan(world)
    plans = world.plans
    choice = await plans.quarters(world.meeting_id)
    # Published in Q4 2026, which has not ended: nothing to report yet.
    assert (choice.default, choice.open, choice.upcoming) == (None, (), Quarter(2026, 4))
    with pytest.raises(PlanError) as caught:
        await plans.open_report(world.meeting_id, Quarter(2026, 4))
    assert caught.value.reason is PlanErrorReason.QUARTER_NOT_OPEN

    world.clock.set(datetime(2027, 1, 10, 4, 0, tzinfo=UTC))
    choice = await plans.quarters(world.meeting_id)
    assert choice.default == Quarter(2026, 4)
    assert plans.progress_due_date(Quarter(2026, 4)) == date(2027, 1, 25)

    # Q4 left unreported until May: it comes first, Q1 after it.
    world.clock.set(datetime(2027, 5, 10, 4, 0, tzinfo=UTC))
    choice = await plans.quarters(world.meeting_id)
    assert choice.default == Quarter(2026, 4)
    assert choice.open == (Quarter(2026, 4), Quarter(2027, 1))
    assert not await plans.progress_published(plan.id, 2026, 4)


async def test_a_quarterly_report_from_draft_to_published(world: World) -> None:
    plan = await published_plan(world)
    plans = world.plans
    await plans.follow(world.meeting_id, FOLLOWER, True)
    await plans.follow(world.meeting_id, FOLLOWER, True)  # a double tap changes nothing
    world.clock.set(datetime(2027, 1, 20, 4, 0, tzinfo=UTC))
    draft = await plans.open_report(world.meeting_id, Quarter(2026, 4))
    assert [i.position for i in draft.missing] == [1, 2]
    first_item, second_item = plan.items

    with pytest.raises(PlanError) as caught:
        await plans.set_entry(
            draft.report.id, first_item.id, PlanItemStatus.IN_PROGRESS, 100, None
        )
    assert caught.value.reason is PlanErrorReason.BAD_PERCENT
    draft = await plans.set_entry(
        draft.report.id, first_item.id, PlanItemStatus.IN_PROGRESS, 40, "  Жұмыс басталды  "
    )
    with pytest.raises(PlanError) as caught:
        await plans.publish_report(draft.report.id, OFFICIAL)
    assert caught.value.reason is PlanErrorReason.REPORT_INCOMPLETE
    # "Done" is 100 % whatever was typed.
    draft = await plans.set_entry(draft.report.id, second_item.id, PlanItemStatus.DONE, 3, None)
    assert draft.complete
    assert draft.report.entries[second_item.id].percent == 100
    # Drafts change nothing citizens see.
    assert await plans.history(plan.id) == []

    result = await plans.publish_report(draft.report.id, OFFICIAL)
    assert not result.already
    assert result.days_late == 0
    assert await plans.progress_published(plan.id, 2026, 4)
    current = await plans.published_plan(world.meeting_id)
    assert current is not None
    assert [(i.status, i.percent, i.comment) for i in current.items] == [
        (PlanItemStatus.IN_PROGRESS, 40, "Жұмыс басталды"),
        (PlanItemStatus.DONE, 100, None),
    ]
    [report] = await plans.history(plan.id)
    assert report.quarter == Quarter(2026, 4)

    rows = await outbox_rows(world)
    key = f"progress:{draft.report.id}"
    progress_rows = {chat: text for chat, (k, text) in rows.items() if k.startswith(key)}
    first, second = (f"Q-2026-{qid:06d}" for qid in world.question_ids)
    assert set(progress_rows) == {AUTHOR, SUPPORTER, FOLLOWER}
    assert progress_rows[FOLLOWER] == "progress 2026Q4"
    assert progress_rows[SUPPORTER] == (
        f"progress 2026Q4|supported {first} #1 in_progress 40|supported {first} #2 done 100"
    )
    assert progress_rows[AUTHOR] == (
        f"progress 2026Q4|own {first} #1 in_progress 40|own {first} #2 done 100"
        f"|own {second} #2 done 100"
    )

    again = await plans.publish_report(draft.report.id, OFFICIAL)
    assert again.already
    with pytest.raises(PlanError) as caught:
        await plans.set_entry(draft.report.id, first_item.id, PlanItemStatus.DONE, None, None)
    assert caught.value.reason is PlanErrorReason.REPORT_PUBLISHED
    with pytest.raises(PlanError) as caught:
        await plans.open_report(world.meeting_id, Quarter(2026, 4))
    assert caught.value.reason is PlanErrorReason.REPORT_PUBLISHED


async def test_a_late_report_says_so(world: World) -> None:
    plan = await published_plan(world)
    world.clock.set(datetime(2027, 1, 28, 4, 0, tzinfo=UTC))
    draft = await world.plans.open_report(world.meeting_id, Quarter(2026, 4))
    for plan_item in plan.items:
        await world.plans.set_entry(
            draft.report.id, plan_item.id, PlanItemStatus.NOT_STARTED, 55, None
        )
    result = await world.plans.publish_report(draft.report.id, OFFICIAL)
    assert result.days_late == 3
    assert all(entry.percent == 0 for entry in result.draft.report.entries.values())


# --- citizens ------------------------------------------------------------------------------------


async def test_citizens_see_the_plans_of_meetings_they_follow(world: World) -> None:
    await world.plans.start(world.meeting_id)
    # A draft is nobody's business.
    assert (await world.plans.plans_for_user(NEIGHBOUR, 0, 5)).total == 0
    await published_plan(world)
    for user_id, expected in ((NEIGHBOUR, 1), (AUTHOR, 1), (FAR_AWAY, 0), (FOLLOWER, 0)):
        page = await world.plans.plans_for_user(user_id, 0, 5)
        assert page.total == expected, user_id
    await world.plans.follow(world.meeting_id, FAR_AWAY, True)
    page = await world.plans.plans_for_user(FAR_AWAY, 0, 5)
    assert [brief.meeting.id for brief in page.items] == [world.meeting_id]
    assert page.items[0].item_count == 2
    await world.plans.follow(world.meeting_id, FAR_AWAY, False)
    assert (await world.plans.plans_for_user(FAR_AWAY, 0, 5)).total == 0


async def test_a_draft_cannot_be_followed(world: World) -> None:
    await world.plans.start(world.meeting_id)
    with pytest.raises(PlanError) as caught:
        await world.plans.follow(world.meeting_id, FOLLOWER, True)
    assert caught.value.reason is PlanErrorReason.PLAN_NOT_FOUND


async def test_officials_lists(world: World) -> None:
    async with world.sessions() as session:
        akimat_id = await session.scalar(select(Akimat.id))
        assert akimat_id is not None
    awaiting = await world.plans.awaiting([akimat_id])
    assert [brief.meeting.id for brief in awaiting] == [world.meeting_id, world.other_meeting_id]
    await published_plan(world)
    awaiting = await world.plans.awaiting(None)
    assert [brief.meeting.id for brief in awaiting] == [world.other_meeting_id]
    published = await world.plans.published_for_akimats([akimat_id])
    assert [brief.meeting.id for brief in published] == [world.meeting_id]
    assert await world.plans.published_for_akimats([akimat_id + 1]) == []
    async with world.sessions() as session:
        links = await session.scalar(select(func.count()).select_from(PlanItemQuestion))
        items = await session.scalar(select(func.count()).select_from(PlanItem))
    assert (links, items) == (3, 2)
