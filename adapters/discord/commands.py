"""The application commands: Discord options in, the core's typed commands out.

Layout (documented in the README): ``/touch``; ``/followup add`` and ``/followup list``
(Discord cannot run a bare command that has subcommands); ``/vitalfew show`` and the
other ``/vitalfew`` subcommands; the context menus "Log a touch" (on a user) and
"Follow up on this" (on a message). Each callback builds a typed command from its
options (``adapters.discord.options``) and hands it to ``service.handle``: no business
rule lives here. What only Discord can tell is checked here: a User that is a bot is
refused, this bot by the core (``bot_id``), another bot here.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial

import discord
from discord import app_commands

from adapters.discord import options
from adapters.discord.autocomplete import Autocomplete, known_people, suggestions, time_zones
from adapters.discord.identity import owner_of
from adapters.discord.options import NoOne, shown_name
from adapters.discord.respond import answer
from bot import views
from bot.commands import (
    Command,
    Export,
    Help,
    ListFollowups,
    ListPeople,
    PersonRef,
    ShowCircles,
    ShowSettings,
    ShowVitalFew,
    Touch,
)
from bot.durations import DurationError
from bot.grammar import GrammarError
from bot.ports import UnitOfWorkFactory
from bot.replies import Reply, Section
from bot.services import Request, VitalFewService
from bot.text import too_long

AppCommand = app_commands.Command | app_commands.Group | app_commands.ContextMenu
#: Builds the typed command from the options; raises ``GrammarError`` or ``NoOne``.
Build = Callable[[], Command]

#: Installable on servers and on users; usable in servers, DMs and group DMs.
INSTALLS = app_commands.AppInstallationType(guild=True, user=True)
CONTEXTS = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)

WHEN_EXAMPLES = ("tomorrow", "in 3 days", "in 2 weeks", "friday next week", "dec 5",
                 "2026-12-05 14:30")
CADENCES = ("10d", "2w", "1m", "off")
DIGEST_SETTINGS = [
    *(app_commands.Choice(name=day.title(), value=day)
      for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday")),
    app_commands.Choice(name="On (keep the day and time)", value="on"),
    app_commands.Choice(name="Off", value="off"),
    app_commands.Choice(name="Now: send one at once", value="now"),
]
HELP_TOPICS = [app_commands.Choice(name=t, value=t)
               for t in ("touch", "followup", "vitalfew", "every", "digest", "tz", "forget")]
DISCORD_USAGE = Section((
    "On Discord:",
    "  /touch person:Ana note:coffee  ·  /touch user:@Ana note:call",
    "  /touch person:Ana note:lunch minutes:90 from_them:True  (they reached out)",
    "  /followup add person:Ana when:friday what:send the intro  ·  /followup list",
    "  /vitalfew show  ·  add  ·  drop  ·  size  ·  every  ·  digest  ·  tz  ·  settings",
    "  /vitalfew people  ·  export  ·  forget  ·  help",
    "  /vitalfew circles  ·  close size:15 or close every:1m  ·  budget amount:5h",
    "  /vitalfew rename person:Sam name:Sam Lee  ·  /vitalfew merge person:Bea into:Beatrice",
    "  Right-click a user → Apps → Log a touch; a message → Apps → Follow up on this",
))


@dataclass(frozen=True)
class Runner:
    """Builds one typed command from the options, sends it to the core and the reply
    back to the user; options it cannot read get the same error chat would give."""

    service: VitalFewService

    async def __call__(self, interaction: discord.Interaction, build: Build, *,
                       user: discord.abc.User | None = None,
                       defer_first: bool = False) -> Reply:
        bot_id = bot_id_of(interaction)
        if user is not None and is_other_bot(user, bot_id):
            return await self.refuse(interaction, views.error(views.NOT_A_PERSON))
        if refusal := too_long_option(build):
            return await self.refuse(interaction, views.error(refusal))
        try:
            command = build()
        except NoOne as err:
            return await self.refuse(interaction, views.error(str(err)))
        except (GrammarError, DurationError) as err:
            return await self.refuse(interaction, views.error(str(err), err.topic))
        request = Request(owner_of(interaction.user), command, bot_id=bot_id)
        return await answer(interaction, self.service.handle(request), defer_first=defer_first)

    async def refuse(self, interaction: discord.Interaction, refusal: Reply) -> Reply:
        return await answer(interaction, _ready(refusal))


def too_long_option(build: Build) -> str | None:
    """The refusal for an option over the core's ``MAX_INPUT`` (Discord allows 6,000
    characters an option), checked before any option is read."""
    values = getattr(build, "args", ())
    return next((refusal for value in values
                 if isinstance(value, str) and (refusal := too_long(value))), None)


def bot_id_of(interaction: discord.Interaction) -> str | None:
    """This bot's user id: the logged-in client's user, else the application's id."""
    me = getattr(interaction.client, "user", None)
    found = getattr(me, "id", None) or getattr(interaction, "application_id", None)
    return str(found) if found else None


