"""How posts to an akimat's channel read, and the notice to its officials when the channel
broke.

A post is the public card of its subject (the announcement, the move or cancellation, the
plan's or the quarterly report's general notice) without its buttons: in a channel they would
act for whoever presses them, outside the reader's own chat. A channel "in both languages"
gets one post, Kazakh first, then Russian; should the two not fit one message, the Kazakh one
alone goes (each version fits by construction: the cards shorten people's text).
"""

from collections.abc import Callable
from html import escape

from handlers.fit import TEXT_LIMIT, visible_units
from handlers.names import locality_name
from handlers.notices.registry import NoticeRenderers, Rendered
from locales import Text
from services.channels import BREAK_REASONS
from services.notices import ChannelBroken, ChannelPost, ChannelSubject, YearResults

LANGUAGE_BREAK = "\n\n— — —\n\n"


def year_results(subject: YearResults, t: Text) -> str:
    record = subject.record
    akimat = record.akimat
    if record.zero_reasons:
        index = t(
            "channel-year-index-zero",
            reasons=", ".join(t(f"channel-zero-{reason.value}") for reason in record.zero_reasons),
        )
    else:
        index = t(
            "channel-year-index",
            percent=f"{record.index.percent:.1f}",
            band=t(f"report-band-{record.index.band.value}"),
        )
    return "\n\n".join(
        [
            t(
                "channel-year-title",
                akimat=locality_name(akimat.name_kk, akimat.name_ru, t.locale),
                year=str(record.period.year),
            ),
            index,
            t(
                "channel-year-counts",
                proposals=record.proposals,
                accepted=record.accepted,
                questions=record.questions,
                answered=record.answered,
            ),
            t(
                "channel-year-on-time",
                plans=record.plans.on_time,
                plans_late=record.plans.late,
                plans_missing=record.plans.missing,
                reports=record.reports.on_time,
                reports_late=record.reports.late,
                reports_missing=record.reports.missing,
            ),
            t("channel-year-source"),
        ]
    )


def channel_post(renderers: NoticeRenderers) -> Callable[[ChannelPost, Text], Rendered]:
    """The renderer of channel posts, reading each subject through its own renderer."""

    def one(subject: ChannelSubject, t: Text) -> str:
        if isinstance(subject, YearResults):
            return year_results(subject, t)
        return renderers.rendered(subject, t).text

    def render(notice: ChannelPost, t: Text) -> Rendered:
        versions = [
            one(notice.subject, Text(t.translator, lang, t.tz)) for lang in notice.languages
        ]
        both = LANGUAGE_BREAK.join(versions)
        if visible_units(both) <= TEXT_LIMIT:
            return Rendered(both)
        return Rendered(versions[0])

    return render


def reason_text(t: Text, reason: str) -> str:
    """Why a channel broke, in words: a reason the bot knows, or Telegram's own."""
    if reason in BREAK_REASONS:
        return t(f"channel-reason-{reason}")
    return escape(reason)


def channel_broken(notice: ChannelBroken, t: Text) -> Rendered:
    return Rendered(
        t(
            "channel-notice-broken",
            title=escape(notice.title),
            reason=reason_text(t, notice.reason),
            at=t.datetime(notice.broken_at),
        )
    )
