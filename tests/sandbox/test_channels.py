"""Channels in the emulator, through aiogram (so every answer also passes aiogram's models):
a channel owned by a user, the bot added, promoted, demoted and removed with my_chat_member
updates, getChat / getChatMember / getChatAdministrators, channel posts (sender_chat, no
``from``), Telegram's refusals word for word, a forwarded post, and the slower rate limit of a
channel."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import (
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberOwner,
    MessageOriginChannel,
)

from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from sandbox.config import EmulatorConfig
from tests.sandbox.conftest import USER_ID

BOT_ID = 123456


async def test_a_channel_and_the_bot_in_it(bot: Bot, client: SandboxClient, user: int) -> None:
    chat = await client.create_channel(user, "Әкімдік <жаңалықтары>", "akimat_news")
    channel_id = int(chat["id"])
    assert chat == {
        "id": channel_id,
        "title": "Әкімдік <жаңалықтары>",
        "type": "channel",
        "username": "akimat_news",
    }
    assert str(channel_id).startswith("-100")

    # Public: getChat by @username works before the bot is in it; members are hidden.
    found = await bot.get_chat("@akimat_news")
    assert (found.id, found.type, found.title) == (channel_id, "channel", chat["title"])
    with pytest.raises(TelegramBadRequest, match="member list is inaccessible"):
        await bot.get_chat_member(channel_id, user)
    assert isinstance(await bot.get_chat_member(channel_id, BOT_ID), ChatMemberLeft)
    with pytest.raises(TelegramForbiddenError) as refused:
        await bot.send_message(channel_id, "hello")
    assert refused.value.message == "Forbidden: bot is not a member of the channel chat"
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.get_chat("@no_such_channel")

    # Added as an administrator without the right to post: Telegram tells the bot.
    await client.add_bot_to_channel(channel_id, can_post_messages=False)
    updates = await bot.get_updates(allowed_updates=["my_chat_member"])
    change = updates[-1].my_chat_member
    assert change is not None
    assert change.chat.type == "channel" and change.from_user.id == user
    assert change.old_chat_member.status == "left"
    assert isinstance(change.new_chat_member, ChatMemberAdministrator)
    assert change.new_chat_member.can_post_messages is False
    with pytest.raises(TelegramBadRequest) as no_right:
        await bot.send_message(channel_id, "hello")
    assert no_right.value.message == "Bad Request: need administrator rights in the channel chat"
    owner = await bot.get_chat_member(channel_id, user)
    assert isinstance(owner, ChatMemberOwner)
    admins = await bot.get_chat_administrators(channel_id)
    assert {member.user.id for member in admins} == {user, BOT_ID}

    # Promoted: it posts; the post is the channel's own (sender_chat), with no `from`.
    await client.add_bot_to_channel(channel_id, can_post_messages=True)
    sent = await bot.send_message(channel_id, "<b>Кездесу</b> &amp; жоспар", parse_mode="HTML")
    assert sent.from_user is None
    assert sent.sender_chat is not None and sent.sender_chat.id == channel_id
    posts = await client.channel_posts(channel_id)
    assert [post.content for post in posts] == ["Кездесу & жоспар"]
    assert "from" not in posts[0].raw
    # The owner's post reaches the bot as a channel_post; its own did not.
    seen = await bot.get_updates(allowed_updates=["my_chat_member", "channel_post"])
    await client.post_in_channel(channel_id, "Иесінің жазбасы")
    fresh = await bot.get_updates(offset=seen[-1].update_id + 1)
    assert [u.channel_post.text for u in fresh if u.channel_post] == ["Иесінің жазбасы"]

    # Removed: told again, and posting is refused.
    update_id = await client.set_channel_member(channel_id, status="kicked")
    assert update_id is not None
    with pytest.raises(TelegramForbiddenError) as kicked:
        await bot.send_message(channel_id, "again")
    assert kicked.value.message == "Forbidden: bot was kicked from the channel chat"


async def test_a_private_channel_is_found_only_with_the_bot_in_it(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    chat = await client.create_channel(user, "Private")
    channel_id = int(chat["id"])
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.get_chat(channel_id)
    await client.add_bot_to_channel(channel_id)
    assert (await bot.get_chat(channel_id)).username is None


async def test_a_forwarded_post_names_its_channel(
    bot: Bot, client: SandboxClient, user: int
) -> None:
    chat = await client.create_channel(user, "News", "news_channel")
    channel_id = int(chat["id"])
    post_id = await client.post_in_channel(channel_id, "Сәлем")
    await client.forward_from_channel(channel_id, post_id, user)
    updates = await bot.get_updates()
    message = updates[-1].message
    assert message is not None and message.text == "Сәлем"
    origin = message.forward_origin
    assert isinstance(origin, MessageOriginChannel)
    assert origin.chat.id == channel_id and origin.message_id == post_id


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(group_rate=1.0, group_burst=2, chat_rate=100.0, chat_burst=100)


async def test_a_channel_has_the_slower_limit_of_groups(
    bot: Bot, client: SandboxClient, user: int, emulator: RunningEmulator
) -> None:
    chat = await client.create_channel(user, "News", "limited_news")
    channel_id = int(chat["id"])
    await client.add_bot_to_channel(channel_id)
    await bot.send_message(channel_id, "1")
    await bot.send_message(channel_id, "2")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(channel_id, "3")
    # A private chat is not held back by it.
    for n in range(5):
        await bot.send_message(USER_ID, str(n))
