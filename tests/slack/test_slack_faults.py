"""Fault injection at the fake Slack Web API while the delivery engine delivers.

The fake of tests/slack answers chat.postMessage with scripted faults: 429 with
Retry-After, 500, a stall longer than the client's timeout, a dropped connection, each
either *before* the fake takes the message (a refusal) or *after* it (the message is
in the DM but the answer is lost: the case a blind resend would double). Whatever the
script, every reminder ends ``sent`` and the fake accepted exactly one message per
delivery key: nothing lost, nothing repeated.

Time is virtual: the engine's and the pacer's sleeps advance a ``FixedClock`` instead of
waiting, so the only real waits are the client timeouts (0.2 s each).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from aiohttp import web
from fake_slack import Call, FakeSlack
from slack_support import serve

from adapters.slack.clients import BotTokens
from adapters.slack.notifier import SlackNotifier
from adapters.slack.pacing import Pacer
from bot.clock import FixedClock
from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import DeliveryStatus, Followup, Owner, OwnerSettings, Person
from bot.schedule import reminder_delivery
from storage import Storage

CLIENT_TIMEOUT = 0.2  # seconds; the fake stalls for longer
STALL = 0.5
RETRY_AFTER = 3
TOKEN = "xoxb-test-token"

#: Faults, in the order chat.postMessage calls meet them. "+" means after accepting.
REFUSALS = ["429", "500", "stall", "drop"]
LOST_ANSWERS = ["500+", "stall+", "drop+"]


@dataclass
class FaultySlack(FakeSlack):
    """The fake Slack API whose chat.postMessage meets ``faults`` one call at a time."""

    faults: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    #: With a clock, a 429 holds for its Retry-After: posts before then get 429 too.
    clock: FixedClock | None = None
    limited_until: float = 0.0

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "chat.postMessage":
            return await super()._api(request)
        if self.clock and self.clock.now().timestamp() < self.limited_until:
            fault = "429 (within Retry-After)"
        elif self.faults:
            fault = self.faults.pop(0)
        else:
            return await super()._api(request)
        self.met.append(fault)
        if fault.endswith("+"):
            await super()._api(request)  # Slack took the message; its answer is lost
        else:
            self.calls.append(Call("chat.postMessage", await self._params(request), TOKEN))
        if fault == "429" and self.clock:
            self.limited_until = self.clock.now().timestamp() + RETRY_AFTER
        if fault.startswith("429"):
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(RETRY_AFTER)})
        if fault.startswith("500"):
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        if fault.startswith("stall"):
            await asyncio.sleep(STALL)
            return web.json_response({"ok": False, "error": "request_timeout"}, status=504)
        assert fault.startswith("drop"), fault
        assert request.transport is not None
        request.transport.abort()  # the client sees the connection close mid-request
        return web.Response(status=500)

    def accepted(self) -> Counter[str]:
        """Messages the fake took, per delivery key (from the DMs' metadata)."""
        return Counter((m.get("metadata") or {}).get("event_payload", {}).get("key")
                       for messages in self.history.values() for m in messages)


@pytest.fixture
async def faulty() -> FaultySlack:
    fake = FaultySlack()
    runner, fake.base = await serve(fake.app())
    yield fake
    await runner.cleanup()


class VirtualTime:
    """The test's clock for the pacer: its sleeps advance the ``FixedClock`` instead of
    waiting. The engine's own sleeps (backoff, Retry-After) are only recorded, so time
    moves on only when the pacer holds a send back or ``deliver_all`` moves it to the
    next due retry: a send that the pacer lets through early meets the fake's 429."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.waits: list[float] = []
        self.engine_waits: list[float] = []

    def monotonic(self) -> float:
        return self.clock.now().timestamp()

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(timedelta(seconds=max(seconds, 0.0)))
        await asyncio.sleep(0)

    async def engine_sleep(self, seconds: float) -> None:
        self.engine_waits.append(seconds)
        await asyncio.sleep(0)


async def add_reminders(store: Storage, count: int, clock: FixedClock) -> list[str]:
    """``count`` reminders due now, one per Slack user U0..U{count-1} in T1."""
    now = clock.now()
    keys = []
    async with store.uow() as uow:
        for n in range(count):
            owner = Owner("slack", "T1", f"U{n}")
            await uow.owners.upsert(OwnerSettings(owner, digest_enabled=False, created_at=now))
            person = await uow.people.add(Person(owner, f"Friend {n}", created_at=now))
            f = await uow.followups.add(owner, Followup(person.id or 0, now, f"promise {n}",
                                                        created_at=now))
            d = reminder_delivery(owner, f)
            await uow.deliveries.schedule(d)
            keys.append(d.key)
        await uow.commit()
    return keys


async def deliver_all(engine: DeliveryEngine, clock: FixedClock, rounds: int = 30) -> None:
    """Tick, and move the clock to the next retry, until nothing is pending."""
    for _ in range(rounds):
        await engine.tick()
        due = await engine.next_due_at()
        if due is None:
            return
        clock.set(max(clock.now(), due))
    raise AssertionError("deliveries still pending after many ticks")


def engine_for(store: Storage, clock: FixedClock, fake: FakeSlack, time: VirtualTime,
               pacer: Pacer | None = None, concurrency: int = 8) -> DeliveryEngine:
    notifier = SlackNotifier(BotTokens(TOKEN), fake.api_url, timeout=CLIENT_TIMEOUT,
                             pacer=pacer or Pacer(per_second=50, burst=5, clock=time.monotonic,
                                                  sleep=time.sleep))
    return DeliveryEngine(store.uow, clock, {"slack": notifier}, "w1",
                          DeliveryPolicy(jitter=lambda: 0.0, concurrency=concurrency),
                          time.engine_sleep)


async def assert_each_sent_once(store: Storage, fake: FaultySlack, keys: list[str]) -> None:
    assert fake.accepted() == Counter(keys)  # nothing lost, nothing twice
    async with store.uow() as uow:
        rows = [await uow.deliveries.get(k) for k in keys]
    assert [r.status for r in rows if r] == [DeliveryStatus.SENT] * len(keys)


@pytest.mark.parametrize("faults", [
    pytest.param(REFUSALS, id="refusals"),
    pytest.param(LOST_ANSWERS, id="lost-answers"),
    pytest.param(["429", "500+", "drop", "stall+", "500", "drop+", "stall", "429"] * 2,
                 id="mixed"),
])
async def test_every_reminder_goes_out_exactly_once_whatever_slack_does(
        store, clock, faulty, faults):
    keys = await add_reminders(store, 12, clock)
    faulty.faults = list(faults)
    time = VirtualTime(clock)
    await deliver_all(engine_for(store, clock, faulty, time), clock)
    assert faulty.met == faults  # every fault was met
    await assert_each_sent_once(store, faulty, keys)


async def test_the_same_delivery_failing_again_and_again_still_goes_out_once(
        store, clock, faulty):
    keys = await add_reminders(store, 1, clock)
    faulty.faults = ["drop+", "stall+", "500+", "429", "drop"]  # all on the one message
    time = VirtualTime(clock)
    await deliver_all(engine_for(store, clock, faulty, time), clock)
    await assert_each_sent_once(store, faulty, keys)
    assert len(faulty.called("chat.postMessage")) == 1  # later tries found it in history


async def test_a_429_pauses_the_whole_workspace_for_its_retry_after(store, clock, faulty):
    keys = await add_reminders(store, 40, clock)
    faulty.faults = ["429"]
    faulty.clock = clock  # and every post within its Retry-After is refused too
    time = VirtualTime(clock)
    # One send at a time: a pause can hold back only sends not yet on the wire, and with
    # several in flight whether one was already posted depends on real-time interleaving.
    await deliver_all(engine_for(store, clock, faulty, time, concurrency=1), clock)
    await assert_each_sent_once(store, faulty, keys)
    # The one 429 paused the pacer for its Retry-After: no other send walked into it.
    assert faulty.met == ["429"]
    assert len(faulty.called("chat.postMessage")) == 41


async def test_without_the_pause_concurrent_sends_walk_into_the_429(store, clock, faulty,
                                                                    monkeypatch):
    """The control for the test above: a pacer that ignores Retry-After."""
    monkeypatch.setattr(Pacer, "pause", lambda *_: None)
    keys = await add_reminders(store, 40, clock)
    faulty.faults = ["429"]
    faulty.clock = clock
    time = VirtualTime(clock)
    await deliver_all(engine_for(store, clock, faulty, time, concurrency=1), clock)
    await assert_each_sent_once(store, faulty, keys)
    assert len(faulty.met) > 1


# --- the pacer alone, in virtual time -----------------------------------------------


@pytest.fixture
def vtime(clock: FixedClock) -> VirtualTime:
    return VirtualTime(clock)


def pacer(vtime: VirtualTime, **limits: float) -> Pacer:
    return Pacer(clock=vtime.monotonic, sleep=vtime.sleep, **limits)


async def test_the_pacer_holds_a_workspace_to_its_rate(vtime):
    p = pacer(vtime, per_second=10, burst=1, per_channel=0)
    start = vtime.monotonic()
    await asyncio.gather(*(p.slot("T1", f"D{n}") for n in range(50)))
    assert vtime.monotonic() - start == pytest.approx(4.9, abs=1e-3)
    waited = len(vtime.waits)
    await p.slot("T2", "D1")  # another workspace has its own budget: no wait
    assert len(vtime.waits) == waited


async def test_the_pacer_allows_its_burst_then_the_rate(vtime):
    p = pacer(vtime, per_second=10, burst=5, per_channel=0)
    start = vtime.monotonic()
    for n in range(5):
        await p.slot("T1", f"D{n}")
    assert vtime.monotonic() == start  # the burst went at once
    await p.slot("T1", "D5")
    assert vtime.monotonic() - start == pytest.approx(0.1, abs=1e-3)


async def test_the_pacer_spaces_messages_to_one_channel(vtime):
    p = pacer(vtime, per_second=100, burst=10, per_channel=1.0)
    start = vtime.monotonic()
    for _ in range(3):
        await p.slot("T1", "DU1")
    assert vtime.monotonic() - start == pytest.approx(2.0, abs=1e-3)


async def test_a_pause_holds_back_senders_already_waiting(vtime):
    p = pacer(vtime, per_second=1, burst=1, per_channel=0)
    await p.slot("T1", "D0")
    start = vtime.monotonic()
    waiting = [asyncio.ensure_future(p.slot("T1", f"D{n}")) for n in range(1, 4)]
    await asyncio.sleep(0)  # they have reserved slots at +1, +2, +3
    p.pause("T1", 30)
    assert p.paused_for("T1") == pytest.approx(30, abs=1e-3)
    await asyncio.gather(*waiting)
    assert vtime.monotonic() - start >= 30
