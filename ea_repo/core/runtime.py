"""Process-level tuning for bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building large structures.

    Each collection rescans everything allocated so far, so building a national-scale graph
    with it on costs ~40% more time (measured: size P check 0.75-1.09 s -> 0.47 s). Reference
    counting still frees memory. With `freeze`, what was built is moved out of the
    collector's view before it resumes (it would otherwise rescan it all at once); use it
    only for acyclic data such as the check graph and its findings.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def thawed_after() -> Iterator[None]:
    """Give what `paused_gc(freeze=True)` froze back to the collector when the operation ends.

    Freezing moves every tracked object, not only the graph, out of the collector's view; in a
    long-running process (the API server) that would keep unrelated cyclic garbage forever.
    """
    try:
        yield
    finally:
        gc.unfreeze()
