"""Every notice kind's renderer, in one registry (see registry.py).

The composition root hands ``notice_renderers()`` to the outbox once; the outbox refuses to
start when a kind of services/notices.py is missing here.
"""

from handlers.notices import (
    channel,
    coverage,
    demands,
    duties,
    feedback,
    meetings,
    officials,
    plans,
    questions,
)
from handlers.notices.registry import NoticeRenderers, Rendered
from services import notices


def notice_renderers() -> NoticeRenderers:
    renderers = NoticeRenderers()
    renderers.register(notices.MeetingAnnounced, meetings.announced)
    renderers.register(notices.MeetingMoved, meetings.moved)
    renderers.register(notices.MeetingCancelled, meetings.cancelled)
    renderers.register(notices.MeetingReminder, meetings.reminder)
    renderers.register(notices.BroadcastStarted, meetings.broadcast_started)
    renderers.register(notices.RatingRequested, meetings.rating_requested)
    renderers.register(notices.ReceptionPlanned, meetings.reception_planned)
    renderers.register(notices.QuestionResolved, questions.resolved)
    renderers.register(notices.QuestionMerged, questions.merged)
    renderers.register(notices.PlanPublished, plans.plan_published)
    renderers.register(notices.ProgressPublished, plans.progress_published)
    renderers.register(notices.DutyDue, duties.due)
    renderers.register(notices.DutyEscalated, duties.escalated)
    renderers.register(notices.CoverageWarning, coverage.warning)
    renderers.register(notices.CoverageUncovered, coverage.uncovered)
    renderers.register(notices.OfficialAppointed, officials.appointed)
    renderers.register(notices.OfficialRemoved, officials.removed)
    renderers.register(notices.FeedbackDigest, feedback.digest)
    renderers.register(notices.CoordinatorAppointed, officials.coordinator_appointed)
    renderers.register(notices.CoordinatorRemoved, officials.coordinator_removed)
    renderers.register(notices.DemandThresholdReached, demands.threshold_reached)
    renderers.register(notices.DemandAnswered, demands.answered)
    renderers.register(notices.ChannelPost, channel.channel_post(renderers))
    renderers.register(notices.ChannelBroken, channel.channel_broken)
    return renderers


__all__ = ["NoticeRenderers", "Rendered", "notice_renderers"]
