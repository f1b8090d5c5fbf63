"""Persistent buttons and context menus, pressed the way discord.py dispatches them."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import discord
from discord_doubles import (
    ANA,
    FakeInteraction,
    FakeUser,
    command,
    custom_ids,
    open_followups,
    people_of,
    runtime_of,
)

from adapters.discord.buttons import CUSTOM_ID, ActionButton
from bot import stamps


async def press(client, custom_id: str, label: str = "Done") -> FakeInteraction:
    """What discord.py does on a click: match the template, rebuild the item, call it."""
    inter = FakeInteraction(client)
    match = CUSTOM_ID.fullmatch(custom_id)
    assert match is not None, custom_id
    item = discord.ui.Button(label=label, custom_id=custom_id)
    button = await ActionButton.from_custom_id(inter, item, match)
    await button.callback(inter)
    return inter


async def promise(tree, interaction, app) -> str:
    """A promise made; what its buttons carry (``ID-DUE-SIG``, bot.stamps)."""
    await command(tree, "followup add").callback(interaction(), person="Ana", what="intro")
    [followup] = await open_followups(app)
    return stamps.followup_value(followup)


async def test_done_closes_the_followup_and_replaces_the_message(tree, interaction, app,
                                                                runtime):
    followup_id = await promise(tree, interaction, app)

    inter = await press(runtime.client, f"followup_done:{followup_id}")

    edit = inter.response.edit_message.await_args.kwargs
    assert edit["view"] is None
    assert "Done: intro (Ana)" in edit["content"]
    assert await open_followups(app) == []


async def test_a_second_press_changes_nothing_and_says_why(tree, interaction, app, runtime):
    followup_id = await promise(tree, interaction, app)
    await press(runtime.client, f"followup_done:{followup_id}")

    again = await press(runtime.client, f"followup_drop:{followup_id}", "Drop")

    again.response.edit_message.assert_not_awaited()
    assert again.sent["ephemeral"] is True
    assert "already done" in again.text


async def test_buttons_rebuilt_from_their_id_work_after_a_restart(tree, interaction, app,
                                                                  clock):
    followup_id = await promise(tree, interaction, app)
    [promised] = await open_followups(app)
    restarted = runtime_of(app)  # a new process: no view is kept in memory

    inter = await press(restarted.client, f"followup_snooze_1w:{followup_id}", "Snooze 1 week")

    assert "Snoozed: intro (Ana)" in inter.response.edit_message.await_args.kwargs["content"]
    [followup] = await open_followups(app)
    assert followup.due_at == promised.due_at + timedelta(days=7)  # from when it was due


async def test_someone_elses_button_does_nothing_to_the_owners_data(tree, interaction, app,
                                                                    runtime):
    followup_id = await promise(tree, interaction, app)
    stranger = FakeInteraction(runtime.client, user_id=333333333333333333)
    match = CUSTOM_ID.fullmatch(f"followup_done:{followup_id}")
    button = await ActionButton.from_custom_id(stranger, discord.ui.Button(label="Done"), match)
    await button.callback(stranger)

    assert len(await open_followups(app)) == 1
    assert "That button is out of date." in stranger.text


async def test_digest_opt_in_from_the_first_reply(tree, interaction, runtime):
    first = interaction()
    await command(tree, "touch").callback(first, person="Ana")
    [_reached_out, opt_in, _] = custom_ids(first.sent)

    inter = await press(runtime.client, opt_in, "Yes, send it")

    assert "Weekly digest on" in inter.response.edit_message.await_args.kwargs["content"]


async def test_log_a_touch_on_a_user(tree, interaction, app):
    menu = tree.get_command("Log a touch", type=discord.AppCommandType.user)
    inter = interaction()
    await menu.callback(inter, FakeUser(ANA, "Ana"))

    assert "Logged a message with Ana" in inter.text
    [ana] = await people_of(app)
    assert ana.platform_id == str(ANA)


async def test_follow_up_on_a_message_links_it_and_is_due_in_7_days(tree, interaction, app,
                                                                    clock):
    link = "https://discord.com/channels/1/2/3"
    message = SimpleNamespace(author=FakeUser(ANA, "Ana"), jump_url=link)
    menu = tree.get_command("Follow up on this", type=discord.AppCommandType.message)
    inter = interaction()
    await menu.callback(inter, message)

    assert inter.sent["ephemeral"] is True
    assert "Follow-up with Ana" in inter.text
    [followup] = await open_followups(app)
    assert followup.what == link
    assert timedelta(days=6) < followup.due_at - clock.now() <= timedelta(days=7)


async def test_rename_and_merge_from_the_options(tree, interaction, app, runtime):
    await command(tree, "touch").callback(interaction(), person="Bea", note="coffee")
    await command(tree, "touch").callback(interaction(), user=FakeUser(ANA, "Beatrice"))
    await command(tree, "vitalfew rename").callback(interaction(), person="Bea",
                                                     name="Bea Smith")
    bad = interaction()
    await command(tree, "vitalfew rename").callback(bad, person="Bea Smith", name=" : ")
    assert "not a name" in bad.text
    asked = interaction()
    await command(tree, "vitalfew merge").callback(asked, person="Bea", into=f"<@{ANA}>")
    assert "Merge Bea Smith into Beatrice?" in asked.text
    confirm = next(c for c in custom_ids(asked.sent) if c.startswith("merge_confirm:"))
    done = await press(runtime.client, confirm, "Merge")
    assert "Merged Bea Smith into Beatrice" in done.text
    [person] = await people_of(app)
    assert (person.name, person.platform_id) == ("Beatrice", str(ANA))
    assert person.aliases == ("Bea Smith", "Bea")  # every former name still finds her


async def test_a_name_two_people_share_asks_which_with_a_button_each(tree, interaction, app):
    await command(tree, "touch").callback(interaction(), user=FakeUser(ANA, "Bea"))
    await command(tree, "touch").callback(interaction(), user=FakeUser(ANA + 1, "Bea"))
    asked = interaction()
    await command(tree, "vitalfew rename").callback(asked, person="Bea", name="Bea Smith")
    assert "Which Bea?" in asked.text
    assert len([c for c in custom_ids(asked.sent) if c.startswith("person_pick:")]) == 2
    assert [p.name for p in await people_of(app)] == ["Bea", "Bea"]
