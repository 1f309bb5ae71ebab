"""The redundancy finder on what real inventories bring (issue 20, first tuning pass): text as exports leave it,
spelling variants and synonyms as metamodel data, national applications however they are written, and a description
disagreement that vetoes a like-name match. Small examples of our own, not rows of the real files."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from benchmarks.redundancy_real import held_out, misses
from ea_repo.redundancy.candidates import scoring_tables
from ea_repo.redundancy.clustering import national_anchors
from ea_repo.redundancy.engine import analyse, build_report
from ea_repo.redundancy.features import AppInput, build_corpus
from ea_repo.redundancy.model import CONSOLIDATE, ONE_PRODUCT, REMOVE_DUPLICATE, Member
from ea_repo.redundancy.recommend import USE_NATIONAL, recommend
from ea_repo.redundancy.scoring import score_pairs
from ea_repo.redundancy.settings import Settings
from ea_repo.redundancy.text import (
    clean_text,
    compared_text,
    description_words,
    name_form,
    own_site,
    owner_of,
    shared_use,
    url_in_name,
)
from metamodel import load_national_catalogue, word_variants
from metamodel.registry import MetamodelError, parse_word_variants

CATALOGUE = load_national_catalogue()
REAL = sorted((Path(__file__).parent / "data" / "redundancy_real").glob("*.yaml"))


def _app(element_id: str, name: str, opd: str = "1", ippd: str = "kota", **fields) -> AppInput:
    return AppInput(ippd, element_id, name, opd, **fields)


def _scores(apps: list[AppInput], catalogue=None) -> dict[tuple[str, str], tuple[float, dict[str, float]]]:
    """Every pair of local applications scored: {(id, id): (total, what each signal that fired added)}."""
    glossary, functions = (catalogue.glossary(), catalogue.functions) if catalogue else ({}, ())
    corpus = build_corpus(apps, glossary, functions)
    pairs = [(i, j) for i in range(len(apps)) for j in range(i + 1, len(apps))]
    left, right = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    scores = score_pairs(corpus, scoring_tables(corpus), left, right, Settings())
    return {
        (apps[i].element_id, apps[j].element_id): (
            float(scores.total[k]),
            {s: float(v[k]) for s, v in scores.added.items() if v[k]},
        )
        for k, (i, j) in enumerate(pairs)
    }


# --- text as exports leave it -------------------------------------------------------------------------------
def test_markup_and_escaped_line_breaks_are_not_words():
    assert clean_text("Mengelola surat masuk<br />\r\n<br />\r\nsurat keluar") == "Mengelola surat masuk surat keluar"
    assert clean_text("Mencatat antrean.\\r\\nMelayani warga") == "Mencatat antrean. Melayani warga"
    assert clean_text("&nbsp;Layanan<b>pajak</b>") == "Layanan pajak"


def test_the_stray_rn_of_an_escaped_line_break_is_dropped_but_words_keep_their_rn():
    assert clean_text("Pendaftaran pasien.rnrnJadwal dokter") == "Pendaftaran pasien. Jadwal dokter"
    assert clean_text("Data pelayananrnPengaduan warga") == "Data pelayanan Pengaduan warga"
    assert clean_text("rn Informasi internal modern") == "Informasi internal modern"


def test_a_dash_or_keyboard_mashing_is_no_description():
    assert clean_text("-") == clean_text(" . ") == clean_text("0") == ""
    assert clean_text("qwrtzpsdfgh<br />\r\nzxcvbnmlkjh") == ""
    corpus = build_corpus(
        [_app("A.1", "Sistem Antrean", description="-"), _app("A.2", "e-Arsip", description="Mengelola arsip surat")],
        {},
    )
    assert corpus.descriptions.row_of[0] == -1 and corpus.descriptions.row_of[1] >= 0


def test_a_name_that_is_an_address_is_read_as_the_address_too():
    assert url_in_name("hargapasar.kotaku.go.id") == "hargapasar.kotaku.go.id"
    assert url_in_name("Harga Pasar") == url_in_name("e-Kinerja v1.2") == ""
    found = _scores(
        [
            _app("A.1", "hargapasar.kotaku.go.id", opd="1"),
            _app("A.2", "Info Harga Bahan Pokok", opd="2", url="https://hargapasar.kotaku.go.id/"),
        ]
    )
    assert found[("A.1", "A.2")][1].get("url") == pytest.approx(0.5)


# --- spelling variants and synonyms, as data ------------------------------------------------------------------
def test_spelling_variants_are_one_word_in_names_and_descriptions():
    assert name_form("SIM Perijinan").key == name_form("SIM Perizinan").key
    assert description_words("Pengajuan ijin usaha") == description_words("Pengajuan izin usaha")
    assert name_form("Sistem Antrian").key == name_form("Sistem Antrean").key


def test_synonyms_are_compared_as_one_word():
    assert compared_text("data aparatur") == compared_text("data pegawai") == compared_text("data asn")
    assert compared_text("pengembangan sdm") == compared_text("pengembangan kepegawaian")


def test_word_variants_are_metamodel_data_with_a_source_each():
    variants = word_variants()
    assert variants.spelling["perijinan"] == "perizinan" and {"mpp", "paten"} <= variants.not_telling
    with pytest.raises(MetamodelError):
        parse_word_variants({"ejaan": [{"forms": ["izin", "ijin"]}]})
    with pytest.raises(MetamodelError, match="kata_umum"):
        parse_word_variants({"kata_umum": [{"words": ["memudahkan"]}]})
    with pytest.raises(MetamodelError, match="seluruh_pengguna"):
        parse_word_variants({"seluruh_pengguna": {"semua": ["seluruh"], "pengguna": ["opd"]}})
    document = yaml.safe_load((Path(__file__).parent.parent / "metamodel/data/padanan_kata.yaml").read_text())
    assert all(entry.get("source") for entry in document["kata_umum"]) and document["seluruh_pengguna"]["source"]


def test_a_place_or_programme_name_does_not_make_two_names_differ():
    assert name_form("Antrian Online MPP").key == name_form("Antrian Online").key
    assert name_form("Sistem Antrian Terpadu (PATEN)").key == name_form("Sistem Antrian Terpadu").key
    assert name_form("MPP").key == "mpp"  # a name of nothing else keeps it


# --- descriptions: a disagreement vetoes a like name; two OPDs saying one job ---------------------------------
def test_a_description_disagreement_vetoes_a_like_name_match():
    simbada = dict(description="Inventarisasi barang milik daerah dan aset tetap")
    other = dict(description="Pemantauan kualitas udara dan air sungai")
    found = _scores(
        [
            _app("A.1", "SIMBADA", opd="1", **simbada),
            _app("A.2", "SIMBADA Online", opd="2", **other),
            _app("A.3", "SIMBADA Mobile", opd="3", description="Inventarisasi barang milik daerah di gudang"),
        ]
    )
    total, fired = found[("A.1", "A.2")]
    assert "name" not in fired and fired["different-description"] < 0 and total == 0
    assert found[("A.1", "A.3")][0] >= Settings().threshold  # like names, agreeing descriptions


def test_identical_names_or_addresses_are_not_vetoed():
    simbada = dict(description="Inventarisasi barang milik daerah dan aset tetap")
    other = dict(description="Pemantauan kualitas udara dan air sungai")
    same_name = _scores([_app("A.1", "SIMBADA", **simbada), _app("A.2", "Simbada", **other)])
    assert same_name[("A.1", "A.2")][0] >= Settings().threshold
    same_url = _scores(
        [
            _app("A.1", "SIMBADA", url="https://simbada.kotaku.go.id", **simbada),
            _app("A.2", "SIMBADA Online", url="simbada.kotaku.go.id/", opd="2", **other),
        ]
    )
    assert {"name", "url"} <= set(same_url[("A.1", "A.2")][1]) and same_url[("A.1", "A.2")][0] >= Settings().threshold


def test_two_opds_describing_one_job_are_found_under_unlike_names():
    queue = "Pendaftaran antrean pelayanan warga secara daring"
    apps = [
        _app("A.1", "Loket Pintar", opd="1", description=queue),
        _app("A.2", "Sikat Warga", opd="2", description=queue + " di kantor"),
        _app("A.3", "Sikat Warga Lama", opd="1", description=queue + " di kantor"),
        _app("A.4", "Bantu", opd="3", description="Penyaluran bantuan sosial bagi warga miskin"),
    ]
    found = _scores(apps)
    assert found[("A.1", "A.2")][0] >= Settings().threshold
    assert found[("A.1", "A.3")][0] < found[("A.1", "A.2")][0]  # one OPD's template is weaker evidence


def test_two_opds_own_websites_are_not_one_job_done_twice():
    profile = "Website resmi untuk informasi publik dan berita kegiatan"
    apps = [
        AppInput(
            "kota",
            "A.1",
            "Website Kecamatan Barat",
            "2",
            description=profile,
            owner=owner_of("Kota", "Kecamatan Barat", ""),
        ),
        AppInput(
            "kota",
            "A.2",
            "Website Kecamatan Timur",
            "3",
            description=profile,
            owner=owner_of("Kota", "Kecamatan Timur", ""),
        ),
        AppInput(
            "kota",
            "A.3",
            "Portal Kecamatan Barat",
            "2",
            description=profile,
            owner=owner_of("Kota", "Kecamatan Barat", ""),
        ),
        AppInput(
            "kota", "A.4", "Portal Berita", "4", description=profile, owner=owner_of("Kota", "Bagian Protokol", "")
        ),
    ]
    found = _scores(apps)
    assert found[("A.1", "A.2")][0] == 0  # each OPD has its own site
    assert found[("A.1", "A.3")][0] >= Settings().threshold  # one OPD's site listed twice
    assert found[("A.2", "A.4")][0] == 0  # one OPD's own site is not another OPD's application
    assert not own_site("Portal Berita", owner_of("Kota", "Bagian Protokol", ""))  # a news portal is a job
    assert own_site("Profil Dinkes", owner_of("Kota", "Dinas Kesehatan", "Dinkes"))
    desa = owner_of("Kabupaten Kotaku", "Desa Sukamaju", "")
    assert own_site("sukamaju.kotaku.go.id", desa) and own_site("Portal Desa", desa, "Web OPD Desa Sukamaju")
    brand = [
        _app("A.5", "sukamaju", opd="1", description="Sistem informasi pengadaan barang dan jasa"),
        AppInput("kota", "A.6", "sukamaju.kotaku.go.id", "9", url="sukamaju.kotaku.go.id", owner=desa),
    ]
    assert _scores(brand)[("A.5", "A.6")][0] == 0  # a village's site is not another OPD's system named like it
    assert not own_site("Website Kecamatan", owner_of("Kota", "Kecamatan Barat", ""))  # no word names the OPD


def test_a_description_of_words_that_say_no_job_is_no_evidence():
    filler = "Aplikasi untuk memudahkan pelayanan kepada masyarakat"
    found = _scores(
        [_app("A.1", "SIPADU", opd="1", description=filler), _app("A.2", "SILAMPU", opd="2", description=filler)]
    )
    assert found[("A.1", "A.2")][0] == 0
    complaints = "Pengaduan masyarakat"  # short, but it names a job
    found = _scores(
        [
            _app("A.1", "SIPADU", opd="1", description=complaints),
            _app("A.2", "SILAMPU", opd="2", description=complaints),
        ]
    )
    assert found[("A.1", "A.2")][0] >= Settings().threshold
    assert "memudahkan" in word_variants().says_nothing and "pengaduan" not in word_variants().says_nothing


def test_descriptions_that_only_say_their_names_again_do_not_outvote_names_that_differ():
    apps = [
        _app(
            "A.1", "Pencetakan Surat Keterangan E-KTP", description="Aplikasi untuk Pencetakan Surat Keterangan E-KTP"
        ),
        _app("A.2", "Perekaman dan Pencetakan E-KTP", description="Aplikasi untuk Perekaman dan Pencetakan E-KTP"),
        _app(
            "A.3", "Cetak KTP-el", opd="2", description="Pencetakan surat keterangan e-KTP bagi penduduk di kecamatan"
        ),
    ]
    found = _scores(apps)
    assert "description" not in found[("A.1", "A.2")][1]  # two steps, each description its name again
    assert "description" in found[("A.1", "A.3")][1]  # a description that says more is evidence of its own
    spelled = _app("A.1", "SIMBADA", description="Sistem Informasi Manajemen Barang Milik Daerah")
    corpus = build_corpus([spelled], {}, ())
    assert corpus.restates is not None and corpus.restates[0]  # the short form spelled out is the name again


# --- national applications however they are written -----------------------------------------------------------
def _report(apps: list[AppInput]):
    settings = Settings()
    return build_report(
        analyse(apps, settings, CATALOGUE), settings, CATALOGUE, scope="ippd", ippds=("kota",), plateau="as-is"
    )


def test_an_abbreviation_with_its_expansion_is_the_national_application_itself():
    analysis = analyse(
        [_app("A.1", "SPSE (Sistem Pengadaan Secara Elektronik)", description="Pengadaan barang dan jasa")],
        Settings(),
        CATALOGUE,
    )
    joined = {analysis.corpus.apps[int(i)].national for group in analysis.grouping.clusters for i in group}
    assert "spse" in joined  # recognised as SPSE ...
    report = build_report(analysis, Settings(), CATALOGUE, scope="ippd", ippds=("kota",), plateau="as-is")
    assert not report.clusters  # ... and as SPSE itself: nobody is told to use SPSE instead of SPSE
    at_lpse = _report(
        [_app("A.1", "SPSE (Sistem Pengadaan Secara Elektronik)", url="https://eproc.kotaku.go.id", description="-")]
    )
    assert not at_lpse.clusters  # SPSE is installed at each LPSE, under whatever host: no domain tells it apart


def test_an_address_under_the_national_domain_is_the_national_application():
    report = _report([_app("A.1", "Perencanaan dan penganggaran", url="https://kotaku.sipd.kemendagri.go.id/")])
    assert not report.clusters


def test_a_local_build_with_a_national_name_on_the_citys_own_domain_is_told_apart():
    report = _report(
        [_app("A.1", "SIPD", description="Perencanaan pembangunan daerah", url="https://sipd.kotaku.go.id")]
    )
    assert [c.national.key for c in report.clusters] == ["sipd"]
    assert report.clusters[0].recommendation.action == USE_NATIONAL
    itself = _report([_app("A.1", "SIPD", description="Perencanaan pembangunan daerah")])
    assert not itself.clusters  # the same name without an address of its own: SIPD itself


# --- advice: one product on several channels; one address listed twice ---------------------------------------------
def _member(element_id: str, name: str, address: str = "", opd: str = "1", ippd: str = "kota") -> Member:
    return Member(ippd, element_id, name, opd, "", "khusus", "", 0, 0, (), (address.split("/")[0],), address)


def test_one_product_on_several_channels_is_reported_as_such():
    members = (
        _member("A.1", "Website e-Lapak Warga", "lapak.kotaku.go.id"),
        _member("A.2", "Mobile e-Lapak Warga", "play.google.com/store/apps/details?id=id.kotaku.lapak"),
        _member("A.3", "e-Lapak Warga iOS", opd="2"),
    )
    advice = recommend(members, None, ())
    assert advice.action == ONE_PRODUCT and "web, Android, iOS" in advice.reasons[0].id
    two_ippds = (members[0], _member("B.1", "Mobile e-Lapak Warga", "play.google.com/store", ippd="kab"))
    assert recommend(two_ippds, None, ()).action == CONSOLIDATE  # two governments: not one product's channels


def test_rows_at_one_address_in_one_opd_are_a_row_listed_twice():
    members = (
        _member("A.1", "RPKAM", "kesling.kemkes.go.id/rpkam"),
        _member("A.2", "Pelaporan e-Monev", "kesling.kemkes.go.id/rpkam"),
    )
    assert recommend(members, None, ()).action == REMOVE_DUPLICATE
    other_opd = (members[0], _member("A.3", "Pelaporan e-Monev", "kesling.kemkes.go.id/rpkam", opd="2"))
    assert recommend(other_opd, None, ()).action == CONSOLIDATE


def test_the_application_every_opd_already_shares_is_kept_and_the_report_says_why():
    assert shared_use("Seluruh Perangkat Daerah") == "seluruh perangkat daerah"
    assert shared_use("", "Antrean yang dipakai lintas OPD di mal pelayanan") == "lintas opd"
    assert shared_use("Bidang Anggaran", "Dipakai seluruh pegawai dinas") == ""  # one OPD's own staff: not shared
    local = _member("A.1", "Sistem Antrian")
    shared = replace(_member("A.2", "Antrian Online MPP", opd="2"), shared="seluruh opd")
    linked = replace(_member("A.3", "Antrian Loket", opd="3"), services=4, data=2)
    advice = recommend((local, shared, linked), None, ())
    assert advice.action == CONSOLIDATE and advice.keep == shared  # shared before best-linked
    assert "sudah dipakai bersama (seluruh opd)" in " ".join(r.id for r in advice.reasons)
    assert recommend((local, linked), None, ()).keep == linked  # none shared: the best-linked one
    with_national = recommend((shared, linked), CATALOGUE.application("srikandi"), ())
    assert with_national.action == USE_NATIONAL  # a national application comes before a shared local one


# --- precision: a generic replaced name, a certain local pair, a national application listed twice ------------------
def _joined(apps: list[AppInput]) -> dict[str, str | None]:
    """Per local application, the national application its cluster holds (None: none)."""
    analysis = analyse(apps, Settings(), CATALOGUE)
    found: dict[str, str | None] = {a.element_id: None for a in apps}
    for group in analysis.grouping.clusters:
        members = [analysis.corpus.apps[int(i)] for i in group]
        keys = {m.national for m in members if m.national}
        for m in members:
            if m.national is None:
                found[m.element_id] = next(iter(keys), None)
    return found


def test_a_replaced_local_name_yields_to_a_strong_description_disagreement():
    letters = "Pengelolaan surat masuk, surat keluar dan disposisi naskah dinas"
    moving = "Penghubung antar kantor kependudukan untuk proses pindah datang penduduk"
    assert _joined([_app("A.1", "e-Office", description=letters)])["A.1"] == "srikandi"
    assert _joined([_app("A.1", "e-Office", description=moving)])["A.1"] is None  # another job under a generic name
    assert _joined([_app("A.1", "SRIKANDI", description=moving)])["A.1"] == "srikandi"  # its own name still counts
    part_of = "Modul dari e-Office untuk penjadwalan rapat pimpinan"
    assert _joined([_app("A.1", "e-Office", description=part_of)])["A.1"] == "srikandi"  # the text names it


def test_a_certain_pair_outside_national_clusters_holds_against_a_weaker_pull():
    national = np.array([0, -1, -1, -1])

    def edges(tie: float):
        left, right, total = np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([0.9, 0.6, tie])
        return SimpleNamespace(left=left, right=right, total=total)

    # 1 a copy of national 0; 2 weakly like 1; 2 and 3 certainly one application: they stay together, apart
    assert national_anchors(national, edges(1.0)).tolist() == [0, 0, -1, -1]
    assert national_anchors(national, edges(0.8)).tolist() == [0, 0, 0, -1]  # a look-alike joins through the copy


def test_a_national_application_listed_by_two_opds_of_one_government_is_reported():
    rows = [
        _app("A.1", "SRIKANDI", opd="1", url="https://srikandi.arsip.go.id", description="Persuratan dinas"),
        _app("A.2", "Srikandi", opd="2", url="https://srikandi.arsip.go.id/login", description="Surat masuk"),
    ]
    assert [c.national.key for c in _report(rows).clusters] == ["srikandi"]
    settings, apps = Settings(), [rows[0], replace(rows[1], ippd="kab")]
    each_once = build_report(
        analyse(apps, settings, CATALOGUE), settings, CATALOGUE, scope="national", ippds=("kota", "kab"), plateau="x"
    )
    assert not each_once.clusters  # one record per government: each uses it, nothing is duplicated


def test_a_row_at_a_national_applications_address_is_that_application_whatever_its_name():
    rows = [
        _app("A.1", "MyASN", opd="1", url="https://myasn.bkn.go.id", description="Layanan mandiri pegawai"),
        _app("A.2", "SIASN", opd="2", url="https://myasn.bkn.go.id/", description="Data kepegawaian pribadi"),
    ]
    (found,) = _report(rows).clusters
    assert found.national.key == "myasn" and {m.element_id for m in found.members} == {"A.1", "A.2"}


def test_one_agencys_central_systems_are_told_apart_and_each_is_known_at_every_host():
    rows = [
        _app("A.1", "INAPROC", opd="1", url="https://katalog.inaproc.id/", description="Katalog pengadaan"),
        _app("A.2", "E-Katalog", opd="2", url="https://e-katalog.lkpp.go.id", description="Belanja daring pengadaan"),
        _app("A.3", "SIRUP", opd="2", url="https://sirup.lkpp.go.id", description="Rencana umum pengadaan"),
    ]
    clusters = _report(rows).clusters
    assert [(c.national.key, {m.element_id for m in c.members}) for c in clusters] == [("e-katalog", {"A.1", "A.2"})]
    assert {"sirup", "e-katalog", "myasn", "prodeskel", "epdeskel", "omspan"} <= {a.key for a in CATALOGUE.applications}


def test_a_file_never_seen_while_tuning_is_held_out_whole():
    rows = [{"id": "A.1"}, {"id": "A.2", "held_out": True}]
    assert held_out({"applications": rows}) == {"A.2"}
    assert held_out({"applications": rows, "held_out_all": True}) == {"A.1", "A.2"}


# --- the real benchmark's tuning view never shows a held-out row ---------------------------------------------------
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_the_misses_listing_prints_no_held_out_row(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    held = held_out(data)
    out = io.StringIO()
    with redirect_stdout(out):
        misses(path)
    printed = {word.rstrip(",") for line in out.getvalue().splitlines() for word in line.split()}
    printed |= {item.split("=")[0] for word in printed for item in word.split(",")}
    assert held and not printed & held
