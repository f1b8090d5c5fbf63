"""Signatures, staleness, and data kept per owner and per workspace."""

from __future__ import annotations

import time

from slack_support import eventually, signed_headers

from bot import stamps


async def test_a_forged_signature_is_refused_and_nothing_is_stored(slack):
    body = slack.command_body("/touch Ana coffee")
    headers = signed_headers(body, "application/x-www-form-urlencoded", secret="wrong-secret")
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", headers)
    assert status == 401
    assert await slack.people() == []
    assert slack.fake.calls == []


async def test_a_stale_timestamp_is_refused_and_nothing_is_stored(slack):
    body = slack.command_body("/touch Ana coffee")
    stale = int(time.time()) - 5 * 60 - 5
    headers = signed_headers(body, "application/x-www-form-urlencoded", timestamp=stale)
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", headers)
    assert status == 401
    assert await slack.people() == []


async def test_a_tampered_body_is_refused(slack):
    body = slack.command_body("/touch Ana coffee")
    headers = signed_headers(body, "application/x-www-form-urlencoded")
    tampered = body.replace("U1", "U9")
    status, _ = await slack.post(tampered, "application/x-www-form-urlencoded", headers)
    assert status == 401
    assert await slack.people(user="U9") == []


async def test_one_user_never_sees_another_users_data(slack):
    await slack.command("/touch Zed coffee", user="U1")
    await slack.command("/followup Zed tomorrow secret plan", user="U1")
    theirs = await slack.command("/vitalfew people", user="U3")
    assert "Zed" not in theirs["text"] and "secret" not in theirs["text"]
    assert (await slack.command("/followup", user="U3"))["text"].startswith("No open")
    # U3 pressing U1's follow-up button changes nothing.
    await slack.press("followup_done", stamps.followup_value(
        (await slack.followups(user="U1"))[0]), user="U3")
    _, said = (await eventually(lambda: slack.fake.responses))[-1]
    assert "That button is out of date." in said["text"]
    assert [f.status.value for f in await slack.followups(user="U1")] == ["open"]


async def test_two_workspaces_are_kept_apart(slack):
    await slack.command("/touch Zed coffee", user="U1", team="T1")
    await slack.command("/touch Bo call", user="U1", team="T2")
    assert [p.name for p in await slack.people(team="T1")] == ["Zed"]
    assert [p.name for p in await slack.people(team="T2")] == ["Bo"]
    listed = await slack.command("/vitalfew people", user="U1", team="T2")
    assert "Zed" not in listed["text"] and "Bo" in listed["text"]
