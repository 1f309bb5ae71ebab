"""ArchiMate export: service.export_archimate over a whole catalogue beside a plain lxml serialisation of
the same elements, in the same run.

    python -m benchmarks.archimate --db PATH [--repeat 3]

PATH: a SQLite repository holding a generated catalogue, made once with
    python -m benchmarks.generate --size P --out DIR && ea --db PATH init && ea --db PATH import DIR/P

The export is one file per IPPD (the command exports one IPPD), so "ours" is export_archimate for every
IPPD in turn, every plateau, no views (Graphviz's layout is not measured: views are per IPPD and capped
at 2,000 elements), with and without the XSD validation. The baseline reads the same element rows
(store.read_elements, per IPPD) and writes the same content (elements with their properties, links,
ownership and plateau membership) the plainest way with lxml. Median of --repeat runs after one warm-up;
the goal is ours <= 2x the baseline.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

from lxml import etree

from ea_repo import service
from ea_repo.catalog.elements import OrganisationRow
from ea_repo.storage import store

from .machine import describe, one_line


def ours(repo, ippds: list[str], validate: bool) -> tuple[int, int]:
    elements = size = 0
    for ippd in ippds:
        result = service.export_archimate(repo, ippd=ippd, validate=validate, principal=service.local_principal())
        elements, size = elements + result.elements, size + len(result.data)
    return elements, size


def baseline(repo, ippds: list[str]) -> tuple[int, int]:
    """The same content written the plainest way lxml allows: per element an <element> with its name and one
    <property> per value ea-repo writes (ID, kind, IPPD, OPD, plateau, reference codes, each attribute); per
    link a <relationship> with its two properties; per element its OPD ownership and plateau membership.
    No mapping, no folders, no deterministic identifiers: what writing this much XML costs."""
    elements = size = 0
    for ippd in ippds:
        with repo.engine.connect() as conn:
            rows = list(store.read_elements(conn, store.ElementFilter(ippd=ippd)))
        root = etree.Element("model")
        holder, links = etree.SubElement(root, "elements"), etree.SubElement(root, "relationships")
        for row in rows:
            key = f"{row.plateau}/{row.element_id}"
            element = etree.SubElement(holder, "element", identifier=key)
            etree.SubElement(element, "name").text = row.name or ""
            values = [row.element_id, row.kind, row.ippd, row.opd or "", row.plateau, " ".join(row.reference)]
            values += [str(v) for v in row.spec.values()]
            properties = etree.SubElement(element, "properties")
            for value in values:
                etree.SubElement(etree.SubElement(properties, "property"), "value").text = value
            for field, target in row.links:
                link = etree.SubElement(links, "relationship", source=key, target=f"{row.plateau}/{target}")
                link_properties = etree.SubElement(link, "properties")
                for value in (field, row.element_id):
                    etree.SubElement(etree.SubElement(link_properties, "property"), "value").text = value
            for other in (row.opd or "", row.plateau):
                etree.SubElement(links, "relationship", source=other, target=key)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        elements, size = elements + len(rows), size + len(data)
    return elements, size


def timed(function, *args) -> tuple[float, tuple]:
    gc.collect()
    start = time.perf_counter()
    answer = function(*args)
    return time.perf_counter() - start, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    repo = service.open_repository(f"sqlite:///{options.db}")
    ippds = [
        o.code
        for o in service.organisations(repo, principal=service.local_principal())
        if isinstance(o, OrganisationRow) and o.kind == "IPPD"
    ]
    lines = {
        "ours (validated)": lambda: ours(repo, ippds, True),
        "ours (--no-validate)": lambda: ours(repo, ippds, False),
        "lxml baseline": lambda: baseline(repo, ippds),
    }
    times: dict[str, list[float]] = {name: [] for name in lines}
    answers = {}
    for run in lines.values():
        run()  # warm-up
    for _ in range(options.repeat):
        for name, run in lines.items():
            seconds, answers[name] = timed(run)
            times[name].append(seconds)
    base = statistics.median(times["lxml baseline"])
    print(f"Machine: {one_line(describe())}\n")
    print(f"{len(ippds)} IPPDs, median of {options.repeat}\n")
    print("| line | elements written | bytes | median | ratio |\n|---|---|---|---|---|")
    for name in lines:
        median = statistics.median(times[name])
        elements, size = answers[name]
        print(f"| {name} | {elements:,} | {size:,} | {median:.2f} s | {median / base:.2f}x |")


if __name__ == "__main__":
    main()
