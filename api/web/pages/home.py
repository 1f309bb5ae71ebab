"""The home page (every IPPD a national user sees) and an IPPD's dashboard."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from ea_repo import service
from ea_repo.core.i18n import Catalogue, Text
from metamodel import load_metamodel

from ..render import render
from ..session import PageRoute, repository, signed_in

DASHBOARD = Catalogue(
    "web.dashboard",
    {
        "dash.title": Text("Dasbor {ippd}", "Dashboard of {ippd}"),
        "dash.elements": Text("elemen", "elements"),
        "dash.opds": Text("OPD", "OPDs"),
        "dash.per_domain": Text("Elemen per domain dan plateau", "Elements per domain and plateau"),
        "dash.domain": Text("Domain", "Domain"),
        "dash.rules": Text("Temuan per aturan", "Findings per rule"),
        "dash.rule": Text("Aturan", "Rule"),
        "dash.severity": Text("Tingkat", "Severity"),
        "dash.count": Text("Jumlah", "Count"),
        "dash.no_findings": Text("Tidak ada temuan.", "No findings."),
        "dash.recent": Text("Perubahan terakhir", "Latest changes"),
        "dash.redundant": Text(
            "klaster aplikasi redundan ({applications} aplikasi)",
            "redundant application clusters ({applications} apps)",
        ),
        "dash.evidence": Text("kriteria {instrument} terpenuhi", "{instrument} criteria met"),
    },
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Repo = Annotated[service.Repository, Depends(repository)]
Person = Annotated[service.Principal, Depends(signed_in)]


def current_ippd(request: Request, ippd: str, repo: Repo, principal: Person) -> service.OrganisationRow:
    """The IPPD in the page's address, if the person may see it (else 403/404 as the service answers)."""
    found = service.organisation(repo, ippd, principal=principal)
    request.state.ippd = found
    return found


Ippd = Annotated[service.OrganisationRow, Depends(current_ippd)]


@router.get("/")
def home(request: Request, repo: Repo, principal: Person) -> Response:
    if principal.ippd is not None:
        return RedirectResponse(f"/ippd/{principal.ippd}", status_code=303)
    rows = service.ippd_rows(repo, principal=principal)
    return render(request, "home.html", {"rows": rows, "active": "home"})


@router.get("/ippd/{ippd}")
def dashboard(request: Request, ippd: Ippd, repo: Repo, principal: Person) -> Response:
    from .planning import dashboard_sections  # here: planning's pages import this module's dependencies

    overview = service.ippd_overview(repo, ippd.code, principal=principal)
    metamodel = load_metamodel()
    plateaus = sorted(overview.elements) or ["as-is"]
    severities = [(s, c) for s, c in overview.findings.by_severity().items() if c]
    context = {
        "overview": overview,
        "active": "dashboard",
        "domains": metamodel.domains,
        "plateaus": plateaus,
        "total": sum(sum(d.values()) for d in overview.elements.values()),
        "severities": severities,
        "rule_titles": {
            rule: service.RULES[rule].title[request.state.lang]
            for rule, _, _ in overview.by_rule
            if rule in service.RULES
        },
        "extra_sections": dashboard_sections(request, repo, principal, ippd),
    }
    return render(request, "dashboard.html", context, texts=DASHBOARD)
