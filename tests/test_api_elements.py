"""The element resources: documents in and out unchanged, versions, links, pages, errors, import, audit."""

from __future__ import annotations

import io
import zipfile

import pytest
from api_support import KAB, make_world
from helpers import doc, needs_dot

from ea_repo.catalog.exporter import element_document
from ea_repo.core.settings import Settings
from ea_repo.core.yaml_io import dump_documents

ELEMENTS = f"/v1/ippds/{KAB}/elements"
A001 = f"/v1/ippds/{KAB}/plateaus/as-is/elements/A.001"


@pytest.fixture
def world(repo):
    return make_world(repo)


def admin(world, **extra):
    return world.headers("kab_admin", **extra)


def test_a_posted_document_comes_back_as_it_went_in_with_its_version(world):
    sent = doc(
        "Application",
        "A.010",
        name="SIPD",
        opd="1",
        reference="RAA.01.02",
        services=["L.001"],
        data=["D.001"],
        description="Sistem Informasi Pemerintahan Daerah",
    )
    created = world.client.post(ELEMENTS, json=sent, headers=admin(world))
    assert created.status_code == 201
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == f"/v1/ippds/{KAB}/plateaus/as-is/elements/A.010"
    body = created.json()
    assert body["metadata"].pop("version") == 1
    assert body == {
        **sent,
        "spec": {
            "description": sent["spec"]["description"],
            "reference": ["RAA.01.02"],
            "services": ["L.001"],
            "data": ["D.001"],
        },
    }
    assert world.client.get(created.headers["Location"], headers=admin(world)).json() == created.json()


def test_ippd_comes_from_the_url_and_a_contradiction_is_422(world):
    sent = doc("Application", "A.011", opd="1")
    del sent["metadata"]["ippd"]
    assert world.client.post(ELEMENTS, json=sent, headers=admin(world)).json()["metadata"]["ippd"] == KAB
    other = doc("Application", "A.012", opd="1", ippd="kota")
    response = world.client.post(ELEMENTS, json=other, headers=admin(world))
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "metadata.ippd"


def test_creating_twice_is_409(world):
    response = world.client.post(ELEMENTS, json=doc("Application", "A.001", opd="1"), headers=admin(world))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "exists"


def test_invalid_documents_get_every_problem_with_its_field_in_the_chosen_language(world):
    bad = doc("Application", "X-1", opd="1", category="bogus", users="many")
    response = world.client.post(ELEMENTS, json=bad, headers=admin(world, **{"Accept-Language": "en"}))
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_document"
    fields = {d["field"]: d["message"] for d in error["details"]}
    assert "spec.category" in fields and "expected one of" in fields["spec.category"]
    indonesian = world.client.post(ELEMENTS, json=bad, headers=admin(world)).json()["error"]
    assert "harus salah satu dari" in {d["field"]: d["message"] for d in indonesian["details"]}["spec.category"]


def test_a_stale_write_is_412_and_loses_nothing(world):
    first = world.client.get(A001, headers=admin(world))
    document = first.json()
    document["metadata"]["name"] = "SIMPEG v2"
    ok = world.client.put(A001, json=document, headers=admin(world, **{"If-Match": first.headers["ETag"]}))
    assert ok.status_code == 200 and ok.headers["ETag"] == '"2"'
    document["metadata"]["name"] = "lost?"
    stale = world.client.put(A001, json=document, headers=admin(world, **{"If-Match": first.headers["ETag"]}))
    assert stale.status_code == 412
    assert stale.json()["error"]["details"] == {"expected": 1, "current": 2}
    assert world.client.get(A001, headers=admin(world)).json()["metadata"]["name"] == "SIMPEG v2"


def test_metadata_version_in_the_body_acts_as_if_match(world):
    document = world.client.get(A001, headers=admin(world)).json()
    document["metadata"]["version"] = 7
    assert world.client.put(A001, json=document, headers=admin(world)).status_code == 412


def test_an_unchanged_put_makes_no_new_version_and_no_audit_entry(world):
    document = world.client.get(A001, headers=admin(world)).json()
    before = len(world.client.get("/v1/audit?element=A.001", headers=admin(world)).json()["items"])
    response = world.client.put(A001, json=document, headers=admin(world, **{"If-Match": '"1"'}))
    assert response.status_code == 200 and response.headers["ETag"] == '"1"'
    assert len(world.client.get("/v1/audit?element=A.001", headers=admin(world)).json()["items"]) == before


