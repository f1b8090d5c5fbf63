"""Group commit: many callers' commands stored by one writer in one transaction.

SQLite has one writer at a time and every transaction costs a lock, a commit and (through
aiosqlite) a thread hop per statement. A command that waits its turn anyway can as well
be stored together with whatever else is waiting: one writer task takes every queued
command, runs the batch (one unit of work, a few statements whatever its size) and only
then answers each caller, so every reply still follows a durable commit.

The writer task exists only while there is work: the first ``submit`` on an idle writer
starts it, and it ends when the queue is empty. So there is nothing to start or stop
with the app, and nothing runs at import time.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Most commands in one transaction: bounds a batch's time, so a caller that arrives
#: behind a full queue waits for a few short batches rather than one long one.
MAX_BATCH = 256


class GroupCommit(Generic[Item, Result]):
    """Queue ``submit``-ted items; one writer task runs them ``run_batch`` at a time.

    ``run_batch`` gets the items in arrival order and returns one result per item, in the
    same order. If it raises, every caller of that batch gets the exception.
    """

    def __init__(
        self,
        run_batch: Callable[[list[Item]], Awaitable[Sequence[Result]]],
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._queue: deque[tuple[Item, asyncio.Future[Result]]] = deque()
        self._writer: asyncio.Task[None] | None = None
        self.batches = 0  # how many transactions so far: for benchmarks and tests

    async def submit(self, item: Item) -> Result:
        """Queue one item and wait until the batch holding it has been run."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write(), name="group-commit writer")
        return await future

    async def _write(self) -> None:
        """Run batches until the queue is empty. Items that arrive while a batch runs
        make the next batch: the fuller the queue, the more each commit carries."""
        while self._queue:
            batch = [self._queue.popleft() for _ in range(min(len(self._queue),
                                                              self._max_batch))]
            try:
                results = list(await self._run_batch([item for item, _ in batch]))
                if len(results) != len(batch):
                    raise RuntimeError(f"{len(results)} results for {len(batch)} items")
            except Exception as err:  # every caller hears of it; the writer goes on
                for _, future in batch:
                    if not future.done():
                        future.set_exception(err)
                continue
            finally:
                self.batches += 1
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():  # a caller that gave up (cancelled) is skipped
                    future.set_result(result)
