"""Discord options → typed commands: each option is read whole, never re-parsed as chat.

What the user then sees is asserted end to end in ``test_discord_commands``; these show
that nothing moves from one option to another, whatever the options hold.
"""

from __future__ import annotations

from datetime import time

import pytest
from discord_doubles import ANA, FakeUser
from hypothesis import given
from hypothesis import strategies as st

from adapters.discord import options
from bot.commands import (
    AddFollowup,
    DigestNow,
    DigestSchedule,
    Forget,
    PersonRef,
    SetCadence,
    SetSize,
    Touch,
)
from bot.grammar import GrammarError, is_name

words = st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=4).map(" ".join).filter(is_name)
notes = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1,
                max_size=30).filter(str.strip)


@given(names, notes)
def test_the_person_option_is_the_name_whole_and_the_note_the_note(name, note):
    """Quotes, ``re: lunch``, `` - great``, a name like ``Ana:``: nothing moves from one
    option to the other, and no word of the note can become part of the name."""
    assert options.touch(name, None, note) == Touch(PersonRef(" ".join(name.split())),
                                                    note.strip())


def test_a_user_option_wins_and_is_stored_under_the_typed_name_or_their_own():
    ana = FakeUser(ANA, "Ana")
    assert options.touch(None, ana, "coffee").person == PersonRef("Ana", str(ANA))
    assert options.touch("Ana Silva", ana, "").person == PersonRef("Ana Silva", str(ANA))
    assert options.touch("\u200b", ana, "").person == PersonRef("Ana", str(ANA))


def test_a_mention_chosen_from_autocomplete_is_that_user():
    assert options.touch(f"<@{ANA}>", None, "hi").person == PersonRef("", str(ANA))


def test_no_person_or_a_blank_one_is_no_one():
    with pytest.raises(options.NoOne, match="Name someone"):
        options.touch(None, None, "coffee")
    with pytest.raises(options.NoOne, match="The person is empty"):
        options.touch(" \u200b\u2060 ", None, "coffee")


def test_the_when_option_is_handed_over_whole_for_the_service_to_read():
    assert options.add_followup("Ana", None, "friday drinks", "plan") == AddFollowup(
        PersonRef("Ana"), "plan", when="friday drinks")
    assert options.add_followup("Ana", None, "", "friday drinks").when is None


def test_settings_are_read_with_the_cores_helpers():
    assert options.cadence("2w", None, None) == SetCadence(None, 14)
    assert options.cadence("off", "Ana", None) == SetCadence(PersonRef("Ana"), None)
    assert options.cadence("default", "Ana", None) == SetCadence(PersonRef("Ana"), None,
                                                               circle_default=True)
    assert options.digest("friday", "5pm") == DigestSchedule(4, time(17, 0))
    assert options.digest("monday", None) == DigestSchedule(0, time(9, 0))
    assert options.digest("now", None) == DigestNow()
    assert options.size(3) == SetSize(3)
    assert options.forget("Me") == Forget(None)


@pytest.mark.parametrize("build", [
    lambda: options.cadence("2x", None, None),
    lambda: options.digest("monday", "25:00"),
    lambda: options.digest("off", "09:00"),
    lambda: options.size(16),
    lambda: options.touch("Ana", None, "n" * 2001),
    lambda: options.touch("p" * 201, None, ""),
    lambda: options.forget("   "),
    lambda: options.time_zone(" "),
])
def test_what_the_core_cannot_read_is_its_friendly_error(build):
    with pytest.raises(GrammarError):
        build()