def is_other_bot(user: discord.abc.User, bot_id: str | None) -> bool:
    """A bot account (or a webhook) that is not this bot: the core refuses this bot itself."""
    return bool(getattr(user, "bot", False)) and str(user.id) != bot_id


async def _ready(value: Reply) -> Reply:
    return value


def everywhere(command: AppCommand) -> AppCommand:
    command.allowed_installs = INSTALLS
    command.allowed_contexts = CONTEXTS
    return command


def build_commands(service: VitalFewService, uow: UnitOfWorkFactory) -> Sequence[AppCommand]:
    run = Runner(service)
    people = known_people(uow)
    return [everywhere(c) for c in (
        touch_command(run, people), followup_group(run, people),
        vitalfew_group(run, people, known_people(uow, offer_me=True)),
        log_touch_menu(run), follow_up_menu(service),
    )]


def touch_command(run: Runner, people: Autocomplete) -> app_commands.Command:
    @app_commands.command(name="touch", description="Log a real interaction with someone")
    @app_commands.describe(person="Who: a name, or someone you already know",
                           user="Or pick a Discord user",
                           note="What happened: coffee, call about the move, …",
                           minutes="How long it took (default: meet 60, call 20, message 5)",
                           from_them="They reached out, not you")
    @app_commands.autocomplete(person=people)
    async def touch(interaction: discord.Interaction, person: str | None = None,
                    user: discord.User | None = None, note: str | None = None,
                    minutes: int | None = None, from_them: bool | None = None) -> None:
        await run(interaction, partial(options.touch, person, user, note, minutes,
                                       bool(from_them)), user=user)

    return touch


def followup_group(run: Runner, people: Autocomplete) -> app_commands.Group:
    group = app_commands.Group(name="followup", description="Promises to follow up")

    @group.command(name="add", description="Promise to follow up with someone")
    @app_commands.describe(person="Who: a name, or someone you already know",
                           user="Or pick a Discord user",
                           when="tomorrow, in 3 days, friday, dec 5, … (default: in 7 days)",
                           what="What you promised")
    @app_commands.autocomplete(person=people, when=suggestions(*WHEN_EXAMPLES))
    async def add(interaction: discord.Interaction, person: str | None = None,
                  user: discord.User | None = None, when: str | None = None,
                  what: str | None = None) -> None:
        await run(interaction, partial(options.add_followup, person, user, when, what),
                  user=user)

    @group.command(name="list", description="Your open follow-ups, soonest first")
    async def list_open(interaction: discord.Interaction) -> None:
        await run(interaction, ListFollowups)

    return group


def vitalfew_group(run: Runner, people: Autocomplete,
                   people_or_me: Autocomplete) -> app_commands.Group:
    group = app_commands.Group(name="vitalfew", description="Your vital few and settings")
    _vitalfew_lists(group, run)
    _vitalfew_people(group, run, people, people_or_me)
    _vitalfew_settings(group, run)
    return group


def _vitalfew_lists(group: app_commands.Group, run: Runner) -> None:
    @group.command(name="show", description="Your vital few, who is rising, your focus")
    async def show(interaction: discord.Interaction) -> None:
        await run(interaction, ShowVitalFew)

    @group.command(name="settings", description="Your time zone, digest, size and cadence")
    async def settings(interaction: discord.Interaction) -> None:
        await run(interaction, ShowSettings)

    @group.command(name="people", description="Everyone, by strength, with touch counts")
    async def people_list(interaction: discord.Interaction) -> None:
        await run(interaction, ListPeople)

    @group.command(name="export", description="All your data as a JSON file, in a DM")
    async def export(interaction: discord.Interaction) -> None:
        await run(interaction, Export, defer_first=True)

    @group.command(name="help", description="How to use Vital Few")
    @app_commands.describe(topic="A command to explain")
    @app_commands.choices(topic=HELP_TOPICS)
    async def help_(interaction: discord.Interaction, topic: str | None = None) -> None:
        request = Request(owner_of(interaction.user), Help(topic=(topic or "").lower() or None))
        await answer(interaction, _with_discord_usage(run.service.handle(request)))


async def _with_discord_usage(work: Awaitable[Reply]) -> Reply:
    """Help shows the chat grammar; add how the same reads as Discord options."""
    return views.with_sections(await work, DISCORD_USAGE)


