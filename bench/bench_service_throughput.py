"""Sustained `/touch` throughput through the service layer alone, on SQLite.

What it measures: touches per second through ``VitalFewService.handle(Request(owner,
"touch", ...))`` for ``--seconds`` seconds each way, on a file database in a temporary
directory, spread over ``--owners`` owners who each already keep up with a few people.
Target (issue 7): at least 5,000 per second.

Three ways, in the same run:

* baseline: the same number of bare ``INSERT INTO touches`` as the service managed,
  each in its own unit of work (connection, ``BEGIN IMMEDIATE``, insert, commit): the
  floor of one transaction per command, before any of the service's own reads;
* service: what the app does today, one unit of work per command, one caller after
  another (``--concurrency`` callers at once are also shown; SQLite has one writer, so
  they queue on its lock);
* group commit (a prototype, not wired into the app): callers put their command on a
  queue and wait; one writer task takes whatever is queued (up to ``--batch``), runs each
  command through the *unchanged* service in a SAVEPOINT of one shared transaction (a
  command that fails rolls back alone), commits once, and only then answers the callers,
  so every reply still follows a durable write;
* the same with the SQLite calls made inline on the event loop instead of through
  aiosqlite's worker thread (a second prototype): with one writer there is nothing to
  wait for, and each hop to the thread and back costs far more than the statement
  (about 0.35 ms per statement on the shared 2-core machine; a /touch makes six);
* and, to separate the two effects, the service one caller at a time on that inline
  driver, one unit of work per command.

The headline figure is the better of the service's two rates; the ratio printed with it
is that rate over the baseline's rate.

Run: .venv/bin/python bench/bench_service_throughput.py [--seconds S] [--owners N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

import aiosqlite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import verdict

from bot.clock import SystemClock
from bot.domain import Owner
from bot.replies import Reply
from bot.services import Request, VitalFewService
from storage import Storage
from storage.engine import create_engine
from storage.repositories import (
    SqlDeliveryRepository,
    SqlFollowupRepository,
    SqlOwnerRepository,
    SqlPersonRepository,
    SqlTouchRepository,
)
from storage.schema import touches

TARGET_PER_SECOND = 5_000
FRIENDS = ("Ana", "Ben", "Chloé", "Dev", "Eli")
NOTES = ("coffee", "call about the move", "msg", "lunch", "zoom")


def owner(n: int) -> Owner:
    return Owner("slack", "T1", f"U{n:05d}")


def request(i: int, owners: int) -> Request:
    return Request(owner(i % owners), "touch",
                   f"{FRIENDS[i // owners % len(FRIENDS)]} {NOTES[i % len(NOTES)]}")


async def prepare(storage: Storage, owners: int) -> None:
    """Every owner already knows the five friends (one touch each), as after a week."""
    await storage.migrate()
    service = VitalFewService(storage.uow, SystemClock())
    for i in range(owners * len(FRIENDS)):
        reply = await service.handle(request(i, owners))
        assert reply.title.startswith("Logged"), reply


async def run_for(seconds: float, callers: int, one: Callable[[int], Awaitable[None]]) -> int:
    """``callers`` tasks calling ``one(i)`` back to back until time is up; calls done."""
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))
    done = 0

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await one(next(counter))
            done += 1

    await asyncio.gather(*(caller() for _ in range(callers)))
    return done


async def bare_inserts(storage: Storage, n: int, owners: int) -> float:
    """``n`` bare touch INSERTs, one unit of work each; seconds taken."""
    now = datetime.now(UTC)
    started = time.perf_counter()
    for i in range(n):
        o = owner(i % owners)
        async with storage.uow() as uow:
            conn = uow._connection  # the bare statement, none of the repository's checks
            assert conn is not None
            await conn.execute(touches.insert().values(
                platform=o.platform, workspace=o.workspace, user_id=o.user,
                person_id=1 + i % owners, at=now, kind="meet", note="bench"))
            await uow.commit()
    return time.perf_counter() - started


# --- the prototypes -----------------------------------------------------------------------


async def _inline_execute(self: aiosqlite.Connection, fn, *args, **kwargs):
    """aiosqlite's ``_execute`` without the thread: the sqlite3 call runs right here."""
    if not self._running or not self._connection:
        raise ValueError("Connection closed")
    return fn(*args, **kwargs)


def inline_storage(url: str) -> Storage:
    """A Storage whose SQLite calls run on the event loop (prototype only): connections
    are opened by aiosqlite's thread as usual, so they must allow use from this one."""
    storage = Storage(url)
    storage._engine = create_engine(url, connect_args={"check_same_thread": False})
    return storage


class inline_sqlite_calls:
    """Patch aiosqlite to run every call inline while the block lasts."""

    def __enter__(self) -> None:
        self._saved = aiosqlite.Connection._execute
        aiosqlite.Connection._execute = _inline_execute  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        aiosqlite.Connection._execute = self._saved  # type: ignore[method-assign]


# --- the group-commit prototype ---------------------------------------------------------


