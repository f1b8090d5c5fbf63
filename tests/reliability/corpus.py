"""Bad and hostile inputs people (and attackers) type, for every command.

``REFUSED``: input that must get a clear error and store nothing. ``LITERAL``: input that
is valid but hostile (markup, SQL, RTL, emoji): stored and shown exactly as typed.
"""

from __future__ import annotations

HUGE = "x" * 10_000
CONTROL = "\x00\x07\x1b\x7f"
RTL = "\u202eevil\u202c"
#: Zero-width space, non-joiner, joiner, word joiner, byte-order mark: invisible, not blank.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

#: Long inputs (issue "Hardening", item 1): each is over the core's 4,000-character cap and
#: must be refused at once by its length. Before the cap, parsing them was quadratic
#: (40,000 characters stalled the bot for ~20 s) and several were even stored.
LONG: list[tuple[str, str]] = [
    ("touch", "Ana " + "ab " * 8_000),  # 24,000: grew the process by 240 MB
    ("touch", "a" + " " * 40_000 + "b"),  # a run of spaces: quadratic separator search
    ("touch", "@" + "Sam " * 10_000),
    ("touch", "Sam Lee " * 12_000 + "coffee"),
    ("followup", "Ana tomorrow " + "x " * 20_000),
    ("followup", "Ana " + "in 3 days " * 5_000),
    ("vitalfew", "every " + "a " * 3_000 + "2w"),
    ("vitalfew", "every Ana " + " " * 6_000 + "2w"),
    ("vitalfew", "tz " + " " * 6_000 + "Europe/Berlin"),
    ("vitalfew", "add " + "Sam - " * 2_000),
    ("vitalfew", "digest" + " " * 6_000 + "monday"),
    ("vitalfew", "x" * 100_000),
]

_BAD_WHEN = [
    "the 45th of Smarch", "2020-01-01", "yesterday", "1999-12-31 23:59", "9999-12-31",
    "in 999999 days", "in 0 days", "in -3 days", "feb 30", "2026-13-01", "2026-02-29",
    "25:00", "12/05", "13/13", "on 32nd", "in 3 fortnights ago",
    "at 99pm", "dec 0", "by the 40th", "in 6 years", "2031-12-31", "1 jan 1900",
    "last friday", "last week", "previous monday", "3 days ago", "next 3 things",
    "in 2.5.5 days", "00:00 yesterday",
]
#: The unreadable or past WHENs, for adapters with a separate WHEN option (Discord).
BAD_WHEN = _BAD_WHEN

