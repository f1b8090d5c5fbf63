"""Delivery pacing: 10,000 weekly digests through the Slack notifier into a rate-limited
fake Slack, at Slack's budget and without bouncing off it.

What it measures: 10,000 weekly digests sent through ``SlackNotifier`` (one per owner:
10,000 DM channels in one workspace) to the fake Web API of tests/slack, run in its own
process and made strict: chat.postMessage gets one message per second per channel and ``--budget``
messages per second across the workspace (a token bucket allowing a quarter second of
burst); beyond either it answers 429 with Retry-After, as Slack does. The notifier's
``Pacer`` (adapters/slack/pacing.py) is set to the same budget.

The digests are composed first (the real ``build_digest`` for 10,000 owners with five
people and a few touches each, in memory) and then sent 8 at a time (the engine's
concurrency), retrying a 429 after its Retry-After as the engine does: the delivery engine
itself composes and sends only about 75 digests a second on this 2-core machine (each
costs four units of work on SQLite: claim, compose, mark sent, schedule next week), so
it could not show a 200/s pacer at work. The engine end-to-end is measured too, on
``--engine-deliveries`` digests from a SQLite file at a budget it can reach
(``--engine-budget``, default 50/s), and reported beside the headline.

Figures: achieved rate (accepted messages / seconds from the first send to the last
message) as a share of the budget, and the share of chat.postMessage calls answered 429.
Targets (issue 7): at least 90% of the budget, 429s under 0.1% of calls.

Baseline in the same run: the same send path with the pacer out of the way (a budget it
never reaches), ``--control`` prepared messages at the engine's concurrency, on a fresh
fake: how often Slack would say 429 without pacing, and how fast this machine can send at
all (if that is below the budget, the machine and not the pacer sets the rate).

The budget (default 200/s) is far above what Slack gives one workspace (a few hundred a
minute); it is chosen so 10,000 messages take about 50 s, long enough that start-up and
the last batch do not matter. The default run takes about a minute and a half.

Run: .venv/bin/python bench/bench_delivery_pacing.py [--deliveries N] [--budget PER_S]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT / "tests" / "slack")]

from _common import verdict  # noqa: E402
from aiohttp import web  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from adapters.slack.clients import BotTokens  # noqa: E402
from adapters.slack.notifier import SlackNotifier  # noqa: E402
from adapters.slack.pacing import Pacer  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.delivery import DeliveryEngine, DeliveryPolicy  # noqa: E402
from bot.digest import build_digest  # noqa: E402
from bot.domain import (  # noqa: E402
    Delivery,
    DeliveryKind,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.ports import RetryableDeliveryError  # noqa: E402
from bot.replies import Reply, reply  # noqa: E402
from bot.timefmt import zone  # noqa: E402
from storage import Storage  # noqa: E402
from storage.bulk import BulkDigestReader  # noqa: E402
from storage.rows import delivery_values as delivery_row  # noqa: E402
from storage.rows import settings_values as settings_row  # noqa: E402
from storage.schema import deliveries, owners, people, touches  # noqa: E402
from storage.strength_sums import recompute  # noqa: E402

TOKEN = "xoxb-bench-token"
TEAM = "T1"
TARGET_SHARE = 0.90
TARGET_429 = 0.001
PEOPLE = ("Ana", "Ben", "Chloé", "Dev", "Eli")
TOUCHES_EACH = 3


# --- the strict fake Slack (its own process) ---------------------------------------


@dataclass
class BudgetedSlack(FakeSlack):
    """tests/slack's fake with Slack's chat.postMessage limits, enforced by GCRA token
    buckets: ``per_second`` per workspace (token) with ``burst`` messages of slack, and
    one per ``per_channel`` seconds per channel. Beyond them: 429 with Retry-After."""

    per_second: float = 200.0
    burst: float = 50.0
    per_channel: float = 1.0
    limited: int = 0
    accepted: int = 0
    first_at: float = 0.0
    last_at: float = 0.0
    _tat: dict[str, float] = field(default_factory=dict)

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_get("/stats", self._stats)
        return app

    async def _stats(self, _: web.Request) -> web.Response:
        return web.json_response({"accepted": self.accepted, "limited": self.limited,
                                  "span": self.last_at - self.first_at})

    def _take(self, bucket: str, interval: float, tolerance: float, now: float) -> float:
        """GCRA: 0 when a message may go now (and takes it), else seconds to wait."""
        tat = max(self._tat.get(bucket, 0.0), now)
        if now < tat - tolerance:
            return tat - tolerance - now
        self._tat[bucket] = tat + interval
        return 0.0

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "chat.postMessage":
            return await super()._api(request)
        params = await self._params(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        now = time.monotonic()
        interval = 1.0 / self.per_second
        wait = self._take("ch:" + str(params.get("channel")), self.per_channel, 0.0, now)
        if not wait:
            wait = self._take("ws:" + token, interval, (self.burst - 1) * interval, now)
            if wait:  # give the channel its slot back: this message did not go
                self._tat["ch:" + str(params.get("channel"))] -= self.per_channel
        if wait:
            self.limited += 1
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": str(max(1, round(wait)))})
        self.accepted += 1
        self.first_at = self.first_at or now
        self.last_at = now
        return await super()._api(request)


def run_fake(per_second: float, burst: float, port_out: multiprocessing.connection.Connection,
             stop: multiprocessing.synchronize.Event) -> None:
    """Serve a ``BudgetedSlack`` on 127.0.0.1 until ``stop`` is set (in a child process)."""

    async def main() -> None:
        fake = BudgetedSlack(per_second=per_second, burst=burst)
        runner = web.AppRunner(fake.app(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        port_out.send(runner.addresses[0][1])
        await asyncio.to_thread(stop.wait)
        await runner.cleanup()

    asyncio.run(main())


class FakeProcess:
    """The strict fake in a child process, so it does not share a core's event loop."""

    def __init__(self, per_second: float) -> None:
        ctx = multiprocessing.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        self._stop = ctx.Event()
        self._process = ctx.Process(target=run_fake, daemon=True,
                                    args=(per_second, per_second / 4, send, self._stop))
        self._process.start()
        self.base = f"http://127.0.0.1:{receive.recv()}"
        self.api_url = f"{self.base}/api/"

    async def stats(self) -> dict:
        import aiohttp
        async with aiohttp.ClientSession() as session, session.get(f"{self.base}/stats") as r:
            return json.loads(await r.text())

    def close(self) -> None:
        self._stop.set()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()


