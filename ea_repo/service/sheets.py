"""The catalogue as spreadsheets: XLSX workbook or CSV files in the national layouts, and the empty template."""

from __future__ import annotations

from pathlib import Path

from ea_repo.access.principal import Principal, require_ippd
from ea_repo.catalog.exporter import element_document, organisation_document
from ea_repo.catalog.references import lists_in_force
from ea_repo.planning.store import read_roadmap
from ea_repo.service.repository import Repository
from ea_repo.sheets.write import write_csv_files, write_workbook
from ea_repo.storage import store


def catalog_documents(repo: Repository, ippd: str | None = None, *, principal: Principal) -> list[dict]:
    """Organisations, elements (every plateau) and roadmap of one IPPD or all the principal sees, as documents."""
    who = principal
    if ippd is not None:
        require_ippd(who, ippd)
    with repo.engine.connect() as conn:
        organisations = [o for o in store.read_organisations(conn) if ippd is None or ippd in (o.code, o.ippd)]
        elements = [r for r in store.read_elements(conn, store.ElementFilter(ippd=ippd)) if who.sees(r.ippd, r.opd)]
        ippds = sorted({o.code for o in organisations if o.kind == "IPPD" and who.sees_ippd(o.code)})
        roadmap = [item for code in ippds for item in read_roadmap(conn, code)]
    visible = [o for o in organisations if who.sees_organisation(o.code, o.ippd)]
    return (
        [organisation_document(o) for o in visible]
        + [element_document(r) for r in elements]
        + [item.document() for item in roadmap]
    )


def reference_codes(repo: Repository) -> dict[str, list[str]]:
    """Per reference list in force: 'CODE name' texts, for the template's dropdowns."""
    with repo.engine.connect() as conn:
        lists = lists_in_force(conn)
    return {
        domain: [f"{c.code} {c.name}".strip() for c in sorted(ref.codes.values(), key=lambda c: c.code)]
        for domain, ref in lists.items()
    }


def export_workbook(repo: Repository, ippd: str | None = None, lang: str = "id", *, principal: Principal) -> bytes:
    return write_workbook(catalog_documents(repo, ippd, principal=principal), reference_codes(repo), lang=lang)


def export_csv(repo: Repository, out_dir: Path, ippd: str | None = None, *, principal: Principal) -> list[Path]:
    return write_csv_files(catalog_documents(repo, ippd, principal=principal), out_dir)


def template_workbook(
    repo: Repository | None, ippd: str | None = None, lang: str = "id", *, principal: Principal
) -> bytes:
    """An empty workbook with every sheet and column; with a repository, its IPPD and OPDs filled in and
    the reference lists it holds behind the dropdowns."""
    if repo is None:
        from metamodel import REFERENCE_DOMAINS, load_metamodel

        metamodel = load_metamodel()
        codes = {
            d: [
                f"{c.code} {c.name}".strip()
                for c in sorted(metamodel.reference_codes(d).codes.values(), key=lambda c: c.code)
            ]
            for d in REFERENCE_DOMAINS
        }
        return write_workbook([], codes, all_sheets=True, lang=lang)
    organisations = [d for d in catalog_documents(repo, ippd, principal=principal) if d["kind"] in ("IPPD", "OPD")]
    return write_workbook(organisations, reference_codes(repo), all_sheets=True, lang=lang)
