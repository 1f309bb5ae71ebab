"""What changed between two plateaus, element by element: added, retired, changed, kept.

An element is "changed" when anything stored about it differs (attributes, reference codes,
OPD, declared links): the content digest the import already keeps.
"""
from __future__ import annotations

from typing import Iterable

from .elements import ElementRow

ADDED, RETIRED, CHANGED, KEPT = "added", "retired", "changed", "kept"


def element_changes(before: Iterable[ElementRow], after: Iterable[ElementRow]) -> dict[str, str]:
    """Element ID -> added / retired / changed / kept, from the `before` plateau to the `after` one."""
    old = {row.element_id: row.digest() for row in before}
    new = {row.element_id: row.digest() for row in after}
    changes = {eid: ADDED for eid in new.keys() - old.keys()}
    changes.update({eid: RETIRED for eid in old.keys() - new.keys()})
    changes.update({eid: (KEPT if old[eid] == new[eid] else CHANGED) for eid in old.keys() & new.keys()})
    return changes
