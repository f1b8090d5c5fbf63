"""/vitalfew rename PERSON to NAME (issue 14): the new name everywhere, the old one still
finds the person; an empty name or one someone else has is refused and changes nothing."""

from __future__ import annotations

from tests.conftest import User
from tests.core.support import exported, people_listed


async def test_rename_shows_the_new_name_and_the_old_one_still_finds_them(me: User) -> None:
    await me("/touch Sam coffee")
    r = await me("/vitalfew rename Sam to Sam Lee")
    assert r.title == "Renamed Sam to Sam Lee.", r.text
    [line] = await people_listed(me)
    assert "Sam Lee" in line
    t = await me("/touch Sam call about the move")
    assert t.title == "Logged a call with Sam Lee: call about the move · 20 min", t.text
    assert (await me('/touch "Sam Lee" lunch')).title.startswith("Logged a meet with Sam Lee")
    assert (await me("/vitalfew rename Sam Lee to Samuel")).title == "Renamed Sam Lee to Samuel."
    assert "Samuel" in (await me("/touch Sam hi")).title  # every former name still finds them
    [person] = (await exported(me))["people"]
    assert person["name"] == "Samuel" and len(person["touches"]) == 4


async def test_a_bad_or_taken_name_is_refused_and_changes_nothing(me: User) -> None:
    await me("/touch Sam coffee")
    await me("/touch Bea coffee")
    for line, says in (("/vitalfew rename Sam to ", "Say who"),
                       ('/vitalfew rename Sam to ""', "empty"),
                       ("/vitalfew rename Sam to :", "not a name"),
                       ("/vitalfew rename Sam to bea", "/vitalfew merge Sam into Bea"),
                       ("/vitalfew rename Nobody to Sam Lee", "Nobody"),
                       ("/vitalfew rename Sam", "Say who")):
        r = await me(line)
        assert r.error and says in r.text, (line, r.text)
    assert sorted(p["name"] for p in (await exported(me))["people"]) == ["Bea", "Sam"]


async def test_meant_sam_lee_renames_and_moves_the_note_in_one_press(me: User) -> None:
    r = await me("/touch Sam Lee coffee")
    assert r.title == "Logged a message with Sam: Lee coffee · 5 min"  # the first-word rule
    [_reached_out, fix] = [a for s in r.sections for a in s.actions]
    assert fix.label == "Meant Sam Lee?"
    fixed = await me.press(fix.id, fix.value)
    assert fixed.title == "Renamed Sam to Sam Lee.", fixed.text
    assert "The touch's note is now: coffee" in fixed.text
    [person] = (await exported(me))["people"]
    assert person["name"] == "Sam Lee"
    assert [(t["kind"], t["note"], t["minutes"]) for t in person["touches"]] == [
        ("meet", "coffee", 60)]  # a meet's hour, no longer a message's 5 minutes
    again = await me.press(fix.id, fix.value)  # a second press changes nothing
    assert again.error and "already has that name" in again.title
    assert [t["note"] for t in (await exported(me))["people"][0]["touches"]] == ["coffee"]


async def test_no_fix_is_offered_for_a_known_name_or_a_lower_case_note(me: User) -> None:
    for line in ("/touch Ana coffee", "/touch Ana Lee coffee", "/touch Bo lunch"):
        r = await me(line)
        assert [a.label for s in r.sections for a in s.actions] == ["They reached out"], line


async def test_a_fix_whose_full_name_is_taken_or_whose_button_is_edited_changes_nothing(
    me: User,
) -> None:
    fix = [a for s in (await me("/touch Sam Lee coffee")).sections for a in s.actions][1]
    await me('/touch "Sam Lee" call')
    r = await me.press(fix.id, fix.value)
    assert r.error and "/vitalfew merge Sam into Sam Lee" in r.text
    edited = await me.press(fix.id, fix.value.replace("Lee", "Lee-1"))
    assert edited.error and "out of date" in edited.title
    assert sorted(p["name"] for p in (await exported(me))["people"]) == ["Sam", "Sam Lee"]
