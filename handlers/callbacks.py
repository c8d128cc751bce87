"""Every callback-data factory of the bot, in one module so prefix clashes are visible.

A prefix is a family of two or three letters, one per factory, and a version digit: `mt1` is
version 1 of the meeting buttons. Change a factory's fields, bump its version (`mt2`), and old
buttons become "stale" instead of wrong; the digit is never a sequence number within a feature,
so a bump cannot collide with a neighbour. Telegram allows 64 bytes of callback data: keep
families short. tests/unit/test_callbacks.py holds the rules.

Each feature once numbered its factories with the digit (of1-of4, qp1-qp5, lc1-lc4, st1-st2,
dl1-dl2, pl1-pl7). One factory of each kept its prefix, now its family and version: the one
whose buttons sit in most chats and in duty reminders (of1, qp1, lc2, st1, dl1, pl5). The others
got families of their own, and their old prefixes are in `RETIRED`: a button already sitting in
a chat or in an unsent outbox notice (which holds its rendered keyboard) is read as the factory
that wrote it (bot/middlewares/retired_callbacks.py), so it keeps working. A retired prefix is
never used again, not even as the next version of its family's owner (pl6 and pl7 are taken:
PlanEditCb's next version is pl8).

Callback data is never trusted: every handler re-checks what it points at. Every whole number
a button carries is bounded here, once (`Whole`, `TelegramId`, `Year`): forged data with an id
past what the database holds (2³¹ − 1 for INTEGER, 2⁶³ − 1 for BIGINT) or a negative page does
not unpack, so no handler sees it and the press is answered as a stale button
(handlers/common/fallback.py) instead of failing in the database.
"""

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

from handlers.numbers import MAX_ID, MAX_TELEGRAM_ID
from services.channels import ChannelLanguage
from services.duties import CalendarStep
from services.preferences import NoticeSwitch

# An id of a row of ours, a page, a count, minutes, a percent: 0 to what an INTEGER holds.
Whole = Annotated[int, Field(ge=0, le=MAX_ID)]
# A person's Telegram id (a BIGINT column).
TelegramId = Annotated[int, Field(ge=0, le=MAX_TELEGRAM_ID)]
# A calendar year the bot keeps duties for.
Year = Annotated[int, Field(ge=2000, le=2999)]


class RatingCb(CallbackData, prefix="rt1"):
    """A score pressed under a rating request (handlers/notices/meetings.py)."""

    meeting_id: Whole
    score: Whole


class LanguageCb(CallbackData, prefix="lg1"):
    code: str


class ConsentAction(StrEnum):
    ACCEPT = "a"
    DECLINE = "d"
    SHOW = "s"


class ConsentCb(CallbackData, prefix="cs1"):
    action: ConsentAction


class BrowseCb(CallbackData, prefix="lb1"):
    """Open a level of the KATO tree: the children of `code` ("" for the top), page `page`."""

    code: str
    page: Whole = 0


class PickCb(CallbackData, prefix="lp1"):
    """Subscribe to locality `code`."""

    code: str


class SearchStartCb(CallbackData, prefix="ls1"):
    pass


class SubAction(StrEnum):
    REMOVE = "r"
    TOGGLE_INSIDE = "t"
    ADD = "a"
    LIST = "l"


class SubscriptionCb(CallbackData, prefix="sb1"):
    action: SubAction
    sub_id: Whole = 0
    # The page of /subscriptions the button sits on, to re-render that page in place.
    page: Whole = 0
    # TOGGLE_INSIDE: the value to set (not "flip"), so a double tap cannot undo itself.
    on: bool = False


class MeetingAction(StrEnum):
    OPEN = "o"
    ASK = "q"
    PROPOSE = "p"
    CALENDAR = "c"
    QUESTIONS = "l"
    LIST = "m"


class MeetingCb(CallbackData, prefix="mt1"):
    action: MeetingAction
    meeting_id: Whole


class MeetingListCb(CallbackData, prefix="ml1"):
    """A page of the compact list of upcoming meetings (/meetings with more than a few)."""

    page: Whole = 0


class QuestionSort(StrEnum):
    SUPPORT = "s"
    NEW = "n"


