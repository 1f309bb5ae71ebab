"""Catalogue-wide services: import, checks, reads, export, reference lists."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ea_repo.access.principal import Principal, require_admin, require_ippd
from ea_repo.archimate.read import ExchangeContext, repository_context
from ea_repo.catalog.elements import ElementRow, OrganisationRow
from ea_repo.catalog.exporter import element_document, export_files, organisation_document
from ea_repo.catalog.graph import RepoGraph, nodes_from_rows
from ea_repo.catalog.import_findings import ImportFindings, brought_by
from ea_repo.catalog.importer import (
    EXCHANGE_SUFFIXES,
    ParsedCatalog,
    collect_files,
    duplicate_problems,
    parse_bodies,
    parse_catalog,
    parse_text,
)
from ea_repo.catalog.references import (
    build_user_list,
    delete_reference_list,
    lists_in_force,
    read_reference_file,
    store_reference_list,
)
from ea_repo.catalog.retire import Retirement, apply_retirement, plan_sync
from ea_repo.checks import CheckFilter, Finding, Report, check_graph
from ea_repo.core.errors import ConfigError, ElementNotFound, ImportRejected, PermissionDenied
from ea_repo.core.i18n import Message
from ea_repo.core.kept import Kept
from ea_repo.core.paths import path_inside
from ea_repo.core.runtime import paused_gc, thawed_after
from ea_repo.core.yaml_io import MAX_FILE_BYTES, dump_documents
from ea_repo.planning.store import read_roadmap, write_roadmap
from ea_repo.service.repository import Repository
from ea_repo.service.visibility import names_only_visible, refuse_taken_ids, visible_ids
from ea_repo.storage import audit, store
from ea_repo.storage.db import atomic
from metamodel import REFERENCE_DOMAINS, ReferenceList, load_metamodel, natural_key, normalise_id


# --- import -----------------------------------------------------------------------------
@dataclass
class ImportResult:
    files: int
    summary: store.WriteSummary
    catalog: ParsedCatalog | None = None
    findings: ImportFindings | None = None  # the checks' findings on the imported elements
    retirement: Retirement | None = None  # --sync: the elements retired (in a preview: that would be)
    applied: bool = True  # False: a --sync preview; nothing was written


def import_paths(
    repo: Repository,
    paths: list[Path],
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    on_file: Callable[[Path], None] | None = None,
    principal: Principal,
    sync: bool = False,
    preview: bool = False,
) -> ImportResult:
    """Import YAML/XLSX/CSV files and folders in one transaction: all or nothing, idempotent, audited.

    `sync`: the input is the truth for what it covers (see `retire`): stored elements it no longer
    holds are retired in the same transaction. `preview` (with sync): plan it and write nothing."""
    with paused_gc():
        catalog = parse_catalog(
            paths, max_file_bytes=max_file_bytes, on_file=on_file, exchange=_exchange_context(repo, paths)
        )
        if preview:
            return _preview_sync(repo, catalog, principal)
        return _write(repo, catalog, principal, sync=sync)


def _exchange_context(repo: Repository, paths: list[Path]) -> ExchangeContext | None:
    """For ArchiMate exchange files: the repository's only IPPD and the IDs it holds (IDs are assigned after them)."""
    if not any(p.suffix.lower() in EXCHANGE_SUFFIXES for p in collect_files(paths)[0]):
        return None
    with repo.engine.connect() as conn:
        return repository_context(conn)


def catalog_files(paths: list[Path]) -> list[Path]:
    """The YAML files an import of these paths would read, in order (missing paths left out)."""
    return collect_files(paths)[0]


def validate_paths(
    paths: list[Path], *, max_file_bytes: int = MAX_FILE_BYTES, on_file: Callable[[Path], None] | None = None
) -> ParsedCatalog:
    """Everything import checks, without a database and without writing (ImportRejected if bad)."""
    return parse_catalog(paths, max_file_bytes=max_file_bytes, on_file=on_file)


