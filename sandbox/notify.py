"""A broadcast wake-up for long polls (getUpdates and the driver's event feed)."""

from __future__ import annotations

import asyncio


class Notifier:
    """``notify()`` wakes every current ``wait()``; waiters then re-check their condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> bool:
        """True if notified before ``seconds`` passed."""
        event = self._event
        if seconds <= 0:
            return False
        try:
            await asyncio.wait_for(event.wait(), seconds)
        except TimeoutError:
            return False
        return True
