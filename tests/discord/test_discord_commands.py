"""Slash commands driven through their callbacks, on the real core and a real database."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from unittest.mock import AsyncMock

import discord
import pytest
from discord_doubles import (
    ANA,
    BOT,
    ME,
    FakeUser,
    command,
    custom_ids,
    open_followups,
    people_of,
)

from adapters.discord import respond
from adapters.discord.autocomplete import known_people, time_zones
from adapters.discord.buttons import CUSTOM_ID
from bot import stamps
from bot.replies import DIGEST_OPT_IN, DIGEST_OPT_OUT, Reply


async def test_touch_with_a_user_option_logs_a_touch_with_that_discord_user(tree, interaction,
                                                                             app):
    inter = interaction()
    await command(tree, "touch").callback(inter, user=FakeUser(ANA, "Ana"), note="coffee")

    assert inter.sent["ephemeral"] is True
    assert "Logged a meet with Ana: coffee" in inter.text
    [ana] = await people_of(app)
    assert (ana.name, ana.platform_id) == ("Ana", str(ANA))


async def test_touch_with_a_free_text_name_keeps_the_whole_name(tree, interaction, app):
    inter = interaction()
    await command(tree, "touch").callback(inter, person="Sam Lee", note="call about the move")

    assert "Logged a call with Sam Lee: call about the move" in inter.text
    assert [p.name for p in await people_of(app)] == ["Sam Lee"]


async def test_touch_names_a_known_discord_user_chosen_from_autocomplete(tree, interaction,
                                                                         app):
    await command(tree, "touch").callback(interaction(), user=FakeUser(ANA, "Ana"))
    inter = interaction()
    assert command(tree, "touch").get_parameter("person").autocomplete
    choices = await known_people(app.storage.uow)(inter, "an")
    assert [(c.name, c.value) for c in choices] == [("Ana", f"<@{ANA}>")]

    await command(tree, "touch").callback(inter, person=choices[0].value, note="lunch")
    assert "Logged a meet with Ana: lunch" in inter.text
    assert len(await people_of(app)) == 1


async def test_touch_without_anyone_is_refused_and_stores_nothing(tree, interaction, app):
    inter = interaction()
    await command(tree, "touch").callback(inter, note="coffee")

    assert inter.sent["ephemeral"] is True
    assert "Name someone" in inter.text
    assert await people_of(app) == []


async def test_followup_add_shows_the_local_due_time(tree, interaction, app):
    await command(tree, "vitalfew tz").callback(interaction(), zone="Europe/Berlin")
    inter = interaction()
    await command(tree, "followup add").callback(inter, person="Ana", when="friday",
                                                 what="send the intro")

    assert "Follow-up with Ana: send the intro" in inter.text
    assert "Fri 27 Nov 2026, 09:00 Europe/Berlin (in 4 days)" in inter.text
    [followup] = await open_followups(app)
    assert followup.what == "send the intro"


async def test_a_note_that_starts_like_a_date_stays_a_note_when_no_when_is_given(
        tree, interaction, app):
    inter = interaction()
    await command(tree, "followup add").callback(inter, person="Ana", what="friday drinks")

    assert "Follow-up with Ana: friday drinks" in inter.text
    assert "no date given, so in 7 days" in inter.text


async def test_a_when_with_leftover_words_is_refused(tree, interaction, app):
    inter = interaction()
    await command(tree, "followup add").callback(inter, person="Ana", when="friday drinks",
                                                 what="plan")

    assert "couldn't read 'friday drinks' as a date" in inter.text
    assert await open_followups(app) == []


async def test_a_past_when_is_an_ephemeral_error_and_nothing_is_stored(tree, interaction, app):
    inter = interaction()
    await command(tree, "followup add").callback(inter, person="Ana", when="2020-01-01",
                                                 what="too late")

    assert inter.sent["ephemeral"] is True
    assert inter.sent["content"].startswith("⚠️")
    assert await open_followups(app) == []
    assert await people_of(app) == []


async def test_followup_list_shows_buttons_for_each_promise(tree, interaction, app):
    await command(tree, "followup add").callback(interaction(), person="Ana", what="intro")
    inter = interaction()
    await command(tree, "followup list").callback(inter)

    [followup] = await open_followups(app)
    assert "Ana: intro" in inter.text
    assert f"followup_done:{stamps.followup_value(followup)}" in custom_ids(inter.sent)


async def test_vitalfew_show_lists_the_vital_few(tree, interaction):
    await command(tree, "touch").callback(interaction(), person="Ana", note="dinner")
    inter = interaction()
    await command(tree, "vitalfew show").callback(inter)

    assert inter.sent["ephemeral"] is True
    assert "Ana" in inter.text


async def test_first_use_asks_about_the_digest_with_the_answer_not_instead(tree, interaction):
    first = interaction()
    await command(tree, "touch").callback(first, person="Ana", note="coffee")

    assert "Logged a meet with Ana" in first.text
    assert "weekly DM" in first.text
    assert custom_ids(first.sent)[1:] == [f"{DIGEST_OPT_IN}:1", f"{DIGEST_OPT_OUT}:0"]

    second = interaction()
    await command(tree, "touch").callback(second, person="Ana", note="call")
    assert "weekly DM" not in second.text
    assert [i.partition(":")[0] for i in custom_ids(second.sent)] == ["touch_from_them"]


async def test_vitalfew_subcommands_reach_the_grammar(tree, interaction, app):
    await command(tree, "vitalfew add").callback(interaction(), person="Ana Silva")
    await command(tree, "vitalfew every").callback(interaction(), duration="10d",
                                                   person="Ana Silva")
    size = interaction()
    await command(tree, "vitalfew size").callback(size, n=3)
    digest = interaction()
    await command(tree, "vitalfew digest").callback(digest, setting="friday", at="17:00")

    [ana] = await people_of(app)
    assert (ana.name, ana.pinned, ana.cadence_days) == ("Ana Silva", True, 10)
    assert "3 people" in size.text
    assert "Fridays at 17:00" in digest.text


async def test_forget_me_asks_for_confirmation_with_buttons(tree, interaction):
    await command(tree, "touch").callback(interaction(), person="Ana")
    inter = interaction()
    await command(tree, "vitalfew forget").callback(inter, person="me")

    assert "Delete everything" in inter.text
    confirm, cancel = custom_ids(inter.sent)
    # a token bound to this question (issue 14), within Discord's 100 characters
    assert confirm.startswith("forget_confirm:me-") and cancel.startswith("forget_cancel:me-")
    assert len(confirm) <= 100 and CUSTOM_ID.match(confirm)


async def test_help_adds_the_discord_layout(tree, interaction):
    inter = interaction()
    await command(tree, "vitalfew help").callback(inter)
    assert "/followup add person:Ana" in inter.text


async def test_time_zone_autocomplete_offers_iana_zones(tree, interaction):
    assert command(tree, "vitalfew tz").get_parameter("zone").autocomplete
    choices = await time_zones(interaction(), "berl")
    assert [c.value for c in choices] == ["Europe/Berlin"]


async def test_export_goes_to_the_dm_and_the_reply_says_so(tree, interaction):
    inter = interaction()
    await command(tree, "vitalfew export").callback(inter)

    inter.response.defer.assert_awaited_once_with(ephemeral=True, thinking=True)
    dm = inter.user.send.await_args.kwargs
    assert dm["file"].filename.endswith(".json")
    assert inter.followup.send.await_args.kwargs["ephemeral"] is True
    assert "sent the file to your DMs" in inter.text


async def test_export_with_closed_dms_hands_the_file_over_ephemerally(tree, interaction):
    inter = interaction()
    inter.user.send = AsyncMock(side_effect=discord.Forbidden(
        _Response(403), {"code": 50007, "message": "Cannot send messages to this user"}))
    await command(tree, "vitalfew export").callback(inter)

    assert inter.followup.send.await_args.kwargs["file"].filename.endswith(".json")
    assert "DMs with me are closed" in inter.text


async def test_an_export_over_the_upload_limit_gets_a_clear_answer(tree, interaction,
                                                                  monkeypatch):
    monkeypatch.setattr(respond, "UPLOAD_LIMIT", 100)  # ours is a few hundred bytes
    inter = interaction()
    await command(tree, "vitalfew export").callback(inter)

    inter.user.send.assert_not_awaited()
    sent = inter.followup.send.await_args.kwargs
    assert "file" not in sent and sent["ephemeral"] is True
    assert "MB, more than the 0 MB Discord lets me upload, so I can't send it here" in inter.text


async def test_slow_work_is_deferred_then_sent_as_a_followup(monkeypatch):
    monkeypatch.setattr(respond, "DEFER_AFTER", 0.01)

    async def slow() -> Reply:
        await asyncio.sleep(0.05)
        return Reply("done at last")

    from discord_doubles import FakeInteraction

    inter = FakeInteraction(client=None)
    await respond.answer(inter, slow())

    inter.response.defer.assert_awaited_once_with(ephemeral=True, thinking=True)
    inter.response.send_message.assert_not_awaited()
    assert "done at last" in inter.text


class _Response:
    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.reason = "test"
        self.headers = headers or {}


# --- a person is its own option: blank is no one, and the note never joins the name ------


async def test_a_blank_or_invisible_person_is_refused_and_the_note_never_becomes_the_person(
        tree, interaction, app):
    for blank in ("   ", "\x00\x07", "\u200b\u2060", "\ufeff"):
        touch, later = interaction(), interaction()
        await command(tree, "touch").callback(touch, person=blank, note="hi")
        await command(tree, "followup add").callback(later, person=blank, what="call")
        for inter in (touch, later):
            assert inter.sent["ephemeral"] is True
            assert inter.sent["content"].startswith("⚠️ **The person is empty")
    assert await people_of(app) == [] and await open_followups(app) == []


async def test_a_blank_person_with_a_cadence_is_refused_not_made_the_default(
        tree, interaction, app):
    inter = interaction()
    await command(tree, "vitalfew every").callback(inter, duration="2w", person="   ")
    assert inter.sent["content"].startswith("⚠️ **The person is empty")
    show = interaction()
    await command(tree, "vitalfew every").callback(show, duration="3w")
    assert "every 21 days" in show.text  # without a person: the default, as before


async def test_a_blank_person_beside_a_user_goes_by_the_user(tree, interaction, app):
    inter = interaction()
    await command(tree, "touch").callback(inter, person="  ", user=FakeUser(ANA, "Ana"),
                                          note="coffee")
    assert "Logged a meet with Ana: coffee" in inter.text
    assert [p.name for p in await people_of(app)] == ["Ana"]


async def test_words_of_the_note_never_join_a_one_word_person(tree, interaction, app):
    for i, note in enumerate(("re: lunch", "coffee - great", ":smile: thanks", "— from Bo")):
        inter = interaction(5000 + i)
        await command(tree, "touch").callback(inter, person="Zed", note=note)
        [zed] = await people_of(app, 5000 + i)
        assert zed.name == "Zed", note
        assert f"with Zed: {note}" in inter.text.replace("\\", "")
    later = interaction(6000)
    await command(tree, "followup add").callback(later, person="Zed", what="re: the deck")
    [followup] = await open_followups(app, 6000)
    assert followup.what == "re: the deck"


async def test_a_one_word_person_still_finds_a_known_full_name(tree, interaction, app):
    await command(tree, "touch").callback(interaction(), person="Ana Silva", note="coffee")
    inter = interaction()
    await command(tree, "touch").callback(inter, person="Ana", note="re: the move")
    assert "with Ana Silva: re: the move" in inter.text
    assert [p.name for p in await people_of(app)] == ["Ana Silva"]


async def test_a_person_with_double_quotes_is_kept_whole(tree, interaction, app):
    names = ['Dwayne "The Rock" Johnson', 'Zed"', '"Ana', 'say "hi" “there” now']
    for i, name in enumerate(names):
        await command(tree, "touch").callback(interaction(7000 + i), person=name,
                                              note="re: x")
        assert [p.name for p in await people_of(app, 7000 + i)] == [name], name


# --- yourself and bots are not people -----------------------------------------------------


@pytest.fixture
def as_bot():
    """This bot as a Discord user: every interaction carries its id (``application_id``)."""
    return FakeUser(BOT, "Vital Few", bot=True)


async def test_yourself_this_bot_or_another_bot_as_the_user_is_refused(
        tree, interaction, app, as_bot):
    other = FakeUser(888, "somebot", bot=True)
    for user, said in ((FakeUser(ME, "me"), "That's you."), (as_bot, "That's me, the bot."),
                       (other, "That's a bot, not a person.")):
        for path, options in (("touch", {"note": "hi"}), ("vitalfew add", {}),
                              ("followup add", {"what": "x"})):
            inter = interaction()
            await command(tree, path).callback(inter, user=user, **options)
            assert inter.sent["content"].startswith(f"⚠️ **{said}"), (path, inter.text)
    typed = interaction()
    await command(tree, "touch").callback(typed, person=f"<@{BOT}>", note="hi")
    assert typed.sent["content"].startswith("⚠️ **That's me, the bot.")
    assert await people_of(app) == []


async def test_the_context_menus_refuse_yourself_and_bots(tree, interaction, app, as_bot):
    log_touch = tree.get_command("Log a touch", type=discord.AppCommandType.user).callback
    follow_up = tree.get_command("Follow up on this",
                                 type=discord.AppCommandType.message).callback
    other = FakeUser(888, "somebot", bot=True)
    for author, said in ((FakeUser(ME, "me"), "That's you."), (as_bot, "That's me, the bot."),
                         (other, "That's a bot, not a person.")):
        touched, followed = interaction(), interaction()
        await log_touch(touched, author)
        await follow_up(followed, SimpleNamespace(author=author, jump_url="https://x/1/2/3"))
        for inter in (touched, followed):
            assert inter.sent["content"].startswith(f"⚠️ **{said}"), inter.text
    assert await people_of(app) == [] and await open_followups(app) == []


async def test_a_user_whose_display_name_shows_nothing_is_stored_under_their_username(
        tree, interaction, app):
    user = FakeUser(ANA, "\u200b\u2060", name="ana")
    log_touch = tree.get_command("Log a touch", type=discord.AppCommandType.user).callback
    await log_touch(interaction(), user)
    assert [p.name for p in await people_of(app)] == ["ana"]


async def test_touch_takes_minutes_and_who_reached_out_as_options(tree, interaction):
    first = interaction()
    await command(tree, "touch").callback(first, person="Ana", note="lunch", minutes=90,
                                          from_them=True)
    assert "Logged a meet with Ana: lunch · 1 h 30 min" in first.text
    assert "Ana reached out this time." in first.text
    [undo] = [i for i in custom_ids(first.sent) if i.startswith("touch_from_them:")]
    assert "-me-" in undo  # the button now says "I reached out": it undoes the option
    second = interaction()
    await command(tree, "touch").callback(second, person="Ana", note="call 45 min")
    assert "Logged a call with Ana: call 45 min · 45 min" in second.text
    refused = interaction()
    await command(tree, "touch").callback(refused, person="Ana", note="lunch", minutes=0)
    assert "0 minutes is no time at all" in refused.text
