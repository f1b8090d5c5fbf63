"""The fan-out (every owner's digest at once, ``bot.fanout`` over ``storage.bulk``) builds
exactly the digest the delivery engine builds for one owner (``build_digest`` from the
unit of work), on random data full of the awkward cases: near and exact ties, pinned
people without touches, snoozes, future touches, touches on the focus windows' edges,
names equal but for case, owners with nobody, follow-ups of every status."""

from __future__ import annotations

import asyncio
import random
import threading
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import text

import bot.fanout as fanout
import storage.bulk as bulk
from bot.digest import build_digest
from bot.domain import (
    Followup,
    FollowupStatus,
    Initiative,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.estimates import by_estimate, contenders, rank_vital, vital_few_from_estimates
from bot.fanout import digest_query, digests_for, weekly_digests
from bot.scoring import (
    FOCUS_WINDOW,
    focus,
    focus_share,
    rank,
    strength,
    strength_from_sum,
    vital_few,
)
from bot.timefmt import zone
from storage import Storage
from storage.bulk import STRENGTH_TOLERANCE, BulkDigestReader
from storage.bulk import OwnerSummary as BulkOwnerSummary

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
NAMES = ["Ana", "ana", "Ben", "Cy", "Dee", "Élodie", "elodie", "Fay", "Gus", "Hal", "Ivy"]
ZONES = [None, "Europe/Berlin", "America/New_York", "Asia/Tokyo"]


def _moment(rng: random.Random) -> datetime:
    """Mostly the last 200 days; sometimes a focus window's or a trend week's edge, or
    the future."""
    edges = [NOW, NOW - FOCUS_WINDOW, NOW - timedelta(days=7), NOW - timedelta(days=37),
             NOW - timedelta(days=14), NOW - timedelta(days=56)]
    r = rng.random()
    if r < 0.08:
        return rng.choice(edges)
    if r < 0.11:
        return NOW + timedelta(hours=rng.randint(1, 48))
    return NOW - timedelta(seconds=rng.randrange(200 * 86400), microseconds=rng.randrange(10**6))


async def populate(store: Storage, seed: int, n_owners: int) -> list[Owner]:
    """Random owners, people, touches and follow-ups; some histories copied between
    people (exact ties), some owners with nobody."""
    rng = random.Random(seed)
    owners = []
    async with store.uow() as uow:
        for o in range(n_owners):
            owner = Owner(rng.choice(["slack", "discord"]), rng.choice(["", "T1", "T2"]),
                          f"U{seed}-{o}")
            owners.append(owner)
            await uow.owners.upsert(OwnerSettings(
                owner, tz=rng.choice(ZONES), size=rng.randint(1, 6),
                cadence_days=rng.choice([7, 14, 30]), digest_time=time(9, 0),
                digest_enabled=True, created_at=NOW - 300 * DAY,
                close_size=rng.choice([0, 1, 2, 3, 15]), close_cadence_days=rng.choice([7, 30]),
                budget_minutes=rng.choice([None, 60, 300])))
            if rng.random() < 0.1:
                continue  # nobody to keep up with: no digest
            people = []
            for j in range(rng.randint(1, 14)):
                people.append(await uow.people.add(Person(
                    owner, f"{rng.choice(NAMES)}{'' if rng.random() < 0.6 else j}",
                    pinned=rng.random() < 0.15,
                    cadence_days=rng.choice([None] * 6 + [0, 3, 30]),
                    snoozed_until=rng.choice([None] * 8 + [NOW + 2 * DAY, NOW - 2 * DAY]),
                    created_at=NOW - 250 * DAY)))
            histories: list[list[tuple[datetime, Kind, int | None, Initiative]]] = []
            batch = []
            for p in people:
                if histories and rng.random() < 0.2:
                    history = rng.choice(histories)  # the same touches as someone else
                else:
                    history = [(_moment(rng), rng.choice(list(Kind)),
                                rng.choice([None, None, 1, 45, 90]),
                                rng.choice(list(Initiative)))
                               for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 8]))]
                    if history and rng.random() < 0.1:
                        history.append((history[0][0], rng.choice(list(Kind)), None,
                                        Initiative.ME))  # same instant
                histories.append(history)
                batch += [(owner, Touch(p.id or 0, at, kind, "a note", minutes=minutes,
                                        started_by=who))
                          for at, kind, minutes, who in history]
            await uow.touches.add_many(batch)
            for p in rng.sample(people, k=min(len(people), rng.randint(0, 4))):
                await uow.followups.add(owner, Followup(
                    p.id or 0, NOW + timedelta(hours=rng.randint(-300, 400)),
                    rng.choice(["", "send the intro", "x" * 90]),
                    status=rng.choice([FollowupStatus.OPEN] * 3 + [FollowupStatus.DONE]),
                    created_at=NOW - 20 * DAY))
        await uow.commit()
    return owners


