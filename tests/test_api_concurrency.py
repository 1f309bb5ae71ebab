"""Twenty clients writing at once over a real uvicorn server on 127.0.0.1.

Ten clients do read-modify-write on the same element (kab, as-is, A.001): each reads it, adds
its own marker label, and PUTs it back with `If-Match` set to the ETag it read, re-reading on
412, until it has a fixed number of accepted writes. Ten other clients each create an element
of their own and update it as many times. All twenty start together (a barrier) and each keeps
one keep-alive connection.

Proven, on SQLite and (when EA_TEST_POSTGRES_URL is set) PostgreSQL:
- no response is a 5xx;
- no lost update: the shared element's final labels hold every marker whose write was accepted,
  and its version is 1 + the number of accepted writes (each accepted write got its own version);
- an element nobody else writes is never refused (no 412) and ends at 1 + its updates;
- the audit log has exactly one entry per accepted write, with that write's version and marker;
- the test really contended: the shared element refused stale writes with 412.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import pytest
import uvicorn
from api_support import KAB, World, make_world
from helpers import doc

from api.app import create_app
from ea_repo.core.settings import Settings

SHARED_ID = "A.001"
SHARED_WRITERS = 10
OWN_WRITERS = 10
WRITES_PER_CLIENT = 5
MAX_ATTEMPTS_PER_WRITE = 200  # a shared writer gives up (and the test fails) after this many 412s in a row
SHARED_TOKEN = "kab_architect"  # the whole IPPD
OWN_TOKEN = "kab_opd1"  # OPD 1 only: the own elements are in OPD 1
REQUEST_TIMEOUT_S = 60.0
START_TIMEOUT_S = 20.0


def element_path(element_id: str, *, ippd: str = KAB, plateau: str = "as-is") -> str:
    return f"/v1/ippds/{ippd}/plateaus/{plateau}/elements/{element_id}"


def own_element_id(index: int) -> str:
    return f"A.{101 + index}"


# --- the server -------------------------------------------------------------------------
class _SignallingServer(uvicorn.Server):
    """A uvicorn server that sets an event once it listens (no polling for `started`)."""

    def __init__(self, config: uvicorn.Config):
        super().__init__(config)
        self.listening = threading.Event()

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        self.listening.set()


def _run_until_exit(server: _SignallingServer) -> None:
    try:
        server.run()
    finally:
        server.listening.set()  # a failed start must not leave the fixture waiting


@pytest.fixture
def world(repo) -> World:
    return make_world(repo)


@pytest.fixture
def base_url(world: World) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, on a port the OS picks; stopped after the test."""
    config = uvicorn.Config(
        create_app(Settings(), repository=world.repo),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        lifespan="off",
        access_log=False,
    )
    server = _SignallingServer(config)
    thread = threading.Thread(target=_run_until_exit, args=(server,), name="uvicorn", daemon=True)
    thread.start()
    assert server.listening.wait(START_TIMEOUT_S) and server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(START_TIMEOUT_S)
    assert not thread.is_alive(), "uvicorn did not stop"


# --- what the clients record ------------------------------------------------------------
@dataclass
class Log:
    """Every response any client got, shared by the threads (list.append is atomic)."""

    responses: list[tuple[str, str, int, str]] = field(default_factory=list)  # method, path, status, body

    def record(self, response: httpx.Response) -> httpx.Response:
        self.responses.append(
            (response.request.method, response.request.url.path, response.status_code, response.text[:500])
        )
        return response

    def server_errors(self) -> list[tuple[str, str, int, str]]:
        return [r for r in self.responses if r[2] >= 500]


@dataclass
class WriterResult:
    element_id: str
    accepted: list[tuple[str, int]] = field(default_factory=list)  # (marker, version the write produced)
    conflicts: int = 0  # 412s
    created: bool = False


def _unexpected(response: httpx.Response) -> AssertionError:
    return AssertionError(
        f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text[:500]}"
    )


# --- the clients ------------------------------------------------------------------------
def _read(client: httpx.Client, log: Log, element_id: str) -> tuple[dict, str]:
    response = log.record(client.get(element_path(element_id)))
    if response.status_code != 200:
        raise _unexpected(response)
    return response.json(), response.headers["ETag"]


def _with_marker(document: dict, marker: str) -> dict:
    metadata = document["metadata"]
    return {**document, "metadata": {**metadata, "labels": {**metadata.get("labels", {}), marker: "1"}}}


def _write_once(client: httpx.Client, log: Log, result: WriterResult, marker: str) -> None:
    """Read, add the marker, PUT with If-Match; on 412 read again. Records the accepted version."""
    for _attempt in range(MAX_ATTEMPTS_PER_WRITE):
        document, etag = _read(client, log, result.element_id)
        response = log.record(
            client.put(element_path(result.element_id), json=_with_marker(document, marker), headers={"If-Match": etag})
        )
        if response.status_code == 200:
            result.accepted.append((marker, response.json()["metadata"]["version"]))
            return
        if response.status_code != 412:
            raise _unexpected(response)
        result.conflicts += 1
    raise AssertionError(f"{marker}: still refused after {MAX_ATTEMPTS_PER_WRITE} attempts")


def _create(client: httpx.Client, log: Log, result: WriterResult) -> None:
    document = doc("Application", result.element_id, name=f"Aplikasi {result.element_id}", opd="1")
    response = log.record(client.post(f"/v1/ippds/{KAB}/elements", json=document))
    if response.status_code != 201:
        raise _unexpected(response)
    result.created = True


