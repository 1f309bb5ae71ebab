"""Seeded synthetic catalogues in ea-repo YAML, at the sizes of shared/PERFORMANCE.md.

    python -m benchmarks.generate --size S [--seed 42] [--out benchmarks/data] [--jobs 2]

Writes benchmarks/data/<size>/<ippd>/organisasi.yaml and <ippd>/<plateau>/<domain>.yaml,
one IPPD at a time (memory stays flat at N), and manifest.json with the planted answers:
duplicate application groups, exact copies, and the faults the checks should report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

import metamodel
from metamodel import load_metamodel

from . import vocab
from .apps import Element, opd_name
from .synth import Budget, Ippd, IppdCatalog, build_ippd

API_VERSION = "ea-repo/v1"
DATA_ROOT = Path(__file__).parent / "data"
GENERATOR_VERSION = 2
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Size:
    name: str
    ippds: int
    applications: int
    elements: int
    links: int


SIZES = {
    "S": Size("S", 1, 200, 1_000, 4_000),
    "M": Size("M", 1, 500, 2_000, 8_000),
    "P": Size("P", 60, 3_000, 50_000, 200_000),
    "N": Size("N", 600, 30_000, 500_000, 2_000_000),
}


# --- the IPPDs of a size ----------------------------------------------------------------
def plan_ippds(count: int, seed: int) -> list[Ippd]:
    """One kabupaten; or provinces (1 up to 100 IPPDs, else one per 16) with their kab/kota."""
    if count == 1:
        return [Ippd("kab-sukamaju", "Kabupaten Sukamaju", "kabupaten", "35.01")]
    provinces = 1 if count <= 100 else min(len(vocab.PROVINCES), round(count / 16))
    first = vocab.PROVINCES.index("Jawa Timur") if provinces == 1 else 0
    heads = [_province(i) for i in range(first, first + provinces)]
    places = [p + s for p in vocab.PLACE_PREFIXES for s in vocab.PLACE_SUFFIXES]
    random.Random(f"{seed}:places").shuffle(places)
    ippds = list(heads)
    serial: Counter = Counter()
    for i, place in enumerate(places[: count - provinces]):
        head = heads[i % provinces]
        kota = i % 5 == 4
        serial[head.code, kota] += 1
        number = (70 if kota else 0) + serial[head.code, kota]
        level, word, prefix = ("kota", "Kota", "kota") if kota else ("kabupaten", "Kabupaten", "kab")
        ippds.append(
            Ippd(f"{prefix}-{_slug(place)}", f"{word} {place}", level, f"{head.region_code}.{number:02d}", head.code)
        )
    return ippds


def _province(index: int) -> Ippd:
    name = vocab.PROVINCES[index]
    return Ippd(f"prov-{_slug(name)}", f"Provinsi {name}", "provinsi", vocab.PROVINCE_CODES[index])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def budgets(size: Size, count: int) -> list[Budget]:
    """Split the size's totals over IPPDs; remainders go to the first IPPDs."""

    def share(total: int, i: int) -> int:
        return total // count + (i < total % count)

    return [Budget(share(size.elements, i), share(size.applications, i), share(size.links, i)) for i in range(count)]


# --- documents --------------------------------------------------------------------------
def organisation_documents(catalog: IppdCatalog) -> list[dict]:
    ippd = catalog.ippd
    spec = {"level": ippd.level, "region_code": ippd.region_code}
    if ippd.parent:
        spec["parent"] = ippd.parent
    docs = [{"apiVersion": API_VERSION, "kind": "IPPD", "metadata": {"id": ippd.code, "name": ippd.name}, "spec": spec}]
    short = {code: s for code, _, s in vocab.OPDS}
    docs += [
        {
            "apiVersion": API_VERSION,
            "kind": "OPD",
            "metadata": {"id": code, "name": opd_name(code), "ippd": ippd.code},
            "spec": {"short_name": short[code]},
        }
        for code in catalog.opds
    ]
    return docs


def element_document(element: Element, ippd: str, plateau: str) -> dict:
    metadata = {"id": element.id, "name": element.name, "ippd": ippd}
    if element.opd:
        metadata["opd"] = element.opd
    metadata["plateau"] = plateau
    spec = dict(element.spec)
    if element.reference:
        spec["reference"] = element.reference
    spec.update((f, ids) for f, ids in element.links.items() if ids)
    return {"apiVersion": API_VERSION, "kind": element.kind, "metadata": metadata, "spec": spec}