class QuestionsPageCb(CallbackData, prefix="ql1"):
    meeting_id: Whole
    page: Whole = 0
    sort: QuestionSort = QuestionSort.SUPPORT


class SupportCb(CallbackData, prefix="sp1"):
    question_id: Whole
    page: Whole = 0
    # The list's order, so the page re-rendered after a support is the one the person saw.
    sort: QuestionSort = QuestionSort.SUPPORT


class MyQuestionsCb(CallbackData, prefix="mq1"):
    """A page of /myquestions."""

    page: Whole = 0


class AskAction(StrEnum):
    SKIP_PHOTO = "s"
    SEND = "y"
    CANCEL = "n"


class AskCb(CallbackData, prefix="aq1"):
    action: AskAction


class ForgetAction(StrEnum):
    CONFIRM = "y"
    CANCEL = "n"


class ForgetCb(CallbackData, prefix="fg1"):
    action: ForgetAction


class AdminPickCb(CallbackData, prefix="ap1"):
    """A locality chosen in the /newmeeting wizard (host, venue or audience step)."""

    code: str


class AdminMeetingAction(StrEnum):
    SAVE = "s"
    CANCEL = "c"
    ANNOUNCE = "a"
    SKIP = "k"


class AdminMeetingCb(CallbackData, prefix="am1"):
    action: AdminMeetingAction
    meeting_id: Whole = 0


class AdminDurationCb(CallbackData, prefix="ad1"):
    """A duration in minutes offered as a button in the /newmeeting wizard."""

    minutes: Whole


class OutboxAction(StrEnum):
    REFRESH = "r"
    REQUEUE = "q"  # send every failed notification again


class OutboxCb(CallbackData, prefix="ob1"):
    """The admin's /outbox screen."""

    action: OutboxAction


# --- officials and their rights (/officials, /audit) ---------------------------------------------


class OfficialsAction(StrEnum):
    LIST = "l"  # /officials again, page `page`
    AKIMAT = "a"  # one akimat: its officials and open invitations
    INVITE = "i"  # a new invitation link to `akimat_id`
    REMOVE = "r"  # ask to confirm removing `user_id` from `akimat_id`
    REMOVE_CONFIRM = "y"
    PICK = "p"  # invite to an akimat not listed: type its locality's name


class OfficialsCb(CallbackData, prefix="of1"):
    action: OfficialsAction
    akimat_id: Whole = 0
    user_id: TelegramId = 0
    page: Whole = 0


class InviteRevokeCb(CallbackData, prefix="ofr1"):
    """Revoke the open invitation whose token is `token` (an admin's own button)."""

    token: str
    akimat_id: Whole = 0


class OfficialsPickCb(CallbackData, prefix="ofp1"):
    """The locality whose akimat an invitation is for, chosen among search hits."""

    code: str


class CoordinatorsAction(StrEnum):
    LIST = "l"  # /coordinators again
    INVITE = "i"  # a new link for the territory `key`
    REVOKE = "v"  # revoke the open link `token`
    REMOVE = "r"  # ask to confirm taking `key` away from `user_id`
    REMOVE_CONFIRM = "y"


class CoordinatorsCb(CallbackData, prefix="co1"):
    """/coordinators (handlers/admin/coordinators.py). `key`: a KATO code or `kz` for the
    republic (services.coordinators.territory_key)."""

    action: CoordinatorsAction
    key: str = ""
    token: str = ""
    user_id: TelegramId = 0


class DemandAction(StrEnum):
    LIST = "l"  # the open demands of locality `code`
    SUPPORT = "s"  # support demand `demand_id`
    NEW = "n"  # ask for a meeting in locality `code`


class DemandCb(CallbackData, prefix="dm1"):
    """/demand: citizens' demands for a meeting (handlers/citizen/demands.py)."""

    action: DemandAction
    code: str = ""
    demand_id: Whole = 0


class DemandStaffAction(StrEnum):
    OPEN = "o"
    SCHEDULE = "s"  # start the new-meeting wizard for the demand
    DECLINE = "d"  # ask for the reason
    LIST = "l"


