"""The outbox's HTTP side: the one sender of notifications, its pacing and its delivery policy.

Services only write rows (services/outbox.py); this package claims them and talks to Telegram.
"""

from scheduler.sender.outbox_sender import OutboxSender, SenderConfig

__all__ = ["OutboxSender", "SenderConfig"]
