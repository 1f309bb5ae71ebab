"""What one document may hold (metamodel `limits:`), refused alike by every route, and writers that stay in their
folder.

Each hostile value goes through YAML, CSV, the JSON API and, where a workbook can carry it, XLSX:
every route must refuse it with the field named and write nothing. Then the writers: a stored IPPD
code that would lead an export out of its folder is refused before anything is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from api_support import make_world
from helpers import doc, organisation, write_yaml
from typer.testing import CliRunner

from cli import app
from ea_repo import service
from ea_repo.catalog.elements import ElementRow
from ea_repo.catalog.limits import document_problems, json_documents
from ea_repo.core.errors import ImportRejected, Refused
from ea_repo.core.paths import path_inside
from ea_repo.storage import store
from ea_repo.storage.db import atomic
from metamodel import load_metamodel

LIMITS = load_metamodel().limits


def _application(**metadata) -> dict:
    document = doc("Application", "A.009", name="SIMPEG", opd="1", reference="RAA.01.02")
    document["metadata"].update(metadata)
    return document


def _rejected_fields(repo, documents: list[dict]) -> set[str]:
    with pytest.raises(ImportRejected) as caught:
        service.import_documents(repo, documents, name="uji", principal=service.local_principal())
    return {p.field for p in caught.value.problems}


def _element_count(repo) -> int:
    return len(service.list_elements(repo, principal=service.local_principal()))


# --- the reader: characters, lengths, numbers, nesting ------------------------------------------
HOSTILE_METADATA = [
    pytest.param({"name": "SIM\x1b[31mPEG"}, "metadata.name", id="escape-in-name"),
    pytest.param({"name": "bel\x07"}, "metadata.name", id="bel-in-name"),
    pytest.param({"name": "x\ud800y"}, "metadata.name", id="lone-surrogate"),
    pytest.param({"name": "n" * (LIMITS.name_chars + 1)}, "metadata.name", id="name-too-long"),
    pytest.param({"opd": "1" * (LIMITS.code_chars + 1)}, "metadata.opd", id="code-too-long"),
    pytest.param({"opd": "1\n2"}, "metadata.opd", id="line-break-in-code"),
    pytest.param({"labels": {"k\x1b": "v"}}, "metadata.labels.k\x1b", id="escape-in-label-key"),
    pytest.param({"annotations": {"asal": "\x85"}}, "metadata.annotations.asal", id="c1-control"),
]


@pytest.mark.parametrize("metadata, field", HOSTILE_METADATA)
def test_hostile_metadata_is_refused_with_its_field(repo, metadata, field):
    service.import_documents(repo, organisation(), name="org", principal=service.local_principal())
    assert field in _rejected_fields(repo, [_application(**metadata)])
    assert _element_count(repo) == 0


@pytest.mark.parametrize(
    "spec, field",
    [
        pytest.param({"description": "d" * (LIMITS.text_chars + 1)}, "spec.description", id="text-too-long"),
        pytest.param({"description": "baris\x00"}, "spec.description", id="nul"),
        pytest.param({"related": ["A.001"] * (LIMITS.list_items + 1)}, "spec.related", id="list-too-long"),
        pytest.param({"user_count": float("nan")}, "spec.user_count", id="nan"),
        pytest.param({"user_count": float("inf")}, "spec.user_count", id="infinity"),
        pytest.param({"user_count": "nan"}, "spec.user_count", id="nan-as-text"),
        pytest.param({"user_count": "1e400"}, "spec.user_count", id="overflow-as-text"),
        pytest.param({"user_count": 2**80}, "spec.user_count", id="huge-integer"),
    ],
)
def test_hostile_spec_values_are_refused(repo, spec, field):
    document = _application()
    document["spec"].update(spec)
    assert field in _rejected_fields(repo, [document])


def test_text_may_hold_line_breaks_and_tabs_and_a_name_is_made_one_line(repo):
    document = _application(name="Sistem Informasi\nKepegawaian\t(SIMPEG)")
    document["spec"]["description"] = "baris satu\r\nbaris dua\tdengan tab; emoji 🙂 dan aksara ꦗꦮ"
    service.import_documents(repo, organisation() + [document], name="uji", principal=service.local_principal())
    row = service.get_element(repo, ("kab", "as-is", "A.009"), principal=service.local_principal())
    assert row.name == "Sistem Informasi Kepegawaian (SIMPEG)"
    assert row.spec["description"] == document["spec"]["description"]


def test_nesting_is_bounded_without_recursion():
    deep: object = "x"
    for _ in range(5000):  # far deeper than Python's recursion limit: the walk must be iterative
        deep = [deep]
    problems = document_problems({"spec": {"description": deep}})
    assert problems and problems[0][1].key == "too_deep"


def test_a_json_body_nested_past_the_decoder_is_a_rejection_not_a_crash():
    with pytest.raises(ImportRejected) as caught:
        json_documents(b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
    assert caught.value.problems[0].message.key == "too_deep"


def test_problems_are_capped_for_a_document_full_of_them(repo):
    document = _application(labels={f"k{i}\x1b": "v" for i in range(500)})
    with pytest.raises(ImportRejected) as caught:
        service.import_documents(repo, [document], name="uji", principal=service.local_principal())
    assert 1 <= len(caught.value.problems) <= 20


# --- the IPPD code: where it enters, every route ------------------------------------------------
HOSTILE_IPPDS = [
    "/abs/path",
    "../../../x",
    "kab/../../x",
    "kab\nx",
    "kab\x1b",
    "kab\u2215x",
    "kab\uff0ex",
    "..",
    ".hidden",
    "C:\\x",
    "kab x",
    "k" * 65,
]


@pytest.mark.parametrize("ippd", HOSTILE_IPPDS)
def test_an_element_organisation_or_initiative_with_a_hostile_ippd_is_refused(repo, ippd):
    opd = {"apiVersion": "ea-repo/v1", "kind": "OPD", "metadata": {"id": "1", "name": "OPD 1", "ippd": ippd}}
    initiative = {
        "apiVersion": "ea-repo/v1",
        "kind": "Initiative",
        "metadata": {"id": "A.1", "name": "Inisiatif", "ippd": ippd},
        "spec": {"muatan": "aplikasi"},
    }
    ippd_document = {"apiVersion": "ea-repo/v1", "kind": "IPPD", "metadata": {"id": ippd, "name": "X"}}
    for document in (_application(ippd=ippd), opd, initiative, ippd_document):
        fields = _rejected_fields(repo, [document])
        assert fields & {"metadata.ippd", "metadata.id"}, (document["kind"], fields)
    assert _element_count(repo) == 0


def test_a_csv_row_with_a_hostile_ippd_is_refused(repo, tmp_path):
    (tmp_path / "aplikasi.csv").write_text(
        "ID;Nama Aplikasi;Kode OPD;IPPD\nA.001;SIMPEG;1;../../../tmp/x\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [tmp_path / "aplikasi.csv"], principal=service.local_principal())
    problem = caught.value.problems[0]
    assert problem.message.key == "ippd_code" and problem.line == 2 and "Kode IPPD" in problem.field


def test_an_xlsx_name_over_the_limit_is_refused_with_sheet_and_row(repo, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Aplikasi"
    sheet.append(["ID", "Nama Aplikasi", "Kode OPD", "IPPD"])
    sheet.append(["A.001", "n" * (LIMITS.name_chars + 1), "1", "kab"])
    book.save(tmp_path / "katalog.xlsx")
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [tmp_path / "katalog.xlsx"], principal=service.local_principal())
    problem = caught.value.problems[0]
    assert "Aplikasi" in problem.path and problem.line == 2 and problem.message.key == "text_too_long"


# --- the API refuses alike, and answers no 5xx ---------------------------------------------------
@pytest.fixture
def world(repo):
    return make_world(repo)


@pytest.mark.parametrize(
    "metadata, field", HOSTILE_METADATA[:4] + [pytest.param({"ippd": "../../x"}, "metadata.ippd", id="ippd")]
)
def test_the_api_refuses_hostile_documents_with_the_field(world, metadata, field):
    body = _application(**metadata)
    response = world.client.post(
        "/v1/import",
        headers=world.headers("national_admin") | {"Content-Type": "application/json"},
        content=json.dumps([body]),
    )
    assert response.status_code == 422, response.text
    assert field in {d["field"] for d in response.json()["error"]["details"]}


def test_the_api_refuses_nan_in_a_number_and_keeps_serving(world):
    body = _application()
    body["metadata"]["ippd"] = "kab"
    body["spec"]["user_count"] = float("nan")
    headers = world.headers("national_admin") | {"Content-Type": "application/json"}
    response = world.client.post("/v1/ippds/kab/elements", headers=headers, content=json.dumps(body))  # json writes NaN
    assert response.status_code == 422
    assert world.client.get("/v1/ippds/kab/elements", headers=world.headers("national_admin")).status_code == 200


def test_a_json_import_nested_a_thousand_deep_is_422(world):
    body = b'{"a":' * 1000 + b"1" + b"}" * 1000
    response = world.client.post(
        "/v1/import", headers=world.headers("national_admin") | {"Content-Type": "application/json"}, content=body
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_document"


def test_an_if_match_of_thousands_of_digits_is_400_and_not_echoed_whole(world):
    headers = world.headers("national_admin")
    current = world.client.get("/v1/ippds/kab/plateaus/as-is/elements/A.001", headers=headers).json()
    response = world.client.put(
        "/v1/ippds/kab/plateaus/as-is/elements/A.001",
        json=current,
        headers=headers | {"If-Match": '"' + "9" * 4300 + '"'},
    )
    assert response.status_code == 400
    assert len(response.text) < 1000


# --- writers stay in their folder ---------------------------------------------------------------
@pytest.mark.parametrize(
    "relative",
    [
        "/etc/passwd",
        "../x.yaml",
        "a/../../x",
        "kab\x1b/x",
        "kab\u2215x/y",
        "kab\uff0e\uff0e/y",
        "C:\\x",
        "",
        "kab\n/x",
        ".",
    ],
)
def test_path_inside_refuses_every_way_out(tmp_path, relative):
    with pytest.raises(Refused):
        path_inside(tmp_path, relative)


def test_path_inside_refuses_a_symbolic_link_that_leads_out(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "kab")
    with pytest.raises(Refused):
        path_inside(tmp_path / "out", "kab/organisasi.yaml")
    assert (
        path_inside(tmp_path / "out", "kab-2/as-is/application.yaml")
        == tmp_path / "out" / "kab-2" / "as-is" / "application.yaml"
    )


def _store_raw(repo, ippd: str) -> None:
    """An element whose IPPD code was stored before the code rule existed (or restored from elsewhere)."""
    row = ElementRow(ippd, "as-is", "A.001", "Application", "Lama", "1", (), {}, {}, {}, ())
    with atomic(repo.engine) as conn:
        store.insert_element(conn, row)


@pytest.mark.parametrize("ippd", ["../../escaped", "/tmp/absolute-ea-export"])
def test_export_refuses_a_stored_ippd_that_would_leave_the_folder_and_writes_nothing(repo, tmp_path, ippd):
    service.import_documents(
        repo,
        organisation() + [doc("Application", "A.001", name="SIMPEG")],
        name="uji",
        principal=service.local_principal(),
    )
    _store_raw(repo, ippd)
    target = tmp_path / "a" / "b" / "out"
    with pytest.raises(Refused):
        service.export_catalog(repo, target, principal=service.local_principal())
    assert not target.exists() and not (tmp_path / "escaped").exists() and not Path("/tmp/absolute-ea-export").exists()


def test_export_of_well_formed_codes_still_round_trips(repo, tmp_path):
    service.import_documents(
        repo,
        organisation() + [doc("Application", "A.001", name="SIMPEG")],
        name="uji",
        principal=service.local_principal(),
    )
    result = service.export_catalog(repo, tmp_path / "out", principal=service.local_principal())
    assert all(path.resolve().is_relative_to((tmp_path / "out").resolve()) for path in result.files)
    assert (tmp_path / "out" / "kab" / "as-is" / "application.yaml").exists()


# --- the CLI: hostile files and databases end in a message, never a traceback -------------------
def _hostile_workbook(tmp_path: Path, doctype: str, entity: str) -> Path:
    """A workbook whose sheet XML declares entities: an external one (XXE) or a billion laughs."""
    import zipfile

    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["ID", "Nama Aplikasi"])
    book.save(plain)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = data.decode().split("?>", 1)[-1]  # without its XML declaration, if it has one
                text = text.replace(
                    "</sheetData>", f'<row r="9"><c r="A9" t="inlineStr"><is><t>{entity}</t></is></c></row></sheetData>'
                )
                data = f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}{text}'.encode()
            target.writestr(name, data)
    return hostile


@pytest.mark.parametrize(
    "doctype, entity",
    [
        ('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
        (
            '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + "]>",
            "&i;",
        ),
    ],
    ids=["external-entity", "entity-bomb"],
)
def test_import_of_a_workbook_with_xml_entities_is_refused_cleanly(tmp_path, doctype, entity):
    hostile = _hostile_workbook(tmp_path, doctype, entity)
    result = CliRunner().invoke(app, ["import", "--dry-run", str(hostile)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "root:" not in result.output  # nothing of /etc/passwd


def test_init_and_check_on_a_file_that_is_not_a_database_say_so(tmp_path):
    not_a_database = tmp_path / "ea.db"
    not_a_database.write_text("bukan basis data\n")
    for command in (["init"], ["check"]):
        result = CliRunner().invoke(app, ["--db", str(not_a_database), *command])
        assert result.exit_code == 2, result.output
        assert isinstance(result.exception, SystemExit)
        assert "tidak bisa dipakai" in result.output


def test_a_yaml_file_with_hostile_values_is_refused_with_file_and_line(repo, tmp_path):
    path = write_yaml(tmp_path / "katalog.yaml", organisation() + [_application(name="a\x1bb")])
    text = path.read_text(encoding="utf-8")
    assert "\\e" in text or "\\x1b" in text or "\x1b" in text
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [path], principal=service.local_principal())
    problem = next(p for p in caught.value.problems if p.field == "metadata.name")
    assert problem.line is not None and problem.message.key == "bad_character"
    assert yaml.safe_load_all(text)  # the file itself is valid YAML: the reader, not the parser, refused it


def test_the_security_page_states_the_limits_the_metamodel_sets():
    page = (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    for value in (LIMITS.code_chars, LIMITS.name_chars, LIMITS.text_chars, LIMITS.list_items, LIMITS.nesting):
        assert f"{value:,}" in page, value
    assert f"{LIMITS.number_abs:,}" in page


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_assessment_date_beyond_any_plan_is_400_not_500(world, day):
    response = world.client.get("/v1/ippds/kab/evidence", params={"date": day}, headers=world.headers("national_admin"))
    assert response.status_code == 400
    assert day in response.json()["error"]["message"]


@pytest.mark.parametrize("ippd", ["kab%1b", "kab%0d%0aSet-Cookie:x", "kab%E2%82%AC"])
def test_a_roadmap_workbook_for_a_hostile_ippd_in_the_path_is_no_server_error(world, ippd):
    response = world.client.get(
        f"/v1/ippds/{ippd}/roadmap", params={"format": "xlsx"}, headers=world.headers("national_admin")
    )
    assert response.status_code < 500
    assert "set-cookie" not in {name.lower() for name in response.headers}
