"""A redundancy run: features, candidates (or every pair), scores, clusters, the report."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ea_repo.redundancy.candidates import candidate_pairs, scoring_tables
from ea_repo.redundancy.clustering import Grouping, cluster
from ea_repo.redundancy.features import AppInput, Corpus, build_corpus
from ea_repo.redundancy.model import Cluster, Evidence, Member, RedundancyReport, Signal
from ea_repo.redundancy.recommend import is_itself, recommend
from ea_repo.redundancy.scoring import PairScores, ScoringTables, brute_force, pair_key, redundant, score_pairs
from ea_repo.redundancy.settings import SIGNALS, Settings
from ea_repo.redundancy.text import hosts_of, normalise_url, shared_use, url_in_name
from metamodel import NationalApplication, NationalCatalogue, natural_key

FAST, BRUTE = "fast", "brute"


@dataclass
class Analysis:
    """The computed part of a run, before it is turned into a report."""

    corpus: Corpus
    tables: ScoringTables
    candidates: int
    edges: PairScores
    grouping: Grouping
    seconds: dict[str, float] = field(default_factory=dict)


def national_inputs(catalogue: NationalCatalogue | None) -> list[AppInput]:
    """Each name of each national application as an application of its own (they are joined in clustering)."""
    if catalogue is None:
        return []
    return [
        AppInput(
            "",
            f"{app.key}#{n}",
            name,
            None,
            category="umum",
            description=app.function,
            developer=app.owner,
            references=(app.reference,) if app.reference else (),
            national=app.key,
            domains=app.domains,
            replaced=name in app.replaces and name not in (app.name, app.expansion, *app.aliases),
        )
        for app in catalogue.applications
        for n, name in enumerate(app.names())
    ]


def analyse(
    apps: list[AppInput],
    settings: Settings,
    catalogue: NationalCatalogue | None = None,
    dismissed: Sequence[frozenset[tuple[str, str]]] = (),
    method: str = FAST,
) -> Analysis:
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    glossary = catalogue.glossary() if catalogue is not None else {}
    functions = catalogue.functions if catalogue is not None else ()
    corpus = build_corpus(list(apps) + national_inputs(catalogue), glossary, functions)
    tables = scoring_tables(corpus)
    seconds["features"], clock = time.perf_counter() - clock, time.perf_counter()
    if method == BRUTE:
        edges = brute_force(corpus, tables, settings)
        candidates = corpus.size * (corpus.size - 1) // 2
        seconds["score"], clock = time.perf_counter() - clock, time.perf_counter()
    else:
        left, right = candidate_pairs(corpus, tables, settings)
        candidates = len(left)
        seconds["candidates"], clock = time.perf_counter() - clock, time.perf_counter()
        scores = score_pairs(corpus, tables, left, right, settings)
        edges = redundant(corpus, scores, settings)
        seconds["score"], clock = time.perf_counter() - clock, time.perf_counter()
    number = {app.key: i for i, app in enumerate(corpus.apps) if app.national is None}
    sets = [frozenset(number[m] for m in members if m in number) for members in dismissed]
    grouping = cluster(corpus, edges, [s for s in sets if len(s) > 1])
    seconds["cluster"] = time.perf_counter() - clock
    return Analysis(corpus, tables, candidates, edges, grouping, seconds)


def build_report(
    analysis: Analysis,
    settings: Settings,
    catalogue: NationalCatalogue | None,
    *,
    scope: str,
    ippds: tuple[str, ...],
    plateau: str,
    opd: str | None = None,
    opd_names: dict | None = None,
    dismissals: int = 0,
) -> RedundancyReport:
    corpus, edges = analysis.corpus, analysis.edges
    opd_names = opd_names or {}
    clusters = []
    for group, tree in zip(analysis.grouping.clusters, analysis.grouping.trees, strict=False):
        local = [int(i) for i in group if corpus.national[i] < 0]
        national_keys = {key for i in group if (key := corpus.apps[int(i)].national) is not None}
        if len(local) < 2 and not (local and national_keys):
            continue
        if opd is not None and not any(corpus.apps[i].opd == opd for i in local):
            continue
        national = catalogue.application(next(iter(national_keys))) if national_keys and catalogue else None
        members = tuple(
            sorted(
                (_member(corpus.apps[i], opd_names) for i in local), key=lambda m: (m.ippd, natural_key(m.element_id))
            )
        )
        if national is not None and _each_records_it_once(members, national):
            continue  # the national application itself, recorded once per IPPD: nothing is duplicated
        evidence = _best_national(tuple(_evidence(corpus, analysis.tables, edges, int(k)) for k in tree))
        scores = [e.score for e in evidence] or [0.0]
        clusters.append(
            Cluster(
                cluster_id(members),
                members,
                national,
                round(float(np.mean(scores)), 3),
                round(float(min(scores)), 3),
                evidence,
                recommend(members, national, evidence),
            )
        )
    clusters.sort(key=lambda c: (-len(c.members), -c.score, c.id))
    applications = int((corpus.national < 0).sum())
    return RedundancyReport(
        scope, ippds, plateau, opd, applications, analysis.candidates, len(edges), dismissals, tuple(clusters), settings
    )


def _each_records_it_once(members: tuple[Member, ...], national: NationalApplication) -> bool:
    """Every member is the national application itself and no IPPD records it twice (two of its OPDs listing
    e-Kinerja at its address are one application listed twice)."""
    ippds = [m.ippd for m in members]
    return len(set(ippds)) == len(ippds) and all(is_itself(m, national) for m in members)


def _best_national(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """One evidence pair per application and national application: its best-scoring name."""
    best: dict[tuple[str, str], Evidence] = {}
    out = []
    for e in evidence:
        if not e.right.startswith("national:"):
            out.append(e)
        elif (e.left, e.right) not in best or e.score > best[(e.left, e.right)].score:
            best[(e.left, e.right)] = e
    return tuple(out) + tuple(sorted(best.values(), key=lambda e: (e.left, e.right)))


def cluster_id(members: tuple[Member, ...]) -> str:
    """Stable while the cluster's members are: R- and 8 hex digits of a hash of their keys."""
    text = "\n".join(sorted(m.label for m in members))
    return "R-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _member(app: AppInput, opd_names: dict) -> Member:
    return Member(
        app.ippd,
        app.element_id,
        app.name,
        app.opd,
        opd_names.get((app.ippd, app.opd), "") or "",
        app.category,
        app.developer,
        len(app.services),
        len(app.data),
        app.references,
        hosts_of(app.url, app.name),
        normalise_url(app.url) or url_in_name(app.name),
        shared_use(app.users, app.description, app.function),
    )