def import_texts(
    repo: Repository, texts: list[tuple[str, str]], *, principal: Principal, dry_run: bool = False
) -> ImportResult:
    """Import (name, YAML text) pairs, e.g. an uploaded body or the files of a zip, like files."""
    catalog = ParsedCatalog(files=len(texts))
    with paused_gc():
        problems = [p for name, text in texts for p in parse_text(text, name, catalog)]
        return _import_parsed(repo, catalog, problems, principal, dry_run)


def import_documents(
    repo: Repository, documents: list, *, name: str = "body", principal: Principal, dry_run: bool = False
) -> ImportResult:
    """Import documents given as data (a JSON array), with the rules of files; problems name `body[i]`."""
    catalog = ParsedCatalog(files=1)
    with paused_gc():
        return _import_parsed(repo, catalog, parse_bodies(documents, name, catalog), principal, dry_run)


def _import_parsed(
    repo: Repository, catalog: ParsedCatalog, problems: list, principal: Principal, dry_run: bool
) -> ImportResult:
    problems.extend(duplicate_problems(catalog))
    if problems:
        raise ImportRejected(problems)
    authorise_catalog(principal, catalog)
    if dry_run:
        return ImportResult(catalog.files, store.WriteSummary(), catalog)
    return _write(repo, catalog, principal)


def import_text(repo: Repository, text: str, *, name: str = "<body>", principal: Principal) -> ImportResult:
    """Import one YAML text with the same rules as files."""
    return import_texts(repo, [(name, text)], principal=principal)


def authorise_catalog(principal: Principal, catalog: ParsedCatalog) -> None:
    """Every document must lie inside what the principal may write; else nothing is written."""
    refused = [
        f"{r.kind} {r.element_id} ({r.ippd}/{r.opd or '-'})"
        for r in catalog.elements
        if not principal.may_write(r.ippd, r.opd)
    ]
    refused += [f"{o.kind} {o.code}" for o in catalog.organisations if not principal.administers(o.ippd or o.code)]
    refused += [f"{i.kind} {i.item_id}" for i in catalog.roadmap if not principal.administers(i.ippd)]
    if refused:
        if not principal.role.writes:
            raise PermissionDenied(Message("read_only", who=principal.name))
        raise PermissionDenied(
            Message(
                "denied_many",
                who=principal.name,
                count=len(refused),
                subjects=", ".join(refused[:5]),
                scope=principal.scope,
            )
        )


def _write(repo: Repository, catalog: ParsedCatalog, principal: Principal, *, sync: bool = False) -> ImportResult:
    authorise_catalog(principal, catalog)
    with atomic(repo.engine) as conn:
        refuse_taken_ids(conn, principal, catalog.elements)  # another OPD's element is not the OPD token's to overwrite
        retirement = plan_sync(conn, principal, catalog.elements, _sync_kinds(catalog)) if sync else None
        summary = store.write_catalog(conn, catalog.elements, catalog.organisations, principal)
        if retirement:
            apply_retirement(conn, principal, retirement)
        if catalog.roadmap:
            write_roadmap(conn, catalog.roadmap, principal)
        if conn.dialect.name == "postgresql" and len(catalog.elements) >= ANALYZE_AFTER:
            conn.exec_driver_sql(
                "ANALYZE element, link"
            )  # fresh statistics, or page reads scan instead of using the indexes
    return ImportResult(catalog.files, summary, catalog, import_findings(repo, catalog, principal), retirement)


ANALYZE_AFTER = 1000  # elements in one import


def _preview_sync(repo: Repository, catalog: ParsedCatalog, principal: Principal) -> ImportResult:
    authorise_catalog(principal, catalog)
    with repo.engine.connect() as conn:
        refuse_taken_ids(conn, principal, catalog.elements)
        retirement = plan_sync(conn, principal, catalog.elements, _sync_kinds(catalog))
    return ImportResult(catalog.files, store.WriteSummary(), catalog, retirement=retirement, applied=False)


def _sync_kinds(catalog: ParsedCatalog) -> set[str]:
    metamodel = load_metamodel()
    return {kind for kind in catalog.covered_kinds() if metamodel.has_kind(kind)}


