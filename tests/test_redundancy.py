"""Redundant applications: each signal on tiny inputs (fires / does not), short forms, the fast path against
every pair, dismissals (both backends), scoping, the CLI and its formats, the national Aplikasi Umum, and
precision and recall on the labelled applications of Kabupaten Pesawaran and Serang (tests/data)."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from helpers import doc, organisation, write_yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from benchmarks.redundancy_real import app_inputs
from cli import app
from ea_repo import service
from ea_repo.access.principal import Principal, Role
from ea_repo.core.errors import ConfigError, NotFound, PermissionDenied
from ea_repo.core.yaml_io import dump_documents
from ea_repo.redundancy.candidates import candidate_pairs, scoring_tables
from ea_repo.redundancy.clustering import cluster as group_into_clusters
from ea_repo.redundancy.clustering import local_centres, national_anchors
from ea_repo.redundancy.engine import BRUTE, analyse, build_report
from ea_repo.redundancy.features import AppInput, build_corpus
from ea_repo.redundancy.scoring import PairScores, score_pairs
from ea_repo.redundancy.settings import SIGNALS, Candidates, Settings, load_settings, settings_from
from ea_repo.redundancy.text import abbreviates, name_form, normalise_url, owner_of, short_form_of
from metamodel import load_national_catalogue
from metamodel.aplikasi_umum import parse_catalogue

LABELLED = Path(__file__).parent / "data" / "redundancy_labelled.yaml"
CATALOGUE = load_national_catalogue()
runner = CliRunner()
# Pairwise over clusters (two applications are predicted redundant when one cluster holds both): what the issue
# asks for. The misses are listed in the README (Redundant applications).
PRECISION_FLOOR, RECALL_FLOOR = 0.9, 0.9


# --- names and short forms ---------------------------------------------------------------
def test_spellings_of_one_name_are_one_key():
    assert {name_form(n).key for n in ("e-Arsip", "E-ARSIP", "eArsip", "E Arsip")} == {"earsip"}
    assert name_form("SIM RS").key == name_form("SIMRS").key


def test_the_owner_words_are_dropped_unless_nothing_else_is_left():
    bapenda = owner_of("Kabupaten Pesawaran", "Badan Pendapatan Daerah", "Bapenda")
    assert name_form("SIMPEG Bapenda", bapenda).key == "simpeg"
    assert name_form("SAKIP Kab. Pesawaran", bapenda).key == "sakip"
    dinkes = owner_of("Kabupaten Pesawaran", "Dinas Kesehatan", "Dinkes")
    assert name_form("Website Dinas Kesehatan", dinkes).key == "websitedinaskesehatan"  # "website" alone says nothing


@pytest.mark.parametrize(
    "short, expansion",
    [
        ("simpeg", "Sistem Informasi Manajemen Kepegawaian"),
        ("sipd", "Sistem Informasi Pemerintahan Daerah"),
        ("simpatda", "Sistem Informasi Manajemen Pendapatan Daerah"),
        ("simbada", "Sistem Informasi Manajemen Barang Milik Daerah"),
        ("jdih", "Jaringan Dokumentasi dan Informasi Hukum"),
        ("bphtb", "Sistem Informasi Bea Perolehan Hak atas Tanah dan Bangunan"),
        ("siduga", "Sistem Informasi Kependudukan & Keluarga"),
        ("lapor", "Layanan Aspirasi dan Pengaduan Online Rakyat"),
    ],
)
def test_indonesian_short_forms_are_read(short, expansion):
    assert abbreviates(short, name_form(expansion).expansions[0])


@pytest.mark.parametrize(
    "short, expansion",
    [
        ("simpeg", "Sistem Informasi Pendataan Ternak"),
        ("siap", "Sistem Tata Administrasi Persuratan"),
        ("simda", "Sistem Informasi Manajemen Pendapatan Daerah"),
        ("sira", "Sistem Informasi Aplikasi Pelaporan"),
    ],
)
def test_look_alike_short_forms_are_not(short, expansion):
    assert not abbreviates(short, name_form(expansion).expansions[0])


def test_a_short_form_written_beside_its_expansion_is_found():
    assert short_form_of(name_form("SIDUGA"), name_form("Sistem Informasi Kependudukan & Keluarga (SIDUGA)"))
    assert short_form_of(name_form("SIMDA Keuangan"), name_form("Sistem Informasi Manajemen Daerah Keuangan"))
    assert short_form_of(name_form("Kasus DBD"), name_form("Data Base Demam")) is None  # DBD is not the name's own


def test_addresses_compare_without_scheme_case_and_slash():
    assert (
        normalise_url("http://www.Komdat.kemkes.go.id/")
        == normalise_url("https://komdat.kemkes.go.id")
        == "komdat.kemkes.go.id"
    )
    assert normalise_url("Local Host") == normalise_url("Offline/Local") == ""
    assert normalise_url("http://223.27.144.198:8081") != normalise_url("http://223.27.144.198")


# --- each signal ------------------------------------------------------------------------------
def _app(element_id: str, name: str, ippd: str = "kab", opd: str = "1", **fields) -> AppInput:
    return AppInput(ippd, element_id, name, opd, **fields)


def _score(a: AppInput, b: AppInput, settings: Settings | None = None, catalogue=CATALOGUE):
    corpus = build_corpus([a, b], catalogue.glossary() if catalogue else {}, catalogue.functions if catalogue else ())
    scores = score_pairs(corpus, scoring_tables(corpus), np.array([0]), np.array([1]), settings or Settings())
    return float(scores.total[0]), {k: float(v[0]) for k, v in scores.added.items() if v[0]}


def test_the_same_application_listed_twice():
    total, fired = _score(
        _app("A.1", "SIDUGA", url="http://siga.bkkbn.go.id/SR"), _app("A.2", "Siduga", url="siga.bkkbn.go.id/SR/")
    )
    assert total == 1.0 and {"same-name", "url", "name"} <= set(fired)
    total, fired = _score(_app("A.1", "SIDUGA"), _app("A.2", "SIDUGA", ippd="kota"))
    assert "same-name" not in fired and fired["name"] == pytest.approx(0.5)  # another IPPD: not "listed twice"


def test_similar_names_fire_and_names_that_differ_in_a_word_do_not():
    assert (
        "name"
        in _score(
            _app("A.1", "Sistem Informasi Manajemen Kepegawaian"), _app("A.2", "Sistem Informasi Manajemen Kepegawain")
        )[1]
    )
    total, fired = _score(
        _app("A.1", "Aplikasi Pemetaan Barang Persediaan"), _app("A.2", "Aplikasi Pelacakan Barang Persediaan")
    )
    assert "name" not in fired and total < 0.5


def test_a_short_form_against_its_expansion():
    total, fired = _score(_app("A.1", "SIMPEG"), _app("A.2", "Sistem Informasi Manajemen Kepegawaian"), catalogue=None)
    assert fired["short-form"] == pytest.approx(0.45)
    assert (
        "short-form"
        not in _score(_app("A.1", "SIMPEG"), _app("A.2", "Sistem Informasi Pendataan Ternak"), catalogue=None)[1]
    )


def test_descriptions_alike_and_unlike():
    text = "Pendaftaran pencari kerja dan penerbitan kartu kuning secara daring"
    total, fired = _score(
        _app("A.1", "PELAYANAN AK 1", function=text), _app("A.2", "Kartu Kuning Online", ippd="kota", function=text)
    )
    assert fired["description"] == pytest.approx(0.5) and fired["function"] == pytest.approx(
        0.375
    )  # pencari kerja, kartu kuning
    total, fired = _score(
        _app("A.1", "RS Online", function="Pelaporan data tempat tidur ke kementerian"),
        _app("A.2", "SIM RS", function="Pendaftaran pasien, rekam medis dan farmasi"),
    )
    assert fired["different-description"] == pytest.approx(-0.15) and total < 0.5


@pytest.mark.parametrize(
    "one, other, added",
    [
        ("Pengaduan masyarakat", "Pengaduan pelayanan publik", 0.25),  # one term of a function: the weight
        (
            "Surat masuk dan surat keluar",
            "Surat masuk, surat keluar dan disposisi",
            0.375,
        ),  # two ("surat" inside them is not a third)
        (
            "Penganggaran dan penatausahaan keuangan daerah",
            "Penganggaran, penatausahaan dan pelaporan keuangan daerah",
            0.5,
        ),
        ("Data ASN", "Data aparatur sipil negara", 0.25),  # a short form and its expansion are one term
        (
            "Layanan TNDE perangkat daerah",
            "Tata naskah dinas elektronik",
            0.25,
        ),  # not three: "tata naskah", "naskah dinas" lie inside it
        ("SIMPEG perangkat daerah", "Sistem informasi manajemen kepegawaian daerah", 0.25),  # not "kepegawaian" besides
        ("Pendataan ternak", "Pendataan ikan", 0.0),
    ],
)
def test_the_function_signal_grows_with_the_terms_two_applications_both_say(one, other, added):
    fired = _score(_app("A.1", "Satu", function=one), _app("A.2", "Dua", function=other))[1]
    assert fired.get("function", 0.0) == pytest.approx(added)


def test_reference_codes_count_by_how_rare_they_are():
    a = _app("A.1", "Satu", references=("RAA.01.02",))
    b = _app("A.2", "Dua", references=("RAA.01.02",))
    assert _score(a, b)[1].get("reference", 0.0) == pytest.approx(0.0)  # every application has it: says nothing
    corpus_apps = [
        a,
        b,
        _app("A.3", "Tiga", references=("RAA.02.01",)),
        _app("A.4", "Empat", references=("RAA.02.02",)),
    ]
    corpus = build_corpus(corpus_apps, {})
    scores = score_pairs(corpus, scoring_tables(corpus), np.array([0, 2]), np.array([1, 3]), Settings())
    assert scores.added["reference"][0] == pytest.approx(0.05)  # half of them: half the weight
    assert scores.added["reference-prefix"][1] == pytest.approx(0.025)


def test_services_and_data_by_id_in_one_ippd_and_by_code_across():
    same = _score(
        _app("A.1", "Satu", services=("L.1", "L.2"), data=("D.1",)),
        _app("A.2", "Dua", services=("L.2",), data=("D.1",)),
    )[1]
    assert same["services"] == pytest.approx(0.1) and same["data"] == pytest.approx(0.15)
    across = _score(
        _app("A.1", "Satu", services=("L.1",), service_codes=("RAL.02.04",)),
        _app("A.1", "Dua", ippd="kota", services=("L.1",), service_codes=("RAL.02.04",)),
    )[1]
    assert across["services"] == pytest.approx(
        0.1
    )  # the same code, half weight across IPPDs; the ID alone says nothing


def test_settings_are_checked_all_at_once(tmp_path):
    with pytest.raises(ConfigError) as caught:
        settings_from({"threshold": 2, "weights": {"name": "x", "colour": 1}, "nonsense": 1})
    assert len(caught.value.problems) == 4
    path = tmp_path / "redundancy.yaml"
    path.write_text("threshold: 0.7\nweights: {name: 0.4}\ncandidates: {neighbours: 10}\n", encoding="utf-8")
    loaded = load_settings(path)
    assert (loaded.threshold, loaded.weights["name"], loaded.candidates.neighbours) == (0.7, 0.4, 10)


def test_the_national_list_is_complete_and_sourced():
    keys = {a.key for a in CATALOGUE.applications}
    assert {"srikandi", "sipd", "spse", "siasn", "sp4n-lapor", "jdih"} <= keys
    assert all(a.sources and a.owner and a.function for a in CATALOGUE.applications)
    assert all(
        a.reference in ("", "RAA.01.01", "RAA.01.02") for a in CATALOGUE.applications
    )  # nothing deeper is invented
    with pytest.raises(ValueError, match="source"):
        parse_catalogue(
            {
                "aplikasi_umum": [
                    {"key": "x", "name": "X", "owner": "o", "function": "f", "designation": "pusat", "mode": "use"}
                ]
            }
        )


# --- the labelled applications -----------------------------------------------------------------
def labelled() -> tuple[list[AppInput], dict, list[dict]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    truth = {(row["ippd"], row["id"]): row for row in data["applications"]}
    return app_inputs(data), truth, data


def precision_recall(report, truth: dict, ippd: str | None = None) -> tuple[float, float, float, float]:
    """Pairwise over clusters, uncertain applications left out; and the same for "use national X"."""
    items = [k for k, row in truth.items() if (ippd is None or k[0] == ippd) and not row.get("uncertain")]
    predicted = {
        p for c in report.clusters for p in itertools.combinations(sorted((m.ippd, m.element_id) for m in c.members), 2)
    }
    predicted = {p for p in predicted if p[0] in items and p[1] in items}
    true = {
        (a, b)
        for a, b in itertools.combinations(sorted(items), 2)
        if truth[a].get("group") and truth[a].get("group") == truth[b].get("group")
    }
    national = {(m.ippd, m.element_id): c.national.key for c in report.clusters if c.national for m in c.members}
    found = {k: v for k, v in national.items() if k in items}
    wanted = {k: truth[k]["national"] for k in items if truth[k].get("national")}
    hits = sum(1 for k, v in found.items() if wanted.get(k) == v)
    return (
        len(predicted & true) / max(len(predicted), 1),
        len(predicted & true) / max(len(true), 1),
        hits / max(len(found), 1),
        hits / max(len(wanted), 1),
    )


def test_the_labelled_set_is_what_the_issue_asks_for():
    apps, truth, _ = labelled()
    assert len(apps) >= 60 and all(row.get("source") for row in truth.values())
    groups = {row.get("group") for row in truth.values() if row.get("group")}
    assert len(groups) >= 15 and sum(1 for r in truth.values() if r.get("national")) >= 10
    assert {k[0] for k in truth} == {"kab-pesawaran", "kab-serang"}


def test_precision_and_recall_on_the_labelled_applications_across_both_kabupaten():
    apps, truth, _ = labelled()
    settings = Settings()
    report = build_report(
        analyse(apps, settings, CATALOGUE),
        settings,
        CATALOGUE,
        scope="national",
        ippds=("kab-pesawaran", "kab-serang"),
        plateau="as-is",
    )
    precision, recall, national_precision, national_recall = precision_recall(report, truth)
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, (precision, recall)
    assert national_precision >= PRECISION_FLOOR and national_recall >= RECALL_FLOOR, (
        national_precision,
        national_recall,
    )


@pytest.mark.parametrize("ippd", ["kab-pesawaran", "kab-serang"])
def test_precision_on_the_labelled_applications_of_one_kabupaten(ippd):
    apps, truth, _ = labelled()
    settings = Settings()
    mine = [a for a in apps if a.ippd == ippd]
    report = build_report(
        analyse(mine, settings, CATALOGUE), settings, CATALOGUE, scope="ippd", ippds=(ippd,), plateau="as-is"
    )
    precision, recall, national_precision, _ = precision_recall(report, truth, ippd)
    assert precision >= PRECISION_FLOOR and national_precision >= PRECISION_FLOOR, (precision, recall)


def test_the_fast_path_finds_every_redundant_pair_that_comparing_all_pairs_finds():
    apps, _, _ = labelled()
    settings = Settings()
    fast, brute = analyse(apps, settings, CATALOGUE), analyse(apps, settings, CATALOGUE, method=BRUTE)

    def pairs(analysis):  # a national application's names are one node
        who = [a.national or a.key for a in analysis.corpus.apps]
        return {
            (who[i], who[j]) for i, j in zip(analysis.edges.left.tolist(), analysis.edges.right.tolist(), strict=False)
        }

    assert pairs(brute) and pairs(brute) == pairs(fast)  # the labelled names are all distinct: nothing is sampled
    assert fast.candidates < brute.candidates / 20


def test_candidates_stand_for_a_shared_name_with_a_few_applications():
    apps = [_app(f"A.{i:03d}", "SIMPEG", ippd=f"kab{i}") for i in range(30)] + [
        _app("A.100", "Simpeg Online", ippd="kota")
    ]
    corpus = build_corpus(apps, CATALOGUE.glossary(), CATALOGUE.functions)
    left, right = candidate_pairs(corpus, scoring_tables(corpus), Settings())
    assert len(left) < 60  # a star over the 30, and a few of them against the other name: not 30 x 29 / 2


# --- clusters -------------------------------------------------------------------------------------
def _edges(*triples) -> PairScores:
    left, right, total = (np.array(v) for v in zip(*triples, strict=False))
    nothing = {k: np.zeros(len(left), dtype=np.float32) for k in SIGNALS}
    return PairScores(left.astype(np.int32), right.astype(np.int32), total.astype(np.float32), nothing, dict(nothing))


def _distinct_texts(national: np.ndarray, names: list[int] | None = None) -> SimpleNamespace:
    n = len(national)
    return SimpleNamespace(
        national=national,
        size=n,
        names=SimpleNamespace(row_of=np.array(names if names else range(n))),
        descriptions=SimpleNamespace(row_of=np.full(n, -1)),
    )


def test_a_national_cluster_takes_direct_copies_and_their_closest_look_alikes_but_not_a_chain():
    # 0, 1: names of national application 0 (SIPD); 2: national application 1; 3..7 local applications
    national = np.array([0, 0, 1, -1, -1, -1, -1, -1])
    edges = _edges(
        (1, 3, 0.9),  # 3 is a copy of national 0
        (2, 4, 0.65),
        (0, 4, 0.7),  # 4 looks like both national applications: the stronger one
        (3, 5, 0.6),  # 5 is like the copy 3, not like national 0 itself: joins through it
        (5, 6, 0.8),  # 6 is like 5 only: a chain, not a copy of national 0
        (6, 7, 0.55),
    )
    assert national_anchors(national, edges).tolist() == [0, 0, 1, 0, 0, 0, -1, -1]


def test_local_clusters_gather_around_centres_and_do_not_chain():
    # 0 is paired with 1, 2, 3 (the centre); 4 through 3; 5 through 4 only: three pairs from the centre
    edges = _edges((0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7), (3, 4, 0.6), (4, 5, 0.9), (5, 6, 0.55), (7, 8, 0.5))
    centre = local_centres(9, edges)
    assert centre.tolist()[:5] == [0, 0, 0, 0, 0] and centre[5] == centre[6] == 5 and centre[7] == centre[8] != 0


def test_an_application_left_alone_joins_its_strongest_partner_but_not_into_a_national_cluster():
    corpus = _distinct_texts(np.array([0, -1, -1, -1, -1, -1, -1, -1, -1]))
    # 0 national, 1 its copy, 2 like the copy; 3 like 2 only: too far from the national one, and alone
    # 4..8: 4 the centre of 5 and 6, 7 through 6; 8 paired with 7 only gets no centre of its own: it joins 7
    edges = _edges((0, 1, 0.9), (1, 2, 0.6), (2, 3, 0.7), (4, 5, 0.9), (4, 6, 0.8), (6, 7, 0.7), (7, 8, 0.6))
    assert local_centres(9, edges.take(np.array([False] * 3 + [True] * 4))).tolist()[4:] == [4, 4, 4, 4, 8]
    clusters = sorted(sorted(g.tolist()) for g in group_into_clusters(corpus, edges, []).clusters)
    assert clusters == [[0, 1, 2], [4, 5, 6, 7, 8]]


def test_applications_with_one_text_cluster_alike_whether_their_pairs_are_a_star_or_all_pairs():
    # 0..4 one name (a unit of five); 5 like it, 6 like 5 only, 7 like 6 only; 8 and 9 another pair. The fast
    # path scores the name through one of its applications (3): per application, 5 would be two pairs from the
    # centre 0 and 6, 7 a cluster of their own; per unit, 5 is one pair from it, as when every pair is scored
    corpus = _distinct_texts(np.full(10, -1), [0, 0, 0, 0, 0, 1, 2, 3, 4, 5])
    star = [(0, k, 1.0) for k in range(1, 5)] + [(3, 5, 0.7), (5, 6, 0.6), (6, 7, 0.55), (8, 9, 0.9)]
    every = (
        [(a, b, 1.0) for a, b in itertools.combinations(range(5), 2)]
        + [(k, 5, 0.7) for k in range(5)]
        + [(5, 6, 0.6), (6, 7, 0.55), (8, 9, 0.9)]
    )
    fast, brute = (
        sorted(sorted(g.tolist()) for g in group_into_clusters(corpus, _edges(*pairs), []).clusters)
        for pairs in (star, every)
    )
    assert fast == brute == [[0, 1, 2, 3, 4, 5, 6, 7], [8, 9]]


def test_the_applications_standing_for_a_shared_name_cover_its_different_descriptions():
    same = "Pengelolaan data induk dan mutasi kepegawaian daerah"
    apps = [_app(f"A.{i}", "SIMPEG", ippd=f"kab{i}", function=same) for i in range(4)]
    apps += [
        _app("A.4", "SIMPEG", ippd="kab4", function="Pencatatan cuti dan presensi harian pegawai"),
        _app("A.5", "Simpeg Online", ippd="kota"),
    ]
    corpus = build_corpus(apps, CATALOGUE.glossary(), CATALOGUE.functions)
    left, right = candidate_pairs(corpus, scoring_tables(corpus), replace(Settings(), candidates=Candidates(sample=2)))
    pairs = set(zip(left.tolist(), right.tolist(), strict=False))
    assert (
        (4, 5) in pairs and (0, 5) in pairs and (1, 5) not in pairs
    )  # two of the name's applications: one per description


# --- recommendations ------------------------------------------------------------------------------
def test_a_local_personnel_system_is_told_to_use_siasn():
    apps = [
        _app("A.1", "SIMPEG", function="Data pegawai, kenaikan pangkat dan mutasi pegawai"),
        _app("A.2", "Aplikasi Kepegawaian BKPSDM", opd="2", function="Data induk pegawai dan mutasi pegawai"),
    ]
    report = build_report(
        analyse(apps, Settings(), CATALOGUE), Settings(), CATALOGUE, scope="ippd", ippds=("kab",), plateau="as-is"
    )
    (cluster,) = report.clusters
    assert cluster.national.key == "siasn" and cluster.recommendation.action == "use-national"
    assert "SIASN" in cluster.recommendation.reasons[0].get("en")


def test_the_national_application_itself_is_not_a_duplicate():
    report = build_report(
        analyse([_app("A.1", "SPSE", function="Tender elektronik")], Settings(), CATALOGUE),
        Settings(),
        CATALOGUE,
        scope="ippd",
        ippds=("kab",),
        plateau="as-is",
    )
    assert report.clusters == ()


def test_consolidate_into_the_most_linked_one_and_say_why():
    apps = [
        _app("A.1", "Sistem Informasi Pendataan Ternak", function="Pendataan ternak sapi dan kambing"),
        _app(
            "A.2",
            "Aplikasi Pendataan Ternak",
            opd="2",
            function="Pendataan ternak sapi dan kambing",
            services=("L.1", "L.2"),
        ),
    ]
    report = build_report(
        analyse(apps, Settings(), None), Settings(), None, scope="ippd", ippds=("kab",), plateau="as-is"
    )
    (cluster,) = report.clusters
    assert cluster.recommendation.action == "consolidate" and cluster.recommendation.keep.element_id == "A.2"
    assert any("2 services" in r.get("en") for r in cluster.recommendation.reasons)
    assert {s.signal for s in cluster.evidence[0].signals} >= {"name", "description"}


def test_a_row_listed_twice_is_a_duplicate_to_delete():
    apps = [_app("A.1", "Kampung KB"), _app("A.2", "Kampung KB")]
    (cluster,) = build_report(
        analyse(apps, Settings(), None), Settings(), None, scope="ippd", ippds=("kab",), plateau="as-is"
    ).clusters
    assert cluster.recommendation.action == "remove-duplicate" and cluster.recommendation.keep.element_id == "A.1"


def test_dismissed_applications_never_share_a_cluster():
    apps = [
        _app("A.1", "Sistem Informasi Pendataan Ternak"),
        _app("A.2", "Aplikasi Pendataan Ternak", opd="2"),
        _app("A.3", "Portal Pendataan Ternak", opd="3"),
    ]
    assert (
        len(
            build_report(
                analyse(apps, Settings(), None), Settings(), None, scope="ippd", ippds=("kab",), plateau="as-is"
            )
            .clusters[0]
            .members
        )
        == 3
    )
    analysis = analyse(apps, Settings(), None, [frozenset({("kab", "A.1"), ("kab", "A.2")})])
    report = build_report(analysis, Settings(), None, scope="ippd", ippds=("kab",), plateau="as-is")
    for cluster in report.clusters:
        assert {"A.1", "A.2"} - {m.element_id for m in cluster.members}


# --- the service: dismissals on both backends, scopes --------------------------------------------
def _world(repo) -> None:
    docs = (
        organisation("kab", ("1", "2"))
        + organisation("kota", ("1",))
        + [
            doc("Application", "A.001", name="SIMPEG", opd="1", function="Data pegawai dan mutasi pegawai"),
            doc(
                "Application",
                "A.002",
                name="Sistem Informasi Manajemen Kepegawaian",
                opd="2",
                function="Data pegawai dan mutasi pegawai",
            ),
            doc("Application", "A.003", name="Sistem Informasi Pendataan Ternak", opd="1", function="Pendataan ternak"),
            doc("Application", "A.004", name="Aplikasi Pendataan Ternak", opd="2", function="Pendataan ternak"),
            doc(
                "Application",
                "A.001",
                name="SIMPEG Kota",
                ippd="kota",
                opd="1",
                function="Data pegawai dan mutasi pegawai",
            ),
        ]
    )
    service.import_text(repo, dump_documents(docs), name="world.yaml", principal=service.local_principal())


def test_dismissals_are_stored_audited_and_respected(repo):
    _world(repo)
    before = service.redundancy_report(repo, ippd="kab", principal=service.local_principal())
    ternak = next(c for c in before.clusters if {m.element_id for m in c.members} == {"A.003", "A.004"})
    stored = service.dismiss_redundancy(
        repo, cluster=ternak.id, ippd="kab", reason="Ternak sapi dan ternak unggas", principal=service.local_principal()
    )
    assert stored.cluster == ternak.id and stored.keys == {("kab", "A.003"), ("kab", "A.004")}
    assert (
        service.dismiss_redundancy(
            repo, members=["A.004", "A.003"], ippd="kab", reason="lagi", principal=service.local_principal()
        ).id
        == stored.id
    )  # once
    after = service.redundancy_report(repo, ippd="kab", principal=service.local_principal())
    assert ternak.id not in {c.id for c in after.clusters} and after.dismissals == 1
    (listed,) = service.redundancy_dismissals(repo, ippd="kab", principal=service.local_principal())
    assert (listed.reason, listed.actor.startswith("cli:")) == ("Ternak sapi dan ternak unggas", True)
    history = service.history(repo, element_id="A.003", ippd="kab", principal=service.local_principal())
    assert history[0].change.action == "dismiss-redundancy"
    service.restore_redundancy(repo, dismissal_id=stored.id, principal=service.local_principal())
    assert ternak.id in {
        c.id for c in service.redundancy_report(repo, ippd="kab", principal=service.local_principal()).clusters
    }
    assert service.redundancy_dismissals(repo, principal=service.local_principal()) == []


def test_the_application_the_users_column_says_every_opd_shares_is_kept(repo):
    queue = "Antrean nomor loket pelayanan dan panggilan pengunjung"
    docs = organisation("kab", ("1", "2", "3")) + [
        doc("Application", "A.001", name="Sistem Antrean", opd="1", function=queue),
        doc("Application", "A.002", name="Antrean Loket Terpadu", opd="2", function=queue, users="Seluruh OPD"),
        doc("Application", "A.003", name="Aplikasi Antrean", opd="3", function=queue),
    ]
    service.import_text(repo, dump_documents(docs), name="queues.yaml", principal=service.local_principal())
    (found,) = service.redundancy_report(repo, ippd="kab", principal=service.local_principal()).clusters
    assert found.recommendation.keep is not None and found.recommendation.keep.element_id == "A.002"
    assert any("seluruh opd" in reason.id for reason in found.recommendation.reasons)


def test_dismissal_problems_are_refused(repo):
    _world(repo)
    with pytest.raises(ConfigError):
        service.dismiss_redundancy(
            repo, members=["A.001", "A.002"], ippd="kab", reason=" ", principal=service.local_principal()
        )
    with pytest.raises(ConfigError):
        service.dismiss_redundancy(
            repo, members=["A.001"], ippd="kab", reason="satu", principal=service.local_principal()
        )
    with pytest.raises(NotFound):
        service.dismiss_redundancy(
            repo, members=["A.001", "A.099"], ippd="kab", reason="tidak ada", principal=service.local_principal()
        )
    with pytest.raises(NotFound):
        service.dismiss_redundancy(
            repo, cluster="R-00000000", ippd="kab", reason="tidak ada", principal=service.local_principal()
        )
    opd1 = Principal("opd1", Role.ARCHITECT, "kab", frozenset({"1"}))
    with pytest.raises(NotFound):  # another OPD's application is hidden from it: missing, not forbidden (issue 16)
        service.dismiss_redundancy(
            repo, principal=opd1, members=["A.001", "A.002"], ippd="kab", reason="bukan wewenang"
        )


def test_an_ippd_token_never_sees_another_ippds_applications(repo):
    _world(repo)
    kab = Principal("kab", Role.VIEWER, "kab")
    national = service.redundancy_report(repo, principal=kab, scope="national")
    assert {m.ippd for c in national.clusters for m in c.members} == {"kab"} and national.ippds == ("kab",)
    everyone = service.redundancy_report(repo, scope="national", principal=service.local_principal())
    assert "kota" in {m.ippd for c in everyone.clusters for m in c.members}
    with pytest.raises(PermissionDenied):
        service.redundancy_report(repo, principal=kab, ippd="kota")
    opd1 = Principal("opd1", Role.VIEWER, "kab", frozenset({"1"}))
    assert {m.opd for c in service.redundancy_report(repo, principal=opd1, ippd="kab").clusters for m in c.members} <= {
        "1"
    }
    with pytest.raises(PermissionDenied):
        service.redundancy_report(repo, principal=opd1, ippd="kab", opd="2")


def test_the_labelled_set_through_the_repository(repo):
    _, truth, data = labelled()
    docs = []
    for ippd in data["ippds"]:
        docs.append({"apiVersion": "ea-repo/v1", "kind": "IPPD", "metadata": {"id": ippd["id"], "name": ippd["name"]}})
        docs += [
            {
                "apiVersion": "ea-repo/v1",
                "kind": "OPD",
                "metadata": {"id": o["code"], "name": o["name"], "ippd": ippd["id"]},
                "spec": {"short_name": o["short"]},
            }
            for o in data["opds"][ippd["id"]]
        ]
    for row in data["applications"]:
        spec = {k: row[k] for k in ("description", "function", "developer", "url") if row.get(k)}
        docs.append(
            doc(
                "Application",
                row["id"],
                name=row["name"],
                ippd=row["ippd"],
                opd=row["opd"],
                reference=row["reference"],
                **spec,
            )
        )
    service.import_text(repo, dump_documents(docs), name="labelled.yaml", principal=service.local_principal())
    report = service.redundancy_report(repo, scope="national", principal=service.local_principal())
    precision, recall, _, _ = precision_recall(report, truth)
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, (precision, recall)


# --- the CLI ----------------------------------------------------------------------------------
def test_the_cli_writes_every_format_and_records_dismissals(tmp_path):
    db = f"sqlite:///{tmp_path}/ea.db"
    assert runner.invoke(app, ["--db", db, "init"]).exit_code == 0
    docs = organisation("kab", ("1", "2")) + [
        doc(
            "Application", "A.001", name="Sistem Informasi Pendataan Ternak", opd="1", function="Pendataan ternak sapi"
        ),
        doc("Application", "A.002", name="Aplikasi Pendataan Ternak", opd="2", function="Pendataan ternak sapi"),
        doc("Application", "A.003", name="SIMPEG", opd="1", function="Data pegawai dan mutasi pegawai"),
    ]
    assert runner.invoke(app, ["--db", db, "import", str(write_yaml(tmp_path / "k.yaml", docs))]).exit_code == 0
    table = runner.invoke(app, ["--db", db, "redundancy"])
    assert (
        table.exit_code == 0
        and "A.001" in table.stdout
        and "SIASN" in table.stdout
        and "konsolidasikan" in table.stdout
    )
    english = runner.invoke(app, ["--db", db, "--lang", "en", "redundancy", "--format", "json"])
    data = json.loads(english.stdout)
    assert {c["recommendation"]["action"] for c in data["clusters"]} == {"consolidate", "use-national"}
    assert all(s["added"] for c in data["clusters"] for e in c["evidence"] for s in e["signals"])
    assert "| " in runner.invoke(app, ["--db", db, "redundancy", "--format", "md"]).stdout
    assert "<table>" in runner.invoke(app, ["--db", db, "redundancy", "--format", "html"]).stdout
    assert runner.invoke(app, ["--db", db, "redundancy", "--format", "xlsx"]).exit_code == 2  # binary: needs -o
    book = tmp_path / "r.xlsx"
    assert runner.invoke(app, ["--db", db, "redundancy", "-o", str(book)]).exit_code == 0
    assert load_workbook(io.BytesIO(book.read_bytes())).sheetnames == ["Klaster", "Anggota", "Bukti"]
    assert runner.invoke(app, ["--db", db, "redundancy", "--scope", "national", "--format", "json"]).exit_code == 0
    dismissed = runner.invoke(
        app, ["--db", db, "redundancy", "dismiss", "A.001", "A.002", "--reason", "Sapi dan unggas"]
    )
    assert dismissed.exit_code == 0, dismissed.stdout
    listed = runner.invoke(app, ["--db", db, "redundancy", "dismissals", "--format", "json"])
    assert json.loads(listed.stdout)[0]["reason"] == "Sapi dan unggas"
    assert "A.002" not in runner.invoke(app, ["--db", db, "redundancy"]).stdout
    assert runner.invoke(app, ["--db", db, "redundancy", "restore", "1"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "redundancy", "dismiss", "A.001", "--reason", "x"]).exit_code == 2
    settings = tmp_path / "s.yaml"
    settings.write_text("threshold: 3\n", encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "redundancy", "--settings", str(settings)]).exit_code == 2


# --- one job twice in one place: a same service, server and reference code (issue 21) ---------------
SIMPUS = dict(
    description="Sistem Informasi Manajemen Puskesmas untuk pendaftaran pasien, rekam medis dan pelaporan",
    function="Pencatatan pelayanan pasien di puskesmas",
)
E_PUSKESMAS = dict(
    description="Aplikasi pelayanan kesehatan di puskesmas secara elektronik", function="Pelayanan pasien puskesmas"
)


def _puskesmas_catalogue(tmp_path, runs_on=("I.PKS.1", "I.PKS.1")) -> Path:
    docs = organisation(opds=("1", "2")) + [
        doc("Service", "L.1", name="Layanan kesehatan dasar", reference="RAL.01.05"),
        doc("Server", "I.PKS.1"),
        doc("Server", "I.PKS.2"),
        doc(
            "Application", "A.1", name="SIMPUS", reference="RAA.01.01", services=["L.1"], runs_on=[runs_on[0]], **SIMPUS
        ),
        doc(
            "Application",
            "A.2",
            name="e-Puskesmas",
            reference="RAA.01.01",
            services=["L.1"],
            runs_on=[runs_on[1]],
            **E_PUSKESMAS,
        ),
        doc(
            "Application",
            "A.3",
            name="Website Dinas",
            opd="2",
            reference="RAA.01.02",
            description="Portal berita dinas",
        ),
        doc(
            "Application",
            "A.4",
            name="SIMDA Barang",
            opd="2",
            reference="RAA.02.02",
            description="Inventaris barang milik daerah",
        ),
    ]
    return write_yaml(tmp_path / "puskesmas.yaml", docs)


def _pairs(report) -> set[frozenset[str]]:
    return {frozenset(m.element_id for m in c.members) for c in report.clusters}


def test_a_same_service_server_and_code_in_one_ippd_finds_simpus_and_e_puskesmas(repo, tmp_path):
    """The near miss of issue 21: 0.46 without the footprint (description, code, service), 0.61 with it."""
    service.import_paths(repo, [_puskesmas_catalogue(tmp_path)], principal=service.local_principal())
    report = service.redundancy_report(
        repo, ippd=organisation()[0]["metadata"]["id"], national=False, principal=service.local_principal()
    )
    assert frozenset({"A.1", "A.2"}) in _pairs(report)
    evidence = next(
        e
        for c in report.clusters
        for e in c.evidence
        if {c.members[0].element_id, c.members[1].element_id} == {"A.1", "A.2"}
    )
    fired = {s.signal: s for s in evidence.signals}
    assert fired["footprint"].added == pytest.approx(0.15) and fired["footprint"].detail == "I.PKS.1"
    without = Settings(weights={**Settings().weights, "footprint": 0.0})
    assert frozenset({"A.1", "A.2"}) not in _pairs(
        service.redundancy_report(
            repo,
            ippd=organisation()[0]["metadata"]["id"],
            national=False,
            settings=without,
            principal=service.local_principal(),
        )
    )


def test_the_footprint_needs_the_same_server_too(repo, tmp_path):
    service.import_paths(
        repo, [_puskesmas_catalogue(tmp_path, runs_on=("I.PKS.1", "I.PKS.2"))], principal=service.local_principal()
    )
    report = service.redundancy_report(
        repo, ippd=organisation()[0]["metadata"]["id"], national=False, principal=service.local_principal()
    )
    assert frozenset({"A.1", "A.2"}) not in _pairs(report)


def test_the_footprint_corroborates_and_never_decides_alone():
    shared = dict(references=("RAA.01.01",), services=("L.1",), servers=("I.PKS.1",))
    total, fired = _score(
        _app("A.1", "SIMPUS", description="Pendaftaran pasien puskesmas", **shared),
        _app("A.2", "Portal Perizinan", description="Izin usaha mikro dan kecil secara daring", **shared),
    )
    assert fired["footprint"] == pytest.approx(0.15) and total < Settings().threshold
    other_ippd = _score(_app("A.1", "SIMPUS", **shared), _app("A.2", "SIMPUS Online", ippd="kota", **shared))[1]
    assert "footprint" not in other_ippd  # IDs of services and servers mean nothing across IPPDs
    other_code = _score(
        _app("A.1", "SIMPUS", **shared), _app("A.2", "e-Puskesmas", **{**shared, "references": ("RAA.01.02",)})
    )[1]
    assert "footprint" not in other_code
