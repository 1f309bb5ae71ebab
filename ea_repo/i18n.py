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
    "export_done": {"id": "Diekspor {elements} elemen ke {files} berkas di {path}", "en": "Exported {elements} elements to {files} file(s) in {path}"},
    "not_found": {"id": "Elemen {element} tidak ditemukan", "en": "Element {element} not found"},
    "error": {"id": "Galat", "en": "Error"},
    "element_count": {"id": "{count} elemen", "en": "{count} element(s)"},
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
}


def default_lang() -> str:
    lang = os.environ.get("EA_LANG", "id").lower()
    return lang if lang in LANGS else "id"


def t(key: str, lang: str = "id", **params) -> str:
    """The message `key` in `lang`, formatted with `params`."""
    entry = MESSAGES[key]
    return entry.get(lang, entry["id"]).format(**params)
