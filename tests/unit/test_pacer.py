"""The shared pacer (scheduler/sender/pacer.py) on a clock the test moves: even spacing, no
clumps after a stall, a cut on a 429 and the creep back, retry_after, and the bot's own
messages drawing on the same budget (bot/middlewares/pacing.py)."""

import math
from collections import Counter
from itertools import pairwise
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod
from aiogram.methods.base import Response

from bot.middlewares.pacing import PacingMiddleware, sends_a_message
from scheduler.sender.pacer import AdaptivePacer, PacerTuning, Slot

CEILING = 100.0
TUNING = PacerTuning()
TARGET = CEILING * TUNING.headroom


class FakeTime:
    """A monotonic clock that only moves when told; ``sleep`` moves it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def pacer(time: FakeTime) -> AdaptivePacer:
    return AdaptivePacer(CEILING, clock=time, sleep=time.sleep)


def send_at_slots(pacer: AdaptivePacer, time: FakeTime, count: int) -> list[Slot]:
    """``count`` requests, each leaving at its slot (the clock moved there)."""
    slots = []
    for _ in range(count):
        slot = pacer.reserve()
        time.now = max(time.now, slot.at)
        slots.append(slot)
    return slots


def gaps(slots: list[Slot]) -> list[float]:
    return [after.at - before.at for before, after in pairwise(slots)]


def test_requests_are_spaced_evenly_just_under_the_rate(
    pacer: AdaptivePacer, time: FakeTime
) -> None:
    slots = send_at_slots(pacer, time, 200)

    # After the first few (a pacer that was idle may make up a little), one every 1/rate.
    steady = gaps(slots)[10:]
    assert steady == pytest.approx([1 / TARGET] * len(steady))
    assert pacer.rate == pytest.approx(TARGET)


async def test_acquire_waits_for_the_slot_on_the_injected_clock(
    pacer: AdaptivePacer, time: FakeTime
) -> None:
    for _ in range(50):
        await pacer.acquire()

    assert sum(time.slept) > 0
    # 50 requests take ~49 intervals, less what it made up after being idle.
    assert 40 / TARGET <= time.now - 1000.0 <= 50 / TARGET


def test_a_stall_is_made_up_spaced_never_in_a_clump(pacer: AdaptivePacer, time: FakeTime) -> None:
    send_at_slots(pacer, time, 50)
    time.now += 1.0  # the process stalled for a second
    stalled_at = time.now

    after = send_at_slots(pacer, time, 100)

    # At most ``catch_up`` of the lag is made up; the rest (most of the second) is given up.
    first_half_second = sum(1 for slot in after if slot.at < stalled_at + 0.5)
    assert first_half_second <= (0.5 + TUNING.catch_up) * TARGET + 1
    at_once = Counter(slot.at for slot in after)
    # What goes at once is at most ``jitter`` worth of slots (1 at 100/s), plus the first.
    assert max(at_once.values()) <= 1 + TUNING.jitter * CEILING * (1 + TUNING.boost) + 1
    # While making up, requests go at most 1 + boost times as fast as the rate.
    assert min(gaps(after)[2:]) >= 1 / (TARGET * (1 + TUNING.boost)) - 1e-9
    # And then settle back to the even rate.
    assert gaps(after)[-20:] == pytest.approx([1 / TARGET] * 20)
    assert pacer.stats.lag_dropped >= 1.0 - TUNING.catch_up - 1e-9


def test_a_429_cuts_the_rate_once_per_overshoot(pacer: AdaptivePacer, time: FakeTime) -> None:
    in_flight = send_at_slots(pacer, time, 20)

    pacer.refused(in_flight[-1], retry_after=1)
    assert pacer.rate == pytest.approx(TARGET * TUNING.cut)
    # The others on the way when it was cut answer the same overshoot: no further cut.
    for slot in in_flight[:-1]:
        pacer.refused(slot, retry_after=1)
    assert pacer.rate == pytest.approx(TARGET * TUNING.cut)
    assert pacer.stats.cuts == 1 and pacer.stats.refused == 20

    # A request that left after the cut and still met a 429: cut again.
    [later] = send_at_slots(pacer, time, 1)
    pacer.refused(later, retry_after=1)
    # (It has crept back a little in the interval the request waited.)
    assert pacer.rate == pytest.approx(TARGET * TUNING.cut**2, rel=0.01)
    assert pacer.stats.cuts == 2


def test_after_a_cut_the_spacing_widens(pacer: AdaptivePacer, time: FakeTime) -> None:
    slots = send_at_slots(pacer, time, 20)
    pacer.refused(slots[-1], retry_after=1)

    after = send_at_slots(pacer, time, 5)

    # Spaced for the lower rate (it creeps back a little with every interval).
    assert min(gaps(after)) > 1 / (TARGET * TUNING.cut) * 0.97


def test_the_rate_creeps_back_to_just_under_the_limit(
    pacer: AdaptivePacer, time: FakeTime
) -> None:
    slots = send_at_slots(pacer, time, 5)
    pacer.refused(slots[-1], retry_after=1)
    cut = pacer.rate

    time.now += 0.25
    assert pacer.rate == pytest.approx(cut + 0.25 * CEILING * TUNING.recovery)
    time.now += 0.25
    assert pacer.rate == pytest.approx(cut + 0.5 * CEILING * TUNING.recovery)
    time.now += 10.0
    # And no further: just under the published rate.
    assert pacer.rate == pytest.approx(TARGET)


def test_retry_after_holds_back_only_the_refused_request(
    pacer: AdaptivePacer, time: FakeTime
) -> None:
    slots = send_at_slots(pacer, time, 10)
    pacer.refused(slots[-1], retry_after=5)

    [following] = send_at_slots(pacer, time, 1)

    # Telegram's whole seconds would stop every chat for 5 s; the rest goes on, slower.
    assert following.at - slots[-1].at < 0.1
    assert pacer.stats.pauses == 0


def test_at_the_floor_everything_waits_for_retry_after(
    pacer: AdaptivePacer, time: FakeTime
) -> None:
    floor = CEILING * TUNING.floor
    # Each request that left after the last cut met a 429 all the same.
    for _ in range(30):
        [slot] = send_at_slots(pacer, time, 1)
        refused_at = time.now
        pacer.refused(slot, retry_after=3)
        if pacer.stats.pauses:
            break

    assert pacer.stats.pauses == 1
    # It cut as far as it could before waiting: from 0.99 to 0.05 of the rate (the rate crept
    # back a little between the cuts, as it does whenever time passes).
    assert pacer.stats.cuts == math.ceil(math.log(TUNING.floor / TUNING.headroom, TUNING.cut))
    assert pacer.reserve().at >= refused_at + 3
    assert pacer.rate == pytest.approx(floor, rel=0.01)


def test_the_tuning_is_checked() -> None:
    with pytest.raises(ValueError, match="floor <= cut < 1"):
        PacerTuning(cut=1.0)
    with pytest.raises(ValueError, match="floor <= cut < 1"):
        PacerTuning(floor=0.8, cut=0.7)
    with pytest.raises(ValueError, match="must be positive"):
        AdaptivePacer(0)


# --- The bot's own messages --------------------------------------------------------------------


class FakeSession:
    """aiogram's request: records what went and when, or answers with a 429."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.sent: list[tuple[float, TelegramMethod[Any]]] = []
        self.refuse_next = 0

    async def __call__(self, bot: Bot, method: TelegramMethod[Any]) -> Response[Any]:
        if self.refuse_next:
            self.refuse_next -= 1
            raise TelegramRetryAfter(method, "Too Many Requests: retry after 1", 1)
        self.sent.append((self.time.now, method))
        return Response[bool](ok=True, result=True)


