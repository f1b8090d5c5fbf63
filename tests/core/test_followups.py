"""/followup and the reminder's buttons: promises made, listed, kept, put off, dropped."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.domain import Owner
from bot.replies import FOLLOWUP_DONE, FOLLOWUP_DROP, FOLLOWUP_SNOOZE_1D, FOLLOWUP_SNOOZE_1W
from bot.services import VitalFewService
from tests.conftest import User
from tests.core.support import open_followups, people_listed


async def test_a_promise_says_when_it_is_due_in_the_owners_zone(me: User) -> None:
    r = await me("/followup Ana friday send the intro")
    assert r.title == "Follow-up with Ana: send the intro"
    assert "Due Fri 27 Nov 2026, 09:00 Europe/Berlin (in 4 days)."  # Mon to Fri in r.text
    assert "remind" in r.text


async def test_a_promise_without_a_date_is_due_in_a_week_and_says_so(me: User) -> None:
    r = await me("/followup Ana")
    assert "Mon 30 Nov 2026, 09:00 Europe/Berlin" in r.text
    assert "no date given, so in 7 days" in r.text


async def test_an_unreadable_or_past_date_is_refused_and_nothing_is_stored(me: User) -> None:
    for bad in ("Ana the 45th of Smarch", "Ana 2020-01-01 taxes", "Ana yesterday call"):
        r = await me(f"/followup {bad}")
        assert r.error, bad
        assert "Try:" in r.title, bad  # an example of what works
    assert await open_followups(me) == []
    assert await people_listed(me) == []  # nor is Ana created


async def test_the_list_is_soonest_first_and_marks_what_is_overdue(
    me: User, clock: FixedClock
) -> None:
    await me("/followup Bo in 2 weeks lunch")
    await me("/followup Ana tomorrow send the deck")
    await me("/followup Cy friday call back")
    clock.advance(timedelta(days=3))
    r = await me("/followup")
    assert r.title == "Open follow-ups: 3 (1 overdue)"
    ana, cy, bo = await open_followups(me)
    assert ana.startswith("OVERDUE Ana: send the deck")
    assert cy.startswith("Cy: call back") and bo.startswith("Bo: lunch")


async def test_done_closes_it_logs_a_touch_and_a_second_press_changes_nothing(me: User) -> None:
    await me("/followup Ana tomorrow send the deck")
    [line] = (await me("/followup")).sections
    done = next(a for a in line.actions if a.id == FOLLOWUP_DONE)
    r = await me.press(done.id, done.value)
    assert r.title == "Done: send the deck (Ana)."
    assert r.replaces_original  # the reminder's buttons go away
    again = await me.press(done.id, done.value)
    assert again.error and "already done" in again.title
    assert await open_followups(me) == []
    [ana] = await people_listed(me)
    assert "1 touch" in ana and "(message)" in ana


async def test_dropping_a_promise_logs_no_touch(me: User) -> None:
    r = await me("/followup Ana friday intro")
    followup_id = r.meta["followup_id"]
    assert (await me.press(FOLLOWUP_DROP, followup_id)).title == "Dropped: intro (Ana)."
    assert await open_followups(me) == []
    [ana] = await people_listed(me)
    assert "0 touches" in ana


async def test_snoozing_an_overdue_promise_puts_it_off_from_now(
    me: User, clock: FixedClock
) -> None:
    followup_id = (await me("/followup Ana tomorrow call")).meta["followup_id"]
    clock.advance(timedelta(days=2))  # overdue now
    r = await me.press(FOLLOWUP_SNOOZE_1D, followup_id)
    assert r.title == "Snoozed: call (Ana)."
    assert "Thu 26 Nov 2026, 16:00" in r.text  # a day from now, not from when it was due
    [line] = await open_followups(me)
    assert not line.startswith("OVERDUE")
    r = await me.press(FOLLOWUP_SNOOZE_1W, await me.buttons_of(1))  # the listing's button
    assert "Thu 3 Dec 2026, 16:00" in r.text  # a week from when it was due, not from now


async def test_a_snooze_never_brings_a_promise_forward(me: User) -> None:
    """Snoozing one that is not due yet puts it off from its due time."""
    in_5 = (await me("/followup Ana in 5 days call")).meta["followup_id"]
    in_14 = (await me("/followup Bo in 2 weeks lunch")).meta["followup_id"]
    r = await me.press(FOLLOWUP_SNOOZE_1D, in_5)
    assert "Sun 29 Nov 2026, 09:00" in r.text  # was Sat 28 Nov: due in 6 days now
    r = await me.press(FOLLOWUP_SNOOZE_1W, in_14)
    assert "Mon 14 Dec 2026, 09:00" in r.text  # was Mon 7 Dec: due in 21 days now
    ana, bo = await open_followups(me)
    assert ana.startswith("Ana: call · due Sun 29 Nov 2026, 09:00")
    assert bo.startswith("Bo: lunch · due Mon 14 Dec 2026, 09:00")


async def test_buttons_of_another_time_or_owner_are_refused_kindly(me: User, other: User) -> None:
    followup_id = (await me("/followup Ana tomorrow call")).meta["followup_id"]
    assert "out of date" in (await other.press(FOLLOWUP_DONE, followup_id)).title
    assert "out of date" in (await me.press(FOLLOWUP_DONE, "not-a-number")).title
    assert "out of date" in (await me.press(FOLLOWUP_DONE, "999")).title
    assert "out of date" in (await me.press(FOLLOWUP_DONE, "1")).title  # a bare id
    assert "not one I know" in (await me.press("launch_rockets", followup_id)).title
    assert len(await open_followups(me)) == 1


async def test_following_up_on_a_message_promises_its_author(service: VitalFewService) -> None:
    ana = User(service, Owner("slack", "T1", "UANA"), tz_hint="UTC")
    link = "https://example.slack.com/archives/C1/p1"
    r = await service.follow_up_on_message(ana.owner, "U42", "Bo Chen", link)
    assert r.title == f"Follow-up with Bo Chen: {link}"
    assert "no date given, so in 7 days" in r.text
    await service.follow_up_on_message(ana.owner, "U42", "Bo C.", link + "2")
    assert len(await open_followups(ana)) == 2
    assert len(await people_listed(ana)) == 1  # the same author, whatever their name now
    r = await service.follow_up_on_message(ana.owner, "UBOT", "Helper", link,
                                           author_is_bot=True)
    assert r.error


async def test_forgetting_a_person_takes_their_promises(me: User) -> None:
    await me("/followup Ana tomorrow call")
    await me("/followup Bo tomorrow lunch")
    question = await me("/vitalfew forget Ana")
    confirm = question.actions[0]
    await me.press(confirm.id, confirm.value)
    [left] = await open_followups(me)
    assert left.startswith("Bo: lunch")


async def test_a_when_after_a_new_two_word_name_is_read_as_the_when(me: User) -> None:
    r = await me("/followup Anna Karenina tomorrow call her")
    assert r.title == "Follow-up with Anna Karenina: call her"
    assert "Tue 24 Nov 2026, 09:00 Europe/Berlin" in r.text
    [line] = await people_listed(me)
    assert line.startswith("1. Anna Karenina ·")


async def test_a_capitalised_word_without_a_when_after_it_stays_in_the_promise(
    me: User,
) -> None:
    r = await me("/followup Bo Friday lunch")  # the WHEN is read as it always was
    assert r.title == "Follow-up with Bo: lunch"
    r = await me("/followup Cy Intro to Dana")  # no WHEN: the first-word rule holds
    assert r.title == "Follow-up with Cy: Intro to Dana"
    assert [line.split(" ·")[0] for line in await people_listed(me)] == ["1. Bo", "2. Cy"]


async def test_the_same_promise_typed_twice_is_stored_once(me: User) -> None:
    """A retry or a double send must not remind twice of one thing; another day or other
    words are another promise."""
    first = await me("/followup Ana friday send the intro")
    assert not first.error
    again = await me("/followup ana Friday  send the Intro")
    assert again.error
    assert again.title == ("You already have this follow-up with Ana: send the intro, due "
                           "Fri 27 Nov 2026, 09:00 Europe/Berlin (in 4 days). Nothing new "
                           "was stored; /followup lists them.")
    assert not (await me("/followup Ana monday send the intro")).error
    assert not (await me("/followup Ana friday send the deck")).error
    assert len(await open_followups(me)) == 3