class DemandStaffCb(CallbackData, prefix="dms1"):
    """/demands: the akimat's and coordinators' view of demands (handlers/official/demands.py)."""

    action: DemandStaffAction
    demand_id: Whole = 0


class AuditPageCb(CallbackData, prefix="aud1"):
    page: Whole = 0


# --- the question pool of a meeting (handlers/official/pool.py) ------------------------------


class PoolStatusFilter(StrEnum):
    ALL = "a"
    NEW = "n"
    ACCEPTED = "c"
    ANSWERED = "w"
    REJECTED = "r"
    MERGED = "m"


class PoolKindFilter(StrEnum):
    ALL = "a"
    QUESTION = "q"
    PROPOSAL = "p"


class PoolListCb(CallbackData, prefix="qp1"):
    """A page of a meeting's pool with its filters (also the button on a meeting's card)."""

    meeting_id: Whole
    status: PoolStatusFilter = PoolStatusFilter.ALL
    kind: PoolKindFilter = PoolKindFilter.ALL
    page: Whole = 0


class PoolItemAction(StrEnum):
    OPEN = "o"
    ACCEPT = "c"
    ANSWER = "w"
    REJECT = "r"
    MERGE = "m"
    PHOTO = "f"
    FULL = "t"  # the full texts of a card shortened to fit a message


class PoolItemCb(CallbackData, prefix="qpi1"):
    """An act on one question; status, kind and page are the list it was opened from."""

    action: PoolItemAction
    question_id: Whole
    status: PoolStatusFilter = PoolStatusFilter.ALL
    kind: PoolKindFilter = PoolKindFilter.ALL
    page: Whole = 0


class PoolMergeCb(CallbackData, prefix="qpm1"):
    """Merging duplicate `question_id`: the picker (target 0, page `pick_page`), the question
    to confirm (`target_id`), or the merge itself (`confirm`)."""

    question_id: Whole
    target_id: Whole = 0
    pick_page: Whole = 0
    confirm: bool = False
    status: PoolStatusFilter = PoolStatusFilter.ALL
    kind: PoolKindFilter = PoolKindFilter.ALL
    page: Whole = 0


class PoolSendAction(StrEnum):
    SEND = "s"
    CANCEL = "c"


class PoolSendCb(CallbackData, prefix="qps1"):
    """Send (or drop) the answer or reason typed for `question_id`."""

    action: PoolSendAction
    question_id: Whole


class PoolExportCb(CallbackData, prefix="qpx1"):
    meeting_id: Whole


# --- the meeting lifecycle (/newmeeting for officials, /mymeetings) ------------------------------


class LcListCb(CallbackData, prefix="lcl1"):
    """A tab and page of /mymeetings; `group` is a services.lifecycle.ListGroup value."""

    group: str = "active"
    page: Whole = 0


class LcAction(StrEnum):
    OPEN = "o"
    ANNOUNCE = "a"
    SCHEDULE = "s"
    UNSCHEDULE = "u"
    MOVE = "m"
    MOVE_CONFIRM = "v"
    CANCEL = "c"
    CANCEL_CONFIRM = "y"
    RECEPTION = "r"
    HOLD = "h"
    CLOSE = "x"
    # Leave a started input (a date, a reason) and show the card again.
    BACK = "b"


class LcMeetingCb(CallbackData, prefix="lc2"):
    """A button of a meeting's management card; rights and status are re-checked on press.
    `fresh`: OPEN from under a duty reminder, the card comes as a new message."""

    action: LcAction
    meeting_id: Whole
    fresh: bool = False


class LcPresentationCb(CallbackData, prefix="lcp1"):
    """The planned presentation length offered as a button in the /newmeeting wizard."""

    minutes: Whole


class LcCalendarCb(CallbackData, prefix="lcc1"):
    """In the annual calendar (False) or held on the population's demand (True)."""

    off_calendar: bool


# --- /settings and meeting ratings ---------------------------------------------------------------


class SettingsSwitchCb(CallbackData, prefix="st1"):
    """Turn one kind of notification on or off. Carries the value to set, not "flip", so the
    second tap of a double tap changes nothing."""

    switch: NoticeSwitch
    on: bool