# --- the data -----------------------------------------------------------------------


def owner(n: int) -> Owner:
    return Owner("slack", TEAM, f"U{n:06d}")


async def prepare(store: Storage, n: int, now: datetime) -> None:
    """``n`` owners, each with a few people and touches and a weekly digest due now,
    inserted in bulk (a few statements, not a unit of work per row)."""
    await store.migrate()
    created = now - timedelta(days=60)
    async with store.engine.begin() as conn:
        await conn.execute(insert(owners), [
            settings_row(OwnerSettings(owner(o), tz="Europe/Berlin", digest_enabled=True,
                                       created_at=created)) for o in range(n)])
        await conn.execute(insert(people), [
            {"id": o * len(PEOPLE) + j + 1, "platform": "slack", "workspace": TEAM,
             "user_id": owner(o).user, "name": name, "name_key": name.lower(),
             "platform_id": None, "pinned": False, "cadence_days": None,
             "snoozed_until": None, "created_at": created}
            for o in range(n) for j, name in enumerate(PEOPLE)])
        await conn.execute(insert(touches), [
            {"platform": "slack", "workspace": TEAM, "user_id": owner(o).user,
             "person_id": o * len(PEOPLE) + j + 1, "kind": "meet", "note": "coffee",
             "at": now - timedelta(days=3 + 11 * t + j)}
            for o in range(n) for j in range(len(PEOPLE)) for t in range(TOUCHES_EACH)])
        await conn.execute(insert(deliveries), [
            delivery_row(Delivery(f"digest:{owner(o).key}:bench", owner(o),
                                  DeliveryKind.DIGEST, now - timedelta(minutes=1)))
            for o in range(n)])
        # the people's running strength sums, as the repositories keep them (bulk
        # inserts bypass those), computed as migration 0004 does
        await conn.run_sync(recompute)