def import_findings(repo: Repository, catalog: ParsedCatalog, principal: Principal) -> ImportFindings | None:
    """The checks run on the IPPDs the import touched; the findings on its elements, located in the input."""
    if not catalog.elements:
        return None
    ippds = sorted({row.ippd for row in catalog.elements})
    report = _check(repo, CheckFilter(), ippds)
    if principal.opds is not None:  # a finding must not name what the principal may not see
        with repo.engine.connect() as conn:
            visible = {ippd: visible_ids(conn, principal, ippd) for ippd in ippds}
        report = dataclasses.replace(
            report, findings=tuple(f for f in report.findings if names_only_visible(f, visible[f.ippd]))
        )
    return brought_by(report, catalog.elements, catalog.columns)


# --- checks -----------------------------------------------------------------------------
def build_graph(repo: Repository, *, ippds: list[str] | None = None) -> RepoGraph:
    """The check graph of the whole repository, or of some IPPDs (all their plateaus)."""
    with repo.engine.connect() as conn, paused_gc():
        elements, links = store.read_graph_rows(conn, ippds)
        organisations = store.read_organisations(conn)
        references = lists_in_force(conn)
    return RepoGraph(
        nodes=nodes_from_rows(elements),
        links=links,
        reference_lists=references,
        ippds=[o.code for o in organisations if o.kind == "IPPD"],
        opds=[(o.ippd, o.code) for o in organisations if o.ippd is not None],  # the OPDs
    )


def domain_keys(values: list[str] | None) -> tuple[str, ...] | None:
    """Validated domain keys for a findings filter (the six domains and 'organisation')."""
    if not values:
        return None
    known = {d.key for d in load_metamodel().domains} | {"organisation"}
    unknown = sorted(set(values) - known)
    if unknown:
        choices = ", ".join(sorted(known))
        raise ConfigError(Message("unknown_values", name="domain", got=", ".join(unknown), choices=choices))
    return tuple(values)


def check_repository(
    repo: Repository, *, principal: Principal, selection: CheckFilter = CheckFilter(), ippds: list[str] | None = None
) -> Report:
    """The findings of the whole repository (or of some IPPDs) as the principal may read them: everything for
    a national reader; an IPPD's reader gets its own IPPD's, narrowed to its OPDs (see `findings`)."""
    if principal.ippd is None and principal.opds is None:
        return _check(repo, selection, ippds)
    for ippd in ippds or ():
        require_ippd(principal, ippd)
    assert principal.ippd is not None  # a principal's OPDs are always those of one IPPD
    from ea_repo.service.browse import findings

    return findings(repo, principal.ippd, selection, principal=principal)


def _check(repo: Repository, selection: CheckFilter, ippds: list[str] | None) -> Report:
    """The checks over the stored rows, unscoped: callers narrow the report to their principal."""
    try:
        selection.selected_rules()
    except KeyError as exc:
        raise ConfigError(Message("unknown_rules", rules=exc.args[0])) from None
    with thawed_after():
        return check_graph(build_graph(repo, ippds=ippds), selection)


# --- reads ------------------------------------------------------------------------------
def kinds_for(selector: str | None) -> tuple[str, ...] | None:
    """Kind names for a CLI/API selector: a kind ('server'), a domain ('infrastructure') or None."""
    if selector is None:
        return None
    metamodel = load_metamodel()
    if metamodel.has_kind(selector):
        return (metamodel.kind(selector).name,)
    try:
        domain = metamodel.domain(selector.lower() if len(selector) > 1 else selector.upper())
    except KeyError:
        keys = ", ".join([d.key for d in metamodel.domains] + [k.key for k in metamodel.kinds])
        raise ConfigError(Message("unknown_kind_or_domain", got=repr(selector), keys=keys)) from None
    return tuple(k.name for k in metamodel.kinds_in_domain(domain.key))


