"""Every callback-data factory of the bot, in one module so prefix clashes are visible.

Prefixes are short (Telegram allows 64 bytes of callback data) and versioned by letter:
change the prefix when a layout changes, and old buttons become "stale" instead of wrong.
Callback data is never trusted: every handler re-checks what it points at.
"""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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
    page: int = 0


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
    sub_id: int = 0
    # The page of /subscriptions the button sits on, to re-render that page in place.
    page: int = 0
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
    meeting_id: int


class MeetingListCb(CallbackData, prefix="ml1"):
    """A page of the compact list of upcoming meetings (/meetings with more than a few)."""

    page: int = 0


class QuestionSort(StrEnum):
    SUPPORT = "s"
    NEW = "n"


class QuestionsPageCb(CallbackData, prefix="ql1"):
    meeting_id: int
    page: int = 0
    sort: QuestionSort = QuestionSort.SUPPORT


class SupportCb(CallbackData, prefix="sp1"):
    question_id: int
    page: int = 0
    # The list's order, so the page re-rendered after a support is the one the person saw.
    sort: QuestionSort = QuestionSort.SUPPORT


class MyQuestionsCb(CallbackData, prefix="mq1"):
    """A page of /myquestions."""

    page: int = 0


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
    meeting_id: int = 0


class AdminDurationCb(CallbackData, prefix="ad1"):
    """A duration in minutes offered as a button in the /newmeeting wizard."""

    minutes: int
