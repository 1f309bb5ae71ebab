"""One element at a time: create, read, replace, delete, link, unlink (the API's resources).

Every write checks the principal's scope, honours an expected version (optimistic
concurrency: a stale write is refused and writes nothing), and records before and after in
the audit log, in the same transaction as the change. An element the principal may not see
answers as a missing one (see `access`); writes under an IPPD that is not registered answer
NotFound and write nothing.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

from ea_repo.access.principal import Principal, require_ippd, require_write
from ea_repo.catalog.elements import ElementRow
from ea_repo.catalog.exporter import element_document
from ea_repo.catalog.importer import parse_document
from ea_repo.catalog.retire import DanglingLink, dangling_links
from ea_repo.core.errors import AlreadyExists, ElementNotFound, ImportRejected, InputProblem, NotFound, VersionConflict
from ea_repo.core.i18n import Message
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import require_registered, visible_ids
from ea_repo.storage import audit, store
from ea_repo.storage.db import atomic
from metamodel import RELATED_FIELD, load_metamodel, normalise_id, split_id_list

Key = tuple[str, str, str]  # (IPPD, plateau, element ID)


def element_key(ippd: str, plateau: str, element_id: str) -> Key:
    return (ippd, plateau, normalise_id(element_id))


def _label(key: Key) -> str:
    return f"{key[2]} ({key[1]})"


def get_element(repo: Repository, key: Key, *, principal: Principal) -> ElementRow:
    require_ippd(principal, key[0])
    with repo.engine.connect() as conn:
        row = next(store.read_elements(conn, store.ElementFilter(ippd=key[0], plateau=key[1], element_id=key[2])), None)
    if row is None or principal.hides(row.ippd, row.opd):
        raise ElementNotFound(key[2])
    return row


def create_element(repo: Repository, document: Any, *, principal: Principal, ippd: str) -> ElementRow:
    """Store a new element from its document; AlreadyExists if the IPPD/plateau/ID is taken."""
    require_ippd(principal, ippd)
    with repo.engine.connect() as conn:
        require_registered(conn, ippd)
    row = _parse(_fill_from_path(document, ippd=ippd), principal)
    require_write(principal, row.ippd, row.opd, _label(row.key))
    with atomic(repo.engine) as conn:
        if not store.insert_element(
            conn, row
        ):  # the ID may be taken by an element the principal cannot see: see `access`
            raise AlreadyExists(Message("exists", subject=_label(row.key)))
        audit.record(conn, principal, [_change("create", None, row, 1)])
    return dataclasses.replace(row, version=1)


def replace_element(
    repo: Repository, key: Key, document: Any, *, principal: Principal, expected_version: int | None = None
) -> ElementRow:
    """Replace an element with a whole new document (PUT). The stored row if nothing changed."""
    filled = _fill_from_path(document, ippd=key[0], plateau=key[1], element_id=key[2])
    expected = expected_version if expected_version is not None else _document_version(filled)
    return _update(repo, principal, key, lambda _current: filled, expected)


def add_link(
    repo: Repository,
    key: Key,
    target: str,
    *,
    principal: Principal,
    field: str | None = None,
    expected_version: int | None = None,
) -> ElementRow:
    """Add one link (a typed field, or the untyped `related` list) to the element."""

    def with_link(current: ElementRow) -> dict:
        document, name = _document_and_field(current, field)
        targets = split_id_list(document["spec"].get(name))
        if normalise_id(target) not in targets:
            document["spec"][name] = [*targets, normalise_id(target)]
        return document

    return _update(repo, principal, key, with_link, expected_version)


def remove_link(
    repo: Repository,
    key: Key,
    target: str,
    *,
    principal: Principal,
    field: str | None = None,
    expected_version: int | None = None,
) -> ElementRow:
    """Remove a link to `target` (from `field`, or from every link field that names it)."""
    wanted = normalise_id(target)

    def without_link(current: ElementRow) -> dict:
        if not any(t == wanted and (field is None or f == field) for f, t in current.links):
            raise NotFound(Message("no_such_link", subject=_label(current.key), target=wanted))
        document = element_document(current)
        for name, value in list(document["spec"].items()):
            if (field is None or name == field) and name in _link_fields(current.kind):
                document["spec"][name] = [t for t in split_id_list(value) if t != wanted] or None
        return document

    return _update(repo, principal, key, without_link, expected_version)


def delete_element(
    repo: Repository, key: Key, *, principal: Principal, expected_version: int | None = None
) -> list[str]:
    """Delete an element and the links it declares. Returns the IDs whose links to it now dangle."""
    require_ippd(principal, key[0])
    with atomic(repo.engine) as conn:
        require_registered(conn, key[0])
        current = _locked(conn, principal, key)
        _require_version(key, expected_version, current)
        store.delete_element(conn, key)
        audit.record(conn, principal, [_change("delete", current, None, current.stored_version)])
        return sorted(
            {source for ippd, plateau, source, _f in store.read_links_to(conn, key[2], key[0]) if plateau == key[1]}
        )


def delete_preview(repo: Repository, key: Key, *, principal: Principal) -> tuple[ElementRow, list[DanglingLink]]:
    """The element a delete would remove, and the links (from elements the principal sees) that would then dangle.
    Writes nothing; refused as the delete itself would be (a hidden element is not found)."""
    row = get_element(repo, key, principal=principal)
    require_write(principal, row.ippd, row.opd, _label(key))
    with repo.engine.connect() as conn:
        dangling = dangling_links(conn, [row])
        visible = visible_ids(conn, principal, key[0])
    return row, [d for d in dangling if visible is None or (d.plateau, d.source_id) in visible]


# --- the shared update path -------------------------------------------------------------
def _update(
    repo: Repository, principal: Principal, key: Key, new_document: Callable[[ElementRow], Any], expected: int | None
) -> ElementRow:
    require_ippd(principal, key[0])
    with atomic(repo.engine) as conn:
        require_registered(conn, key[0])
        current = _locked(conn, principal, key)
        _require_version(key, expected, current)
        row = _parse(new_document(current), principal)
        require_write(principal, row.ippd, row.opd, _label(key))
        if row.digest() == current.digest():
            return current  # nothing changed: no new version, no audit entry
        if not store.update_element(conn, row, current.stored_version):
            # unreachable under the lock
            raise VersionConflict(_label(key), current.stored_version, current.stored_version + 1)
        version = current.stored_version + 1
        audit.record(conn, principal, [_change("update", current, row, version)])
    return dataclasses.replace(row, version=version)


def _locked(conn, principal: Principal, key: Key) -> ElementRow:
    current = store.lock_element(conn, key)
    if current is None or principal.hides(current.ippd, current.opd):
        raise ElementNotFound(key[2])
    require_write(principal, current.ippd, current.opd, _label(key))
    return current


def _require_version(key: Key, expected: int | None, current: ElementRow) -> None:
    if expected is not None and expected != current.version:
        raise VersionConflict(_label(key), expected, current.stored_version)


def _change(action: str, before: ElementRow | None, after: ElementRow | None, version: int) -> audit.Change:
    row = after or before
    assert row is not None  # a change has a before, an after or both
    return audit.Change(
        action,
        row.ippd,
        row.plateau,
        row.opd,
        row.element_id,
        row.kind,
        version,
        element_document(before) if before else None,
        element_document(after) if after else None,
    )


# --- documents --------------------------------------------------------------------------
def _parse(document: Any, principal: Principal) -> ElementRow:
    name = f"API ({principal.name})"
    row = parse_document(document, name)
    if not isinstance(row, ElementRow):
        raise ImportRejected([InputProblem(name, None, Message("not_element_kind", kind=row.kind), field="kind")])
    return row


def _fill_from_path(document: Any, *, ippd: str, plateau: str | None = None, element_id: str | None = None) -> Any:
    """The URL names the IPPD (and plateau, ID): fill them in where the body leaves them out;
    refuse a body that says otherwise."""
    if not isinstance(document, dict) or not isinstance(document.get("metadata"), dict):
        return document  # the parser reports the shape problem
    document = copy.deepcopy(document)
    metadata = document["metadata"]
    problems = []
    for name, wanted, same in (
        ("ippd", ippd, lambda a, b: a == b),
        ("plateau", plateau, lambda a, b: a == b),
        ("id", element_id, lambda a, b: normalise_id(str(a)) == b),
    ):
        if wanted is None:
            continue
        given = metadata.get(name)
        if given in (None, ""):
            metadata[name] = wanted
        elif not same(given, wanted):
            problems.append(
                InputProblem(
                    "URL",
                    None,
                    Message("path_mismatch", got=repr(given), expected=repr(wanted)),
                    document.get("kind"),
                    element_id,
                    f"metadata.{name}",
                )
            )
    if problems:
        raise ImportRejected(problems)
    return document


def _document_version(document: Any) -> int | None:
    try:
        version = document["metadata"].get("version")
        return int(version) if version is not None else None
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def _link_fields(kind: str) -> tuple[str, ...]:
    return (*load_metamodel().kind(kind).link_fields, RELATED_FIELD)


def _document_and_field(current: ElementRow, field: str | None) -> tuple[dict, str]:
    name = field or RELATED_FIELD
    allowed = _link_fields(current.kind)
    if name not in allowed:
        problem = Message("no_link_field", kind=current.kind, field=repr(name), allowed=", ".join(allowed))
        raise ImportRejected([InputProblem("URL", None, problem, current.kind, current.element_id, "field")])
    return element_document(current), name