def list_elements(
    repo: Repository,
    *,
    principal: Principal,
    kind: str | None = None,
    ippd: str | None = None,
    opd: str | None = None,
    plateau: str | None = None,
    text: str | None = None,
) -> list[ElementRow]:
    """Every element matching, that the principal may see, in (IPPD, plateau, kind, ID) order."""
    if ippd is not None:
        require_ippd(principal, ippd)
    selection = store.ElementFilter(ippd=ippd, plateau=plateau, opd=opd, kinds=kinds_for(kind), text=text)
    with repo.engine.connect() as conn:
        rows = [r for r in store.read_elements(conn, selection) if principal.sees(r.ippd, r.opd)]
    metamodel = load_metamodel()
    rows.sort(
        key=lambda r: (
            r.ippd,
            metamodel.plateau_order(r.plateau),
            metamodel.kind_order(r.kind),
            natural_key(r.element_id),
        )
    )
    return rows


@dataclass(frozen=True)
class LinkView:
    """A link as a sentence in its relation's direction ("A.002 uses D.010"), and who declared it."""

    subject: str
    relation: str | None  # None: the target is missing or the pair is not allowed
    object: str
    declared_by: str
    field: str
    other: str
    other_kind: str | None


@dataclass
class ElementDetail:
    """One element in one plateau: itself, its links both ways (resolved), and its findings."""

    element: ElementRow
    links_out: list[LinkView] = field(default_factory=list)  # declared by this element
    links_in: list[LinkView] = field(default_factory=list)  # declared by others, naming this element
    findings: list[Finding] = field(default_factory=list)


def show_element(
    repo: Repository, element_id: str, *, principal: Principal, ippd: str | None = None, plateau: str | None = None
) -> list[ElementDetail]:
    """The element in every matching IPPD/plateau the principal sees, in plateau order; ElementNotFound if none.
    Links to and from elements the principal may not see read as links to missing IDs, or are left out (incoming)."""
    wanted = normalise_id(element_id)
    if ippd is not None:
        require_ippd(principal, ippd)
    selection = store.ElementFilter(ippd=ippd, plateau=plateau, element_id=wanted)
    with repo.engine.connect() as conn:
        matches = [r for r in store.read_elements(conn, selection) if principal.sees(r.ippd, r.opd)]
    if not matches:
        raise ElementNotFound(wanted)
    metamodel = load_metamodel()
    matches.sort(key=lambda r: (r.ippd, metamodel.plateau_order(r.plateau)))
    graph, report = _checked_graph(repo, tuple(sorted({m.ippd for m in matches})))
    details = [_detail(graph, report, row) for row in matches]
    if principal.opds is None:
        return details
    with repo.engine.connect() as conn:
        visible = {i: visible_ids(conn, principal, i) for i in {m.ippd for m in matches}}
    return [_seen_by(d, visible[d.element.ippd]) for d in details]


_GRAPHS: Kept[tuple[RepoGraph, Report]] = Kept(8)


def _checked_graph(repo: Repository, ippds: tuple[str, ...]) -> tuple[RepoGraph, Report]:
    """The IPPDs' graph and its findings, built once per change of the catalogue (an element page asks on every
    view); read only by the callers."""
    with repo.engine.connect() as conn:
        stamp = audit.data_stamp(conn)
    return _GRAPHS.get((id(repo.engine), ippds, stamp), lambda: _build_and_check(repo, ippds))


def _build_and_check(repo: Repository, ippds: tuple[str, ...]) -> tuple[RepoGraph, Report]:
    with thawed_after():
        graph = build_graph(repo, ippds=list(ippds))
        return graph, check_graph(graph)


def _seen_by(detail: ElementDetail, visible: set[tuple[str, str]] | None) -> ElementDetail:
    if visible is None:
        return detail
    here = detail.element.plateau
    detail.links_out = [v if (here, v.other) in visible else _as_missing(v) for v in detail.links_out]
    detail.links_in = [v for v in detail.links_in if (here, v.other) in visible]
    detail.findings = [f for f in detail.findings if names_only_visible(f, visible)]
    return detail


