"""Everything the emulator remembers: users, chats, messages, the update queue, files, stats."""

from __future__ import annotations

import asyncio
import copy
import secrets
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from sandbox.config import EmulatorConfig
from sandbox.files import FileStore
from sandbox.limits import RateLimiter
from sandbox.markup import Markup
from sandbox.notify import Notifier

if TYPE_CHECKING:
    from sandbox.channels import ChannelRecord

# Told the demo clock's new offset (seconds ahead of real time); returns when whatever
# became due by then has been done (the bot's scheduler tick).
ClockFollower = Callable[[float], Awaitable[None]]
EventType = Literal["sent", "edited", "deleted", "incoming", "callback_answer"]
BOT_EVENT_TYPES: frozenset[str] = frozenset({"sent", "edited", "deleted"})
# Update types delivered when allowed_updates is unset or empty (Bot API docs).
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    blocked: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    def chat_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class StoredMessage:
    message_id: int
    chat_id: int
    outgoing: bool  # sent by the bot
    payload: dict[str, Any]  # the Bot API Message object, as it is now
    keyboard: dict[str, Any] | None = None  # non-inline reply_markup sent with it
    deleted: bool = False

    def snapshot(self) -> dict[str, Any]:
        return copy.deepcopy(self.payload)


@dataclass
class ChatEvent:
    seq: int
    type: EventType
    chat_id: int
    message_id: int | None
    message: dict[str, Any] | None
    keyboard: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "type": self.type,
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "message": self.message,
            "keyboard": self.keyboard,
            "at": self.at,
        }
        data.update(self.extra)
        return data


@dataclass
class ChatRecord:
    id: int
    user: UserRecord
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    events: list[ChatEvent] = field(default_factory=list)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    force_reply: dict[str, Any] | None = None
    last_action: dict[str, Any] | None = None
    menu_button: dict[str, Any] | None = None
    chat_instance: str = field(default_factory=lambda: str(secrets.randbits(63)))

    def to_json(self) -> dict[str, Any]:
        return self.user.chat_json()

    def live_message(self, message_id: int) -> StoredMessage | None:
        message = self.messages.get(message_id)
        if message is None or message.deleted:
            return None
        return message


@dataclass
class PendingUpdate:
    update_id: int
    type: str
    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.type: self.payload}


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    rate_limited: int = 0
    rate_limited_by_method: Counter[str] = field(default_factory=Counter)
    chat_violations: int = 0
    chat_violations_by_chat: Counter[int] = field(default_factory=Counter)
    global_violations: int = 0
    # Requests with allow_paid_broadcast; those beyond the regular limit are billed 0.1 Star.
    paid_requests: int = 0
    paid_billed: int = 0
    paid_violations: int = 0
    messages_sent: int = 0
    messages_edited: int = 0
    messages_deleted: int = 0
    updates_created: int = 0
    updates_delivered: int = 0
    # Webhook deliveries that failed (a non-2xx answer, a timeout, no connection).
    webhook_errors: int = 0
    faults_injected: int = 0
    since: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "total_requests": sum(self.requests.values()),
            "errors": dict(self.errors),
            "rate_limited": self.rate_limited,
            "rate_limited_by_method": dict(self.rate_limited_by_method),
            "chat_violations": self.chat_violations,
            "chat_violations_by_chat": {
                str(k): v for k, v in self.chat_violations_by_chat.items()
            },
            "global_violations": self.global_violations,
            "paid_requests": self.paid_requests,
            "paid_billed": self.paid_billed,
            "paid_violations": self.paid_violations,
            "stars_spent": self.paid_billed / 10,
            "messages_sent": self.messages_sent,
            "messages_edited": self.messages_edited,
            "messages_deleted": self.messages_deleted,
            "updates_created": self.updates_created,
            "updates_delivered": self.updates_delivered,
            "webhook_errors": self.webhook_errors,
            "faults_injected": self.faults_injected,
            "since": self.since,
            "seconds": time.time() - self.since,
        }


@dataclass
class Fault:
    """An injected failure: the next ``remaining`` calls of ``method`` (to ``chat_id`` when
    set) are answered with ``error_code`` after ``delay_ms``, standing in for Telegram's own
    bad moments (5xx, slow answers) that no test could otherwise provoke."""

    method: str
    remaining: int
    error_code: int
    description: str
    chat_id: int | None = None
    delay_ms: int = 0

    def matches(self, method: str, chat_id: int | None) -> bool:
        return (
            self.remaining > 0
            and self.method.lower() == method.lower()
            and (self.chat_id is None or self.chat_id == chat_id)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "remaining": self.remaining,
            "error_code": self.error_code,
            "description": self.description,
            "chat_id": self.chat_id,
            "delay_ms": self.delay_ms,
        }


@dataclass
class PollTicket:
    """One waiting getUpdates; a newer one supersedes it (409 Conflict)."""

    superseded: bool = False


