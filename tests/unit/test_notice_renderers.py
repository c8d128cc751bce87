"""Notices and their renderers: every kind has one, each reads in Kazakh, Russian and English,
quotes user text escaped, and carries the outbox key, kind and urgency its service relies on.
A kind without a renderer stops the outbox from being built (the bot from starting)."""

import dataclasses
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.notices import NoticeRenderers, notice_renderers
from locales import Translator
from regulation import AkimLevel, CoveragePeriod, Period, feedback_index
from regulation.report_periods import ReportPeriod
from services.clock import ManualClock
from services.coordinators import REPUBLIC_TERRITORY, TerritoryView
from services.coverage import AkimatCoverage, UnitCoverage, UnitState
from services.duties import AkimatInfo, Duty, DutyKind
from services.feedback import (
    AkimatRecord,
    FeedbackChannel,
    OnTime,
    TerritoryLine,
    TerritoryReport,
    ZeroReason,
)
from services.meetings import LocalityRef, MeetingView
from services.notices import (
    NOTICE_KINDS,
    BroadcastStarted,
    ChannelBroken,
    ChannelPost,
    CoordinatorAppointed,
    CoordinatorRemoved,
    CoverageUncovered,
    CoverageWarning,
    DemandAnswered,
    DemandFacts,
    DemandOutcome,
    DemandThresholdReached,
    DutyDue,
    DutyEscalated,
    DutySource,
    FeedbackDigest,
    MeetingAnnounced,
    MeetingCancelled,
    MeetingMoved,
    MeetingReminder,
    MergeRole,
    Notice,
    OfficialAppointed,
    OfficialRemoved,
    PlanPublished,
    ProgressPublished,
    QuestionMerged,
    QuestionResolved,
    RatingRequested,
    ReceptionPlanned,
    ReminderLead,
    Resolution,
    YearResults,
)
from services.officials import AkimatView
from services.outbox import MissingRendererError, Outbox
from services.plans import (
    EntryView,
    LinkedLine,
    PlanItemView,
    PlanMeeting,
    PlanView,
    Quarter,
    ReportView,
)
from services.pool import QuestionFacts
from storage.models import (
    MeetingStatus,
    NoticeKind,
    PlanItemStatus,
    QuestionKind,
    QuestionStatus,
)

TZ = ZoneInfo("Asia/Almaty")
STARTS = datetime(2027, 3, 20, 10, 0, tzinfo=UTC)
# User text with HTML in it: every renderer must escape it.
HOSTILE = "<b>Жол</b> & <script>"

