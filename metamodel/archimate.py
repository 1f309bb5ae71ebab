"""How the metamodel is written in the Open Group ArchiMate 3.1 exchange format: data/archimate/mapping.yaml.

Every kind and relation of the metamodel has its ArchiMate type here (checked on load); the exporter
and the importer both read this one mapping, so an element goes out and comes back as the same kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .registry import Metamodel, MetamodelError, load_metamodel

DATA_DIR = Path(__file__).parent / "data" / "archimate"
MAPPING_FILE = DATA_DIR / "mapping.yaml"
SCHEMA_FILE = DATA_DIR / "archimate3_Diagram.xsd"  # includes View and Model: validates a model with views
XML_SCHEMA_FILE = DATA_DIR / "xml.xsd"  # resolved locally: validation works offline
NAMESPACE = "http://www.opengroup.org/xsd/archimate/3.0/"


@dataclass(frozen=True)
class RelationshipType:
    """A relation as an ArchiMate relationship: its type, and whether ArchiMate reads it the other way."""

    relation: str
    type: str
    reverse: bool


@dataclass(frozen=True)
class ArchimateMapping:
    element_types: dict[str, str]  # kind -> ArchiMate element type
    import_kinds: dict[str, str]  # ArchiMate element type -> the kind it becomes when the file names none
    relationships: dict[str, RelationshipType]
    organisation: dict[str, str]  # IPPD, OPD -> element type; owner, member -> relationship type
    plateau: tuple[str, str]  # (element type, membership relationship)
    gap: tuple[str, str]  # (element type, relationship to each plateau)
    initiative: str  # WorkPackage
    deliverable: tuple[str, str]  # (element type, relationship)
    properties: dict[str, str]  # id, kind, ippd, opd, plateau, reference, field -> property name

    def element_type(self, kind: str) -> str:
        return self.element_types[kind]

    def kind_for(self, element_type: str, written_kind: str | None = None) -> str | None:
        """The kind an element of this type becomes: the kind the file names (when it has this type), else the
        default."""
        if written_kind and self.element_types.get(written_kind) == element_type:
            return written_kind
        return self.import_kinds.get(element_type)

    def relationship(self, relation: str) -> RelationshipType:
        return self.relationships[relation]


def parse_mapping(document: dict, metamodel: Metamodel) -> ArchimateMapping:
    kinds = document["kinds"]
    relations = document["relations"]
    problems = [
        f"archimate mapping: kind {k.name} has no ArchiMate type" for k in metamodel.kinds if k.name not in kinds
    ]
    problems += [
        f"archimate mapping: relation {r.name} has no ArchiMate type"
        for r in metamodel.relations
        if r.name not in relations
    ]
    problems += [
        f"archimate mapping: {name} is not a kind of the metamodel" for name in kinds if not metamodel.has_kind(name)
    ]
    problems += [
        f"archimate mapping: relation {name}: direction must be forward or reverse"
        for name, r in relations.items()
        if r.get("direction") not in ("forward", "reverse")
    ]
    import_kinds: dict[str, str] = {}
    for name, entry in kinds.items():
        if entry.get("import_as"):
            if entry["type"] in import_kinds:
                problems.append(f"archimate mapping: two kinds import as {entry['type']}")
            import_kinds[entry["type"]] = name
    problems += [
        f"archimate mapping: no kind imports as {t}" for t in {e["type"] for e in kinds.values()} - set(import_kinds)
    ]
    if problems:
        raise MetamodelError("; ".join(problems))
    organisation = document["organisation"]
    return ArchimateMapping(
        element_types={name: entry["type"] for name, entry in kinds.items()},
        import_kinds=import_kinds,
        relationships={
            name: RelationshipType(name, r["type"], r["direction"] == "reverse") for name, r in relations.items()
        },
        organisation={key: value["type"] for key, value in organisation.items()},
        plateau=(document["plateaus"]["type"], document["plateaus"]["member"]),
        gap=(document["gap"]["type"], document["gap"]["link"]),
        initiative=document["roadmap"]["Initiative"]["type"],
        deliverable=(document["roadmap"]["delivers"]["type"], document["roadmap"]["delivers"]["link"]),
        properties=dict(document["properties"]),
    )


@lru_cache(maxsize=1)
def load_archimate_mapping() -> ArchimateMapping:
    """The shipped mapping, checked against the metamodel (loaded once)."""
    with open(MAPPING_FILE, encoding="utf-8") as handle:
        return parse_mapping(yaml.safe_load(handle), load_metamodel())
