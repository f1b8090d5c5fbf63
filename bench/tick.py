"""How long one delivery tick takes on SQLite with 10,000 owners and 1,000 due reminders.

Run: .venv/bin/python bench/tick.py   (not a test; prints the figures)

The database is realistic rather than empty: every owner has one person and a pending
weekly digest next Monday, and there are 20,000 old sent reminders, so the claim has to
find the 1,000 due rows among 31,000. The notifier does nothing, so the figure is the
engine's and the database's own cost: claim, compose (three reads), mark (one write).
Baseline in the same run: one bare ``claim_due`` of the same 1,000 rows, rolled back.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.clock import FixedClock  # noqa: E402
from bot.delivery import DeliveryEngine, DeliveryPolicy  # noqa: E402
from storage import Storage  # noqa: E402
from storage.schema import deliveries, followups, owners, people  # noqa: E402

OWNERS, DUE, HISTORY = 10_000, 1_000, 20_000
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class NoopNotifier:
    async def send(self, owner, reply, delivery_key) -> None:
        return None

    async def already_sent(self, owner, delivery_key) -> bool:
        return False


def owner_cols(n: int) -> dict[str, str]:
    return {"platform": "slack", "workspace": "T1", "user_id": f"U{n:05d}"}


async def build(path: Path) -> Storage:
    """Bulk inserts straight into the tables: the setup takes a second or two."""
    storage = Storage(f"sqlite:///{path}")
    await storage.migrate()
    created = NOW - timedelta(days=90)
    delivery = {"kind": "reminder", "status": "pending", "attempts": 0,
                "next_attempt_at": None, "lease_until": None, "claimed_by": None,
                "last_error": None, "sent_at": None}
    async with storage.engine.begin() as c:
        await c.execute(insert(owners), [
            {**owner_cols(n), "tz": "Europe/Berlin", "platform_tz": None, "size": 5,
             "cadence_days": 14, "digest_day": 0, "digest_time": "09:00",
             "digest_enabled": True, "created_at": created} for n in range(OWNERS)])
        await c.execute(insert(people), [
            {**owner_cols(n), "id": n + 1, "name": f"Friend {n}", "name_key": f"friend {n}",
             "platform_id": None, "pinned": False, "cadence_days": None,
             "snoozed_until": None, "created_at": created} for n in range(OWNERS)])
        await c.execute(insert(followups), [
            {**owner_cols(n % OWNERS), "id": n + 1, "person_id": n % OWNERS + 1,
             "due_at": NOW - timedelta(days=30) if n >= DUE else NOW - timedelta(seconds=n),
             "what": f"promise {n}", "status": "done" if n >= DUE else "open",
             "created_at": created, "closed_at": None} for n in range(DUE + HISTORY)])
        due_at = [NOW - timedelta(seconds=n) for n in range(DUE)]
        await c.execute(insert(deliveries), [
            {**owner_cols(n), **delivery, "key": f"reminder:{n + 1}:{int(due_at[n].timestamp())}",
             "due_at": due_at[n], "followup_id": n + 1} for n in range(DUE)])
        await c.execute(insert(deliveries), [
            {**owner_cols(n % OWNERS), **delivery, "key": f"reminder:{n + 1}:0",
             "due_at": NOW - timedelta(days=30), "followup_id": n + 1, "status": "sent",
             "attempts": 1, "sent_at": NOW - timedelta(days=30)}
            for n in range(DUE, DUE + HISTORY)])
        await c.execute(insert(deliveries), [
            {**owner_cols(n), **delivery, "key": f"digest:slack:T1:U{n:05d}:2026-W49",
             "kind": "digest", "due_at": NEXT_MONDAY} for n in range(OWNERS)])
    return storage


async def bare_claim(storage: Storage) -> float:
    """One claim_due of the 1,000 due rows, rolled back (no commit): the floor."""
    async with storage.uow() as uow:
        started = time.perf_counter()
        claimed = await uow.deliveries.claim_due(NOW, "bench", NOW + timedelta(minutes=2), DUE)
        elapsed = time.perf_counter() - started
    assert len(claimed) == DUE, len(claimed)
    return elapsed


async def bare_units_of_work(storage: Storage, n: int = DUE) -> float:
    """``n`` empty committed units of work: the floor of one transaction per delivery."""
    started = time.perf_counter()
    for _ in range(n):
        async with storage.uow() as uow:
            await uow.commit()
    return time.perf_counter() - started


async def run_ticks(storage: Storage, batch: int) -> tuple[int, float, int]:
    """Tick until nothing is due; (ticks, seconds, sent)."""
    engine = DeliveryEngine(storage.uow, FixedClock(NOW), {"slack": NoopNotifier()},
                            "bench", DeliveryPolicy(batch=batch))
    ticks = sent = 0
    started = time.perf_counter()
    while True:
        report = await engine.tick()
        if not report.claimed:
            break
        ticks, sent = ticks + 1, sent + report.sent
    elapsed = time.perf_counter() - started
    async with storage.uow() as uow:
        still = await uow._connection.scalar(  # type: ignore[union-attr]
            select(deliveries.c.key).where(deliveries.c.status != "sent",
                                           deliveries.c.kind == "reminder").limit(1))
    assert still is None and sent == DUE, (still, sent)
    return ticks, elapsed, sent


async def main() -> None:
    import logging

    import structlog
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for run, batch in enumerate((DUE, DeliveryPolicy().batch)):
            started = time.perf_counter()
            storage = await build(Path(tmp) / f"bench-{run}.db")
            setup = time.perf_counter() - started
            baseline = min([await bare_claim(storage) for _ in range(3)])
            empty = await bare_units_of_work(storage)
            ticks, elapsed, sent = await run_ticks(storage, batch)
            await storage.dispose()
            results.append((batch, setup, baseline, empty, ticks, elapsed, sent))
    print(f"SQLite, {OWNERS:,} owners, {DUE:,} due reminders among "
          f"{DUE + HISTORY + OWNERS:,} deliveries; no-op notifier")
    for batch, setup, baseline, empty, ticks, elapsed, sent in results:
        print(f"batch {batch:>4}: {ticks} tick(s) sent {sent:,} in {elapsed * 1000:,.0f} ms "
              f"({elapsed / sent * 1e6:,.0f} µs per delivery); bare claim_due of {DUE:,}: "
              f"{baseline * 1000:,.1f} ms, ratio {elapsed / baseline:,.0f}x; {DUE:,} empty "
              f"units of work: {empty * 1000:,.0f} ms, ratio {elapsed / empty:,.1f}x "
              f"(setup {setup:.1f} s)")


if __name__ == "__main__":
    asyncio.run(main())
