"""Gap: service.gap_report between two national-scale plateaus beside a plain set-difference of the same IDs.

    python -m benchmarks.gap [--elements 500000] [--ippds 600] [--changed 0.10] [--added 0.01]
                             [--retired 0.01] [--db PATH] [--repeat 3] [--json PATH]
    python -m benchmarks.gap --profile [--db PATH ...]

The repository: a SQLite file made by service.init_repository, filled with plain sqlite3
executemany (the bulk insert is not what is measured). --ippds IPPDs (38 provinces and
kabupaten/kota at the default 600), each with ~27 OPDs, --elements as-is elements spread evenly
over the IPPDs in the kind mix of the national catalogue N (benchmarks/generate.py), with names,
OPDs, a reference code from the shipped lists (none for infrastructure and security, which ship
no list), every attribute of the kind filled, and 2-6 declared links per element (typed fields to
allowed target kinds, ~10% untyped `related`). Each row's digest is ElementRow.digest(), the importer's. The
to-be plateau is the as-is with --changed of the as-is elements changed (in turn: one attribute value, one link
target, the OPD), --retired of them dropped and as many new elements as --added: at the defaults 50,000
changed, 5,000 retired, 5,000 added, so both plateaus hold 500,000 elements. Which elements
change is seeded (--seed) and written beside the file (PATH.plan.json). With --db, the file is
built if missing and kept, or reused when its plan matches the options (an error if not).

Measured in this process, alternating, after one warm-up run of each (median of --repeat;
the order of the three lines rotates each round; gc.collect() before each run, outside the clock;
each line's answer, the Gap or the sets, is freed outside the clock, its intermediates inside):

1. ours: service.gap_report(repo, None, "as-is", "to-be"), end to end (database read
   included); its steps from wrappers around store.read_gap_rows, planning._gap_rows,
   planning.compare and store.read_specs_and_links (four calls each run).
2. set-difference (the limit): (ippd, element_id) of both plateaus through a raw sqlite3
   cursor on the same file, two sets, added = B - A, retired = A - B, common = A & B. It
   cannot tell changed from kept.
3. + digests: the same with the digest column, changed = common keys whose digests differ.
   What ours adds on top of this is the GapItems and the field-level comparison of the changed.

The baselines run inside ea_repo.core.runtime.paused_gc, as gap_report does (the collection that
follows the pause is on the clock for all three). Peak RSS: each line
once more in a fresh interpreter (and the imports alone), VmHWM. Correctness: the gap's
added, retired and changed keys are exactly the planned ones, each changed item names exactly
the planned change (spec.<attribute>; one link removed and one added; opd), and the baselines
count the same. Ratio = ours median / set-difference median; the goal is <= 3x.

Prints Markdown and writes benchmarks/out/gap.json (gap-<elements>.json at other sizes).
With --profile, nothing is timed: one gap_report under cProfile, top functions printed and
written to benchmarks/out/gap-profile[-<elements>].json.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

OUT_DIR = Path(__file__).parent / "out"
REPO_ROOT = Path(__file__).resolve().parent.parent
BEFORE, AFTER = "as-is", "to-be"
RATIO_GOAL = 3.0
DEFAULT_ELEMENTS = 500_000
PLAN_VERSION = 1  # bump when the generated content changes
PROFILE_ROWS = 25

# Per-plateau kind mix of the national catalogue N (benchmarks/data/N/manifest.json, counts.kinds).
KIND_WEIGHTS = {
    "BusinessProcess": 82800,
    "Data": 118800,
    "Service": 82800,
    "Application": 49800,
    "Server": 36000,
    "Storage": 12000,
    "Network": 18000,
    "Peripheral": 12000,
    "Cloud": 6000,
    "PlatformSoftware": 18000,
    "IntraNetwork": 6000,
    "ServiceLink": 6000,
    "Facility": 9000,
    "SecurityDevice": 9000,
    "SecuritySoftware": 9000,
    "SecurityStandard": 6000,
    "SecurityAwareness": 3000,
    "VulnerabilityIdentification": 3000,
    "SecurityFeasibility": 3000,
    "SecurityImprovement": 3000,
    "IncidentHandling": 3000,
    "SecurityAudit": 3000,
}
# Letter codes of the sub-catalogue IDs (I.PKS.001): one per kind, so IDs never collide within an IPPD.
SUBCODES = {
    "Server": "PKS",
    "Storage": "PPD",
    "Network": "PJR",
    "Peripheral": "PPR",
    "Cloud": "KOM",
    "PlatformSoftware": "PLP",
    "IntraNetwork": "JIP",
    "ServiceLink": "SPL",
    "Facility": "FDC",
    "SecurityDevice": "PKK",
    "SecuritySoftware": "PLK",
    "SecurityStandard": "STD",
    "SecurityAwareness": "KSD",
    "VulnerabilityIdentification": "IDK",
    "SecurityFeasibility": "KLY",
    "SecurityImprovement": "PNK",
    "IncidentHandling": "PIN",
    "SecurityAudit": "ADT",
}
CATEGORIES = ("spec", "link", "opd")
OPDS_PER_IPPD = 27


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the repository ---------------------------------------------------------------------
def plan_options(args: argparse.Namespace) -> dict:
    changed, retired = round(args.elements * args.changed), round(args.elements * args.retired)
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")
    if changed + retired > args.elements:
        raise SystemExit("--changed + --retired exceed the elements")
    return {
        "version": PLAN_VERSION,
        "elements": args.elements,
        "ippds": args.ippds,
        "changed": changed,
        "retired": retired,
        "added": round(args.elements * args.added),
        "seed": args.seed,
    }


def ippd_codes(count: int) -> list[tuple[str, str, str]]:
    """(code, name, level): ~6% provinces (38 of 600), the rest kabupaten and kota."""
    from .vocab import PLACE_PREFIXES, PLACE_SUFFIXES, PROVINCES

    provinces = max(1, round(count * 38 / 600))
    out = []
    for i in range(count):
        if i < provinces:
            name = PROVINCES[i % len(PROVINCES)] + ("" if i < len(PROVINCES) else f" {i // len(PROVINCES) + 1}")
            out.append((f"prov-{i + 1:02d}", f"Provinsi {name}", "provinsi"))
        else:
            j = i - provinces
            place = (
                PLACE_PREFIXES[j % len(PLACE_PREFIXES)]
                + PLACE_SUFFIXES[(j // len(PLACE_PREFIXES)) % len(PLACE_SUFFIXES)]
            )
            level = "kota" if j % 5 == 4 else "kabupaten"
            out.append(
                (
                    f"{'kab' if level == 'kabupaten' else 'kota'}-{place.lower()}-{j + 1:03d}",
                    f"{level.title()} {place}",
                    level,
                )
            )
    return out


def shares(total: int, weights: dict[str, int]) -> dict[str, int]:
    """`total` split by `weights`, largest remainders first; sums to `total` exactly."""
    whole = sum(weights.values())
    exact = {k: total * w / whole for k, w in weights.items()}
    out = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: -(exact[k] - out[k]))[: total - sum(out.values())]:
        out[k] += 1
    return out


class Generator:
    """Element content: names, OPD, reference code, attributes, links; deterministic per IPPD."""

    def __init__(self) -> None:
        from metamodel import RELATED_FIELD, load_metamodel

        from . import vocab

        self.metamodel = load_metamodel()
        self.vocab = vocab
        self.related = RELATED_FIELD
        self.kinds = {k.name: k for k in self.metamodel.kinds}
        unknown = set(KIND_WEIGHTS) - set(self.kinds)
        if unknown:
            raise SystemExit(f"kinds not in the metamodel: {sorted(unknown)}")
        self.references = {}
        for kind in self.kinds.values():
            ref = self.metamodel.reference_codes(self.metamodel.domain(kind.domain).reference)
            deepest = ref.deepest_level
            self.references[kind.name] = [c for c in ref.codes.values() if c.level == deepest]
        self.targets = {
            (k.name, f): sorted(self.metamodel.field_targets(k.name, f))
            for k in self.kinds.values()
            for f in k.link_fields
        }

    def element_id(self, kind: str, number: int) -> str:
        k = self.kinds[kind]
        prefix = k.id_prefixes[0]
        eid = f"{prefix}.{SUBCODES[kind]}.{number:03d}" if kind in SUBCODES else f"{prefix}.{number:03d}"
        return eid

    def reference(self, rng: random.Random, kind: str) -> tuple[str, ...]:
        """One code of the shipped list (half with its name); none where the domain ships no list (infrastructure,
        security)."""
        if not self.references[kind]:
            return ()
        listed = rng.choice(self.references[kind])
        return (listed.code if rng.random() < 0.5 else f"{listed.code} {listed.name}",)

    def name(self, rng: random.Random, kind: str, number: int, opd_short: str) -> str:
        v = self.vocab
        obj = rng.choice(v.OBJECTS)
        if kind == "Application":
            return f"{rng.choice(v.FORMS)} {rng.choice(v.ACTIVITIES)} {obj}".replace("e- ", "e-")
        if kind == "Data":
            return f"Data {obj}"
        if kind == "Service":
            return f"Layanan {rng.choice(v.ACTIVITIES)} {obj}"
        if kind == "BusinessProcess":
            return f"{rng.choice(v.ACTIVITIES)} {obj}"
        return f"{self.kinds[kind].name_id} {opd_short} {number}"

    def spec(self, rng: random.Random, kind: str, name: str, opd_name: str, ippd: str) -> dict:
        out = {}
        for attribute in self.kinds[kind].attributes:
            kind_of = attribute.type
            if kind_of == "enum":
                out[attribute.name] = rng.choice(list(attribute.values))
            elif kind_of in ("number", "integer"):
                out[attribute.name] = rng.choice((1, 2, 4, 8, 16, 32, 64, 100, 250, 500, 1000, 2000))
            elif kind_of == "date":
                out[attribute.name] = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            elif kind_of == "boolean":
                out[attribute.name] = rng.random() < 0.5
            elif kind_of == "url":
                out[attribute.name] = f"https://{name.lower().replace(' ', '')[:24]}.{ippd}.go.id"
            elif attribute.name == "description":
                out[attribute.name] = f"{name} yang dikelola {opd_name}"
            elif attribute.name in ("unit", "owner", "responsible"):
                out[attribute.name] = opd_name
            else:
                out[attribute.name] = f"{rng.choice(self.vocab.ACTIVITIES)} {rng.choice(self.vocab.OBJECTS)}"
        return out

    def links(
        self, rng: random.Random, kind: str, pool: dict[str, list[str]], everything: list[str]
    ) -> tuple[tuple[str, str], ...]:
        """2-6 links (field, target ID) in declared order; typed fields to allowed kinds, ~10% `related`."""
        fields = list(self.kinds[kind].link_fields)
        out: dict[tuple[str, str], None] = {}
        for _ in range(rng.randint(2, 6)):
            if not fields or rng.random() < 0.1:
                out[(self.related, rng.choice(everything))] = None
                continue
            field = rng.choice(fields)
            candidates = [k for k in self.targets[(kind, field)] if pool.get(k)]
            if candidates:
                out[(field, rng.choice(pool[rng.choice(candidates)]))] = None
        return tuple(out)


def element_row(
    ippd: str,
    plateau: str,
    eid: str,
    kind: str,
    name: str,
    opd: str,
    reference: tuple,
    spec: dict,
    links: tuple,
    source: str,
):
    from ea_repo.catalog.elements import ElementRow

    return ElementRow(ippd, plateau, eid, kind, name, opd, reference, spec, {}, {}, links, source)


def build(path: Path, plan: dict) -> dict:
    """Create the repository file and return the planned changes (keys by category, added, retired)."""
    from ea_repo import service
    from ea_repo.storage.store import dumps

    started = time.perf_counter()
    gen = Generator()
    for kind in KIND_WEIGHTS:
        if not gen.kinds[kind].id_matches(gen.element_id(kind, 1)):
            raise SystemExit(f"generated ID {gen.element_id(kind, 1)} does not match kind {kind}")
    repo, _ = service.init_repository(f"sqlite:///{path}")
    repo.engine.dispose()

    plan_rng = random.Random(plan["seed"])
    total, ippds = plan["elements"], ippd_codes(plan["ippds"])
    picked = plan_rng.sample(range(total), plan["changed"] + plan["retired"])
    retired_at = set(picked[: plan["retired"]])
    category_at = {g: CATEGORIES[i % len(CATEGORIES)] for i, g in enumerate(picked[plan["retired"] :])}
    added_per_ippd = Counter(plan_rng.choices(range(len(ippds)), k=plan["added"]))
    per_ippd = [total // len(ippds) + (1 if i < total % len(ippds) else 0) for i in range(len(ippds))]

    expected = {"changed": {c: [] for c in CATEGORIES}, "added": [], "retired": [], "links": {BEFORE: 0, AFTER: 0}}
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    conn.execute("BEGIN")
    element_sql = (
        "INSERT INTO element (ippd, plateau, element_id, kind, name, opd, reference, spec, labels, annotations, "
        "source, digest, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
    )
    link_sql = "INSERT INTO link (ippd, plateau, source_id, field, target_id, position) VALUES (?, ?, ?, ?, ?, ?)"
    g = 0
    for index, (ippd, ippd_name, level) in enumerate(ippds):
        rng = random.Random(f"{plan['seed']}-{ippd}")
        opds = _opds(rng, gen.vocab)
        conn.execute(
            "INSERT INTO ippd (code, name, spec, labels, source) VALUES (?, ?, ?, '{}', ?)",
            (ippd, ippd_name, dumps({"level": level}), f"{ippd}/organisasi.yaml"),
        )
        conn.executemany(
            "INSERT INTO opd (ippd, code, name, spec, labels, source) VALUES (?, ?, ?, '{}', '{}', ?)",
            [(ippd, code, name, f"{ippd}/organisasi.yaml") for code, name, _ in opds],
        )
        counts = shares(per_ippd[index], KIND_WEIGHTS)
        pool = {kind: [gen.element_id(kind, n + 1) for n in range(count)] for kind, count in counts.items()}
        everything = [eid for ids in pool.values() for eid in ids]
        rows = {BEFORE: [], AFTER: []}
        for kind, ids in pool.items():
            domain = gen.kinds[kind].domain
            for number, eid in enumerate(ids, 1):
                element = _new_element(gen, rng, ippd, kind, eid, number, opds, pool, everything, domain)
                rows[BEFORE].append(element)
                if g in retired_at:
                    expected["retired"].append([ippd, eid])
                elif g in category_at:
                    changed, category = _change(gen, rng, element, category_at[g], opds, pool)
                    expected["changed"][category].append([ippd, eid, *changed])
                    rows[AFTER].append(changed_row(element, category, changed))
                else:
                    rows[AFTER].append(element)
                g += 1
        for _ in range(added_per_ippd.get(index, 0)):
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            pool[kind].append(gen.element_id(kind, len(pool[kind]) + 1))
            eid = pool[kind][-1]
            rows[AFTER].append(
                _new_element(gen, rng, ippd, kind, eid, len(pool[kind]), opds, pool, everything, gen.kinds[kind].domain)
            )
            expected["added"].append([ippd, eid])
        for plateau in (BEFORE, AFTER):
            element_params, link_params = [], []
            for e in rows[plateau]:
                digest = e["digest"] if "digest" in e else _digest(e)
                e["digest"] = digest
                element_params.append(
                    (
                        ippd,
                        plateau,
                        e["id"],
                        e["kind"],
                        e["name"],
                        e["opd"],
                        dumps(list(e["reference"])),
                        dumps(e["spec"]),
                        "{}",
                        "{}",
                        f"{ippd}/{plateau}/{e['domain']}.yaml",
                        digest,
                    )
                )
                link_params += [(ippd, plateau, e["id"], f, t, i) for i, (f, t) in enumerate(e["links"])]
            conn.executemany(element_sql, element_params)
            conn.executemany(link_sql, link_params)
            expected["links"][plateau] += len(link_params)
        if (index + 1) % 50 == 0 or index + 1 == len(ippds):
            log(f"build: {index + 1}/{len(ippds)} IPPDs, {g:,} as-is elements, {time.perf_counter() - started:.0f} s")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    expected["build_s"] = round(time.perf_counter() - started, 1)
    return expected


def _opds(rng: random.Random, vocab) -> list[tuple[str, str, str]]:
    core = [o for o in vocab.OPDS if o[0] in vocab.CORE_OPDS]
    rest = [o for o in vocab.OPDS if o[0] not in vocab.CORE_OPDS]
    return sorted(core + rng.sample(rest, min(len(rest), OPDS_PER_IPPD - len(core))))


def _new_element(
    gen: Generator,
    rng: random.Random,
    ippd: str,
    kind: str,
    eid: str,
    number: int,
    opds: list,
    pool: dict,
    everything: list,
    domain: str,
) -> dict:
    opd_code, opd_name, opd_short = rng.choice(opds)
    name = gen.name(rng, kind, number, opd_short)
    return {
        "ippd": ippd,
        "id": eid,
        "kind": kind,
        "domain": domain,
        "name": name,
        "opd": opd_code,
        "reference": gen.reference(rng, kind),
        "spec": gen.spec(rng, kind, name, opd_name, ippd),
        "links": gen.links(rng, kind, pool, everything),
    }


def _digest(e: dict) -> str:
    return element_row(
        e["ippd"], "", e["id"], e["kind"], e["name"], e["opd"], e["reference"], e["spec"], e["links"], None
    ).digest()


def _change(
    gen: Generator, rng: random.Random, element: dict, category: str, opds: list, pool: dict
) -> tuple[list, str]:
    """What changes in the to-be: [attribute, new value] | [field, old target, new target] | [new OPD]."""
    if category == "link" and element["links"]:
        position = rng.randrange(len(element["links"]))
        field, old = element["links"][position]
        kind_of_old = next(k for k, ids in pool.items() if old in ids)
        taken = {t for f, t in element["links"] if f == field}
        choices = [t for t in pool[kind_of_old] if t not in taken]
        if choices:
            return [field, old, rng.choice(choices)], "link"
    if category == "opd":
        others = [code for code, _, _ in opds if code != element["opd"]]
        return [rng.choice(others)], "opd"
    attribute = rng.choice([a for a, v in element["spec"].items() if isinstance(v, str) and not v[:4].isdigit()])
    return [attribute, element["spec"][attribute] + " (diperbarui)"], "spec"


def changed_row(element: dict, category: str, change: list) -> dict:
    out = {k: v for k, v in element.items() if k != "digest"}
    if category == "spec":
        out["spec"] = {**element["spec"], change[0]: change[1]}
    elif category == "link":
        field, old, new = change
        out["links"] = tuple((f, new) if (f, t) == (field, old) else (f, t) for f, t in element["links"])
    else:
        out["opd"] = change[0]
    return out


def plan_file(db: Path) -> Path:
    return db.with_name(db.name + ".plan.json")


def ensure_repository(db: Path, plan: dict) -> tuple[dict, bool]:
    """The planned changes of `db`: read from its plan file when it matches, else built now. (expected, built)."""
    if db.exists():
        side = plan_file(db)
        stored = json.loads(side.read_text()) if side.exists() else None
        if stored is None or stored["plan"] != plan:
            raise SystemExit(
                f"{db} exists but was not built with these options ({side} {'differs' if stored else 'missing'}): "
                "name another file or remove it"
            )
        log(f"reusing {db} (built in {stored['expected']['build_s']} s)")
        return stored["expected"], False
    partial = db.with_name(db.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    log(f"building {db}: {plan['elements']:,} elements per plateau, {plan['ippds']} IPPDs")
    expected = build(partial, plan)
    partial.rename(db)
    plan_file(db).write_text(json.dumps({"plan": plan, "expected": expected}), encoding="utf-8")
    log(f"built in {expected['build_s']} s, {db.stat().st_size / 2**30:.2f} GiB")
    return expected, True


# --- the three lines --------------------------------------------------------------------
def no_gc():
    """ea_repo's own paused_gc, so the baselines pay the same young-generation pass when it resumes."""
    from ea_repo.core.runtime import paused_gc

    return paused_gc()