async def touched_after_now(store: Storage, owners: list[Owner]) -> set[Owner]:
    """The owners with a touch later than NOW: no running sum can rank their people."""
    found = set()
    for owner in owners:
        async with store.uow() as uow:
            if any(t.at > NOW for t in await uow.touches.list(owner)):
                found.add(owner)
    return found


async def one_by_one(store: Storage, owners: list[Owner]) -> dict[Owner, object]:
    """What the delivery engine would send each owner (``DeliveryEngine._compose``)."""
    expected = {}
    for owner in owners:
        async with store.uow() as uow:
            settings = await uow.owners.get(owner)
            assert settings is not None
            people = await uow.people.list(owner)
            if people:
                expected[owner] = build_digest(
                    settings, people, await uow.touches.list(owner),
                    await uow.followups.list_open(owner), NOW, zone(settings.zone_name))
    return expected


@pytest.mark.parametrize("people_per_pass", [7, 50_000])
async def test_the_fan_out_builds_the_digests_the_engine_builds(store, people_per_pass,
                                                                monkeypatch):
    exact_calls = []
    plain = fanout.build_digest
    monkeypatch.setattr(fanout, "build_digest",
                        lambda *a: exact_calls.append(a[0].owner) or plain(*a))
    owners = await populate(store, seed=people_per_pass, n_owners=60)

    reader = BulkDigestReader(store.engine, people_per_pass=people_per_pass)
    fanned = [item async for item in weekly_digests(reader, NOW)]

    expected = await one_by_one(store, owners)
    for owner, digest in expected.items():  # one at a time: a difference reads plainly
        assert dict(fanned).get(owner, digest).text == digest.text, owner
    assert dict(fanned) == expected
    assert len(fanned) == len(expected)  # each owner once
    ahead = await touched_after_now(store, owners) & expected.keys()
    assert ahead and ahead <= set(exact_calls)  # a future touch: exact, whatever the sums
    ties = set(exact_calls) - ahead
    assert ties  # the exact path ran for others too: the copied histories tie
    assert len(ties) < len(expected.keys() - ahead) / 2  # but most were decided from sums


async def test_chosen_owners_get_the_digests_everyone_gets(store, monkeypatch):
    """The delivery engine's question: only the owners whose digests are due, wherever
    they lie in key order, read by name (more of them than one statement names)."""
    monkeypatch.setattr(bulk, "_OWNERS_PER_STATEMENT", 7)
    owners = await populate(store, seed=3, n_owners=40)
    expected = await one_by_one(store, owners)
    chosen = set(owners[::3]) | {Owner("slack", "T1", "U_NOBODY"), Owner("discord", "", "1")}

    got = await digests_for(BulkDigestReader(store.engine), chosen, NOW)

    assert got == {o: d for o, d in expected.items() if o in chosen}
    assert len(got) > 7


async def test_a_touch_later_than_now_sends_its_owner_down_the_exact_path(store, monkeypatch):
    """A future touch counts fully in ``strength``, but its running sum grows on as if
    it had happened: here the sums would rank Ana (a message in 60 days: 2.5 at NOW)
    above Ben (a call now: 2), and ``rank`` ranks Ben first (Ana: 1). The owner's other
    people are ranked from their sums no more than Ana is."""
    exact_calls = []
    plain = fanout.build_digest
    monkeypatch.setattr(fanout, "build_digest",
                        lambda *a: exact_calls.append(a[0].owner) or plain(*a))
    owners = []
    async with store.uow() as uow:
        for user, ana_at in (("ahead", NOW + 60 * DAY), ("past", NOW - 60 * DAY)):
            owner = Owner("slack", "T1", user)
            owners.append(owner)
            await uow.owners.upsert(OwnerSettings(owner, size=1, created_at=NOW - 300 * DAY))
            ana = await uow.people.add(Person(owner, "Ana", created_at=NOW - 90 * DAY))
            ben = await uow.people.add(Person(owner, "Ben", created_at=NOW - 90 * DAY))
            await uow.touches.add_many([(owner, Touch(ana.id or 0, ana_at, Kind.MESSAGE)),
                                        (owner, Touch(ben.id or 0, NOW, Kind.CALL))])
        await uow.commit()

    fanned = dict([item async for item in weekly_digests(BulkDigestReader(store.engine), NOW)])

    assert fanned == await one_by_one(store, owners)
    assert exact_calls == [Owner("slack", "T1", "ahead")]