class _SavepointUnitOfWork:
    """A unit of work that is one SAVEPOINT inside the writer's open transaction:
    ``commit()`` releases it, leaving without one rolls back to it. Durable only when
    the writer commits the batch."""

    def __init__(self, writer: GroupCommitWriter) -> None:
        self._writer = writer

    async def __aenter__(self) -> Self:
        conn = self._writer.connection
        if conn is None:
            raise RuntimeError("the group-commit service runs only inside the writer")
        self._savepoint = await conn.begin_nested()
        self.owners = SqlOwnerRepository(conn)
        self.people = SqlPersonRepository(conn)
        self.touches = SqlTouchRepository(conn)
        self.followups = SqlFollowupRepository(conn)
        self.deliveries = SqlDeliveryRepository(conn)
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._savepoint.is_active:
            await self._savepoint.rollback()

    async def commit(self) -> None:
        await self._savepoint.commit()


@dataclass
class GroupCommitWriter:
    """One writer task: takes queued requests in batches, one transaction per batch."""

    storage: Storage
    batch: int
    queue: asyncio.Queue[tuple[Request, asyncio.Future[Reply]]] = field(
        default_factory=asyncio.Queue)
    connection: object | None = None
    batches: int = 0

    def __post_init__(self) -> None:
        self.service = VitalFewService(lambda: _SavepointUnitOfWork(self), SystemClock())

    async def submit(self, req: Request) -> Reply:
        future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        await self.queue.put((req, future))
        return await future

    async def run(self) -> None:
        while True:
            items = [await self.queue.get()]
            while len(items) < self.batch and not self.queue.empty():
                items.append(self.queue.get_nowait())
            replies: list[Reply] = []
            try:
                async with self.storage.engine.connect() as conn:
                    await conn.begin()
                    self.connection = conn
                    for req, _ in items:
                        replies.append(await self.service.handle(req))
                    await conn.commit()
            except Exception as err:  # the batch is lost: every caller hears so
                for _, future in items:
                    future.set_exception(err)
                continue
            finally:
                self.connection = None
            self.batches += 1
            for (_, future), reply in zip(items, replies, strict=True):
                future.set_result(reply)


# --- the run ----------------------------------------------------------------------------


async def measure(args: argparse.Namespace, path: Path) -> int:
    storage = Storage(f"sqlite:///{path}")
    await prepare(storage, args.owners)
    service = VitalFewService(storage.uow, SystemClock())
    replies_ok = True

    async def via_service(i: int) -> None:
        nonlocal replies_ok
        reply = await service.handle(request(i, args.owners))
        replies_ok &= reply.title.startswith("Logged")

    serial = await run_for(args.seconds, 1, via_service)
    concurrent = await run_for(args.seconds, args.concurrency, via_service)
    base_seconds = await bare_inserts(storage, max(serial, concurrent), args.owners)
    base_rate = max(serial, concurrent) / base_seconds

    await storage.dispose()

    async def grouped_on(store: Storage) -> tuple[int, int]:
        writer = GroupCommitWriter(store, args.batch)
        writer_task = asyncio.create_task(writer.run())

        async def via_group_commit(i: int) -> None:
            nonlocal replies_ok
            reply = await writer.submit(request(i, args.owners))
            replies_ok &= reply.title.startswith("Logged")

        done = await run_for(args.seconds, args.callers, via_group_commit)
        writer_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await writer_task
        return done, writer.batches

    grouped, batches = await grouped_on(storage)
    await storage.dispose()
    inline = inline_storage(storage.url)
    with inline_sqlite_calls():
        inline_service = VitalFewService(inline.uow, SystemClock())

        async def via_inline_service(i: int) -> None:
            nonlocal replies_ok
            reply = await inline_service.handle(request(i, args.owners))
            replies_ok &= reply.title.startswith("Logged")

        inline_serial = await run_for(args.seconds, 1, via_inline_service)
        inline_grouped, inline_batches = await grouped_on(inline)
        await inline.dispose()
    if not replies_ok:
        raise AssertionError("a /touch did not answer 'Logged …'")

    s = args.seconds
    rates = {"serial": serial / s, "concurrent": concurrent / s, "grouped": grouped / s,
             "inline": inline_serial / s, "inline_grouped": inline_grouped / s}
    print(f"baseline: {base_rate:,.0f}/s bare INSERTs, one unit of work each "
          f"({max(serial, concurrent):,} in {base_seconds:.2f} s)")
    rows = [
        ("service, one caller", "serial", ""),
        (f"service, {args.concurrency} callers", "concurrent", ""),
        (f"group commit, {args.callers} callers", "grouped",
         f" ({grouped / max(batches, 1):.0f} per commit)"),
        ("inline driver, one caller", "inline", ""),
        (f"group commit + inline, {args.callers} callers", "inline_grouped",
         f" ({inline_grouped / max(inline_batches, 1):.0f} per commit)"),
    ]
    for label, key, extra in rows:
        print(f"  {label:40s} {rates[key]:8,.0f}/s  {rates[key] / base_rate:5.2f}x baseline"
              f"{extra}")
    best = max(rates["serial"], rates["concurrent"])
    proto = max(rates["grouped"], rates["inline_grouped"])
    return verdict(best >= TARGET_PER_SECOND,
                   f"service /touch {best:,.0f}/s (target >= {TARGET_PER_SECOND:,}/s), "
                   f"{best / base_rate:.2f}x bare INSERTs; best prototype "
                   f"{proto:,.0f}/s ({proto / base_rate:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per way of running")
    parser.add_argument("--owners", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--callers", type=int, default=256, help="for group commit")
    parser.add_argument("--batch", type=int, default=256, help="most commands per commit")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vitalfew-throughput-") as tmp:
        return asyncio.run(measure(args, Path(tmp) / "throughput.db"))


if __name__ == "__main__":
    sys.exit(main())
