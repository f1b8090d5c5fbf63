"""The group-commit writer: callers' items run in batches, one batch at a time."""

from __future__ import annotations

import asyncio

import pytest

from bot.groupcommit import GroupCommit

pytestmark = pytest.mark.asyncio


class Recorder:
    """A batch function that records each batch and can be held open or made to fail."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.gate: asyncio.Event | None = None
        self.fail_on: str | None = None
        self.started = asyncio.Event()

    async def __call__(self, items: list[str]) -> list[str]:
        self.batches.append(list(items))
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_on in items:
            raise RuntimeError("disk full")
        return [item.upper() for item in items]


async def test_callers_at_the_same_moment_share_one_batch_and_get_their_own_result():
    record = Recorder()
    writer = GroupCommit(record)
    results = await asyncio.gather(*(writer.submit(x) for x in ("a", "b", "c")))
    assert results == ["A", "B", "C"]
    assert record.batches == [["a", "b", "c"]]
    assert writer.batches == 1


async def test_items_that_arrive_while_a_batch_runs_make_the_next_batch():
    record = Recorder()
    record.gate = asyncio.Event()
    writer = GroupCommit(record)
    first = asyncio.create_task(writer.submit("a"))
    await record.started.wait()  # the first batch is running, held at the gate
    later = [asyncio.create_task(writer.submit(x)) for x in ("b", "c")]
    await asyncio.sleep(0)
    assert record.batches == [["a"]]  # one batch at a time: b and c wait
    record.gate.set()
    assert await first == "A"
    assert await asyncio.gather(*later) == ["B", "C"]
    assert record.batches == [["a"], ["b", "c"]]


async def test_a_batch_is_capped_at_max_batch():
    record = Recorder()
    writer = GroupCommit(record, max_batch=2)
    assert await asyncio.gather(*(writer.submit(x) for x in "abcde")) == list("ABCDE")
    assert record.batches == [["a", "b"], ["c", "d"], ["e"]]


async def test_a_failed_batch_fails_its_callers_only_and_the_writer_goes_on():
    record = Recorder()
    record.fail_on = "b"
    writer = GroupCommit(record, max_batch=2)
    outcomes = await asyncio.gather(*(writer.submit(x) for x in "abc"),
                                    return_exceptions=True)
    assert [type(o).__name__ for o in outcomes[:2]] == ["RuntimeError", "RuntimeError"]
    assert outcomes[2] == "C"
    assert await writer.submit("d") == "D"


async def test_a_caller_that_gives_up_does_not_break_the_batch():
    record = Recorder()
    record.gate = asyncio.Event()
    writer = GroupCommit(record)
    quitter = asyncio.create_task(writer.submit("a"))
    stayer = asyncio.create_task(writer.submit("b"))
    await record.started.wait()
    quitter.cancel()
    record.gate.set()
    assert await stayer == "B"
    assert quitter.cancelled()


async def test_a_batch_function_that_returns_too_few_results_fails_loudly():
    async def short(items: list[str]) -> list[str]:
        return items[:1]

    writer = GroupCommit(short)
    outcomes = await asyncio.gather(writer.submit("a"), writer.submit("b"),
                                    return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