# --- the runs -----------------------------------------------------------------------


async def deliver_everything(engine: DeliveryEngine) -> int:
    """Tick until nothing is due; wait for retries due within a minute (each digest sent
    schedules next week's, which is not waited for). Messages sent."""
    sent = 0
    while True:
        report = await engine.tick()
        sent += report.sent + report.already_sent
        if report.claimed:
            continue
        due = await engine.next_due_at()
        wait = (due - datetime.now(UTC)).total_seconds() if due else None
        if wait is None or wait > 60:
            return sent
        await asyncio.sleep(max(0.0, wait) + 0.01)


async def digests(n: int, budget: float) -> tuple[float, dict, int]:
    """Seconds to deliver ``n`` digests at ``budget``/s, the fake's stats, and sent count."""
    fake = FakeProcess(budget)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Storage(f"sqlite:///{tmp}/pacing.db")
            clock = SystemClock()
            await prepare(store, n, clock.now())
            notifier = SlackNotifier(BotTokens(TOKEN), fake.api_url,
                                     pacer=Pacer(per_second=budget, burst=1))
            engine = DeliveryEngine(store.uow, clock, {"slack": notifier}, "bench",
                                    DeliveryPolicy(), digests=BulkDigestReader(store.engine))
            started = time.perf_counter()
            sent = await deliver_everything(engine)
            seconds = time.perf_counter() - started
            await store.dispose()
        return seconds, await fake.stats(), sent
    finally:
        fake.close()


def prepared_digests(n: int, now: datetime) -> list[Reply]:
    """The digests of ``n`` owners (five people, a few touches each), built in memory."""
    tz = zone("Europe/Berlin")
    out = []
    for o in range(n):
        settings = OwnerSettings(owner(o), tz="Europe/Berlin", digest_enabled=True,
                                 created_at=now - timedelta(days=60))
        folks = [Person(owner(o), name, created_at=now - timedelta(days=60), id=j + 1)
                 for j, name in enumerate(PEOPLE)]
        seen = [Touch(j + 1, now - timedelta(days=3 + 11 * t + j + o % 7), Kind.MEET)
                for j in range(len(PEOPLE)) for t in range(TOUCHES_EACH)]
        out.append(build_digest(settings, folks, seen, [], now, tz))
    return out


async def send_all(notifier: SlackNotifier, messages: list[Reply], concurrency: int) -> int:
    """Send message i to owner i, ``concurrency`` at a time; a retryable failure is tried
    again after its Retry-After (or a second), as the engine would. 429s answered."""
    gate = asyncio.Semaphore(concurrency)
    bounced = 0

    async def one(i: int, message: Reply) -> None:
        nonlocal bounced
        async with gate:
            while True:
                try:
                    return await notifier.send(owner(i), message, f"digest:{i}")
                except RetryableDeliveryError as err:
                    bounced += 1
                    await asyncio.sleep(err.retry_after or 1.0)

    await asyncio.gather(*(one(i, m) for i, m in enumerate(messages)))
    return bounced


async def paced(messages: list[Reply], budget: float, concurrency: int) -> tuple[float, dict]:
    """Seconds to send every message at ``budget``/s through the paced notifier."""
    fake = FakeProcess(budget)
    try:
        notifier = SlackNotifier(BotTokens(TOKEN), fake.api_url,
                                 pacer=Pacer(per_second=budget, burst=1))
        started = time.perf_counter()
        await send_all(notifier, messages, concurrency)
        return time.perf_counter() - started, await fake.stats()
    finally:
        fake.close()


