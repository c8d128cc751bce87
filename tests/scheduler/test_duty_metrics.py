"""kezdesu_duty_reminders_total{kind, stage} (bot/metrics.py): the compliance clock's reminders
and escalations, counted as they are enqueued, agree with the outbox message for message,
also when two instances run the clock at once (each counts what it enqueued)."""

import asyncio
from collections import Counter
from datetime import date

from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import Metrics
from scheduler.runner import tick
from services.duties import DutyKind
from storage.models import MeetingStatus
from tests.scheduler.helpers import (
    KARAAGASH,
    ZHANAARKA,
    Sent,
    World,
    create_services,
    duty_messages,
    local,
)
from tests.scheduler.test_compliance import OKRUG_OFFICIAL, days, staff

# The duty's name in an outbox key (services/duties.py, Duty.key) and its kind.
KEY_KINDS = {
    "announce": DutyKind.ANNOUNCEMENT,
    "plan": DutyKind.ACTION_PLAN,
    "progress": DutyKind.PROGRESS,
    "calendar_approve": DutyKind.CALENDAR_APPROVE,
    "calendar_submit": DutyKind.CALENDAR_SUBMIT,
}


def in_the_outbox(messages: list[Sent]) -> Counter[tuple[str, str]]:
    return Counter((KEY_KINDS[m.key.split(":")[1]].value, m.stage) for m in messages)


def counted(*registries: Metrics) -> Counter[tuple[str, str]]:
    total: Counter[tuple[str, str]] = Counter()
    for metrics in registries:
        for family in text_string_to_metric_families(metrics.exposition().decode()):
            for sample in family.samples:
                if sample.name == "kezdesu_duty_reminders_total" and sample.value:
                    total[(sample.labels["kind"], sample.labels["stage"])] += int(sample.value)
    return total


async def test_reminders_and_escalations_are_counted_by_kind_and_stage(world: World) -> None:
    metrics = Metrics()
    metrics.watch_duties(world.services.duties)
    await staff(world)
    await world.meeting(KARAAGASH, local(date(2027, 5, 20), 11), MeetingStatus.DRAFT)
    await world.meeting(KARAAGASH, local(date(2027, 5, 3), 15), MeetingStatus.HELD)
    await world.run_days(date(2027, 5, 1), date(2027, 5, 19))

    messages = await duty_messages(world.sessions)
    found = counted(metrics)
    assert found == in_the_outbox(messages)
    # The missed announcement: its officials before, on and after the day; the admin and
    # the two akimats above, once.
    assert found[("announcement", "before")] == 1
    assert found[("announcement", "overdue")] == 1
    assert found[("announcement", "escalation")] == 3
    assert found[("action_plan", "overdue")] > 0

    # A run that finds everything already covered counts nothing.
    await world.tick()
    assert counted(metrics) == found


async def test_two_instances_count_each_message_once_between_them(world: World) -> None:
    await staff(world)
    for hour in (12, 14):
        await world.meeting(KARAAGASH, local(date(2027, 3, 10), hour), MeetingStatus.HELD)
    await world.meeting(ZHANAARKA, local(date(2027, 3, 4), 11), MeetingStatus.HELD)
    first, second = (create_services(world.sessions, world.clock) for _ in range(2))
    first_metrics, second_metrics = Metrics(), Metrics()
    first_metrics.watch_duties(first.duties)
    second_metrics.watch_duties(second.duties)
    for day in days(date(2027, 3, 11), date(2027, 3, 31)):
        world.clock.set(local(day, 10))
        await asyncio.gather(tick(first, world.clock.now()), tick(second, world.clock.now()))

    messages = await duty_messages(world.sessions)
    assert any(m.chat_id == OKRUG_OFFICIAL for m in messages)
    assert counted(first_metrics, second_metrics) == in_the_outbox(messages)