def _as_missing(view: LinkView) -> LinkView:
    return LinkView(view.declared_by, None, view.other, view.declared_by, view.field, view.other, None)


def _detail(graph: RepoGraph, report: Report, row: ElementRow) -> ElementDetail:
    node = graph.node(row.ippd, row.plateau, row.element_id)
    if node is None:  # deleted between reading the row and building the graph
        raise ElementNotFound(row.element_id)
    detail = ElementDetail(row)
    for link in graph.links_of(node):
        if link.source is node:
            detail.links_out.append(_link_view(link, link.target_id, link.target.kind if link.target else None))
        else:
            detail.links_in.append(_link_view(link, link.source.id, link.source.kind))
    detail.findings = [
        f for f in report.findings if f.ippd == row.ippd and f.plateau == row.plateau and f.element == row.element_id
    ]
    return detail


def _link_view(link, other: str, other_kind: str | None) -> LinkView:
    subject, obj = link.source.id, link.target_id
    if link.relation is not None and link.relation.reversed:
        subject, obj = obj, subject
    name = link.relation.relation.name if link.relation else None
    return LinkView(subject, name, obj, link.source.id, link.field, other, other_kind)


def as_documents(rows: list[ElementRow], *, with_version: bool = False) -> list[dict]:
    """Elements as catalogue documents (the YAML envelope), for JSON or YAML output."""
    return [element_document(r, with_version=with_version) for r in rows]


def as_organisation_documents(rows: list[OrganisationRow]) -> list[dict]:
    return [organisation_document(r) for r in rows]


def as_yaml(rows: list[ElementRow]) -> str:
    return dump_documents(as_documents(rows))


# --- export -----------------------------------------------------------------------------
@dataclass
class ExportResult:
    files: list[Path]
    elements: int


def export_catalog(repo: Repository, out_dir: Path, *, principal: Principal, ippd: str | None = None) -> ExportResult:
    """Write the repository (or one IPPD) as YAML under out_dir, as far as the principal sees it; same input,
    same bytes."""
    if ippd is not None:
        require_ippd(principal, ippd)
    with repo.engine.connect() as conn:
        elements = [
            r for r in store.read_elements(conn, store.ElementFilter(ippd=ippd)) if principal.sees(r.ippd, r.opd)
        ]
        organisations = [
            o
            for o in store.read_organisations(conn)
            if (ippd is None or ippd in (o.code, o.ippd)) and principal.sees_organisation(o.code, o.ippd)
        ]
        roadmap = [item.document() for o in organisations if o.kind == "IPPD" for item in read_roadmap(conn, o.code)]
    files = {
        path_inside(out_dir, relative): text
        for relative, text in export_files(elements, organisations, roadmap).items()
    }
    for target, text in files.items():  # every path checked before the first is written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return ExportResult(list(files), len(elements))


# --- reference lists --------------------------------------------------------------------
def load_reference(repo: Repository, path: Path, *, principal: Principal, domain: str, version: str) -> ReferenceList:
    """Replace a domain's reference list with the codes in a user's CSV/TSV/YAML file (national admins)."""
    require_admin(principal, None)
    domain = domain.upper()
    rows = read_reference_file(path, domain)
    reference = build_user_list(domain, rows, version=version, source=str(path))
    with atomic(repo.engine) as conn:
        store_reference_list(conn, reference)
    return reference


def reset_reference(repo: Repository, *, principal: Principal, domain: str) -> None:
    require_admin(principal, None)
    with atomic(repo.engine) as conn:
        delete_reference_list(conn, domain.upper())


def reference_lists(repo: Repository | None, *, principal: Principal) -> dict[str, ReferenceList]:
    """Per domain, the list in force in `repo`; without a repository, the lists shipped with ea-repo. The lists
    are public: every principal reads them."""
    if repo is None:
        return {domain: load_metamodel().reference_codes(domain) for domain in REFERENCE_DOMAINS}
    with repo.engine.connect() as conn:
        return lists_in_force(conn)
