"""answerCallbackQuery."""

from __future__ import annotations

import time
from typing import Any

from sandbox.api_common import method
from sandbox.errors import bad_request
from sandbox.params import Params
from sandbox.state import EmulatorState

MAX_ANSWER_TEXT = 200
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


@method("answerCallbackQuery")
async def answer_callback_query(state: EmulatorState, params: Params) -> Any:
    query_id = params.text("callback_query_id") or ""
    record = state.callbacks.get(query_id)
    if record is None or record.answered:
        raise bad_request(QUERY_INVALID)
    text = params.text("text")
    if text is not None and len(text) > MAX_ANSWER_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    answer: dict[str, Any] = {
        "callback_query_id": query_id,
        "message_id": record.message_id,
        "data": record.data,
        "text": text,
        "show_alert": params.flag("show_alert"),
        "url": params.text("url"),
        "cache_time": params.integer("cache_time", 0),
        "at": time.time(),
    }
    chat = state.chats.get(record.chat_id)
    if chat is not None:
        chat.callback_answers.append(answer)
        state.add_event(chat, "callback_answer", None, extra={"answer": answer})
    return True
