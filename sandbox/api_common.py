"""Shared pieces of the Bot API method implementations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.channels import (
    ChannelRecord,
    check_can_post,
    find_channel,
    new_post,
    visible_channel,
)
from sandbox.errors import BLOCKED, CHAT_NOT_FOUND, bad_request, forbidden, too_many_requests
from sandbox.markup import Markup, parse_markup
from sandbox.params import Params
from sandbox.state import ChatRecord, EmulatorState, StoredMessage

Handler = Callable[[EmulatorState, Params], Awaitable[Any]]
# lower-cased method name -> (canonical name, handler); Telegram's method names are
# case-insensitive.
METHODS: dict[str, tuple[str, Handler]] = {}
# Methods that send a message and are subject to flood control.
SENDING_METHODS: set[str] = set()


def method(name: str, *, sending: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        if sending:
            SENDING_METHODS.add(name)
        return handler

    return register


def require_chat(state: EmulatorState, params: Params, name: str = "chat_id") -> ChatRecord:
    chat = state.find_chat(params.chat_id(name))
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    return chat


def check_blocked(chat: ChatRecord) -> None:
    if chat.user.blocked:
        raise forbidden(BLOCKED)


def rate_limit(
    state: EmulatorState, chat: ChatRecord | ChannelRecord, method_name: str, *, paid: bool = False
) -> None:
    stats = state.stats
    if paid:
        stats.paid_requests += 1
    if not state.config.rate_limits_enabled:
        return
    if paid:
        decision = state.limiter.check_paid(chat.id)
        verdict, retry_after = decision.verdict, decision.retry_after
        if decision.billed:
            stats.paid_billed += 1
    else:
        verdict, retry_after = state.limiter.check(chat.id)
    if verdict == "ok":
        return
    stats.rate_limited += 1
    stats.rate_limited_by_method[method_name] += 1
    if verdict == "chat":
        stats.chat_violations += 1
        stats.chat_violations_by_chat[chat.id] += 1
    elif verdict == "paid":
        stats.paid_violations += 1
    else:
        stats.global_violations += 1
    raise too_many_requests(retry_after)


def read_markup(params: Params) -> Markup | None:
    return parse_markup(
        params.json("reply_markup", "can't parse reply keyboard markup JSON object")
    )


def read_entities(params: Params, name: str) -> Any:
    return params.json(name, "can't parse entities JSON object")


def reply_target(chat: ChatRecord, params: Params) -> StoredMessage | None:
    """reply_parameters (or the legacy reply_to_message_id) -> the replied message."""
    reply = params.json("reply_parameters", "can't parse reply parameters JSON object")
    allow_missing = params.flag("allow_sending_without_reply")
    message_id: int | None
    if isinstance(reply, dict):
        raw_id = reply.get("message_id")
        message_id = raw_id if isinstance(raw_id, int) else None
        allow_missing = bool(reply.get("allow_sending_without_reply", allow_missing))
        if reply.get("chat_id") not in (None, chat.id, str(chat.id)):
            raise bad_request("message to be replied not found")
    elif reply is not None:
        raise bad_request("can't parse reply parameters JSON object")
    else:
        message_id = params.integer("reply_to_message_id")
    if not message_id:
        return None
    target = chat.live_message(message_id)
    if target is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return target


def send_options(params: Params) -> dict[str, Any]:
    """Flags that don't show in the Message object but matter to tests."""
    return {
        "disable_notification": params.flag("disable_notification"),
        "protect_content": params.flag("protect_content"),
    }


def finish_send(
    state: EmulatorState,
    params: Params,
    method_name: str,
    content: dict[str, Any],
    markup: Markup | None,
) -> dict[str, Any]:
    """The common tail of every sending method: chat, reply, blocked, flood control, store."""
    target = params.chat_id()
    channel = find_channel(state, target)
    if channel is not None or (isinstance(target, str) and state.find_chat(target) is None):
        return _post_to_channel(state, params, method_name, content, markup, channel)
    chat = require_chat(state, params)
    reply_to = reply_target(chat, params)
    check_blocked(chat)
    rate_limit(state, chat, method_name, paid=params.flag("allow_paid_broadcast"))
    if params.flag("protect_content"):
        content["has_protected_content"] = True
    message = state.new_message(
        chat,
        outgoing=True,
        content=content,
        markup=markup,
        reply_to=reply_to,
        options=send_options(params),
    )
    return message.snapshot()


def _post_to_channel(
    state: EmulatorState,
    params: Params,
    method_name: str,
    content: dict[str, Any],
    markup: Markup | None,
    channel: ChannelRecord | None,
) -> dict[str, Any]:
    """A post into a channel: the bot must be its administrator with can_post_messages.
    Only an inline keyboard shows under a channel post; other markup is not kept."""
    if channel is None or visible_channel(state, channel.id) is None:
        raise bad_request(CHAT_NOT_FOUND)
    check_can_post(state, channel)
    rate_limit(state, channel, method_name, paid=params.flag("allow_paid_broadcast"))
    if markup is not None and markup.kind == "inline" and markup.data.get("inline_keyboard"):
        content["reply_markup"] = markup.data
    if params.flag("protect_content"):
        content["has_protected_content"] = True
    return new_post(state, channel, content, by_bot=True).snapshot()


def find_message(chat: ChatRecord, params: Params, missing: str) -> StoredMessage:
    if "inline_message_id" in params:
        raise bad_request("MESSAGE_ID_INVALID")
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.live_message(message_id)
    if message is None:
        raise bad_request(missing)
    return message