def test_sums_outside_a_floats_normal_range_rank_nobody():
    """A mass that overflowed (a touch over a century after 2020) or sums that lost
    their precision (touches over a century before) give no estimate, so their owner
    is ranked exactly; an owner with a future touch is, whatever the sums."""
    sums = {1: 3.0, 2: float("inf"), 3: 5e-320, 4: 0.0, 5: 1e300, 7: float("nan")}
    estimates = fanout.estimated_strengths(sums, NOW)
    assert estimates.keys() == {1, 5}
    assert estimates[1] == strength_from_sum(
        Person(Owner("console", "", "me"), "x", strength_sum=3.0), NOW)
    settings = OwnerSettings(Owner("console", "", "me"))

    def owner(ids: list[int], ahead: bool = False) -> BulkOwnerSummary:
        return BulkOwnerSummary(settings, ids, touched_after_now=ahead)

    assert fanout.ranks_by_estimates(owner([1, 5, 6]), sums, estimates)  # 6: no touches
    assert not fanout.ranks_by_estimates(owner([1, 5, 6], ahead=True), sums, estimates)
    assert not fanout.ranks_by_estimates(owner([1, 3]), sums, estimates)
    assert not fanout.ranks_by_estimates(owner([2]), sums, estimates)
    assert not fanout.ranks_by_estimates(owner([7, 1]), sums, estimates)
    assert fanout.estimated_strengths({1: 3.0, 5: 1e300}, NOW) == {
        1: estimates[1], 5: estimates[5]}
    assert fanout.estimated_strengths({1: 1e300}, datetime(1900, 1, 1, tzinfo=UTC)) == {}


async def test_an_in_memory_database_is_read_through_sqlalchemy():
    """No file to open a connection of its own on: the statements run on the pool's."""
    store = Storage("sqlite://")
    try:
        await store.migrate()
        owners = await populate(store, seed=11, n_owners=30)
        reader = BulkDigestReader(store.engine, people_per_pass=9)
        fanned = [item async for item in weekly_digests(reader, NOW)]
        assert dict(fanned) == await one_by_one(store, owners)
    finally:
        await store.dispose()


async def test_owners_come_in_key_order_and_a_pass_can_be_left_early(store):
    owners = await populate(store, seed=3, n_owners=12)
    digests = weekly_digests(BulkDigestReader(store.engine, people_per_pass=5), NOW)
    first = [owner async for owner, _ in digests]
    async with store.engine.connect() as conn:  # the database's order (its collation)
        keys = (await conn.execute(text(
            "SELECT platform, workspace, user_id FROM owners"
            " ORDER BY platform, workspace, user_id"))).all()
    in_order = [Owner(*key) for key in keys]
    assert first == [o for o in in_order if o in set(first)]
    assert set(first) <= set(owners)

    digests = weekly_digests(BulkDigestReader(store.engine, people_per_pass=5), NOW)
    async for _ in digests:
        break
    await digests.aclose()
    await asyncio.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name.startswith("vitalfew-fanout")]


async def test_a_fan_out_does_not_hold_up_writers(store):
    """SQLite: the fan-out reads in a deferred transaction of its own, so a command
    committing meanwhile does not wait for it (it would wait seconds on the write
    lock that the engine's own transactions take)."""
    await populate(store, seed=5, n_owners=8)
    batches = BulkDigestReader(store.engine, people_per_pass=5).batches(digest_query(NOW))
    batch = await anext(batches)
    try:

        async def write() -> None:
            async with store.uow() as uow:
                await uow.owners.upsert(OwnerSettings(Owner("slack", "T9", "new")))
                await uow.commit()

        await asyncio.wait_for(write(), timeout=5)
        assert batch.owners  # and the batch is still readable
        await batch.people([i for o in batch.owners for i in o.person_ids])
    finally:
        await batches.aclose()


