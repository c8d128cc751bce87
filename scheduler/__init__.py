"""Scheduled jobs (the compliance clock of the officials' issue) will live here; none run yet."""
