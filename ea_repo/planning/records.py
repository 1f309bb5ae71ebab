"""Peta Rencana SPBE documents (the plan, its initiatives) and the provenance records assessors ask for
(enactments, reviews, budgets), as YAML/JSON documents.

    apiVersion: ea-repo/v1
    kind: Initiative
    metadata: {id: D.1.1, name: ..., ippd: kab-serang}
    spec: {muatan: Aplikasi, uic: [Diskominfo], years: [2023, 2024], delivers: [A.020], ...}

The attributes (muatan, activity type, budget type, ...) come from the metamodel's `roadmap`
section; the lists (who is responsible, which years, what it delivers) are defined here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model

from ea_repo.catalog.documents import API_VERSION, OneLineName, OptionalText, _attribute_type
from ea_repo.catalog.elements import ippd_problems, plain_values
from ea_repo.catalog.limits import attribute_problems, document_problems, shown_id
from ea_repo.core.errors import InputProblem
from ea_repo.core.i18n import Message
from ea_repo.core.yaml_io import LoadedDocument, YamlRefused, compose, load_documents, locate
from metamodel import Attribute, load_metamodel, normalise_id, split_id_list

PLAN, INITIATIVE = "RoadmapPlan", "Initiative"
ENACTMENT, REVIEW, BUDGET = "Enactment", "Review", "Budget"
ROADMAP_KINDS = (PLAN, INITIATIVE)
EVIDENCE_KINDS = (ENACTMENT, REVIEW, BUDGET)  # provenance for indicators 11 and 12 (`ea evidence`)
RECORD_KINDS = ROADMAP_KINDS + EVIDENCE_KINDS
SUBJECTS = ("arsitektur", "peta-rencana")  # what an enactment enacts, what a review reviews
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")


def _names(value: Any) -> Any:
    """One name or a list of names, kept whole: unit names contain commas ("Dinas Komunikasi, Informatika, ...")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    return [value] if isinstance(value, str) else value


def _years(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,\s]+", value) if part.strip()]
    return value


Names = Annotated[list[str], BeforeValidator(_names)]
FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a plan, a budget or an assessment may name
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Years = Annotated[list[Year], BeforeValidator(_years)]
Ids = Annotated[
    str | list[str] | None, BeforeValidator(lambda v: None if isinstance(v, str) and not v.strip() else v)
]


class RoadmapMetadata(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    id: str = Field(min_length=1, description="As the roadmap numbers it: A.1, D.1.1, 3.1")
    name: OneLineName = Field(None, description="Nama Inisiatif")
    ippd: OptionalText = Field(None, description="Code of the IPPD whose roadmap this is")
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict, description="Free notes kept without loss (e.g. sumber)")
    version: int | None = Field(None, ge=1, description="Set by the repository; imports ignore it")


def _attribute_fields(attributes: tuple[Attribute, ...]) -> dict[str, Any]:
    return {a.name: (_attribute_type(a), Field(None, description=f"{a.column} — {a.label}")) for a in attributes}


Subjects = Annotated[
    list[Literal[SUBJECTS]], BeforeValidator(lambda v: [x.strip().lower() for x in _names(v)] if v is not None else [])
]
Texts = Annotated[
    list[str],
    BeforeValidator(lambda v: [v] if isinstance(v, str) and v.strip() else ([] if v is None or v == "" else v)),
]


def _enactment_fields() -> dict[str, Any]:
    return {
        "document": (str, Field(min_length=1, description="The enacting regulation as written: Perbup 71/2022")),
        "date": (dt.date, Field(description="The date it was enacted (ditetapkan)")),
        "signed_by": (OptionalText, Field(None, description="Who signed it (e.g. Bupati Pesawaran)")),
        "covers": (Subjects, Field(default_factory=list, description="What it enacts: arsitektur, peta-rencana")),
    }


def _review_fields() -> dict[str, Any]:
    return {
        "date": (dt.date, Field(description="The date of the review (berita acara reviu)")),
        "covers": (Subjects, Field(default_factory=list, description="What it reviewed: arsitektur, peta-rencana")),
        "issues": (Texts, Field(default_factory=list, description="Issues found (permasalahan)")),
        "recommendations": (Texts, Field(default_factory=list, description="Recommendations (rekomendasi)")),
        "concerns": (Ids, Field(None, description="Element IDs or plateaus it concerns")),
        "followed_up_in": (
            Texts,
            Field(
                default_factory=list,
                description="What answers it: a plateau (to-be, 2027) or peta-rencana (the roadmap updated after it)",
            ),
        ),
    }


