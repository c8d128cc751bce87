"""One budget of messages a second for the whole process: the outbox sender and the bot's
interactive replies draw from it (bot/middlewares/pacing.py).

Telegram publishes its rates (30 messages a second to different chats; up to 1,000 with paid
broadcasts) but not how big a burst its bucket forgives. A sender that only counts on the rate
over a second, and makes up lost time in clumps after a stall, empties a small bucket at once
and then meets a 429 at every bit of jitter. So:

- *Smooth.* Every request gets a slot of its own, ``1 / rate`` after the one before. After a
  stall (a claim, a garbage collection, a busy machine) at most ``catch_up`` seconds of slots
  are made up, spaced at ``1 + boost`` times the rate; the rest of the lag is given up, not
  sent as a clump. Only slots a few milliseconds late (``jitter``) go at once.
- *Just under the rate.* It aims at ``headroom`` of the published rate, so whatever bucket
  Telegram keeps refills a little faster than it is drawn and recovers from jitter on the way.
- *Cut on a 429, then creep back* (additive increase, multiplicative decrease). A 429 for a
  request that left after the last cut multiplies the rate by ``cut``; the 429s of requests
  already on the way when it was cut are answers to the same overshoot and cut nothing more.
  The rate then creeps back by ``recovery`` of the published rate a second.
- *retry_after.* The refused request itself waits ``retry_after`` (the caller holds it back);
  everything else keeps going at the lower rate: Telegram gives whole seconds, and stopping
  every chat for a second when a bucket of a tenth of a second was briefly empty would throw
  away a second of sending. Only when 429s keep coming, cut after cut as far as the
  ``floor``, does everything wait for ``retry_after``.

The pacer never learns the bucket's size: it sees only the published rate and the 429s.
Time is injected (``clock``, ``sleep``), so tests move a clock and never wait.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class PacerTuning:
    """How the pacer adapts; shares of the published rate unless said otherwise."""

    # Aim a little under the rate, so an unknown bucket refills faster than it is drawn.
    headroom: float = 0.99
    # A 429 multiplies the rate by this. Most 429s at the published rate are jitter (a clump
    # meeting a small bucket), not a wrong rate: a mild cut and a quick way back cost little
    # (about a tenth of a second's sending a cut), while cut after cut still reaches the floor.
    cut: float = 0.8
    # Then it creeps back by this share of the published rate a second (0.8 → 0.99 in 1 s).
    recovery: float = 0.2
    # Never below this; a 429 after cuts that would have gone below it (the rate not back in
    # between) makes everything wait for its retry_after.
    floor: float = 0.05
    # Seconds of lag (a stall of this process, a slow machine) made up afterwards; the rest is
    # given up. Made up at ``1 + boost`` times the rate, spaced, not at once; a 429 shrinks it
    # as it cuts the rate, and it grows back as the rate does.
    catch_up: float = 0.05
    boost: float = 1.0
    # Seconds a slot may be late and still go at once (see reserve).
    jitter: float = 0.005

    def __post_init__(self) -> None:
        if not 0 < self.floor <= self.cut < 1 or not 0 < self.headroom <= 1:
            raise ValueError("need 0 < floor <= cut < 1 and 0 < headroom <= 1")
        if self.recovery <= 0 or self.boost <= 0 or min(self.catch_up, self.jitter) < 0:
            raise ValueError(
                "recovery and boost must be positive, catch_up and jitter not negative"
            )


@dataclass(frozen=True, slots=True)
class Slot:
    """A request's turn: when it may leave, and how many cuts had been made by then."""

    at: float
    cuts: int
    # Drawn from the bucket several instances share (scheduler/sender/shared_pacer.py), not
    # from this process's own pacer.
    shared: bool = False


@dataclass
class PacerStats:
    slots: int = 0
    refused: int = 0
    cuts: int = 0
    # Times everything waited for a retry_after (the rate was at its floor).
    pauses: int = 0
    # Seconds of unused slots given up (idle counts as at most a second each time).
    lag_dropped: float = 0.0


class Pacer(Protocol):
    """What the sender and the bot's replies draw on: this process's AdaptivePacer, or with
    Redis the bucket all instances share (scheduler/sender/shared_pacer.py)."""

    stats: PacerStats

    @property
    def rate(self) -> float: ...

    async def acquire(self) -> Slot: ...

    def refused(self, slot: Slot, retry_after: float) -> None: ...


