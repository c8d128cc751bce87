"""How the notices about citizens' demands for a meeting read: the threshold reached (to the
akimat and the coordinators), and the akimat's answer (to the supporters)."""

from html import escape

from handlers.callbacks import DemandStaffAction, DemandStaffCb
from handlers.keyboards import InlineKeyboard
from handlers.notices.registry import Rendered
from locales import Text
from services.kato.names import name_for_locale
from services.notices import DemandAnswered, DemandFacts, DemandOutcome, DemandThresholdReached


def _locality(demand: DemandFacts, t: Text) -> str:
    return escape(name_for_locale(demand.locality_kk, demand.locality_ru, t.locale))


def threshold_reached(notice: DemandThresholdReached, t: Text) -> Rendered:
    demand = notice.demand
    builder = InlineKeyboard()
    builder.button(
        text=t("demand-open-button", id=demand.id),
        callback_data=DemandStaffCb(action=DemandStaffAction.OPEN, demand_id=demand.id),
    )
    return Rendered(
        t(
            "demand-notice-threshold",
            id=demand.id,
            locality=_locality(demand, t),
            topic=escape(demand.topic),
            supports=demand.supports,
            threshold=notice.threshold,
        ),
        builder.as_markup(),
    )


def answered(notice: DemandAnswered, t: Text) -> Rendered:
    demand = notice.demand
    common = {"id": demand.id, "locality": _locality(demand, t), "topic": escape(demand.topic)}
    if notice.outcome is DemandOutcome.SCHEDULED:
        # The meeting is a draft until the akimat announces it: its card comes with the
        # announcement, to everyone who follows the locality.
        when = t.weekday_datetime(notice.starts_at) if notice.starts_at else ""
        return Rendered(
            t("demand-notice-scheduled", when=when, meeting=notice.meeting_id or 0, **common)
        )
    return Rendered(t("demand-notice-declined", reason=escape(notice.reason or ""), **common))
