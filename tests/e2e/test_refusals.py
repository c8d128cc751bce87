"""The staff router's one answer to a refusal, and buttons of retired callback prefixes: an
official of one akimat reaching into another is told no in their language (an alert under a
button, a reply to a command), the attempt is in the audit log and the update log says
"denied"; an old button whose factory has a new prefix still does what it did."""

import logging

import pytest

from handlers.callbacks import AuditPageCb, OfficialsAction, OfficialsCb
from tests.e2e.harness import BotWorld
from tests.e2e.test_officials import KARAAGASH, OKRUG_A, OKRUG_B, ULYTAU_OKRUG, appoint, denials

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("locale", ["kk", "en"])
async def test_a_refusal_is_one_answer_in_the_persons_language(
    world: BotWorld, locale: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kezdesu.updates")
    t = world.text(locale)
    _, official = await appoint(world, OKRUG_A, KARAAGASH, locale)
    other, _ = await appoint(world, OKRUG_B, ULYTAU_OKRUG, "ru")

    [own] = await official.say("/officials")
    data = OfficialsCb(action=OfficialsAction.AKIMAT, akimat_id=other.id).pack()
    await world.client.press(official.user_id, own.message_id, data)
    await official.collect("the refusal")
    assert official.callback_answers[-1]["text"] == t("access-denied")
    assert official.callback_answers[-1]["show_alert"] is True

    [refused] = await official.say("/audit")
    assert refused.content == t("access-denied")
    assert await denials(world) == [
        (OKRUG_A, "officials.read", other.id),
        (OKRUG_A, "audit.read", None),
    ]
    outcomes = [r.getMessage() for r in caplog.records if r.name == "kezdesu.updates"]
    assert len([line for line in outcomes if "outcome=denied" in line]) == 2
    assert not [line for line in outcomes if "outcome=error" in line]


async def test_a_button_of_a_retired_prefix_still_works(world: BotWorld) -> None:
    t = world.text("ru")
    admin = await world.admin("ru")
    [log] = await admin.say("/audit")
    assert AuditPageCb(page=0).pack() == "aud1:0"

    # AuditPageCb was of4 until callback prefixes became family + version.
    await world.client.press(admin.user_id, log.message_id, "of4:0")
    await admin.collect("the audit page")
    answer = admin.callback_answers[-1]
    assert answer.get("text") != t("error-stale-button")
    assert not answer.get("show_alert")
