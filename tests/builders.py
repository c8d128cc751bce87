"""Builders of test data: `a_citizen`, `an_official`, `a_meeting`, `a_question` and friends.

Keyword-only, with defaults that fit the shipped sample localities (Ұлытау oblast), so a test
says only what matters to it:

    await a_citizen(sessions, 7001, follows=[ZHARTAS], locale="ru")
    await an_official(sessions, 5001, akimat=KARAAGASH)
    meeting_id = await a_meeting(sessions, akimat=KARAAGASH, starts_at=..., status=HELD)

They write the tables straight through the storage models, so they do not move when a
service's signature does. The one exception is `a_draft`, which goes through
`MeetingService.create_meeting` (the way tests already made meetings) because that is where a
draft gets its questions' cutoff and its host akimat; it builds nothing else.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.meetings import MeetingService, MeetingView
from storage.models import (
    Akimat,
    Meeting,
    MeetingStatus,
    Official,
    Question,
    QuestionKind,
    Subscription,
    Support,
    User,
)

Sessions = async_sessionmaker[AsyncSession]

KARAAGASH = "623661000"  # Қараағаш а.о., a rural okrug of the sample: the default host
# Consent given long before any test's clock: only "given or not" matters to the bot.
CONSENTED_AT = datetime(2025, 1, 1, tzinfo=UTC)
PLACE = "Мәдениет үйі"
QUESTION_TEXT = "Жол қашан жөнделеді?"


async def a_citizen(
    sessions: Sessions,
    user_id: int,
    *,
    follows: Iterable[str] = (),
    everything: bool = False,
    locale: str | None = "kk",
    consent_at: datetime | None = CONSENTED_AT,
    active: bool = True,
) -> None:
    """A person who has been through /start, subscribed to the localities in ``follows``
    (``everything``: with the places inside them). ``consent_at=None``: never consented;
    ``active=False``: blocked the bot."""
    async with sessions() as session:
        session.add(User(id=user_id, locale=locale, consent_at=consent_at, is_active=active))
        await session.flush()
        for code in follows:
            session.add(
                Subscription(user_id=user_id, locality_code=code, include_descendants=everything)
            )
        await session.commit()


async def an_akimat(sessions: Sessions, code: str = KARAAGASH) -> int:
    """The akimat of the locality ``code``, created if it has none yet; its id."""
    async with sessions() as session:
        found = await session.scalar(select(Akimat.id).where(Akimat.locality_code == code))
        if found is not None:
            return found
        akimat = Akimat(locality_code=code)
        session.add(akimat)
        await session.commit()
        return akimat.id


async def an_official(
    sessions: Sessions,
    user_id: int,
    *,
    akimat: str = KARAAGASH,
    locale: str = "kk",
    consent_at: datetime = CONSENTED_AT,
) -> int:
    """``user_id`` acting for the akimat of the locality ``akimat`` (the person is created when
    new, with ``locale``); the akimat's id."""
    akimat_id = await an_akimat(sessions, akimat)
    async with sessions() as session:
        if await session.get(User, user_id) is None:
            session.add(User(id=user_id, locale=locale, consent_at=consent_at))
            await session.flush()
        session.add(Official(user_id=user_id, akimat_id=akimat_id))
        await session.commit()
    return akimat_id


async def a_meeting(
    sessions: Sessions,
    *,
    akimat: str = KARAAGASH,
    starts_at: datetime,
    status: MeetingStatus = MeetingStatus.DRAFT,
    minutes: int = 120,
    place: str = PLACE,
) -> int:
    """A meeting of the akimat of ``akimat`` for its own territory, written into the table as
    it stands in ``status`` (announced 20 days before unless a draft; questions close a day
    before); its id."""
    akimat_id = await an_akimat(sessions, akimat)
    start = starts_at.astimezone(UTC)
    async with sessions() as session:
        meeting = Meeting(
            host_akimat_id=akimat_id,
            venue_code=akimat,
            audience_code=akimat,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            place=place,
            status=status,
            questions_cutoff=start - timedelta(hours=24),
            announced_at=None if status is MeetingStatus.DRAFT else start - timedelta(days=20),
        )
        session.add(meeting)
        await session.commit()
        return meeting.id


async def a_draft(
    meetings: MeetingService,
    *,
    host: str = KARAAGASH,
    venue: str | None = None,
    audience: str | None = None,
    starts_at: datetime,
    minutes: int = 120,
    place: str = PLACE,
    url: str | None = None,
    created_by: int | None = None,
) -> MeetingView:
    """A draft meeting made as an official makes it (`MeetingService.create_meeting`); the
    venue and the audience are the host's own locality unless given."""
    return await meetings.create_meeting(
        host_code=host,
        venue_code=venue or host,
        audience_code=audience or host,
        starts_at=starts_at,
        duration_minutes=minutes,
        place=place,
        broadcast_url=url,
        created_by=created_by,
    )


async def a_question(
    sessions: Sessions,
    *,
    meeting_id: int,
    author_id: int,
    text: str = QUESTION_TEXT,
    kind: QuestionKind = QuestionKind.QUESTION,
    public_number: str | None = None,
    supporters: Iterable[int] = (),
) -> int:
    """A question (or proposal) asked of a meeting, supported by ``supporters``; its id."""
    async with sessions() as session:
        question = Question(
            meeting_id=meeting_id,
            author_id=author_id,
            kind=kind,
            text=text,
            public_number=public_number,
        )
        session.add(question)
        await session.flush()
        for user_id in supporters:
            session.add(Support(question_id=question.id, user_id=user_id))
        await session.commit()
        return question.id
