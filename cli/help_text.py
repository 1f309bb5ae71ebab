"""`ea --help` in Bahasa Indonesia (English with --lang en or EA_LANG=en): every command's and option's help.

Commands name their help by key (`help=help_text("import")`); the text is the one of the language read from the
command line before typer builds the help (`--lang` anywhere, else EA_LANG, else id). A command line run in the
same process with another language (tests, `CliRunner`) gets its help re-worded by `localise_help`, which finds
each help's key from its text: the catalogue's texts are unique per language, a test holds it.

A command's help is a short line (what the group's command list shows), an empty line, then the body.
"""

from __future__ import annotations

import inspect
import sys

import typer
from typer.core import TyperCommand, TyperGroup

from cli.interrupt import lang_in_argv
from ea_repo.core.i18n import LANGS, Catalogue, Text

_COMMANDS = {
    "ea": Text(
        "ea-repo: repositori arsitektur SPBE (Perpres 95/2018, 132/2022).\n\n"
        "Katalog enam domain arsitektur, pemeriksaan konsistensi, impor dan ekspor.",
        "ea-repo: the SPBE enterprise-architecture repository (Perpres 95/2018, 132/2022).\n\n"
        "The catalogue of the six architecture domains, consistency checks, import and export.",
    ),
    "init": Text(
        "Membuat repositori (bawaan ./ea.db; --db atau EA_DATABASE_URL untuk PostgreSQL).",
        "Create the repository (./ea.db by default; --db or EA_DATABASE_URL for PostgreSQL).",
    ),
    "import": Text(
        "Mengimpor katalog YAML, XLSX, CSV atau berkas pertukaran ArchiMate (XML) secara utuh: satu masalah saja "
        "membuat seluruh impor ditolak (kode keluar 2), dan setiap masalah dicantumkan.\n\n"
        "Impor ulang memperbarui elemen di tempatnya (menurut IPPD, plateau dan ID) dan tidak pernah menggandakannya. "
        "Sesudahnya pemeriksaan dijalankan atas data yang diimpor: temuan yang dibawanya dihitung, dan beberapa yang "
        "pertama ditampilkan beserta lembar, baris dan kolomnya.",
        "Import catalogue YAML, XLSX, CSV or ArchiMate exchange XML, all or nothing: any problem rejects the whole "
        "run (exit 2) and lists every problem.\n\n"
        "Re-importing updates elements in place (keyed on IPPD, plateau and ID) and never duplicates them. Afterwards "
        "the checks run on what was imported: the findings it brought, counted, the first few with their sheet, row "
        "and column.",
    ),
    "export": Text(
        "Mengekspor isi repositori: YAML (stabil sampai ke bita), atau buku kerja XLSX / berkas CSV dalam tata letak "
        "kolom nasional yang dapat dibaca kembali oleh `ea import` tanpa kehilangan data.\n\n"
        "Peta rencana ikut diekspor. `--format archimate`: berkas pertukaran standar ArchiMate 3.1 untuk Archi "
        "(menu `File > Import > Open Exchange XML Model`).",
        "Write the repository back out: YAML (byte-stable), or an XLSX workbook / CSV files in the national column "
        "layouts that `ea import` reads back without loss.\n\n"
        "The roadmap comes along. `--format archimate`: an Open Group ArchiMate 3.1 exchange file for Archi "
        "(File > Import > Open Exchange XML Model).",
    ),
    "template": Text(
        "Buku kerja kosong dengan setiap lembar dan kolom tata letak nasional, daftar pilihan untuk OPD, plateau, "
        "enumerasi dan kode referensi, serta panduan pengisian.\n\n"
        "Dengan repositori (--db): berikut OPD dan daftar kode referensinya.",
        "An empty workbook with every sheet and column of the national layouts, dropdowns for OPD, plateau, "
        "enumerations and reference codes, and a guide.\n\n"
        "With a repository (--db), its OPDs and reference lists.",
    ),
    "list": Text(
        "Menampilkan daftar elemen, disaring menurut jenis atau domain, IPPD, OPD, plateau dan teks.",
        "List elements, filtered by kind or domain, IPPD, OPD, plateau and text.",
    ),
    "show": Text(
        "Menampilkan satu elemen: atributnya, tautan keluar dan masuknya (dengan jenis relasinya), dan temuannya.",
        "Show one element: its attributes, its links out and in (with relation types), and its findings.",
    ),
    "delete": Text(
        "Menghapus elemen, atau dengan --link hanya salah satu tautannya.\n\n"
        "Tautan keluar elemen ikut terhapus; tautan dari elemen lain ke elemen itu menjadi menggantung dan "
        "dicantumkan lebih dahulu. Tercatat di log audit; aturan wewenangnya sama dengan DELETE pada API.",
        "Delete an element, or remove one of its links with --link.\n\n"
        "Its links out go with it; links to it from others then dangle: they are listed first. "
        "Audited; the same scope rules as the API's DELETE.",
    ),
    "check": Text(
        "Menjalankan pemeriksaan konsistensi.\n\nKode keluar 1 bila ada temuan bertingkat galat, selain itu 0.",
        "Run the consistency checks.\n\nExit code 1 when an error-severity finding is reported, else 0.",
    ),
    "gap": Text(
        "Analisis kesenjangan dari --from ke --to.\n\n"
        "Per komponen domain (jenis): kondisi saat ini dan kondisi target serta Pemenuhan (None 0–15%, Partially "
        "15–50%, Largely 50–85%, Fully 85–100%); setiap elemen yang ditambahkan, dipensiunkan atau diubah, beserta "
        "atribut dan tautan yang berubah; jumlah per OPD dan per kode referensi.",
        "The gap from --from to --to.\n\n"
        "Per domain component (kind) the current and target condition and the Pemenuhan (None 0–15%, Partially "
        "15–50%, Largely 50–85%, Fully 85–100%); every element added, retired or changed, with the attributes and "
        "links that changed; counts per OPD and reference code.",
    ),
    "demo": Text(
        "Memuat katalog contoh yang nyata ke basis data SQLite lokal yang baru, lalu menjalankan pemeriksaan, "
        "analisis kesenjangan, pemeriksaan peta rencana dan laporan redundansi, menggambar diagram, dan mencetak "
        "temuan serta letak berkas keluarannya.\n\n"
        "Tidak ada hal lain yang disentuh.",
        "Load the real sample catalogues into a fresh local SQLite database, run the checks, the gap, the roadmap "
        "checks and the redundancy report, draw diagrams, and print what was found and where the outputs went.\n\n"
        "Nothing else is touched.",
    ),
    "index": Text(
        "Indeks evaluasi dari berkas nilai indikator: Indeks Pemerintah Digital (PermenPANRB 8/2026), indeks SPBE "
        "(59/2020, 5/2018), atau instrumen apa pun dari berkas.\n\n"
        "Menampilkan aspek, domain bila instrumennya memilikinya, nilai indeks dan predikatnya; dengan --what-if "
        "indeks sebelum dan sesudah perubahan; dan indikator mana yang, bila dinaikkan 1, paling menaikkan indeks.",
        "An evaluation index from a file of indicator scores: the Indeks Pemerintah Digital (PermenPANRB 8/2026) or "
        "the SPBE index (59/2020, 5/2018), or any instrument from a file.\n\n"
        "Aspects, domains where it has them, the index and its band; with --what-if the index before and after; and "
        "which single indicator raised by 1 moves it most.",
    ),
    "rules": Text(
        "Menampilkan daftar aturan konsistensi: id, tingkat, arti dan cara memperbaiki.",
        "List the consistency rules: id, severity, meaning and how to fix.",
    ),
    "schema": Text(
        "Mencetak JSON Schema dokumen katalog (untuk penyunting teks: yaml-language-server).",
        "Print the JSON Schema of catalogue documents (for editors: yaml-language-server).",
    ),
    "history": Text(
        "Menampilkan log audit: siapa mengubah apa, kapan, melalui apa, sebelum dan sesudahnya.",
        "Show the audit log: who changed what, when, through what, before and after.",
    ),
    "serve": Text(
        "Menjalankan halaman web di / dan layanan REST API di /v1 (dokumentasi OpenAPI di /docs).\n\n"
        "Orang masuk ke halaman web dengan akun dari `ea user create`; permintaan API memerlukan token dari "
        "`ea token create`.",
        "Serve the web pages at / and the REST API at /v1 (OpenAPI docs at /docs).\n\n"
        "People sign in to the pages with an account from `ea user create`; API requests need a token from "
        "`ea token create`.",
    ),
    "backup": Text(
        "Mencadangkan setiap tabel (elemen, tautan, organisasi, token, audit, peta rencana, pengabaian, dan "
        "seterusnya) sebagai satu salinan yang konsisten; server boleh tetap berjalan.",
        "Back up every table (elements, links, organisations, tokens, audit, roadmap, dismissals...) as one "
        "consistent snapshot; the server may keep running.",
    ),
    "restore": Text(
        "Memulihkan cadangan ke basis data yang baru atau kosong (--db), secara utuh; berkasnya diverifikasi lebih "
        "dahulu.",
        "Restore a backup into a new or empty database (--db), all or nothing; the file is verified first.",
    ),
    "reference": Text(
        "Daftar kode model referensi nasional (Perpres 132/2022): RAB, RAD, RAL, RAA, RAI, RAK.",
        "National reference-model code lists (Perpres 132/2022): RAB, RAD, RAL, RAA, RAI, RAK.",
    ),
    "reference.list": Text(
        "Menampilkan daftar kode yang berlaku untuk setiap domain: versi, jumlah kode per tingkat, dan sumbernya.\n\n"
        "Tanpa basis data (tanpa --db dan tanpa ./ea.db): daftar bawaan ea-repo.",
        "Show each domain's list in force: version, number of codes per level, and its source.\n\n"
        "Without a database (no --db and no ./ea.db) the lists shipped with ea-repo.",
    ),
    "reference.show": Text(
        "Menelusuri daftar kode sebagai pohon (daftar bawaan bila tidak ada basis data, seperti `ea reference list`).",
        "Browse a code list as a tree (the shipped lists when there is no database, as `ea reference list`).",
    ),
    "reference.load": Text(
        "Mengganti daftar bawaan suatu domain dengan daftar resmi dari berkas Anda sendiri.\n\n"
        "Setiap masalah dicantumkan; tidak ada yang disimpan kecuali semua baris lolos validasi.",
        "Replace a domain's shipped list with the official one from your own file.\n\n"
        "Every problem is listed; nothing is stored unless all rows are valid.",
    ),
    "reference.reset": Text(
        "Kembali ke daftar bawaan ea-repo untuk satu domain.",
        "Go back to the list shipped with ea-repo for one domain.",
    ),
    "token": Text(
        "Token API untuk `ea serve`: siapa boleh membaca atau menulis IPPD dan OPD yang mana.",
        "API tokens for `ea serve`: who may read or write which IPPD and OPDs.",
    ),
    "token.create": Text(
        "Membuat token.\n\nTeksnya dicetak sekali saja: yang disimpan hanya hash-nya, jadi simpan teks itu sekarang.",
        "Make a token.\n\nIts text is printed once: only a hash is kept, so store it now.",
    ),
    "token.list": Text(
        "Menampilkan token (tanpa rahasianya): wewenang, pembuat, dan sudah dicabut atau belum.",
        "Show tokens (never their secrets): scope, who made them, revoked or not.",
    ),
    "token.revoke": Text(
        "Mencabut token seketika: sejak itu permintaan dengan token tersebut mendapat 401.",
        "Revoke a token at once: requests made with it get 401 from then on.",
    ),
    "user": Text(
        "Akun orang yang masuk ke halaman web `ea serve`: peran dan wewenangnya seperti pada token API.",
        "Accounts of the people who sign in to the web pages of `ea serve`: roles and scopes as API tokens have them.",
    ),
    "user.create": Text(
        "Membuat akun.\n\nKata sandi ditanyakan dua kali tanpa ditampilkan (atau dibaca dari masukan standar dengan "
        "--password-stdin); yang disimpan hanya hash-nya.",
        "Make an account.\n\nThe password is asked twice without being shown (or read from standard input with "
        "--password-stdin); only its hash is kept.",
    ),
    "user.list": Text(
        "Menampilkan akun (tanpa kata sandinya): peran, wewenang, pembuat, dan aktif atau nonaktif.",
        "Show accounts (never their passwords): role, scope, who made them, active or disabled.",
    ),
    "user.disable": Text(
        "Menonaktifkan akun seketika: orangnya tidak dapat masuk lagi dan sesinya berakhir.",
        "Disable an account at once: the person can no longer sign in, and their sessions end.",
    ),
    "user.password": Text(
        "Mengganti kata sandi suatu akun (ditanyakan dua kali tanpa ditampilkan); setiap sesinya berakhir.",
        "Set a new password for an account (asked twice, not shown); every session of it ends.",
    ),
    "diagram": Text(
        "Diagram arsitektur (Graphviz): berlapis, satu domain, konteks atau dampak suatu elemen, as-is dan to-be, "
        "OPD ke OPD.",
        "Architecture diagrams (Graphviz): layered, one domain, context or impact of an element, as-is vs to-be, "
        "OPD to OPD.",
    ),
    "diagram.layers": Text(
        "Setiap domain dalam pita: proses, layanan, aplikasi, data, infrastruktur, keamanan.",
        "Every domain in bands: process, service, application, data, infrastructure, security.",
    ),
    "diagram.domain": Text(
        "Elemen satu domain dan tautan di antara mereka.",
        "One domain's elements and the links among them.",
    ),
    "diagram.context": Text(
        "Satu elemen dan semua elemen yang berjarak paling banyak --depth tautan darinya.",
        "An element and everything within --depth links of it.",
    ),
    "diagram.impact": Text(
        "Semua yang bergantung pada elemen itu (secara transitif), dan semua yang menjadi tumpuannya.",
        "Everything that depends on the element (transitively), and what it depends on.",
    ),
    "diagram.diff": Text(
        "Kedua plateau dalam satu gambar: ditambahkan (+, tebal), dipensiunkan (−, putus-putus, abu-abu), diubah "
        "(~, bingkai ganda).",
        "Both plateaus in one picture: added (+, bold), retired (−, dashed, grey), changed (~, double border).",
    ),
    "diagram.opds": Text(
        "OPD ke OPD: di mana elemen suatu OPD menggunakan, berjalan di atas, atau mendukung elemen OPD lain "
        "(gambaran integrasi).",
        "OPD to OPD: where one OPD's elements use, run on or support another's (the integration picture).",
    ),
    "diagram.national": Text(
        "Setiap IPPD dalam satu gambar berlapis; di atas --max-nodes diringkas menjadi IPPD/OPD/domain, "
        "IPPD/domain, lalu kode referensi.",
        "Every IPPD in one layered picture; past --max-nodes collapsed to IPPD/OPD/domain, IPPD/domain, then "
        "reference codes.",
    ),
    "roadmap": Text(
        "Peta Rencana SPBE: inisiatif per muatan, OPD dan tahun.\n\n"
        "Tanpa subperintah: menulisnya sebagai dokumen (--format md|html|xlsx, -o BERKAS).",
        "The Peta Rencana SPBE: initiatives per muatan, OPD and year.\n\n"
        "Without a subcommand: write it as a document (--format md|html|xlsx, -o FILE).",
    ),
    "roadmap.import": Text(
        "Mengimpor peta rencana secara utuh; setiap masalah dilaporkan dengan berkas, baris dan isiannya; tercatat "
        "di log audit.",
        "Import a roadmap: all or nothing, every problem reported with file, line and field; audited.",
    ),
    "roadmap.check": Text(
        "Memeriksa peta rencana: apakah setiap kesenjangan direncanakan, setiap muatan terisi, setiap inisiatif "
        "dijadwalkan dalam periode rencana sesudah inisiatif yang menjadi prasyaratnya, dengan OPD penanggung jawab "
        "yang dikenal.\n\n"
        "Kode keluar 1 bila ada temuan bertingkat galat.",
        "Is every gap planned, every muatan covered, every initiative scheduled in the plan period after what it "
        "depends on, with a known OPD responsible?\n\n"
        "Exit code 1 when an error-severity finding is reported.",
    ),
    "roadmap.draft": Text(
        "Rancangan awal peta rencana dari analisis kesenjangan: satu usulan inisiatif per muatan, OPD dan jenis "
        "perubahan, yang menghadirkan atau mempensiunkan elemen-elemen tersebut.\n\n"
        "Sunting rancangan itu (tahun, anggaran, muatan tata kelola), lalu impor dengan `ea roadmap import`.",
        "A starter roadmap from the gap: one proposed initiative per muatan, OPD and kind of change, delivering or "
        "retiring those elements.\n\n"
        "Edit it (years, budget, the governance muatan), then `ea roadmap import` it.",
    ),
    "evidence": Text(
        "Bukti dari arsitektur untuk instrumen yang berlaku: indikator Pemdi I1, I13-I16, I18 (PermenPANRB 8/2026) "
        "atau indikator 11 dan 12 (PermenPANRB 59/2020): catatan, penilaian mandiri, dokumen.",
        "Evidence from the architecture for the instrument in force: the Pemdi indicators I1, I13-I16, I18 "
        "(PermenPANRB 8/2026) or indicators 11 and 12 (PermenPANRB 59/2020): records, self-assessment, document.",
    ),
    "evidence.status": Text(
        "Apa yang ditunjukkan repositori untuk instrumen yang berlaku.\n\n"
        "PermenPANRB 8/2026: per indikator Pemdi yang buktinya berasal dari arsitektur (I1, I13-I16, I18): bobotnya, "
        "kriteria yang terpenuhi atau belum beserta ID pendukungnya, apa yang masih kurang dan langkah berikutnya "
        "(tanpa tingkat: rubriknya wewenang asesor). 59/2020: tingkat indikator 11 dan 12.",
        "What the repository shows for the instrument in force.\n\n"
        "PermenPANRB 8/2026: per Pemdi indicator where the architecture is evidence (I1, I13-I16, I18) its weight, "
        "the criteria met or not with the IDs behind them, what is missing and the next steps (no level: the rubric "
        "is the assessor's). 59/2020: the level of indicators 11 and 12.",
    ),
    "evidence.list": Text(
        "Penetapan, reviu dan anggaran yang tercatat.",
        "The recorded enactments, reviews and budgets.",
    ),
    "evidence.report": Text(
        "Dokumen bukti yang diserahkan IPPD.\n\n"
        "Berisi enam tabel domain dalam tata letak nasional, keselarasan dengan arsitektur referensi, diagram "
        "(halaman lanskap, dipotong per OPD agar tulisannya tetap terbaca), analisis kesenjangan, peta rencana, asal "
        "data, dan penilaian mandiri menurut instrumen yang berlaku (--instrument).",
        "The evidence document an IPPD submits.\n\n"
        "The six domain tables in the national layouts, the alignment with the reference architectures, the "
        "diagrams (landscape pages, cut by OPD so the type stays readable), the gap analysis, the roadmap, the "
        "provenance and the self-assessment under the instrument in force (--instrument).",
    ),
    "evidence.record": Text(
        "Mencatat penetapan, reviu atau anggaran (membuat baru, atau mengganti catatan dengan --id yang sama).",
        "Record an enactment, a review or a budget (create, or replace the record with the same --id).",
    ),
    "evidence.record.enactment": Text(
        "Mencatat penetapan arsitektur dan/atau peta rencana.",
        "Record the enactment (penetapan) of the architecture and/or the roadmap.",
    ),
    "evidence.record.review": Text(
        "Mencatat reviu beserta permasalahan dan rekomendasinya, serta tindak lanjutnya.",
        "Record a review (reviu) with its issues and recommendations, and what follows it up.",
    ),
    "evidence.record.budget": Text(
        "Mencatat bahwa rencana kerja dan anggaran suatu tahun (RKPD, DPA) memuat inisiatif peta rencana "
        "(indikator 12 tingkat 4).",
        "Record that a year's work plan and budget (RKPD, DPA) carries roadmap initiatives (indicator 12 level 4).",
    ),
    "metamodel": Text(
        "Apa yang didefinisikan metamodel: jenis elemen, atribut, pola ID dan relasi yang diizinkan.",
        "What the metamodel defines: kinds, attributes, ID patterns and allowed relations.",
    ),
    "metamodel.kinds": Text(
        "Menampilkan jenis elemen per domain, atau atribut dan kolom templat satu jenis.",
        "List the element kinds per domain, or one kind's attributes and template columns.",
    ),
    "metamodel.relations": Text(
        "Menampilkan relasi lintas domain yang diizinkan dan isian bertipe yang menyatakan masing-masing.",
        "List the allowed cross-domain relations and the typed field that declares each.",
    ),
    "redundancy": Text(
        "Aplikasi yang redundan antar-OPD (satu IPPD) atau antar-IPPD (--scope national): yang mana, mengapa "
        "(sinyal-sinyalnya, berskor), dan apa tindak lanjutnya (memakai Aplikasi Umum nasional, atau "
        "menggabungkannya menjadi satu).\n\n"
        "Tanpa subperintah: laporannya.",
        "Redundant applications across OPDs (one IPPD) or across IPPDs (--scope national): which, why (the signals, "
        "scored), and what to do (use the national Aplikasi Umum, or consolidate into one).\n\n"
        "Without a subcommand: the report.",
    ),
    "redundancy.dismiss": Text(
        "Mencatat bahwa aplikasi-aplikasi (atau anggota suatu klaster) tidak redundan: mereka tidak akan pernah "
        "dilaporkan bersama lagi.",
        "Record that applications (or a cluster's members) are not redundant: they are never reported together again.",
    ),
    "redundancy.dismissals": Text(
        "Pengabaian yang berlaku: aplikasi mana, oleh siapa, kapan dan mengapa.",
        "The dismissals in force: which applications, who, when and why.",
    ),
    "redundancy.restore": Text(
        "Mencabut suatu pengabaian: aplikasinya dapat dilaporkan bersama lagi.",
        "Remove a dismissal: its applications may be reported together again.",
    ),
    "plateau": Text(
        "Plateau secara utuh: memulai to-be (atau tahun transisi) dari as-is.",
        "Plateaus as a whole: start the to-be (or a transition year) from the as-is.",
    ),
    "plateau.copy": Text(
        "Menulis setiap elemen dan tautan FROM ke TO dalam satu transaksi, setiap elemen tercatat di log audit.\n\n"
        "Ditolak bila TO sudah berisi elemen, kecuali dengan --replace. Sesudahnya sunting to-be: `ea gap` "
        "menunjukkan apa yang berubah.",
        "Write every element and link of FROM into TO, in one transaction, each element audited.\n\n"
        "Refused when TO already holds elements, unless --replace. Then edit the to-be: `ea gap` shows what changed.",
    ),
}

