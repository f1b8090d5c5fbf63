"""requirements.txt (for Procfile buildpacks) is generated from pyproject.toml: it pins every
runtime dependency, within the range pyproject.toml allows, and nothing pyproject.toml
dropped. Regenerate it with `make requirements`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
DIRECT = "vitalfew (pyproject.toml)"
STALE = "requirements.txt is stale: run `make requirements` and commit it"


def pins() -> dict[str, tuple[str, bool]]:
    """name -> (pinned version, whether pyproject.toml asks for it directly)."""
    found: dict[str, tuple[str, bool]] = {}
    name = ""
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9._-]+)==(\S+)", line):
            name = canonicalize_name(match.group(1))
            found[name] = (match.group(2), False)
        elif name and DIRECT in line:
            found[name] = (found[name][0], True)
    return found


def test_requirements_txt_pins_exactly_pyprojects_dependencies_within_their_ranges() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {canonicalize_name(r.name): r
              for r in map(Requirement, project["dependencies"])}
    pinned = pins()
    assert set(wanted) <= set(pinned), f"{STALE}: {sorted(set(wanted) - set(pinned))} missing"
    direct = {name for name, (_, is_direct) in pinned.items() if is_direct}
    assert direct == set(wanted), f"{STALE}: {sorted(direct ^ set(wanted))}"
    outside = {name: pinned[name][0] for name, req in wanted.items()
               if not req.specifier.contains(pinned[name][0], prereleases=True)}
    assert not outside, f"{STALE}: pinned outside pyproject.toml's range: {outside}"


#: The first release without a published advisory, for each dependency that faces the
#: network (serves our HTTP endpoint, or talks to Slack, Discord or PostgreSQL). aiohttp:
#: request smuggling fixed in 3.10.11 and 3.12.14, WebSocket-upgrade smuggling in 3.14.2,
#: an out-of-bounds read in the C parser in 3.14.3. slack-bolt, slack-sdk, discord.py and
#: asyncpg: no advisory published for a release at or above their floors that we know of.
NO_KNOWN_ADVISORY = {"aiohttp": "3.14.3", "slack-bolt": "1.21", "slack-sdk": "3.35",
                     "discord-py": "2.7", "asyncpg": "0.29"}


def test_network_facing_floors_have_no_known_advisory() -> None:
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    floors = {canonicalize_name(r.name): min(Version(s.version) for s in r.specifier
                                             if s.operator == ">=")
              for r in map(Requirement, project["dependencies"])}
    lowest = {canonicalize_name(name): Version(version) for name, version in re.findall(
        r"^([A-Za-z0-9._-]+)==(\S+)", (ROOT / "ci" / "lowest.txt").read_text(), re.M)}
    for name, safe in NO_KNOWN_ADVISORY.items():
        assert floors[name] >= Version(safe), f"pyproject.toml lets {name} below {safe}"
        assert lowest[name] >= Version(safe), f"ci/lowest.txt pins {name} below {safe}"
