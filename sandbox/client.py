"""An async Python client of the driver API, for tests and benchmarks.

async with SandboxClient(emulator.url) as client:
    chat = await ChatSession.create(client, 1001, first_name="Aigerim", language_code="kk")
    replies = await chat.say("/start")
    events = await chat.press(replies[-1], "Қазақша")
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal

import aiohttp

Sender = Literal["all", "bot", "user"]


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None
    url: str | None
    raw: dict[str, Any]


@dataclass(frozen=True)
class BotMessage:
    """A message as the Bot API returns it (``raw``), with shortcuts."""

    message_id: int
    chat_id: int
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BotMessage:
        return cls(int(data["message_id"]), int(data["chat"]["id"]), data)

    @property
    def text(self) -> str | None:
        return self.raw.get("text")

    @property
    def caption(self) -> str | None:
        return self.raw.get("caption")

    @property
    def content(self) -> str:
        """The text, or the caption of a media message, or ''."""
        return self.raw.get("text") or self.raw.get("caption") or ""

    @property
    def entities(self) -> list[dict[str, Any]]:
        return list(self.raw.get("entities") or self.raw.get("caption_entities") or [])

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        return self.raw.get("reply_markup")

    @property
    def document(self) -> dict[str, Any] | None:
        return self.raw.get("document")

    @property
    def photo(self) -> list[dict[str, Any]] | None:
        return self.raw.get("photo")

    @property
    def from_bot(self) -> bool:
        return bool(self.raw.get("from", {}).get("is_bot"))

    @property
    def buttons(self) -> list[Button]:
        """The inline keyboard, row after row."""
        markup = self.reply_markup or {}
        return [
            Button(b["text"], b.get("callback_data"), b.get("url"), b)
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]

    def button(self, label: str) -> Button:
        """The inline button whose text is ``label``, else the only one containing it."""
        buttons = self.buttons
        exact = [b for b in buttons if b.text == label]
        if exact:
            return exact[0]
        partial = [b for b in buttons if label.lower() in b.text.lower()]
        if len(partial) == 1:
            return partial[0]
        shown = [b.text for b in buttons]
        problem = "matches several" if partial else "matches no"
        raise AssertionError(
            f"{label!r} {problem} button of message {self.message_id} "
            f"({self.content[:60]!r}): buttons are {shown}"
        )


@dataclass(frozen=True)
class ChatEvent:
    """One entry of a chat's event feed: sent / edited / deleted (+ incoming, callback_answer
    when asked for everything)."""

    seq: int
    type: str
    chat_id: int
    message_id: int | None
    message: BotMessage | None
    keyboard: dict[str, Any] | None
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatEvent:
        message = data.get("message")
        return cls(
            seq=int(data["seq"]),
            type=str(data["type"]),
            chat_id=int(data["chat_id"]),
            message_id=data.get("message_id"),
            message=BotMessage.from_json(message) if message else None,
            keyboard=data.get("keyboard"),
            raw=data,
        )

    def __str__(self) -> str:
        if self.type == "callback_answer":
            answer = self.raw.get("answer", {})
            return f"#{self.seq} callback_answer {answer.get('text')!r}"
        content = self.message.content if self.message else ""
        return f"#{self.seq} {self.type} message {self.message_id}: {content[:80]!r}"


@dataclass(frozen=True)
class Delivery:
    """What the driver answered for a user action."""

    update_id: int | None  # None when the bot's allowed_updates filtered it out
    message_id: int | None = None
    callback_query_id: str | None = None
    message: dict[str, Any] | None = None


class SandboxError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class SandboxClient:
    """The driver API over HTTP. Use as ``async with SandboxClient(url) as client``."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> SandboxClient:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("use SandboxClient as an async context manager")
        return self._session

    async def _request(
        self,
        http_method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        seconds: float = 30.0,
    ) -> Any:
        async with self.session.request(
            http_method,
            self.base_url + path,
            json=body,
            params=params,
            timeout=aiohttp.ClientTimeout(total=seconds),
        ) as response:
            text = await response.text()
            data = json.loads(text) if text else {}
            if response.status >= 400:
                raise SandboxError(response.status, data.get("error", text))
            return data

    # --- users --------------------------------------------------------------------------

    async def add_user(
        self,
        user_id: int,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        body = {
            "id": user_id,
            "first_name": first_name,
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
        }
        data = await self._request("POST", "/_driver/users", body)
        return dict(data["user"])

    async def set_blocked(self, user_id: int, blocked: bool = True) -> int | None:
        """Block (or unblock) the bot; returns the my_chat_member update id, if queued."""
        data = await self._request(
            "POST", f"/_driver/users/{user_id}/blocked", {"blocked": blocked}
        )
        return data.get("update_id")

    # --- channels -----------------------------------------------------------------------

    async def create_channel(
        self, owner_id: int, title: str, username: str | None = None
    ) -> dict[str, Any]:
        """A channel created by ``owner_id`` (its creator); returns its Chat object."""
        body = {"owner_id": owner_id, "title": title, "username": username}
        data = await self._request("POST", "/_driver/channels", body)
        return dict(data["chat"])

    async def channel(self, channel_id: int) -> dict[str, Any]:
        """The channel: chat, members, the bot's ChatMember, and its posts."""
        return dict(await self._request("GET", f"/_driver/channels/{channel_id}"))

    async def channel_posts(self, channel_id: int) -> list[BotMessage]:
        data = await self.channel(channel_id)
        return [BotMessage.from_json(post) for post in data["posts"]]

    async def set_channel_member(
        self,
        channel_id: int,
        *,
        user_id: int | None = None,
        status: str,
        rights: dict[str, bool] | None = None,
        by: int | None = None,
    ) -> int | None:
        """Change a member (the bot when ``user_id`` is None); returns the my_chat_member
        update id when the bot was changed."""
        body: dict[str, Any] = {"status": status, "rights": rights, "by": by}
        if user_id is None:
            body["bot"] = True
        else:
            body["user_id"] = user_id
        data = await self._request("POST", f"/_driver/channels/{channel_id}/members", body)
        return data.get("update_id")

    async def add_bot_to_channel(
        self, channel_id: int, *, can_post_messages: bool = True, by: int | None = None
    ) -> int | None:
        """Make the bot an administrator (the only way a bot joins a channel)."""
        rights = {"can_manage_chat": True, "can_post_messages": can_post_messages}
        return await self.set_channel_member(
            channel_id, status="administrator", rights=rights, by=by
        )

    async def post_in_channel(self, channel_id: int, text: str) -> int:
        """The channel's creator posts ``text``; returns the post's message id."""
        data = await self._request("POST", f"/_driver/channels/{channel_id}/posts", {"text": text})
        return int(data["message"]["message_id"])

    async def forward_from_channel(
        self, channel_id: int, message_id: int, user_id: int
    ) -> Delivery:
        data = await self._request(
            "POST",
            f"/_driver/channels/{channel_id}/forward",
            {"user_id": user_id, "message_id": message_id},
        )
        return Delivery(data.get("update_id"), data.get("message_id"), None, None)

    # --- acting as a user ---------------------------------------------------------------

    async def _send(self, user_id: int, content: dict[str, Any]) -> Delivery:
        data = await self._request("POST", "/_driver/messages", {"user_id": user_id, **content})
        return Delivery(data.get("update_id"), data.get("message_id"), None, data.get("message"))

    async def send_text(
        self, user_id: int, text: str, *, reply_to_message_id: int | None = None
    ) -> Delivery:
        content: dict[str, Any] = {"text": text}
        if reply_to_message_id is not None:
            content["reply_to_message_id"] = reply_to_message_id
        return await self._send(user_id, content)

    async def send_photo(
        self, user_id: int, caption: str | None = None, *, data: bytes | None = None
    ) -> Delivery:
        """A photo: ``data`` (JPEG/PNG bytes) or a small generated JPEG."""
        photo: Any = base64.b64encode(data).decode() if data is not None else True
        return await self._send(user_id, {"photo": photo, "caption": caption})

    async def send_sticker(self, user_id: int, emoji: str = "👍") -> Delivery:
        return await self._send(user_id, {"sticker": {"emoji": emoji}})

    async def send_voice(
        self, user_id: int, duration: int = 2, *, data: bytes | None = None
    ) -> Delivery:
        voice: dict[str, Any] = {"duration": duration}
        if data is not None:
            voice["data"] = base64.b64encode(data).decode()
        return await self._send(user_id, {"voice": voice})

    async def send_location(self, user_id: int, latitude: float, longitude: float) -> Delivery:
        return await self._send(
            user_id, {"location": {"latitude": latitude, "longitude": longitude}}
        )

    async def send_document(
        self,
        user_id: int,
        file_name: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> Delivery:
        document = {
            "file_name": file_name,
            "data": base64.b64encode(data).decode(),
            "mime_type": mime_type,
        }
        return await self._send(user_id, {"document": document, "caption": caption})

    async def send_contact(
        self, user_id: int, phone_number: str | None = None, *, first_name: str | None = None
    ) -> Delivery:
        """The user's own contact ("share my phone number") unless a phone number is given."""
        if phone_number is None:
            return await self._send(user_id, {"contact": True})
        contact: dict[str, Any] = {"phone_number": phone_number}
        if first_name is not None:
            contact["first_name"] = first_name
        return await self._send(user_id, {"contact": contact})

    async def press(self, user_id: int, message_id: int, data: str) -> Delivery:
        """Press an inline button carrying ``data`` on the bot's message ``message_id``."""
        body = {"user_id": user_id, "message_id": message_id, "data": data}
        result = await self._request("POST", "/_driver/callbacks", body)
        return Delivery(result.get("update_id"), message_id, result.get("callback_query_id"))

    # --- what the bot did ---------------------------------------------------------------

    async def events(
        self, chat_id: int, after_seq: int = 0, wait: float = 0, *, everything: bool = False
    ) -> list[ChatEvent]:
        """Events with seq > after_seq; long-polls up to ``wait`` seconds if there are none.

        Default: the bot's sent/edited/deleted; ``everything`` adds the user's own messages
        ("incoming") and callback answers ("callback_answer").
        """
        params = {
            "after_seq": str(after_seq),
            "wait": str(wait),
            "all": "1" if everything else "0",
        }
        data = await self._request(
            "GET", f"/_driver/chats/{chat_id}/messages", params=params, seconds=wait + 30
        )
        return [ChatEvent.from_json(e) for e in data["events"]]

    async def last_seq(self, chat_id: int) -> int:
        return int((await self.chat(chat_id))["last_seq"])

    async def chat(self, chat_id: int) -> dict[str, Any]:
        """Chat info: user, blocked, reply_keyboard, force_reply, last_action, menu_button."""
        return dict(await self._request("GET", f"/_driver/chats/{chat_id}"))

    async def current_messages(self, chat_id: int, sender: Sender = "all") -> list[BotMessage]:
        data = await self._request(
            "GET", f"/_driver/chats/{chat_id}/current", params={"from": sender}
        )
        return [BotMessage.from_json(m) for m in data["messages"]]

    async def callback_answers(self, chat_id: int) -> list[dict[str, Any]]:
        data = await self._request("GET", f"/_driver/chats/{chat_id}/callback_answers")
        return list(data["answers"])

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 (a deadline for the whole wait, by design)
        after_seq: int = 0,
    ) -> list[BotMessage]:
        """The bot's new "sent" messages after ``after_seq``, once there are ``count``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seen: list[ChatEvent] = []
        cursor = after_seq
        while True:
            sent = [e.message for e in seen if e.type == "sent" and e.message is not None]
            if len(sent) >= count:
                return sent
            remaining = deadline - loop.time()
            if remaining <= 0:
                shown = "\n  ".join(str(e) for e in seen) or "nothing"
                raise AssertionError(
                    f"expected {count} new message(s) in chat {chat_id} within {timeout}s, "
                    f"got {len(sent)}; events:\n  {shown}"
                )
            batch = await self.events(chat_id, cursor, wait=remaining)
            if batch:
                seen.extend(batch)
                cursor = batch[-1].seq

    async def download(self, file_id: str) -> bytes:
        async with self.session.get(f"{self.base_url}/_driver/files/{file_id}") as response:
            if response.status >= 400:
                raise SandboxError(response.status, await response.text())
            return await response.read()

    async def commands(
        self, language_code: str = "", scope: str = "default"
    ) -> list[dict[str, str]]:
        """What setMyCommands set for exactly this scope ("default", "all_private_chats",
        "chat:<id>", "chat_member:<chat>:<user>") and language."""
        params = {"language_code": language_code, "scope": scope}
        data = await self._request("GET", "/_driver/commands", params=params)
        return list(data["commands"])

    async def effective_commands(self, user_id: int) -> list[dict[str, str]]:
        """The command menu a user's client shows (scope and language fallbacks applied)."""
        data = await self._request("GET", "/_driver/commands", params={"user_id": str(user_id)})
        return list(data["commands"])

    async def settings(self) -> dict[str, Any]:
        return dict(await self._request("GET", "/_driver/settings"))

    async def clock(self) -> dict[str, Any]:
        """The demo clock: ``{available, now, zone, offset_seconds}``."""
        return dict(await self._request("GET", "/_driver/clock"))

    async def move_clock(
        self, *, days: int | None = None, months: int | None = None, to: str | None = None
    ) -> dict[str, Any]:
        """Move the demo clock forward by ``days`` or ``months``, or ``to`` a date
        (09:00 that day) or an ISO date and time; returns when the bot has ticked."""
        given = {"days": days, "months": months, "to": to}
        body = {key: value for key, value in given.items() if value is not None}
        return dict(await self._request("POST", "/_driver/clock", body, seconds=120))

    # --- instrumentation ----------------------------------------------------------------

    async def stats(self) -> dict[str, Any]:
        return dict(await self._request("GET", "/_driver/stats"))

    async def reset_stats(self) -> None:
        await self._request("POST", "/_driver/stats/reset")

    async def configure(self, **changes: Any) -> dict[str, Any]:
        """Change delay_ms, global_rate, global_burst, chat_rate, chat_burst,
        paid_broadcast_rate, paid_broadcast_burst, rate_limits_enabled, max_updates_kept or
        strict_html_entities at run time."""
        data = await self._request("POST", "/_driver/config", changes)
        return dict(data["config"])

    async def config(self) -> dict[str, Any]:
        return dict((await self._request("GET", "/_driver/config"))["config"])

    async def inject_fault(
        self,
        method: str = "sendMessage",
        count: int = 1,
        error_code: int = 500,
        *,
        description: str | None = None,
        chat_id: int | None = None,
        delay_ms: int = 0,
    ) -> list[dict[str, Any]]:
        """Answer the next ``count`` calls of ``method`` (to ``chat_id`` when given) with
        ``error_code``, after ``delay_ms``; returns the faults still armed."""
        body: dict[str, Any] = {
            "method": method,
            "count": count,
            "error_code": error_code,
            "delay_ms": delay_ms,
        }
        if description is not None:
            body["description"] = description
        if chat_id is not None:
            body["chat_id"] = chat_id
        return list((await self._request("POST", "/_driver/faults", body))["faults"])

    async def faults(self) -> list[dict[str, Any]]:
        return list((await self._request("GET", "/_driver/faults"))["faults"])

    async def clear_faults(self) -> None:
        await self._request("DELETE", "/_driver/faults")

    async def pending_updates(self) -> list[dict[str, Any]]:
        return list((await self._request("GET", "/_driver/updates"))["updates"])

    async def reset(self) -> None:
        """Forget users, chats, files, updates, settings and stats (the config stays)."""
        await self._request("POST", "/_driver/reset")


@dataclass
class ChatSession:
    """One user talking to the bot.

    ``say``/``press`` wait until the bot is quiet: at least one new event (sent, edited,
    deleted or a callback answer), then no new event for ``quiet`` seconds, all within
    ``timeout`` seconds, else an AssertionError that shows what did arrive.
    """

    client: SandboxClient
    user_id: int
    quiet: float = 0.15
    timeout: float = 5.0
    seq: int = 0
    history: list[ChatEvent] = field(default_factory=list)
    messages: dict[int, BotMessage] = field(default_factory=dict)  # the bot's, live
    # Optional: awaits until the bot has finished handling the given update id.
    settle: Callable[[int], Awaitable[None]] | None = None

    @classmethod
    async def create(
        cls,
        client: SandboxClient,
        user_id: int,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        quiet: float = 0.15,
        timeout: float = 5.0,  # noqa: ASYNC109 (stored: the session's per-action deadline)
    ) -> ChatSession:
        await client.add_user(user_id, first_name, last_name, username, language_code)
        session = cls(client, user_id, quiet=quiet, timeout=timeout)
        session.seq = await client.last_seq(user_id)
        return session

    @property
    def chat_id(self) -> int:
        return self.user_id

    @property
    def last(self) -> BotMessage:
        """The bot's latest message that is still in the chat (as it is now)."""
        if not self.messages:
            raise AssertionError(f"the bot has no message in chat {self.chat_id}")
        return self.messages[max(self.messages)]

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        return [e.raw["answer"] for e in self.history if e.type == "callback_answer"]

    def find(self, fragment: str) -> BotMessage:
        """The latest live bot message whose text/caption contains ``fragment``."""
        for message_id in sorted(self.messages, reverse=True):
            if fragment in self.messages[message_id].content:
                return self.messages[message_id]
        shown = [m.content[:60] for m in self.messages.values()]
        raise AssertionError(f"no bot message contains {fragment!r}; messages: {shown}")

    def _apply(self, event: ChatEvent) -> None:
        self.history.append(event)
        self.seq = max(self.seq, event.seq)
        if event.message_id is None or event.message is None:
            return
        if event.type in ("sent", "edited"):
            self.messages[event.message_id] = event.message
        elif event.type == "deleted":
            self.messages.pop(event.message_id, None)

    def _bot_events(self, events: list[ChatEvent]) -> list[ChatEvent]:
        """The bot's events and callback answers of a page of the feed; the user's own
        messages on it are passed over. Past them, too: a poll from before the user's message
        would return it at once, and a wait for the bot's answer would poll without waiting."""
        for event in events:
            if event.type == "incoming":
                self.seq = max(self.seq, event.seq)
        return [e for e in events if e.type != "incoming"]

    async def collect(self, what: str = "the last action", minimum: int = 1) -> list[ChatEvent]:
        """Wait for >= ``minimum`` new bot events, then until the bot is quiet."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        new: list[ChatEvent] = []
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                if len(new) >= minimum:
                    return new  # still talking at the deadline: return what arrived
                shown = "\n  ".join(str(e) for e in new) or "nothing"
                raise AssertionError(
                    f"chat {self.chat_id}: expected at least {minimum} bot event(s) after "
                    f"{what} within {self.timeout}s; got:\n  {shown}"
                )
            wait = remaining if len(new) < minimum else min(self.quiet, remaining)
            batch = self._bot_events(
                await self.client.events(self.chat_id, self.seq, wait=wait, everything=True)
            )
            for event in batch:
                self._apply(event)
            new.extend(batch)
            if not batch and len(new) >= minimum:
                return new

    async def _answer_to(self, delivery: Delivery, what: str, minimum: int) -> list[ChatEvent]:
        """The bot's events in answer to one update.

        With a ``settle`` hook (a bot running in the same process can tell when it has
        finished handling an update) this is exact: wait for that, then take what arrived.
        Without one, wait for the bot to fall quiet (``collect``).
        """
        if self.settle is None or delivery.update_id is None:
            return await self.collect(what, minimum)
        await asyncio.wait_for(self.settle(delivery.update_id), self.timeout)
        events = self._bot_events(
            await self.client.events(self.chat_id, self.seq, everything=True)
        )
        for event in events:
            self._apply(event)
        if len(events) < minimum:
            raise AssertionError(
                f"chat {self.chat_id}: expected at least {minimum} bot event(s) after {what}; "
                f"got: {[str(e) for e in events] or 'nothing'}"
            )
        return events

    @staticmethod
    def _sent(events: list[ChatEvent]) -> list[BotMessage]:
        return [e.message for e in events if e.type == "sent" and e.message is not None]

    async def say(self, text: str, *, minimum: int = 1) -> list[BotMessage]:
        """Send ``text``; return the messages the bot sent in answer."""
        delivery = await self.client.send_text(self.user_id, text)
        return self._sent(await self._answer_to(delivery, f"saying {text!r}", minimum))

    async def send(self, kind: str, *, minimum: int = 1, **options: Any) -> list[BotMessage]:
        """Send a photo/sticker/voice/location/document/contact (``SandboxClient.send_*``
        arguments); return the bot's new messages."""
        sender = getattr(self.client, f"send_{kind}")
        delivery = await sender(self.user_id, **options)
        return self._sent(await self._answer_to(delivery, f"sending a {kind}", minimum))

    async def press(
        self,
        message: BotMessage | int,
        button_text: str,
        *,
        minimum: int = 1,
        stale: bool = False,
    ) -> list[ChatEvent]:
        """Press the inline button (exact text, else unique substring) on the message as it
        is now; return every new event (edits, new messages, deletions, callback answers).

        ``stale=True`` presses a button of the given (old) snapshot instead, like a user
        whose screen still shows a keyboard the bot has since replaced or deleted.
        """
        message_id = message if isinstance(message, int) else message.message_id
        current = self.messages.get(message_id)
        if isinstance(message, BotMessage) and (stale or current is None):
            current = message
        if current is None:
            raise AssertionError(f"message {message_id} is not a live bot message")
        button = current.button(button_text)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data: {button.raw}")
        delivery = await self.client.press(self.user_id, message_id, button.callback_data)
        return await self._answer_to(delivery, f"pressing {button.text!r}", minimum)
