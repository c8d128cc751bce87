"""services/audience.py on SQLite and PostgreSQL: who hears of a meeting, read from both sides.

`audience_query` (the people a meeting's notices go to) and `meetings_seen_by` (the meetings and
plans a subscriber's lists show) must agree on every case of the rule. Localities are the
shipped sample (Ұлытау oblast)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.audience import audience_query, meetings_seen_by, subscriptions_of
from services.clock import ManualClock
from services.localities import LocalityService
from services.meetings import MeetingService
from storage.models import Meeting, Subscription, User

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)

OBLAST = "620000000"  # Ұлытау облысы
ZHANAARKA = "623600000"  # Жаңаарқа ауданы
KARAAGASH = "623661000"  # Қараағаш а.о. (rural okrug)
ZHARTAS = "623661107"  # Жартас а., a village of Қараағаш a.o.
ZHUMAZHANOV_OKRUG = "623641000"  # another okrug of Жаңаарқа
KUIGENBAZ = "623641105"  # a village of that okrug
ULYTAU_DISTRICT = "623800000"
ZHEZDI = "623843000"  # Жезді к.ә. (settlement administration)
ZHEZDI_SETTLEMENT = "623843100"  # п.Жезды
ORNEK = "623843200"  # с.Өрнек, Жезді's sibling

CASES = [
    # The audience unit itself, or any unit inside it: always.
    (ORNEK, [(ORNEK, False)], True),
    (OBLAST, [(ZHARTAS, False)], True),
    (KARAAGASH, [(ZHARTAS, False)], True),
    (ZHANAARKA, [(KARAAGASH, False)], True),
    # A sibling or a unit elsewhere: never.
    (ORNEK, [(ZHEZDI_SETTLEMENT, False)], False),
    (KARAAGASH, [(KUIGENBAZ, False)], False),
    (KARAAGASH, [(ZHUMAZHANOV_OKRUG, True)], False),
    (ORNEK, [(ZHANAARKA, True)], False),
    # A unit containing the audience: only with "everything inside".
    (ORNEK, [(ZHEZDI, False)], False),
    (ORNEK, [(ZHEZDI, True)], True),
    (ORNEK, [(ULYTAU_DISTRICT, False)], False),
    (ORNEK, [(ULYTAU_DISTRICT, True)], True),
    (ORNEK, [(OBLAST, True)], True),
    (KARAAGASH, [(ZHANAARKA, True)], True),
    # Several subscriptions: one that hears of it is enough.
    (ORNEK, [(ZHEZDI_SETTLEMENT, False), (ZHEZDI, True)], True),
    (ORNEK, [(ZHANAARKA, True), (ULYTAU_DISTRICT, False)], False),
    # No subscription at all.
    (ORNEK, [], False),
]


@pytest.mark.parametrize(("audience", "subscriptions", "hears"), CASES)
async def test_both_sides_of_the_rule_agree(
    session_factory: Sessions, audience: str, subscriptions: list[tuple[str, bool]], hears: bool
) -> None:
    await LocalityService(session_factory).load_sample()
    meetings = MeetingService(session_factory, ManualClock(NOW), TZ, "2022")
    meeting = await meetings.create_meeting(
        host_code=OBLAST,
        venue_code=audience,
        audience_code=audience,
        starts_at=NOW + timedelta(days=20),
        duration_minutes=120,
        place="Мәдениет үйі",
        broadcast_url=None,
        created_by=None,
    )
    async with session_factory() as session:
        session.add(User(id=1, locale="kk", consent_at=NOW - timedelta(days=1), is_active=True))
        await session.flush()
        for code, inside in subscriptions:
            session.add(Subscription(user_id=1, locality_code=code, include_descendants=inside))
        await session.commit()

    async with session_factory() as session:
        told = (await session.execute(audience_query(audience))).all()
        rows = await subscriptions_of(session, 1)
        seen = (await session.scalars(select(Meeting.id).where(meetings_seen_by(rows)))).all()
    assert sorted((code, inside) for code, inside in rows) == sorted(subscriptions)
    assert (told == [(1, "kk")]) is hears
    assert (list(seen) == [meeting.id]) is hears


async def test_the_audience_leaves_out_inactive_and_unconsented(session_factory: Sessions) -> None:
    await LocalityService(session_factory).load_sample()
    async with session_factory() as session:
        session.add_all(
            [
                User(id=1, locale="ru", consent_at=NOW, is_active=True),
                User(id=2, locale="kk", consent_at=NOW, is_active=False),
                User(id=3, locale="kk", consent_at=None, is_active=True),
            ]
        )
        await session.flush()
        session.add_all(Subscription(user_id=uid, locality_code=ZHARTAS) for uid in (1, 2, 3))
        await session.commit()
    async with session_factory() as session:
        told = (await session.execute(audience_query(KARAAGASH))).all()
    assert [tuple(row) for row in told] == [(1, "ru")]
