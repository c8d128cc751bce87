"""The calendar file (RFC 5545) and the meeting card, rendered from a MeetingView."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.callbacks import MeetingAction, MeetingCb
from handlers.citizen.meeting_card import render_announcement, render_card
from handlers.citizen.meetings import calendar_file
from locales import Translator
from regulation import AkimLevel
from services.ics import MAX_LINE_OCTETS, escape_text, fold, meeting_ics
from services.meetings import LocalityRef, MeetingView
from storage.models import MeetingStatus

TZ = ZoneInfo("Asia/Almaty")
STARTS = datetime(2026, 12, 15, 10, 0, tzinfo=UTC)  # 15:00 in Almaty
TRANSLATOR = Translator()


def view(**changes: object) -> MeetingView:
    values: dict[str, object] = {
        "id": 7,
        "status": MeetingStatus.ANNOUNCED,
        "starts_at": STARTS,
        "ends_at": STARTS + timedelta(hours=2),
        "place": "Мәдениет үйі, Абай к., 12; <акт залы> & фойе",
        "broadcast_url": "https://instagram.com/karaagash_akimat?x=1&y=2",
        "questions_cutoff": STARTS - timedelta(days=1),
        "announced_at": STARTS - timedelta(days=10),
        "host": LocalityRef("623661000", "Қараағаш а.о.", "Караагашский с.о."),
        "host_level": AkimLevel.RURAL_OKRUG,
        "venue": LocalityRef("623661100", "Ынталы а.", "с.Инталы"),
        "audience": LocalityRef("623661000", "Қараағаш а.о.", "Караагашский с.о."),
        "questions_open": True,
        "is_over": False,
    }
    values.update(changes)
    return MeetingView(**values)  # type: ignore[arg-type]


def parse_ics(data: bytes) -> list[tuple[str, str]]:
    """A small RFC 5545 reader: checks CRLF and line lengths, unfolds, splits, unescapes."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    raw_lines = text[:-2].split("\r\n")
    for line in raw_lines:
        assert "\n" not in line
        assert "\r" not in line
        assert len(line.encode("utf-8")) <= MAX_LINE_OCTETS, line
    logical: list[str] = []
    for line in raw_lines:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    properties = []
    for line in logical:
        name, _, value = line.partition(":")
        unescaped, index = [], 0
        while index < len(value):
            char = value[index]
            if char == "\\" and name not in {"URL"}:
                following = value[index + 1]
                unescaped.append("\n" if following in "nN" else following)
                index += 2
                continue
            unescaped.append(char)
            index += 1
        properties.append((name, "".join(unescaped)))
    return properties


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "Қараағаш ауылдық округі әкімінің халықпен кездесуі. " * 5
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) > 3
    assert all(len(piece.encode("utf-8")) <= MAX_LINE_OCTETS for piece in pieces)
    assert pieces[0] + "".join(piece[1:] for piece in pieces[1:]) == line
    assert fold("SHORT:x") == "SHORT:x"


def test_meeting_ics_is_a_valid_calendar() -> None:
    meeting = view()
    description = "Бірінші жол, үтір; нүктелі үтір\\ кері қиғаш\nЕкінші жол " + "ұзын " * 40
    data = meeting_ics(meeting, "Кездесу: Қараағаш а.о.", description, meeting.broadcast_url)
    props = parse_ics(data)
    names = [name for name, _ in props]
    assert names[:2] == ["BEGIN", "VERSION"]
    assert names.index("BEGIN", 1) < names.index("END")
    values = dict(props)
    assert props[0] == ("BEGIN", "VCALENDAR")
    assert props[-1] == ("END", "VCALENDAR")
    assert ("BEGIN", "VEVENT") in props
    assert ("END", "VEVENT") in props
    assert values["VERSION"] == "2.0"
    assert values["PRODID"]
    assert values["UID"] == "meeting-7@kezdesu"
    assert values["DTSTART"] == "20261215T100000Z"
    assert values["DTEND"] == "20261215T120000Z"
    assert values["DTSTAMP"] == "20261205T100000Z"
    assert values["SUMMARY"] == "Кездесу: Қараағаш а.о."
    assert values["DESCRIPTION"] == description
    assert values["LOCATION"] == meeting.place
    assert values["URL"] == meeting.broadcast_url