IDS_SQL = "SELECT ippd, element_id FROM element WHERE plateau = ?"
DIGESTS_SQL = "SELECT ippd, element_id, digest FROM element WHERE plateau = ?"


def set_difference(conn: sqlite3.Connection) -> dict:
    """The answer (three sets) is returned and freed outside the clock, as ours returns its Gap."""
    with no_gc():
        cursor = conn.cursor()
        a = set(cursor.execute(IDS_SQL, (BEFORE,)).fetchall())
        b = set(cursor.execute(IDS_SQL, (AFTER,)).fetchall())
        return {"added": b - a, "retired": a - b, "common": a & b}


def with_digests(conn: sqlite3.Connection) -> dict:
    with no_gc():
        cursor = conn.cursor()
        a = {(i, e): d for i, e, d in cursor.execute(DIGESTS_SQL, (BEFORE,)).fetchall()}
        b = {(i, e): d for i, e, d in cursor.execute(DIGESTS_SQL, (AFTER,)).fetchall()}
        added, retired = b.keys() - a.keys(), a.keys() - b.keys()
        changed = [k for k, d in b.items() if k in a and a[k] != d]
        return {"added": added, "retired": retired, "changed": changed, "common": len(b) - len(added)}


def sizes(answer: dict) -> dict:
    return {k: v if isinstance(v, int) else len(v) for k, v in answer.items()}


