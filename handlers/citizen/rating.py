"""The one-tap satisfaction rating sent after a meeting (seed 004, clause 21): a press stores or
changes the person's score and the message shows what they chose, its buttons kept so they can
change their mind. The request itself is sent by services/citizen_notices.py and reads as
handlers/notices/meetings.py renders it."""

from aiogram.types import CallbackQuery

from handlers.callbacks import RatingCb
from handlers.notices.meetings import rating_request
from handlers.replies import edit_or_answer
from handlers.routes import Routes
from locales import Text
from services.citizen_notices import RatingOutcome
from services.container import Services
from services.users import UserView

router = Routes(name=__name__)


@router.callback_query(RatingCb.filter())
async def cb_rate(
    query: CallbackQuery,
    callback_data: RatingCb,
    user: UserView,
    t: Text,
    services: Services,
) -> None:
    notices = services.citizen_notices
    result = await notices.rate(user.id, callback_data.meeting_id, callback_data.score)
    if result.outcome is RatingOutcome.NOT_ASKED or result.meeting is None:
        await query.answer(t("notice-rate-stale"), show_alert=True)
        return
    await query.answer(t("notice-rate-thanks", score=result.score))
    shown = rating_request(result.meeting, t, chosen=result.score)
    await edit_or_answer(query, shown.text, shown.reply_markup)


__all__ = ["router"]
