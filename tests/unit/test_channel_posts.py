"""How channel posts and the channel's record line read (handlers/notices/channel.py,
handlers/official/report_text.py): one post in both languages, Kazakh first, and the Kazakh
one alone when the two would not fit one message; no buttons; people's text escaped."""

import dataclasses

import pytest

from handlers.fit import TEXT_LIMIT, visible_units
from handlers.notices import notice_renderers
from handlers.notices.channel import LANGUAGE_BREAK
from handlers.official.report_text import akimat_line
from locales import Translator
from services.feedback import ChannelPublication, TerritoryLine
from services.notices import ChannelPost, MeetingAnnounced, PlanPublished
from tests.unit.test_notice_renderers import DIGEST_REPORT, HOSTILE, MEETING, PLAN, TZ


def test_both_languages_in_one_post_kazakh_first() -> None:
    t = Translator().bind("kk", TZ)
    post = notice_renderers().render(ChannelPost(MeetingAnnounced(MEETING), 3, ("kk", "ru")), t)
    kk = notice_renderers().render(MeetingAnnounced(MEETING), t).text
    ru = notice_renderers().render(MeetingAnnounced(MEETING), Translator().bind("ru", TZ)).text
    assert post.text == kk + LANGUAGE_BREAK + ru
    assert post.reply_markup is None


def test_a_post_about_a_meeting_is_stale_once_it_is_over() -> None:
    assert ChannelPost(MeetingAnnounced(MEETING), 3, ("kk",)).stale_at == MEETING.ends_at
    assert ChannelPost(PlanPublished(PLAN), 3, ("kk",)).stale_at is None


def test_two_versions_too_long_for_one_message_leave_the_kazakh_one() -> None:
    # A place of 2,100 characters: each card fits alone, the two together do not.
    meeting = dataclasses.replace(MEETING, place="Ж" * 2100)
    t = Translator().bind("ru", TZ)
    post = notice_renderers().render(ChannelPost(MeetingAnnounced(meeting), 3, ("kk", "ru")), t)
    kk = notice_renderers().render(MeetingAnnounced(meeting), Translator().bind("kk", TZ)).text
    assert post.text == kk
    assert visible_units(post.text) <= TEXT_LIMIT


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
def test_the_record_says_what_reached_the_channel(locale: str) -> None:
    t = Translator().bind(locale, TZ)
    line = DIGEST_REPORT.lines[0]
    channel = ChannelPublication(HOSTILE, True, plans_sent=2, plans_failed=1, reports_sent=3)
    text = akimat_line(
        t, 1, TerritoryLine(dataclasses.replace(line.record, channel=channel), None)
    )
    last = text.splitlines()[-1]
    assert "&lt;b&gt;Жол&lt;/b&gt; &amp; &lt;script&gt;" in last
    assert all(str(n) in last for n in (2, 1, 3))
    without = akimat_line(t, 1, line)
    assert without.splitlines()[-1] != last
