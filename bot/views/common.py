"""Replies every command shares: usage, errors, help, refusals, and closing a message."""

from __future__ import annotations

from dataclasses import replace
from difflib import get_close_matches

from bot.replies import Reply, Section, reply

USAGE = {
    "touch": ("/touch PERSON [note]", "/touch Ana coffee", '/touch "Sam Lee" call about the move',
              "/touch Ana lunch 1h30  (a duration in the note: 45m, 1.5h, 2 hours, half an hour)"),
    "followup": ("/followup PERSON [WHEN] [what]", "/followup Ana friday send the intro",
                 "/followup Ana in 3 days", "/followup  (lists what you promised)"),
    "vitalfew": ("/vitalfew", "/vitalfew add Ana  ·  /vitalfew drop Ana",
                 "/vitalfew size 5  ·  /vitalfew every Ana 10d  ·  /vitalfew every 2w",
                 "/vitalfew circles  ·  /vitalfew size close 15  ·  /vitalfew every close 1m",
                 "/vitalfew budget 5h  ·  /vitalfew budget off",
                 "/vitalfew digest monday 09:00  ·  digest off  ·  digest now",
                 "/vitalfew tz Europe/Berlin  ·  /vitalfew settings",
                 "/vitalfew people  ·  /vitalfew export",
                 "/vitalfew forget Ana  ·  /vitalfew forget me",
                 "/vitalfew merge Bea into @Bea  ·  /vitalfew rename Sam to Sam Lee"),
}
TOPIC_COMMAND = {"every": "vitalfew", "size": "vitalfew", "digest": "vitalfew", "tz": "vitalfew",
                 "forget": "vitalfew", "add": "vitalfew", "drop": "vitalfew", "merge": "vitalfew",
                 "rename": "vitalfew", "budget": "vitalfew", "circles": "vitalfew"}

SORRY = "Something went wrong on my side; nothing was changed."
SELF_REFUSAL = "That's you. Name someone you talk to, like /touch @ana coffee."
BOT_REFUSAL = "That's me, the bot. Name a person you talk to, like /touch @ana coffee."
#: A chat platform's bot user named as a person (the Slack shortcut, a Discord option).
NOT_A_PERSON = "That's a bot, not a person. Name someone you talk to."
PERSON_GONE = "That person is no longer in your list."
UNKNOWN_BUTTON = "That button is not one I know."
STALE_BUTTON = "That button is out of date."
PAST_TIME = "That time is in the past. Pick a later one."


def usage(topic: str | None = None) -> Section:
    command = TOPIC_COMMAND.get(topic or "", topic)
    commands = [command] if command in USAGE else list(USAGE)
    lines = [f"  {line}" for c in commands for line in USAGE[c]]
    return Section(("Usage:", *lines))


#: The one usage line an error about a topic shows; the whole block is in /vitalfew help.
USAGE_LINE = {
    "touch": "/touch PERSON [note], like /touch Ana coffee",
    "followup": "/followup PERSON [WHEN] [what], like /followup Ana friday send the intro",
    "every": "/vitalfew every Ana 10d  ·  /vitalfew every 2 weeks  ·  /vitalfew every Ana off",
    "size": "/vitalfew size 5  ·  /vitalfew size close 15",
    "budget": "/vitalfew budget 5h  ·  /vitalfew budget off",
    "digest": "/vitalfew digest monday 09:00  ·  digest off  ·  digest now",
    "tz": "/vitalfew tz Europe/Berlin",
    "forget": "/vitalfew forget Ana  ·  /vitalfew forget me",
    "add": "/vitalfew add Ana  ·  /vitalfew drop Ana",
    "drop": "/vitalfew add Ana  ·  /vitalfew drop Ana",
}
HELP_POINTER = "Usage: /vitalfew help"


def error(message: str, topic: str | None = None) -> Reply:
    """The message and one line of usage: the topic's, else where to find it all."""
    if topic is None and not message.startswith("I don't know"):
        return Reply(title=message, error=True)
    line = f"Usage: {USAGE_LINE[topic]}" if topic in USAGE_LINE else HELP_POINTER
    return Reply(title=message, sections=(Section((line,)),), error=True)


#: What a mistyped command word may have meant: the commands, then /vitalfew's words.
MEANT = {"touch": "/touch", "followup": "/followup", "vitalfew": "/vitalfew",
         **{word: f"/vitalfew {word}" for word in (
             "add", "drop", "size", "every", "circles", "budget", "digest", "tz", "settings",
             "people", "export", "forget", "merge", "rename", "help")}}


def help_reply(topic: str | None, unknown: str | None) -> Reply:
    if topic and not unknown:
        return Reply("How to use it", (usage(topic),))
    title = f"I don't know '{unknown}'." if unknown else "Vital Few keeps your few ties warm."
    if unknown and (meant := get_close_matches(unknown.lower(), MEANT, n=1, cutoff=0.7)):
        title += f" Did you mean {MEANT[meant[0]]}?"  # a typo: /touc, /vitalfew peopel
    return Reply(title=title, sections=(usage(),), error=unknown is not None)


def no_such_person(name: str) -> str:
    return f"You don't have anyone called {name}. See /vitalfew people."


def closing(title: str, *lines: str) -> Reply:
    """The answer to a pressed button: it replaces the message the button was on, so
    that its buttons cannot act twice."""
    return replace(reply(title, *lines), replaces_original=True)


def with_sections(answer: Reply, *sections: Section) -> Reply:
    """The same reply with more sections after its own."""
    return replace(answer, sections=(*answer.sections, *sections))


def unlike(current: int, usual: int, other: int, said: str = "", other_said: str = "") -> str:
    """An example that changes the setting: ``usual`` (as ``said``), or ``other`` when
    that is what it already is ("Vital few: 5 people; change it with size 5" changes
    nothing)."""
    if current == usual:
        return other_said or str(other)
    return said or str(usual)


def more_line(hidden: int, word: str, many: str | None = None) -> str:
    """The last line of a list cut short: how many are not shown, and where they all are."""
    noun = word if hidden == 1 else many or word + "s"
    return f"… and {hidden:,} more {noun}: /vitalfew export has them all."


def too_many_people(limit: int) -> str:
    return (f"You keep up with {limit:,} people, the most one list holds. "
            "Forget someone you no longer need first: /vitalfew forget NAME")


def too_many_followups(limit: int) -> str:
    return (f"You have {limit:,} open follow-ups, the most one list holds. "
            "Close or drop some first: /followup lists them.")
