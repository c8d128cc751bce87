"""One log line per handled update: its id, the handler, the outcome and the duration.

Never the token (aiogram does not log it) and never what a citizen wrote.
"""

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.types import TelegramObject, Update

from bot.metrics import Metrics
from services.access import AccessDeniedError
from storage.counting import current_count

log = logging.getLogger("kezdesu.updates")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


@dataclass(slots=True)
class UpdateLog:
    handler: str = "-"


class UpdateLogMiddleware(BaseMiddleware):
    """Outer middleware on updates: times the whole handling (and counts it in /metrics)."""

    def __init__(self, metrics: Metrics | None = None) -> None:
        self._metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        record = UpdateLog()
        data["update_log"] = record
        started = time.perf_counter()
        outcome = "ok"
        try:
            result = await handler(event, data)
            if result is UNHANDLED:
                outcome = "unhandled"
            return result
        except AccessDeniedError:
            # A refusal, answered by the staff router's error handler: no failure.
            outcome = "denied"
            raise
        except Exception:
            outcome = "error"
            raise
        finally:
            update_id = event.update_id if isinstance(event, Update) else "-"
            seconds = time.perf_counter() - started
            duration_ms = seconds * 1000
            if self._metrics is not None:
                self._metrics.observe_update(record.handler, outcome, seconds)
            count = current_count()
            if count is None:
                log.info(
                    "update=%s handler=%s outcome=%s duration_ms=%.1f",
                    update_id,
                    record.handler,
                    outcome,
                    duration_ms,
                )
            else:
                log.info(
                    "update=%s handler=%s outcome=%s duration_ms=%.1f sql=%d tx=%d conn=%d",
                    update_id,
                    record.handler,
                    outcome,
                    duration_ms,
                    count.statements,
                    count.transactions,
                    count.connections,
                )


class HandlerNameMiddleware(BaseMiddleware):
    """Inner middleware: the only place that knows which handler was chosen."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        record = data.get("update_log")
        chosen = data.get("handler")
        if isinstance(record, UpdateLog) and isinstance(chosen, HandlerObject):
            callback = chosen.callback
            record.handler = f"{callback.__module__}.{callback.__qualname__}"
        return await handler(event, data)
