"""The akimats' channels (services/channels.py): links whose posts failed for good are marked
broken (officials told), and the year's final results are posted once the year is over."""

from datetime import datetime

from services.container import Services


async def channels(services: Services, now: datetime) -> None:
    await services.channels.watch_failures()
    await services.channels.post_year_results(now)
