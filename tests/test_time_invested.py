"""Time invested, who reaches out, the circles, the trend and the budget, as a user meets
them, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.replies import TOUCH_FROM_THEM
from tests.conftest import User


async def people_lines(me: User) -> list[str]:
    return list((await me("/vitalfew people")).sections[0].lines)


async def reached_out_value(reply) -> str:
    [action] = [a for a in reply.actions if a.id == TOUCH_FROM_THEM]
    return action.value


@pytest.mark.parametrize(("note", "shown"), [
    ("lunch 90m", "1 h 30 min"), ("call 45 min", "45 min"), ("coffee 1h", "1 h"),
    ("walk 1.5h", "1 h 30 min"), ("lunch 1h30", "1 h 30 min"), ("dinner, 2 hours", "2 h"),
    ("call, half an hour", "30 min"), ("coffee", "1 h"), ("zoom", "20 min"),
    ("hi", "5 min"), ("met at 9 am in room 5", "1 h"),
])
async def test_a_touch_takes_the_time_its_note_says_else_its_kinds(me, note, shown):
    r = await me(f"/touch Ana {note}")
    assert r.title.endswith(f"{note} · {shown}"), r.title


@pytest.mark.parametrize(("note", "kind"), [
    ("half an hour call", "call"), ("2h coffee", "meet"), ("45 min zoom", "call"),
    ("1h30 lunch with the team", "meet"), ("2 hours", "message"),
])
async def test_a_length_before_the_kind_word_leaves_the_kind_to_that_word(me, note, kind):
    r = await me(f"/touch Ana {note}")
    assert r.title.startswith(f"Logged a {kind} with Ana: {note} · "), r.title


async def test_the_reply_reads_as_promised(me):
    r = await me("/touch Ana lunch 1h30")
    assert r.title == "Logged a meet with Ana: lunch 1h30 · 1 h 30 min"


async def test_strength_is_decayed_hours(me, clock):
    await me("/touch Ana lunch 2 hours")
    await me("/touch Bo coffee")
    clock.advance(timedelta(days=45))  # half of it is left
    assert [line.split(" · ")[:2] for line in await people_lines(me)] == [
        ["1. Ana (vital few)", "strength 1.0"], ["2. Bo (vital few)", "strength 0.5"]]


@pytest.mark.parametrize("note", [
    "lunch 0m", "call -30m", "lunch 99999h", "call 1e9m", "zero minutes", "coffee 25 hours",
    "minus ten minutes", "coffee " + "9" * 400 + "h",
])
async def test_a_duration_that_cannot_be_a_touch_is_refused_and_stores_nothing(me, note):
    r = await me(f"/touch Ana {note}")
    assert r.error, note
    assert "Say how long like 45m, 1h30 or 2 hours (at most 24 hours)." in r.text
    assert len(r.text) < 400  # a flood of digits is not echoed back
    assert (await me("/vitalfew people")).title == "You haven't logged anyone yet."


async def test_they_reached_out_marks_the_touch_and_pressing_again_undoes_it(me):
    touch = await me("/touch Ana coffee")
    value = await reached_out_value(touch)
    assert [a.label for a in touch.actions] == ["They reached out"]
    marked = await me.press(TOUCH_FROM_THEM, value)
    assert marked.title == "Marked: Ana reached out this time."
    assert marked.replaces_original
    again = await me.press(TOUCH_FROM_THEM, value)  # a double click: marked once
    assert again.title == "Marked: Ana reached out this time."
    [undo] = marked.actions
    assert undo.label == "I reached out"
    assert (await me.press(TOUCH_FROM_THEM, undo.value)).title == (
        "Marked: you reached out to Ana this time.")
    exported = json.loads((await me("/vitalfew export")).attachment.content)
    assert exported["people"][0]["touches"][0]["started_by"] == "me"


async def test_a_reached_out_button_edited_or_someone_elses_changes_nothing(me, other):
    value = await reached_out_value(await me("/touch Ana coffee"))
    touch_id, _, rest = value.partition("-")
    edited = f"{int(touch_id) + 1}-{rest}"
    await me("/touch Bo call")
    assert (await me.press(TOUCH_FROM_THEM, edited)).title == "That button is out of date."
    assert (await other.press(TOUCH_FROM_THEM, value)).title == "That button is out of date."
    assert (await me.press(TOUCH_FROM_THEM, "12")).title == "That button is out of date."
    exported = json.loads((await me("/vitalfew export")).attachment.content)
    assert {t["started_by"] for p in exported["people"] for t in p["touches"]} == {"me"}


async def test_a_one_sided_tie_is_said_once_there_are_three_touches(me, clock):
    for n in range(3):
        value = await reached_out_value(await me(f"/touch Ana call {n}"))
        await me.press(TOUCH_FROM_THEM, value)
        clock.advance(timedelta(days=1))
        for _ in range(2):
            await me("/touch Bo hi")
    await me("/touch Cy hi")
    await me("/touch Cy hi")
    lines = (await me("/vitalfew")).sections[0].lines
    ana = next(line for line in lines if "Ana" in line)
    bo = next(line for line in lines if "Bo" in line)
    cy = next(line for line in lines if "Cy" in line)
    assert "they started 3 of the last 3" in ana
    assert "you started 6 of the last 6" in bo
    assert "started" not in cy  # two touches: too few to say


async def test_circles_list_both_with_cadences_and_who_is_due(me, clock):
    await me("/vitalfew size 1")
    await me("/vitalfew size close 2")
    for name in ("Ana", "Bo", "Cy", "Dee"):
        await me(f"/touch {name} coffee")
        clock.advance(timedelta(hours=1))
    await me("/touch Ana coffee")
    clock.advance(timedelta(days=31))
    r = await me("/vitalfew circles")
    assert r.title == "Your circles"
    assert r.sections[0].lines[0] == "Vital few (1 of 1, every 14 days; 1 due):"
    assert r.sections[0].lines[1].startswith("  Ana · going cold: 31 days since")
    assert r.sections[1].lines[0] == "Close circle (2 of 2, every 30 days; 2 due):"
    assert [line.split(" · ")[0] for line in r.sections[1].lines[1:]] == ["  Dee", "  Cy"]
    assert r.sections[2].lines[0] == "Everyone else: 1 person, no cadence unless you set one."


async def test_the_close_circles_size_and_cadence_are_settings(me):
    assert (await me("/vitalfew size close 20")).title == "Your close circle is now 20 people."
    assert (await me("/vitalfew every close 6w")).title == (
        "Your close circle's cadence is now every 42 days.")
    shown = (await me("/vitalfew settings")).text
    assert "Close circle: 20 people, every 42 days" in shown
    for bad in ("/vitalfew size close 51", "/vitalfew size close -1", "/vitalfew size close x",
                "/vitalfew every close", "/vitalfew every close 0d", "/vitalfew every close soon"):
        assert (await me(bad)).error, bad
    assert "Close circle: 20 people, every 42 days" in (await me("/vitalfew settings")).text
    exported = json.loads((await me("/vitalfew export")).attachment.content)["settings"]
    assert (exported["close_circle_size"], exported["close_circle_cadence_days"]) == (20, 42)


async def test_someone_in_the_close_circle_is_told_so_on_touch(me):
    await me("/vitalfew size 1")
    await me("/touch Ana lunch 2h")
    r = await me("/touch Bo hi")
    assert r.sections[0].lines[0] == "Bo is #2 by strength, in your close circle."
    assert "your close circle's 30-day cadence" in r.sections[0].lines[1]


async def test_a_weekly_budget_shows_this_weeks_time_against_it(me, clock):
    assert (await me("/vitalfew budget 5h")).title == "Weekly time budget: 5 h."
    await me("/touch Ana lunch 2h")
    await me("/touch Bo call 1h20")
    r = await me("/vitalfew")
    assert r.sections[-1].lines[0] == (
        "Time: 3 h 20 min with people this week (last 7 days), 3 h 20 min (100%) with your "
        "vital few; budget 5 h, 1 h 40 min left.")
    clock.advance(timedelta(days=8))
    await me("/touch Ana dinner 6 hours")
    assert (await me("/vitalfew")).sections[-1].lines == (
        "Time: 6 h with people this week (last 7 days), 6 h (100%) with your vital few; "
        "budget 5 h, over by 1 h.",
        "Trend (your vital few, 8 weeks): ▁▁▁▁▁▁▅█ 6 h this week")
    assert "Weekly time budget: 5 h" in (await me("/vitalfew settings")).text
    assert (await me("/vitalfew budget off")).title == "Weekly time budget off."
    assert (await me("/vitalfew")).sections[-1].lines[0].endswith("with your vital few.")


@pytest.mark.parametrize("amount", ["0h", "-5h", "169h", "1e9m", "lots", "", "99999h"])
async def test_a_budget_out_of_range_is_refused_and_changes_nothing(me, amount):
    await me("/vitalfew budget 5h")
    r = await me(f"/vitalfew budget {amount}")
    assert r.error and "budget" in r.text, amount
    assert "Weekly time budget: 5 h" in (await me("/vitalfew settings")).text


async def test_the_export_carries_minutes_initiative_budget_and_circles(me):
    await me("/vitalfew budget 90m")
    value = await reached_out_value(await me("/touch Ana lunch 1h30"))
    await me.press(TOUCH_FROM_THEM, value)
    doc = json.loads((await me("/vitalfew export")).attachment.content)
    [touch] = doc["people"][0]["touches"]
    assert (touch["minutes"], touch["started_by"]) == (90, "them")
    assert doc["settings"]["weekly_budget_minutes"] == 90
    assert (doc["settings"]["close_circle_size"], doc["settings"]["close_circle_cadence_days"]
            ) == (15, 30)
