"""What a newcomer met in twenty minutes of use (QA round 1), on the real databases: each
reply says what happened, the same way across commands, and never something untrue."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.replies import (
    FORGET_CANCEL,
    FORGET_CONFIRM,
    MERGE_CONFIRM,
    PERSON_TOUCH,
    TOUCH_FROM_THEM,
)
from tests.conftest import User, person_value
from tests.core.support import people_listed


async def test_cancel_after_delete_does_not_claim_that_everything_was_kept(me: User) -> None:
    await me("/touch Ana coffee")
    asked = await me("/vitalfew forget Ana")
    await me.press(FORGET_CONFIRM, asked.actions[0].value)
    late = await me.press(FORGET_CANCEL, asked.actions[1].value)
    assert late.title == "Too late to cancel: that was already deleted."
    assert await people_listed(me) == []


async def test_cancelling_a_merge_says_nothing_was_merged_and_late_says_so(me: User) -> None:
    await me("/touch Bea coffee")
    await me("/touch Beatrice call")
    asked = await me("/vitalfew merge Bea into Beatrice")
    kept = await me.press(FORGET_CANCEL, asked.actions[1].value)
    assert kept.title == "Kept Bea and Beatrice apart; nothing was merged."
    assert len(await people_listed(me)) == 2
    await me.press(MERGE_CONFIRM, asked.actions[0].value)
    late = await me.press(FORGET_CANCEL, asked.actions[1].value)
    assert late.title == "Too late to cancel: that was already merged."


async def test_a_made_up_cancel_or_merge_says_what_it_did(me: User) -> None:
    await me("/touch Bea coffee")
    made_up = await me.press(FORGET_CANCEL, "person:1-1-abc")
    assert made_up.title == "That question is out of date; Cancel changed nothing."
    stale = await me.press(MERGE_CONFIRM, "merge:1:2-1-abc")
    assert stale.error
    assert stale.title == ("That confirmation is out of date or was not asked for; nothing "
                           "was merged. Ask again with /vitalfew merge.")


async def test_pinning_twice_says_nothing_changed_as_unpinning_twice_does(me: User) -> None:
    await me("/touch Sam call")
    assert (await me("/vitalfew add Sam")).title == "Pinned Sam to your vital few."
    assert (await me("/vitalfew add Sam")).title == "Sam is already pinned; nothing changed."
    await me("/vitalfew drop Sam")
    assert (await me("/vitalfew drop Sam")).title == "Sam was not pinned; nothing changed."


async def test_someone_pinned_before_any_touch_reads_no_touch_yet_once(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/vitalfew add Nadia")
    shown = (await me("/vitalfew")).text
    line = next(line for line in shown.splitlines() if "Nadia" in line)
    assert line == "2. Nadia (pinned) · strength 0.0 · no touch yet"


async def test_an_empty_budget_or_cadence_asks_instead_of_quoting_nothing(me: User) -> None:
    budget = await me("/vitalfew budget")
    assert budget.error and budget.title == (
        "How much time a week? Try /vitalfew budget 5h, budget 90m or budget off.")
    every = await me("/vitalfew every")
    assert every.error and every.title == "How often? Say it like 10d, 2 weeks, 1m or off."
    assert "''" not in budget.text + every.text


async def test_a_mistyped_command_word_gets_the_one_it_meant(me: User) -> None:
    assert (await me("/vitalfew peopel")).title == (
        "I don't know 'peopel'. Did you mean /vitalfew people?")
    assert (await me("/vitalfew touc")).title == "I don't know 'touc'. Did you mean /touch?"
    assert (await me("/vitalfew wat")).title == "I don't know 'wat'."


async def test_a_name_taken_by_that_very_name_is_not_repeated(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/touch Zoe call")
    taken = await me("/vitalfew rename Zoe to Ana")
    assert taken.title == ("You already know someone named Ana. If they are one person: "
                           "/vitalfew merge Zoe into Ana")


async def test_a_name_of_punctuation_names_what_a_name_needs(me: User) -> None:
    refused = await me("/touch @ hi")
    assert refused.title == ("'@' is not a name: a name needs a letter, a digit or an emoji. "
                             "Try /touch Ana coffee.")
    assert (await me("/touch 😀 hi")).title.startswith("Logged a message with 😀")


async def test_marking_who_reached_out_does_not_say_three_touches_are_missing(
    me: User,
) -> None:
    for note in ("coffee", "call", "hi"):
        logged = await me(f"/touch Ana {note}")
    marked = await me.press(TOUCH_FROM_THEM, logged.actions[0].value)
    assert marked.title == "Marked: Ana reached out this time."
    assert "once you have three" not in marked.text
    assert "/vitalfew says so" in marked.text


async def test_settings_suggest_a_change_that_changes_something(me: User) -> None:
    await me("/vitalfew tz Europe/Berlin")
    await me("/vitalfew budget 5h")
    lines = (await me("/vitalfew settings")).text.splitlines()
    assert lines[2:] == [
        "Time zone: Europe/Berlin (it is Mon 23 Nov 2026, 16:00 there now); change it with "
        "/vitalfew tz America/New_York.",
        "Weekly digest: Mondays at 09:00; change it with /vitalfew digest friday 17:00 or "
        "digest off.",
        "Vital few: 5 people; change it with /vitalfew size 7.",
        "Default cadence: every 14 days; change it with /vitalfew every 10 days.",
        "Close circle: 15 people, every 30 days; change it with /vitalfew size close 20 or "
        "/vitalfew every close 2m.",
        "Weekly time budget: 5 h; change it with /vitalfew budget 3h or budget off.",
    ]
    await me("/vitalfew size 7")
    assert "change it with /vitalfew size 5." in (await me("/vitalfew settings")).text


async def test_circles_suggest_changes_that_change_something(me: User) -> None:
    await me("/touch Ana coffee")
    last = (await me("/vitalfew circles")).text.splitlines()[-1]
    assert last == ("Change them: /vitalfew size 7 · /vitalfew size close 20 · "
                    "/vitalfew every close 2m")
    await me("/vitalfew size 3")
    last = (await me("/vitalfew circles")).text.splitlines()[-1]
    assert last.startswith("Change them: /vitalfew size 5 ·")


async def test_a_known_word_with_more_after_it_is_not_called_unknown(me: User) -> None:
    extra = await me("/vitalfew settings please")
    assert extra.error
    assert extra.title == "/vitalfew settings takes nothing after it; just /vitalfew settings."
    circles = await me("/vitalfew circles now")
    assert circles.title == "/vitalfew circles takes nothing after it; just /vitalfew circles."


async def test_the_digests_logged_a_touch_pressed_twice_logs_one_touch(
    me: User, clock: FixedClock, uow_factory: UnitOfWorkFactory
) -> None:
    await me("/touch Ana coffee")
    clock.advance(timedelta(days=20))
    button = await person_value(uow_factory, me.owner, 1)
    assert (await me.press(PERSON_TOUCH, button)).title == "Logged a message with Ana."
    again = await me.press(PERSON_TOUCH, button)
    assert again.title == "Already logged: you touched base with Ana a moment ago."
    [ana] = await people_listed(me)
    assert "2 touches" in ana
    clock.advance(timedelta(days=3))
    assert (await me.press(PERSON_TOUCH, button)).title == "Logged a message with Ana."
    [ana] = await people_listed(me)
    assert "3 touches" in ana


async def test_a_due_line_names_whose_cadence_it_is(me: User, clock: FixedClock) -> None:
    await me("/vitalfew size 1")
    await me("/touch Ana lunch 3h")
    await me("/touch Bo call")
    await me("/touch Cy hi")
    await me("/vitalfew every Cy 10d")
    clock.advance(timedelta(days=40))
    circles = (await me("/vitalfew circles")).text
    assert "40 days since your last touch; your cadence is every 14 days" in circles  # Ana
    assert "40 days since your last touch; your close circle's cadence is every 30 days" \
        in circles  # Bo
    assert "40 days since your last touch; their cadence is every 10 days" in circles  # Cy


async def test_every_with_a_person_and_no_duration_asks_how_often(me: User) -> None:
    await me('/touch "Ana Silva" coffee')
    for typed in ("/vitalfew every Ana Silva", "/vitalfew every ana"):
        asked = await me(typed)
        assert asked.error and asked.title == (
            "How often for Ana Silva? Say it like /vitalfew every Ana Silva 10d, or off."), typed
    assert "couldn't read 'soon'" in (await me("/vitalfew every soon")).title


async def test_add_or_drop_with_nobody_shows_their_own_usage(me: User) -> None:
    for typed in ("/vitalfew add", "/vitalfew drop"):
        refused = await me(typed)
        assert refused.text.splitlines()[-1] == "Usage: /vitalfew add Ana  ·  /vitalfew drop Ana"


async def test_a_close_circle_of_nobody_is_said_to_be_off(me: User) -> None:
    off = await me("/vitalfew size close 0")
    assert off.text == ("Your close circle is now off (0 people).\n\nOnly your vital few and "
                        "the people you give a cadence are nudged; /vitalfew size close 15 "
                        "turns it back on.")
    assert (await me("/vitalfew size close 1")).title == "Your close circle is now 1 person."


async def test_merging_two_people_of_one_name_says_which_is_which(me: User) -> None:
    await me("/touch <@U1|Bea> hi")
    await me("/touch Bea lunch")  # one human: the typed name is the chat user
    await me("/touch <@U2|Bea> call")
    asked = await me("/vitalfew merge <@U2|Bea> into <@U1|Bea>")
    assert asked.title == ("Merge Bea (chat user U2) into Bea (chat user U1)? Their touches "
                           "and follow-ups move to Bea (chat user U1), and Bea (chat user U2) "
                           "leaves your list.")
    other = await me("/vitalfew merge Ana into Bo")
    assert other.error  # unknown names: refused, not asked


async def test_a_pick_pressed_twice_does_not_say_nothing_was_done_at_all(me: User) -> None:
    await me("/touch <@U1|Bea> hi")
    await me("/touch <@U2|Bea> call")
    which = await me("/touch Bea lunch")
    first = which.actions[0]
    assert (await me.press(first.id, first.value)).title.startswith("Logged a meet with Bea")
    again = await me.press(first.id, first.value)
    assert again.title == ("That question was answered already or is out of date; this press "
                           "did nothing. Type the command again if it is still to do.")


async def test_help_is_never_a_new_person_nor_a_new_name(me: User) -> None:
    await me("/touch Ana coffee")
    refusal = ("'help' can't be a name: /touch help shows the usage. Name someone, like "
               "/touch Ana coffee.")
    for typed in ("/touch help me move", "/followup help me", '/touch "Help" hi',
                  "/vitalfew rename Ana to help", "/vitalfew add help"):
        refused = await me(typed)
        assert refused.error and refused.title == refusal.replace(
            "'help'", "'Help'" if "Help" in typed else "'help'"), typed
    [ana] = await people_listed(me)
    assert ana.startswith("1. Ana ") and "1 touch " in ana
    assert (await me("/touch <@U1|help> hi")).title.startswith("Logged a message with help")


async def test_a_size_or_budget_missing_its_number_or_unit_asks_for_it(me: User) -> None:
    size = await me("/vitalfew size")
    assert size.title == "How many people? The vital few can be 1 to 15 people: /vitalfew size 5"
    close = await me("/vitalfew size close")
    assert close.title == ("How many people? The close circle can be 0 to 50 people: "
                           "/vitalfew size close 15")
    budget = await me("/vitalfew budget 5")
    assert budget.error
    assert budget.title == "5 hours or 5 minutes? Say /vitalfew budget 5h or budget 5m."
    assert "Weekly time budget: off;" in (await me("/vitalfew settings")).text


async def test_pinning_or_a_cadence_for_a_new_name_says_they_are_new(me: User) -> None:
    await me("/touch Ana coffee")
    pinned = await me("/vitalfew add Anna")  # a typo of Ana makes someone new
    assert pinned.text.splitlines()[-1] == (
        "Anna is new to your list (no touch yet); /vitalfew people shows everyone, "
        "/vitalfew forget Anna removes them.")
    every = await me("/vitalfew every Bo 10d")
    assert every.title == "Cadence for Bo: every 10 days."
    assert "Bo is new to your list" in every.text
    again = await me("/vitalfew every Ana 10d")
    assert again.text == "Cadence for Ana: every 10 days."
    assert "new to your list" not in (await me("/vitalfew add Ana")).text


async def test_me_and_close_are_never_new_people_since_commands_mean_something_else(
        me: User) -> None:  # fmt: skip
    """A person called "me" could never be forgotten (`forget me` is about you), nor one
    called "Close" be given a cadence (`every close` is the close circle's)."""
    await me("/touch Ana coffee")
    for typed, word, why in (
            ("/touch me gym", "me", "/vitalfew forget me is about you, not a person"),
            ("/followup Me friday taxes", "Me", "/vitalfew forget me is about you, not a person"),
            ("/touch Close call", "Close", "/vitalfew every close sets the close circle's cadence"),
            ("/vitalfew rename Ana to close", "close",
             "/vitalfew every close sets the close circle's cadence")):  # fmt: skip
        refused = await me(typed)
        assert refused.error, typed
        assert refused.title == (f"'{word}' can't be a name: {why}. Name someone, like "
                                 "/touch Ana coffee."), typed
    [ana] = await people_listed(me)
    assert ana.startswith("1. Ana ")
