"""Documents in responses: the YAML envelope, with the stored version in metadata and the ETag."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from ea_repo import service

DOCUMENT_REF = {"$ref": "#/components/schemas/CatalogDocument"}


def etag(version: int | None) -> str:
    return f'"{version}"'


def element_json(row) -> dict[str, Any]:
    return service.as_documents([row], with_version=True)[0]


def element_response(row, status: int = 200) -> JSONResponse:
    return JSONResponse(element_json(row), status_code=status, headers={"ETag": etag(row.version)})


def document_body(description: str) -> dict:
    """openapi_extra for a route whose body is one catalogue document (validated by the service)."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": DOCUMENT_REF}},
        }
    }


def document_responses(status: int = 200, *, list_of: bool = False) -> dict:
    schema: dict = DOCUMENT_REF
    if list_of:
        schema = {
            "type": "object",
            "properties": {"items": {"type": "array", "items": DOCUMENT_REF}, "next": {"type": ["string", "null"]}},
            "required": ["items", "next"],
        }
    return {status: {"content": {"application/json": {"schema": schema}}}}