class QuietAction(StrEnum):
    MENU = "m"
    SET = "s"  # a preset: `start` to `end`
    OFF = "o"
    TYPE = "t"  # type one's own hours
    CANCEL = "c"  # leave typing
    BACK = "b"  # back to /settings


class QuietHoursCb(CallbackData, prefix="stq1"):
    action: QuietAction
    start: Whole = 0
    end: Whole = 0


# --- the compliance clock (/deadlines, the buttons of duty reminders) ----------------------------
#
# `fresh` (here and on the plan and report screens below): the button sits under a notice, a duty
# reminder, which must stay in the chat as it was (its due date, the clause it cites): the screen
# comes as a new message. Without it the button sits on the screen itself, which is replaced.
# (The citizens' plan buttons, plv1, plh1 and plf1, mark the other case, `here`: a new message is
# their default, since most of them sit on cards and notices.)


class DeadlinesCb(CallbackData, prefix="dl1"):
    """A page of /deadlines: every akimat the person sees (`akimat_id` 0) or one of them."""

    akimat_id: Whole = 0
    page: Whole = 0
    fresh: bool = False


class CalendarMarkCb(CallbackData, prefix="dlc1"):
    """Record the akimat's annual calendar of `year` as approved or submitted; the first tap
    asks, the second (`confirm`) records."""

    akimat_id: Whole
    year: Year
    step: CalendarStep
    confirm: bool = False
    fresh: bool = False


class CalendarAction(StrEnum):
    OPEN = "o"
    ADD = "a"
    REMOVE = "r"
    DRAFT = "d"
    TEMPLATE = "t"
    UPLOAD = "u"
    AGREE = "g"
    APPROVE = "p"
    SUBMIT = "s"
    VENUE = "v"
    KIND = "k"
    CANCEL = "x"
    MINE = "m"


class CalendarCb(CallbackData, prefix="cal1"):
    """The annual calendar of an akimat and year (handlers/official/calendar.py): `entry_id`
    for an entry's buttons, `code` a picked venue, `value` a kind or a page."""

    action: CalendarAction
    akimat_id: Whole
    year: Year
    entry_id: Whole = 0
    code: str = ""
    value: str = ""


class CoverageCb(CallbackData, prefix="cov1"):
    """Coverage of the akimats inside `akimat_id`'s territory; `unit_of` drills down to one
    akimat's units."""

    akimat_id: Whole
    unit_of: Whole = 0


# --- action plans and quarterly progress (handlers/citizen/plans.py, handlers/official/) --------


class PlanViewCb(CallbackData, prefix="plv1"):
    """A meeting's published action plan, page `page` of its items. `here`: the button sits on
    the plan's own screen (re-render it in place) rather than on a card or a notice."""

    meeting_id: Whole
    page: Whole = 0
    here: bool = False


class PlanHistoryCb(CallbackData, prefix="plh1"):
    """A plan's published quarterly reports (`report_id` 0), or one report, page `page`."""

    meeting_id: Whole
    report_id: Whole = 0
    page: Whole = 0
    here: bool = False


class PlanFollowCb(CallbackData, prefix="plf1"):
    """Follow (`on`) or stop following a plan's progress: the value to set, not "flip"."""

    meeting_id: Whole
    on: bool
    page: Whole = 0
    here: bool = False


class PlanTextCb(CallbackData, prefix="plt1"):
    """Page `page` of a published plan whose texts were shortened to fit: sent whole."""

    meeting_id: Whole
    page: Whole = 0


class PlansListCb(CallbackData, prefix="pls1"):
    """A page of /plans."""

    page: Whole = 0


class PlanEditAction(StrEnum):
    LIST = "l"  # the meetings awaiting a plan (/plan)
    OPEN = "o"  # the plan's screen, page `page` of its items
    SUMMARY = "s"
    ADD = "a"
    TEMPLATE = "t"
    UPLOAD = "u"
    REMOVE = "r"
    PUBLISH = "p"  # ask to confirm
    CONFIRM = "y"  # publish
    LINK_DONE = "d"  # the linked-questions step is finished
    CANCEL = "c"  # leave what is being typed; the draft stays


