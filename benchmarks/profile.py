"""cProfile of one step at one size, top entries by cumulative time.

    python -m benchmarks.profile --size P import|reimport|read|check|parse [--top 30]

`read` profiles the DB read of the check (read_graph_rows, organisations, reference lists);
`check` profiles RepoGraph build + check_graph on rows already read (what run.py times);
`parse` compares the limit's CSafeLoader with ea-repo's CatalogLoader on the same files.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from ea_repo import service
from ea_repo.catalog.graph import RepoGraph, nodes_from_rows
from ea_repo.checks import check_graph
from ea_repo.core.yaml_io import CatalogLoader

from . import limits
from .generate import ensure_data
from .run import read_rows


def _profile(fn, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def _parse_loaders(folder: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for p in limits.yaml_files(folder)]
    lines = []
    for name, loader in (("yaml.CSafeLoader", yaml.CSafeLoader), ("ea_repo CatalogLoader", CatalogLoader)):
        started = time.perf_counter()
        for text in texts:
            list(yaml.load_all(text, Loader=loader))
        lines.append(f"{name:<24}{time.perf_counter() - started:8.3f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["S", "M", "P", "N"], required=True)
    parser.add_argument("step", choices=["import", "reimport", "read", "check", "parse"])
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    folder, _ = ensure_data(args.size)
    if args.step == "parse":
        print(_parse_loaders(folder))
        return
    with tempfile.TemporaryDirectory(prefix="ea-profile-") as tmp:
        repo, _ = service.init_repository(f"sqlite:///{tmp}/ea.db")
        if args.step != "import":
            service.import_paths(repo, [folder], principal=service.local_principal())
        print(_profile(_step(args.step, repo, folder), args.top))
        repo.engine.dispose()


def _step(step: str, repo: service.Repository, folder: Path) -> Callable[[], object]:
    if step in ("import", "reimport"):
        return lambda: service.import_paths(repo, [folder], principal=service.local_principal())
    if step == "read":
        return lambda: read_rows(repo)
    elements, links, organisations, references = read_rows(repo)
    ippds = [o.code for o in organisations if o.kind == "IPPD"]
    opds = [(o.ippd, o.code) for o in organisations if o.kind == "OPD"]
    return lambda: check_graph(
        RepoGraph(nodes=nodes_from_rows(elements), links=links, reference_lists=references, ippds=ippds, opds=opds)
    )


if __name__ == "__main__":
    main()
