"""Rules about the cross-domain chain: process -> service -> application -> data / infrastructure."""

from __future__ import annotations

from collections.abc import Iterator

from ea_repo.catalog.graph import Node, RepoGraph
from ea_repo.checks.findings import Severity, Text
from ea_repo.checks.registry import Hit, rule


def _lacking(graph: RepoGraph, kind: str, relation: str, incoming: bool) -> Iterator[tuple[Node, dict[str, str]]]:
    test = graph.has_incoming if incoming else graph.has_outgoing
    for node in graph.nodes_of(kind):
        if not test(node, relation):
            yield node, {}


@rule(
    "service-without-application",
    Severity.WARNING,
    domain="service",
    title=Text("Layanan tanpa aplikasi pendukung", "Service with no supporting application"),
    message=Text("Tidak ada aplikasi yang mendukung layanan {element}", "No application supports service {element}"),
    fix=Text(
        "Tautkan aplikasi pendukung (spec.services di aplikasi, atau ID Metadata Terkait).",
        "Link a supporting application (the application's spec.services, or ID Metadata Terkait).",
    ),
)
def service_without_application(graph: RepoGraph) -> Iterator[Hit]:
    return _lacking(graph, "Service", "supports", incoming=True)


@rule(
    "application-without-service",
    Severity.WARNING,
    domain="application",
    title=Text("Aplikasi tanpa layanan", "Application supports no service"),
    message=Text("Aplikasi {element} tidak mendukung layanan apa pun", "Application {element} supports no service"),
    fix=Text(
        "Isi spec.services dengan ID layanan yang didukung.",
        "Fill in spec.services with the IDs of the services it supports.",
    ),
)
def application_without_service(graph: RepoGraph) -> Iterator[Hit]:
    return _lacking(graph, "Application", "supports", incoming=False)


@rule(
    "application-without-data",
    Severity.WARNING,
    domain="application",
    title=Text("Aplikasi tanpa data", "Application uses no data"),
    message=Text("Aplikasi {element} tidak menggunakan data apa pun", "Application {element} uses no data"),
    fix=Text("Isi spec.data dengan ID data yang digunakan.", "Fill in spec.data with the IDs of the data it uses."),
)
def application_without_data(graph: RepoGraph) -> Iterator[Hit]:
    return _lacking(graph, "Application", "uses", incoming=False)


@rule(
    "application-without-infrastructure",
    Severity.WARNING,
    domain="application",
    title=Text("Aplikasi tanpa infrastruktur", "Application has no hosting infrastructure"),
    message=Text(
        "Aplikasi {element} tidak tercatat berjalan di server, cloud atau pusat data mana pun (Aplikasi Umum nasional "
        "dikecualikan)",
        "Application {element} is not recorded as running on any server, cloud or data centre (national Aplikasi Umum "
        "are exempt)",
    ),
    fix=Text(
        "Isi spec.runs_on dengan ID server/cloud/fasilitas komputasi.",
        "Fill in spec.runs_on with a server, cloud or facility ID.",
    ),
)
def application_without_infrastructure(graph: RepoGraph) -> Iterator[Hit]:
    # A national Aplikasi Umum (SRIKANDI, SIPD, ...) is hosted by the central agency, not by the IPPD.
    for node, params in _lacking(graph, "Application", "runs-on", incoming=False):
        if node.spec_value("category") != "umum":
            yield node, params


@rule(
    "process-not-realised",
    Severity.WARNING,
    domain="business",
    title=Text("Proses bisnis tanpa layanan", "Business process realised by no service"),
    message=Text(
        "Tidak ada layanan yang merealisasikan proses bisnis {element}",
        "No service realises business process {element}",
    ),
    fix=Text(
        "Tautkan layanan (spec.processes di layanan, atau ID Metadata Terkait).",
        "Link a service (the service's spec.processes, or ID Metadata Terkait).",
    ),
)
def process_not_realised(graph: RepoGraph) -> Iterator[Hit]:
    return _lacking(graph, "BusinessProcess", "realises", incoming=True)
