"""The emulator's memory on disk, so a restart keeps the users, the chats and their history.

One JSON file (``EmulatorConfig.state_path``) holds users, chats (messages, the event history
the chat page replays, keyboards), the updates not yet confirmed, the bot's settings, the
callback queries, the files' metadata, the update id and event seq counters and the demo
clock's offset. The files' bytes live beside it, one file each in ``<name>-files/``, written
once (a file never changes).

Writes are debounced (a burst of requests is one write), whole (a temporary file renamed over
the old one: a crash leaves the old state or the new, never half of one) and skipped when
nothing changed. A file that cannot be read is kept aside as ``<name>.corrupt`` with one clear
log line, and the emulator starts empty: a demo is never stopped by its own save file.

The update ids go on from where they were: a bot that remembers the ids it handled (its
database outlives the emulator) would otherwise skip the new updates that reuse old ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections import deque
from pathlib import Path
from typing import Any

from sandbox.files import StoredFile
from sandbox.state import (
    CallbackRecord,
    ChatEvent,
    ChatRecord,
    EmulatorState,
    PendingUpdate,
    StoredMessage,
    UserRecord,
)

log = logging.getLogger("sandbox.persist")

FORMAT_VERSION = 1
DEBOUNCE_SECONDS = 0.5


class StateFormatError(ValueError):
    pass


def files_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}-files")


# --- state -> JSON ---------------------------------------------------------------------------


def _message_json(message: StoredMessage) -> dict[str, Any]:
    return {
        "message_id": message.message_id,
        "outgoing": message.outgoing,
        "payload": message.payload,
        "keyboard": message.keyboard,
        "deleted": message.deleted,
    }


def _event_json(event: ChatEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "type": event.type,
        "message_id": event.message_id,
        "message": event.message,
        "keyboard": event.keyboard,
        "extra": event.extra,
        "at": event.at,
    }


def _chat_json(chat: ChatRecord) -> dict[str, Any]:
    return {
        "id": chat.id,
        "user_id": chat.user.id,
        "next_message_id": chat.next_message_id,
        "messages": [_message_json(m) for m in chat.messages.values()],
        "events": [_event_json(e) for e in chat.events],
        "callback_answers": chat.callback_answers,
        "reply_keyboard": chat.reply_keyboard,
        "force_reply": chat.force_reply,
        "last_action": chat.last_action,
        "menu_button": chat.menu_button,
        "chat_instance": chat.chat_instance,
    }


def _file_json(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "kind": stored.kind,
        "file_path": stored.file_path,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "width": stored.width,
        "height": stored.height,
        "extra": stored.extra,
    }


def dump_state(state: EmulatorState) -> dict[str, Any]:
    """Everything worth keeping over a restart (not the stats, faults or rate buckets)."""
    return {
        "version": FORMAT_VERSION,
        "next_update_id": state.next_update_id,
        "next_seq": state.next_seq,
        "clock_offset": state.clock_offset,
        "users": [
            {
                "id": u.id,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "username": u.username,
                "language_code": u.language_code,
                "blocked": u.blocked,
            }
            for u in state.users.values()
        ],
        "chats": [_chat_json(c) for c in state.chats.values()],
        "updates": [
            {"update_id": u.update_id, "type": u.type, "payload": u.payload} for u in state.updates
        ],
        "allowed_updates": state.allowed_updates,
        "callbacks": [
            {
                "id": c.id,
                "user_id": c.user_id,
                "chat_id": c.chat_id,
                "message_id": c.message_id,
                "data": c.data,
                "answered": c.answered,
            }
            for c in state.callbacks.values()
        ],
        "commands": [
            {"scope": scope, "language_code": lang, "commands": commands}
            for (scope, lang), commands in state.commands.items()
        ],
        "default_menu_button": state.default_menu_button,
        "descriptions": [
            {"field": name, "language_code": lang, "value": value}
            for (name, lang), value in state.descriptions.items()
        ],
        "files": {
            "counter": state.files.count,
            "items": [_file_json(f) for f in state.files.by_id.values()],
        },
    }


# --- JSON -> state ---------------------------------------------------------------------------


def load_state(state: EmulatorState, data: Any, folder: Path) -> None:
    """Fill an empty ``state`` from ``data``; StateFormatError (and the state left empty)
    when it does not read as a saved state."""
    try:
        _load(state, data, folder)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        state.reset_all()
        raise StateFormatError(f"{type(error).__name__}: {error}") from error


def _load(state: EmulatorState, data: Any, folder: Path) -> None:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise ValueError(f"not a version {FORMAT_VERSION} sandbox state")
    for raw in data["users"]:
        user = UserRecord(
            int(raw["id"]),
            str(raw["first_name"]),
            raw.get("last_name"),
            raw.get("username"),
            raw.get("language_code"),
            bool(raw.get("blocked", False)),
        )
        state.users[user.id] = user
    for raw in data["chats"]:
        chat = ChatRecord(int(raw["id"]), state.users[int(raw["user_id"])])
        chat.next_message_id = int(raw["next_message_id"])
        for m in raw["messages"]:
            message = StoredMessage(
                int(m["message_id"]),
                chat.id,
                bool(m["outgoing"]),
                dict(m["payload"]),
                m.get("keyboard"),
                bool(m.get("deleted", False)),
            )
            chat.messages[message.message_id] = message
        for e in raw["events"]:
            chat.events.append(
                ChatEvent(
                    seq=int(e["seq"]),
                    type=e["type"],
                    chat_id=chat.id,
                    message_id=e.get("message_id"),
                    message=e.get("message"),
                    keyboard=e.get("keyboard"),
                    extra=dict(e.get("extra") or {}),
                    at=float(e["at"]),
                )
            )
        chat.callback_answers = list(raw.get("callback_answers") or [])
        chat.reply_keyboard = raw.get("reply_keyboard")
        chat.force_reply = raw.get("force_reply")
        chat.last_action = raw.get("last_action")
        chat.menu_button = raw.get("menu_button")
        chat.chat_instance = str(raw["chat_instance"])
        state.chats[chat.id] = chat
    state.updates = deque(
        PendingUpdate(int(u["update_id"]), str(u["type"]), dict(u["payload"]))
        for u in data["updates"]
    )
    state.allowed_updates = data.get("allowed_updates")
    for c in data.get("callbacks") or []:
        record = CallbackRecord(
            str(c["id"]),
            int(c["user_id"]),
            int(c["chat_id"]),
            int(c["message_id"]),
            str(c["data"]),
            bool(c["answered"]),
        )
        state.callbacks[record.id] = record
    for c in data["commands"]:
        state.commands[(str(c["scope"]), str(c["language_code"]))] = list(c["commands"])
    state.default_menu_button = dict(data["default_menu_button"])
    for d in data["descriptions"]:
        state.descriptions[(str(d["field"]), str(d["language_code"]))] = str(d["value"])
    _load_files(state, data["files"], folder)
    state.next_update_id = int(data["next_update_id"])
    state.next_seq = int(data["next_seq"])
    state.clock_offset = float(data.get("clock_offset", 0.0))


def _load_files(state: EmulatorState, raw: dict[str, Any], folder: Path) -> None:
    missing = 0
    for f in raw["items"]:
        try:
            content = (folder / _file_name(str(f["file_unique_id"]))).read_bytes()
        except OSError:
            missing += 1
            continue
        stored = StoredFile(
            file_id=str(f["file_id"]),
            file_unique_id=str(f["file_unique_id"]),
            kind=str(f["kind"]),
            data=content,
            file_path=str(f["file_path"]),
            file_name=f.get("file_name"),
            mime_type=f.get("mime_type"),
            width=f.get("width"),
            height=f.get("height"),
            extra=dict(f.get("extra") or {}),
        )
        state.files.by_id[stored.file_id] = stored
        state.files.by_path[stored.file_path] = stored
    state.files.restore_counter(int(raw["counter"]))
    if missing:
        log.warning("sandbox state: %d stored files are missing from %s", missing, folder)


def _file_name(file_unique_id: str) -> str:
    # file_unique_id is "AgAD" + token_urlsafe: letters, digits, "-" and "_" only.
    if not file_unique_id or not all(c.isalnum() or c in "-_" for c in file_unique_id):
        raise ValueError(f"bad file_unique_id {file_unique_id!r}")
    return file_unique_id


# --- the file on disk ------------------------------------------------------------------------


class StateFile:
    """Loads the state at start, saves it (debounced) after changes and once more at stop."""

    def __init__(
        self, state: EmulatorState, path: Path, *, debounce: float = DEBOUNCE_SECONDS
    ) -> None:
        self.state = state
        self.path = path
        self.folder = files_dir(path)
        self.debounce = debounce
        self._last_text: str | None = None
        self._pending: asyncio.Task[None] | None = None
        self._written_files: set[str] = set()

    def load(self) -> bool:
        """Whether a saved state was loaded; a missing file is a fresh start, an unreadable
        one is moved aside and logged (a fresh start too), never an exception."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return False
        except OSError as error:
            log.error("sandbox state %s cannot be read (%s): starting empty", self.path, error)
            return False
        try:
            text = raw.decode("utf-8")
            load_state(self.state, json.loads(text), self.folder)
        except (ValueError, StateFormatError) as error:
            aside = self.path.with_name(self.path.name + ".corrupt")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            log.error(
                "sandbox state %s is corrupt (%s): starting empty; the file is kept as %s",
                self.path,
                error,
                aside.name,
            )
            return False
        self._last_text = text
        self._written_files = set(self.state.files.by_id)
        log.info(
            "sandbox state loaded from %s: %d users, %d chats",
            self.path,
            len(self.state.users),
            len(self.state.chats),
        )
        return True

    def touch(self) -> None:
        """Something may have changed: save within ``debounce`` seconds."""
        if self._pending is None or self._pending.done():
            self._pending = asyncio.get_running_loop().create_task(self._save_later())

    async def _save_later(self) -> None:
        await asyncio.sleep(self.debounce)
        self.save()

    def save(self) -> None:
        """Write the state now, if it changed since the last write."""
        try:
            self._write_files()
            text = json.dumps(dump_state(self.state), ensure_ascii=False)
            if text == self._last_text:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            with temporary.open("w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
            self._last_text = text
        except OSError as error:
            # The demo goes on; the next change tries again.
            log.error("sandbox state not saved to %s: %s", self.path, error)

    def _write_files(self) -> None:
        for file_id, stored in list(self.state.files.by_id.items()):
            if file_id in self._written_files:
                continue
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / _file_name(stored.file_unique_id)
            if not target.exists():
                temporary = target.with_name(target.name + ".tmp")
                temporary.write_bytes(stored.data)
                os.replace(temporary, target)
            self._written_files.add(file_id)

    async def close(self) -> None:
        """Cancel the pending save and write once more: what the last requests changed."""
        pending, self._pending = self._pending, None
        if pending is not None and not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pending
        self.save()