class Steps:
    """Wall time inside the four calls gap_report makes, from wrappers installed on the modules it calls through."""

    def __init__(self) -> None:
        from ea_repo.service import planning
        from ea_repo.storage import store

        self.seconds: Counter = Counter()
        self.originals = [
            (store, "read_gap_rows"),
            (store, "read_specs_and_links"),
            (planning, "_gap_rows"),
            (planning, "compare"),
        ]
        for module, name in self.originals:
            setattr(module, name, self._timed(name, getattr(module, name)))

    def _timed(self, name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return wrapper

    def take(self) -> dict:
        s, self.seconds = self.seconds, Counter()
        return {
            "read rows": s["read_gap_rows"],
            "to GapRow": s["_gap_rows"],
            "compare (without the whole read)": s["compare"] - s["read_specs_and_links"],
            "whole read of the differing": s["read_specs_and_links"],
        }


def ours(repo) -> object:
    from ea_repo import service

    return service.gap_report(repo, None, BEFORE, AFTER, principal=service.local_principal())


def gap_counts(gap) -> dict:
    return dict(Counter(item.change for item in gap.items))


def timed(run: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def measure(db: Path, repeat: int, expected: dict, elements: int) -> dict:
    from ea_repo import service

    repo = service.open_repository(f"sqlite:///{db}")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    steps = Steps()
    lines = {
        "ours": lambda: ours(repo),
        "set-difference": lambda: set_difference(conn),
        "digests": lambda: with_digests(conn),
    }
    runs: dict[str, list[float]] = {name: [] for name in lines}
    step_runs: list[dict] = []
    answers: dict[str, object] = {}
    log("warm-up: one run of each")
    for name, run in lines.items():
        seconds, result = timed(run)
        answers[name] = gap_counts(result) if name == "ours" else sizes(result)
        if name == "ours":
            steps.take()
            gap = result
        log(f"  {name}: {seconds:.2f} s (not counted)")
        del result
    correctness = verify(gap, expected, answers, elements) | {"digests_recomputed": digests_recomputed(repo, gap)}
    log(f"correctness: {'ok' if correctness['ok'] and correctness['digests_recomputed']['ok'] else correctness}")
    del gap
    order = list(lines)
    for round_ in range(repeat):
        for name in order:
            seconds, result = timed(lines[name])
            runs[name].append(seconds)
            if name == "ours":
                taken = steps.take()
                step_runs.append(
                    taken | {"rest (connection, checks, collection after the GC pause)": seconds - sum(taken.values())}
                )
            del result
        log(f"round {round_ + 1}/{repeat}: " + ", ".join(f"{n} {runs[n][-1]:.2f} s" for n in order))
        order = order[1:] + order[:1]
    conn.close()
    repo.engine.dispose()
    return {"runs": runs, "step_runs": step_runs, "answers": answers, "correctness": correctness}


def query_plans(db: Path) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ours_sql = "SELECT ippd, element_id, kind, name, opd, reference, digest FROM element WHERE plateau = ?"
        return {
            name: " / ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", (BEFORE,)))
            for name, sql in (("ours", ours_sql), ("set-difference", IDS_SQL), ("digests", DIGESTS_SQL))
        }


