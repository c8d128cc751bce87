"""The PostgreSQL engine's connection pool, timed: how long each checkout took to get its
connection (bot/metrics.py shows it as a histogram).

Most checkouts find a connection free and take microseconds; when every connection is busy
(``pool_size`` + ``max_overflow`` checked out) a checkout waits for one to come back, and the
update or the sender waits with it. That wait is what the histogram shows. The time includes
opening a new connection when the pool grows, and the ping of a connection idle a while
(storage/db.py): all of it is
time before the first statement.

SQLAlchemy has no event before a checkout, so the pool's ``connect`` (each checkout goes
through it once) is timed here. A pool is replaced by a copy on ``engine.dispose()``; the copy
keeps the listener.
"""

import time
from collections.abc import Callable

from sqlalchemy.pool import AsyncAdaptedQueuePool, PoolProxiedConnection


class TimedQueuePool(AsyncAdaptedQueuePool):
    # Told the seconds each checkout took, whether it got a connection or gave up.
    on_checkout: Callable[[float], None] | None = None

    def connect(self) -> PoolProxiedConnection:
        listener = self.on_checkout
        if listener is None:
            return super().connect()
        started = time.perf_counter()
        try:
            return super().connect()
        finally:
            listener(time.perf_counter() - started)

    def recreate(self) -> "TimedQueuePool":
        pool = super().recreate()
        assert isinstance(pool, TimedQueuePool)
        pool.on_checkout = self.on_checkout
        return pool
