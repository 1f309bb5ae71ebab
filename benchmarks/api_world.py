"""The repository the API benchmark serves, its tokens, and the bodies it sends.

The served repository holds the sample catalogue (samples/contoh) and the synthetic IPPD of
size M (benchmarks/generate.py: one kabupaten, ~2,000 elements, ~8,000 links), so reads hit
real rows. Two tokens: a national admin (bulk import) and an architect scoped to the busiest
OPD of the synthetic IPPD (reads, lists, creates: the narrower scope is the longer path).

On PostgreSQL the tables are ANALYZEd after the setup import: the steady state autovacuum
reaches about a minute after an import. Without statistics the planner filters the page's
links out of every link of the plateau and sorts all of the IPPD's elements (this server
runs with autovacuum off, where that state lasts).

The bulk body is a synthetic IPPD of its own (~10,000 elements with their links, two
plateaus, every kind) in one YAML text. Each fresh import renames that IPPD, so every run
creates all of its elements; the changed variant renames ~10% of the elements.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlmodel import SQLModel

from ea_repo import service
from ea_repo.core.yaml_io import CatalogLoader
from ea_repo.storage.db import make_engine

from .generate import API_VERSION, element_document, ensure_data, organisation_documents
from .synth import Budget, Ippd, IppdCatalog, build_ippd

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "samples" / "contoh"
SERVED_SIZE = "M"
BULK_CODE = "kab-bulk-r0"
BULK_BUDGET = Budget(elements=10_000, applications=2_500, links=40_000)
CREATED_IDS_FROM = 10_000  # new applications: A.10001 up (IDs have at most 5 digits; the synthetic ones are lower)
CHANGED_SHARE = 10  # every 10th element document renamed in the changed variant
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class World:
    ippd: str  # the synthetic IPPD reads and creates go to
    opd: str  # the architect's OPD
    admin_token: str
    architect_token: str
    element_path: str  # one element of the architect's OPD: /v1/ippds/.../elements/...
    elements: int  # element rows in the repository before the run


def prepare_database(backend: str, url: str | None, folder: Path) -> str:
    """A fresh, initialised database: a new SQLite file, or PostgreSQL emptied first."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'ea-bench.db'}"
    else:
        engine = make_engine(url)
        SQLModel.metadata.drop_all(engine)
        engine.dispose()
    repo, _ = service.init_repository(url)
    repo.engine.dispose()
    return url


def build_world(url: str, seed: int = 42) -> World:
    """Import the sample and the synthetic IPPD, make the two tokens, pick an element to read."""
    repo = service.open_repository(url)
    synthetic, _manifest = ensure_data(SERVED_SIZE, seed=seed)
    service.import_paths(repo, [SAMPLE, synthetic], principal=service.local_principal())
    rows = service.list_elements(repo, principal=service.local_principal())
    ippd = next(r.ippd for r in rows if r.ippd != "kab-contoh")
    opd, _count = Counter(r.opd for r in rows if r.ippd == ippd and r.opd).most_common(1)[0]
    target = next(r for r in rows if r.ippd == ippd and r.opd == opd and r.kind == "Application")
    if repo.engine.dialect.name == "postgresql":
        with repo.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    admin = service.create_token(repo, role="admin", name="bench-admin", principal=service.local_principal())[1]
    architect = service.create_token(
        repo, role="architect", name="bench-architect", ippd=ippd, opds=[opd], principal=service.local_principal()
    )[1]
    repo.engine.dispose()
    path = f"/v1/ippds/{ippd}/plateaus/{target.plateau}/elements/{target.element_id}"
    return World(ippd, opd, admin, architect, path, len(rows))


def new_element(world: World, number: int) -> dict:
    """A new application in the architect's OPD, with a reference code and links, as a client would post it."""
    return {
        "apiVersion": API_VERSION,
        "kind": "Application",
        "metadata": {
            "id": f"A.{CREATED_IDS_FROM + number}",
            "name": f"Aplikasi Uji Beban {number}",
            "opd": world.opd,
            "plateau": "as-is",
        },
        "spec": {
            "category": "khusus",
            "description": "Dibuat oleh benchmark API",
            "developer": "Pihak ketiga",
            "reference": ["RAA.01.02"],
            "services": ["L.001"],
            "data": ["D.001", "D.002"],
        },
    }


# --- the bulk body ----------------------------------------------------------------------
@dataclass(frozen=True)
class BulkBody:
    text: str  # the fresh body, its IPPD named BULK_CODE
    changed: str  # the same with every CHANGED_SHARE-th element renamed ("{rev}" marks where)
    elements: int
    links: int
    changed_elements: int

    def fresh(self, run: int) -> str:
        """The body under another IPPD code: every element is new to the repository."""
        return self.text.replace(BULK_CODE, f"kab-bulk-r{run}")

    def fresh_json(self, run: int) -> bytes:
        """The same documents as a JSON array (what a script would send), under yet another IPPD code."""
        text = self.text.replace(BULK_CODE, f"kab-bulk-j{run}")
        return json.dumps(list(yaml.load_all(text, Loader=CatalogLoader)), ensure_ascii=False).encode()

    def renamed(self, run: int, revision: int) -> str:
        return self.changed.replace(BULK_CODE, f"kab-bulk-r{run}").replace("{rev}", str(revision))


def bulk_body(seed: int = 42) -> BulkBody:
    catalog = build_ippd(Ippd(BULK_CODE, "Kabupaten Uji Massal", "kabupaten", "35.99"), BULK_BUDGET, seed)
    documents = _element_documents(catalog)
    changed = [_renamed(doc) if i % CHANGED_SHARE == 0 else doc for i, doc in enumerate(documents)]
    organisations = organisation_documents(catalog)
    links = sum(len(ids) for elements in catalog.plateaus.values() for e in elements for ids in e.links.values())
    return BulkBody(
        _dump(organisations + documents),
        _dump(organisations + changed),
        len(documents),
        links,
        len(range(0, len(documents), CHANGED_SHARE)),
    )


def _element_documents(catalog: IppdCatalog) -> list[dict]:
    return [
        element_document(e, catalog.ippd.code, plateau)
        for plateau, elements in catalog.plateaus.items()
        for e in elements
    ]


def _renamed(document: dict) -> dict:
    metadata = {**document["metadata"], "name": f"{document['metadata']['name']} (revisi {{rev}})"}
    return {**document, "metadata": metadata}


def _dump(documents: list[dict]) -> str:
    return yaml.dump_all(
        documents,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        explicit_start=True,
        width=100,
    )