_OPTIONS = {
    # shared by every command
    "help": Text("Menampilkan bantuan ini lalu keluar.", "Show this message and exit."),
    "lang": Text(
        "Bahasa pesan dan laporan: id (bawaan) atau en. Dapat ditulis sebelum atau sesudah perintah.",
        "Language of messages and reports: id (default) or en. Accepted before or after the command.",
    ),
    "db": Text(
        "Basis data: path atau URL berkas SQLite (bawaan ./ea.db), atau postgresql://user@host/db.",
        "Database: a SQLite file path or URL (default ./ea.db), or postgresql://user@host/db.",
    ),
    # IPPD, OPD, plateau
    "ippd": Text("Kode IPPD.", "IPPD code."),
    "ippd_default": Text(
        "IPPD; bawaan: satu-satunya IPPD di repositori.", "The IPPD; default: the only one in the repository."
    ),
    "ippd_when_several": Text(
        "Kode IPPD (wajib bila repositori memuat beberapa IPPD).",
        "IPPD code (needed when the repository holds several).",
    ),
    "ippd_when_shared_id": Text(
        "Kode IPPD (bila beberapa IPPD memakai ID tersebut).", "IPPD code (when several IPPDs use the ID)."
    ),
    "ippd_only": Text("Hanya IPPD ini.", "Only this IPPD."),
    "ippd_only_check": Text("Hanya memeriksa IPPD ini (dapat diulang).", "Only check this IPPD (repeatable)."),
    "ippd_dismissals": Text("Hanya milik IPPD ini (bawaan: semua).", "Only this IPPD's (default: all)."),
    "ippd_export": Text(
        "Hanya mengekspor satu IPPD (archimate: IPPD-nya, wajib bila repositori memuat beberapa IPPD).",
        "Export one IPPD only (archimate: the IPPD, needed when the repository holds several).",
    ),
    "ippd_template": Text(
        "Mengisikan IPPD ini dan OPD-nya dari repositori.", "Fill in this IPPD and its OPDs from the repository."
    ),
    "ippd_token": Text(
        "IPPD yang menjadi wewenang token. Bawaan: satu-satunya IPPD di repositori; viewer atau admin tanpa --ippd "
        "dapat melihat setiap IPPD (nasional).",
        "The IPPD it is for. Default: the only IPPD in the repository; a viewer or admin without --ippd sees every "
        "IPPD (national).",
    ),
    "opd_owner": Text("Kode OPD pemilik.", "Kode OPD of the owner."),
    "opd_findings": Text(
        "Hanya temuan pada elemen dengan Kode OPD ini (dapat diulang).",
        "Only findings on elements of this Kode OPD (repeatable).",
    ),
    "opd_diagram": Text("Elemen satu OPD dan tautan langsungnya.", "One OPD's elements and their direct links."),
    "opd_archimate": Text(
        "archimate: elemen satu OPD dan elemen yang ditautkannya (demikian pula view-nya).",
        "archimate: one OPD's elements and what they link to (its views likewise).",
    ),
    "opd_token": Text(
        "Membatasi token pada OPD ini (Kode OPD); ulangi untuk beberapa OPD. Bawaan: seluruh IPPD.",
        "Limit it to this OPD (Kode OPD); repeat for several. Default: the whole IPPD.",
    ),
    "opd_clusters": Text(
        "Hanya klaster yang memuat aplikasi OPD ini.", "Only clusters with an application of this OPD."
    ),
    "plateau": Text("as-is, to-be atau suatu tahun.", "as-is, to-be or a year."),
    "plateau_only": Text("Hanya plateau ini.", "Only this plateau."),
    "plateau_findings": Text(
        "Hanya temuan pada plateau ini (dapat diulang).", "Only findings in this plateau (repeatable)."
    ),
    "plateau_show": Text(
        "Hanya plateau ini (bawaan: setiap plateau tempat elemen itu berada).",
        "Only this plateau (default: every plateau it is in).",
    ),
    "plateau_delete": Text(
        "Plateau-nya (as-is, to-be, suatu tahun); wajib bila ID tersebut ada di beberapa plateau.",
        "The plateau (as-is, to-be, a year); needed when the ID is in several.",
    ),
    "plateau_compared": Text("Plateau yang dibandingkan.", "The plateau compared."),
    "plateau_archimate": Text(
        "archimate: semua plateau (bawaan) atau satu: as-is, to-be atau suatu tahun.",
        "archimate: all plateaus (default) or one: as-is, to-be or a year.",
    ),
    "from_current": Text("Plateau saat ini.", "The current plateau."),
    "to_target": Text("Plateau target.", "The target plateau."),
    "from_earlier": Text("Plateau yang lebih awal.", "The earlier plateau."),
    "to_later": Text("Plateau yang lebih akhir.", "The later plateau."),
    "national_gap": Text("Setiap IPPD di repositori, bukan satu IPPD.", "Every IPPD in the repository, not one."),
    # elements and kinds
    "element_id": Text("ID elemen, misalnya A.001.", "Element ID, e.g. A.001."),
    "element_id_delete": Text("ID elemen, misalnya A.015.", "Element ID, e.g. A.015."),
    "element_id_context": Text("ID suatu elemen, misalnya A.001.", "An element ID, e.g. A.001."),
    "element_id_impact": Text("ID suatu elemen, misalnya I.PKS.003.", "An element ID, e.g. I.PKS.003."),
    "element_id_history": Text(
        "ID elemen (A.001) atau kode OPD/IPPD; kosongkan untuk semua perubahan.",
        "An element ID (A.001) or an OPD/IPPD code; omit for all changes.",
    ),
    "kind_or_domain": Text(
        "Jenis elemen (application, server, ...) atau domain (infrastructure, security, ...).",
        "A kind (application, server, ...) or a domain (infrastructure, security, ...).",
    ),
    "kind_attributes": Text("Menampilkan atribut satu jenis elemen.", "Show one kind's attributes."),
    "domain_key": Text(
        "business, data, service, application, infrastructure atau security.",
        "business, data, service, application, infrastructure or security.",
    ),
    "domain_findings": Text(
        "Hanya temuan pada domain ini (dapat diulang): business, data, service, application, infrastructure, "
        "security, organisation.",
        "Only findings in this domain (repeatable): business, data, service, application, infrastructure, security, "
        "organisation.",
    ),
    "search": Text("Teks pada nama atau ID.", "Text in the name or ID."),
    "link": Text(
        "Hanya menghapus tautan elemen ini: TARGET, atau FIELD:TARGET (misalnya services:L.001); tanpa opsi ini "
        "elemennya sendiri yang dihapus.",
        "Remove only this link of the element: TARGET, or FIELD:TARGET (e.g. services:L.001); without it the element "
        "itself is deleted.",
    ),
    "yes_delete": Text(
        "Menghapus elemen; tanpa opsi ini hanya pratinjau (tidak ada yang dihapus).",
        "Delete the element; without it, a preview (and nothing is deleted).",
    ),
    # import and export
    "import_paths": Text(
        "Berkas YAML, buku kerja XLSX atau berkas CSV dalam tata letak nasional (`ea template` memberikan yang "
        "kosong), berkas pertukaran ArchiMate 3.1 (.xml, sebagaimana disimpan Archi), atau direktori (ditelusuri "
        "beserta subdirektorinya untuk *.yaml, *.yml, *.xlsx, *.csv, *.xml).",
        "YAML files, XLSX workbooks or CSV files in the national layouts (`ea template` gives an empty one), "
        "ArchiMate 3.1 exchange files (.xml, as Archi saves them), or folders (searched recursively for *.yaml, "
        "*.yml, *.xlsx, *.csv, *.xml).",
    ),
    "max_file_size": Text(
        "Menolak berkas yang lebih besar dari sekian MiB.", "Refuse files larger than this many MiB."
    ),
    "dry_run": Text(
        "Hanya validasi: tidak memerlukan basis data, tidak ada yang ditulis.",
        "Validate only: no database needed, nothing written.",
    ),
    "dry_run_roadmap": Text("Hanya validasi; tidak ada yang ditulis.", "Validate only; write nothing."),
    "sync": Text(
        "Masukan menjadi acuan bagi cakupannya (IPPD, plateau dan jenis elemennya): elemen tersimpan yang tidak "
        "lagi ada di masukan dipensiunkan. Tanpa --yes: pratinjau, tidak ada yang ditulis.",
        "The input is the truth for what it covers (its IPPDs, plateaus and kinds): stored elements it no longer "
        "holds are retired. Without --yes: a preview, nothing written.",
    ),
    "yes_sync": Text(
        "Dengan --sync: menerapkan (mengimpor dan mempensiunkan), bukan pratinjau.",
        "With --sync: apply (import and retire) instead of previewing.",
    ),
    "export_dir": Text(
        "YAML: direktori tempat menulis <ippd>/<plateau>/<domain>.yaml.",
        "YAML: the folder to write <ippd>/<plateau>/<domain>.yaml into.",
    ),
    "export_output": Text(
        "Buku kerja (.xlsx) atau direktori (csv, yaml) yang ditulis.",
        "The workbook (.xlsx) or folder (csv, yaml) to write.",
    ),
    "export_format": Text(
        "yaml (bawaan), xlsx (satu lembar per jenis elemen, kolom nasional), csv (satu berkas per jenis elemen) "
        "atau archimate (berkas pertukaran standar ArchiMate).",
        "yaml (default), xlsx (one sheet per kind, national columns), csv (one file per kind) or archimate (Open "
        "Group exchange file).",
    ),
    "archimate_view": Text(
        "archimate: view yang disertakan, ditata oleh Graphviz: layers (bawaan), domain (satu per domain), diff "
        "(perubahan antara dua plateau berurutan), opds (OPD dan elemen miliknya), none. Dapat diulang.",
        "archimate: views to include, laid out by Graphviz: layers (default), domain (one per domain), diff "
        "(the changes between consecutive plateaus), opds (the OPDs and what they own), none. Repeatable.",
    ),
    "archimate_no_validate": Text(
        "archimate: melewatkan pemeriksaan terhadap XSD ArchiMate 3.1.",
        "archimate: skip the check against the ArchiMate 3.1 XSDs.",
    ),
    "template_output": Text("Buku kerja yang ditulis (.xlsx).", "The workbook to write (.xlsx)."),
    # output
    "format_list": Text("table, json atau yaml.", "table, json or yaml."),
    "format_show": Text("text atau json.", "text or json."),
    "format_check": Text("table, json atau sarif.", "table, json or sarif."),
    "format_table_json": Text("table atau json.", "table or json."),
    "format_history": Text(
        "table, atau json (dengan dokumen sebelum dan sesudahnya).",
        "table, or json (with the documents before and after).",
    ),
    "format_rules": Text("table atau md (halaman docs/rules.md).", "table or md (the docs/rules.md page)."),
    "format_report": Text(
        "table (bawaan di layar), json, md, html atau xlsx.", "table (default on screen), json, md, html or xlsx."
    ),
    "format_index": Text("table (bawaan), json atau md.", "table (default), json or md."),
    "format_roadmap": Text(
        "md (bawaan di layar), html, xlsx atau yaml.", "md (default on screen), html, xlsx or yaml."
    ),
    "format_diagram": Text(
        "svg, png, pdf, dot, atau grafnya sebagai data: graphml atau json (bawaan: dari -o, selain itu svg).",
        "svg, png, pdf, dot, or the graph as data: graphml or json (default: from -o, else svg).",
    ),
    "output_report": Text(
        "Berkas yang ditulis; akhiran .md, .html atau .xlsx menentukan formatnya.",
        "File to write; .md, .html or .xlsx picks the format.",
    ),
    "output_redundancy": Text(
        "Berkas yang ditulis; akhiran .json, .md, .html atau .xlsx menentukan formatnya.",
        "File to write; .json, .md, .html or .xlsx picks the format.",
    ),
    "output_diagram": Text(
        "Berkas yang ditulis; akhirannya menentukan format (.svg .png .pdf .dot .graphml .json). Bawaan: SVG ke "
        "stdout.",
        "File to write; its suffix picks the format (.svg .png .pdf .dot .graphml .json). Default: SVG on stdout.",
    ),
    "output_check": Text(
        "Menulis laporan ke berkas, bukan ke layar.", "Write the report to a file instead of the screen."
    ),
    "output_schema": Text("Menulis ke berkas ini, bukan ke layar.", "Write to this file instead of the screen."),
    "output_draft": Text("Berkas YAML yang ditulis (bawaan: layar).", "YAML file to write (default: the screen)."),
    "output_evidence": Text(
        "arsitektur-spbe.html, .docx atau .pdf: akhirannya menentukan format.",
        "arsitektur-spbe.html, .docx or .pdf: the suffix picks the format.",
    ),
    "limit_rows": Text(
        "Format table: paling banyak sekian baris (0 = semua).", "Table format: at most this many rows (0 = all)."
    ),
    "limit_per_rule": Text(
        "Format table: paling banyak sekian baris per aturan (0 = semua).",
        "Table format: at most this many rows per rule (0 = all).",
    ),
    "limit_clusters": Text(
        "Format table: paling banyak sekian klaster (0 = semua).",
        "Table format: at most this many clusters (0 = all).",
    ),
    "limit_history": Text(
        "Paling banyak sekian entri, yang terbaru lebih dahulu.", "At most this many entries, newest first."
    ),
    # checks
    "severity": Text(
        "Tingkat terendah yang dilaporkan: error, warning atau info.",
        "Lowest severity to report: error, warning or info.",
    ),
    "rule": Text(
        "Hanya menjalankan aturan ini (dapat diulang); `ea rules` menampilkan daftarnya.",
        "Only run this rule (repeatable); `ea rules` lists them.",
    ),
    # diagrams
    "max_nodes": Text(
        "Di atas sekian elemen, yang digambar adalah kelompok (IPPD/OPD/domain, IPPD/domain, lalu domain dan kode "
        "referensi), dan hal itu disebutkan di bawah judul: di atas batas itu dot memerlukan beberapa menit.",
        "Above this many elements, draw groups instead (IPPD/OPD/domain, IPPD/domain, then domain and reference "
        "code), and say so under the title: dot needs minutes beyond.",
    ),
    "cluster": Text(
        "domain (satu pita per domain, menurut urutan lapisan) atau opd (satu kotak per OPD).",
        "domain (one band per domain, in layer order) or opd (one box per OPD).",
    ),
    "depth": Text(
        "Sejauh berapa tautan yang diikuti, ke kedua arah.", "How many links away to follow, either direction."
    ),
    # index and evidence
    "index_path": Text(
        "Berkas nilai: .yaml/.yml atau .csv (instrumen, nomor indikator -> nilai 0-5; atau nilai aspek). Lihat "
        "README 'SPBE index'.",
        "Score file: .yaml/.yml or .csv (instrument, indicator number -> score 0-5; or aspect values). See README "
        "'SPBE index'.",
    ),
    "what_if": Text(
        "Mengubah nilai lalu membandingkan: 11=4,12=4 (indikator), aspek2=3 (aspek yang diberi nilai langsung).",
        "Change scores and compare: 11=4,12=4 (indicators), aspek2=3 (an aspect given as a value).",
    ),
    "index_instrument": Text(
        "Instrumen yang dipakai: instrumen bawaan (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018) "
        "atau berkas YAML Anda sendiri dengan skema yang sama (metamodel/data/spbe_index.yaml). Bawaan: instrumen "
        "yang disebut berkas nilai.",
        "Which instrument: a shipped one (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018) or a YAML "
        "file of your own in the same schema (metamodel/data/spbe_index.yaml). Default: the one the score file "
        "names.",
    ),
    "top": Text(
        "Berapa indikator yang paling menaikkan indeks ditampilkan (0 = tidak ada).",
        "How many indicators to list that raise the index most (0 = none).",
    ),
    "evidence_instrument": Text(
        "permenpanrb-8-2026 (Indeks Pemdi) atau permenpanrb-59-2020 (indikator 11/12); bawaan: yang berlaku pada "
        "--date (8/2026 sejak 2026-06-01).",
        "permenpanrb-8-2026 (Indeks Pemdi) or permenpanrb-59-2020 (indicators 11/12); default: the one in force on "
        "--date (8/2026 from 2026-06-01).",
    ),
    "assess_date": Text(
        "Menilai per tanggal ini (YYYY-MM-DD); bawaan hari ini.",
        "Assess as on this date (YYYY-MM-DD); default today.",
    ),
    "diagrams": Text(
        "Menyertakan diagram Graphviz (memerlukan `dot`).", "Include the Graphviz diagrams (needs `dot`)."
    ),
    "enactment_doc": Text(
        'Peraturannya sebagaimana tertulis, misalnya "Perbup 71/2022".',
        'The regulation as written, e.g. "Perbup 71/2022".',
    ),
    "enactment_date": Text("Tanggal penetapannya (YYYY-MM-DD).", "The date it was enacted (YYYY-MM-DD)."),
    "signed_by": Text("Pejabat yang menandatanganinya.", "Who signed it."),
    "covers": Text(
        "arsitektur dan/atau peta-rencana (dapat diulang); bawaan keduanya.",
        "arsitektur and/or peta-rencana (repeatable); default both.",
    ),
    "record_id_enactment": Text("ID catatan; bawaan diambil dari dokumennya.", "Record ID; default from the document."),
    "review_date": Text("Tanggal reviu (YYYY-MM-DD).", "The date of the review (YYYY-MM-DD)."),
    "issues": Text("Permasalahan yang ditemukan (dapat diulang).", "An issue found (repeatable)."),
    "recommendations": Text("Rekomendasi (dapat diulang).", "A recommendation (repeatable)."),
    "concerns": Text(
        "ID elemen atau plateau yang menjadi sasarannya: 'A.001, to-be'.",
        "Element IDs or plateaus it concerns: 'A.001, to-be'.",
    ),
    "followed_up_in": Text(
        "Tempat tindak lanjutnya: to-be, suatu tahun, atau peta-rencana (dapat diulang).",
        "What answers it: to-be, a year, or peta-rencana (repeatable).",
    ),
    "record_id_review": Text("ID catatan; bawaan reviu-<tanggal>.", "Record ID; default reviu-<date>."),
    "budget_year": Text("Tahun anggaran.", "The budget year."),
    "budget_doc": Text(
        'Dokumen rencana kerja atau anggaran, misalnya "DPA 2025".',
        'The work plan or budget document, e.g. "DPA 2025".',
    ),
    "budget_initiatives": Text(
        "ID inisiatif peta rencana yang didanainya: 'APL.1, INF.2'.",
        "IDs of the roadmap initiatives it funds: 'APL.1, INF.2'.",
    ),
    "budget_amount": Text("Jumlahnya dalam rupiah.", "The amount in rupiah."),
    "record_id_budget": Text("ID catatan; bawaan anggaran-<tahun>.", "Record ID; default anggaran-<year>."),
    # roadmap and plateaus
    "roadmap_paths": Text(
        "Berkas YAML atau direktori berisi dokumen Initiative dan RoadmapPlan.",
        "YAML files or folders of RoadmapPlan and Initiative documents.",
    ),
    "roadmap_replace": Text(
        "Juga menghapus inisiatif tersimpan milik IPPD tersebut yang tidak ada di berkas.",
        "Also remove the stored initiatives of these IPPDs that the files do not hold.",
    ),
    "copy_source": Text("Plateau sumber yang disalin, misalnya as-is.", "The plateau to copy, e.g. as-is."),
    "copy_target": Text("Plateau tujuan, misalnya to-be atau 2025.", "The plateau to write, e.g. to-be or 2025."),
    "copy_replace": Text(
        "Bila TO sudah berisi elemen: menimpanya dengan elemen FROM, dan mempensiunkan elemen yang tidak ada di FROM.",
        "TO already holds elements: overwrite them with FROM's, and retire those FROM does not hold.",
    ),
    # redundancy
    "scope": Text(
        "ippd (antar-OPD dalam satu IPPD, bawaan) atau national (antar-IPPD).",
        "ippd (across the OPDs of one IPPD, default) or national (across every IPPD).",
    ),
    "redundancy_settings": Text(
        "Berkas YAML berisi bobot dan ambang (lihat README).", "YAML file of weights and thresholds (see README)."
    ),
    "threshold": Text(
        "Skor pasangan yang dianggap redundan (bawaan 0.5).", "Pair score that counts as redundant (default 0.5)."
    ),
    "national_aplikasi_umum": Text(
        "Juga membandingkan dengan Aplikasi Umum nasional.", "Also compare with the national Aplikasi Umum."
    ),
    "dismiss_targets": Text(
        "Dua ID aplikasi atau lebih (A.001, atau IPPD/A.001 antar-IPPD), atau satu id klaster (R-...).",
        "Two or more application IDs (A.001, or IPPD/A.001 across IPPDs), or one cluster id (R-...).",
    ),
    "dismiss_reason": Text(
        "Alasan aplikasi itu tidak redundan (disimpan bersama siapa dan kapan).",
        "Why they are not redundant (kept with who and when).",
    ),
    "dismissal_id": Text(
        "Nomor pengabaian (`ea redundancy dismissals`).", "The dismissal's number (ea redundancy dismissals)."
    ),
    # reference lists
    "reference_domain": Text("RAB, RAD, RAL, RAA, RAI atau RAK.", "RAB, RAD, RAL, RAA, RAI or RAK."),
    "reference_code": Text(
        "Menampilkan kode ini dan kode-kode di bawahnya (misalnya RAB.09).",
        "Show this code and the codes under it (e.g. RAB.09).",
    ),
    "reference_path": Text(
        "Berkas CSV, TSV atau YAML dengan kolom `code` (kode), `name` (nama) dan, bila ada, `level`.",
        "CSV, TSV or YAML file with columns code (kode), name (nama) and optionally level.",
    ),
    "reference_load_domain": Text(
        "Daftar yang diganti berkas ini: RAB, RAD, RAL, RAA, RAI atau RAK.",
        "Which list the file replaces: RAB, RAD, RAL, RAA, RAI or RAK.",
    ),
    "reference_version": Text(
        "Label untuk daftar ini, misalnya 'Perpres 132/2022 Lampiran'.",
        "A label for this list, e.g. 'Perpres 132/2022 Lampiran'.",
    ),
    # tokens
    "role": Text(
        "viewer (membaca), architect (menulis elemen), admin (semuanya, termasuk token).",
        "viewer (read), architect (write elements), admin (everything, tokens too).",
    ),
    "token_name": Text(
        "Pemegang token, misalnya 'Budi, Bappeda' (tercatat di log audit).",
        "Who holds it, e.g. 'Budi, Bappeda' (recorded in the audit log).",
    ),
    "token_id": Text(
        "id token (bagian sesudah 'ea_', lihat `ea token list`).",
        "The token's id (the part after 'ea_', see `ea token list`).",
    ),
    # web users
    "user_login": Text(
        "Nama pengguna untuk masuk: 2-64 huruf kecil, angka, '.', '_' atau '-'.",
        "The user name to sign in with: 2-64 lower-case letters, digits, '.', '_' or '-'.",
    ),
    "user_name": Text(
        "Nama orangnya, misalnya 'Budi Santoso' (ditampilkan di halaman dan tercatat di log audit).",
        "The person's name, e.g. 'Budi Santoso' (shown on the pages and recorded in the audit log).",
    ),
    "user_login_arg": Text(
        "Nama pengguna akun itu (lihat `ea user list`).", "The account's user name (see `ea user list`)."
    ),
    "password_stdin": Text(
        "Membaca kata sandi dari baris pertama masukan standar (untuk skrip), bukan menanyakannya.",
        "Read the password from the first line of standard input (for scripts) instead of asking.",
    ),
    # backup
    "backup_file": Text(
        "Berkas cadangan yang ditulis (JSON lines terkompresi gzip, misalnya ea-2025-06-30.eabak.gz), dibuat "
        "dengan mode 0600.",
        "The backup file to write (gzip JSON lines, e.g. ea-2025-06-30.eabak.gz), created mode 0600.",
    ),
    "restore_file": Text("Berkas yang ditulis oleh `ea backup`.", "A file written by `ea backup`."),
    "restore_force": Text(
        "Mengosongkan basis data yang sudah berisi data ea-repo, lalu memulihkan ke dalamnya.",
        "Empty a database that already holds ea-repo data, then restore into it.",
    ),
    # demo and server
    "demo_dir": Text(
        "Tempat basis data demo dan keluarannya (diganti setiap kali dijalankan).",
        "Where the demo database and its outputs go (replaced each run).",
    ),
    "serve_db": Text(
        "Sama dengan `ea --db`: berkas SQLite atau postgresql://user@host/db.",
        "Same as `ea --db`: a SQLite file or postgresql://user@host/db.",
    ),
    "host": Text(
        "Alamat yang didengarkan; 0.0.0.0 untuk setiap antarmuka (pasang TLS di depannya).",
        "Address to listen on; 0.0.0.0 for every interface (put TLS in front).",
    ),
    "port": Text("Nomor port TCP.", "TCP port."),
    "workers": Text(
        "Jumlah proses pekerja (PostgreSQL: satu per inti prosesor; SQLite: 1-2 sudah cukup).",
        "Worker processes (PostgreSQL: one per core; SQLite: 1-2 suffice).",
    ),
    "cors_origin": Text(
        "Mengizinkan halaman peramban dari asal (origin) ini (dapat diulang). Bawaan: CORS nonaktif.",
        "Allow browser pages from this origin (repeatable). Default: CORS off.",
    ),
    "max_body_mb": Text(
        "Ukuran terbesar isi permintaan yang diterima, dalam MiB (lebih dari itu: 413).",
        "Largest request body accepted, in MiB (413 beyond).",
    ),
    "statement_timeout": Text(
        "Lama maksimum (detik) satu pernyataan PostgreSQL berjalan sebelum dibatalkan.",
        "Seconds a PostgreSQL statement may run before it is cancelled.",
    ),
    "log_level": Text(
        "Tingkat log uvicorn: critical, error, warning, info, debug.",
        "uvicorn log level: critical, error, warning, info, debug.",
    ),
}