def _budget_fields() -> dict[str, Any]:
    return {
        "year": (Year, Field(description="The budget year")),
        "document": (str, Field(min_length=1, description="The work plan or budget document: RKPD 2024, DPA 2024")),
        "initiatives": (Ids, Field(None, description="IDs of the roadmap initiatives it funds")),
        "amount": (Optional[float], Field(None, ge=0, description="The amount in rupiah")),
    }


_EVIDENCE_FIELDS = {ENACTMENT: _enactment_fields, REVIEW: _review_fields, BUDGET: _budget_fields}


@cache
def spec_model(kind: str) -> type[BaseModel]:
    roadmap = load_metamodel().roadmap
    config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, allow_inf_nan=False, title=f"{kind}Spec")
    if kind == PLAN:
        return create_model(f"{kind}Spec", __config__=config, **_attribute_fields(roadmap.plan_attributes))
    if kind in EVIDENCE_KINDS:
        return create_model(f"{kind}Spec", __config__=config, **_EVIDENCE_FIELDS[kind]())
    extra: dict[str, Any] = {
        "uic": (
            Names,
            Field(
                default_factory=list,
                description="Penanggung jawab: Kode OPD, OPD names or short names; the first leads",
            ),
        ),
        "years": (Years, Field(default_factory=list, description="Years the initiative runs (Target Waktu)")),
        "targets": (dict[Year, str], Field(default_factory=dict, description="Target per year")),
        "delivers": (Ids, Field(None, description="IDs of the to-be elements it builds or changes")),
        "retires": (Ids, Field(None, description="IDs of the as-is elements it retires")),
        "depends_on": (Ids, Field(None, description="IDs of the initiatives that must come first")),
    }
    return create_model(f"{kind}Spec", __config__=config, **_attribute_fields(roadmap.initiative_attributes), **extra)


@cache
def document_model(kind: str) -> type[BaseModel]:
    config = ConfigDict(extra="forbid", title=f"{kind}Document")
    return create_model(
        f"{kind}Document",
        __config__=config,
        apiVersion=(Literal[API_VERSION], ...),
        kind=(Literal[kind], ...),
        metadata=(RoadmapMetadata, ...),
        spec=(spec_model(kind), Field(default_factory=spec_model(kind))),
    )


@dataclass(frozen=True)
class RoadmapItem:
    """A plan or an initiative as stored. Initiative spec lists: uic, years, targets, delivers, retires, depends_on."""

    kind: str
    ippd: str
    item_id: str
    name: str | None
    spec: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    version: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.ippd, self.kind, self.item_id)

    def ids(self, name: str) -> list[str]:
        return list(self.spec.get(name) or [])

    @property
    def years(self) -> list[int]:
        """Every year it is scheduled in: `years` and the years of `targets`."""
        return sorted(
            {int(y) for y in self.spec.get("years") or []} | {int(y) for y in (self.spec.get("targets") or {})}
        )

    def document(self, with_version: bool = False) -> dict[str, Any]:
        metadata = {
            "id": self.item_id,
            "name": self.name,
            "ippd": self.ippd,
            "labels": self.labels or None,
            "annotations": self.annotations or None,
            "version": self.version if with_version else None,
        }
        spec = {k: v for k, v in self.spec.items() if v not in (None, [], {})}
        return {
            "apiVersion": API_VERSION,
            "kind": self.kind,
            "metadata": {k: v for k, v in metadata.items() if v is not None},
            "spec": spec,
        }


def item_from_document(document: BaseModel, source: str | None) -> RoadmapItem | list[tuple[str, Message]]:
    meta, spec = document.metadata, document.spec
    item_id = normalise_id(meta.id) if document.kind == INITIATIVE else meta.id.strip()
    problems: list[tuple[str, Message]] = []
    if not ITEM_ID.match(item_id):
        problems.append(("metadata.id", Message("id_shape", example="D.1.1", got=repr(meta.id))))
    problems.extend((p.field, p.message) for p in ippd_problems(meta.ippd, Message("ippd_missing")))
    values = plain_values(spec.model_dump())
    problems.extend(attribute_problems(values))
    if problems:
        return problems
    if document.kind == REVIEW:
        values["concerns"] = split_id_list(values.get("concerns"))
    if document.kind == BUDGET:
        values["initiatives"] = [normalise_id(i) for i in split_id_list(values.get("initiatives"))]
    if document.kind == INITIATIVE:
        for name in ("delivers", "retires", "depends_on"):
            values[name] = [normalise_id(i) for i in split_id_list(values.get(name))]
        values["targets"] = {int(year): text for year, text in sorted((values.get("targets") or {}).items())}
        values["years"] = sorted(set(values.get("years") or []))
        values["uic"] = [u.strip() for u in values.get("uic") or [] if u.strip()]
    return RoadmapItem(
        document.kind, meta.ippd, item_id, meta.name, values, dict(meta.labels), dict(meta.annotations), source
    )


