"""What one command runs with: its unit of work, who asks, their settings and people, now.

Every handler takes a ``Context`` and a command and returns a ``Reply``. The context is
loaded once per owner and command batch (``load``); the few things a handler changes on it
go through its methods, so that the people list, the settings and the pending digest
always agree with what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import structlog

from bot import grammar, stamps, views
from bot.commands import PersonRef
from bot.domain import (
    MAX_PEOPLE,
    NINE_AM,
    Delivery,
    DeliveryStatus,
    Initiative,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.ports import NameResolver, TouchRepository, UnitOfWork
from bot.replies import Reply, Section
from bot.schedule import reschedule_digest
from bot.text import MAX_NAME, name_key
from bot.timefmt import zone
from bot.views.common import too_many_people

log = structlog.get_logger(__name__)

DEFAULT_FOLLOWUP_DAYS = 7


class Refusal(grammar.GrammarError):
    """A friendly refusal decided by a handler (the input read fine, but cannot be done);
    like the grammar's errors, it is answered with its message and rolls back."""


@dataclass(frozen=True)
class Asker:
    """What the platform says about who is asking: their zone (Slack profile, the
    terminal's), how to name a bare mention, and the bot's own id (never a person)."""

    tz_hint: str | None = None
    resolve_name: NameResolver | None = None
    bot_id: str | None = None


#: Starts a button value naming a touch not yet written (``TouchLog.resolve``).
_PENDING_TOUCH = "pending-touch:"


@dataclass
class TouchLog:
    """The touches logged in one unit of work: written together, with one statement for
    a whole batch of /touch, and then the ids they were given, so that a reply's button
    can name its touch (``touch_from_them``) without a statement of its own."""

    pending: list[tuple[Owner, Touch, int]] = field(default_factory=list)
    stored: dict[int, Touch] = field(default_factory=dict)
    logged: int = 0

    def add(self, owner: Owner, touch: Touch) -> int:
        """Log a touch; the number that names it until it is written."""
        self.logged += 1
        self.pending.append((owner, touch, self.logged))
        return self.logged

    async def store(self, touches: TouchRepository) -> None:
        """Write what is pending (before anything reads touches, and before the commit)."""
        if self.pending:
            ids = await touches.add_many([(owner, touch) for owner, touch, _ in self.pending])
            self.stored.update((n, replace(touch, id=i))
                               for (_, touch, n), i in zip(self.pending, ids, strict=True))
            self.pending.clear()

    @staticmethod
    def value(logged: int, target: Initiative) -> str:
        """A button value for a touch logged as ``logged`` (``resolve`` completes it)."""
        return f"{_PENDING_TOUCH}{logged}:{target.value}"

    def resolve(self, answer: Reply) -> Reply:
        """The reply with its buttons naming the stored touches they were made for."""
        if not any(a.value.startswith(_PENDING_TOUCH) for a in answer.actions):
            return answer
        sections = tuple(
            Section(s.lines, tuple(replace(a, value=self._stamped(a.value)) for a in s.actions))
            for s in answer.sections)
        return replace(answer, sections=sections)

    def _stamped(self, value: str) -> str:
        if not value.startswith(_PENDING_TOUCH):
            return value
        logged, _, target = value.removeprefix(_PENDING_TOUCH).partition(":")
        return stamps.touch_value(self.stored[int(logged)], Initiative(target))


