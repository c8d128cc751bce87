"""The akimat's Telegram channel end to end, in Kazakh and Russian (issue 9, section 7).

An official links the channel: every refusal first (not a channel reference, an invite link,
an unknown channel, the bot not an administrator, the bot without the right to post, an
official who does not run the channel), then a link that holds. What the akimat makes public
then reaches the channel through the outbox: the announcement, its move, the published plan,
the quarterly report and, after the fourth quarter's due date, the year's results. The bot
removed from the channel breaks the link: the officials are told, nothing more is posted, the
screen says so. A post refused for good does the same. Finally the channel is unlinked.
"""

import html
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from locales import Text
from regulation.report_periods import PeriodKind, ReportPeriod
from sandbox.client import ChatSession
from scheduler.runner import tick
from services.channels import ChannelLanguage, ChannelState
from services.plans import ItemDraft, Quarter
from services.statuses import PlanItemStatus
from storage.models import AkimatChannel, AuditEntry, OutboxMessage
from tests.builders import a_draft, an_official
from tests.e2e.harness import ALMATY, START, BotWorld

HOST = "623600000"  # Жаңаарқа district
OFFICIAL, COLLEAGUE, OBLAST_OFFICIAL = 5301, 5302, 5303
OBLAST = "620000000"  # Ұлытау oblast: its officials read the district's channel
SUMMARY = "Кездесуге 120 адам қатысты: <жол> & жарық"
PLACE = "Мәдениет үйі <Шаңырақ>"


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def link_attempt(
    chat: ChatSession, t: Text, reference: str, language: ChannelLanguage
) -> str:
    """Name the channel and, when the bot asks, pick the language: what the bot said last."""
    answer = await chat.say(reference)
    if plain(answer[-1].content) != plain(t("channel-pick-language")):
        return plain(answer[-1].content)
    await chat.press(chat.last, t(f"channel-language-{language.value}"))
    return plain(chat.last.content)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_channel_linked_fed_broken_and_unlinked(world: BotWorld, locale: str) -> None:
    t = world.text(locale)
    sessions = world.app.session_factory
    akimat_id = await an_official(sessions, OFFICIAL, akimat=HOST, locale=locale)
    await an_official(sessions, COLLEAGUE, akimat=HOST, locale=locale)
    chat = await world.chat(OFFICIAL, language_code=locale)
    colleague = await world.chat(COLLEAGUE, language_code=locale)
    client = world.client
    channel = await client.create_channel(OFFICIAL, "Жаңаарқа <әкімдігі>", "zhanaarka_akimat")
    channel_id = int(channel["id"])
    language = ChannelLanguage.KK if locale == "kk" else ChannelLanguage.BOTH

    # --- linking, refusals first ---------------------------------------------------------
    screen = await chat.say("/channel")
    assert plain(t("channel-how").splitlines()[0]) in plain(screen[-1].content)
    for text, reason in [
        ("hello there", "reference"),
        ("https://t.me/+AbCdEf123", "private"),
        ("@nobody_channel", "not_found"),
    ]:
        answer = await chat.say(text)
        assert plain(answer[-1].content) == plain(t(f"channel-refused-{reason}"))
    # The channel exists but the bot is not in it.
    refused = await link_attempt(chat, t, "@zhanaarka_akimat", language)
    assert refused == plain(t("channel-refused-bot_not_admin"))
    await client.add_bot_to_channel(channel_id, can_post_messages=False)
    refused = await link_attempt(chat, t, "https://t.me/zhanaarka_akimat", language)
    assert refused == plain(t("channel-refused-no_post_right"))
    await client.add_bot_to_channel(channel_id, can_post_messages=True)
    # A colleague who does not run the channel cannot attach it.
    await colleague.say("/channel")
    refused = await link_attempt(colleague, t, "@zhanaarka_akimat", language)
    assert refused == plain(t("channel-refused-official_not_admin"))
    async with sessions() as session:
        assert await session.get(AkimatChannel, akimat_id) is None

    # The official links it by forwarding a post from it.
    post_id = await client.post_in_channel(channel_id, "Сәлем!")
    await client.forward_from_channel(channel_id, post_id, OFFICIAL)
    await chat.collect("the language question")
    assert plain(chat.last.content) == plain(t("channel-pick-language"))
    await chat.press(chat.last, t(f"channel-language-{language.value}"))
    # The message as read (entities parsed): the channel's title as its owner typed it.
    shown = chat.last.content
    assert "Жаңаарқа <әкімдігі> (@zhanaarka_akimat)" in shown
    assert plain(t("channel-active")) in shown
    async with sessions() as session:
        row = await session.get(AkimatChannel, akimat_id)
        assert row is not None
        assert (row.chat_id, row.language, row.state) == (
            channel_id,
            language,
            ChannelState.ACTIVE,
        )

    # An official of the oblast reads it, with nothing to press.
    await an_official(sessions, OBLAST_OFFICIAL, akimat=OBLAST, locale=locale)
    reader = await world.chat(OBLAST_OFFICIAL, language_code=locale)
    [read] = await reader.say(f"/channel {HOST}")
    assert "Жаңаарқа <әкімдігі> (@zhanaarka_akimat)" in read.content
    assert read.reply_markup is None

    # --- what is made public reaches the channel -------------------------------------------
    meeting = await a_draft(
        world.services.meetings,
        host=HOST,
        starts_at=START + timedelta(days=20),
        place=PLACE,
        created_by=OFFICIAL,
    )
    await world.services.lifecycle.announce(meeting.id, OFFICIAL)
    await world.sender.drain()
    posts = await client.channel_posts(channel_id)
    assert len(posts) == 2  # the owner's own post, then the announcement
    announcement = posts[-1]
    assert "from" not in announcement.raw
    assert announcement.raw["sender_chat"]["id"] == channel_id
    assert announcement.raw["chat"]["type"] == "channel"
    assert PLACE in announcement.content  # escaped on the way, read as it was typed
    assert announcement.reply_markup is None
    if language is ChannelLanguage.BOTH:
        kk, ru = world.text("kk"), world.text("ru")
        assert kk.weekday_datetime(meeting.starts_at) in announcement.content
        assert ru.weekday_datetime(meeting.starts_at) in announcement.content

    new_start = meeting.starts_at + timedelta(days=1)
    await world.services.lifecycle.move(meeting.id, OFFICIAL, new_start)
    await world.sender.drain()
    posts = await client.channel_posts(channel_id)
    assert len(posts) == 3
    assert t.weekday_datetime(new_start) in posts[-1].content

    # The meeting held; its plan published; a quarter later its report.
    world.clock.set(new_start + timedelta(days=3))
    plans = world.services.plans
    await plans.set_summary(meeting.id, SUMMARY)
    item = await plans.add_item(
        meeting.id,
        ItemDraft(
            "Жол жөнделмеген",
            "Жолды жөндеу",
            "Аудан әкімдігі",
            START.date() + timedelta(days=200),
            (),
        ),
    )
    published = await plans.publish(meeting.id, OFFICIAL)
    await world.sender.drain()
    posts = await client.channel_posts(channel_id)
    assert len(posts) == 4
    assert SUMMARY in posts[-1].content

    world.clock.set(datetime(2027, 1, 20, 10, 0, tzinfo=ALMATY))
    draft = await plans.open_report(meeting.id, Quarter(2026, 4))
    await plans.set_entry(draft.report.id, item.id, PlanItemStatus.IN_PROGRESS, 40, None)
    await plans.publish_report(draft.report.id, OFFICIAL)
    await world.sender.drain()
    posts = await client.channel_posts(channel_id)
    assert len(posts) == 5
    assert t("plan-quarter", year="2026", quarter=4) in posts[-1].content

    # The year's results: after the fourth quarter's due date (25 January), at 09:00.
    world.clock.set(datetime(2027, 1, 26, 8, 0, tzinfo=ALMATY))
    await tick(world.services, world.clock.now())
    await world.sender.drain()
    assert len(await client.channel_posts(channel_id)) == 5
    world.clock.set(datetime(2027, 1, 26, 9, 5, tzinfo=ALMATY))
    await tick(world.services, world.clock.now())
    await tick(world.services, world.clock.now())  # once, however many ticks
    await world.sender.drain()
    posts = await client.channel_posts(channel_id)
    assert len(posts) == 6
    year_post = posts[-1].content
    assert plain(t("channel-year-source")) in year_post
    assert "2026" in year_post
    async with sessions() as session:
        keys = set(
            await session.scalars(
                select(OutboxMessage.key).where(OutboxMessage.chat_id == channel_id)
            )
        )
    assert keys == {
        f"channel:announce:{meeting.id}:{channel_id}",
        f"channel:move:{meeting.id}:{new_start.isoformat()}:{channel_id}",
        f"channel:plan:{published.plan.id}:published:{channel_id}",
        f"channel:progress:{draft.report.id}:{channel_id}",
        f"channel:year:{akimat_id}:2026:{channel_id}",
    }

    # --- the bot removed from the channel ----------------------------------------------------
    update_id = await client.set_channel_member(channel_id, status="left")
    assert update_id is not None
    assert world.tracker is not None
    await world.tracker.wait(update_id)
    await world.sender.drain()
    for person in (chat, colleague):
        await person.collect("the channel's breakdown")
        assert plain(t("channel-reason-left")) in plain(person.last.content)
    async with sessions() as session:
        row = await session.get(AkimatChannel, akimat_id)
        assert row is not None
        assert (row.state, row.broken_reason) == (ChannelState.BROKEN, "left")
    # The record of the year shows what reached the channel, and that it is broken.
    records = await world.services.feedback.records(
        [akimat_id], ReportPeriod(2026, PeriodKind.YEAR, 1)
    )
    publication = records[akimat_id].channel
    assert publication is not None
    assert (publication.broken, publication.plans_sent, publication.plans_failed) == (
        True,
        1,
        0,
    )
    quarter = await world.services.feedback.records(
        [akimat_id], ReportPeriod(2027, PeriodKind.QUARTER, 1)
    )
    in_quarter = quarter[akimat_id].channel
    assert in_quarter is not None
    assert (in_quarter.reports_sent, in_quarter.plans_sent) == (1, 0)
    # Nothing more is posted.
    other = await a_draft(
        world.services.meetings,
        host=HOST,
        starts_at=world.clock.now() + timedelta(days=20),
        created_by=OFFICIAL,
    )
    await world.services.lifecycle.announce(other.id, OFFICIAL)
    await world.sender.drain()
    assert len(await client.channel_posts(channel_id)) == 6
    screen = await chat.say("/channel")
    assert plain(t("channel-reason-left")) in plain(screen[-1].content)
    # Re-checking says why it still cannot post.
    await chat.press(chat.last, t("channel-check-button"))
    assert chat.callback_answers[-1]["text"] == plain(t("channel-refused-bot_not_admin"))

    # The bot made an administrator again: the check restores the link.
    await client.add_bot_to_channel(channel_id)
    await chat.say("/channel")
    await chat.press(chat.last, t("channel-check-button"))
    assert plain(t("channel-active")) in plain(chat.last.content)

    # --- unlinking ---------------------------------------------------------------------------
    await chat.press(chat.last, t("channel-unlink-button"))
    await chat.press(chat.last, t("channel-unlink-yes"))
    assert plain(t("channel-none", akimat="x").splitlines()[1]) in plain(chat.last.content)
    async with sessions() as session:
        assert await session.get(AkimatChannel, akimat_id) is None
        acts = list(
            await session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.like("channel.%"), AuditEntry.allowed.is_(True))
                .order_by(AuditEntry.id)
            )
        )
    assert acts[-3:] == ["channel.check", "channel.check", "channel.unlink"]
    assert "channel.link" in acts


