"""Channels: chats of type "channel", their members and their posts.

What the emulator keeps of a channel is what the Bot API shows of one: a title, an optional
public @username, each member's status (creator, administrator with its rights, member, left,
kicked) and the posts. Channel posts carry ``sender_chat`` (the channel) and no ``from``. A
bot is told of its own changes with ``my_chat_member`` updates, as Telegram does when an
administrator adds, promotes, demotes or removes it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Literal

from sandbox.errors import bad_request, forbidden
from sandbox.state import EmulatorState, StoredMessage

MemberStatus = Literal["creator", "administrator", "member", "left", "kicked"]
MEMBER_STATUSES: tuple[str, ...] = ("creator", "administrator", "member", "left", "kicked")
# Telegram's supergroup and channel ids are -100 followed by the inner id.
FIRST_CHANNEL_ID = -1001000000001
# The rights Telegram lists for an administrator of a channel (ChatMemberAdministrator; the
# last three only in channels).
ADMIN_RIGHTS: tuple[str, ...] = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_post_messages",
    "can_edit_messages",
    "can_manage_direct_messages",
)
# Exact texts Telegram answers with (seen in the wild: teloxide #450, telebot #633).
NOT_MEMBER = "bot is not a member of the channel chat"
KICKED = "bot was kicked from the channel chat"
NEED_RIGHTS = "need administrator rights in the channel chat"
MEMBER_LIST_INACCESSIBLE = "member list is inaccessible"


@dataclass
class ChannelMember:
    status: str
    rights: dict[str, bool] = field(default_factory=dict)

    def to_json(self, user: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {"user": user, "status": self.status}
        if self.status == "creator":
            data["is_anonymous"] = False
        elif self.status == "administrator":
            data.update({right: self.rights.get(right, False) for right in ADMIN_RIGHTS})
        elif self.status == "kicked":
            data["until_date"] = 0
        return data

    @property
    def can_post(self) -> bool:
        return self.status == "creator" or (
            self.status == "administrator" and self.rights.get("can_post_messages", False)
        )


@dataclass
class ChannelRecord:
    id: int
    title: str
    username: str | None
    members: dict[int, ChannelMember] = field(default_factory=dict)
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "type": "channel"}
        if self.username:
            data["username"] = self.username
        return data

    def member(self, user_id: int) -> ChannelMember:
        return self.members.get(user_id) or ChannelMember("left")

    def posts(self) -> list[dict[str, Any]]:
        return [copy.deepcopy(m.payload) for m in self.messages.values() if not m.deleted]


def create_channel(
    state: EmulatorState, owner_id: int, title: str, username: str | None
) -> ChannelRecord:
    if owner_id not in state.users:
        raise KeyError(owner_id)
    name = username.lstrip("@") if username else None
    if name and find_channel(state, "@" + name) is not None:
        raise ValueError(f"@{name} is taken")
    channel_id = FIRST_CHANNEL_ID - len(state.channels)
    channel = ChannelRecord(channel_id, title, name)
    channel.members[owner_id] = ChannelMember("creator")
    state.channels[channel_id] = channel
    return channel


def find_channel(state: EmulatorState, chat_id: int | str) -> ChannelRecord | None:
    if isinstance(chat_id, int):
        return state.channels.get(chat_id)
    name = chat_id.lstrip("@").lower()
    for channel in state.channels.values():
        if channel.username and channel.username.lower() == name:
            return channel
    return None


def visible_channel(state: EmulatorState, chat_id: int | str) -> ChannelRecord | None:
    """The channel as the bot can address it: a public one by @username or id; a private one
    only while the bot is in it (else Telegram answers "chat not found")."""
    channel = find_channel(state, chat_id)
    if channel is None:
        return None
    if channel.username is None and channel.member(state.config.bot_id).status in (
        "left",
        "kicked",
    ):
        return None
    return channel


def check_can_post(state: EmulatorState, channel: ChannelRecord) -> None:
    member = channel.member(state.config.bot_id)
    if member.status == "kicked":
        raise forbidden(KICKED)
    if member.status == "left":
        raise forbidden(NOT_MEMBER)
    if not member.can_post:
        raise bad_request(NEED_RIGHTS)


def new_post(
    state: EmulatorState,
    channel: ChannelRecord,
    content: dict[str, Any],
    *,
    by_bot: bool,
) -> StoredMessage:
    """A post in the channel: its sender is the channel itself (``sender_chat``); a channel
    post has no ``from``."""
    message_id = channel.next_message_id
    channel.next_message_id += 1
    payload: dict[str, Any] = {
        "message_id": message_id,
        "sender_chat": channel.to_json(),
        "chat": channel.to_json(),
        "date": int(state.now()),
    }
    payload.update(content)
    message = StoredMessage(message_id, channel.id, by_bot, payload)
    channel.messages[message_id] = message
    if by_bot:
        state.stats.messages_sent += 1
    elif channel.member(state.config.bot_id).status == "administrator":
        # A bot in the channel hears of its other posts; never of its own.
        state.push_update("channel_post", message.snapshot())
    return message


def set_member(
    state: EmulatorState,
    channel: ChannelRecord,
    user_id: int,
    status: str,
    rights: dict[str, bool] | None,
    by_user_id: int,
) -> int | None:
    """An administrator (``by_user_id``) changes a member; when the member is the bot, the bot
    gets ``my_chat_member`` (old and new ChatMember). Returns the update id, if queued."""
    if status not in MEMBER_STATUSES:
        raise ValueError(f"status must be one of {', '.join(MEMBER_STATUSES)}")
    if status == "creator":
        raise ValueError("a channel has one creator, set at creation")
    bot_id = state.config.bot_id
    old = channel.member(user_id)
    new = ChannelMember(status, dict(rights or {}) if status == "administrator" else {})
    if status == "member" and user_id == bot_id:
        # Telegram: in channels, bots can only be added as administrators.
        raise ValueError("a bot can only be an administrator of a channel")
    channel.members[user_id] = new
    if user_id != bot_id:
        return None
    actor = state.user_json(by_user_id)
    if actor is None:
        raise KeyError(by_user_id)
    bot = state.bot_user_json()
    payload = {
        "chat": channel.to_json(),
        "from": actor,
        "date": int(state.now()),
        "old_chat_member": old.to_json(bot),
        "new_chat_member": new.to_json(bot),
    }
    return state.push_update("my_chat_member", payload)


def member_json(state: EmulatorState, channel: ChannelRecord, user_id: int) -> dict[str, Any]:
    if user_id == state.config.bot_id:
        user: dict[str, Any] | None = state.bot_user_json()
    else:
        user = state.user_json(user_id)
    if user is None:
        raise bad_request("user not found")
    return channel.member(user_id).to_json(user)
