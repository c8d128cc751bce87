"""The akimat's channel on SQLite and PostgreSQL (services/channels.py): the references an
official may give, each refusal of the check, linking and its rights, what is posted and what
is not (a broken link, a move of a meeting never posted), the link broken by the bot's status
or a refused post with the officials told, and the year's results posted once."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.notices import notice_renderers
from locales import Translator
from services.access import AccessDeniedError
from services.channels import (
    ChannelCheckError,
    ChannelLanguage,
    ChannelRefusal,
    ChannelState,
    ProbedChat,
    ProbedMember,
    break_reason,
    parse_reference,
)
from services.clock import ManualClock
from services.container import Services
from storage.models import AkimatChannel, OutboxMessage, OutboxPayload, OutboxStatus
from tests.builders import a_draft, an_official

Sessions = async_sessionmaker[AsyncSession]
TZ = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
BOT = 123456
OFFICIAL, COLLEAGUE, COORDINATOR_LIKE = 5001, 5002, 5003
ZHANAARKA = "623600000"
OBLAST = "620000000"
CHANNEL = -1001000000001


@dataclass
class FakeProbe:
    """Telegram as the probe sees it: chats by reference, members by (chat, user)."""

    chats: dict[int | str, ProbedChat] = field(default_factory=dict)
    members: dict[tuple[int, int], ProbedMember] = field(default_factory=dict)

    @property
    def bot_id(self) -> int:
        return BOT

    async def chat(self, reference: int | str) -> ProbedChat | None:
        return self.chats.get(reference)

    async def member(self, chat_id: int, user_id: int) -> ProbedMember | None:
        return self.members.get((chat_id, user_id))


def a_channel(*, bot: str = "administrator", can_post: bool = True) -> FakeProbe:
    chat = ProbedChat(CHANNEL, "channel", "Жаңаарқа <әкімдігі>", "zhanaarka")
    probe = FakeProbe({CHANNEL: chat, "@zhanaarka": chat})
    probe.members[(CHANNEL, BOT)] = ProbedMember(bot, can_post)
    probe.members[(CHANNEL, OFFICIAL)] = ProbedMember("creator")
    return probe


@pytest.fixture
async def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def services(session_factory: Sessions, clock: ManualClock) -> Services:
    services = Services.create(
        session_factory=session_factory,
        renderer=notice_renderers(),
        translator=Translator(),
        clock=clock,
        tz=TZ,
        profile="2022",
        admin_ids=frozenset(),
        default_locale="kk",
    )
    await services.localities.load_sample()
    await an_official(session_factory, OFFICIAL, akimat=ZHANAARKA, locale="kk")
    await an_official(session_factory, COLLEAGUE, akimat=ZHANAARKA, locale="ru")
    # An official of the oblast reads the district's channel and does not act on it.
    await an_official(session_factory, COORDINATOR_LIKE, akimat=OBLAST)
    return services


async def channel_rows(session_factory: Sessions) -> list[tuple[str, str, str]]:
    """(key, status, text in its locale) of every outbox row to the channel."""
    async with session_factory() as session:
        found = await session.execute(
            select(
                OutboxMessage.key, OutboxMessage.status, OutboxMessage.locale, OutboxPayload.body
            )
            .join(OutboxPayload, OutboxPayload.id == OutboxMessage.payload_id)
            .where(OutboxMessage.chat_id == CHANNEL)
            .order_by(OutboxMessage.id)
        )
        return [
            (key, status, json.loads(body)[locale]["text"]) for key, status, locale, body in found
        ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@zhanaarka", "@zhanaarka"),
        ("zhanaarka", "@zhanaarka"),
        ("  https://t.me/zhanaarka  ", "@zhanaarka"),
        ("t.me/zhanaarka/15", "@zhanaarka"),
        ("http://telegram.me/Zhanaarka_News", "@Zhanaarka_News"),
    ],
)
def test_references_read(text: str, expected: str) -> None:
    assert parse_reference(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://t.me/+AbCdEf", ChannelRefusal.PRIVATE_LINK),
        ("t.me/joinchat/AbCdEf", ChannelRefusal.PRIVATE_LINK),
        ("https://t.me/c/1234/5", ChannelRefusal.PRIVATE_LINK),
        ("hello there", ChannelRefusal.BAD_REFERENCE),
        ("@ab", ChannelRefusal.BAD_REFERENCE),
        ("@1abcde", ChannelRefusal.BAD_REFERENCE),
        ("", ChannelRefusal.BAD_REFERENCE),
    ],
)
def test_references_refused(text: str, reason: ChannelRefusal) -> None:
    with pytest.raises(ChannelCheckError) as caught:
        parse_reference(text)
    assert caught.value.reason is reason


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("Forbidden: bot was kicked from the channel chat", "kicked"),
        ("Forbidden: bot is not a member of the channel chat", "left"),
        ("Bad Request: need administrator rights in the channel chat", "no_post_right"),
        ("Bad Request: chat not found", "not_found"),
        ("Bad Request: something new", "Bad Request: something new"),
    ],
)
def test_telegram_refusals_become_reasons(error: str, reason: str) -> None:
    assert break_reason(error) == reason


def _refused_probe(case: str) -> FakeProbe:
    probe = a_channel()
    if case == "not_found":
        probe.chats.clear()
    elif case == "not_channel":
        probe.chats["@zhanaarka"] = ProbedChat(-100500, "supergroup", "Group", "zhanaarka")
    elif case == "bot_not_admin":
        del probe.members[(CHANNEL, BOT)]
    elif case == "no_post_right":
        probe.members[(CHANNEL, BOT)] = ProbedMember("administrator", False)
    elif case == "official_not_admin":
        probe.members[(CHANNEL, OFFICIAL)] = ProbedMember("member")
    return probe


@pytest.mark.parametrize(
    "case", ["not_found", "not_channel", "bot_not_admin", "no_post_right", "official_not_admin"]
)
async def test_each_refusal_links_nothing(
    services: Services, session_factory: Sessions, case: str
) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    with pytest.raises(ChannelCheckError) as caught:
        await services.channels.link(
            OFFICIAL, akimat_id, _refused_probe(case), "@zhanaarka", ChannelLanguage.KK
        )
    assert caught.value.reason.value == case
    async with session_factory() as session:
        assert await session.get(AkimatChannel, akimat_id) is None


async def test_only_the_akimats_officials_link_and_readers_read(services: Services) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    with pytest.raises(AccessDeniedError):
        await services.channels.link(
            COORDINATOR_LIKE, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.KK
        )
    view = await services.channels.link(
        OFFICIAL, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.BOTH
    )
    assert (view.chat_id, view.username, view.state) == (
        CHANNEL,
        "zhanaarka",
        ChannelState.ACTIVE,
    )
    # The oblast's official reads it and may not unlink it.
    assert await services.channels.view(COORDINATOR_LIKE, akimat_id) == view
    assert not await services.channels.may_act(COORDINATOR_LIKE, akimat_id)
    with pytest.raises(AccessDeniedError):
        await services.channels.unlink(COORDINATOR_LIKE, akimat_id)
    assert await services.channels.unlink(OFFICIAL, akimat_id)
    assert await services.channels.view(OFFICIAL, akimat_id) is None


async def test_announcements_go_to_an_active_channel_only(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    await services.channels.link(
        OFFICIAL, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.BOTH
    )
    first = await a_draft(
        services.meetings, host=ZHANAARKA, starts_at=NOW + timedelta(days=20), created_by=OFFICIAL
    )
    await services.lifecycle.announce(first.id, OFFICIAL)
    rows = await channel_rows(session_factory)
    assert [(key, status) for key, status, _ in rows] == [
        (f"channel:announce:{first.id}:{CHANNEL}", OutboxStatus.PENDING)
    ]
    # One post, both languages: the Kazakh card first.
    text = rows[0][2]
    kk = Translator().bind("kk", TZ).weekday_datetime(first.starts_at)
    ru = Translator().bind("ru", TZ).weekday_datetime(first.starts_at)
    assert text.index(kk) < text.index(ru)

    # The bot demoted: the link breaks, both officials are told, nothing more is posted.
    assert await services.channels.bot_status_changed(CHANNEL, "administrator", False) == 1
    async with session_factory() as session:
        told = set(
            await session.scalars(
                select(OutboxMessage.chat_id).where(OutboxMessage.key.like("channel-broken:%"))
            )
        )
        row = await session.get(AkimatChannel, akimat_id)
    assert told == {OFFICIAL, COLLEAGUE}
    assert row is not None and row.broken_reason == "no_post_right"
    # Told again of the same state: nobody twice.
    assert await services.channels.bot_status_changed(CHANNEL, "left", False) == 0
    second = await a_draft(
        services.meetings, host=ZHANAARKA, starts_at=NOW + timedelta(days=21), created_by=OFFICIAL
    )
    await services.lifecycle.announce(second.id, OFFICIAL)
    await services.lifecycle.move(first.id, OFFICIAL, first.starts_at + timedelta(hours=2))
    assert len(await channel_rows(session_factory)) == 1


async def test_a_move_is_posted_only_when_the_announcement_was(
    services: Services, session_factory: Sessions
) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    before = await a_draft(
        services.meetings, host=ZHANAARKA, starts_at=NOW + timedelta(days=20), created_by=OFFICIAL
    )
    await services.lifecycle.announce(before.id, OFFICIAL)
    await services.channels.link(
        OFFICIAL, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.RU
    )
    await services.lifecycle.move(before.id, OFFICIAL, before.starts_at + timedelta(hours=2))
    await services.lifecycle.cancel(before.id, OFFICIAL, "Дауыл")
    assert await channel_rows(session_factory) == []


async def test_a_refused_post_breaks_the_link(
    services: Services, session_factory: Sessions
) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    await services.channels.link(
        OFFICIAL, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.KK
    )
    meeting = await a_draft(
        services.meetings, host=ZHANAARKA, starts_at=NOW + timedelta(days=20), created_by=OFFICIAL
    )
    await services.lifecycle.announce(meeting.id, OFFICIAL)
    assert await services.channels.watch_failures() == 0
    async with session_factory() as session:
        row = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == CHANNEL))
        ).one()
        row.status = OutboxStatus.UNREACHABLE
        row.last_error = "Forbidden: bot was kicked from the channel chat"
        await session.commit()
    assert await services.channels.watch_failures() == 1
    assert await services.channels.watch_failures() == 0
    view = await services.channels.view(OFFICIAL, akimat_id)
    assert view is not None
    assert (view.state, view.broken_reason) == (ChannelState.BROKEN, "kicked")
    # A check that holds restores it.
    await services.channels.recheck(OFFICIAL, akimat_id, a_channel())
    view = await services.channels.view(OFFICIAL, akimat_id)
    assert view is not None and view.active


async def test_the_years_results_once_after_the_fourth_quarter(
    services: Services, session_factory: Sessions, clock: ManualClock
) -> None:
    akimat_id = (await services.access.akimats_of(OFFICIAL))[0].id
    await services.channels.link(
        OFFICIAL, akimat_id, a_channel(), "@zhanaarka", ChannelLanguage.KK
    )
    # Q4 2026's progress is due on 25 January 2027: from 26 January, 09:00 local.
    assert services.channels.due_year(datetime(2027, 1, 26, 3, 59, tzinfo=UTC)) is None
    assert services.channels.due_year(datetime(2027, 1, 26, 4, 0, tzinfo=UTC)) == 2026
    run = await services.channels.post_year_results(datetime(2027, 1, 26, 4, 0, tzinfo=UTC))
    assert (run.year, run.posted) == (2026, 1)
    again = await services.channels.post_year_results(datetime(2027, 1, 26, 5, 0, tzinfo=UTC))
    assert again.posted == 0
    rows = await channel_rows(session_factory)
    assert [key for key, _, _ in rows] == [f"channel:year:{akimat_id}:2026:{CHANNEL}"]
    assert "2026" in rows[0][2]