def parse_roadmap_text(text: str, name: str) -> tuple[list[RoadmapItem], list[InputProblem]]:
    """Every plan and initiative of one YAML text, or the problems with their lines."""
    try:
        loaded = load_documents(text)
    except YamlRefused as exc:
        return [], [InputProblem(name, exc.line, exc.message)]
    return read_documents(loaded, name, text)


def read_documents(
    loaded: list[LoadedDocument], name: str, text: str | None = None
) -> tuple[list[RoadmapItem], list[InputProblem]]:
    items: list[RoadmapItem] = []
    problems: list[InputProblem] = []
    nodes: list | None = None
    for document in loaded:
        result = _read(document, name)
        if isinstance(result, RoadmapItem):
            items.append(result)
            continue
        for path, message, kind, item_id in result:
            line = document.line
            if text is not None and path:
                nodes = nodes if nodes is not None else compose(text)
                line = locate(nodes, document.index, tuple(path.split("."))) or line
            problems.append(InputProblem(name, line, message, kind, item_id, path or None))
    problems += duplicates(items)
    return items, problems


def is_roadmap_document(body: dict) -> bool:
    return str(body.get("kind", "")).lower() in {k.lower() for k in RECORD_KINDS}


def _read(loaded: LoadedDocument, name: str) -> RoadmapItem | list[tuple[str, Message, str | None, str | None]]:
    body = loaded.body
    if not isinstance(body, dict):
        return [("", Message("not_mapping"), None, None)]
    if body.get("apiVersion") != API_VERSION:
        return [
            ("apiVersion", Message("api_version", expected=API_VERSION, got=repr(body.get("apiVersion"))), None, None)
        ]
    kind = next((k for k in RECORD_KINDS if str(body.get("kind", "")).lower() == k.lower()), None)
    if kind is None:
        return [
            ("kind", Message("unknown_kind", got=repr(body.get("kind")), known=", ".join(RECORD_KINDS)), None, None)
        ]
    item_id = shown_id((body.get("metadata") or {}).get("id")) if isinstance(body.get("metadata"), dict) else None
    beyond_limits = document_problems(body)
    if beyond_limits:
        return [(field, message, kind, item_id) for field, message in beyond_limits]
    try:
        document = document_model(kind).model_validate(body | {"kind": kind})
    except ValidationError as exc:
        return [(".".join(str(p) for p in err["loc"]), _explain(err, kind), kind, item_id) for err in exc.errors()]
    source = f"{name}:{loaded.line}" if loaded.line else name
    result = item_from_document(document, source)
    if isinstance(result, list):
        return [(path, message, kind, item_id) for path, message in result]
    return result


def _explain(error: dict[str, Any], kind: str) -> Message:
    if error["type"] == "finite_number":
        return Message("finite_number")
    if error["type"] == "literal_error":
        return Message("one_of", values=", ".join(re.findall(r"'([^']*)'", error["ctx"]["expected"])))
    if error["type"] == "extra_forbidden":  # say which fields there are, so the user can fix the spelling
        section = error["loc"][0]
        fields = (
            RoadmapMetadata.model_fields
            if section == "metadata"
            else spec_model(kind).model_fields
            if section == "spec"
            else {}
        )
        return Message(
            "unknown_field", kind=kind, section=section, allowed=", ".join(fields) or "apiVersion, kind, metadata, spec"
        )
    return Message("as_written", text=error["msg"])


def duplicates(items: list[RoadmapItem]) -> list[InputProblem]:
    seen: dict[tuple[str, str, str], str | None] = {}
    problems = []
    for item in items:
        if item.key in seen:
            path, _, line = (item.source or "").rpartition(":")
            problems.append(
                InputProblem(
                    path,
                    int(line) if line.isdigit() else None,
                    Message(
                        "duplicate",
                        label=f"{item.kind} {item.item_id}",
                        where=Message("as_written", text=""),
                        other=seen[item.key],
                    ),
                    item.kind,
                    item.item_id,
                    "metadata.id",
                )
            )
        else:
            seen[item.key] = item.source
    return problems
