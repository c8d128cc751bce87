"""Personal receptions around a meeting (seed 000, clause 7-3: the day before the meeting and
the day after it): the meeting's audience is told each reception's date at 10:00 the day
before it, once, in their language; receptions of a cancelled meeting are not told, and one
whose day has passed is not told any more."""

from datetime import date, timedelta

from sqlalchemy import select

from storage.models import MeetingStatus, NoticeKind, OutboxMessage, OutboxStatus, Reception
from tests.builders import a_citizen
from tests.scheduler.helpers import KARAAGASH, ULYTAU_DISTRICT, World, local, payload_of

FOLLOWER = 7001  # follows Қараағаш, reads Russian
NEIGHBOUR = 7002  # follows Ұлытау district: not the audience


async def reception_rows(world: World) -> list[tuple[str, int]]:
    async with world.sessions() as session:
        rows = await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.key.like("reception:%"))
            .order_by(OutboxMessage.id)
        )
        return [(row.key, row.chat_id) for row in rows]


async def add_receptions(world: World, meeting_id: int, *days: date) -> None:
    async with world.sessions() as session:
        session.add_all([Reception(meeting_id=meeting_id, held_on=day) for day in days])
        await session.commit()


async def test_the_audience_hears_of_each_reception_the_day_before_it(world: World) -> None:
    await a_citizen(world.sessions, FOLLOWER, follows=[KARAAGASH], locale="ru")
    await a_citizen(world.sessions, NEIGHBOUR, follows=[ULYTAU_DISTRICT])
    meeting = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.ANNOUNCED)
    cancelled = await world.meeting(
        KARAAGASH, local(date(2027, 5, 21), 11), MeetingStatus.CANCELLED
    )
    await add_receptions(world, meeting, date(2027, 5, 19), date(2027, 5, 21))
    await add_receptions(world, cancelled, date(2027, 5, 20))

    world.clock.set(local(date(2027, 5, 17), 0))
    told: dict[str, object] = {}
    for _ in range(6 * 24):
        world.clock.advance(timedelta(hours=1))
        await world.tick()
        for key, chat_id in await reception_rows(world):
            told.setdefault(key, (chat_id, world.clock.now()))

    key_before = f"reception:{meeting}:2027-05-19:{FOLLOWER}"
    key_after = f"reception:{meeting}:2027-05-21:{FOLLOWER}"
    # The day before the meeting's reception is told on the 18th at 10:00, the day after's on
    # the meeting's day; each once, to the audience only.
    assert told == {
        key_before: (FOLLOWER, local(date(2027, 5, 18), 10)),
        key_after: (FOLLOWER, local(date(2027, 5, 20), 10)),
    }
    assert len(await reception_rows(world)) == 2
    async with world.sessions() as session:
        kinds = set(
            await session.scalars(
                select(OutboxMessage.kind).where(OutboxMessage.key.like("reception:%"))
            )
        )
    assert kinds == {NoticeKind.MEETING_REMINDER}
    text = (await payload_of(world.sessions, key_before))["ru"]["text"]
    assert "Личный приём граждан" in text
    assert "19 мая 2027" in text


async def test_a_reception_already_past_is_not_told(world: World) -> None:
    await a_citizen(world.sessions, FOLLOWER, follows=[KARAAGASH], locale="ru")
    meeting = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.HELD)
    # Recorded after the day it was held: a record, not news.
    await add_receptions(world, meeting, date(2027, 5, 21))
    await world.tick(local(date(2027, 5, 22), 10))
    assert await reception_rows(world) == []
    # A reception recorded on its own day is still told that day.
    await add_receptions(world, meeting, date(2027, 5, 23))
    await world.tick(local(date(2027, 5, 23), 9))
    assert await reception_rows(world) == [
        (f"reception:{meeting}:2027-05-23:{FOLLOWER}", FOLLOWER)
    ]


async def test_a_cancelled_meetings_reception_notice_is_withdrawn(world: World) -> None:
    """Told at 10:00 the day before but not delivered yet (quiet hours, a long queue), then the
    meeting is cancelled: the notice is taken back on the next tick, not sent after the news."""
    await a_citizen(world.sessions, FOLLOWER, follows=[KARAAGASH], locale="ru")
    meeting = await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.ANNOUNCED)
    await add_receptions(world, meeting, date(2027, 5, 21))
    await world.tick(local(date(2027, 5, 20), 10))
    [(key, _)] = await reception_rows(world)
    await world.set_status(meeting, MeetingStatus.CANCELLED)
    await world.tick(local(date(2027, 5, 20), 10, 1))
    async with world.sessions() as session:
        status = await session.scalar(select(OutboxMessage.status).where(OutboxMessage.key == key))
    assert status is OutboxStatus.SKIPPED
