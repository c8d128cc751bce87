"""/mydata and /forget end to end, in Kazakh, Russian and English: the file holds the question
being written (and the step it waits at), the notifications the person was sent and the
akimat's answer to their question; /forget then leaves neither the draft nor the answer's
notice behind."""

import json

import pytest
from sqlalchemy import func, select

from storage.models import AuditEntry, FsmRecord, OutboxPayload, Question, QuestionKind
from tests.builders import an_official
from tests.e2e.harness import ADMIN_ID, BotWorld
from tests.e2e.test_officials import KARAAGASH
from tests.e2e.test_questions import HOST, QUESTION, announced_meeting, open_card

pytestmark = pytest.mark.asyncio

OFFICIAL = 4801
ANSWER = "Жол 2027 жылдың мамырында жөнделеді. <Мердігер> таңдалды."
DRAFT = {
    "kk": "Мектеп жанындағы бағдаршам қашан орнатылады?",
    "ru": "Когда поставят светофор возле школы?",
    "en": "When will the traffic light by the school be installed?",
}


@pytest.mark.parametrize(("locale", "user_id"), [("kk", 4811), ("ru", 4812), ("en", 4813)])
async def test_mydata_shows_draft_notices_and_answer_and_forget_leaves_none(
    world: BotWorld, locale: str, user_id: int
) -> None:
    t = world.text(locale)
    meeting_id = await announced_meeting(world)
    await an_official(world.app.session_factory, OFFICIAL, akimat=HOST, locale="ru")
    chat = await world.citizen(user_id, locale)

    # A question asked (the short way) and answered by the akimat; the answer is delivered.
    question = await world.services.questions.ask(
        user_id, meeting_id, QuestionKind.QUESTION, QUESTION.get(locale, QUESTION["ru"])
    )
    await world.services.pool.answer(OFFICIAL, question.id, ANSWER)
    await world.sender.drain()
    await chat.collect("the answer")

    # Another one being written: its text typed, the photo step waiting.
    card = await open_card(chat, meeting_id)
    await chat.press(card, t("meet-btn-ask"))
    [photo_prompt] = await chat.say(DRAFT[locale])
    assert photo_prompt.content == t("q-photo-prompt")

    [document] = await chat.say("/mydata")
    assert document.content == t("mydata-caption")
    assert document.document is not None
    data = json.loads(await world.client.download(document.document["file_id"]))
    assert data["question_draft"] == {
        "meeting_id": meeting_id,
        "kind": "question",
        "text": DRAFT[locale],
        "has_photo": False,
        "step": "photo",
    }
    [asked] = data["questions"]
    assert asked["akimat_answer"]["kind"] == "answer"
    assert asked["akimat_answer"]["text"] == ANSWER
    [told] = data["notifications"]
    assert (told["kind"], told["status"]) == ("question_status", "sent")
    assert told["sent_at"] is not None

    # /mydata did not disturb the draft: the photo step still answers.
    [preview] = await chat.send("photo")
    assert DRAFT[locale] in preview.content

    [ask] = await chat.say("/forget")
    await chat.press(ask, t("forget-confirm"))
    assert chat.last.content == t("forget-done")
    async with world.app.session_factory() as session:
        states = await session.scalar(
            select(func.count())
            .select_from(FsmRecord)
            .where(FsmRecord.key.contains(f":{user_id}:"))
        )
        answers = await session.scalar(
            select(func.count())
            .select_from(OutboxPayload)
            .where(OutboxPayload.body.contains("Мердігер"))
        )
        kept = await session.get(Question, question.id)
    assert states == 0 and answers == 0
    # The akimat's record keeps the question and its answer, without its author.
    assert kept is not None and kept.author_id is None and kept.resolution == ANSWER


@pytest.mark.parametrize(("locale", "user_id"), [("kk", 4821), ("ru", 4822)])
async def test_an_official_who_forgets_leaves_the_notice_without_a_name(
    world: BotWorld, locale: str, user_id: int
) -> None:
    t = world.text(locale)
    akimat, invite = await world.services.officials.invite_to_locality(ADMIN_ID, KARAAGASH)
    official = await world.citizen(user_id, locale)
    [accepted] = await official.say(f"/start inv_{invite.token}")
    assert akimat.name(locale) in accepted.content
    menu = [c["command"] for c in await world.client.effective_commands(user_id)]
    assert "office" in menu

    # They use /forget before the admin's notice of their appointment went out.
    [ask] = await official.say("/forget")
    await official.press(ask, t("forget-confirm"))
    assert official.last.content == t("forget-done")
    menu = [c["command"] for c in await world.client.effective_commands(user_id)]
    assert "office" not in menu

    # The sender may have delivered it already (that message is the admin's); what is stored
    # no longer names them, and what was still to be sent goes out without the name.
    await world.sender.drain()
    async with world.app.session_factory() as session:
        [body] = list(await session.scalars(select(OutboxPayload.body)))
    [(language, message)] = json.loads(body).items()
    told = world.text(language)
    assert message["text"] == told("forgotten-notice-accepted", akimat=akimat.name(language))
    assert "User" not in body and str(user_id) not in body
    async with world.app.session_factory() as session:
        trail = list(
            await session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.actor_id == user_id)
                .order_by(AuditEntry.id)
            )
        )
    assert trail == ["invite.accept", "official.forget"]
