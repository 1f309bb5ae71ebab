"""What a diagram shows of one IPPD and plateau: elements and their resolved links, in scope."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from ea_repo.access.principal import Principal, require_ippd, require_read
from ea_repo.core.errors import ConfigError
from ea_repo.core.i18n import Message
from ea_repo.core.runtime import paused_gc
from ea_repo.planning.gap import element_changes
from ea_repo.service.editing import element_key, get_element
from ea_repo.service.repository import Repository
from ea_repo.storage import store
from metamodel import load_metamodel


class DiagramElement(NamedTuple):
    """A NamedTuple, not a dataclass: the national picture makes 300,000 of them (and 1.2 M links)."""

    id: str
    name: str | None
    kind: str
    domain: str
    opd: str | None
    reference: tuple[str, ...]
    ippd: str | None = None  # set in the national picture, where IDs are qualified as <ippd>/<id>


class DiagramLink(NamedTuple):
    """A link in its relation's direction: subject -relation-> object (A.001 uses D.002)."""

    subject: str
    relation: str
    object: str


@dataclass(frozen=True)
class DiagramData:
    ippd: str | None  # None: every IPPD the principal sees (the national picture)
    plateau: str
    elements: list[DiagramElement]
    links: list[DiagramLink]


def diagram_data(repo: Repository, ippd: str, plateau: str = "as-is", *, principal: Principal) -> DiagramData:
    """The plateau's elements the principal may see, and the allowed links among them."""
    require_ippd(principal, ippd)
    return _plateau_data(repo, principal, plateau, ippd)


def national_diagram_data(repo: Repository, plateau: str = "as-is", *, principal: Principal) -> DiagramData:
    """Every IPPD's plateau the principal may see, in one picture; element IDs qualified as <ippd>/<id>
    (every IPPD has its own A.001)."""
    return _plateau_data(repo, principal, plateau, None)


def _plateau_data(repo: Repository, who: Principal, plateau: str, ippd: str | None) -> DiagramData:
    """One read of the plateau's rows; links resolved by the metamodel. Missing targets and disallowed
    pairs are the checks' business, not the picture's: they are left out."""
    metamodel = load_metamodel()
    if not metamodel.is_plateau(plateau):
        raise ConfigError(Message("unknown_plateau", plateau=plateau))
    with repo.engine.connect() as conn, paused_gc():
        element_rows, link_rows = store.read_plateau_rows(conn, plateau, ippd)
        national = ippd is None
        domain_of = {k.name: k.domain for k in metamodel.kinds}
        kinds: dict[tuple[str, str], str] = {}
        elements = []
        for row_ippd, element_id, kind, name, opd, reference in element_rows:
            if not who.sees(row_ippd, opd):
                continue
            kinds[(row_ippd, element_id)] = kind
            shown = f"{row_ippd}/{element_id}" if national else element_id
            elements.append(
                DiagramElement(
                    shown,
                    name,
                    kind,
                    domain_of[kind],
                    opd,
                    tuple(json.loads(reference)) if reference != "[]" else (),
                    row_ippd if national else None,
                )
            )
        links = []
        for row_ippd, source_id, field, target_id in link_rows:
            source_kind, target_kind = kinds.get((row_ippd, source_id)), kinds.get((row_ippd, target_id))
            found = metamodel.resolve_link(source_kind, field, target_kind) if source_kind and target_kind else None
            if found is None:
                continue
            subject, obj = (target_id, source_id) if found.reversed else (source_id, target_id)
            if national:
                subject, obj = f"{row_ippd}/{subject}", f"{row_ippd}/{obj}"
            links.append(DiagramLink(subject, found.relation.name, obj))
    elements.sort(key=lambda e: e.id)
    return DiagramData(ippd, plateau, elements, links)


@dataclass(frozen=True)
class DiagramDiff:
    """Two plateaus of one IPPD and, per element ID, added / retired / changed / kept."""

    before: DiagramData
    after: DiagramData
    changes: dict[str, str]


def diagram_diff(
    repo: Repository, ippd: str, before: str = "as-is", after: str = "to-be", *, principal: Principal
) -> DiagramDiff:
    who = principal
    old, new = diagram_data(repo, ippd, before, principal=who), diagram_data(repo, ippd, after, principal=who)
    with repo.engine.connect() as conn:
        rows = {
            p: [
                r for r in store.read_elements(conn, store.ElementFilter(ippd=ippd, plateau=p)) if who.sees(ippd, r.opd)
            ]
            for p in (before, after)
        }
    return DiagramDiff(old, new, element_changes(rows[before], rows[after]))


# --- one view of one IPPD, read for the principal ---------------------------------------
VIEWS = ("layers", "domain", "context", "impact", "diff", "opds")


@dataclass(frozen=True)
class DiagramRequest:
    """Which view of an IPPD: `ea diagram <view>` and GET /v1/ippds/{ippd}/diagrams/{view} ask the same."""

    view: str = "layers"
    plateau: str = "as-is"
    opd: str | None = None  # layers, diff: one OPD and its neighbours
    domain: str | None = None  # domain: which one
    element: str | None = None  # context, impact: which element
    depth: int = 1  # context: how far
    before: str = "as-is"  # diff
    after: str = "to-be"  # diff


@dataclass(frozen=True)
class DiagramView:
    """What a view draws, as the principal may see it: the plateau (or, for a diff, both plateaus) and the
    element a context or impact view centres on, as stored. The renderer (viz) builds the picture from it."""

    ippd: str
    request: DiagramRequest
    data: DiagramData | None = None  # every view but diff
    diff: DiagramDiff | None = None  # diff
    element: str | None = None  # context, impact


def diagram_view(repo: Repository, ippd: str, request: DiagramRequest, *, principal: Principal) -> DiagramView:
    """The data of one view. An OPD outside the principal's scope is refused, not emptied; the element of a
    context or impact view is not found when absent or hidden from the principal."""
    if request.view not in VIEWS:
        raise ConfigError(Message("archimate_unknown_view", view=request.view, choices=", ".join(VIEWS)))
    require_ippd(principal, ippd)
    if request.opd is not None:
        require_read(principal, ippd, request.opd, f"OPD {request.opd}")
    if request.view == "diff":
        return DiagramView(
            ippd, request, diff=diagram_diff(repo, ippd, request.before, request.after, principal=principal)
        )
    data = diagram_data(repo, ippd, request.plateau, principal=principal)
    if request.view not in ("context", "impact"):
        return DiagramView(ippd, request, data)
    if not request.element:
        raise ConfigError(Message("view_needs_element", view=request.view))
    key = element_key(ippd, request.plateau, request.element)
    return DiagramView(ippd, request, data, element=get_element(repo, key, principal=principal).element_id)