KARAAGASH = LocalityRef("623661000", "Қараағаш а.о.", "Караагашский с.о.")
MEETING = MeetingView(
    id=7,
    status=MeetingStatus.ANNOUNCED,
    starts_at=STARTS,
    ends_at=datetime(2027, 3, 20, 12, 0, tzinfo=UTC),
    place=HOSTILE,
    broadcast_url="https://example.org/live",
    questions_cutoff=datetime(2027, 3, 19, 10, 0, tzinfo=UTC),
    announced_at=datetime(2027, 3, 1, 4, 0, tzinfo=UTC),
    host=KARAAGASH,
    host_level=AkimLevel.RURAL_OKRUG,
    venue=KARAAGASH,
    audience=KARAAGASH,
    questions_open=True,
    is_over=False,
    host_akimat_id=3,
    cancel_reason=HOSTILE,
)
COVERAGE = AkimatCoverage(
    akimat_id=3,
    code="623600000",
    name_kk=HOSTILE,
    name_ru=HOSTILE,
    level=AkimLevel.DISTRICT,
    period=CoveragePeriod(Period.QUARTER, date(2027, 1, 1), date(2027, 3, 31)),
    units=(
        UnitCoverage("623661000", HOSTILE, HOSTILE, UnitState.UNCOVERED),
        UnitCoverage("623663000", "Ақши а.о.", "Акшинский с.о.", UnitState.COVERED),
    ),
)
QUESTION = QuestionFacts(
    id=11,
    public_number="Q-2027-000011",
    kind=QuestionKind.QUESTION,
    text=HOSTILE,
    status=QuestionStatus.ANSWERED,
    resolution=HOSTILE,
    support_count=4,
    author_id=100,
    starts_at=STARTS,
    host_name_kk=KARAAGASH.name_kk,
    host_name_ru=KARAAGASH.name_ru,
)
OTHER = QuestionFacts(
    id=12,
    public_number="Q-2027-000012",
    kind=QuestionKind.QUESTION,
    text="Жарық жоқ",
    status=QuestionStatus.NEW,
    resolution=None,
    support_count=1,
    author_id=101,
    starts_at=STARTS,
    host_name_kk=KARAAGASH.name_kk,
    host_name_ru=KARAAGASH.name_ru,
)
ITEM = PlanItemView(
    id=21,
    position=1,
    problem=HOSTILE,
    measure="Жолды жөндеу",
    executor="Аудан әкімдігі",
    due_on=date(2027, 6, 30),
    status=PlanItemStatus.IN_PROGRESS,
    percent=40,
    comment=None,
)
PLAN = PlanView(
    id=5,
    meeting=PlanMeeting(
        id=7,
        host_akimat_id=3,
        status=MeetingStatus.CLOSED,
        starts_at=STARTS,
        ends_at=STARTS,
        host_name_kk=KARAAGASH.name_kk,
        host_name_ru=KARAAGASH.name_ru,
        local_date=date(2027, 3, 20),
        due_on=date(2027, 3, 30),
        is_over=True,
    ),
    summary=HOSTILE,
    published_at=datetime(2027, 3, 25, 4, 0, tzinfo=UTC),
    published_by=1,
    due_on=date(2027, 3, 30),
    items=(ITEM,),
)
REPORT = ReportView(
    id=9,
    plan_id=5,
    quarter=Quarter(2027, 2),
    due_on=date(2027, 7, 25),
    published_at=datetime(2027, 7, 20, 4, 0, tzinfo=UTC),
    entries={21: EntryView(21, PlanItemStatus.IN_PROGRESS, 40, None)},
)
LINE = LinkedLine("Q-2027-000011", True, 1, date(2027, 6, 30), PlanItemStatus.IN_PROGRESS, 40)
DUTY = Duty(
    kind=DutyKind.ACTION_PLAN,
    akimat=AkimatInfo(3, "623661000", "<Қараағаш>", "<Караагаш>", AkimLevel.RURAL_OKRUG),
    due=date(2027, 3, 30),
    meeting_id=7,
    meeting_starts_at=STARTS,
    meeting_day=date(2027, 3, 20),
)
SOURCE = DutySource("001", "3.5")
AKIMAT = AkimatView(3, "623661000", "<Қараағаш>", "<Караагаш>", "rural_okrug", None, None)

DIGEST_PERIOD = ReportPeriod.parse("2027q1")
DIGEST_REPORT = TerritoryReport(
    DIGEST_PERIOD,
    (
        TerritoryLine(
            AkimatRecord(
                akimat=DUTY.akimat,
                period=DIGEST_PERIOD,
                proposals=4,
                accepted=1,
                rejected=1,
                questions=2,
                answered=1,
                outside={FeedbackChannel.LETTER: 1},
                index=feedback_index(1, 4, 1, 2, published=False),
                zero_reasons=(ZeroReason.PLAN_NOT_ON_TIME,),
                announcements=OnTime(on_time=1),
                plans=OnTime(late_days=(3,)),
                reports=OnTime(missing=1),
                askers=2,
                supporters=3,
                subscribers=10,
                plans_published=1,
                plan_follows=4,
                rating_counts=(0, 0, 1, 0, 2),
            ),
            None,
        ),
    ),
)

YEAR_RECORD = dataclasses.replace(
    DIGEST_REPORT.lines[0].record, period=ReportPeriod.parse("2027y1")
)

