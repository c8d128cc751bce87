"""Delivering updates to a webhook, as Telegram does (setWebhook in api_updates.py).

While a webhook is set, each pending update is POSTed to its URL as JSON, with the header
X-Telegram-Bot-Api-Secret-Token when a secret was given. A 2xx answer confirms the update; any
other answer, a timeout or a failed connection leaves it pending, notes the error for
getWebhookInfo (last_error_date, last_error_message) and retries it later
(``webhook_retry_ms``). Updates of one chat go one at a time and in order: the next waits until
the one before is confirmed. At most ``max_connections`` requests are in flight at once.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Hashable
from typing import Any

import aiohttp
from aiohttp import web

from sandbox.bot_api import STATE_KEY
from sandbox.state import EmulatorState, PendingUpdate

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Nothing to deliver: look again after this long, or sooner when an update or a webhook comes.
IDLE_SECONDS = 3600.0


def chat_of(update: PendingUpdate) -> Hashable:
    """The chat an update belongs to, for the order of delivery; an update without one is
    a chat of its own."""
    payload = update.payload
    chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
    if isinstance(chat, dict) and "id" in chat:
        return ("chat", chat["id"])
    person = payload.get("from")
    if isinstance(person, dict) and "id" in person:
        return ("chat", person["id"])
    return ("update", update.update_id)


class WebhookDelivery:
    def __init__(self, state: EmulatorState, session: aiohttp.ClientSession) -> None:
        self._state = state
        self._session = session
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        # update_id → when it may be tried again (time.monotonic()).
        self._retry_at: dict[int, float] = {}

    async def run(self) -> None:
        state = self._state
        while not state.closing:
            await state.updates_changed.wait(self._start_due())

    async def stop(self) -> None:
        tasks = list(self._in_flight.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _start_due(self) -> float:
        """Start the deliveries that may go now; seconds until the next retry is due."""
        hook = self._state.webhook
        if hook is None:
            return IDLE_SECONDS
        now = time.monotonic()
        wait = IDLE_SECONDS
        held: set[Hashable] = set()  # chats with an earlier update not yet confirmed
        for update in self._state.updates:
            if len(self._in_flight) >= hook["max_connections"]:
                break
            chat = chat_of(update)
            if chat in held:
                continue
            held.add(chat)
            if update.update_id in self._in_flight:
                continue
            due = self._retry_at.get(update.update_id, 0.0)
            if due > now:
                wait = min(wait, due - now)
                continue
            self._in_flight[update.update_id] = asyncio.create_task(
                self._deliver(update, hook, self._state.webhook_secret)
            )
        return wait

    async def _deliver(
        self, update: PendingUpdate, hook: dict[str, Any], secret: str | None
    ) -> None:
        state = self._state
        headers = {"Content-Type": "application/json"}
        if secret:
            headers[SECRET_HEADER] = secret
        timeout = aiohttp.ClientTimeout(total=state.config.webhook_timeout_ms / 1000)
        error: str | None = None
        try:
            async with self._session.post(
                hook["url"], data=json.dumps(update.to_json()), headers=headers, timeout=timeout
            ) as response:
                await response.read()
                if not 200 <= response.status < 300:
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except TimeoutError:
            error = "Read timeout expired"
        except aiohttp.ClientConnectorError:
            error = "Connection refused"
        except aiohttp.ClientError:
            error = "Connection reset by peer"
        finally:
            self._in_flight.pop(update.update_id, None)
        if error is None:
            self._retry_at.pop(update.update_id, None)
            state.confirm_update(update.update_id)
            state.stats.updates_delivered += 1
        else:
            self._retry_at[update.update_id] = (
                time.monotonic() + state.config.webhook_retry_ms / 1000
            )
            state.stats.webhook_errors += 1
            if state.webhook is hook:
                hook["last_error_date"] = int(state.now())
                hook["last_error_message"] = error
        state.updates_changed.notify()


async def webhook_delivery(app: web.Application) -> AsyncIterator[None]:
    """aiohttp cleanup context: deliver while the emulator serves."""
    async with aiohttp.ClientSession() as session:
        delivery = WebhookDelivery(app[STATE_KEY], session)
        task = asyncio.create_task(delivery.run(), name="sandbox-webhook")
        yield
        app[STATE_KEY].close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await delivery.stop()
