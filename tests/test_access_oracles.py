"""Issue 16 (D): token grants audited; no existence oracles; the roadmap's scope; writes under unknown IPPDs.

The rule (ea_repo/access/principal.py): what a caller may not see answers exactly as a missing one would.
"""

from __future__ import annotations

import json

import pytest
from api_support import KAB, KOTA, make_world
from helpers import doc

from ea_repo import service
from ea_repo.core.yaml_io import dump_documents


@pytest.fixture
def world(repo):
    return make_world(repo)


def _audit(world, who: str, **params) -> list[dict]:
    response = world.client.get("/v1/audit", params={"limit": 1000, **params}, headers=world.headers(who))
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _token_entries(world, who: str) -> list[dict]:
    return [e for e in _audit(world, who) if e["kind"] == "ApiToken"]


def _same(first, second, first_id: str, second_id: str) -> None:
    assert first.status_code == second.status_code
    assert first.text.replace(first_id, "<id>") == second.text.replace(second_id, "<id>")


# --- 1. token grants and revocations are audited ------------------------------------------
def test_a_token_made_and_revoked_through_the_api_is_in_the_audit_log(world):
    made = world.client.post(
        "/v1/tokens", json={"name": "Budi", "role": "architect", "opds": ["1"]}, headers=world.headers("kab_admin")
    )
    assert made.status_code == 201
    token_id, secret = made.json()["id"], made.json()["token"].split("_", 2)[2]
    assert world.client.delete(f"/v1/tokens/{token_id}", headers=world.headers("kab_admin")).status_code == 200
    assert (
        world.client.delete(f"/v1/tokens/{token_id}", headers=world.headers("kab_admin")).status_code == 200
    )  # again: no new entry
    entries = [e for e in _token_entries(world, "kab_admin") if e["subject"] == token_id]
    assert [e["action"] for e in entries] == ["token-revoke", "token-create"]
    revoke, create = entries
    for entry in entries:
        assert (entry["ippd"], entry["via"], entry["kind"], entry["opd"]) == (KAB, "api", "ApiToken", None)
        assert entry["actor"].endswith("(kab_admin)")
    assert create["before"] is None
    assert create["after"]["metadata"]["name"] == "Budi"
    assert create["after"]["spec"] == {"role": "architect", "ippd": KAB, "opds": ["1"], "revoked_at": None}
    assert revoke["before"]["spec"]["revoked_at"] is None and revoke["after"]["spec"]["revoked_at"]
    assert secret not in json.dumps(entries) and "hash" not in json.dumps(entries)


def test_the_secret_and_its_hash_are_in_no_audit_row(world):
    info, text = service.create_token(
        world.repo, role="viewer", name="Sari", ippd=KAB, principal=service.local_principal()
    )
    with world.repo.engine.connect() as conn:
        secret_hash = conn.exec_driver_sql(
            "SELECT secret_hash FROM api_token WHERE id = ?"
            if conn.dialect.paramstyle == "qmark"
            else "SELECT secret_hash FROM api_token WHERE id = %s",
            (info.id,),
        ).scalar()
        rows = [" ".join(map(str, r)) for r in conn.exec_driver_sql("SELECT * FROM audit").all()]
    assert any(info.id in row for row in rows)
    assert not any(text.split("_", 2)[2] in row or secret_hash in row for row in rows)


def test_a_national_token_is_logged_under_the_star_and_made_on_the_cli_says_so(world):
    info, _ = service.create_token(world.repo, role="viewer", name="Nasional", principal=service.local_principal())
    service.revoke_token(world.repo, info.id, principal=service.local_principal())
    entries = service.history(world.repo, element_id=info.id, principal=service.local_principal())
    assert [(e.change.action, e.change.ippd, e.via) for e in entries] == [
        ("token-revoke", "*", "cli"),
        ("token-create", "*", "cli"),
    ]


def test_token_entries_are_shown_to_the_admins_who_cover_them_only(world):
    kab_token = service.create_token(
        world.repo, role="viewer", name="kab-only", ippd=KAB, principal=service.local_principal()
    )[0].id
    national_token = service.create_token(
        world.repo, role="viewer", name="everywhere", principal=service.local_principal()
    )[0].id
    assert {kab_token, national_token} <= {e["subject"] for e in _token_entries(world, "national_admin")}
    kab_admin_sees = {e["subject"] for e in _token_entries(world, "kab_admin")}
    assert kab_token in kab_admin_sees and national_token not in kab_admin_sees
    assert all(e["ippd"] == KAB for e in _token_entries(world, "kab_admin"))
    for who in ("national_viewer", "kab_architect", "kab_viewer", "kab_opd1", "kota_architect"):
        assert _token_entries(world, who) == [], who
        assert _audit(world, who), who  # they still read the element history they cover