# One notice of every kind, with the key, kind and urgency its service relies on.
TERRITORY = TerritoryView("620000000", "<Ұлытау>", "<Улытау>")
DEMAND = DemandFacts(21, HOSTILE, "Қараағаш а.о.", "Караагашский с.о.", 50)
SAMPLES: list[tuple[Notice, str, NoticeKind, bool]] = [
    (MeetingAnnounced(MEETING), "announce:7", NoticeKind.ANNOUNCEMENT, False),
    (
        MeetingMoved(MEETING, datetime(2027, 3, 18, 10, 0, tzinfo=UTC)),
        f"move:7:{STARTS.isoformat()}",
        NoticeKind.MEETING_CHANGED,
        True,
    ),
    (MeetingCancelled(MEETING), "cancel:7", NoticeKind.MEETING_CHANGED, True),
    (
        MeetingReminder(MEETING, ReminderLead.DAY),
        "remind:7:202703201000:day",
        NoticeKind.MEETING_REMINDER,
        False,
    ),
    (
        MeetingReminder(MEETING, ReminderLead.HOUR),
        "remind:7:202703201000:hour",
        NoticeKind.MEETING_REMINDER,
        False,
    ),
    (BroadcastStarted(MEETING), "live:7:202703201000", NoticeKind.BROADCAST, False),
    (RatingRequested(MEETING), "rate:7", NoticeKind.RATING, False),
    (
        ReceptionPlanned(MEETING, date(2027, 3, 19), datetime(2027, 3, 19, 19, 0, tzinfo=UTC)),
        "reception:7:2027-03-19",
        NoticeKind.MEETING_REMINDER,
        False,
    ),
    (
        QuestionResolved(QUESTION, Resolution.ACCEPTED, to_author=True),
        "q:11:accepted",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        QuestionResolved(QUESTION, Resolution.ANSWERED, to_author=False, answer=HOSTILE),
        "q:11:answered",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        QuestionResolved(QUESTION, Resolution.REJECTED, to_author=True, answer=HOSTILE),
        "q:11:rejected",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        QuestionMerged(OTHER, QUESTION, MergeRole.AUTHOR),
        "q:12:merged",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        QuestionMerged(OTHER, QUESTION, MergeRole.SUPPORTER),
        "q:12:merged",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        QuestionMerged(OTHER, QUESTION, MergeRole.TARGET_AUTHOR),
        "q:11:merged-in:12",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (PlanPublished(PLAN), "plan:5:published", NoticeKind.ACTION_PLAN, False),
    (PlanPublished(PLAN, (LINE,)), "plan:5:published", NoticeKind.ACTION_PLAN, False),
    (ProgressPublished(PLAN, REPORT, (LINE,)), "progress:9", NoticeKind.PROGRESS, False),
    (
        DutyDue(DUTY, date(2027, 3, 23), "overdue", date(2027, 3, 23), SOURCE),
        "duty:plan:m7:overdue:2027-03-23",
        NoticeKind.DUTY,
        False,
    ),
    (
        DutyEscalated(DUTY, date(2027, 3, 23), date(2027, 3, 23), SOURCE),
        "duty:plan:m7:escalation:2027-03-23",
        NoticeKind.DUTY,
        False,
    ),
    (
        OfficialAppointed(AKIMAT, 55, HOSTILE, "tok"),
        "invite-accepted:tok",
        NoticeKind.SERVICE,
        False,
    ),
    (
        OfficialRemoved(AKIMAT, 55, datetime(2027, 1, 1, tzinfo=UTC)),
        "official-removed:3:55:2027-01-01T00:00:00+00:00",
        NoticeKind.SERVICE,
        True,
    ),
    (FeedbackDigest(DIGEST_REPORT, 77), "feedback-digest:2027q1:77", NoticeKind.DUTY, False),
    (
        CoordinatorAppointed(TERRITORY, 55, HOSTILE, "tok"),
        "coordinator-accepted:tok",
        NoticeKind.SERVICE,
        False,
    ),
    (
        CoordinatorRemoved(REPUBLIC_TERRITORY, 55, datetime(2027, 1, 1, tzinfo=UTC)),
        "coordinator-removed:kz:55:2027-01-01T00:00:00+00:00",
        NoticeKind.SERVICE,
        True,
    ),
    (DemandThresholdReached(DEMAND, 50), "demand:21:threshold", NoticeKind.SERVICE, False),
    (
        DemandAnswered(DEMAND, DemandOutcome.SCHEDULED, meeting_id=7, starts_at=STARTS),
        "demand:21:scheduled",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        DemandAnswered(DEMAND, DemandOutcome.DECLINED, reason=HOSTILE),
        "demand:21:declined",
        NoticeKind.QUESTION_STATUS,
        False,
    ),
    (
        CoverageWarning(COVERAGE, 30, 30),
        "coverage:3:2027-Q1:30",
        NoticeKind.DUTY,
        False,
    ),
    (
        CoverageUncovered(date(2027, 3, 31), (COVERAGE,)),
        "coverage-end:2027-03-31:all",
        NoticeKind.DUTY,
        False,
    ),
    (
        ChannelPost(MeetingAnnounced(MEETING), 3, ("kk", "ru")),
        "channel:announce:7",
        NoticeKind.SERVICE,
        True,
    ),
    (
        ChannelPost(PlanPublished(PLAN), 3, ("ru",)),
        f"channel:plan:{PLAN.id}:published",
        NoticeKind.SERVICE,
        True,
    ),
    (
        ChannelPost(YearResults(YEAR_RECORD), 3, ("kk",)),
        f"channel:year:{YEAR_RECORD.akimat.id}:2027",
        NoticeKind.SERVICE,
        True,
    ),
    (
        ChannelBroken(3, HOSTILE, "kicked", datetime(2027, 1, 1, tzinfo=UTC)),
        "channel-broken:3:202701010000",
        NoticeKind.SERVICE,
        True,
    ),
    (
        ChannelBroken(3, HOSTILE, HOSTILE, datetime(2027, 1, 1, tzinfo=UTC)),
        "channel-broken:3:202701010000",
        NoticeKind.SERVICE,
        True,
    ),
]


def test_every_kind_has_a_sample_and_a_renderer() -> None:
    renderers = notice_renderers()
    assert {type(notice) for notice, *_ in SAMPLES} == set(NOTICE_KINDS)
    assert all(renderers.renders(kind) for kind in NOTICE_KINDS)


@pytest.mark.parametrize(
    ("notice", "key", "kind", "urgent"), SAMPLES, ids=lambda value: type(value).__name__
)
def test_key_kind_and_urgency(notice: Notice, key: str, kind: NoticeKind, urgent: bool) -> None:
    assert (notice.key, notice.kind, notice.urgent) == (key, kind, urgent)


@pytest.mark.parametrize("locale", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    ("notice", "key", "kind", "urgent"), SAMPLES, ids=lambda value: type(value).__name__
)
def test_each_notice_reads_in_each_language_with_user_text_escaped(
    notice: Notice, key: str, kind: NoticeKind, urgent: bool, locale: str
) -> None:
    t = Translator().bind(locale, TZ)
    message = notice_renderers().render(notice, t)
    assert message.text.strip()
    # Fluent's own errors show as the key or braces left in the text.
    assert "{" not in message.text and "-notice-" not in message.text
    assert "<script>" not in message.text and "<b>Жол</b>" not in message.text
    if message.reply_markup is not None:
        for row in message.reply_markup["inline_keyboard"]:
            for button in row:
                assert button["text"].strip()
                data = button.get("callback_data")
                assert data is None or len(data.encode()) <= 64


def test_the_languages_differ() -> None:
    translator = Translator()
    texts = {
        locale: notice_renderers().render(MeetingCancelled(MEETING), translator.bind(locale, TZ))
        for locale in ("kk", "ru", "en")
    }
    assert len({message.text for message in texts.values()}) == 3
    assert "Караагашский с.о." in texts["ru"].text
    assert "Қараағаш а.о." in texts["kk"].text


def test_a_kind_without_a_renderer_stops_the_outbox_from_being_built() -> None:
    partial = NoticeRenderers()
    for kind in NOTICE_KINDS:
        if kind is not DutyEscalated:
            partial.register(kind, notice_renderers().rendered)
    with pytest.raises(MissingRendererError) as caught:
        Outbox(ManualClock(STARTS), Translator(), TZ, partial)
    assert caught.value.kinds == (DutyEscalated,)
    assert "DutyEscalated" in str(caught.value)


def test_a_renderer_is_registered_once() -> None:
    renderers = notice_renderers()
    with pytest.raises(ValueError, match="MeetingAnnounced"):
        renderers.register(MeetingAnnounced, renderers.rendered)


def test_a_kind_without_a_key_cannot_be_built() -> None:
    class Keyless(Notice):
        kind = NoticeKind.SERVICE

    with pytest.raises(TypeError, match="key"):
        Keyless()  # type: ignore[abstract]
