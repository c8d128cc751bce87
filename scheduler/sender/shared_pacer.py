"""The budget of messages a second shared by every instance: a token bucket in Redis.

Telegram's limit is the bot's, whatever the number of processes sending for it. Each process's
AdaptivePacer (scheduler/sender/pacer.py) keeps the limit alone; N of them would send N times
it. So with REDIS_URL the pacer's state lives in one Redis hash and every slot is taken by a
Lua script, atomically, on Redis's clock (``TIME``): one schedule and one clock for all
instances, however their own clocks drift. The script is the AdaptivePacer's logic unchanged:
smooth slots ``1 / rate`` apart, a little catch-up after a stall, a cut on a 429 and a creep
back, everything waiting for ``retry_after`` once cuts reach the floor. The cut is stored with
the rest, so one instance's 429 slows all of them.

A slot comes back as a delay from the moment it was asked for; the process waits that long on
its own clock, so only how much the round trips to Redis differ separates the instances'
schedules.

*Redis briefly unreachable.* Sending goes on: this process draws from its own AdaptivePacer at
the full rate, and looks for Redis every ``fallback_for`` seconds in the background (no
message waits on it); once Redis answers, slots come from the shared bucket again. N
instances falling back together may overshoot the limit until their 429s cut each one's rate
(each cuts on its own 429s, as a lone instance does); stopping all sending while Redis is away
would turn a Redis hiccup into an outage of notifications. A 429 whose report cannot reach
Redis is applied to the local pacer.

Time is injectable: ``clock``/``sleep`` for the waits, and ``bucket_clock`` for the bucket (a
test's clock passed to the script instead of Redis ``TIME``). Needs Redis 5 or later (scripts
that read ``TIME`` and then write are replicated by their effects).
"""

import asyncio
import logging
import time
from collections.abc import Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from scheduler.sender.pacer import AdaptivePacer, PacerStats, PacerTuning, Sleep, Slot

log = logging.getLogger(__name__)

# Idle buckets vanish after an hour: a changed rate or tuning starts afresh.
_STATE = r"""
local key = KEYS[1]
local function f(x) return string.format('%.17g', x) end
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
else
  now = tonumber(ARGV[1])
end
local ceiling = tonumber(ARGV[2])
local target = tonumber(ARGV[3])
local recovery = tonumber(ARGV[4])
local catch_max = tonumber(ARGV[5])
local s = redis.call('HMGET', key, 'rate', 'rate_at', 'next', 'release', 'paused_until',
  'catch_up', 'cuts', 'streak')
local rate = tonumber(s[1]) or target
local rate_at = tonumber(s[2]) or now
local nxt = tonumber(s[3]) or 0
local release = tonumber(s[4]) or 0
local paused_until = tonumber(s[5]) or 0
local catch_up = tonumber(s[6]) or catch_max
local cuts = tonumber(s[7]) or 0
local streak = tonumber(s[8]) or 0
-- creep back (AdaptivePacer._creep)
if now > rate_at then
  local elapsed = now - rate_at
  rate = math.min(target, rate + ceiling * recovery * elapsed)
  if rate >= target then streak = 0 end
  catch_up = math.min(catch_max, catch_up + catch_max * recovery * elapsed)
  rate_at = now
end
local function save()
  redis.call('HSET', key, 'rate', f(rate), 'rate_at', f(rate_at), 'next', f(nxt),
    'release', f(release), 'paused_until', f(paused_until), 'catch_up', f(catch_up),
    'cuts', string.format('%d', cuts), 'streak', string.format('%d', streak))
  redis.call('PEXPIRE', key, 3600000)
end
"""

# AdaptivePacer.reserve. ARGV[6] boost, ARGV[7] jitter.
# Returns the delay from now, the cuts so far, the rate, the seconds of lag given up.
RESERVE = (
    _STATE
    + r"""
local boost = tonumber(ARGV[6])
local jitter = tonumber(ARGV[7])
local interval = 1.0 / rate
local earliest = now - catch_up
local dropped = 0
if nxt < earliest then
  dropped = math.min(earliest - nxt, 1.0)
  nxt = earliest
end
release = math.max(release, now - jitter)
local at = math.max(nxt, release, paused_until)
nxt = nxt + interval
release = at + interval / (1 + boost)
save()
return {f(math.max(at, now) - now), cuts, f(rate), f(dropped)}
"""
)

# AdaptivePacer.refused. ARGV[6] cut, ARGV[7] floor (share), ARGV[8] retry_after,
# ARGV[9] the slot's cuts. Returns whether it cut, whether everything pauses, the rate.
REFUSE = (
    _STATE
    + r"""
local cut = tonumber(ARGV[6])
local floor = ceiling * tonumber(ARGV[7])
local retry_after = tonumber(ARGV[8])
if tonumber(ARGV[9]) ~= cuts then
  return {0, 0, f(rate)}
end
streak = streak + 1
rate = math.max(floor, rate * cut)
rate_at = now
local paused = 0
if target * cut ^ streak < floor then
  paused = 1
  paused_until = math.max(paused_until, now + retry_after)
  rate = floor
  rate_at = paused_until
end
catch_up = catch_up * cut
cuts = cuts + 1
nxt = math.max(nxt, now) + 1.0 / rate
save()
return {1, paused, f(rate)}
"""
)

Errors = (RedisError, OSError, TimeoutError)