def test_links_are_added_and_removed_as_new_versions(world):
    added = world.client.post(
        A001 + "/links", json={"target": "a.002", "field": "integrates_with"}, headers=admin(world)
    )
    assert added.status_code == 200, added.text
    assert added.json()["spec"]["integrates_with"] == ["A.002"] and added.headers["ETag"] == '"2"'
    links = world.client.get(A001 + "/links", headers=admin(world)).json()
    assert {(l["subject"], l["relation"], l["object"]) for l in links["out"]} >= {("A.001", "integrates", "A.002")}
    removed = world.client.delete(A001 + "/links/A.002", headers=admin(world, **{"If-Match": '"2"'}))
    assert "integrates_with" not in removed.json()["spec"] and removed.headers["ETag"] == '"3"'
    assert world.client.delete(A001 + "/links/A.002", headers=admin(world)).status_code == 404


def test_a_link_field_the_kind_lacks_is_422(world):
    response = world.client.post(A001 + "/links", json={"target": "D.001", "field": "runs_over"}, headers=admin(world))
    assert response.status_code == 422
    assert "runs_on" in response.json()["error"]["details"][0]["message"]


def test_delete_reports_the_links_left_dangling(world):
    response = world.client.delete(f"/v1/ippds/{KAB}/plateaus/as-is/elements/L.001", headers=admin(world))
    assert response.json() == {"deleted": "L.001", "version": 1, "dangling": ["A.001"]}
    assert world.client.get(f"/v1/ippds/{KAB}/plateaus/as-is/elements/L.001", headers=admin(world)).status_code == 404
    findings = world.client.get(f"/v1/ippds/{KAB}/findings?rule=link-missing-target", headers=admin(world)).json()[
        "findings"
    ]
    assert [(f["element"], f["plateau"]) for f in findings] == [("A.001", "as-is")]