# --- correctness ------------------------------------------------------------------------
def verify(gap, expected: dict, answers: dict, elements: int) -> dict:
    """Every planned change found as planned, nothing else; the baselines agree."""
    items = {(i.ippd, i.element_id): i for i in gap.items}
    problems: list[str] = []
    by_change: dict[str, set] = {}
    for key, item in items.items():
        by_change.setdefault(item.change, set()).add(key)
    planned_changed = {}
    for category, entries in expected["changed"].items():
        for ippd, eid, *change in entries:
            planned_changed[(ippd, eid)] = (category, change)
    for name in ("added", "retired"):
        planned = {tuple(k) for k in expected[name]}
        if by_change.get(name, set()) != planned:
            problems.append(
                f"{name}: {len(by_change.get(name, set())):,} found, {len(planned):,} planned, "
                f"{len(by_change.get(name, set()) ^ planned):,} differ"
            )
    found_changed = by_change.get("changed", set())
    if found_changed != set(planned_changed):
        problems.append(
            f"changed: {len(found_changed):,} found, {len(planned_changed):,} planned, "
            f"{len(found_changed ^ set(planned_changed)):,} differ"
        )
    wrong_detail = 0
    for key, (category, change) in planned_changed.items():
        item = items.get(key)
        if item is None:
            wrong_detail += 1
            continue
        if category == "spec":
            want = ((f"spec.{change[0]}",), (), ())
        elif category == "link":
            want = ((), ((change[0], change[2]),), ((change[0], change[1]),))
        else:
            want = (("opd",), (), ())
        if (item.fields, item.links_added, item.links_removed) != want:
            wrong_detail += 1
    if wrong_detail:
        problems.append(f"{wrong_detail:,} changed items do not name their planned change")
    kept = elements - len(expected["retired"]) - len(planned_changed)
    if len(by_change.get("kept", ())) != kept:
        problems.append(f"kept: {len(by_change.get('kept', ())):,} found, {kept:,} expected")
    setdiff, digests = answers["set-difference"], answers["digests"]
    planned_counts = {
        "added": len(expected["added"]),
        "retired": len(expected["retired"]),
        "changed": len(planned_changed),
        "kept": kept,
    }
    if (setdiff["added"], setdiff["retired"], setdiff["common"]) != (
        planned_counts["added"],
        planned_counts["retired"],
        planned_counts["changed"] + kept,
    ):
        problems.append(f"set-difference counts {setdiff} disagree with the plan")
    if (digests["added"], digests["retired"], digests["changed"]) != (
        planned_counts["added"],
        planned_counts["retired"],
        planned_counts["changed"],
    ):
        problems.append(f"digest baseline counts {digests} disagree with the plan")
    return {
        "ok": not problems,
        "problems": problems,
        "planned": planned_counts,
        "found": answers["ours"],
        "changed_by_category": {c: len(v) for c, v in expected["changed"].items()},
        "set_difference": setdiff,
        "digests": digests,
    }


