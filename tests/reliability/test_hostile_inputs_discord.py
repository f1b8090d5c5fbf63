"""The hostile-input corpus through Discord's entry point: the application commands'
callbacks, called the way discord.py calls them, with an ``Interaction`` double.

Discord has no free text after a command: ``/touch`` takes ``person``, ``user`` and
``note``; ``/followup add`` also ``when`` and ``what``; ``/vitalfew`` has a subcommand per
word. ``on_discord`` puts each corpus entry into the options a user would fill in for it
(an unknown ``/vitalfew`` word goes into the free-text ``tz`` option, the nearest thing
Discord lets one type), within Discord's 6,000 characters per command.

Refused input: an ephemeral ⚠️ reply, nothing else sent, not one row changed. Hostile but
valid text: stored as typed, shown with markdown and mentions escaped, and every message
sent with ``AllowedMentions.none()`` so that not even a missed escape could ping.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from adapters.discord import DiscordRuntime
from bot.domain import Owner
from bot.services import VitalFewService
from bot.settings import Settings
from tests.discord.discord_doubles import ANA, ME, FakeInteraction, FakeUser, command, shown
from tests.reliability.corpus import (
    BAD_WHEN,
    CONTROL,
    DISCORD_MARKUP,
    LITERAL,
    LONG,
    REFUSED,
    SELF_AND_BOT,
    ZERO_WIDTH,
)
from tests.reliability.hostile_support import database_rows

BOT = 999999999999999999  # this bot's user (and application) id
OTHER_BOT = 888888888888888888
UNKNOWN = 404404404404404404
#: Discord's limits: all of a command's option values; a message's content; an embed.
MAX_OPTIONS, MAX_CONTENT, MAX_EMBED = 6000, 2000, 4096
OPENERS = '"\u201c\u201e'
CLOSERS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c"}


@dataclass
class DiscordUser(FakeUser):
    """A User option or an invoking user, with ``bot`` as discord.User has it."""

    bot: bool = False


@dataclass
class Case:
    """One invocation: a command's path, its options, and what the corpus entry was."""

    path: str
    options: dict[str, Any]
    source: str = ""
    #: "refused", or "literal": a quote typed into ``person`` is part of the name there.
    expect: str = "refused"
    user: int = ME
    message: Any = field(default=None, repr=False)

    @property
    def label(self) -> str:
        options = {k: (v[:40] if isinstance(v, str) else f"<user {v.id}>" if k == "user" else v)
                   for k, v in self.options.items()}
        return f"/{self.path} {options} ← {self.source[:50]!r}"


# --- the corpus as Discord options ------------------------------------------------------


