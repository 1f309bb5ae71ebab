"""The service layer is the one door: one calling convention, a caller named on every call, errors that speak of
parameters (not of the CLI's flags) in both languages."""

from __future__ import annotations

import inspect

import pytest

from ea_repo import service
from ea_repo.core.errors import ConfigError, ElementNotFound, ImportRejected, InputRejected, NotFound, ScoresRejected
from ea_repo.core.i18n import Message

NO_CALLER = {"authenticate", "sign_in", "session_principal", "sign_out"}  # how a caller is found: none to give


def door_functions():
    return [(name, getattr(service, name)) for name in service.__all__ if inspect.isfunction(getattr(service, name))]


def test_every_function_that_takes_a_repository_takes_it_first_and_a_required_keyword_only_principal():
    wrong = []
    for name, function in door_functions():
        parameters = inspect.signature(function).parameters
        if name in NO_CALLER or "repo" not in parameters:
            continue
        first = next(iter(parameters))
        principal = parameters.get("principal")
        if first not in ("repo", "url"):
            wrong.append(f"{name}: first parameter {first}")
        if principal is None or principal.kind is not inspect.Parameter.KEYWORD_ONLY:
            wrong.append(f"{name}: no keyword-only principal")
        elif principal.default is not inspect.Parameter.empty:
            wrong.append(f"{name}: principal has a default")
    assert wrong == []
    assert len(door_functions()) > 60  # the walk sees the door, not an empty list


def test_functions_without_a_caller_take_no_repository():
    for name, function in door_functions():
        parameters = inspect.signature(function).parameters
        if "principal" not in parameters and name not in NO_CALLER:
            assert "repo" not in parameters, name


def test_every_name_in_all_exists():
    assert [name for name in service.__all__ if not hasattr(service, name)] == []


def test_a_call_without_the_caller_is_a_type_error(repo):
    with pytest.raises(TypeError, match="principal"):
        service.list_elements(repo)
    with pytest.raises(TypeError, match="principal"):
        service.roadmap(repo, "kab")


def test_element_not_found_is_a_not_found_and_scores_join_the_input_family():
    assert issubclass(ElementNotFound, NotFound)
    assert issubclass(ScoresRejected, InputRejected) and issubclass(ImportRejected, InputRejected)
    assert ElementNotFound("A.001").render("id") == "Elemen A.001 tidak ditemukan"


def test_service_errors_name_parameters_not_flags(repo):
    """What the API's users read names the parameter; the CLI's flags are the CLI's business."""
    local = service.local_principal()
    raised = []
    for call in (
        lambda: service.create_token(repo, role="architect", name="x", principal=local),  # no IPPD in the repository
        lambda: service.redundancy_report(repo, scope="national", opd="1", principal=local),
        lambda: service.redundancy_dismissals(repo, opd="1", principal=local),
        lambda: service.dismiss_redundancy(repo, members=["A.1", "A.2"], reason="", principal=local),
    ):
        with pytest.raises(ConfigError) as caught:
            call()
        raised.append(caught.value)
    for error in raised:
        for lang in ("id", "en"):
            for text in error.render(lang):
                assert "--" not in text, text
    for key in ("name_the_ippd", "architect_needs_ippd", "opd_needs_ippd"):
        for lang in ("id", "en"):
            assert "--" not in Message(key, count=2, codes="a, b").render(lang), key


@pytest.fixture
def repo(tmp_path):
    repository, _ = service.init_repository(f"sqlite:///{tmp_path / 'ea.db'}")
    yield repository
    repository.engine.dispose()