def test_an_admin_asking_a_token_for_an_ippd_it_cannot_see_learns_nothing(world):
    def ask(ippd: str):
        return world.client.post(
            "/v1/tokens", json={"name": "x", "role": "viewer", "ippd": ippd}, headers=world.headers("kab_admin")
        )

    _same(ask(KOTA), ask("nope"), KOTA, "nope")
    assert ask(KOTA).status_code == 403


# --- 2. no existence oracles -------------------------------------------------------------
def _dismiss(world, who: str, members: list[str]):
    body = {"members": members, "reason": "berbeda"}
    return world.client.post(f"/v1/ippds/{KAB}/redundancy/dismissals", json=body, headers=world.headers(who))


def test_a_dismissal_naming_another_ippds_application_answers_as_for_a_missing_one(world):
    existing, missing = (
        _dismiss(world, "kab_architect", ["A.001", "kota/A.001"]),
        _dismiss(world, "kab_architect", ["A.001", "kota/A.099"]),
    )
    _same(existing, missing, "kota/A.001", "kota/A.099")
    assert existing.status_code == 404 and "kota/A.001" in existing.json()["error"]["message"]
    assert "OPD" not in existing.json()["error"]["message"]


def test_a_dismissal_naming_another_opds_application_answers_as_for_a_missing_one(world):
    existing, missing = _dismiss(world, "kab_opd1", ["A.001", "A.002"]), _dismiss(world, "kab_opd1", ["A.001", "A.099"])
    _same(existing, missing, "A.002", "A.099")
    assert existing.status_code == 404
    assert _dismiss(world, "kab_viewer", ["A.001", "A.002"]).status_code == 403  # it sees both: a refusal is no news


def test_restoring_a_dismissal_the_admin_cannot_see_answers_as_for_a_missing_one(world):
    stored = service.dismiss_redundancy(
        world.repo, members=["kab/A.001", "kota/A.001"], reason="beda pemerintah", principal=service.local_principal()
    )
    url = f"/v1/ippds/{KAB}/redundancy/dismissals/"
    hidden = world.client.delete(url + str(stored.id), headers=world.headers("kab_admin"))
    missing = world.client.delete(url + "999", headers=world.headers("kab_admin"))
    _same(hidden, missing, str(stored.id), "999")
    assert hidden.status_code == 404
    assert service.redundancy_dismissals(world.repo, ippd=KAB, principal=service.local_principal())  # still there


def _link_world(world) -> None:
    for target in ("A.002", "A.099"):  # another OPD's application, and an ID nobody has
        response = world.client.post(
            f"/v1/ippds/{KAB}/plateaus/as-is/elements/A.001/links",
            json={"target": target},
            headers=world.headers("kab_admin"),
        )
        assert response.status_code == 200, response.text


def test_links_to_another_opds_element_read_as_links_to_a_missing_one(world):
    _link_world(world)
    url = f"/v1/ippds/{KAB}/plateaus/as-is/elements/A.001/links"
    whole = world.client.get(url, headers=world.headers("kab_viewer")).json()
    assert {link["other"]: link["other_kind"] for link in whole["out"]}["A.002"] == "Application"
    scoped = world.client.get(url, headers=world.headers("kab_opd1")).json()
    out = {link["other"]: link for link in scoped["out"]}
    assert {k: v for k, v in out["A.002"].items() if k != "other" and k != "object"} == {
        k: v for k, v in out["A.099"].items() if k != "other" and k != "object"
    }
    assert out["A.002"]["relation"] is None and out["A.002"]["other_kind"] is None
    assert "A.002" not in json.dumps(scoped["findings"]) and "A.099" not in json.dumps(scoped["findings"])
    incoming = world.client.get(
        f"/v1/ippds/{KAB}/plateaus/as-is/elements/L.001/links", headers=world.headers("kab_opd1")
    ).json()
    assert {link["other"] for link in incoming["in"]} == {"A.001"}


def test_the_findings_of_an_opd_token_name_no_hidden_element(world):
    _link_world(world)
    whole = world.client.get(f"/v1/ippds/{KAB}/findings", headers=world.headers("kab_viewer")).text
    assert "A.099" in whole  # the missing target is reported to whoever sees the whole IPPD
    scoped = world.client.get(f"/v1/ippds/{KAB}/findings", headers=world.headers("kab_opd1")).text
    assert "A.099" not in scoped and "A.002" not in scoped


