"""A small two-government world for the API tests: organisations, elements, and a token per role."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.testclient import TestClient
from helpers import doc, organisation

from api.app import create_app
from ea_repo import service
from ea_repo.core.settings import Settings
from ea_repo.core.yaml_io import dump_documents

KAB, KOTA = "kab", "kota"


def world_documents() -> list[dict]:
    return [
        *organisation(KAB, ("1", "2")),
        *organisation(KOTA, ("1",)),
        doc("Service", "L.001", opd="1", reference="RAL.01.01"),
        doc("Data", "D.001", opd="1", reference="RAD.01.01"),
        doc("Application", "A.001", name="SIMPEG", opd="1", reference="RAA.01.02", services=["L.001"], data=["D.001"]),
        doc("Application", "A.002", name="E-Arsip", opd="2", reference="RAA.01.02"),
        doc("Application", "A.001", name="SIMPEG", opd="1", plateau="to-be", reference="RAA.01.02"),
        doc("Application", "A.001", name="Kota app", ippd=KOTA, opd="1"),
    ]


@dataclass
class World:
    client: TestClient
    repo: service.Repository
    tokens: dict[str, str]  # role label -> token text

    def headers(self, who: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}", **extra}


GRANTS = {  # label -> (role, ippd, opds)
    "national_admin": ("admin", None, None),
    "national_viewer": ("viewer", None, None),
    "kab_admin": ("admin", KAB, None),
    "kab_architect": ("architect", KAB, None),
    "kab_opd1": ("architect", KAB, ["1"]),
    "kab_viewer": ("viewer", KAB, None),
    "kota_architect": ("architect", KOTA, None),
}


def make_world(repo: service.Repository, *, settings: Settings | None = None) -> World:
    service.import_text(repo, dump_documents(world_documents()), name="world.yaml", principal=service.local_principal())
    tokens = {
        label: service.create_token(
            repo, role=role, name=label, ippd=ippd, opds=opds, principal=service.local_principal()
        )[1]
        for label, (role, ippd, opds) in GRANTS.items()
    }
    app = create_app(settings or Settings(), repository=repo)
    return World(TestClient(app, raise_server_exceptions=False), repo, tokens)
