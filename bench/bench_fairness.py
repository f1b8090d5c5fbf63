"""Noisy neighbour: 1,000 reminders due at once for one owner, then one for another owner.

Issue "Hardening", item 2: claims used to take rows in one global due-time order, and a
platform sends one message a second per channel (Slack), so a tick that claimed 200 of
one owner's rows took 200 seconds, and another owner's reminder falling due meanwhile
waited for all of it. Claims are now fair (every owner's soonest row before anyone's
second, at most ``DeliveryPolicy.per_owner`` rows of one owner a claim).

Simulation on SQLite, in real time scaled 1:100: the notifier paces each owner's channel
at one message per 10 ms (Slack's one a second), the tick interval is 300 ms (30 s), and
the ticker's loop is the app's (``bot.ticker``): a full claim goes round again at once,
otherwise the next tick comes when the soonest row is due, 10 ms (1 s) at the earliest,
and at the latest after one interval. Owner A has 1,000 reminders due at the start;
owner B has one due 1 s (100 s) later. The figure is how late B's reminder went out.

Target: within one tick interval of its due time. Baseline, same run: the same engine
with the per-owner cap off (one owner may fill a claim, as before).

    .venv/bin/python bench/bench_fairness.py [--rows 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import verdict

from bot.clock import SystemClock
from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import Followup, Owner, OwnerSettings, Person
from bot.replies import Reply
from bot.schedule import reminder_delivery
from storage import Storage

SCALE = 100  # simulated seconds per real second
PACE = 1.0 / SCALE  # one message a second per channel
TICK = 30.0 / SCALE  # the default VITALFEW_TICK_SECONDS
MIN_GAP = 1.0 / SCALE  # bot.ticker.MIN_GAP
B_AFTER = 100.0 / SCALE
NOISY, QUIET = Owner("slack", "T1", "UNOISY"), Owner("slack", "T2", "UQUIET")


@dataclass
class PacedNotifier:
    """Accepts every message, one per ``PACE`` per owner's channel, and notes when."""

    watched: str = ""
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    sent_at: dict[str, float] = field(default_factory=dict)
    _channels: dict[Owner, asyncio.Lock] = field(default_factory=dict)

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        async with self._channels.setdefault(owner, asyncio.Lock()):
            await asyncio.sleep(PACE)
            self.sent_at[delivery_key] = time.perf_counter()
        if delivery_key == self.watched:
            self.arrived.set()

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        return delivery_key in self.sent_at


async def reminders(store: Storage, owner: Owner, count: int, due: datetime) -> list[str]:
    keys = []
    async with store.uow() as uow:
        await uow.owners.upsert(OwnerSettings(owner, digest_enabled=False, created_at=due))
        person = await uow.people.add(Person(owner, "Friend", created_at=due))
        for n in range(count):
            f = await uow.followups.add(owner, Followup(person.id or 0, due, f"promise {n}",
                                                        created_at=due))
            d = reminder_delivery(owner, f)
            await uow.deliveries.schedule(d)
            keys.append(d.key)
        await uow.commit()
    return keys


async def ticker(engine: DeliveryEngine, until: float, stop: asyncio.Event) -> None:
    """``bot.ticker.Ticker``'s loop, scaled: round again after a full claim, else sleep
    until the soonest due row (at least ``MIN_GAP``, at most one ``TICK``). Ends between
    ticks once ``stop`` is set: a tick cut off mid-transaction would leave its database
    connection open (and the process unable to exit)."""
    while time.perf_counter() < until and not stop.is_set():
        report = await engine.tick()
        if report.claimed >= engine.policy.batch:
            continue
        soonest = await engine.next_due_at()
        wait = TICK if soonest is None else (soonest - datetime.now(UTC)).total_seconds()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), min(max(wait, MIN_GAP), TICK))


async def lateness(rows: int, per_owner: int | None) -> tuple[float, int]:
    """How late (simulated seconds) the quiet owner's reminder went out, and how many of
    the noisy owner's had gone out before it."""
    with tempfile.TemporaryDirectory() as folder:
        store = Storage(f"sqlite:///{Path(folder) / 'v.db'}")
        await store.migrate()
        now = datetime.now(UTC)
        await reminders(store, NOISY, rows, now)
        due, due_at = time.perf_counter() + B_AFTER, datetime.now(UTC) + timedelta(
            seconds=B_AFTER)
        [quiet] = await reminders(store, QUIET, 1, due_at)
        notifier = PacedNotifier(quiet)
        policy = DeliveryPolicy(per_owner=per_owner or 10**9)
        engine = DeliveryEngine(store.uow, SystemClock(), {"slack": notifier}, "bench", policy)
        stop = asyncio.Event()
        run = asyncio.ensure_future(ticker(engine, due + 60 * TICK, stop))
        arrived = asyncio.ensure_future(notifier.arrived.wait())
        await asyncio.wait({run, arrived}, return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        arrived.cancel()
        await asyncio.gather(run, arrived, return_exceptions=True)
        await store.dispose()
        sent = notifier.sent_at.get(quiet, float("inf"))
        before = sum(at < sent for key, at in notifier.sent_at.items() if key != quiet)
        return (sent - due) * SCALE, before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000)
    args = parser.parse_args(argv)
    late, before = asyncio.run(lateness(args.rows, None))
    print(f"cap off (one owner may fill a claim of {DeliveryPolicy.batch}): the other "
          f"owner's reminder {late:.1f} s late (simulated), after {before} of the backlog")
    fair = DeliveryPolicy.per_owner
    late, before = asyncio.run(lateness(args.rows, fair))
    print(f"fair claims ({fair} per owner): {late:.1f} s late (simulated), after {before} "
          f"of the backlog")
    tick = TICK * SCALE
    return verdict(late <= tick, f"{args.rows:,} rows due for one owner: another owner's "
                   f"reminder went out {late:.1f} s after its due time (target: within one "
                   f"tick, {tick:.0f} s; SQLite, Slack's pacing of 1 message/s per channel)")


if __name__ == "__main__":
    raise SystemExit(main())
