"""Discord options → the chat text the shared grammar reads (SPEC §3).

Discord hands us typed options; the core reads text exactly as typed in chat. Building
that text here keeps one grammar for every platform: a User option becomes a mention,
a free-text name is quoted when it has spaces so the grammar reads it as one name, and
a person is joined to the words after it (a note, what was promised) so that no word of
those can become part of the name, whatever they look like (``re: lunch``, ``- great``).
"""

from __future__ import annotations

import re

import discord

from bot.text import clean, visible

_MENTION = re.compile(r"^<@!?\d+>$")
#: Quote pairs the grammar understands, tried in order.
_QUOTE_PAIRS = (('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("'", "'"))
_OPENERS = "\"'\u201c\u201e"


def mention(user: discord.abc.Snowflake) -> str:
    """A User option as the grammar's mention: ``<@123>``."""
    return f"<@{user.id}>"


def typed_person(person: str | None) -> str | None:
    """A ``person`` option as typed: None when left out; ``""`` when given but showing
    nothing (spaces, control or zero-width characters), which is no one, not a name."""
    if person is None:
        return None
    person = " ".join(clean(person).split())
    return person if visible(person) else ""


def person_text(name: str) -> str:
    """A person field as the grammar's PERSON: mentions as they are, names quoted when
    needed.

    A plain one-word name stays bare so that "Ana" still finds a known "Ana Silva" the way
    it does when typed in chat; a name with spaces, or one that starts with a quote or
    ``<`` or ends like a separator, is quoted so that it is read whole and literally.
    """
    name = " ".join(name.split())
    if not name or _MENTION.match(name) or _bare(name):
        return name
    for opening, closing in _QUOTE_PAIRS:
        if closing not in name:
            return f"{opening}{name}{closing}"
    return '"' + name.replace('"', "") + '"'


def _bare(name: str) -> bool:
    """A name the grammar reads whole without quotes, even with words after it."""
    return (" " not in name and name[0] not in _OPENERS and not name.startswith("<")
            and not name.endswith((":", ",", ";")))


def who(person: str | None, user: discord.abc.Snowflake | None) -> str:
    """The PERSON part of a command: the User option wins over a typed name."""
    if user is not None:
        return mention(user)
    return person_text(person or "")


def person_then(person: str, rest: str | None) -> str:
    """PERSON (from ``who``) followed by the rest of the command, kept apart.

    A mention or a quoted name ends where it ends. A bare one-word name is ended by ``:``
    (SPEC §3: "a name ended by ``:``"), so that the grammar neither reads a ``:`` or `` - ``
    in the rest as the end of a longer name nor takes the rest's first words for more of
    a known name: ``person:Zed note:"re: lunch"`` is Zed, with the note "re: lunch".
    """
    rest = (rest or "").strip()
    if not rest:
        return person
    if person and not _MENTION.match(person) and _bare(person):
        return f"{person}: {rest}"
    return join(person, rest)


def join(*parts: str | None) -> str:
    """Words in order, blanks left out: the rest of a command line."""
    return " ".join(p.strip() for p in parts if p and p.strip())
