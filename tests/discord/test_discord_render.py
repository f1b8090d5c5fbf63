"""Rendering: literal text (no markdown, no pings) within Discord's limits."""

from __future__ import annotations

import discord

from adapters.discord.render import render
from bot.replies import FOLLOWUP_DONE, Action, Reply, Section, reply


def test_everyone_and_markdown_are_shown_literally():
    shown = render(reply("Logged a message with @everyone *boss*",
                         "note: **bold** `code` <@222222222222222222> [link](https://x.example)"))

    assert "@\u200beveryone" in shown.content
    assert "\\*boss\\*" in shown.content
    assert "\\*\\*bold\\*\\*" in shown.embed.description
    assert "\\`code\\`" in shown.embed.description
    assert "<@222222222222222222>" not in shown.embed.description
    mentions = shown.message_kwargs()["allowed_mentions"]
    assert mentions.to_dict() == discord.AllowedMentions.none().to_dict()


def test_long_text_is_cut_to_discords_limits():
    shown = render(Reply("t" * 3000, (Section(("x" * 5000,)),)))

    assert len(shown.content) <= 2000
    assert len(shown.embed.description) <= 4096
    assert shown.embed.description.endswith("…")


def test_a_row_per_section_and_at_most_five_rows_of_five_buttons():
    sections = tuple(
        Section((f"promise {i}",), tuple(Action(FOLLOWUP_DONE, "Done", f"{i}{j}")
                                         for j in range(size)))
        for i, size in enumerate((4, 7, 4, 4, 4, 4)))
    view = render(Reply("many", sections)).view

    rows = [[item.custom_id for item in view.children if item.row == r] for r in range(5)]
    assert [len(r) for r in rows] == [4, 5, 2, 4, 4]
    assert len(view.children) <= 25
    assert len(view.to_components()) == 5


def test_buttons_are_persistent_and_carry_their_action_and_value():
    view = render(Reply("r", (Section(("x",), (Action(FOLLOWUP_DONE, "Done", "12",
                                                        "primary"),)),))).view

    [button] = view.children
    assert view.timeout is None and view.is_persistent()
    assert button.custom_id == "followup_done:12"
    assert button.item.style is discord.ButtonStyle.primary


def test_an_action_whose_value_cannot_be_a_custom_id_is_left_out():
    view = render(Reply("r", (Section(("x",), (Action(FOLLOWUP_DONE, "Done", "a b"),)),))).view
    assert view is None


def test_errors_are_marked():
    shown = render(Reply("Who?", (Section(("Usage: …",)),), error=True))
    assert shown.content.startswith("⚠️")
    assert shown.embed.colour.value == 0xED4245


def test_every_masked_link_on_a_line_is_inert():
    # discord.utils.escape_markdown escapes only the first of these, and nothing between.
    shown = render(reply("[a](https://evil.example) **x** [b](https://evil.example)"))

    assert shown.content == (
        "**\\[a](https://evil.example) \\*\\*x\\*\\* \\[b](https://evil.example)**")


def test_markdown_is_escaped_once_not_twice():
    shown = render(reply("t", "a \\[b](c) \\*d", "  - item", "> quote", "-# small",
                         "https://x.example/a_b*c"))

    assert shown.embed.description == (
        "a \\\\\\[b](c) \\\\\\*d\n  \\- item\n\\> quote\n\\-# small\n"
        "https://x.example/a_b*c")
