"""The engine the bot builds (storage/db.py): a database error names the statement, never the
values it carried (citizens' questions, names, answers), since errors are logged."""

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import FsmRecord

SECRET = "Менің үйім: Абай көшесі 5, пәтер 12"


async def test_a_database_error_does_not_carry_the_values(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session:
        session.add(FsmRecord(key="k", state=SECRET, data="{}"))
        await session.commit()
    async with session_factory() as session:
        session.add(FsmRecord(key="k", state=SECRET, data="{}"))  # the same key: refused
        with pytest.raises(DBAPIError) as refused:
            await session.commit()
    assert "fsm_records" in str(refused.value)
    assert SECRET not in str(refused.value)
    assert "hidden due to hide_parameters" in str(refused.value)
