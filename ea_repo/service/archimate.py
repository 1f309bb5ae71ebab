"""`ea export --format archimate`: the catalogue of one IPPD as an Open Group ArchiMate 3.1 exchange file,
validated against the bundled XSDs before anyone sees it, with the views `ea diagram` draws laid out by Graphviz.

The views are drawn by the caller (viz builds the DOT text; the core never imports viz): `draw(plateau, previous)`
returns the drawings of one plateau (and of its changes since the plateau exported before it, None for the first),
and this module lays them out and places them in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.archimate.layout import LayoutFailed, dot_available, lay_out
from ea_repo.archimate.validate import validate as validate_exchange
from ea_repo.archimate.write import ExchangeModel, LaidOutView, serialise, write_exchange
from ea_repo.catalog.elements import ElementRow
from ea_repo.core.errors import NotFound, Refused
from ea_repo.core.i18n import Message
from ea_repo.planning.records import INITIATIVE
from ea_repo.service.browse import require_visible
from ea_repo.service.planning import roadmap
from ea_repo.service.repository import Repository
from ea_repo.storage import store
from metamodel import load_metamodel, natural_key

ALL_PLATEAUS = "all"
MAX_VIEW_NODES = 2000  # what `ea diagram` draws element by element; dot needs minutes beyond that


@dataclass(frozen=True)
class ViewDrawing:
    """One view as `ea diagram` draws it: its name, plateau, DOT text and how many nodes it has; a diff's earlier
    plateau (its nodes are elements of either); the nodes that stand for an OPD (node name -> Kode OPD)."""

    name: str
    plateau: str
    dot_text: str
    nodes: int
    before: str | None = None
    opds: dict[str, str] = field(default_factory=dict)


Draw = Callable[[str, str | None], list[ViewDrawing]]  # (plateau, the plateau exported before it) -> its views


@dataclass(frozen=True)
class ArchimateExport:
    data: bytes
    elements: int
    relationships: int
    views: int
    validated: bool
    notes: list[Message] = field(default_factory=list)


def export_archimate(
    repo: Repository,
    *,
    principal: Principal,
    ippd: str,
    plateau: str = ALL_PLATEAUS,
    opd: str | None = None,
    draw: Draw | None = None,
    validate: bool = True,
    lang: str = "id",
) -> ArchimateExport:
    """The exchange file's bytes. One ArchiMate element per stored element (IPPD, plateau, ID); `plateau` one
    plateau or all; `opd` one OPD's elements and what they link to. Refuses (and writes nothing) when the
    file does not validate: that is a bug, never the user's data."""
    who = principal
    require_ippd(who, ippd)
    if opd is not None:
        require_visible(who, ippd, opd)
    if plateau != ALL_PLATEAUS and not load_metamodel().is_plateau(plateau):
        raise Refused(Message("archimate_unknown_plateau", plateau=plateau))
    rows, organisations = _rows(repo, who, ippd, plateau, opd)
    notes: list[Message] = []
    model = ExchangeModel(
        ippd=organisations[0],
        opds=organisations[1:],
        elements=rows,
        initiatives=_initiatives(repo, who, ippd, rows, opd),
        views=_views(draw, sorted({r.plateau for r in rows}, key=load_metamodel().plateau_order), notes),
        lang=lang,
    )
    root, counts = write_exchange(model)
    if validate:
        problems = validate_exchange(root)
        if problems:
            raise Refused(Message("archimate_invalid", problems="; ".join(problems[:5])))
    if counts.dangling:
        notes.append(Message("archimate_dangling", count=counts.dangling))
    return ArchimateExport(serialise(root), counts.elements, counts.relationships, counts.views, validate, notes)


def _rows(repo: Repository, who: Principal, ippd: str, plateau: str, opd: str | None):
    selection = store.ElementFilter(ippd=ippd, plateau=None if plateau == ALL_PLATEAUS else plateau)
    with repo.engine.connect() as conn:
        rows = [r for r in store.read_elements(conn, selection) if who.sees(ippd, r.opd)]
        organisations = [o for o in store.read_organisations(conn) if ippd in (o.code, o.ippd)]
    ippd_row = next((o for o in organisations if o.kind == "IPPD"), None)
    if ippd_row is None:
        raise NotFound(Message("unknown_ippd", ippd=ippd))
    if opd is not None:
        rows = _neighbourhood(rows, opd)
    metamodel = load_metamodel()
    rows.sort(
        key=lambda r: (metamodel.plateau_order(r.plateau), metamodel.kind_order(r.kind), natural_key(r.element_id))
    )
    owners = {r.opd for r in rows} | ({opd} if opd else set())
    opds = [
        o for o in organisations if o.kind == "OPD" and who.sees(ippd, o.code) and (opd is None or o.code in owners)
    ]
    return rows, [ippd_row, *opds]


def _neighbourhood(rows: list[ElementRow], opd: str) -> list[ElementRow]:
    """One OPD's elements and every element they link to or that links to them, plateau by plateau (as the OPD's
    diagram)."""
    own = {(r.plateau, r.element_id) for r in rows if r.opd == opd}
    near = set(own)
    for r in rows:
        targets = {(r.plateau, target) for _, target in r.links}
        if (r.plateau, r.element_id) in own:
            near |= targets
        elif targets & own:
            near.add((r.plateau, r.element_id))
    return [r for r in rows if (r.plateau, r.element_id) in near]


def _initiatives(repo: Repository, who: Principal, ippd: str, rows: list[ElementRow], opd: str | None):
    """The roadmap's initiatives; with an OPD, those that deliver one of the exported elements."""
    items = [i for i in roadmap(repo, ippd, principal=who) if i.kind == INITIATIVE]
    if opd is None:
        return items
    exported = {r.element_id for r in rows}
    return [i for i in items if exported & set(i.ids("delivers"))]


def _views(draw: Draw | None, plateaus: list[str], notes: list[Message]) -> list[LaidOutView]:
    if draw is None or not plateaus:
        return []
    if not dot_available():
        notes.append(Message("archimate_no_dot"))
        return []
    views = []
    for previous, plateau in zip([None, *plateaus[:-1]], plateaus, strict=True):
        for drawing in draw(plateau, previous):
            if drawing.nodes > MAX_VIEW_NODES:
                notes.append(
                    Message("archimate_view_too_large", view=drawing.name, nodes=drawing.nodes, limit=MAX_VIEW_NODES)
                )
                continue
            try:
                layout = lay_out(drawing.dot_text)
                views.append(LaidOutView(drawing.name, drawing.plateau, layout, drawing.before, drawing.opds))
            except LayoutFailed as exc:
                notes.append(Message("archimate_view_failed", view=drawing.name, reason=str(exc)[:200]))
    return views