def digests_recomputed(repo, gap, sample: int = 1000) -> dict:
    """ElementRow.digest() of a sample of rows read back whole equals the stored digest (both plateaus)."""
    from ea_repo.storage import store

    rng = random.Random(0)
    keys = [(i.ippd, i.element_id) for i in rng.sample(gap.items, min(sample, len(gap.items)))]
    checked = wrong = 0
    with repo.engine.connect() as conn, conn.begin():
        for plateau in (BEFORE, AFTER):
            stored = {
                (i, e): d
                for i, e, d in conn.exec_driver_sql(
                    "SELECT ippd, element_id, digest FROM element WHERE plateau = ?", (plateau,)
                )
            }
            for key, row in store.read_elements_by_id(conn, plateau, [k for k in keys if k in stored]).items():
                checked += 1
                wrong += row.digest() != stored[key]
    return {"ok": checked > 0 and wrong == 0, "checked": checked, "wrong": wrong}


# --- peak RSS in fresh interpreters -----------------------------------------------------
def child(what: str, db: Path) -> dict:
    """One run of one line in this (fresh) interpreter: seconds and VmHWM, after the imports."""
    from ea_repo import service
    from metamodel import load_metamodel

    from .phase import peak_rss_mib

    load_metamodel()
    imports_mib = peak_rss_mib()
    started = time.perf_counter()
    if what == "ours":
        answer = gap_counts(ours(service.open_repository(f"sqlite:///{db}")))
    elif what in ("set-difference", "digests"):
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        answer = sizes((set_difference if what == "set-difference" else with_digests)(conn))
    elif what == "imports":
        answer = {}
    else:
        raise SystemExit(f"unknown child {what!r}")
    seconds = time.perf_counter() - started
    return {
        "line": what,
        "seconds": round(seconds, 3),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "imports_rss_mib": round(imports_mib, 1),
        "answer": answer,
    }


