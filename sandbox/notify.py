"""Wake-ups for long polls (getUpdates and the driver's event feed of each chat)."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable


class Notifier:
    """``notify(key)`` wakes the current ``wait(…, key)`` calls on that key only;
    ``notify_all()`` wakes every one. Waiters then re-check their condition.

    Keyed because one broadcast woke every waiting chat feed on every event of any chat:
    with a hundred driver long polls open that cost the emulator a tenth of a core.
    """

    def __init__(self) -> None:
        self._waiters: dict[Hashable, set[asyncio.Future[bool]]] = {}

    def notify(self, key: Hashable = None) -> None:
        for future in self._waiters.pop(key, ()):
            if not future.done():
                future.set_result(True)

    def notify_all(self) -> None:
        for key in list(self._waiters):
            self.notify(key)

    async def wait(self, seconds: float, key: Hashable = None) -> bool:
        """True if notified before ``seconds`` passed."""
        if seconds <= 0:
            return False
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        waiters = self._waiters.setdefault(key, set())
        waiters.add(future)
        timer = loop.call_later(seconds, _expire, future)
        try:
            return await future
        finally:
            timer.cancel()
            # notify() already dropped the set of the key it woke; a timeout or a
            # cancellation leaves this future behind, and an empty set is not kept.
            current = self._waiters.get(key)
            if current is not None:
                current.discard(future)
                if not current:
                    del self._waiters[key]


def _expire(future: asyncio.Future[bool]) -> None:
    if not future.done():
        future.set_result(False)
