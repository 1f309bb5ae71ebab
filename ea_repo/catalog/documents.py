"""The YAML envelope (apiVersion/kind/metadata/spec) as pydantic schemas, one per kind.

These shapes are shared by catalogue files and the API. They are built from the metamodel,
never written out by hand, so a new kind or attribute there appears here by itself.
"""

from __future__ import annotations

import re
from functools import cache
from types import GenericAlias
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, create_model

from ea_repo.catalog.envelope import (
    API_VERSION,
    SCALAR_TYPES,
    IdList,
    OneLineName,
    OptionalText,
    attribute_type,
    blank_to_none,
    lower,
)
from metamodel import RELATED_FIELD, Attribute, Kind, Metamodel, RecordField, RecordKind, load_metamodel

__all__ = ["API_VERSION", "DocumentMetadata", "RecordMetadata", "catalog_json_schema", "document_model", "spec_model"]

JSON_SCHEMA_ID = "https://ea-repo.invalid/schema/ea-catalog.schema.json"


_LIMITS = load_metamodel().limits


class DocumentMetadata(BaseModel):
    """Who the element is and where it belongs: ID, name, IPPD, OPD, plateau, labels."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    # maxLength is for editors reading the JSON Schema; the reader enforces the limits (document_limits.py)
    id: str = Field(
        min_length=1,
        description="Element ID as the national template writes it: A.001, I.PKS.003",
        json_schema_extra={"maxLength": _LIMITS.code_chars},
    )
    name: OneLineName = Field(
        None,
        description="Nama (Nama Aplikasi, Nama Layanan, ...); one line: a line break in it becomes a space",
        json_schema_extra={"maxLength": _LIMITS.name_chars},
    )
    ippd: OptionalText = Field(
        None,
        description="Code of the IPPD (government) this catalogue belongs to: letters, digits, '.', '_', '-'",
        json_schema_extra={"maxLength": _LIMITS.code_chars},
    )
    opd: OptionalText = Field(
        None, description="Kode OPD of the owning agency", json_schema_extra={"maxLength": _LIMITS.code_chars}
    )
    plateau: str = Field("as-is", description="as-is, to-be, or a transition year such as 2024")
    labels: dict[str, str] = Field(default_factory=dict, description="Free key/value labels for selection")
    annotations: dict[str, str] = Field(
        default_factory=dict, description="Free key/value notes kept without loss (e.g. a source cell as written)"
    )
    version: int | None = Field(
        None,
        ge=1,
        description="Set by the repository: the stored version. The API returns it; an update that "
        "carries it is refused (412) if the element changed since. Imports ignore it.",
    )


def _spec_fields(kind: Kind, metamodel: Metamodel) -> dict[str, Any]:
    fields: dict[str, Any] = {
        a.name: (attribute_type(a), Field(None, description=f"{a.column} — {a.label}")) for a in kind.attributes
    }
    if kind.domain != "organisation":
        reference_list = metamodel.domain(kind.domain).reference
        fields["reference"] = (
            IdList,
            Field(None, description=f"Kode Model Referensi ({reference_list}.xx.yy), optionally followed by its name"),
        )
        for link_field in kind.link_fields:
            targets = ", ".join(sorted(metamodel.field_targets(kind.name, link_field)))
            fields[link_field] = (IdList, Field(None, description=f"IDs of {targets}"))
        fields[RELATED_FIELD] = (
            IdList,
            Field(None, description="ID Metadata Terkait: untyped IDs; the relation is inferred from the kinds"),
        )
    return fields


class RecordMetadata(BaseModel):
    """Which record it is and whose: ID, name, IPPD, labels (a record has no OPD and no plateau)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    id: str = Field(
        min_length=1,
        description="As the roadmap numbers it (A.1, D.1.1, 3.1) or a code (perbup-71-2022)",
        json_schema_extra={"maxLength": _LIMITS.code_chars},
    )
    name: OneLineName = Field(None, description="Nama Inisiatif", json_schema_extra={"maxLength": _LIMITS.name_chars})
    ippd: OptionalText = Field(
        None,
        description="Code of the IPPD whose record this is",
        json_schema_extra={"maxLength": _LIMITS.code_chars},
    )
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict, description="Free notes kept without loss (e.g. sumber)")
    version: int | None = Field(None, ge=1, description="Set by the repository; imports ignore it")


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


def _texts(value: Any) -> Any:
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [] if value is None else value


def _subjects(value: Any) -> Any:
    return [x.strip().lower() if isinstance(x, str) else x for x in _names(value)]