def _vitalfew_people(group: app_commands.Group, run: Runner, people: Autocomplete,
                     people_or_me: Autocomplete) -> None:
    @group.command(name="add", description="Pin someone to your vital few")
    @app_commands.describe(person="Who: a name, or someone you already know",
                           user="Or pick a Discord user")
    @app_commands.autocomplete(person=people)
    async def add(interaction: discord.Interaction, person: str | None = None,
                  user: discord.User | None = None) -> None:
        await run(interaction, partial(options.pin, person, user, True), user=user)

    @group.command(name="drop", description="Unpin someone from your vital few")
    @app_commands.describe(person="Someone you know")
    @app_commands.autocomplete(person=people)
    async def drop(interaction: discord.Interaction, person: str) -> None:
        await run(interaction, partial(options.unpin, person))

    @group.command(name="every", description="How often to keep in touch (10d, 2w, 1m, off)")
    @app_commands.describe(duration="10d, 2w, 1m or off",
                           person="Whom (leave empty for your vital few's default)",
                           user="Or pick a Discord user")
    @app_commands.autocomplete(duration=suggestions(*CADENCES), person=people)
    async def every(interaction: discord.Interaction, duration: str, person: str | None = None,
                    user: discord.User | None = None) -> None:
        await run(interaction, partial(options.cadence, duration, person, user), user=user)

    @group.command(name="rename", description="A new name for someone; the old still finds them")
    @app_commands.describe(person="Someone you know", name="Their new name, e.g. Sam Lee")
    @app_commands.autocomplete(person=people)
    async def rename(interaction: discord.Interaction, person: str, name: str) -> None:
        await run(interaction, partial(options.rename, person, name))

    @group.command(name="merge", description="Join two people who are one human (asks first)")
    @app_commands.describe(person="The one to merge away", into="The one to keep")
    @app_commands.autocomplete(person=people, into=people)
    async def merge(interaction: discord.Interaction, person: str, into: str) -> None:
        await run(interaction, partial(options.merge, person, into))

    @group.command(name="forget", description="Delete a person, or everything (me)")
    @app_commands.describe(person="Someone you know, or me for everything of yours")
    @app_commands.autocomplete(person=people_or_me)
    async def forget(interaction: discord.Interaction, person: str) -> None:
        await run(interaction, partial(options.forget, person))


def _vitalfew_settings(group: app_commands.Group, run: Runner) -> None:
    @group.command(name="size", description="How many people your vital few holds (1-15)")
    @app_commands.describe(n="1 to 15")
    async def size(interaction: discord.Interaction,
                   n: app_commands.Range[int, 1, 15]) -> None:
        await run(interaction, partial(options.size, n))

    @group.command(name="circles", description="Your vital few and close circle, who is due")
    async def circles(interaction: discord.Interaction) -> None:
        await run(interaction, ShowCircles)

    @group.command(name="close", description="Your close circle: its size and cadence")
    @app_commands.describe(size="0 to 50 (default 15)", every="1m, 30d, 6w (default 30 days)")
    @app_commands.autocomplete(every=suggestions(*CADENCES))
    async def close(interaction: discord.Interaction, size: int | None = None,
                    every: str | None = None) -> None:
        await run(interaction, partial(options.close_circle, size, every))

    @group.command(name="budget", description="A weekly time budget for people (5h, off)")
    @app_commands.describe(amount="5h, 90m, 2 hours or off")
    async def budget(interaction: discord.Interaction, amount: str) -> None:
        await run(interaction, partial(options.budget, amount))

    @group.command(name="digest", description="Your weekly digest DM: day and time, on, off, now")
    @app_commands.describe(setting="A day, or on, off, now", at="Time of day, e.g. 09:00")
    @app_commands.choices(setting=DIGEST_SETTINGS)
    async def digest(interaction: discord.Interaction, setting: str,
                     at: str | None = None) -> None:
        await run(interaction, partial(options.digest, setting, at))

    @group.command(name="tz", description="Your time zone, e.g. Europe/Berlin")
    @app_commands.describe(zone="An IANA time zone, e.g. Europe/Berlin")
    @app_commands.autocomplete(zone=time_zones)
    async def tz(interaction: discord.Interaction, zone: str) -> None:
        await run(interaction, partial(options.time_zone, zone))


def log_touch_menu(run: Runner) -> app_commands.ContextMenu:
    async def log_touch(interaction: discord.Interaction, user: discord.User) -> None:
        ref = PersonRef(shown_name(user) or "", platform_id=str(user.id))
        await run(interaction, partial(Touch, ref, ""), user=user)

    return app_commands.ContextMenu(name="Log a touch", callback=log_touch)


def follow_up_menu(service: VitalFewService) -> app_commands.ContextMenu:
    async def follow_up(interaction: discord.Interaction, message: discord.Message) -> None:
        author = message.author
        bot_id = bot_id_of(interaction)
        if is_other_bot(author, bot_id):
            await answer(interaction, _ready(views.error(views.NOT_A_PERSON)))
            return
        work = service.follow_up_on_message(owner_of(interaction.user), str(author.id),
                                            shown_name(author), message.jump_url,
                                            author_is_bot=str(author.id) == bot_id)
        await answer(interaction, work)

    return app_commands.ContextMenu(name="Follow up on this", callback=follow_up)
