"""The YAML envelope (apiVersion/kind/metadata/spec) as pydantic schemas, one per kind.

These shapes are shared by catalogue files and the API. They are built from the metamodel,
never written out by hand, so a new kind or attribute there appears here by itself.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, create_model

from ea_repo.catalog.limits import one_line
from metamodel import RELATED_FIELD, Attribute, Kind, Metamodel, load_metamodel

API_VERSION = "ea-repo/v1"
JSON_SCHEMA_ID = "https://ea-repo.invalid/schema/ea-catalog.schema.json"


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


_INDONESIAN_BOOLEANS = {"ya": True, "tidak": False, "ada": True, "tidak ada": False}


def _indonesian_boolean(value: Any) -> Any:
    """Template cells say Ya/Tidak (Interoperabilitas); accept them beside true/false."""
    return _INDONESIAN_BOOLEANS.get(value.strip().lower(), value) if isinstance(value, str) else value


OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
OneLineName = Annotated[str | None, BeforeValidator(_blank_to_none), BeforeValidator(one_line)]
IdList = Annotated[str | list[str] | None, BeforeValidator(_blank_to_none)]

_SCALAR_TYPES: dict[str, Any] = {
    "text": str,
    "url": str,
    "integer": int,
    "number": float,
    "date": dt.date,
    "boolean": bool,
}


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


def _attribute_type(attribute: Attribute) -> Any:
    if attribute.type == "enum":
        return Annotated[Literal[attribute.values] | None, BeforeValidator(_lower), BeforeValidator(_blank_to_none)]
    if attribute.type == "boolean":
        return Annotated[bool | None, BeforeValidator(_indonesian_boolean), BeforeValidator(_blank_to_none)]
    return Annotated[_SCALAR_TYPES[attribute.type] | None, BeforeValidator(_blank_to_none)]


def _spec_fields(kind: Kind, metamodel: Metamodel) -> dict[str, Any]:
    fields: dict[str, Any] = {
        a.name: (_attribute_type(a), Field(None, description=f"{a.column} — {a.label}")) for a in kind.attributes
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


@cache
def spec_model(kind_name: str) -> type[BaseModel]:
    """The pydantic model of one kind's `spec`."""
    metamodel = load_metamodel()
    kind = metamodel.organisation_kind(kind_name) or metamodel.kind(kind_name)
    config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, allow_inf_nan=False, title=f"{kind.name}Spec")
    return create_model(f"{kind.name}Spec", __config__=config, **_spec_fields(kind, metamodel))


@cache
def document_model(kind_name: str) -> type[BaseModel]:
    """The pydantic model of a whole document of one kind."""
    config = ConfigDict(extra="forbid", title=f"{kind_name}Document")
    return create_model(
        f"{kind_name}Document",
        __config__=config,
        apiVersion=(Literal[API_VERSION], ...),
        kind=(Literal[kind_name], ...),
        metadata=(DocumentMetadata, ...),
        spec=(spec_model(kind_name), Field(default_factory=spec_model(kind_name))),
    )


def all_kind_names() -> list[str]:
    metamodel = load_metamodel()
    return [k.name for k in metamodel.organisation_kinds + metamodel.kinds]


def catalog_json_schema(ref_template: str = "#/$defs/{model}") -> dict[str, Any]:
    """JSON Schema of one catalogue document (any kind, roadmap documents included), for editors and CI (and the OpenAPI
    components, with `ref_template="#/components/schemas/{model}"`)."""
    from ea_repo.planning.records import ROADMAP_KINDS
    from ea_repo.planning.records import document_model as roadmap_document_model

    models = [document_model(name) for name in all_kind_names()] + [
        roadmap_document_model(kind) for kind in ROADMAP_KINDS
    ]
    union = Union[tuple(models)]  # type: ignore[valid-type]
    adapter = TypeAdapter(Annotated[union, Field(discriminator="kind")])
    schema = adapter.json_schema(ref_template=ref_template)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": JSON_SCHEMA_ID,
        "title": "ea-repo catalogue document",
        **schema,
    }
