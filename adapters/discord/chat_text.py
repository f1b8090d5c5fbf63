"""Discord options → the chat text the shared grammar reads (SPEC §3).

Discord hands us typed options; the core reads text exactly as typed in chat. Building
that text here keeps one grammar for every platform: a User option becomes a mention,
a free-text name is quoted when it has spaces so the grammar reads it as one name.
"""

from __future__ import annotations

import re

import discord

_MENTION = re.compile(r"^<@!?\d+>$")
#: Quote pairs the grammar understands, tried in order.
_QUOTE_PAIRS = (('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"))
_OPENERS = "\"'\u201c\u201e"


def mention(user: discord.abc.Snowflake) -> str:
    """A User option as the grammar's mention: ``<@123>``."""
    return f"<@{user.id}>"


def person_text(name: str) -> str:
    """A person field as typed: mentions as they are, names quoted when needed.

    A one-word name stays bare so that "Ana" still finds a known "Ana Silva" the way it
    does when typed in chat; a name with spaces is quoted so it is read whole.
    """
    name = " ".join(name.split())
    if not name or _MENTION.match(name):
        return name
    if " " not in name and name[0] not in _OPENERS and not name.endswith(":"):
        return name
    for opening, closing in _QUOTE_PAIRS:
        if closing not in name:
            return f"{opening}{name}{closing}"
    return '"' + name.replace('"', "") + '"'


def who(person: str | None, user: discord.abc.Snowflake | None) -> str:
    """The PERSON part of a command: the User option wins over a typed name."""
    if user is not None:
        return mention(user)
    return person_text(person or "")


def join(*parts: str | None) -> str:
    """Words in order, blanks left out: the rest of a command line."""
    return " ".join(p.strip() for p in parts if p and p.strip())
