"""Random sequences of commands by several owners keep the service's invariants:
no owner sees another's data, strength is never negative (and each person's running
strength sum agrees with their touches), and every open follow-up has exactly one
pending reminder."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bot import stamps
from bot.clock import FixedClock
from bot.domain import DeliveryKind, DeliveryStatus, FollowupStatus, Owner
from bot.replies import FOLLOWUP_DONE, FOLLOWUP_DROP, FOLLOWUP_SNOOZE_1D, FORGET_CONFIRM
from bot.scoring import rank, strength, strength_from_sum
from bot.services import Request, VitalFewService
from storage import Storage
from tests.conftest import START

OWNERS = [Owner("slack", "T1", "U1"), Owner("slack", "T2", "U1"), Owner("discord", "", "9")]
NAMES = ["Ana", "Bo", "Cy Lee", "Dee"]
NOTES = ["coffee", "call", "hi", ""]
WHENS = ["tomorrow", "in 2 days", "next friday", "", "in 1 hour"]


class ServiceMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.dir = tempfile.TemporaryDirectory()
        self.storage = Storage(f"sqlite:///{Path(self.dir.name) / 'v.db'}")
        self.run(self.storage.migrate())
        self.clock = FixedClock(START)
        self.service = VitalFewService(self.storage.uow, self.clock)
        self.names: dict[Owner, set[str]] = {o: set() for o in OWNERS}

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def say(self, owner: Owner, command: str, text: str):
        return self.run(self.service.handle(Request(owner, command, text)))

    @rule(owner=st.sampled_from(OWNERS), name=st.sampled_from(NAMES),
          note=st.sampled_from(NOTES))
    def touch(self, owner, name, note):
        if not self.say(owner, "touch", f'"{name}" {note}').error:
            self.names[owner].add(name)

    @rule(owner=st.sampled_from(OWNERS), name=st.sampled_from(NAMES),
          when=st.sampled_from(WHENS))
    def follow_up(self, owner, name, when):
        if not self.say(owner, "followup", f'"{name}" {when} something').error:
            self.names[owner].add(name)

    @rule(owner=st.sampled_from(OWNERS), other=st.sampled_from(OWNERS),
          action=st.sampled_from([FOLLOWUP_DONE, FOLLOWUP_DROP, FOLLOWUP_SNOOZE_1D]),
          fid=st.integers(1, 12))
    def press(self, owner, other, action, fid):
        """Press the buttons of ``other``'s follow-up ``fid`` (as shown, if it exists),
        which may be anyone's."""
        async def value() -> str:
            async with self.storage.uow() as uow:
                followup = await uow.followups.get(other, fid)
            return stamps.followup_value(followup) if followup else str(fid)
        self.run(self.service.act(owner, action, self.run(value())))

    @rule(owner=st.sampled_from(OWNERS), name=st.sampled_from(NAMES))
    def forget(self, owner, name):
        reply = self.say(owner, "vitalfew", f'forget "{name}"')
        if not reply.error:
            self.run(self.service.act(owner, FORGET_CONFIRM, reply.actions[0].value))
            self.names[owner].discard(name)

    @rule(days=st.integers(0, 20))
    def time_passes(self, days):
        self.clock.advance(timedelta(days=days, hours=3))

    @rule(owner=st.sampled_from(OWNERS), size=st.integers(1, 15))
    def resize(self, owner, size):
        self.say(owner, "vitalfew", f"size {size}")

    @invariant()
    def owners_see_only_their_own(self):
        for owner in OWNERS:
            shown = self.say(owner, "vitalfew", "people").text
            for other in OWNERS:
                for name in self.names[other] - self.names[owner]:
                    assert f". {name} " not in shown and f". {name}\n" not in shown

    @invariant()
    def strength_is_never_negative_and_reminders_match_open_followups(self):
        async def check():
            for owner in OWNERS:
                async with self.storage.uow() as uow:
                    people = await uow.people.list(owner)
                    assert {p.name for p in people} == self.names[owner]
                    touches = await uow.touches.list(owner)
                    settings_ = await uow.owners.get(owner)
                    if settings_:
                        ranking = rank(people, touches, settings_, self.clock.now())
                        assert all(s.strength >= 0 for s in ranking.everyone)
                    for p in people:
                        theirs = [t for t in touches if t.person_id == p.id]
                        assert strength_from_sum(p, self.clock.now()) == pytest.approx(
                            strength(theirs, self.clock.now()), rel=1e-9, abs=1e-12)
                    pending = [d for d in await uow.deliveries.list_for_owner(owner)
                               if d.kind is DeliveryKind.REMINDER
                               and d.status is DeliveryStatus.PENDING]
                    open_ids = [f.id for f in await uow.followups.list_all(owner)
                                if f.status is FollowupStatus.OPEN]
                    assert sorted(d.followup_id for d in pending) == sorted(open_ids)
        self.run(check())

    def teardown(self):
        self.run(self.storage.dispose())
        self.loop.close()
        self.dir.cleanup()


ServiceMachine.TestCase.settings = settings(max_examples=15, stateful_step_count=15,
                                            deadline=None)
TestServiceInvariants = ServiceMachine.TestCase
