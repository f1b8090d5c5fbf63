"""What a newcomer met in twenty minutes of use (QA round 5), on the real databases: a
reply never suggests something that would be refused, and reads as plain English."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FixedClock
from tests.conftest import User
from tests.core.support import followup_due, open_followups, people_listed


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0", "A weekly budget is between 1 minute and 168 hours. Try /vitalfew budget 5h, "
              "budget 90m or budget off."),
        ("1", "1 hour or 1 minute? Say /vitalfew budget 1h or budget 1m."),
        ("5", "5 hours or 5 minutes? Say /vitalfew budget 5h or budget 5m."),
        ("200", "200 minutes? Say /vitalfew budget 200m (hours go up to 168)."),
        ("20000", "A weekly budget is between 1 minute and 168 hours. Try /vitalfew budget "
                  "5h, budget 90m or budget off."),
    ],
)
async def test_a_budget_without_its_unit_offers_only_budgets_that_are_taken(
        me: User, typed: str, says: str) -> None:
    asked = await me(f"/vitalfew budget {typed}")
    assert asked.error and asked.title == says
    for suggested in ("h", "m"):
        if f"budget {typed}{suggested}" in says:
            taken = await me(f"/vitalfew budget {typed}{suggested}")
            assert not taken.error, taken.title
            await me("/vitalfew budget off")
    assert "Weekly time budget: off;" in (await me("/vitalfew settings")).text


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("Ana monday: call", "Mon 30 Nov 2026, 09:00"),
        ("Ana tomorrow - call", "Tue 24 Nov 2026, 09:00"),
        ("Ana friday at 3: call", "Fri 27 Nov 2026, 15:00"),
    ],
)
async def test_a_when_before_the_colon_is_the_when_not_part_of_a_new_name(
        me: User, typed: str, due: str) -> None:
    said = await me(f"/followup {typed}")
    assert said.title == "Follow-up with Ana: call"
    assert f"Due {due} Europe/Berlin" in said.text
    assert [line.split(" · ")[0] for line in await people_listed(me)] == ["1. Ana"]
    [listed] = await open_followups(me)
    assert listed.startswith(f"Ana: call · due {due} (in ")


async def test_a_capitalised_word_before_the_colon_stays_in_the_name(me: User) -> None:
    said = await me("/followup Ana May: call")
    assert said.title == "Follow-up with Ana May: call"
    assert "no date given, so in 7 days" in said.text


async def test_after_the_colon_everything_is_what_was_promised(me: User) -> None:
    said = await me("/followup Ana friday: 2nd draft")
    assert said.title == "Follow-up with Ana: 2nd draft"
    assert "Due Fri 27 Nov 2026, 09:00 Europe/Berlin" in said.text


@pytest.mark.parametrize(
    ("note", "logged"),
    [
        ("breakfast", "Logged a meet with Ana: breakfast · 1 h"),
        ("brunch", "Logged a meet with Ana: brunch · 1 h"),
        ("meeting 45m", "Logged a meet with Ana: meeting 45m · 45 min"),
        ("called her", "Logged a call with Ana: called her · 20 min"),
        ("phoned", "Logged a call with Ana: phoned · 20 min"),
        ("facetime", "Logged a call with Ana: facetime · 20 min"),
        ("skype", "Logged a call with Ana: skype · 20 min"),
        ("coffee 1,5h", "Logged a meet with Ana: coffee 1,5h · 1 h 30 min"),
        ("lunch 1,25 hours", "Logged a meet with Ana: lunch 1,25 hours · 1 h 15 min"),
        ("2 hours ago call", "Logged a message with Ana: 2 hours ago call · 5 min"),
        ("coffee 30 min ago", "Logged a meet with Ana: coffee 30 min ago · 1 h"),
    ],
)
async def test_a_touch_reads_the_kind_and_length_people_write(
        me: User, note: str, logged: str) -> None:
    said = await me(f"/touch Ana {note}")
    assert said.title == logged


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("every Ana 2", "2 days, 2 weeks or 2 months? Write 2d, 2w or 2m."),
        ("every 1", "1 day, 1 week or 1 month? Write 1d, 1w or 1m."),
        ("every Ana 20", "20 days or 20 weeks? Write 20d or 20w."),
        ("every 100", "100 days? Write 100d (a cadence is at most a year)."),
        ("every Ana 0", "A cadence is between 1 day and a year."),
    ],
)
async def test_a_cadence_without_its_unit_asks_for_one_that_can_be_set(
        me: User, typed: str, says: str) -> None:
    await me("/touch Ana coffee")
    asked = await me(f"/vitalfew {typed}")
    assert asked.error and asked.title == says
    assert "Default cadence: every 14 days;" in (await me("/vitalfew settings")).text
    assert (await me("/vitalfew every Ana 2w")).title == "Cadence for Ana: every 14 days."


async def test_a_close_circle_of_size_0_reads_as_off(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/vitalfew size close 0")
    circles = (await me("/vitalfew circles")).text
    assert "Close circle: off; /vitalfew size close 15 turns it back on." in circles
    assert "0 of 0" not in circles
    settings = (await me("/vitalfew settings")).text
    assert "Close circle: off (0 people); /vitalfew size close 15 turns it back on." in settings


async def test_a_when_typed_before_someone_known_is_read_as_the_when(me: User) -> None:
    await me("/touch Ana coffee")
    await followup_due(me, "tomorrow Ana call her", "Tue 24 Nov 2026, 09:00",
                       "Follow-up with Ana: call her")
    await followup_due(me, "friday at 3 Ana send the deck", "Fri 27 Nov 2026, 15:00",
                       "Follow-up with Ana: send the deck")
    asked = await me("/followup at 7 Ana send the deck")  # 7am or 7pm? asked
    assert asked.error and "am or pm" in asked.title
    assert [line.split(" · ")[0] for line in await people_listed(me)] == ["1. Ana (vital few)"]


@pytest.mark.parametrize("typed", ["tomorrow Bo call", "tomorrow", "friday at 3 call Ana"])
async def test_a_when_in_place_of_the_person_is_asked_about_and_stores_nothing(
        me: User, typed: str) -> None:
    asked = await me(f"/followup {typed}")
    said = typed.split(" call")[0].removesuffix(" Bo")
    assert asked.error and asked.title == (
        f"Who is it for? '{said}' reads as a date: name the person first, like /followup Ana "
        f"{said}. Someone called that? Write the name with a capital.")
    assert await open_followups(me) == []
    assert await people_listed(me) == []


async def test_a_capitalised_name_that_reads_as_a_date_stays_a_name(me: User) -> None:
    said = await me("/followup June call her")
    assert said.title == "Follow-up with June: call her"


@pytest.mark.parametrize(
    ("typed", "said", "before"),
    [
        ("call her tomorrow", "tomorrow", "call her"),
        ("lunch friday", "friday", "lunch"),
        ("return the book by friday", "by friday", "return the book"),
    ],
)
async def test_a_when_ending_the_note_is_asked_about_not_left_in_it(
        me: User, typed: str, said: str, before: str) -> None:
    asked = await me(f"/followup Ana {typed}")
    assert asked.error and asked.title == (
        f"Is '{said}' when it is due? Then write it first: /followup Ana {said} {before}. "
        f"To keep it in the note, give the date first, like /followup Ana in 7 days "
        f"{before} {said}.")
    assert await open_followups(me) == []
    kept = await me(f"/followup Ana in 7 days {typed}")
    assert kept.title == f"Follow-up with Ana: {typed}"
    assert "Due Mon 30 Nov 2026, 09:00 Europe/Berlin" in kept.text


async def test_touches_on_one_day_never_say_you_usually_talk_every_0_days(
        me: User, clock: FixedClock) -> None:
    for note in ("call", "call back", "message", "call again"):
        await me(f"/touch Bo {note}")
    clock.advance(timedelta(days=40))
    [line] = [line for s in (await me("/vitalfew")).sections for line in s.lines
              if line.startswith("1. Bo")]
    assert "every 0 days" not in line
    assert ("going cold: 40 days since your last touch; your cadence is every 14 days"
            in line)


async def test_with_the_digest_off_a_touch_in_the_close_circle_promises_no_digest(
        me: User) -> None:
    await me("/touch Ana lunch")
    await me("/vitalfew size 1")
    said = await me("/touch Bo hi")
    assert said.text.endswith("/vitalfew circles shows who is due, and the digest may "
                              "suggest them.")
    await me("/vitalfew digest off")
    said = await me("/touch Bo hi again")
    assert "Bo is #2 by strength, in your close circle." in said.text
    assert said.text.endswith("/vitalfew circles shows who is due.")


@pytest.mark.parametrize(("typed", "at"), [("9am", "09:00"), ("17:30", "17:30")])
async def test_a_digest_time_without_its_day_asks_which_day(me: User, typed: str,
                                                            at: str) -> None:
    asked = await me(f"/vitalfew digest {typed}")
    assert asked.error and asked.title == f"Which day? Say it like /vitalfew digest monday {at}."
    assert "Weekly digest: Mondays at 09:00;" in (await me("/vitalfew settings")).text
    assert not (await me(f"/vitalfew digest monday {at}")).error


@pytest.mark.parametrize(
    ("typed", "due", "what"),
    [
        ("friday: 1st draft", "Fri 27 Nov 2026, 09:00", "1st draft"),
        ("friday: 2 tickets", "Fri 27 Nov 2026, 09:00", "2 tickets"),
        ("tomorrow at 3pm: 8 slides", "Tue 24 Nov 2026, 15:00", "8 slides"),
    ],
)
async def test_after_the_colon_of_a_when_everything_is_what_was_promised(
        me: User, typed: str, due: str, what: str) -> None:
    await me("/touch Ana coffee")  # someone known: the colon ends the WHEN, not the name
    said = await me(f"/followup Ana {typed}")
    assert said.title == f"Follow-up with Ana: {what}"
    assert f"Due {due} Europe/Berlin" in said.text
