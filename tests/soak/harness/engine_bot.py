"""Child process: the real bot's delivery path on a SQLite file, with a file "platform".

``prepare`` stores N due reminders through the repositories; ``run`` starts the bot the
way ``vitalfew run`` does (bootstrap, migrate, a ticker) and delivers until SIGTERM or
SIGKILL. The engine and ticker are built here from the App's parts rather than with
``app.start_deliveries()`` only to shorten the lease: a killed worker's claims then come
back in about a second instead of two minutes.

    python -m harness.engine_bot prepare --db X.db --count 1000
    python -m harness.engine_bot run --db X.db --log sent.log --ready ready.flag
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import Followup, Owner, OwnerSettings, Person
from bot.replies import Reply
from bot.schedule import reminder_delivery
from bot.settings import load_settings
from bot.ticker import Ticker
from bot.wiring import bootstrap
from storage import Storage
from storage.bulk import BulkDigestReader

from . import ledger

PLATFORM = "slack"
OWNERS = 20


class FileNotifier:
    """``bot.ports.Notifier`` over the ledger: what a chat platform would do.

    ``send`` returns only after the key is durably in the log (the platform accepted
    the message); ``already_sent`` answers from the same log, as Slack message metadata
    or a Discord nonce lookup would. Each lookup is also noted in ``lookups`` as
    ``hit KEY`` or ``miss KEY``, so the driver can count how often a kill landed in the
    window between the platform accepting a message and the bot marking it sent.
    """

    def __init__(self, log: Path, lookups: Path, latency: float) -> None:
        self.log = log
        self.lookups = lookups
        self.latency = latency

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        await asyncio.sleep(self.latency / 2)  # the request on its way
        ledger.accept(self.log, delivery_key)
        await asyncio.sleep(self.latency / 2)  # the response on its way back

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        found = ledger.contains(self.log, delivery_key)
        ledger.accept(self.lookups, f"{'hit' if found else 'miss'} {delivery_key}")
        return found


async def prepare(db: Path, count: int) -> None:
    """``count`` open follow-ups, all due now, each with its pending reminder delivery."""
    storage = Storage(f"sqlite:///{db}")
    await storage.migrate()
    now = datetime.now(UTC)
    try:
        async with storage.uow() as uow:
            people = []
            for n in range(OWNERS):
                owner = Owner(PLATFORM, "T1", f"U{n:04d}")
                await uow.owners.upsert(OwnerSettings(owner, digest_enabled=False, created_at=now))
                people.append(await uow.people.add(Person(owner, f"Friend {n}", created_at=now)))
            for n in range(count):
                person = people[n % OWNERS]
                followup = await uow.followups.add(person.owner, Followup(
                    person.id or 0, now - timedelta(milliseconds=n), f"promise {n}",
                    created_at=now))
                await uow.deliveries.schedule(reminder_delivery(person.owner, followup))
            await uow.commit()
    finally:
        await storage.dispose()


async def run(args: argparse.Namespace) -> None:
    """Deliver until SIGTERM (a graceful stop); SIGKILL is the crash under test."""
    settings = load_settings(database_url=f"sqlite:///{args.db}",
                             vitalfew_tick_seconds=args.tick)
    app = bootstrap(settings)
    await app.storage.migrate()
    app.notifiers[PLATFORM] = FileNotifier(args.log, args.lookups, args.latency)
    policy = DeliveryPolicy(lease=timedelta(seconds=args.lease), send_timeout=args.send_timeout)
    engine = DeliveryEngine(app.storage.uow, app.clock, app.notifiers,
                            worker_id=f"soak-{os.getpid()}", policy=policy,
                            digests=BulkDigestReader(app.storage.engine))
    app.ticker = Ticker(engine, args.tick)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    app.ticker.start()
    await asyncio.to_thread(args.ready.touch)
    try:
        await stop.wait()
    finally:
        await app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--count", type=int, required=True)
    r = sub.add_parser("run")
    r.add_argument("--db", type=Path, required=True)
    r.add_argument("--log", type=Path, required=True)
    r.add_argument("--lookups", type=Path, required=True)
    r.add_argument("--ready", type=Path, required=True)
    r.add_argument("--tick", type=float, default=0.2)
    r.add_argument("--lease", type=float, default=1.0)
    r.add_argument("--send-timeout", type=float, default=0.25)
    r.add_argument("--latency", type=float, default=0.004)
    args = parser.parse_args()
    if args.command == "prepare":
        asyncio.run(prepare(args.db, args.count))
    else:
        asyncio.run(run(args))


if __name__ == "__main__":
    main()