def _record_field(field: RecordField) -> tuple[Any, Any]:
    """(type, Field) of one record field, from its declaration in the metamodel's `records`."""
    description = field.description()
    if field.type in ("year", "years", "year_texts"):
        year = Annotated[int, Field(ge=field.minimum, le=field.maximum)]
        if field.type == "years":
            return Annotated[list[year], BeforeValidator(_years)], Field(default_factory=list, description=description)
        if field.type == "year_texts":
            return dict[year, str], Field(default_factory=dict, description=description)
        return (year, Field(description=description)) if field.required else _optional(year, field)
    if field.type == "names":
        return Annotated[list[str], BeforeValidator(_names)], Field(default_factory=list, description=description)
    if field.type == "texts":
        return Annotated[list[str], BeforeValidator(_texts)], Field(default_factory=list, description=description)
    if field.type == "subjects":
        subjects: Any = Annotated[GenericAlias(list, _one_of(field.values)), BeforeValidator(_subjects)]
        return subjects, Field(default_factory=list, description=description)
    if field.type in ("ids", "mentions"):
        return IdList, Field(None, description=description)
    if field.required:
        return _required(field)
    attribute = Attribute(field.name, field.type, field.column, field.label, field.values)
    return attribute_type(attribute), Field(None, ge=field.minimum, le=field.maximum, description=description)


def _optional(base: Any, field: RecordField) -> tuple[Any, Any]:
    return Annotated[base | None, BeforeValidator(blank_to_none)], Field(None, description=field.description())


def _required(field: RecordField) -> tuple[Any, Any]:
    if field.type == "enum":
        return Annotated[_one_of(field.values), BeforeValidator(lower)], Field(description=field.description())
    if field.type in ("text", "url"):  # a blank text is no text: refused as missing
        return Annotated[str, BeforeValidator(_blank_to_empty)], Field(min_length=1, description=field.description())
    return SCALAR_TYPES[field.type], Field(ge=field.minimum, le=field.maximum, description=field.description())


def _one_of(values: tuple[str, ...]) -> Any:
    """Literal[values], for values read from the metamodel at run time (spelt so a static checker accepts it; with
    GenericAlias(list, ...) for list[Literal[values]])."""
    return Literal.__getitem__(values)


def _blank_to_empty(value: Any) -> Any:
    return "" if isinstance(value, str) and not value.strip() else value


def _record_spec_fields(kind: RecordKind) -> dict[str, Any]:
    return {f.name: _record_field(f) for f in kind.fields}


def _spec_config(kind_name: str) -> ConfigDict:
    return ConfigDict(extra="forbid", coerce_numbers_to_str=True, allow_inf_nan=False, title=f"{kind_name}Spec")


@cache
def spec_model(kind_name: str) -> type[BaseModel]:
    """The pydantic model of one kind's `spec`: a catalogue kind, an organisation kind or a record kind."""
    metamodel = load_metamodel()
    record = metamodel.record_kind(kind_name)
    if record is not None:
        return create_model(f"{record.name}Spec", __config__=_spec_config(record.name), **_record_spec_fields(record))
    kind = metamodel.organisation_kind(kind_name) or metamodel.kind(kind_name)
    return create_model(f"{kind.name}Spec", __config__=_spec_config(kind.name), **_spec_fields(kind, metamodel))


def metadata_model(kind_name: str) -> type[BaseModel]:
    """The metadata of a record kind, or of a catalogue or organisation kind."""
    return RecordMetadata if load_metamodel().record_kind(kind_name) is not None else DocumentMetadata


@cache
def document_model(kind_name: str) -> type[BaseModel]:
    """The pydantic model of a whole document of one kind."""
    config = ConfigDict(extra="forbid", title=f"{kind_name}Document")
    return create_model(
        f"{kind_name}Document",
        __config__=config,
        apiVersion=(Literal[API_VERSION], ...),
        kind=(Literal[kind_name], ...),
        metadata=(metadata_model(kind_name), ...),
        spec=(spec_model(kind_name), Field(default_factory=spec_model(kind_name))),
    )


def all_kind_names() -> list[str]:
    """Every kind a document may be: the organisation, the catalogue kinds, the record kinds."""
    metamodel = load_metamodel()
    return [k.name for k in metamodel.organisation_kinds + metamodel.kinds] + list(metamodel.record_kind_names())


def catalog_json_schema(ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    """JSON Schema of one catalogue document (any kind, record kinds included), for editors and CI (and the OpenAPI
    components, with `ref_template="#/components/schemas/{model}"`)."""
    models = [document_model(name) for name in all_kind_names()]
    union = Union[tuple(models)]  # type: ignore[valid-type]  # noqa: UP007 (the members are known only here)
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[union, Field(discriminator="kind")])
    schema = adapter.json_schema(ref_template=ref_template)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": JSON_SCHEMA_ID,
        "title": "ea-repo catalogue document",
        **schema,
    }
