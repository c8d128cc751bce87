"""/progress: the quarterly report on an action plan, item by item, then published.

Each quarter the host akimat reports on every item of the plan: its status (not started, in
progress, done, overdue), how far it is (percent) and a comment, by the 25th of the month after
the quarter (seed 001, clause 3.5). The report is a draft in the database until every item is
filled in; publishing makes it the items' current state and part of the plan's history, and
tells the plan's followers and the authors and supporters of the linked questions.

Which quarter: the earliest one since the plan was published that has ended and is not reported
yet (the one just ended, during its window; an overdue one first). The parent (staff) router
lets officials and admins in; every handler re-checks the right on the host akimat.

The conversation is split by what the official is doing: flow.py (the state kept between
messages), screen.py (rights, texts, /progress), entry.py (filling in an item), publishing.py,
and outsiders.py (the same commands from someone who is not staff).
"""

from handlers.official.progress import entry, publishing, screen
from handlers.official.progress.flow import ProgressStates, decode_quarter, encode_quarter
from handlers.official.progress.outsiders import outsiders

# In the order they are tried.
ROUTES = (screen.router, entry.router, publishing.router)

__all__ = ["ROUTES", "ProgressStates", "decode_quarter", "encode_quarter", "outsiders"]
