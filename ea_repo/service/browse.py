"""Reads on a principal's behalf: pages of elements, organisations, findings, history, codes."""

from __future__ import annotations

import base64
import dataclasses
import json
from dataclasses import dataclass

from ea_repo.access.principal import Principal, require_admin, require_ippd, require_read
from ea_repo.catalog.elements import OrganisationRow
from ea_repo.catalog.importer import parse_document
from ea_repo.checks import CheckFilter, Report
from ea_repo.core.errors import ConfigError, ImportRejected, InputProblem, NotFound
from ea_repo.core.i18n import Message
from ea_repo.core.kept import Kept
from ea_repo.service.catalog import ElementDetail, _check, kinds_for, reference_lists, show_element
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import names_only_visible, require_registered, visible_ids
from ea_repo.storage import audit, store
from ea_repo.storage.db import atomic
from metamodel import ReferenceCode, ReferenceList, normalise_id

MAX_PAGE = 1000


@dataclass(frozen=True)
class ElementQuery:
    plateau: str | None = None
    kind: str | None = None  # a kind or a domain
    opd: str | None = None
    reference: str | None = None  # elements classified under this code
    text: str | None = None  # in the name or the ID
    with_findings: bool = False  # only elements the checks found something on (the IPPD's findings, cached)
    order: str = "id"  # id (plateau, ID), name or opd; "-name" the other way round


ORDERS = ("id", "name", "opd")


@dataclass(frozen=True)
class Page:
    items: list
    next: str | None  # the cursor of the next page; None on the last


def element_page(
    repo: Repository,
    ippd: str,
    query: ElementQuery,
    *,
    principal: Principal,
    limit: int = 100,
    cursor: str | None = None,
) -> Page:
    """One page of an IPPD's elements in a stable order (plateau, ID; or by name or OPD first, as `query.order`
    asks), within the principal's OPDs. The cursor of a page continues in the order it was read in."""
    order, descending = _order(query.order)
    selection = element_selection(repo, ippd, query, principal=principal)
    limit = max(1, min(limit, MAX_PAGE))
    after = _decode(cursor, 3 if order != "id" else 2)
    with repo.engine.connect() as conn:
        rows = store.read_element_page(
            conn, selection, after=after, limit=limit + 1, order=order, descending=descending
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return Page([row for row, _ in rows], _encode(rows[-1][1]) if more else None)


def element_selection(repo: Repository, ippd: str, query: ElementQuery, *, principal: Principal) -> store.ElementFilter:
    """The store's filter for a query, within the principal's OPDs (and, asked, the elements with findings)."""
    require_ippd(principal, ippd)
    if query.opd is not None:
        require_read(principal, ippd, query.opd, f"OPD {query.opd}")
    keys = None
    if query.with_findings:
        report = findings(repo, ippd, principal=principal)  # the whole IPPD's: one cached run serves every filter
        wanted = {(f.plateau, f.element) for f in report.findings if f.plateau and f.element}
        keys = tuple(sorted(k for k in wanted if query.plateau in (None, k[0])))
    return store.ElementFilter(
        ippd=ippd,
        plateau=query.plateau,
        opd=query.opd,
        kinds=kinds_for(query.kind),
        text=query.text,
        reference=query.reference.upper() if query.reference else None,
        opds=tuple(sorted(principal.opds)) if principal.opds is not None else None,
        keys=keys,
    )


def _order(asked: str) -> tuple[str, bool]:
    order = asked[1:] if asked.startswith("-") else asked
    if order not in ORDERS:
        choices = ", ".join(ORDERS + tuple(f"-{o}" for o in ORDERS))
        raise ConfigError(Message("parameter_one_of", name="order", choices=choices, got=repr(asked)))
    return order, asked.startswith("-")


def _encode(position: tuple[str, ...]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(position)).encode()).decode().rstrip("=")


