"""Findings of the consistency checks, filtered like `ea check`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ea_repo import __version__, service
from ea_repo.checks.render import render_json, render_sarif
from ea_repo.service import CheckFilter, Severity

from ..deps import Caller, Lang, Repo

router = APIRouter(tags=["checks"])


@router.get("/v1/ippds/{ippd}/findings", summary="Findings of the checks")
def findings(
    ippd: str,
    repo: Repo,
    caller: Caller,
    lang: Lang,
    plateau: Annotated[list[str] | None, Query(description="Only these plateaus")] = None,
    domain: Annotated[list[str] | None, Query(description="Only these domains (business, data, ...)")] = None,
    opd: Annotated[list[str] | None, Query(description="Only these OPDs (within yours)")] = None,
    severity: Annotated[Severity, Query(description="At least this severity")] = Severity.INFO,
    rule: Annotated[list[str] | None, Query(description="Only these rules (see `ea rules`)")] = None,
    format: Annotated[
        str, Query(pattern="^(json|sarif)$", description="json, or SARIF 2.1.0 for code-scanning tools")
    ] = "json",
) -> Response:
    """The same findings as `ea check --ippd`, narrowed to the OPDs your token covers."""
    selection = CheckFilter(
        rules=tuple(rule) if rule else None,
        domains=service.domain_keys(domain),
        opds=tuple(opd) if opd else None,
        plateaus=tuple(plateau) if plateau else None,
        min_severity=severity,
    )
    report = service.findings(repo, ippd, selection, principal=caller)
    body = render_sarif(report, lang, __version__) if format == "sarif" else render_json(report, lang)
    return Response(body, media_type="application/sarif+json" if format == "sarif" else "application/json")
