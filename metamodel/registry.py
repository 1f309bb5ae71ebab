"""Loads the metamodel data files once into frozen objects and answers lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import yaml

from .model import (
    ATTRIBUTE_TYPES,
    RECORD_FIELD_TYPES,
    RECORD_GROUPS,
    RELATED_FIELD,
    Attribute,
    Domain,
    FulfilmentBand,
    Kind,
    Limits,
    Muatan,
    RecordField,
    RecordKind,
    Relation,
    ResolvedRelation,
    RoadmapModel,
)
from .refcodes import REFERENCE_DOMAINS, ReferenceList, build_reference_list, read_tsv

DATA_DIR = Path(__file__).parent / "data"


class UnknownKind(KeyError):
    """A kind name the metamodel does not define."""


class MetamodelError(ValueError):
    """The metamodel data files contradict themselves; lists every problem."""


class Metamodel:
    """The registry: every rule about what exists and what may link to what."""

    def __init__(self, document: dict):
        self.domains: tuple[Domain, ...] = tuple(Domain(**d) for d in document["domains"])
        self._plateaus = document["plateaus"]
        groups = document.get("groups", {})
        raw_kinds = document["kinds"]
        self.relations: tuple[Relation, ...] = tuple(_relation(r, groups) for r in document["relations"])
        patterns = document["id_patterns"]
        self.kinds: tuple[Kind, ...] = tuple(self._kind(k, patterns) for k in raw_kinds)
        self._by_name = {k.name.lower(): k for k in self.kinds} | {k.key: k for k in self.kinds}
        self.organisation_kinds: tuple[Kind, ...] = tuple(_organisation_kind(k) for k in document["organisation"])
        records = document["records"]
        self.record_years: tuple[int, int] = (records["years"]["first"], records["years"]["last"])
        self.subjects: tuple[str, ...] = tuple(records["subjects"])
        self.record_kinds: tuple[RecordKind, ...] = tuple(self._record_kind(k, records) for k in records["kinds"])
        self._records_by_name = {k.name.lower(): k for k in self.record_kinds} | {k.key: k for k in self.record_kinds}
        self.roadmap: RoadmapModel = _roadmap(
            document["roadmap"], self.record_kind("RoadmapPlan"), self.record_kind("Initiative")
        )
        self.limits = Limits(**(document["limits"] | {"code_fields": tuple(document["limits"]["code_fields"])}))
        self._validate()

    def _kind(self, raw: dict, patterns: dict) -> Kind:
        domain = self.domain(raw["domain"])
        prefixes = tuple(raw.get("id_prefixes", [domain.prefix]))
        pattern = patterns[raw["id_pattern"]]
        alternatives = "|".join(pattern["regex"].replace("{prefix}", p) for p in prefixes)
        example = raw.get("id_example") or pattern["example"].replace("{prefix}", prefixes[0])
        link_fields = tuple(dict.fromkeys(r.field for r in self.relations if raw["name"] in r.sources))
        return Kind(
            name=raw["name"],
            key=raw["key"],
            domain=domain.key,
            id_regex=re.compile(alternatives),
            id_prefixes=prefixes,
            id_example=example,
            name_id=raw["name_id"],
            name_en=raw["name_en"],
            attributes=tuple(Attribute(**_attribute(a)) for a in raw["attributes"]),
            link_fields=link_fields,
            name_column=raw.get("name_column", "Nama"),
        )

    def _record_kind(self, raw: dict, records: dict) -> RecordKind:
        return RecordKind(
            name=raw["name"],
            key=raw["key"],
            group=raw["group"],
            name_id=raw["name_id"],
            name_en=raw["name_en"],
            id_regex=re.compile(raw.get("id_pattern", records["id_pattern"])),
            id_example=raw.get("id_example", records["id_example"]),
            normalise_id=raw.get("normalise_id", False),
            fields=tuple(self._record_field(f) for f in raw["fields"]),
            sheet=raw["sheet"],
            name_column=raw["name_column"]["column"],
            name_aliases=tuple(raw["name_column"].get("aliases", ())),
        )

    def _record_field(self, raw: dict) -> RecordField:
        """A field as declared, with what its type implies: the subjects, the bounds of a year."""
        values = self.subjects if raw["type"] == "subjects" else tuple(raw.get("values", ()))
        first, last = self.record_years if raw["type"] in ("year", "years", "year_texts") else (None, None)
        return RecordField(
            name=raw["name"],
            type=raw["type"],
            label=raw["label"],
            column=raw.get("column", ""),
            aliases=tuple(raw.get("aliases", ())),
            cell=raw.get("cell", ""),
            values=values,
            required=raw.get("required", False),
            minimum=raw.get("minimum", first),
            maximum=raw.get("maximum", last),
        )

    def _validate(self) -> None:
        names = {k.name for k in self.kinds}
        problems = [
            f"relation {r.name}: unknown kind {k}" for r in self.relations for k in (r.sources | r.targets) - names
        ]
        problems += [
            f"kind {k.name}: attribute {a.name} has unknown type {a.type}"
            for k in self.kinds
            for a in k.attributes
            if a.type not in ATTRIBUTE_TYPES
        ]
        problems += [
            f"kind {k.name}: attribute {a.name} clashes with a link field"
            for k in self.kinds
            for a in k.attributes
            if a.name in (*k.link_fields, RELATED_FIELD, "reference")
        ]
        problems += [
            f"record {k.name}: field {f.name} has unknown type {f.type}"
            for k in self.record_kinds
            for f in k.fields
            if f.type not in RECORD_FIELD_TYPES
        ]
        problems += [
            f"record {k.name}: unknown group {k.group}" for k in self.record_kinds if k.group not in RECORD_GROUPS
        ]
        if self.organisation_kind("IPPD") is None:
            problems.append("organisation: IPPD must be declared")
        taken = {k.lower() for k in self._by_name} | {k.name.lower() for k in self.organisation_kinds}
        problems += [f"record {k.name}: also a catalogue kind" for k in self.record_kinds if k.name.lower() in taken]
        muatan = {m.key for m in self.roadmap.muatan}
        problems += [
            f"roadmap: domain {d} is not a domain"
            for d in self.roadmap.domain_muatan
            if d not in {x.key for x in self.domains}
        ]
        problems += [
            f"roadmap: muatan {m} is not one of the muatan"
            for m in self.roadmap.domain_muatan.values()
            if m not in muatan
        ]
        enum = next(a for a in self.roadmap.initiative_attributes if a.name == "muatan")
        if set(enum.values) != muatan:
            problems.append("roadmap: the muatan attribute's values differ from the muatan list")
        if problems:
            raise MetamodelError("; ".join(problems))

    # --- lookups ---------------------------------------------------------------------
    def kind(self, name: str) -> Kind:
        """Kind by YAML name ('Application') or CLI key ('application'), case-insensitive."""
        try:
            return self._by_name[name.lower()]
        except KeyError:
            raise UnknownKind(name) from None

    def has_kind(self, name: str) -> bool:
        return name.lower() in self._by_name

    def record_kind(self, name: str) -> RecordKind | None:
        """A record kind by YAML name ('Initiative') or key ('initiative'), case-insensitive; None for any other."""
        return self._records_by_name.get(name.lower())

    def record_kind_names(self, group: str | None = None) -> tuple[str, ...]:
        """The record kinds' names, in declared order: all, or those of one group ('roadmap', 'evidence')."""
        return tuple(k.name for k in self.record_kinds if group is None or k.group == group)

    def organisation_kind(self, name: str) -> Kind | None:
        """'IPPD' or 'OPD' (case-insensitive), or None for an architecture kind."""
        return next((k for k in self.organisation_kinds if name.lower() in (k.name.lower(), k.key)), None)

    def is_ippd_code(self, code: str) -> bool:
        """True for a well-formed IPPD code: it names folders on export and appears in URLs, so it is checked wherever
        it enters."""
        return self.ippd_kind.id_matches(code)

    @cached_property
    def ippd_kind(self) -> Kind:
        """The organisation kind IPPD: its code's pattern and example."""
        kind = self.organisation_kind("IPPD")
        assert kind is not None  # _validate requires it
        return kind

    def domain(self, key: str) -> Domain:
        """Domain by key ('application'), ID prefix ('A') or reference list ('RAA')."""
        for d in self.domains:
            if key in (d.key, d.prefix, d.reference):
                return d
        raise KeyError(key)

    def kinds_in_domain(self, domain_key: str) -> tuple[Kind, ...]:
        return tuple(k for k in self.kinds if k.domain == domain_key)

    def kind_order(self, kind_name: str) -> int:
        return self._kind_order[kind_name]

    @cached_property
    def _kind_order(self) -> dict[str, int]:
        return {k.name: i for i, k in enumerate(self.kinds)}

    def relation_for(self, source_kind: str, target_kind: str) -> ResolvedRelation | None:
        """The relation an untyped link between these kinds means, or None if none is allowed."""
        return self._pair_index.get((source_kind, target_kind))

    def relation_for_field(self, source_kind: str, field: str, target_kind: str) -> Relation | None:
        """The relation a typed link field means for this target kind, or None if not allowed."""
        return self._field_index.get((source_kind, field, target_kind))

    def resolve_link(self, source_kind: str, field: str, target_kind: str) -> ResolvedRelation | None:
        """What a declared link means: an untyped `related` link by its kinds, a typed field by its definition."""
        if field == RELATED_FIELD:
            return self.relation_for(source_kind, target_kind)
        typed = self.relation_for_field(source_kind, field, target_kind)
        return ResolvedRelation(typed, False) if typed else None

    def field_targets(self, source_kind: str, field: str) -> frozenset[str]:
        return frozenset(t for r in self.relations if r.field == field and source_kind in r.sources for t in r.targets)

    def relation(self, name: str) -> Relation:
        return next(r for r in self.relations if r.name == name)

    def relation_label(self, name: str, lang: str = "id") -> str:
        """A relation's name as users read it (supports -> mendukung); a name the metamodel does not know, as given."""
        return next((r.label(lang) for r in self.relations if r.name == name), name)

    @cached_property
    def _pair_index(self) -> dict[tuple[str, str], ResolvedRelation]:
        index: dict[tuple[str, str], ResolvedRelation] = {}
        for reverse in (False, True):
            for r in self.relations:
                for s in r.sources:
                    for t in r.targets:
                        index.setdefault((t, s) if reverse else (s, t), ResolvedRelation(r, reverse))
        return index

    @cached_property
    def _field_index(self) -> dict[tuple[str, str, str], Relation]:
        index: dict[tuple[str, str, str], Relation] = {}
        for r in self.relations:
            for s in r.sources:
                for t in r.targets:
                    index.setdefault((s, r.field, t), r)
        return index

    # --- plateaus --------------------------------------------------------------------
    @property
    def named_plateaus(self) -> tuple[str, ...]:
        return tuple(self._plateaus["named"])

    def is_plateau(self, name: str) -> bool:
        return name in self.named_plateaus or re.match(self._plateaus["dated_pattern"], name) is not None

    def plateau_order(self, name: str) -> tuple[int, str]:
        """Sort key: as-is, then dated plateaus by year, then to-be."""
        named = self.named_plateaus
        if name == named[0]:
            return (0, name)
        if name in named:
            return (2 + named.index(name), name)
        return (1, name)

    # --- reference codes -------------------------------------------------------------
    def reference_codes(self, reference_domain: str) -> ReferenceList:
        """The code list shipped with ea-repo for one domain ('RAB', ..., 'RAK')."""
        return _shipped_list(reference_domain)