async def test_a_post_refused_for_good_breaks_the_link(world: BotWorld) -> None:
    t = world.text("ru")
    sessions = world.app.session_factory
    akimat_id = await an_official(sessions, OFFICIAL, akimat=HOST, locale="ru")
    chat = await world.chat(OFFICIAL, language_code="ru")
    client = world.client
    channel = await client.create_channel(OFFICIAL, "Акимат Жанаарки", "zhanaarka_ru")
    channel_id = int(channel["id"])
    await client.add_bot_to_channel(channel_id)
    await chat.say("/channel")
    refused = await link_attempt(chat, t, "@zhanaarka_ru", ChannelLanguage.RU)
    assert plain(t("channel-active")) in refused

    # Telegram refuses the post: the bot lost its rights without the bot being told.
    await client.inject_fault(
        "sendMessage",
        error_code=400,
        description="Bad Request: need administrator rights in the channel chat",
        chat_id=channel_id,
    )
    meeting = await a_draft(
        world.services.meetings,
        host=HOST,
        starts_at=START + timedelta(days=20),
        created_by=OFFICIAL,
    )
    await world.services.lifecycle.announce(meeting.id, OFFICIAL)
    await world.sender.drain()
    assert await client.channel_posts(channel_id) == []
    await tick(world.services, world.clock.now())
    await world.sender.drain()
    await chat.collect("the channel's breakdown")
    assert plain(t("channel-reason-no_post_right")) in plain(chat.last.content)
    async with sessions() as session:
        row = await session.get(AkimatChannel, akimat_id)
        assert row is not None
        assert row.state is ChannelState.BROKEN
