"""A small sampling profiler for the benchmark server (what py-spy does, in-process, stdlib only).

A daemon thread wakes every `interval_s`, takes every other thread's Python stack
(`sys._current_frames`) and counts it unless the thread is idle (a thread-pool worker waiting
for work, the event loop waiting in C). cProfile would see only the thread it runs in; the
API's work is spread over the event loop and the thread pool.

The sampler needs the GIL to look, and a busy thread only hands it over at a blocking call
(a database call, I/O) or after the switch interval (5 ms by default): left at that, the
samples would land almost only on database calls. While sampling, the switch interval is
0.1 ms, so a pure-Python stretch is seen as often as a blocking call. That and the sampling
cost the server time: it runs only in the profiling pass, never while requests are timed.

The report: busy samples per layer (the package of the innermost frame: our code, FastAPI,
Starlette, the database driver, json, ...) and the functions with the most samples on the
stack (inclusive) and at its top (self).
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from pathlib import Path
from types import FrameType

SAMPLING_SWITCH_INTERVAL_S = 0.0001
REPO_PREFIX = str(Path(__file__).resolve().parent.parent) + "/"
IDLE_LEAVES = {
    ("threading.py", "wait"),
    ("queue.py", "get"),
    ("runners.py", "run"),
    ("runners.py", "run_until_complete"),
    ("selectors.py", "select"),
    ("base_events.py", "_run_once"),
}
LAYERS = (
    ("/api/", "ea-repo api/"),
    ("/ea_repo/", "ea_repo/"),
    ("/metamodel/", "metamodel/"),
    ("/fastapi/", "fastapi"),
    ("/starlette/", "starlette"),
    ("/pydantic", "pydantic"),
    ("/sqlalchemy/", "sqlalchemy"),
    ("/sqlite3/", "sqlite3"),
    ("/psycopg", "psycopg"),
    ("/anyio/", "anyio"),
    ("/uvicorn/", "uvicorn"),
    ("/asyncio/", "asyncio"),
    ("/json/", "json"),
    ("/yaml/", "yaml"),
    ("/benchmarks/", "benchmark middleware"),
)


def _where(frame: FrameType) -> tuple[str, str, str]:
    code = frame.f_code
    return code.co_filename, code.co_name, f"{_short(code.co_filename)}:{code.co_firstlineno} {code.co_name}"


def _short(path: str) -> str:
    """A path relative to the repository, to site-packages, or to the standard library."""
    if path.startswith(REPO_PREFIX):
        return path[len(REPO_PREFIX) :]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    if "/lib/python3" in path:
        return path.split("/lib/python3", 1)[1].split("/", 1)[-1]
    return path


def layer_of(filename: str) -> str:
    return next((name for marker, name in LAYERS if marker in filename), "other (stdlib, C callers)")


class Sampler:
    def __init__(self, interval_s: float = 0.001):
        self.interval_s = interval_s
        self._switch_interval = sys.getswitchinterval()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.samples = 0
        self.inclusive: Counter = Counter()
        self.leaf: Counter = Counter()
        self.layers: Counter = Counter()

    def start(self) -> None:
        sys.setswitchinterval(SAMPLING_SWITCH_INTERVAL_S)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        sys.setswitchinterval(self._switch_interval)
        return self.report()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval_s):
            for ident, frame in sys._current_frames().items():
                if ident != me:
                    self._count(frame)

    def _count(self, frame: FrameType) -> None:
        filename, name, label = _where(frame)
        if (filename.rsplit("/", 1)[-1], name) in IDLE_LEAVES:
            return
        self.samples += 1
        self.leaf[label] += 1
        self.layers[layer_of(filename)] += 1
        seen = set()
        while frame is not None:
            label = _where(frame)[2]
            if label not in seen:
                seen.add(label)
                self.inclusive[label] += 1
            frame = frame.f_back

    def report(self, top: int = 25) -> dict:
        return {
            "busy_samples": self.samples,
            "interval_ms": self.interval_s * 1000,
            "layers_pct": self._shares(self.layers, top),
            "inclusive_pct": self._shares(self.inclusive, top),
            "self_pct": self._shares(self.leaf, top),
        }

    def _shares(self, counter: Counter, top: int) -> list[list]:
        """The top entries as [what, percent of the busy samples]."""
        return [[what, round(100 * count / max(1, self.samples), 1)] for what, count in counter.most_common(top)]