def _organisation_kind(raw: dict) -> Kind:
    attributes = tuple(Attribute(**_attribute(a)) for a in raw["attributes"])
    return Kind(
        name=raw["name"],
        key=raw["key"],
        domain="organisation",
        id_regex=re.compile(raw["id_pattern"]),
        id_prefixes=(),
        id_example=raw["id_example"],
        name_id=raw["name_id"],
        name_en=raw["name_en"],
        attributes=attributes,
    )


def _roadmap(raw: dict, plan: RecordKind | None, initiative: RecordKind | None) -> RoadmapModel:
    if plan is None or initiative is None:
        raise MetamodelError("records: RoadmapPlan and Initiative must be declared")
    return RoadmapModel(
        muatan=tuple(Muatan(**m) for m in raw["muatan"]),
        domain_muatan=dict(raw["domain_muatan"]),
        fulfilment=tuple(FulfilmentBand(b["key"], b["name_id"], b["from"], b["to"]) for b in raw["fulfilment"]),
        plan_attributes=plan.attributes,
        initiative_attributes=initiative.attributes,
    )


def _attribute(raw: dict) -> dict:
    return raw | {"values": tuple(raw.get("values", ()))}


def _relation(raw: dict, groups: dict[str, list[str]]) -> Relation:
    def expand(names: list[str]) -> frozenset[str]:
        return frozenset(k for n in names for k in groups.get(n, [n]))

    return Relation(
        raw["name"], raw["field"], expand(raw["source"]), expand(raw["target"]), raw["label_id"], raw["label_en"]
    )


