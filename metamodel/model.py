"""Frozen metamodel objects: domains, kinds, attributes and relations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ATTRIBUTE_TYPES = ("text", "integer", "number", "date", "url", "enum", "boolean")
# What a record field may be beyond an attribute type: see metamodel.yaml `records`.
RECORD_LIST_TYPES = ("years", "year_texts", "names", "texts", "ids", "mentions", "subjects")
RECORD_FIELD_TYPES = (*ATTRIBUTE_TYPES, "year", *RECORD_LIST_TYPES)
RECORD_GROUPS = ("roadmap", "evidence")
# The untyped "ID Metadata Terkait" list: its relation is inferred from the kinds at both ends.
RELATED_FIELD = "related"


@dataclass(frozen=True)
class Attribute:
    """One typed attribute of a kind, with the national template column it comes from."""

    name: str
    type: str
    column: str
    label: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    """One of the six SPBE architecture domains and its reference-architecture list."""

    key: str
    prefix: str
    reference: str
    name_id: str
    name_en: str
    reference_name_id: str
    layer: int = 0  # the band in the layered view, top to bottom

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class Kind:
    """An element kind: its YAML name, CLI key, domain, ID rule and attributes."""

    name: str
    key: str
    domain: str
    id_regex: re.Pattern[str]
    id_prefixes: tuple[str, ...]
    id_example: str
    name_id: str
    name_en: str
    attributes: tuple[Attribute, ...]
    link_fields: tuple[str, ...] = field(default=())
    name_column: str = "Nama"  # the national template's column for metadata.name

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    def id_matches(self, element_id: str) -> bool:
        return self.id_regex.fullmatch(element_id) is not None  # fullmatch: '$' alone would let a final newline through

    def title(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class RecordField:
    """One field of a record's spec: its type, whether it must be given, its bounds and its national column."""

    name: str
    type: str
    label: str
    column: str = ""  # its header in the national table and in a workbook (a typed one is an attribute)
    aliases: tuple[str, ...] = ()  # other headers real sheets use for it
    cell: str = ""  # how a list is written in one cell when not as its type implies ("names": split on ';')
    values: tuple[str, ...] = ()  # an enum's values; for `subjects`, the metamodel's subjects
    required: bool = False
    minimum: float | None = None  # for `year` and `years`, the metamodel's first year
    maximum: float | None = None  # for `year` and `years`, the metamodel's last year

    @property
    def is_attribute(self) -> bool:
        return self.type in ATTRIBUTE_TYPES

    def description(self) -> str:
        return f"{self.column} — {self.label}" if self.column else self.label


@dataclass(frozen=True)
class RecordKind:
    """A record kind (RoadmapPlan, Initiative, Enactment, Review, Budget): its ID rule and spec fields."""

    name: str
    key: str
    group: str  # "roadmap" (the Peta Rencana) or "evidence" (provenance for indicators 11 and 12)
    name_id: str
    name_en: str
    id_regex: re.Pattern[str]
    id_example: str
    normalise_id: bool  # IDs normalised as element IDs (a.1 -> A.1), else kept as written
    fields: tuple[RecordField, ...]
    sheet: str = ""  # its sheet in a workbook
    name_column: str = "Nama"  # the header of its name column
    name_aliases: tuple[str, ...] = ()

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        """The fields that are typed attributes (columns of the national table), as catalogue attributes."""
        return tuple(
            Attribute(f.name, f.type, f.column, f.label, f.values) for f in self.fields if f.is_attribute and f.column
        )

    def fields_of_type(self, *types: str) -> tuple[RecordField, ...]:
        return tuple(f for f in self.fields if f.type in types)

    def id_matches(self, record_id: str) -> bool:
        return self.id_regex.fullmatch(record_id) is not None

    def title(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class Limits:
    """What one document may hold: lengths of codes, names and texts, list sizes, nesting, number size."""

    code_fields: tuple[str, ...]
    code_chars: int
    name_chars: int
    text_chars: int
    list_items: int
    nesting: int
    number_abs: int


@dataclass(frozen=True)
class Relation:
    """An allowed, typed link from one set of kinds to another."""

    name: str
    field: str
    sources: frozenset[str]
    targets: frozenset[str]
    label_id: str
    label_en: str

    def allows(self, source_kind: str, target_kind: str) -> bool:
        return source_kind in self.sources and target_kind in self.targets

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class ResolvedRelation:
    """A relation found for a pair of kinds; `reversed` when the link was declared target-first."""

    relation: Relation
    reversed: bool


@dataclass(frozen=True)
class Muatan:
    """One of the seven parts of a Peta Rencana SPBE."""

    key: str
    name_id: str
    name_en: str
    prefix: str  # ID prefix of the initiatives `ea roadmap draft` proposes

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


@dataclass(frozen=True)
class FulfilmentBand:
    """A Pemenuhan band of the national gap table: `low` <= percent < `high` (the last includes 100)."""

    key: str
    name_id: str
    low: float
    high: float


@dataclass(frozen=True)
class RoadmapModel:
    """What a roadmap holds: the muatan, the plan's and each initiative's attributes, the fulfilment bands."""

    muatan: tuple[Muatan, ...]
    domain_muatan: dict[str, str]
    fulfilment: tuple[FulfilmentBand, ...]
    plan_attributes: tuple[Attribute, ...]
    initiative_attributes: tuple[Attribute, ...]

    def band(self, percent: float) -> FulfilmentBand:
        for band in self.fulfilment:
            if band.low <= percent < band.high:
                return band
        return self.fulfilment[-1]

    def muatan_named(self, key: str) -> Muatan:
        return next(m for m in self.muatan if m.key == key)
