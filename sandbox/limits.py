"""Token buckets standing in for Telegram's flood control on sending methods."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Clock = Callable[[], float]


@dataclass
class TokenBucket:
    """``rate`` tokens per second, at most ``burst`` stored; starts full."""

    rate: float
    burst: int
    clock: Clock = time.monotonic
    tokens: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)
        self.updated = self.clock()

    def _refill(self) -> None:
        now = self.clock()
        elapsed = max(0.0, now - self.updated)
        self.updated = now
        self.tokens = min(float(self.burst), self.tokens + elapsed * self.rate)

    def wait_time(self) -> float:
        """Seconds until one token is available (0 when one is available now)."""
        self._refill()
        if self.tokens >= 1.0:
            return 0.0
        if self.rate <= 0:
            return math.inf
        return (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self._refill()
        self.tokens -= 1.0


def retry_after(wait: float) -> int:
    """Telegram sends an integer number of seconds, at least 1."""
    if math.isinf(wait):
        return 3600
    return max(1, math.ceil(wait))


Verdict = Literal["ok", "chat", "global", "paid"]


@dataclass(frozen=True)
class PaidVerdict:
    verdict: Verdict
    retry_after: int = 0
    # The request went beyond the regular limit and is paid for (0.1 Star in Telegram).
    billed: bool = False


@dataclass
class RateLimiter:
    """A global bucket plus one bucket per chat; both must have a token to send.

    Paid broadcasts (``allow_paid_broadcast``) have a bucket of their own, by default 1000
    messages a second, on top of the regular one: Telegram lets such requests ignore the
    broadcasting limit and bills only those that exceed it.
    """

    global_rate: float
    global_burst: int
    chat_rate: float
    chat_burst: int
    clock: Clock = time.monotonic
    paid_rate: float = 1000.0
    paid_burst: int = 1000
    # Groups and channels (negative ids): about 20 messages a minute each (Telegram's FAQ).
    group_rate: float = 20 / 60
    group_burst: int = 20
    global_bucket: TokenBucket = field(init=False)
    paid_bucket: TokenBucket = field(init=False)
    chat_buckets: dict[int, TokenBucket] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.global_bucket = TokenBucket(self.global_rate, self.global_burst, self.clock)
        self.paid_bucket = TokenBucket(self.paid_rate, self.paid_burst, self.clock)

    def _chat_bucket(self, chat_id: int) -> TokenBucket:
        bucket = self.chat_buckets.get(chat_id)
        if bucket is None:
            if chat_id < 0:
                bucket = TokenBucket(self.group_rate, self.group_burst, self.clock)
            else:
                bucket = TokenBucket(self.chat_rate, self.chat_burst, self.clock)
            self.chat_buckets[chat_id] = bucket
        return bucket

    def check(self, chat_id: int) -> tuple[Verdict, int]:
        """Take a token from both buckets, or tell which one refused and the retry_after."""
        bucket = self._chat_bucket(chat_id)
        chat_wait = bucket.wait_time()
        if chat_wait > 0:
            return "chat", retry_after(chat_wait)
        global_wait = self.global_bucket.wait_time()
        if global_wait > 0:
            return "global", retry_after(global_wait)
        bucket.take()
        self.global_bucket.take()
        return "ok", 0

    def check_paid(self, chat_id: int) -> PaidVerdict:
        """A request with ``allow_paid_broadcast``: the per-chat limit still holds; the
        broadcasting limit is replaced by the paid one. A regular token is used while there is
        one (free); beyond it the request is billed."""
        bucket = self._chat_bucket(chat_id)
        chat_wait = bucket.wait_time()
        if chat_wait > 0:
            return PaidVerdict("chat", retry_after(chat_wait))
        paid_wait = self.paid_bucket.wait_time()
        if paid_wait > 0:
            return PaidVerdict("paid", retry_after(paid_wait))
        bucket.take()
        self.paid_bucket.take()
        if self.global_bucket.wait_time() > 0:
            return PaidVerdict("ok", billed=True)
        self.global_bucket.take()
        return PaidVerdict("ok")