HELP = Catalogue("cli.help", _COMMANDS | {f"opt.{key}": text for key, text in _OPTIONS.items()})

# What typer and its parser print around the help and for a command line they cannot take (cli/chrome.py sets and
# uses them). `{value}`, `{command_path}` and `{help_option}` are handed to typer as its own `{}` placeholders.
CHROME = Catalogue(
    "cli.chrome",
    {
        "usage": Text("Penggunaan: ", "Usage: "),
        "options_metavar": Text("[OPSI]", "[OPTIONS]"),
        "subcommand_metavar": Text("PERINTAH [ARG]...", "COMMAND [ARGS]..."),
        "arguments": Text("Argumen", "Arguments"),
        "options": Text("Opsi", "Options"),
        "commands": Text("Perintah", "Commands"),
        "default": Text("[bawaan: {value}]", "[default: {value}]"),
        "envvar": Text("[variabel lingkungan: {value}]", "[env var: {value}]"),
        "required": Text("[wajib]", "[required]"),
        "deprecated": Text("(usang) ", "(deprecated) "),
        "error": Text("Galat", "Error"),
        "aborted": Text("Dibatalkan.", "Aborted."),
        "try_help": Text(
            "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan.",
            "Try [blue]'{command_path} {help_option}'[/] for help.",
        ),
        "no_such_option": Text("Opsi {option} tidak dikenal.", "No such option: {option}."),
        "no_such_option_like": Text(
            "Opsi {option} tidak dikenal (yang mirip: {options}).",
            "No such option: {option} (possible options: {options}).",
        ),
        "no_such_command": Text("Perintah '{command}' tidak dikenal.", "No such command '{command}'."),
        "no_such_command_like": Text(
            "Perintah '{command}' tidak dikenal. Mungkin maksudnya {commands}?",
            "No such command '{command}'. Did you mean {commands}?",
        ),
        "missing_command": Text("Perintah belum disebutkan.", "Missing command."),
        "missing_argument": Text("Argumen {name} belum diberikan.", "Missing argument {name}."),
        "missing_option": Text("Opsi {name} wajib diisi.", "Missing option {name}."),
        "requires_value": Text("Opsi {option} memerlukan nilai.", "Option {option} requires a value."),
        "takes_no_value": Text("Opsi {option} tidak menerima nilai.", "Option {option} does not take a value."),
        "extra_arguments": Text("Argumen berlebih: {arguments}.", "Unexpected extra arguments: {arguments}."),
        "invalid_value_for": Text("Nilai tidak sah untuk {name}: {reason}", "Invalid value for {name}: {reason}"),
        "invalid_value": Text("Nilai tidak sah: {reason}", "Invalid value: {reason}"),
        "not_an_integer": Text("{value} bukan bilangan bulat.", "{value} is not a valid integer."),
        "not_a_number": Text("{value} bukan bilangan.", "{value} is not a valid number."),
        "not_one_of": Text("{value} bukan salah satu dari {choices}.", "{value} is not one of {choices}."),
        "at_least": Text("{value} kurang dari batas terkecil {limit}.", "{value} is less than the minimum {limit}."),
        "above": Text("{value} harus lebih dari {limit}.", "{value} must be greater than {limit}."),
        "at_most": Text("{value} melebihi batas terbesar {limit}.", "{value} is more than the maximum {limit}."),
        "below": Text("{value} harus kurang dari {limit}.", "{value} must be less than {limit}."),
    },
)