@pytest.fixture
def session(time: FakeTime) -> FakeSession:
    return FakeSession(time)


BOT = Bot("42:TEST")


async def test_replies_take_slots_from_the_budget_the_sender_uses(
    pacer: AdaptivePacer, time: FakeTime, session: FakeSession
) -> None:
    middleware = PacingMiddleware(pacer)
    sender_slots = send_at_slots(pacer, time, 30)

    for number in range(10):
        await middleware(session, BOT, SendMessage(chat_id=number, text="reply"))
    after = send_at_slots(pacer, time, 10)

    moments = [slot.at for slot in sender_slots] + [at for at, _ in session.sent]
    moments += [slot.at for slot in after]
    # One budget: the sender's messages and the replies together keep the even spacing.
    assert gaps([Slot(at, 0) for at in moments])[10:] == pytest.approx([1 / TARGET] * 39)
    assert pacer.stats.slots == 50


async def test_a_429_of_a_reply_cuts_the_senders_rate(
    pacer: AdaptivePacer, time: FakeTime, session: FakeSession
) -> None:
    middleware = PacingMiddleware(pacer)
    send_at_slots(pacer, time, 10)
    session.refuse_next = 1

    with pytest.raises(TelegramRetryAfter):
        await middleware(session, BOT, SendMessage(chat_id=1, text="reply"))

    assert pacer.rate == pytest.approx(TARGET * TUNING.cut)


async def test_edits_and_callback_answers_are_not_paced(
    pacer: AdaptivePacer, time: FakeTime, session: FakeSession
) -> None:
    middleware = PacingMiddleware(pacer)
    methods: list[TelegramMethod[Any]] = [
        AnswerCallbackQuery(callback_query_id="1"),
        EditMessageText(chat_id=1, message_id=2, text="edited"),
    ]
    for method in methods * 20:
        await middleware(session, BOT, method)

    assert pacer.stats.slots == 0 and time.slept == []
    assert not any(sends_a_message(method) for method in methods)


async def test_in_paid_mode_replies_ask_for_the_paid_budget(
    pacer: AdaptivePacer, session: FakeSession
) -> None:
    await PacingMiddleware(pacer, paid_broadcast=True)(
        session, BOT, SendMessage(chat_id=1, text="reply")
    )
    await PacingMiddleware(pacer)(session, BOT, SendMessage(chat_id=1, text="reply"))

    [(_, paid), (_, regular)] = session.sent
    assert isinstance(paid, SendMessage) and paid.allow_paid_broadcast is True
    assert isinstance(regular, SendMessage) and regular.allow_paid_broadcast is None
