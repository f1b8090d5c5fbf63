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