async def unpaced(n: int, budget: float, concurrency: int) -> tuple[float, dict]:
    """``n`` prepared messages straight into the notifier, pacer out of the way."""
    fake = FakeProcess(budget)
    try:
        no_pacer = Pacer(per_second=1e9, burst=10**9, per_channel=0)
        no_pacer.pause = lambda *_: None  # type: ignore[method-assign]  # nor any pause
        notifier = SlackNotifier(BotTokens(TOKEN), fake.api_url, pacer=no_pacer)
        message = reply("Your week", "Ana: 12 days since coffee", "Ben: call back")
        gate = asyncio.Semaphore(concurrency)

        async def one(i: int) -> None:
            async with gate:
                try:
                    await notifier.send(Owner("slack", TEAM, f"UC{i:06d}"), message, f"c{i}")
                except Exception:  # a 429; counted by the fake
                    pass

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        return time.perf_counter() - started, await fake.stats()
    finally:
        fake.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=200.0, help="messages/s, workspace")
    parser.add_argument("--control", type=int, default=1_000,
                        help="prepared messages sent without pacing (the baseline)")
    parser.add_argument("--engine-deliveries", type=int, default=1_000)
    parser.add_argument("--engine-budget", type=float, default=50.0)
    args = parser.parse_args(argv)
    concurrency = DeliveryPolicy().concurrency

    c_seconds, c_stats = asyncio.run(unpaced(args.control, args.budget, concurrency))
    c_calls = c_stats["accepted"] + c_stats["limited"]
    print(f"baseline, no pacer: {args.control} prepared messages, {concurrency} at a time: "
          f"{c_calls / c_seconds:,.0f} calls/s, {c_stats['limited'] / c_calls:.1%} answered "
          f"429 (budget {args.budget:,.0f}/s)")

    e_seconds, e_stats, e_sent = asyncio.run(digests(args.engine_deliveries,
                                                     args.engine_budget))
    e_calls = e_stats["accepted"] + e_stats["limited"]
    e_share = e_stats["accepted"] / e_seconds / args.engine_budget
    print(f"engine end-to-end: {args.engine_deliveries:,} digests claimed, composed, sent and "
          f"marked by the delivery engine in {e_seconds:.1f} s = {e_share:.1%} of a "
          f"{args.engine_budget:,.0f}/s budget; {e_stats['limited']} of {e_calls:,} calls "
          f"answered 429; {e_sent:,} marked sent")

    started = time.perf_counter()
    messages = prepared_digests(args.deliveries, datetime.now(UTC))
    print(f"composed {len(messages):,} digests in memory in "
          f"{time.perf_counter() - started:.1f} s")
    seconds, stats = asyncio.run(paced(messages, args.budget, concurrency))
    calls = stats["accepted"] + stats["limited"]
    share = stats["accepted"] / seconds / args.budget
    limited = stats["limited"] / calls
    print(f"paced: {args.deliveries:,} digests sent in {seconds:.1f} s: "
          f"{stats['accepted'] / seconds:,.1f}/s = {share:.1%} of the {args.budget:,.0f}/s "
          f"budget; {stats['limited']} of {calls:,} chat.postMessage calls answered 429 "
          f"({limited:.3%})")
    ok = (share >= TARGET_SHARE and limited < TARGET_429 and stats["accepted"] == args.deliveries
          and e_sent == args.engine_deliveries == e_stats["accepted"])
    return verdict(ok, f"delivery pacing {share:.1%} of budget (target >= "
                       f"{TARGET_SHARE:.0%}), 429s {limited:.3%} of calls (target < "
                       f"{TARGET_429:.1%}); unpaced baseline 429s "
                       f"{c_stats['limited'] / c_calls:.1%}")


if __name__ == "__main__":
    sys.exit(main())
