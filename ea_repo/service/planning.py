"""The gap between plateaus and the Peta Rencana SPBE (roadmap): import, read, check, draft.

The Peta Rencana is the IPPD's enacted, public plan: every reader of the IPPD reads all its
initiatives. The elements they name are another matter: a reader sees in `delivers` and
`retires`, and in the findings, only the elements it may see (`Principal.sees`).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ea_repo.access.principal import Principal, Role, require_admin, require_ippd
from ea_repo.catalog.elements import OrganisationRow
from ea_repo.catalog.importer import parse_records_texts, read_records
from ea_repo.checks import Report
from ea_repo.checks.rules_roadmap import RoadmapContext, check_roadmap, plan_period
from ea_repo.core.errors import ConfigError, ImportRejected, InputProblem, NotFound
from ea_repo.core.i18n import Catalogue, Message, Text, t
from ea_repo.core.runtime import paused_gc
from ea_repo.core.yaml_io import YAML_SUFFIXES, LoadedDocument
from ea_repo.planning.gap import ADDED, CHANGED, KEPT, RETIRED, Gap, GapRow, compare
from ea_repo.planning.records import INITIATIVE, PLAN, ROADMAP_KINDS, RoadmapItem
from ea_repo.planning.store import RoadmapWrite, delete_item, read_roadmap, write_roadmap
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import names_only_visible, require_registered, trim_item, visible_ids
from ea_repo.storage import store
from ea_repo.storage.db import atomic
from metamodel import load_metamodel, natural_key, normalise_id


# --- gap --------------------------------------------------------------------------------
def gap_report(
    repo: Repository,
    ippd: str | None = None,
    before: str = "as-is",
    after: str = "to-be",
    *,
    principal: Principal,
) -> Gap:
    """The gap of one IPPD (or of every IPPD the principal sees, `ippd=None`) from `before` to `after`."""
    who = principal
    if ippd is not None:
        require_ippd(who, ippd)
    metamodel = load_metamodel()
    for plateau in (before, after):
        if not metamodel.is_plateau(plateau):
            raise ConfigError(Message("unknown_plateau", plateau=plateau))
    ippds = [ippd] if ippd is not None else None
    with repo.engine.connect() as conn, paused_gc():
        rows = [_gap_rows(store.read_gap_rows(conn, plateau, ippds), who) for plateau in (before, after)]

        def read_whole(keys, index):
            return store.read_specs_and_links(conn, (before, after)[index], keys)

        return compare((before, after), rows[0], rows[1], read_whole)


def _gap_rows(rows: list[tuple], who: Principal) -> list[GapRow]:
    codes = lru_cache(maxsize=None)(lambda text: tuple(json.loads(text)))  # few distinct reference texts, many rows
    everything = who.ippd is None and who.opds is None
    return [
        GapRow(ippd, element_id, kind, name, opd, codes(reference) if reference != "[]" else (), digest)
        for ippd, element_id, kind, name, opd, reference, digest in rows
        if everything or who.sees(ippd, opd)
    ]


# --- roadmap ----------------------------------------------------------------------------
@dataclass
class RoadmapImport:
    items: list[RoadmapItem]
    summary: RoadmapWrite | None  # None: a dry run


def import_roadmap(
    repo: Repository,
    texts: list[tuple[str, str]],
    *,
    principal: Principal,
    replace: bool = False,
    dry_run: bool = False,
) -> RoadmapImport:
    """Import (name, YAML text) pairs of RoadmapPlan and Initiative documents: all or nothing, audited.

    With `replace`, each named IPPD's stored roadmap items that the texts do not hold are removed.
    """
    items, problems = parse_records_texts(texts)
    return _import_items(repo, items, problems, principal, replace, dry_run)


def import_roadmap_documents(
    repo: Repository, bodies: list, name: str, *, principal: Principal, replace: bool = False, dry_run: bool = False
) -> RoadmapImport:
    """The same from documents given as data (a JSON request body)."""
    items, problems = read_records([LoadedDocument(i, None, body) for i, body in enumerate(bodies)], name)
    return _import_items(repo, items, problems, principal, replace, dry_run)


def import_roadmap_paths(
    repo: Repository, paths: list[Path], *, principal: Principal, replace: bool = False, dry_run: bool = False
) -> RoadmapImport:
    texts = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES) if path.is_dir() else [path]
        for file in files:
            try:
                texts.append((str(file), file.read_bytes().decode("utf-8-sig")))
            except (OSError, UnicodeDecodeError) as exc:
                # the operating system's or the codec's own words, as they come
                raise ImportRejected([InputProblem(str(file), None, Message("as_written", text=str(exc)))]) from None
    if not texts:
        raise ConfigError(Message("no_yaml_files", paths=", ".join(map(str, paths))))
    return import_roadmap(repo, texts, principal=principal, replace=replace, dry_run=dry_run)


def _import_items(
    repo: Repository,
    items: list[RoadmapItem],
    problems: list[InputProblem],
    who: Principal,
    replace: bool,
    dry_run: bool,
) -> RoadmapImport:
    known = {o.code for o in _organisations(repo) if o.kind == "IPPD"}
    for item in items:
        if item.ippd not in known:
            problems.append(
                InputProblem(
                    (item.source or "").rsplit(":", 1)[0],
                    None,
                    Message("unknown_ippd", ippd=item.ippd),
                    item.kind,
                    item.item_id,
                    "metadata.ippd",
                )
            )
    if problems:
        raise ImportRejected(problems)
    for ippd in sorted({item.ippd for item in items}):
        require_admin(who, ippd)  # the roadmap is the IPPD's plan: its admins keep it
    if dry_run:
        return RoadmapImport(items, None)
    with atomic(repo.engine) as conn:
        return RoadmapImport(items, write_roadmap(conn, items, who, replace=replace))


def _organisations(repo: Repository) -> list[OrganisationRow]:
    with repo.engine.connect() as conn:
        return store.read_organisations(conn)


def put_roadmap_item(
    repo: Repository,
    ippd: str,
    item_id: str,
    body: dict,
    kinds: tuple[str, ...] = ROADMAP_KINDS,
    *,
    principal: Principal,
) -> RoadmapItem:
    """Create or replace one plan or initiative (or, with `kinds`, an evidence record) from its document (the IPPD's
    admins)."""
    items, problems = read_records([LoadedDocument(0, None, body)], "body")
    if problems:
        raise ImportRejected(problems)
    item = items[0]
    if item.kind not in kinds:
        raise ImportRejected(
            [
                InputProblem(
                    "body",
                    None,
                    Message("unknown_kind", got=repr(item.kind), known=", ".join(kinds)),
                    item.kind,
                    item.item_id,
                    "kind",
                )
            ]
        )
    if item.ippd != ippd or item.item_id != normalise_id(item_id) and item.item_id != item_id:
        raise ImportRejected(
            [
                InputProblem(
                    "body",
                    None,
                    Message("path_mismatch", got=f"{item.ippd}/{item.item_id}", expected=f"{ippd}/{item_id}"),
                    item.kind,
                    item.item_id,
                    "metadata.id",
                )
            ]
        )
    require_admin(principal, ippd)  # before the IPPD is looked up: no answer about IPPDs beyond the caller
    with repo.engine.connect() as conn:
        require_registered(conn, ippd)
    _import_items(repo, [item], [], principal, replace=False, dry_run=False)
    with repo.engine.connect() as conn:
        return next(i for i in read_roadmap(conn, ippd) if i.key == item.key)


def delete_roadmap_item(
    repo: Repository, ippd: str, item_id: str, kinds: tuple[str, ...] = ROADMAP_KINDS, *, principal: Principal
) -> None:
    require_admin(principal, ippd)
    with atomic(repo.engine) as conn:
        require_registered(conn, ippd)
        gone = any(
            delete_item(conn, principal, (ippd, kind, item))
            for kind in kinds
            for item in {item_id, normalise_id(item_id)}
        )
    if not gone:
        raise NotFound(Message("access_no_roadmap_item", item=item_id, ippd=ippd))


def roadmap(repo: Repository, ippd: str, *, principal: Principal) -> list[RoadmapItem]:
    """The IPPD's plan(s) first, then its initiatives in natural ID order (A.2 before A.10); the elements
    they deliver or retire only as far as the principal may see them."""
    who = principal
    require_ippd(who, ippd)
    with repo.engine.connect() as conn:
        visible = visible_ids(conn, who, ippd)
        items = [trim_item(i, visible) for i in read_roadmap(conn, ippd) if i.kind in ROADMAP_KINDS]
    return sorted(items, key=lambda i: (i.kind != PLAN, natural_key(i.item_id)))


def roadmap_names(repo: Repository, ippd: str, *, principal: Principal) -> tuple[str | None, dict[str, str]]:
    """The IPPD's name and its OPDs' names by code, for documents that show names beside codes."""
    who = principal
    require_ippd(who, ippd)
    with repo.engine.connect() as conn:
        organisations = [o for o in store.read_organisations(conn) if ippd in (o.code, o.ippd)]
    name = next((o.name for o in organisations if o.kind == "IPPD"), None)
    return name, {o.code: o.name for o in organisations if o.kind == "OPD" and o.name}


def roadmap_context(
    repo: Repository, ippd: str, before: str = "as-is", after: str = "to-be", *, principal: Principal
) -> RoadmapContext:
    """The roadmap and the gap it plans, as far as the principal sees them (checks run on the whole IPPD's:
    see `roadmap_findings`)."""
    items = roadmap(repo, ippd, principal=principal)
    opds: dict[str, tuple[str | None, ...]] = {
        o.code: (o.name, o.spec.get("short_name")) for o in _organisations(repo) if o.kind == "OPD" and o.ippd == ippd
    }
    gap = gap_report(repo, ippd, before, after, principal=principal)
    if not any(i.change != RETIRED for i in gap.items):
        gap = Gap(
            before, after, gap.ippds, []
        )  # no target plateau yet: nothing to plan against, not "retire everything"
    return RoadmapContext(
        ippd, [i for i in items if i.kind == PLAN], [i for i in items if i.kind == INITIATIVE], gap, opds
    )


def roadmap_findings(
    repo: Repository, ippd: str, before: str = "as-is", after: str = "to-be", *, principal: Principal
) -> Report:
    """The roadmap checks over the whole IPPD's plan and gap (an initiative delivering another OPD's element
    delivers something); an OPD-scoped reader gets the findings that name only elements it may see."""
    who = principal
    require_ippd(who, ippd)
    whole = Principal(who.name, Role.VIEWER, ippd, None, via=who.via)  # internal: nothing of it is shown unfiltered
    report = check_roadmap(roadmap_context(repo, ippd, before, after, principal=whole))
    if who.opds is None:
        return report
    seen = roadmap_context(repo, ippd, before, after, principal=who)
    with repo.engine.connect() as conn:
        visible = visible_ids(conn, who, ippd)
    assert visible is not None  # the reader has OPDs: it sees a list, not everything
    shown = tuple(f for f in report.findings if _names_only(f, visible))
    changed = sum(1 for g in seen.gap.items if g.change != KEPT)
    return dataclasses.replace(report, findings=shown, links=changed)


def _names_only(finding, visible: set[tuple[str, str]]) -> bool:
    """A finding about a gap element (it has a plateau) the reader may see, naming no other hidden one."""
    about_hidden = finding.plateau is not None and (finding.plateau, finding.element) not in visible
    return not about_hidden and names_only_visible(finding, visible)


# --- a starter roadmap from the gap -----------------------------------------------------
_ACTION = Catalogue(
    "roadmap.draft_action",
    {
        ADDED: Text("Pembangunan", "Build"),
        CHANGED: Text("Pengembangan", "Upgrade"),
        RETIRED: Text("Penghentian", "Retire"),
    },
)
_ACTIVITY_TYPE = {ADDED: "baru", CHANGED: "upgrade"}


def draft_roadmap(
    repo: Repository,
    ippd: str,
    before: str = "as-is",
    after: str = "to-be",
    lang: str = "id",
    *,
    principal: Principal,
) -> list[RoadmapItem]:
    """One proposed initiative per (muatan, OPD, kind of change) of the gap: the architect edits it,
    adds years, budgets and the governance muatan, then imports it. Nothing is stored here."""
    gap = gap_report(repo, ippd, before, after, principal=principal)
    metamodel = load_metamodel()
    groups: dict[tuple[str, str, str], list] = {}
    for item in gap.items:
        if item.change != KEPT:
            muatan = metamodel.roadmap.domain_muatan[item.domain]
            groups.setdefault((muatan, item.opd or "", item.change), []).append(item)
    for members in groups.values():
        members.sort(key=lambda m: natural_key(m.element_id))
    period = plan_period([i for i in roadmap(repo, ippd, principal=principal) if i.kind == PLAN])
    order = {m.key: n for n, m in enumerate(metamodel.roadmap.muatan)}
    counters: dict[str, int] = {}
    drafts = []
    for (muatan, opd, change), members in sorted(
        groups.items(), key=lambda g: (order[g[0][0]], natural_key(g[0][1]), g[0][2])
    ):
        counters[muatan] = counters.get(muatan, 0) + 1
        drafts.append(_draft(ippd, muatan, opd, change, members, counters[muatan], period, lang))
    return drafts


def _draft(
    ippd: str, muatan: str, opd: str, change: str, members: list, number: int, period: tuple[int, int] | None, lang: str
) -> RoadmapItem:
    metamodel = load_metamodel()
    kinds = sorted({m.kind for m in members}, key=metamodel.kind_order)
    what = ", ".join(metamodel.kind(k).title(lang) for k in kinds)
    action = _ACTION.t(change, lang)
    where = f" OPD {opd}" if opd else ""
    name = f"{action} {what}{where}: {', '.join(m.element_id for m in members[:6])}{' …' if len(members) > 6 else ''}"
    ids = [m.element_id for m in members]
    spec: dict[str, Any] = {
        "muatan": muatan,
        "uic": [opd] if opd else [],
        "output": "; ".join(f"{m.element_id} {m.name or ''}".strip() for m in members),
        "activity_type": _ACTIVITY_TYPE.get(change),
        "delivers": ids if change != RETIRED else [],
        "retires": ids if change == RETIRED else [],
        "years": [],
        "targets": {},
        "depends_on": [],
    }
    within = t("roadmap_draft_within", lang, first=period[0], last=period[1]) if period else ""
    notes = {"draft": t("roadmap_draft_note", lang, count=len(members), within=within)}
    return RoadmapItem(
        INITIATIVE,
        ippd,
        f"{metamodel.roadmap.muatan_named(muatan).prefix}.{number}",
        name,
        {k: v for k, v in spec.items() if v is not None},
        {},
        notes,
    )


# --- the gap and the roadmap as documents (what GET .../gap and .../roadmap answer) -----------
def gap_json(repo: Repository, ippd: str, before: str = "as-is", after: str = "to-be", *, principal: Principal) -> dict:
    from ea_repo.reports.planning import gap_data

    return gap_data(gap_report(repo, ippd, before, after, principal=principal))


def gap_file(
    repo: Repository,
    ippd: str,
    before: str = "as-is",
    after: str = "to-be",
    fmt: str = "md",
    lang: str = "id",
    *,
    principal: Principal,
) -> bytes:
    """The gap document (md, html or xlsx), with the initiatives that plan it."""
    from ea_repo.reports import write_document
    from ea_repo.reports.planning import gap_document

    gap = gap_report(repo, ippd, before, after, principal=principal)
    return write_document(gap_document(gap, lang, roadmap(repo, ippd, principal=principal)), fmt)


def roadmap_file(repo: Repository, ippd: str, fmt: str = "md", lang: str = "id", *, principal: Principal) -> bytes:
    """The Peta Rencana document (md, html or xlsx), with the IPPD's and OPDs' names beside their codes."""
    from ea_repo.reports import write_document
    from ea_repo.reports.planning import roadmap_document

    items = roadmap(repo, ippd, principal=principal)
    ippd_name, opd_names = roadmap_names(repo, ippd, principal=principal)
    return write_document(roadmap_document(ippd, items, lang, opd_names, ippd_name), fmt)
