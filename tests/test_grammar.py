"""The command grammar, as a user types it: table tests plus properties."""

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import grammar as g
from bot.grammar import GrammarError, Known, PersonRef, parse
from bot.services import BAD_INPUT

#: Man, woman and girl joined by zero-width joiners: one emoji, a name that shows.
FAMILY = "👨\u200d👩\u200d👧"
KNOWN = [Known(1, "Ana Silva"), Known(2, "Sam Lee"), Known(3, "José Núñez", "U9"),
         Known(4, "Sam"), Known(5, "Bo Chen"), Known(6, "Bo Diaz")]


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("touch", "Ana coffee", g.Touch(PersonRef("Ana Silva", None, 1), "coffee")),
        ("touch", "ana silva lunch", g.Touch(PersonRef("Ana Silva", None, 1), "lunch")),
        ("touch", '"Sam Lee" call', g.Touch(PersonRef("Sam Lee", None, 2), "call")),
        ("touch", "sam lee call", g.Touch(PersonRef("Sam Lee", None, 2), "call")),
        ("touch", "Sam call", g.Touch(PersonRef("Sam", None, 4), "call")),
        ("touch", "jose nunez hi", g.Touch(PersonRef("José Núñez", "U9", 3), "hi")),
        ("touch", "JOSÉ NÚÑEZ", g.Touch(PersonRef("José Núñez", "U9", 3), "")),
        ("touch", "<@U9> zoom", g.Touch(PersonRef("José Núñez", "U9", 3), "zoom")),
        ("touch", "<@U77|maria> drinks", g.Touch(PersonRef("maria", "U77"), "drinks")),
        ("touch", "<@U77> drinks", g.Touch(PersonRef("", "U77"), "drinks")),
        ("touch", "<@!123456> hi", g.Touch(PersonRef("", "123456"), "hi")),
        ("touch", "<@123456>", g.Touch(PersonRef("", "123456"), "")),
        ("touch", "Dr. Who: coffee", g.Touch(PersonRef("Dr. Who"), "coffee")),
        ("touch", "Ana: re: lunch", g.Touch(PersonRef("Ana Silva", None, 1), "re: lunch")),
        ("touch", "Zed: coffee - great", g.Touch(PersonRef("Zed"), "coffee - great")),
        ("touch", "sam lee: call", g.Touch(PersonRef("Sam Lee", None, 2), "call")),
        ("touch", f"{FAMILY} dinner", g.Touch(PersonRef(FAMILY), "dinner")),
        ("touch", '"👩\u200d💻 dev" hi', g.Touch(PersonRef("👩\u200d💻 dev"), "hi")),
        ("touch", "<@U77|\u200b> hi", g.Touch(PersonRef("", "U77"), "hi")),
        ("touch", "Mary Ann - call", g.Touch(PersonRef("Mary Ann"), "call")),
        ("touch", "Mary Ann — call", g.Touch(PersonRef("Mary Ann"), "call")),
        ("touch", "“Li Wei” dinner", g.Touch(PersonRef("Li Wei"), "dinner")),
        ("touch", "Zoe", g.Touch(PersonRef("Zoe"), "")),
        ("touch", "Zoe   coffee  ", g.Touch(PersonRef("Zoe"), "coffee")),
        ("touch", "Ana Silva coffee - great chat",
         g.Touch(PersonRef("Ana Silva", None, 1), "coffee - great chat")),
        ("touch", "🦄 hi", g.Touch(PersonRef("🦄"), "hi")),
        ("followup", "", g.ListFollowups()),
        ("followup", "Ana next friday send the intro",
         g.AddFollowup(PersonRef("Ana Silva", None, 1), "next friday send the intro",
                       when_leads=True)),
        ("followup", "Ana tomorrow 14:30 call",
         g.AddFollowup(PersonRef("Ana Silva", None, 1), "tomorrow 14:30 call", when_leads=True)),
        ("vitalfew", "", g.ShowVitalFew()),
        ("vitalfew", "add Ana", g.Pin(PersonRef("Ana Silva", None, 1), True)),
        ("vitalfew", "drop sam lee", g.Pin(PersonRef("Sam Lee", None, 2), False)),
        ("vitalfew", "add New Person", g.Pin(PersonRef("New Person"), True)),
        ("vitalfew", "size 7", g.SetSize(7)),
        ("vitalfew", "every Ana 10d", g.SetCadence(PersonRef("Ana Silva", None, 1), 10)),
        ("vitalfew", "every Sam Lee 2w", g.SetCadence(PersonRef("Sam Lee", None, 2), 14)),
        ("vitalfew", "every Ana 1m", g.SetCadence(PersonRef("Ana Silva", None, 1), 30)),
        ("vitalfew", "every Ana off", g.SetCadence(PersonRef("Ana Silva", None, 1), None)),
        ("vitalfew", "every 3w", g.SetCadence(None, 21)),
        ("vitalfew", "digest monday 09:00", g.DigestSchedule(0, time(9, 0))),
        ("vitalfew", "digest fri 5pm", g.DigestSchedule(4, time(17, 0))),
        ("vitalfew", "digest Sunday 18:30", g.DigestSchedule(6, time(18, 30))),
        ("vitalfew", "digest 9am monday", g.DigestSchedule(0, time(9, 0))),
        ("vitalfew", "digest 17:30 Fri", g.DigestSchedule(4, time(17, 30))),
        ("vitalfew", "digest off", g.DigestOff()),
        ("vitalfew", "digest", g.DigestShow()),
        ("vitalfew", "digest now", g.DigestNow()),
        ("vitalfew", "tz Europe/Berlin", g.SetTimezone("Europe/Berlin")),
        ("vitalfew", "people", g.ListPeople()),
        ("vitalfew", "export", g.Export()),
        ("vitalfew", "forget me", g.Forget(None)),
        ("vitalfew", "forget Ana", g.Forget(PersonRef("Ana Silva", None, 1))),
        ("vitalfew", "help", g.Help()),
        ("vitalfew", "frobnicate", g.Help(unknown="frobnicate")),
        ("/vitalfew", "PEOPLE", g.ListPeople()),
    ],
)
def test_commands_parse_as_typed(command, text, expected):
    assert parse(command, text, KNOWN) == expected