REFUSED: list[tuple[str, str]] = [
    # empty and whitespace
    ("touch", ""), ("touch", "   "), ("touch", "\t\n"), ("touch", CONTROL),
    # names and notes over the limits
    ("touch", HUGE), ("touch", "Ana " + HUGE), ("touch", f'"{"n" * 201}" hi'),
    ("followup", "Ana tomorrow " + HUGE), ("followup", HUGE), ("vitalfew", "add " + HUGE),
    ("touch", "Ana " + "🦄" * 2001), ("touch", "Ana " + RTL * 500),
    # broken quoting
    ("touch", '"Ana'), ("touch", "“Ana Silva hi"), ("touch", '"" hi'), ("touch", '"   " hi'),
    ("followup", '"Ana tomorrow'), ("vitalfew", 'forget "Ana'),
    # unreadable or past WHENs
    *[("followup", f"Ana {w} call") for w in _BAD_WHEN],
    *[("followup", f'"Sam Lee" {w}') for w in _BAD_WHEN],
    *[("followup", f"<@U0BOT|bot> {w} ping") for w in _BAD_WHEN],
    # vitalfew sub-commands with bad arguments
    ("vitalfew", "size"), ("vitalfew", "size 0"), ("vitalfew", "size 16"),
    ("vitalfew", "size -1"), ("vitalfew", "size 1e3"), ("vitalfew", "size five"),
    ("vitalfew", "size 5; DROP TABLE owners"),
    ("vitalfew", "every"), ("vitalfew", "every Ana"), ("vitalfew", "every Ana soon"),
    ("vitalfew", "every Ana 0d"), ("vitalfew", "every Ana 999d"), ("vitalfew", "every off"),
    ("vitalfew", "every Ana -2w"), ("vitalfew", "every 10x"), ("vitalfew", "every Ana 1y"),
    ("vitalfew", "digest someday"), ("vitalfew", "digest monday 25:00"),
    ("vitalfew", "digest monday 9:75"), ("vitalfew", "digest funday 09:00"),
    ("vitalfew", "digest monday 13pm"), ("vitalfew", "digest monday 09:00 extra"),
    ("vitalfew", "digest '; DROP TABLE deliveries; --"),
    ("vitalfew", "tz"), ("vitalfew", "tz Mars/Olympus"), ("vitalfew", "tz Europe/Berlin x"),
    ("vitalfew", "tz ../../etc/passwd"), ("vitalfew", "tz /etc/localtime"),
    ("vitalfew", "tz " + HUGE), ("vitalfew", "tz EST5EDT;rm -rf"), ("vitalfew", "tz 🦄"),
    ("vitalfew", "tz +05:30"),
    ("vitalfew", "add"), ("vitalfew", "drop"), ("vitalfew", "drop Nobody"),
    ("vitalfew", "forget"), ("vitalfew", "forget Nobody"), ("vitalfew", "forget <@U404>"),
    ("vitalfew", "forget '; DELETE FROM people; --"),
    # unknown words get usage
    ("vitalfew", "frobnicate"), ("vitalfew", "DROP TABLE people"), ("vitalfew", "<!channel>"),
    ("vitalfew", "🦄"), ("vitalfew", RTL), ("vitalfew", "%s%s%s"), ("vitalfew", "{0.__class__}"),
    ("vitalfew", "${jndi:ldap://x}"), ("vitalfew", "../../../etc/passwd"),
    ("vitalfew", "peoplee"), ("vitalfew", "exportt"), ("vitalfew", "sizes 5"),
    # names made only of invisible characters are empty names: nobody could read or pick
    # them (the grammar refuses a name with nothing visible; ZWJ inside an emoji is kept).
    ("touch", ZERO_WIDTH), ("touch", "\u200b hi"), ("touch", f'"{ZERO_WIDTH}" hi'),
    ("followup", "\u2060 tomorrow call"), ("vitalfew", "add \ufeff"),
    # a name needs a letter or a digit: punctuation alone names nobody
    ("touch", "@ coffee"), ("touch", ": coffee"), ("touch", "- coffee"),
    ("followup", "- tomorrow call"), ("vitalfew", "add ---"),
    *LONG,
    # durations a touch cannot take (issue 17): none, negative, longer than a day, odd
    # numbers, in digits and in words
    ("touch", "Ana lunch 0m"), ("touch", "Ana call -30m"), ("touch", "Ana lunch 99999h"),
    ("touch", "Ana call 1e9m"), ("touch", "Ana zero minutes"), ("touch", "Ana 0 hours"),
    ("touch", "Ana minus ten minutes"), ("touch", "Ana coffee 25 hours"),
    ("touch", "Ana call 10^6 h"), ("touch", "Ana walk " + "9" * 400 + "h"),
    ("touch", '"Sam Lee" lunch 0.2m'),
    # a weekly budget and the close circle out of range
    ("vitalfew", "budget"), ("vitalfew", "budget 0h"), ("vitalfew", "budget -5h"),
    ("vitalfew", "budget 169h"), ("vitalfew", "budget 1e9m"), ("vitalfew", "budget lots"),
    ("vitalfew", "budget 99999h"), ("vitalfew", "budget zero minutes"),
    ("vitalfew", "budget 5h; DROP TABLE owners"),
    ("vitalfew", "size close 51"), ("vitalfew", "size close -1"), ("vitalfew", "size close"),
    ("vitalfew", "size close fifty"), ("vitalfew", "size close 1e3"),
    ("vitalfew", "every close"), ("vitalfew", "every close 0d"),
    ("vitalfew", "every close 999d"), ("vitalfew", "every close soon"),
    ("vitalfew", "every close off"),
    # rename and merge: nobody to rename, no new name, names that are no names, huge
    ("vitalfew", "rename"), ("vitalfew", "rename Nobody to Sam"), ("vitalfew", "rename to Sam"),
    ("vitalfew", "rename Sam to"), ("vitalfew", "rename " + HUGE + " to Sam"),
    ("vitalfew", "rename <@U404> to Sam"), ("vitalfew", "rename Nobody to " + HUGE),
    ("vitalfew", "merge"), ("vitalfew", "merge Nobody into Noone"), ("vitalfew", "merge into"),
    ("vitalfew", "merge Ana"), ("vitalfew", "merge " + HUGE + " into " + HUGE),
    ("vitalfew", "merge <@U404> into <@U405>"),
]