@dataclass
class Context:
    uow: UnitOfWork
    owner: Owner
    settings: OwnerSettings
    now: datetime
    people: list[Person]
    asker: Asker = field(default_factory=Asker)
    #: Created by this command: the first-use questions go with its answer.
    new_owner: bool = False
    #: Set when a delivery was scheduled, so the ticker is woken after the commit.
    deliveries_changed: bool = False
    #: Touches logged and not yet written, shared by the contexts of one unit of work:
    #: a batch of /touch commands writes them with one statement (``store_touches``).
    touch_log: TouchLog = field(default_factory=TouchLog)
    #: People a "which person?" button said were not meant (``bot.handlers.pick``): the
    #: names they share then mean only the one picked.
    not_meant: set[int] = field(default_factory=set)
    #: A reading view (the App Home): settings as loaded or defaulted in memory; nothing
    #: is stored, not even a first-use owner or their weekly digest.
    read_only: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.settings.zone_name)

    def local_date_in(self, days: int) -> datetime:
        """09:00 local, ``days`` from today: when a promise without a date falls due."""
        day = self.now.astimezone(self.tz).date() + timedelta(days=days)
        return datetime.combine(day, NINE_AM, tzinfo=self.tz).astimezone(self.now.tzinfo)

    async def person(self, ref: PersonRef, *, create: bool = True) -> Person:
        """The person a reference names, created on first mention unless ``create`` is
        False. The owner and the bot are not people one keeps up with: refused."""
        self._refuse_self_or_bot(ref)
        if ref.person_id is None and not ref.platform_id:  # a name typed on its own
            ref = grammar.named(ref.name, self.known())
        for p in self.people:
            if ref.person_id is not None and p.id == ref.person_id:
                return p
            if ref.platform_id and p.platform_id == ref.platform_id:
                return p
        resolved = None if ref.name or not ref.platform_id else await self._resolve(
            ref.platform_id)
        if ref.platform_id and (named := self._unlinked(ref.name or resolved or "")):
            # A mention of someone first typed by name: the same human, now linked.
            named.platform_id = ref.platform_id
            await self.uow.people.update(named)
            return named
        if not create:
            raise Refusal(views.no_such_person(ref.name))
        if len(self.people) >= MAX_PEOPLE:
            raise Refusal(too_many_people(MAX_PEOPLE))
        name = ref.name or resolved or ref.platform_id or "?"
        person = await self.uow.people.add(Person(
            owner=self.owner, name=name[:MAX_NAME], platform_id=ref.platform_id,
            created_at=self.now))
        self.people.append(person)
        return person

    def known(self) -> list[grammar.Known]:
        """The people as the grammar matches names against them."""
        return [grammar.Known(p.id or 0, p.name, p.platform_id, p.aliases)
                for p in self.people if p.id not in self.not_meant]

    def _unlinked(self, display_name: str) -> Person | None:
        """The one person named ``display_name`` (any case or accents) who has no platform
        id yet: who a mention of that name means. None when nobody or several are."""
        key = name_key(display_name)
        found = [p for p in self.people
                 if key and p.platform_id is None and name_key(p.name) == key]
        return found[0] if len(found) == 1 else None

    def log_touch(self, touch: Touch) -> int:
        """Log a touch; it is written with the rest of the batch, before the commit. The
        number returned names it for ``TouchLog.value``."""
        return self.touch_log.add(self.owner, touch)

    async def store_touches(self) -> None:
        """Write the logged touches now: before anything reads touches or deletes people,
        and before the commit."""
        await self.touch_log.store(self.uow.touches)

    async def touches(self) -> list[Touch]:
        """All the owner's touches, oldest first, those just logged included."""
        await self.store_touches()
        return await self.uow.touches.list(self.owner)

    def person_by_id(self, person_id: int) -> Person:
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            raise Refusal(views.PERSON_GONE)
        return person

    async def save_settings(self, **changes: Any) -> None:
        """Store changed settings and make the pending weekly digest match them."""
        self._refuse_writes()
        self.settings = self.settings.with_changes(**changes)
        await self.uow.owners.upsert(self.settings)
        await self.reschedule_digest()

    async def reschedule_digest(self) -> Delivery | None:
        """The pending weekly digest, moved to the current schedule (none when off).
        Read-only: the one stored as it is, moved nowhere (None when there is none)."""
        if self.read_only:
            pending = [d for d in await self.uow.deliveries.weekly_digests(self.owner, self.now)
                       if d.status is DeliveryStatus.PENDING]
            return pending[0] if self.settings.digest_enabled and len(pending) == 1 else None
        return await reschedule_digest(self.uow.deliveries, self.settings, self.now)

    async def schedule(self, delivery: Delivery) -> bool:
        """Store a delivery; False (nothing stored) when its key is taken already."""
        self._refuse_writes()
        if not await self.uow.deliveries.schedule(delivery):
            return False
        self.deliveries_changed = True
        return True

    def _refuse_writes(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only context stores nothing")

    def _refuse_self_or_bot(self, ref: PersonRef) -> None:
        if ref.platform_id and ref.platform_id == self.owner.user:
            raise Refusal(views.SELF_REFUSAL)
        if ref.platform_id and ref.platform_id == self.asker.bot_id:
            raise Refusal(views.BOT_REFUSAL)

    async def _resolve(self, platform_id: str | None) -> str | None:
        if not platform_id or self.asker.resolve_name is None:
            return None
        try:
            return await self.asker.resolve_name(platform_id)
        except Exception:  # a name lookup is a nicety: the id stands in for the name
            log.warning("name_lookup_failed")
            return None


def digest_default(platform: str) -> bool | None:
    """Discord's digest is opt-in (asked on first use); elsewhere it is on by default."""
    return None if platform == "discord" else True


async def load(
    uow: UnitOfWork, owner: Owner, asker: Asker, now: datetime,
    settings: OwnerSettings | None, people: list[Person],
    touch_log: TouchLog | None = None, *, read_only: bool = False,
) -> Context:
    """The owner's context from their stored settings and people; on first use the owner
    is created here (and rolled back with everything else if the command fails).
    ``touch_log``: the batch's touches to write, shared by its contexts.
    ``read_only``: for a view that only reads (the App Home): a never-seen owner gets the
    default settings in memory and nothing is stored, the zone hint included."""
    hint = valid_zone(asker.tz_hint)
    ctx = Context(uow, owner, settings or OwnerSettings(owner), now, people, asker,
                  touch_log=TouchLog() if touch_log is None else touch_log,
                  read_only=read_only)
    if settings is None:
        ctx.new_owner = True
        ctx.settings = OwnerSettings(owner, platform_tz=hint, created_at=now,
                                     digest_enabled=digest_default(owner.platform))
        if read_only:
            return ctx
        await uow.owners.upsert(ctx.settings)
        await ctx.reschedule_digest()
    elif hint and hint != settings.platform_tz:
        ctx.settings = settings.with_changes(platform_tz=hint)
        if read_only:
            return ctx
        await uow.owners.upsert(ctx.settings)
        if not ctx.settings.tz:  # the zone the digest is timed in changed
            await ctx.reschedule_digest()
    return ctx


def valid_zone(name: str | None) -> str | None:
    """A platform's zone hint if it is a real IANA zone (cheap: no zone list scan)."""
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name