def test_the_service_finds_a_hidden_element_missing(world):
    opd1 = service.Principal("p", service.Role.ARCHITECT, KAB, frozenset({"1"}))
    with pytest.raises(service_errors().ElementNotFound):
        service.get_element(world.repo, service.element_key(KAB, "as-is", "A.002"), principal=opd1)
    with pytest.raises(service_errors().ElementNotFound):
        service.delete_element(world.repo, service.element_key(KAB, "as-is", "A.002"), principal=opd1)
    with pytest.raises(service_errors().ElementNotFound):
        service.element_detail(world.repo, KAB, "as-is", "A.002", principal=opd1)
    assert (
        service.get_element(
            world.repo, service.element_key(KAB, "as-is", "A.002"), principal=service.local_principal()
        ).opd
        == "2"
    )


def service_errors():
    from ea_repo.core import errors

    return errors


# --- 3. the roadmap shows every initiative, and only the elements the reader may see --------
INITIATIVE = {
    "apiVersion": "ea-repo/v1",
    "kind": "Initiative",
    "metadata": {"id": "APL.1", "ippd": KAB, "name": "Aplikasi bersama"},
    "spec": {
        "muatan": "aplikasi",
        "uic": ["1", "2"],
        "years": [2025],
        "delivers": ["A.001", "A.002", "A.099"],
        "retires": ["A.002"],
    },
}


def _with_initiative(world):
    response = world.client.put(f"/v1/ippds/{KAB}/roadmap/APL.1", json=INITIATIVE, headers=world.headers("kab_admin"))
    assert response.status_code == 200, response.text


def test_an_opd_token_reads_every_initiative_but_only_its_own_elements(world):
    _with_initiative(world)
    url = f"/v1/ippds/{KAB}/roadmap"
    whole = world.client.get(url, headers=world.headers("kab_viewer")).json()["items"][0]["spec"]
    assert whole["delivers"] == ["A.001", "A.002", "A.099"] and whole["retires"] == ["A.002"]
    scoped = world.client.get(url, headers=world.headers("kab_opd1")).json()["items"]
    assert [i["metadata"]["id"] for i in scoped] == ["APL.1"]
    assert scoped[0]["spec"]["delivers"] == ["A.001"] and "retires" not in scoped[0]["spec"]
    html = world.client.get(url + "?format=html", headers=world.headers("kab_opd1")).text
    assert "Aplikasi bersama" in html and "A.002" not in html and "A.099" not in html


def test_roadmap_findings_and_drafts_of_an_opd_token_name_no_hidden_element(world):
    _with_initiative(world)
    whole = world.client.get(f"/v1/ippds/{KAB}/roadmap/findings", headers=world.headers("kab_viewer")).text
    assert "A.099" in whole  # delivers an ID the to-be lacks: reported to the whole IPPD's readers
    scoped = world.client.get(f"/v1/ippds/{KAB}/roadmap/findings", headers=world.headers("kab_opd1"))
    assert scoped.status_code == 200 and "A.002" not in scoped.text and "A.099" not in scoped.text
    opd1 = service.Principal("p", service.Role.VIEWER, KAB, frozenset({"1"}))
    drafted = service.draft_roadmap(world.repo, KAB, principal=opd1)
    assert "A.002" not in json.dumps([d.document() for d in drafted])
    facts = service.evidence_facts(world.repo, KAB, principal=opd1)
    assert [i.ids("delivers") for i in facts.initiatives] == [["A.001"]]


# --- 4. writes under an IPPD that is not registered --------------------------------------
@pytest.mark.parametrize("ippd", ["nope", "kab-€"])
def test_creating_under_an_unknown_ippd_is_404_and_writes_nothing(world, ippd):
    before = len(_audit(world, "national_admin"))
    response = world.client.post(
        f"/v1/ippds/{ippd}/elements", json=doc("Application", "A.009", opd="1"), headers=world.headers("national_admin")
    )
    assert response.status_code == 404, response.text
    assert response.json()["error"] == {"code": "not_found", "message": f"IPPD {ippd} tidak dikenal", "details": []}
    assert len(_audit(world, "national_admin")) == before
    with world.repo.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM element WHERE element_id = 'A.009'").scalar() == 0