def in_subprocess(what: str, db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.gap", "--child", what, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- profile ----------------------------------------------------------------------------
def profile(db: Path) -> dict:
    from ea_repo import service

    repo = service.open_repository(f"sqlite:///{db}")
    seconds, _ = timed(lambda: ours(repo))
    log(f"warm-up {seconds:.2f} s; profiling one run")
    gc.collect()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    gap = ours(repo)
    profiler.disable()
    under = time.perf_counter() - started
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = [
        {
            "function": f"{shorten(path)}:{line}({function})",
            "calls": calls,
            "own_s": round(own, 3),
            "cumulative_s": round(cumulative, 3),
        }
        for (path, line, function), (_, calls, own, cumulative, _) in stats.stats.items()
    ]
    return {
        "seconds_unprofiled_warmup": round(seconds, 3),
        "seconds_under_profiler": round(under, 3),
        "answer": gap_counts(gap),
        "top": sorted(rows, key=lambda r: -r["cumulative_s"])[:PROFILE_ROWS],
        "top_own": sorted(rows, key=lambda r: -r["own_s"])[:PROFILE_ROWS],
    }


def shorten(path: str) -> str:
    for prefix in (
        str(REPO_ROOT) + os.sep,
        sysconfig.get_paths()["purelib"] + os.sep,
        sysconfig.get_paths()["stdlib"] + os.sep,
    ):
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


# --- report -----------------------------------------------------------------------------
def summarise(measured: dict, peaks: dict, plan: dict, db_info: dict) -> dict:
    runs = measured["runs"]
    medians = {name: statistics.median(values) for name, values in runs.items()}
    steps = {step: statistics.median(r[step] for r in measured["step_runs"]) for step in measured["step_runs"][0]}
    ratio = medians["ours"] / medians["set-difference"]
    return {
        "runs": runs,
        "medians": medians,
        "steps": steps,
        "step_runs": measured["step_runs"],
        "ratio": ratio,
        "ratio_to_digests": medians["ours"] / medians["digests"],
        "goal": RATIO_GOAL,
        "goal_met": ratio <= RATIO_GOAL,
        "peaks": peaks,
        "plan": plan,
        "repository": db_info,
        "correctness": measured["correctness"],
    }


def render(results: dict) -> str:
    from . import machine

    r, repo, c, p = results, results["repository"], results["correctness"], results["peaks"]
    planned = c["planned"]
    by_category = ", ".join(f"{n:,} {k}" for k, n in c["changed_by_category"].items())
    built = f"built in {repo['build_s']} s" if repo["built"] else "reused"
    lines = [
        f"Machine: {machine.one_line(r['machine'])}",
        f"Command: `{r['command']}`",
        "",
        (
            f"Repository: {repo['elements'][BEFORE]:,} as-is and {repo['elements'][AFTER]:,} to-be elements "
            f"({repo['links'][BEFORE]:,} / {repo['links'][AFTER]:,} links), {repo['ippds']} IPPDs, SQLite file "
            f"{repo['size_gib']:.2f} GiB ({built}). Planned: {planned['changed']:,} changed ({by_category}), "
            f"{planned['added']:,} added, {planned['retired']:,} retired, {planned['kept']:,} kept."
        ),
        "",
        "| line | runs s | **median s** | / set-difference | peak RSS MiB (fresh process; imports alone) |",
        "|---|---|---|---|---|",
    ]
    names = {
        "ours": '**ours**: `service.gap_report(repo, None, "as-is", "to-be")`',
        "set-difference": "set-difference of (ippd, element_id) (the limit)",
        "digests": "set-difference + digest comparison",
    }
    for name, label in names.items():
        runs = ", ".join(f"{v:.2f}" for v in r["runs"][name])
        lines.append(
            f"| {label} | {runs} | **{r['medians'][name]:.2f}** | "
            f"{r['medians'][name] / r['medians']['set-difference']:.2f}x | "
            f"{p[name]['peak_rss_mib']:.0f} ({p[name]['imports_rss_mib']:.0f}) |"
        )
    verdict = "met" if r["goal_met"] else "MISSED"
    lines += [
        "",
        (
            f"**Ratio ours / set-difference: {r['ratio']:.2f}x; goal <= {RATIO_GOAL:.0f}x: {verdict}.** "
            f"Ours / digest baseline: {r['ratio_to_digests']:.2f}x."
        ),
        "",
        "Steps of ours (median of each step over the runs; they need not add up to the median total):",
        "",
        "| step | s | share |",
        "|---|---|---|",
    ]
    total = r["medians"]["ours"]
    for step, seconds in r["steps"].items():
        lines.append(f"| {step} | {seconds:.2f} | {seconds / total:.0%} |")
    status = "ok" if c["ok"] else "FAILED: " + "; ".join(c["problems"])
    recomputed = c["digests_recomputed"]
    fresh = ", ".join(f"{k} {v['seconds']:.2f}" for k, v in p.items() if k != "imports")
    lines += [
        "",
        (
            f"Correctness: {status}. Gap found {c['found']}; set-difference {c['set_difference']}; digests "
            f"{c['digests']}. ElementRow.digest() of {recomputed['checked']:,} rows read back whole: "
            f"{recomputed['wrong']} differ from the stored digest."
        ),
        "",
        "Query plans: " + "; ".join(f"{k}: {v}" for k, v in r["query_plans"].items()) + ".",
        "",
        f"Fresh-process single runs (s, cold interpreter, warm page cache): {fresh}.",
    ]
    return "\n".join(lines)


def render_profile(results: dict) -> str:
    from . import machine

    parts = [
        f"Machine: {machine.one_line(results['machine'])}",
        f"Command: `{results['command']}`",
        "",
        (
            f"gap_report: {results['seconds_unprofiled_warmup']:.2f} s unprofiled (warm-up), "
            f"{results['seconds_under_profiler']:.2f} s under cProfile; {results['answer']}"
        ),
        "",
    ]
    for key, order in (("top", "cumulative"), ("top_own", "own")):
        parts += [f"By {order} time:", "", "| function | calls | own s | cumulative s |", "|---|---|---|---|"]
        parts += [
            f"| `{row['function']}` | {row['calls']:,} | {row['own_s']:.2f} | {row['cumulative_s']:.2f} |"
            for row in results[key]
        ]
        parts.append("")
    return "\n".join(parts)


# --- command line -----------------------------------------------------------------------
class HelpFormatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """The module docstring as written, and every option's default."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gap", description=__doc__, formatter_class=HelpFormatter
    )
    parser.add_argument(
        "--elements",
        type=int,
        default=DEFAULT_ELEMENTS,
        help="as-is elements (the to-be has as many at equal --added and --retired)",
    )
    parser.add_argument("--ippds", type=int, default=600, help="IPPDs the elements are spread over")
    parser.add_argument("--changed", type=float, default=0.10, help="share of the as-is elements changed in the to-be")
    parser.add_argument("--added", type=float, default=0.01, help="new to-be elements, as a share of --elements")
    parser.add_argument("--retired", type=float, default=0.01, help="share of the as-is elements not in the to-be")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--db",
        type=Path,
        help="SQLite file: built and kept if missing, reused if built with these options "
        "(default: a temporary file, removed at the end)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each line, after one warm-up (median)")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the --db file and stop")
    parser.add_argument("--no-rss", action="store_true", help="skip the fresh-process runs for peak RSS")
    parser.add_argument("--profile", action="store_true", help="cProfile one gap_report instead of timing")
    parser.add_argument("--workdir", type=Path, help="folder of the temporary database (default: system temp)")
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default benchmarks/out/gap[-profile][-<elements>].json)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run(args: argparse.Namespace, db: Path) -> dict:
    from . import machine

    plan = plan_options(args)
    expected, built = ensure_repository(db, plan)
    results = {"machine": machine.describe(), "command": " ".join(["python -m benchmarks.gap", *sys.argv[1:]])}
    if args.profile:
        return results | profile(db)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        elements = dict(conn.execute("SELECT plateau, count(*) FROM element GROUP BY plateau").fetchall())
    db_info = {
        "elements": elements,
        "links": expected["links"],
        "ippds": plan["ippds"],
        "built": built,
        "build_s": expected["build_s"],
        "size_gib": round(db.stat().st_size / 2**30, 2),
    }
    measured = measure(db, args.repeat, expected, plan["elements"])
    peaks = {}
    if not args.no_rss:
        for what in ("ours", "set-difference", "digests", "imports"):
            log(f"fresh process: {what}")
            peaks[what] = in_subprocess(what, db)
    else:
        peaks = {
            w: {"peak_rss_mib": float("nan"), "imports_rss_mib": float("nan"), "seconds": float("nan")}
            for w in ("ours", "set-difference", "digests")
        }
    summary = summarise(measured, peaks, plan, db_info)
    return results | {"query_plans": query_plans(db)} | summary


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.db)))
        return
    if args.build_only:
        if args.db is None:
            raise SystemExit("--build-only needs --db")
        ensure_repository(args.db, plan_options(args))
        return
    if args.db is not None:
        results = run(args, args.db)
    else:
        with tempfile.TemporaryDirectory(dir=args.workdir, prefix="ea-gap-bench-") as tmp:
            results = run(args, Path(tmp) / "gap.db")
    print(render_profile(results) if args.profile else render(results))
    suffix = "" if args.elements == DEFAULT_ELEMENTS else f"-{args.elements}"
    target = args.json or OUT_DIR / f"gap{'-profile' if args.profile else ''}{suffix}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults: {target}")


if __name__ == "__main__":
    main()
