"""The owner's data as one JSON document (`/vitalfew export`), documented in docs/export.md.

Field names explain themselves and every timestamp is ISO 8601 with its offset, so the
file is useful outside Vital Few without a manual.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain import WEEKDAYS, Followup, Owner, OwnerSettings, Person, Touch

FORMAT = "vitalfew-export/1"


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def export_document(
    owner: Owner, settings: OwnerSettings, people: Sequence[Person],
    touches: Sequence[Touch], followups: Sequence[Followup], now: datetime,
) -> bytes:
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
        "people": [_person(p, touches, followups) for p in people],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()


def _person(p: Person, touches: Sequence[Touch], followups: Sequence[Followup]) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "former_names": list(p.aliases),
        "platform_user_id": p.platform_id, "pinned": p.pinned,
        "cadence_days": p.cadence_days, "snoozed_until": _iso(p.snoozed_until),
        "created_at": _iso(p.created_at),
        "touches": [{"at": _iso(t.at), "kind": t.kind.value, "note": t.note,
                     "minutes": t.spent, "started_by": t.started_by.value}
                    for t in touches if t.person_id == p.id],
        "followups": [{"id": f.id, "what": f.what, "due_at": _iso(f.due_at),
                       "status": f.status.value, "created_at": _iso(f.created_at),
                       "closed_at": _iso(f.closed_at)}
                      for f in followups if f.person_id == p.id],
    }
