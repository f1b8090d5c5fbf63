"""Reading who a command is about: the PERSON at the start of /touch and /followup.

A person is a Slack or Discord mention, a quoted name, a name before a separator
("Ana Silva: lunch"), the longest run of leading words that names someone already known,
or else the first word. Split from ``bot.grammar`` because this is the one part of the
grammar that needs the owner's people; the rest reads words alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bot.commands import PersonRef
from bot.text import MAX_NAME, clean, name_key, shows, visible
from bot.when_words import TIME_ZONES

WHO = "Who? Name a person."

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


_MENTION = re.compile(r"<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>")
QUOTES = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "'": "'"}
#: ``(?<!\s)``: a dash separator is looked for from the start of a run of spaces only;
#: tried from every space of a long run, the search was quadratic in its length.
_SEPARATOR = re.compile(r":(?=\s|$)|(?<!\s)\s+[-\u2014\u2013]\s+")
#: The words either side of a dash that joins a range of times or days, both of one kind
#: ("5pm - 6pm", "9:30 - 11:00", "tuesday - friday"): that dash is the WHEN's, not the end
#: of a name ("Ana friday - 2nd draft" keeps its separator).
_RANGE_SIDES = (re.compile(r"\S*[0-9]\S*"),
                re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*", re.IGNORECASE))
_AM_PM = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)



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
    name = new_name(clean(name))
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
    return PersonRef(new_name(label, mention=True) if is_name(label) else "", platform_id), rest


def _quoted(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    close = QUOTES.get(text[0])
    if close is None:
        return None
    end = text.find(close, 1)
    if end == -1:
        if text[0] == "'":
            return None  # an apostrophe, not a quote
        raise GrammarError("A quote is not closed: write the name like \"Ana Silva\".")
    name = new_name(text[1:end])
    return _exact(name, known), text[end + 1:].strip()


def _separated(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    match = next((m for m in _SEPARATOR.finditer(text) if not _joins_a_range(text, m)), None)
    if not match or match.start() == 0:
        return None
    name = new_name(text[: match.start()])
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


def _joins_a_range(text: str, match: re.Match[str]) -> bool:
    """"/followup Ana 5pm - 6pm call": the dash is a range's (due 17:00, note "call"); read as
    the end of a name it made "Ana 5pm" and left "6pm" in the note."""
    if match[0].strip() == ":":
        return False
    before = text[max(0, match.start() - 40) : match.start()].split()
    if len(before) > 1 and before[-1].lower() in _AM_PM:
        before.pop()  # "9:30 AM - 11:00 AM": the time is the word before
    elif len(before) > 1 and before[-1].lower() in TIME_ZONES:
        before.pop()  # "15:00 GMT - 18:00 GMT" (bot.when_spans)
    after = text[match.end() : match.end() + 40].split()
    if len(after) > 1 and _MONTH.fullmatch(after[0]):
        after.pop(0)  # "dec 8 - dec 10": the day after the month is the other end
    return bool(before and after) and any(
        side.fullmatch(before[-1]) and side.fullmatch(after[0]) for side in _RANGE_SIDES)


def _known_prefix(text: str, known: Sequence[Known]) -> tuple[PersonRef, str] | None:
    """The known person whose name (or former name) is the longest run of leading words.

    Linear in the text: each word is keyed once, and only as many words as the longest
    known name has (a prefix's key is its words' keys joined by spaces), where keying
    every prefix whole was quadratic in the number of words typed."""
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(known):
        for name in k.names:
            key = name_key(name)
            if not key:
                continue
            indexes = by_key.setdefault(key, [])
            if indexes[-1:] != [i]:  # once, if a former name keys as the name does
                indexes.append(i)
    if not by_key:
        return None
    longest = max(key.count(" ") for key in by_key) + 1  # keys are single-spaced
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
    return ref_of(best[0]), " ".join(words[best_len:])


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
        return ref_of(matches[0])
    return PersonRef(new_name(word))


def _exact(name: str, known: Sequence[Known]) -> PersonRef:
    matches = [k for k in known if any(name_key(n) == name_key(name) for n in k.names)]
    if len(matches) > 1:
        raise AmbiguousPerson(name, matches)
    return ref_of(matches[0]) if matches else PersonRef(name)


def ref_of(k: Known) -> PersonRef:
    """The reference a command carries for a known person: id and platform id kept."""
    return PersonRef(k.name, k.platform_id, k.id)


def new_name(name: str, *, mention: bool = False) -> str:
    """A new person's name as typed, spaces collapsed; refused when nothing of it shows
    (zero-width spaces, joiners, a byte-order mark): nobody could read or pick it. "help"
    typed is refused too: ``/touch help`` shows the usage, so a person of that name could
    never be reached by it, and so are "me" and "close" (a chat user ``mention``ed is whoever
    they are)."""
    name = " ".join(name.split())
    if not name:
        raise GrammarError("The name is empty.")
    if not visible(name):
        raise GrammarError("The name is empty: it has only invisible characters.")
    if len(name) > MAX_NAME:
        raise GrammarError(f"That name is {len(name):,} characters; names can be at most "
                           f"{MAX_NAME}.")
    if not is_name(name):
        raise GrammarError(f"'{name}' is not a name: a name needs a letter, a digit or an emoji. "
                           "Try /touch Ana coffee.")
    if not mention and (why := _RESERVED.get(name_key(name))):
        raise GrammarError(f"'{name}' can't be a name: {why}. Name someone, like "
                           "/touch Ana coffee.")
    return name


# Words a command already gives a meaning to, so a person of that name could not be reached.
_RESERVED = {
    "help": "/touch help shows the usage",
    "me": "/vitalfew forget me is about you, not a person",
    "close": "/vitalfew every close sets the close circle's cadence",
}


def is_name(text: str) -> bool:
    """Whether ``text`` can name someone: it has a letter, a digit or an emoji, not only
    punctuation ("@", ":", "-") or invisible characters."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "So"
               for c in text)