class RedisPacer:
    """An AdaptivePacer whose state is one Redis hash shared by all instances (``key``)."""

    def __init__(
        self,
        redis: Redis,
        key: str,
        ceiling: float,
        *,
        tuning: PacerTuning | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Sleep = asyncio.sleep,
        bucket_clock: Callable[[], float] | None = None,
        fallback_for: float = 1.0,
        timeout: float = 0.5,
    ) -> None:
        if ceiling <= 0:
            raise ValueError("the rate must be positive")
        self.ceiling = ceiling
        self.tuning = tuning or PacerTuning()
        self._key = key
        self._clock = clock or time.monotonic
        self._sleep = sleep
        self._bucket_clock = bucket_clock
        self._fallback_for = fallback_for
        self._timeout = timeout
        self._reserve = redis.register_script(RESERVE)
        self._refuse = redis.register_script(REFUSE)
        # Used while Redis cannot be reached (see the module's docstring).
        self.fallback = AdaptivePacer(ceiling, tuning=self.tuning, clock=self._clock, sleep=sleep)
        self.stats = PacerStats()
        # Slots this process took from its own pacer, Redis being unreachable.
        self.local_slots = 0
        self._redis = redis
        self._rate = ceiling * self.tuning.headroom
        self._down = False
        self._probe: asyncio.Task[None] | None = None
        self._reports: set[asyncio.Task[None]] = set()

    @property
    def rate(self) -> float:
        """The shared rate as of this process's last slot (its own while Redis is away)."""
        return self.fallback.rate if self._down else self._rate

    @property
    def sharing(self) -> bool:
        """Whether slots come from the shared bucket now (False while Redis is away)."""
        return not self._down

    async def reserve(self) -> Slot:
        """Take the next slot of the shared bucket (or of the local pacer, Redis away)."""
        if self._reports:
            # A 429 this process met is in the bucket before it takes another slot.
            await asyncio.gather(*self._reports, return_exceptions=True)
        now = self._clock()
        if not self._down:
            tuning = self.tuning
            try:
                async with asyncio.timeout(self._timeout):
                    answer = await self._reserve(
                        keys=[self._key],
                        args=[
                            self._bucket_now(),
                            self.ceiling,
                            self.ceiling * tuning.headroom,
                            tuning.recovery,
                            tuning.catch_up,
                            tuning.boost,
                            tuning.jitter,
                        ],
                    )
            except Errors as error:
                self._unreachable(error)
            else:
                delay, cuts, rate, dropped = answer
                self._rate = float(rate)
                self.stats.slots += 1
                self.stats.lag_dropped += float(dropped)
                return Slot(now + float(delay), int(cuts), shared=True)
        self.stats.slots += 1
        self.local_slots += 1
        return self.fallback.reserve()

    async def acquire(self) -> Slot:
        """Wait for the next free slot."""
        slot = await self.reserve()
        delay = slot.at - self._clock()
        if delay > 0:
            await self._sleep(delay)
        return slot

    def refused(self, slot: Slot, retry_after: float) -> None:
        """Telegram answered the request of ``slot`` with a 429: the bucket is told (before
        this process's next slot), and so every instance slows."""
        self.stats.refused += 1
        if not slot.shared:
            self.fallback.refused(slot, retry_after)
            return
        task = asyncio.create_task(self._report(slot, retry_after))
        self._reports.add(task)
        task.add_done_callback(self._reports.discard)

    async def aclose(self) -> None:
        """Let the 429s being reported reach Redis; stop looking for a Redis that is away."""
        if self._reports:
            await asyncio.gather(*self._reports, return_exceptions=True)
        probe, self._probe = self._probe, None
        if probe is not None:
            probe.cancel()
            await asyncio.gather(probe, return_exceptions=True)

    async def _report(self, slot: Slot, retry_after: float) -> None:
        tuning = self.tuning
        now = self._clock()
        try:
            async with asyncio.timeout(self._timeout):
                cut, paused, rate = await self._refuse(
                    keys=[self._key],
                    args=[
                        self._bucket_now(),
                        self.ceiling,
                        self.ceiling * tuning.headroom,
                        tuning.recovery,
                        tuning.catch_up,
                        tuning.cut,
                        tuning.floor,
                        retry_after,
                        slot.cuts,
                    ],
                )
        except Errors as error:
            self._unreachable(error)
            # Told to the pacer that sends meanwhile, as its own latest slot's.
            self.fallback.refused(Slot(now, self.fallback.stats.cuts), retry_after)
            return
        self._rate = float(rate)
        self.stats.cuts += int(cut)
        self.stats.pauses += int(paused)

    def _bucket_now(self) -> str:
        return "" if self._bucket_clock is None else repr(self._bucket_clock())

    def _unreachable(self, error: BaseException) -> None:
        if self._down:
            return
        self._down = True
        log.warning(
            "the shared sending bucket in Redis is unreachable (%s): this process paces "
            "itself alone until it is back",
            type(error).__name__,
        )
        # Looked for in the background: the sending never waits on a Redis that is away.
        self._probe = asyncio.create_task(self._until_back(), name="pacer-redis-probe")

    async def _until_back(self) -> None:
        while True:
            await self._sleep(self._fallback_for)
            try:
                async with asyncio.timeout(self._timeout):
                    await self._redis.ping()
            except Errors:
                continue
            self._down = False
            self._probe = None
            log.info("the shared sending bucket in Redis is back")
            return


__all__ = ["RedisPacer"]
