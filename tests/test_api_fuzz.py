"""A property-based fuzz of the OpenAPI schema: no request makes the API answer 5xx.

Schemathesis reads the app's own /openapi.json (in process, over ASGI) and, for every operation
it lists, Hypothesis generates requests: schema-valid ones (positive) and schema-violating ones
(negative), with generated path parameters and with path parameters naming real things of the
small world (kab/kota, as-is/to-be, A.001, OPD 1, RAA.01.02, ...) so that requests get past the
404s into the service code. Every integer query parameter is also sent, as explicit examples,
values just past 64 bits (what a database integer column holds). Two passes: a national admin
token, and an architect limited to one OPD of one IPPD (the scope checks). Writes are fuzzed too;
deletes run last, so the other operations meet the world intact.

Proven: over those requests no response has a status >= 500 (an unhandled exception in the app
fails the test as well: the in-process transport re-raises it). Only this is checked, not the
responses' conformance to the schema. Runs on SQLite and, when EA_TEST_POSTGRES_URL is set, on
PostgreSQL (which refuses a NUL character in text where SQLite stores it).

Reproducible: derandomize=True and no example database, so CI runs the same examples each time.
"""

from __future__ import annotations

import traceback
from collections import Counter

import pytest
import schemathesis
from api_support import World, make_world
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from api.app import create_app
from ea_repo.core.settings import Settings

EXAMPLES_PER_OPERATION = 25
CALLERS = ["national_admin", "kab_opd1"]

# Path parameters that name things the world has; each dict is one consistent choice. No token
# IDs: the fuzz must not revoke the token it runs with.
KNOWN_PATH_PARAMETERS = [
    {
        "ippd": "kab",
        "plateau": "as-is",
        "element_id": "A.001",
        "target": "L.001",
        "opd": "1",
        "list_name": "RAA",
        "code": "RAA.01.02",
        "view": "layers",
    },
    {
        "ippd": "kab",
        "plateau": "as-is",
        "element_id": "A.002",
        "target": "D.001",
        "opd": "2",
        "list_name": "RAB",
        "code": "RAB.09",
        "view": "context",
    },
    {
        "ippd": "kab",
        "plateau": "to-be",
        "element_id": "A.001",
        "target": "L.001",
        "opd": "1",
        "list_name": "RAL",
        "code": "01",
        "view": "diff",
    },
    {
        "ippd": "kota",
        "plateau": "as-is",
        "element_id": "A.001",
        "target": "A.001",
        "opd": "1",
        "list_name": "RAI",
        "code": "RAI.01",
        "view": "opds",
    },
]
EDGE_INTEGERS = [2**63, -(2**63) - 1, 2**64]  # just past a signed 64-bit column; random draws rarely go there

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@pytest.fixture
def world(repo) -> World:
    """A fresh repository (SQLite, and PostgreSQL in CI: it refuses NUL in text) with the small world."""
    return make_world(repo)


def load_schema(world: World):
    app = create_app(Settings(), repository=world.repo)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def operations_in_run_order(schema) -> list:
    """Every operation; deletes last (element deletes at the very end)."""

    def deletes_last(operation) -> tuple[bool, bool]:
        deletes = operation.method.upper() == "DELETE"
        return deletes, deletes and operation.path.endswith("{element_id}")

    return sorted((result.ok() for result in schema.get_all_operations()), key=deletes_last)


# --- what is generated ------------------------------------------------------------------
def known_path_parameters(operation) -> list[dict[str, str]]:
    names = [p.name for p in operation.path_parameters]
    if not names:
        return []
    return [
        {name: choice[name] for name in names}
        for choice in KNOWN_PATH_PARAMETERS
        if all(name in choice for name in names)
    ]


def _has_inputs(operation) -> bool:
    return bool(operation.path_parameters or operation.query or operation.headers or operation.body)


def case_strategy(operation) -> st.SearchStrategy:
    """Positive and (where there is something to violate) negative cases, with generated and with known path
    parameters."""
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE] if _has_inputs(operation) else [GenerationMode.POSITIVE]
    strategies = [operation.as_strategy(mode) for mode in modes]
    strategies += [
        operation.as_strategy(mode, path_parameters=path) for mode in modes for path in known_path_parameters(operation)
    ]
    return st.one_of(strategies)


def _accepts_integer(schema: dict) -> bool:
    return schema.get("type") == "integer" or any(option.get("type") == "integer" for option in schema.get("anyOf", []))


def edge_value_cases(operation) -> list:
    """One explicit case per integer query parameter and edge integer (path parameters from the world)."""
    path = (known_path_parameters(operation) or [None])[0]
    names = [p.name for p in operation.query if _accepts_integer(p.definition.get("schema", {}))]
    return [operation.Case(path_parameters=path, query={name: value}) for name in names for value in EDGE_INTEGERS]


# --- running it -------------------------------------------------------------------------
def fuzz_operation(operation, headers: dict[str, str], statuses: Counter) -> None:
    """Run the operation's explicit and generated cases; raises (after shrinking) on a status >= 500."""

    def no_server_error(case) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (
            f"{response.status_code} {response.text[:500]}\nReproduce with: {case.as_curl_command(headers=headers)}"
        )

    test = given(case=case_strategy(operation))(no_server_error)
    for case in edge_value_cases(operation):
        test = example(case=case)(test)
    FUZZ_SETTINGS(test)()


def _describe(operation, error: BaseException) -> str:
    return f"{operation.label}:\n" + "".join(traceback.format_exception_only(error))


def _summary(statuses: dict[str, Counter]) -> str:
    return "\n".join(f"  {label}: {dict(sorted(counts.items()))}" for label, counts in statuses.items())


@pytest.mark.parametrize("caller", CALLERS)
def test_no_operation_answers_a_server_error(world: World, caller: str):
    headers = world.headers(caller)
    statuses: dict[str, Counter] = {}
    failures: list[str] = []
    for operation in operations_in_run_order(load_schema(world)):
        statuses[operation.label] = Counter()
        try:
            fuzz_operation(operation, headers, statuses[operation.label])
        except Exception as error:  # noqa: BLE001 - report every operation's failure, not only the first
            failures.append(_describe(operation, error))
    print(f"\nstatuses per operation ({caller}):\n{_summary(statuses)}")
    assert not failures, "\n\n".join(failures)
    assert all(sum(counts.values()) > 0 for counts in statuses.values()), _summary(statuses)
