"""What every document shares, whatever its kind: the envelope's version and the field types built from
the metamodel's attribute types. Both the document schemas (documents.py) and the records
(planning/records.py) import from here; neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Protocol

from pydantic import BeforeValidator

from ea_repo.catalog.limits import one_line
from metamodel import Attribute

API_VERSION = "ea-repo/v1"


class ValidDocument(Protocol):
    """A document its kind's model accepted (documents.py `document_model`). The model is built at run time, so
    what its instances hold is named here for the code that reads them."""

    metadata: Any  # DocumentMetadata, or RecordMetadata for a record kind
    spec: Any  # the kind's spec model


def blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


_INDONESIAN_BOOLEANS = {"ya": True, "tidak": False, "ada": True, "tidak ada": False}


def _indonesian_boolean(value: Any) -> Any:
    """Template cells say Ya/Tidak (Interoperabilitas); accept them beside true/false."""
    return _INDONESIAN_BOOLEANS.get(value.strip().lower(), value) if isinstance(value, str) else value


OptionalText = Annotated[str | None, BeforeValidator(blank_to_none)]
OneLineName = Annotated[str | None, BeforeValidator(blank_to_none), BeforeValidator(one_line)]
IdList = Annotated[str | list[str] | None, BeforeValidator(blank_to_none)]

SCALAR_TYPES: dict[str, Any] = {
    "text": str,
    "url": str,
    "integer": int,
    "number": float,
    "date": dt.date,
    "boolean": bool,
}


def attribute_type(attribute: Attribute) -> Any:
    """The pydantic type of an optional attribute: a blank cell is no value; enums and booleans as people write them."""
    if attribute.type == "enum":
        return Annotated[Literal[attribute.values] | None, BeforeValidator(lower), BeforeValidator(blank_to_none)]
    if attribute.type == "boolean":
        return Annotated[bool | None, BeforeValidator(_indonesian_boolean), BeforeValidator(blank_to_none)]
    return Annotated[SCALAR_TYPES[attribute.type] | None, BeforeValidator(blank_to_none)]
