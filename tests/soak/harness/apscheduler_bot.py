"""Child process: the peer baseline, one persistent APScheduler job per reminder.

This is the design the bot deliberately does not use: APScheduler 3 with a
``SQLAlchemyJobStore`` on a SQLite file and a ``date`` job per reminder whose function
sends the message. There is no delivery key and no history lookup. Everything is
APScheduler's default (executor, job store settings, ``coalesce``, ``max_instances``)
except ``misfire_grace_time``, which is run both ways:

- ``default``: APScheduler's 1 second. A job that runs more than a second late is
  skipped and removed, so a reminder that fell due while the bot was down is dropped.
- ``none``: no grace limit, the usual fix, so late jobs still run when the bot is back.

    python -m harness.apscheduler_bot prepare --db X.db --log sent.log --count 1000 --grace none
    python -m harness.apscheduler_bot run --db X.db --ready ready.flag
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import create_engine, event

from . import ledger


def prepare(db: Path, log: Path, count: int, grace: str, latency: float) -> None:
    """Store ``count`` date jobs, all due now, as a bot would when reminders are made.

    The scheduler is started paused, so nothing runs while the jobs are added, and the
    process ends with ``os._exit`` once they are committed: shutting a paused
    BackgroundScheduler down wakes its thread, which then processes due jobs. Only this
    set-up step turns SQLite's fsync off (1,000 separate commits otherwise take ten
    seconds here); the ``run`` step uses the defaults.
    """
    engine = create_engine(f"sqlite:///{db}")
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA synchronous=OFF"))
    scheduler = BackgroundScheduler(jobstores={"default": SQLAlchemyJobStore(engine=engine)},
                                    timezone=UTC)
    scheduler.start(paused=True)
    now = datetime.now(UTC)
    limit = {} if grace == "default" else {"misfire_grace_time": None}
    for n in range(count):
        key = f"reminder:{n + 1}"
        scheduler.add_job(ledger.blocking_send, "date", run_date=now, id=key,
                          args=[str(log), key, latency], **limit)
    engine.dispose()
    os._exit(0)


async def run(db: Path, ready: Path) -> None:
    """Run the scheduler until SIGTERM; SIGKILL is the crash under test.

    On SIGTERM the scheduler is paused and the sends already handed to the thread pool
    are let finish before exiting (``AsyncIOExecutor.shutdown`` would cancel the queued
    ones), so that a graceful stop loses nothing and every loss counted is a kill's or
    a misfire's.
    """
    logging.basicConfig(level=logging.WARNING)
    scheduler = AsyncIOScheduler(jobstores={"default": SQLAlchemyJobStore(url=f"sqlite:///{db}")},
                                 timezone=UTC)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    scheduler.start()
    await asyncio.to_thread(ready.touch)
    await stop.wait()
    scheduler.pause()
    await loop.shutdown_default_executor()
    scheduler.shutdown(wait=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--log", type=Path, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--grace", choices=("default", "none"), required=True)
    p.add_argument("--latency", type=float, default=0.004)
    r = sub.add_parser("run")
    r.add_argument("--db", type=Path, required=True)
    r.add_argument("--ready", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.db, args.log, args.count, args.grace, args.latency)
    else:
        asyncio.run(run(args.db, args.ready))


if __name__ == "__main__":
    main()
