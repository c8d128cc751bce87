"""The action plan published after a meeting, and the quarterly progress on it.

After the meetings and the personal receptions end, the akimat publishes the results, the list of
problem issues and the plan to solve them within 10 calendar days (seed 001, clause 3.5;
`regulation.action_plan_due`), and then reports the progress on each issue every quarter, by the
25th of the month after the quarter (seed 001, clause 3.5; `regulation.progress_due`).

A plan is prepared as a draft (an `ActionPlan` row without `published_at`, with its items), so an
official can write it over several days and a restart loses nothing; citizens only ever see a
published plan, which no longer changes. A quarterly report is a draft too until every item has
its entry, then it is published at once and becomes the items' current state and the plan's
history.

Handlers check the official's rights (services.access) before calling here; this module checks
the state of things (the meeting is over, the plan is not published yet, every item is filled in).

One module per responsibility: views.py (what is returned and raised), checks.py (the bounds
of what an official writes), reading.py, drafting.py, publishing.py, following.py and
progress.py; `PlanService` is all of them, the one object handlers and jobs hold.
"""

from services.plans.checks import (
    MAX_COMMENT,
    MAX_DEADLINE_YEARS,
    MAX_EXECUTOR,
    MAX_ITEMS,
    MAX_LINKED,
    MAX_MEASURE,
    MAX_PROBLEM,
    MAX_SUMMARY,
    MIN_TEXT,
    check_deadline,
    check_text,
    clean_text,
    normalize_number,
    split_numbers,
)
from services.plans.drafting import PlanDrafting
from services.plans.following import PlanFollowing
from services.plans.progress import PlanProgress
from services.plans.publishing import PlanPublishing
from services.plans.views import (
    EntryView,
    ItemDraft,
    LinkedLine,
    LinkedQuestion,
    PlanBrief,
    PlanError,
    PlanErrorReason,
    PlanItemView,
    PlanMeeting,
    PlanState,
    PlanView,
    PublishResult,
    Quarter,
    QuarterChoice,
    QuestionRef,
    ReportDraft,
    ReportPublishResult,
    ReportView,
)


class PlanService(PlanDrafting, PlanFollowing, PlanProgress, PlanPublishing):
    """Action plans and their quarterly progress: the one service handlers and scheduler
    jobs hold. Its methods live by responsibility in the modules above; they share the
    dependencies and reads of `PlanReading`. PlanProgress comes before PlanPublishing, which
    it builds on (a report's publication sends the same personal notices)."""


__all__ = [
    "MAX_COMMENT",
    "MAX_DEADLINE_YEARS",
    "MAX_EXECUTOR",
    "MAX_ITEMS",
    "MAX_LINKED",
    "MAX_MEASURE",
    "MAX_PROBLEM",
    "MAX_SUMMARY",
    "MIN_TEXT",
    "EntryView",
    "ItemDraft",
    "LinkedLine",
    "LinkedQuestion",
    "PlanBrief",
    "PlanError",
    "PlanErrorReason",
    "PlanItemView",
    "PlanMeeting",
    "PlanService",
    "PlanState",
    "PlanView",
    "PublishResult",
    "Quarter",
    "QuarterChoice",
    "QuestionRef",
    "ReportDraft",
    "ReportPublishResult",
    "ReportView",
    "check_deadline",
    "check_text",
    "clean_text",
    "normalize_number",
    "split_numbers",
]