def build_lang() -> str:
    """The language help is built in: `--lang` anywhere on the command line, else EA_LANG, else id."""
    return lang_in_argv(sys.argv[1:])


def help_text(key: str) -> str:
    """A command's help (`help_text("roadmap.check")`) or an option's (`help_text("opt.ippd_default")`)."""
    return HELP.t(key, build_lang())


def _key_index() -> dict[str, str]:
    """Every help text, in either language and as typer stores it (dedented), to its key."""
    return {inspect.cleandoc(HELP[key][lang]): key for key in HELP for lang in LANGS}


_KEY_OF = _key_index()


def key_of(text: str | None) -> str | None:
    return _KEY_OF.get(inspect.cleandoc(text)) if text else None


def localise_help(command: TyperCommand | TyperGroup, lang: str) -> None:
    """Word the help of `command`, its options and every sub-command in `lang` (before any of it is shown)."""
    if (key := key_of(command.help)) is not None:
        command.help = HELP.t(key, lang)
    for parameter in command.params:
        if (key := key_of(getattr(parameter, "help", None))) is not None:
            parameter.help = HELP.t(key, lang)  # type: ignore[attr-defined]
    help_option = command.get_help_option(typer.Context(command, **(command.context_settings or {})))
    if help_option is not None:
        help_option.help = HELP.t("opt.help", lang)
    for sub in getattr(command, "commands", {}).values():
        localise_help(sub, lang)