def _person(pid: int, name: str, pinned: bool = False) -> Person:
    return Person(Owner("console", "", "me"), name, pinned=pinned, id=pid)


@pytest.mark.parametrize("seed", range(300))
def test_estimates_decide_the_vital_few_exactly_or_not_at_all(seed):
    """Whatever the estimates (each within the tolerance of the exact strength), the
    answer is ``vital_few``'s from the exact strengths, or None."""
    rng = random.Random(seed)
    people = [_person(i, rng.choice(NAMES), pinned=rng.random() < 0.2)
              for i in range(1, rng.randint(1, 12))]
    touches = {p.id: [Touch(p.id or 0, _moment(rng), rng.choice(list(Kind)))
                      for _ in range(rng.choice([0, 1, 2, 5]))] for p in people}
    for p in people:
        if rng.random() < 0.25:  # the same touches as someone else: an exact tie
            touches[p.id] = list(touches[rng.choice(people).id])
    exact = {p.id: strength(touches[p.id], NOW) for p in people}
    counts = {p.id: len(touches[p.id]) for p in people if touches[p.id]}
    estimates = {i: exact[i] * (1 + rng.uniform(-1, 1) * STRENGTH_TOLERANCE) for i in counts}
    size = rng.randint(1, 6)
    pinned = {p.id for p in people if p.pinned}

    shown = contenders(by_estimate([p.id for p in people], pinned, estimates), pinned,
                       estimates, size)
    most = max(counts.values(), default=0) * rng.choice([1, 1, 3, 10**6])  # any bound
    decided = vital_few_from_estimates([p for p in people if p.id in shown], estimates,
                                       most, size, STRENGTH_TOLERANCE)
    if decided is not None:
        assert decided == vital_few(people, exact, size)[1]
    values = sorted(exact[i] for i in counts)
    if all(b > a * (1 + 1e-6) for a, b in pairwise(values)):  # no near ties
        assert decided == vital_few(people, exact, size)[1]


def test_rank_vital_and_focus_share_give_what_rank_gives():
    rng = random.Random(1)
    people = [_person(i, f"P{i}", pinned=i == 3) for i in range(1, 9)]
    touches = sorted((Touch(p.id or 0, _moment(rng), rng.choice(list(Kind)), id=k)
                      for k, p in enumerate(people * 4)), key=lambda t: (t.at, t.id))
    settings = OwnerSettings(Owner("console", "", "me"), size=4)
    ranking = rank(people, touches, settings, NOW)
    vital = [s.person for s in ranking.vital]
    by_person = {p.id: [t for t in touches if t.person_id == p.id] for p in vital}
    assert rank_vital(vital, by_person, settings, NOW) == ranking.vital
    ids = {p.id for p in vital}
    recent = [t for t in touches if NOW - FOCUS_WINDOW <= t.at <= NOW]
    share = focus_share(sum(t.spent for t in recent if t.person_id in ids),
                        sum(t.spent for t in recent))  # of the time, not the touches
    assert share == focus(touches, ids, NOW) == ranking.focus
    assert focus_share(0, 0) is None


async def _owner_with(uow, user: str, histories: dict[str, list[tuple[datetime, Kind]]], *,
                      size: int = 2, close_size: int = 2, pinned: tuple[str, ...] = ()
                      ) -> Owner:
    """An owner whose people (by name) have these touches (each a time and a kind; who
    started them alternates), and a follow-up about the first of them."""
    owner = Owner("slack", "T1", user)
    await uow.owners.upsert(OwnerSettings(owner, size=size, close_size=close_size,
                                          close_cadence_days=7, budget_minutes=60,
                                          created_at=NOW - 300 * DAY))
    batch = []
    for name, history in histories.items():
        person = await uow.people.add(Person(owner, name, pinned=name in pinned,
                                             created_at=NOW - 250 * DAY))
        batch += [(owner, Touch(person.id or 0, at, kind, started_by=list(Initiative)[k % 2]))
                  for k, (at, kind) in enumerate(history)]
        if len(histories) > 1 and name == next(iter(histories)):
            await uow.followups.add(owner, Followup(person.id or 0, NOW + 2 * DAY, "call back",
                                                    created_at=NOW - DAY))
    if batch:
        await uow.touches.add_many(batch)
    return owner


