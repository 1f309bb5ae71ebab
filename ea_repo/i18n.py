"""User-facing messages in Bahasa Indonesia (default) and English (--lang en / EA_LANG=en)."""
from __future__ import annotations

import os

LANGS = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "message": {"id": "pesan", "en": "message"},
    "fix": {"id": "cara memperbaiki", "en": "how to fix"},
    "check_summary": {
        "id": "Diperiksa {elements} elemen, {links} tautan, {rules} aturan: {errors} galat, {warnings} peringatan, {infos} info.",
        "en": "Checked {elements} elements, {links} links, {rules} rules: {errors} errors, {warnings} warnings, {infos} info.",
    },
    "more_findings": {
        "id": "... dan {count} temuan lagi untuk aturan ini (--limit 0 menampilkan semua, --format json untuk diolah).",
        "en": "... and {count} more findings for this rule (--limit 0 shows all; --format json to process them).",
    },
    "roadmap_documents": {"id": "Peta Rencana: {count} dokumen (RoadmapPlan/Initiative) diimpor; `ea roadmap check` memeriksanya.",
                          "en": "Roadmap: {count} documents (RoadmapPlan/Initiative) imported; `ea roadmap check` checks them."},
    "init_created": {"id": "Repositori dibuat: {url}", "en": "Repository created: {url}"},
    "init_exists": {"id": "Repositori sudah ada, skema diperbarui: {url}", "en": "Repository already exists, schema up to date: {url}"},
    "import_rejected": {
        "id": "Impor ditolak: {count} masalah. Tidak ada yang ditulis.",
        "en": "Import rejected: {count} problem(s). Nothing was written.",
    },
    "import_done": {
        "id": "Diimpor {files} berkas: {created} baru, {updated} diperbarui, {unchanged} tetap; {links} tautan; {orgs} IPPD/OPD.",
        "en": "Imported {files} file(s): {created} created, {updated} updated, {unchanged} unchanged; {links} links; {orgs} IPPD/OPD.",
    },
    "validated": {
        "id": "Valid: {files} berkas, {elements} elemen, {orgs} IPPD/OPD. Tidak ada yang ditulis (--dry-run).",
        "en": "Valid: {files} file(s), {elements} elements, {orgs} IPPD/OPD. Nothing written (--dry-run).",
    },
    "export_done": {"id": "Diekspor {elements} elemen ke {files} berkas di {path}", "en": "Exported {elements} elements to {files} file(s) in {path}"},
    "not_found": {"id": "Elemen {element} tidak ditemukan", "en": "Element {element} not found"},
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
    "reference_reset": {"id": "Daftar {domain} kembali ke daftar bawaan.", "en": "{domain} list reset to the shipped list."},
    "unknown_rule": {"id": "Aturan tidak dikenal: {rules}", "en": "Unknown rule(s): {rules}"},
    "token_created": {"id": "Token {id} dibuat: peran {role}, wewenang {scope}. Simpan teks di bawah ini sekarang; tidak akan ditampilkan lagi.",
                      "en": "Token {id} created: role {role}, scope {scope}. Store the text below now; it is not shown again."},
    "token_revoked": {"id": "Token {id} dicabut.", "en": "Token {id} revoked."},
    "rejected": {"id": "Ditolak: {count} masalah. Tidak ada yang ditulis.", "en": "Rejected: {count} problem(s). Nothing was written."},
    "invalid_request": {"id": "permintaan tidak valid", "en": "invalid request"},
    "body_too_large": {"id": "isi permintaan lebih dari {limit} MiB", "en": "request body over {limit} MiB"},
    "internal_error": {"id": "galat internal (rujukan {reference}); sudah dicatat di log server",
                       "en": "internal error (reference {reference}); it is in the server log"},
    "no_history": {"id": "Belum ada perubahan tercatat.", "en": "No changes recorded yet."},
    "serving": {"id": "ea-repo API di http://{host}:{port} (dokumentasi OpenAPI: /docs), basis data {url}",
                "en": "ea-repo API at http://{host}:{port} (OpenAPI docs: /docs), database {url}"},
}


