"""Every route of the API, driven with every kind of token: no token 401, wrong scope 403.

The route table below must name every route the app has (a test holds it to that), so a new
endpoint cannot arrive without its access being tested.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from api_support import KAB, make_world
from helpers import doc

from ea_repo.core.yaml_io import dump_documents

ELEMENT = "/v1/ippds/{ippd}/plateaus/{plateau}/elements/{element_id}"
PUBLIC = {("GET", "/health")}


def _zip(documents: list[dict]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("katalog/aplikasi.yaml", dump_documents(documents))
    return buffer.getvalue()


def _app_doc(element_id: str, opd: str = "1") -> dict:
    return doc("Application", element_id, opd=opd, reference="RAA.01.02")


def _org(kind: str, code: str) -> dict:
    metadata = {"id": code, "name": f"{kind} {code}"} | ({"ippd": KAB} if kind == "OPD" else {})
    return {"apiVersion": "ea-repo/v1", "kind": kind, "metadata": metadata}


def _initiative(item_id: str) -> dict:
    return {
        "apiVersion": "ea-repo/v1",
        "kind": "Initiative",
        "metadata": {"id": item_id, "ippd": KAB, "name": "Satu"},
        "spec": {"muatan": "aplikasi", "uic": ["1"], "years": [2025]},
    }


def _enactment(record_id: str) -> dict:
    return {
        "apiVersion": "ea-repo/v1",
        "kind": "Enactment",
        "metadata": {"id": record_id, "ippd": KAB},
        "spec": {"document": "Perbup 1/2025", "date": "2025-01-10", "covers": ["arsitektur"]},
    }


def requests_for(element: str = "A.001", opd: str = "1") -> dict[tuple[str, str], dict]:
    """A concrete request per route template, aimed at kab (and at an element of `opd`)."""
    one = f"/v1/ippds/{KAB}/plateaus/as-is/elements/{element}"
    yaml_body = dump_documents([_app_doc("A.050", opd)])
    pair = element if element != "A.001" else "A.002"  # the dismissal names A.001 and the element
    return {
        ("GET", "/v1/me"): dict(url="/v1/me"),
        ("GET", "/v1/metamodel/kinds"): dict(url="/v1/metamodel/kinds"),
        ("GET", "/v1/metamodel/relations"): dict(url="/v1/metamodel/relations"),
        ("GET", "/v1/ippds"): dict(url="/v1/ippds"),
        ("GET", "/v1/ippds/{ippd}"): dict(url=f"/v1/ippds/{KAB}"),
        ("PUT", "/v1/ippds/{ippd}"): dict(url=f"/v1/ippds/{KAB}", json=_org("IPPD", KAB)),
        ("GET", "/v1/ippds/{ippd}/opds"): dict(url=f"/v1/ippds/{KAB}/opds"),
        ("GET", "/v1/ippds/{ippd}/opds/{opd}"): dict(url=f"/v1/ippds/{KAB}/opds/{opd}"),
        ("PUT", "/v1/ippds/{ippd}/opds/{opd}"): dict(url=f"/v1/ippds/{KAB}/opds/{opd}", json=_org("OPD", opd)),
        ("GET", "/v1/ippds/{ippd}/elements"): dict(url=f"/v1/ippds/{KAB}/elements?opd={opd}"),
        ("POST", "/v1/ippds/{ippd}/elements"): dict(url=f"/v1/ippds/{KAB}/elements", json=_app_doc("A.060", opd)),
        ("GET", ELEMENT): dict(url=one),
        ("PUT", ELEMENT): dict(url=one, json=_app_doc(element, opd)),
        ("GET", ELEMENT + "/links"): dict(url=one + "/links"),
        ("POST", ELEMENT + "/links"): dict(url=one + "/links", json={"target": "L.001", "field": "services"}),
        ("DELETE", ELEMENT + "/links/{target}"): dict(url=one + "/links/L.001"),
        ("GET", "/v1/ippds/{ippd}/diagrams/{view}"): dict(
            url=f"/v1/ippds/{KAB}/diagrams/context?element={element}&format=json"
        ),
        ("GET", "/v1/diagrams/national"): dict(url="/v1/diagrams/national?format=json"),
        ("GET", "/v1/ippds/{ippd}/gap"): dict(url=f"/v1/ippds/{KAB}/gap"),
        ("POST", "/v1/ippds/{ippd}/plateaus/{plateau}/copy"): dict(
            url=f"/v1/ippds/{KAB}/plateaus/2030/copy?from=as-is"
        ),
        ("GET", "/v1/ippds/{ippd}/roadmap"): dict(url=f"/v1/ippds/{KAB}/roadmap"),
        ("GET", "/v1/ippds/{ippd}/roadmap/findings"): dict(url=f"/v1/ippds/{KAB}/roadmap/findings"),
        ("PUT", "/v1/ippds/{ippd}/roadmap/{item_id}"): dict(
            url=f"/v1/ippds/{KAB}/roadmap/APL.1", json=_initiative("APL.1")
        ),
        ("DELETE", "/v1/ippds/{ippd}/roadmap/{item_id}"): dict(url=f"/v1/ippds/{KAB}/roadmap/APL.1"),
        ("GET", "/v1/ippds/{ippd}/evidence"): dict(url=f"/v1/ippds/{KAB}/evidence"),
        ("PUT", "/v1/ippds/{ippd}/evidence/{record_id}"): dict(
            url=f"/v1/ippds/{KAB}/evidence/perbup", json=_enactment("perbup")
        ),
        ("DELETE", "/v1/ippds/{ippd}/evidence/{record_id}"): dict(url=f"/v1/ippds/{KAB}/evidence/perbup"),
        ("GET", "/v1/ippds/{ippd}/redundancy"): dict(url=f"/v1/ippds/{KAB}/redundancy?opd={opd}"),
        ("GET", "/v1/redundancy"): dict(url="/v1/redundancy"),
        ("GET", "/v1/ippds/{ippd}/redundancy/dismissals"): dict(url=f"/v1/ippds/{KAB}/redundancy/dismissals?opd={opd}"),
        ("POST", "/v1/ippds/{ippd}/redundancy/dismissals"): dict(
            url=f"/v1/ippds/{KAB}/redundancy/dismissals", json={"members": ["A.001", pair], "reason": "berbeda"}
        ),
        ("DELETE", "/v1/ippds/{ippd}/redundancy/dismissals/{dismissal_id}"): dict(
            url=f"/v1/ippds/{KAB}/redundancy/dismissals/1"
        ),
        ("DELETE", ELEMENT): dict(url=one),  # after the element's other routes: it is gone then
        ("GET", "/v1/ippds/{ippd}/findings"): dict(url=f"/v1/ippds/{KAB}/findings?opd={opd}"),
        ("POST", "/v1/import"): dict(url="/v1/import", content=yaml_body, headers={"Content-Type": "application/yaml"}),
        ("POST", "/v1/import/upload"): dict(
            url="/v1/import/upload", files={"files": ("k.zip", _zip([_app_doc("A.070", opd)]), "application/zip")}
        ),
        ("GET", "/v1/audit"): dict(url=f"/v1/audit?ippd={KAB}"),
        ("GET", "/v1/reference"): dict(url="/v1/reference"),
        ("GET", "/v1/reference/{list_name}"): dict(url="/v1/reference/RAB"),
        ("GET", "/v1/reference/{list_name}/{code}"): dict(url="/v1/reference/RAB/RAB.01"),
        ("GET", "/v1/tokens"): dict(url="/v1/tokens"),
        ("POST", "/v1/tokens"): dict(url="/v1/tokens", json={"name": "x", "role": "viewer", "ippd": KAB}),
        ("DELETE", "/v1/tokens/{token_id}"): dict(url="/v1/tokens/000000000000"),
    }


NOT_IPPD_DATA = {  # routes that show no IPPD's data, or only what the token's scope holds
    ("GET", "/v1/me"),
    ("GET", "/v1/metamodel/kinds"),
    ("GET", "/v1/metamodel/relations"),
    ("GET", "/v1/ippds"),
    ("GET", "/v1/reference"),
    ("GET", "/v1/reference/{list_name}"),
    ("GET", "/v1/reference/{list_name}/{code}"),
    ("GET", "/v1/diagrams/national"),
    ("GET", "/v1/redundancy"),
}
ADMIN_ONLY = {
    ("PUT", "/v1/ippds/{ippd}"),
    ("PUT", "/v1/ippds/{ippd}/opds/{opd}"),
    ("GET", "/v1/tokens"),
    ("PUT", "/v1/ippds/{ippd}/roadmap/{item_id}"),
    ("DELETE", "/v1/ippds/{ippd}/roadmap/{item_id}"),
    ("PUT", "/v1/ippds/{ippd}/evidence/{record_id}"),
    ("DELETE", "/v1/ippds/{ippd}/evidence/{record_id}"),
    ("POST", "/v1/tokens"),
    ("DELETE", "/v1/tokens/{token_id}"),
    ("DELETE", "/v1/ippds/{ippd}/redundancy/dismissals/{dismissal_id}"),
}


@pytest.fixture
def world(repo):
    return make_world(repo)


def send(world, who: str | None, request: dict):
    request = dict(request)
    url = request.pop("url")
    method = request.pop("method")
    headers = request.pop("headers", {})
    if who is not None:
        headers = world.headers(who, **headers)
    return world.client.request(method, url, headers=headers, **request)


def cases(**kwargs) -> list[dict]:
    return [
        dict(request, method=method) | {"route": (method, path)}
        for (method, path), request in requests_for(**kwargs).items()
    ]


def test_the_route_table_names_every_route(world):
    paths = world.client.app.openapi()["paths"]
    routes = {(method.upper(), path) for path, operations in paths.items() for method in operations}
    assert routes - PUBLIC == set(requests_for())


def test_no_token_is_401_everywhere_but_health(world):
    for case in cases():
        route = case.pop("route")
        response = send(world, None, case)
        assert response.status_code == 401, route
        assert response.json()["error"]["code"] == "unauthenticated"
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert world.client.get("/health").status_code == 200


def test_a_revoked_or_forged_token_is_401(world):
    token_id = world.tokens["kab_viewer"].split("_")[1]
    assert world.client.get("/v1/me", headers=world.headers("kab_viewer")).status_code == 200  # now cached
    assert world.client.delete(f"/v1/tokens/{token_id}", headers=world.headers("kab_admin")).status_code == 200
    assert world.client.get("/v1/me", headers=world.headers("kab_viewer")).status_code == 401
    forged = world.tokens["kab_admin"][:-4] + "AAAA"
    for text in (forged, "ea_nope_nope", "garbage", ""):
        assert world.client.get("/v1/me", headers={"Authorization": f"Bearer {text}"}).status_code == 401


def test_another_ippds_token_is_403_on_every_kab_route(world):
    for case in cases():
        route = case.pop("route")
        if route in NOT_IPPD_DATA:
            continue
        response = send(world, "kota_architect", case)
        assert response.status_code == 403, (route, response.json())
        assert response.json()["error"]["code"] == "forbidden"


IPPD_WIDE = (
    "/v1/ippds/{ippd}",
    "/v1/ippds/{ippd}/opds",
    "/v1/audit",
    "/v1/ippds/{ippd}/gap",
    "/v1/ippds/{ippd}/roadmap",
    "/v1/ippds/{ippd}/roadmap/findings",
    "/v1/ippds/{ippd}/evidence",
    "/v1/ippds/{ippd}/plateaus/{plateau}/copy",
)  # an OPD token copies its own OPDs' elements
BY_ELEMENT_ID = {route for route in requests_for() if route[1].startswith(ELEMENT)} | {
    ("GET", "/v1/ippds/{ippd}/diagrams/{view}"),
    ("POST", "/v1/ippds/{ippd}/redundancy/dismissals"),
}


def test_an_opd_token_is_refused_another_opd_and_finds_its_elements_missing(world):
    """Addressed by OPD code: 403 (it knows the code it sent). Addressed by element ID: 404, as for a missing ID."""
    for case in cases(element="A.002", opd="2"):
        route = case.pop("route")
        if route in NOT_IPPD_DATA or route[1] in IPPD_WIDE:
            continue
        response = send(world, "kab_opd1", case)
        assert response.status_code == (404 if route in BY_ELEMENT_ID else 403), (route, response.json())


def test_another_opds_element_answers_exactly_as_a_missing_one(world):
    """Every route, the same OPD in the address: an existing element of OPD 2 and an ID nobody has
    give the same status and the same body (but for the ID echoed back)."""
    hidden, missing = cases(element="A.002", opd="2"), cases(element="A.099", opd="2")
    for one, other in zip(hidden, missing, strict=False):
        route = one.pop("route")
        other.pop("route")
        if route in NOT_IPPD_DATA or route[1] in IPPD_WIDE:
            continue
        seen, unseen = send(world, "kab_opd1", one), send(world, "kab_opd1", other)
        assert seen.status_code == unseen.status_code, route
        assert seen.text.replace("A.002", "<id>") == unseen.text.replace("A.099", "<id>"), route


def test_a_viewer_cannot_write_anything(world):
    for case in cases():
        route = case.pop("route")
        if route[0] == "GET":
            continue
        response = send(world, "kab_viewer", case)
        assert response.status_code == 403, (route, response.json())


def test_only_admins_manage_organisations_and_tokens(world):
    for case in cases():
        route = case.pop("route")
        if route in ADMIN_ONLY:
            assert send(world, "kab_architect", dict(case)).status_code == 403, route
            assert send(world, "kab_admin", dict(case)).status_code in (200, 201, 204, 404), route


def test_the_right_token_gets_through_every_route(world):
    """The same table with the kab admin: nothing is refused (404 only for the made-up token id)."""
    for case in cases():
        route = case.pop("route")
        response = send(world, "kab_admin", case)
        expected = 404 if route == ("DELETE", "/v1/tokens/{token_id}") else None
        assert response.status_code == expected if expected else response.status_code < 300, (route, response.text)


def test_listings_show_only_what_the_token_reaches(world):
    c = world.client
    assert [
        d["metadata"]["id"] for d in c.get("/v1/ippds", headers=world.headers("kota_architect")).json()["items"]
    ] == ["kota"]
    assert {
        d["metadata"]["id"] for d in c.get("/v1/ippds/kab/opds", headers=world.headers("kab_opd1")).json()["items"]
    } == {"1"}
    items = c.get("/v1/ippds/kab/elements", headers=world.headers("kab_opd1")).json()["items"]
    assert items and {d["metadata"]["opd"] for d in items} == {"1"}
    report = c.get("/v1/ippds/kab/findings", headers=world.headers("kab_opd1")).json()
    assert report["findings"] and {f["opd"] for f in report["findings"]} == {"1"}
    assert (report["summary"]["elements"], report["summary"]["links"]) == (4, 2)  # OPD 1's, not the IPPD's 5
    audit = c.get("/v1/audit", headers=world.headers("kota_architect")).json()["items"]
    assert audit and {e["ippd"] for e in audit} == {"kota"}
    audit = c.get("/v1/audit", headers=world.headers("kab_opd1")).json()["items"]
    assert audit and {e["opd"] for e in audit} == {"1"}
    national = c.get("/v1/diagrams/national?format=json", headers=world.headers("kab_opd1")).json()["nodes"]
    assert national and {(n["ippd"], n["opd"]) for n in national} == {("kab", "1")}
    national = c.get("/v1/diagrams/national?format=json", headers=world.headers("national_viewer")).json()["nodes"]
    assert {n["ippd"] for n in national} == {"kab", "kota"} and all(
        n["id"].startswith(n["ippd"] + "/") for n in national
    )


def test_an_import_with_one_foreign_document_writes_nothing(world):
    body = dump_documents([_app_doc("A.080", "1"), _app_doc("A.081", "2")])
    response = world.client.post(
        "/v1/import", content=body, headers=world.headers("kab_opd1", **{"Content-Type": "application/yaml"})
    )
    assert response.status_code == 403
    assert "A.081" in response.json()["error"]["message"]
    assert (
        world.client.get(
            f"/v1/ippds/{KAB}/plateaus/as-is/elements/A.080", headers=world.headers("kab_admin")
        ).status_code
        == 404
    )


def test_an_admin_cannot_mint_a_token_wider_than_itself(world):
    c = world.client
    national = {"name": "x", "role": "viewer"}
    other = {"name": "x", "role": "viewer", "ippd": "kota"}
    assert c.post("/v1/tokens", json=other, headers=world.headers("kab_admin")).status_code == 403
    made = c.post("/v1/tokens", json=national, headers=world.headers("kab_admin"))
    assert made.status_code == 201 and made.json()["ippd"] == KAB  # defaults to the maker's own IPPD
    assert c.post("/v1/tokens", json=national, headers=world.headers("national_admin")).json()["ippd"] is None
    listed = c.get("/v1/tokens", headers=world.headers("kab_admin")).json()
    assert listed and all(t["ippd"] == KAB for t in listed)
    assert all("secret" not in str(t) and "token" not in t for t in listed)


def test_a_token_revoked_outside_the_server_stops_within_the_cache_time(repo):
    from ea_repo import service
    from ea_repo.core.settings import Settings

    world = make_world(repo, settings=Settings(token_cache_s=0))
    assert world.client.get("/v1/me", headers=world.headers("kab_viewer")).status_code == 200
    service.revoke_token(
        repo, world.tokens["kab_viewer"].split("_")[1], principal=service.local_principal()
    )  # as `ea token revoke` does
    assert world.client.get("/v1/me", headers=world.headers("kab_viewer")).status_code == 401
