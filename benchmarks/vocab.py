"""Indonesian vocabulary for the synthetic catalogues: agencies, applications, places, values.

Names are plausible, not real inventories. OPD codes follow the Permendagri 90/2019 urusan
numbering (1.02 kesehatan, 5.03 kepegawaian, ...) shortened to "urusan.bidang.unit".
"""
from __future__ import annotations

# (Kode OPD, name, short name)
OPDS: tuple[tuple[str, str, str], ...] = (
    ("1.01.01", "Dinas Pendidikan", "Disdik"),
    ("1.02.01", "Dinas Kesehatan", "Dinkes"),
    ("1.02.02", "Rumah Sakit Umum Daerah", "RSUD"),
    ("1.03.01", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("1.04.01", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("1.05.01", "Satuan Polisi Pamong Praja", "Satpol PP"),
    ("1.05.02", "Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("1.06.01", "Dinas Sosial", "Dinsos"),
    ("2.07.01", "Dinas Tenaga Kerja", "Disnaker"),
    ("2.08.01", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    ("2.09.01", "Dinas Ketahanan Pangan", "DKP"),
    ("2.11.01", "Dinas Lingkungan Hidup", "DLH"),
    ("2.12.01", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("2.13.01", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"),
    ("2.14.01", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
    ("2.15.01", "Dinas Perhubungan", "Dishub"),
    ("2.16.01", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("2.17.01", "Dinas Koperasi dan Usaha Mikro", "Diskopum"),
    ("2.18.01", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("2.19.01", "Dinas Pemuda dan Olahraga", "Dispora"),
    ("2.23.01", "Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    ("3.25.01", "Dinas Perikanan", "Diskan"),
    ("3.26.01", "Dinas Pariwisata dan Kebudayaan", "Disparbud"),
    ("3.27.01", "Dinas Pertanian", "Distan"),
    ("3.30.01", "Dinas Perindustrian dan Perdagangan", "Disperindag"),
    ("4.01.01", "Sekretariat Daerah", "Setda"),
    ("4.02.01", "Sekretariat DPRD", "Setwan"),
    ("5.01.01", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("5.02.01", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("5.02.02", "Badan Pendapatan Daerah", "Bapenda"),
    ("5.03.01", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("6.01.01", "Inspektorat Daerah", "Inspektorat"),
    ("7.01.01", "Kecamatan Kota", "Kec. Kota"),
    ("8.01.01", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol"),
)
# Every IPPD has these; the rest are drawn.
CORE_OPDS = ("1.01.01", "1.02.01", "2.16.01", "4.01.01", "5.01.01", "5.02.01", "5.03.01", "6.01.01")

# Application families planted as near-duplicates: key, full name, acronym or short form,
# other spellings seen in practice, the home OPD, and whether it is an aplikasi umum.
FAMILIES: tuple[tuple[str, str, str, tuple[str, ...], str, bool], ...] = (
    ("simpeg", "Sistem Informasi Manajemen Kepegawaian", "SIMPEG", ("Simpeg Online", "Sistem Informasi Kepegawaian"), "5.03.01", True),
    ("e-arsip", "Aplikasi Arsip Elektronik", "e-Arsip", ("E-Arsip", "Sistem Informasi Kearsipan"), "2.23.01", True),
    ("e-office", "Tata Naskah Dinas Elektronik", "TNDE", ("e-Office", "Aplikasi Surat Menyurat Elektronik"), "4.01.01", True),
    ("simda", "Sistem Informasi Manajemen Daerah Keuangan", "SIMDA Keuangan", ("Simda Keuangan", "SIMDA"), "5.02.01", True),
    ("simbada", "Sistem Informasi Manajemen Barang Milik Daerah", "SIMBADA", ("e-Aset", "Simbada Aset"), "5.02.01", True),
    ("e-planning", "Sistem Informasi Perencanaan Pembangunan Daerah", "e-Planning", ("E-Planning", "SIPPD"), "5.01.01", True),
    ("e-sakip", "Sistem Akuntabilitas Kinerja Instansi Pemerintah Elektronik", "e-SAKIP", ("E-Sakip", "Aplikasi SAKIP"), "5.01.01", True),
    ("e-kinerja", "Sistem Informasi Kinerja Pegawai", "e-Kinerja", ("E-Kinerja", "SKP Online"), "5.03.01", True),
    ("e-absensi", "Sistem Presensi Pegawai Daring", "e-Absensi", ("Presensi Online", "E-Presensi"), "5.03.01", True),
    ("e-cuti", "Sistem Informasi Cuti Pegawai", "e-Cuti", ("Cuti Online", "SI Cuti"), "5.03.01", True),
    ("simrs", "Sistem Informasi Manajemen Rumah Sakit", "SIMRS", ("SIM RS", "Simrs Terpadu"), "1.02.02", False),
    ("simpus", "Sistem Informasi Manajemen Puskesmas", "SIMPUS", ("e-Puskesmas", "Simpus Online"), "1.02.01", False),
    ("ppdb", "Sistem Penerimaan Peserta Didik Baru Daring", "PPDB Online", ("PPDB", "e-PPDB"), "1.01.01", False),
    ("e-perizinan", "Sistem Informasi Pelayanan Perizinan Terpadu", "e-Perizinan", ("SiCantik", "Perizinan Online"), "2.18.01", False),
    ("simpatda", "Sistem Informasi Manajemen Pendapatan Daerah", "SIMPATDA", ("e-PAD", "Simpatda Online"), "5.02.02", False),
    ("e-bphtb", "Sistem Informasi Bea Perolehan Hak atas Tanah dan Bangunan", "e-BPHTB", ("E-BPHTB", "BPHTB Online"), "5.02.02", False),
    ("e-pbb", "Sistem Informasi Pajak Bumi dan Bangunan", "e-PBB", ("SISMIOP", "PBB Online"), "5.02.02", False),
    ("lapor", "Layanan Aspirasi dan Pengaduan Online Rakyat", "LAPOR", ("e-Pengaduan", "Aplikasi Pengaduan Masyarakat"), "2.16.01", True),
    ("satu-data", "Portal Satu Data Daerah", "Satu Data", ("Open Data", "Portal Data Terbuka"), "2.16.01", True),
    ("website", "Portal Resmi Pemerintah Daerah", "Website Pemda", ("Website Resmi", "Portal Pemda"), "2.16.01", True),
    ("jdih", "Jaringan Dokumentasi dan Informasi Hukum", "JDIH", ("e-JDIH", "Portal JDIH"), "4.01.01", True),
    ("e-rapat", "Sistem Informasi Agenda dan Rapat", "e-Rapat", ("E-Agenda", "Agenda Pimpinan"), "4.01.01", True),
    ("simwas", "Sistem Informasi Manajemen Pengawasan", "SIMWAS", ("e-Audit", "Simwas Inspektorat"), "6.01.01", True),
    ("siks", "Sistem Informasi Kesejahteraan Sosial", "SIKS", ("e-Bansos", "SIKS-NG Daerah"), "1.06.01", False),
    ("sid", "Sistem Informasi Desa", "SID", ("Siskeudes", "e-Desa"), "2.13.01", False),
    ("e-perpus", "Sistem Informasi Perpustakaan Daerah", "e-Perpus", ("SLiMS Perpustakaan", "Perpustakaan Digital"), "2.23.01", False),
    ("siap-kerja", "Sistem Informasi Bursa Kerja Daerah", "Bursa Kerja Online", ("e-Loker", "SIAP Kerja"), "2.07.01", False),
    ("sipangan", "Sistem Informasi Harga Pangan", "SI Harga Pangan", ("e-Pangan", "Info Harga Pasar"), "2.09.01", False),
    ("sigap-bencana", "Sistem Informasi Kebencanaan Daerah", "SI Bencana", ("e-Bencana", "Sigap Bencana"), "1.05.02", False),
    ("e-retribusi", "Sistem Informasi Retribusi Daerah", "e-Retribusi", ("E-Retribusi", "Retribusi Online"), "5.02.02", False),
)

# Filler applications: "<form> <activity> <object>", each with its own function.
FORMS = ("Sistem Informasi", "Aplikasi", "Portal", "Dashboard", "e-")
ACTIVITIES = (
    "Pendataan", "Pemantauan", "Pelaporan", "Pengelolaan", "Penjadwalan", "Pemetaan", "Verifikasi", "Registrasi",
    "Evaluasi", "Rekapitulasi", "Pengajuan", "Pelacakan", "Penilaian", "Inventarisasi", "Distribusi", "Perizinan",
)
OBJECTS = (
    "Irigasi", "Jalan Desa", "Jembatan", "Ternak", "Pupuk Bersubsidi", "Benih", "UMKM", "Pasar Rakyat", "Stunting",
    "Imunisasi", "Posyandu", "Gizi Buruk", "Ibu Hamil", "Rumah Tidak Layak Huni", "Sanitasi", "Air Bersih",
    "Sampah", "Bank Sampah", "Reklame", "Parkir", "Angkutan Umum", "Terminal", "Uji Kendaraan", "Lampu Jalan",
    "Tenaga Honorer", "Guru", "Beasiswa", "Sekolah", "Anak Putus Sekolah", "Koperasi", "Nelayan", "Kapal Ikan",
    "Hasil Panen", "Lahan Sawah", "Alat Mesin Pertanian", "Penyuluh", "Wisata", "Cagar Budaya", "Sanggar Seni",
    "Atlet", "Organisasi Pemuda", "Kelompok Tani", "Penduduk Miskin", "Lansia", "Disabilitas", "Kekerasan Anak",
    "Kasus DBD", "Tuberkulosis", "Ambulans", "Obat", "Alat Kesehatan", "Tenaga Kesehatan", "Rujukan Pasien",
    "Kebakaran", "Banjir", "Tanah Longsor", "Pengungsi", "Ormas", "Pemilu", "Aset Tanah", "Kendaraan Dinas",
    "Perjalanan Dinas", "Rapat", "Arsip Statis", "Naskah Dinas", "Produk Hukum", "Aduan Warga", "Izin Usaha",
    "Izin Bangunan", "Pajak Hotel", "Pajak Restoran", "Pajak Air Tanah", "Retribusi Pasar", "Dana Desa",
    "Anggaran Desa", "Perangkat Desa", "BUMDes", "Kemiskinan", "Harga Komoditas", "Stok Beras", "Limbah B3",
    "Kualitas Udara", "Ruang Terbuka Hijau", "Tata Ruang", "Perumahan", "Pemakaman", "Menara Telekomunikasi",
    "Jaringan Internet Desa", "CCTV", "Pengaduan ASN", "Diklat ASN", "Mutasi Pegawai", "Pensiun Pegawai",
    "Gaji Pegawai", "Tunjangan Kinerja", "Barang Persediaan", "Pengadaan Barang", "Kontrak", "Proyek Fisik",
)

# Generated place names for IPPDs: prefix + suffix ("Sukamaju", "Karangsari").
PLACE_PREFIXES = ("Suka", "Karang", "Sumber", "Tanjung", "Muara", "Bukit", "Tanah", "Batu", "Sungai", "Gunung",
                  "Padang", "Lubuk", "Talang", "Rawa", "Teluk", "Pulau")
PLACE_SUFFIXES = ("maju", "sari", "jaya", "makmur", "rejo", "agung", "baru", "indah", "mulya", "asri", "raya",
                  "lestari", "harapan", "bening", "tinggi", "permai", "wangi", "sejahtera", "mekar", "luhur",
                  "kencana", "damai", "tengah", "timur", "sakti", "utama", "abadi", "bahari", "selatan", "utara",
                  "barat", "hilir", "hulu", "kulon", "wetan", "kidul")
PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu", "Lampung",
    "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta",
    "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara",
    "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo", "Sulawesi Barat", "Maluku",
    "Maluku Utara", "Papua Barat", "Papua Barat Daya", "Papua", "Papua Selatan", "Papua Tengah", "Papua Pegunungan",
)
PROVINCE_CODES = ("11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51",
                  "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "92", "96",
                  "91", "93", "94", "95")

# Values of text attributes by name; enums take the metamodel's values, the rest a generic value.
VALUES: dict[str, tuple[str, ...]] = {
    "ownership": ("Milik Sendiri", "Sewa", "Pinjam Pakai", "Hibah"),
    "developer": ("Diskominfo", "Pihak Ketiga", "Kementerian", "Swakelola OPD"),
    "location": ("Ruang Server Diskominfo", "Pusat Data Daerah", "Gedung Setda Lantai 2", "Ruang Server OPD"),
    "processor": ("Intel Xeon Silver 4210", "Intel Xeon E5-2620 v4", "AMD EPYC 7302", "Intel Xeon Gold 5218"),
    "nature": ("Terbuka", "Terbatas", "Tertutup"),
    "data_type": ("Statistik", "Geospasial", "Keuangan", "Lainnya"),
    "validity": ("Harian", "Bulanan", "Triwulanan", "Tahunan"),
    "target": ("Masyarakat", "Pelaku Usaha", "ASN", "Pemerintah"),
    "method": ("Elektronik", "Hybrid", "Tatap muka"),
    "device_type": ("Router", "Switch", "Access Point", "Firewall", "Load Balancer"),
    "peripheral_type": ("Printer", "Scanner", "UPS", "Proyektor"),
    "cloud_type": ("Pusat Data Nasional", "Cloud Pemda", "Cloud Swasta"),
    "licence_type": ("Open Source", "Komersial", "Berlangganan"),
    "network_type": ("Intra Pemerintah", "Internet", "VPN"),
    "media": ("FO", "WAN", "wireless"),
    "link_type": ("API Gateway", "Enterprise Service Bus", "Web Service"),
    "tier": ("Tier 1", "Tier 2", "Tier 3"),
    "physical_security": ("CCTV dan akses kartu", "Kunci manual", "Biometrik"),
    "access_method": ("NFS", "SMB", "iSCSI", "S3"),
    "audit_type": ("Audit Internal", "Audit Eksternal", "Penilaian Mandiri"),
    "result": ("Sesuai", "Sesuai dengan catatan", "Tidak sesuai"),
    "follow_up": ("Perbaikan konfigurasi", "Pelatihan ulang", "Tidak ada"),
    "usage": ("Aplikasi", "Basis data", "Web", "Cadangan"),
    "software_type": ("Antivirus", "WAF", "SIEM", "IDS/IPS"),
}
PROCESS_VERBS = ("Penyusunan", "Pelaksanaan", "Pengelolaan", "Pelayanan", "Pembinaan", "Pengawasan", "Penetapan")
DATA_PREFIXES = ("Data", "Daftar", "Rekap", "Profil", "Statistik")
SERVICE_PREFIXES = ("Layanan", "Pelayanan")