PROBLEMS: dict[str, dict[str, str]] = {
    "no_such_path": {"id": "berkas atau folder tidak ada", "en": "no such file or folder"},
    "file_too_big": {"id": "berkas {size} MiB; batasnya {limit} MiB (pecah berkasnya, atau naikkan --max-file-size)",
                     "en": "file is {size} MiB; the limit is {limit} MiB (split it, or raise --max-file-size)"},
    "not_utf8": {"id": "bukan teks UTF-8 (byte {byte}); simpan berkas sebagai UTF-8",
                 "en": "not UTF-8 text (byte {byte}); save the file as UTF-8"},
    "invalid_yaml": {"id": "YAML tidak valid: {detail}", "en": "invalid YAML: {detail}"},
    "aliases": {"id": "anchor dan alias YAML (&nama / *nama) tidak diizinkan di berkas katalog",
                "en": "YAML anchors and aliases (&name / *name) are not allowed in catalogue files"},
    "too_many_values": {"id": "dokumen berisi lebih dari {limit} nilai; pecah dokumennya",
                        "en": "document has more than {limit} values; split it"},
    "not_mapping": {"id": "harus berupa mapping dengan apiVersion, kind, metadata dan spec",
                    "en": "expected a mapping with apiVersion, kind, metadata and spec"},
    "api_version": {"id": "apiVersion harus {expected}, tertulis {got}", "en": "expected apiVersion: {expected}, got {got}"},
    "unknown_kind": {"id": "kind {got} tidak dikenal; pilihan: {known}", "en": "unknown kind {got}; expected one of: {known}"},
    "unknown_field": {"id": "field tidak dikenal; {kind} {section} mengenal: {allowed}",
                      "en": "unknown field; {kind} {section} allows: {allowed}"},
    "one_of": {"id": "harus salah satu dari: {values}", "en": "expected one of: {values}"},
    "number": {"id": "harus angka (hanya digit, mis. 32 atau 2.5)", "en": "expected a number (digits only, e.g. 32 or 2.5)"},
    "integer": {"id": "harus bilangan bulat", "en": "expected a whole number"},
    "boolean": {"id": "harus true/false atau ya/tidak", "en": "expected true/false or ya/tidak"},
    "date": {"id": "harus tanggal berformat YYYY-MM-DD", "en": "expected a date as YYYY-MM-DD"},
    "missing": {"id": "field wajib belum diisi", "en": "required field is missing"},
    "text": {"id": "harus teks", "en": "expected text"},
    "mapping": {"id": "harus mapping", "en": "expected a mapping"},
    "list": {"id": "harus daftar (list)", "en": "expected a list"},
    "got": {"id": "{message}, tertulis {got}", "en": "{message}, got {got}"},
    "duplicate": {"id": "ganda: {label}{where} sudah didefinisikan di {other}",
                  "en": "duplicate: {label}{where} is already defined at {other}"},
    "in_plateau": {"id": " di plateau {plateau}", "en": " in plateau {plateau}"},
    "id_shape": {"id": "ID harus seperti {example}, tertulis {got}", "en": "expected an ID like {example}, got {got}"},
    "plateau": {"id": "plateau harus as-is, to-be atau tahun seperti 2024, tertulis {got}",
                "en": "expected as-is, to-be or a year such as 2024, got {got}"},
    "ippd_missing": {"id": "isi kode IPPD pemilik elemen ini", "en": "expected the code of the IPPD this element belongs to"},
    "opd_ippd_missing": {"id": "isi kode IPPD tempat OPD ini berada", "en": "expected the code of the IPPD this OPD belongs to"},
    "no_reference_code": {"id": "tidak ada kode referensi di {got} (contoh: {example}.01.02 atau 01.02)",
                          "en": "no reference code in {got} (expected e.g. {example}.01.02 or 01.02)"},
    "text_before_code": {"id": "ada teks sebelum kode pertama di {got}", "en": "text before the first code in {got}"},
    "link_ids": {"id": "harus ID elemen seperti A.001, tertulis {got}", "en": "expected element IDs such as A.001, got {got}"},
    "org_code": {"id": "kode harus huruf, angka, '.', '_' atau '-' (mis. {example}), tertulis {got}",
                 "en": "expected a code of letters, digits, '.', '_' or '-' (e.g. {example}), got {got}"},
    "as_written": {"id": "{text}", "en": "{text}"},
    # access and the API
    "no_token": {"id": "butuh token API: kirim header 'Authorization: Bearer ea_...' (buat dengan `ea token create`)",
                 "en": "an API token is needed: send 'Authorization: Bearer ea_...' (make one with `ea token create`)"},
    "bad_token": {"id": "token tidak dikenal atau sudah dicabut", "en": "unknown or revoked token"},
    "read_only": {"id": "{who} hanya boleh membaca (peran viewer)", "en": "{who} may only read (viewer role)"},
    "denied": {"id": "{who} tidak berwenang atas {subject} (IPPD {ippd}, OPD {opd}); wewenangnya: {scope}",
               "en": "{who} has no access to {subject} (IPPD {ippd}, OPD {opd}); granted: {scope}"},
    "denied_many": {"id": "{who} tidak berwenang atas {count} dokumen, antara lain: {subjects}; wewenangnya: {scope}",
                    "en": "{who} has no access to {count} document(s), e.g. {subjects}; granted: {scope}"},
    "not_admin": {"id": "{who} bukan admin {what}", "en": "{who} is not an admin of {what}"},
    "whole_repository": {"id": "seluruh repositori", "en": "the whole repository"},
    "version_conflict": {"id": "{subject} sudah berubah: perubahan ini dibuat atas versi {expected}, versi tersimpan {current}. "
                                 "Tidak ada yang ditulis; baca ulang lalu ulangi.",
                         "en": "{subject} has changed: this write was made against version {expected}, the stored version is "
                               "{current}. Nothing was written; read it again and retry."},
    "exists": {"id": "{subject} sudah ada; ubah dengan PUT", "en": "{subject} already exists; change it with PUT"},
    "path_mismatch": {"id": "{got} tidak sama dengan {expected} pada alamat (URL)", "en": "{got} differs from {expected} in the URL"},
    "not_element_kind": {"id": "{kind} bukan jenis elemen; IPPD dan OPD punya alamatnya sendiri",
                         "en": "{kind} is not an element kind; IPPD and OPD have their own addresses"},
    "wrong_org_kind": {"id": "alamat ini menerima dokumen {expected}, tertulis {got}", "en": "this address takes a {expected} document, got {got}"},
    "no_link_field": {"id": "{kind} tidak punya field tautan {field}; pilihan: {allowed}",
                      "en": "{kind} has no link field {field}; expected one of: {allowed}"},
    "no_such_link": {"id": "{subject} tidak bertaut ke {target}", "en": "{subject} has no link to {target}"},
    "unknown_ippd": {"id": "IPPD {ippd} tidak dikenal", "en": "unknown IPPD {ippd}"},
    "unknown_opd": {"id": "OPD {opd} tidak dikenal di IPPD {ippd}; yang ada: {known}", "en": "unknown OPD {opd} in IPPD {ippd}; known: {known}"},
    "unknown_token_id": {"id": "token {token} tidak ada", "en": "no token {token}"},
    "unknown_reference": {"id": "kode {code} tidak ada di daftar {list}", "en": "no code {code} in list {list}"},
    "unknown_reference_list": {"id": "daftar referensi {list} tidak dikenal; pilihan: {known}",
                               "en": "unknown reference list {list}; expected one of: {known}"},
    "token_scope": {"id": "{problem}", "en": "{problem}"},
    "nul_character": {"id": "teks memuat karakter NUL (\\0), yang tidak bisa disimpan", "en": "text holds a NUL character (\\0), which cannot be stored"},
    "bad_cursor": {"id": "cursor tidak valid; pakai nilai 'next' dari halaman sebelumnya", "en": "invalid cursor; use the 'next' value of the previous page"},
    "bad_archive": {"id": "bukan arsip zip yang bisa dibaca: {detail}", "en": "not a readable zip archive: {detail}"},
    "archive_too_big": {"id": "arsip terlalu besar setelah dibuka ({size} MiB; batas {limit} MiB)",
                        "en": "archive too large once unpacked ({size} MiB; the limit is {limit} MiB)"},
    "archive_empty": {"id": "arsip tidak berisi berkas .yaml/.yml", "en": "the archive holds no .yaml/.yml files"},
}


class Message:
    """A problem message in both languages; str() gives English (logs, API), render(lang) either."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        self.key, self.params = key, params

    def render(self, lang: str = "id") -> str:
        params = {k: v.render(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        return PROBLEMS[self.key].get(lang, PROBLEMS[self.key]["en"]).format(**params)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def default_lang() -> str:
    lang = os.environ.get("EA_LANG", "id").lower()
    return lang if lang in LANGS else "id"


def t(key: str, lang: str = "id", **params) -> str:
    """The message `key` in `lang`, formatted with `params`."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["id"]).format(**params)
