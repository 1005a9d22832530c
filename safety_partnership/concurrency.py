"""No lost updates: an edit is saved only onto the version the editor started from.

Every form carries the id of the object's latest history record when it was
opened. If someone else has saved since, the save is refused and the editor is
shown what changed, keeping what they typed; saving again then overwrites
knowingly, since the form now carries the newer version.
"""

from dataclasses import dataclass
from datetime import datetime

from .history import FieldChange, Historied, field_changes


@dataclass(frozen=True)
class Conflict:
    by: str
    at: datetime
    changes: list[FieldChange]
    version: int


def latest_version(obj: Historied) -> int | None:
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


def conflict_since(obj: Historied, version: int | None) -> Conflict | None:
    """What others have saved on obj since the editor's version, or None.

    A save that does not say which version it started from (version None) cannot
    show that it saw the latest one, so it is a conflict too, with no changes to list.
    """
    records = obj.history.order_by("-history_id").select_related("history_user")
    latest = records.first()
    if latest is None or (version is not None and latest.history_id <= version):
        return None
    if version is None:
        changes = []
    else:
        started_from = records.filter(history_id=version).first()
        changes = field_changes(obj._meta.model, started_from, latest)
    user = latest.history_user
    return Conflict(
        by=(user.get_full_name() or user.username) if user else "",
        at=latest.history_date,
        changes=changes,
        version=latest.history_id,
    )
