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
