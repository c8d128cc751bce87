"""The scheduler: periodic tasks (scheduler/tasks/) run by one interval job (runner.py)."""