class AdaptivePacer:
    """Spaces requests evenly at an adaptive share of ``ceiling`` (the published rate)."""

    def __init__(
        self,
        ceiling: float,
        *,
        tuning: PacerTuning | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if ceiling <= 0:
            raise ValueError("the rate must be positive")
        self.ceiling = ceiling
        self.tuning = tuning or PacerTuning()
        # The event loop's clock (time.monotonic), so ``sleep`` waits on the same one.
        self._clock = clock or time.monotonic
        self._sleep = sleep
        self.stats = PacerStats()
        self._target = ceiling * self.tuning.headroom
        self._rate = self._target
        self._rate_at = self._clock()
        self._next = -float("inf")
        self._release = -float("inf")
        self._paused_until = -float("inf")
        self._catch_up = self.tuning.catch_up
        self._cuts = 0
        # Cuts since the rate was last back at its target.
        self._streak = 0

    @property
    def rate(self) -> float:
        """The rate it aims at now (crept back as far as the clock says)."""
        self._creep(self._clock())
        return self._rate

    def reserve(self) -> Slot:
        """Take the next free slot; the request may leave at ``slot.at`` (now or later)."""
        now = self._clock()
        self._creep(now)
        interval = 1.0 / self._rate
        earliest = now - self._catch_up
        if self._next < earliest:
            # Slots that went by unused beyond ``catch_up`` (idle, a long stall) are given up.
            self.stats.lag_dropped += min(earliest - self._next, 1.0)
            self._next = earliest
        # ``_next`` is the even schedule. Behind it, requests go on a schedule of their own,
        # ``1 + boost`` times as fast, until they have caught up: spaced, never in a clump.
        # A slot up to ``jitter`` late on either goes at once: the event loop wakes late, and
        # at 1,000/s a request cannot wait for a wake-up of its own.
        self._release = max(self._release, now - self.tuning.jitter)
        at = max(self._next, self._release, self._paused_until)
        self._next += interval
        self._release = at + interval / (1 + self.tuning.boost)
        self.stats.slots += 1
        return Slot(max(at, now), self._cuts)

    async def acquire(self) -> Slot:
        """Wait for the next free slot."""
        slot = self.reserve()
        delay = slot.at - self._clock()
        if delay > 0:
            await self._sleep(delay)
        return slot

    def refused(self, slot: Slot, retry_after: float) -> None:
        """Telegram answered the request of ``slot`` with a 429."""
        self.stats.refused += 1
        if slot.cuts != self._cuts:
            # It left before the last cut: the same overshoot, already answered.
            return
        now = self._clock()
        self._creep(now)
        floor = self.ceiling * self.tuning.floor
        self._streak += 1
        self._rate = max(floor, self._rate * self.tuning.cut)
        self._rate_at = now
        if self._target * self.tuning.cut**self._streak < floor:
            # Cut after cut since the rate was last back, as far as the floor (however much it
            # crept back between them): cutting does not help; do as Telegram says, all of it,
            # and start again from the floor once it is over.
            self.stats.pauses += 1
            self._paused_until = max(self._paused_until, now + retry_after)
            self._rate = floor
            self._rate_at = self._paused_until
        # Making up a stall may be what emptied the bucket: less of it, until the rate is back.
        self._catch_up *= self.tuning.cut
        self._cuts += 1
        self.stats.cuts += 1
        # Slots handed out at the old rate are kept; the next one is a new interval away.
        self._next = max(self._next, now) + 1.0 / self._rate

    def _creep(self, now: float) -> None:
        if now > self._rate_at:
            elapsed = now - self._rate_at
            grown = self._rate + self.ceiling * self.tuning.recovery * elapsed
            self._rate = min(self._target, grown)
            if self._rate >= self._target:
                self._streak = 0
            catch_up = self._catch_up + self.tuning.catch_up * self.tuning.recovery * elapsed
            self._catch_up = min(self.tuning.catch_up, catch_up)
            self._rate_at = now


__all__ = ["AdaptivePacer", "Pacer", "PacerStats", "PacerTuning", "Slot"]