def _decode(cursor: str | None, size: int = 2) -> tuple[str, ...] | None:
    """A cursor back into its position (`size` values); anything else, or one of another order, is refused."""
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if (
            isinstance(position, list)
            and len(position) == size
            and all(isinstance(v, str) and "\x00" not in v for v in position)
        ):
            return tuple(position)
    except (ValueError, TypeError):
        pass
    raise ConfigError(Message("bad_cursor"))


def element_detail(
    repo: Repository, ippd: str, plateau: str, element_id: str, *, principal: Principal
) -> ElementDetail:
    """The element with its links both ways and its findings (what `ea show` prints). Links to and from
    elements the principal may not see read as links to missing IDs, or are left out (incoming)."""
    return show_element(repo, element_id, principal=principal, ippd=ippd, plateau=plateau)[0]


def findings(repo: Repository, ippd: str, selection: CheckFilter = CheckFilter(), *, principal: Principal) -> Report:
    """The IPPD's findings, narrowed to the principal's OPDs."""
    require_ippd(principal, ippd)
    for opd in selection.opds or ():
        require_read(principal, ippd, opd, f"OPD {opd}")
    if principal.opds is not None:
        asked = set(selection.opds) if selection.opds is not None else set(principal.opds)
        selection = CheckFilter(
            selection.rules,
            selection.domains,
            tuple(sorted(asked & principal.opds)),
            selection.plateaus,
            selection.min_severity,
        )
    report = _cached_check(repo, selection, ippd)
    known = organisations(repo, principal=principal, ippd=ippd)
    if report.elements == 0 and not any(o.kind == "IPPD" and o.code == ippd for o in known):
        raise NotFound(Message("unknown_ippd", ippd=ippd))
    if principal.opds is None:
        return report
    with repo.engine.connect() as conn:  # the summary counts only what the token may see, too
        elements, links = store.count_elements_and_links(conn, store.ElementFilter(ippd=ippd, opds=selection.opds))
        visible = visible_ids(conn, principal, ippd)
    shown = tuple(f for f in report.findings if names_only_visible(f, visible))
    return dataclasses.replace(report, findings=shown, elements=elements, links=links)


_REPORTS: Kept[Report] = Kept(64)


def _cached_check(repo: Repository, selection: CheckFilter, ippd: str) -> Report:
    """The checks of one IPPD, computed once per change of the catalogue (a page asks on every view)."""
    with repo.engine.connect() as conn:
        stamp = audit.data_stamp(conn)
    return _REPORTS.get((id(repo.engine), ippd, selection, stamp), lambda: _check(repo, selection, [ippd]))


# --- organisations ----------------------------------------------------------------------
def require_visible(principal: Principal, ippd: str, opd: str | None = None) -> None:
    """PermissionDenied unless the principal may read this IPPD (and this OPD of it)."""
    require_ippd(principal, ippd)
    if opd is not None:
        require_read(principal, ippd, opd, f"OPD {opd}")


def organisations(repo: Repository, *, principal: Principal, ippd: str | None = None) -> list[OrganisationRow]:
    """IPPDs and OPDs the principal may see (an OPD-scoped one sees its IPPD and its own OPDs)."""
    who = principal
    with repo.engine.connect() as conn:
        rows = store.read_organisations(conn, ippd)
    visible = [o for o in rows if who.sees_organisation(o.code, o.ippd)]
    return [o for o in visible if ippd is None or ippd in (o.code, o.ippd)]


def organisation(repo: Repository, ippd: str, opd: str | None = None, *, principal: Principal) -> OrganisationRow:
    """One IPPD, or one of its OPDs, that the principal may see; NotFound if there is none."""
    require_visible(principal, ippd, opd)
    wanted_kind, code = ("OPD", opd) if opd is not None else ("IPPD", ippd)
    for row in organisations(repo, principal=principal, ippd=ippd):
        if row.kind == wanted_kind and row.code == code:
            return row
    if opd is None:
        raise NotFound(Message("unknown_ippd", ippd=ippd))
    raise NotFound(Message("unknown_opd", opd=opd, ippd=ippd, known="GET /v1/ippds/{ippd}/opds"))


