"""Platform errors: retried with backoff and Retry-After, given up on, never doubled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from delivery_fakes import Delivered, Stall, add_reminders, delivery, tick_at

from bot.domain import DeliveryStatus
from bot.ports import PermanentDeliveryError, RetryableDeliveryError

DUE = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def rate_limited(seconds: float) -> RetryableDeliveryError:
    return RetryableDeliveryError("HTTP 429", retry_after=seconds)


def server_error() -> RetryableDeliveryError:
    return RetryableDeliveryError("HTTP 500")


async def test_429_then_500_then_success_delivers_once_after_backing_off(
        store, engine, clock, notifier, sleeps):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(rate_limited(2), server_error())

    report = await tick_at(engine, clock, DUE)

    assert (report.claimed, report.sent) == (1, 1)
    assert notifier.keys == [key] and notifier.attempts == 3
    # Retry-After 2 s plus at most 1 s of jitter; then the backoff of a second try, 2 s.
    assert sleeps.waits == [3.0, 2.0]
    # After a 500 the message may have gone out: the platform is asked before a resend;
    # after a 429 it certainly did not.
    assert notifier.asked == [key]
    row = await delivery(store, key)
    assert (row.status, row.attempts, row.sent_at) == (DeliveryStatus.SENT, 1, DUE
                                                       + timedelta(seconds=5))


async def test_a_timeout_after_the_platform_took_the_message_is_not_sent_twice(
        store, engine, clock, notifier):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(Delivered(TimeoutError("read timed out")))

    report = await tick_at(engine, clock, DUE)

    assert notifier.keys == [key]
    assert (report.sent, report.already_sent) == (0, 1)
    assert (await delivery(store, key)).status == DeliveryStatus.SENT


async def test_a_long_retry_after_goes_back_to_the_table_until_it_passes(
        store, engine, clock, notifier, sleeps):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(rate_limited(120))

    assert (await tick_at(engine, clock, DUE)).retried == 1
    assert sleeps.waits == []  # no worker sits on a row for two minutes
    row = await delivery(store, key)
    assert (row.status, row.next_attempt_at) == (DeliveryStatus.PENDING,
                                                 DUE + timedelta(seconds=121))
    assert "429" in row.last_error

    assert (await tick_at(engine, clock, DUE + timedelta(seconds=120))).claimed == 0
    assert (await tick_at(engine, clock, DUE + timedelta(seconds=121))).sent == 1
    assert notifier.keys == [key]


async def test_a_permanent_failure_is_recorded_and_not_retried(store, engine, clock,
                                                               notifier):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(PermanentDeliveryError("cannot_dm_bot"))

    assert (await tick_at(engine, clock, DUE)).failed == 1
    for hours in (1, 24, 24 * 30):
        assert (await tick_at(engine, clock, DUE + timedelta(hours=hours))).claimed == 0
    row = await delivery(store, key)
    assert (row.status, row.last_error, row.attempts) == (
        DeliveryStatus.FAILED, "permanent: cannot_dm_bot", 1)
    assert notifier.attempts == 1 and notifier.sent == []


async def test_a_platform_that_keeps_failing_is_given_up_after_max_attempts(
        store, make_engine, clock, notifier):
    engine = make_engine(max_attempts=4)
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(*(server_error() for _ in range(100)))

    clock.set(DUE)
    for _ in range(50):  # bounded: each tick is at the row's next attempt time
        await engine.tick()
        row = await delivery(store, key)
        if row.status != DeliveryStatus.PENDING:
            break
        clock.set(row.next_attempt_at)
    assert row.status == DeliveryStatus.FAILED
    assert row.last_error.startswith("gave up after 4 attempts")
    assert row.attempts == 4 and 4 <= notifier.attempts <= 4 * engine.policy.inline_attempts
    assert notifier.sent == []


async def test_backoff_grows_and_is_capped(make_engine):
    engine = make_engine(base_backoff=1.0, max_backoff=30.0)
    assert [engine._backoff(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


async def test_a_bug_while_composing_is_retried_then_given_up(
        store, make_engine, clock, notifier, monkeypatch):
    def broken(*args):
        raise ValueError("a bug")

    monkeypatch.setattr("bot.views.reminder", broken)
    engine = make_engine(max_attempts=3)
    [key] = await add_reminders(store, 1, DUE)
    clock.set(DUE)
    for _ in range(20):
        await engine.tick()
        row = await delivery(store, key)
        if row.status != DeliveryStatus.PENDING:
            break
        clock.set(row.next_attempt_at)
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 3)
    assert "a bug" in row.last_error


async def test_a_send_stalled_past_its_lease_is_not_sent_again(
        store, make_engine, clock, notifier):
    """Worker 1's send is accepted, then the worker stalls past its lease; worker 2
    takes the row over, finds the message already there and marks it; worker 1's late
    mark is refused and it sends nothing more."""
    [key] = await add_reminders(store, 1, DUE)
    first, second = make_engine("w1"), make_engine("w2")
    taken_over = []

    async def stall() -> None:
        clock.advance(first.policy.lease + timedelta(seconds=1))
        taken_over.append(await second.tick())

    notifier.then(Stall(stall))
    report = await tick_at(first, clock, DUE)

    assert (taken_over[0].claimed, taken_over[0].already_sent) == (1, 1)
    assert report.sent == 1  # it sent; its mark found the row already marked
    assert notifier.keys == [key]
    row = await delivery(store, key)
    assert (row.status, row.claimed_by) == (DeliveryStatus.SENT, "w2")


async def test_rows_whose_lease_ran_out_while_queued_are_not_sent_by_that_worker(
        store, make_engine, clock, notifier):
    """A slow platform and a long queue: a row is sent only while its lease still covers
    the whole send, else it goes back to the table for the next tick."""
    engine = make_engine(concurrency=1)
    keys = await add_reminders(store, 5, DUE)

    async def slow() -> None:
        clock.advance(timedelta(seconds=50))

    notifier.then(*(Stall(slow) for _ in range(5)))
    report = await tick_at(engine, clock, DUE)
    assert (report.claimed, report.sent, report.retried) == (5, 2, 3)
    for _ in range(10):
        if len(notifier.keys) == 5:
            break
        await engine.tick()
    assert sorted(notifier.keys) == sorted(keys)


@pytest.mark.parametrize("error", [OSError("connection reset"), TimeoutError()])
async def test_network_errors_are_retried_like_server_errors(store, engine, clock, notifier,
                                                             error):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(error)
    assert (await tick_at(engine, clock, DUE)).sent == 1
    assert notifier.keys == [key] and notifier.asked == [key]