def test_meeting_ics_without_a_link() -> None:
    props = dict(parse_ics(meeting_ics(view(announced_at=None), "S", "D", None)))
    assert "URL" not in props
    assert props["DTSTAMP"] == "20261215T100000Z"


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_calendar_file_in_each_language(locale: str) -> None:
    t = TRANSLATOR.bind(locale, TZ)
    props = dict(parse_ics(calendar_file(view(), t, "https://t.me/kezdesu_bot?start=m7")))
    host = "Қараағаш а.о." if locale == "kk" else "Караагашский с.о."
    assert host in props["SUMMARY"]
    assert "https://t.me/kezdesu_bot?start=m7" in props["DESCRIPTION"]
    assert "&lt;" not in props["DESCRIPTION"] + props["LOCATION"]
    assert props["URL"] == view().broadcast_url


# --- the card ------------------------------------------------------------------------------------


def buttons(markup: object) -> list[tuple[str, str | None, str | None]]:
    rows = markup.inline_keyboard  # type: ignore[attr-defined]
    return [(button.text, button.callback_data, button.url) for row in rows for button in row]


def test_card_in_kazakh_escapes_and_offers_everything() -> None:
    t = TRANSLATOR.bind("kk", TZ)
    text, markup = render_card(view(), t)
    assert "Қараағаш а.о. әкімі" in text
    assert "сейсенбі, 15 желтоқсан 2026, 15:00" in text
    assert "&lt;акт залы&gt; &amp; фойе" in text
    assert "<акт" not in text
    # The broadcast is the card's button (checked below), not a second link in its text.
    assert "instagram.com" not in text
    assert "14 желтоқсан 2026, 15:00" in text  # questions until a day before
    texts = [text for text, _, _ in buttons(markup)]
    assert texts[:4] == [
        "❓ Сұрақ қою",
        "💡 Ұсыныс енгізу",
        "🗳 Басқалардың сұрақтары",
        "📅 Күнтізбеге қосу",
    ]
    callbacks = [data for _, data, _ in buttons(markup) if data]
    assert MeetingCb(action=MeetingAction.ASK, meeting_id=7).pack() in callbacks
    assert MeetingCb(action=MeetingAction.CALENDAR, meeting_id=7).pack() in callbacks
    assert buttons(markup)[-1][2] == view().broadcast_url
    assert all(len(data.encode()) <= 64 for data in callbacks)


def test_card_in_russian_after_the_cutoff() -> None:
    t = TRANSLATOR.bind("ru", TZ)
    text, markup = render_card(view(questions_open=False, broadcast_url=None), t)
    assert "Аким (Караагашский с.о.)" in text
    assert "вторник, 15 декабря 2026" in text
    assert "Приём вопросов и предложений к этой встрече завершён" in text
    actions = [data for _, data, _ in buttons(markup)]
    assert MeetingCb(action=MeetingAction.ASK, meeting_id=7).pack() not in actions
    assert MeetingCb(action=MeetingAction.PROPOSE, meeting_id=7).pack() not in actions
    assert MeetingCb(action=MeetingAction.QUESTIONS, meeting_id=7).pack() in actions
    assert all(url is None for _, _, url in buttons(markup))


def test_announcement_in_english_and_a_past_meeting() -> None:
    t = TRANSLATOR.bind("en", TZ)
    text, _ = render_announcement(view(), t)
    assert text.startswith("📣")
    assert "Akim of Караагашский с.о." in text
    over, markup = render_card(view(is_over=True, questions_open=False), t)
    assert "has taken place" in over
    assert MeetingCb(action=MeetingAction.CALENDAR, meeting_id=7).pack() not in [
        data for _, data, _ in buttons(markup)
    ]
