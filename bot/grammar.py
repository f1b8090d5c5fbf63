"""The command grammar (README: Commands): one parser shared by every adapter and the terminal.

``parse(command, text, known)`` turns what the user typed into a command object. It is
pure: the services look the people up and store things; the grammar only reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
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
from bot.text import MAX_NAME, MAX_NOTE, clean, name_key, shows, too_long, visible
from bot.when_words import WEEKDAYS

WHO = "Who? Name a person."
WHICH_ZONE = "Which time zone? For example: /vitalfew tz Europe/Berlin"
DIGEST_USAGE = "Try /vitalfew digest monday 09:00, /vitalfew digest off or /vitalfew digest now."
SIZE_USAGE = f"The vital few can be 1 to {MAX_SIZE} people: /vitalfew size 5"
CLOSE_SIZE_USAGE = (f"The close circle can be 0 to {MAX_CLOSE_SIZE} people: "
                    "/vitalfew size close 15")


class GrammarError(ValueError):
    """Input we cannot act on; ``str(err)`` is the friendly message, ``topic`` the usage."""

    def __init__(self, message: str, topic: str | None = None) -> None:
        super().__init__(message)
        self.topic = topic


@dataclass(frozen=True)
class Known:
    """A person the owner already has, as the grammar needs to see them."""

    id: int
    name: str
    platform_id: str | None = None
    #: Former names (``/vitalfew rename``): they find the person as the name does.
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class AmbiguousPerson(GrammarError):
    """Two or more known people match equally well: the owner must say which."""

    def __init__(self, typed: str, candidates: Sequence[Known]) -> None:
        names = ", ".join(f'"{k.name}"' for k in candidates)
        super().__init__(f"Which {typed}? You know {names}. Type the full name in quotes.")
        self.candidates = tuple(candidates)


COMMANDS = ("touch", "followup", "vitalfew")
#: Words that ask for help where a person is expected: never a person's name.
HELP_WORDS = ("help", "?")

_MENTION = re.compile(r"<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>")
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "'": "'"}
#: ``(?<!\s)``: a dash separator is looked for from the start of a run of spaces only;
#: tried from every space of a long run, the search was quadratic in its length.
_SEPARATOR = re.compile(r":(?=\s|$)|(?<!\s)\s+[-\u2014\u2013]\s+")
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
        return Pin(_required_person(rest, known, "vitalfew"), word in ("add", "pin"))
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
    return Help(unknown=word)


MERGE_USAGE = "Say who is who: /vitalfew merge Bea into @Bea"
RENAME_USAGE = "Say who and their new name: /vitalfew rename Sam to Sam Lee"


def _rename(text: str, known: Sequence[Known]) -> Rename:
    """``PERSON to NAME``: the new name as typed (quotes optional)."""
    person_text, to, name = text.rpartition(" to ")
    if not to or not person_text.strip():
        raise GrammarError(RENAME_USAGE, topic="rename")
    name = name.strip()
    if len(name) > 1 and name[0] in _QUOTES and name.endswith(_QUOTES[name[0]]):
        name = name[1:-1]
    person = _required_person(person_text.strip(), known, "rename")
    return Rename(person, _name(name))


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
            target = _ref(pair[0])
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
    return _ref(rest[0])


def _required_person(text: str, known: Sequence[Known], topic: str) -> PersonRef:
    if not text:
        raise GrammarError(WHO, topic=topic)
    person, rest = read_person(text, known)
    if rest and person.person_id is None and person.platform_id is None:
        # "/vitalfew add Ana Silva" for someone new: the whole text is the name.
        person = PersonRef(_name(text))
    return person


def _size(text: str) -> int:
    return check_size(int(text) if text.isdigit() else 0)


def _sizes(text: str) -> SetSize | SetCloseSize:
    """``size N`` (the vital few) or ``size close N`` (the close circle)."""
    word, _, number = text.partition(" ")
    if word.lower() != "close":
        return SetSize(_size(text))
    number = number.strip()
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
    number, _, unit = head.rpartition(" ")
    if unit.isdigit() and _DURATION.match(f"{unit} {last}"):  # "2 weeks": two words
        head, last = number, f"{unit} {last}"
    days = parse_duration(last)
    if not head:
        return SetCadence(None, days)
    return SetCadence(_required_person(head, known, "every"), days)


def parse_duration(text: str) -> int | None:
    """A cadence: ``10d``, ``2w``, ``2 weeks``, ``1m`` (a month is 30 days) or ``off``
    (None)."""
    if text.lower() in ("off", "none", "never"):
        return None
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
    if len(words) in (1, 2) and words[0] in WEEKDAYS:
        at = parse_clock(words[1]) if len(words) == 2 else DEFAULT_DIGEST_TIME
        return DigestSchedule(WEEKDAYS[words[0]], at)
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


# --- PERSON -----------------------------------------------------------------------


def read_person(text: str, known: Sequence[Known]) -> tuple[PersonRef, str]:
    """Split ``text`` into the PERSON it starts with and the rest."""
    text = text.strip()
    if not text:
        raise GrammarError(WHO)
    if len(text) > 1 and text[0] == "@" and shows(text[1]):
        stored_so = _known_prefix(text, known)  # someone stored as "@sam" before this rule
        if stored_so:
            return stored_so
        text = text[1:]  # "@sam" typed where no mention is made: the person "sam"
    return (
        _mention(text, known)
        or _quoted(text, known)
        or _separated(text, known)
        or _known_prefix(text, known)
        or _first_word(text, known)
    )


def named(name: str, known: Sequence[Known]) -> PersonRef:
    """The person a name typed on its own means (a form's person field): the known person
    it names whole, by full or first name, else a new person of that name."""
    name = _name(clean(name))
    prefix = _known_prefix(name, known)
    if prefix and not prefix[1]:
        return prefix[0]
    return _by_first_name(name, known) if " " not in name else _exact(name, known)


def _mention(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    match = _MENTION.match(text)
    if not match:
        return None
    platform_id, label = match.group(1), (match.group(2) or "").strip()
    rest = text[match.end():].strip()
    for k in known:
        if k.platform_id == platform_id:
            return PersonRef(k.name, platform_id, k.id), rest
    # A label that shows nothing is no label: the platform's name for the id is used.
    return PersonRef(_name(label) if is_name(label) else "", platform_id), rest


def _quoted(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    close = _QUOTES.get(text[0])
    if close is None:
        return None
    end = text.find(close, 1)
    if end == -1:
        if text[0] == "'":
            return None  # an apostrophe, not a quote
        raise GrammarError("A quote is not closed: write the name like \"Ana Silva\".")
    name = _name(text[1:end])
    return _exact(name, known), text[end + 1:].strip()


def _separated(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    match = _SEPARATOR.search(text)
    if not match or match.start() == 0:
        return None
    name = _name(text[: match.start()])
    prefix = _known_prefix(name, known)
    if prefix and prefix[1]:
        return None  # "Ana coffee - great": a known name plus words, not a name
    rest = text[match.end():].strip()
    if prefix:
        return prefix[0], rest  # the whole name is a known person's
    if " " not in name:
        # "Ana: coffee" finds "Ana Silva" as "Ana coffee" does: the separator only ends
        # the name (Discord joins a one-word person option to its note this way).
        return _by_first_name(name, known), rest
    return PersonRef(name), rest


def _known_prefix(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    """The known person whose name (or former name) is the longest run of leading words.

    Linear in the text: each word is keyed once, and only as many words as the longest
    known name has (a prefix's key is its words' keys joined by spaces), where keying
    every prefix whole was quadratic in the number of words typed."""
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(known):
        for key in {name_key(name) for name in k.names} - {""}:
            by_key.setdefault(key, []).append(i)
    if not by_key:
        return None
    longest = max(len(key.split()) for key in by_key)
    words = text.split()
    matched: dict[int, int] = {}  # index in known -> words its longest match spans
    keys: list[str] = []
    for n, word in enumerate(words, start=1):
        keys += name_key(word).split()
        if len(keys) > longest:
            break
        for i in by_key.get(" ".join(keys), ()):
            matched[i] = n
    if not matched:
        return None
    best_len = max(matched.values())
    best = [known[i] for i in sorted(i for i, n in matched.items() if n == best_len)]
    if len(best) > 1:
        raise AmbiguousPerson(" ".join(words[:best_len]), best)
    return _ref(best[0]), " ".join(words[best_len:])


def _first_word(text: str, known: Sequence[Known]) -> tuple[PersonRef, str]:
    word, _, rest = text.partition(" ")
    return _by_first_name(word.rstrip(",;"), known), rest.strip()


def _by_first_name(word: str, known: Sequence[Known]) -> PersonRef:
    """The one known person whose first name is ``word``, else a new person ``word``."""
    matches = [k for k in known if any(
        name_key(name.split()[0] if name.split() else "") == name_key(word) for name in k.names)]
    if len(matches) > 1:
        raise AmbiguousPerson(word, matches)
    if matches:
        return _ref(matches[0])
    return PersonRef(_name(word))


def _exact(name: str, known: Sequence[Known]) -> PersonRef:
    matches = [k for k in known if any(name_key(n) == name_key(name) for n in k.names)]
    if len(matches) > 1:
        raise AmbiguousPerson(name, matches)
    return _ref(matches[0]) if matches else PersonRef(name)


def _ref(k: Known) -> PersonRef:
    return PersonRef(k.name, k.platform_id, k.id)


def _name(name: str) -> str:
    """A new person's name as typed, spaces collapsed; refused when nothing of it shows
    (zero-width spaces, joiners, a byte-order mark): nobody could read or pick it."""
    name = " ".join(name.split())
    if not name:
        raise GrammarError("The name is empty.")
    if not visible(name):
        raise GrammarError("The name is empty: it has only invisible characters.")
    if len(name) > MAX_NAME:
        raise GrammarError(f"That name is {len(name):,} characters; names can be at most "
                           f"{MAX_NAME}.")
    if not is_name(name):
        raise GrammarError(f"'{name}' is not a name: a name needs a letter or a digit. "
                           "Try /touch Ana coffee.")
    return name


def is_name(text: str) -> bool:
    """Whether ``text`` can name someone: it has a letter, a digit or an emoji, not only
    punctuation ("@", ":", "-") or invisible characters."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "So"
               for c in text)
