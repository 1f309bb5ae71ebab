"""Health (no token needed) and the metamodel: which kinds exist and what may link to what."""

from __future__ import annotations

from fastapi import APIRouter

from ea_repo import __version__
from metamodel import load_metamodel

from ..deps import Caller

router = APIRouter(tags=["meta"])
public = APIRouter(tags=["meta"])  # no token, so none of the token errors


@public.get("/health", summary="Liveness (no token needed)")
def health() -> dict:
    return {"status": "ok", "version": __version__}


@router.get("/v1/metamodel/kinds", summary="Element kinds, their attributes and ID pattern")
def kinds(caller: Caller) -> list[dict]:
    metamodel = load_metamodel()
    return [
        {
            "kind": k.name,
            "domain": k.domain,
            "id_example": k.id_example,
            "link_fields": list(k.link_fields),
            "attributes": [{"name": a.name, "type": a.type, "column": a.column} for a in k.attributes],
        }
        for k in metamodel.kinds
    ]


@router.get("/v1/metamodel/relations", summary="Allowed relations (source kinds, field, target kinds)")
def relations(caller: Caller) -> list[dict]:
    return [
        {"name": r.name, "field": r.field, "sources": sorted(r.sources), "targets": sorted(r.targets)}
        for r in load_metamodel().relations
    ]
