"""Scoring with exact numbers and a fixed clock."""

import random
import statistics
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import Kind, Owner, OwnerSettings, Person, Touch
from bot.scoring import Status, focus, rank, strength, usual_gap_days

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
OWNER = Owner("console", "", "me")


def days_ago(n: float) -> datetime:
    return NOW - timedelta(days=n)


def person(pid: int, name: str, **kw) -> Person:
    return Person(OWNER, name, id=pid, **kw)


def test_strength_halves_every_45_days():
    assert strength([Touch(1, NOW, Kind.MEET)], NOW) == 1  # hours: a meet is 60 minutes
    assert strength([Touch(1, days_ago(45), Kind.MEET, minutes=90)], NOW) == pytest.approx(0.75)
    assert strength([Touch(1, days_ago(90), Kind.CALL)], NOW) == pytest.approx(1 / 12)
    touches = [Touch(1, days_ago(0), Kind.MESSAGE), Touch(1, days_ago(45), Kind.CALL)]
    assert strength(touches, NOW) == pytest.approx(5 / 60 + 10 / 60)


def test_usual_gap_is_the_median_once_there_are_three_touches():
    t = [Touch(1, days_ago(d), Kind.MESSAGE) for d in (30, 20, 8)]
    assert usual_gap_days(t[:2]) is None
    assert usual_gap_days(t) == pytest.approx(11)


@pytest.mark.parametrize("n", [3, 4, 5, 8, 11])
def test_usual_gap_is_the_median_of_the_gaps_in_any_order(n):
    """Touches in any order, an even or odd number of gaps, equal times: the median of
    the gaps in days, to the last bit (what the digest rounds to whole days)."""
    rng = random.Random(n)
    moments = [days_ago(rng.uniform(0, 200)) for _ in range(n - 1)]
    t = [Touch(1, at, Kind.CALL) for at in [*moments, moments[0]]]
    rng.shuffle(t)
    times = sorted(x.at for x in t)
    gaps = [(b - a).total_seconds() / 86400 for a, b in zip(times, times[1:], strict=False)]
    assert usual_gap_days(t) == statistics.median(gaps)


def test_vital_few_is_pinned_plus_strongest_up_to_size():
    people = [person(1, "Ana"), person(2, "Bo"), person(3, "Cy", pinned=True), person(4, "Di")]
    touches = [Touch(1, NOW, Kind.MEET), Touch(2, NOW, Kind.CALL), Touch(4, NOW, Kind.MESSAGE)]
    r = rank(people, touches, OwnerSettings(OWNER, size=2), NOW)
    assert [s.person.name for s in r.vital] == ["Ana", "Cy"]
    assert [s.rank for s in r.vital] == [1, 2]
    assert [s.person.name for s in r.others] == ["Bo", "Di"]
    assert [s.person.name for s in r.rising] == ["Bo", "Di"]


def test_status_says_why_in_numbers():
    people = [person(1, "Ana"), person(2, "Bo"), person(3, "Cy")]
    touches = [Touch(1, days_ago(d), Kind.MESSAGE) for d in (65, 53, 41)]
    touches += [Touch(2, days_ago(20), Kind.MEET), Touch(3, days_ago(2), Kind.CALL)]
    r = rank(people, touches, OwnerSettings(OWNER, cadence_days=14), NOW)
    by = {s.person.name: s for s in r.vital}
    assert by["Ana"].status is Status.COLD
    assert by["Ana"].why == "41 days since your last touch; you usually talk every 12 days"
    assert by["Bo"].status is Status.DUE
    assert by["Bo"].why == "20 days since your last touch; your cadence is every 14 days"
    assert by["Cy"].status is Status.OK


def test_own_cadence_overrides_and_off_means_no_status():
    people = [person(1, "Ana", cadence_days=30), person(2, "Bo", cadence_days=0)]
    touches = [Touch(1, days_ago(20), Kind.MEET), Touch(2, days_ago(200), Kind.MEET)]
    r = rank(people, touches, OwnerSettings(OWNER), NOW)
    assert {s.person.name: s.status for s in r.vital} == {"Ana": Status.OK, "Bo": None}


def test_snoozed_person_is_not_nagged():
    people = [person(1, "Ana", snoozed_until=NOW + timedelta(days=3))]
    r = rank(people, [Touch(1, days_ago(100), Kind.MEET)], OwnerSettings(OWNER), NOW)
    assert r.vital[0].status is Status.SNOOZED


def test_focus_is_the_vital_few_share_of_the_last_30_days():
    touches = [Touch(1, days_ago(1), Kind.MESSAGE), Touch(1, days_ago(2), Kind.MESSAGE),
               Touch(2, days_ago(3), Kind.MESSAGE), Touch(2, days_ago(40), Kind.MESSAGE)]
    assert focus(touches, {1}, NOW) == 67
    assert focus(touches, {1}, days_ago(60)) is None
