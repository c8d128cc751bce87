"""How citizens are told of a published action plan and of each quarterly report: the general
version for the meeting's audience and the plan's followers, and a personal one naming the
items that answer the recipient's own (or supported) questions."""

from html import escape

from handlers.callbacks import PlanHistoryCb, PlanViewCb
from handlers.citizen.plans import (
    NOTICE_LINES_SHOWN,
    NOTICE_SUMMARY_LIMIT,
    day_text,
    done_count,
    follow_button,
    host_name,
    quarter_text,
    shorten,
    state_text,
)
from handlers.keyboards import InlineKeyboard
from handlers.notices.registry import Rendered
from locales import Text
from services.notices import PlanPublished, ProgressPublished
from services.statuses import PlanItemStatus


def plan_published(notice: PlanPublished, t: Text) -> Rendered:
    plan, lines = notice.plan, notice.lines
    blocks = [
        t(
            "plan-notice-published",
            host=host_name(plan.meeting, t),
            date=day_text(t, plan.meeting.local_date),
            items=len(plan.items),
        )
    ]
    if plan.summary:
        blocks.append(escape(shorten(plan.summary, NOTICE_SUMMARY_LIMIT)))
    blocks += [
        t(
            "plan-notice-your-item",
            own="yes" if line.own else "no",
            number=line.number,
            position=line.position,
            due=day_text(t, line.due_on),
        )
        for line in lines[:NOTICE_LINES_SHOWN]
    ]
    if len(lines) > NOTICE_LINES_SHOWN:
        blocks.append(t("plan-more", count=len(lines) - NOTICE_LINES_SHOWN))
    builder = InlineKeyboard()
    builder.button(
        text=t("plan-open-button"), callback_data=PlanViewCb(meeting_id=plan.meeting.id)
    )
    # Rendered once per language for everyone: "Follow"; pressing it turns it into "Stop
    # following" in that person's chat (cb_follow).
    builder.add(follow_button(t, plan.meeting.id, following=False))
    builder.adjust(1)
    return Rendered("\n\n".join(blocks), builder.as_markup())


def progress_published(notice: ProgressPublished, t: Text) -> Rendered:
    plan, report, lines = notice.plan, notice.report, notice.lines
    statuses = [entry.status for entry in report.entries.values()]
    blocks = [
        t(
            "plan-notice-progress",
            quarter=quarter_text(t, report.quarter),
            host=host_name(plan.meeting, t),
            date=day_text(t, plan.meeting.local_date),
        ),
        t(
            "plan-notice-progress-counts",
            done=done_count(statuses),
            progress=statuses.count(PlanItemStatus.IN_PROGRESS),
            overdue=statuses.count(PlanItemStatus.OVERDUE),
            total=len(plan.items),
        ),
    ]
    blocks += [
        t(
            "plan-notice-your-progress",
            own="yes" if line.own else "no",
            number=line.number,
            position=line.position,
            state=state_text(t, line.status, line.percent, None),
        )
        for line in lines[:NOTICE_LINES_SHOWN]
    ]
    if len(lines) > NOTICE_LINES_SHOWN:
        blocks.append(t("plan-more", count=len(lines) - NOTICE_LINES_SHOWN))
    builder = InlineKeyboard()
    builder.button(
        text=t("plan-open-button"), callback_data=PlanViewCb(meeting_id=plan.meeting.id)
    )
    builder.button(
        text=t("plan-history-report-button", quarter=quarter_text(t, report.quarter)),
        callback_data=PlanHistoryCb(meeting_id=plan.meeting.id, report_id=report.id),
    )
    builder.adjust(1)
    return Rendered("\n\n".join(blocks), builder.as_markup())
