"""The command grammar (README: Commands): one parser shared by every adapter and the terminal.

``parse(command, text, known)`` turns what the user typed into a command object. It is
pure: the services look the people up and store things; the grammar only reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time

from bot.commands import (
    AddFollowup,
    Command,
    DigestNow,
    DigestOff,
    DigestOn,
    DigestSchedule,
    DigestShow,
    Export,
    Forget,
    Help,
    ListFollowups,
    ListPeople,
    Merge,
    PersonRef,
    Pin,
    Rename,
    SetBudget,
    SetCadence,
    SetCloseSize,
    SetSize,
    SetTimezone,
    ShowCircles,
    ShowSettings,
    ShowVitalFew,
    Touch,
)
from bot.domain import DEFAULT_DIGEST_TIME, MAX_CLOSE_SIZE, MAX_SIZE
from bot.durations import budget_minutes
from bot.person_words import QUOTES, new_name, ref_of
from bot.person_words import WHO as WHO
from bot.person_words import AmbiguousPerson as AmbiguousPerson
from bot.person_words import GrammarError as GrammarError
from bot.person_words import Known as Known
from bot.person_words import is_name as is_name
from bot.person_words import named as named
from bot.person_words import read_person as read_person
from bot.text import MAX_NOTE, clean, too_long
from bot.when_words import WEEKDAYS

WHICH_ZONE = "Which time zone? For example: /vitalfew tz Europe/Berlin"
DIGEST_USAGE = "Try /vitalfew digest monday 09:00, /vitalfew digest off or /vitalfew digest now."
SIZE_USAGE = f"The vital few can be 1 to {MAX_SIZE} people: /vitalfew size 5"
CLOSE_SIZE_USAGE = (f"The close circle can be 0 to {MAX_CLOSE_SIZE} people: "
                    "/vitalfew size close 15")


COMMANDS = ("touch", "followup", "vitalfew")
#: Words that ask for help where a person is expected: never a person's name.
HELP_WORDS = ("help", "?")

_DURATION = re.compile(
    r"^(\d{1,4})\s*(d|days?|w|wks?|weeks?|m|mo|mos|months?)$", re.IGNORECASE
)
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse(command: str, text: str, known: Sequence[Known] = ()) -> Command:
    """Parse one command. ``command`` is touch/followup/vitalfew (a leading / is fine)."""
    name = command.lstrip("/").strip().lower()
    if refusal := too_long(text):  # before any work on the text, however long it is
        raise GrammarError(refusal)
    text = clean(text)
    if name == "touch":
        return _touch(text, known)
    if name == "followup":
        return _followup(text, known)
    if name == "vitalfew":
        return _vitalfew(text, known)
    raise GrammarError(f"I don't know the command /{name}.", topic=None)


def _touch(text: str, known: Sequence[Known]) -> Touch | Help:
    if not text:
        raise GrammarError("Who did you talk to?", topic="touch")
    if text.lower() in HELP_WORDS:  # a command word, not a person
        return Help(topic="touch")
    person, note = read_person(text, known)
    return Touch(person, check_note(note))


def _followup(text: str, known: Sequence[Known]) -> ListFollowups | AddFollowup | Help:
    if not text:
        return ListFollowups()
    if text.lower() in HELP_WORDS:
        return Help(topic="followup")
    person, rest = read_person(text, known)
    return AddFollowup(person, check_note(rest), when_leads=True)


def check_note(note: str) -> str:
    """A note (or what was promised) within ``MAX_NOTE``, else refused."""
    if len(note) > MAX_NOTE:
        raise GrammarError(
            f"That note is {len(note):,} characters; notes can be at most {MAX_NOTE:,}."
        )
    return note


def _vitalfew(text: str, known: Sequence[Known]) -> Command:
    word, _, rest = text.partition(" ")
    word, rest = word.lower(), rest.strip()
    if not word:
        return ShowVitalFew()
    if word in ("add", "pin", "drop", "unpin", "remove"):
        pinning = word in ("add", "pin")
        return Pin(_required_person(rest, known, "add" if pinning else "drop"), pinning)
    if word == "size":
        return _sizes(rest)
    if word in ("every", "cadence"):
        if rest.lower().startswith("close ") or rest.lower() == "close":
            duration = rest[len("close"):].strip()
            days = parse_duration(duration) if duration else None
            if days is None:
                raise GrammarError("The close circle's cadence needs a duration, like 1m.",
                                   topic="every")
            return SetCadence(None, days, close=True)
        return _cadence(rest, known)
    if word == "circles" and not rest:
        return ShowCircles()
    if word == "budget":
        return SetBudget(budget_minutes(rest))
    if word == "digest":
        return _digest(rest)
    if word in ("tz", "timezone"):
        if not rest:
            raise GrammarError(WHICH_ZONE,
                               topic="tz")
        return SetTimezone(" ".join(rest.split()))  # "new york": find_zone joins with _
    if word == "people":
        return ListPeople()
    if word == "settings" and not rest:
        return ShowSettings()
    if word == "export":
        return Export()
    if word == "forget":
        if rest.lower() == "me":
            return Forget(None)
        return Forget(_required_person(rest, known, "forget"))
    if word == "merge":
        return _merge(rest, known)
    if word == "rename":
        return _rename(rest, known)
    if word in ("help", "?"):
        return Help(topic=rest.lower() or None)
    if word in ("circles", "settings"):  # with words after it: not "I don't know 'settings'"
        raise GrammarError(f"/vitalfew {word} takes nothing after it; just /vitalfew {word}.")
    return Help(unknown=word)


MERGE_USAGE = "Say who is who: /vitalfew merge Bea into @Bea"
RENAME_USAGE = "Say who and their new name: /vitalfew rename Sam to Sam Lee"


def _rename(text: str, known: Sequence[Known]) -> Rename:
    """``PERSON to NAME``: the new name as typed (quotes optional)."""
    person_text, to, name = text.rpartition(" to ")
    if not to or not person_text.strip():
        raise GrammarError(RENAME_USAGE, topic="rename")
    name = name.strip()
    if len(name) > 1 and name[0] in QUOTES and name.endswith(QUOTES[name[0]]):
        name = name[1:-1]
    person = _required_person(person_text.strip(), known, "rename")
    return Rename(person, new_name(name))


def _merge(text: str, known: Sequence[Known]) -> Merge:
    """``SOURCE into TARGET``. A name two people share means, on one side, whichever of
    them the other side does not: ``merge Bea into Bea`` joins the two Beas (into the one
    with a platform id, else the older one)."""
    source_text, into, target_text = text.rpartition(" into ")
    if not into or not source_text.strip() or not target_text.strip():
        raise GrammarError(MERGE_USAGE, topic="merge")
    sides: list[PersonRef | AmbiguousPerson] = []
    for side in (source_text, target_text):
        try:
            sides.append(_required_person(side.strip(), known, "merge"))
        except AmbiguousPerson as err:
            sides.append(err)
    source, target = sides
    if isinstance(target, AmbiguousPerson):
        if isinstance(source, AmbiguousPerson):
            pair = sorted(target.candidates, key=lambda k: (k.platform_id is None, k.id))
            if {k.id for k in source.candidates} != {k.id for k in pair} or len(pair) != 2:
                raise source
            target = ref_of(pair[0])
        else:
            target = _other(target, source)
    if isinstance(source, AmbiguousPerson):
        source = _other(source, target)
    return Merge(source, target)


def _other(ambiguous: AmbiguousPerson, chosen: PersonRef) -> PersonRef:
    """The one candidate that is not ``chosen``, else the ambiguity stands."""
    rest = [k for k in ambiguous.candidates if k.id != chosen.person_id]
    if len(rest) != 1:
        raise ambiguous
    return ref_of(rest[0])


def _required_person(text: str, known: Sequence[Known], topic: str) -> PersonRef:
    if not text:
        raise GrammarError(WHO, topic=topic)
    person, rest = read_person(text, known)
    if rest and person.person_id is None and person.platform_id is None:
        # "/vitalfew add Ana Silva" for someone new: the whole text is the name.
        person = PersonRef(new_name(text))
    return person


def _size(text: str) -> int:
    return check_size(int(text) if text.isdigit() else 0)


def _sizes(text: str) -> SetSize | SetCloseSize:
    """``size N`` (the vital few) or ``size close N`` (the close circle)."""
    word, _, number = text.partition(" ")
    if word.lower() != "close":
        if not text:
            raise GrammarError(f"How many people? {SIZE_USAGE}", "size")
        return SetSize(_size(text))
    number = number.strip()
    if not number:
        raise GrammarError(f"How many people? {CLOSE_SIZE_USAGE}", "size")
    size = int(number) if number.isdigit() and len(number) < 4 else -1
    if not 0 <= size <= MAX_CLOSE_SIZE:
        raise GrammarError(CLOSE_SIZE_USAGE, "size")
    return SetCloseSize(size)


def check_size(size: int) -> int:
    """A vital-few size within 1 to ``MAX_SIZE``, else refused."""
    if isinstance(size, bool) or not 1 <= size <= MAX_SIZE:
        raise GrammarError(SIZE_USAGE, "size")
    return size


def _cadence(text: str, known: Sequence[Known]) -> SetCadence:
    head, _, last = text.rpartition(" ")
    if head and last.lower() in CIRCLE_DEFAULT_WORDS:
        return SetCadence(_required_person(head, known, "every"), None, circle_default=True)
    number, _, unit = head.rpartition(" ")
    if unit.isdigit() and _DURATION.match(f"{unit} {last}"):  # "2 weeks": two words
        head, last = number, f"{unit} {last}"
    try:
        days = parse_duration(last)
    except GrammarError:
        if who := _known_only(text, known):  # "every Ana": the person, not how often
            raise GrammarError(f"How often for {who}? Say it like /vitalfew every "
                               f"{who} 10d, or off.", topic="every") from None
        raise
    if not head:
        return SetCadence(None, days)
    return SetCadence(_required_person(head, known, "every"), days)


#: ``every Ana default``: back to the cadence of the circle Ana is in.
CIRCLE_DEFAULT_WORDS = ("default", "reset")


def _known_only(text: str, known: Sequence[Known]) -> str | None:
    """The name of the known person ``text`` names whole, else None."""
    try:
        ref = named(text, known) if text else None
    except GrammarError:
        return None
    return ref.name if ref is not None and ref.person_id is not None else None


def parse_duration(text: str) -> int | None:
    """A cadence: ``10d``, ``2w``, ``2 weeks``, ``1m`` (a month is 30 days) or ``off``
    (None)."""
    if text.lower() in ("off", "none", "never"):
        return None
    if not text.strip():
        raise GrammarError("How often? Say it like 10d, 2 weeks, 1m or off.", topic="every")
    if text.strip().isdigit():  # "every Ana 2": days, weeks or months?
        raise GrammarError(_which_cadence(int(text.strip())), topic="every")
    match = _DURATION.match(text.strip())
    if not match:
        raise GrammarError(
            f"I couldn't read '{text}' as a cadence. Try 10d, 2 weeks, 1m or off.",
            topic="every"
        )
    n, unit = int(match.group(1)), match.group(2).lower()
    days = n * (7 if unit.startswith("w") else 30 if unit.startswith("m") else 1)
    if not 1 <= days <= 365:
        raise GrammarError("A cadence is between 1 day and a year.", topic="every")
    return days


def _which_cadence(n: int) -> str:
    """A bare number asks its unit, offering only the cadences that can be set (1 day to
    a year): "I couldn't read '2' as a cadence" did not say what was missing."""
    units = [(u, short) for u, short, days in (("day", "d", 1), ("week", "w", 7),
                                               ("month", "m", 30)) if 1 <= n * days <= 365]
    if not units:
        return "A cadence is between 1 day and a year."
    said = [f"{n} {u}{'s' * (n != 1)}" for u, _ in units]
    typed = [f"{n}{short}" for _, short in units]
    if len(units) == 1:
        return f"{said[0]}? Write {typed[0]} (a cadence is at most a year)."
    return (f"{', '.join(said[:-1])} or {said[-1]}? Write {', '.join(typed[:-1])} "
            f"or {typed[-1]}.")


def _digest(text: str) -> Command:
    words = text.lower().split()
    if not words:
        return DigestShow()
    if words in (["off"], ["stop"]):
        return DigestOff()
    if words in (["on"], ["start"]):
        return DigestOn()
    if words == ["now"]:
        return DigestNow()
    if len(words) == 2 and words[1] in WEEKDAYS and words[0] not in WEEKDAYS:
        words.reverse()  # "9am monday" says the same as "monday 9am"
    if len(words) in (1, 2) and words[0] in WEEKDAYS:
        at = parse_clock(words[1]) if len(words) == 2 else DEFAULT_DIGEST_TIME
        return DigestSchedule(WEEKDAYS[words[0]], at)
    if len(words) == 1 and _CLOCK.fullmatch(words[0]):  # a time alone: the usage said nothing
        at = parse_clock(words[0])  # a time that is none is refused as such
        raise GrammarError(f"Which day? Say it like /vitalfew digest monday {at:%H:%M}.",
                           topic="digest")
    raise GrammarError(
        DIGEST_USAGE,
        topic="digest",
    )


def parse_clock(text: str) -> time:
    match = _CLOCK.match(text.strip())
    hour = int(match.group(1)) if match else 99
    minute = int(match.group(2) or 0) if match else 99
    if match and match.group(3):
        hour = hour % 12 + (12 if match.group(3).lower() == "pm" else 0) if hour <= 12 else 99
    if hour > 23 or minute > 59:
        raise GrammarError(f"I couldn't read '{text}' as a time of day, like 09:00.", "digest")
    return time(hour, minute)