def _history(*days_ago: float, kind: Kind = Kind.CALL) -> list[tuple[datetime, Kind]]:
    return [(NOW - timedelta(days=d), kind) for d in days_ago]


async def test_ties_pins_short_histories_and_empty_weeks_get_the_engines_digest(
        store, monkeypatch):
    """The cases the sums must not get wrong, each an owner of its own: equal running
    sums at the edge of the vital few, between two of them, and at the edge of the close
    circle (decided exactly); more pinned people than the vital few has room for, one
    without touches; under three touches (no usual gap, no initiative); no touch in the
    last eight weeks (an empty trend, no focus); touches exactly on the trend's week
    edges and the focus window's (decided from the sums)."""
    exact_calls = []
    plain = fanout.build_digest
    monkeypatch.setattr(fanout, "build_digest",
                        lambda *a: exact_calls.append(a[0].owner.user) or plain(*a))
    same = _history(3, 20, 41)
    async with store.uow() as uow:
        owners = [
            await _owner_with(uow, "tie_at_vital_edge", {
                "Ana": _history(1, 2, 3, 5), "Ben": same, "Cy": same, "Dee": _history(90)}),
            await _owner_with(uow, "tie_inside_vital", {
                "Ana": same, "Ben": same, "Cy": _history(100)}),
            await _owner_with(uow, "tie_at_close_edge", {
                "Ana": _history(1, 2, 3, 5), "Ben": _history(2, 9), "Cy": _history(70, 80),
                "Dee": _history(70, 80), "Eve": _history(150)}, size=1, close_size=2),
            await _owner_with(uow, "pins", {
                "Ana": _history(1, 8, 15), "Ben": [], "Cy": _history(60, 61),
                "Dee": _history(2)}, size=2, pinned=("Ben", "Cy", "Dee")),
            await _owner_with(uow, "under_three", {"Ana": _history(4, 50)}),
            await _owner_with(uow, "empty_weeks", {
                "Ana": _history(70, 90, 120), "Ben": _history(57, 200, kind=Kind.MEET)}),
            await _owner_with(uow, "week_edges", {
                "Ana": _history(*(7 * k for k in range(9)), 30),
                "Ben": _history(*(7 * k + 1e-6 for k in range(9)), 37, kind=Kind.MESSAGE),
                "Cy": _history(56, 56.5)}),
        ]
        await uow.commit()

    fanned = dict([item async for item in weekly_digests(BulkDigestReader(store.engine), NOW)])

    expected = await one_by_one(store, owners)
    for owner, digest in expected.items():
        assert fanned[owner].text == digest.text, owner
    assert fanned == expected
    assert sorted(exact_calls) == ["tie_at_close_edge", "tie_at_vital_edge", "tie_inside_vital"]


async def test_no_touch_anywhere_gives_every_owner_the_engines_digest(store):
    """An empty touches table: nothing bounds the sums' rounding (no largest id), and
    every strength is 0, so the vital few are the pinned alone."""
    async with store.uow() as uow:
        owners = [await _owner_with(uow, "quiet", {"Ana": [], "Ben": []}, pinned=("Ben",)),
                  await _owner_with(uow, "alone", {"Ana": []})]
        await uow.commit()

    fanned = dict([item async for item in weekly_digests(BulkDigestReader(store.engine), NOW)])

    assert fanned == await one_by_one(store, owners)
    assert len(fanned) == 2


async def test_the_bound_on_touches_holds_for_everyone(store):
    """``most_touches`` bounds the rounding of every sum the fan-out ranks by: nobody may
    have more touches than it says, whoever was added or removed since."""
    owners = await populate(store, seed=8, n_owners=20)
    async with store.uow() as uow:
        for o in owners[:5]:
            for p in await uow.people.list(o):
                await uow.people.delete(o, p.id or 0)  # their touches go with them
        await uow.commit()
    async with store.uow() as uow:
        counts = [len([t for t in await uow.touches.list(o) if t.person_id == p.id])
                  for o in owners for p in await uow.people.list(o)]

    async for batch in BulkDigestReader(store.engine).batches(digest_query(NOW)):
        assert batch.most_touches >= max(counts) > 0