def put_organisation(
    repo: Repository, document, *, principal: Principal, ippd: str, opd: str | None = None
) -> OrganisationRow:
    """Create or replace an IPPD or one of its OPDs (admins of that IPPD)."""
    require_admin(principal, ippd)
    if opd is not None:
        with repo.engine.connect() as conn:
            require_registered(conn, ippd)
    expected_kind, code = ("OPD", opd) if opd is not None else ("IPPD", ippd)
    row = parse_document(
        _with_identity(document, expected_kind, code, ippd if opd is not None else None), f"API ({principal.name})"
    )
    if not isinstance(row, OrganisationRow) or row.kind != expected_kind:
        got = getattr(row, "kind", None)
        raise ImportRejected(
            [InputProblem("URL", None, Message("wrong_org_kind", expected=expected_kind, got=repr(got)), field="kind")]
        )
    with atomic(repo.engine) as conn:
        store.write_catalog(conn, [], [row], principal)
    return row


def _with_identity(document, kind: str, code: str, ippd: str | None):
    if not isinstance(document, dict) or not isinstance(document.get("metadata"), dict):
        return document
    metadata = dict(document["metadata"])
    problems = []
    for name, wanted in (("id", code), ("ippd", ippd)):
        if wanted is None:
            continue
        if metadata.get(name) in (None, ""):
            metadata[name] = wanted
        elif str(metadata[name]) != wanted:
            problems.append(
                InputProblem(
                    "URL",
                    None,
                    Message("path_mismatch", got=repr(metadata[name]), expected=repr(wanted)),
                    kind,
                    code,
                    f"metadata.{name}",
                )
            )
    if problems:
        raise ImportRejected(problems)
    return {**document, "metadata": metadata}


# --- history ----------------------------------------------------------------------------
def history(
    repo: Repository,
    *,
    principal: Principal,
    element_id: str | None = None,
    ippd: str | None = None,
    plateau: str | None = None,
    actor: str | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> list[audit.AuditEntry]:
    """Audit entries, newest first, within the principal's scope. Token grants and revocations only for the
    admins who cover them (an IPPD's admins see its tokens; national admins every token)."""
    who = principal
    if ippd is not None:
        require_ippd(who, ippd)
    subjects = (
        tuple(sorted({element_id.strip(), normalise_id(element_id)})) if element_id else None
    )  # token ids are lowercase
    selection = audit.AuditFilter(
        ippd=ippd,
        plateau=plateau,
        subjects=subjects,
        actor=actor,
        opds=tuple(sorted(who.opds)) if who.opds is not None else None,
        ippds=(who.ippd,) if who.ippd is not None else None,
        hidden_kinds=() if who.administers(who.ippd) else (audit.TOKEN_KIND, audit.USER_KIND),
    )
    with repo.engine.connect() as conn:
        return audit.read(
            conn, selection, limit=max(1, min(limit, MAX_PAGE + 1)), before_id=before_id
        )  # +1: room to see a next page


# --- reference codes --------------------------------------------------------------------
def reference_list(repo: Repository, name: str, *, principal: Principal) -> ReferenceList:
    lists = reference_lists(repo, principal=principal)
    try:
        return lists[name.upper()]
    except KeyError:
        raise NotFound(Message("unknown_reference_list", list=name, known=", ".join(sorted(lists)))) from None


def reference_code(
    repo: Repository, name: str, code: str, *, principal: Principal
) -> tuple[ReferenceCode, list[ReferenceCode]]:
    """One code and its children."""
    codes = reference_list(repo, name, principal=principal)
    wanted = code.upper() if code.upper().startswith(codes.domain + ".") else f"{codes.domain}.{code}"
    found = codes.get(wanted)
    if found is None:
        raise NotFound(Message("unknown_reference", code=code, list=codes.domain))
    return found, codes.children(found.code)
