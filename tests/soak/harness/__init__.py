"""A kill -9 harness for "each reminder delivered exactly once across a crash".

Two designs are driven the same way, each by a child process the driver starts, kills
with SIGKILL after a random few hundred milliseconds, and restarts on the same database:

- ``engine_bot``: the real bot's delivery path (``bootstrap`` → ``DeliveryEngine`` →
  ``Ticker``) with a file-backed notifier standing in for the chat platform.
- ``apscheduler_bot``: the peer baseline, one persistent APScheduler ``date`` job per
  reminder in a ``SQLAlchemyJobStore``, with no delivery keys.

Both "send" by appending the reminder's key to the same kind of fsync'd log
(``ledger``), so the log is the ground truth of what the owner received.
"""