@cache
def _shipped_list(reference_domain: str) -> ReferenceList:
    if reference_domain not in REFERENCE_DOMAINS:
        raise KeyError(reference_domain)
    rows, comment = read_tsv(DATA_DIR / "reference" / f"{reference_domain}.tsv")
    return build_reference_list(reference_domain, rows, version="shipped", source=comment)


@lru_cache(maxsize=1)
def load_metamodel() -> Metamodel:
    """The metamodel shipped with ea-repo (loaded once)."""
    with open(DATA_DIR / "metamodel.yaml", encoding="utf-8") as handle:
        return Metamodel(yaml.safe_load(handle))


@dataclass(frozen=True)
class WordVariants:
    """How names and descriptions write one word many ways (data/padanan_kata.yaml, each entry with its source)."""

    spelling: dict[str, str]  # a variant -> its standard form (perijinan -> perizinan)
    synonyms: dict[str, str]  # a word -> the first word of its group (aparatur -> pegawai)
    not_telling: frozenset[str]  # words that name a place, programme or version, not a job (mpp, paten, versi)
    everyone: frozenset[str] = frozenset()  # words saying "all" of the users ("seluruh", "semua")
    every_user: tuple[tuple[str, ...], ...] = ()  # who "all" is when an application is shared ("perangkat daerah")
    says_nothing: frozenset[str] = frozenset()  # words of a description that say no job ("memudahkan", "masyarakat")


