"""Import: every refusal names file, line and field; all or nothing; idempotent re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import doc, organisation, write_yaml

from ea_repo import service
from ea_repo.core.errors import ImportRejected


def rejected(repo, path: Path, **options) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        service.import_paths(repo, [path], **{"principal": service.local_principal(), **options})
    return [str(p) for p in caught.value.problems]


def count(repo) -> int:
    return len(service.list_elements(repo, principal=service.local_principal()))


def test_a_valid_catalogue_imports(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", organisation() + [doc("Application", "A.001", reference="RAA.01.02")])
    result = service.import_paths(repo, [path], principal=service.local_principal())
    assert sum(result.summary.created.values()) == 1
    assert [r.element_id for r in service.list_elements(repo, principal=service.local_principal())] == ["A.001"]


def test_wrong_type_names_file_line_kind_id_and_field(repo, tmp_path):
    text = (
        "apiVersion: ea-repo/v1\nkind: Server\nmetadata:\n  id: I.PKS.003\n  ippd: kab\n"
        "spec:\n  owner: DISKOMINFO\n  memory_gb: 32GB\n"
    )
    path = tmp_path / "servers.yaml"
    path.write_text(text)
    assert rejected(repo, path) == [
        f"{path}:8: Server I.PKS.003 .spec.memory_gb: expected a number (digits only, e.g. 32 or 2.5), got '32GB'"
    ]


def test_unknown_kind_lists_the_known_ones(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Aplikasi", "A.1")])
    [problem] = rejected(repo, path)
    assert problem.startswith(f"{path}:1: .kind: unknown kind 'Aplikasi'; expected one of: IPPD, OPD, BusinessProcess")


def test_unknown_field_says_which_fields_exist(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Application", "A.1", nama_aplikasi="x")])
    [problem] = rejected(repo, path)
    assert ".spec.nama_aplikasi: unknown field; Application spec allows: category, description" in problem


def test_malformed_id_and_bad_plateau_are_refused_with_the_expected_shape(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Application", "APP-1", plateau="nanti")])
    problems = rejected(repo, path)
    assert any(".metadata.id: expected an ID like A.001, got 'APP-1'" in p for p in problems)
    assert any(".metadata.plateau: expected as-is, to-be or a year such as 2024, got 'nanti'" in p for p in problems)


def test_garbage_in_a_link_list_is_refused(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Application", "A.1", related="L.1, lihat lampiran")])
    [problem] = rejected(repo, path)
    assert ".spec.related: expected element IDs such as A.001, got 'LIHAT LAMPIRAN'" in problem


def test_unparseable_reference_code_is_refused(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Application", "A.1", reference="Aplikasi Umum")])
    [problem] = rejected(repo, path)
    assert ".spec.reference: no reference code in 'Aplikasi Umum'" in problem


def test_duplicate_ids_in_one_run_name_both_places(repo, tmp_path):
    write_yaml(tmp_path / "cat" / "a.yaml", [doc("Application", "A.1")])
    write_yaml(tmp_path / "cat" / "b.yaml", [doc("Application", "A.1", name="Lain")])
    [problem] = rejected(repo, tmp_path / "cat")
    assert (
        problem
        == f"{tmp_path / 'cat' / 'b.yaml'}:1: .metadata.id: duplicate: Application A.1 in plateau as-is is already "
        f"defined at {tmp_path / 'cat' / 'a.yaml'}:1"
    )


def test_the_same_id_in_two_plateaus_is_one_element_evolving(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", [doc("Application", "A.1"), doc("Application", "A.1", plateau="to-be")])
    service.import_paths(repo, [path], principal=service.local_principal())
    assert [(r.element_id, r.plateau) for r in service.list_elements(repo, principal=service.local_principal())] == [
        ("A.1", "as-is"),
        ("A.1", "to-be"),
    ]


def test_every_problem_is_reported_and_nothing_is_written(repo, tmp_path):
    write_yaml(tmp_path / "cat" / "a.yaml", organisation() + [doc("Application", "A.1"), doc("Data", "X.1")])
    write_yaml(tmp_path / "cat" / "b.yaml", [doc("Server", "I.PKS.1", memory_gb="banyak")])
    problems = rejected(repo, tmp_path / "cat")
    assert len(problems) == 2
    assert count(repo) == 0
    assert service.organisations(repo, principal=service.local_principal()) == []


def test_invalid_yaml_syntax_gives_the_line(repo, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("apiVersion: ea-repo/v1\nkind: Application\nmetadata: {id: A.1, ippd: kab\nspec: {}\n")
    [problem] = rejected(repo, path)
    assert problem.startswith(f"{path}:") and "invalid YAML" in problem


def test_yaml_bomb_is_refused(repo, tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    [problem] = rejected(repo, path)
    assert "anchors and aliases" in problem


def test_huge_file_is_refused_before_parsing(repo, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 3000 + "\n")
    [problem] = rejected(repo, path, max_file_bytes=1024)
    assert "the limit is" in problem and "MiB" in problem


def test_non_utf8_and_non_mapping_documents_are_refused(repo, tmp_path):
    (tmp_path / "latin1.yaml").write_bytes("name: Dinas Pendidikan dan Kebudayaan \xe9\n".encode("latin-1"))
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    problems = rejected(repo, tmp_path)
    assert any("not UTF-8" in p for p in problems) and any("expected a mapping" in p for p in problems)


def test_missing_path_is_reported(repo, tmp_path):
    assert rejected(repo, tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such file or folder"]


def test_codes_keep_their_leading_zeros_and_yes_no_words_stay_text(repo, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        "apiVersion: ea-repo/v1\nkind: Application\nmetadata: {id: A.001, ippd: kab, opd: 014, name: no}\n"
        "spec: {description: on}\n"
    )
    service.import_paths(repo, [path], principal=service.local_principal())
    [row] = service.list_elements(repo, principal=service.local_principal())
    assert (row.opd, row.name, row.spec["description"]) == ("014", "no", "on")


def test_indonesian_booleans_and_numbers_are_converted(repo, tmp_path):
    path = write_yaml(
        tmp_path / "c.yaml", [doc("Data", "D.1", interoperable="Ya"), doc("Server", "I.PKS.1", memory_gb="32")]
    )
    service.import_paths(repo, [path], principal=service.local_principal())
    rows = {r.element_id: r for r in service.list_elements(repo, principal=service.local_principal())}
    assert rows["D.1"].spec["interoperable"] is True and rows["I.PKS.1"].spec["memory_gb"] == 32


def test_id_variants_are_normalised_to_the_national_spelling(repo, tmp_path):
    path = write_yaml(
        tmp_path / "c.yaml",
        [doc("Server", "i.pks.003 "), doc("SecurityDevice", "K.PKK.001", related="I.PKS.003 , I.PKS.006")],
    )
    service.import_paths(repo, [path], principal=service.local_principal())
    rows = {r.element_id: r for r in service.list_elements(repo, principal=service.local_principal())}
    assert set(rows) == {"I.PKS.003", "K.PKK.001"}
    assert rows["K.PKK.001"].links == (("related", "I.PKS.003"), ("related", "I.PKS.006"))


def test_reimport_is_idempotent_and_updates_in_place(repo, tmp_path):
    path = write_yaml(tmp_path / "c.yaml", organisation() + [doc("Application", "A.1", services=["L.1"], data=["D.1"])])
    first = service.import_paths(repo, [path], principal=service.local_principal())
    again = service.import_paths(repo, [path], principal=service.local_principal())
    assert sum(first.summary.created.values()) == 1 and sum(again.summary.unchanged.values()) == 1
    write_yaml(path, organisation() + [doc("Application", "A.1", name="Baru", services=["L.2"])])
    changed = service.import_paths(repo, [path], principal=service.local_principal())
    assert sum(changed.summary.updated.values()) == 1
    [row] = service.list_elements(repo, principal=service.local_principal())
    assert row.name == "Baru" and row.links == (("services", "L.2"),)
    assert len(service.organisations(repo, principal=service.local_principal())) == 2


def test_import_text_uses_the_same_rules(repo):
    from ea_repo.core.errors import ImportRejected

    with pytest.raises(ImportRejected) as caught:
        service.import_text(
            repo,
            "apiVersion: ea-repo/v1\nkind: Data\nmetadata: {id: D.x, ippd: kab}\n",
            name="upload",
            principal=service.local_principal(),
        )
    assert str(caught.value.problems[0]).startswith("upload:3: Data D.x .metadata.id")