def shared_writer(client: httpx.Client, log: Log, start: threading.Barrier, number: int) -> WriterResult:
    result = WriterResult(SHARED_ID)
    start.wait()
    for write in range(WRITES_PER_CLIENT):
        _write_once(client, log, result, f"shared-{number}-{write}")
    return result


def own_writer(client: httpx.Client, log: Log, start: threading.Barrier, number: int) -> WriterResult:
    result = WriterResult(own_element_id(number))
    start.wait()
    _create(client, log, result)
    for write in range(WRITES_PER_CLIENT):
        _write_once(client, log, result, f"own-{number}-{write}")
    return result


Writer = Callable[[httpx.Client, Log, threading.Barrier, int], WriterResult]


def _run_client(
    base_url: str, token: str, writer: Writer, log: Log, start: threading.Barrier, number: int
) -> WriterResult:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(
        base_url=base_url, headers=headers, timeout=REQUEST_TIMEOUT_S
    ) as client:  # one keep-alive connection
        return writer(client, log, start, number)


def run_clients(base_url: str, world: World, log: Log) -> tuple[list[WriterResult], list[WriterResult]]:
    """All twenty clients, released together by a barrier; a client's exception fails the test."""
    start = threading.Barrier(SHARED_WRITERS + OWN_WRITERS, timeout=START_TIMEOUT_S)
    with ThreadPoolExecutor(max_workers=SHARED_WRITERS + OWN_WRITERS) as pool:
        shared = [
            pool.submit(_run_client, base_url, world.tokens[SHARED_TOKEN], shared_writer, log, start, n)
            for n in range(SHARED_WRITERS)
        ]
        own = [
            pool.submit(_run_client, base_url, world.tokens[OWN_TOKEN], own_writer, log, start, n)
            for n in range(OWN_WRITERS)
        ]
        return [f.result() for f in shared], [f.result() for f in own]


# --- reading the outcome back -----------------------------------------------------------
def final_document(base_url: str, world: World, element_id: str) -> dict:
    response = httpx.get(
        base_url + element_path(element_id), headers=world.headers("national_admin"), timeout=REQUEST_TIMEOUT_S
    )
    assert response.status_code == 200, response.text
    return response.json()


def api_audit_entries(base_url: str, world: World, element_id: str) -> list[dict]:
    """Every audit entry written through the API for the element (kab, as-is), following `next`."""
    entries: list[dict] = []
    params: dict = {
        "element": element_id,
        "ippd": KAB,
        "plateau": "as-is",
        "limit": 7,
    }  # small pages: paging is exercised
    with httpx.Client(base_url=base_url, headers=world.headers("national_admin"), timeout=REQUEST_TIMEOUT_S) as client:
        while True:
            response = client.get("/v1/audit", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            entries.extend(page["items"])
            if page["next"] is None:
                break
            params["before"] = page["next"]
    assert len({e["id"] for e in entries}) == len(entries), "paging returned an entry twice"
    return [e for e in entries if e["via"] == "api"]


def _added_label(entry: dict) -> set[str]:
    before = (entry["before"] or {}).get("metadata", {}).get("labels", {})
    after = entry["after"]["metadata"].get("labels", {})
    return set(after) - set(before)


def assert_audit_matches(entries: list[dict], accepted: list[tuple[str, int]], *, created: bool) -> None:
    """One update entry per accepted write: its version, adding exactly that write's marker."""
    updates = sorted((e for e in entries if e["action"] == "update"), key=lambda e: e["version"])
    assert [(_added_label(e), e["version"]) for e in updates] == [
        ({m}, v) for m, v in sorted(accepted, key=lambda a: a[1])
    ]
    creates = [e for e in entries if e["action"] == "create"]
    assert [e["version"] for e in creates] == ([1] if created else [])
    assert len(entries) == len(updates) + len(creates), [e["action"] for e in entries]


# --- the test ---------------------------------------------------------------------------
def test_twenty_clients_lose_no_update_and_audit_every_accepted_write(world: World, base_url: str):
    log = Log()
    shared, own = run_clients(base_url, world, log)

    assert log.server_errors() == []

    accepted_shared = [a for result in shared for a in result.accepted]
    assert len(accepted_shared) == SHARED_WRITERS * WRITES_PER_CLIENT
    assert sorted(v for _m, v in accepted_shared) == list(range(2, 2 + len(accepted_shared))), (
        "two writes got one version"
    )
    final = final_document(base_url, world, SHARED_ID)
    assert final["metadata"]["version"] == 1 + len(accepted_shared)
    assert {m for m, _v in accepted_shared} == set(final["metadata"].get("labels", {})), "an accepted write was lost"
    assert_audit_matches(api_audit_entries(base_url, world, SHARED_ID), accepted_shared, created=False)
    assert sum(result.conflicts for result in shared) > 0, "no 412 on the shared element: the clients did not contend"

    for result in own:
        assert result.created and result.conflicts == 0, result
        assert len(result.accepted) == WRITES_PER_CLIENT
        final = final_document(base_url, world, result.element_id)
        assert final["metadata"]["version"] == 1 + len(result.accepted)
        assert {m for m, _v in result.accepted} == set(final["metadata"]["labels"])
        assert_audit_matches(api_audit_entries(base_url, world, result.element_id), result.accepted, created=True)