def write_ippd(catalog: IppdCatalog, root: Path) -> dict:
    """Write one IPPD's files; return its counts and application records for the manifest."""
    metamodel = load_metamodel()
    folder = root / catalog.ippd.code
    _dump(folder / "organisasi.yaml", organisation_documents(catalog), f"IPPD {catalog.ippd.code} and its OPDs")
    kinds: Counter = Counter()
    links = 0
    for plateau, elements in catalog.plateaus.items():
        by_domain: dict[str, list[dict]] = defaultdict(list)
        for element in elements:
            by_domain[metamodel.kind(element.kind).domain].append(element_document(element, catalog.ippd.code, plateau))
            kinds[element.kind] += 1
            links += sum(len(ids) for ids in element.links.values())
        for domain, docs in by_domain.items():
            _dump(
                folder / plateau / f"{domain}.yaml",
                docs,
                f"IPPD {catalog.ippd.code}, plateau {plateau}, domain {domain}",
            )
    apps = [
        [catalog.ippd.code, e.id, e.opd, e.name, e.family, e.variation, e.copy_of.id if e.copy_of else None]
        for e in catalog.plateaus["as-is"]
        if e.kind == "Application"
    ]
    return {
        "ippd": catalog.ippd.code,
        "kinds": kinds,
        "links": links,
        "planted": catalog.planted,
        "apps": apps,
        "opds": len(catalog.opds),
    }


def _dump(path: Path, documents: list[dict], title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump_all(
        documents,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        explicit_start=True,
        width=100,
    )
    path.write_text(f"# synthetic benchmark catalogue: {title}\n{text}", encoding="utf-8")


# --- the whole size ---------------------------------------------------------------------
def _one(job: tuple[Ippd, Budget, int, str]) -> dict:
    ippd, budget, seed, root = job
    return write_ippd(build_ippd(ippd, budget, seed), Path(root))


def generate(size: Size, out: Path, seed: int = 42, jobs: int | None = None) -> dict:
    """Write the catalogue and manifest.json under `out`; return the manifest."""
    started = time.perf_counter()
    ippds = plan_ippds(size.ippds, seed)
    work = [(ippd, budget, seed, str(out)) for ippd, budget in zip(ippds, budgets(size, len(ippds)), strict=False)]
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if jobs > 1 and len(work) > 1:
        with multiprocessing.Pool(jobs) as pool:
            results = list(pool.imap(_one, work, chunksize=4))
    else:
        results = [_one(job) for job in work]
    manifest = build_manifest(size, seed, results)
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def metamodel_fingerprint() -> str:
    """The data depends on the metamodel (kinds, link fields, codes): regenerate when it changes."""
    data = Path(metamodel.__file__).parent / "data"
    digest = hashlib.sha256()
    for path in sorted(data.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_manifest(size: Size, seed: int, results: list[dict]) -> dict:
    kinds: Counter = Counter()
    planted: Counter = Counter()
    families: dict[str, list] = defaultdict(list)
    exact = []
    for result in results:
        kinds.update(result["kinds"])
        planted.update(result["planted"])
        for ippd, element_id, opd, name, family, variation, copy_of in result["apps"]:
            families[family].append([ippd, element_id, opd, name, variation])
            if copy_of:
                exact.append([ippd, copy_of, element_id])
    planted_keys = {f[0] for f in vocab.FAMILIES}
    groups = [
        {"family": f, "planted": f in planted_keys, "members": m} for f, m in sorted(families.items()) if len(m) > 1
    ]
    return {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "metamodel": metamodel_fingerprint(),
        "size": asdict(size),
        "counts": {
            "ippds": len(results),
            "opds": sum(r["opds"] for r in results),
            "elements": sum(kinds.values()),
            "links": sum(r["links"] for r in results),
            "as_is_applications": sum(len(r["apps"]) for r in results),
            "kinds": dict(sorted(kinds.items())),
        },
        "planted_findings": dict(sorted(planted.items())),
        "duplicates": {
            "scope": "as-is plateau; two applications are duplicates exactly when they share a family",
            "member_columns": ["ippd", "id", "opd", "name", "variation"],
            "exact_copies": exact,
            "groups": groups,
        },
    }


def data_dir(size: str, root: Path = DATA_ROOT) -> Path:
    return root / size


def ensure_data(size: str, root: Path = DATA_ROOT, seed: int = 42, jobs: int | None = None) -> tuple[Path, dict]:
    """The size's data folder, generated first if it has no manifest for this seed."""
    folder = data_dir(size, root)
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        wanted = (seed, GENERATOR_VERSION, metamodel_fingerprint())
        if (manifest.get("seed"), manifest.get("generator"), manifest.get("metamodel")) == wanted:
            return folder, manifest
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder, generate(SIZES[size], folder, seed, jobs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=DATA_ROOT)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs, at most 4)")
    args = parser.parse_args(argv)
    folder, manifest = ensure_data(args.size, args.out, args.seed, args.jobs)
    counts = manifest["counts"]
    print(
        f"{folder}: {counts['ippds']} IPPD, {counts['elements']} elements, {counts['links']} links, "
        f"{len(manifest['duplicates']['groups'])} duplicate groups ({manifest.get('seconds', '?')} s)"
    )


if __name__ == "__main__":
    main()
