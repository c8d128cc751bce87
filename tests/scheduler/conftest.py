"""Fixtures of the scheduler tests: a ManualClock and Services over the test database."""

from datetime import datetime

import pytest

from tests.scheduler.helpers import TZ, Sessions, World, make_world

# Before every scenario's first day; each test sets the clock where its story starts.
START = datetime(2027, 1, 1, 10, 0, tzinfo=TZ)


@pytest.fixture
async def world(session_factory: Sessions) -> World:
    return await make_world(session_factory, START)