class PlanEditCb(CallbackData, prefix="pl5"):
    action: PlanEditAction
    meeting_id: Whole = 0
    page: Whole = 0
    fresh: bool = False


class PlanLinkCb(CallbackData, prefix="plk1"):
    """In the linked-questions step: link or unlink `question_id` (`page` of the choices)."""

    meeting_id: Whole
    question_id: Whole = 0
    page: Whole = 0


class ProgressAction(StrEnum):
    LIST = "l"  # the plans progress is reported on (/progress)
    OPEN = "o"  # the report of quarter `value` (yyyyq, 0: the default one), page `page`
    QUARTERS = "q"  # choose another quarter
    ITEM = "i"  # fill in `item_id`
    STATUS = "s"  # `value`: the index of the status in PROGRESS_STATUSES
    SAME = "m"  # as in the last published report
    PERCENT = "p"  # `value` percent
    NO_COMMENT = "n"
    KEEP_COMMENT = "k"  # keep the last published comment
    PUBLISH = "u"  # ask to confirm
    CONFIRM = "y"
    CANCEL = "c"


class ProgressCb(CallbackData, prefix="prg1"):
    action: ProgressAction
    meeting_id: Whole = 0
    report_id: Whole = 0
    item_id: Whole = 0
    value: Whole = 0
    page: Whole = 0
    fresh: bool = False


# --- the akimat's record: /received (entries from other channels), /report ---------------------


class EntryStep(StrEnum):
    AKIMAT = "a"
    KIND = "k"
    CHANNEL = "c"
    TODAY = "t"
    STATUS = "s"
    # Several at once: the XLSX template, then the filled-in file.
    FILE = "f"
    CANCEL = "x"


class EntryCb(CallbackData, prefix="fbe1"):
    step: EntryStep
    value: str = ""


class ReportAction(StrEnum):
    # Show the period's summary (and its charts).
    SHOW = "s"
    # The other periods of this kind (value: the period's code, the list ends with it).
    PICK = "p"
    XLSX = "x"
    # The data package of seed 004, clause 20.
    PACKAGE = "d"
    # Open data (issue 9, section 7): a ZIP of CSV files and an XLSX workbook.
    OPEN_DATA = "o"


class ReportCb(CallbackData, prefix="frp1"):
    action: ReportAction
    # A period's code (2026q3, 2026h1, 2026y1), or a kind (q, h, y) for PICK.
    period: str = ""


# The prefixes given up when the digit became a version (see the module's doc): each one is read
# as the factory that wrote it, whose fields are unchanged.
class ChannelAction(StrEnum):
    LANGUAGE = "l"  # the language chosen for a channel being linked
    CHECK = "c"
    UNLINK = "u"
    UNLINK_YES = "y"
    SHOW = "s"


class ChannelCb(CallbackData, prefix="chn1"):
    """/channel: the akimat's Telegram channel (handlers/official/channel.py)."""

    action: ChannelAction
    akimat_id: Whole
    language: ChannelLanguage = ChannelLanguage.KK


RETIRED: dict[str, type[CallbackData]] = {
    "of2": InviteRevokeCb,
    "of3": OfficialsPickCb,
    "of4": AuditPageCb,
    "qp2": PoolItemCb,
    "qp3": PoolMergeCb,
    "qp4": PoolSendCb,
    "qp5": PoolExportCb,
    "lc1": LcListCb,
    "lc3": LcPresentationCb,
    "lc4": LcCalendarCb,
    "st2": QuietHoursCb,
    "dl2": CalendarMarkCb,
    "pl1": PlanViewCb,
    "pl2": PlanHistoryCb,
    "pl3": PlanFollowCb,
    "pl4": PlansListCb,
    "pl6": PlanLinkCb,
    "pl7": ProgressCb,
}


def current_data(data: str) -> str:
    """The callback data of a pressed button as its factory writes it today: a retired prefix
    is replaced by the current one; anything else is returned as it is."""
    for retired, factory in RETIRED.items():
        head = f"{retired}{factory.__separator__}"
        if data.startswith(head):
            return f"{factory.__prefix__}{factory.__separator__}{data.removeprefix(head)}"
    return data
