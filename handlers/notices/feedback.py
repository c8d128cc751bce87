"""The quarterly feedback digest (services/feedback_digest.py) as a coordinator reads it."""

from handlers.callbacks import ReportAction, ReportCb
from handlers.keyboards import InlineKeyboard
from handlers.notices.registry import Rendered
from handlers.official.report_text import summary_text
from locales import Text
from services.feedback_report import period_name
from services.notices import FeedbackDigest


def digest(notice: FeedbackDigest, t: Text) -> Rendered:
    period = notice.report.period
    text = t("report-digest-intro", period=period_name(t, period.code)) + "\n\n"
    text += summary_text(t, notice.report)
    builder = InlineKeyboard()
    builder.button(
        text=t("report-digest-charts-button"),
        callback_data=ReportCb(action=ReportAction.SHOW, period=period.code),
    )
    builder.button(
        text=t("report-xlsx-button"),
        callback_data=ReportCb(action=ReportAction.XLSX, period=period.code),
    )
    builder.adjust(1)
    return Rendered(text, builder.as_markup())