@pytest.mark.parametrize(
    ("command", "text", "message"),
    [
        ("touch", "", "Who did you talk to?"),
        ("touch", "   ", "Who did you talk to?"),
        ("touch", "Bo hi", 'Which Bo? You know "Bo Chen", "Bo Diaz"'),
        ("touch", '"Ana', "A quote is not closed"),
        ("touch", '"" hi', "The name is empty"),
        ("touch", "\u200b hi", "The name is empty"),
        ("touch", "\u200b\u200c\u200d\u2060\ufeff", "The name is empty"),
        ("touch", '"\u200b\u200c\u200d\u2060\ufeff" hi', "The name is empty"),
        ("touch", '"\u3164 \u2800\ufe0f" hi', "The name is empty"),
        ("touch", "\u200d: hi", "The name is empty"),
        ("followup", "\u2060 tomorrow call", "The name is empty"),
        ("vitalfew", "add \ufeff", "The name is empty"),
        ("vitalfew", "every \u200b 2w", "The name is empty"),
        ("touch", "Bo: hi", 'Which Bo? You know "Bo Chen", "Bo Diaz"'),
        ("touch", "x" * 201, "names can be at most 200"),
        ("touch", "Ana " + "n" * 2001, "notes can be at most 2,000"),
        ("vitalfew", "size 0", "1 to 15"),
        ("vitalfew", "size 16", "1 to 15"),
        ("vitalfew", "size lots", "1 to 15"),
        ("vitalfew", "every Ana soon", "couldn't read 'soon' as a cadence"),
        ("vitalfew", "every Ana 0d", "between 1 day and a year"),
        ("vitalfew", "every Ana 400d", "between 1 day and a year"),
        ("vitalfew", "digest someday", "digest monday 09:00"),
        ("vitalfew", "digest monday 25:00", "couldn't read '25:00'"),
        ("vitalfew", "tz", "Which time zone?"),
        ("vitalfew", "add", "Who?"),
        ("vitalfew", "forget", "Who?"),
        ("nope", "x", "I don't know the command /nope"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(command, text, message):
    with pytest.raises(GrammarError) as err:
        parse(command, text, KNOWN)
    assert message in str(err.value)


def test_two_equal_matches_list_the_candidates():
    with pytest.raises(g.AmbiguousPerson) as err:
        parse("touch", "bo coffee", KNOWN)
    assert [k.id for k in err.value.candidates] == [5, 6]


def test_sql_and_markup_are_just_names():
    cmd = parse("touch", "'Robert'); DROP TABLE people; -- hi", KNOWN)
    assert cmd == g.Touch(PersonRef("Robert"), "); DROP TABLE people; -- hi")
    with pytest.raises(GrammarError, match="not a name"):  # punctuation names nobody
        parse("touch", "'; DROP TABLE people; -- hi", KNOWN)
    cmd = parse("touch", '"<!channel> Bob" hi', KNOWN)
    assert cmd.person.name == "<!channel> Bob"


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
                           blacklist_characters='"“”„\''),
    min_size=1, max_size=40,
).filter(lambda s: g.is_name(s) and ":" not in s and not s.startswith("<@"))


@given(st.text(max_size=300), st.sampled_from(["touch", "followup", "vitalfew"]))
def test_no_input_crashes_the_parser(text, command):
    """Bad input may only raise what the service answers with a friendly message."""
    try:
        parse(command, text, KNOWN)
    except BAD_INPUT:  # '/vitalfew BUDGET' raises DurationError: "How much time a week?"
        pass


@given(names, st.text(alphabet="abc xyz", max_size=30))
def test_a_quoted_name_round_trips(name, note):
    cmd = parse("touch", f'"{name}" {note}', [])
    assert cmd.person.name == " ".join(name.split())
    assert cmd.note == note.strip()


@given(names)
def test_a_known_name_is_found_again(name):
    known = [Known(42, name)]
    cmd = parse("touch", f"{name} coffee", known)
    assert cmd.person.person_id == 42


@given(st.text(alphabet="\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\ufe0f\u3164",
               min_size=1, max_size=10))
def test_a_name_of_nothing_visible_is_refused_however_it_is_typed(name):
    for text in (f'"{name}" hi', f"{name}: hi", f"{name} hi", name):
        with pytest.raises(GrammarError, match="The name is empty"):
            parse("touch", text, KNOWN)
