"""handlers/fit.py: lengths as Telegram counts them (UTF-16 code units after the HTML is
parsed), texts shortened with "…", screens fitted, long texts split into messages."""

from typing import TYPE_CHECKING

import pytest

from handlers.fit import TEXT_LIMIT, fit, parts, shorten, units, visible_units

if TYPE_CHECKING:
    from services.plans.views import PlanView

EMOJI = "😀"  # outside the BMP: two UTF-16 units, one code point


def test_units_count_utf16() -> None:
    assert units("abc") == 3
    assert units(EMOJI) == 2
    assert units("Қазақ" + EMOJI * 3) == 11
    assert visible_units("<b>a &amp; b</b>\n") == 5


@pytest.mark.parametrize("text", ["a" * 500, EMOJI * 500, ("сөз " + EMOJI) * 100])
@pytest.mark.parametrize("limit", [1, 2, 3, 100, 301])
def test_shorten_stays_within_the_limit_and_never_splits_a_character(
    text: str, limit: int
) -> None:
    short = shorten(text, limit)
    assert units(short) <= limit
    assert short.endswith("…")
    assert text.startswith(short[:-1].rstrip())


def test_shorten_keeps_a_text_that_fits() -> None:
    assert shorten(EMOJI * 50, 100) == EMOJI * 50


def test_fit_shortens_the_longest_texts_until_the_screen_fits() -> None:
    def render(texts: dict[str, str] | object) -> str:
        assert isinstance(texts, dict)
        return f"<b>Card</b>\n<i>{texts['question']}</i>\n\n{texts['answer']}"

    # 1,500 and 2,000 characters of emoji: 7,000 UTF-16 units, once refused by Telegram.
    fitted = fit(render, {"question": EMOJI * 1500, "answer": "<&>" + EMOJI * 1997})
    assert fitted.shortened
    assert visible_units(fitted.html) <= TEXT_LIMIT
    assert "&lt;&amp;&gt;" in fitted.html  # escaped

    small = fit(render, {"question": "Жол қашан?", "answer": "<2027>"})
    assert not small.shortened
    assert small.html == "<b>Card</b>\n<i>Жол қашан?</i>\n\n&lt;2027&gt;"


def test_parts_cover_the_text_and_each_fits() -> None:
    text = "\n".join(f"{n}. " + ("сөз " + EMOJI + " ") * 60 for n in range(40))
    pieces = parts(text, 1000)
    assert len(pieces) > 1
    assert all(0 < units(piece) <= 1000 for piece in pieces)
    assert "".join("".join(piece.split()) for piece in pieces) == "".join(text.split())
    assert parts("x" * 2500, 1000) == ["x" * 1000, "x" * 1000, "x" * 500]


def longest_plan(items: int = 200) -> "PlanView":
    """A published plan with every text at the largest its field takes, in emoji (two UTF-16
    units each) or characters that escape long."""
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from services.plans.checks import (
        MAX_COMMENT,
        MAX_EXECUTOR,
        MAX_LINKED,
        MAX_MEASURE,
        MAX_PROBLEM,
        MAX_SUMMARY,
    )
    from services.plans.views import LinkedQuestion, PlanItemView, PlanMeeting, PlanView
    from storage.models import MeetingStatus, PlanItemStatus

    moment = datetime(2026, 11, 20, 5, tzinfo=UTC)
    meeting = PlanMeeting(
        id=2**31 - 1,
        host_akimat_id=1,
        status=MeetingStatus.CLOSED,
        starts_at=moment,
        ends_at=moment,
        host_name_kk="Қ" * 200,
        host_name_ru="К" * 200,
        local_date=date(2026, 11, 20),
        due_on=date(2026, 12, 1),
        is_over=True,
    )
    item = PlanItemView(
        id=1,
        position=200,
        problem=EMOJI * MAX_PROBLEM,
        measure="<&>" * (MAX_MEASURE // 3),
        executor=EMOJI * MAX_EXECUTOR,
        due_on=date(2027, 6, 30),
        status=PlanItemStatus.IN_PROGRESS,
        percent=100,
        comment=EMOJI * MAX_COMMENT,
        questions=tuple(LinkedQuestion(n, f"Q-2026-{n:06d}") for n in range(MAX_LINKED)),
    )
    return PlanView(
        id=1,
        meeting=meeting,
        summary=EMOJI * MAX_SUMMARY,
        published_at=moment,
        published_by=1,
        due_on=date(2026, 12, 1),
        items=(item,) * items,
        tz=ZoneInfo("Asia/Almaty"),
    )


def test_the_citizens_plan_screen_fits_with_every_text_at_its_longest() -> None:
    """A plan of long items with a long summary once made a screen Telegram refused. Every
    text is shortened in Telegram's units, so the screen fits whatever people typed, and it
    offers the page's full text."""
    from zoneinfo import ZoneInfo

    from handlers.callbacks import PlanTextCb
    from handlers.citizen.plans import render_plan
    from locales import Translator

    plan = longest_plan()
    for locale in ("kk", "ru", "en"):
        t = Translator().bind(locale, ZoneInfo("Asia/Almaty"))
        text, keyboard = render_plan(plan, t, 0, following=True, reports=99)
        assert visible_units(text) <= TEXT_LIMIT, locale
        data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
        assert PlanTextCb(meeting_id=plan.meeting.id, page=0).pack() in data


def test_the_full_text_of_a_plan_page_is_whole_and_sent_in_parts() -> None:
    from zoneinfo import ZoneInfo

    from handlers.citizen.plans import full_page_text
    from locales import Translator

    plan = longest_plan(items=5)
    t = Translator().bind("ru", ZoneInfo("Asia/Almaty"))
    whole = full_page_text(plan, t, 0)
    item = plan.items[0]
    assert plan.summary is not None and plan.summary in whole
    for text in (item.problem, item.measure, item.executor, item.comment or ""):
        assert text in whole
    assert "{???}" not in whole and "<b>" not in whole
    pieces = parts(whole)
    assert len(pieces) > 1 and all(units(piece) <= TEXT_LIMIT for piece in pieces)


def test_a_plan_of_short_texts_offers_no_full_text() -> None:
    from dataclasses import replace
    from zoneinfo import ZoneInfo

    from handlers.callbacks import PlanTextCb
    from handlers.citizen.plans import render_plan
    from locales import Translator

    plan = longest_plan(items=2)
    short = replace(plan.items[0], problem="Жол", measure="Жөндеу", executor="ТКШ", comment=None)
    plan = replace(plan, summary="Қорытынды", items=(short, short))
    t = Translator().bind("kk", ZoneInfo("Asia/Almaty"))
    _, keyboard = render_plan(plan, t, 0, following=False, reports=0)
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert PlanTextCb(meeting_id=plan.meeting.id, page=0).pack() not in data


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_an_answer_full_of_escapes_reaches_the_citizen_whole(locale: str) -> None:
    """A 2,000-character answer with quotes and ampersands escapes past 2,500 characters,
    where Fluent gives "{???}" instead of the placeable: the citizen got no answer."""
    from html import unescape

    from handlers.notices.questions import resolved
    from locales import Translator
    from services.notices import QuestionResolved, Resolution
    from tests.unit.test_notice_renderers import QUESTION, TZ

    answer = ('"Жол" & <көпір> 2027. ' * 100)[:2000].strip()
    t = Translator().bind(locale, TZ)
    notice = QuestionResolved(QUESTION, Resolution.ANSWERED, to_author=True, answer=answer)
    text = resolved(notice, t).text
    assert "{???}" not in text
    assert answer in unescape(text)
    assert visible_units(text) <= TEXT_LIMIT