def test_every_write_under_an_unknown_ippd_path_is_404(world):
    h = world.headers("national_admin")
    opd = {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": "1", "ippd": "nope", "name": "x"}}
    initiative = {**INITIATIVE, "metadata": {**INITIATIVE["metadata"], "ippd": "nope"}}
    responses = {
        "opd": world.client.put("/v1/ippds/nope/opds/1", json=opd, headers=h),
        "roadmap": world.client.put("/v1/ippds/nope/roadmap/APL.1", json=initiative, headers=h),
        "roadmap delete": world.client.delete("/v1/ippds/nope/roadmap/APL.1", headers=h),
        "dismissal": world.client.post(
            "/v1/ippds/nope/redundancy/dismissals", json={"members": ["A.1", "A.2"], "reason": "x"}, headers=h
        ),
    }
    for name, response in responses.items():
        assert response.status_code == 404, (name, response.text)
        assert response.json()["error"]["message"] == "IPPD nope tidak dikenal", name


def test_importing_a_file_under_an_unknown_ippd_still_works_but_editing_it_by_address_does_not(world):
    h = world.headers("national_admin")
    service.import_documents(
        world.repo, [doc("Application", "A.009", ippd="nope", opd="1")], principal=service.local_principal()
    )
    one = "/v1/ippds/nope/plateaus/as-is/elements/A.009"
    assert world.client.get(one, headers=h).status_code == 200
    response = world.client.put(one, json=doc("Application", "A.009", ippd="nope", opd="1", name="baru"), headers=h)
    assert response.status_code == 404 and response.json()["error"]["message"] == "IPPD nope tidak dikenal"
    assert world.client.delete(one, headers=h).status_code == 404


def test_another_ippd_in_the_url_is_refused_alike_whether_it_exists_or_not(world):
    from test_api_access import NOT_IPPD_DATA, cases, send

    for case in cases():
        route = case.pop("route")
        if route in NOT_IPPD_DATA or f"/v1/ippds/{KAB}" not in case["url"]:
            continue
        other = dict(case, url=case["url"].replace(f"/v1/ippds/{KAB}", "/v1/ippds/nope"))
        if "json" in case:  # the body names the IPPD of the URL too
            other["json"] = json.loads(json.dumps(case["json"]).replace(f'"{KAB}"', '"nope"'))
        existing, missing = send(world, "kota_architect", case), send(world, "kota_architect", other)
        assert existing.status_code == 403, route
        assert missing.status_code == 403, (route, missing.text)
        _same(existing, missing, KAB, "nope")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/ippds/kab/opds/{opd}",
        "/v1/ippds/kab/elements?opd={opd}",
        "/v1/ippds/kab/findings?opd={opd}",
        "/v1/ippds/kab/redundancy?opd={opd}",
        "/v1/ippds/kab/redundancy/dismissals?opd={opd}",
    ],
)
def test_another_opd_code_is_refused_alike_whether_it_exists_or_not(world, path):
    existing = world.client.get(path.format(opd="2"), headers=world.headers("kab_opd1"))
    missing = world.client.get(path.format(opd="99"), headers=world.headers("kab_opd1"))
    assert existing.status_code == 403
    _same(existing, missing, "OPD 2", "OPD 99")


def test_revoking_a_token_beyond_reach_answers_as_for_a_missing_one(world):
    kota_token = world.tokens["kota_architect"].split("_")[1]
    hidden = world.client.delete(f"/v1/tokens/{kota_token}", headers=world.headers("kab_admin"))
    missing = world.client.delete("/v1/tokens/000000000000", headers=world.headers("kab_admin"))
    _same(hidden, missing, kota_token, "000000000000")
    assert hidden.status_code == 404
    assert world.client.get("/v1/me", headers=world.headers("kota_architect")).status_code == 200


def test_an_opd_token_cannot_take_over_another_opds_element_by_import(world):
    body = dump_documents([doc("Application", "A.002", opd="1", name="diambil")])
    response = world.client.post(
        "/v1/import", content=body, headers=world.headers("kab_opd1", **{"Content-Type": "application/yaml"})
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["id"] == "A.002" and "OPD" not in response.text
    stored = service.get_element(
        world.repo, service.element_key(KAB, "as-is", "A.002"), principal=service.local_principal()
    )
    assert (stored.opd, stored.name) == ("2", "E-Arsip")
    own = dump_documents([doc("Application", "A.001", opd="1", name="SIMPEG baru", reference="RAA.01.02")])
    assert (
        world.client.post(
            "/v1/import", content=own, headers=world.headers("kab_opd1", **{"Content-Type": "application/yaml"})
        ).status_code
        == 200
    )