def within_discord_limit(options: dict[str, Any]) -> dict[str, Any]:
    """Discord refuses a command whose option values total over 6,000 characters: trim the
    longest, as a user pasting a huge text would have to."""
    texts = {k: v for k, v in options.items() if isinstance(v, str)}
    while (excess := sum(map(len, texts.values())) - MAX_OPTIONS) > 0:
        longest = max(texts, key=lambda k: len(texts[k]))
        texts[longest] = texts[longest][: max(len(texts[longest]) - excess, MAX_OPTIONS // 2)]
    return {**options, **texts}


def person_option(text: str) -> tuple[dict[str, Any], str, bool]:
    """The PERSON at the start of chat text as Discord options, the rest, and whether it was
    an unclosed quote (which on Discord is just a character of the name)."""
    if not text.strip():
        return ({"person": text} if text else {}), "", False
    mention = re.match(r"<@(\w+)(?:\|[^>]*)?>\s*", text)
    if mention and not mention.group(1).isdigit():  # a Slack-style id: someone else's bot
        return {"user": DiscordUser(OTHER_BOT, "somebot", bot=True)}, text[mention.end():], False
    if text[0] in OPENERS:
        end = text.find(CLOSERS[text[0]], 1)
        if end == -1:
            return {"person": text}, "", True
        inside = text[1:end]
        return ({"person": inside} if inside else {}), text[end + 1:].strip(), False
    person, _, rest = text.partition(" ")
    return {"person": person}, rest.strip(), False


def when_option(rest: str) -> tuple[str | None, str]:
    """A WHEN the corpus put at the start of ``rest``, and what follows it."""
    for when in sorted([*BAD_WHEN, "tomorrow"], key=len, reverse=True):
        if rest == when or rest.startswith(when + " "):
            return when, rest[len(when):].strip()
    return None, rest


SUBCOMMANDS = ("add", "drop", "forget", "size", "every", "digest", "tz", "rename", "merge",
               "budget")


def on_discord(command_name: str, text: str) -> Case:
    """A corpus entry (chat command and text) as the options a Discord user would fill in."""
    if command_name == "touch":
        options, rest, unclosed = person_option(text)
        if rest:
            options["note"] = rest
        return Case("touch", within_discord_limit(options), text,
                    "literal" if unclosed else "refused")
    if command_name == "followup":
        options, rest, unclosed = person_option(text)
        when, what = when_option(rest)
        options |= {k: v for k, v in (("when", when), ("what", what)) if v}
        return Case("followup add", within_discord_limit(options), text,
                    "literal" if unclosed else "refused")
    word, _, rest = text.partition(" ")
    source = f"{command_name} {text}"
    if word not in SUBCOMMANDS:  # no such subcommand on Discord: typed where one can type
        return Case("vitalfew tz", within_discord_limit({"zone": text}), source)
    if word == "add":
        options = person_option(rest)[0] if rest else {}
        return Case("vitalfew add", within_discord_limit(options), source)
    if word in ("drop", "forget"):
        rest = re.sub(r"<@U\w+>", f"<@{UNKNOWN}>", rest)  # Discord ids are numbers
        return Case(f"vitalfew {word}", within_discord_limit({"person": rest}), source)
    if word == "budget":
        return Case("vitalfew budget", within_discord_limit({"amount": rest}), source)
    if word in ("size", "every") and rest.startswith("close"):
        value = rest.removeprefix("close").strip()
        if word == "every":
            return Case("vitalfew close", {"every": value} if value else {}, source)
        n = int(value) if re.fullmatch(r"-?\d+", value) else (value or None)
        return Case("vitalfew close", {"size": n}, source)
    if word == "size":
        # Discord's client sends only integers here; anything else is passed as it came,
        # as a forged or future client might.
        n: Any = int(rest) if re.fullmatch(r"-?\d+", rest) else (rest or None)
        return Case("vitalfew size", {"n": n}, source)
    if word == "every":
        head, _, duration = rest.rpartition(" ")
        options = {"duration": duration} | ({"person": head} if head else {})
        return Case("vitalfew every", within_discord_limit(options), source)
    if word in ("rename", "merge"):
        rest = re.sub(r"<@U\w+>", f"<@{UNKNOWN}>", rest)
        person, _, other = rest.rpartition(" to " if word == "rename" else " into ")
        second = {"rename": "name", "merge": "into"}[word]
        options = {"person": person or rest, second: other or ""}
        return Case(f"vitalfew {word}", within_discord_limit(options), source)
    if word == "digest":
        setting, _, at = rest.partition(" ")
        options = {"setting": setting} | ({"at": at} if at else {})
        return Case("vitalfew digest", within_discord_limit(options), source)
    return Case("vitalfew tz", within_discord_limit({"zone": rest}), source)


ME_USER = DiscordUser(ME, "me")
BOT_USER = DiscordUser(BOT, "Vital Few", bot=True)
SOME_BOT = DiscordUser(OTHER_BOT, "somebot", bot=True)


def discord_only_refusals() -> list[Case]:
    """What only Discord's options allow: blank or invisible people beside a note, the
    6,000-character limit, yourself and bots picked as a User or right-clicked."""
    # A person given but blank (spaces, control or zero-width characters) is no one: it must
    # be refused, never read as absent, or the note would become the person ("/touch
    # person:'   ' note:hi" logging a touch with "hi") and "/vitalfew every person:'   '
    # duration:2w" would set the vital few's default instead.
    blank_people = ["   ", CONTROL, ZERO_WIDTH, "\u200b", "\ufeff\u2060"]
    cases = [Case("touch", {"person": p, "note": "hi"}, "blank person, a note")
             for p in blank_people]
    cases += [Case("followup add", {"person": p, "when": "tomorrow", "what": "call"},
                   "blank person, a what") for p in blank_people]
    cases += [
        Case("vitalfew every", {"person": "   ", "duration": "2w"}, "blank person, a cadence"),
        Case("vitalfew add", {"person": "\u200b"}, "invisible person"),
        Case("touch", {"note": "coffee"}, "no person at all"),
        *[Case("touch", {"person": "Ana", "note": "lunch", "minutes": m}, f"minutes {m}")
          for m in (0, -5, 1441, 99999, 10**12)],
        Case("vitalfew close", {"size": 5, "every": "1m"}, "size and cadence at once"),
        Case("touch", {"person": "Ana", "note": "n" * (MAX_OPTIONS - 3)}, "longest note"),
        Case("touch", {"person": "p" * MAX_OPTIONS}, "longest person"),
        Case("followup add", {"person": "Ana", "when": "w" * (MAX_OPTIONS - 3)}, "longest when"),
        Case("followup add", {"person": "Ana", "when": "tomorrow", "what": "w" * 5989},
             "longest what"),
        Case("vitalfew tz", {"zone": "z" * MAX_OPTIONS}, "longest zone"),
        Case("vitalfew digest", {"setting": "monday", "at": "9" * 5994}, "longest time"),
        # Over the core's 4,000-character cap: refused by length before being read (a
        # 6,000-character duration used to stall the bot and then set the cadence).
        Case("vitalfew every", {"duration": " " * 5998 + "2w"}, "duration padded before"),
        Case("vitalfew every", {"duration": "2w" + " " * 5998}, "duration padded after"),
        Case("vitalfew every", {"duration": "1" * MAX_OPTIONS}, "longest duration"),
        Case("touch", {"person": "Sam " * 1_200 + "Lee", "note": "x"}, "long person"),
        Case("vitalfew digest", {"setting": "monday" + " " * 5990}, "long setting"),
    ]
    return cases


def self_and_bot_cases() -> list[Case]:
    """Yourself and bots: typed as a mention, picked as a User option, right-clicked."""
    cases = [on_discord(c, t.format(me=ME, bot=BOT)) for c, t in SELF_AND_BOT]
    cases += [
        Case("touch", {"person": f"<@!{ME}>", "note": "coffee"}, "<@!me>"),
        Case("touch", {"user": ME_USER, "note": "coffee"}, "user: yourself"),
        Case("followup add", {"user": ME_USER, "when": "tomorrow", "what": "x"},
             "user: yourself"),
        Case("vitalfew add", {"user": ME_USER}, "user: yourself"),
        Case("touch", {"user": BOT_USER, "note": "hi"}, "user: this bot"),
        Case("touch", {"user": SOME_BOT, "note": "hi"}, "user: another bot"),
        Case("vitalfew every", {"user": BOT_USER, "duration": "2w"}, "user: this bot"),
        Case("Log a touch", {"user": ME_USER}, "right-click yourself"),
        Case("Log a touch", {"user": BOT_USER}, "right-click this bot"),
        Case("Follow up on this", {}, "a message by this bot",
             message=SimpleNamespace(author=BOT_USER, jump_url="https://discord.com/x/1/2/3")),
        Case("Follow up on this", {}, "a message of your own",
             message=SimpleNamespace(author=ME_USER, jump_url="https://discord.com/x/1/2/4")),
    ]
    return cases


# --- driving the commands -----------------------------------------------------------------


class Discord:
    """The Discord runtime's command tree, invoked as discord.py invokes it."""

    def __init__(self, runtime: DiscordRuntime) -> None:
        self.client = runtime.client
        self.tree = runtime.client.tree

    def callback(self, path: str) -> Any:
        menu = {"Log a touch": discord.AppCommandType.user,
                "Follow up on this": discord.AppCommandType.message}.get(path)
        if menu is not None:
            return self.tree.get_command(path, type=menu).callback
        return command(self.tree, path).callback

    async def run(self, case: Case) -> FakeInteraction:
        inter = FakeInteraction(self.client, case.user)
        inter.application_id = BOT
        args = (case.message,) if case.message is not None else ()
        await self.callback(case.path)(inter, *args, **case.options)
        return inter

    async def __call__(self, path: str, by: int = ME, **options: Any) -> FakeInteraction:
        """``await bot("touch", person="Ana")``: a command invoked by user ``by``."""
        return await self.run(Case(path, options, user=by))


@pytest.fixture
async def bot(store, clock) -> AsyncIterator[Discord]:
    settings = Settings(_env_file=None, database_url=store.url, discord_token=None,
                        discord_guild_id=None)
    runtime = DiscordRuntime(VitalFewService(store.uow, clock), store.uow, store, settings, clock)
    discord_bot = Discord(runtime)
    # An owner with people, touches and an open follow-up, so that a refused input has
    # something it could wrongly change.
    for path, options in (("touch", {"person": "Sam Lee", "note": "coffee"}),
                          ("touch", {"user": DiscordUser(ANA, "Ana"), "note": "call"}),
                          ("followup add", {"person": "Ana", "when": "tomorrow",
                                            "what": "send the deck"})):
        primed = await discord_bot(path, **options)
        assert not primed.sent["content"].startswith("⚠️"), primed.text
    yield discord_bot


# --- reading what Discord was sent --------------------------------------------------------


def as_read(text: str) -> str:
    """What Discord displays: a backslash before punctuation is an escape, and the
    zero-width space that defuses ``@everyone`` is invisible."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("@\u200b", "@")


UNESCAPED_MARKDOWN = re.compile(
    r"(?<!\\)(\*\*|__|~~|\|\||`)|(?<!\\)\[[^\]\n]*\]\(|^(?:>|#{1,3} |-# )", re.MULTILINE)
PINGS = re.compile(r"@(everyone|here)|<@[!&]?\d+>")


def user_text(kwargs: dict[str, Any]) -> str:
    """Content without the adapter's own bold markers, and the embed's description."""
    content = (kwargs.get("content") or "").removeprefix("⚠️ ")
    content = content.removeprefix("**").removesuffix("**")
    return shown({**kwargs, "content": content})


def unsafe(inter: FakeInteraction) -> list[str]:
    """Why what this interaction showed could ping, format or be rejected ([] if it can't)."""
    problems = []
    replies = [m.await_args.kwargs for m in (inter.response.send_message, inter.followup.send)
               if m.await_count]
    if len(replies) != 1:
        return [f"{len(replies)} replies"]
    kwargs = replies[0]
    if kwargs.get("ephemeral") is not True:
        problems.append("not ephemeral: the channel sees it")
    mentions = kwargs.get("allowed_mentions")
    if mentions is None or mentions.to_dict() != discord.AllowedMentions.none().to_dict():
        problems.append(f"allowed_mentions {mentions!r}: a mention would ping")
    if PINGS.search(shown(kwargs)):
        problems.append(f"an unescaped mention: {PINGS.search(shown(kwargs)).group(0)!r}")
    if found := UNESCAPED_MARKDOWN.search(user_text(kwargs)):
        problems.append(f"unescaped markdown {found.group(0)!r}")
    if len(kwargs.get("content") or "") > MAX_CONTENT:
        problems.append("content over 2000 characters")
    embed = kwargs.get("embed")
    if embed is not None and len(embed.description or "") > MAX_EMBED:
        problems.append("embed over 4096 characters")
    if inter.user.send.await_count:
        problems.append("a DM was sent")
    return problems


def said(inter: FakeInteraction) -> str:
    """The start of what the user was shown ("" if nothing was)."""
    try:
        return inter.text[:100]
    except AssertionError:
        return ""


def refusal_problems(inter: FakeInteraction) -> list[str]:
    """Why this is not a clear, private error reply ([] if it is one)."""
    problems = unsafe(inter)
    if not said(inter):
        return problems
    content = inter.sent.get("content") or ""
    if not content.startswith("⚠️") or len(content) < 10:
        problems.append(f"not an error: {content[:100]!r}")
    if "went wrong" in inter.text.lower():
        problems.append("'something went wrong' (a crash, not a clear reply)")
    return problems


async def refused_wrongly(bot: Discord, store, cases: list[Case]) -> list[tuple]:
    """Each case invoked in turn: the ones that were not refused cleanly, and how."""
    before = await database_rows(store)
    wrong = []
    for case in cases:
        try:
            inter = await bot.run(case)
            problems, shown_text = refusal_problems(inter), said(inter)
        except Exception as err:  # a crash in the callback: Discord shows "failed"
            problems, shown_text = [f"raised {err!r}"[:200]], ""
        if await database_rows(store) != before:
            problems.append("the database changed")
            before = await database_rows(store)  # judge the next case on its own
        if problems:
            wrong.append((case.label, problems, shown_text))
    return wrong


async def stored(store, user: int = ME) -> tuple[list[str], list[str]]:
    async with store.uow() as uow:
        owner = Owner("discord", "", str(user))
        return ([p.name for p in await uow.people.list(owner)],
                [t.note for t in await uow.touches.list(owner)])


# --- the tests ------------------------------------------------------------------------------


def long_on_discord(command_name: str, text: str) -> Case:
    """A long corpus entry with its length kept in one option, where a user pasting it
    would put it (split at its first space like the rest, it would turn short)."""
    if command_name == "touch":
        return Case("touch", within_discord_limit({"person": "Ana", "note": text}), text)
    if command_name == "followup":
        options = {"person": "Ana", "when": "tomorrow", "what": text}
        return Case("followup add", within_discord_limit(options), text)
    word, _, rest = text.partition(" ")
    if word == "add":
        return Case("vitalfew add", within_discord_limit({"person": rest}), text)
    return on_discord(command_name, text)


CORPUS = [(long_on_discord if (c, t) in LONG else on_discord)(c, t) for c, t in REFUSED]


def test_every_corpus_entry_reaches_discord_within_its_limits():
    assert len(CORPUS) == len(REFUSED) >= 150
    for case in CORPUS:
        texts = [v for v in case.options.values() if isinstance(v, str)]
        assert sum(map(len, texts)) <= MAX_OPTIONS, case.label


async def test_every_refused_input_gets_a_clear_ephemeral_error_and_stores_nothing(bot, store):
    cases = [c for c in CORPUS if c.expect == "refused"] + discord_only_refusals()
    wrong = await refused_wrongly(bot, store, cases)
    assert not wrong, "\n".join(map(repr, wrong))


async def test_mentioning_yourself_or_a_bot_is_refused_and_stores_nothing(bot, store):
    """Logging a touch with yourself, or with a bot, is not keeping up a relationship."""
    wrong = await refused_wrongly(bot, store, self_and_bot_cases())
    assert not wrong, "\n".join(map(repr, wrong))


async def literal_wrongly(bot: Discord, store, cases: list[tuple[Case, str]]) -> list[tuple]:
    """Each case by a user of its own, with the name it must store: the ones that were not
    stored as typed, or not shown literally (in the reply and in /vitalfew people)."""
    wrong = []
    for case, name in cases:
        problems = []
        inter = await bot.run(case)
        people = await bot("vitalfew people", by=case.user)
        problems += unsafe(inter) + unsafe(people)
        if inter.sent["content"].startswith("⚠️"):
            problems.append("refused")
        if name not in as_read(inter.text) or name not in as_read(people.text):
            problems.append("not shown as typed")
        names, _ = await stored(store, case.user)
        if names != [name]:
            problems.append(f"stored {names!r}")
        if problems:
            wrong.append((case.label, problems, inter.text[:100]))
    return wrong


#: "[link](https://evil.example)" as person and note puts two masked links on one line:
#: both must be inert (discord.utils.escape_markdown's greedy \[.+\]\(.+\) escapes only the
#: first).
async def test_hostile_names_and_notes_are_stored_and_shown_literally(bot, store):
    cases = [(Case("touch", {"person": name, "note": name}, name, user=1000 + i),
              " ".join(name.split())) for i, name in enumerate(LITERAL)]
    wrong = await literal_wrongly(bot, store, cases)
    notes = [(await stored(store, 1000 + i))[1] for i in range(len(LITERAL))]
    assert not wrong, "\n".join(map(repr, wrong))
    assert notes == [[name.strip()] for name in LITERAL]


async def test_a_quote_typed_into_the_person_option_is_part_of_the_name(bot, store):
    """Chat needs quotes to mark a name; Discord's ``person`` option is the name whole, so
    the corpus's broken quotes (``"Ana``) are names there, stored as typed."""
    literal = [c for c in CORPUS if c.expect == "literal"]
    assert len(literal) >= 3
    cases = [(Case(c.path, c.options, c.source, "literal", user=2000 + i),
              " ".join(c.options["person"].split())) for i, c in enumerate(literal)]
    wrong = await literal_wrongly(bot, store, cases)
    assert not wrong, "\n".join(map(repr, wrong))


#: Notes that read like the chat grammar's PERSON boundary (a name ended by ``:`` or
#: `` - ``): on Discord the person is its own option, so they must stay notes.
BOUNDARY_NOTES = ["re: lunch", "coffee - great", ":smile: thanks", "— from Bo"]


async def test_discord_markup_in_a_note_is_kept_literally_and_never_pings(bot, store):
    wrong = []
    for i, note in enumerate(DISCORD_MARKUP + BOUNDARY_NOTES):
        inter = await bot("touch", by=3000 + i, person="Zed", note=note)
        problems = unsafe(inter)
        if inter.sent["content"].startswith("⚠️"):
            problems.append("refused")
        if f"with Zed: {note}" not in as_read(inter.text):
            problems.append("the note is not shown as typed")
        if (kept := await stored(store, 3000 + i)) != (["Zed"], [note]):
            problems.append(f"stored {kept!r}")
        if problems:
            wrong.append((note, problems, inter.text[:100]))
    assert not wrong, "\n".join(map(repr, wrong))


async def test_a_time_in_a_dst_gap_moves_to_the_first_real_time(bot, store):
    """Berlin skips 02:00-03:00 on 28 March 2027: 02:30 is due at 03:00 CEST (01:00 UTC),
    said plainly; 02:30 on 31 October 2027 happens twice: the first, CEST (00:30 UTC)."""
    await bot("vitalfew tz", zone="Europe/Berlin")
    gap = await bot("followup add", person="Ana", when="2027-03-28 02:30", what="gap")
    fold = await bot("followup add", person="Ana", when="2027-10-31 02:30", what="fold")
    assert unsafe(gap) == [] and unsafe(fold) == []
    assert "Due Sun 28 Mar 2027, 03:00 Europe/Berlin" in gap.text
    assert "Due Sun 31 Oct 2027, 02:30 Europe/Berlin" in fold.text
    async with store.uow() as uow:
        followups = await uow.followups.list_all(Owner("discord", "", str(ME)))
    due = {f.what: f.due_at for f in followups}
    assert due["gap"] == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    assert due["fold"] == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


async def test_a_mention_of_everyone_a_role_or_a_channel_as_the_person_never_pings(bot, store):
    """``person: @everyone`` or a role or channel mention is not a user. Refused or kept
    as a literal name, either way the reply is clear and escaped, and nothing pings."""
    mentions = ["@everyone", "@here", "<@&123456789012345678>", "<#123456789012345678>"]
    wrong = []
    for i, markup in enumerate(mentions):
        before = await database_rows(store)
        inter = await bot("touch", by=4000 + i, person=markup, note="hi")
        problems = unsafe(inter)
        if "went wrong" in inter.text.lower():
            problems.append("'something went wrong'")
        if inter.sent["content"].startswith("⚠️"):
            if await database_rows(store) != before:
                problems.append("refused, yet the database changed")
        elif (await stored(store, 4000 + i))[0] != [markup]:
            problems.append("kept, but not as typed")
        if problems:
            wrong.append((markup, problems, inter.text[:100]))
    assert not wrong, "\n".join(map(repr, wrong))
