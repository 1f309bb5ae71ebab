"""User-facing messages in Bahasa Indonesia (default) and English (--lang en / EA_LANG=en)."""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

LANGS = ("id", "en")


@dataclass(frozen=True)
class Text:
    """One user-facing text in both languages; Bahasa Indonesia is the default."""

    id: str
    en: str

    def get(self, lang: str = "id", **params) -> str:
        """The text in `lang`; without params it is shown as is, braces and all (rule texts, names)."""
        text = self.en if lang == "en" else self.id
        return text.format(**params) if params else text

    def format(self, lang: str = "id", **params) -> str:
        """The text in `lang`, always formatted (catalogue entries: `{{` stands for a brace)."""
        return (self.en if lang == "en" else self.id).format(**params)

    def __getitem__(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)


def placeholders(template: str) -> set[str]:
    """The names a template formats: {"count"} for "{count} elemen", {"plateau"} for "{plateau!r}"."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


CATALOGUES: list[Catalogue] = []  # every catalogue made, for the test that walks them all


class Catalogue(Mapping[str, Text]):
    """The user-facing texts of one package: key -> Text in Bahasa Indonesia and English, with `t(key, lang)`.

    Entries may be written as Text("...", "...") or {"id": "...", "en": "..."}; both become Text."""

    def __init__(self, name: str, entries: Mapping[str, Text | Mapping[str, str]]):
        self.name = name
        self._entries = {key: _as_text(value) for key, value in entries.items()}
        CATALOGUES.append(self)

    @classmethod
    def from_languages(cls, name: str, tables: Mapping[str, Mapping[str, str]]) -> Catalogue:
        """A catalogue from one table per language ({"id": {key: text}, "en": {key: text}}); the keys must agree."""
        missing = set(tables["id"]) ^ set(tables["en"])
        if missing:
            raise ValueError(f"catalogue {name}: keys in one language only: {sorted(missing)}")
        return cls(name, {key: Text(tables["id"][key], tables["en"][key]) for key in tables["id"]})

    def t(self, key: str, lang: str = "id", **params) -> str:
        return self._entries[key].format(lang, **params)

    def text(self, key: str, **params) -> Text:
        """The entry `key` formatted in both languages at once, for data read later in either; a Text param is
        taken in each language (a domain's name), any other as is."""
        return Text(*(self.t(key, lang, **{k: _in(v, lang) for k, v in params.items()}) for lang in LANGS))

    def __getitem__(self, key: str) -> Text:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalogue({self.name!r}, {len(self)} texts)"


def _as_text(value: Text | Mapping[str, str]) -> Text:
    return value if isinstance(value, Text) else Text(value["id"], value["en"])


def _in(value: object, lang: str) -> object:
    return value[lang] if isinstance(value, Text) else value


def joined(separator: str, texts: Iterable[Text]) -> Text:
    """Texts joined in each language: "; ".join of the Indonesian ones, and of the English ones."""
    listed = list(texts)
    return Text(*(separator.join(text[lang] for text in listed) for lang in LANGS))


_MESSAGE_TEXTS = {
    "message": {"id": "pesan", "en": "message"},
    "fix": {"id": "cara memperbaiki", "en": "how to fix"},
    "check_summary": {
        "id": "Diperiksa {elements} elemen, {links} tautan, {rules} aturan: {errors} galat, {warnings} peringatan, "
        "{infos} info.",
        "en": "Checked {elements} elements, {links} links, {rules} rules: {errors} errors, {warnings} warnings, "
        "{infos} info.",
    },
    "more_findings": {
        "id": "... dan {count} temuan lagi untuk aturan ini (--limit 0 menampilkan semua, --format json untuk diolah).",
        "en": "... and {count} more findings for this rule (--limit 0 shows all; --format json to process them).",
    },
    "roadmap_documents": {
        "id": "Peta Rencana: {count} dokumen (RoadmapPlan/Initiative) diimpor; `ea roadmap check` memeriksanya.",
        "en": "Roadmap: {count} documents (RoadmapPlan/Initiative) imported; `ea roadmap check` checks them.",
    },
    "init_created": {"id": "Repositori dibuat: {url}", "en": "Repository created: {url}"},
    "init_exists": {
        "id": "Repositori sudah ada, skema diperbarui: {url}",
        "en": "Repository already exists, schema up to date: {url}",
    },
    "import_rejected": {
        "id": "Impor ditolak: {count} masalah. Tidak ada yang ditulis.",
        "en": "Import rejected: {count} problem(s). Nothing was written.",
    },
    "import_done": {
        "id": "Diimpor {files} berkas: {created} baru, {updated} diperbarui, {unchanged} tetap; {links} tautan; "
        "{orgs} IPPD/OPD.",
        "en": "Imported {files} file(s): {created} created, {updated} updated, {unchanged} unchanged; {links} links; "
        "{orgs} IPPD/OPD.",
    },
    "validated": {
        "id": "Valid: {files} berkas, {elements} elemen, {orgs} IPPD/OPD. Tidak ada yang ditulis (--dry-run).",
        "en": "Valid: {files} file(s), {elements} elements, {orgs} IPPD/OPD. Nothing written (--dry-run).",
    },
    "export_done": {
        "id": "Diekspor {elements} elemen ke {files} berkas di {path}",
        "en": "Exported {elements} elements to {files} file(s) in {path}",
    },
    "not_found": {"id": "Elemen {element} tidak ditemukan", "en": "Element {element} not found"},
    "scores_rejected": {
        "id": "Masukan nilai ditolak: {count} masalah.",
        "en": "Score input rejected: {count} problem(s).",
    },
    "error": {"id": "Galat", "en": "Error"},
    "element_count": {"id": "{count} elemen", "en": "{count} element(s)"},
    "more_elements": {
        "id": "... {count} elemen lagi tidak ditampilkan (--limit 0 menampilkan semua, --format json untuk diolah).",
        "en": "... {count} more elements not shown (--limit 0 shows all; --format json to process them).",
    },
    "no_elements": {"id": "Tidak ada elemen yang cocok.", "en": "No matching elements."},
    "links_out": {"id": "Tautan keluar", "en": "Links out"},
    "links_in": {"id": "Tautan masuk", "en": "Links in"},
    "findings": {"id": "Temuan", "en": "Findings"},
    "no_findings": {"id": "Tidak ada temuan.", "en": "No findings."},
    "reference_loaded": {
        "id": "Daftar {domain} versi {version} dimuat: {count} kode (menggantikan daftar bawaan).",
        "en": "Loaded {domain} list version {version}: {count} codes (replaces the shipped list).",
    },
    "reference_reset": {
        "id": "Daftar {domain} kembali ke daftar bawaan.",
        "en": "{domain} list reset to the shipped list.",
    },
    "unknown_rule": {"id": "Aturan tidak dikenal: {rules}", "en": "Unknown rule(s): {rules}"},
    "token_created": {
        "id": "Token {id} dibuat: peran {role}, wewenang {scope}. Simpan teks di bawah ini sekarang; "
        "tidak akan ditampilkan lagi.",
        "en": "Token {id} created: role {role}, scope {scope}. Store the text below now; it is not shown again.",
    },
    "token_revoked": {"id": "Token {id} dicabut.", "en": "Token {id} revoked."},
    # ea user
    "user_created": {
        "id": "Pengguna {login} dibuat: peran {role}, wewenang {scope}.",
        "en": "User {login} created: role {role}, scope {scope}.",
    },
    "user_disabled": {
        "id": "Pengguna {login} dinonaktifkan; sesinya berakhir.",
        "en": "User {login} disabled; its sessions have ended.",
    },
    "user_password_set": {
        "id": "Kata sandi {login} diganti; setiap sesinya berakhir.",
        "en": "Password of {login} changed; every session of it has ended.",
    },
    "password_prompt": {"id": "Kata sandi", "en": "Password"},
    "password_again": {"id": "Ulangi kata sandi", "en": "Repeat the password"},
    "columns_users": {
        "id": "nama pengguna|nama|peran|wewenang|dibuat|oleh|nonaktif",
        "en": "user name|name|role|scope|created|by|disabled",
    },
    "rejected": {
        "id": "Ditolak: {count} masalah. Tidak ada yang ditulis.",
        "en": "Rejected: {count} problem(s). Nothing was written.",
    },
    "invalid_request": {"id": "permintaan tidak valid", "en": "invalid request"},
    "body_too_large": {"id": "isi permintaan lebih dari {limit} MiB", "en": "request body over {limit} MiB"},
    "internal_error": {
        "id": "galat internal (rujukan {reference}); sudah dicatat di log server",
        "en": "internal error (reference {reference}); it is in the server log",
    },
    "no_history": {"id": "Belum ada perubahan tercatat.", "en": "No changes recorded yet."},
    "serving": {
        "id": "ea-repo di http://{host}:{port}/ (halaman web; API di /v1, dokumentasinya di /docs), basis data {url}",
        "en": "ea-repo at http://{host}:{port}/ (web pages; the API at /v1, documented at /docs), database {url}",
    },
    # output safety (ea_repo/reports/safety.py)
    "safety_xlsx_replaced": {
        "id": "Karakter kendali yang tidak dapat disimpan di XLSX diganti dengan \ufffd (U+FFFD). "
        "Teks aslinya tetap di repositori (ea show, ekspor YAML).",
        "en": "Control characters an XLSX cell cannot hold were replaced by \ufffd (U+FFFD). "
        "The original text is still in the repository (ea show, YAML export).",
    },
    "safety_xlsx_guide": {
        "id": "Karakter kendali (mis. ESC, BEL) yang tidak dapat disimpan di XLSX ditulis sebagai \ufffd (U+FFFD); "
        "sel itu diberi komentar. Teks di sel tidak pernah dihitung sebagai rumus.",
        "en": "Control characters (e.g. ESC, BEL) an XLSX cell cannot hold are written as \ufffd (U+FFFD); "
        "such a cell carries a comment. Cell text is never evaluated as a formula.",
    },
    # backup and restore (ea_repo/storage/backup.py, ea backup / ea restore)
    "backup_done": {
        "id": "Cadangan ditulis ke {path}: {tables} tabel, {rows} baris, {size} bita (skema versi {schema}; "
        "hanya pemiliknya yang dapat membacanya).",
        "en": "Backup written to {path}: {tables} tables, {rows} rows, {size} bytes (schema version {schema}; "
        "readable by its owner only).",
    },
    "backup_progress": {"id": "Mencadangkan", "en": "Backing up"},
    "restore_done": {
        "id": "Dipulihkan dari {path} ke {url}: {tables} tabel, {rows} baris "
        "(cadangan {backend} bertanggal {created}).",
        "en": "Restored from {path} into {url}: {tables} tables, {rows} rows (a {backend} backup of {created}).",
    },
    "restore_progress": {"id": "Memulihkan", "en": "Restoring"},
    # issue 21 part B: Ctrl-C, reference lists without a database
    "cancelled": {"id": "Dibatalkan.", "en": "Cancelled."},
    "reference_shipped": {
        "id": "Tanpa basis data: daftar bawaan ea-repo ({url} tidak ada; --db menunjuk repositori).",
        "en": "No database: the lists shipped with ea-repo ({url} does not exist; --db names a repository).",
    },
    "reference_columns": {"id": "daftar|versi|kode|tingkat|sumber", "en": "list|version|codes|levels|source"},
    "reference_empty": {"id": "kosong: muat daftar resmi", "en": "empty: load the official list"},
    # evidence for the instrument in force: Pemdi indicators (issue 19, evidence part) and the evidence document
    # (issue 21)
    "pemdi_heading": {
        "id": "Bukti dukung {index} ({short}) dari repositori {ippd}, per {date}",
        "en": "Evidence for the {index} ({short}) from the repository of {ippd}, as on {date}",
    },
    "pemdi_indicator": {
        "id": "Indikator {n} — {name} (bobot {weight}%, aspek {aspect})",
        "en": "Indicator {n} — {name} (weight {weight}%, aspect {aspect})",
    },
    "pemdi_looks_at": {"id": "Yang dinilai (sumber): {text}", "en": "What it looks at (source): {text}"},
    "pemdi_columns": {
        "id": "kriteria|terpenuhi|rincian|bukti (ID)|kurang (ID)",
        "en": "criterion|met|detail|evidence (IDs)|short of (IDs)",
    },
    "pemdi_yes": {"id": "ya", "en": "yes"},
    "pemdi_no": {"id": "belum", "en": "no"},
    "pemdi_missing": {"id": "Belum terpenuhi: {items}", "en": "Not yet met: {items}"},
    "pemdi_next": {"id": "Langkah berikutnya:", "en": "Next steps:"},
    "pemdi_external": {
        "id": "Indikator ini dinilai dari indeks lain ({external}); bukti di atas hanya pendukung.",
        "en": "This indicator is scored from another index ({external}); the evidence above only supports it.",
    },
    "pemdi_more": {"id": "… dan {count} lagi", "en": "… and {count} more"},
    "evidence_no_figures": {
        "id": "Diagram tidak dapat digambar ({why}); dokumen memuat catatannya (apt-get install graphviz)",
        "en": "The diagrams cannot be drawn ({why}); the document says so (apt-get install graphviz)",
    },
    "evidence_no_dot_why": {"id": "Graphviz `dot` tidak terpasang", "en": "Graphviz `dot` is not installed"},
    "demo_evidence": {
        "id": "Bukti dukung {short} ({ippd}): {met} dari {total} kriteria terpenuhi (ea evidence status --ippd {ippd})",
        "en": "Evidence for {short} ({ippd}): {met} of {total} criteria met (ea evidence status --ippd {ippd})",
    },
    # the spreadsheet-first workflow (issue 21 part A: import findings, --sync, ea delete, ea plateau copy)
    "import_findings": {
        "id": "Temuan pada elemen yang diimpor: {errors} galat, {warnings} peringatan, {infos} info.",
        "en": "Findings on the imported elements: {errors} errors, {warnings} warnings, {infos} info.",
    },
    "import_findings_none": {
        "id": "Tidak ada temuan pada elemen yang diimpor.",
        "en": "No findings on the imported elements.",
    },
    "import_findings_more": {
        "id": "  ... dan {count} temuan lagi; `ea check` menampilkan semuanya.",
        "en": "  ... and {count} more; `ea check` shows them all.",
    },
    "column": {"id": "kolom {column}", "en": "column {column}"},
    "source": {"id": "sumber", "en": "source"},
    "severity_error": {"id": "galat", "en": "error"},
    "severity_warning": {"id": "peringatan", "en": "warning"},
    "severity_info": {"id": "info", "en": "info"},
    "sync_preview": {
        "id": "Pratinjau --sync: {count} elemen akan dipensiunkan (dihapus) karena tidak ada lagi di masukan:",
        "en": "--sync preview: {count} element(s) would be retired (deleted), no longer in the input:",
    },
    "sync_nothing": {"id": "--sync: tidak ada elemen yang perlu dipensiunkan.", "en": "--sync: no element to retire."},
    "sync_confirm": {
        "id": "Tidak ada yang ditulis. Ulangi dengan --yes untuk mengimpor dan memensiunkan.",
        "en": "Nothing was written. Run again with --yes to import and retire.",
    },
    "sync_retired": {
        "id": "--sync: {count} elemen dipensiunkan (masing-masing tercatat di log audit).",
        "en": "--sync: {count} element(s) retired (each recorded in the audit log).",
    },
    "dangling": {
        "id": "{count} tautan dari elemen lain akan menggantung (menunjuk ke elemen yang tidak ada):",
        "en": "{count} link(s) from other elements would dangle (point at nothing):",
    },
    "dangling_now": {
        "id": "{count} tautan dari elemen lain kini menggantung; perbaiki atau hapus tautannya:",
        "en": "{count} link(s) from other elements now dangle; fix or remove them:",
    },
    "delete_preview": {
        "id": "Akan dihapus: {element} ({kind}, {name}) di {ippd} / {plateau}, beserta tautan yang dinyatakannya.",
        "en": "Would delete: {element} ({kind}, {name}) in {ippd} / {plateau}, with the links it declares.",
    },
    "delete_confirm": {
        "id": "Tidak ada yang dihapus. Ulangi dengan --yes untuk menghapus.",
        "en": "Nothing was deleted. Run again with --yes to delete.",
    },
    "deleted": {
        "id": "Dihapus: {element} di {ippd} / {plateau} (tercatat di log audit).",
        "en": "Deleted: {element} in {ippd} / {plateau} (recorded in the audit log).",
    },
    "link_removed": {
        "id": "Tautan {element} -> {target} dihapus; {element} kini versi {version}.",
        "en": "Link {element} -> {target} removed; {element} is now version {version}.",
    },
    "plateau_many": {
        "id": "{element} ada di beberapa plateau ({plateaus}); pilih satu dengan --plateau",
        "en": "{element} is in several plateaus ({plateaus}); choose one with --plateau",
    },
    "plateau_copied": {
        "id": "Disalin {count} elemen dari {source} ke {target} (IPPD {ippd}): {created} baru, {updated} diperbarui, "
        "{unchanged} tetap; {links} tautan; {retired} dipensiunkan.",
        "en": "Copied {count} element(s) from {source} to {target} (IPPD {ippd}): {created} created, "
        "{updated} updated, {unchanged} unchanged; {links} links; {retired} retired.",
    },
    # one voice (issue 17): table headers (columns separated by |), booleans, outcomes, short CLI lines
    "yes": {"id": "ya", "en": "yes"},
    "no": {"id": "tidak", "en": "no"},
    "columns_rules": {"id": "aturan|tingkat|arti|cara memperbaiki", "en": "rule|severity|meaning|fix"},
    "columns_list": {"id": "ID|jenis|nama|OPD|plateau|IPPD|kode ref.", "en": "ID|kind|name|OPD|plateau|IPPD|ref"},
    "columns_kinds": {"id": "domain|jenis|kunci|contoh ID|nama", "en": "domain|kind|key|ID e.g.|name"},
    "columns_attributes": {
        "id": "atribut|tipe|kolom (templat)|label",
        "en": "attribute|type|column (template)|label",
    },
    "columns_relations": {"id": "relasi|field|dari|ke|label", "en": "relation|field|from|to|label"},
    "columns_tokens": {
        "id": "id|nama|peran|wewenang|dibuat|oleh|dicabut",
        "en": "id|name|role|scope|created|by|revoked",
    },
    "columns_history": {
        "id": "#|UTC|pelaku|tindakan|IPPD/plateau|ID|v|yang berubah",
        "en": "#|UTC|actor|action|IPPD/plateau|ID|v|changed",
    },
    "columns_evidence": {
        "id": "jenis|ID|tanggal/tahun|dokumen / ringkasan",
        "en": "kind|ID|date/year|document / summary",
    },
    "unknown_kind": {
        "id": "jenis {kind} tidak dikenal; pilihan: {keys}",
        "en": "unknown kind {kind}; expected one of: {keys}",
    },
    "kind_heading": {
        "id": "{kind} ({cli_key}) — {title}; contoh ID {example}",
        "en": "{kind} ({cli_key}) — {title}; ID e.g. {example}",
    },
    "record_Enactment": {"id": "Penetapan", "en": "Enactment"},
    "record_Review": {"id": "Reviu", "en": "Review"},
    "record_Budget": {"id": "Anggaran", "en": "Budget"},
    "outcome_created": {"id": "dibuat", "en": "created"},
    "outcome_updated": {"id": "diperbarui", "en": "updated"},
    "outcome_unchanged": {"id": "tetap", "en": "unchanged"},
    "review_summary": {
        "id": "{issues} permasalahan, {recommendations} rekomendasi",
        "en": "{issues} issues, {recommendations} recommendations",
    },
    "record_written": {"id": "{kind} {id}: {outcome}", "en": "{kind} {id}: {outcome}"},
    "diagram_national_title": {
        "id": "Nasional ({count} IPPD) — {plateau}",
        "en": "National ({count} IPPDs) — {plateau}",
    },
    "diagram_written": {
        "id": "{path} ({nodes} elemen, {edges} tautan)",
        "en": "{path} ({nodes} elements, {edges} links)",
    },
    "no_dismissals": {"id": "Belum ada pengabaian.", "en": "No dismissals."},
    "dismissal_made": {
        "id": "Pengabaian {id}: {names} tidak dilaporkan bersama lagi.",
        "en": "Dismissal {id}: {names} are not reported together again.",
    },
    "dismissal_removed": {"id": "Pengabaian {id} dihapus.", "en": "Dismissal {id} removed."},
    "reference_shipped_version": {"id": "bawaan", "en": "shipped"},
    "roadmap_draft_header": {
        "id": "# Rancangan Peta Rencana dari `ea roadmap draft`: satu inisiatif per muatan, OPD dan jenis perubahan.\n"
        "# Tambahkan tahun (spec.years atau spec.targets), anggaran dan sumbernya, serta inisiatif untuk Tata Kelola,\n"
        "# Manajemen SPBE dan Audit TIK, yang tidak tersirat dari elemen arsitektur; lalu `ea roadmap import`.\n",
        "en": "# Draft Peta Rencana from `ea roadmap draft`: one initiative per muatan, OPD and kind of change.\n"
        "# Add years (spec.years or spec.targets), budget and sourcing, and initiatives for Tata Kelola,\n"
        "# Manajemen SPBE and Audit TIK, which no architecture element implies; then `ea roadmap import`.\n",
    },
    "roadmap_draft_note": {
        "id": "dihasilkan `ea roadmap draft` dari {count} elemen kesenjangan; tambahkan tahun{within}, anggaran dan "
        "sumbernya",
        "en": "generated by `ea roadmap draft` from {count} element(s) of the gap; add years{within}, budget "
        "and sourcing",
    },
    "roadmap_draft_within": {"id": " dalam {first}–{last}", "en": " within {first}–{last}"},
    # ArchiMate exchange export (issue 22, export half)
    "archimate_folder_strategy": {"id": "Strategi", "en": "Strategy"},
    "archimate_folder_business": {"id": "Bisnis", "en": "Business"},
    "archimate_folder_application": {"id": "Aplikasi", "en": "Application"},
    "archimate_folder_technology": {"id": "Teknologi & Fisik", "en": "Technology & Physical"},
    "archimate_folder_motivation": {"id": "Motivasi", "en": "Motivation"},
    "archimate_folder_migration": {"id": "Implementasi & Migrasi", "en": "Implementation & Migration"},
    "archimate_folder_other": {"id": "Lainnya", "en": "Other"},
    "archimate_folder_relations": {"id": "Relasi", "en": "Relations"},
    "archimate_folder_views": {"id": "Tampilan", "en": "Views"},
    "archimate_folder_organisation": {"id": "Organisasi", "en": "Organisation"},
    "archimate_type_Plateau": {"id": "Plateau", "en": "Plateaus"},
    "archimate_type_Gap": {"id": "Kesenjangan", "en": "Gaps"},
    "archimate_type_WorkPackage": {"id": "Inisiatif Peta Rencana", "en": "Roadmap initiatives"},
    "archimate_type_Deliverable": {"id": "Keluaran", "en": "Deliverables"},
    "archimate_gap_name": {"id": "Kesenjangan {before} → {after}", "en": "Gap {before} → {after}"},
    "archimate_view_name": {"id": "Lapisan {plateau}", "en": "Layers {plateau}"},
    "archimate_view_name_opd": {"id": "Lapisan {plateau} OPD {opd}", "en": "Layers {plateau} OPD {opd}"},
    "archimate_view_name_diff": {"id": "Perubahan {before} → {after}", "en": "Changes {before} → {after}"},
    "archimate_view_name_diff_opd": {
        "id": "Perubahan {before} → {after} OPD {opd}",
        "en": "Changes {before} → {after} OPD {opd}",
    },
    "archimate_view_name_opds": {"id": "OPD {plateau}", "en": "OPDs {plateau}"},
    "archimate_done": {
        "id": "{path}: {elements} elemen, {relationships} relasi, {views} tampilan ({size} bita); "
        "sah menurut XSD ArchiMate 3.1.",
        "en": "{path}: {elements} elements, {relationships} relationships, {views} views ({size} bytes); "
        "valid against the ArchiMate 3.1 XSDs.",
    },
    "archimate_done_unchecked": {
        "id": "{path}: {elements} elemen, {relationships} relasi, {views} tampilan ({size} bita); "
        "tidak divalidasi (--no-validate).",
        "en": "{path}: {elements} elements, {relationships} relationships, {views} views ({size} bytes); "
        "not validated (--no-validate).",
    },
    "link_target_missing": {"id": "tidak ada", "en": "missing"},
    # short CLI lines that switched language inline (issue 17)
    "file_written": {"id": "{path} ({size} bita)", "en": "{path} ({size} bytes)"},
    "gap_more": {
        "id": "--format md|html|xlsx -o FILE: analisis lengkap dengan setiap perubahan dan tindak lanjut per komponen.",
        "en": "--format md|html|xlsx -o FILE: the full analysis with every change and the follow-up per component.",
    },
    "roadmap_validated": {
        "id": "Valid: {count} dokumen. Tidak ada yang ditulis (--dry-run).",
        "en": "Valid: {count} documents. Nothing written (--dry-run).",
    },
    "roadmap_imported": {
        "id": "Peta Rencana diimpor: {created} baru, {updated} diperbarui, {unchanged} tetap, {removed} dihapus.",
        "en": "Roadmap imported: {created} created, {updated} updated, {unchanged} unchanged, {removed} removed.",
    },
    "roadmap_check_summary": {
        "id": "Diperiksa {elements} inisiatif terhadap {links} elemen kesenjangan, {rules} aturan: {errors} galat, "
        "{warnings} peringatan, {infos} info.",
        "en": "Checked {elements} initiatives against {links} gap elements, {rules} rules: {errors} errors, "
        "{warnings} warnings, {infos} info.",
    },
}
MESSAGES = Catalogue("messages", _MESSAGE_TEXTS)


_PROBLEM_TEXTS = {
    "no_such_path": {"id": "berkas atau folder tidak ada", "en": "no such file or folder"},
    "file_too_big": {
        "id": "berkas {size} MiB; batasnya {limit} MiB (pecah berkasnya, atau naikkan --max-file-size)",
        "en": "file is {size} MiB; the limit is {limit} MiB (split it, or raise --max-file-size)",
    },
    "not_utf8": {
        "id": "bukan teks UTF-8 (byte {byte}); simpan berkas sebagai UTF-8",
        "en": "not UTF-8 text (byte {byte}); save the file as UTF-8",
    },
    "invalid_yaml": {"id": "YAML tidak valid: {detail}", "en": "invalid YAML: {detail}"},
    "aliases": {
        "id": "anchor dan alias YAML (&nama / *nama) tidak diizinkan di berkas katalog",
        "en": "YAML anchors and aliases (&name / *name) are not allowed in catalogue files",
    },
    "too_many_values": {
        "id": "dokumen berisi lebih dari {limit} nilai; pecah dokumennya",
        "en": "document has more than {limit} values; split it",
    },
    "not_mapping": {
        "id": "harus berupa mapping dengan apiVersion, kind, metadata dan spec",
        "en": "expected a mapping with apiVersion, kind, metadata and spec",
    },
    "api_version": {
        "id": "apiVersion harus {expected}, tertulis {got}",
        "en": "expected apiVersion: {expected}, got {got}",
    },
    "unknown_kind": {
        "id": "kind {got} tidak dikenal; pilihan: {known}",
        "en": "unknown kind {got}; expected one of: {known}",
    },
    "unknown_field": {
        "id": "field tidak dikenal; {kind} {section} mengenal: {allowed}",
        "en": "unknown field; {kind} {section} allows: {allowed}",
    },
    "one_of": {"id": "harus salah satu dari: {values}", "en": "expected one of: {values}"},
    "number": {
        "id": "harus angka (hanya digit, mis. 32 atau 2.5)",
        "en": "expected a number (digits only, e.g. 32 or 2.5)",
    },
    "integer": {"id": "harus bilangan bulat", "en": "expected a whole number"},
    "at_least": {"id": "harus paling kecil {limit}", "en": "expected at least {limit}"},
    "at_most": {"id": "harus paling besar {limit}", "en": "expected at most {limit}"},
    "boolean": {"id": "harus true/false atau ya/tidak", "en": "expected true/false or ya/tidak"},
    "date": {"id": "harus tanggal berformat YYYY-MM-DD", "en": "expected a date as YYYY-MM-DD"},
    "missing": {"id": "field wajib belum diisi", "en": "required field is missing"},
    "text": {"id": "harus teks", "en": "expected text"},
    "mapping": {"id": "harus mapping", "en": "expected a mapping"},
    "list": {"id": "harus daftar (list)", "en": "expected a list"},
    "got": {"id": "{message}, tertulis {got}", "en": "{message}, got {got}"},
    "duplicate": {
        "id": "ganda: {label}{where} sudah didefinisikan di {other}",
        "en": "duplicate: {label}{where} is already defined at {other}",
    },
    "in_plateau": {"id": " di plateau {plateau}", "en": " in plateau {plateau}"},
    "id_shape": {"id": "ID harus seperti {example}, tertulis {got}", "en": "expected an ID like {example}, got {got}"},
    "plateau": {
        "id": "plateau harus as-is, to-be atau tahun seperti 2024, tertulis {got}",
        "en": "expected as-is, to-be or a year such as 2024, got {got}",
    },
    "ippd_missing": {
        "id": "isi kode IPPD pemilik elemen ini",
        "en": "expected the code of the IPPD this element belongs to",
    },
    "opd_ippd_missing": {
        "id": "isi kode IPPD tempat OPD ini berada",
        "en": "expected the code of the IPPD this OPD belongs to",
    },
    "no_reference_code": {
        "id": "tidak ada kode referensi di {got} (contoh: {example}.01.02 atau 01.02)",
        "en": "no reference code in {got} (expected e.g. {example}.01.02 or 01.02)",
    },
    "text_before_code": {"id": "ada teks sebelum kode pertama di {got}", "en": "text before the first code in {got}"},
    "link_ids": {
        "id": "harus ID elemen seperti A.001, tertulis {got}",
        "en": "expected element IDs such as A.001, got {got}",
    },
    "org_code": {
        "id": "kode harus huruf, angka, '.', '_' atau '-' (mis. {example}), tertulis {got}",
        "en": "expected a code of letters, digits, '.', '_' or '-' (e.g. {example}), got {got}",
    },
    "as_written": {"id": "{text}", "en": "{text}"},
    # access and the API
    "no_token": {
        "id": "butuh token API: kirim header 'Authorization: Bearer ea_...' (buat dengan `ea token create`)",
        "en": "an API token is needed: send 'Authorization: Bearer ea_...' (make one with `ea token create`)",
    },
    "bad_token": {"id": "token tidak dikenal atau sudah dicabut", "en": "unknown or revoked token"},
    "bad_sign_in": {
        "id": "nama pengguna atau kata sandi salah, atau terlalu banyak percobaan gagal (tunggu beberapa menit)",
        "en": "wrong user name or password, or too many failed attempts (wait a few minutes)",
    },
    "no_session": {"id": "silakan masuk terlebih dahulu", "en": "please sign in first"},
    "form_expired": {
        "id": "formulir ini kedaluwarsa atau bukan dari halaman ini: muat ulang halaman lalu kirim lagi",
        "en": "this form has expired or did not come from this page: reload the page and send it again",
    },
    "user_name_invalid": {
        "id": "nama orang wajib diisi, paling panjang 200 karakter",
        "en": "a person's name is required, at most 200 characters",
    },
    "user_exists": {"id": "nama pengguna {login} sudah dipakai", "en": "the user name {login} is taken"},
    "unknown_user": {"id": "pengguna tidak dikenal: {login}", "en": "unknown user: {login}"},
    "login_invalid": {
        "id": "nama pengguna: 2-64 huruf kecil, angka, '.', '_' atau '-', diawali huruf atau angka; tertulis {got}",
        "en": "user name: 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit; got {got}",
    },
    "password_invalid": {
        "id": "kata sandi harus {least} sampai {most} karakter",
        "en": "a password must have {least} to {most} characters",
    },
    "passwords_differ": {"id": "kedua kata sandi tidak sama", "en": "the two passwords differ"},
    "current_password_wrong": {
        "id": "kata sandi saat ini salah, atau terlalu banyak percobaan gagal (tunggu beberapa menit)",
        "en": "the current password is wrong, or too many failed attempts (wait a few minutes)",
    },
    "upload_kind": {
        "id": "jenis berkas ini tidak dapat diimpor; yang dapat: {kinds}",
        "en": "this kind of file cannot be imported; these can: {kinds}",
    },
    "import_other_ippd": {
        "id": "dokumen ini milik IPPD {got}, sedangkan impor ini untuk IPPD {ippd}",
        "en": "this document is of IPPD {got}, but this import is into IPPD {ippd}",
    },
    "read_only": {"id": "{who} hanya boleh membaca (peran viewer)", "en": "{who} may only read (viewer role)"},
    "denied": {
        "id": "{who} tidak berwenang atas {subject} (IPPD {ippd}, OPD {opd}); wewenangnya: {scope}",
        "en": "{who} has no access to {subject} (IPPD {ippd}, OPD {opd}); granted: {scope}",
    },
    "denied_many": {
        "id": "{who} tidak berwenang atas {count} dokumen, antara lain: {subjects}; wewenangnya: {scope}",
        "en": "{who} has no access to {count} document(s), e.g. {subjects}; granted: {scope}",
    },
    "not_admin": {"id": "{who} bukan admin {what}", "en": "{who} is not an admin of {what}"},
    "whole_repository": {"id": "seluruh repositori", "en": "the whole repository"},
    "version_conflict": {
        "id": "{subject} sudah berubah: perubahan ini dibuat atas versi {expected}, versi tersimpan {current}. "
        "Tidak ada yang ditulis; baca ulang lalu ulangi.",
        "en": "{subject} has changed: this write was made against version {expected}, the stored version is "
        "{current}. Nothing was written; read it again and retry.",
    },
    "exists": {"id": "{subject} sudah ada; ubah dengan PUT", "en": "{subject} already exists; change it with PUT"},
    "path_mismatch": {
        "id": "{got} tidak sama dengan {expected} pada alamat (URL)",
        "en": "{got} differs from {expected} in the URL",
    },
    "not_element_kind": {
        "id": "{kind} bukan jenis elemen; IPPD dan OPD punya alamatnya sendiri",
        "en": "{kind} is not an element kind; IPPD and OPD have their own addresses",
    },
    "wrong_org_kind": {
        "id": "alamat ini menerima dokumen {expected}, tertulis {got}",
        "en": "this address takes a {expected} document, got {got}",
    },
    "no_link_field": {
        "id": "{kind} tidak punya field tautan {field}; pilihan: {allowed}",
        "en": "{kind} has no link field {field}; expected one of: {allowed}",
    },
    "no_such_link": {"id": "{subject} tidak bertaut ke {target}", "en": "{subject} has no link to {target}"},
    "element_not_found": {"id": "Elemen {element} tidak ditemukan", "en": "Element {element} not found"},
    "unknown_ippd": {"id": "IPPD {ippd} tidak dikenal", "en": "unknown IPPD {ippd}"},
    "unknown_opd": {
        "id": "OPD {opd} tidak dikenal di IPPD {ippd}; yang ada: {known}",
        "en": "unknown OPD {opd} in IPPD {ippd}; known: {known}",
    },
    "unknown_token_id": {"id": "token {token} tidak ada", "en": "no token {token}"},
    "unknown_reference": {"id": "kode {code} tidak ada di daftar {list}", "en": "no code {code} in list {list}"},
    "unknown_reference_list": {
        "id": "daftar referensi {list} tidak dikenal; pilihan: {known}",
        "en": "unknown reference list {list}; expected one of: {known}",
    },
    "token_scope": {"id": "{problem}", "en": "{problem}"},
    "nul_character": {
        "id": "teks memuat karakter NUL (\\0), yang tidak bisa disimpan",
        "en": "text holds a NUL character (\\0), which cannot be stored",
    },
    "bad_cursor": {
        "id": "cursor tidak valid; pakai nilai 'next' dari halaman sebelumnya",
        "en": "invalid cursor; use the 'next' value of the previous page",
    },
    "bad_archive": {"id": "bukan arsip zip yang bisa dibaca: {detail}", "en": "not a readable zip archive: {detail}"},
    "archive_too_big": {
        "id": "arsip terlalu besar setelah dibuka ({size} MiB; batas {limit} MiB)",
        "en": "archive too large once unpacked ({size} MiB; the limit is {limit} MiB)",
    },
    "archive_empty": {"id": "arsip tidak berisi berkas .yaml/.yml", "en": "the archive holds no .yaml/.yml files"},
    # what one document may hold (metamodel `limits:`; ea_repo/catalog/limits.py)
    "not_json": {"id": "bukan JSON yang sah: {detail}", "en": "not valid JSON: {detail}"},
    "bad_workbook": {
        "id": "bukan buku kerja XLSX yang bisa dibaca ({detail})",
        "en": "not a readable XLSX workbook ({detail})",
    },
    "database_unusable": {
        "id": "basis data {url} tidak bisa dipakai: {detail}. Apakah ini berkas basis data ea-repo, "
        "dan server-nya berjalan?",
        "en": "cannot use the database {url}: {detail}. Is it an ea-repo database file, and is its server running?",
    },
    "too_deep": {"id": "bertingkat lebih dari {limit} lapis", "en": "nested more than {limit} levels deep"},
    "too_many_items": {
        "id": "{count} butir, lebih dari batas {limit}",
        "en": "{count} items, over the limit of {limit}",
    },
    "text_too_long": {
        "id": "teks {length} karakter, lebih dari batas {limit}",
        "en": "text of {length} characters, over the limit of {limit}",
    },
    "bad_character": {
        "id": "memuat karakter kendali atau tidak sah {char} pada posisi {position}; hapus karakter itu",
        "en": "holds a control or invalid character {char} at position {position}; remove it",
    },
    "code_line_break": {
        "id": "kode harus satu baris, tanpa tab atau ganti baris",
        "en": "a code is one line, without tabs or line breaks",
    },
    "number_not_finite": {"id": "angka harus terhingga, tertulis {got}", "en": "expected a finite number, got {got}"},
    "number_too_large": {"id": "angka di luar batas ±{limit}", "en": "number beyond ±{limit}"},
    "finite_number": {
        "id": "harus angka terhingga (bukan NaN atau tak hingga)",
        "en": "expected a finite number (not NaN or infinity)",
    },
    "unsafe_path": {
        "id": "nama berkas {path} tidak aman untuk ditulis di {folder} (hanya huruf, angka, '.', '_', '-'; "
        "tidak keluar dari folder); perbaiki kode IPPD-nya dulu",
        "en": "file name {path} is not safe to write in {folder} (letters, digits, '.', '_', '-' only; "
        "never out of the folder); fix the IPPD code first",
    },
    "assessment_date": {
        "id": "tanggal penilaian {date} di luar tahun {first}-{last}",
        "en": "assessment date {date} is outside the years {first}-{last}",
    },
    "ippd_code": {
        "id": "kode IPPD harus huruf, angka, '.', '_' atau '-', diawali huruf atau angka, "
        "paling panjang 64 (mis. {example}), tertulis {got}",
        "en": "an IPPD code is letters, digits, '.', '_' or '-', starting with a letter or digit, "
        "at most 64 long (e.g. {example}), got {got}",
    },
    # access: what the caller may not see answers as a missing one would (the same text for both)
    "access_no_application": {
        "id": "aplikasi {ids} tidak ada di plateau {plateau}",
        "en": "no application {ids} in plateau {plateau}",
    },
    "access_no_dismissal": {
        "id": "penolakan redundansi {id} tidak ada (IPPD {ippd})",
        "en": "no redundancy dismissal {id} (IPPD {ippd})",
    },
    "access_no_roadmap_item": {
        "id": "butir Peta Rencana {item} tidak ada di IPPD {ippd}",
        "en": "no roadmap item {item} in IPPD {ippd}",
    },
    "access_id_taken": {
        "id": "ID {id} sudah dipakai di plateau {plateau}; pilih ID lain",
        "en": "ID {id} is taken in plateau {plateau}; choose another",
    },
    # backup and restore (ea_repo/storage/backup.py)
    "backup_cannot_write": {
        "id": "tidak dapat menulis berkas cadangan {path} (apakah foldernya ada dan boleh ditulis?)",
        "en": "cannot write the backup file {path} (does its folder exist, and may you write there?)",
    },
    "backup_missing": {"id": "berkas cadangan {path} tidak ada", "en": "there is no backup file {path}"},
    "backup_not_a_backup": {
        "id": "{path} bukan berkas cadangan ea-repo (dari `ea backup`); tidak ada yang ditulis",
        "en": "{path} is not an ea-repo backup (from `ea backup`); nothing was written",
    },
    "backup_truncated": {
        "id": "berkas cadangan {path} terpotong: bagian akhirnya tidak ada (salinan yang belum selesai?); "
        "tidak ada yang ditulis",
        "en": "the backup file {path} is truncated: its end is missing (an unfinished copy?); nothing was written",
    },
    "backup_damaged": {
        "id": "berkas cadangan {path} rusak atau telah diubah (sidik sha256 atau jumlah barisnya tidak cocok); "
        "tidak ada yang ditulis",
        "en": "the backup file {path} is damaged or was altered (its sha256 digest or row counts do not match); "
        "nothing was written",
    },
    "restore_not_empty": {
        "id": "basis data tujuan sudah berisi data ea-repo ({rows} baris di {tables}); "
        "pulihkan ke basis data baru atau kosong, atau tambahkan --force untuk mengosongkannya lebih dulu; "
        "tidak ada yang ditulis",
        "en": "the target database already holds ea-repo data ({rows} rows in {tables}); "
        "restore into a new or empty database, or add --force to empty it first; nothing was written",
    },
    "restore_newer_schema": {
        "id": "cadangan {path} memakai skema versi {found}, lebih baru daripada ea-repo ini ({current}): "
        "perbarui ea-repo lebih dulu; tidak ada yang ditulis",
        "en": "the backup {path} has schema version {found}, newer than this ea-repo ({current}): "
        "upgrade ea-repo first; nothing was written",
    },
    "restore_columns_differ": {
        "id": "kolom cadangan {path} tidak cocok dengan skema ini: {columns}; tidak ada yang ditulis",
        "en": "the columns of the backup {path} do not match this schema: {columns}; nothing was written",
    },
    # evidence for the instrument in force (issue 19, evidence part)
    "evidence_instrument": {
        "id": "bukti dukung tersedia untuk instrumen {known}, bukan {got}",
        "en": "evidence is available for the instruments {known}, not {got}",
    },
    # the spreadsheet-first workflow (issue 21 part A)
    "formula_without_value": {
        "id": "sel {cell} berisi rumus {formula} tanpa nilai tersimpan (buku kerja ditulis oleh program dan "
        "belum pernah dihitung); buka lalu simpan di Excel atau LibreOffice, atau tulis nilainya",
        "en": "cell {cell} holds the formula {formula} without a stored value (the workbook was written by a "
        "program and never calculated); open and save it in Excel or LibreOffice, or type the value",
    },
    "score_file_skipped": {
        "id": "{name}: berkas nilai indeks, dilewati (bacalah dengan `ea index`)",
        "en": "{name}: index score file, skipped (read it with `ea index`)",
    },
    "plateau_empty": {
        "id": "plateau {plateau} IPPD {ippd} tidak berisi elemen yang dapat disalin",
        "en": "plateau {plateau} of IPPD {ippd} holds no element to copy",
    },
    "plateau_not_empty": {
        "id": "plateau {plateau} sudah berisi {count} elemen; tambahkan --replace (API: replace=true) untuk menimpanya",
        "en": "plateau {plateau} already holds {count} element(s); add --replace (API: replace=true) to overwrite it",
    },
    "plateau_same": {
        "id": "plateau asal dan tujuan sama ({plateau})",
        "en": "the source and target plateau are the same ({plateau})",
    },
    # one voice (issue 17): usage errors that were English only
    "name_the_ippd": {
        "id": "sebutkan IPPD-nya (ippd): repositori berisi {count} IPPD ({codes})",
        "en": "name the IPPD (ippd): the repository holds {count} ({codes})",
    },
    "token_name_nul": {
        "id": "nama token tidak boleh memuat karakter NUL",
        "en": "a token name cannot hold a NUL character",
    },
    "unknown_role": {
        "id": "peran {role} tidak dikenal; pilihan: {roles}",
        "en": "unknown role {role}; expected one of: {roles}",
    },
    "architect_needs_ippd": {
        "id": "token architect memerlukan IPPD (ippd): architect menulis di dalam satu pemerintah daerah",
        "en": "an architect token needs an IPPD (ippd): architects write within one government",
    },
    "opd_needs_ippd": {
        "id": "kode OPD milik sebuah IPPD: sebutkan ippd bersama opd",
        "en": "OPD codes belong to an IPPD: give ippd with opd",
    },
    "token_unknown_ippd": {
        "id": "IPPD {ippd} tidak dikenal (yang ada: {known}; impor dulu organisasi.yaml-nya)",
        "en": "unknown IPPD {ippd} (known: {known}; import its organisasi.yaml first)",
    },
    "if_match_invalid": {
        "id": 'If-Match harus ETag yang diberikan API ini, mis. "3"; tertulis {got}',
        "en": 'If-Match must be an ETag this API gave, like "3"; got {got}',
    },
    # one voice (issue 17): the usage errors of the service, the renderers and the commands
    "parameter_one_of": {
        "id": "{name}: harus salah satu dari {choices}, tertulis {got}",
        "en": "{name}: expected one of {choices}, got {got}",
    },
    "unknown_values": {
        "id": "{name}: {got} tidak dikenal; pilihan: {choices}",
        "en": "{name}: unknown {got}; expected one of {choices}",
    },
    "unknown_plateau": {
        "id": "plateau {plateau!r} tidak dikenal: as-is, to-be atau tahun",
        "en": "unknown plateau {plateau!r}: as-is, to-be or a year",
    },
    "unknown_kind_or_domain": {
        "id": "jenis atau domain {got} tidak dikenal; pilihan: {keys}",
        "en": "unknown kind or domain {got}; expected one of: {keys}",
    },
    "unknown_rules": {
        "id": "aturan tidak dikenal: {rules} (`ea rules` menampilkan daftarnya)",
        "en": "unknown rule(s): {rules} (`ea rules` lists them)",
    },
    "view_needs_element": {
        "id": "tampilan {view} memerlukan ID elemen (element)",
        "en": "the {view} view needs an element ID (element)",
    },
    "dot_missing": {
        "id": "program Graphviz `dot` tidak terpasang: pasang Graphviz dengan `apt-get install graphviz` "
        "(Debian/Ubuntu), `brew install graphviz`, atau dari graphviz.org/download",
        "en": "the Graphviz `dot` program is not installed: install Graphviz: `apt-get install graphviz` "
        "(Debian/Ubuntu), `brew install graphviz`, or graphviz.org/download",
    },
    "binary_needs_file": {
        "id": "{format} berupa berkas biner: tulis ke berkas dengan -o {example}",
        "en": "{format} is binary: write it to a file with -o {example}",
    },
    "bad_date": {
        "id": "{name}: harus tanggal berformat YYYY-MM-DD, tertulis {got}",
        "en": "{name}: expected YYYY-MM-DD, got {got}",
    },
    "evidence_report_file": {
        "id": "-o: sebutkan berkas .html, .docx atau .pdf, tertulis {got}",
        "en": "-o: name an .html, .docx or .pdf file, got {got}",
    },
    "export_where": {
        "id": "sebutkan tempat menulis: ea export out/  atau  ea export --format xlsx -o arsitektur.xlsx",
        "en": "name where to write: ea export out/  or  ea export --format xlsx -o arsitektur.xlsx",
    },
    "gap_empty": {
        "id": "tidak ada elemen di plateau {before!r} maupun {after!r}",
        "en": "no elements in plateaus {before!r} or {after!r}",
    },
    "gap_empty_ippd": {
        "id": "tidak ada elemen di plateau {before!r} maupun {after!r} IPPD {ippd}",
        "en": "no elements in plateaus {before!r} or {after!r} of {ippd}",
    },
    "roadmap_none": {
        "id": "{ippd} belum punya Peta Rencana: `ea roadmap import FILE.yaml`, atau mulai dari `ea roadmap draft`",
        "en": "{ippd} has no roadmap yet: `ea roadmap import FILE.yaml`, or start from `ea roadmap draft`",
    },
    "no_yaml_files": {"id": "tidak ada berkas YAML di {paths}", "en": "no YAML files in {paths}"},
    "samples_missing": {
        "id": "berkas contoh (samples) tidak ada di sini ({path}): jalankan ea demo dari salinan kerja ea-repo "
        "(pip install -e .)",
        "en": "the samples are not here ({path}): run ea demo from a checkout of ea-repo (pip install -e .)",
    },
    "file_missing": {"id": "{path}: berkas tidak ada", "en": "{path}: no such file"},
    "reference_header": {
        "id": "{path}: baris judul harus menamai kolom code (kode) dan name (nama); tertulis {got}",
        "en": "{path}: the header must name the columns code (kode) and name (nama); got {got}",
    },
    "reference_yaml": {
        "id": "{path}: harus daftar mapping {{code, name, level}} (atau `codes:` yang memuatnya)",
        "en": "{path}: expected a list of {{code, name, level}} mappings (or `codes:` holding one)",
    },
    "no_header_row": {
        "id": "tidak ada baris judul yang menamai kolom ID ({header}) di baris-baris pertama",
        "en": "no header row naming the ID column ({header}) in the first rows",
    },
    "sheet_left_aside": {
        "id": "{where}: bukan lembar katalog, dilewati",
        "en": "{where}: not a catalogue sheet, left aside",
    },
    "columns_left_aside": {
        "id": "{where}: kolom yang dilewati: {columns}",
        "en": "{where}: columns left aside: {columns}",
    },
    "pairs_line": {
        "id": "harus baris 'kunci: nilai', tertulis {got}",
        "en": "expected 'key: value' lines, got {got}",
    },
    # a diagram too big to draw element by element (viz/model.py): what was collapsed, under the title
    "diagram_collapsed": {
        "id": "{count} elemen diringkas menjadi {groups} kelompok {names} (lebih dari {limit})",
        "en": "{count} elements collapsed into {groups} {names} groups (over {limit})",
    },
    "diagram_collapsed_heaviest": {
        "id": "{count} elemen diringkas menjadi {groups} kelompok {names} (lebih dari {limit}); digambar {drawn} "
        "tautan kelompok terberat dari {pairs} (masing-masing ×{least} atau lebih)",
        "en": "{count} elements collapsed into {groups} {names} groups (over {limit}); the {drawn} heaviest of "
        "{pairs} group links drawn (each ×{least} or more)",
    },
    # the database (ea_repo/storage/db.py)
    "database_url_unusable": {
        "id": "basis data {url} tidak bisa dipakai: {detail}",
        "en": "cannot use database {url}: {detail}",
    },
    "no_database_file": {
        "id": "tidak ada basis data ea-repo di {path}: jalankan `ea init` dulu",
        "en": "no ea-repo database at {path}: run `ea init` first",
    },
    "no_schema": {
        "id": "tidak ada skema ea-repo di {url}: jalankan `ea init` dulu",
        "en": "no ea-repo schema in {url}: run `ea init` first",
    },
    "schema_older": {
        "id": "skema basis data versi {found} lebih lama daripada ea-repo ini ({current}): jalankan `ea init` "
        "untuk memperbaruinya",
        "en": "database schema version {found} is older than this ea-repo's ({current}): run `ea init` to upgrade it",
    },
    "schema_newer": {
        "id": "skema basis data versi {found} lebih baru daripada ea-repo ini ({current}): perbarui ea-repo",
        "en": "database schema version {found} is newer than this ea-repo ({current}): upgrade ea-repo",
    },
    # redundant applications: scope, dismissals and settings (ea_repo/service/redundancy.py, redundancy/settings.py)
    "redundancy_opd_national": {
        "id": "opd memerlukan satu IPPD (scope ippd)",
        "en": "opd needs one IPPD (scope ippd)",
    },
    "redundancy_national_ippd": {
        "id": "scope national membandingkan setiap IPPD yang boleh Anda baca: kosongkan IPPD",
        "en": "scope national compares every IPPD you may read: leave out the IPPD",
    },
    "redundancy_scope_ippd": {"id": "scope ippd memerlukan IPPD-nya (ippd)", "en": "scope ippd needs the IPPD (ippd)"},
    "dismissal_reason": {
        "id": "pengabaian memerlukan alasan (reason): arsitek berikutnya perlu tahu sebabnya",
        "en": "a dismissal needs a reason (reason): the next architect must know why",
    },
    "dismissal_members": {
        "id": "sebutkan dua aplikasi atau lebih, atau satu id klaster (R-...)",
        "en": "name two or more applications, or one cluster id (R-...)",
    },
    "dismissal_distinct": {
        "id": "sebutkan dua aplikasi berbeda atau lebih",
        "en": "name two or more different applications",
    },
    "dismissal_outside_ippd": {
        "id": "tidak satu pun aplikasi ini ada di {ippd}",
        "en": "none of these applications is in {ippd}",
    },
    "member_needs_ippd": {
        "id": "{member}: sebutkan IPPD-nya (IPPD/ID) atau berikan IPPD (ippd)",
        "en": "{member}: name its IPPD (IPPD/ID) or give the IPPD (ippd)",
    },
    "no_cluster": {
        "id": "klaster {cluster} tidak ada di laporan {scope} (jalankan laporan lagi: id mengikuti anggotanya)",
        "en": "no cluster {cluster} in the {scope} report (run the report again: ids follow the members)",
    },
    "no_cluster_ippd": {
        "id": "klaster {cluster} tidak ada di laporan {scope} IPPD {ippd} (jalankan laporan lagi: id mengikuti "
        "anggotanya)",
        "en": "no cluster {cluster} in the {scope} report of {ippd} (run the report again: ids follow the members)",
    },
    "setting_unknown": {
        "id": "pengaturan {name} tidak dikenal (yang ada: {known})",
        "en": "unknown setting {name} (known: {known})",
    },
    "setting_unknown_in": {
        "id": "{section}: pengaturan {name} tidak dikenal",
        "en": "{section}: unknown setting {name}",
    },
    "signal_unknown": {
        "id": "{section}: sinyal {name} tidak dikenal (yang ada: {known})",
        "en": "{section}: unknown signal {name} (known: {known})",
    },
    "setting_not_number": {"id": "{name}: harus angka, tertulis {got}", "en": "{name}: expected a number, got {got}"},
    "setting_number_range": {
        "id": "{name}: harus angka dalam {range}, tertulis {got}",
        "en": "{name}: expected a number in {range}, got {got}",
    },
    "setting_whole_number": {
        "id": "{name}: harus bilangan bulat paling kecil {minimum}, tertulis {got}",
        "en": "{name}: expected a whole number of at least {minimum}, got {got}",
    },
    "settings_file_unreadable": {"id": "berkas pengaturan {path}: {detail}", "en": "settings file {path}: {detail}"},
    "settings_file_not_mapping": {
        "id": "berkas pengaturan {path}: harus mapping berisi pengaturan",
        "en": "settings file {path}: expected a mapping of settings",
    },
    # ArchiMate exchange import (issue 22, import half: ea_repo/archimate/read.py)
    "archimate_not_xml": {"id": "bukan XML yang utuh: {detail}", "en": "not well-formed XML: {detail}"},
    "archimate_doctype": {
        "id": "berkas memuat DOCTYPE (deklarasi DTD atau entitas); berkas pertukaran ArchiMate tidak memerlukannya, "
        "jadi ditolak demi keamanan",
        "en": "the file holds a DOCTYPE (DTD or entity declarations); an ArchiMate exchange file needs none, "
        "so it is refused for safety",
    },
    "archimate_not_exchange": {
        "id": "bukan berkas pertukaran ArchiMate: akarnya {root}, bukan <model> dalam ruang nama {namespace}",
        "en": "not an ArchiMate exchange file: its root is {root}, not <model> in the namespace {namespace}",
    },
    "archimate_import_invalid": {
        "id": "tidak sesuai skema XSD Open Group ArchiMate 3.1 (pesan validator: {detail})",
        "en": "does not follow the Open Group ArchiMate 3.1 XSDs: {detail}",
    },
    "archimate_id_assigned": {
        "id": "{name}: elemen {identifier} ({title}) tanpa properti ID diberi ID {id}",
        "en": "{name}: element {identifier} ({title}) had no ID property: assigned {id}",
    },
    "archimate_unmapped": {
        "id": "{name}: {count} elemen bertipe {type} tidak punya jenis katalog, dilewati: {identifiers}",
        "en": "{name}: {count} element(s) of type {type} have no catalogue kind, left aside: {identifiers}",
    },
    "archimate_related": {
        "id": "{name}: {count} relasi antarelemen yang jenisnya tidak diizinkan relasi mana pun dibaca sebagai "
        "tautan tak bertipe (related); pemeriksaan menilainya",
        "en": "{name}: {count} relationship(s) between kinds no relation allows read as untyped (related) links; "
        "the checks judge them",
    },
    "archimate_relationships_skipped": {
        "id": "{name}: {count} relasi bertipe {type} dilewati (salah satu ujungnya bukan elemen katalog)",
        "en": "{name}: {count} relationship(s) of type {type} left aside (an end is not a catalogue element)",
    },
    # ArchiMate exchange export (issue 22, export half)
    "archimate_invalid": {
        "id": "berkas ArchiMate yang dihasilkan tidak sah menurut XSD ArchiMate 3.1 (ini cacat ea-repo; berkas tidak "
        "ditulis): {problems}",
        "en": "the ArchiMate file produced is not valid against the ArchiMate 3.1 XSDs (a bug in ea-repo; the file "
        "was not written): {problems}",
    },
    "archimate_no_dot": {
        "id": "Graphviz (`dot`) tidak terpasang: diekspor tanpa tampilan (diagram). Pasang Graphviz untuk tampilan "
        "yang sudah ditata.",
        "en": "Graphviz (`dot`) is not installed: exported without views (diagrams). "
        "Install Graphviz for laid-out views.",
    },
    "archimate_view_too_large": {
        "id": "tampilan {view} memuat {nodes} elemen (batas {limit}): tidak disertakan; pilih satu OPD dengan --opd",
        "en": "view {view} holds {nodes} elements (limit {limit}): left out; choose one OPD with --opd",
    },
    "archimate_view_failed": {
        "id": "tampilan {view} tidak dapat ditata oleh Graphviz ({reason}): tidak disertakan",
        "en": "view {view} could not be laid out by Graphviz ({reason}): left out",
    },
    "archimate_dangling": {
        "id": "{count} tautan menuju elemen yang tidak ada dalam ekspor tidak ditulis (relasi ArchiMate memerlukan "
        "kedua ujungnya; `ea check` melaporkannya)",
        "en": "{count} link(s) to elements not in the export were not written (an ArchiMate relationship needs "
        "both ends; `ea check` reports them)",
    },
    "archimate_unknown_plateau": {
        "id": "plateau {plateau!r} tidak dikenal: all, as-is, to-be atau tahun",
        "en": "unknown plateau {plateau!r}: all, as-is, to-be or a year",
    },
    "archimate_unknown_view": {
        "id": "tampilan {view!r} tidak dikenal; pilihan: {choices}",
        "en": "unknown view {view!r}; expected one of: {choices}",
    },
    # server settings (ea_repo/core/settings.py): environment variables and `ea serve` options
    "setting_invalid": {
        "id": "pengaturan {name} tidak sah ({value}): {expected}",
        "en": "setting {name} is invalid ({value}): {expected}",
    },
    "setting_whole_number_at_least": {
        "id": "harus bilangan bulat paling kecil {minimum}",
        "en": "must be a whole number of at least {minimum}",
    },
    "setting_number_at_least": {
        "id": "harus bilangan paling kecil {minimum}",
        "en": "must be a number of at least {minimum}",
    },
    "setting_database_url": {
        "id": "harus path berkas SQLite, sqlite:///berkas.db atau postgresql://pengguna@host/basisdata",
        "en": "must be a SQLite file path, sqlite:///file.db or postgresql://user@host/database",
    },
    "setting_hours": {
        "id": "jumlah jam lebih dari 0, paling banyak 720",
        "en": "a number of hours above 0, at most 720",
    },
    "setting_origins": {
        "id": "harus daftar asal dipisah koma, masing-masing http(s)://host[:port] tanpa path, atau *",
        "en": "must be a comma-separated list of origins, each http(s)://host[:port] without a path, or *",
    },
}
PROBLEMS = Catalogue("problems", _PROBLEM_TEXTS)


class Message:
    """A problem message in both languages; str() gives English (logs, API), render(lang) either."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        self.key, self.params = key, params

    def render(self, lang: str = "id") -> str:
        params = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        return PROBLEMS.t(self.key, lang, **params)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def language(lang: str) -> str:
    """The language code texts in `lang` are shown in, as Text picks it: en, else id (a document's lang attribute)."""
    return lang if lang in LANGS else "id"


def default_lang() -> str:
    lang = os.environ.get("EA_LANG", "id").lower()
    return lang if lang in LANGS else "id"


def t(key: str, lang: str = "id", **params) -> str:
    """The message `key` in `lang`, formatted with `params`."""
    return MESSAGES.t(key, lang, **params)


def columns(key: str, lang: str = "id") -> list[str]:
    """The column headers of a table: the message `key` holds them separated by |."""
    return t(key, lang).split("|")
