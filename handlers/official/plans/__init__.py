"""/plan: the results of a meeting and its action plan, written by the host akimat and published.

After the meeting (held, or announced and over) the official writes the results summary and the
items (problem → measure → responsible executor → deadline → linked questions), one by one in
chat or all at once from the XLSX template the bot sends; then publishes within 10 calendar days
after the meetings and receptions end (seed 001, clause 3.5). The draft is in the database, the
item being typed in the FSM storage: a restart loses nothing.

The parent (staff) router lets officials and admins in; every handler and every button checks the
right on the meeting's host akimat again (services.access): acting needs the host akimat itself,
reading is open to the akimats above it.

The conversation is split by what the official is doing: flow.py (the state kept between
messages), screen.py (rights, texts, /plan), wizard.py (typing the plan), upload.py (the XLSX
template and file), publishing.py, leaving.py (cancel, and the catch-all, last).
"""

from handlers.numbers import parse_meeting_id
from handlers.official.plans import leaving, publishing, screen, upload, wizard
from handlers.official.plans.flow import (
    ACTION,
    PlanStates,
    parse_local_date,
    source,
)
from handlers.official.plans.screen import render_screen, screen_for

# In the order they are tried: the catch-all of leaving.py last.
ROUTES = (screen.router, wizard.router, upload.router, publishing.router, leaving.router)

__all__ = [
    "ACTION",
    "ROUTES",
    "PlanStates",
    "parse_local_date",
    "parse_meeting_id",
    "render_screen",
    "screen_for",
    "source",
]
