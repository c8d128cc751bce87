"""What a quarterly report's conversation keeps between messages, and how a quarter travels in
callback data."""

from dataclasses import asdict, dataclass
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup

from services.audit import AuditAction
from services.plans import (
    Quarter,
)
from services.statuses import PlanItemStatus

ACTION = AuditAction.PLAN_PROGRESS
FLOW_KEY = "progress_flow"
PROGRESS_STATUSES = (
    PlanItemStatus.NOT_STARTED,
    PlanItemStatus.IN_PROGRESS,
    PlanItemStatus.DONE,
    PlanItemStatus.OVERDUE,
)
PERCENT_CHOICES = (10, 25, 50, 75, 90)
PAGE_SIZE = 8
PROBLEM_LIMIT = 120
LIST_LIMIT = 20
QUARTER_CHOICES = 8


class ProgressStates(StatesGroup):
    percent = State()
    comment = State()


@dataclass
class EntryFlow:
    """The item being filled in, as far as it is given (kept in the FSM storage)."""

    meeting_id: int
    report_id: int
    item_id: int
    status: str | None = None
    percent: int | None = None
    page: int = 0

    @classmethod
    def load(cls, data: dict[str, Any]) -> "EntryFlow | None":
        raw = data.get(FLOW_KEY)
        if not isinstance(raw, dict):
            return None
        try:
            return cls(
                meeting_id=int(raw["meeting_id"]),
                report_id=int(raw["report_id"]),
                item_id=int(raw["item_id"]),
                status=raw.get("status"),
                percent=raw.get("percent"),
                page=int(raw.get("page") or 0),
            )
        except (KeyError, TypeError, ValueError):
            return None


async def save_flow(state: FSMContext, flow: EntryFlow, step: State | None) -> None:
    await state.update_data({FLOW_KEY: asdict(flow)})
    await state.set_state(step)


async def drop_flow(state: FSMContext) -> None:
    data = await state.get_data()
    data.pop(FLOW_KEY, None)
    await state.set_data(data)
    await state.set_state(None)


def encode_quarter(quarter: Quarter) -> int:
    return quarter.year * 10 + quarter.number


def decode_quarter(value: int) -> Quarter | None:
    year, number = divmod(value, 10)
    return Quarter(year, number) if 1 <= number <= 4 and 2000 <= year <= 2200 else None