class EmulatorState:
    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.updates_changed = Notifier()  # the bot's getUpdates: one key
        self.events_changed = Notifier()  # the driver's event feeds: keyed by chat id
        self.active_poll: PollTicket | None = None
        self.closing = False
        self.next_update_id = 1
        self.next_seq = 1
        # The demo clock (driver API /_driver/clock): seconds the world is ahead of real time;
        # the dates of new messages read it, and so does the bot in sandbox mode.
        self.clock_offset = 0.0
        # Whoever runs on the demo clock (the bot in sandbox mode) and the zone its dates are
        # read in; without a follower the demo clock cannot be moved (driver API answers 409).
        self.clock_follower: ClockFollower | None = None
        self.clock_zone = "UTC"
        self.clock_lock = asyncio.Lock()  # one move at a time, its follower's tick included
        self._init_data()

    def _init_data(self) -> None:
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.updates: deque[PendingUpdate] = deque()
        self.allowed_updates: list[str] | None = None
        self.webhook: dict[str, Any] | None = None
        # setWebhook's secret_token, sent with every delivery; never shown by getWebhookInfo.
        self.webhook_secret: str | None = None
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.stats = Stats()
        self.limiter = self._new_limiter()
        self.faults: list[Fault] = []
        # Channels (sandbox/channels.py), by their negative chat id.
        self.channels: dict[int, ChannelRecord] = {}

    def now(self) -> float:
        """The emulator's time: real time moved on by the demo clock's offset."""
        return time.time() + self.clock_offset

    def reset_all(self) -> None:
        """As new: no data, counters from 1, the demo clock at real time."""
        self._init_data()
        self.next_update_id = 1
        self.next_seq = 1
        self.clock_offset = 0.0

    def reset(self) -> None:
        """Forget users, chats, files, updates, settings and stats; keep the config.

        Update ids and event seqs keep growing (as Telegram's update ids do), so a bot that
        kept an offset is not confused.
        """
        self._init_data()
        self.updates_changed.notify_all()
        self.events_changed.notify_all()

    # --- configuration ---------------------------------------------------------------------

    def _new_limiter(self) -> RateLimiter:
        c = self.config
        return RateLimiter(
            c.global_rate,
            c.global_burst,
            c.chat_rate,
            c.chat_burst,
            paid_rate=c.paid_broadcast_rate,
            paid_burst=c.paid_broadcast_burst,
            group_rate=c.group_rate,
            group_burst=c.group_burst,
        )

    def reconfigure(self, changes: dict[str, Any]) -> EmulatorConfig:
        self.config = self.config.with_changes(changes)
        limits = {
            "global_rate",
            "global_burst",
            "chat_rate",
            "chat_burst",
            "paid_broadcast_rate",
            "paid_broadcast_burst",
            "group_rate",
            "group_burst",
        }
        if limits & changes.keys():
            self.limiter = self._new_limiter()
        return self.config

    def take_fault(self, method: str, chat_id: int | None) -> Fault | None:
        """The first injected fault for this call, used up by one; None when there is none."""
        for fault in self.faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                self.stats.faults_injected += 1
                return fault
        return None

    def close(self) -> None:
        """Wake every long poll so that the server can shut down at once."""
        self.closing = True
        self.updates_changed.notify_all()
        self.events_changed.notify_all()

    # --- identities ------------------------------------------------------------------------

    def bot_user_json(self) -> dict[str, Any]:
        return {
            "id": self.config.bot_id,
            "is_bot": True,
            "first_name": self.config.bot_first_name,
            "username": self.config.bot_username,
        }

    def add_user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> UserRecord:
        user = self.users.get(user_id)
        if user is None:
            user = UserRecord(user_id, first_name, last_name, username, language_code)
            self.users[user_id] = user
            self.chats[user_id] = ChatRecord(user_id, user)
        else:
            user.first_name = first_name
            user.last_name = last_name
            user.username = username
            user.language_code = language_code
        return user

    def user_json(self, user_id: int) -> dict[str, Any] | None:
        user = self.users.get(user_id)
        return user.to_json() if user else None

    def find_chat(self, chat_id: int | str) -> ChatRecord | None:
        if isinstance(chat_id, str):
            name = chat_id.lstrip("@").lower()
            for chat in self.chats.values():
                if chat.user.username and chat.user.username.lower() == name:
                    # Bot API resolves @username only for public groups and channels.
                    return None
            return None
        return self.chats.get(chat_id)

    # --- events ----------------------------------------------------------------------------

    def add_event(
        self,
        chat: ChatRecord,
        kind: EventType,
        message: StoredMessage | None,
        *,
        keyboard: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> ChatEvent:
        event = ChatEvent(
            seq=self.next_seq,
            type=kind,
            chat_id=chat.id,
            message_id=message.message_id if message else None,
            message=message.snapshot() if message else None,
            keyboard=keyboard,
            extra=extra or {},
        )
        self.next_seq += 1
        chat.events.append(event)
        self.events_changed.notify(chat.id)  # only this chat's long polls
        return event

    # --- messages --------------------------------------------------------------------------

    def new_message(
        self,
        chat: ChatRecord,
        *,
        outgoing: bool,
        content: dict[str, Any],
        markup: Markup | None = None,
        reply_to: StoredMessage | None = None,
        options: dict[str, Any] | None = None,
    ) -> StoredMessage:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        sender = self.bot_user_json() if outgoing else chat.user.to_json()
        payload: dict[str, Any] = {
            "message_id": message_id,
            "from": sender,
            "chat": chat.to_json(),
            "date": int(self.now()),
        }
        if reply_to is not None:
            replied = reply_to.snapshot()
            replied.pop("reply_to_message", None)
            payload["reply_to_message"] = replied
        payload.update(content)
        keyboard: dict[str, Any] | None = None
        if markup is not None:
            if markup.kind == "inline":
                if markup.data["inline_keyboard"]:
                    payload["reply_markup"] = markup.data
            else:
                keyboard = markup.data
                if markup.kind == "keyboard":
                    chat.reply_keyboard = markup.data
                    chat.force_reply = None
                elif markup.kind == "remove":
                    chat.reply_keyboard = None
                    chat.force_reply = None
                else:
                    chat.force_reply = markup.data
        message = StoredMessage(message_id, chat.id, outgoing, payload, keyboard)
        chat.messages[message_id] = message
        if outgoing:
            self.stats.messages_sent += 1
            self.add_event(chat, "sent", message, keyboard=keyboard, extra=options)
        else:
            self.add_event(chat, "incoming", message)
        return message

    def edit_message(
        self, chat: ChatRecord, message: StoredMessage, changes: dict[str, Any]
    ) -> None:
        for key, value in changes.items():
            if value is None:
                message.payload.pop(key, None)
            else:
                message.payload[key] = value
        message.payload["edit_date"] = int(self.now())
        self.stats.messages_edited += 1
        self.add_event(chat, "edited", message)

    def delete_message(self, chat: ChatRecord, message: StoredMessage) -> None:
        message.deleted = True
        self.stats.messages_deleted += 1
        self.add_event(chat, "deleted", message)

    # --- updates ---------------------------------------------------------------------------

    def update_allowed(self, kind: str) -> bool:
        allowed = self.allowed_updates
        if not allowed:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in allowed

    def push_update(self, kind: str, payload: dict[str, Any]) -> int | None:
        """Queue an update; None if allowed_updates filters it out (it is then lost)."""
        if not self.update_allowed(kind):
            return None
        update_id = self.next_update_id
        self.next_update_id += 1
        self.updates.append(PendingUpdate(update_id, kind, payload))
        while len(self.updates) > self.config.max_updates_kept:
            self.updates.popleft()
        self.stats.updates_created += 1
        self.updates_changed.notify()
        return update_id

    def confirm_updates(self, offset: int) -> None:
        """getUpdates offset semantics: forget updates before ``offset``; negative = keep tail."""
        if offset > 0:
            while self.updates and self.updates[0].update_id < offset:
                self.updates.popleft()
        elif offset < 0:
            keep = -offset
            while len(self.updates) > keep:
                self.updates.popleft()

    def confirm_update(self, update_id: int) -> None:
        """A webhook answered it with a 2xx: forgotten."""
        for update in self.updates:
            if update.update_id == update_id:
                self.updates.remove(update)
                return

    def pending_updates(self, offset: int, limit: int) -> list[PendingUpdate]:
        result = []
        for update in self.updates:
            if offset > 0 and update.update_id < offset:
                continue
            result.append(update)
            if len(result) >= limit:
                break
        return result

    # --- users acting ----------------------------------------------------------------------

    def set_blocked(self, user: UserRecord, blocked: bool) -> int | None:
        """Block/unblock the bot; Telegram tells the bot with a my_chat_member update."""
        if user.blocked == blocked:
            return None
        user.blocked = blocked
        bot = self.bot_user_json()
        old_status, new_status = ("member", "kicked") if blocked else ("kicked", "member")
        now = int(self.now())
        payload = {
            "chat": user.chat_json(),
            "from": user.to_json(),
            "date": now,
            "old_chat_member": _member(bot, old_status),
            "new_chat_member": _member(bot, new_status),
        }
        return self.push_update("my_chat_member", payload)

    def new_callback(self, chat: ChatRecord, message_id: int, data: str) -> CallbackRecord:
        record = CallbackRecord(str(secrets.randbits(63)), chat.user.id, chat.id, message_id, data)
        self.callbacks[record.id] = record
        return record


def _member(user: dict[str, Any], status: str) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "kicked":
        member["until_date"] = 0
    return member
