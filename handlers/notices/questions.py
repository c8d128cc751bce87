"""How the notices about one question read: accepted, answered or rejected, merged."""

from collections.abc import Mapping
from html import escape
from typing import Any

from handlers.fit import fit
from handlers.names import locality_name
from handlers.notices.registry import Rendered
from locales import Text
from services.notices import MergeRole, QuestionMerged, QuestionResolved, Resolution
from services.pool import NOTICE_QUOTE_LIMIT, QuestionFacts, shorten
from services.statuses import QuestionStatus

_RESOLVED_KEYS: dict[tuple[Resolution, bool], str] = {
    (Resolution.ACCEPTED, True): "pool-notice-accepted",
    (Resolution.ACCEPTED, False): "pool-notice-accepted-supporter",
    (Resolution.ANSWERED, True): "pool-notice-answered",
    (Resolution.ANSWERED, False): "pool-notice-answered-supporter",
    # A rejection is the author's business; supporters are not told (services/pool.py).
    (Resolution.REJECTED, True): "pool-notice-rejected",
}

_MERGED_KEYS = {
    MergeRole.AUTHOR: "pool-notice-merged",
    MergeRole.SUPPORTER: "pool-notice-merged-supporter",
    MergeRole.TARGET_AUTHOR: "pool-notice-merged-into-yours",
}


def _common(question: QuestionFacts, t: Text) -> dict[str, Any]:
    host = locality_name(question.host_name_kk, question.host_name_ru, t.locale)
    return {
        "number": question.public_number,
        "kind": question.kind.value,
        "text": escape(shorten(question.text, NOTICE_QUOTE_LIMIT)),
        "meeting": t("q-meeting-line", when=t.datetime(question.starts_at), host=host),
        "supports": question.support_count,
    }


def resolved(notice: QuestionResolved, t: Text) -> Rendered:
    """The answer (up to 2,000 characters) is put in after Fluent (handlers/fit.py), and
    shortened only if, counted as Telegram counts, the notice would not fit a message."""
    key = _RESOLVED_KEYS[(notice.resolution, notice.to_author)]
    common = _common(notice.question, t)
    fitted = fit(
        lambda texts: t(key, resolution=texts["resolution"], **common),
        {"resolution": notice.answer or ""},
    )
    return Rendered(fitted.html)


def merged(notice: QuestionMerged, t: Text) -> Rendered:
    # The author of the target reads about the duplicate; the others about the target.
    if notice.role is MergeRole.TARGET_AUTHOR:
        own, other = notice.target, notice.duplicate
    else:
        own, other = notice.duplicate, notice.target
    answered = other.status is QuestionStatus.ANSWERED and bool(other.resolution)

    def render(texts: Mapping[str, str]) -> str:
        answer = ""
        if answered:
            # Merged into an item already answered: the answer is theirs too now.
            answer = "\n\n" + t("pool-notice-target-answer", resolution=texts["resolution"])
        return t(
            _MERGED_KEYS[notice.role],
            other_number=other.public_number,
            other_text=escape(shorten(other.text, NOTICE_QUOTE_LIMIT)),
            other_supports=other.support_count,
            target_answer=answer,
            **_common(own, t),
        )

    return Rendered(fit(render, {"resolution": other.resolution or ""}).html)
