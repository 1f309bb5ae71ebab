"""The words of the self-assessments (assessment.py, pemdi.py): counts and findings with named placeholders, made
into Texts in both languages when a criterion is judged (`EVIDENCE.text(key, count=...)`)."""

from __future__ import annotations

from ea_repo.core.i18n import Catalogue, Text

EVIDENCE = Catalogue(
    "evidence",
    {
        # what the repository holds, counted
        "initiatives": Text("{count} inisiatif", "{count} initiatives"),
        "elements": Text("{count} elemen", "{count} elements"),
        "elements_by_kind": Text("{count} elemen: {kinds}", "{count} elements: {kinds}"),
        "kind_count": Text("{count} {kind}", "{count} {kind}"),
        "named_count": Text("{name}: {count}", "{name}: {count}"),
        "as_is_elements": Text(
            "{count} elemen as-is di {present} dari {domains} domain",
            "{count} as-is elements in {present} of {domains} domains",
        ),
        "domains_coded": Text(
            "{count} domain dengan elemen berkode referensi nasional",
            "{count} domains with elements carrying a national reference code",
        ),
        "checkable_valid": Text(
            "{valid} dari {checkable} elemen as-is yang dapat diperiksa ({share:.0%})",
            "{valid} of {checkable} checkable as-is elements ({share:.0%})",
        ),
        "nothing_checkable": Text("tidak ada elemen yang dapat diperiksa", "no checkable elements"),
        "muatan_covered": Text("{count} dari {total}: {names}", "{count} of {total}: {names}"),
        "share": Text("{part} dari {whole} {what} ({share:.0%})", "{part} of {whole} {what} ({share:.0%})"),
        "share_of_none": Text("{part} dari {whole} {what}", "{part} of {whole} {what}"),
        "domains_present": Text(
            "{count} dari {total} domain berisi elemen; belum ada: {missing}",
            "{count} of {total} domains hold elements; missing: {missing}",
        ),
        "beyond_as_is": Text("{count} elemen di luar as-is", "{count} elements beyond the as-is"),
        "national_in_use": Text(
            "{count} aplikasi tercatat sebagai Aplikasi Umum atau dikenali sebagai aplikasi nasional",
            "{count} applications recorded as Aplikasi Umum or recognised as a national application",
        ),
        "local_copies": Text(
            "{count} aplikasi lokal setara aplikasi nasional: {pairs}",
            "{count} local applications equivalent to a national one: {pairs}",
        ),
        "planned_applications": Text(
            "{applications} aplikasi to-be, {initiatives} inisiatif",
            "{applications} to-be applications, {initiatives} initiatives",
        ),
        "processes": Text("{count} proses bisnis", "{count} processes"),
        "integration_links": Text("{count} tautan integrasi", "{count} integration links"),
        "service_link_links": Text(
            "{count} tautan ke sistem penghubung layanan", "{count} links to a service link system"
        ),
        "data_shared": Text("{count} dari {total} data", "{count} of {total} data"),
        "exchanges": Text("{count} pertukaran", "{count} exchanges"),
        # records: enactments, reviews, budgets
        "no_enactment": Text("belum ada penetapan tercatat", "no enactment recorded"),
        "no_review_since": Text(
            "tidak ada reviu dengan permasalahan dan rekomendasi sejak {since}",
            "no review with issues and recommendations since {since}",
        ),
        "review_counts": Text(
            "{review} tanggal {date}: {issues} permasalahan, {recommendations} rekomendasi",
            "{review} on {date}: {issues} issues, {recommendations} recommendations",
        ),
        "to_be_present": Text("plateau to-be ada", "to-be plateau present"),
        "to_be_absent": Text("plateau to-be tidak ada", "to-be plateau absent"),
        "review_followed_in": Text(
            "{plateau}; reviu {review} ditindaklanjuti di: {where}",
            "{plateau}; review {review} followed up in: {where}",
        ),
        "no_review_followed_roadmap": Text(
            "tidak ada reviu yang ditindaklanjuti di peta-rencana", "no review is followed up in peta-rencana"
        ),
        "budget_year": Text("{year}: {documents}", "{year}: {documents}"),
        "no_budget": Text("tidak ada", "none"),
        "missing": Text("belum ada: {names}", "missing: {names}"),
        "complete": Text("lengkap", "complete"),
        # criteria titles and caveats with a number or a name in them
        "unverified_lists": Text(
            "daftar kode nasional untuk {names} belum dimuat: kode di sana dihitung bila ada, tidak diverifikasi "
            "(ea reference load)",
            "no national code list is loaded for {names}: codes there are counted when present, not verified "
            "(ea reference load)",
        ),
        "aligned_national": Text(
            "Selaras dengan Arsitektur SPBE Nasional (≥ {share:.0%} elemen berkode referensi sah)",
            "Aligned with the national architecture (≥ {share:.0%} of elements with a valid reference code)",
        ),
        "budgeted_years": Text(
            "Dituangkan dalam rencana kerja dan anggaran {years} tahun terakhir",
            "Carried into the work plan and budget of the last {years} years",
        ),
        "pemdi_aligned": Text(
            "Selaras dengan referensi arsitektur nasional (≥ {share:.0%} elemen berkode referensi sah)",
            "Aligned with the national reference architectures (≥ {share:.0%} of elements with a valid code)",
        ),
        "applications_coded": Text(
            "≥ {share:.0%} aplikasi berkode Referensi Arsitektur Aplikasi nasional",
            "≥ {share:.0%} of applications carry a national application reference code",
        ),
        "pemdi_disclaimer": Text(
            "Penilaian mandiri dari isi repositori sebagai bukti dukung {index} ({short}). "
            "Rubrik level indikatornya tidak ada pada sumber yang kami pegang, maka tidak ada level yang dihitung. "
            "Penilaian akhir ada pada asesor.",
            "A self-assessment from the repository's content as evidence for the {index} ({short}). "
            "The level rubric of its indicators is not in the sources we hold, so no level is computed. "
            "The assessor's judgement is final.",
        ),
    },
)
