"""The owner's data as one JSON document (`/vitalfew export`), documented in docs/export.md.

Field names explain themselves and every timestamp is ISO 8601 with its offset, so the
file is useful outside Vital Few without a manual.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain import WEEKDAYS, Followup, Owner, OwnerSettings, Person, Touch

FORMAT = "vitalfew-export/1"


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


async def export_off_the_loop(
    owner: Owner, settings: OwnerSettings, people: Sequence[Person],
    touches: Sequence[Touch], followups: Sequence[Followup], now: datetime,
) -> bytes:
    """``export_document`` on a worker thread: a large export (a second for a hundred
    thousand rows) never stalls the event loop, and so nobody else's commands."""
    return await asyncio.to_thread(
        export_document, owner, settings, list(people), list(touches), list(followups), now)


def export_document(
    owner: Owner, settings: OwnerSettings, people: Sequence[Person],
    touches: Sequence[Touch], followups: Sequence[Followup], now: datetime,
) -> bytes:
    """The document, in one pass over the touches and one over the follow-ups (grouped by
    person first: matching every person against every row was quadratic)."""
    touches_of: defaultdict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for t in touches:
        touches_of[t.person_id].append({"at": _iso(t.at), "kind": t.kind.value, "note": t.note,
                                        "minutes": t.spent, "started_by": t.started_by.value})
    followups_of: defaultdict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for f in followups:
        followups_of[f.person_id].append({
            "id": f.id, "what": f.what, "due_at": _iso(f.due_at), "status": f.status.value,
            "created_at": _iso(f.created_at), "closed_at": _iso(f.closed_at)})
    doc: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": _iso(now),
        "owner": {"platform": owner.platform, "workspace_id": owner.workspace,
                  "user_id": owner.user},
        "settings": {
            "time_zone": settings.zone_name, "vital_few_size": settings.size,
            "default_cadence_days": settings.cadence_days,
            "digest_enabled": settings.digest_enabled,
            "digest_weekday": WEEKDAYS[settings.digest_day],
            "digest_local_time": settings.digest_time.strftime("%H:%M"),
            "close_circle_size": settings.close_size,
            "close_circle_cadence_days": settings.close_cadence_days,
            "weekly_budget_minutes": settings.budget_minutes,
        },
        "people": [{
            "id": p.id, "name": p.name, "former_names": list(p.aliases),
            "platform_user_id": p.platform_id,
            "pinned": p.pinned, "cadence_days": p.cadence_days,
            "snoozed_until": _iso(p.snoozed_until), "created_at": _iso(p.created_at),
            "touches": touches_of.get(p.id, []), "followups": followups_of.get(p.id, []),
        } for p in people],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()
