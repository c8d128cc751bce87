"""How the notices about officials and coordinators read: an invitation accepted, a
removal."""

from html import escape

from handlers.notices.registry import Rendered
from locales import Text
from services.notices import (
    CoordinatorAppointed,
    CoordinatorRemoved,
    OfficialAppointed,
    OfficialRemoved,
)


def appointed(notice: OfficialAppointed, t: Text) -> Rendered:
    if notice.user_id is None or notice.display_name is None:
        # The official asked to be forgotten: the admin's record keeps the fact, not the name.
        return Rendered(
            t("forgotten-notice-accepted", akimat=escape(notice.akimat.name(t.locale)))
        )
    return Rendered(
        t(
            "officials-notice-accepted",
            name=escape(notice.display_name),
            id=str(notice.user_id),
            akimat=escape(notice.akimat.name(t.locale)),
        )
    )


def removed(notice: OfficialRemoved, t: Text) -> Rendered:
    return Rendered(t("officials-notice-removed", akimat=escape(notice.akimat.name(t.locale))))


def _territory(notice: CoordinatorAppointed | CoordinatorRemoved, t: Text) -> str:
    territory = notice.territory
    return t("coord-republic") if territory.code is None else escape(territory.name(t.locale))


def coordinator_appointed(notice: CoordinatorAppointed, t: Text) -> Rendered:
    return Rendered(
        t(
            "coord-notice-accepted",
            name=escape(notice.display_name),
            id=str(notice.user_id),
            territory=_territory(notice, t),
        )
    )


def coordinator_removed(notice: CoordinatorRemoved, t: Text) -> Rendered:
    return Rendered(t("coord-notice-removed", territory=_territory(notice, t)))
