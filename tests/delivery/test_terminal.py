"""The terminal: a reminder a minute after `/followup`, and its buttons typed."""

from __future__ import annotations

import io
from datetime import timedelta

from delivery_fakes import until

from adapters.console import ConsoleAdapter, ConsoleNotifier
from bot.settings import Settings
from bot.wiring import bootstrap, console_runtime


async def test_a_followup_in_one_minute_prints_its_reminder_and_done_closes_it(
        database_url, clock):
    """The real wiring: bootstrap, the console notifier and the ticker, on a fixed clock
    that the test moves forward by a minute instead of waiting for one."""
    app = bootstrap(Settings(database_url=database_url, vitalfew_tick_seconds=3600),
                    clock=clock)
    await app.storage.migrate()
    out = io.StringIO()
    adapter = ConsoleAdapter(app.service, "me", out=out)
    adapter.tz_hint = "Europe/Berlin"
    app.notifiers["console"] = ConsoleNotifier(adapter)
    ticker = app.start_deliveries()
    ticks = count_ticks(ticker.engine)
    try:
        answer = await adapter.handle_line("/followup Ana in 1 minute call her back")
        v = answer.rpartition("!drop ")[2].removesuffix(".")  # follow-up 1, stamped
        assert v.startswith(f"1-{int(clock.now().timestamp()) + 60}-")
        assert answer.splitlines() == [
            "Follow-up with Ana: call her back",
            "Due Mon 23 Nov 2026, 16:01 Europe/Berlin (in 1 minute).",
            "I'll DM you a reminder then.",
            "It will print here as [DM from Vital Few] while this runs; type a button to "
            f"press it: !done {v}, !snooze-1d {v}, !snooze-1w {v} or !drop {v}.",
        ]
        await until(lambda: ticks() >= 1 and ticker._running is None)
        assert "[DM from Vital Few]" not in out.getvalue()  # not before its minute

        clock.advance(timedelta(minutes=1))
        app.kick()
        await until(lambda: "[DM from Vital Few]" in out.getvalue())
        assert out.getvalue() == (
            "\n[DM from Vital Few]\n"
            "Reminder: follow up with Ana\n"
            "call her back\n"
            "Due Mon 23 Nov 2026, 16:01 Europe/Berlin (now)\n"
            f"   [Done: !done {v}]   [Snooze 1 day: !snooze-1d {v}]   "
            f"[Snooze 1 week: !snooze-1w {v}]   [Drop: !drop {v}]\n")

        assert await adapter.handle_line("!done 1") == "! That button is out of date."
        assert await adapter.handle_line(f"!done {v}") == (
            "Done: call her back (Ana).\nLogged as a message touch.")
        assert await adapter.handle_line("/followup") == (
            "No open follow-ups.\nPromise one: /followup Ana friday send the intro")
    finally:
        await app.close()


def count_ticks(engine):
    """Count the engine's ticks; returns a function that reads the count."""
    count, tick = [0], engine.tick

    async def counted():
        count[0] += 1
        return await tick()

    engine.tick = counted
    return lambda: count[0]




async def test_each_terminal_user_gets_only_their_own_reminders(database_url, clock):
    """Two terminals on one database, `--user alice` and `--user bob`: bob's reminder,
    due while only alice's runs, is not printed to alice and waits for bob's terminal."""
    settings = Settings(database_url=database_url, vitalfew_tick_seconds=3600)
    alice_app = bootstrap(settings, clock=clock)
    await alice_app.storage.migrate()
    bob_app = bootstrap(settings, clock=clock)
    try:
        alice, bob = terminal(alice_app, "alice"), terminal(bob_app, "bob")
        await bob.handle_line("/followup Ana in 1 minute call her back")
        clock.advance(timedelta(minutes=1))

        report = await alice_app.engine().tick()
        assert report.claimed == 0
        assert alice.out.getvalue() == ""
        async with alice_app.storage.uow() as uow:
            [reminder] = [d for d in await uow.deliveries.list_for_owner(bob.owner)
                          if d.followup_id is not None]
        assert reminder.status.value == "pending"

        assert (await bob_app.engine().tick()).sent == 1
        assert "Reminder: follow up with Ana" in bob.out.getvalue()
        assert alice.out.getvalue() == ""
    finally:
        await alice_app.close()
        await bob_app.close()


def terminal(app, user: str) -> ConsoleAdapter:
    """``vitalfew console --user USER``'s runtime, printing into a string."""
    console = console_runtime(app, user)
    console.out = io.StringIO()
    console.tz_hint = "Europe/Berlin"
    app.notifiers["console"] = console.notifier
    return console
