"""What an editing form needs before anything is written: may this person edit here, and what may a link point to.

The writes themselves stay in `editing` (create, replace, link, unlink, delete); these reads let a form refuse or
offer exactly what those writes would accept, decided by `access` as every other call is.
"""

from __future__ import annotations

from ea_repo.access.principal import Principal, require_ippd, require_write
from ea_repo.catalog.elements import ElementRow
from ea_repo.core.errors import PermissionDenied
from ea_repo.core.i18n import Message
from ea_repo.service.editing import Key, get_element
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import require_registered
from ea_repo.storage import store
from metamodel import RELATED_FIELD, load_metamodel


def require_editor(repo: Repository, ippd: str, *, principal: Principal) -> None:
    """PermissionDenied unless the principal may write elements somewhere in this IPPD (a viewer may not);
    NotFound for an IPPD that is not registered. Which OPD a new element may belong to is decided when it is
    written."""
    require_ippd(principal, ippd)
    if not principal.role.writes:
        raise PermissionDenied(Message("read_only", who=principal.name))
    with repo.engine.connect() as conn:
        require_registered(conn, ippd)


def editable_element(repo: Repository, key: Key, *, principal: Principal) -> ElementRow:
    """The element, if the principal may change it: hidden or missing answers NotFound (as a read), visible but not
    writable answers PermissionDenied (as a write)."""
    row = get_element(repo, key, principal=principal)
    require_write(principal, row.ippd, row.opd, f"{row.element_id} ({row.plateau})")
    return row


def link_target_kinds(kind: str, field: str) -> frozenset[str]:
    """The kinds a link field of `kind` may point to: a typed field's targets, or for the untyped `related` list
    every kind the metamodel relates to `kind` either way."""
    metamodel = load_metamodel()
    if field == RELATED_FIELD:
        return frozenset(k.name for k in metamodel.kinds if metamodel.relation_for(kind, k.name) is not None)
    return metamodel.field_targets(kind, field)


def link_candidates(
    repo: Repository, key: Key, field: str, *, principal: Principal, limit: int = 500
) -> list[ElementRow] | None:
    """The elements of the key's IPPD and plateau that the principal sees and the link field may point to, in ID
    order (the element itself left out); None when there are more than `limit` (a form then asks for the ID)."""
    require_ippd(principal, key[0])
    kinds = link_target_kinds(get_element(repo, key, principal=principal).kind, field)
    if not kinds:
        return []
    selection = store.ElementFilter(
        ippd=key[0],
        plateau=key[1],
        kinds=tuple(sorted(kinds)),
        opds=tuple(sorted(principal.opds)) if principal.opds is not None else None,
    )
    with repo.engine.connect() as conn:
        rows = [r for r in store.read_elements(conn, selection, limit=limit + 2) if r.element_id != key[2]]
    return None if len(rows) > limit else rows