def _evidence(corpus: Corpus, tables: ScoringTables, edges: PairScores, k: int) -> Evidence:
    a, b = int(edges.left[k]), int(edges.right[k])
    if corpus.national[a] >= 0:
        a, b = b, a
    signals = []
    for signal in SIGNALS:
        added = float(edges.added[signal][k])
        if added != 0:
            signals.append(
                Signal(
                    signal,
                    round(float(edges.values[signal][k]), 3),
                    round(added, 3),
                    _detail(corpus, tables, signal, a, b),
                )
            )
    right, matched = _label(corpus.apps[b]), corpus.apps[b].name if corpus.national[b] >= 0 else ""
    return Evidence(_label(corpus.apps[a]), right, round(float(edges.total[k]), 3), tuple(signals), matched)


def _label(app: AppInput) -> str:
    return f"national:{app.national}" if app.national is not None else f"{app.ippd}/{app.element_id}"


def _detail(corpus: Corpus, tables: ScoringTables, signal: str, a: int, b: int) -> str:
    if signal == "short-form":
        key = int(pair_key(corpus.names.row_of[[a]], corpus.names.row_of[[b]])[0])
        return tables.short_detail.get(key, "")
    if signal == "function" and corpus.functions is not None:
        f = corpus.functions
        mine = set(f.indices[f.indptr[a] : f.indptr[a + 1]].tolist()) & set(
            f.indices[f.indptr[b] : f.indptr[b + 1]].tolist()
        )
        by_area: dict[int, list[str]] = {}
        for i in sorted(mine):
            by_area.setdefault(corpus.function_terms[i].area, []).append(corpus.function_terms[i].term)
        return "; ".join(
            f"{corpus.function_areas[area].label}: {', '.join(terms)}" for area, terms in sorted(by_area.items())
        )
    if signal == "url":
        return corpus.apps[a].url
    if signal == "reference":
        return corpus.apps[a].references[0]
    if signal == "reference-prefix":
        common = []
        for x, y in zip(corpus.apps[a].references[0].split("."), corpus.apps[b].references[0].split("."), strict=False):
            if x != y:
                break
            common.append(x)
        return ".".join(common)
    if signal == "footprint":
        return ", ".join(sorted(set(corpus.apps[a].servers) & set(corpus.apps[b].servers))[:6])
    if signal in ("services", "data"):
        same = corpus.ippd[a] == corpus.ippd[b] and corpus.ippd[a] >= 0
        if same:
            mine = set(getattr(corpus.apps[a], signal))
            return ", ".join(sorted(mine & set(getattr(corpus.apps[b], signal)))[:6])
        attribute = "service_codes" if signal == "services" else "data_codes"
        return ", ".join(sorted(set(getattr(corpus.apps[a], attribute)) & set(getattr(corpus.apps[b], attribute)))[:6])
    return ""