def test_pages_cover_everything_once_in_a_stable_order(world):
    documents = [doc("Data", f"D.{n:03d}", opd="1") for n in range(2, 40)]
    world.client.post(
        "/v1/import", content=dump_documents(documents), headers=admin(world, **{"Content-Type": "application/yaml"})
    )
    seen, cursor = [], None
    while True:
        page = world.client.get(
            ELEMENTS, params={"limit": 7, **({"cursor": cursor} if cursor else {})}, headers=admin(world)
        ).json()
        seen += [(d["metadata"]["plateau"], d["metadata"]["id"]) for d in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 38 + 5


def test_list_filters(world):
    def ids(**params):
        return [
            d["metadata"]["id"] for d in world.client.get(ELEMENTS, params=params, headers=admin(world)).json()["items"]
        ]

    assert ids(kind="application", plateau="as-is") == ["A.001", "A.002"]
    assert ids(reference="RAL.01") == ["L.001"]
    assert ids(reference="RAA.01.02", plateau="to-be") == ["A.001"]
    assert ids(q="arsip") == ["A.002"]
    assert ids(q="%") == [] and ids(q="_") == []  # LIKE wildcards are searched literally
    assert ids(opd="2") == ["A.002"]
    assert world.client.get(ELEMENTS, params={"cursor": "garbage!"}, headers=admin(world)).status_code == 400
    assert world.client.get(ELEMENTS, params={"limit": 5000}, headers=admin(world)).status_code == 422


def test_import_yaml_body_is_all_or_nothing_with_lines(world):
    good = doc("Application", "A.020", opd="1")
    bad = doc("Application", "A.021", opd="1", category="bogus")
    text = dump_documents([good, bad])
    response = world.client.post(
        "/v1/import", content=text, headers=admin(world, **{"Content-Type": "application/yaml"})
    )
    assert response.status_code == 422
    [problem] = response.json()["error"]["details"]
    assert (problem["document"], problem["id"], problem["field"]) == ("body", "A.021", "spec.category")
    assert text.splitlines()[problem["line"] - 1].strip().startswith("category:")
    assert world.client.get(f"{ELEMENTS}?q=A.020", headers=admin(world)).json()["items"] == []


def test_import_dry_run_writes_nothing_and_a_real_run_is_audited(world):
    text = dump_documents([doc("Application", "A.030", opd="1")])
    headers = admin(world, **{"Content-Type": "application/yaml"})
    dry = world.client.post("/v1/import?dry_run=true", content=text, headers=headers).json()
    assert dry["dry_run"] is True and dry["elements"] == 1 and dry["created"] == {}
    assert world.client.get(f"{ELEMENTS}?q=A.030", headers=admin(world)).json()["items"] == []
    real = world.client.post("/v1/import", content=text, headers=headers).json()
    assert real["created"] == {"Application": 1}
    [entry] = world.client.get("/v1/audit?element=A.030", headers=admin(world)).json()["items"]
    assert (entry["action"], entry["via"], entry["actor"], entry["before"]) == (
        "create",
        "api",
        "token:" + world.tokens["kab_admin"].split("_")[1] + " (kab_admin)",
        None,
    )


def test_upload_a_zip_of_catalogue_files(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("kab/as-is/aplikasi.yaml", dump_documents([doc("Application", "A.040", opd="1")]))
        archive.writestr("kab/as-is/data.yml", dump_documents([doc("Data", "D.040", opd="1")]))
        archive.writestr("README.txt", "not a catalogue file")
    files = {"files": ("katalog.zip", buffer.getvalue(), "application/zip")}
    response = world.client.post("/v1/import/upload", files=files, headers=admin(world))
    assert response.status_code == 200, response.text
    assert response.json()["files"] == 2 and response.json()["created"] == {"Application": 1, "Data": 1}


def test_a_zip_bomb_or_broken_zip_is_refused_not_unpacked(world, monkeypatch):
    from ea_repo.service import uploads

    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.yaml", "#" * 100_000)
    response = world.client.post(
        "/v1/import/upload", files={"files": ("b.zip", buffer.getvalue())}, headers=admin(world)
    )
    assert response.status_code == 422 and "MiB" in response.json()["error"]["details"][0]["message"]
    response = world.client.post(
        "/v1/import/upload", files={"files": ("c.zip", b"PK not really")}, headers=admin(world)
    )
    assert response.status_code == 422


def test_non_utf8_body_is_a_422_problem(world):
    response = world.client.post(
        "/v1/import",
        content="nama: Caf\u00e9".encode("latin-1"),
        headers=admin(world, **{"Content-Type": "application/yaml"}),
    )
    assert response.status_code == 422 and response.json()["error"]["details"][0]["document"] == "body"


def test_oversized_bodies_are_413_with_or_without_content_length(repo):
    world = make_world(repo, settings=Settings(max_body_bytes=2048))
    big = "#" * 5000
    response = world.client.post(
        "/v1/import", content=big, headers=admin(world, **{"Content-Type": "application/yaml"})
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"

    def chunks():
        for _ in range(5):
            yield b"#" * 1000

    response = world.client.post(
        "/v1/import", content=chunks(), headers=admin(world, **{"Content-Type": "application/yaml"})
    )
    assert response.status_code == 413


def test_errors_have_one_shape_and_no_trace(world):
    for response in (
        world.client.get("/v1/nowhere", headers=admin(world)),
        world.client.post(ELEMENTS, content=b"{not json", headers=admin(world, **{"Content-Type": "application/json"})),
        world.client.put(A001, json=[], headers=admin(world, **{"If-Match": "nonsense"})),
    ):
        error = response.json()["error"]
        assert set(error) == {"code", "message", "details"} and response.status_code in (400, 404, 422)
        assert "Traceback" not in response.text


def test_an_unexpected_failure_is_a_500_with_a_reference_not_a_trace(world, monkeypatch):
    from ea_repo import service

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "get_element", boom)
    response = world.client.get(A001, headers=admin(world))
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal" and "secret" not in response.text


def test_findings_are_the_checks_of_the_cli(world):
    from ea_repo import service
    from ea_repo.checks import CheckFilter

    body = world.client.get(f"/v1/ippds/{KAB}/findings?lang=en", headers=admin(world)).json()
    expected = service.check_repository(
        world.repo, selection=CheckFilter(), ippds=[KAB], principal=service.local_principal()
    )
    assert [(f["rule"], f["element"], f["plateau"]) for f in body["findings"]] == [
        (f.rule, f.element, f.plateau) for f in expected.findings
    ]
    sarif = world.client.get(f"/v1/ippds/{KAB}/findings?format=sarif", headers=admin(world))
    assert sarif.headers["content-type"].startswith("application/sarif+json") and sarif.json()["version"] == "2.1.0"
    assert world.client.get("/v1/ippds/nowhere/findings", headers=world.headers("national_admin")).status_code == 404
    only = world.client.get(f"/v1/ippds/{KAB}/findings?severity=error&domain=application", headers=admin(world)).json()
    assert all(f["severity"] == "error" and f["kind"] == "Application" for f in only["findings"])


def test_reference_codes_browse_as_a_tree(world):
    top = world.client.get("/v1/reference/RAB", headers=admin(world)).json()
    assert top["parent"] is None and all(c["level"] == 1 for c in top["items"]) and top["items"]
    first = top["items"][0]["code"]
    below = world.client.get(f"/v1/reference/RAB?parent={first}", headers=admin(world)).json()["items"]
    one = world.client.get(f"/v1/reference/RAB/{first}", headers=admin(world)).json()
    assert one["children"] == below and below and all(c["parent"] == first for c in below)
    assert world.client.get("/v1/reference/RAX", headers=admin(world)).status_code == 404
    assert world.client.get("/v1/reference/RAB/RAB.99.99", headers=admin(world)).status_code == 404


def test_organisations_put_is_audited(world):
    opd = {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": "3", "name": "Dinas Baru"}}
    response = world.client.put(f"/v1/ippds/{KAB}/opds/3", json=opd, headers=admin(world))
    assert response.status_code == 200 and response.json()["metadata"]["ippd"] == KAB
    [entry] = world.client.get("/v1/audit?element=3", headers=admin(world)).json()["items"]
    assert entry["kind"] == "OPD" and entry["action"] == "create"
    wrong = world.client.put(f"/v1/ippds/{KAB}/opds/4", json=opd, headers=admin(world))
    assert wrong.status_code == 422


def test_audit_pages_newest_first(world):
    for n in range(5):
        world.client.post(ELEMENTS, json=doc("Data", f"D.{100 + n}", opd="1"), headers=admin(world))
    first = world.client.get("/v1/audit?limit=2", headers=admin(world)).json()
    second = world.client.get(f"/v1/audit?limit=2&before={first['next']}", headers=admin(world)).json()
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4
    assert first["items"][0]["subject"] == "D.104"


def test_the_documents_are_the_yaml_envelope(world):
    from ea_repo import service

    row = service.get_element(
        world.repo, service.element_key(KAB, "as-is", "A.001"), principal=service.local_principal()
    )
    body = world.client.get(A001, headers=admin(world)).json()
    body["metadata"].pop("version")
    assert body == element_document(row)


def test_openapi_documents_every_kind_for_the_element_bodies(world):
    schema = world.client.get("/openapi.json").json()
    components = schema["components"]["schemas"]
    assert {"ApplicationDocument", "ServerDocument", "CatalogDocument"} <= set(components)
    post = schema["paths"]["/v1/ippds/{ippd}/elements"]["post"]
    assert (
        post["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/CatalogDocument"
    )


def test_nul_characters_are_refused_not_a_500(world):
    """PostgreSQL text cannot hold NUL: refused at the door, on every backend alike."""
    sent = doc("Application", "A.090", name="SIM\x00PEG", opd="1")
    response = world.client.post(ELEMENTS, json=sent, headers=admin(world))
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "metadata.name"
    for url in (A001.replace("A.001", "A%00"), "/v1/audit?element=A%00", f"{ELEMENTS}?q=a%00"):
        assert world.client.get(url, headers=admin(world)).status_code == 400, url


def test_numbers_past_64_bits_are_422_not_a_500(world):
    assert world.client.get(f"/v1/audit?before={2**64}", headers=admin(world)).status_code == 422


def test_import_a_json_array_with_the_same_rules(world):
    good, bad = doc("Application", "A.095", opd="1"), doc("Application", "A.096", opd="1", category="bogus")
    rejected = world.client.post("/v1/import", json=[good, bad], headers=admin(world))
    assert rejected.status_code == 422
    [problem] = rejected.json()["error"]["details"]
    assert (problem["document"], problem["field"]) == ("body[1]", "spec.category")
    accepted = world.client.post("/v1/import", json=[good], headers=admin(world))
    assert accepted.status_code == 200 and accepted.json()["created"] == {"Application": 1}
    duplicate = world.client.post("/v1/import", json=[good, good], headers=admin(world))
    assert duplicate.status_code == 422
    broken = world.client.post(
        "/v1/import", content=b"[{", headers=admin(world, **{"Content-Type": "application/json"})
    )
    assert broken.status_code == 422 and "JSON" in broken.json()["error"]["details"][0]["message"]


@needs_dot
def test_diagrams_over_http(world):
    svg = world.client.get(f"/v1/ippds/{KAB}/diagrams/layers", headers=admin(world))
    assert (
        svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml") and b"A.001" in svg.content
    )
    graph = world.client.get(f"/v1/ippds/{KAB}/diagrams/layers?format=json", headers=world.headers("kab_opd1")).json()
    assert {n["opd"] for n in graph["nodes"]} == {"1"}  # only what the token may see
    assert world.client.get(f"/v1/ippds/{KAB}/diagrams/nonsense", headers=admin(world)).status_code == 400
    assert world.client.get(f"/v1/ippds/{KAB}/diagrams/impact?element=A.999", headers=admin(world)).status_code == 404
    small = world.client.get(f"/v1/ippds/{KAB}/diagrams/layers?format=dot&max_nodes=10", headers=admin(world))
    assert small.status_code == 200 and b"digraph" in small.content