#: Button values made up, edited or from another object, for every button that names one:
#: each must answer "out of date" (or "already") and change nothing.
FORGED_VALUES: list[str] = [
    "", "1", "999", "-1", "1-", "1-2", "1-2-3", "1-2-3-4", "abc", "0-0000000000",
    "1-0000000000-Lee", "1-abcdef0123-", "1-abcdef0123-Lee Smith", "me", "person:1",
    "merge:1:2", "pick:1:x", "' OR 1=1 --", HUGE, "\x00", "1-" + "9" * 30,
]

LITERAL: list[str] = [
    "Robert'); DROP TABLE people;--",
    "<!channel>",
    "<!here> everyone",
    "<https://evil.example|click me>",
    "*bold* _it_ ~strike~ `code`",
    "@everyone",
    "[link](https://evil.example)",
    "مرحبا بالعالم",
    "עברית",
    RTL + "gnp.exe",
    "👩‍💻 dev",
    "🦄🦄🦄",
    "Zoë Ångström",
    "名前",
    "%s %d {name}",
    "<script>alert(1)</script>",
    "\\u0000 not a nul",
    "a" * 200,
    "Tom & Jerry",
    "a < b > c",
    "&amp; &lt;b&gt;",
]

#: Slack markup a user can get into a command's text (Slack turns a picked @channel,
#: @group or @user into these): as a note they must show as typed and never ping.
SLACK_MARKUP: list[str] = [
    "<!channel>", "<!here>", "<!everyone>", "<!subteam^S123>", "<!subteam^S123|@eng>",
    "<@U2>", "<@U2|ana>", "<@UBOT>", "<#C1|general>", "<https://evil.example|click me>",
    "<mailto:a@evil.example|mail>", "<!date^1392734382^{date_num}|Feb 18>",
    "*bold* _it_ ~strike~ `code`",
]

#: Mentions of oneself and of the bot, with ``{me}`` and ``{bot}`` filled in with the
#: platform's ids: neither is a relationship to keep up, so each must be refused.
SELF_AND_BOT: list[tuple[str, str]] = [
    ("touch", "<@{me}> coffee"), ("followup", "<@{me}> tomorrow call myself"),
    ("vitalfew", "add <@{me}>"), ("vitalfew", "every <@{me}> 2w"),
    ("touch", "<@{bot}> hi"), ("followup", "<@{bot}> tomorrow ping"),
    ("vitalfew", "add <@{bot}>"), ("vitalfew", "every <@{bot}> 1w"),
]

#: Discord markup: mentions (everyone, here, a role, a user, a channel), markdown, links.
DISCORD_MARKUP: list[str] = [
    "@everyone", "@here", "<@&123456789012345678>", "<@222222222222222222>",
    "<@!222222222222222222>", "<#123456789012345678>", "**bold** __under__ ~~strike~~",
    "||spoiler||", "`code` ```block```", "> quote", "# heading", "-# small",
    "[click](https://evil.example)", "<https://evil.example>", "<t:1392734382:F>",
    ":smile: <:custom:123456789012345678>",
]

assert len(REFUSED) >= 150, len(REFUSED)
