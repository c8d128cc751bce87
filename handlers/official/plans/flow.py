"""What a plan's conversation keeps between messages (the FSM state and the item being typed), and
the parsing of what an official types."""

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from regulation import explain
from services.audit import AuditAction
from services.plans import (
    ItemDraft,
)

ACTION = AuditAction.PLAN_PUBLISH
READ_ACTION = AuditAction.PLAN_READ
FLOW_KEY = "plan_flow"
LINK_PAGE_SIZE = 6
LINK_TEXT_LIMIT = 40
LIST_LIMIT = 20
ERROR_LINES = 20

_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class PlanStates(StatesGroup):
    summary = State()
    problem = State()
    measure = State()
    executor = State()
    deadline = State()
    questions = State()
    remove = State()
    upload = State()


@dataclass
class Flow:
    """What is being typed for which meeting; the item's fields as far as they are given."""

    meeting_id: int
    problem: str | None = None
    measure: str | None = None
    executor: str | None = None
    due_on: str | None = None  # ISO date
    questions: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, data: dict[str, Any]) -> "Flow | None":
        raw = data.get(FLOW_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                meeting_id=int(raw["meeting_id"]),
                problem=raw.get("problem"),
                measure=raw.get("measure"),
                executor=raw.get("executor"),
                due_on=raw.get("due_on"),
                questions=[int(q) for q in raw.get("questions") or []],
            )
        except (KeyError, TypeError, ValueError):
            return None

    def item(self) -> ItemDraft | None:
        if not (self.problem and self.measure and self.executor and self.due_on):
            return None
        return ItemDraft(
            problem=self.problem,
            measure=self.measure,
            executor=self.executor,
            due_on=date.fromisoformat(self.due_on),
            question_ids=tuple(self.questions),
        )


async def save_flow(state: FSMContext, flow: Flow, step: State) -> None:
    await state.update_data({FLOW_KEY: asdict(flow)})
    await state.set_state(step)


async def drop_flow(state: FSMContext) -> None:
    """Leave the flow, keeping whatever other features keep in FSM data."""
    data = await state.get_data()
    data.pop(FLOW_KEY, None)
    await state.set_data(data)
    await state.set_state(None)


def parse_local_date(text: str) -> date | None:
    """`DD.MM.YYYY` (or with slashes) or `YYYY-MM-DD`; None when it is not a real date."""
    cleaned = text.strip()
    if match := _DMY.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def source(profile: str, rule_key: str) -> tuple[str, str]:
    """The short seed number ("001") and clause ("3.5") of a rule."""
    found = explain(rule_key, profile)
    return found.seed.split("_")[0], found.clause
