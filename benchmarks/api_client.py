"""The load side of the API benchmark: timed requests in interleaved rounds, and their statistics.

Every operation runs in every round (bare, read, list, ..., then the next round), so a slow
spell of the shared machine falls on all of them alike. Per request the client records its
own latency (send to last byte, keep-alive connection) and the server's `Server-Timing`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx

Send = Callable[[httpx.Client, int], httpx.Response]  # (client, the operation's request number) -> response


class Sequence:
    """Numbers unique across threads (for new element IDs)."""

    def __init__(self):
        self._next, self._lock = 0, threading.Lock()

    def take(self) -> int:
        with self._lock:
            self._next += 1
            return self._next


@dataclass(frozen=True)
class Operation:
    name: str
    label: str
    send: Send
    status: int = 200
    numbers: Sequence = field(default_factory=Sequence)


@dataclass
class Samples:
    """Latencies (s) of one operation's requests, the server's own times (ms), and the wall time."""

    client_s: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0

    def add(self, other: Samples) -> None:
        self.client_s += other.client_s
        self.server_ms += other.server_ms

    def summary(self) -> dict:
        return {
            "requests": len(self.client_s),
            "rps": len(self.client_s) / self.wall_s,
            "p50_ms": percentile(self.client_s, 50) * 1000,
            "p99_ms": percentile(self.client_s, 99) * 1000,
            "server_p50_ms": percentile(self.server_ms, 50),
            "server_p99_ms": percentile(self.server_ms, 99),
        }


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 1,000 values is the 990th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def server_ms(response: httpx.Response) -> float:
    """The app's own time from the Server-Timing header (`app;dur=1.234`)."""
    return float(response.headers["server-timing"].partition("dur=")[2])


def timed_batch(client: httpx.Client, operation: Operation, count: int) -> Samples:
    samples = Samples()
    for _ in range(count):
        number = operation.numbers.take()
        started = time.perf_counter()
        response = operation.send(client, number)
        samples.client_s.append(time.perf_counter() - started)
        if response.status_code != operation.status:
            raise RuntimeError(
                f"{operation.name}: HTTP {response.status_code}, expected {operation.status}: {response.text[:500]}"
            )
        samples.server_ms.append(server_ms(response))
    return samples


def run_rounds(
    clients: list[httpx.Client], operations: list[Operation], requests: int, batch: int
) -> dict[str, Samples]:
    """`requests` per operation and client, `batch` at a time, operations interleaved round by round.

    With one client the requests are sequential; with several, each batch runs on all clients
    at once (one thread each) and the wall time of the batch is what throughput counts.
    """
    results = {op.name: Samples() for op in operations}
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        for done in range(0, requests, batch):
            count = min(batch, requests - done)
            for operation in operations:
                started = time.perf_counter()
                batches = list(pool.map(timed_batch, clients, [operation] * len(clients), [count] * len(clients)))
                results[operation.name].wall_s += time.perf_counter() - started
                for samples in batches:
                    results[operation.name].add(samples)
    return results


def summarise(results: dict[str, Samples], baseline: str) -> dict[str, dict]:
    """Each operation's numbers and its ratios to the baseline: bare rps / ours, ours p50 / bare p50."""
    base = results[baseline].summary()
    out = {}
    for name, samples in results.items():
        row = samples.summary()
        row["slowdown"] = base["rps"] / row["rps"]
        row["p50_ratio"] = row["p50_ms"] / base["p50_ms"]
        row["server_p50_ratio"] = row["server_p50_ms"] / base["server_p50_ms"]
        out[name] = row
    return out


@dataclass(frozen=True)
class Timed:
    seconds: float
    server_s: float
    response: httpx.Response


def timed_post(client: httpx.Client, path: str, content: bytes, headers: dict[str, str]) -> Timed:
    started = time.perf_counter()
    response = client.post(path, content=content, headers=headers)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"POST {path}: HTTP {response.status_code}: {response.text[:1000]}")
    return Timed(seconds, server_ms(response) / 1000, response)
