"""The national reference-model code lists in force (shipped or loaded), browsable as a tree."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from ea_repo import service

from ..deps import Caller, Repo

router = APIRouter(tags=["reference"])


class CodeOut(BaseModel):
    code: str
    level: int
    name: str
    parent: str | None


class ListOut(BaseModel):
    list: str
    version: str
    source: str
    codes: int


class CodesOut(BaseModel):
    list: str
    version: str
    parent: str | None
    items: list[CodeOut]


class CodeDetail(CodeOut):
    children: list[CodeOut]


def _code(c) -> CodeOut:
    return CodeOut(code=c.code, level=c.level, name=c.name, parent=c.parent)


@router.get("/v1/reference", summary="The code lists in force", response_model=list[ListOut])
def lists(repo: Repo, caller: Caller) -> list[ListOut]:
    return [
        ListOut(list=name, version=ref.version, source=ref.source, codes=len(ref.codes))
        for name, ref in service.reference_lists(repo, principal=caller).items()
    ]


@router.get("/v1/reference/{list_name}", summary="Codes of one list, one level at a time", response_model=CodesOut)
def codes(
    list_name: str,
    repo: Repo,
    caller: Caller,
    parent: Annotated[
        str | None, Query(description="The codes under this one (e.g. RAB.09); default the top level")
    ] = None,
) -> CodesOut:
    ref = service.reference_list(repo, list_name, principal=caller)
    parent_code = service.reference_code(repo, list_name, parent, principal=caller)[0].code if parent else None
    return CodesOut(
        list=ref.domain, version=ref.version, parent=parent_code, items=[_code(c) for c in ref.children(parent_code)]
    )


@router.get("/v1/reference/{list_name}/{code}", summary="One code and its children", response_model=CodeDetail)
def code(list_name: str, code: str, repo: Repo, caller: Caller) -> CodeDetail:
    found, children = service.reference_code(repo, list_name, code, principal=caller)
    return CodeDetail(**_code(found).model_dump(), children=[_code(c) for c in children])