def parse_word_variants(document: dict) -> WordVariants:
    """Word variants from their YAML document; every problem is collected and raised together."""
    problems: list[str] = []
    spelling: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    not_telling: set[str] = set()
    for section, field in (("ejaan", "forms"), ("padanan", "words"), ("bukan_pembeda", "words")):
        for index, raw in enumerate(document.get(section) or []):
            words = [str(w).lower() for w in raw.get(field) or ()]
            if not words or not raw.get("source"):
                problems.append(f"{section}[{index}]: {field} and source are required")
                continue
            if section == "bukan_pembeda":
                not_telling.update(words)
            else:
                target = spelling if section == "ejaan" else synonyms
                target.update({w: words[0] for w in words[1:]})
    everyone, every_user = _shared_use(document.get("seluruh_pengguna"), problems)
    says_nothing: set[str] = set()
    for index, raw in enumerate(document.get("kata_umum") or []):
        if not raw.get("words") or not raw.get("source"):
            problems.append(f"kata_umum[{index}]: words and source are required")
        says_nothing.update(str(w).lower() for w in raw.get("words") or ())
    if problems:
        raise MetamodelError("; ".join(problems))
    return WordVariants(spelling, synonyms, frozenset(not_telling), everyone, every_user, frozenset(says_nothing))


def _shared_use(raw: object, problems: list[str]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """The words that say an application serves every unit of its government ("seluruh perangkat daerah")."""
    if raw is None:
        return frozenset(), ()
    if not isinstance(raw, dict) or not raw.get("source") or not raw.get("semua") or not raw.get("pengguna"):
        problems.append("seluruh_pengguna: semua, pengguna and source are required")
        return frozenset(), ()
    users = tuple(sorted({tuple(str(p).lower().split()) for p in raw["pengguna"]}, key=lambda p: (-len(p), p)))
    return frozenset(str(w).lower() for w in raw["semua"]), users


@cache
def word_variants() -> WordVariants:
    """The shipped word variants (loaded once)."""
    with open(DATA_DIR / "padanan_kata.yaml", encoding="utf-8") as handle:
        return parse_word_variants(yaml.safe_load(handle) or {})
