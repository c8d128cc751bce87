"""handlers/fit.py: lengths as Telegram counts them (UTF-16 code units after the HTML is
parsed), texts shortened with "…", screens fitted, long texts split into messages."""

import pytest

from handlers.fit import TEXT_LIMIT, fit, parts, shorten, units, visible_units

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


def test_the_citizens_plan_screen_fits_with_every_text_at_its_longest() -> None:
    """A plan of long items with a long summary (the largest each field takes, in emoji: two
    UTF-16 units each) once made a screen Telegram refused. Every text is shortened in
    Telegram's units, so the screen fits whatever people typed."""
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from handlers.citizen.plans import render_plan
    from locales import Translator
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

    tz = ZoneInfo("Asia/Almaty")
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
    plan = PlanView(
        id=1,
        meeting=meeting,
        summary=EMOJI * MAX_SUMMARY,
        published_at=moment,
        published_by=1,
        due_on=date(2026, 12, 1),
        items=(item,) * 200,
        tz=tz,
    )
    for locale in ("kk", "ru", "en"):
        t = Translator().bind(locale, tz)
        text, _ = render_plan(plan, t, 0, following=True, reports=99)
        assert visible_units(text) <= TEXT_LIMIT, locale


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
